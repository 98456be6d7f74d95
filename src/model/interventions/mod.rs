//! Digital efficiency interventions as scenario objects: their
//! specification, their year-by-year paths against a baseline (success,
//! failure and expected), the results (net savings, Exchequer and social
//! NPV, breakeven, effect on debt) and probabilistic runs.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub mod paths;
pub mod probabilistic;
pub mod results;
pub mod spec;

pub use paths::{Outcome, Paths, Target};
pub use results::{
    evaluate, green_book_discount_factor, npv_real, package_adjustments, package_with, Effect,
    EffectYear, InterventionResults, Package,
};
pub use spec::{Adoption, Intervention, Uncertainty};
