//! Named annual series by fiscal year (OBR EFO aggregates, FRS baselines).
//!
//! File format: columns `series,year,value,unit`, one row a series and fiscal
//! year (`2025-26`). Units are `gbp_bn`, `pct_gdp` or `pct`.

use std::collections::BTreeMap;

use super::{CsvTable, DataError};
use crate::years::FiscalYear;

/// A set of annual series keyed by name and fiscal year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesTable {
    /// Where the table came from.
    pub source: String,
    /// series name -> (unit, year -> value).
    pub(crate) series: BTreeMap<String, (String, BTreeMap<FiscalYear, f64>)>,
}

/// The plausible range of a value in `unit`: £bn a year within a hundred
/// times UK GDP, shares of GDP and percentages within ±1000.
fn unit_range(unit: &str) -> (f64, f64) {
    match unit {
        "gbp_bn" => (-3.0e5, 3.0e5),
        _ => (-1000.0, 1000.0),
    }
}

impl SeriesTable {
    /// Parse the long CSV format in the module docs.
    pub(crate) fn parse(name: &str, text: &str) -> Result<SeriesTable, DataError> {
        let t = CsvTable::parse(name, text)?;
        let (cs, cy, cv, cu) = (
            t.column("series")?,
            t.column("year")?,
            t.column("value")?,
            t.column("unit")?,
        );
        let mut series: BTreeMap<String, (String, BTreeMap<FiscalYear, f64>)> = BTreeMap::new();
        for (line, row) in &t.rows {
            let year: FiscalYear = CsvTable::cell(row, cy)
                .parse()
                .map_err(|e| DataError::invalid(name, *line, format!("column `year`: {e}")))?;
            let value = t.bounded(
                *line,
                "value",
                CsvTable::cell(row, cv),
                unit_range(CsvTable::cell(row, cu)),
                CsvTable::cell(row, cu),
            )?;
            let entry = series
                .entry(CsvTable::cell(row, cs).to_string())
                .or_insert_with(|| (CsvTable::cell(row, cu).to_string(), BTreeMap::new()));
            if entry.0 != CsvTable::cell(row, cu) {
                return Err(DataError::invalid(
                    name,
                    *line,
                    format!(
                        "series `{}` changes unit from `{}` to `{}`: one unit a series",
                        CsvTable::cell(row, cs),
                        entry.0,
                        CsvTable::cell(row, cu)
                    ),
                ));
            }
            if entry.1.insert(year, value).is_some() {
                return Err(DataError::invalid(
                    name,
                    *line,
                    format!(
                        "duplicate row for series `{}` in {year}: keep one",
                        CsvTable::cell(row, cs)
                    ),
                ));
            }
        }
        Ok(SeriesTable {
            source: name.to_string(),
            series,
        })
    }

    /// The value of `series` in `year`, if the table has it.
    pub fn value(&self, series: &str, year: FiscalYear) -> Option<f64> {
        self.get(series, year).ok()
    }

    /// The value of `series` in `year`, or an error naming what is missing.
    pub(crate) fn get(&self, series: &str, year: FiscalYear) -> Result<f64, DataError> {
        let (_, values) = self.series.get(series).ok_or_else(|| {
            DataError::invalid(
                &self.source,
                0,
                format!("series `{series}` is missing: re-run `fiscal data import`"),
            )
        })?;
        values.get(&year).copied().ok_or_else(|| {
            DataError::invalid(
                &self.source,
                0,
                format!("series `{series}` has no value for {year}"),
            )
        })
    }

    /// The years for which `series` has values.
    pub fn years(&self, series: &str) -> Vec<FiscalYear> {
        self.series
            .get(series)
            .map(|(_, v)| v.keys().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_gets() {
        let t = SeriesTable::parse(
            "s",
            "series,year,value,unit\ngdp,2025-26,1.5,gbp_bn\ngdp,2026-27,2,gbp_bn\n",
        )
        .unwrap();
        assert_eq!(t.get("gdp", FiscalYear(2026)).unwrap(), 2.0);
        assert!(t.get("gdp", FiscalYear(2027)).is_err());
        assert!(t.get("x", FiscalYear(2026)).is_err());
    }

    #[test]
    fn rejects_duplicates_and_bad_years() {
        assert!(SeriesTable::parse(
            "s",
            "series,year,value,unit\ng,2025-26,1,x\ng,2025-26,1,x\n"
        )
        .is_err());
        let e = SeriesTable::parse("s", "series,year,value,unit\ng,2025,1,x\n").unwrap_err();
        assert!(e.to_string().contains("s:2"), "{e}");
    }
}
