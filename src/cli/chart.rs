//! `fiscal chart KIND [SCENARIO...] -o FILE.svg|png`: draw one chart and
//! write its data beside it as CSV; also the `--charts DIR` writers of
//! `fiscal run` and `fiscal compare`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::chart::{self, Chart, ChartError, ChartKind, ImageFormat, Input, Options};
use crate::data::Dataset;
use crate::model::interventions::InterventionResults;
use crate::model::Projection;
use crate::output;

use super::run_all::{project_all, Run};
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
    /// Interventions chart: draw technology refresh costs in the years they fall (a sawtooth) instead of spread over their cycle.
    #[arg(long)]
    pub refresh_spikes: bool,
}

/// Turn chart errors caused by the request into usage errors (exit 2).
pub fn usage(e: ChartError) -> anyhow::Error {
    match e {
        ChartError::PopulationYear { .. }
        | ChartError::OneScenario { .. }
        | ChartError::NoInterventions { .. }
        | ChartError::NoData(_) => UsageError(e.to_string()).into(),
        other => anyhow::Error::new(other),
    }
}

/// The directory a file goes into (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
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
        return Err(usage(ChartError::OneScenario {
            kind: args.kind.key(),
            count: args.scenarios.len(),
        }));
    }
    output::prepare_dir(parent_dir(&args.output)).context("the output directory is not usable")?;
    let runs = project_all(&args.scenarios)?;
    let inputs: Vec<Input<'_>> = runs.iter().map(Run::input).collect();
    let opts = Options {
        pyramid_years: args.years,
        refresh_spikes: args.refresh_spikes,
    };
    let chart = chart::build(args.kind, &inputs, &opts).map_err(usage)?;
    let bytes = chart
        .render(format)
        .with_context(|| format!("cannot draw the {} chart", args.kind.key()))?;
    output::write_atomic(&args.output, &bytes)?;
    output::write_atomic(&args.output.with_extension("csv"), chart.csv().as_bytes())?;
    Ok(())
}

/// Write every chart of one projection (and, with interventions, the
/// `interventions` chart) into `dir` as `<kind>.svg`, `<kind>.png` and
/// `<kind>.csv`; nothing when `dir` is `None`.
pub fn write_all(
    dir: Option<&Path>,
    data: &Dataset,
    projection: &Projection,
    interventions: Option<&InterventionResults>,
) -> anyhow::Result<()> {
    let Some(dir) = dir else {
        return Ok(());
    };
    let input = Input {
        projection,
        population: &data.population,
        interventions,
    };
    let charts = chart::build_all(input, &Options::default()).map_err(usage)?;
    write_charts(dir, &charts)
}

/// Write the charts that compare scenarios (`debt`, `dependency`), each
/// with every scenario, into `dir`; nothing when `dir` is `None`.
pub fn write_compare(dir: Option<&Path>, inputs: &[Input<'_>]) -> anyhow::Result<()> {
    let Some(dir) = dir else {
        return Ok(());
    };
    let charts = ChartKind::ALL
        .iter()
        .filter(|k| k.compares_scenarios())
        .map(|&k| chart::build(k, inputs, &Options::default()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(usage)?;
    write_charts(dir, &charts)
}

/// Write each chart into `dir` as `<kind>.svg`, `<kind>.png` and `<kind>.csv`.
fn write_charts(dir: &Path, charts: &[Chart]) -> anyhow::Result<()> {
    output::prepare_dir(dir).context("the charts directory is not usable")?;
    for c in charts {
        let key = c.kind.key();
        for format in [ImageFormat::Svg, ImageFormat::Png] {
            let bytes = c
                .render(format)
                .with_context(|| format!("cannot draw the {key} chart"))?;
            output::write_atomic(&dir.join(format!("{key}.{}", format.ext())), &bytes)?;
        }
        output::write_atomic(&dir.join(format!("{key}.csv")), c.csv().as_bytes())?;
    }
    Ok(())
}
