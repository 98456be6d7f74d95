//! Reference tables for `fiscal reproduce`: the published figures each case
//! compares with, written to `data/reference/` with their source, where in
//! the source they are (table, page or sheet), and their status.
//!
//! Inputs: `shared/reference/*.csv` (figures collected from the OBR's
//! reports and secondary reports of them) and the OBR historical public
//! finances database and databank (outturn for the `history` case). A row
//! that cannot be read is an error naming the file and line.

use std::path::Path;

use super::source::{csv_text, fmt_num, Headed, SourceCsv};
use super::ImportError;
use crate::years::FiscalYear;

/// Source files, relative to the shared directory.
pub mod paths {
    /// FSR January 2017 summary figures.
    pub const FSR2017: &str = "reference/fsr2017_summary.csv";
    /// Long-term PSND headlines of every OBR FSR/FRS.
    pub const HEADLINES: &str = "reference/obr_long_term_headlines.csv";
    /// ONS 2022-based variant totals.
    pub const NPP2022_VARIANTS: &str = "reference/ons_npp2022_variants.csv";
    /// OBR historical public finances database, tidy aggregates.
    pub const HPFD: &str = "data/obr/historical/obr_hpfd_aggregates_1700-01_to_2022-23.csv";
    /// OBR public finances databank, September 2026.
    pub const DATABANK: &str = "data/obr/databank/obr_databank_2026-09_aggregates.csv";
}

/// Header of every reference table.
pub const HEADER: &[&str] = &[
    "case", "item", "year", "value", "unit", "source", "location", "status",
];

/// One published figure: the row the reference loader reads back.
pub use crate::data::reference::Reference as RefRow;

impl RefRow {
    /// The row's cells in [`HEADER`] order.
    fn cells(&self) -> Vec<String> {
        vec![
            self.case.clone(),
            self.item.clone(),
            self.year.clone(),
            fmt_num(self.value),
            self.unit.clone(),
            self.source.clone(),
            self.location.clone(),
            self.status.clone(),
        ]
    }
}

/// Rows as the CSV text of a reference table, and the row count.
pub fn to_csv(rows: &[RefRow]) -> (String, usize) {
    let cells: Vec<Vec<String>> = rows.iter().map(RefRow::cells).collect();
    (csv_text(HEADER, &cells), rows.len())
}

/// Secondary reports give the report but not its table or page.
const SECONDARY_LOCATION: &str =
    "reported figure; table and page of the OBR report not held in shared/reference";

/// Rows with a value from a shared reference CSV (`value_col` holds the
/// number; rows whose value is empty are "not found" and are skipped).
fn read_published(
    path: &Path,
    case: &str,
    item_col: &str,
    value_col: &str,
    unit: Option<&str>,
) -> Result<Vec<RefRow>, ImportError> {
    let src = SourceCsv::read(path)?;
    let t = src.with_header()?;
    let (ci, cy, cv, cs, cst) = (
        t.column(item_col)?,
        t.column("year")?,
        t.column(value_col)?,
        t.column("source")?,
        t.column("status")?,
    );
    let cu = unit.map_or_else(|| t.column("unit").map(Some), |_| Ok(None))?;
    let mut out = Vec::new();
    for (line, row) in t.rows {
        let value = Headed::cell(row, cv);
        if value.is_empty() {
            continue;
        }
        let item = Headed::cell(row, ci);
        if item.is_empty() {
            return Err(ImportError::invalid(
                t.path(),
                *line,
                format!("column `{item_col}` is empty: name the item"),
            ));
        }
        out.push(RefRow {
            case: case.into(),
            item: item.into(),
            year: Headed::cell(row, cy).into(),
            value: t.number(*line, row, cv, value_col)?,
            unit: cu.map_or_else(
                || unit.unwrap_or("").to_string(),
                |c| Headed::cell(row, c).to_string(),
            ),
            source: Headed::cell(row, cs).into(),
            location: SECONDARY_LOCATION.into(),
            status: Headed::cell(row, cst).into(),
        });
    }
    Ok(out)
}

/// FSR January 2017 figures.
pub fn read_fsr2017(shared: &Path) -> Result<Vec<RefRow>, ImportError> {
    read_published(
        &shared.join(paths::FSR2017),
        "fsr-2017",
        "item",
        "value_pct_gdp",
        Some("pct_gdp"),
    )
}

/// Long-term headlines of every OBR report (the `report` column is kept in
/// the item: `FSR 2017: psnd`).
pub fn read_headlines(shared: &Path) -> Result<Vec<RefRow>, ImportError> {
    let path = shared.join(paths::HEADLINES);
    let src = SourceCsv::read(&path)?;
    let t = src.with_header()?;
    let cr = t.column("report")?;
    let mut rows = read_published(&path, "obr-headlines", "item", "value", None)?;
    // Re-read the report names in the same order (rows without a value were
    // skipped by `read_published`).
    let cv = t.column("value")?;
    let reports = t
        .rows
        .iter()
        .filter(|(_, r)| !Headed::cell(r, cv).is_empty())
        .map(|(_, r)| Headed::cell(r, cr).to_string());
    for (row, report) in rows.iter_mut().zip(reports) {
        row.item = format!("{report}: {}", row.item);
    }
    Ok(rows)
}

/// ONS 2022-based variant population totals (mid-2032 and mid-2047).
pub fn read_npp2022_variants(shared: &Path) -> Result<Vec<RefRow>, ImportError> {
    let src = SourceCsv::read(&shared.join(paths::NPP2022_VARIANTS))?;
    let t = src.with_header()?;
    let (cv, cs, cst) = (
        t.column("variant")?,
        t.column("source")?,
        t.column("status")?,
    );
    let mut out = Vec::new();
    for (col, year) in [
        ("uk_population_mid2032_m", "2032"),
        ("uk_population_mid2047_m", "2047"),
    ] {
        let c = t.column(col)?;
        for (line, row) in t.rows {
            if Headed::cell(row, c).is_empty() {
                continue;
            }
            out.push(RefRow {
                case: "ons-2022".into(),
                item: format!("UK population, {} variant", Headed::cell(row, cv)),
                year: year.into(),
                value: t.number(*line, row, c, col)?,
                unit: "persons_m".into(),
                source: Headed::cell(row, cs).into(),
                location: format!(
                    "mid-{year} total as reported from the ONS 2022-based NPP bulletin; the ONS variant table is not held in shared/"
                ),
                status: Headed::cell(row, cst).into(),
            });
        }
    }
    Ok(out)
}

/// Outturn for the `history` case: PSNB, PSND, GDP centred on end-March
/// and PSND % of GDP, 1996-97..2022-23 from the OBR historical database and
/// 2019-20..2025-26 from the databank (the overlap is a cross-check).
pub fn read_history(shared: &Path) -> Result<Vec<RefRow>, ImportError> {
    let mut out = Vec::new();
    let path = shared.join(paths::HPFD);
    let src = SourceCsv::read(&path)?;
    let t = src.with_header()?;
    let cy = t.column("fiscal_year")?;
    let cols = [
        ("psnb_gbp_m", "psnb", "gbp_bn", 1e-3),
        ("psnd_gbp_m", "psnd", "gbp_bn", 1e-3),
        (
            "nominal_gdp_march_centred_gbp_m",
            "gdp_centred",
            "gbp_bn",
            1e-3,
        ),
        ("psnd_pct_gdp", "psnd_pct_gdp", "pct_gdp", 1.0),
    ];
    for (line, row) in t.rows {
        let year: FiscalYear = Headed::cell(row, cy).parse().map_err(|e| {
            ImportError::invalid(t.path(), *line, format!("column `fiscal_year`: {e}"))
        })?;
        if year < FiscalYear(1996) {
            continue;
        }
        for (col, item, unit, scale) in cols {
            let c = t.column(col)?;
            out.push(RefRow {
                case: "history".into(),
                item: format!("hpfd.{item}"),
                year: year.to_string(),
                value: t.number(*line, row, c, col)? * scale,
                unit: unit.into(),
                source: "OBR, Public finances databases: historical public finances database (aggregates, 1700-01 to 2022-23)".into(),
                location: format!("{} column `{col}`", paths::HPFD),
                status: "outturn".into(),
            });
        }
    }
    let rows = super::ledger::read(&shared.join(paths::DATABANK))?;
    for ((series, year), (value, unit)) in &rows {
        let item = match series.as_str() {
            "fiscal.psnb" => "psnb",
            "fiscal.psnd" => "psnd",
            "macro.nominal_gdp_centred" => "gdp_centred",
            "fiscal.psnd_pct_gdp" => "psnd_pct_gdp",
            _ => continue,
        };
        // Outturn only: the databank carries the March 2026 forecast after it.
        if *year > FiscalYear(2025) {
            continue;
        }
        out.push(RefRow {
            case: "history".into(),
            item: format!("databank.{item}"),
            year: year.to_string(),
            value: *value,
            unit: unit.clone(),
            source: "OBR, Public finances databank, September 2026".into(),
            location: format!("{} series `{series}`", paths::DATABANK),
            status: "outturn".into(),
        });
    }
    Ok(out)
}

/// Every reference table: (file name under `data/reference/`, rows).
pub fn read_all(shared: &Path) -> Result<Vec<(&'static str, Vec<RefRow>)>, ImportError> {
    Ok(vec![
        ("fsr2017.csv", read_fsr2017(shared)?),
        ("obr_headlines.csv", read_headlines(shared)?),
        ("ons_npp2022_variants.csv", read_npp2022_variants(shared)?),
        ("history.csv", read_history(shared)?),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_row_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("reference");
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(
            p.join("fsr2017_summary.csv"),
            "year,item,value_pct_gdp,source,status,note\n2066-67,psnd,234,x,ok,\n2021-22,psnb,zero,x,ok,\n",
        )
        .unwrap();
        let e = read_fsr2017(dir.path()).unwrap_err().to_string();
        assert!(e.contains("fsr2017_summary.csv:3"), "{e}");
        assert!(e.contains("value_pct_gdp"), "{e}");
    }

    #[test]
    fn rows_without_a_value_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("reference");
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(
            p.join("fsr2017_summary.csv"),
            "year,item,value_pct_gdp,source,status,note\n2066-67,psnd,234,x,ok,\n2021-22,receipts,,,NOT FOUND,\n",
        )
        .unwrap();
        let rows = read_fsr2017(dir.path()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].value, 234.0);
        let (text, n) = to_csv(&rows);
        assert_eq!(n, 1);
        assert!(text.starts_with("case,item,year,value"));
    }
}
