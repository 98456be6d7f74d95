//! Digital efficiency interventions as scenario objects: their
//! specification and numeric fields, their year-by-year paths against a
//! baseline (success, failure and expected), the package with its
//! overlaps, the results (net savings, Exchequer and social NPV, breakeven,
//! effect on debt, retention cases), switching values, correlated draws and
//! probabilistic runs.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub(crate) mod draws;
pub mod fields;
pub mod notes;
pub(crate) mod package;
pub(crate) mod paths;
pub mod probabilistic;
pub(crate) mod results;
pub(crate) mod spec;
pub mod switching;

#[cfg(test)]
mod appraisal_tests;
#[cfg(test)]
mod tests;

pub use package::{package_with, Overlap, Package};
pub use paths::{Outcome, Paths, Target};
pub(crate) use results::{evaluate, package_adjustments};
pub use results::{
    green_book_discount_factor, npv_real, Effect, EffectYear, HorizonNpv, InterventionResults,
    RetentionCase, RetentionCases,
};
pub use spec::{
    Adoption, BudgetsCut, ContentClaim, Correlation, Grade, Indexation, Intervention,
    SpendingContent, Uncertainty,
};
