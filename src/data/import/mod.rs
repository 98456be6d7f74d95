//! The data importer: reads the official publications in the shared data
//! directory (ONS, OBR, DMO formats as published) and writes the compact
//! tables under `data/` that the loaders in [`crate::data`] read and the
//! binary embeds. Output is byte-deterministic: fixed number formatting,
//! stable row order, `\n` line endings.
//!
//! The shared directory layout is the one described in
//! `shared/data/MANIFEST.md` (`data/...`) and `shared/evidence/`.

// Source cells are read through `Headed::cell` (checked); the remaining
// indices are into arrays shaped (2, N_AGES) by ages parsed within range, or
// per-year vectors built to the years read.
#![allow(clippy::indexing_slicing)]

pub mod cells;
mod error;
pub mod evidence;
pub mod gilts;
pub mod hofd;
pub mod hofd_vintage;
pub mod ledger;
pub mod participation;
pub mod pension_schemes;
pub mod population;
pub mod profiles;
pub mod psf;
pub mod reference;
pub mod shocks;
pub mod source;
pub mod vintage;
pub mod welfare;

use std::fmt;
use std::path::Path;

pub use error::ImportError;

use crate::data::{Sex, N_AGES};

/// Source files, relative to the shared directory.
pub mod paths {
    /// ONS npp2022 UK population by single year of age and sex.
    pub const POPULATION: &str =
        "data/ons/npp2022/ons_npp2022_uk_principal_population_syoa_sex_2022-2122.csv";
    /// OBR EFO March 2026 aggregates (public-ledger format).
    pub const EFO: &str = "data/obr/efo2026/obr_efo_2026-03_aggregates.csv";
    /// OBR EFO March 2026 detailed expenditure tables.
    pub const EFO_EXPENDITURE: &str = "data/obr/efo2026/obr_efo_detailed_expenditure.xlsx";
    /// OBR public finances databank, September 2026 (public-ledger format).
    pub const DATABANK: &str = "data/obr/databank/obr_databank_2026-09_aggregates.csv";
    /// OBR FRS July 2026 chapter 3 baseline (public-ledger format).
    pub const FRS: &str = "data/obr/frs2026/obr_frs_2026-07_ch3_baseline.csv";
    /// DMO gilts in issue, 19 March 2025 (CSV export).
    pub const GILTS: &str = "data/dmo/dmo_gilts_in_issue_2025-03-19.csv";
    /// DWP State Pension caseload and spending (public-ledger format).
    pub const DWP_STATE_PENSION: &str = "data/dwp/dwp_state_pension_caseload_spending_2026.csv";
    /// Evidence for age profiles.
    pub const EVIDENCE: &str = "evidence/profiles";
}

/// EFO series the projection reads, each for every EFO year, beyond those
/// every vintage must carry ([`crate::data::vintage::REQUIRED`]).
pub const EFO_RECEIPTS_REQUIRED: &[&str] = &[
    "receipts.income_tax",
    "receipts.nics",
    "receipts.vat",
    "receipts.alcohol_tobacco",
    "receipts.fuel_duty",
];

/// FRS series the projection reads, each for every FRS year.
pub const FRS_REQUIRED: &[&str] = &["frs.health.baseline", "frs.primary.baseline"];

/// The tables written, in order.
pub const TABLES: &[&str] = &[
    "population_npp2022.csv",
    "efo_2026-03.csv",
    "frs_2026-07.csv",
    "gilts_dmo_2025-03-19.csv",
    "dwp_state_pension_2026.csv",
    "participation.csv",
    "profiles.csv",
    "vintages/outturn-2016-17.csv",
    "vintages/efo-2016-11.csv",
    "vintages/efo-2018-03.csv",
    "reference/fsr2017.csv",
    "reference/obr_headlines.csv",
    "reference/ons_npp2022_variants.csv",
    "reference/history.csv",
];

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// (file name, data rows) per table written.
    pub tables: Vec<(String, usize)>,
    /// Headline checks (label, value), also listed in SOURCES.md.
    pub checks: Vec<(String, String)>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "tables written:")?;
        for (name, rows) in &self.tables {
            writeln!(f, "  {name:<28} {rows:>6} rows")?;
        }
        if !self.checks.is_empty() {
            writeln!(f, "checks:")?;
            for (k, v) in &self.checks {
                writeln!(f, "  {k}: {v}")?;
            }
        }
        Ok(())
    }
}

/// Hand-written part of `SOURCES.md` (sources, transformations, caveats).
const SOURCES_TEMPLATE: &str = include_str!("sources_template.md");

/// The databank series the projection needs next to the EFO's: PSND, PSND
/// excluding the Bank of England and PSNFL, kept as `databank.*` so that
/// the gaps between the measures come from one vintage.
const DATABANK_SERIES: &[&str] = &["fiscal.psnd", "fiscal.psnd_ex_boe", "fiscal.psnfl"];

fn add_databank_measures(
    efo: &mut ledger::SeriesRows,
    databank: &ledger::SeriesRows,
) -> Result<(), ImportError> {
    for ((series, year), v) in databank {
        if DATABANK_SERIES.contains(&series.as_str()) {
            let id = format!("databank.{}", series.trim_start_matches("fiscal."));
            efo.insert((id, *year), v.clone());
        }
    }
    for s in DATABANK_SERIES {
        let id = format!("databank.{}", s.trim_start_matches("fiscal."));
        if !efo.keys().any(|(k, _)| *k == id) {
            return Err(ImportError::Check {
                table: "efo_2026-03.csv".into(),
                message: format!("databank series `{s}` not found in {}", paths::DATABANK),
            });
        }
    }
    Ok(())
}

/// Import everything (the tables and the demography tables) all or
/// nothing: every file is written into `staging` first (a new directory
/// beside `out_dir`) and moved into `out_dir` only when every table has
/// succeeded; on failure `staging` is removed and `out_dir` is untouched.
pub fn import_staged(
    shared_dir: &Path,
    out_dir: &Path,
    staging: &Path,
) -> Result<(ImportReport, crate::data::ons_npp::ImportSummary), ImportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    let result = (|| {
        std::fs::create_dir_all(staging).map_err(io(staging))?;
        let report = import_all(shared_dir, staging)?;
        let summary = crate::data::ons_npp::import_demography(
            &shared_dir.join("data"),
            &staging.join("demography"),
        )?;
        Ok((report, summary))
    })();
    let moved = result.and_then(|r| {
        move_into(staging, out_dir)?;
        Ok(r)
    });
    let _ = std::fs::remove_dir_all(staging);
    moved
}

/// Move every file under `from` into the same place under `to`.
fn move_into(from: &Path, to: &Path) -> Result<(), ImportError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    std::fs::create_dir_all(to).map_err(err(to))?;
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .map_err(err(from))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for src in entries {
        let Some(name) = src.file_name() else {
            continue;
        };
        let dst = to.join(name);
        if src.is_dir() {
            move_into(&src, &dst)?;
        } else {
            std::fs::rename(&src, &dst).map_err(err(&dst))?;
        }
    }
    Ok(())
}

/// Import everything from `shared_dir` into `out_dir` (which must exist).
pub fn import_all(shared_dir: &Path, out_dir: &Path) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut write = |name: &str, (text, rows): (String, usize)| -> Result<(), ImportError> {
        source::write_file(out_dir, name, &text)?;
        report.tables.push((name.to_string(), rows));
        Ok(())
    };

    let pop = population::read(&shared_dir.join(paths::POPULATION))?;
    write("population_npp2022.csv", pop.to_csv())?;

    let mut efo = ledger::read(&shared_dir.join(paths::EFO))?;
    let expenditure = shared_dir.join(paths::EFO_EXPENDITURE);
    let detail_rows = welfare::read(&expenditure)?
        .into_iter()
        .chain(pension_schemes::read(&expenditure)?);
    for (k, v) in detail_rows {
        if efo.insert(k.clone(), v).is_some() {
            return Err(ImportError::Check {
                table: "efo_2026-03.csv".into(),
                message: format!("detailed series `{}` already in the aggregates file", k.0),
            });
        }
    }
    efo.extend(psf::student_loans(shared_dir)?);
    for required in [crate::data::vintage::REQUIRED, EFO_RECEIPTS_REQUIRED] {
        ledger::require_series(&efo, "efo_2026-03.csv", required, "fiscal.psnd")?;
    }
    add_databank_measures(&mut efo, &ledger::read(&shared_dir.join(paths::DATABANK))?)?;
    write("efo_2026-03.csv", ledger::to_csv(&efo))?;

    let frs = ledger::read(&shared_dir.join(paths::FRS))?;
    ledger::require_series(&frs, "frs_2026-07.csv", FRS_REQUIRED, "frs.health.baseline")?;
    write("frs_2026-07.csv", ledger::to_csv(&frs))?;

    let gilts = gilts::read(&shared_dir.join(paths::GILTS))?;
    write("gilts_dmo_2025-03-19.csv", gilts::to_csv(&gilts))?;

    let dwp = ledger::read(&shared_dir.join(paths::DWP_STATE_PENSION))?;
    write("dwp_state_pension_2026.csv", ledger::to_csv(&dwp))?;

    let ev_dir = shared_dir.join(paths::EVIDENCE);
    let evidence = profiles::load_evidence(&ev_dir)?;
    let lab = evidence
        .get("labour_participation")
        .ok_or_else(|| ImportError::Check {
            table: "participation.csv".into(),
            message: "labour_participation evidence not loaded".into(),
        })?;
    let part = participation::derive(lab, &pop)?;
    write("participation.csv", participation::to_csv(&part))?;

    let inputs = profiles::Inputs {
        pop: &pop,
        participation: &part,
        evidence,
    };
    let prof = profiles::derive(&inputs)?;
    write("profiles.csv", profiles::to_csv(&prof))?;

    import_reference_and_vintages(shared_dir, out_dir, &mut report)?;
    report.checks = checks(&pop, &efo, &gilts, &part, &prof);
    report.checks.extend(dwp_checks(&dwp));
    let mut sources = SOURCES_TEMPLATE.to_string();
    sources.push_str("\n## Checks (generated by the importer)\n\n| check | value |\n|---|---|\n");
    for (k, v) in &report.checks {
        sources.push_str(&format!("| {k} | {v} |\n"));
    }
    source::write_file(out_dir, "SOURCES.md", &sources)?;
    Ok(report)
}

/// DWP State Pension headline numbers: caseload, spending and the average
/// award per recipient (spending / caseload) in 2025-26 and 2030-31.
fn dwp_checks(dwp: &ledger::SeriesRows) -> Vec<(String, String)> {
    let get = |s: &str, y: i32| {
        dwp.get(&(s.to_string(), crate::years::FiscalYear(y)))
            .map(|v| v.0)
    };
    let mut c = Vec::new();
    for y in [2025, 2030] {
        let (Some(n), Some(x)) = (
            get("people.state_pension_caseload", y),
            get("spending.state_pension", y),
        ) else {
            continue;
        };
        let year = crate::years::FiscalYear(y);
        c.push((
            format!("DWP State Pension caseload {year}, m"),
            format!("{n:.3}"),
        ));
        c.push((
            format!("DWP State Pension spending {year}, £bn"),
            format!("{x:.2}"),
        ));
        c.push((
            format!("DWP State Pension average award {year}, £ a week"),
            format!("{:.2}", x * 1e9 / (n * 1e6) / 52.0),
        ));
    }
    c
}

/// Create `out_dir/sub` if needed.
fn make_dir(out_dir: &Path, sub: &str) -> Result<(), ImportError> {
    let path = out_dir.join(sub);
    std::fs::create_dir_all(&path).map_err(|source| ImportError::Write { path, source })
}

/// The reference tables of `fiscal reproduce` (`reference/`) and the
/// 2016-17 outturn vintage (`vintages/`).
fn import_reference_and_vintages(
    shared_dir: &Path,
    out_dir: &Path,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    make_dir(out_dir, "vintages")?;
    let name = "vintages/outturn-2016-17.csv";
    let mut outturn = vintage::outturn_2016_17(shared_dir)?;
    outturn.extend(psf::student_loans(shared_dir)?);
    let (text, rows) = ledger::to_csv(&outturn);
    source::write_file(out_dir, name, &text)?;
    report.tables.push((name.into(), rows));
    let db = hofd::open(&shared_dir.join(hofd::PATH))?;
    for label in hofd_vintage::SHIPPED {
        let v = hofd_vintage::write(&db, shared_dir, label, None, out_dir)?;
        report.tables.push((v.file, v.rows));
    }
    report
        .tables
        .extend(import_reference(shared_dir, out_dir)?.tables);
    Ok(())
}

/// Import only the reference tables of `fiscal reproduce` into
/// `out_dir/reference/`.
pub fn import_reference(shared_dir: &Path, out_dir: &Path) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    make_dir(out_dir, "reference")?;
    for (file, rows) in reference::read_all(shared_dir)? {
        let name = format!("reference/{file}");
        let (text, n) = reference::to_csv(&rows);
        source::write_file(out_dir, &name, &text)?;
        report.tables.push((name, n));
    }
    Ok(report)
}

/// Import one forecast vintage: the EFO aggregates table `efo` (public-ledger
/// format), with outturn years from the databank table `outturn` if given,
/// written to `out_dir/vintages/NAME.csv`. Returns the file written and its
/// row count.
pub fn import_vintage(
    name: &str,
    efo: &Path,
    outturn: Option<&Path>,
    out_dir: &Path,
) -> Result<(String, usize), ImportError> {
    check_vintage_name(name, efo)?;
    let mut rows = vintage::from_efo(efo, outturn)?;
    if !rows.keys().any(|(s, _)| s.starts_with("psf.")) {
        rows.extend(shipped_student_loans()?);
    }
    if let Some(o) = outturn {
        // PSND ex BoE and PSNFL next to PSND, from the same databank.
        add_databank_measures(&mut rows, &ledger::read(o)?)?;
    }
    make_dir(out_dir, "vintages")?;
    let file = format!("vintages/{name}.csv");
    let (text, n) = ledger::to_csv(&rows);
    source::write_file(out_dir, &file, &text)?;
    Ok((file, n))
}

/// A vintage name is lowercase letters, digits and `-` (what a scenario's
/// `[horizon] vintage` accepts); `source` is named in the message.
pub fn check_vintage_name(name: &str, source: &Path) -> Result<(), ImportError> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(ImportError::invalid(
            source,
            0,
            format!("vintage name `{name}` must be lowercase letters, digits and `-` (e.g. efo-2026-11)"),
        ));
    }
    Ok(())
}

/// The student-loan outturn rows (`psf.*`) of the shipped EFO table, for a
/// vintage whose table has none: the student-loan book starts from the
/// latest ONS outturn and rolls forward to the vintage's base year.
fn shipped_student_loans() -> Result<ledger::SeriesRows, ImportError> {
    use crate::data::vintage;
    let shipped = vintage::load(vintage::DEFAULT, None, "the shipped data").map_err(|e| {
        ImportError::Check {
            table: "vintage".into(),
            message: format!("the shipped EFO table does not load: {e}"),
        }
    })?;
    Ok(shipped
        .series
        .iter()
        .filter(|(name, _)| name.starts_with("psf."))
        .flat_map(|(name, (unit, values))| {
            values
                .iter()
                .map(move |(y, v)| ((name.clone(), *y), (*v, unit.clone())))
        })
        .collect())
}

/// Headline numbers for the report and SOURCES.md.
fn checks(
    pop: &population::Population,
    efo: &ledger::SeriesRows,
    gilts: &[gilts::GiltRow],
    part: &participation::Participation,
    prof: &[(&str, profiles::Profile)],
) -> Vec<(String, String)> {
    let mut c = Vec::new();
    for y in [2022, 2025, 2047, 2072] {
        c.push((
            format!("UK population mid-{y} (npp2022), m"),
            format!("{:.2}", pop.total(y) / 1e6),
        ));
    }
    for kind in ["conventional", "index_linked"] {
        let t: f64 = gilts
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.uplifted_gbp_m)
            .sum();
        c.push((
            format!("gilts {kind} (uplifted), £bn"),
            format!("{:.2}", t / 1000.0),
        ));
    }
    let t: f64 = gilts.iter().map(|g| g.uplifted_gbp_m).sum();
    c.push((
        "gilts total (uplifted), £bn".into(),
        format!("{:.2}", t / 1000.0),
    ));
    for s in [
        "welfare.pensioner_benefits",
        "welfare.state_pension",
        "welfare.total",
        "pensions.scheme_expenditure",
        "pensions.employee_contributions",
    ] {
        if let Some((v, _)) = efo.get(&(s.to_string(), crate::years::FiscalYear(2030))) {
            c.push((format!("{s} 2030-31, £bn"), format!("{v:.2}")));
        }
    }
    let w = |s: Sex, a: usize| pop.get(s, a, profiles::BASE_YEAR);
    let persons = |p: &profiles::Profile, a: usize| {
        (p[0][a] * w(Sex::Male, a) + p[1][a] * w(Sex::Female, a))
            / (w(Sex::Male, a) + w(Sex::Female, a))
    };
    if let Some((_, h)) = prof.iter().find(|(n, _)| *n == "health") {
        c.push((
            "health per person, age 90 / age 30 (persons)".into(),
            format!("{:.2}", persons(h, 90) / persons(h, 30)),
        ));
        c.push((
            "health per person, age 85 / age 30 (persons)".into(),
            format!("{:.2}", persons(h, 85) / persons(h, 30)),
        ));
    }
    let lf: f64 = (16..N_AGES)
        .map(|a| part[0][a] * w(Sex::Male, a) + part[1][a] * w(Sex::Female, a))
        .sum();
    let p16: f64 = (16..N_AGES)
        .map(|a| w(Sex::Male, a) + w(Sex::Female, a))
        .sum();
    c.push((
        "participation rate 16+ (2022 weights)".into(),
        format!("{:.3}", lf / p16),
    ));
    c.extend(receipts_checks(pop, prof));
    c
}

/// Shares of the income tax and NICs profiles by age (2022 weights): the
/// SPI 2022-23 anchors they were built to reproduce and the checks they
/// were not fitted to.
fn receipts_checks(
    pop: &population::Population,
    prof: &[(&str, profiles::Profile)],
) -> Vec<(String, String)> {
    let col = |n: &str| prof.iter().find(|(k, _)| *k == n).map(|(_, p)| p);
    let sum = |p: &profiles::Profile, lo: usize, hi: usize, sexes: &[Sex]| -> f64 {
        sexes
            .iter()
            .flat_map(|s| (lo..=hi).map(move |a| (*s, a)))
            .map(|(s, a)| p[s as usize][a] * pop.get(s, a, profiles::BASE_YEAR))
            .sum()
    };
    let top = N_AGES - 1;
    let share =
        |p, lo, hi, sexes: &[Sex]| 100.0 * sum(p, lo, hi, sexes) / sum(p, 0, top, &Sex::ALL);
    let mut c = Vec::new();
    let all = &Sex::ALL;
    if let (Some(it), Some(pens)) = (col("income_tax"), col("income_tax_over_spa")) {
        for (label, v) in [
            (
                "under 30 (SPI 2022-23: 7.50, anchor)",
                share(it, 0, 29, all),
            ),
            ("70+ (SPI 2022-23: 7.82, anchor)", share(it, 70, top, all)),
            (
                "65+ (SPI 2022-23: 10.9, uncertain; check)",
                share(it, 65, top, all),
            ),
            ("women", share(it, 0, top, &[Sex::Female])),
            (
                "tax on pension income (66+)",
                100.0 * sum(pens, 0, top, all) / sum(it, 0, top, all),
            ),
        ] {
            c.push((
                format!("income tax profile: % of liabilities, {label}"),
                format!("{v:.2}"),
            ));
        }
    }
    if let Some(n) = col("nics") {
        c.push((
            "NICs profile: % paid at 66+ (employer only)".into(),
            format!("{:.2}", share(n, 66, top, all)),
        ));
    }
    c
}

/// A file under tests/fixtures/import, for the importers' unit tests.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
    }

    /// Re-run the importer on the shared data and compare with the committed
    /// tables byte for byte. Ignored by default: needs `../shared`.
    #[test]
    #[ignore]
    fn committed_tables_match_importer() {
        let shared = shared();
        if !shared.join("data").exists() {
            eprintln!("skipping: {} not found", shared.display());
            return;
        }
        let out = tempfile::tempdir().unwrap();
        let report = import_all(&shared, out.path()).unwrap();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for name in TABLES.iter().chain(["SOURCES.md"].iter()) {
            let fresh = std::fs::read(out.path().join(name)).unwrap();
            let committed = std::fs::read(data.join(name)).unwrap();
            assert!(
                fresh == committed,
                "{name} differs from the importer output: re-run the import and commit"
            );
        }
        assert_eq!(report.tables.len(), TABLES.len());
    }

    #[test]
    fn report_displays_tables() {
        let r = ImportReport {
            tables: vec![("a.csv".into(), 3)],
            checks: vec![("x".into(), "1".into())],
        };
        let s = r.to_string();
        assert!(s.contains("a.csv") && s.contains("3 rows") && s.contains("x: 1"));
    }
}
