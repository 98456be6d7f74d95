//! The published figures that `fiscal reproduce` compares with: the tables
//! under `data/reference/` (written by `fiscal data import` from
//! `shared/reference/` and the OBR's outturn databases, embedded in the
//! binary). Each row carries its source and where in it the figure is.

use super::{CsvTable, DataError};
use crate::years::FiscalYear;

/// The embedded reference tables, by file name under `data/reference/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "fsr2017.csv",
        include_str!("../../data/reference/fsr2017.csv"),
    ),
    (
        "obr_headlines.csv",
        include_str!("../../data/reference/obr_headlines.csv"),
    ),
    (
        "ons_npp2022_variants.csv",
        include_str!("../../data/reference/ons_npp2022_variants.csv"),
    ),
    (
        "history.csv",
        include_str!("../../data/reference/history.csv"),
    ),
];

/// One published figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reference {
    /// The reproduce case it belongs to.
    pub case: String,
    /// What the figure is.
    pub item: String,
    /// The year as published.
    pub year: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// The publication it comes from.
    pub source: String,
    /// Table, page or sheet in the source.
    pub location: String,
    /// How firm it is.
    pub status: String,
}

impl Reference {
    /// The year as a fiscal year, when it is one (`2066-67`).
    pub fn fiscal_year(&self) -> Option<FiscalYear> {
        self.year.parse().ok()
    }
}

/// Parse a reference table; every row must have all columns and a number.
pub fn parse(name: &str, text: &str) -> Result<Vec<Reference>, DataError> {
    let t = CsvTable::parse(name, text)?;
    let cols = [
        "case", "item", "year", "value", "unit", "source", "location", "status",
    ]
    .map(|c| t.column(c));
    let [cc, ci, cy, cv, cu, cs, cl, cst] = cols;
    let (cc, ci, cy, cv, cu, cs, cl, cst) = (cc?, ci?, cy?, cv?, cu?, cs?, cl?, cst?);
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let cell = |c: usize| CsvTable::cell(row, c).to_string();
        for (c, label) in [(cc, "case"), (ci, "item"), (cs, "source")] {
            if cell(c).is_empty() {
                return Err(DataError::invalid(
                    name,
                    *line,
                    format!("column `{label}` is empty: every figure needs it"),
                ));
            }
        }
        out.push(Reference {
            case: cell(cc),
            item: cell(ci),
            year: cell(cy),
            value: t.number(*line, "value", &cell(cv))?,
            unit: cell(cu),
            source: cell(cs),
            location: cell(cl),
            status: cell(cst),
        });
    }
    Ok(out)
}

/// An embedded reference table.
pub fn embedded(file: &str) -> Result<Vec<Reference>, DataError> {
    let text = EMBEDDED
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, t)| *t)
        .ok_or_else(|| DataError::invalid(file, 0, "no such embedded reference table"))?;
    parse(&format!("embedded:data/reference/{file}"), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        for (f, _) in EMBEDDED {
            assert!(!embedded(f).unwrap().is_empty(), "{f} is empty");
        }
    }

    #[test]
    fn a_malformed_row_names_table_and_line() {
        let text = "case,item,year,value,unit,source,location,status\nx,psnd,2066-67,234,pct_gdp,s,l,ok\nx,psnb,2066-67,n/a,pct_gdp,s,l,ok\n";
        let e = parse("ref.csv", text).unwrap_err().to_string();
        assert!(e.contains("ref.csv:3"), "{e}");
    }
}
