//! Receipts conventions after the medium term.

use fiscal::model::{project, Phase, Receipt};
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
