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

pub(crate) mod assumptions;
pub(crate) mod embedded;
pub(crate) mod engine;
pub(crate) mod error;
pub(crate) mod lifetable;
pub(crate) mod npp2024;
pub(crate) mod projection;
pub(crate) mod reproduce;
pub(crate) mod settings;
pub(crate) mod spa_link;

// Public: the `[population]` settings of a scenario and the summary rows
// of `fiscal population`; the engine, its assumptions and the embedded
// tables are the crate's own.
pub(crate) use assumptions::DemographicAssumptions;
pub(crate) use embedded::principal_assumptions;
pub(crate) use engine::project;
pub(crate) use error::DemographyError;
pub(crate) use projection::SpaPath;
pub use projection::SummaryRow;
pub use reproduce::{ReproductionReport, ReproductionRow};
pub(crate) use settings::{population_from_settings, PopulationChoice, PopulationOutcome};
pub use settings::{PopulationSettings, PopulationVintage, VariantPreset};
pub use spa_link::SpaLink;

#[cfg(test)]
mod tests;

use crate::data::{PopulationTable, Sex};
use crate::Error;

/// The cohort-component engine with the ONS 2022-based principal
/// assumptions loaded: projects the population that `[population]`
/// settings ask for, as a scenario's run does.
#[derive(Debug, Clone)]
pub struct Demography {
    principal: DemographicAssumptions,
}

impl Demography {
    /// Load the embedded principal assumptions.
    pub fn principal() -> Result<Demography, Error> {
        Ok(Demography {
            principal: principal_assumptions()?,
        })
    }

    /// Project from the base mid-year (2022) to mid-`last_year`: the
    /// principal assumptions, changed by `settings` when given (settings
    /// naming a ready projection are refused: they have no assumptions).
    pub fn project(
        &self,
        settings: Option<&PopulationSettings>,
        last_year: i32,
    ) -> Result<PopulationProjection, Error> {
        let p = match settings {
            Some(s) => project(&s.apply(&self.principal)?, last_year)?,
            None => project(&self.principal, last_year)?,
        };
        Ok(PopulationProjection(p))
    }
}

/// A projected population by sex, single year of age (105 = 105 and over)
/// and mid-year, with the flows of each year.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationProjection(projection::DemographicProjection);

impl PopulationProjection {
    /// The base mid-year.
    pub fn first_year(&self) -> i32 {
        self.0.first_year
    }

    /// The last mid-year projected.
    pub fn last_year(&self) -> i32 {
        self.0.last_year()
    }

    /// Total persons at mid-`year`.
    pub fn total(&self, year: i32) -> Option<f64> {
        self.0.total(year)
    }

    /// Persons of `sex` aged `age` at mid-`year`.
    pub fn persons(&self, sex: Sex, age: usize, year: i32) -> Option<f64> {
        let j = usize::try_from(year - self.0.first_year).ok()?;
        self.0
            .population_persons
            .get([sex as usize, age, j])
            .copied()
    }

    /// Period life expectancy at birth of `sex` from the rates of the year
    /// starting at mid-`year` (none for the last year), years.
    pub fn life_expectancy_at_birth_years(&self, sex: Sex, year: i32) -> Option<f64> {
        let j = usize::try_from(year - self.0.first_year).ok()?;
        self.0
            .life_expectancy_at_birth_years
            .get([sex as usize, j])
            .copied()
    }

    /// The population as a table (what a scenario's `data.population_file`
    /// holds), named `source`.
    pub fn table(&self, source: &str) -> PopulationTable {
        self.0.to_population_table(source)
    }
}

/// The ONS 2022-based principal projection reproduced from its assumptions:
/// UK totals every year and the worst cells, with the largest errors.
pub fn reproduce_npp2022() -> Result<ReproductionReport, Error> {
    Ok(reproduce::reproduce_npp2022()?)
}
