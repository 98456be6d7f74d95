//! Tests of the demography capability: reproduction of the ONS 2022-based
//! principal, variant presets against the ONS 2016-based variants, property
//! tests of the accounting, and rejection of bad input.

use ndarray::{Array2, Array3};
use proptest::prelude::*;

use super::assumptions::N_FERTILE_AGES;
use super::embedded::{ready_projection, ready_projection_from_text, READY_PROJECTIONS};
use super::projection::DemographicProjection;
use super::reproduce::reproduce_npp2022;
use super::*;
use crate::data::{Sex, MAX_AGE, N_AGES};

/// Synthetic assumptions: flat base population, the given rates everywhere.
fn flat(n: usize, pop: f64, q: f64, f: f64, m: f64) -> DemographicAssumptions {
    DemographicAssumptions {
        base_year: 2000,
        base_population_persons: Array2::from_elem((2, N_AGES), pop),
        fertility_births_per_woman: Array2::from_elem((N_FERTILE_AGES, n), f),
        mortality_q: Array3::from_elem((2, N_AGES, n), q),
        birth_year_mortality_q: Array2::from_elem((2, n), q / 2.0),
        net_migration_persons: Array3::from_elem((2, N_AGES, n), m),
        sex_ratio_males_per_female: 1.05,
    }
}

// ---- reproduction -------------------------------------------------------

#[test]
fn reproduces_ons_2022_principal() {
    let r = reproduce_npp2022().unwrap();
    assert!(
        r.max_total_error_pct < 0.05,
        "UK total off by {}%",
        r.max_total_error_pct
    );
    assert!(
        r.max_cell_error_pct < 0.5,
        "worst cell off by {}%: {:?}",
        r.max_cell_error_pct,
        r.rows.last()
    );
    // Rows: every year's total, then the ten worst cells.
    assert_eq!(r.rows.iter().filter(|x| x.item == "UK total").count(), 101);
    assert_eq!(r.rows.len(), 111);
    let base = &r.rows[0];
    assert_eq!((base.year, base.published), (2022, 67_602_761.0));
}

#[test]
fn principal_summary_matches_ons_headlines() {
    let a = principal_assumptions().unwrap();
    let p = project(&a, 2072).unwrap();
    let rows = p.summary(&SpaPath::legislated());
    let r2072 = rows.last().unwrap();
    assert_eq!(r2072.year, 2072);
    // ONS bulletin: 80.35 million in mid-2072; long-run NIM 340,000.
    assert!((r2072.population_persons / 1e6 - 80.35).abs() < 0.01);
    let r2030 = &rows[8];
    assert!((r2030.net_migration_persons.unwrap() - 340_000.0).abs() < 1.0);
    // Long-run TFR 1.45 and rising period life expectancy.
    assert!((rows[40].tfr_children_per_woman.unwrap() - 1.45).abs() < 0.01);
    let e0 = |i: usize| rows[i].life_expectancy_at_birth_male_years.unwrap();
    assert!(e0(0) > 78.0 && e0(0) < 80.0 && e0(49) > e0(0) + 4.0);
    assert!(r2072.old_age_dependency_ratio_per_1000 > rows[0].old_age_dependency_ratio_per_1000);
    let groups = r2072.aged_0_15_persons + r2072.aged_16_64_persons + r2072.aged_65_plus_persons;
    assert!((groups - r2072.population_persons).abs() < 1e-3);
    assert!(
        (r2072.working_age_persons + r2072.pension_age_persons + r2072.aged_0_15_persons
            - r2072.population_persons)
            .abs()
            < 1e-3
    );
}

// ---- variants against the ONS 2022-based published totals -------------

fn ours(preset: VariantPreset) -> DemographicProjection {
    let a = principal_assumptions().unwrap();
    let s = PopulationSettings {
        variant: Some(preset),
        ..Default::default()
    };
    project(&s.apply(&a).unwrap(), 2072).unwrap()
}

/// ONS 2022-based variants, UK population in millions at mid-2032 and
/// mid-2047 as published (shared/reference/ons_npp2022_variants.csv, from
/// the ONS bulletin of 28 January 2025). The presets are defined by the ONS
/// assumptions, not sized to these totals.
const ONS_2022_VARIANT_TOTALS_M: [(VariantPreset, f64, f64); 7] = [
    (VariantPreset::Principal, 72.5, 76.6),
    (VariantPreset::HighMigration, 73.8, 81.4),
    (VariantPreset::LowMigration, 71.0, 70.8),
    (VariantPreset::HighFertility, 73.0, 78.4),
    (VariantPreset::LowFertility, 71.9, 74.5),
    (VariantPreset::HighLifeExpectancy, 72.5, 76.8),
    (VariantPreset::LowLifeExpectancy, 72.5, 76.2),
];

#[test]
fn variants_match_ons_2022_based_totals() {
    for (preset, m2032, m2047) in ONS_2022_VARIANT_TOTALS_M {
        let p = ours(preset);
        for (year, published) in [(2032, m2032), (2047, m2047)] {
            let got = p.total(year).unwrap() / 1e6;
            let off_pct = 100.0 * (got / published - 1.0);
            assert!(
                off_pct.abs() <= 0.3,
                "{preset:?} {year}: ours {got:.3} m vs ONS {published} m ({off_pct:+.2} %)"
            );
        }
    }
}

#[test]
fn variants_change_the_ons_assumptions() {
    let a = principal_assumptions().unwrap();
    let apply = |v| {
        PopulationSettings {
            variant: Some(v),
            ..Default::default()
        }
        .apply(&a)
        .unwrap()
    };
    let j2047 = (2047 - a.base_year) as usize;
    let hp = apply(VariantPreset::HighPopulation);
    let lp = apply(VariantPreset::LowPopulation);
    // Fertility 1.65 / 1.25 by 2047, the principal's 1.45 ± 0.2 (the
    // embedded UK principal's own 2047 TFR is 1.447: the ONS's 1.45 is
    // rounded); net migration
    // 525,000 / 120,000 from the year ending mid-2028; the first year as the
    // principal.
    assert!((a.tfr(j2047) - 1.45).abs() < 0.005, "{}", a.tfr(j2047));
    assert!((hp.tfr(j2047) - (a.tfr(j2047) + 0.2)).abs() < 1e-9);
    assert!((lp.tfr(j2047) - (a.tfr(j2047) - 0.2)).abs() < 1e-9);
    assert!((a.net_migration_total(5) - 340_000.0).abs() < 100.0);
    assert!((hp.net_migration_total(5) - (a.net_migration_total(5) + 185_000.0)).abs() < 1e-6);
    assert!((lp.net_migration_total(40) - (a.net_migration_total(40) - 220_000.0)).abs() < 1e-6);
    assert!((hp.net_migration_total(0) - a.net_migration_total(0)).abs() < 1e-6);
    // Improvement 1.5 % / 0.5 % a year at ages 0-90 from 2047.
    for (v, pct) in [(&hp, 1.5), (&lp, 0.5)] {
        for age in [0, 40, 70, 90] {
            let q = |j: usize| v.mortality_q[[0, age, j]];
            let r = 100.0 * (1.0 - q(j2047 + 10) / q(j2047 + 9));
            let rp = 100.0
                * (1.0 - a.mortality_q[[0, age, j2047 + 10]] / a.mortality_q[[0, age, j2047 + 9]]);
            assert!(
                (r - rp - (pct - 1.1)).abs() < 1e-6,
                "age {age}: {r} vs {rp}"
            );
        }
    }
    // High and low population are exactly the three single variants combined.
    let combined = PopulationSettings {
        tfr_children_per_woman: Some(a.tfr(j2047) + 0.2),
        tfr_target_year: Some(2047),
        tfr_difference_phase_in_years: Some(8),
        mortality_improvement_long_term_pct: Some(1.5),
        ..VariantPreset::HighMigration.settings(&a)
    };
    assert_eq!(combined.apply(&a).unwrap(), hp);
    // Ordering of the totals.
    let t = |v| ours(v).total(2072).unwrap();
    assert!(t(VariantPreset::LowPopulation) < t(VariantPreset::LowMigration));
    assert!(t(VariantPreset::HighPopulation) > t(VariantPreset::HighMigration));
}

#[test]
fn settings_change_what_they_say() {
    let a = principal_assumptions().unwrap();
    let s: PopulationSettings = toml::from_str(
        "tfr_children_per_woman = 1.8\ntfr_target_year = 2040\nnet_migration_persons = 200000\nnet_migration_from_year = 2030\nlife_expectancy_shift_years = 2.0\nlife_expectancy_target_year = 2072",
    )
    .unwrap();
    let v = s.apply(&a).unwrap();
    assert!((v.tfr(18) - 1.8).abs() < 1e-9 && (v.tfr(60) - 1.8).abs() < 1e-9);
    assert!(
        (v.tfr(0) - a.tfr(0)).abs() < 1e-12,
        "TFR starts from the principal"
    );
    assert!((v.net_migration_total(8) - 200_000.0).abs() < 1e-6);
    assert!((v.net_migration_total(7) - a.net_migration_total(7)).abs() < 1e-6);
    let p = project(&v, 2073).unwrap();
    let q = project(&a, 2073).unwrap();
    let e0 = |p: &DemographicProjection| {
        (p.life_expectancy_at_birth_years[[0, 50]] + p.life_expectancy_at_birth_years[[1, 50]])
            / 2.0
    };
    assert!((e0(&p) - e0(&q) - 2.0).abs() < 1e-6);
    // By-year path: straight lines between points.
    let s: PopulationSettings =
        toml::from_str("[net_migration_persons_by_year]\n2030 = 300000\n2040 = 100000").unwrap();
    let v = s.apply(&a).unwrap();
    assert!((v.net_migration_total(13) - 200_000.0).abs() < 1e-6);
    assert!((v.net_migration_total(60) - 100_000.0).abs() < 1e-6);
}

#[test]
fn settings_reject_unknown_fields_conflicts_and_bad_ranges() {
    assert!(toml::from_str::<PopulationSettings>("net_migration = 1").is_err());
    assert!(toml::from_str::<PopulationSettings>("variant = \"very-high\"").is_err());
    let s: PopulationSettings = toml::from_str("variant = \"zero-net-migration\"").unwrap();
    assert_eq!(s.variant, Some(VariantPreset::ZeroNetMigration));
    let a = principal_assumptions().unwrap();
    let s: PopulationSettings =
        toml::from_str("projection = \"npp2016-ppp\"\ntfr_children_per_woman = 2").unwrap();
    assert!(s
        .choice()
        .unwrap_err()
        .to_string()
        .contains("cannot be combined"));
    let s: PopulationSettings = toml::from_str("tfr_children_per_woman = 22").unwrap();
    assert!(s
        .apply(&a)
        .unwrap_err()
        .to_string()
        .contains("tfr_children_per_woman"));
    let s: PopulationSettings = toml::from_str("projection = \"npp1999\"").unwrap();
    assert!(matches!(
        s.choice(),
        Err(DemographyError::UnknownProjection { .. })
    ));
    let s: PopulationSettings = toml::from_str("projection = \"my/pop.csv\"").unwrap();
    assert_eq!(
        s.choice().unwrap(),
        PopulationChoice::File("my/pop.csv".into())
    );
}

#[test]
fn ready_projections_load_and_run_through_settings() {
    for (name, _, _) in READY_PROJECTIONS {
        let t = ready_projection(name).unwrap();
        assert!(t.total(t.first_year).unwrap() > 60e6, "{name}");
        assert!(t.last_year() >= 2039, "{name}");
    }
    let s = PopulationSettings {
        projection: Some("npp2016-php".into()),
        ..Default::default()
    };
    let out = population_from_settings(&s, 2072, None).unwrap();
    assert!(matches!(out, PopulationOutcome::Ready(_)));
    let s = PopulationSettings::default();
    let out = population_from_settings(&s, 2030, None).unwrap();
    assert_eq!(out.table().last_year(), 2030);
    let rows = projection::summary_of_table(
        &ready_projection("npp2016-ppp").unwrap(),
        &SpaPath::legislated(),
    );
    assert_eq!(rows[0].year, 2016);
    assert!(rows[0].births_persons.is_none());
}

// ---- bad input ----------------------------------------------------------

#[test]
fn rejects_rates_outside_unit_interval() {
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.mortality_q[[1, 40, 2]] = 1.2;
    let e = project(&a, 2005).unwrap_err();
    assert!(
        matches!(e, DemographyError::RateOutOfRange { year: 2002, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("female aged 40"), "{e}");
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.fertility_births_per_woman[[0, 0]] = 95.0; // per 1,000 by mistake
    let e = project(&a, 2005).unwrap_err();
    assert!(e.to_string().contains("per 1,000"), "{e}");
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.birth_year_mortality_q[[0, 1]] = -0.1;
    assert!(matches!(
        project(&a, 2005),
        Err(DemographyError::RateOutOfRange { .. })
    ));
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.mortality_q[[0, 3, 3]] = f64::NAN;
    assert!(matches!(
        project(&a, 2005),
        Err(DemographyError::RateOutOfRange { .. })
    ));
}

#[test]
fn rejects_negative_counts_and_bad_numbers() {
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.base_population_persons[[0, 7]] = -3.0;
    let e = project(&a, 2005).unwrap_err();
    assert!(
        matches!(e, DemographyError::NegativeCount { .. }) && e.to_string().contains("male aged 7"),
        "{e}"
    );
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.net_migration_persons[[0, 7, 1]] = f64::INFINITY;
    assert!(matches!(
        project(&a, 2005),
        Err(DemographyError::NotFinite { .. })
    ));
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.sex_ratio_males_per_female = 0.0;
    assert!(matches!(
        project(&a, 2005),
        Err(DemographyError::Settings(_))
    ));
}

#[test]
fn rejects_missing_ages_and_years() {
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.base_population_persons = Array2::from_elem((2, 100), 1.0);
    let e = project(&a, 2005).unwrap_err();
    assert!(
        matches!(
            e,
            DemographyError::Shape {
                what: "base population",
                ..
            }
        ),
        "{e}"
    );
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.net_migration_persons = Array3::zeros((2, N_AGES, 4));
    assert!(matches!(
        project(&a, 2004),
        Err(DemographyError::Shape {
            what: "net migration",
            ..
        })
    ));
    let mut a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    a.fertility_births_per_woman = Array2::zeros((30, 5));
    assert!(matches!(
        project(&a, 2004),
        Err(DemographyError::Shape {
            what: "fertility rates",
            ..
        })
    ));
    let a = flat(5, 1000.0, 0.01, 0.05, 0.0);
    for year in [1999, 2006] {
        let e = project(&a, year).unwrap_err();
        assert!(
            matches!(
                e,
                DemographyError::YearRange {
                    first: 2000,
                    last: 2005,
                    ..
                }
            ),
            "{e}"
        );
    }
    assert!(project(&a, 2000).is_ok());
}

#[test]
fn rejects_bad_tables() {
    let base = "sex,age,2022\n".to_string()
        + &Sex::ALL
            .iter()
            .flat_map(|s| (0..N_AGES).map(move |a| format!("{},{a},100\n", s.name())))
            .collect::<String>();
    let asfr =
        "age,2022\n".to_string() + &(15..=46).map(|a| format!("{a},0.05\n")).collect::<String>();
    let rows = |v: &str, birth: bool| {
        let mut t = "sex,age,2022\n".to_string();
        for s in Sex::ALL {
            if birth {
                t += &format!("{},birth,{v}\n", s.name());
            }
            for a in 0..N_AGES {
                t += &format!("{},{a},{v}\n", s.name());
            }
        }
        t
    };
    let (mort, mig) = (rows("0.01", true), rows("10", false));
    assert!(embedded::parse_assumptions(&base, &asfr, &mort, &mig).is_ok());
    let e = embedded::parse_assumptions(&base, &asfr.replace("30,0.05\n", ""), &mort, &mig)
        .unwrap_err();
    assert!(e.to_string().contains("age 30"), "{e}");
    let e = embedded::parse_assumptions(
        &base,
        &asfr,
        &mort.replace("\nmale,birth,0.01\n", "\n"),
        &mig,
    )
    .unwrap_err();
    assert!(e.to_string().contains("birth"), "{e}");
    let e = embedded::parse_assumptions(&base, &asfr, &rows("1.5", true), &mig).unwrap_err();
    assert!(matches!(e, DemographyError::RateOutOfRange { .. }), "{e}");
    let e = embedded::parse_assumptions(&base, &asfr.replace("age,2022", "age,2023"), &mort, &mig)
        .unwrap_err();
    assert!(e.to_string().contains("base year 2022"), "{e}");
    let e = ready_projection_from_text("x.csv", "sex,age,2022\nmale,0,1\n").unwrap_err();
    assert!(e.to_string().contains("missing row"), "{e}");
}

// ---- properties ---------------------------------------------------------

fn base_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0..1e5f64, 2 * N_AGES)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_events_means_cohorts_age_intact(base in base_strategy(), n in 1usize..30) {
        let mut a = flat(n, 0.0, 0.0, 0.0, 0.0);
        a.base_population_persons = Array2::from_shape_vec((2, N_AGES), base).unwrap();
        let p = project(&a, 2000 + n as i32).unwrap();
        for s in 0..2 {
            for j in 0..n {
                prop_assert_eq!(p.population_persons[[s, 0, j + 1]], 0.0);
                for age in 0..MAX_AGE - 1 {
                    prop_assert_eq!(p.population_persons[[s, age + 1, j + 1]], p.population_persons[[s, age, j]]);
                }
                let open = p.population_persons[[s, MAX_AGE - 1, j]] + p.population_persons[[s, MAX_AGE, j]];
                prop_assert!((p.population_persons[[s, MAX_AGE, j + 1]] - open).abs() <= 1e-9 * open.max(1.0));
            }
        }
        let t0 = p.total(2000).unwrap();
        prop_assert!((p.total(2000 + n as i32).unwrap() - t0).abs() <= 1e-9 * t0.max(1.0));
    }

    #[test]
    fn population_never_negative(
        base in base_strategy(),
        q in 0.0..=1.0f64,
        f in 0.0..0.3f64,
        m in prop::collection::vec(-2e5..2e5f64, 2 * N_AGES),
    ) {
        let n = 20;
        let mut a = flat(n, 0.0, q, f, 0.0);
        a.base_population_persons = Array2::from_shape_vec((2, N_AGES), base).unwrap();
        let mig = Array2::from_shape_vec((2, N_AGES), m).unwrap();
        for j in 0..n {
            a.net_migration_persons.slice_mut(ndarray::s![.., .., j]).assign(&mig);
        }
        let p = project(&a, 2000 + n as i32).unwrap();
        prop_assert!(p.population_persons.iter().all(|v| *v >= 0.0 && v.is_finite()));
        prop_assert!(p.births_persons.iter().all(|v| *v >= 0.0));
        prop_assert!(p.deaths_persons.iter().all(|v| *v >= 0.0));
    }

    #[test]
    fn more_migration_never_lowers_the_total(
        base in base_strategy(),
        q in 0.0..=1.0f64,
        f in 0.0..0.3f64,
        m in prop::collection::vec(-2e4..2e4f64, 2 * N_AGES),
        extra in prop::collection::vec(0.0..1e4f64, 2 * N_AGES),
    ) {
        let n = 20;
        let mut a = flat(n, 0.0, q, f, 0.0);
        a.base_population_persons = Array2::from_shape_vec((2, N_AGES), base).unwrap();
        let mig = Array2::from_shape_vec((2, N_AGES), m).unwrap();
        let more = &mig + &Array2::from_shape_vec((2, N_AGES), extra).unwrap();
        let mut b = a.clone();
        for j in 0..n {
            a.net_migration_persons.slice_mut(ndarray::s![.., .., j]).assign(&mig);
            b.net_migration_persons.slice_mut(ndarray::s![.., .., j]).assign(&more);
        }
        let (pa, pb) = (project(&a, 2020).unwrap(), project(&b, 2020).unwrap());
        for y in 2000..=2020 {
            let (ta, tb) = (pa.total(y).unwrap(), pb.total(y).unwrap());
            prop_assert!(tb >= ta - 1e-6 * ta.max(1.0), "{} {} {}", y, ta, tb);
        }
    }

    #[test]
    fn higher_net_migration_setting_never_lowers_the_total(l1 in -1e5..8e5f64, dl in 0.0..5e5f64) {
        let a = principal_assumptions().unwrap().truncated(50);
        let run = |l: f64| {
            let s = PopulationSettings { net_migration_persons: Some(l), ..Default::default() };
            project(&s.apply(&a).unwrap(), 2072).unwrap()
        };
        let (pa, pb) = (run(l1), run(l1 + dl));
        for y in 2022..=2072 {
            prop_assert!(pb.total(y).unwrap() >= pa.total(y).unwrap() - 1e-6);
        }
    }
}

/// The ONS 2024-based principal rebuilt from its published TFR, life
/// expectancy and net migration (model::demography::npp2024): the UK total
/// within 0.3 % of the published one in every published year, 2024-2075.
#[test]
fn npp2024_principal_totals_within_0_3_pct_every_year() {
    let a = super::npp2024::principal_2024().unwrap();
    let t = super::npp2024::totals().unwrap();
    let p = project(a, super::npp2024::LAST_PUBLISHED_YEAR).unwrap();
    let years = t.years("population");
    assert_eq!(years.first(), Some(&2024));
    assert_eq!(years.last(), Some(&2075));
    assert_eq!(years.len(), 52);
    for y in years {
        let published = t.get("population", y).unwrap();
        let ours = p.total(y).unwrap();
        let err = 100.0 * (ours / published - 1.0);
        assert!(
            err.abs() < 0.3,
            "{y}: {ours:.0} vs {published:.0} ({err:+.3} %)"
        );
    }
    // The published assumptions are met year by year.
    for j in 0..51 {
        let y = 2025 + j as i32;
        assert!((a.tfr(j) - t.get("tfr", y).unwrap()).abs() < 1e-9, "{y}");
        assert!(
            (a.net_migration_total(j) - t.get("net_migration", y).unwrap()).abs() < 1e-6,
            "{y}"
        );
        assert!(
            (p.life_expectancy_at_birth_years[[0, j]] - t.get("e0_male", y).unwrap()).abs() < 1e-6,
            "{y}"
        );
    }
}
