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
#[cfg(target_arch = "x86_64")]
mod lanes_avx2;
pub(crate) mod normal;
pub(crate) mod philox;
pub(crate) mod reduced;
pub(crate) mod run;
pub(crate) mod sensitivity;
pub(crate) mod settings;
pub(crate) mod shocks;
pub(crate) mod stream;
pub(crate) mod summary;
#[cfg(target_arch = "x86_64")]
mod summary_avx2;

#[cfg(test)]
mod tests;

/// Version of the fan's method, written in `fan.json` as `method_version`:
/// it changes whenever the same seed gives other numbers. 2: counter-based
/// Philox4x32-10 normals, a 256-layer ziggurat and 4,096-bin histograms
/// (1, unnumbered: ChaCha8 streams per block, 128 layers, 8,192 bins).
/// 3: the full model draws a scenario's interventions from its own
/// uncertainty tables and correlations, jointly with the macro assumptions,
/// instead of scaling savings and costs by fixed spreads (the reduced form
/// is unchanged from 2). 4: the reduced form's normals by the Box-Muller
/// transform on the same Philox words (two normals a pair of words, no
/// rejection) instead of the ziggurat (the full model is unchanged from 3).
/// 5: the reduced form's words from each path's own xoshiro128** stream,
/// seeded by its Philox block, instead of a Philox block every path-year
/// (the transform and the full model are unchanged from 4).
pub const FAN_METHOD_VERSION: u32 = 5;

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

/// Check a fan before it is shown or written: every percentile finite, and
/// the 5th to 95th percentiles of PSND bracketing the central (deterministic)
/// projection in every year, within a histogram bin. A fan that fails is
/// the sign of shocks too large for the model (a standard deviation given
/// in basis points, say), so it is an error naming `[uncertainty]`, not
/// output.
pub fn check_fan(fan: &FanRun) -> Result<(), Error> {
    Ok(check_fan_typed(fan)?)
}

fn check_fan_typed(fan: &FanRun) -> Result<(), UncertaintyError> {
    let advice = "the shocks are too large for the projection to mean anything: check the [uncertainty] standard deviations (percentage points, e.g. 1.5) and persistences (between -1 and 1)";
    let rows = fan
        .years
        .iter()
        .zip(&fan.summary.percentiles)
        .zip(&fan.summary.resolution_pp)
        .zip(&fan.deterministic);
    for (((year, pct), res), det) in rows {
        if pct.iter().flatten().any(|v| !v.is_finite()) {
            return Err(UncertaintyError::bad(
                "uncertainty",
                format!("the fan has a percentile that is not a finite number in {year}: {advice}"),
            ));
        }
        let [psnd, ..] = pct;
        let (p5, p95) = (psnd.first().copied(), psnd.last().copied());
        let (Some(p5), Some(p95)) = (p5, p95) else {
            continue;
        };
        let tol = res.first().copied().unwrap_or(0.0).abs() + 1e-6;
        let central = det.first().copied().unwrap_or(f64::NAN);
        if !(central >= p5 - tol && central <= p95 + tol) {
            return Err(UncertaintyError::bad(
                "uncertainty",
                format!(
                    "in {year} the fan's 5th to 95th percentiles of PSND ({p5:.1} to {p95:.1} % of GDP) do not contain the central projection ({central:.1} % of GDP): {advice}"
                ),
            ));
        }
    }
    Ok(())
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
