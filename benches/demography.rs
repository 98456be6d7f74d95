//! Benchmark: a 100-year cohort-component projection at single years of age
//! (the ONS 2022-based principal, mid-2022 to mid-2122). Target: under 1 ms.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use fiscal::model::demography::Demography;

fn bench_projection(c: &mut Criterion) {
    let engine = match Demography::principal() {
        Ok(a) => a,
        Err(e) => panic!("embedded assumptions do not load: {e}"),
    };
    c.bench_function("demography_project_100_years", |b| {
        b.iter(|| engine.project(None, black_box(2122)))
    });
}

criterion_group!(benches, bench_projection);
criterion_main!(benches);
