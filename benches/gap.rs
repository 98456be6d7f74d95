//! One fiscal gap solve on the embedded baseline: PSND to 40 % of GDP by the
//! horizon end with a permanent step from the year after the medium term.

use criterion::{criterion_group, criterion_main, Criterion};
use fiscal::model::indicators::{FiscalGap, GapSpec, Profile};
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
    let solver = FiscalGap::new(a, &d).expect("baseline projects");
    c.bench_function("gap_solve_one_off_40pct", |b| {
        b.iter(|| solver.solve(std::hint::black_box(&spec)).expect("solves"))
    });
    // Including the validation and the unadjusted projection.
    c.bench_function("gap_solve_one_off_40pct_with_baseline", |b| {
        b.iter(|| {
            let solver = FiscalGap::new(a, &d).expect("baseline projects");
            solver.solve(std::hint::black_box(&spec)).expect("solves")
        })
    });
}

criterion_group!(benches, gap);
criterion_main!(benches);
