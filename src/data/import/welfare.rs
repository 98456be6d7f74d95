//! OBR EFO March 2026 detailed expenditure tables, Table 4.9 "Post measures
//! breakdown of welfare spending" (sheet `4.9` of
//! `obr_efo_detailed_expenditure.xlsx`), £ billion, 2024-25 outturn and
//! forecast to 2030-31.
//!
//! Lines taken (labels as in the table, footnote digits stripped):
//! - pensioner benefits other than the State Pension: Attendance allowance,
//!   Pension credit, Winter fuel payment, Christmas bonus (all paid only to
//!   people over State Pension age) -> `welfare.pensioner_benefits` (their
//!   sum) and one series per line;
//! - State pension (DWP, GB) -> `welfare.state_pension`;
//! - Total welfare (UK, inside and outside the welfare cap) -> `welfare.total`.

use std::path::Path;

use calamine::{Data, Range};

use super::ledger::SeriesRows;
use super::ImportError;
use crate::years::FiscalYear;

/// The sheet holding Table 4.9.
pub const SHEET: &str = "4.9";

/// The area read (the OBR's table is about 100 rows by 26 columns).
pub(super) const BOUNDS: super::cells::Bounds = super::cells::Bounds {
    max_rows: 2_000,
    max_cols: 100,
    max_cells: 50_000,
};

/// Pensioner-specific lines summed into `welfare.pensioner_benefits`:
/// (label in Table 4.9, series id).
pub const PENSIONER_LINES: &[(&str, &str)] = &[
    ("attendance allowance", "welfare.attendance_allowance"),
    ("pension credit", "welfare.pension_credit"),
    ("winter fuel payment", "welfare.winter_fuel_payment"),
    ("christmas bonus", "welfare.christmas_bonus"),
];

/// Other lines copied as they are.
pub const OTHER_LINES: &[(&str, &str)] = &[
    ("state pension", "welfare.state_pension"),
    ("total welfare", "welfare.total"),
];

/// Read Table 4.9 from the workbook.
pub fn read(path: &Path) -> Result<SeriesRows, ImportError> {
    let mut wb = super::cells::open(path, SHEET, "the OBR's detailed expenditure tables")?;
    let range = super::cells::read_range(&mut wb, path, SHEET, BOUNDS)?;
    parse(path, &range)
}

/// A1-style reference of absolute (row, col).
pub(super) fn cell_ref(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut letters = String::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A row label without footnote digits, lower case.
pub(super) fn norm_label(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim()
        .to_lowercase()
}

/// Parse the sheet range (separated from I/O so tests can build ranges).
pub fn parse(path: &Path, range: &Range<Data>) -> Result<SeriesRows, ImportError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows: Vec<&[Data]> = range.rows().collect();
    let (header_i, years) = header_years(path, &rows)?;
    let first_year_col = years[0].0;
    let mut found: std::collections::BTreeMap<&str, Vec<(FiscalYear, f64)>> = Default::default();
    for (i, r) in rows.iter().enumerate().skip(header_i + 1) {
        let label = r[..first_year_col].iter().find_map(|c| match c {
            Data::String(s) if !s.trim().is_empty() => Some(norm_label(s)),
            _ => None,
        });
        let Some(label) = label else { continue };
        let Some(series) = PENSIONER_LINES
            .iter()
            .chain(OTHER_LINES)
            .find(|(l, _)| *l == label)
            .map(|(_, s)| *s)
        else {
            continue;
        };
        if found.contains_key(series) {
            continue; // first occurrence wins; later ones are memo lines
        }
        let vals = years
            .iter()
            .map(|(j, y)| {
                let at = cell_ref(r0 + i as u32, c0 + *j as u32);
                amount(path, r.get(*j), at, &label, *y).map(|v| (*y, v))
            })
            .collect::<Result<Vec<_>, _>>()?;
        found.insert(series, vals);
    }
    let mut out = SeriesRows::new();
    for (label, series) in PENSIONER_LINES.iter().chain(OTHER_LINES) {
        let vals = found.get(series).ok_or_else(|| {
            sheet_error(
                path,
                None,
                format!("row `{label}` not found: check the table still has this line"),
            )
        })?;
        for (y, v) in vals {
            out.insert((series.to_string(), *y), (*v, "gbp_bn".into()));
        }
    }
    add_pensioner_totals(&mut out, &years);
    Ok(out)
}

/// An error at `cell` (or the whole sheet) of the welfare table.
pub(super) fn sheet_error(path: &Path, cell: Option<String>, message: String) -> ImportError {
    ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: SHEET.to_string(),
        cell,
        message,
    }
}

/// The header row, the first holding fiscal-year labels: its index and
/// each year's column.
pub(super) fn header_years(
    path: &Path,
    rows: &[&[Data]],
) -> Result<(usize, Vec<(usize, FiscalYear)>), ImportError> {
    rows.iter()
        .enumerate()
        .find_map(|(i, r)| {
            let ys: Vec<(usize, FiscalYear)> = r
                .iter()
                .enumerate()
                .filter_map(|(j, c)| match c {
                    Data::String(s) => s.trim().parse::<FiscalYear>().ok().map(|y| (j, y)),
                    _ => None,
                })
                .collect();
            (!ys.is_empty()).then_some((i, ys))
        })
        .ok_or_else(|| {
            sheet_error(
                path,
                None,
                "no header row with fiscal years (like 2025-26) found".into(),
            )
        })
}

/// The £bn in one cell of row `label`, year `y` (cell `at`).
pub(super) fn amount(
    path: &Path,
    cell: Option<&Data>,
    at: String,
    label: &str,
    y: FiscalYear,
) -> Result<f64, ImportError> {
    let v = match cell {
        Some(Data::Float(v)) => *v,
        Some(Data::Int(v)) => *v as f64,
        // The OBR marks amounts under £0.1bn with `*`.
        Some(Data::String(s)) if s.trim() == "*" => 0.0,
        other => {
            return Err(sheet_error(
                path,
                Some(at),
                format!("`{label}` {y}: expected a number, found {other:?}"),
            ));
        }
    };
    if !v.is_finite() {
        return Err(sheet_error(
            path,
            Some(at),
            format!("`{label}` {y}: not a finite number"),
        ));
    }
    Ok(v)
}

/// Add `welfare.pensioner_benefits`, the sum of the pensioner lines, for
/// each year.
fn add_pensioner_totals(out: &mut SeriesRows, years: &[(usize, FiscalYear)]) {
    for (_, y) in years {
        let sum: f64 = PENSIONER_LINES
            .iter()
            .filter_map(|(_, s)| out.get(&(s.to_string(), *y)).map(|(v, _)| *v))
            .sum();
        out.insert(
            ("welfare.pensioner_benefits".into(), *y),
            (sum, "gbp_bn".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bad: bool, drop: Option<&str>) -> Range<Data> {
        let labels = [
            "Attendance allowance",
            "Pension credit",
            "Winter fuel payment",
            "Christmas bonus",
            "State pension",
            "Total welfare",
        ];
        let mut r = Range::new((0, 0), (10, 3));
        r.set_value(
            (1, 1),
            Data::String("4.9 Post measures breakdown of welfare spending".into()),
        );
        r.set_value((2, 2), Data::String("2025-26".into()));
        r.set_value((2, 3), Data::String("2026-27".into()));
        let mut row = 3;
        for (k, l) in labels.iter().enumerate() {
            if Some(*l) == drop {
                continue;
            }
            r.set_value(
                (row, 1),
                Data::String(format!("{l}{}", if k == 1 { "1" } else { "" })),
            );
            r.set_value((row, 2), Data::Float(1.0 + k as f64));
            r.set_value(
                (row, 3),
                if k == 3 {
                    Data::String("*".into())
                } else {
                    Data::Float(2.0 + k as f64)
                },
            );
            row += 1;
        }
        if bad {
            r.set_value((3, 2), Data::String("n/a".into()));
        }
        r
    }

    #[test]
    fn sums_pensioner_lines() {
        let out = parse(Path::new("w.xlsx"), &table(false, None)).unwrap();
        let get = |s: &str, y: i32| out[&(s.to_string(), FiscalYear(y))].0;
        assert_eq!(
            get("welfare.pensioner_benefits", 2025),
            1.0 + 2.0 + 3.0 + 4.0
        );
        assert_eq!(get("welfare.pensioner_benefits", 2026), 2.0 + 3.0 + 4.0);
        assert_eq!(get("welfare.total", 2026), 7.0);
    }

    #[test]
    fn bad_cells_and_missing_rows_are_reported() {
        let e = parse(Path::new("w.xlsx"), &table(true, None))
            .unwrap_err()
            .to_string();
        assert!(e.contains("w.xlsx") && e.contains("cell C4"), "{e}");
        let e = parse(Path::new("w.xlsx"), &table(false, Some("State pension")))
            .unwrap_err()
            .to_string();
        assert!(e.contains("`state pension` not found"), "{e}");
    }

    /// A workbook whose sheet holds cells at A1 and XFD1048576 (what a
    /// dense range would size at 17 billion cells): refused, naming the
    /// far cell, without allocating the declared area.
    #[cfg(feature = "reports")]
    #[test]
    fn a_sheet_spanning_the_whole_grid_is_refused_cell_by_cell() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("hostile.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name(SHEET).unwrap();
        ws.write_string(0, 0, "Table 4.9").unwrap();
        ws.write_number(1_048_575, 16_383, 1.0).unwrap();
        wb.save(&path).unwrap();
        let e = read(&path).unwrap_err().to_string();
        assert!(
            e.contains("XFD1048576") && e.contains("outside the area read"),
            "{e}"
        );
        let e = super::super::pension_schemes::read(&path)
            .unwrap_err()
            .to_string();
        assert!(e.contains("4.13"), "{e}");
    }
}
