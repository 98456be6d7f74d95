//! All charts for one scenario (build, SVG and PNG): target under 300 ms.
//! Run with `cargo bench --bench charts`.

use criterion::{criterion_group, criterion_main, Criterion};
use fiscal::chart::{self, Input, Options};
use fiscal::scenario::Scenario;

fn all_charts(c: &mut Criterion) {
    let s = Scenario::default_scenario().expect("default scenario");
    let d = s.dataset().expect("data");
    let p = fiscal::model::project(&s.assumptions, &d).expect("projection");
    let input = Input {
        projection: &p,
        population: &d.population,
        interventions: None,
    };
    let mut g = c.benchmark_group("charts");
    g.sample_size(20);
    g.bench_function("all_charts_svg_png_csv", |b| {
        b.iter(|| {
            let charts = chart::build_all(input, &Options::default()).expect("build");
            let mut bytes = 0;
            for ch in &charts {
                bytes += ch.svg().expect("svg").len();
                bytes += ch.png().expect("png").len();
                bytes += ch.csv().len();
            }
            bytes
        })
    });
    g.finish();
}

criterion_group!(benches, all_charts);
criterion_main!(benches);
