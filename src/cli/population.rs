//! `fiscal population`: the population a scenario runs on, by age group and
//! year, with births, deaths, migration, fertility, life expectancy and the
//! old-age dependency ratio.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;

use fiscal::model::demography::{PopulationSettings, VariantPreset};
use fiscal::output::envelope::Envelope;
use fiscal::output::population;
use fiscal::run::population_summary;

/// Arguments of `fiscal population`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal population", "the baseline population every 5 years"),
    ("fiscal population --variant low-migration --every 10", "an ONS variant"),
    ("fiscal population zero_net_migration --format csv", "the population of a shipped scenario, as CSV"),
]))]
pub struct Args {
    /// Scenario file; the embedded baseline (the ONS 2024-based principal, rebuilt) when omitted.
    pub scenario: Option<PathBuf>,
    /// Use an ONS variant family instead of the scenario's population settings.
    #[arg(long, value_parser = parse_variant)]
    pub variant: Option<VariantPreset>,
    /// Write population.csv into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Years between rows of the table.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(i32).range(1..=50))]
    pub every: i32,
}

/// The scenario-file name of a variant preset (`zero-net-migration`).
fn preset_name(v: VariantPreset) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(String::from))
        .unwrap_or_default()
}

/// Parse `--variant` with the names scenario files use.
fn parse_variant(s: &str) -> Result<VariantPreset, String> {
    VariantPreset::ALL
        .into_iter()
        .find(|v| preset_name(*v) == s)
        .ok_or_else(|| {
            let names: Vec<String> = VariantPreset::ALL.into_iter().map(preset_name).collect();
            format!("`{s}` is not a variant; use one of {}", names.join(", "))
        })
}

/// Run `fiscal population`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut files = super::outputs_for(args.scenario.as_deref());
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
        files.declare(dir.join("population.csv"))?;
    }
    let mut scenario = super::load_scenario(args.scenario.as_deref())?;
    files.add_inputs(scenario.input_paths())?;
    if let Some(v) = args.variant {
        // The variant on the scenario's own vintage's principal.
        let vintage = scenario
            .assumptions
            .population
            .as_ref()
            .and_then(|s| s.vintage);
        scenario.assumptions.population = Some(PopulationSettings {
            vintage,
            variant: Some(v),
            ..PopulationSettings::default()
        });
    }
    let rows = population_summary(&scenario)?;
    let csv = population::csv(&rows);
    if let Some(dir) = &args.out {
        files.add(dir.join("population.csv"), csv.clone().into_bytes())?;
    }
    files.commit()?;
    match args.format {
        Format::Table => out!(
            "{}",
            population::table(&scenario.assumptions.name, &rows, args.every)
        )?,
        Format::Csv => out!("{csv}")?,
        Format::Json => out!(
            "{}",
            Envelope::new("population", &rows)
                .scenarios([&scenario])
                .to_json()
        )?,
    }
    Ok(())
}
