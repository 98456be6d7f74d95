use super::*;
use crate::years::FiscalYear;
use ndarray::Array2;
use proptest::prelude::*;

fn ctx<'a>(pop: &'a Array2<f64>, part: &'a Array2<f64>, year: i32, spa: f64) -> YearContext<'a> {
    YearContext {
        year_index: 0,
        year: FiscalYear(year),
        years_after_medium_term: 0,
        long_term_years: 1,
        earnings_growth_share: 0.04,
        cpi_inflation_pct: 2.0,
        population: pop.view(),
        state_pension_age_years: spa,
        participation: part.view(),
        gdp_gbp_bn: 1000.0,
    }
}

fn line(premium_pp: f64) -> StatePension {
    StatePension {
        triple_lock_premium_pp: premium_pp,
        scale: 0.0,
        flat_index: 1.0,
        cpi_index: 1.0,
        cohorts: CohortAmounts::default(),
    }
}

#[test]
fn cohort_amounts_reproduce_the_dwp_average_award() {
    // DWP: 2025-26 spending / caseload = £212.74 a week (data/SOURCES.md).
    let d = Dataset::embedded().unwrap();
    let y = FiscalYear(2025);
    let dwp = d.dwp.get("spending.state_pension", y).unwrap() * 1e9
        / (d.dwp.get("people.state_pension_caseload", y).unwrap() * 1e6)
        / 52.0;
    let j = (2025 - d.population.first_year) as usize;
    let pop = d
        .population
        .persons
        .slice(ndarray::s![.., .., j])
        .to_owned();
    let part = Array2::zeros((2, N_AGES));
    let c = ctx(&pop, &part, 2025, 66.0);
    let (tl, cpi) = volumes(&c, &mut CohortAmounts::default());
    let people: f64 = (0..2)
        .flat_map(|s| (0..N_AGES).map(move |a| (s, a)))
        .map(|(s, a)| pop[[s, a]] * share_over_spa(a, 66.0))
        .sum();
    let ours = (tl + cpi) / people;
    assert!(
        (ours / dwp - 1.0).abs() < 0.02,
        "ours £{ours:.2} vs DWP £{dwp:.2} a week"
    );
    // The CPI-linked part is a small and shrinking share.
    assert!(cpi / (tl + cpi) > 0.03 && cpi / (tl + cpi) < 0.15);
}

#[test]
fn observed_cohorts_get_the_observed_average_and_later_ones_drift_up() {
    for (s, average) in NEW_AVERAGE_GBP_PER_WEEK.iter().enumerate() {
        let at = |reached: f64| {
            NEW_FULL_GBP_PER_WEEK
                * (new_scheme_flat_share(s, reached) + protected_payment_share(reached))
        };
        let observed = at(OBSERVED_COHORTS_REACHED_SPA);
        assert!((observed - average).abs() < 1e-9);
        // Flat entitlement rises until 35 post-2016 years, then stays
        // below the full rate (incomplete records).
        let full_record = new_scheme_flat_share(s, NEW_SCHEME_FROM + FULL_RATE_YEARS);
        assert!(new_scheme_flat_share(s, 2035.0) < full_record);
        assert_eq!(full_record, new_scheme_flat_share(s, 2070.0));
        assert!(full_record < 1.0);
    }
}

#[test]
fn legacy_cohorts_die_out_and_the_premium_is_on_the_triple_locked_part_only() {
    // Additional pension has gone with the pre-2016 cohorts by 2060; what is
    // left CPI-linked is the small protected payment.
    assert!(amounts_gbp_per_week(0, 80, 2060, 67.0).1 < 0.02 * NEW_FULL_GBP_PER_WEEK);
    assert!(amounts_gbp_per_week(0, 80, 2030, 67.0).1 > 40.0);
    let pop = Array2::from_elem((2, N_AGES), 1000.0);
    let part = Array2::zeros((2, N_AGES));
    let c = ctx(&pop, &part, 2030, 67.0);
    let (tl, cpi) = volumes(&c, &mut CohortAmounts::default());
    let mut l = line(1.0);
    l.calibrate(&c, 100.0);
    let next = l.project(&c);
    let expected = 100.0 * (tl * 1.04 * 1.01 + cpi * 1.02) / (tl + cpi);
    assert!((next - expected).abs() < 1e-9);
}

proptest! {
    /// A cohort's CPI-linked part (additional pension, protected payment)
    /// never grows faster than CPI: its amount is fixed when it claims,
    /// whatever the pension age does later.
    #[test]
    fn the_cpi_linked_part_of_a_cohort_grows_with_cpi_only(
        spa_path in prop::collection::vec(65.0f64..70.0, 30),
        age0 in 66usize..90,
        s in 0usize..2,
    ) {
        let mut cohorts = CohortAmounts::default();
        let first = cohorts.get(s, age0, 2030, spa_path[0]);
        for (k, spa) in spa_path.iter().enumerate().skip(1) {
            let now = cohorts.get(s, age0 + k, 2030 + k as i32, *spa);
            prop_assert_eq!(now, first);
        }
    }

    /// The protected payment falls (weakly) with the year of reaching the
    /// pension age and the flat part rises (weakly), never above the rate.
    #[test]
    fn protected_payments_shrink_and_flat_entitlements_rise_by_cohort(
        a in 2000.0f64..2090.0, b in 2000.0f64..2090.0, s in 0usize..2,
    ) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(protected_payment_share(late) <= protected_payment_share(early));
        prop_assert!(new_scheme_flat_share(s, late) >= new_scheme_flat_share(s, early));
        prop_assert!(new_scheme_flat_share(s, late) <= 1.0);
    }
}
