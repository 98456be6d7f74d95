//! Benchmark of one full 50-year projection (data already loaded), and of
//! loading the embedded data and the default scenario.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use fiscal::model::project;
use fiscal::scenario::Scenario;

fn bench(c: &mut Criterion) {
    let s = Scenario::default_scenario().expect("default scenario");
    let d = s.dataset().expect("embedded data");
    c.bench_function("project_baseline_50y", |b| {
        b.iter(|| project(black_box(&s.assumptions), black_box(&d)))
    });
    c.bench_function("load_default_scenario_and_data", |b| {
        b.iter(|| {
            let s = Scenario::default_scenario().expect("default scenario");
            s.dataset().expect("embedded data")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
