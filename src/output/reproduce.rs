//! `fiscal reproduce` output: the table for reading, CSV (one row a
//! comparison) and JSON in the common envelope (`tool`, `version`,
//! `command`, `scenarios`, `data_vintages`, `results`).

use std::fmt::Write;

use serde::Serialize;

use super::csv::num;
use super::envelope::{Envelope, ScenarioRef};
use super::json::DataVintage;
use crate::reproduce::{CaseInfo, CaseResult};

fn fmt_value(v: f64) -> String {
    if v.abs() >= 1000.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

/// A tolerance with at most three decimals, trailing zeros dropped.
fn fmt_tolerance(t: f64) -> String {
    let s = format!("{t:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The `--list` text: each case with its inputs and its tolerance.
pub fn list(cases: &[CaseInfo]) -> String {
    let mut s = String::new();
    for c in cases {
        let _ = writeln!(s, "{:<14} {}", c.name, c.description);
        let _ = writeln!(s, "{:<14} EFO vintage: {}", "", c.efo);
        let _ = writeln!(s, "{:<14} population: {}", "", c.population);
        let _ = writeln!(s, "{:<14} assumptions: {}", "", c.assumptions);
        let _ = writeln!(s, "{:<14} tolerance: {}", "", c.tolerance);
    }
    s
}

/// Hard checks and failures over all cases.
pub fn totals(results: &[CaseResult]) -> (usize, usize) {
    (
        results.iter().map(CaseResult::hard_checks).sum(),
        results.iter().map(CaseResult::hard_failures).sum(),
    )
}

/// The table for reading.
pub fn table(results: &[CaseResult]) -> String {
    let mut s = String::new();
    for c in results {
        let _ = writeln!(s, "== {}: {}", c.name, c.description);
        let _ = writeln!(s, "   tolerance: {}", c.tolerance);
        for sc in &c.scenarios {
            let _ = writeln!(s, "   scenario: {} ({})", sc.name, sc.file);
        }
        let _ = writeln!(
            s,
            "{:<58} {:>16} {:>10} {:>10} {:>10} {:>9}  {:<14} result",
            "item", "year", "published", "ours", "diff", "tolerance", "unit"
        );
        for r in &c.rows {
            let tol = r.tolerance.map(fmt_tolerance).unwrap_or_default();
            let kind = if !r.hard && r.tolerance.is_some() {
                " (not enforced)"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "{:<58} {:>16} {:>10} {:>10} {:>+10.3} {:>9}  {:<14} {}{kind}",
                r.item,
                r.year,
                fmt_value(r.published),
                fmt_value(r.ours),
                r.difference,
                tol,
                r.unit,
                r.status.label()
            );
        }
        band_table(&mut s, c);
        for n in &c.notes {
            let _ = writeln!(s, "   note: {n}");
        }
        let _ = writeln!(
            s,
            "   {} rows; {} hard checks, {} failed",
            c.rows.len(),
            c.hard_checks(),
            c.hard_failures()
        );
        let _ = writeln!(s);
    }
    let (hard, failed) = totals(results);
    let _ = writeln!(
        s,
        "{} cases; {hard} hard checks, {failed} failed",
        results.len()
    );
    s
}

/// A re-run's band: PSND in the headline year at each end of each
/// assumption the report does not publish (the others central).
fn band_table(s: &mut String, c: &CaseResult) {
    if c.band.is_empty() {
        return;
    }
    let year = c
        .rows
        .iter()
        .find(|r| r.item.starts_with("PSND, central"))
        .map(|r| r.year.clone())
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "   band: PSND in {year} (% of GDP) at each end of each assumption the report does not publish, the others as in the scenario file"
    );
    let _ = writeln!(
        s,
        "   {:<62} {:<26} {:<26} {:>7}  {:<30} {:>7}",
        "assumption", "central", "low end", "PSND", "high end", "PSND"
    );
    for b in &c.band {
        let _ = writeln!(
            s,
            "   {:<62} {:<26} {:<26} {:>7.1}  {:<30} {:>7.1}",
            b.unknown, b.central, b.low, b.psnd_at_low, b.high, b.psnd_at_high
        );
    }
}

/// The band tables of the cases that have one, as Markdown (for
/// docs/reproduce.md): one table a case, with why each range.
pub fn band_markdown(results: &[CaseResult]) -> String {
    let mut s = String::new();
    for c in results.iter().filter(|c| !c.band.is_empty()) {
        let headline = c.rows.iter().find(|r| r.item.starts_with("PSND, central"));
        let (year, published, central) = headline
            .map(|r| (r.year.clone(), r.published, r.ours))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "`{}`: PSND in {year}, published {published:.1} %, central re-run {central:.1} %.\n",
            c.name
        );
        let _ = writeln!(
            s,
            "| assumption (not published) | central | low end | PSND | high end | PSND | why this range |\n|---|---|---|---:|---|---:|---|"
        );
        for b in &c.band {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.1} | {} | {:.1} | {} |",
                b.unknown, b.central, b.low, b.psnd_at_low, b.high, b.psnd_at_high, b.why
            );
        }
        let _ = writeln!(s);
    }
    s
}

/// One CSV row a comparison.
pub fn csv(results: &[CaseResult]) -> String {
    let mut s =
        String::from("case,item,year,published,ours,difference,unit,tolerance,hard,status\n");
    for c in results {
        for r in &c.rows {
            let _ = writeln!(
                s,
                "{},\"{}\",\"{}\",{},{},{},{},{},{},{}",
                c.name,
                r.item.replace('"', "\"\""),
                r.year,
                num(r.published),
                num(r.ours),
                num(r.difference),
                r.unit,
                r.tolerance.map(num).unwrap_or_default(),
                r.hard,
                r.status.label().to_lowercase()
            );
        }
    }
    s
}

/// The publication a table read by a case comes from.
fn publication(source: &str) -> String {
    if source.starts_with(crate::model::demography::settings::ENGINE_SOURCE_PREFIX) {
        return super::publications::population(source).long;
    }
    const KNOWN: &[(&str, &str)] = &[
        ("reference/fsr2017", "OBR Fiscal sustainability report, January 2017, as reported (shared/reference)"),
        ("reference/obr_headlines", "OBR long-term headlines, FSR 2011-FRS 2025, as reported (shared/reference)"),
        ("reference/ons_npp2022_variants", "ONS 2022-based variant projections, as reported (shared/reference)"),
        ("reference/history", "OBR historical public finances database; OBR public finances databank, September 2026"),
        ("efo_2026-03", "OBR Economic and fiscal outlook, March 2026"),
        ("outturn-2016-17", "OBR historical public finances database (2015-16, 2016-17 outturn); DWP State Pension expenditure"),
        ("efo-2016-11", "OBR Historical official forecasts database, October 2024: the November 2016 EFO; OBR historical public finances database and DWP (split of spending); ONS PSF (student loans)"),
        ("efo-2018-03", "OBR Historical official forecasts database, October 2024: the March 2018 EFO; OBR historical public finances database and DWP (split of spending); ONS PSF (student loans)"),
        ("npp2016", "ONS national population projections, 2016-based, principal"),
        ("population_npp2022", "ONS national population projections, 2022-based, principal"),
        ("npp2022", "ONS national population projections, 2022-based"),
        ("npp2014", "ONS national population projections, 2014-based, principal"),
        ("frs_2026-07", "OBR Fiscal risks and sustainability, July 2026, chapter 3 baseline"),
        ("gilts_dmo", "UK Debt Management Office, gilts in issue, 19 March 2025"),
    ];
    KNOWN
        .iter()
        .find(|(k, _)| source.contains(k))
        .map_or("see data/SOURCES.md", |(_, p)| *p)
        .to_string()
}

#[derive(Serialize)]
struct Results<'a> {
    hard_checks: usize,
    failed: usize,
    cases: &'a [CaseResult],
}

/// JSON in the common envelope: every scenario run (with file hashes) and
/// every data table read, once each.
pub fn json(results: &[CaseResult]) -> String {
    let mut scenarios: Vec<ScenarioRef> = Vec::new();
    let mut data: Vec<DataVintage> = Vec::new();
    for c in results {
        for sc in &c.scenarios {
            if !scenarios.iter().any(|x| x.file == sc.file) {
                scenarios.push(ScenarioRef {
                    name: sc.name.clone(),
                    file: sc.file.clone(),
                    sha256: sc.sha256.clone(),
                    chain: sc.chain.clone(),
                });
            }
        }
        for (table, source) in &c.data {
            if !data.iter().any(|d| &d.source == source) {
                data.push(DataVintage {
                    table,
                    publication: publication(source),
                    source: source.clone(),
                });
            }
        }
    }
    let (hard_checks, failed) = totals(results);
    let mut env = Envelope::new(
        "reproduce",
        Results {
            hard_checks,
            failed,
            cases: results,
        },
    );
    env.scenarios = scenarios;
    env.data_vintages = data;
    env.to_json()
}
