//! `fiscal sensitivity [SCENARIO]`: one-at-a-time variants (a tornado) of
//! final-year PSND and the fiscal gap, largest swing first.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;
use fiscal::chart::tornado::Tornado;
use fiscal::model::uncertainty;
use fiscal::output::uncertainty as out_u;

/// Arguments of `fiscal sensitivity`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML); the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// What to print on standard output (`json` prints the variants with their outcomes).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also draw the tornado chart: FILE.svg or FILE.png (its data beside it as FILE.csv).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The chart\'s title, size, year range and font scale (with --chart).
    #[command(flatten)]
    pub style: super::chart_style::ChartStyleArgs,
}

/// Run `fiscal sensitivity`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let layout = args.style.layout()?;
    let chart_format = super::chart_format(args.chart.as_deref())?;
    let mut files = super::outputs_for(args.scenario.as_deref());
    if let Some(file) = &args.chart {
        super::prepare_parent(file)?;
        super::declare_chart(&mut files, file)?;
    }
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    files.add_inputs(scenario.input_paths())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    let a = &scenario.assumptions;
    let s = uncertainty::sensitivities(a, &data)?;
    let year = a.horizon.end_year.to_string();
    if let (Some(file), Some(format)) = (&args.chart, chart_format) {
        let chart = Tornado::from_sensitivity(&a.name, year.clone(), &s)
            .chart()
            .with_sources(fiscal::chart::sources_of_data(&data));
        super::add_chart(
            &mut files,
            file,
            format,
            &args.style.apply(chart)?,
            &layout,
            "cannot draw the tornado chart",
        )?;
    }
    files.commit()?;
    match args.format {
        Format::Table => out!("{}", out_u::sensitivity_table(&s, &year))?,
        Format::Csv => out!("{}", out_u::sensitivity_csv(&s))?,
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&s).context("cannot write JSON")?
        )?,
    }
    Ok(())
}
