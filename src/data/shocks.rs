//! The estimated shock parameters of the reduced-form fan (`data/shocks.csv`,
//! written by `fiscal data shocks`): per variable the standard deviation
//! and AR(1) persistence of its annual innovation, the innovations'
//! correlations, and the sample they come from.
//!
//! Columns: `variable,sd_pp,persistence,corr_real_growth,corr_inflation,
//! corr_interest_rate,corr_primary_balance,sample,observations`, one row per
//! variable in that order.

// The table's arrays are fixed-size ([f64; 4]) and indexed by the row's
// position among the four named variables, checked before use.
#![allow(clippy::indexing_slicing)]

use super::DataError;

/// The variables, in row and column order.
pub const VARIABLES: [&str; 4] = [
    "real_growth",
    "inflation",
    "interest_rate",
    "primary_balance",
];

/// The embedded table.
pub(crate) const EMBEDDED: &str = include_str!("../../data/shocks.csv");

/// The shock estimates.
#[derive(Debug, Clone, PartialEq)]
pub struct ShockTable {
    /// Innovation standard deviations, pp.
    pub sd_pp: [f64; 4],
    /// AR(1) coefficients.
    pub persistence: [f64; 4],
    /// Innovation correlations.
    pub correlation: [[f64; 4]; 4],
    /// Sample period, e.g. `1949-50..2022-23`.
    pub sample: String,
    /// Residuals used per variable.
    pub observations: usize,
}

/// The header the table must have.
pub(crate) const HEADER: &str = "variable,sd_pp,persistence,corr_real_growth,corr_inflation,corr_interest_rate,corr_primary_balance,sample,observations";

impl ShockTable {
    /// Parse the table text (`name` for messages).
    pub(crate) fn parse(name: &str, text: &str) -> Result<ShockTable, DataError> {
        let bad = |line: usize, message: String| DataError::Invalid {
            table: name.to_string(),
            line,
            message,
        };
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        match lines.next() {
            Some((_, h)) if h.trim() == HEADER => {}
            _ => {
                return Err(bad(
                    1,
                    format!(
                    "the header must be `{HEADER}`; rebuild the table with `fiscal data shocks`"
                ),
                ))
            }
        }
        let mut t = ShockTable {
            sd_pp: [0.0; 4],
            persistence: [0.0; 4],
            correlation: [[0.0; 4]; 4],
            sample: String::new(),
            observations: 0,
        };
        let mut seen = 0;
        for (i, line) in lines {
            let n = i + 1;
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let [var, sd, rho, c0, c1, c2, c3, sample, obs] = cells.as_slice() else {
                return Err(bad(n, format!("expected 9 cells, found {}", cells.len())));
            };
            let k = seen;
            if VARIABLES.get(k) != Some(var) {
                return Err(bad(
                    n,
                    format!(
                        "row {} must be `{}`, found `{var}`",
                        k + 1,
                        VARIABLES.get(k).unwrap_or(&"(none)")
                    ),
                ));
            }
            let num = |s: &str, col: &str| -> Result<f64, DataError> {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| bad(n, format!("column `{col}`: `{s}` is not a number")))
            };
            t.sd_pp[k] = num(sd, "sd_pp")?;
            t.persistence[k] = num(rho, "persistence")?;
            for (j, (c, col)) in [c0, c1, c2, c3].iter().zip(VARIABLES).enumerate() {
                t.correlation[k][j] = num(c, col)?;
            }
            t.sample = (*sample).to_string();
            t.observations = obs.parse().map_err(|_| {
                bad(
                    n,
                    format!("column `observations`: `{obs}` is not a whole number"),
                )
            })?;
            seen += 1;
        }
        if seen != 4 {
            return Err(bad(
                0,
                format!("expected 4 rows ({}), found {seen}", VARIABLES.join(", ")),
            ));
        }
        Ok(t)
    }

    /// The embedded estimates.
    pub fn embedded() -> Result<ShockTable, crate::Error> {
        Ok(ShockTable::load_embedded()?)
    }

    /// [`ShockTable::embedded`], with the data module's own error.
    pub(crate) fn load_embedded() -> Result<ShockTable, DataError> {
        ShockTable::parse("embedded:data/shocks.csv", EMBEDDED)
    }

    /// The table as CSV text.
    pub fn to_csv(&self) -> String {
        let mut s = format!("{HEADER}\n");
        for (k, var) in VARIABLES.iter().enumerate() {
            let c = self.correlation[k];
            s.push_str(&format!(
                "{var},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6},{},{}\n",
                self.sd_pp[k],
                self.persistence[k],
                c[0],
                c[1],
                c[2],
                c[3],
                self.sample,
                self.observations
            ));
        }
        s
    }
}
