use super::*;
use crate::years::FiscalYear;
use proptest::prelude::*;

fn ctx<'a>(pop: &'a Array2<f64>, part: &'a Array2<f64>, year: i32, spa: f64) -> YearContext<'a> {
    YearContext {
        year_index: 0,
        year: FiscalYear(year),
        years_after_medium_term: 0,
        long_term_years: 45,
        earnings_growth_share: 0.035,
        cpi_inflation_pct: 2.0,
        population: pop.view(),
        state_pension_age_years: spa,
        participation: part.view(),
        gdp_gbp_bn: 3000.0,
    }
}

/// Participation rising from 16 to a plateau and falling after 60.
fn participation() -> Array2<f64> {
    Array2::from_shape_fn((2, N_AGES), |(_, a)| match a {
        0..=15 => 0.0,
        16..=24 => 0.5,
        25..=59 => 0.8,
        60..=69 => 0.3,
        _ => 0.02,
    })
}

fn stationary() -> Array2<f64> {
    Array2::from_shape_fn((2, N_AGES), |(_, a)| if a < 90 { 1000.0 } else { 0.0 })
}

fn line(data: &Dataset) -> Box<dyn LineModel> {
    let a: crate::model::Assumptions =
        toml::from_str(include_str!("../../../../scenarios/baseline.toml")).unwrap();
    model(&a, data).unwrap()
}

#[test]
fn calibration_reproduces_the_level_and_the_employee_share_is_the_efos() {
    let d = Dataset::embedded().unwrap();
    let share = employee_contributions_share(&d, FiscalYear(2030));
    // EFO March 2026 Table 4.13, 2030-31: £16.50bn of £67.17bn.
    assert!((share - 16.50 / 67.17).abs() < 0.002, "{share}");
    let (pop, part) = (stationary(), participation());
    let c = ctx(&pop, &part, 2030, 67.0);
    let mut l = line(&d);
    l.calibrate(&c, 40.0);
    // The steady state, a year on with nothing changed but pay and prices:
    // the line grows, by less than earnings (pensions in payment follow CPI).
    let next = l.project(&ctx(&pop, &part, 2031, 67.0));
    assert!(next > 40.0 && next < 40.0 * 1.035, "{next}");
}

#[test]
fn a_later_pension_age_delays_care_pensions_only() {
    let d = Dataset::embedded().unwrap();
    let (pop, part) = (stationary(), participation());
    let run = |spa: f64| {
        let mut l = line(&d);
        l.calibrate(&ctx(&pop, &part, 2030, 67.0), 40.0);
        (1..=45)
            .map(|k| l.project(&ctx(&pop, &part, 2030 + k, spa)))
            .collect::<Vec<f64>>()
    };
    let (at_67, at_69) = (run(67.0), run(69.0));
    // Within a few years only legacy rights are drawn at 60-65: the same.
    assert!((at_67[2] - at_69[2]).abs() < 0.02 * at_67[2]);
    // Decades on, CARE rights drawn two years later cost less.
    assert!(at_69[44] < at_67[44] * 0.97, "{} {}", at_69[44], at_67[44]);
}

#[test]
fn immigrants_bring_no_rights() {
    let part = participation();
    let pop = stationary();
    let mut r = steady_state_per_head(&ctx(&pop, &part, 2030, 67.0)).scaled_by(pop.view());
    let mut s = r.clone();
    // Twice the population at every age a year later: no rights join them.
    let doubled = &pop * 2.0;
    fn y<'a>(p: &'a Array2<f64>, pop: &'a Array2<f64>, part: &'a Array2<f64>) -> Year<'a> {
        Year {
            year: 2031,
            population: p.view(),
            previous_population: pop.view(),
            members: part.view(),
            previous_members: part.view(),
            pay: 1.0,
            earnings_growth: 0.0,
            cpi: 0.0,
            spa_years: 67.0,
            previous_spa_years: 67.0,
        }
    }
    r.step(&y(&pop, &pop, &part));
    s.step(&y(&doubled, &pop, &part));
    let held = |x: &Rights| x.paid_total() + x.undrawn_total();
    assert!((held(&r) - held(&s)).abs() < 1e-9 * held(&r));
}

#[test]
fn legacy_rights_stop_growing_once_closed() {
    let part = participation();
    let pop = stationary();
    let mut r = steady_state_per_head(&ctx(&pop, &part, 2030, 67.0)).scaled_by(pop.view());
    let legacy = |x: &Rights| x.legacy.active.sum() + x.legacy.deferred.sum();
    let mut last = legacy(&r);
    for k in 1..=46 {
        r.step(&Year {
            year: 2030 + k,
            population: pop.view(),
            previous_population: pop.view(),
            members: (&pop * &part).view(),
            previous_members: (&pop * &part).view(),
            pay: 1.0,
            earnings_growth: 0.0,
            cpi: 0.0,
            spa_years: 67.0,
            previous_spa_years: 67.0,
        });
        let now = legacy(&r);
        assert!(now <= last + 1e-9, "year {k}: {now} after {last}");
        last = now;
    }
    // Everyone with legacy rights has reached 65 and drawn them.
    assert!(last < 1e-9);
}

proptest! {
    /// Stocks are never negative and, with no growth, prices or deaths,
    /// a year moves rights between stocks without creating any but the
    /// year's accrual.
    #[test]
    fn stocks_never_negative_and_no_rights_but_accrual_are_created(
        scale in prop::collection::vec(0.5f64..1.5, N_AGES),
        part_scale in 0.0f64..1.0,
        spa in 60.0f64..72.0,
        next_spa in 60.0f64..72.0,
        year in 2000i32..2060,
    ) {
        let pop = Array2::from_shape_fn((2, N_AGES), |(_, a)| 100.0 * scale[a]);
        let part = participation() * part_scale;
        let mut r = steady_state_per_head(&ctx(&pop, &part, year, spa)).scaled_by(pop.view());
        let members = &pop * &part;
        let before = r.paid_total() + r.undrawn_total();
        r.step(&Year {
            year,
            population: pop.view(),
            previous_population: pop.view(),
            members: members.view(),
            previous_members: members.view(),
            pay: 1.0,
            earnings_growth: 0.0,
            cpi: 0.0,
            spa_years: next_spa,
            previous_spa_years: spa,
        });
        for x in [&r.paid, &r.legacy.active, &r.legacy.deferred, &r.care.active,
                  &r.care.deferred, &r.care_uniformed.active, &r.care_uniformed.deferred] {
            prop_assert!(x.iter().all(|v| *v >= 0.0 && v.is_finite()));
        }
        // Deaths: the cohorts' ratios are capped at 1; with an uneven
        // population some cohorts shrink, so rights can only fall below
        // what was held plus the accrual.
        let after = r.paid_total() + r.undrawn_total();
        prop_assert!(after <= before + members.sum() + 1e-6 * before.max(1.0));
    }
}
