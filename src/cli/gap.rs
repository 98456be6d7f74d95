//! `fiscal gap`: how big a permanent change in the primary balance would
//! meet a debt target (OBR fiscal gap, one-off and staged), satisfy the
//! intertemporal budget constraint, or meet the EC's S1 and S2.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;

use crate::model::indicators::{decompose, GapResult, GapSolver, GapSpec, IndicatorError, Profile};
use crate::output::{
    self,
    gap::{gap_csv, gap_json, gap_table, GapReport, IndicatorRow, PathRow},
};
use crate::years::FiscalYear;

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

/// An optional indicator: keep the answer or the reason there is none.
fn row(key: &'static str, label: String, r: Result<GapResult, IndicatorError>) -> IndicatorRow {
    match r {
        Ok(g) => IndicatorRow {
            key,
            label,
            result: Some(g),
            note: None,
        },
        Err(e) => IndicatorRow {
            key,
            label,
            result: None,
            note: Some(e.to_string()),
        },
    }
}

/// Run `fiscal gap`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    if let Some(dir) = &args.out {
        output::prepare_dir(dir).context("the output directory is not usable")?;
    }
    let a = &scenario.assumptions;
    let h = &a.horizon;
    let start = args.from.unwrap_or(h.medium_term_end.next());
    let by = args.by.unwrap_or(h.end_year);
    // The scenario's interventions stay in force while the gap is solved.
    let interventions = crate::model::intervention_adjustments(a, &data)?;
    let solver = GapSolver::new(a, &data, interventions)
        .with_context(|| format!("cannot project scenario `{}`", a.name))?;

    let one_off = GapSpec {
        target_pct_gdp: args.target,
        target_year: by,
        start_year: start,
        profile: Profile::OneOff,
    };
    let staged = GapSpec {
        profile: Profile::Staged {
            every_years: args.staged,
        },
        ..one_off
    };
    let gap = solver
        .gap(&one_off)
        .context("cannot compute the fiscal gap")?;
    let staged_gap = solver
        .gap(&staged)
        .context("cannot compute the staged fiscal gap")?;
    let s1 = match args.s1_by {
        // An explicit year that cannot work is a usage error, not a footnote.
        Some(y) => Ok(solver
            .s1(start, y)
            .context("cannot compute S1 for --s1-by")?),
        None => solver.s1(start, solver.s1_default_year()),
    };
    let s1_year = args.s1_by.unwrap_or(solver.s1_default_year());
    // The intertemporal gap and S2 run on the projection extended to the
    // intertemporal horizon (horizon.intertemporal_end_year).
    let ext = crate::model::indicators::intertemporal_assumptions(a, &data);
    let ext_solver = GapSolver::new(
        &ext,
        &data,
        crate::model::intervention_adjustments(&ext, &data)?,
    )
    .with_context(|| {
        format!(
            "cannot project scenario `{}` to {}",
            a.name, ext.horizon.end_year
        )
    })?;
    let indicators = vec![
        row(
            "fiscal_gap",
            format!("Fiscal gap: PSND {}% in {by}", args.target),
            Ok(gap.clone()),
        ),
        row(
            "staged_gap",
            format!("Staged gap: a further step every {} years", args.staged),
            Ok(staged_gap.clone()),
        ),
        row(
            "intertemporal_gap",
            format!("Intertemporal gap (to {})", ext.horizon.end_year),
            ext_solver.intertemporal(start),
        ),
        row("s1", format!("EC S1: PSND 60% in {s1_year}"), s1),
        row(
            "s1_phased",
            format!("EC S1 phased in (5 yrs): 60% in {s1_year}"),
            solver.s1_phased(start, s1_year),
        ),
        row(
            "s2",
            format!(
                "EC S2: from {} (to {})",
                h.medium_term_end.next(),
                ext.horizon.end_year
            ),
            ext_solver.s2(),
        ),
    ];

    let baseline = solver.baseline();
    let with_gap = solver.project_step(start, one_off.profile, gap.step_pct_gdp)?;
    let with_staged = solver.project_step(start, staged.profile, staged_gap.step_pct_gdp)?;
    let stabilising = decompose(baseline)?;
    let paths = baseline
        .years
        .iter()
        .zip(&stabilising)
        .enumerate()
        .map(|(k, (y, s))| PathRow {
            year: y.year,
            baseline_psnd_pct_gdp: y.psnd_pct_gdp,
            fiscal_gap_psnd_pct_gdp: with_gap.years.get(k).map(|r| r.psnd_pct_gdp),
            staged_gap_psnd_pct_gdp: with_staged.years.get(k).map(|r| r.psnd_pct_gdp),
            debt_stabilising_primary_balance_pct_gdp: s.debt_stabilising_primary_balance_pct_gdp,
        })
        .collect();
    let report = GapReport {
        scenario: a.name.clone(),
        files: scenario.files.clone(),
        base_year: h.base_year,
        base_year_gdp_gbp_bn: baseline.years.first().map_or(0.0, |y| y.gdp_gbp_bn),
        target_pct_gdp: args.target,
        target_year: by,
        start_year: start,
        staged_every_years: args.staged,
        indicators,
        paths,
    };
    let csv = gap_csv(&report);
    let json = gap_json(&report, &scenario, &data);
    if let Some(dir) = &args.out {
        let mut inputs = scenario.input_paths();
        inputs.extend(args.scenario.iter().cloned());
        let mut files = output::FileSet::new(inputs);
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
