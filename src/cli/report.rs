//! `fiscal report [SCENARIO...] -o report.html|report.xlsx`: one
//! self-contained HTML report, or a workbook for analysts.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use crate::model::indicators::{sustainability, Sustainability};
use crate::output;
use crate::report::{self, Entry, ReportError};
use crate::run::{project_all, Run};

/// Arguments of `fiscal report`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal report -o report.html", "one self-contained HTML page for the baseline"),
    ("fiscal report baseline digital/smarter_state_central -o report.xlsx", "a workbook for analysts, two scenarios"),
]))]
pub struct Args {
    /// Scenario files (TOML); the embedded baseline when none.
    pub scenarios: Vec<PathBuf>,
    /// Output: FILE.html (self-contained page) or FILE.xlsx (workbook).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Clone, Copy)]
enum Kind {
    Html,
    Xlsx,
}

fn report_error(e: ReportError) -> anyhow::Error {
    match e {
        ReportError::Chart(c) => c.into(),
        other => anyhow::Error::new(other),
    }
}

/// Run `fiscal report`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("html" | "htm") => Kind::Html,
        Some("xlsx") => Kind::Xlsx,
        _ => {
            return Err(UsageError(format!(
                "cannot tell the report format of {}: name the output FILE.html or FILE.xlsx",
                args.output.display()
            ))
            .into())
        }
    };
    output::prepare_dir(output::parent_dir(&args.output))
        .context("the output directory is not usable")?;
    let runs = project_all(super::load_scenarios(&args.scenarios)?)?;
    // As `fiscal run` reports them: with the interventions in force.
    let indicators: Vec<Sustainability> = runs
        .iter()
        .map(|r| sustainability(&r.scenario.assumptions, &r.data, r.package.clone(), &r.base))
        .collect();
    let entries: Vec<Entry<'_>> = runs
        .iter()
        .zip(&indicators)
        .map(|(r, s): (&Run, _)| Entry {
            scenario: &r.scenario,
            data: &r.data,
            projection: &r.projection,
            interventions: r.interventions.as_ref(),
            sustainability: Some(s),
        })
        .collect();
    let charts = report::charts(&entries)?;
    let bytes = match kind {
        Kind::Html => report::html::render(&entries, &charts)
            .map_err(report_error)?
            .into_bytes(),
        Kind::Xlsx => report::xlsx::render(&entries, &charts).map_err(report_error)?,
    };
    output::write_atomic(&args.output, &bytes)?;
    Ok(())
}
