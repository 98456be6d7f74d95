//! Running a fan: the reduced form over blocks of paths in parallel (with
//! per-worker histograms merged at the end), or the full model; and
//! writing every path when asked.

// Per-block buffers are allocated to the block and horizon sizes they are
// indexed by.
#![allow(clippy::indexing_slicing)]

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::baseline::Baseline;
use super::error::UncertaintyError;
use super::reduced::{Reduced, Scratch, BLOCK_PATHS};
use super::shocks::ShockParams;
use super::summary::{Exact, Histogram, Ranges, Summary, YearSink};

/// Most paths the reduced form takes: 10^8 (about half a minute on two cores;
/// the histogram counters are 32-bit, so a few billion would overflow).
pub const MAX_PATHS_REDUCED: u64 = 100_000_000;
/// Most paths the full model takes: 20,000 (each is a whole projection,
/// about 3 ms of CPU, and every value is kept for exact percentiles).
pub const MAX_PATHS_FULL: u64 = 20_000;

/// Which engine draws the paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// Correlated AR(1) shocks around the deterministic path (fast).
    Reduced,
    /// Structural assumptions drawn per path, the real projection run on each.
    Full,
}

impl Engine {
    /// Both engines, the default first.
    pub const ALL: [Engine; 2] = [Engine::Reduced, Engine::Full];

    /// What the engine does, in a line (the command line's help).
    pub fn description(self) -> &'static str {
        match self {
            Engine::Reduced => "Correlated AR(1) shocks around the deterministic path (fast)",
            Engine::Full => {
                "Structural assumptions drawn per path, the real projection run on each"
            }
        }
    }

    /// Name in outputs.
    pub fn key(self) -> &'static str {
        match self {
            Engine::Reduced => "reduced",
            Engine::Full => "full",
        }
    }

    /// The largest number of paths allowed.
    pub fn max_paths(self) -> u64 {
        match self {
            Engine::Reduced => MAX_PATHS_REDUCED,
            Engine::Full => MAX_PATHS_FULL,
        }
    }
}

/// Check a path count for `engine`.
pub fn check_paths(engine: Engine, paths: u64) -> Result<(), UncertaintyError> {
    if paths == 0 || paths > engine.max_paths() {
        let why = match engine {
            Engine::Reduced => "more would take minutes and overflow the 32-bit histogram counters' headroom",
            Engine::Full => "each path is a whole projection (about 3 ms of CPU) and every value is kept for exact percentiles",
        };
        return Err(UncertaintyError::bad(
            "--paths",
            format!(
                "{paths} paths: give 1 to {} for the {} engine ({why})",
                engine.max_paths(),
                engine.key()
            ),
        ));
    }
    Ok(())
}

/// The values of every path of one block, for `--paths-out`:
/// `values[t][v][p]`, `v` as [`super::summary::VAR_NAMES`].
#[derive(Debug, Default)]
pub struct BlockPaths {
    /// Index of the block's first path.
    pub first_path: u64,
    /// Values by year, variable and path, % of GDP.
    pub values: Vec<[Vec<f64>; 3]>,
    /// Paths in the block.
    n: usize,
}

impl YearSink for BlockPaths {
    fn begin_block(&mut self, n: usize) {
        self.n = n;
        self.values.clear();
    }

    fn year(&mut self, t: usize, offset: usize, psnd: &[f64], psnb: &[f64], interest: &[f64]) {
        if self.values.len() <= t {
            self.values
                .resize_with(t + 1, || std::array::from_fn(|_| vec![0.0; self.n]));
        }
        for (out, xs) in self.values[t].iter_mut().zip([psnd, psnb, interest]) {
            if let Some(dst) = out.get_mut(offset..offset + xs.len()) {
                dst.copy_from_slice(xs);
            }
        }
    }
}

fn block_len(paths: u64, b: u64) -> usize {
    (paths - b * BLOCK_PATHS as u64).min(BLOCK_PATHS as u64) as usize
}

/// Most paths a worker takes at a time.
const MAX_WORK_PATHS: u64 = 32_768;

/// Paths a worker takes at a time: as many as keep each worker busy with
/// about four pieces, between [`BLOCK_PATHS`] and [`MAX_WORK_PATHS`]
/// (each year's histograms come into cache once a piece, so larger is
/// faster). Results do not depend on it: every path draws from its own
/// counters and counts are integers.
fn work_paths(paths: u64, workers: u64) -> u64 {
    let per = paths.div_ceil(4 * workers.max(1));
    per.clamp(BLOCK_PATHS as u64, MAX_WORK_PATHS)
        .next_multiple_of(super::reduced::LANES as u64)
}

/// The reduced-form fan of `paths` paths. Deterministic in `seed` whatever
/// the number of threads: block `b` always draws from stream `b`, and the
/// histogram ranges come from block 0 alone.
pub fn run_reduced(
    base: &Baseline,
    shocks: &ShockParams,
    paths: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, UncertaintyError> {
    check_paths(Engine::Reduced, paths)?;
    let model = Reduced::new(base, shocks, seed)?;
    let ranges = pilot_ranges(&model, base.len(), paths);
    let workers = rayon::current_num_threads().max(1) as u64;
    let size = work_paths(paths, workers);
    let blocks = paths.div_ceil(size);
    let next = AtomicU64::new(0);
    // One histogram per worker; workers take the next block as they free
    // up. Counts are integers, so the sum is the same whoever ran what.
    let merged = (0..workers.min(blocks))
        .into_par_iter()
        .map(|_| {
            let mut h = Histogram::new(&ranges);
            let mut s = Scratch::default();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= blocks {
                    break;
                }
                let first = b * size;
                let n = (paths - first).min(size) as usize;
                model.simulate_block(first, n, &mut s, &mut h);
                progress(n as u64);
            }
            h
        })
        .reduce_with(|mut a, b| {
            a.merge(&b);
            a
        });
    Ok(merged.map_or_else(|| Histogram::new(&ranges).summary(), |h| h.summary()))
}

fn pilot_ranges(model: &Reduced<'_>, n_years: usize, paths: u64) -> Ranges {
    let mut pilot = Exact::new(n_years);
    model.simulate_block(0, block_len(paths, 0), &mut Scratch::default(), &mut pilot);
    Ranges::from_pilot(&pilot)
}

/// The reduced-form fan as [`run_reduced`], also handing every block's
/// paths, in path order, to `write` (for `--paths-out`). Blocks are
/// simulated in parallel a few at a time, so memory stays bounded.
pub fn run_reduced_with_paths<E>(
    base: &Baseline,
    shocks: &ShockParams,
    paths: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
    write: &mut dyn FnMut(&BlockPaths) -> Result<(), E>,
) -> Result<Result<Summary, E>, UncertaintyError> {
    check_paths(Engine::Reduced, paths)?;
    let model = Reduced::new(base, shocks, seed)?;
    let ranges = pilot_ranges(&model, base.len(), paths);
    let blocks = paths.div_ceil(BLOCK_PATHS as u64);
    let mut h = Histogram::new(&ranges);
    let produce = |b: u64| {
        let mut out = BlockPaths {
            first_path: b * BLOCK_PATHS as u64,
            ..BlockPaths::default()
        };
        let n = block_len(paths, b);
        model.simulate_block(b * BLOCK_PATHS as u64, n, &mut Scratch::default(), &mut out);
        progress(n as u64);
        out
    };
    let mut consume = |block: BlockPaths| {
        h.begin_block(block.n);
        for (t, v) in block.values.iter().enumerate() {
            h.year(t, 0, &v[0], &v[1], &v[2]);
        }
        write(&block)
    };
    if let Err(e) = stream_blocks(blocks, default_wave() / 2, &produce, &mut consume) {
        return Ok(Err(e));
    }
    Ok(Ok(h.summary()))
}

/// The streaming block-parallel engine: produce blocks `0..blocks` in
/// parallel, a wave of `wave` at a time, and hand each to `consume` in
/// block order, so memory is bounded by one wave whatever the number of
/// blocks, and the result cannot depend on which thread produced what. The
/// reduced form with every path written, the full-model fan and any other
/// per-path evaluator (e.g. appraisal paths) run on it; `consume` stops the
/// run by returning an error.
pub fn stream_blocks<T: Send, E>(
    blocks: u64,
    wave: u64,
    produce: &(dyn Fn(u64) -> T + Sync),
    consume: &mut dyn FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let wave = wave.max(1);
    let mut start = 0;
    while start < blocks {
        let end = (start + wave).min(blocks);
        let done: Vec<T> = (start..end).into_par_iter().map(produce).collect();
        for block in done {
            consume(block)?;
        }
        start = end;
    }
    Ok(())
}

/// A wave for [`stream_blocks`]: a few blocks per worker.
pub fn default_wave() -> u64 {
    4 * rayon::current_num_threads().max(1) as u64
}

/// A finished fan with what produced it, for the writers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FanRun {
    /// Scenario name.
    pub scenario: String,
    /// The engine.
    pub engine: Engine,
    /// The seed.
    pub seed: u64,
    /// Paths drawn.
    pub paths: u64,
    /// Whether the EFO years were shocked too.
    pub shock_medium_term: bool,
    /// The shock parameters (reduced form).
    pub shocks: Option<ShockParams>,
    /// Average maturity through which market rates reach the conventional stock, years.
    pub maturity_years: Option<f64>,
    /// Fiscal years.
    pub years: Vec<crate::years::FiscalYear>,
    /// The deterministic projection: PSND, PSNB and interest, % of GDP, by year.
    pub deterministic: Vec<[f64; 3]>,
    /// The percentiles and probabilities.
    pub summary: Summary,
}

impl FanRun {
    /// The deterministic values of `base`, by year.
    pub(crate) fn deterministic_of(base: &Baseline) -> Vec<[f64; 3]> {
        (0..base.len())
            .map(|t| {
                [
                    base.psnd_pct_gdp[t],
                    base.psnb_pct_gdp[t],
                    base.interest_pct_gdp[t],
                ]
            })
            .collect()
    }
}
