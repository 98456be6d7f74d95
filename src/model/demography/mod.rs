//! Demography: a cohort-component population projection by sex and single
//! year of age 0..=105 (105 = 105 and over) that reproduces the ONS
//! 2022-based UK principal projection from the ONS assumptions, with the
//! variants a scenario can ask for.
//!
//! - [`assumptions`]: the inputs and their validation;
//! - [`engine`]: [`project`], the ONS accounting year by year;
//! - [`projection`]: the output and its per-year summary rows;
//! - [`settings`]: `[population]` scenario settings and ONS variant presets;
//! - [`embedded`]: the embedded principal assumptions and ready projections;
//! - [`reproduce`]: the comparison with the published ONS projection.
//!
//! The method is written out in `docs/demography.md`.

// Arrays are shaped (sex, age, year) and indexed by `Sex`, ages below
// `N_AGES` and years within the span they were built for.
#![allow(clippy::indexing_slicing)]

pub mod assumptions;
pub mod embedded;
pub mod engine;
pub mod error;
pub mod lifetable;
pub mod npp2024;
pub mod projection;
pub mod reproduce;
pub mod settings;
pub mod spa_link;

pub use assumptions::DemographicAssumptions;
pub use embedded::{
    principal_assumptions, ready_projection, ready_projection_from_text, READY_PROJECTIONS,
};
pub use engine::project;
pub use error::DemographyError;
pub use projection::{DemographicProjection, SpaPath, SummaryRow};
pub use reproduce::{reproduce_npp2022, ReproductionReport, ReproductionRow};
pub use settings::{
    population_from_settings, PopulationChoice, PopulationOutcome, PopulationSettings,
    PopulationVintage, VariantPreset,
};
pub use spa_link::SpaLink;

#[cfg(test)]
mod tests;
