//! OBR EFO March 2026 detailed expenditure tables, Table 4.13 "Breakdown of
//! public service pension schemes expenditure and receipts" (sheet `4.13`
//! of `obr_efo_detailed_expenditure.xlsx`), £ billion, 2024-25 outturn and
//! forecast to 2030-31.
//!
//! The table repeats the same rows for each unfunded scheme (civil service,
//! NHS, teachers, armed forces, Scotland, Northern Ireland, judicial,
//! police, firefighters). Each row kind is summed over the schemes:
//! - "Pension scheme expenditure" -> `pensions.scheme_expenditure`;
//! - "Employee contributions" -> `pensions.employee_contributions`;
//! - "Employer contributions" -> `pensions.employer_contributions`.
//!
//! Receipts are negative in the table; the series are positive amounts.
//! Royal Mail and "other net pension expenditure" have no expenditure or
//! contributions rows and are left out.

use std::path::Path;

use calamine::{Data, Range};

use super::ledger::SeriesRows;
use super::welfare::{amount, cell_ref, header_years, norm_label};
use super::ImportError;
use crate::years::FiscalYear;

/// The sheet holding Table 4.13.
pub const SHEET: &str = "4.13";

/// Row kinds summed over the schemes: (row label, series id).
pub const ROWS: &[(&str, &str)] = &[
    ("pension scheme expenditure", "pensions.scheme_expenditure"),
    ("employee contributions", "pensions.employee_contributions"),
    ("employer contributions", "pensions.employer_contributions"),
];

/// The least number of schemes each row kind must be found for: the four
/// big schemes and more (the armed forces have no employee contributions).
pub const MIN_SCHEMES: usize = 8;

fn on_this_sheet(e: ImportError) -> ImportError {
    match e {
        ImportError::Sheet {
            path,
            cell,
            message,
            ..
        } => ImportError::Sheet {
            path,
            sheet: SHEET.to_string(),
            cell,
            message,
        },
        other => other,
    }
}

fn sheet_error(path: &Path, message: String) -> ImportError {
    ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: SHEET.to_string(),
        cell: None,
        message,
    }
}

/// Read Table 4.13 from the workbook.
pub fn read(path: &Path) -> Result<SeriesRows, ImportError> {
    let mut wb = super::cells::open(path, SHEET, "the OBR's detailed expenditure tables")?;
    let range = super::cells::read_range(&mut wb, path, SHEET, super::welfare::BOUNDS)?;
    parse(path, &range)
}

/// Parse the sheet range (separated from I/O so tests can build ranges).
pub fn parse(path: &Path, range: &Range<Data>) -> Result<SeriesRows, ImportError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows: Vec<&[Data]> = range.rows().collect();
    let (header_i, years) = header_years(path, &rows).map_err(on_this_sheet)?;
    let first_year_col = years.first().map_or(0, |(j, _)| *j);
    let mut sums: std::collections::BTreeMap<(&str, FiscalYear), f64> = Default::default();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (i, r) in rows.iter().enumerate().skip(header_i + 1) {
        let label = r.iter().take(first_year_col).find_map(|c| match c {
            Data::String(s) if !s.trim().is_empty() => Some(norm_label(s)),
            _ => None,
        });
        let Some(label) = label else { continue };
        let Some((_, series)) = ROWS.iter().find(|(l, _)| *l == label) else {
            continue;
        };
        *counts.entry(series).or_default() += 1;
        for (j, y) in &years {
            let at = cell_ref(r0 + i as u32, c0 + *j as u32);
            let v = amount(path, r.get(*j), at, &label, *y).map_err(on_this_sheet)?;
            *sums.entry((series, *y)).or_default() += v.abs();
        }
    }
    let mut out = SeriesRows::new();
    for (label, series) in ROWS {
        let n = counts.get(series).copied().unwrap_or(0);
        if n < MIN_SCHEMES {
            return Err(sheet_error(
                path,
                format!("row `{label}` found for {n} schemes, expected at least {MIN_SCHEMES}: check the table's layout"),
            ));
        }
    }
    for ((series, y), v) in sums {
        out.insert((series.to_string(), y), (v, "gbp_bn".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(schemes: usize) -> Range<Data> {
        let mut r = Range::new((0, 0), (40, 3));
        r.set_value((2, 2), Data::String("2029-30".into()));
        r.set_value((2, 3), Data::String("2030-31".into()));
        let mut row = 3;
        for k in 0..schemes {
            r.set_value((row, 1), Data::String(format!("Scheme {k}")));
            row += 1;
            for (label, v) in [
                ("Pension scheme expenditure", 10.0),
                ("Employer contributions", -6.0),
                ("Employee contributions1", -2.0),
            ] {
                r.set_value((row, 1), Data::String(label.into()));
                r.set_value((row, 2), Data::Float(v));
                r.set_value((row, 3), Data::Float(v * 1.1));
                row += 1;
            }
        }
        r
    }

    #[test]
    fn sums_rows_over_schemes_as_positive_amounts() {
        let out = parse(Path::new("w.xlsx"), &table(9)).unwrap();
        let get = |s: &str, y: i32| out[&(s.to_string(), FiscalYear(y))].0;
        assert!((get("pensions.scheme_expenditure", 2029) - 90.0).abs() < 1e-9);
        assert!((get("pensions.employee_contributions", 2030) - 19.8).abs() < 1e-9);
        assert!((get("pensions.employer_contributions", 2029) - 54.0).abs() < 1e-9);
    }

    #[test]
    fn too_few_schemes_is_an_error_naming_the_row() {
        let e = parse(Path::new("w.xlsx"), &table(3))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("4.13") && e.contains("pension scheme expenditure"),
            "{e}"
        );
    }
}
