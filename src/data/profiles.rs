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

use super::population::{Sex, MAX_AGE, N_AGES};
use super::{CsvTable, DataError};

/// Named `[sex, age]` arrays read from one wide table.
#[derive(Debug, Clone, PartialEq)]
pub struct AgeSexTable {
    /// Where the table came from.
    pub source: String,
    /// column name -> values `[sex, age]`.
    pub columns: BTreeMap<String, Array2<f64>>,
}

impl AgeSexTable {
    /// Parse a wide `sex,age,...` table; every other column is numeric.
    pub fn parse(name: &str, text: &str) -> Result<AgeSexTable, DataError> {
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
        let mut seen = Array2::<usize>::zeros((2, N_AGES));
        for (line, row) in &t.rows {
            let sex = Sex::parse(&row[sex_col]).ok_or_else(|| {
                DataError::invalid(
                    name,
                    *line,
                    format!(
                        "column `sex`: `{}` is not a sex: write male or female",
                        row[sex_col]
                    ),
                )
            })?;
            let age: usize = row[age_col]
                .parse()
                .ok()
                .filter(|a| *a <= MAX_AGE)
                .ok_or_else(|| {
                    DataError::invalid(
                        name,
                        *line,
                        format!(
                            "column `age`: `{}` is not an age 0..={MAX_AGE}",
                            row[age_col]
                        ),
                    )
                })?;
            if seen[[sex as usize, age]] != 0 {
                return Err(DataError::invalid(
                    name,
                    *line,
                    format!(
                        "duplicate row for {} aged {age} (first at line {}): keep one",
                        sex.name(),
                        seen[[sex as usize, age]]
                    ),
                ));
            }
            seen[[sex as usize, age]] = *line;
            for (k, h) in &value_cols {
                let v = t.non_negative(*line, h, &row[*k])?;
                if let Some(col) = columns.get_mut(h) {
                    col[[sex as usize, age]] = v;
                }
            }
        }
        for sex in Sex::ALL {
            if let Some(age) = (0..N_AGES).find(|a| seen[[sex as usize, *a]] == 0) {
                return Err(DataError::invalid(
                    name,
                    0,
                    format!("missing row for {} aged {age}: every age 0..={MAX_AGE} is needed for both sexes", sex.name()),
                ));
            }
        }
        Ok(AgeSexTable {
            source: name.to_string(),
            columns,
        })
    }

    /// The column `name`, or an error listing the columns present.
    pub fn column(&self, name: &str) -> Result<&Array2<f64>, DataError> {
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
