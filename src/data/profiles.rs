//! Per-person profiles by sex and single year of age: the *shape* of each
//! age-related spending or receipts line (levels come from calibration).
//!
//! File format (`data/profiles.csv`): columns `sex,age,<line>,<line>,...`;
//! one row per sex and age 0..=105; values are relative amounts per person
//! (any common scale within a column), non-negative.
//!
//! Participation uses the same layout (`data/participation.csv`, column
//! `participation_rate`, a fraction 0..1 of the population in the labour force).

use std::collections::BTreeMap;

use ndarray::Array2;

use super::population::{SexAgeRows, N_AGES};
use super::{CsvTable, DataError};

/// Named `[sex, age]` arrays read from one wide table.
#[derive(Debug, Clone, PartialEq)]
pub struct AgeSexTable {
    /// Where the table came from.
    pub source: String,
    /// column name -> values `[sex, age]`.
    pub(crate) columns: BTreeMap<String, Array2<f64>>,
}

/// The largest profile weight accepted (weights are relative to an average
/// person's, so the shipped ones are under 30).
pub(crate) const MAX_PROFILE_VALUE: f64 = 1.0e4;

impl AgeSexTable {
    /// Parse a wide `sex,age,...` table; every other column is numeric.
    pub(crate) fn parse(name: &str, text: &str) -> Result<AgeSexTable, DataError> {
        let t = CsvTable::parse(name, text)?;
        let sex_col = t.column("sex")?;
        let age_col = t.column("age")?;
        let value_cols: Vec<(usize, String)> = t
            .header
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != sex_col && *k != age_col)
            .map(|(k, h)| (k, h.clone()))
            .collect();
        let mut columns: BTreeMap<String, Array2<f64>> = value_cols
            .iter()
            .map(|(_, h)| (h.clone(), Array2::zeros((2, N_AGES))))
            .collect();
        let mut keys = SexAgeRows::new(name);
        for (line, row) in &t.rows {
            let (sex, age) = keys.key(
                *line,
                CsvTable::cell(row, sex_col),
                CsvTable::cell(row, age_col),
            )?;
            for (k, h) in &value_cols {
                let range = if h.ends_with("_rate") || h.ends_with("_share") {
                    (0.0, 1.0)
                } else {
                    (0.0, MAX_PROFILE_VALUE)
                };
                let v = t.bounded(*line, h, CsvTable::cell(row, *k), range, "a profile weight")?;
                if let Some(col) = columns.get_mut(h) {
                    col[[sex as usize, age]] = v;
                }
            }
        }
        keys.finish()?;
        Ok(AgeSexTable {
            source: name.to_string(),
            columns,
        })
    }

    /// The column `name`, or an error listing the columns present.
    pub(crate) fn column(&self, name: &str) -> Result<&Array2<f64>, DataError> {
        self.columns.get(name).ok_or_else(|| {
            DataError::invalid(
                &self.source,
                1,
                format!(
                    "missing column `{name}` (present: {}): add it",
                    self.columns.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            )
        })
    }
}
