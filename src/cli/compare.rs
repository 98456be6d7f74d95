//! `fiscal compare`: several scenarios side by side, with differences from
//! the first.

use std::path::PathBuf;

use anyhow::Context;

use super::run_all::Run;
use crate::model::Projection;

use super::Format;

use crate::model;
use crate::output::{self, compare};

/// Arguments of `fiscal compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files; the first is the reference for differences.
    #[arg(required = true, num_args = 1..)]
    pub scenarios: Vec<PathBuf>,
    /// Also compare against the embedded baseline, listed first.
    #[arg(long)]
    pub with_baseline: bool,
    /// Write compare.csv and compare.json into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also write the debt and dependency charts, every scenario on each (SVG, PNG, CSV), into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
}

/// Run `fiscal compare`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut scenarios = Vec::new();
    if args.with_baseline {
        scenarios.push(super::load_scenario(None)?);
    }
    for p in &args.scenarios {
        scenarios.push(super::load_scenario(Some(p))?);
    }
    if scenarios.len() < 2 {
        return Err(super::UsageError(
            "give at least two scenarios to compare (or one with --with-baseline)".into(),
        )
        .into());
    }
    if let Some(dir) = &args.out {
        output::prepare_dir(dir).context("the output directory is not usable")?;
    }
    let mut runs = scenarios
        .into_iter()
        .map(Run::project)
        .collect::<anyhow::Result<Vec<Run>>>()?;
    super::run_all::disambiguate(&mut runs);
    let inputs: Vec<_> = runs.iter().map(Run::input).collect();
    let mut files = output::FileSet::new(super::run_all::inputs_of(&runs, &args.scenarios));
    super::chart::write_compare(&mut files, args.charts.as_deref(), &inputs)?;
    let projections: Vec<&Projection> = runs.iter().map(|r| &r.projection).collect();
    let indicators: Vec<_> = runs
        .iter()
        .map(|r| model::indicators::headline(&r.scenario.assumptions, &r.data, r.package.clone()))
        .collect();
    let csv = compare::csv(&projections);
    let json = {
        let mut t = serde_json::to_string_pretty(&projections).unwrap_or_default();
        t.push('\n');
        t
    };
    if let Some(dir) = &args.out {
        files.add(
            dir.join("compare_indicators.csv"),
            compare::indicators_csv(&projections, &indicators).into_bytes(),
        )?;
        files.add(dir.join("compare.csv"), csv.clone().into_bytes())?;
        files.add(dir.join("compare.json"), json.clone().into_bytes())?;
    }
    files.commit()?;
    match args.format {
        Format::Table => {
            out!("{}", compare::table(&projections))?;
            out!("{}", compare::indicators_table(&projections, &indicators))?;
        }
        Format::Csv => out!("{csv}")?,
        Format::Json => out!("{json}")?,
    }
    Ok(())
}
