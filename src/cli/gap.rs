//! `fiscal gap`: how big a permanent change in the primary balance would
//! meet a debt target (OBR fiscal gap, one-off and staged), satisfy the
//! intertemporal budget constraint, or meet the EC's S1 and S2.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;

use fiscal::model::indicators::{fiscal_gaps, GapRequest};
use fiscal::output::gap::{gap_csv, gap_json, gap_table, GapReport};
use fiscal::years::FiscalYear;

/// Arguments of `fiscal gap`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal gap", "S1 and S2 fiscal gaps for the baseline"),
    ("fiscal gap digital/smarter_state_central --format json", "for a shipped scenario, as JSON"),
]))]
pub struct Args {
    /// Scenario file (TOML); the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// PSND target, % of GDP (40 means 40 %).
    #[arg(
        long,
        value_name = "PCT_GDP",
        default_value_t = 40.0,
        allow_negative_numbers = true,
        value_parser = parse_target
    )]
    pub target: f64,
    /// Year whose end-March PSND must meet the target, e.g. 2075-76 (default: the horizon end).
    #[arg(long, value_name = "YEAR")]
    pub by: Option<FiscalYear>,
    /// First year of the adjustment (default: the year after the medium term).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<FiscalYear>,
    /// Interval between the staged gap's equal steps: `decade` or a number of years.
    #[arg(long, value_name = "EVERY", default_value = "decade", value_parser = parse_staging)]
    pub staged: u32,
    /// Target year for the EC's S1 (60 % of GDP; default: 15 years after the medium term).
    #[arg(long, value_name = "YEAR")]
    pub s1_by: Option<FiscalYear>,
    /// Write gap.csv and gap.json into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// A debt target in percent of GDP, not a fraction typed for a percentage
/// (0.4 for 40 %); `-0` is 0. Its range is the model's to check.
fn parse_target(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| {
        format!("`{s}` is not a number: give the target in percent of GDP, e.g. 40")
    })?;
    if v != 0.0 && v.abs() < 1.0 {
        return Err(format!(
            "{s} looks like a fraction, but the target is in percent of GDP (40 means 40 %): write {}",
            v * 100.0
        ));
    }
    // PSND has ranged from about 25 % to 250 % of GDP in three centuries;
    // a target far outside that is a slip (or an overflow), not a policy.
    if !v.is_finite() || !(-100.0..=500.0).contains(&v) {
        return Err(format!(
            "{s} is outside the plausible range -100..=500 for a debt target in percent of GDP: give e.g. 40 (40 % of GDP) or 97 (the level in 2025)"
        ));
    }
    // `-0` would print as "-0 %".
    Ok(v + 0.0)
}

fn parse_staging(s: &str) -> Result<u32, String> {
    let err = || {
        format!(
            "`{s}` is not a staging interval: write `decade` or a number of years from 1 to 100"
        )
    };
    match s.trim() {
        "decade" => Ok(10),
        t => match t.parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => Ok(n),
            _ => Err(err()),
        },
    }
}

/// Run `fiscal gap`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
    }
    let a = &scenario.assumptions;
    let request = GapRequest {
        target_pct_gdp: args.target,
        target_year: args.by,
        start_year: args.from,
        staged_every_years: args.staged,
        s1_year: args.s1_by,
    };
    let gaps = fiscal_gaps(a, &data, &request)?;
    let report = GapReport {
        scenario: a.name.clone(),
        files: scenario.files.clone(),
        base_year: a.horizon.base_year,
        base_year_gdp_gbp_bn: gaps.base_year_gdp_gbp_bn,
        target_pct_gdp: args.target,
        target_year: gaps.target_year,
        start_year: gaps.start_year,
        staged_every_years: args.staged,
        indicators: gaps.indicators,
        paths: gaps.paths,
    };
    let csv = gap_csv(&report);
    let json = gap_json(&report, &scenario, &data);
    if let Some(dir) = &args.out {
        let mut inputs = scenario.input_paths();
        inputs.extend(args.scenario.iter().cloned());
        let mut files = crate::cli::FileSet::new(inputs);
        files.add(dir.join("gap.csv"), csv.clone().into_bytes())?;
        files.add(dir.join("gap.json"), json.clone().into_bytes())?;
        files.commit()?;
    }
    match args.format {
        Format::Table => out!("{}", gap_table(&report))?,
        Format::Csv => out!("{csv}")?,
        Format::Json => out!("{json}")?,
    }
    Ok(())
}
