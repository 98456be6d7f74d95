//! One forecast vintage of the historical forecasts database as a table
//! under `vintages/` (the form [`crate::data::vintage`] loads): the
//! database's series and the ones derived from them ([`super::hofd`]), the
//! split of spending into the age-related lines from outturn by function
//! ([`super::vintage::outturn_shares`]), and the ONS student-loan outturn
//! that the student-loan book opens from ([`super::psf`]).

use std::path::Path;

use super::hofd::{self, Database, Rows};
use super::ImportError;
use crate::years::FiscalYear;

/// The vintages `fiscal data import` writes into `data/vintages/`: the
/// medium terms of the past reports that `fiscal reproduce` re-runs (FSR
/// January 2017 from the November 2016 EFO, FSR July 2018 from the March
/// 2018 EFO).
pub const SHIPPED: &[&str] = &["November 2016", "March 2018"];

/// What one vintage import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The label in the database (`November 2016`).
    pub label: String,
    /// The name it is written under (`efo-2016-11`).
    pub name: String,
    /// The file written, relative to the output directory.
    pub file: String,
    /// Its data rows.
    pub rows: usize,
    /// How each series not in the database was derived.
    pub notes: Vec<String>,
}

/// The rows of vintage `label` and how the series not in the database were
/// derived. `shared` holds the outturn tables the split and the student
/// loans come from.
pub fn build(
    db: &Database,
    shared: &Path,
    label: &str,
) -> Result<(Rows, Vec<String>), ImportError> {
    let mut rows = hofd::vintage_rows(db, label)?;
    let mut notes: Vec<String> = hofd::DERIVED
        .iter()
        .map(|(s, how)| format!("{s}: {how}"))
        .collect();
    let years: Vec<FiscalYear> = rows
        .keys()
        .filter(|(s, _)| s == "fiscal.psnb")
        .map(|(_, y)| *y)
        .collect();
    let Some(first) = years.first().copied() else {
        return Err(ImportError::Check {
            table: format!("vintage `{label}`"),
            message: "no PSNB years".into(),
        });
    };
    let gdp_rows: std::collections::BTreeMap<FiscalYear, f64> = rows
        .iter()
        .filter(|((s, _), _)| s == "macro.nominal_gdp")
        .map(|((_, y), (v, _))| (*y, *v))
        .collect();
    let gdp = |y: FiscalYear| gdp_rows.get(&y).copied();
    let (b, shares) = super::vintage::outturn_shares(shared, first, &gdp)?;
    for (line, v) in &shares {
        for y in &years {
            rows.insert(
                (format!("frs.age_related.{line}"), *y),
                (*v, "pct_gdp".into()),
            );
        }
    }
    notes.push(format!(
        "frs.age_related.{{health,education,state_pension,other_welfare}}: the {b} outturn by function (OBR historical public finances database, 1800-2023 table; DWP State Pension expenditure; other welfare is social security less the State Pension) over {} {b} nominal GDP, held as shares of GDP in every year of the vintage ({}); adult social care and public service pensions are in neither table, so a projection takes them from the FRS 2026 table's earliest (2025-26) shares unless its scenario sets `[spending] start_point_pct_gdp`",
        if gdp(b).is_some() { "the vintage's own" } else { "the historical database's" },
        shares
            .iter()
            .map(|(l, v)| format!("{l} {v:.2} %"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    rows.extend(super::psf::student_loans(shared)?);
    notes.push("psf.student_loans_*: ONS public sector finances outturn (J6GI, CT9G), from which the student-loan book opens".into());
    Ok((rows, notes))
}

/// Import vintage `wanted` of the workbook at `workbook` into
/// `out_dir/vintages/NAME.csv` (NAME from the label, `efo-2016-11`, unless
/// `name` is given).
pub fn import(
    shared: &Path,
    workbook: &Path,
    wanted: &str,
    name: Option<&str>,
    out_dir: &Path,
) -> Result<Imported, ImportError> {
    let db = hofd::open(workbook)?;
    let label = db.find(wanted)?;
    write(&db, shared, &label, name, out_dir)
}

/// Write vintage `label` of `db` (see [`import`]).
pub fn write(
    db: &Database,
    shared: &Path,
    label: &str,
    name: Option<&str>,
    out_dir: &Path,
) -> Result<Imported, ImportError> {
    let name = match name {
        Some(n) => n.to_string(),
        None => hofd::vintage_name(label).ok_or_else(|| ImportError::Check {
            table: format!("vintage `{label}`"),
            message: "the label is not a month and year: give the table's name with --name".into(),
        })?,
    };
    super::check_vintage_name(&name, &db.path)?;
    let (rows, notes) = build(db, shared, label)?;
    let file = format!("vintages/{name}.csv");
    std::fs::create_dir_all(out_dir.join("vintages")).map_err(|source| ImportError::Write {
        path: out_dir.join("vintages"),
        source,
    })?;
    let (text, n) = hofd::to_csv(&rows);
    super::source::write_file(out_dir, &file, &text)?;
    Ok(Imported {
        label: label.to_string(),
        name,
        file,
        rows: n,
        notes,
    })
}
