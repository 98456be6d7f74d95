//! The model core: assumptions and data in, a [`Projection`] out. No file,
//! terminal or clock I/O happens here.
//!
//! Public: [`project`] and [`project_with`] (which validate first), the
//! assumptions ([`assumptions`], plain data), the projection's types, and
//! the analyses built on it ([`indicators`], [`interventions`],
//! [`uncertainty`], [`demography`]'s settings and summaries). The engine,
//! the spending and receipts lines, the debt portfolio and the demographic
//! engine are the crate's own (see `docs/architecture.md`).

pub(crate) mod adjustments;
pub mod assumptions;
pub(crate) mod debt;
pub mod demography;
pub(crate) mod distributions;
pub(crate) mod economy;
pub(crate) mod engine;
mod error;
pub mod indicators;
pub mod interventions;
pub(crate) mod lines;
pub(crate) mod mortality;
pub(crate) mod projection;
pub(crate) mod reproduce;
pub(crate) mod spa;
pub(crate) mod special;
pub(crate) mod suggest;
pub mod uncertainty;
pub mod validate;

pub use adjustments::{Adjustments, RateShock};
pub use assumptions::{Assumptions, FuelDutyPath, TobaccoDutyPath};
pub use distributions::{Distribution, Shape};
pub(crate) use engine::intervention_adjustments;
pub(crate) use error::ModelError;
pub use lines::{Receipt, Spend};
pub use projection::{Calibration, Phase, Projection, YearResult};

use crate::data::Dataset;
use crate::Error;

/// Project `a` on `data`, with the scenario's interventions (if any)
/// applied against the same scenario without them.
///
/// The assumptions are validated first, against the data too (every
/// problem is named in the error, by its dotted field): any `Assumptions`
/// value gives a projection or a bad-input [`Error`], never a panic.
pub fn project(a: &Assumptions, data: &Dataset) -> Result<Projection, Error> {
    check_inputs(a, data)?;
    Ok(engine::project(a, data)?)
}

/// Project `a` on `data` with `adj` layered on top (fiscal-gap steps,
/// shocks, an intervention package); the scenario's own interventions are
/// *not* applied. Validated first, as [`project`] is.
pub fn project_with(
    a: &Assumptions,
    data: &Dataset,
    adj: &Adjustments,
) -> Result<Projection, Error> {
    check_inputs(a, data)?;
    Ok(engine::project_with(a, data, adj)?)
}

/// Every problem [`validate::check`] and [`validate::check_data`] find,
/// as one error: what public entry points run before computing, so that
/// assumptions that skipped a scenario's validation (built or edited in
/// code) are refused rather than projected.
pub(crate) fn check_inputs(a: &Assumptions, data: &Dataset) -> Result<(), ModelError> {
    let problems: Vec<validate::Problem> = validate::check(a)
        .into_iter()
        .chain(validate::check_data(a, data))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ModelError::Invalid { problems })
    }
}
