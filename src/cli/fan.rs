//! `fiscal fan [SCENARIO] --paths N --seed S`: a stochastic fan of the debt
//! path (percentiles and threshold probabilities by year), by the
//! reduced-form engine (default) or the full model.

// Rows of the fan are fixed-size arrays indexed by loops over their own
// constants.
#![allow(clippy::indexing_slicing)]

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::Format;
use fiscal::chart::fan::Fan;
use fiscal::data::shocks::ShockTable;
use fiscal::model::uncertainty::{self, Engine, FanOptions, FanRun};
use fiscal::output::uncertainty as out_u;

/// Arguments of `fiscal fan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML); the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// Number of paths (default 100,000 for the reduced form, 1,000 for the full model; at most 10^8 and 20,000).
    #[arg(long)]
    pub paths: Option<u64>,
    /// Seed of the random numbers: the same seed gives the same output on any number of threads.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Which engine draws the paths.
    #[arg(long, value_enum, default_value = "reduced")]
    pub engine: super::EngineArg,
    /// Shock the OBR medium-term forecast years too (default: the scenario's `uncertainty.shock_medium_term`, else held at the EFO).
    #[arg(long)]
    pub shock_medium_term: bool,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write fan.csv, fan_probabilities.csv and fan.json into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write every path (path,year,psnd,psnb,interest; reduced form only) to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub paths_out: Option<PathBuf>,
    /// Also draw the fan chart: FILE.svg or FILE.png (its data beside it as FILE.csv).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The chart\'s title, size, year range and font scale (with --chart).
    #[command(flatten)]
    pub style: super::chart_style::ChartStyleArgs,
    /// Worker threads (default: one per core; at most the cores available). The output does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Run even when the estimated time or the size of --paths-out is over the stated limit (5 minutes, 2 GB).
    #[arg(long)]
    pub force: bool,
}

/// Bytes of one row of --paths-out, about (`123456,2070-71,` and three
/// numbers with six decimals).
const PATHS_OUT_ROW_BYTES: u64 = 48;

/// Run `fiscal fan`.
pub fn run(args: Args) -> anyhow::Result<()> {
    // Every output is known, and checked, before any work.
    let mut files = super::outputs_for(args.scenario.as_deref());
    declare_outputs(&args, &mut files)?;
    let threads = super::limits::threads(args.threads)?;
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    files.add_inputs(scenario.input_paths())?;
    let paths = args.paths.unwrap_or(match args.engine.0 {
        Engine::Reduced => 100_000,
        Engine::Full => 1_000,
    });
    uncertainty::check_paths(args.engine.0, paths)?;
    let layout = args.style.layout()?;
    let chart_format = super::chart_format(args.chart.as_deref())?;
    let a = &scenario.assumptions;
    let years = (a.horizon.base_year.years_until(a.horizon.end_year) + 1).max(0) as u64;
    let wall = check_cost(&args, paths, years, threads)?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    let table = ShockTable::embedded().context("the embedded shock table is not valid (a bug)")?;
    let opts = FanOptions {
        engine: args.engine.0,
        paths,
        seed: args.seed,
        shock_medium_term: args.shock_medium_term.then_some(true),
        draw_demography: uncertainty::demography_drawable(
            a.population.as_ref(),
            scenario.data.population_file.is_some(),
        ),
    };
    let bar = super::limits::progress_bar(paths, wall, "paths");
    let progress = |n: u64| bar.inc(n);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let fan: FanRun = pool.install(|| -> anyhow::Result<FanRun> {
        match &args.paths_out {
            None => Ok(uncertainty::fan(a, &data, &table, &opts, &progress)?),
            Some(file) => fan_writing_paths(a, &data, &table, &opts, &progress, file, &mut files),
        }
    })?;
    bar.finish_and_clear();
    uncertainty::check_fan(&fan)?;
    if let Some(dir) = &args.out {
        add_fan_files(&mut files, dir, &fan)?;
    }
    if let (Some(file), Some(format)) = (&args.chart, chart_format) {
        let variants = uncertainty::fan_variants(a, &data)?;
        let chart = Fan::from_run(&fan, variants)
            .chart()
            .with_sources(fiscal::chart::sources_of_data(&data));
        super::add_chart(
            &mut files,
            file,
            format,
            &args.style.apply(chart)?,
            &layout,
            "cannot draw the fan chart",
        )?;
    }
    files.commit()?;
    match args.format {
        Format::Table => out!("{}", out_u::fan_table(&fan))?,
        Format::Csv => out!("{}", out_u::fan_csv(&fan))?,
        Format::Json => out!("{}", out_u::fan_json(&fan))?,
    }
    Ok(())
}

/// Declare the output directory's files, the paths file and the chart.
fn declare_outputs(args: &Args, files: &mut super::FileSet) -> anyhow::Result<()> {
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
        for name in FAN_FILES {
            files.declare(dir.join(name))?;
        }
    }
    if let Some(file) = &args.paths_out {
        super::prepare_parent(file)?;
        files.declare(file.clone())?;
    }
    if let Some(file) = &args.chart {
        super::prepare_parent(file)?;
        super::declare_chart(files, file)?;
    }
    Ok(())
}

/// Refuse a fan (or its paths file) over the stated limits unless
/// `--force`; the estimated wall-clock seconds otherwise.
fn check_cost(args: &Args, paths: u64, years: u64, threads: usize) -> anyhow::Result<f64> {
    let cpu = match args.engine.0 {
        Engine::Reduced => paths as f64 * years as f64 * super::limits::REDUCED_PATH_YEAR_S,
        Engine::Full => paths as f64 * super::limits::FULL_PATH_S,
    };
    super::limits::check_time(
        cpu,
        threads,
        args.force,
        &format!("a fan of {paths} paths ({} engine)", args.engine.0.key()),
        "give fewer --paths",
    )?;
    if let Some(file) = &args.paths_out {
        let bytes = paths
            .saturating_mul(years)
            .saturating_mul(PATHS_OUT_ROW_BYTES);
        super::limits::check_stream(
            file,
            bytes,
            args.force,
            &format!("--paths-out {}", file.display()),
        )?;
    }
    Ok(cpu / threads.max(1) as f64)
}

/// The files `--out` writes.
const FAN_FILES: [&str; 3] = ["fan.csv", "fan_probabilities.csv", "fan.json"];

/// The fan, writing every path to `file` as it is drawn.
fn fan_writing_paths(
    a: &fiscal::model::Assumptions,
    data: &fiscal::data::Dataset,
    table: &ShockTable,
    opts: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
    file: &std::path::Path,
    files: &mut super::FileSet,
) -> anyhow::Result<FanRun> {
    let mut fan: Option<FanRun> = None;
    files.stream(file, |w| -> anyhow::Result<()> {
        writeln!(w, "path,year,psnd_pct_gdp,psnb_pct_gdp,interest_pct_gdp")
            .map_err(|source| write_error(file, source))?;
        let mut line = String::new();
        let result =
            uncertainty::fan_with_paths(a, data, table, opts, progress, &mut |run, block| {
                write_block(w, &mut line, run, block)
            })?;
        fan = Some(result.map_err(|source| write_error(file, source))?);
        Ok(())
    })??;
    fan.ok_or_else(|| anyhow::anyhow!("the fan produced no result (a bug)"))
}

fn write_error(file: &std::path::Path, source: std::io::Error) -> super::WriteError {
    super::WriteError {
        path: file.to_path_buf(),
        source,
    }
}

/// Write one block of paths, a row per path and year (`line` is reused).
fn write_block(
    w: &mut dyn Write,
    line: &mut String,
    run: &FanRun,
    block: &uncertainty::BlockPaths,
) -> std::io::Result<()> {
    let n = block.values.first().map_or(0, |v| v[0].len());
    for p in 0..n {
        for (t, y) in run.years.iter().enumerate() {
            let v = &block.values[t];
            line.clear();
            use std::fmt::Write as _;
            let _ = writeln!(
                line,
                "{},{y},{:.6},{:.6},{:.6}",
                block.first_path + p as u64,
                v[0][p],
                v[1][p],
                v[2][p]
            );
            w.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// Add fan.csv, fan_probabilities.csv and fan.json in `dir` to the set.
fn add_fan_files(
    files: &mut super::FileSet,
    dir: &std::path::Path,
    fan: &FanRun,
) -> anyhow::Result<()> {
    let [csv, probabilities, json] = FAN_FILES;
    files.add(dir.join(csv), out_u::fan_csv(fan).into_bytes())?;
    files.add(
        dir.join(probabilities),
        out_u::fan_probabilities_csv(fan).into_bytes(),
    )?;
    files.add(dir.join(json), out_u::fan_json(fan).into_bytes())?;
    Ok(())
}
