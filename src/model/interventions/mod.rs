//! Digital efficiency interventions as scenario objects: their
//! specification and numeric fields, their year-by-year paths against a
//! baseline (success, failure and expected), the package with its
//! overlaps, the results (net savings, Exchequer and social NPV, breakeven,
//! effect on debt, retention cases), switching values, correlated draws and
//! probabilistic runs.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub mod draws;
pub mod fields;
pub mod notes;
pub mod package;
pub mod paths;
pub mod probabilistic;
pub mod results;
pub mod spec;
pub mod switching;

pub use package::{package_with, Overlap, Package};
pub use paths::{Outcome, Paths, Target};
pub use results::{
    evaluate, green_book_discount_factor, npv_real, package_adjustments, Effect, EffectYear,
    HorizonNpv, InterventionResults, RetentionCase, RetentionCases,
};
pub use spec::{
    Adoption, BudgetsCut, ContentClaim, Correlation, Grade, Indexation, Intervention,
    SpendingContent, Uncertainty,
};
