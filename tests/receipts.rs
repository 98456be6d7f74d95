//! Receipts conventions after the medium term.

use fiscal::model::{project, Phase, Receipt, TobaccoDutyPath};
use fiscal::scenario::Scenario;
use fiscal::years::FiscalYear;

#[test]
fn fuel_duty_erodes_to_zero_by_its_year_or_is_held() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let mut a = s.assumptions.clone();
    assert_eq!(a.receipts.fuel_duty_zero_by, Some(FiscalYear(2050)));
    let p = project(&a, &d).unwrap();
    let mt = p.years.iter().rposition(|y| y.phase == Phase::Efo).unwrap();
    let share = |p: &fiscal::model::Projection, k: usize| {
        p.years[k].pct_gdp(p.years[k].receipt(Receipt::FuelDuty))
    };
    let mt_share = share(&p, mt);
    // Halfway (2040-41): half the 2030-31 share; from 2050-51: nothing.
    let half = p
        .years
        .iter()
        .position(|y| y.year == FiscalYear(2040))
        .unwrap();
    assert!((share(&p, half) - mt_share / 2.0).abs() < 1e-9);
    let zero = p
        .years
        .iter()
        .position(|y| y.year == FiscalYear(2050))
        .unwrap();
    assert!(p.years[zero..]
        .iter()
        .all(|y| y.receipt(Receipt::FuelDuty) == 0.0));
    a.receipts.fuel_duty_zero_by = None;
    let held = project(&a, &d).unwrap();
    for k in mt + 1..held.years.len() {
        assert!((share(&held, k) - mt_share).abs() < 1e-9);
    }
    assert!(held.last().unwrap().psnd_pct_gdp < p.last().unwrap().psnd_pct_gdp);
}

#[test]
fn tobacco_duty_is_the_efos_and_then_falls_in_cash_or_is_held() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let mut a = s.assumptions.clone();
    assert_eq!(a.receipts.tobacco_duty_path, TobaccoDutyPath::Decline);
    let p = project(&a, &d).unwrap();
    let efo = |series: &str, y| d.efo.value(series, y).unwrap();
    // EFO years: tobacco is the EFO's tobacco duties, and consumption taxes
    // plus tobacco are the EFO's VAT plus alcohol and tobacco, so totals
    // are unchanged.
    for y in p.years.iter().filter(|y| y.phase == Phase::Efo) {
        let tobacco = y.receipt(Receipt::TobaccoDuty);
        assert!((tobacco - efo("receipts.detail.tobacco_duties", y.year)).abs() < 1e-9);
        let both = y.receipt(Receipt::ConsumptionTaxes) + tobacco;
        let want = efo("receipts.vat", y.year) + efo("receipts.alcohol_tobacco", y.year);
        assert!((both - want).abs() < 1e-9, "{}: {both} vs {want}", y.year);
    }
    // The default rate is the EFO's own cash trend over its last five years.
    let (first, last) = (FiscalYear(2025), FiscalYear(2030));
    let trend_pct = 100.0
        * (1.0
            - (efo("receipts.detail.tobacco_duties", last)
                / efo("receipts.detail.tobacco_duties", first))
            .powf(0.2));
    assert!((a.receipts.tobacco_duty_cash_decline_pct_a_year - trend_pct).abs() < 0.05);
    // After: cash falls by the rate each year.
    let mt = p.years.iter().rposition(|y| y.phase == Phase::Efo).unwrap();
    let rate = a.receipts.tobacco_duty_cash_decline_pct_a_year / 100.0;
    for k in mt + 1..p.years.len() {
        let (before, now) = (
            p.years[k - 1].receipt(Receipt::TobaccoDuty),
            p.years[k].receipt(Receipt::TobaccoDuty),
        );
        assert!((now - before * (1.0 - rate)).abs() < 1e-9);
    }
    // "hold" keeps the 2030-31 share of GDP, and lowers the debt path.
    a.receipts.tobacco_duty_path = TobaccoDutyPath::Hold;
    let held = project(&a, &d).unwrap();
    let share = |p: &fiscal::model::Projection, k: usize| {
        p.years[k].pct_gdp(p.years[k].receipt(Receipt::TobaccoDuty))
    };
    for k in mt + 1..held.years.len() {
        assert!((share(&held, k) - share(&p, mt)).abs() < 1e-9);
    }
    assert!(held.last().unwrap().psnd_pct_gdp < p.last().unwrap().psnd_pct_gdp);
}

#[test]
fn docs_list_the_receipts_lines_in_output_order() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/output.md")).unwrap();
    let from = text.find("receipts\n`income_tax`").unwrap();
    let mut at = from;
    for line in Receipt::ALL {
        let key = format!("`{}`", line.key());
        let found = text[at..].find(&key);
        assert!(
            found.is_some(),
            "{key} missing or out of order in docs/output.md"
        );
        at += found.unwrap_or(0) + key.len();
    }
}
