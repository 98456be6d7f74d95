//! One fiscal gap solve on the embedded baseline: PSND to 40 % of GDP by the
//! horizon end with a permanent step from the year after the medium term,
//! by replaying the debt (the default) and by re-running whole projections
//! (the method before, kept as the check); and every indicator `fiscal run`
//! shows, for the baseline and for a scenario with seven interventions.

use criterion::{criterion_group, criterion_main, Criterion};
use fiscal::model::indicators::{sustainability, GapSolver, GapSpec, Profile};
use fiscal::model::{interventions, project_with, Adjustments};
use fiscal::scenario::Scenario;

fn gap(c: &mut Criterion) {
    let s = Scenario::default_scenario().expect("embedded scenario");
    let d = s.dataset().expect("embedded data");
    let a = &s.assumptions;
    let spec = GapSpec {
        target_pct_gdp: 40.0,
        target_year: a.horizon.end_year,
        start_year: a.horizon.medium_term_end.next(),
        profile: Profile::OneOff,
    };
    // The solve alone, with the unadjusted projection already in hand (as in
    // `fiscal gap`, which reuses it for every indicator).
    let solver = GapSolver::new(a, &d, Adjustments::none()).expect("baseline projects");
    c.bench_function("gap_solve_one_off_40pct", |b| {
        b.iter(|| solver.gap(std::hint::black_box(&spec)).expect("solves"))
    });
    let slow = GapSolver::new(a, &d, Adjustments::none())
        .expect("baseline projects")
        .reprojecting();
    c.bench_function("gap_solve_one_off_40pct_reprojecting", |b| {
        b.iter(|| slow.gap(std::hint::black_box(&spec)).expect("solves"))
    });
    // Including the unadjusted projection.
    c.bench_function("gap_solve_one_off_40pct_with_baseline", |b| {
        b.iter(|| {
            let solver = GapSolver::new(a, &d, Adjustments::none()).expect("baseline projects");
            solver.gap(std::hint::black_box(&spec)).expect("solves")
        })
    });
}

/// The indicators of `fiscal run` (fiscal gap, staged gap, S1, S1 phased,
/// S2; with interventions, also without them and each alone).
fn indicators(c: &mut Criterion) {
    for (label, path) in [
        ("indicators_baseline", "scenarios/baseline.toml"),
        (
            "indicators_smarter_state_central",
            "scenarios/digital/smarter_state_central.toml",
        ),
    ] {
        let s = Scenario::load_named(std::path::Path::new(path)).expect("shipped scenario");
        let d = s.dataset().expect("data");
        let a = &s.assumptions;
        let base = project_with(a, &d, &Adjustments::none()).expect("projects");
        let package = interventions::package_adjustments(a, &base).0;
        c.bench_function(label, |b| {
            b.iter(|| sustainability(std::hint::black_box(a), &d, package.clone(), &base))
        });
    }
}

criterion_group!(benches, gap, indicators);
criterion_main!(benches);
