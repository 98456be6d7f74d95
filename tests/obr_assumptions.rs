//! The OBR's long-term assumptions the baseline follows (issue 19), each
//! against its cited source: the State Pension age path, the participation
//! response to a rise in it, the long-run interest and inflation
//! conventions, and the population vintage.

use fiscal::model::project;
use fiscal::scenario::Scenario;
use fiscal::years::FiscalYear;

use crate::common::baseline;

/// The OBR's State Pension age path (docs/model.md, "State Pension age"):
/// 67 over April 2026 - April 2028 (Pensions Act 2014), 68 over April 2037 -
/// April 2039 (DWP State Pension age review, July 2017), 69 over April 2073
/// - April 2075 (the FRS 2026's own path); fiscal-year averages.
const OBR_SPA_PATH: &[(i32, f64)] = &[
    (2025, 66.0),
    (2026, 66.25),
    (2027, 66.75),
    (2028, 67.0),
    (2036, 67.0),
    (2037, 67.25),
    (2038, 67.75),
    (2039, 68.0),
    (2072, 68.0),
    (2073, 68.25),
    (2074, 68.75),
    (2075, 69.0),
];

/// The SPA a projection used in each year of `path`.
fn spa_in(p: &fiscal::model::Projection, year: i32) -> f64 {
    p.year(FiscalYear(year)).unwrap().state_pension_age_years
}

#[test]
fn the_baseline_spa_path_is_the_obrs() {
    let (a, d) = baseline();
    let p = project(&a, &d).unwrap();
    for (year, age) in OBR_SPA_PATH {
        assert_eq!(spa_in(&p, *year), *age, "{}", FiscalYear(*year));
    }
    // Flat between the rises.
    for y in 2028..=2036 {
        assert_eq!(spa_in(&p, y), 67.0);
    }
    for y in 2039..=2072 {
        assert_eq!(spa_in(&p, y), 68.0);
    }
}

#[test]
fn the_legislated_spa_variant_keeps_the_pensions_acts_timetable() {
    let s = Scenario::load(std::path::Path::new("scenarios/legislated_spa.toml")).unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    for (year, age) in [
        (2028, 67.0),
        (2039, 67.0),
        (2043, 67.0),
        (2044, 67.5),
        (2046, 68.0),
        (2075, 68.0),
    ] {
        assert_eq!(spa_in(&p, year), age, "{}", FiscalYear(year));
    }
}
