//! Benchmarks of the uncertainty analyses (`cargo bench --bench fan`):
//! the reduced-form fan of 10^6 paths × 51 years (and its kernel alone on
//! one thread), the full model with 1,000 paths, a 1,000-point sweep and
//! the tornado. Figures and the side-by-side with the Python peers
//! (`benches/peers.sh`) are in docs/performance.md.

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use fiscal::data::shocks::ShockTable;
use fiscal::model::uncertainty::{self, sensitivity, Engine, FanOptions};
use fiscal::scenario::{sweep, Scenario};

fn bench(c: &mut Criterion) {
    let s = Scenario::default_scenario().expect("default scenario");
    let d = s.dataset().expect("embedded data");
    let table = ShockTable::embedded().expect("shock table");
    let a = &s.assumptions;
    let mut g = c.benchmark_group("uncertainty");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let reduced = FanOptions {
        engine: Engine::Reduced,
        paths: 1_000_000,
        seed: 42,
        shock_medium_term: None,
        draw_demography: false,
    };
    g.bench_function("fan_reduced_1e6_paths", |b| {
        b.iter(|| uncertainty::fan(black_box(a), &d, &table, &reduced, &|_| {}))
    });
    // The kernel alone: 32,768 paths × 51 years into the histograms, one thread.
    let p = fiscal::model::project(a, &d).expect("projects");
    let base = uncertainty::Baseline::new(a, &d, &p, false);
    let shocks = uncertainty::shock_params(a, &table).expect("shocks");
    let model = uncertainty::reduced::Reduced::new(&base, &shocks, 42).expect("model");
    let mut pilot = uncertainty::summary::Exact::new(base.len());
    let mut scratch = uncertainty::reduced::Scratch::default();
    model.simulate_block(0, 4096, &mut scratch, &mut pilot);
    let ranges = uncertainty::summary::Ranges::from_pilot(&pilot);
    let mut h = uncertainty::summary::Histogram::new(&ranges);
    g.bench_function("fan_kernel_32768_paths", |b| {
        b.iter(|| model.simulate_block(black_box(0), 32_768, &mut scratch, &mut h))
    });
    let full = FanOptions {
        engine: Engine::Full,
        paths: 1_000,
        draw_demography: true,
        ..reduced
    };
    g.bench_function("fan_full_1000_paths", |b| {
        b.iter(|| uncertainty::fan(black_box(a), &d, &table, &full, &|_| {}))
    });
    let varies = vec![
        sweep::parse_vary("economy.productivity_growth_pct=0.5..2.975:0.025").expect("vary"),
        sweep::parse_vary("rates.gilt_rate_long_run_pct=3.0..5.25:0.25").expect("vary"),
    ];
    g.bench_function("sweep_1000_points", |b| {
        b.iter(|| sweep::run(black_box(&s), &d, &varies))
    });
    g.bench_function("tornado", |b| {
        b.iter(|| sensitivity::sensitivities(black_box(a), &d))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
