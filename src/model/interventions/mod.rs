//! Digital efficiency interventions as scenario objects: their
//! specification, their year-by-year paths against a baseline (success,
//! failure and expected), the results (net savings, Exchequer and social
//! NPV, breakeven, effect on debt) and probabilistic runs.

// Paths are vectors of the projection's length, indexed by its years.
#![allow(clippy::indexing_slicing)]

pub(crate) mod paths;
pub mod probabilistic;
pub(crate) mod results;
pub(crate) mod spec;

#[cfg(test)]
mod tests;

pub use paths::Target;
#[cfg(test)]
pub(crate) use results::npv_real;
pub(crate) use results::{evaluate, package_adjustments};
pub use results::{Effect, EffectYear, InterventionResults};
pub use spec::{Adoption, Intervention, Uncertainty};
