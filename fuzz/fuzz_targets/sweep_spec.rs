//! The sweep specifications: any `--vary` options (one a line, at most
//! four) are refused with a message naming the option, or make a grid
//! whose point count is the product of the values' counts (never an
//! overflow wrapped round to a small count), and a small grid runs on a
//! short horizon, never a panic.
#![no_main]

use fiscal::scenario::{sweep, Scenario};
use fiscal::FiscalYear;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::data;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut varies = Vec::new();
    for line in text.lines().take(4) {
        match sweep::parse_vary(line) {
            Ok(v) => {
                assert!(!v.values.is_empty() && v.values.len() <= sweep::MAX_POINTS);
                assert!(v.values.iter().all(|x| x.is_finite()));
                varies.push(v);
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                return;
            }
        }
    }
    let Ok(points) = sweep::points(&varies) else {
        return;
    };
    let product = varies
        .iter()
        .try_fold(1usize, |n, v| n.checked_mul(v.values.len()));
    assert_eq!(Some(points), product);
    if points > 8 {
        return;
    }
    let Some(d) = data() else { return };
    let Ok(mut s) = Scenario::default_scenario() else {
        return;
    };
    let h = &mut s.assumptions.horizon;
    h.end_year = FiscalYear(h.medium_term_end.start() + 8);
    s.assumptions.population = None;
    if sweep::check_ends(&s, &varies).is_ok() {
        if let Ok(run) = sweep::run(&s, d, &varies) {
            assert_eq!(run.len(), points);
        }
    }
});
