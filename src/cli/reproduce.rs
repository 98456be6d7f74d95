//! `fiscal reproduce`: rerun the default projection and compare it with the
//! published figures it is meant to reproduce, listing every difference.

use std::path::PathBuf;

use anyhow::Context;

use crate::model::demography::ReproductionReport;
use crate::model::reproduce::{efo_years, frs_paths, frs_start_point, ready_reckoners, Comparison};
use crate::model::{self};
use crate::output::envelope::Envelope;
use crate::output::{self, csv::num};

use super::Format;
use serde::Serialize;

/// Arguments of `fiscal reproduce`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal reproduce", "the baseline against the published OBR figures"),
    ("fiscal reproduce --format json", "the same, with gaps, as JSON"),
]))]
pub struct Args {
    /// Scenario file; the embedded baseline when omitted.
    pub scenario: Option<PathBuf>,
    /// Also write reproduce.csv into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Exit 1 when a hard check (the EFO years) misses its tolerance.
    #[arg(long)]
    pub strict: bool,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// What `--format json` puts under `results`.
#[derive(Serialize)]
struct Results<'a> {
    comparisons: &'a [Comparison],
    hard_checks: usize,
    missed: usize,
    population: &'a ReproductionReport,
}

fn csv_text(rows: &[Comparison]) -> String {
    let mut s = String::from("item,year,published,ours,difference,unit,tolerance\n");
    for r in rows {
        s.push_str(&format!(
            "\"{}\",{},{},{},{},{},{}\n",
            r.item,
            r.year,
            num(r.published),
            num(r.ours),
            num(r.difference),
            r.unit,
            r.tolerance.map(num).unwrap_or_default()
        ));
    }
    s
}

/// Run `fiscal reproduce`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scenario = super::load_scenario(args.scenario.as_deref())?;
    let data = scenario.dataset().context("cannot load the data tables")?;
    if let Some(dir) = &args.out {
        output::prepare_dir(dir).context("the output directory is not usable")?;
    }
    let a = &scenario.assumptions;
    let p = model::project(a, &data)?;
    let mut rows = efo_years(&p, &data, a.horizon.medium_term_end);
    rows.extend(frs_start_point(&p, &data, a.horizon.medium_term_end));
    rows.extend(frs_paths(&p, &data, a.horizon.medium_term_end));
    rows.extend(ready_reckoners(a, &data)?);
    let misses: Vec<&Comparison> = rows.iter().filter(|r| r.misses()).collect();
    let demography = crate::model::demography::reproduce_npp2022()
        .context("cannot reproduce the ONS 2022-based population projection")?;
    let demography_misses = usize::from(demography.max_total_error_pct >= 0.05)
        + usize::from(demography.max_cell_error_pct >= 0.5);
    let mut text = csv_text(&rows);
    for r in &demography.rows {
        text.push_str(&format!(
            "\"ONS npp2022 {}\",{},{},{},{},persons,\n",
            r.item,
            r.year,
            num(r.published),
            num(r.ours),
            num(r.difference)
        ));
    }
    if let Some(dir) = &args.out {
        output::write_atomic(&dir.join("reproduce.csv"), text.as_bytes())?;
    }
    match args.format {
        Format::Table => table(&rows, &demography)?,
        Format::Csv => out!("{text}")?,
        Format::Json => {
            let results = Results {
                comparisons: &rows,
                hard_checks: rows.iter().filter(|r| r.tolerance.is_some()).count(),
                missed: misses.len(),
                population: &demography,
            };
            out!(
                "{}",
                Envelope::new("reproduce", results)
                    .scenarios([&scenario])
                    .data(&data)
                    .to_json()
            )?;
        }
    }
    if args.strict && demography_misses > 0 {
        anyhow::bail!("the population reproduction missed its tolerance");
    }
    if args.strict && !misses.is_empty() {
        anyhow::bail!("{} hard checks missed their tolerance", misses.len());
    }
    Ok(())
}

/// The comparisons as a table for reading.
fn table(rows: &[Comparison], demography: &ReproductionReport) -> anyhow::Result<()> {
    outln!(
        "{:<52} {:>8} {:>10} {:>10} {:>10}  unit",
        "item",
        "year",
        "published",
        "ours",
        "diff"
    )?;
    for r in rows {
        let flag = if r.misses() { "  MISS" } else { "" };
        outln!(
            "{:<52} {:>8} {:>10.3} {:>10.3} {:>+10.3}  {}{flag}",
            r.item,
            r.year.to_string(),
            r.published,
            r.ours,
            r.difference,
            r.unit
        )?;
    }
    let misses = rows.iter().filter(|r| r.misses()).count();
    outln!(
        "{} comparisons; {} hard checks, {} missed",
        rows.len(),
        rows.iter().filter(|r| r.tolerance.is_some()).count(),
        misses
    )?;
    outln!()?;
    outln!("ONS 2022-based UK principal projection, reproduced by the cohort-component engine from the imported rates")?;
    outln!(
        "  worst UK total to 2072: {:.5} % (tolerance 0.05 %); worst single-year cell, ages 0-100, to 2072: {:.3} % (tolerance 0.5 %)",
        demography.max_total_error_pct, demography.max_cell_error_pct
    )?;
    outln!(
        "{:<52} {:>8} {:>12} {:>12} {:>10} {:>8}",
        "item",
        "mid-year",
        "published",
        "ours",
        "diff",
        "diff %"
    )?;
    let totals = demography
        .rows
        .iter()
        .filter(|r| r.item == "UK total" && r.year % 10 == 2);
    let worst = demography.rows.iter().filter(|r| r.item != "UK total");
    for r in totals.chain(worst) {
        outln!(
            "{:<52} {:>8} {:>12.0} {:>12.1} {:>+10.1} {:>+8.4}",
            r.item,
            r.year,
            r.published,
            r.ours,
            r.difference,
            r.difference_pct
        )?;
    }
    Ok(())
}
