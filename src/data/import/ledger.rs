//! The "public-ledger" CSV format used by the shared OBR extracts
//! (`series_id,period,geography,value,unit,kind,source_id,vintage,quality,method_note`),
//! turned into the project's long `series,year,value,unit` tables.

use std::collections::BTreeMap;
use std::path::Path;

use super::source::{fmt_num, Headed, SourceCsv};
use super::ImportError;
use crate::years::FiscalYear;

/// Series rows keyed by (series, year): (value, unit). A BTreeMap gives a
/// stable output order.
pub type SeriesRows = BTreeMap<(String, FiscalYear), (f64, String)>;

/// Read a public-ledger file into series rows.
pub fn read(path: &Path) -> Result<SeriesRows, ImportError> {
    parse(&SourceCsv::read(path)?)
}

/// Parse an already-read public-ledger CSV.
pub fn parse(src: &SourceCsv) -> Result<SeriesRows, ImportError> {
    let t = src.with_header()?;
    let (cs, cp, cv, cu) = (
        t.column("series_id")?,
        t.column("period")?,
        t.column("value")?,
        t.column("unit")?,
    );
    t.require_full_rows()?;
    let mut out = SeriesRows::new();
    let mut units: BTreeMap<String, String> = BTreeMap::new();
    for (line, row) in t.rows {
        let series = Headed::cell(row, cs);
        if series.is_empty() {
            return Err(ImportError::invalid(
                t.path(),
                *line,
                "column `series_id` is empty",
            ));
        }
        let period = Headed::cell(row, cp);
        let year: FiscalYear = period
            .parse()
            .map_err(|e| ImportError::invalid(t.path(), *line, format!("column `period`: {e}")))?;
        let value = t.number(*line, row, cv, "value")?;
        let unit = Headed::cell(row, cu).to_string();
        if unit.is_empty() {
            return Err(ImportError::invalid(
                t.path(),
                *line,
                format!("column `unit` is empty for `{series}`"),
            ));
        }
        if let Some(prev) = units.insert(series.to_string(), unit.clone()) {
            if prev != unit {
                return Err(ImportError::invalid(
                    t.path(),
                    *line,
                    format!("series `{series}` changes unit from `{prev}` to `{unit}`"),
                ));
            }
        }
        if out
            .insert((series.to_string(), year), (value, unit))
            .is_some()
        {
            return Err(ImportError::invalid(
                t.path(),
                *line,
                format!("duplicate row for `{series}` {period}: keep one"),
            ));
        }
    }
    Ok(out)
}

/// Check that `rows` has every series in `required`, each for every year
/// that `years_of` has (so a file cut short cannot pass as a complete one).
pub fn require_series(
    rows: &SeriesRows,
    table: &str,
    required: &[&str],
    years_of: &str,
) -> Result<(), ImportError> {
    let years: Vec<FiscalYear> = rows
        .keys()
        .filter(|(s, _)| s == years_of)
        .map(|(_, y)| *y)
        .collect();
    let missing = |message: String| ImportError::Check {
        table: table.to_string(),
        message,
    };
    if years.is_empty() {
        return Err(missing(format!(
            "series `{years_of}` is missing: the source file is incomplete; re-download it"
        )));
    }
    for series in required {
        for y in &years {
            if !rows.contains_key(&(series.to_string(), *y)) {
                return Err(missing(format!(
                    "series `{series}` has no value for {y}: the source file is incomplete; re-download it"
                )));
            }
        }
    }
    Ok(())
}

/// The output table `series,year,value,unit`.
pub fn to_csv(rows: &SeriesRows) -> (String, usize) {
    let mut out = String::from("series,year,value,unit\n");
    for ((s, y), (v, u)) in rows {
        out.push_str(&format!("{s},{y},{},{u}\n", fmt_num(*v)));
    }
    (out, rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::fixture;
    use crate::data::SeriesTable;

    #[test]
    fn reads_ledger_and_round_trips() {
        let rows = read(&fixture("ledger.csv")).unwrap();
        assert_eq!(rows.len(), 4);
        let (text, n) = to_csv(&rows);
        assert_eq!(n, 4);
        let t = SeriesTable::parse("out", &text).unwrap();
        assert_eq!(t.get("fiscal.psnd", FiscalYear(2025)).unwrap(), 2900.5);
    }

    #[test]
    fn bad_ledger_rows_are_reported() {
        let e = read(&fixture("ledger_bad_value.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("ledger_bad_value.csv:3") && e.contains("not a number"),
            "{e}"
        );
        let e = read(&fixture("ledger_no_unit.csv"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing column `unit`"), "{e}");
    }
}
