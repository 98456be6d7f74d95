//! The public sector's debt interest outside the EFO's "central government
//! debt interest, net of APF" line, from the OBR's *Historical official
//! forecasts database* (October 2024 edition, read cell by cell through
//! [`super::hofd`]).
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
//! 2024 EFO's. Sheets read (one row per forecast vintage, one column per
//! fiscal year): `PSDebtint` (public sector debt interest, £bn),
//! `Netdebtint` (central government debt interest net of APF, £bn), `NGDP`
//! (nominal GDP, £bn, the denominator of the same forecast).
//!
//! Written (into the EFO table): `hofd.ps_debt_interest`,
//! `hofd.cg_debt_interest_net_apf`, `hofd.nominal_gdp` (£bn, as published)
//! and `interest.other_public_sector_pct_gdp`, the difference of the first
//! two over the third, % of GDP.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};

use super::hofd::{parse_sheet, BOUNDS, MAX_WORKBOOK_BYTES};
use super::{cells, ImportError};
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

/// Read the three sheets' [`VINTAGE`] rows and derive the share.
pub fn read(path: &Path) -> Result<super::ledger::SeriesRows, ImportError> {
    let bytes = crate::data::read::read_capped(path, MAX_WORKBOOK_BYTES).map_err(|e| {
        ImportError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        }
    })?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Check {
        table: path.display().to_string(),
        message: format!("not a readable .xlsx workbook ({e}): re-download the OBR's file"),
    })?;
    let mut rows: Vec<BTreeMap<FiscalYear, f64>> = Vec::new();
    for (sheet, _) in SHEETS {
        let sparse = cells::read(&mut wb, path, sheet, BOUNDS)?;
        let parsed = parse_sheet(path, &sparse)?;
        let row = parsed
            .row(VINTAGE)
            .cloned()
            .ok_or_else(|| ImportError::Sheet {
                path: path.to_path_buf(),
                sheet: sheet.to_string(),
                cell: None,
                message: format!("no single row `{VINTAGE}`: the edition may differ"),
            })?;
        rows.push(row);
    }
    derive(path, &rows)
}

/// The rows written from the three sheets' vintage rows (in [`SHEETS`]
/// order).
pub fn derive(
    path: &Path,
    rows: &[BTreeMap<FiscalYear, f64>],
) -> Result<super::ledger::SeriesRows, ImportError> {
    let mut out = super::ledger::SeriesRows::new();
    for ((_, series), row) in SHEETS.iter().zip(rows) {
        for (y, v) in row {
            out.insert((series.to_string(), *y), (*v, "gbp_bn".into()));
        }
    }
    let [ps, cg, gdp] = rows else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_is_the_difference_over_gdp() {
        let y = FiscalYear(2025);
        let rows = [
            BTreeMap::from([(y, 126.0)]),
            BTreeMap::from([(y, 105.0)]),
            BTreeMap::from([(y, 3000.0)]),
        ];
        let out = derive(Path::new("h.xlsx"), &rows).unwrap();
        assert!((out[&(SHARE_SERIES.to_string(), y)].0 - 0.7).abs() < 1e-12);
        assert_eq!(out[&("hofd.ps_debt_interest".to_string(), y)].0, 126.0);
    }

    #[test]
    fn no_common_year_is_an_error() {
        let rows = [
            BTreeMap::from([(FiscalYear(2025), 1.0)]),
            BTreeMap::from([(FiscalYear(2026), 1.0)]),
            BTreeMap::from([(FiscalYear(2025), 1.0)]),
        ];
        let e = derive(Path::new("h.xlsx"), &rows).unwrap_err().to_string();
        assert!(e.contains("h.xlsx") && e.contains("October 2024"), "{e}");
    }
}
