//! Tests of the demography capability: reproduction of the ONS 2022-based
//! principal, variant presets against the ONS 2016-based variants, property
//! tests of the accounting, and rejection of bad input.

use ndarray::{Array2, Array3};
use proptest::prelude::*;

use super::assumptions::N_FERTILE_AGES;
use super::*;
use crate::data::{PopulationTable, Sex, MAX_AGE, N_AGES};

fn sum_ages(t: &PopulationTable, year: i32, ages: std::ops::RangeInclusive<usize>) -> f64 {
    ages.flat_map(|a| Sex::ALL.map(|s| t.get(s, a, year).unwrap_or(0.0)))
        .sum()
}

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

// ---- variants against the ONS 2016-based variant files -----------------

/// Change of a group in 2072 relative to its principal, per cent.
fn change_pct(
    variant: &PopulationTable,
    principal: &PopulationTable,
    ages: std::ops::RangeInclusive<usize>,
) -> f64 {
    100.0 * (sum_ages(variant, 2072, ages.clone()) / sum_ages(principal, 2072, ages) - 1.0)
}

fn ours(preset: VariantPreset) -> PopulationTable {
    let a = principal_assumptions().unwrap();
    let s = PopulationSettings {
        variant: Some(preset),
        ..Default::default()
    };
    project(&s.apply(&a).unwrap(), 2072)
        .unwrap()
        .to_population_table(&format!("{preset:?}"))
}

/// Same sign, and within a factor of two of the ONS effect.
fn assert_rough(name: &str, ours: f64, ons: f64) {
    let ratio = ours / ons;
    assert!(
        (0.5..=2.0).contains(&ratio),
        "{name}: ours {ours:+.2}% vs ONS 2016-based {ons:+.2}% (ratio {ratio:.2})"
    );
}

#[test]
fn fertility_and_life_expectancy_presets_move_like_ons_variants() {
    let ons_p = ready_projection("npp2016-ppp").unwrap();
    let our_p = ours(VariantPreset::Principal);
    let all = 0..=MAX_AGE;
    for (preset, ons_name, group) in [
        (VariantPreset::HighFertility, "npp2016-hpp", 0..=15),
        (VariantPreset::LowFertility, "npp2016-lpp", 0..=15),
        (
            VariantPreset::HighLifeExpectancy,
            "npp2016-php",
            85..=MAX_AGE,
        ),
        (
            VariantPreset::LowLifeExpectancy,
            "npp2016-plp",
            85..=MAX_AGE,
        ),
    ] {
        let ons_v = ready_projection(ons_name).unwrap();
        let v = ours(preset);
        assert_rough(
            &format!("{preset:?} total"),
            change_pct(&v, &our_p, all.clone()),
            change_pct(&ons_v, &ons_p, all.clone()),
        );
        assert_rough(
            &format!("{preset:?} ages {group:?}"),
            change_pct(&v, &our_p, group.clone()),
            change_pct(&ons_v, &ons_p, group),
        );
    }
}

#[test]
fn migration_presets_move_like_ons_variants() {
    let ons_p = ready_projection("npp2016-ppp").unwrap();
    let our_p = ours(VariantPreset::Principal);
    let all = 0..=MAX_AGE;
    let ons_zero = change_pct(
        &ready_projection("npp2016-ppz").unwrap(),
        &ons_p,
        all.clone(),
    );
    let our_zero = change_pct(&ours(VariantPreset::ZeroNetMigration), &our_p, all.clone());
    // Zero migration removes what migration adds, so its size scales with
    // the principal's long-run level: 165,000 (2016-based) vs 340,000
    // (2022-based). Per 100,000 of long-run net migration the effects agree
    // within a factor of 1.5.
    let per_100k = (our_zero / 3.40) / (ons_zero / 1.65);
    assert!(
        (0.67..=1.5).contains(&per_100k),
        "zero migration per 100k: {per_100k:.2}"
    );
    // High and low migration, as a share of the zero-migration effect
    // (ONS: 0.44 either side; ours: 0.5 by construction of ±50 %).
    for (preset, ons_name, sign) in [
        (VariantPreset::HighMigration, "npp2016-pph", -1.0),
        (VariantPreset::LowMigration, "npp2016-ppl", 1.0),
    ] {
        let ons_share =
            change_pct(&ready_projection(ons_name).unwrap(), &ons_p, all.clone()) / ons_zero;
        let our_share = change_pct(&ours(preset), &our_p, all.clone()) / our_zero;
        assert!(
            sign * ons_share > 0.0 && sign * our_share > 0.0,
            "{preset:?} direction"
        );
        assert_rough(
            &format!("{preset:?} share of zero-migration effect"),
            our_share,
            ons_share,
        );
    }
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
