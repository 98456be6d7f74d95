//! `fiscal compare`: several scenarios side by side, with differences from
//! the first.

use std::path::PathBuf;

use anyhow::Context;

use crate::model::Projection;
use crate::run::Run;

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
    if let Some(dir) = &args.charts {
        output::prepare_dir(dir).context("the charts directory is not usable")?;
    }
    let runs = crate::run::project_all(scenarios)?;
    let inputs: Vec<_> = runs.iter().map(Run::input).collect();
    if let Some(dir) = &args.charts {
        output::charts::write_compare(dir, &inputs).context("cannot write the charts")?;
    }
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
        output::write_atomic(
            &dir.join("compare_indicators.csv"),
            compare::indicators_csv(&projections, &indicators).as_bytes(),
        )?;
        output::write_atomic(&dir.join("compare.csv"), csv.as_bytes())?;
        output::write_atomic(&dir.join("compare.json"), json.as_bytes())?;
    }
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
