//! `fiscal interventions`: appraise a scenario's interventions as HM
//! Treasury would (expected values, Exchequer and social NPV), then draw
//! `--paths` probabilistic paths of the package from the distributions in
//! its `[intervention.uncertainty]` tables and report percentiles.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;

use fiscal::model::interventions::probabilistic;
use fiscal::model::interventions::switching;
use fiscal::output;
use fiscal::years::FiscalYear;

/// Arguments of `fiscal interventions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file with `[[intervention]]` tables, e.g. scenarios/digital/smarter_state_central.toml.
    pub scenario: Option<PathBuf>,
    /// Number of probabilistic paths to draw (0: only the expected-value appraisal).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub paths: usize,
    /// Seed of the random streams (the same seed gives the same output on any machine and thread count).
    #[arg(long, value_name = "S", default_value_t = 2017)]
    pub seed: u64,
    /// Also report the probability that the package has paid back by this year, e.g. 2040-41.
    #[arg(long, value_name = "YEAR")]
    pub payback_by: Option<FiscalYear>,
    /// Skip the share of the fiscal gap closed on each path (about ten projections a path).
    #[arg(long)]
    pub no_gap: bool,
    /// Write the distribution chart of the package's debt effect: its fan over time and the histogram of the final year's paths (.svg or .png; its data beside it as .csv and _histogram.csv).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The chart's title, size and font scale (with --chart; it has no year range).
    #[command(flatten)]
    pub style: super::chart_style::ChartStyleArgs,
    /// Skip the switching values (a few hundred projections).
    #[arg(long)]
    pub no_switching: bool,
    /// Lay the scenario's interventions on another scenario's projection instead, e.g. `--on published/fsr_2017`.
    #[arg(long, value_name = "SCENARIO")]
    pub on: Option<PathBuf>,
    /// What to print on standard output (csv: one row per path).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Run even when the estimated time is over the stated limit (5 minutes).
    #[arg(long)]
    pub force: bool,
}

/// Run `fiscal interventions`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let (path, chart_format) = check_request(&args)?;
    let layout = args.style.layout()?;
    let mut files = super::outputs_for(Some(path));
    if let Some(file) = &args.chart {
        super::prepare_parent(file)?;
        super::declare_chart(&mut files, file)?;
        files.declare(histogram_path(file))?;
    }
    super::limits::check_time(
        args.paths as f64 * per_path_seconds(&args),
        super::limits::cores(),
        args.force,
        &format!(
            "{} appraisal paths{}",
            args.paths,
            if args.no_gap {
                ""
            } else {
                " with their fiscal gaps"
            }
        ),
        "give fewer --paths (or --no-gap)",
    )?;
    let scenario = load_package(&args, path, &mut files)?;
    let run = fiscal::run::Run::project(scenario)?;
    let a = &run.scenario().assumptions;
    let Some(expected) = run.interventions() else {
        return Ok(());
    };
    check_payback_year(&args, &run)?;
    for w in &expected.warnings {
        eprintln!("warning: {w}");
    }
    let switching = if args.no_switching {
        None
    } else {
        let p = run.appraisal();
        Some(
            switching::switching_values(&p)
                .with_context(|| format!("cannot find the switching values of `{}`", a.name))?,
        )
    };
    let (draws, summary) = draw_paths(&args, &run)?;
    if let (Some(file), Some(format)) = (&args.chart, chart_format) {
        let chart = args.style.apply(
            fiscal::chart::package_fan::chart(&a.name, expected, &summary, &draws)?
                .with_sources(fiscal::chart::sources_of_data(run.data())),
        )?;
        super::add_chart(
            &mut files,
            file,
            format,
            &chart,
            &layout,
            "cannot draw the distribution chart",
        )?;
        if let fiscal::chart::Body::PackageFan(fan) = &chart.body {
            files.add(histogram_path(file), fan.histogram_csv().into_bytes())?;
        }
    }
    files.commit()?;
    let text = output::interventions::Distribution {
        scenario: &a.name,
        expected,
        summary: &summary,
        draws: &draws,
        payback_by: args.payback_by,
        uncertain: probabilistic::has_uncertainty(a),
        assumptions: Some(a),
        switching: switching.as_ref(),
    };
    match args.format {
        Format::Table => out!("{}", text.table())?,
        Format::Csv => out!("{}", text.csv())?,
        Format::Json => out!("{}", text.json(run.scenario(), run.data()))?,
    }
    Ok(())
}

/// The scenario at `path` (its package laid on `--on`'s scenario if
/// given), its input files recorded in `files`; a usage error if it has no
/// interventions.
fn load_package(
    args: &Args,
    path: &std::path::Path,
    files: &mut super::FileSet,
) -> anyhow::Result<fiscal::scenario::Scenario> {
    let mut scenario = super::load_scenario(Some(path))?;
    files.add_inputs(scenario.input_paths())?;
    if let Some(on) = &args.on {
        let base = super::load_scenario(Some(on))?;
        files.add_inputs(base.input_paths())?;
        scenario = base.with_package_of(&scenario).with_context(|| {
            format!(
                "the interventions of {} cannot be laid on {}",
                path.display(),
                on.display()
            )
        })?;
    }
    if scenario.assumptions.intervention.is_empty() {
        return Err(super::UsageError(format!(
            "{} has no [[intervention]] tables: give a scenario with interventions, e.g. scenarios/digital/smarter_state_central.toml",
            path.display()
        ))
        .into());
    }
    Ok(scenario)
}

/// The scenario asked for and the chart's format, after checking the
/// arguments before any work.
fn check_request(
    args: &Args,
) -> anyhow::Result<(&std::path::Path, Option<fiscal::chart::ImageFormat>)> {
    let Some(path) = args.scenario.as_deref() else {
        return Err(super::UsageError(
            "give a scenario with [[intervention]] tables, e.g. `fiscal interventions scenarios/digital/smarter_state_central.toml`".into(),
        )
        .into());
    };
    if args.paths > 1_000_000 {
        return Err(super::UsageError(format!(
            "--paths {} is more than 1000000: percentiles settle well before that",
            args.paths
        ))
        .into());
    }
    let chart_format = match &args.chart {
        Some(p) => Some(fiscal::chart::ImageFormat::from_path(p).ok_or_else(|| {
            super::UsageError(format!(
                "--chart {}: give a file name ending in .svg or .png",
                p.display()
            ))
        })?),
        None => None,
    };
    Ok((path, chart_format))
}

/// Refuse a `--payback-by` year outside the projection.
fn check_payback_year(args: &Args, run: &fiscal::run::Run) -> anyhow::Result<()> {
    let a = &run.scenario().assumptions;
    if let Some(y) = args.payback_by {
        if run.without_interventions().year(y).is_none() {
            return Err(super::UsageError(format!(
                "--payback-by {y} is outside the projection {}..{}",
                a.horizon.base_year, a.horizon.end_year
            ))
            .into());
        }
    }
    Ok(())
}

/// The stated CPU seconds of one appraisal path ([`super::limits::APPRAISAL_PATH_S`]):
/// several times more when each path solves its own fiscal gap.
fn per_path_seconds(args: &Args) -> f64 {
    let (without_gap, with_gap) = super::limits::APPRAISAL_PATH_S;
    if args.no_gap {
        without_gap
    } else {
        with_gap
    }
}

/// Draw the package's probabilistic paths and summarise them (with the
/// share of the fiscal gap closed unless `--no-gap` or no paths).
fn draw_paths(
    args: &Args,
    run: &fiscal::run::Run,
) -> anyhow::Result<(Vec<probabilistic::Draw>, probabilistic::Summary)> {
    let a = &run.scenario().assumptions;
    let bar = super::limits::progress_bar(
        args.paths as u64,
        args.paths as f64 * per_path_seconds(args) / super::limits::cores() as f64,
        "paths",
    );
    let progress = |n: u64| bar.inc(n);
    let drawn = run
        .intervention_draws_with_progress(args.paths, args.seed, !args.no_gap, &progress)
        .with_context(|| format!("cannot draw the paths of `{}`", a.name))?;
    bar.finish_and_clear();
    drawn.ok_or_else(|| {
        super::UsageError(format!("`{}` has no [[intervention]] tables", a.name)).into()
    })
}

/// Where the histogram's data go: `FILE_histogram.csv` beside the chart.
fn histogram_path(chart: &std::path::Path) -> PathBuf {
    let stem = chart
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    chart.with_file_name(format!("{stem}_histogram.csv"))
}
