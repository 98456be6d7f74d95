//! The OBR's Historical official forecasts database (October 2024 edition,
//! `shared/data/obr/hofd/`): every Economic and fiscal outlook's forecast,
//! June 2010 to October 2024 (and HM Treasury's before it), one row per
//! forecast vintage on one sheet per series. This module reads the sheets a
//! medium term needs and writes one vintage as a forecast table in the form
//! [`crate::data::vintage`] loads, so any past EFO can start a projection.
//!
//! Sheet layout (every series sheet): a title row, a unit row, a header row
//! whose first cell is "Back to contents" and whose other cells are the
//! target periods (`2016-17`), then one row per vintage (`November 2016`)
//! up to the "Outturn data*" row, then memo rows. Only fiscal-year columns
//! are read; calendar-year sheets (CPI, earnings) are not used.
//!
//! Taken as published: PSND (% of GDP), PSNB, public sector current
//! receipts, TME, public sector debt interest, nominal GDP, the receipts
//! lines and market rates. Derived, and said so wherever the vintage is
//! written (docs/reproduce.md, data/SOURCES.md, the command's output):
//! see [`DERIVED`].

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};

use super::cells::{self, Bounds, Cell, SparseSheet};
use super::ImportError;
use crate::years::FiscalYear;

/// The workbook, relative to the shared directory.
pub const PATH: &str = "data/obr/hofd/obr_historical_official_forecasts_2024-10.xlsx";

/// The publication, for attribution.
pub const TITLE: &str = "OBR Historical official forecasts database, October 2024";

/// The largest workbook read (the October 2024 edition is 1.5 MB).
pub const MAX_WORKBOOK_BYTES: u64 = 64 << 20;

/// How much of each sheet is read: the largest series sheet holds about
/// 110 rows and 60 columns.
pub const BOUNDS: Bounds = Bounds {
    max_rows: 2_000,
    max_cols: 500,
    max_cells: 200_000,
};

/// Sheets taken as they are: (sheet, series id, unit).
pub const DIRECT: &[(&str, &str, &str)] = &[
    ("PSND", "fiscal.psnd_pct_gdp", "pct_gdp"),
    ("£PSNB", "fiscal.psnb", "gbp_bn"),
    ("PSNB", "fiscal.psnb_pct_gdp", "pct_gdp"),
    ("NGDP", "macro.nominal_gdp", "gbp_bn"),
    ("£TME", "spending.tme", "gbp_bn"),
    ("TME", "spending.tme_pct_gdp", "pct_gdp"),
    ("£PSCR", "receipts.total", "gbp_bn"),
    ("PSCR", "receipts.total_pct_gdp", "pct_gdp"),
    ("PSDebtint", "spending.debt_interest", "gbp_bn"),
    ("Gilts", "rates.gilt", "pct"),
    ("Shorttermrates", "rates.market_short", "pct"),
    ("IT", "receipts.income_tax", "gbp_bn"),
    ("NICS", "receipts.nics", "gbp_bn"),
    ("VAT", "receipts.vat", "gbp_bn"),
    ("Tobacco", "receipts.detail.tobacco_duties", "gbp_bn"),
    ("Fuel", "receipts.fuel_duty", "gbp_bn"),
    ("Business", "receipts.business_rates", "gbp_bn"),
    ("Council", "receipts.council_tax", "gbp_bn"),
    ("CGT", "receipts.cgt", "gbp_bn"),
    ("IHT", "receipts.iht", "gbp_bn"),
];

/// Series that are sums of sheets (every part must have the year), to match
/// the EFO lines the model reads: alcohol and tobacco duties; onshore
/// corporation tax and UK oil and gas revenues (offshore corporation tax and
/// petroleum revenue tax); property transaction taxes and stamp taxes on
/// shares.
pub const SUMS: &[(&[&str], &str)] = &[
    (&["Alcohol", "Tobacco"], "receipts.alcohol_tobacco"),
    (&["Onshore", "Oilandgas"], "receipts.corp_tax"),
    (&["PTT", "Shares"], "receipts.stamp_duty"),
];

/// Sheets a vintage must have a row in to be a medium term.
pub const REQUIRED_SHEETS: &[&str] = &["PSND", "£PSNB", "NGDP", "£TME", "£PSCR", "PSDebtint"];

/// The series derived here, not in the database, and how (also printed by
/// `fiscal data import hofd` and written to data/SOURCES.md).
pub const DERIVED: &[(&str, &str)] = &[
    (
        "macro.nominal_gdp_centred_end_march",
        "GDP centred on end-March, the denominator of PSND as a share of GDP: the geometric mean of the fiscal year's nominal GDP and the next year's, sqrt(Y[t] Y[t+1]) (against the OBR's own centred GDP in the March 2026 EFO: within 0.04 % in its forecast years 2026-27..2029-30, 0.3 % and 0.6 % off in 2025-26 and 2024-25, where quarterly growth was uneven; only PSND in £bn depends on it, the ratio below is exact); in the vintage's last year Y[t+1] is Y[t] grown at the last year's nominal growth",
    ),
    (
        "fiscal.psnd",
        "PSND in £bn: the database's PSND as a share of GDP times the centred GDP above, so that PSND / centred GDP is the published ratio exactly",
    ),
    (
        "rates.bank_rate",
        "Bank Rate: the database's market short-term interest rate (the OBR conditions its forecast on market expectations of short rates; in 2016-17 and 2017-18 outturn the short rate was 0.34 % and 0.35 % against Bank Rate averages of about 0.3 %)",
    ),
];

/// One series sheet: its unit row and its vintage rows in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeriesSheet {
    /// The sheet's name.
    pub name: String,
    /// The unit row's first cell (`£ billion`, `per cent of GDP`).
    pub unit: String,
    /// (vintage label, 1-based row, values by fiscal year).
    pub vintages: Vec<(String, u32, BTreeMap<FiscalYear, f64>)>,
}

impl SeriesSheet {
    /// The values of vintage `label`, if exactly one row has that label.
    pub fn row(&self, label: &str) -> Option<&BTreeMap<FiscalYear, f64>> {
        let mut rows = self.vintages.iter().filter(|(l, _, _)| l == label);
        match (rows.next(), rows.next()) {
            (Some((_, _, r)), None) => Some(r),
            _ => None,
        }
    }

    /// The 1-based rows labelled `label`.
    pub fn rows_of(&self, label: &str) -> Vec<u32> {
        self.vintages
            .iter()
            .filter(|(l, _, _)| l == label)
            .map(|(_, r, _)| *r)
            .collect()
    }
}

/// The sheets read from the workbook, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Database {
    /// The workbook (for messages).
    pub path: std::path::PathBuf,
    /// Sheets by name.
    pub sheets: BTreeMap<String, SeriesSheet>,
}

/// What the workbook says about one vintage, for `--list`.
#[derive(Debug, Clone, PartialEq)]
pub struct VintageInfo {
    /// The label as in the workbook (`November 2016`).
    pub label: String,
    /// The name it is written under (`efo-2016-11`), if the label is a month and year.
    pub name: Option<String>,
    /// First and last fiscal years of its PSNB row.
    pub years: Option<(FiscalYear, FiscalYear)>,
    /// Why it cannot be a medium term (`None`: importable).
    pub problem: Option<String>,
}

/// Every sheet name the import reads.
fn sheet_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = DIRECT.iter().map(|d| d.0).collect();
    for (parts, _) in SUMS {
        names.extend(parts.iter());
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Open the workbook at `path` (at most [`MAX_WORKBOOK_BYTES`]) and read
/// the series sheets, each cell by cell within [`BOUNDS`].
pub fn open(path: &Path) -> Result<Database, ImportError> {
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
    let present = wb.sheet_names();
    let mut db = Database {
        path: path.to_path_buf(),
        sheets: BTreeMap::new(),
    };
    for name in sheet_names() {
        if !present.iter().any(|p| p == name) {
            return Err(ImportError::Sheet {
                path: path.to_path_buf(),
                sheet: name.to_string(),
                cell: None,
                message: "no such sheet: this is not the OBR's Historical official forecasts database (or its layout changed)".into(),
            });
        }
        let sparse = cells::read(&mut wb, path, name, BOUNDS)?;
        db.sheets
            .insert(name.to_string(), parse_sheet(path, &sparse)?);
    }
    Ok(db)
}

/// The vintage rows of one sheet read cell by cell.
pub fn parse_sheet(path: &Path, s: &SparseSheet) -> Result<SeriesSheet, ImportError> {
    let err = |row: u32, col: u32, message: String| ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: s.name.clone(),
        cell: Some(cells::cell_ref(row, col)),
        message,
    };
    let label = |row: u32| s.get(row, 0).and_then(Cell::text).unwrap_or("");
    let rows = s.rows();
    let header = rows
        .iter()
        .copied()
        .find(|r| label(*r).starts_with("Back to contents"))
        .ok_or_else(|| ImportError::Sheet {
            path: path.to_path_buf(),
            sheet: s.name.clone(),
            cell: None,
            message:
                "no header row starting \"Back to contents\": the database's layout has changed"
                    .into(),
        })?;
    let periods: BTreeMap<u32, FiscalYear> = s
        .row(header)
        .filter(|(c, _)| *c > 0)
        .filter_map(|(c, v)| Some((c, v.text()?.parse::<FiscalYear>().ok()?)))
        .collect();
    let unit = rows
        .iter()
        .copied()
        .filter(|r| *r < header)
        .nth(1)
        .map(|r| label(r).to_string())
        .unwrap_or_default();
    let mut out = SeriesSheet {
        name: s.name.clone(),
        unit,
        vintages: Vec::new(),
    };
    for r in rows.into_iter().filter(|r| *r > header) {
        let name = label(r);
        if name.is_empty() {
            continue;
        }
        if name.to_lowercase().starts_with("outturn") {
            break;
        }
        // A label can appear twice (the October 2024 edition has two "July
        // 1996" rows in its 1990s receipts sheets, the second evidently
        // July 1997): both are kept and neither can be imported by name.
        let mut values = BTreeMap::new();
        for (c, v) in s.row(r).filter(|(c, _)| *c > 0) {
            let Some(year) = periods.get(&c) else {
                continue; // notes beside the table
            };
            match v {
                Cell::Number(x) if x.is_finite() => {
                    values.insert(*year, *x);
                }
                Cell::Text(t) if t.trim().is_empty() => {}
                _ => {
                    return Err(err(
                        r,
                        c,
                        format!(
                            "`{name}` {year} is not a number: the database's layout has changed"
                        ),
                    ))
                }
            }
        }
        out.vintages.push((name.to_string(), r + 1, values));
    }
    Ok(out)
}

/// The name a vintage label is written under: `November 2016` →
/// `efo-2016-11`.
pub fn vintage_name(label: &str) -> Option<String> {
    let (y, m) = month_year(label)?;
    Some(format!("efo-{y}-{m:02}"))
}

/// (year, month) of a `Month YYYY` label.
fn month_year(label: &str) -> Option<(i32, u32)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut words = label.split_whitespace();
    let (m, y) = (words.next()?.to_lowercase(), words.next()?);
    if words.next().is_some() || m.len() < 3 {
        return None;
    }
    let month = MONTHS.iter().position(|n| n.starts_with(&m))? as u32 + 1;
    let year: i32 = y.parse().ok()?;
    (1900..=2200).contains(&year).then_some((year, month))
}

impl Database {
    fn sheet(&self, name: &str) -> Result<&SeriesSheet, ImportError> {
        self.sheets.get(name).ok_or_else(|| ImportError::Sheet {
            path: self.path.clone(),
            sheet: name.to_string(),
            cell: None,
            message: "sheet not read".into(),
        })
    }

    /// Every vintage of the PSNB (£ billion) sheet, the longest, in file
    /// order, with what a medium term would lack.
    pub fn vintages(&self) -> Vec<VintageInfo> {
        let Some(psnb) = self.sheets.get("£PSNB") else {
            return Vec::new();
        };
        let mut out: Vec<VintageInfo> = Vec::new();
        for (label, _, values) in &psnb.vintages {
            if out.iter().any(|v| &v.label == label) {
                continue;
            }
            out.push(VintageInfo {
                label: label.clone(),
                name: vintage_name(label),
                years: values
                    .keys()
                    .next()
                    .zip(values.keys().next_back())
                    .map(|(a, b)| (*a, *b)),
                problem: self.problem(label),
            });
        }
        out
    }

    /// Why vintage `label` cannot be a medium term, if it cannot.
    fn problem(&self, label: &str) -> Option<String> {
        let mut twice = Vec::new();
        let mut missing = Vec::new();
        for s in REQUIRED_SHEETS {
            let Some(sheet) = self.sheets.get(*s) else {
                missing.push(*s);
                continue;
            };
            let rows = sheet.rows_of(label);
            if rows.len() > 1 {
                twice.push(format!(
                    "{s} rows {}",
                    rows.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            } else if sheet.row(label).is_none_or(BTreeMap::is_empty) {
                missing.push(*s);
            }
        }
        if !twice.is_empty() {
            Some(format!("the label appears twice ({})", twice.join("; ")))
        } else if !missing.is_empty() {
            Some(format!("no row in {}", missing.join(", ")))
        } else {
            None
        }
    }

    /// The label of vintage `wanted` (compared without case and with runs
    /// of spaces as one), or an error listing the nearest labels.
    pub fn find(&self, wanted: &str) -> Result<String, ImportError> {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let all = self.vintages();
        if let Some(v) = all.iter().find(|v| norm(&v.label) == norm(wanted)) {
            return Ok(v.label.clone());
        }
        Err(ImportError::UnknownVintage {
            path: self.path.clone(),
            name: wanted.to_string(),
            nearest: nearest(wanted, all.iter().map(|v| v.label.as_str())),
        })
    }
}

/// The labels nearest `wanted`: by edit distance (case ignored), ties
/// broken by how many months apart the two dates are (when both read as a
/// month and year), then file order; at most five.
pub fn nearest<'a>(wanted: &str, labels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted_lc = wanted.trim().to_lowercase();
    let target = month_year(wanted).map(|(y, m)| i64::from(y) * 12 + i64::from(m));
    let mut scored: Vec<(usize, i64, usize, &str)> = labels
        .enumerate()
        .map(|(i, l)| {
            let edits = crate::model::suggest::edit_distance(&wanted_lc, &l.trim().to_lowercase());
            let months = match (target, month_year(l)) {
                (Some(t), Some((y, m))) => (i64::from(y) * 12 + i64::from(m) - t).abs(),
                _ => i64::MAX,
            };
            (edits, months, i, l)
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.3 == b.3);
    scored
        .into_iter()
        .take(5)
        .map(|(_, _, _, l)| l.to_string())
        .collect()
}

/// A vintage's series: (series, year) → (value, unit).
pub type Rows = super::ledger::SeriesRows;

fn put(rows: &mut Rows, series: &str, y: FiscalYear, v: f64, unit: &str) {
    rows.insert((series.to_string(), y), (v, unit.to_string()));
}

/// The series of vintage `label` (as [`Database::find`] returned it): the
/// sheets taken as they are, the sums, and the derived series of
/// [`DERIVED`].
pub fn vintage_rows(db: &Database, label: &str) -> Result<Rows, ImportError> {
    let row = |sheet: &str| -> Result<Option<&BTreeMap<FiscalYear, f64>>, ImportError> {
        Ok(db.sheet(sheet)?.row(label).filter(|r| !r.is_empty()))
    };
    if let Some(problem) = db.problem(label) {
        return Err(ImportError::Check {
            table: format!("vintage `{label}` of {}", db.path.display()),
            message: format!(
                "it cannot be a medium term: {problem} (the database starts public sector debt interest in June 2010); `fiscal data import hofd --list` shows which vintages can"
            ),
        });
    }
    let mut rows = Rows::new();
    for (sheet, series, unit) in DIRECT {
        for (y, v) in row(sheet)?.into_iter().flatten() {
            put(&mut rows, series, *y, *v, unit);
        }
    }
    for (parts, series) in SUMS {
        let parts: Vec<&BTreeMap<FiscalYear, f64>> =
            parts.iter().filter_map(|p| row(p).ok().flatten()).collect();
        if parts.len() < 2 {
            continue;
        }
        for y in parts[0].keys() {
            let vals: Option<Vec<f64>> = parts.iter().map(|p| p.get(y).copied()).collect();
            if let Some(vals) = vals {
                put(&mut rows, series, *y, vals.iter().sum(), "gbp_bn");
            }
        }
    }
    derive(db, label, &mut rows)?;
    Ok(rows)
}

/// Centred GDP, PSND in £bn and Bank Rate ([`DERIVED`]).
fn derive(db: &Database, label: &str, rows: &mut Rows) -> Result<(), ImportError> {
    let gdp = db.sheet("NGDP")?.row(label).cloned().unwrap_or_default();
    let psnd = db.sheet("PSND")?.row(label).cloned().unwrap_or_default();
    let bad = |message: String| ImportError::Check {
        table: format!("vintage `{label}`"),
        message,
    };
    for (y, g) in &gdp {
        let next = match gdp.get(&y.next()) {
            Some(n) => *n,
            None => {
                let prev = gdp.get(&y.prev()).ok_or_else(|| {
                    bad(format!(
                        "nominal GDP has one year only ({y}): centred GDP cannot be derived"
                    ))
                })?;
                g * (g / prev)
            }
        };
        let centred = (g * next).sqrt();
        if !centred.is_finite() || centred <= 0.0 {
            return Err(bad(format!("nominal GDP is not positive around {y}")));
        }
        put(
            rows,
            "macro.nominal_gdp_centred_end_march",
            *y,
            centred,
            "gbp_bn",
        );
        if let Some(p) = psnd.get(y) {
            put(rows, "fiscal.psnd", *y, p * centred / 100.0, "gbp_bn");
        }
    }
    let short: Vec<(FiscalYear, f64)> = rows
        .iter()
        .filter(|((s, _), _)| s == "rates.market_short")
        .map(|((_, y), (v, _))| (*y, *v))
        .collect();
    for (y, v) in short {
        put(rows, "rates.bank_rate", y, v, "pct");
    }
    // Every year of the PSNB row must have what the medium term reads.
    let years: Vec<FiscalYear> = rows
        .keys()
        .filter(|(s, _)| s == "fiscal.psnb")
        .map(|(_, y)| *y)
        .collect();
    for s in crate::data::vintage::REQUIRED {
        if let Some(y) = years
            .iter()
            .find(|y| !rows.contains_key(&(s.to_string(), **y)))
        {
            return Err(bad(format!(
                "`{s}` is missing in {y}, a year of its PSNB row: the database's rows for this vintage do not cover the same years"
            )));
        }
    }
    Ok(())
}

/// The table text: `series,year,value,unit`, every value in the shortest
/// form that reads back as the same number (so the database's values are
/// kept exactly).
pub fn to_csv(rows: &Rows) -> (String, usize) {
    let mut out = String::from("series,year,value,unit\n");
    for ((s, y), (v, u)) in rows {
        let v = if *v == 0.0 { 0.0 } else { *v };
        out.push_str(&format!("{s},{y},{v},{u}\n"));
    }
    (out, rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &[((u32, u32), Cell)]) -> SparseSheet {
        SparseSheet {
            name: "PSND".into(),
            cells: cells.iter().cloned().collect(),
        }
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_sheet_reads_its_vintage_rows_until_outturn() {
        let s = sheet(&[
            ((0, 0), t("PSND")),
            ((1, 0), t("per cent of GDP")),
            ((3, 0), t("Back to contents")),
            ((3, 1), t("2015-16")),
            ((3, 2), t("2016-17")),
            ((4, 0), t("November 2016")),
            ((4, 1), Cell::Number(84.2)),
            ((4, 2), Cell::Number(87.3)),
            ((5, 0), t("March 2017")),
            ((5, 2), Cell::Number(86.5)),
            ((7, 0), t("Outturn data*")),
            ((7, 1), Cell::Number(81.3)),
        ]);
        let p = parse_sheet(Path::new("db.xlsx"), &s).unwrap();
        assert_eq!(p.unit, "per cent of GDP");
        assert_eq!(p.vintages.len(), 2);
        let nov = p.row("November 2016").unwrap();
        assert_eq!(nov.get(&FiscalYear(2016)), Some(&87.3));
        assert_eq!(p.row("March 2017").unwrap().len(), 1);
    }

    #[test]
    fn text_in_a_year_column_names_the_cell() {
        let s = sheet(&[
            ((3, 0), t("Back to contents")),
            ((3, 1), t("2015-16")),
            ((4, 0), t("November 2016")),
            ((4, 1), t("n/a")),
        ]);
        let e = parse_sheet(Path::new("db.xlsx"), &s)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sheet `PSND` cell B5") && e.contains("not a number"),
            "{e}"
        );
    }

    #[test]
    fn labels_become_names_and_near_misses_are_listed() {
        assert_eq!(
            vintage_name("November 2016").as_deref(),
            Some("efo-2016-11")
        );
        assert_eq!(vintage_name("Memo: restated"), None);
        let labels = ["March 2016", "November 2016", "March 2017", "June 2010"];
        let n = nearest("November 2106", labels.iter().copied());
        assert_eq!(n[0], "November 2016");
        let n = nearest("Nov 2016", labels.iter().copied());
        assert_eq!(n[0], "November 2016");
    }

    /// The PSND and PSNB rows of three vintages as the OBR's file stores
    /// them (tests/fixtures/import/hofd_expected.csv, written from the
    /// workbook by make_hofd_fixtures.py, not by this importer).
    fn expected() -> Vec<(String, String, FiscalYear, String)> {
        let text =
            std::fs::read_to_string(crate::data::import::fixture("hofd_expected.csv")).unwrap();
        text.lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[0].into(), f[1].into(), f[2].parse().unwrap(), f[3].into())
            })
            .collect()
    }

    fn check_three_vintages(db: &Database) {
        let expected = expected();
        let labels: std::collections::BTreeSet<&str> =
            expected.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(labels.len(), 3);
        for label in labels {
            let rows = vintage_rows(db, label).unwrap();
            // Through the table text and back, as a projection reads it.
            let (text, _) = to_csv(&rows);
            let table = crate::data::SeriesTable::parse("v.csv", &text).unwrap();
            for (sheet, series) in [("PSND", "fiscal.psnd_pct_gdp"), ("£PSNB", "fiscal.psnb")] {
                let want: Vec<(FiscalYear, f64)> = expected
                    .iter()
                    .filter(|e| e.0 == label && e.1 == sheet)
                    .map(|e| (e.2, e.3.parse::<f64>().unwrap()))
                    .collect();
                assert!(want.len() >= 7, "{label} {sheet}");
                assert_eq!(
                    table.years(series),
                    want.iter().map(|w| w.0).collect::<Vec<_>>()
                );
                for (y, v) in want {
                    assert_eq!(table.get(series, y).unwrap(), v, "{label} {series} {y}");
                }
            }
            // PSND in £bn over centred GDP is the published ratio.
            for y in table.years("fiscal.psnd") {
                let ratio = 100.0 * table.get("fiscal.psnd", y).unwrap()
                    / table.get("macro.nominal_gdp_centred_end_march", y).unwrap();
                assert!((ratio - table.get("fiscal.psnd_pct_gdp", y).unwrap()).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn three_vintages_reproduce_the_databases_psnd_and_psnb_rows_exactly() {
        let db = open(&crate::data::import::fixture("hofd.xlsx")).unwrap();
        check_three_vintages(&db);
        let nov = vintage_rows(&db, "November 2016").unwrap();
        // The November 2016 EFO as quoted independently (MANIFEST, hofd):
        // PSNB £68.2bn in 2016-17 to £17.2bn in 2021-22, PSND 81.6 % in 2021-22.
        let get = |s: &str, y: i32| nov.get(&(s.to_string(), FiscalYear(y))).unwrap().0;
        assert_eq!(format!("{:.1}", get("fiscal.psnb", 2016)), "68.2");
        assert_eq!(format!("{:.1}", get("fiscal.psnb", 2021)), "17.2");
        assert_eq!(format!("{:.2}", get("fiscal.psnd_pct_gdp", 2021)), "81.56");
    }

    /// The same against the OBR's own workbook. Ignored by default: needs
    /// `../shared`.
    #[test]
    #[ignore]
    fn the_obrs_workbook_gives_the_same_rows() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared")
            .join(PATH);
        if !path.exists() {
            eprintln!("skipping: {} not found", path.display());
            return;
        }
        check_three_vintages(&open(&path).unwrap());
    }

    #[test]
    fn a_declared_huge_sheet_is_refused_at_its_far_cell() {
        let started = std::time::Instant::now();
        let e = open(&crate::data::import::fixture("hofd_hostile.xlsx"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sheet `PSND` cell XFD1048576") && e.contains("outside the area read"),
            "{e}"
        );
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn unknown_and_unusable_vintages_are_named() {
        let db = open(&crate::data::import::fixture("hofd.xlsx")).unwrap();
        let e = db.find("November 2106").unwrap_err().to_string();
        assert!(
            e.contains("no vintage `November 2106`") && e.contains("\"November 2016\""),
            "{e}"
        );
        assert_eq!(db.find("november  2016").unwrap(), "November 2016");
        let e = vintage_rows(&db, "March 2010").unwrap_err().to_string();
        assert!(e.contains("no row in PSDebtint"), "{e}");
        let listed: Vec<bool> = db.vintages().iter().map(|v| v.problem.is_none()).collect();
        assert_eq!(listed, vec![false, true, true, true]);
    }

    /// The centred-GDP rule of [`DERIVED`] against the March 2026 EFO's
    /// own centred GDP, as [`DERIVED`] states it: within 0.04 % in the
    /// forecast years 2026-27..2029-30, within 0.6 % in 2024-25 and 2025-26.
    #[test]
    fn the_centred_gdp_rule_is_as_close_to_the_obrs_as_stated() {
        let efo = crate::data::vintage::load("efo-2026-03", None, "t").unwrap();
        for y in 2024..2030 {
            let g = |y: i32| efo.get("macro.nominal_gdp", FiscalYear(y)).unwrap();
            let ours = (g(y) * g(y + 1)).sqrt();
            let obr = efo
                .get("macro.nominal_gdp_centred_end_march", FiscalYear(y))
                .unwrap();
            let within = if y >= 2026 { 4e-4 } else { 6e-3 };
            assert!((ours / obr - 1.0).abs() < within, "{y}: {ours} vs {obr}");
        }
    }

    #[test]
    fn values_are_written_exactly() {
        let mut rows = Rows::new();
        put(
            &mut rows,
            "fiscal.psnd_pct_gdp",
            FiscalYear(2021),
            81.56367930802331,
            "pct_gdp",
        );
        put(&mut rows, "x", FiscalYear(2021), -0.0, "u");
        let (text, n) = to_csv(&rows);
        assert_eq!(n, 2);
        assert!(text.contains("fiscal.psnd_pct_gdp,2021-22,81.56367930802331,pct_gdp\n"));
        assert!(text.contains("x,2021-22,0,u\n"));
    }
}
