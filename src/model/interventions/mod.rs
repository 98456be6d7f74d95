//! Digital efficiency interventions as scenario objects: their
//! specification, their year-by-year paths against a baseline, and the
//! results (net savings, NPV, breakeven, effect on debt).

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub mod paths;
pub mod results;
pub mod spec;

pub use paths::{Paths, Target};
pub use results::{
    evaluate, green_book_discount_factor, package_adjustments, Effect, EffectYear,
    InterventionResults,
};
pub use spec::{Adoption, Intervention};
