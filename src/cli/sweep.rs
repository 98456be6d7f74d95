//! `fiscal sweep [SCENARIO] --vary FIELD=FROM..TO:STEP ...`: the scenario
//! over a grid of field values, in parallel; CSV for any number of fields,
//! a heatmap for two.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use fiscal::chart::heatmap::Heatmap;
use fiscal::output::uncertainty as out_u;
use fiscal::scenario::sweep;

/// Arguments of `fiscal sweep`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML); the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// A numeric scenario field and its values: FIELD=FROM..TO:STEP (or FIELD=VALUE); repeat for more fields.
    #[arg(long = "vary", value_name = "FIELD=FROM..TO:STEP", required = true)]
    pub vary: Vec<String>,
    /// Write the CSV here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With exactly two --vary fields, draw the heatmap of final-year PSND: FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The chart\'s title, size, year range and font scale (with --chart).
    #[command(flatten)]
    pub style: super::chart_style::ChartStyleArgs,
    /// Run even when the estimated time is over the stated limit (5 minutes).
    #[arg(long)]
    pub force: bool,
}

/// Bytes of one CSV row, about (the values and four results).
const ROW_BYTES: u64 = 120;

/// Refuse a sweep of `points` points of `fields` fields estimated to take
/// over the time limit on `threads` threads, or to write a CSV larger than
/// the free space (unless `--force`); its estimated CPU seconds.
fn check_limits(args: &Args, fields: usize, points: usize, threads: usize) -> anyhow::Result<f64> {
    let cpu_seconds = points as f64 * super::limits::SWEEP_POINT_S;
    super::limits::check_time(
        cpu_seconds,
        threads,
        args.force,
        &format!("a sweep of {points} points"),
        "take larger steps or vary fewer fields",
    )?;
    if let Some(file) = &args.output {
        let bytes = (points as u64).saturating_mul(ROW_BYTES + 12 * fields as u64);
        super::limits::check_stream(
            file,
            bytes,
            args.force,
            &format!("the sweep CSV {}", file.display()),
        )?;
    }
    Ok(cpu_seconds)
}

/// The heatmap of final-year PSND over the grid of `x` by `y`, from
/// `heat`, one value a point in grid order (`x` the outer field).
fn heatmap(
    a: &fiscal::model::Assumptions,
    (x, y): (&sweep::Vary, &sweep::Vary),
    heat: &[f64],
) -> fiscal::chart::Chart {
    let ny = y.values.len();
    let values = (0..x.values.len())
        .map(|i| {
            (0..ny)
                .map(|j| heat.get(i * ny + j).copied().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    Heatmap {
        scenario: a.name.clone(),
        value_desc: format!("PSND in {}, % of GDP", a.horizon.end_year),
        x_field: x.field.clone(),
        x_values: x.values.clone(),
        y_field: y.field.clone(),
        y_values: y.values.clone(),
        values,
    }
    .chart()
}

/// Run `fiscal sweep`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let varies = args
        .vary
        .iter()
        .map(|s| sweep::parse_vary(s))
        .collect::<Result<Vec<_>, _>>()?;
    let layout = args.style.layout()?;
    let chart_format = match &args.chart {
        Some(p) if varies.len() != 2 => {
            return Err(UsageError(format!("--chart {} draws a heatmap of two fields, but {} were varied: give exactly two --vary options", p.display(), varies.len())).into())
        }
        chart => super::chart_format(chart.as_deref())?,
    };
    let mut files = super::outputs_for(args.scenario.as_deref());
    for file in args.output.iter() {
        super::prepare_parent(file)?;
        files.declare(file.clone())?;
    }
    if let Some(file) = &args.chart {
        super::prepare_parent(file)?;
        super::declare_chart(&mut files, file)?;
    }
    let points = sweep::points(&varies)?;
    let threads = super::limits::cores();
    let cpu_seconds = check_limits(&args, varies.len(), points, threads)?;
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    files.add_inputs(scenario.input_paths())?;
    sweep::check_ends(&scenario, &varies)?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    let sources = fiscal::chart::sources_of_data(&data);
    // Rows are written as points finish, in grid order, so memory stays
    // flat in the number of points; the heatmap keeps one value a point.
    let mut heat: Vec<f64> = Vec::new();
    let keep_heat = args.chart.is_some();
    let header = out_u::sweep_csv_header(&varies);
    let bar = super::limits::progress_bar(points as u64, cpu_seconds / threads as f64, "points");
    let mut write_rows = |w: &mut dyn std::io::Write| -> anyhow::Result<()> {
        w.write_all(header.as_bytes())?;
        sweep::run_each(&scenario, &data, &varies, &mut |p| {
            if keep_heat {
                heat.push(p.final_psnd_pct_gdp);
            }
            bar.inc(1);
            w.write_all(out_u::sweep_csv_row(&varies, &p).as_bytes())
        })??;
        Ok(())
    };
    match &args.output {
        Some(file) => files.stream(file, &mut write_rows)??,
        None if super::quiet() => write_rows(&mut std::io::sink())?,
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write_rows(&mut w).map_err(|e| match e.downcast::<std::io::Error>() {
                Ok(io) => super::StdoutError(io).into(),
                Err(e) => e,
            })?;
            std::io::Write::flush(&mut w).map_err(super::StdoutError)?;
        }
    }
    if let (Some(file), Some(format), [x, y]) = (&args.chart, chart_format, varies.as_slice()) {
        let chart = heatmap(&scenario.assumptions, (x, y), &heat).with_sources(sources);
        super::add_chart(
            &mut files,
            file,
            format,
            &args.style.apply(chart)?,
            &layout,
            "cannot draw the heatmap",
        )?;
    }
    bar.finish_and_clear();
    files.commit()?;
    Ok(())
}
