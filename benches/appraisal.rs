//! Issue 26's other two targets, in the library as the command line runs
//! them: a whole `fiscal run` (project the scenario, then every indicator
//! the table shows) for the baseline and the seven-intervention package,
//! and appraisal paths of that package, each with its own fiscal gap (as
//! `fiscal interventions --paths`). The process keeps what depends only on
//! the embedded data (docs/architecture.md), so these are warm-process
//! times; `perf stat` on the binary gives the cold ones (docs/performance.md).

use criterion::{criterion_group, criterion_main, Criterion};
use fiscal::run::Run;
use fiscal::scenario::Scenario;

fn scenario(name: &str) -> Scenario {
    if name == "baseline" {
        Scenario::default_scenario().expect("embedded scenario")
    } else {
        Scenario::load_named(std::path::Path::new(name)).expect("shipped scenario")
    }
}

fn whole_run(c: &mut Criterion) {
    for (label, name) in [
        ("run_with_indicators_baseline", "baseline"),
        (
            "run_with_indicators_smarter_state_central",
            "digital/smarter_state_central",
        ),
    ] {
        let s = scenario(name);
        c.bench_function(label, |b| {
            b.iter(|| {
                let run = Run::project(s.clone()).expect("projects");
                std::hint::black_box(run.indicators().headline.fiscal_gap_pct_gdp)
            })
        });
    }
}

fn appraisal_paths(c: &mut Criterion) {
    let run = Run::project(scenario("digital/smarter_state_central")).expect("projects");
    let mut g = c.benchmark_group("appraisal");
    g.sample_size(10);
    g.bench_function("paths_1000_with_gap_smarter_state_central", |b| {
        b.iter(|| {
            run.intervention_draws(1000, 7, true)
                .expect("draws")
                .map(|(d, _)| d.len())
        })
    });
    g.finish();
}

criterion_group!(benches, whole_run, appraisal_paths);
criterion_main!(benches);
