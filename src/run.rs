//! A scenario run as every command that shows results needs it: the data,
//! the projection without interventions, the interventions evaluated
//! against it and the package in force. The binary's `run`, `compare`,
//! `chart` and `report` all go through [`Run::project`], so they report the
//! same numbers, and a library user gets the same run the binary does.

use crate::chart::Input;
use crate::data::{DataError, Dataset};
use crate::model::demography::{
    population_from_settings, projection::summary_of_table, DemographyError, PopulationOutcome,
    PopulationSettings, SpaPath, SummaryRow,
};
use crate::model::interventions::{self, InterventionResults};
use crate::model::{self, Adjustments, Assumptions, ModelError, Projection};
use crate::scenario::Scenario;

/// Why a scenario could not be run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The data tables (embedded or substituted by the scenario) are not usable.
    #[error("cannot load the data tables for scenario `{scenario}`")]
    Data {
        /// The scenario's name.
        scenario: String,
        /// What went wrong.
        #[source]
        source: DataError,
    },
    /// The projection failed.
    #[error("cannot project scenario `{scenario}`")]
    Model {
        /// The scenario's name.
        scenario: String,
        /// What went wrong.
        #[source]
        source: ModelError,
    },
    /// The interventions could not be evaluated.
    #[error("cannot evaluate the interventions of `{scenario}`")]
    Interventions {
        /// The scenario's name.
        scenario: String,
        /// What went wrong.
        #[source]
        source: ModelError,
    },
    /// The population summary could not be projected.
    #[error("cannot project the population of `{scenario}`")]
    Population {
        /// The scenario's name.
        scenario: String,
        /// What went wrong.
        #[source]
        source: DemographyError,
    },
}

/// A scenario with its data and projection.
#[derive(Debug)]
pub struct Run {
    /// The scenario.
    pub scenario: Scenario,
    /// The data it ran on.
    pub data: Dataset,
    /// The population the scenario's `[population]` settings asked for, if any.
    pub population: Option<PopulationOutcome>,
    /// The projection without interventions.
    pub base: Projection,
    /// The result (with the interventions' package in force, if any).
    pub projection: Projection,
    /// The interventions against the same scenario without them.
    pub interventions: Option<InterventionResults>,
    /// The adjustments of the interventions' package (none without).
    pub package: Adjustments,
}

impl Run {
    /// The chart input for this run.
    pub fn input(&self) -> Input<'_> {
        Input {
            projection: &self.projection,
            population: &self.data.population,
            interventions: self.interventions.as_ref(),
        }
    }

    /// Project `scenario`; with interventions, evaluate them against the
    /// scenario without them and project the package (as `fiscal run` does).
    pub fn project(scenario: Scenario) -> Result<Run, RunError> {
        let a = &scenario.assumptions;
        let name = || a.name.clone();
        let (data, population) =
            scenario
                .dataset_and_population()
                .map_err(|source| RunError::Data {
                    scenario: name(),
                    source,
                })?;
        let model_err = |source| RunError::Model {
            scenario: name(),
            source,
        };
        let base = model::project_with(a, &data, &Adjustments::none()).map_err(model_err)?;
        let (projection, interventions, package) = if a.intervention.is_empty() {
            (base.clone(), None, Adjustments::none())
        } else {
            let results = interventions::evaluate(a, &data, &base).map_err(|source| {
                RunError::Interventions {
                    scenario: name(),
                    source,
                }
            })?;
            let package = interventions::package_adjustments(a, &base).0;
            let with = model::project_with(a, &data, &package).map_err(model_err)?;
            (with, Some(results), package)
        };
        Ok(Run {
            scenario,
            data,
            population,
            base,
            projection,
            interventions,
            package,
        })
    }

    /// The population summary (births, deaths, TFR, life expectancy, OADR)
    /// for each projection year; takes the population outcome out of the run.
    pub fn take_population_summary(&mut self) -> Result<Vec<SummaryRow>, RunError> {
        let outcome = self.population.take();
        population_summary(&self.scenario, outcome)
    }
}

/// Project each scenario in turn; scenarios that share a name are told
/// apart by their file (see [`disambiguate`]).
pub fn project_all(scenarios: Vec<Scenario>) -> Result<Vec<Run>, RunError> {
    let mut runs = scenarios
        .into_iter()
        .map(Run::project)
        .collect::<Result<Vec<_>, _>>()?;
    disambiguate(&mut runs);
    Ok(runs)
}

/// Scenarios that share a name get their file's name added (`Low
/// productivity (a.toml)`), so that compare tables and charts can tell them
/// apart.
pub fn disambiguate(runs: &mut [Run]) {
    let names: Vec<String> = runs.iter().map(|r| r.projection.name.clone()).collect();
    for r in runs.iter_mut() {
        let name = r.projection.name.clone();
        if names.iter().filter(|n| **n == name).count() < 2 {
            continue;
        }
        let file = r.scenario.files.last().map_or("embedded", |f| {
            std::path::Path::new(&f.path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(&f.path)
        });
        let label = format!("{name} ({file})");
        r.projection.name.clone_from(&label);
        r.base.name = label;
    }
}

/// Every file the runs read, and the paths given on the command line:
/// outputs must not replace them.
pub fn inputs_of(runs: &[Run], given: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = given.to_vec();
    for r in runs {
        paths.extend(r.scenario.input_paths());
    }
    paths
}

/// The scenario's State Pension age steps (with any life-expectancy link
/// resolved) as a path by calendar mid-year.
pub fn spa_path(a: &Assumptions) -> Result<SpaPath, RunError> {
    let resolved = model::spa::resolve_state_pension_age(a).map_err(|source| RunError::Model {
        scenario: a.name.clone(),
        source,
    })?;
    let steps = &resolved.steps;
    let mut points = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        points.push((s.from.start(), s.age_years));
        if let Some(next) = steps.get(i + 1) {
            points.push((next.from.start() - 1, s.age_years));
        }
    }
    Ok(SpaPath { points })
}

/// The scenario's population summary for each projection year: from the
/// cohort-component engine when the scenario gives assumptions (or none), or
/// from the ready projection it names. `outcome` is what the scenario's
/// settings produced (`None` without settings).
pub fn population_summary(
    scenario: &Scenario,
    outcome: Option<PopulationOutcome>,
) -> Result<Vec<SummaryRow>, RunError> {
    let a = &scenario.assumptions;
    let last_year = a.horizon.end_year.start() + 1;
    // Without settings, project the principal assumptions so that flows show.
    let outcome = match outcome {
        Some(o) => o,
        None => population_from_settings(&PopulationSettings::default(), last_year, None).map_err(
            |source| RunError::Population {
                scenario: a.name.clone(),
                source,
            },
        )?,
    };
    let spa = spa_path(a)?;
    Ok(match &outcome {
        PopulationOutcome::Projected(p) => p.summary(&spa),
        PopulationOutcome::Ready(t) => summary_of_table(t, &spa),
    }
    .into_iter()
    .filter(|r| r.year >= a.horizon.base_year.start() && r.year < last_year)
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_the_default_is_the_plain_projection() {
        let s = Scenario::default_scenario().unwrap();
        let expected = model::project(&s.assumptions, &s.dataset().unwrap()).unwrap();
        let mut run = Run::project(s).unwrap();
        assert_eq!(run.projection, expected);
        assert!(run.interventions.is_none());
        let rows = run.take_population_summary().unwrap();
        assert_eq!(
            rows.first().map(|r| r.year),
            Some(run.scenario.assumptions.horizon.base_year.start())
        );
    }
}
