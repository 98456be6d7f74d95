//! Property tests over random *valid* scenarios anywhere within the ranges
//! the validation documents (docs/scenarios.md, `model::validate`): every
//! scenario the checks accept projects to finite numbers (or a typed
//! error, never a panic), the debt identity holds every year, and the same
//! inputs give identical outputs. And over *any* assumptions, as a library
//! user can build them without a scenario file: `project` validates them
//! itself, so it refuses or projects, never panics.

use std::sync::OnceLock;

use fiscal::data::Dataset;
use fiscal::model::{project, validate, Assumptions};
use fiscal::scenario::Scenario;
use fiscal::FiscalYear;
use proptest::prelude::*;

fn inputs() -> &'static (Assumptions, Dataset) {
    static INPUTS: OnceLock<(Assumptions, Dataset)> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let s = Scenario::default_scenario().unwrap();
        let d = s.dataset().unwrap();
        (s.assumptions, d)
    })
}

/// A percent away from the "looks like a fraction" zone (|v| < 0.1).
fn pct(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|v: f64| if v.abs() < 0.1 { 0.0 } else { v })
}

#[derive(Debug, Clone)]
struct Draw {
    economy: (f64, f64, f64, f64, f64, f64),
    rates: (f64, f64, f64, f64, u32),
    debt: (f64, f64, f64, u32, f64),
    spending: (f64, f64, u32, f64, f64),
    fuel_pp: f64,
    end: i32,
}

fn draws() -> impl Strategy<Value = Draw> {
    (
        (
            pct(-3.0, 6.0),
            pct(-3.0, 15.0),
            pct(-3.0, 15.0),
            -2.0f64..4.0,
            pct(0.0, 30.0),
            0.0f64..1.0,
        ),
        (
            pct(-2.0, 25.0),
            pct(-2.0, 25.0),
            pct(-2.0, 25.0),
            pct(-2.0, 25.0),
            0u32..100,
        ),
        (
            0.0f64..0.5,
            0.0f64..0.5,
            -3.0f64..10.0,
            1u32..60,
            -10.0f64..10.0,
        ),
        (
            -3.0f64..5.0,
            -3.0f64..5.0,
            0u32..150,
            -3.0f64..5.0,
            -3.0f64..5.0,
        ),
        -5.0f64..5.0,
        2031i32..2080,
    )
        .prop_map(|(economy, rates, debt, spending, fuel_pp, end)| Draw {
            economy,
            rates,
            debt,
            spending,
            fuel_pp,
            end,
        })
}

fn scenario(d: &Draw) -> Assumptions {
    let mut a = inputs().0.clone();
    let e = &mut a.economy;
    (
        e.productivity_growth_pct,
        e.gdp_deflator_growth_pct,
        e.cpi_inflation_pct,
        e.rpi_cpi_wedge_pp,
        e.unemployment_rate_pct,
        e.centred_gdp_next_year_weight_share,
    ) = d.economy;
    let r = &mut a.rates;
    (
        r.bank_rate_medium_term_pct,
        r.gilt_rate_medium_term_pct,
        r.bank_rate_long_run_pct,
        r.gilt_rate_long_run_pct,
        r.convergence_years,
    ) = d.rates;
    let b = &mut a.debt;
    let other_sfa;
    (
        b.index_linked_share,
        b.floating_rate_share,
        b.index_linked_real_yield_pct,
        b.new_issuance_average_maturity_years,
        other_sfa,
    ) = d.debt;
    b.other_stock_flow_pct_gdp = Some(other_sfa);
    let s = &mut a.spending;
    (
        s.health_other_cost_pressures_start_pp,
        s.health_other_cost_pressures_end_pp,
        s.health_other_cost_pressures_taper_years,
        s.adult_social_care_cost_premium_pp,
        s.triple_lock_premium_pp,
    ) = d.spending;
    a.receipts.fuel_duty_change_by_end_pp_gdp = d.fuel_pp;
    a.horizon.end_year = FiscalYear(d.end);
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_scenarios_project_to_finite_numbers_that_add_up(draw in draws()) {
        let a = scenario(&draw);
        let d = &inputs().1;
        prop_assume!(validate::check(&a).is_empty() && validate::check_data(&a, d).is_empty());
        // Extreme but valid: a typed error naming the year is acceptable,
        // a panic or a non-finite number shown as success is not.
        let Ok(p) = project(&a, d) else { return Ok(()) };
        let mut debt_prev = p.opening_psnd_gbp_bn;
        for y in &p.years {
            prop_assert_eq!(y.first_non_finite(), None, "{}", y.year);
            let stock = debt_prev + y.psnb_gbp_bn + y.stock_flow_gbp_bn;
            prop_assert!(
                (stock - y.psnd_gbp_bn).abs() <= 1e-9 * y.psnd_gbp_bn.abs().max(1.0),
                "{}: {} vs {}", y.year, stock, y.psnd_gbp_bn
            );
            let psnb = y.ps_interest_gbp_bn() - y.primary_balance_gbp_bn;
            prop_assert!((y.psnb_gbp_bn - psnb).abs() <= 1e-9 * psnb.abs().max(1.0));
            debt_prev = y.psnd_gbp_bn;
        }
        prop_assert_eq!(p.years.len() as i32, a.horizon.base_year.years_until(a.horizon.end_year) + 1);
    }

    #[test]
    fn the_same_scenario_gives_identical_output(draw in draws()) {
        let a = scenario(&draw);
        let d = &inputs().1;
        prop_assume!(validate::check(&a).is_empty() && validate::check_data(&a, d).is_empty());
        let first = project(&a, d).map(|p| serde_json::to_string(&p).unwrap_or_default());
        let again = project(&a, d).map(|p| serde_json::to_string(&p).unwrap_or_default());
        match (first, again) {
            (Ok(x), Ok(y)) => prop_assert_eq!(x, y),
            (Err(x), Err(y)) => prop_assert_eq!(x.to_string(), y.to_string()),
            _ => prop_assert!(false, "one run failed, the other did not"),
        }
    }
}

/// Any number at all, mostly outside the documented ranges: NaN, the
/// infinities, huge and negative values, and some ordinary ones.
fn wild_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        -1.0e9f64..1.0e9,
        -10.0f64..40.0,
        any::<f64>(),
    ]
}

#[derive(Debug, Clone)]
struct Wild {
    numbers: Vec<f64>,
    counts: (u32, u32, u32),
    years: (i32, i32, i32),
}

fn wild() -> impl Strategy<Value = Wild> {
    (
        proptest::collection::vec(wild_number(), 16),
        (any::<u32>(), any::<u32>(), any::<u32>()),
        (1990i32..2040, 1985i32..2050, 1900i32..2300),
    )
        .prop_map(|(numbers, counts, years)| Wild {
            numbers,
            counts,
            years,
        })
}

/// The default scenario with every drawn value written in without any
/// check: horizons in any order, rates and shares of any size or sign.
fn wild_scenario(w: &Wild) -> Assumptions {
    let mut a = inputs().0.clone();
    let n = |i: usize| w.numbers.get(i).copied().unwrap_or(0.0);
    let e = &mut a.economy;
    e.productivity_growth_pct = n(0);
    e.gdp_deflator_growth_pct = n(1);
    e.cpi_inflation_pct = n(2);
    e.rpi_cpi_wedge_pp = n(3);
    e.unemployment_rate_pct = n(4);
    e.centred_gdp_next_year_weight_share = n(5);
    let r = &mut a.rates;
    r.bank_rate_medium_term_pct = n(6);
    r.gilt_rate_medium_term_pct = n(7);
    r.bank_rate_long_run_pct = n(8);
    r.gilt_rate_long_run_pct = n(9);
    r.convergence_years = w.counts.0;
    let b = &mut a.debt;
    b.index_linked_share = n(10);
    b.floating_rate_share = n(11);
    b.index_linked_real_yield_pct = n(12);
    b.new_issuance_average_maturity_years = w.counts.1;
    b.other_stock_flow_pct_gdp = Some(n(13));
    a.spending.health_other_cost_pressures_taper_years = w.counts.2;
    a.spending.triple_lock_premium_pp = n(14);
    a.receipts.fuel_duty_change_by_end_pp_gdp = n(15);
    let (base, mt_end, end) = w.years;
    a.horizon.base_year = FiscalYear(base);
    a.horizon.medium_term_end = FiscalYear(mt_end);
    a.horizon.end_year = FiscalYear(end);
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Assumptions that skipped every check (as a library user can build
    /// them) never make `project` panic: what validation refuses comes back
    /// as a bad-input error naming the fields, anything else projects to
    /// finite numbers or a typed error.
    #[test]
    fn project_never_panics_on_assumptions_that_skipped_validation(w in wild()) {
        let a = wild_scenario(&w);
        let d = &inputs().1;
        let problems = validate::check(&a).len() + validate::check_data(&a, d).len();
        match project(&a, d) {
            Ok(p) => {
                prop_assert_eq!(problems, 0);
                for y in &p.years {
                    prop_assert_eq!(y.first_non_finite(), None, "{}", y.year);
                }
            }
            Err(e) if problems > 0 => {
                prop_assert!(e.is_bad_input(), "{e}");
                prop_assert!(e.to_string().starts_with("the assumptions are not valid"), "{e}");
            }
            // Valid but extreme: a typed error naming the year.
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn a_run_refuses_assumptions_edited_into_an_impossible_horizon() {
    let mut s = Scenario::default_scenario().unwrap();
    s.assumptions.horizon.end_year = FiscalYear(2020);
    let e = fiscal::Run::project(s).unwrap_err();
    assert!(e.is_bad_input(), "{e}");
    assert!(
        e.diagnostics()
            .iter()
            .any(|d| d.field.as_deref() == Some("horizon.end_year")),
        "{e}: {:?}",
        e.diagnostics()
    );
}
