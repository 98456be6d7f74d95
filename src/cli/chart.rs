//! `fiscal chart KIND [SCENARIO...] -o FILE.svg|png|pdf`: draw one chart
//! and write its data beside it as CSV.

use std::path::PathBuf;

use anyhow::Context;

use fiscal::chart::{self, Chart, ChartKind, Input, Options};
use fiscal::run::project_all;

use super::UsageError;

/// Arguments of `fiscal chart`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal chart debt -o debt.svg", "the debt chart for the baseline"),
    ("fiscal chart debt baseline low_productivity -o debt.png", "two scenarios on one chart"),
    ("fiscal chart pyramid --years 2025,2050,2074 -o pyramid.svg", "a population pyramid for chosen years"),
    ("fiscal chart difference baseline low_productivity -o diff.pdf --size a4-half", "each scenario minus the first, as a PDF half an A4 page"),
    ("fiscal chart debt --from 2025 --to 2050 --title 'Debt to 2050' -o debt.png", "a year range and a title of your own"),
]))]
pub struct Args {
    /// Which chart.
    #[arg(value_enum)]
    pub kind: super::ChartKindArg,
    /// Scenario files (TOML) or shipped names; the embedded baseline when none. Only `debt`, `dependency` and `difference` (at least two) take several.
    pub scenarios: Vec<PathBuf>,
    /// Output image: FILE.svg, FILE.png or FILE.pdf (fonts embedded). The chart's data is written beside it as FILE.csv.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Pyramid years (calendar mid-years), comma-separated, e.g. 2025,2050,2074; default: first, middle and last projection years.
    #[arg(long, value_name = "YEAR", value_delimiter = ',', value_parser = parse_mid_year)]
    pub years: Vec<i32>,
    /// Interventions chart: draw technology refresh costs in the years they fall (a sawtooth) instead of spread over their cycle.
    #[arg(long)]
    pub refresh_spikes: bool,
    /// Title, size, year range and font scale.
    #[command(flatten)]
    pub style: super::chart_style::ChartStyleArgs,
}

/// A calendar mid-year for `--years`; a fiscal year (`2050-51`) gets a
/// hint rather than "invalid digit".
fn parse_mid_year(s: &str) -> Result<i32, String> {
    let t = s.trim();
    if let Ok(y) = t.parse::<i32>() {
        if (1000..=9999).contains(&y) {
            return Ok(y);
        }
        return Err(format!(
            "{y} is not a plausible mid-year: give a calendar year such as 2050"
        ));
    }
    if let Ok(fy) = t.parse::<fiscal::FiscalYear>() {
        return Err(format!(
            "`{t}` is a fiscal year, but pyramid years are calendar mid-years (30 June): write {}",
            fy.start()
        ));
    }
    Err(format!(
        "`{t}` is not a year: give calendar mid-years such as 2025,2050,2074"
    ))
}

/// Run `fiscal chart`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let format = super::chart_style::format_of(&args.output)?;
    let layout = args.style.layout()?;
    if !args.kind.0.compares_scenarios() && args.scenarios.len() > 1 {
        // Before loading anything; the library says the same of a
        // request it is given.
        return Err(UsageError(format!(
            "the `{}` chart shows one scenario at a time, but {} were given; run it once per scenario (only `debt`, `dependency` and `difference` compare scenarios)",
            args.kind.0.key(),
            args.scenarios.len()
        ))
        .into());
    }
    crate::cli::prepare_dir(crate::cli::parent_dir(&args.output))
        .context("the output directory is not usable")?;
    let mut files = crate::cli::FileSet::new(&args.scenarios);
    super::declare_chart(&mut files, &args.output)?;
    if matches!(args.kind.0, ChartKind::Fan | ChartKind::Tornado) {
        let scenario = super::load_scenario(args.scenarios.first().map(PathBuf::as_path))?;
        files.add_inputs(scenario.input_paths())?;
        let chart = args
            .style
            .apply(uncertainty_chart(args.kind.0, &scenario)?)?;
        super::add_chart(
            &mut files,
            &args.output,
            format,
            &chart,
            &layout,
            "cannot draw the chart",
        )?;
        files.commit()?;
        return Ok(());
    }
    let runs = project_all(super::load_scenarios(&args.scenarios)?)?;
    files.add_inputs(super::inputs_of(&runs, &[]))?;
    let inputs: Vec<Input<'_>> = runs.iter().map(Input::of).collect();
    let opts = args.style.options(Options {
        pyramid_years: args.years,
        refresh_spikes: args.refresh_spikes,
        ..Options::default()
    });
    let chart = chart::build(args.kind.0, &inputs, &opts)?;
    let bytes = chart
        .render_with(format, &layout)
        .with_context(|| format!("cannot draw the {} chart", args.kind.0.key()))?;
    files.add(args.output.clone(), bytes)?;
    files.add(args.output.with_extension("csv"), chart.csv().into_bytes())?;
    files.commit()?;
    Ok(())
}

/// The `fan` (100,000 reduced-form paths, seed 42, with the rate and
/// productivity variants) or `tornado` chart of `scenario`, as `fiscal chart`
/// draws them; `fiscal fan --chart` and `fiscal sensitivity --chart` take
/// other settings.
fn uncertainty_chart(
    kind: ChartKind,
    scenario: &fiscal::scenario::Scenario,
) -> anyhow::Result<Chart> {
    use fiscal::chart::{fan, tornado};
    use fiscal::model::uncertainty::{self, Engine, FanOptions};
    let data = scenario.dataset()?;
    let a = &scenario.assumptions;
    match kind {
        ChartKind::Fan => {
            let table = fiscal::data::shocks::ShockTable::embedded()?;
            let o = FanOptions {
                engine: Engine::Reduced,
                paths: 100_000,
                seed: 42,
                shock_medium_term: None,
                draw_demography: false,
            };
            let run = uncertainty::fan(a, &data, &table, &o, &|_| {})?;
            Ok(
                fan::Fan::from_run(&run, uncertainty::fan_variants(a, &data)?)
                    .chart()
                    .with_sources(fiscal::chart::sources_of_data(&data)),
            )
        }
        ChartKind::Tornado => {
            let s = uncertainty::sensitivities(a, &data)?;
            Ok(
                tornado::Tornado::from_sensitivity(&a.name, a.horizon.end_year.to_string(), &s)
                    .chart()
                    .with_sources(fiscal::chart::sources_of_data(&data)),
            )
        }
        other => Err(UsageError(format!(
            "nothing to chart: `{}` is not drawn from the scenario alone",
            other.key()
        ))
        .into()),
    }
}
