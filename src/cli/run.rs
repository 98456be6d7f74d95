//! `fiscal run`: project one scenario and print or write the result.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;

use fiscal::model;
use fiscal::model::indicators::Sustainability;
use fiscal::output::{
    self,
    csv::{projection_csv, projection_long_csv},
    json::projection_json,
    table::summary,
};
use fiscal::run::Run;
use fiscal::years::FiscalYear;

/// Arguments of `fiscal run`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal run", "the embedded baseline, as a table"),
    ("fiscal run low_productivity --format csv > low.csv", "a shipped scenario by name, every year as CSV"),
    ("fiscal run my.toml --out results --charts charts", "your own scenario: files, JSON and charts"),
]))]
pub struct Args {
    /// Scenario file (TOML); the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// Write projection.csv and projection.json into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// CSV in long ("tidy") form, `scenario,year,variable,unit,value`: on standard output with `--format csv`, and as projection_long.csv with `--out`.
    #[arg(long)]
    pub long: bool,
    /// Last projected year, e.g. 2070-71 (overrides the scenario's horizon.end_year).
    #[arg(long, value_name = "YEAR")]
    pub end_year: Option<FiscalYear>,
    /// Also print the debt decomposition and debt-stabilising primary balance, every year (with --format csv: the decomposition's CSV instead of the projection's, so the output stays one rectangular CSV; with --format json: a `decomposition` array in the one JSON document).
    #[arg(long)]
    pub decomposition: bool,
    /// Also write every chart (SVG, PNG and its data as CSV) into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Formats, size, year range and font scale of the --charts charts.
    #[command(flatten)]
    pub chart_look: super::chart_style::ChartDirArgs,
}

/// Run `fiscal run`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut scenario = super::load_scenario(args.scenario.as_deref())?;
    if let Some(end) = args.end_year {
        set_end_year(&mut scenario, end)?;
    }
    prepare_dirs(&args)?;
    let look = args.chart_look.look()?;
    // The set is checked before the projection: an output that would
    // replace an input (or is a link, a device) is refused at once.
    let mut out_files = super::outputs_for(args.scenario.as_deref());
    out_files.add_inputs(scenario.input_paths())?;
    if let Some(dir) = &args.out {
        let mut names = vec![
            "projection.csv",
            "projection.json",
            "population.csv",
            "decomposition.csv",
        ];
        if args.long {
            names.push("projection_long.csv");
        }
        if !scenario.assumptions.intervention.is_empty() {
            names.push("interventions.csv");
        }
        for name in names {
            out_files.declare(dir.join(name))?;
        }
    }
    let run = Run::project(scenario)?;
    if let Some(dir) = &args.charts {
        crate::cli::chart_files::write_all(
            &mut out_files,
            dir,
            fiscal::chart::Input::of(&run),
            &look,
        )
        .context("cannot write the charts")?;
    }
    let run = &run;
    for w in run.projection().warnings() {
        super::warn(&w);
    }
    let indicators = run.indicators();
    let files = args.out.as_deref();
    let json = if files.is_some() || args.format == Format::Json {
        json_with_population(run, indicators, files, &mut out_files)?
    } else {
        String::new()
    };
    let csv = if files.is_some() || args.format == Format::Csv {
        projection_csv(run.projection())
    } else {
        String::new()
    };
    if let Some(dir) = files {
        let texts = Texts {
            csv: &csv,
            json: &json,
        };
        add_result_files(&mut out_files, dir, run, texts, args.long)?;
    }
    out_files.commit()?;
    print_result(
        &args,
        run,
        indicators,
        Texts {
            csv: &csv,
            json: &json,
        },
    )
}

/// The projection's CSV and JSON text (empty when not needed).
#[derive(Clone, Copy)]
struct Texts<'a> {
    csv: &'a str,
    json: &'a str,
}

/// The projection as JSON, with its population summary (births, deaths,
/// TFR, life expectancy), which also goes to population.csv in `files`.
/// Only called when JSON is written or printed: the summary parses the
/// demography tables, which the terminal table does not need.
fn json_with_population(
    run: &Run,
    indicators: &Sustainability,
    files: Option<&std::path::Path>,
    out_files: &mut crate::cli::FileSet,
) -> anyhow::Result<String> {
    let population_rows = run.population_summary()?;
    if let Some(dir) = files {
        out_files.add(
            dir.join("population.csv"),
            output::population::csv(population_rows).into_bytes(),
        )?;
    }
    Ok(projection_json(
        run.scenario(),
        run.data(),
        run.projection(),
        run.interventions(),
        Some(indicators),
        population_rows,
    ))
}

/// Override the horizon's last year, refusing one the scenario cannot reach.
fn set_end_year(scenario: &mut fiscal::scenario::Scenario, end: FiscalYear) -> anyhow::Result<()> {
    scenario.assumptions.horizon.end_year = end;
    let problems = model::validate::check(&scenario.assumptions);
    if let Some(p) = problems.first() {
        return Err(super::UsageError(format!("--end-year {end}: {}", p.message)).into());
    }
    Ok(())
}

/// Check the output and charts directories are usable before any work.
fn prepare_dirs(args: &Args) -> anyhow::Result<()> {
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
    }
    if let Some(dir) = &args.charts {
        crate::cli::prepare_dir(dir).context("the charts directory is not usable")?;
    }
    Ok(())
}

/// Add the projection (CSV, long CSV, JSON), the interventions and the
/// decomposition to the files written into `dir`.
fn add_result_files(
    out_files: &mut crate::cli::FileSet,
    dir: &std::path::Path,
    run: &Run,
    texts: Texts<'_>,
    long: bool,
) -> anyhow::Result<()> {
    let projection = run.projection();
    out_files.add(dir.join("projection.csv"), texts.csv.as_bytes().to_vec())?;
    if long {
        out_files.add(
            dir.join("projection_long.csv"),
            projection_long_csv(&[projection]).into_bytes(),
        )?;
    }
    out_files.add(dir.join("projection.json"), texts.json.as_bytes().to_vec())?;
    if let Some(r) = run.interventions() {
        out_files.add(
            dir.join("interventions.csv"),
            output::interventions::csv(r).into_bytes(),
        )?;
    }
    let decomposition = output::decomposition::decomposition_csv(projection)?;
    out_files.add(dir.join("decomposition.csv"), decomposition.into_bytes())?;
    Ok(())
}

/// Print the result in the format asked for, then the decomposition if asked.
fn print_result(
    args: &Args,
    run: &Run,
    indicators: &Sustainability,
    texts: Texts<'_>,
) -> anyhow::Result<()> {
    let projection = run.projection();
    match args.format {
        Format::Table => {
            out!("{}", summary(projection))?;
            outln!()?;
            out!(
                "{}",
                output::table::sustainability(
                    indicators,
                    projection.years.first().map_or(0.0, |y| y.gdp_gbp_bn)
                )
            )?;
            if let Some(r) = run.interventions() {
                outln!()?;
                out!("{}", output::interventions::summary(r))?;
            }
        }
        // One rectangular CSV and one JSON document per invocation.
        Format::Csv if args.decomposition => {
            out!("{}", output::decomposition::decomposition_csv(projection)?)?;
            return Ok(());
        }
        Format::Csv if args.long => out!("{}", projection_long_csv(&[projection]))?,
        Format::Csv => out!("{}", texts.csv)?,
        Format::Json if args.decomposition => {
            out!("{}", json_with_decomposition(texts.json, projection)?)?;
            return Ok(());
        }
        Format::Json => out!("{}", texts.json)?,
    }
    if args.decomposition {
        out!(
            "{}",
            output::decomposition::decomposition_table(projection)?
        )?;
    }
    Ok(())
}

/// The projection's JSON document with the decomposition added as a
/// `decomposition` array of rows (the columns of decomposition.csv).
fn json_with_decomposition(json: &str, projection: &fiscal::Projection) -> anyhow::Result<String> {
    let csv = output::decomposition::decomposition_csv(projection)?;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .context("decomposition CSV (a bug)")?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.context("decomposition CSV (a bug)")?;
        let row: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(record.iter())
            .map(|(k, v)| {
                let value = v
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(
                        || serde_json::Value::String(v.to_string()),
                        serde_json::Value::Number,
                    );
                (k.to_string(), value)
            })
            .collect();
        rows.push(serde_json::Value::Object(row));
    }
    let mut doc: serde_json::Value =
        serde_json::from_str(json).context("projection JSON (a bug)")?;
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("decomposition".into(), serde_json::Value::Array(rows));
    }
    Ok(format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).context("cannot write JSON")?
    ))
}
