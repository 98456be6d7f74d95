//! A scenario run as every command that shows results needs it: the data,
//! the projection without interventions, the interventions evaluated
//! against it and the package in force. The binary's `run`, `compare`,
//! `chart` and `report` all go through [`Run::project`], so they report the
//! same numbers, and a library user gets the same run the binary does.

use crate::data::{DataError, Dataset};
use crate::model::demography::{
    population_from_settings, projection::summary_of_table, DemographyError, PopulationOutcome,
    PopulationSettings, SpaPath, SummaryRow,
};
use crate::model::engine::Replay;
use crate::model::indicators::{self, Sustainability};
use crate::model::interventions::probabilistic::{self, Draw, Summary as DrawSummary};
use crate::model::interventions::{self, InterventionResults};
use crate::model::{self, Adjustments, Assumptions, ModelError, Projection};
use crate::scenario::{Scenario, ScenarioError};
use crate::Error;
use std::sync::OnceLock;

/// Why a scenario could not be run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    /// The scenario's assumptions (edited after loading) are not valid.
    #[error("scenario `{scenario}` is not valid")]
    Scenario {
        /// The scenario's name.
        scenario: String,
        /// Every problem, located.
        #[source]
        source: ScenarioError,
    },
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

/// A scenario run: the scenario, the data it ran on, its projection (with
/// its interventions in force), the interventions evaluated against the
/// same scenario without them, and, computed on first use, its
/// sustainability indicators and population summary. What `fiscal run`
/// prints and writes, and what a library user gets.
#[derive(Debug)]
pub struct Run {
    pub(crate) scenario: Scenario,
    pub(crate) data: Dataset,
    /// The population the scenario's `[population]` settings produced, if any.
    pub(crate) population: Option<PopulationOutcome>,
    /// The projection without interventions.
    pub(crate) base: Projection,
    /// What `base` recorded for re-running its debt with other adjustments
    /// (an intervention's, a path's, a gap step's) without projecting again.
    base_replay: Replay,
    /// The result (with the interventions' package in force, if any).
    pub(crate) projection: Projection,
    pub(crate) interventions: Option<InterventionResults>,
    /// The adjustments of the interventions' package (none without).
    pub(crate) package: Adjustments,
    indicators: OnceLock<Sustainability>,
    population_summary: OnceLock<Vec<SummaryRow>>,
}

impl Run {
    /// Validate and project `scenario`; with interventions, evaluate them
    /// against the scenario without them and project the package (as
    /// `fiscal run` does). Assumptions edited after loading are checked
    /// again, so any scenario gives a run or a bad-input error.
    pub fn project(scenario: Scenario) -> Result<Run, Error> {
        Ok(Run::project_typed(scenario)?)
    }

    fn project_typed(scenario: Scenario) -> Result<Run, RunError> {
        let a = &scenario.assumptions;
        let name = || a.name.clone();
        scenario.check().map_err(|source| RunError::Scenario {
            scenario: name(),
            source,
        })?;
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
        let (base, base_replay) =
            model::engine::project_recorded(a, &data, &Adjustments::none()).map_err(model_err)?;
        let (projection, interventions, package) =
            if a.intervention.is_empty() {
                (base.clone(), None, Adjustments::none())
            } else {
                let results = interventions::evaluate(a, &data, &base, Some(&base_replay))
                    .map_err(|source| RunError::Interventions {
                        scenario: name(),
                        source,
                    })?;
                let package = interventions::package_adjustments(a, &base).0;
                let with = model::engine::project_with(a, &data, &package).map_err(model_err)?;
                (with, Some(results), package)
            };
        Ok(Run {
            scenario,
            data,
            population,
            base,
            base_replay,
            projection,
            interventions,
            package,
            indicators: OnceLock::new(),
            population_summary: OnceLock::new(),
        })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The data it ran on.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The projection, with the interventions' package in force if the
    /// scenario has interventions (`projection.csv`).
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// The projection without the interventions (the same as
    /// [`Run::projection`] for a scenario without any).
    pub fn without_interventions(&self) -> &Projection {
        &self.base
    }

    /// The interventions evaluated against the scenario without them
    /// (`interventions.csv`); `None` when the scenario has none.
    pub fn interventions(&self) -> Option<&InterventionResults> {
        self.interventions.as_ref()
    }

    /// The appraisal of the interventions against the projection without
    /// them, for their switching values
    /// ([`crate::model::interventions::switching::switching_values`]): each
    /// trial's debt replayed from that projection, not projected again.
    pub fn appraisal(&self) -> crate::model::interventions::switching::Appraisal<'_> {
        let mut a = crate::model::interventions::switching::Appraisal::new(
            &self.scenario.assumptions,
            &self.data,
            &self.base,
        );
        a.replay = Some(&self.base_replay);
        a
    }

    /// The sustainability indicators with the interventions in force (the
    /// fiscal gap, S1 and S2, the debt-stabilising balance) and, with
    /// interventions, without them and the share of the gap each closes;
    /// computed on first use (each gap is a solve over projections).
    pub fn indicators(&self) -> &Sustainability {
        self.indicators.get_or_init(|| {
            indicators::sustainability(
                &self.scenario.assumptions,
                &self.data,
                self.package.clone(),
                &self.base,
                Some(&self.base_replay),
            )
        })
    }

    /// `paths` probabilistic paths of the interventions' package (seed
    /// `seed`; the same on any number of threads): each draws every
    /// uncertain parameter and whether each programme succeeds; with
    /// `share_of_gap`, each path also solves its fiscal gap (about ten
    /// projections a path) for the share it closes. With the summary of
    /// the draws; `None` when the scenario has no interventions.
    pub fn intervention_draws(
        &self,
        paths: usize,
        seed: u64,
        share_of_gap: bool,
    ) -> Result<Option<(Vec<Draw>, DrawSummary)>, Error> {
        self.intervention_draws_with_progress(paths, seed, share_of_gap, &|_| {})
    }

    /// [`Run::intervention_draws`], calling `progress(n)` as each `n`
    /// further paths are done (from worker threads, in any order), so a
    /// front end can show how far a long appraisal has got.
    pub fn intervention_draws_with_progress(
        &self,
        paths: usize,
        seed: u64,
        share_of_gap: bool,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Option<(Vec<Draw>, DrawSummary)>, Error> {
        if self.interventions.is_none() {
            return Ok(None);
        }
        let a = &self.scenario.assumptions;
        let gap_without_pct_gdp = if share_of_gap && paths > 0 {
            indicators::one_off_gap(a, &self.data, Adjustments::none())
        } else {
            None
        };
        let settings = probabilistic::Settings {
            paths,
            seed,
            gap_without_pct_gdp,
        };
        let draws = probabilistic::simulate(
            a,
            &self.data,
            &self.base,
            Some(&self.base_replay),
            &settings,
            progress,
        )?;
        let mut summary = probabilistic::summarise(&draws, a, &self.base, &settings);
        if paths > 0 && probabilistic::has_uncertainty(a) {
            // The package at the mean of every distribution, beside the
            // mean of the paths (the two differ when outcomes are skewed).
            summary.at_means = Some(probabilistic::at_means(a, &self.data, &self.base)?);
        }
        Ok(Some((draws, summary)))
    }

    /// The population summary (births, deaths, TFR, life expectancy, OADR)
    /// for each projection year (`population.csv`); computed on first use.
    pub fn population_summary(&self) -> Result<&[SummaryRow], Error> {
        if let Some(rows) = self.population_summary.get() {
            return Ok(rows);
        }
        let rows = population_summary_of(&self.scenario, self.population.as_ref())?;
        Ok(self.population_summary.get_or_init(|| rows))
    }
}

/// Project each scenario in turn; scenarios that share a name are told
/// apart by their file (see [`disambiguate`]).
pub fn project_all(scenarios: Vec<Scenario>) -> Result<Vec<Run>, Error> {
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
fn disambiguate(runs: &mut [Run]) {
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

/// The scenario's State Pension age steps (with any life-expectancy link
/// resolved) as a path by calendar mid-year.
fn spa_path(a: &Assumptions) -> Result<SpaPath, RunError> {
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

/// The scenario's population summary for each projection year (what
/// `fiscal population` shows): from the cohort-component engine when the
/// scenario gives assumptions (or none), or from the ready projection it
/// names.
pub fn population_summary(scenario: &Scenario) -> Result<Vec<SummaryRow>, Error> {
    let outcome = scenario
        .population_outcome()
        .map_err(|source| RunError::Data {
            scenario: scenario.assumptions.name.clone(),
            source,
        })?;
    Ok(population_summary_of(scenario, outcome.as_ref())?)
}

/// [`population_summary`] from the population outcome the scenario's
/// settings produced (`None` without settings).
fn population_summary_of(
    scenario: &Scenario,
    outcome: Option<&PopulationOutcome>,
) -> Result<Vec<SummaryRow>, RunError> {
    let a = &scenario.assumptions;
    let last_year = a.horizon.end_year.start() + 1;
    // Without settings, project the principal assumptions so that flows show;
    // a substituted population table is the population the run uses, so it
    // is the one summarised (not the principal projection beside it).
    let principal;
    let substituted;
    let outcome = match outcome {
        Some(o) => o,
        None if scenario.data.population_file.is_some() => {
            let (data, _) = scenario
                .dataset_and_population()
                .map_err(|source| RunError::Data {
                    scenario: a.name.clone(),
                    source,
                })?;
            substituted = PopulationOutcome::Ready(data.population);
            &substituted
        }
        None => {
            principal = population_from_settings(&PopulationSettings::default(), last_year, None)
                .map_err(|source| RunError::Population {
                scenario: a.name.clone(),
                source,
            })?;
            &principal
        }
    };
    let spa = spa_path(a)?;
    Ok(match outcome {
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

    /// A wrapper (a Python binding releasing the GIL, a web server's
    /// workers) can move runs, scenarios and errors between threads.
    #[test]
    fn runs_scenarios_and_errors_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Run>();
        send_sync::<Scenario>();
        send_sync::<Error>();
    }

    #[test]
    fn a_run_of_the_default_is_the_plain_projection() {
        let s = Scenario::default_scenario().unwrap();
        let expected = model::project(&s.assumptions, &s.dataset().unwrap()).unwrap();
        let run = Run::project(s).unwrap();
        assert_eq!(run.projection, expected);
        assert!(run.interventions.is_none());
        let rows = run.population_summary().unwrap();
        assert_eq!(
            rows.first().map(|r| r.year),
            Some(run.scenario.assumptions.horizon.base_year.start())
        );
    }
}
