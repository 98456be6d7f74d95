//! The uncertainty engines against their promises: zero shocks reproduce
//! the deterministic projection, percentiles are ordered, and results do
//! not depend on the number of threads.

// Per-year, per-variable indices read more plainly than iterator chains here.
#![allow(clippy::needless_range_loop)]

use crate::model::uncertainty::baseline::Baseline;
use crate::model::uncertainty::fan::BlockPaths;
use crate::model::uncertainty::reduced::{Reduced, Scratch};
use crate::model::uncertainty::{self, Engine, FanOptions, ShockParams};
use crate::output::uncertainty::{fan_csv, fan_json};
use crate::scenario::Scenario;

fn setup() -> (Scenario, crate::data::Dataset) {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    (s, d)
}

#[test]
fn zero_shocks_reproduce_the_deterministic_projection() {
    let (s, d) = setup();
    let a = &s.assumptions;
    let p = crate::model::project(a, &d).unwrap();
    for shock_mt in [false, true] {
        let base = Baseline::new(a, &d, &p, shock_mt);
        let m = Reduced::new(&base, &ShockParams::zero(), 7).unwrap();
        let mut out = BlockPaths::default();
        m.simulate_block(0, 64, &mut Scratch::default(), &mut out);
        for (t, y) in p.years.iter().enumerate() {
            let v = &out.values[t];
            let psnb = 100.0 * y.psnb_gbp_bn / y.gdp_gbp_bn;
            let interest = 100.0 * y.interest_gbp_bn / y.gdp_gbp_bn;
            for k in 0..64 {
                assert!(
                    (v[0][k] - y.psnd_pct_gdp).abs() < 1e-9,
                    "{} psnd {} vs {}",
                    y.year,
                    v[0][k],
                    y.psnd_pct_gdp
                );
                assert!((v[1][k] - psnb).abs() < 1e-9, "{} psnb", y.year);
                assert!((v[2][k] - interest).abs() < 1e-9, "{} interest", y.year);
            }
        }
    }
}

#[test]
fn zero_shock_fan_percentiles_equal_the_projection() {
    let (s, d) = setup();
    let mut a = s.assumptions.clone();
    a.uncertainty = Some(uncertainty::UncertaintySettings {
        real_growth_sd_pp: Some(0.0),
        inflation_sd_pp: Some(0.0),
        interest_rate_sd_pp: Some(0.0),
        primary_balance_sd_pp: Some(0.0),
        ..Default::default()
    });
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let o = FanOptions {
        engine: Engine::Reduced,
        paths: 5000,
        seed: 1,
        shock_medium_term: Some(true),
        draw_demography: false,
    };
    let f = uncertainty::fan(&a, &d, &table, &o, &|_| {}).unwrap();
    for (t, det) in f.deterministic.iter().enumerate() {
        for v in 0..3 {
            for q in f.summary.percentiles[t][v] {
                assert!(
                    (q - det[v]).abs() < 1e-9,
                    "year {t} var {v}: {q} vs {}",
                    det[v]
                );
            }
        }
    }
}

fn fan_on_threads(threads: usize, engine: Engine, paths: u64) -> (String, String) {
    let (s, d) = setup();
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let o = FanOptions {
        engine,
        paths,
        seed: 42,
        shock_medium_term: None,
        draw_demography: false,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let f = pool
        .install(|| uncertainty::fan(&s.assumptions, &d, &table, &o, &|_| {}))
        .unwrap();
    (fan_json(&f), fan_csv(&f))
}

#[test]
fn one_and_two_threads_give_identical_bytes() {
    // Several blocks, the last one partial.
    let one = fan_on_threads(1, Engine::Reduced, 3 * 4096 + 17);
    let two = fan_on_threads(2, Engine::Reduced, 3 * 4096 + 17);
    assert_eq!(one, two);
    let one = fan_on_threads(1, Engine::Full, 40);
    let two = fan_on_threads(2, Engine::Full, 40);
    assert_eq!(one, two);
}

#[test]
fn percentiles_are_ordered_in_every_year() {
    let (s, d) = setup();
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let o = FanOptions {
        engine: Engine::Reduced,
        paths: 20_000,
        seed: 3,
        shock_medium_term: Some(true),
        draw_demography: false,
    };
    let f = uncertainty::fan(&s.assumptions, &d, &table, &o, &|_| {}).unwrap();
    assert_eq!(f.summary.paths, 20_000);
    for (t, row) in f.summary.percentiles.iter().enumerate() {
        for (v, p) in row.iter().enumerate() {
            assert!(p.iter().all(|x| x.is_finite()), "year {t} var {v}: {p:?}");
            assert!(
                p.windows(2).all(|w| w[0] <= w[1]),
                "year {t} var {v}: {p:?}"
            );
        }
        let a = f.summary.p_above_in_year[t];
        assert!(a[0] >= a[1] && a[1] >= a[2]);
        let b = f.summary.p_above_by_year[t];
        assert!((0..3).all(|k| b[k] >= a[k]));
    }
    // Shocked from the first year, so the spread is positive by year 2.
    assert!(f.summary.percentiles[2][0][6] > f.summary.percentiles[2][0][0]);
}

/// The paths of `first..first + n` under the baseline's estimated shocks.
fn block(first: u64, n: usize, portable: bool) -> BlockPaths {
    let (s, d) = setup();
    let a = &s.assumptions;
    let p = crate::model::engine::project(a, &d).unwrap();
    let base = Baseline::new(a, &d, &p, false);
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let shocks = uncertainty::run::shock_params(a, &table).unwrap();
    let m = Reduced::new(&base, &shocks, 42).unwrap();
    let mut out = BlockPaths::default();
    if portable {
        m.simulate_block_portable(first, n, &mut Scratch::default(), &mut out);
    } else {
        m.simulate_block(first, n, &mut Scratch::default(), &mut out);
    }
    out
}

#[test]
fn the_vector_build_equals_the_portable_one_to_the_bit() {
    // Run-time dispatch picks AVX2 where the CPU has it; the portable build
    // is the baseline instruction set. Same operations, same bits.
    let (fast, portable) = (block(0, 1000, false), block(0, 1000, true));
    assert_eq!(fast.values, portable.values);
}

#[test]
fn a_path_does_not_depend_on_the_block_that_runs_it() {
    let whole = block(0, 100, false);
    let (head, tail) = (block(0, 37, false), block(37, 63, false));
    for (t, vars) in whole.values.iter().enumerate() {
        for v in 0..3 {
            let joined: Vec<f64> = head.values[t][v]
                .iter()
                .chain(&tail.values[t][v])
                .copied()
                .collect();
            assert_eq!(vars[v], joined, "year {t} variable {v}");
        }
    }
}

/// A fan is checked before it is shown: the estimated shocks (and the
/// largest plausible ones) pass; percentiles that do not bracket the
/// central path, or are not finite, are an error naming `[uncertainty]`.
#[test]
fn fans_that_do_not_bracket_the_central_path_are_errors() {
    let (s, d) = setup();
    let table = crate::data::shocks::ShockTable::embedded().unwrap();
    let o = FanOptions {
        engine: Engine::Reduced,
        paths: 4000,
        seed: 3,
        shock_medium_term: None,
        draw_demography: false,
    };
    let mut a = s.assumptions.clone();
    let f = uncertainty::fan(&a, &d, &table, &o, &|_| {}).unwrap();
    uncertainty::check_fan(&f).unwrap();
    a.uncertainty = Some(uncertainty::UncertaintySettings {
        real_growth_sd_pp: Some(crate::model::validate::MAX_SHOCK_SD_PP),
        primary_balance_sd_pp: Some(crate::model::validate::MAX_SHOCK_SD_PP),
        ..Default::default()
    });
    let wide = uncertainty::fan(&a, &d, &table, &o, &|_| {}).unwrap();
    uncertainty::check_fan(&wide).unwrap();
    let last = f.years.len() - 1;
    let mut off = f.clone();
    off.summary.percentiles[last][0][6] = off.deterministic[last][0] - 50.0;
    let e = uncertainty::check_fan(&off).unwrap_err().to_string();
    assert!(
        e.contains("uncertainty") && e.contains("do not contain the central projection"),
        "{e}"
    );
    let mut nan = f.clone();
    nan.summary.percentiles[last][1][3] = f64::NAN;
    let e = uncertainty::check_fan(&nan).unwrap_err().to_string();
    assert!(e.contains("not a finite number"), "{e}");
}
