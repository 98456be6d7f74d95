//! `fiscal fan [SCENARIO] --paths N --seed S`: a stochastic fan of the debt
//! path (percentiles and threshold probabilities by year), by the
//! reduced-form engine (default) or the full model.

// Rows of the fan are fixed-size arrays indexed by loops over their own
// constants.
#![allow(clippy::indexing_slicing)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;

use super::{Format, UsageError};
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
    /// Worker threads (default: one per core). The output does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// A progress bar on standard error when it is a terminal and the run is
/// likely to take more than about a second; hidden otherwise, and with
/// `--quiet`.
fn progress_bar(engine: Engine, paths: u64, years: usize) -> indicatif::ProgressBar {
    let slow = match engine {
        Engine::Reduced => paths.saturating_mul(years as u64) > 50_000_000,
        Engine::Full => paths > 2_000,
    };
    if !slow || super::quiet() || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(paths);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} paths, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

fn write_paths(path: &std::path::Path) -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
    let f = std::fs::File::create(path).map_err(|e| {
        UsageError(format!(
            "cannot create {}: {e}; check the directory",
            path.display()
        ))
    })?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    writeln!(w, "path,year,psnd_pct_gdp,psnb_pct_gdp,interest_pct_gdp")?;
    Ok(w)
}

/// Run `fiscal fan`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let paths = args.paths.unwrap_or(match args.engine.0 {
        Engine::Reduced => 100_000,
        Engine::Full => 1_000,
    });
    uncertainty::check_paths(args.engine.0, paths)?;
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
    }
    let layout = args.style.layout()?;
    let chart_format = super::chart_format(args.chart.as_deref())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    let table = ShockTable::embedded().context("the embedded shock table is not valid (a bug)")?;
    let a = &scenario.assumptions;
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
    let years = (a.horizon.base_year.years_until(a.horizon.end_year) + 1).max(0) as usize;
    let bar = progress_bar(args.engine.0, paths, years);
    let progress = |n: u64| bar.inc(n);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;
    let fan: FanRun = pool.install(|| -> anyhow::Result<FanRun> {
        match &args.paths_out {
            None => Ok(uncertainty::fan(a, &data, &table, &opts, &progress)?),
            Some(file) => fan_writing_paths(a, &data, &table, &opts, &progress, file),
        }
    })?;
    bar.finish_and_clear();
    if let Some(dir) = &args.out {
        write_fan_files(dir, &fan)?;
    }
    if let (Some(file), Some(_)) = (&args.chart, chart_format) {
        let variants = uncertainty::fan_variants(a, &data)?;
        let chart = Fan::from_run(&fan, variants).chart();
        super::chart_style::write(
            file,
            &args.style.apply(chart)?,
            &layout,
            "cannot draw the fan chart",
        )?;
    }
    match args.format {
        Format::Table => out!("{}", out_u::fan_table(&fan))?,
        Format::Csv => out!("{}", out_u::fan_csv(&fan))?,
        Format::Json => out!("{}", out_u::fan_json(&fan))?,
    }
    Ok(())
}

/// The fan, writing every path to `file` as it is drawn.
fn fan_writing_paths(
    a: &fiscal::model::Assumptions,
    data: &fiscal::data::Dataset,
    table: &ShockTable,
    opts: &FanOptions,
    progress: &(dyn Fn(u64) + Sync),
    file: &std::path::Path,
) -> anyhow::Result<FanRun> {
    let mut w = write_paths(file)?;
    let mut line = String::new();
    let result = uncertainty::fan_with_paths(a, data, table, opts, progress, &mut |run, block| {
        write_block(&mut w, &mut line, run, block)
    })?;
    let run = result.with_context(|| format!("cannot write {}", file.display()))?;
    w.flush()
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(run)
}

/// Write one block of paths, a row per path and year (`line` is reused).
fn write_block(
    w: &mut impl Write,
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

/// Write fan.csv, fan_probabilities.csv and fan.json into `dir`.
fn write_fan_files(dir: &std::path::Path, fan: &FanRun) -> anyhow::Result<()> {
    crate::cli::write_atomic(&dir.join("fan.csv"), out_u::fan_csv(fan).as_bytes())?;
    crate::cli::write_atomic(
        &dir.join("fan_probabilities.csv"),
        out_u::fan_probabilities_csv(fan).as_bytes(),
    )?;
    crate::cli::write_atomic(&dir.join("fan.json"), out_u::fan_json(fan).as_bytes())?;
    Ok(())
}
