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
}

/// Run `fiscal sweep`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let varies = args
        .vary
        .iter()
        .map(|s| sweep::parse_vary(s))
        .collect::<Result<Vec<_>, _>>()?;
    let chart_format = match &args.chart {
        Some(p) if varies.len() != 2 => {
            return Err(UsageError(format!("--chart {} draws a heatmap of two fields, but {} were varied: give exactly two --vary options", p.display(), varies.len())).into())
        }
        chart => super::chart_format(chart.as_deref())?,
    };
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    let points = sweep::run(&scenario, &data, &varies)?;
    let csv = out_u::sweep_csv(&varies, &points);
    if let (Some(file), Some(format), [x, y]) = (&args.chart, chart_format, varies.as_slice()) {
        let ny = y.values.len();
        let values = (0..x.values.len())
            .map(|i| {
                (0..ny)
                    .map(|j| {
                        points
                            .get(i * ny + j)
                            .map_or(f64::NAN, |p| p.final_psnd_pct_gdp)
                    })
                    .collect()
            })
            .collect();
        let chart = Heatmap {
            scenario: scenario.assumptions.name.clone(),
            value_desc: format!(
                "PSND in {}, % of GDP",
                scenario.assumptions.horizon.end_year
            ),
            x_field: x.field.clone(),
            x_values: x.values.clone(),
            y_field: y.field.clone(),
            y_values: y.values.clone(),
            values,
        }
        .chart();
        super::write_chart(file, format, &chart, "cannot draw the heatmap")?;
    }
    match &args.output {
        Some(file) => crate::cli::write_atomic(file, csv.as_bytes())?,
        None => out!("{csv}")?,
    }
    Ok(())
}
