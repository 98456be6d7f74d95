//! `fiscal compare`: several scenarios side by side, with differences from
//! the first.

use std::path::PathBuf;

use anyhow::Context;

use fiscal::chart::Input;
use fiscal::model::Projection;

use super::Format;

use fiscal::model::indicators::Headline;
use fiscal::output::compare;
use fiscal::output::csv::projection_long_csv;
use fiscal::output::envelope::Envelope;
use fiscal::output::json::OGL_ATTRIBUTION;
use serde::Serialize;

/// Arguments of `fiscal compare`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal compare low_productivity --with-baseline", "a shipped scenario against the baseline"),
    ("fiscal compare a.toml b.toml --format csv --long", "tidy long CSV for pandas or R"),
    ("fiscal compare baseline digital/smarter_state_central --charts charts", "with the debt and dependency charts"),
]))]
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
    /// CSV in long ("tidy") form, `scenario,year,variable,unit,value`: on standard output with `--format csv`, and as compare_long.csv with `--out`.
    #[arg(long)]
    pub long: bool,
    /// Also write the debt, dependency and difference charts, every scenario on each (SVG, PNG, CSV), into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Formats, size, year range and font scale of the --charts charts.
    #[command(flatten)]
    pub chart_look: super::chart_style::ChartDirArgs,
}

/// What `--format json` puts under `results`: each scenario's projection
/// and headline indicators, in the order given.
#[derive(Serialize)]
struct CompareResults<'a> {
    licence: &'static str,
    projections: Vec<fiscal::output::json::ProjectionJson<'a>>,
    indicators: &'a [Headline],
}

/// Run `fiscal compare`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut scenarios = Vec::new();
    if args.with_baseline {
        scenarios.push(super::load_scenario(None)?);
    }
    scenarios.extend(super::load_scenarios(&args.scenarios)?);
    if scenarios.len() < 2 {
        return Err(super::UsageError(
            "give at least two scenarios to compare (or one with --with-baseline)".into(),
        )
        .into());
    }
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
    }
    if let Some(dir) = &args.charts {
        crate::cli::prepare_dir(dir).context("the charts directory is not usable")?;
    }
    let look = args.chart_look.look()?;
    let runs = fiscal::run::project_all(scenarios)?;
    let inputs: Vec<_> = runs.iter().map(Input::of).collect();
    let mut files = crate::cli::FileSet::new(super::inputs_of(&runs, &args.scenarios));
    if let Some(dir) = &args.charts {
        crate::cli::chart_files::write_compare(&mut files, dir, &inputs, &look)
            .context("cannot write the charts")?;
    }
    let projections: Vec<&Projection> = runs.iter().map(fiscal::Run::projection).collect();
    let indicators: Vec<Headline> = runs
        .iter()
        .map(|r| r.indicators().headline.clone())
        .collect();
    let csv = compare::csv(&projections);
    let json = Envelope::new(
        "compare",
        CompareResults {
            licence: OGL_ATTRIBUTION,
            projections: projections
                .iter()
                .map(|p| fiscal::output::json::ProjectionJson(p))
                .collect(),
            indicators: &indicators,
        },
    )
    .scenarios(runs.iter().map(fiscal::Run::scenario))
    .maybe_data(runs.first().map(fiscal::Run::data))
    .to_json();
    if let Some(dir) = &args.out {
        files.add(
            dir.join("compare_indicators.csv"),
            compare::indicators_csv(&projections, &indicators).into_bytes(),
        )?;
        files.add(dir.join("compare.csv"), csv.clone().into_bytes())?;
        if args.long {
            files.add(
                dir.join("compare_long.csv"),
                projection_long_csv(&projections).into_bytes(),
            )?;
        }
        files.add(dir.join("compare.json"), json.clone().into_bytes())?;
    }
    files.commit()?;
    match args.format {
        Format::Table => {
            out!("{}", compare::table(&projections))?;
            out!("{}", compare::indicators_table(&projections, &indicators))?;
        }
        Format::Csv if args.long => out!("{}", projection_long_csv(&projections))?,
        Format::Csv => out!("{csv}")?,
        Format::Json => out!("{json}")?,
    }
    Ok(())
}
