//! The indicators against the model itself: re-running a scenario with the
//! computed adjustment must land on the target, and the debt decomposition
//! must add up to the change in the ratio every year.

use super::{decompose, GapSolver, GapSpec, IndicatorError, Method, Profile};
use crate::data::Dataset;
use crate::model::engine::{project, project_with};
use crate::model::{Adjustments, Assumptions};
use crate::years::FiscalYear;
use proptest::prelude::*;

/// The embedded default scenario's assumptions and the data it runs on.
fn baseline() -> (Assumptions, Dataset) {
    let s = crate::Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    (s.assumptions, d)
}

fn y(s: &str) -> FiscalYear {
    s.parse().unwrap()
}

/// Re-run from scratch (not through the solver) and measure the miss.
fn rerun_miss(a: &Assumptions, d: &Dataset, spec: &GapSpec, step: f64) -> f64 {
    let n = (a.horizon.base_year.years_until(a.horizon.end_year) + 1) as usize;
    let adj = Adjustments {
        primary_balance_delta_pct_gdp: (0..n)
            .map(|k| {
                let year = FiscalYear(a.horizon.base_year.0 + k as i32);
                let after = spec.start_year.years_until(year);
                step * f64::from(spec.profile.steps_in_force(after))
            })
            .collect(),
        ..Adjustments::default()
    };
    let p = project_with(a, d, &adj).unwrap();
    p.year(spec.target_year).unwrap().psnd_pct_gdp - spec.target_pct_gdp
}

#[test]
fn rerunning_with_the_gap_lands_on_the_target() {
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let cases = [
        (40.0, "2075-76", "2031-32"),
        (60.0, "2075-76", "2031-32"),
        (80.0, "2060-61", "2026-27"),
        (20.0, "2070-71", "2040-41"),
        (100.0, "2050-51", "2025-26"),
        (0.0, "2075-76", "2035-36"),
        (95.0, "2030-31", "2027-28"),
    ];
    for (target, by, from) in cases {
        for profile in [
            Profile::OneOff,
            Profile::Staged { every_years: 10 },
            Profile::Staged { every_years: 5 },
        ] {
            let spec = GapSpec {
                target_pct_gdp: target,
                target_year: y(by),
                start_year: y(from),
                profile,
            };
            let g = solver.gap(&spec).unwrap();
            assert!(g.miss_pp.abs() < 1e-6, "{spec:?}: {g:?}");
            let miss = rerun_miss(&a, &d, &spec, g.step_pct_gdp);
            assert!(miss.abs() < 0.01, "{spec:?}: rerun misses by {miss}");
            assert!((miss - g.miss_pp).abs() < 1e-9, "solver and rerun disagree");
        }
    }
}

#[test]
fn target_in_the_start_year_and_target_already_met() {
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let end = solver.baseline().last().unwrap().psnd_pct_gdp;
    let g = solver
        .gap(&GapSpec {
            target_pct_gdp: end,
            target_year: a.horizon.end_year,
            start_year: y("2031-32"),
            profile: Profile::OneOff,
        })
        .unwrap();
    assert_eq!(g.step_pct_gdp, 0.0);
    let spec = GapSpec {
        target_pct_gdp: 80.0,
        target_year: y("2040-41"),
        start_year: y("2040-41"),
        profile: Profile::OneOff,
    };
    let g = solver.gap(&spec).unwrap();
    assert!(rerun_miss(&a, &d, &spec, g.step_pct_gdp).abs() < 0.01);
}

#[test]
fn psnd_is_affine_in_the_step_while_nominal_debt_keeps_rising() {
    // The gilt ladder makes interest linear in debt as long as issuance is
    // positive; small steps keep it so in the baseline.
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let start = y("2031-32");
    let at = |x: f64| {
        solver
            .project_step(start, Profile::OneOff, x)
            .unwrap()
            .last()
            .unwrap()
            .psnd_pct_gdp
    };
    let (f0, f1, f2, fm) = (at(0.0), at(0.5), at(1.0), at(-1.0));
    let slope = f1 - f0;
    assert!((f2 - (f0 + 2.0 * slope)).abs() < 1e-8, "{f0} {f1} {f2}");
    assert!((fm - (f0 - 2.0 * slope)).abs() < 1e-8, "{f0} {fm}");
    // A target that needs only a small step is solved by the exact linear route.
    let spec = GapSpec {
        target_pct_gdp: f0 + 1.5 * slope,
        target_year: a.horizon.end_year,
        start_year: start,
        profile: Profile::OneOff,
    };
    let g = solver.gap(&spec).unwrap();
    assert_eq!(g.method, Method::Linear);
    assert!((g.step_pct_gdp - 0.75).abs() < 1e-9);
    assert_eq!(g.evaluations, 2);
}

#[test]
fn staged_is_smaller_than_one_off_and_intertemporal_is_larger() {
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let spec = GapSpec {
        target_pct_gdp: 40.0,
        target_year: a.horizon.end_year,
        start_year: y("2031-32"),
        profile: Profile::OneOff,
    };
    let one = solver.gap(&spec).unwrap();
    let staged = solver
        .gap(&GapSpec {
            profile: Profile::Staged { every_years: 10 },
            ..spec
        })
        .unwrap();
    assert!(staged.step_pct_gdp < one.step_pct_gdp);
    assert!(staged.total_by_target_pct_gdp > one.step_pct_gdp);
    assert_eq!(staged.steps_by_target, 5);
    let it = solver.intertemporal(y("2031-32")).unwrap();
    assert!(it.miss_pp.abs() < 1e-6, "{it:?}");
    let s2 = solver.s2().unwrap();
    assert!((s2.step_pct_gdp - it.step_pct_gdp).abs() < 1e-9);
    let s1 = solver.s1(y("2031-32"), y("2045-46")).unwrap();
    assert!((s1.achieved_pct_gdp - 60.0).abs() < 0.01);
}

#[test]
fn intertemporal_gap_satisfies_the_terminal_condition() {
    // With the step, debt at the horizon equals the present value of the
    // balances held at their final-year shares, discounted at the final
    // year's r and g of the unadjusted run.
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let it = solver.intertemporal(y("2031-32")).unwrap();
    let base = solver.baseline();
    let n = base.years.len();
    let (last, prev) = (&base.years[n - 1], &base.years[n - 2]);
    let i = last.interest_gbp_bn / prev.psnd_gbp_bn;
    let g = last.gdp_centred_gbp_bn / prev.gdp_centred_gbp_bn - 1.0;
    let q = (1.0 + g) / (1.0 + i);
    let p = solver
        .project_step(y("2031-32"), Profile::OneOff, it.step_pct_gdp)
        .unwrap();
    let e = p.last().unwrap();
    let pv = 100.0 * (e.primary_balance_gbp_bn - e.other_interest_gbp_bn - e.stock_flow_gbp_bn)
        / e.gdp_centred_gbp_bn
        * q
        / (1.0 - q);
    assert!(
        (e.psnd_pct_gdp - pv).abs() < 1e-5,
        "{} vs {pv}",
        e.psnd_pct_gdp
    );
}

#[test]
fn bad_inputs_are_typed_errors() {
    let (a, d) = baseline();
    let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
    let ok = GapSpec {
        target_pct_gdp: 40.0,
        target_year: y("2075-76"),
        start_year: y("2031-32"),
        profile: Profile::OneOff,
    };
    let err = |spec: GapSpec| solver.gap(&spec).unwrap_err();
    assert!(matches!(
        err(GapSpec {
            target_year: y("2080-81"),
            ..ok
        }),
        IndicatorError::TargetYearOutsideHorizon { .. }
    ));
    assert!(matches!(
        err(GapSpec {
            target_year: y("2020-21"),
            start_year: y("2019-20"),
            ..ok
        }),
        IndicatorError::TargetYearOutsideHorizon { .. }
    ));
    assert!(matches!(
        err(GapSpec {
            start_year: y("2076-77"),
            ..ok
        }),
        IndicatorError::StartAfterTarget { .. }
    ));
    assert!(matches!(
        err(GapSpec {
            start_year: y("2020-21"),
            ..ok
        }),
        IndicatorError::StartBeforeBase { .. }
    ));
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            err(GapSpec {
                target_pct_gdp: bad,
                ..ok
            }),
            IndicatorError::InvalidTarget { .. }
        ));
    }
    assert!(matches!(
        err(GapSpec {
            profile: Profile::Staged { every_years: 0 },
            ..ok
        }),
        IndicatorError::InvalidStaging { .. }
    ));
    // Unreachable within ±30 pp: debt of 5,000 % of GDP by the first projected year.
    let e = err(GapSpec {
        target_pct_gdp: 5000.0,
        target_year: y("2032-33"),
        ..ok
    });
    assert!(matches!(e, IndicatorError::NoSolution { .. }), "{e}");
    assert!(e.to_string().contains("no permanent change"), "{e}");
}

fn assert_decomposition_exact(p: &crate::model::Projection) {
    let rows = decompose(p).unwrap();
    assert_eq!(rows.len(), p.years.len());
    let mut prev = 100.0 * p.opening_psnd_gbp_bn / p.opening_gdp_centred_gbp_bn;
    for (r, yr) in rows.iter().zip(&p.years) {
        let change = yr.psnd_pct_gdp - prev;
        assert!((r.sum_pp() - r.change_pp).abs() < 1e-9, "{r:?}");
        assert!(
            (r.sum_pp() - change).abs() < 1e-9,
            "{}: {} vs {change}",
            r.year,
            r.sum_pp()
        );
        // Holding the ratio: PB* reproduces last year's ratio exactly.
        let debt_star = p_prev_debt(p, r.year) + yr.ps_interest_gbp_bn()
            - r.debt_stabilising_primary_balance_gbp_bn
            + yr.stock_flow_gbp_bn;
        let d_star = 100.0 * debt_star / yr.gdp_centred_gbp_bn;
        assert!(
            (d_star - prev).abs() < 1e-9,
            "{}: {d_star} vs {prev}",
            r.year
        );
        prev = yr.psnd_pct_gdp;
    }
}

fn p_prev_debt(p: &crate::model::Projection, year: FiscalYear) -> f64 {
    match p.years.iter().position(|y| y.year == year) {
        Some(0) | None => p.opening_psnd_gbp_bn,
        Some(k) => p.years[k - 1].psnd_gbp_bn,
    }
}

#[test]
fn decomposition_sums_exactly_in_the_baseline() {
    let (a, d) = baseline();
    let p = project(&a, &d).unwrap();
    assert_decomposition_exact(&p);
    let rows = decompose(&p).unwrap();
    // Growth lowers the ratio when debt is positive and GDP grows.
    assert!(rows.iter().all(|r| r.real_growth_pp + r.inflation_pp < 0.0));
    // With inflation at 2 % the inflation term is about −d·π/(1+g).
    let r = rows.last().unwrap();
    let approx =
        -r.psnd_prev_pct_gdp * r.inflation_pct / 100.0 / (1.0 + r.centred_gdp_growth_pct / 100.0);
    assert!(
        (r.inflation_pp - approx).abs() < 0.1 * approx.abs(),
        "{r:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn decomposition_sums_exactly_under_perturbed_assumptions(
        productivity in 0.0f64..3.0,
        deflator in 0.5f64..4.0,
        gilt in 1.0f64..8.0,
        bank in 0.5f64..6.0,
        sfa in -1.0f64..1.5,
        il_share in 0.0f64..0.4,
        step in -3.0f64..5.0,
    ) {
        let (mut a, d) = baseline();
        a.economy.productivity_growth_pct = productivity;
        a.economy.gdp_deflator_growth_pct = deflator;
        a.rates.gilt_rate_long_run_pct = gilt;
        a.rates.bank_rate_long_run_pct = bank;
        a.rates.long_run_rates_follow_growth = false;
        a.debt.other_stock_flow_pct_gdp = Some(sfa);
        a.debt.index_linked_share = il_share;
        let p = project(&a, &d).unwrap();
        assert_decomposition_exact(&p);
        // And with a fiscal-gap step layered on.
        let solver = GapSolver::new(&a, &d, Adjustments::none()).unwrap();
        let q = solver.project_step(y("2031-32"), Profile::OneOff, step).unwrap();
        assert_decomposition_exact(&q);
    }
}

#[test]
fn fiscal_gaps_reports_every_indicator_and_closes_the_gap() {
    use super::report::fiscal_gaps;
    use super::{GapRequest, GapsError};
    let (a, d) = baseline();
    let req = GapRequest {
        target_pct_gdp: 40.0,
        target_year: None,
        start_year: None,
        staged_every_years: 10,
        s1_year: None,
    };
    let g = fiscal_gaps(&a, &d, &req).unwrap();
    let keys: Vec<&str> = g.indicators.iter().map(|i| i.key).collect();
    assert_eq!(
        keys,
        [
            "fiscal_gap",
            "staged_gap",
            "intertemporal_gap",
            "s1",
            "s1_phased",
            "s2"
        ]
    );
    assert_eq!(g.target_year, a.horizon.end_year);
    assert_eq!(g.start_year, a.horizon.medium_term_end.next());
    // The one-off gap's path lands on the target in the target year.
    let last = g.paths.last().unwrap();
    assert_eq!(last.year, a.horizon.end_year);
    assert!(
        (last.fiscal_gap_psnd_pct_gdp.unwrap() - 40.0).abs() < 0.05,
        "{last:?}"
    );
    // An explicit S1 year that cannot work is an error (bad input), not a note.
    let early = GapRequest {
        s1_year: Some(a.horizon.base_year),
        ..req
    };
    let err = fiscal_gaps(&a, &d, &early).unwrap_err();
    assert!(matches!(err, GapsError::S1(_)), "{err}");
    assert!(err.is_bad_input());
}
