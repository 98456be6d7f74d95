//! The indicators by replaying the debt against the indicators by
//! re-running the whole projection (the method before the replay): the
//! replayed debt path equals the re-projected one to the bit, and every
//! headline indicator agrees well within 0.001 pp.

use fiscal::data::Dataset;
use fiscal::model::adjustments::RateShock;
use fiscal::model::indicators::{GapSolver, GapSpec, Profile};
use fiscal::model::{
    intervention_adjustments, project_recorded, project_with, Adjustments, Assumptions, DebtRow,
};
use fiscal::scenario::Scenario;
use fiscal::years::FiscalYear;

fn scenario(path: &str) -> (Assumptions, Dataset) {
    let s = Scenario::load_named(std::path::Path::new(path)).unwrap();
    let d = s.dataset().unwrap();
    (s.assumptions, d)
}

/// The shipped scenarios the checks run on, and the baseline with a strong
/// gilt-rate feedback from the debt ratio (the non-linear part).
fn cases() -> Vec<(String, Assumptions, Dataset)> {
    let mut out = Vec::new();
    for path in [
        "scenarios/baseline.toml",
        "scenarios/high_gilt_rates.toml",
        "scenarios/low_productivity.toml",
        "scenarios/digital/smarter_state_central.toml",
        "scenarios/published/fsr_2017.toml",
    ] {
        let (a, d) = scenario(path);
        out.push((path.to_string(), a, d));
    }
    let (mut a, d) = scenario("scenarios/baseline.toml");
    a.rates.gilt_rate_debt_feedback_bp_per_10pp = 40.0;
    out.push(("baseline with rate feedback".into(), a, d));
    out
}

fn step(a: &Assumptions, from: FiscalYear, x: f64) -> Adjustments {
    let n = (a.horizon.base_year.years_until(a.horizon.end_year) + 1) as usize;
    Adjustments {
        primary_balance_delta_pct_gdp: (0..n)
            .map(|k| {
                let year = FiscalYear(a.horizon.base_year.0 + k as i32);
                if year >= from {
                    x
                } else {
                    0.0
                }
            })
            .collect(),
        ..Adjustments::default()
    }
}

#[test]
fn a_replayed_debt_path_equals_the_reprojected_one_to_the_bit() {
    for (name, a, d) in cases() {
        let package = intervention_adjustments(&a, &d).unwrap();
        let (p, replay) = project_recorded(&a, &d, &package).unwrap();
        assert_eq!(p, project_with(&a, &d, &package).unwrap(), "{name}");
        let start = a.horizon.medium_term_end.next();
        // Tightening, loosening, and steps large enough for nominal debt
        // to fall (the gilt ladder then buys back pro rata).
        for x in [0.0, 1.0, -2.5, 6.0, 15.0] {
            let mut adj = package.clone();
            adj.combine(&step(&a, start, x));
            let replayed = replay.debt_path(&adj).unwrap().unwrap();
            let reprojected = DebtRow::of(&project_with(&a, &d, &adj).unwrap());
            assert_eq!(replayed, reprojected, "{name}, step {x}");
        }
        // Without the package: the interventions' own adjustments replay too.
        let replayed = replay.debt_path(&Adjustments::none()).unwrap().unwrap();
        let reprojected = DebtRow::of(&project_with(&a, &d, &Adjustments::none()).unwrap());
        assert_eq!(replayed, reprojected, "{name}, no package");
    }
}

#[test]
fn rate_shocks_are_not_replayed() {
    let (a, d) = scenario("scenarios/baseline.toml");
    let (_, replay) = project_recorded(&a, &d, &Adjustments::none()).unwrap();
    let adj = Adjustments {
        rate_shocks: vec![
            RateShock {
                gilt_pp: 1.0,
                ..RateShock::default()
            };
            3
        ],
        ..Adjustments::default()
    };
    assert!(replay.debt_path(&adj).is_none());
}

/// Every indicator `fiscal run` and `fiscal gap` show, by both solvers.
#[test]
fn indicators_by_replay_equal_those_by_reprojection() {
    const TOL_PP: f64 = 1e-9;
    for (name, a, d) in cases() {
        let package = intervention_adjustments(&a, &d).unwrap();
        let fast = GapSolver::new(&a, &d, package.clone()).unwrap();
        let slow = GapSolver::new(&a, &d, package).unwrap().reprojecting();
        let start = a.horizon.medium_term_end.next();
        let by = a.horizon.end_year;
        let mut specs = Vec::new();
        for target in [40.0, 60.0, 0.0] {
            for profile in [
                Profile::OneOff,
                Profile::Staged { every_years: 10 },
                Profile::PhasedIn { years: 5 },
            ] {
                specs.push(GapSpec {
                    target_pct_gdp: target,
                    target_year: by,
                    start_year: start,
                    profile,
                });
            }
        }
        for spec in specs {
            let (f, s) = (fast.gap(&spec).unwrap(), slow.gap(&spec).unwrap());
            assert!(
                (f.step_pct_gdp - s.step_pct_gdp).abs() <= TOL_PP,
                "{name} {spec:?}: {f:?} vs {s:?}"
            );
            assert_eq!(f.method, s.method, "{name} {spec:?}");
            assert!(f.miss_pp.abs() < 1e-6);
        }
        let s1_year = fast.s1_default_year();
        for (f, s) in [
            (fast.s1(start, s1_year), slow.s1(start, s1_year)),
            (
                fast.s1_phased(start, s1_year),
                slow.s1_phased(start, s1_year),
            ),
            (fast.s2(), slow.s2()),
        ] {
            match (f, s) {
                (Ok(f), Ok(s)) => {
                    assert!(
                        (f.step_pct_gdp - s.step_pct_gdp).abs() <= TOL_PP,
                        "{name}: {f:?} vs {s:?}"
                    );
                    assert!((f.target_pct_gdp - s.target_pct_gdp).abs() <= TOL_PP);
                }
                // An indicator without a solution (e.g. S2 where growth
                // outruns the interest rate) fails alike in both.
                (Err(f), Err(s)) => assert_eq!(f.to_string(), s.to_string(), "{name}"),
                (f, s) => panic!("{name}: {f:?} vs {s:?}"),
            }
        }
    }
}
