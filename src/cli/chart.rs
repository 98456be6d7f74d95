//! `fiscal chart KIND [SCENARIO...] -o FILE.svg|png`: draw one chart and
//! write its data beside it as CSV.

use std::path::PathBuf;

use anyhow::Context;

use crate::chart::{self, ChartError, ChartKind, ImageFormat, Input, Options};
use crate::output;
use crate::run::{project_all, Run};

use super::UsageError;

/// Arguments of `fiscal chart`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which chart.
    #[arg(value_enum)]
    pub kind: ChartKind,
    /// Scenario files (TOML); the embedded baseline when none. Only `debt` and `dependency` take several.
    pub scenarios: Vec<PathBuf>,
    /// Output image: FILE.svg or FILE.png. The chart's data is written beside it as FILE.csv.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Pyramid years (calendar mid-years), comma-separated, e.g. 2025,2050,2074; default: first, middle and last projection years.
    #[arg(long, value_name = "YEAR", value_delimiter = ',')]
    pub years: Vec<i32>,
}

/// Run `fiscal chart`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let Some(format) = ImageFormat::from_path(&args.output) else {
        return Err(UsageError(format!(
            "cannot tell the image format of {}: name the output FILE.svg or FILE.png",
            args.output.display()
        ))
        .into());
    };
    if !args.kind.compares_scenarios() && args.scenarios.len() > 1 {
        return Err(ChartError::OneScenario {
            kind: args.kind.key(),
            count: args.scenarios.len(),
        }
        .into());
    }
    output::prepare_dir(output::parent_dir(&args.output))
        .context("the output directory is not usable")?;
    let runs = project_all(super::load_scenarios(&args.scenarios)?)?;
    let inputs: Vec<Input<'_>> = runs.iter().map(Run::input).collect();
    let opts = Options {
        pyramid_years: args.years,
    };
    let chart = chart::build(args.kind, &inputs, &opts)?;
    let bytes = chart
        .render(format)
        .with_context(|| format!("cannot draw the {} chart", args.kind.key()))?;
    output::write_atomic(&args.output, &bytes)?;
    output::write_atomic(&args.output.with_extension("csv"), chart.csv().as_bytes())?;
    Ok(())
}
