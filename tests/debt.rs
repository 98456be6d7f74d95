//! The debt portfolio and long-run rates: rates relative to growth, the
//! debt feedback on gilt yields, and the half-year convention.

use crate::common::baseline;

use fiscal::model::{project, Phase};

#[test]
fn long_run_rates_can_follow_nominal_gdp_growth() {
    let (mut a, d) = baseline();
    a.rates.convergence_years = 0;
    a.rates.gilt_rate_long_run_over_growth_pp = Some(0.2);
    a.rates.bank_rate_long_run_over_growth_pp = Some(-0.5);
    let p = project(&a, &d).unwrap();
    for y in p.years.iter().filter(|y| y.phase == Phase::Projection) {
        assert!(
            (y.gilt_rate_pct - (y.nominal_gdp_growth_pct + 0.2)).abs() < 1e-9,
            "{}",
            y.year
        );
        assert!(
            (y.bank_rate_pct - (y.nominal_gdp_growth_pct - 0.5)).abs() < 1e-9,
            "{}",
            y.year
        );
    }
}

#[test]
fn debt_feedback_raises_gilt_yields_as_debt_rises_and_zero_changes_nothing() {
    let (mut a, d) = baseline();
    let base = project(&a, &d).unwrap();
    a.rates.gilt_rate_debt_feedback_bp_per_10pp = 0.0;
    assert_eq!(project(&a, &d).unwrap(), base);
    a.rates.gilt_rate_debt_feedback_bp_per_10pp = 30.0;
    let fb = project(&a, &d).unwrap();
    let mt = base
        .years
        .iter()
        .rposition(|y| y.phase == Phase::Efo)
        .unwrap();
    for k in mt + 1..fb.years.len() {
        let expected = base.years[k].gilt_rate_pct
            + 0.3 * (fb.years[k - 1].psnd_pct_gdp - fb.years[mt].psnd_pct_gdp) / 10.0;
        assert!((fb.years[k].gilt_rate_pct - expected).abs() < 1e-9);
    }
    let (b, f) = (base.last().unwrap(), fb.last().unwrap());
    assert!(b.psnd_pct_gdp > base.years[mt].psnd_pct_gdp);
    assert!(
        f.psnd_pct_gdp > b.psnd_pct_gdp,
        "{} vs {}",
        f.psnd_pct_gdp,
        b.psnd_pct_gdp
    );
}

#[test]
fn borrowing_within_a_year_pays_half_a_year_of_interest() {
    // £10bn more borrowing in one long-term year raises that year's
    // interest by about half a year at the marginal rates, not zero.
    let (a, d) = baseline();
    let n = 51;
    let k = 10;
    let mut delta = vec![[0.0; fiscal::model::Spend::N]; n];
    delta[k][0] = 10.0;
    let adj = fiscal::model::Adjustments {
        spend_delta_gbp_bn: delta,
        ..fiscal::model::Adjustments::none()
    };
    let base = project(&a, &d).unwrap();
    let more = fiscal::model::project_with(&a, &d, &adj).unwrap();
    let di = more.years[k].interest_gbp_bn - base.years[k].interest_gbp_bn;
    let rate = base.years[k].gilt_rate_pct / 100.0;
    assert!(di > 0.3 * 10.0 * rate && di < 0.6 * 10.0 * rate, "{di}");
}

#[test]
fn other_debt_measures_follow_the_databank_then_their_conventions() {
    let (a, d) = baseline();
    let p = project(&a, &d).unwrap();
    let mt = p.years.iter().rposition(|y| y.phase == Phase::Efo).unwrap();
    let y = &p.years[mt];
    let db = |s: &str| d.efo.value(s, y.year).unwrap();
    // EFO years: the databank's gaps from PSND, applied to ours.
    let boe_gap = db("databank.psnd") - db("databank.psnd_ex_boe");
    assert!((y.psnd_gbp_bn - y.psnd_ex_boe_gbp_bn - boe_gap).abs() < 1e-9);
    let fl_gap = db("databank.psnd") - db("databank.psnfl");
    assert!((y.psnd_gbp_bn - y.psnfl_gbp_bn - fl_gap).abs() < 1e-9);
    // After: PSNFL's gap grows by the stock-flow adjustment; the BoE's
    // contribution is gone once QT has used up the QE reserves.
    for k in mt + 1..p.years.len() {
        let (prev, cur) = (&p.years[k - 1], &p.years[k]);
        let growth = (cur.psnd_gbp_bn - cur.psnfl_gbp_bn) - (prev.psnd_gbp_bn - prev.psnfl_gbp_bn);
        assert!(
            (growth - cur.stock_flow_gbp_bn).abs() < 1e-9,
            "{}",
            cur.year
        );
    }
    let last = p.last().unwrap();
    assert_eq!(last.psnd_ex_boe_gbp_bn, last.psnd_gbp_bn);
}
