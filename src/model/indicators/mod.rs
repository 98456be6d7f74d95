//! Sustainability indicators computed from projections: the debt
//! decomposition and debt-stabilising primary balance, the OBR's fiscal gaps
//! and the European Commission's S1 and S2. Pure computation, no I/O; the
//! definitions and equations are in `docs/indicators.md`.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub mod decomposition;
mod error;
pub mod gap;
pub mod headline;
pub mod report;
pub mod solve;

pub use decomposition::{decompose, DecompositionRow};
pub use error::IndicatorError;
pub use gap::{
    intertemporal_assumptions, GapResult, GapSolver, GapSpec, Profile, S1_PHASE_IN_YEARS,
};
pub use headline::{headline, one_off_gap, sustainability, Headline, Sustainability};
pub use report::{fiscal_gaps, FiscalGaps, GapRequest, GapsError, IndicatorRow, PathRow};
pub use solve::Method;
