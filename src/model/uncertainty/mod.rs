//! Uncertainty around a projection: stochastic fans (a fast reduced form
//! and the full model), one-at-a-time sensitivities, and sweeps over
//! scenario fields. Pure computation: the caller supplies the scenario, the
//! data and the shock parameters, and gets summaries back.
//!
//! See `docs/uncertainty.md` for the method, the estimates and their
//! sample, and the limits.
//!
//! The public functions here validate the assumptions first and return the
//! crate's [`Error`]; the engines behind them are the crate's own.

pub(crate) mod baseline;
mod error;
pub(crate) mod fan;
pub(crate) mod full;
pub(crate) mod normal;
pub(crate) mod philox;
pub(crate) mod reduced;
pub(crate) mod run;
pub(crate) mod sensitivity;
pub(crate) mod settings;
pub(crate) mod shocks;
pub(crate) mod summary;

#[cfg(test)]
mod tests;

/// Version of the fan's method, written in `fan.json` as `method_version`:
/// it changes whenever the same seed gives other numbers. 2: counter-based
/// Philox4x32-10 normals, a 256-layer ziggurat and 4,096-bin histograms
/// (1, unnumbered: ChaCha8 streams per block, 128 layers, 8,192 bins).
/// 3: the full model draws a scenario's interventions from its own
/// uncertainty tables and correlations, jointly with the macro assumptions,
/// instead of scaling savings and costs by fixed spreads (the reduced form
/// is unchanged from 2).
pub const FAN_METHOD_VERSION: u32 = 3;

pub(crate) use error::UncertaintyError;
pub use fan::{BlockPaths, Engine, FanRun};
pub use full::demography_drawable;
pub use run::FanOptions;
pub use sensitivity::{Outcome, Sensitivity, Variant};
pub use settings::UncertaintySettings;
pub use shocks::{ShockParams, N_SHOCKS, SHOCK_NAMES};
pub use summary::{Summary, PERCENTILES, THRESHOLDS_PCT_GDP};

use crate::data::shocks::ShockTable;
use crate::data::Dataset;
use crate::model::Assumptions;
use crate::Error;

/// Check a path count for `engine` (at least one, at most
/// [`Engine::max_paths`]).
pub fn check_paths(engine: Engine, paths: u64) -> Result<(), Error> {
    Ok(fan::check_paths(engine, paths)?)
}

/// The fan of `a` on `data` with the shock estimates `table` (and the
/// scenario's overrides); `progress` hears of finished paths. The same
/// seed gives the same fan on any number of threads.
pub fn fan(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    o: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<FanRun, Error> {
    crate::model::check_inputs(a, data).map_err(UncertaintyError::Projection)?;
    Ok(run::fan(a, data, table, o, progress)?)
}

/// [`fan`] (reduced form only) handing every block of paths to `write`;
/// the inner result is `write`'s.
pub fn fan_with_paths<E>(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    o: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
    write: &mut dyn FnMut(&FanRun, &BlockPaths) -> Result<(), E>,
) -> Result<Result<FanRun, E>, Error> {
    crate::model::check_inputs(a, data).map_err(UncertaintyError::Projection)?;
    Ok(run::fan_with_paths(a, data, table, o, progress, write)?)
}

/// One-at-a-time sensitivities of final-year debt and the fiscal gap,
/// largest swing first.
pub fn sensitivities(a: &Assumptions, data: &Dataset) -> Result<Sensitivity, Error> {
    crate::model::check_inputs(a, data).map_err(UncertaintyError::Projection)?;
    Ok(sensitivity::sensitivities(a, data)?)
}

/// The OBR-style adverse variants drawn on the fan chart: PSND by year (%
/// of GDP) with gilt yields and Bank Rate 1 pp higher, and with
/// productivity growth 0.5 pp lower.
pub fn fan_variants(a: &Assumptions, data: &Dataset) -> Result<Vec<(String, Vec<f64>)>, Error> {
    crate::model::check_inputs(a, data).map_err(UncertaintyError::Projection)?;
    Ok(sensitivity::fan_variants(a, data)?)
}

/// The reduced-form kernel alone, for `benches/fan.rs` (feature
/// `bench-internals`; not part of the API): `a`'s fan set up once (the
/// baseline, the shocks, the histograms' ranges from a pilot of 4,096
/// paths), then `time` is handed a closure that runs paths `0..paths` into
/// the histograms on the calling thread.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub fn with_fan_kernel(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    paths: usize,
    time: &mut dyn FnMut(&mut dyn FnMut()),
) -> Result<(), Error> {
    crate::model::check_inputs(a, data).map_err(UncertaintyError::Projection)?;
    let p = crate::model::engine::project(a, data).map_err(UncertaintyError::Projection)?;
    let base = baseline::Baseline::new(a, data, &p, false);
    let shocks = run::shock_params(a, table)?;
    let model = reduced::Reduced::new(&base, &shocks, 42)?;
    let mut pilot = summary::Exact::new(base.len());
    let mut scratch = reduced::Scratch::default();
    model.simulate_block(0, 4096, &mut scratch, &mut pilot);
    let ranges = summary::Ranges::from_pilot(&pilot);
    let mut h = summary::Histogram::new(&ranges);
    time(&mut || model.simulate_block(0, paths, &mut scratch, &mut h));
    Ok(())
}
