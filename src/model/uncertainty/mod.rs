//! Uncertainty around a projection: stochastic fans (a fast reduced form
//! and the full model), one-at-a-time sensitivities, and sweeps over
//! scenario fields. Pure computation: the caller supplies the scenario, the
//! data and the shock parameters, and gets summaries back.
//!
//! See `docs/uncertainty.md` for the method, the estimates and their
//! sample, and the limits.

pub mod baseline;
mod error;
pub mod fan;
pub mod full;
pub mod normal;
pub mod philox;
pub mod reduced;
pub mod run;
pub mod sensitivity;
pub mod settings;
pub mod shocks;
pub mod summary;

/// Version of the fan's method, written in `fan.json` as `method_version`:
/// it changes whenever the same seed gives other numbers. 2: counter-based
/// Philox4x32-10 normals, a 256-layer ziggurat and 4,096-bin histograms
/// (1, unnumbered: ChaCha8 streams per block, 128 layers, 8,192 bins).
/// 3: the full model draws a scenario's interventions from its own
/// uncertainty tables and correlations, jointly with the macro assumptions,
/// instead of scaling savings and costs by fixed spreads (the reduced form
/// is unchanged from 2).
pub const FAN_METHOD_VERSION: u32 = 3;

pub use baseline::Baseline;
pub use error::UncertaintyError;
pub use fan::{check_paths, run_reduced, run_reduced_with_paths, BlockPaths, Engine, FanRun};
pub use run::{fan, fan_with_paths, shock_params, FanOptions};
pub use settings::UncertaintySettings;
pub use shocks::{ShockParams, N_SHOCKS, SHOCK_NAMES};
pub use summary::{Summary, PERCENTILES, THRESHOLDS_PCT_GDP};
