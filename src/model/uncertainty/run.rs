//! One call from a scenario to a finished fan: the deterministic
//! projection, the shock parameters (estimates with the scenario's
//! overrides), and the engine asked for.

use super::baseline::Baseline;
use super::error::UncertaintyError;
use super::fan::{check_paths, run_reduced, run_reduced_with_paths, BlockPaths, Engine, FanRun};
use super::full::FullModel;
use super::shocks::ShockParams;
use crate::data::shocks::ShockTable;
use crate::data::Dataset;
use crate::model::{self, Assumptions};

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FanOptions {
    /// The engine.
    pub engine: Engine,
    /// Paths.
    pub paths: u64,
    /// Seed.
    pub seed: u64,
    /// Shock the EFO years (overrides the scenario's
    /// `uncertainty.shock_medium_term`; `None` keeps it).
    pub shock_medium_term: Option<bool>,
    /// Whether the full model may redraw the population (the scenario's
    /// population comes from the principal assumptions).
    pub draw_demography: bool,
}

/// The shock parameters of `a`: `table` with the scenario's overrides.
pub fn shock_params(a: &Assumptions, table: &ShockTable) -> Result<ShockParams, UncertaintyError> {
    let base = ShockParams::from_table(table);
    let p = match &a.uncertainty {
        Some(u) => u.apply(&base)?,
        None => base,
    };
    p.validate()?;
    Ok(p)
}

fn prepare(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    o: &FanOptions,
) -> Result<(Baseline, ShockParams, FanRun), UncertaintyError> {
    check_paths(o.engine, o.paths)?;
    let shocks = shock_params(a, table)?;
    let shock_mt = o
        .shock_medium_term
        .or(a.uncertainty.as_ref().and_then(|u| u.shock_medium_term))
        .unwrap_or(false);
    let p = model::engine::project(a, data)?;
    let base = Baseline::new(a, data, &p, shock_mt);
    let run = FanRun {
        scenario: a.name.clone(),
        engine: o.engine,
        seed: o.seed,
        paths: o.paths,
        shock_medium_term: shock_mt,
        shocks: (o.engine == Engine::Reduced).then(|| shocks.clone()),
        maturity_years: (o.engine == Engine::Reduced).then_some(base.maturity_years),
        years: base.years.clone(),
        deterministic: FanRun::deterministic_of(&base),
        summary: super::summary::Exact::new(0).summary(),
    };
    Ok((base, shocks, run))
}

/// The fan of `a` on `data`; `progress` hears of finished paths.
pub fn fan(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    o: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<FanRun, UncertaintyError> {
    let (base, shocks, mut run) = prepare(a, data, table, o)?;
    run.summary = match o.engine {
        Engine::Reduced => run_reduced(&base, &shocks, o.paths, o.seed, progress)?,
        Engine::Full => {
            let principal = if o.draw_demography {
                Some(
                    a.population
                        .clone()
                        .unwrap_or_default()
                        .principal()
                        .map_err(|e| {
                            UncertaintyError::bad(
                                "population",
                                format!(
                                    "the principal demographic assumptions cannot be read: {e}"
                                ),
                            )
                        })?,
                )
            } else {
                None
            };
            let m = FullModel {
                assumptions: a,
                data,
                principal: principal.cloned(),
                seed: o.seed,
            };
            m.run(o.paths, base.len(), progress)?.summary()
        }
    };
    Ok(run)
}

/// [`fan`] (reduced form only) handing every block of paths to `write`.
pub fn fan_with_paths<E>(
    a: &Assumptions,
    data: &Dataset,
    table: &ShockTable,
    o: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
    write: &mut dyn FnMut(&FanRun, &BlockPaths) -> Result<(), E>,
) -> Result<Result<FanRun, E>, UncertaintyError> {
    if o.engine != Engine::Reduced {
        return Err(UncertaintyError::bad("--paths-out", "every path is written by the reduced-form engine only: drop --engine full or --paths-out"));
    }
    let (base, shocks, mut run) = prepare(a, data, table, o)?;
    let header = run.clone();
    let result = run_reduced_with_paths(&base, &shocks, o.paths, o.seed, progress, &mut |b| {
        write(&header, b)
    })?;
    Ok(result.map(|s| {
        run.summary = s;
        run
    }))
}
