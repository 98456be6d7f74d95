//! A scenario run as every command that shows results needs it: the data,
//! the projection without interventions, the interventions evaluated
//! against it and the package in force. Shared by `run`, `compare`, `chart`
//! and `report` so that they all report the same numbers.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::chart::Input;
use crate::data::Dataset;
use crate::model::demography::PopulationOutcome;
use crate::model::interventions::{self, InterventionResults};
use crate::model::{self, Adjustments, Projection};
use crate::scenario::Scenario;

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
    pub fn project(scenario: Scenario) -> anyhow::Result<Run> {
        let (data, population) = scenario
            .dataset_and_population()
            .context("cannot load the data tables")?;
        let a = &scenario.assumptions;
        let cannot = || format!("cannot project scenario `{}`", a.name);
        let base = model::project_with(a, &data, &Adjustments::none()).with_context(cannot)?;
        let (projection, interventions, package) = if a.intervention.is_empty() {
            (base.clone(), None, Adjustments::none())
        } else {
            let results = interventions::evaluate(a, &data, &base)
                .with_context(|| format!("cannot evaluate the interventions of `{}`", a.name))?;
            let package = interventions::package_adjustments(&a.intervention, &base).0;
            let with = model::project_with(a, &data, &package).with_context(cannot)?;
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
}

/// Load and project each scenario file (the embedded baseline when none).
pub fn project_all(paths: &[PathBuf]) -> anyhow::Result<Vec<Run>> {
    let paths: Vec<Option<&Path>> = if paths.is_empty() {
        vec![None]
    } else {
        paths.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut runs = paths
        .into_iter()
        .map(|p| Run::project(super::load_scenario(p)?))
        .collect::<anyhow::Result<Vec<Run>>>()?;
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
            Path::new(&f.path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(&f.path)
        });
        let label = format!("{name} ({file})");
        r.projection.name.clone_from(&label);
        r.base.name = label;
    }
}

/// Every file the runs read (outputs must not replace them).
pub fn inputs_of(runs: &[Run], given: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = given.to_vec();
    for r in runs {
        paths.extend(r.scenario.input_paths());
    }
    paths
}
