//! OBR *Historical official forecasts database* (October 2024 edition,
//! `obr_historical_official_forecasts_2024-10.xlsx`): the public sector's
//! debt interest outside the EFO's "central government debt interest, net
//! of APF" line.
//!
//! The FRS's primary spending is total managed expenditure less *public
//! sector* debt interest (the ONS public sector finances measure), while
//! the EFO's debt-interest line (`spending.debt_interest`) is central
//! government debt interest net of the Asset Purchase Facility. Public
//! sector debt interest also holds the interest on the liabilities of the
//! funded public service pension schemes (mostly the Local Government
//! Pension Scheme, in the public finances since September 2019) and the
//! debt interest of public corporations and local authorities. In TME those
//! sit in other spending lines, so the FRS's primary spending is smaller
//! than TME less the EFO's debt interest by their sum (docs/model.md).
//!
//! The March 2026 EFO's own public sector debt interest is not in the
//! shared data; the latest forecast of both measures held is the October
//! 2024 EFO's, in this database. Sheets read (one row per forecast
//! vintage, one column per fiscal year):
//! - `PSDebtint`: public sector debt interest, £bn;
//! - `Netdebtint`: central government debt interest (net of APF), £bn;
//! - `NGDP`: nominal GDP, £bn (the denominator of the same forecast).
//!
//! Written (into the EFO table): `hofd.ps_debt_interest`,
//! `hofd.cg_debt_interest_net_apf`, `hofd.nominal_gdp` (£bn, as published)
//! and `interest.other_public_sector_pct_gdp`, the difference of the first
//! two over the third, % of GDP.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};

use super::ledger::SeriesRows;
use super::ImportError;
use crate::years::FiscalYear;

/// The forecast vintage read: the latest in the October 2024 edition.
pub const VINTAGE: &str = "October 2024";

/// Sheets read and the series written from each.
pub const SHEETS: &[(&str, &str)] = &[
    ("PSDebtint", "hofd.ps_debt_interest"),
    ("Netdebtint", "hofd.cg_debt_interest_net_apf"),
    ("NGDP", "hofd.nominal_gdp"),
];

/// The derived share the model reads.
pub const SHARE_SERIES: &str = "interest.other_public_sector_pct_gdp";

/// Read the three sheets and derive the share.
pub fn read(path: &Path) -> Result<SeriesRows, ImportError> {
    let mut wb = open_workbook_auto(path).map_err(|e| ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: SHEETS[0].0.to_string(),
        cell: None,
        message: format!("cannot open the workbook ({e}): re-download it"),
    })?;
    let mut out = SeriesRows::new();
    let mut by_sheet: Vec<BTreeMap<FiscalYear, f64>> = Vec::new();
    for (sheet, series) in SHEETS {
        let range = wb.worksheet_range(sheet).map_err(|e| ImportError::Sheet {
            path: path.to_path_buf(),
            sheet: sheet.to_string(),
            cell: None,
            message: format!("cannot read the sheet ({e}): the database layout may have changed"),
        })?;
        let row = vintage_row(path, sheet, &range)?;
        for (y, v) in &row {
            out.insert((series.to_string(), *y), (*v, "gbp_bn".into()));
        }
        by_sheet.push(row);
    }
    let [ps, cg, gdp] = by_sheet.as_slice() else {
        return Err(ImportError::Check {
            table: "efo_2026-03.csv".into(),
            message: format!("{}: expected three sheets read", path.display()),
        });
    };
    for (y, p) in ps {
        if let (Some(c), Some(g)) = (cg.get(y), gdp.get(y)) {
            out.insert(
                (SHARE_SERIES.to_string(), *y),
                (100.0 * (p - c) / g, "pct_gdp".into()),
            );
        }
    }
    if !out.keys().any(|(s, _)| s == SHARE_SERIES) {
        return Err(ImportError::Check {
            table: "efo_2026-03.csv".into(),
            message: format!(
                "{}: no year has public sector and central government debt interest and GDP in the {VINTAGE} forecast",
                path.display()
            ),
        });
    }
    Ok(out)
}

/// The [`VINTAGE`] row of one sheet: fiscal year → value, for the columns
/// of the header row (the row starting "Back to contents") that hold a
/// number.
pub fn vintage_row(
    path: &Path,
    sheet: &str,
    range: &Range<Data>,
) -> Result<BTreeMap<FiscalYear, f64>, ImportError> {
    let err = |message: String| ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        cell: None,
        message,
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    let label = |r: &[Data]| match r.first() {
        Some(Data::String(s)) => s.trim().to_string(),
        _ => String::new(),
    };
    let header = rows
        .iter()
        .find(|r| label(r) == "Back to contents")
        .ok_or_else(|| err("no header row starting `Back to contents`".into()))?;
    let years: Vec<(usize, FiscalYear)> = header
        .iter()
        .enumerate()
        .filter_map(|(j, c)| match c {
            Data::String(s) => s.trim().parse::<FiscalYear>().ok().map(|y| (j, y)),
            _ => None,
        })
        .collect();
    let row = rows
        .iter()
        .find(|r| label(r) == VINTAGE)
        .ok_or_else(|| err(format!("no row `{VINTAGE}`: the edition may differ")))?;
    let mut out = BTreeMap::new();
    for (j, y) in years {
        match row.get(j) {
            Some(Data::Float(v)) if v.is_finite() => {
                out.insert(y, *v);
            }
            Some(Data::Int(v)) => {
                out.insert(y, *v as f64);
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(err(format!("row `{VINTAGE}` has no numbers")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(vintage: &str, values: &[(u32, f64)]) -> Range<Data> {
        let mut r = Range::new((0, 0), (5, 4));
        r.set_value((2, 0), Data::String("Back to contents".into()));
        r.set_value((2, 1), Data::String("2024-25".into()));
        r.set_value((2, 2), Data::String("2025-26".into()));
        r.set_value((2, 3), Data::String("2026-27".into()));
        r.set_value((3, 0), Data::String("March 2024".into()));
        r.set_value((3, 1), Data::Float(1.0));
        r.set_value((4, 0), Data::String(vintage.into()));
        for (c, v) in values {
            r.set_value((4, *c), Data::Float(*v));
        }
        r
    }

    #[test]
    fn reads_the_vintage_row_by_year() {
        let r = sheet(VINTAGE, &[(2, 20.5), (3, 21.0)]);
        let row = vintage_row(Path::new("h.xlsx"), "PSDebtint", &r).unwrap();
        assert_eq!(row.len(), 2);
        assert_eq!(row[&FiscalYear(2025)], 20.5);
        assert_eq!(row[&FiscalYear(2026)], 21.0);
    }

    #[test]
    fn a_missing_vintage_is_named() {
        let r = sheet("March 2025", &[(2, 1.0)]);
        let e = vintage_row(Path::new("h.xlsx"), "PSDebtint", &r)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("h.xlsx") && e.contains("PSDebtint") && e.contains("October 2024"),
            "{e}"
        );
    }
}
