//! Sustainability indicators computed from projections: the debt
//! decomposition and debt-stabilising primary balance, the OBR's fiscal gaps
//! and the European Commission's S1 and S2. Pure computation, no I/O; the
//! definitions and equations are in `docs/indicators.md`.
//!
//! A run's headline indicators are [`crate::Run::indicators`]; every gap
//! `fiscal gap` reports is [`fiscal_gaps`]; one gap to any target and
//! profile is [`FiscalGap::solve`]. The solvers behind them are the crate's
//! own.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub(crate) mod decomposition;
mod error;
pub(crate) mod gap;
pub(crate) mod headline;
pub(crate) mod report;
pub(crate) mod solve;

#[cfg(test)]
mod closed_forms;
#[cfg(test)]
mod replay_tests;
#[cfg(test)]
mod tests;

pub(crate) use decomposition::decompose;
pub use decomposition::DecompositionRow;
pub(crate) use error::IndicatorError;
pub use gap::GapResult;
#[cfg(test)]
pub(crate) use gap::S1_PHASE_IN_YEARS;
pub(crate) use gap::{intertemporal_assumptions, GapSolver};
pub use gap::{GapSpec, Profile};
pub(crate) use headline::{one_off_gap, sustainability};
pub use headline::{GapShare, Headline, Sustainability};
pub(crate) use report::GapsError;
pub use report::{FiscalGaps, GapRequest, IndicatorRow, PathRow};
pub use solve::Method;

use crate::data::Dataset;
use crate::model::{intervention_adjustments, Assumptions, Projection};
use crate::Error;

/// The fiscal gap of one scenario (its interventions in force) to any
/// target and profile: the unadjusted projection is computed once, each
/// [`FiscalGap::solve`] then re-runs the model for its step.
pub struct FiscalGap<'a>(GapSolver<'a>);

impl<'a> FiscalGap<'a> {
    /// Validate `a` and project it once.
    pub fn new(a: &'a Assumptions, data: &'a Dataset) -> Result<FiscalGap<'a>, Error> {
        crate::model::check_inputs(a, data).map_err(GapsError::Model)?;
        let adj = intervention_adjustments(a, data).map_err(GapsError::Model)?;
        Ok(FiscalGap(GapSolver::new(a, data, adj)?))
    }

    /// The same solver re-running the whole projection for every trial
    /// step instead of replaying its debt (slower, the same numbers: the
    /// method the replay is checked against).
    pub fn reprojecting(self) -> Self {
        FiscalGap(self.0.reprojecting())
    }

    /// The projection with no gap adjustment.
    pub fn baseline(&self) -> &Projection {
        self.0.baseline()
    }

    /// The step in the primary balance (% of GDP) that brings PSND to
    /// `spec`'s target in its year, with the re-run that checks it.
    pub fn solve(&self, spec: &GapSpec) -> Result<GapResult, Error> {
        Ok(self.0.gap(spec)?)
    }
}

/// Every fiscal-gap indicator of scenario `a`, as `fiscal gap` reports
/// them: the one-off and staged gaps to the debt target, the intertemporal
/// gap, S1 and S2, with the debt paths each implies (the scenario's
/// interventions stay in force). The assumptions are validated first.
pub fn fiscal_gaps(a: &Assumptions, data: &Dataset, req: &GapRequest) -> Result<FiscalGaps, Error> {
    crate::model::check_inputs(a, data).map_err(GapsError::Model)?;
    Ok(report::fiscal_gaps(a, data, req)?)
}
