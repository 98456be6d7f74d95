//! The scenario's `[uncertainty]` table: overrides of the estimated shock
//! parameters (`data/shocks.csv`) and whether the medium term is shocked.

// Overrides are copied into fixed-size [f64; N_SHOCKS] arrays after the
// matrix shape is checked.
#![allow(clippy::indexing_slicing)]

use serde::{Deserialize, Serialize};

use super::shocks::{ShockParams, N_SHOCKS, SHOCK_NAMES};

/// `[uncertainty]`: every field optional; unset fields keep the estimates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertaintySettings {
    /// Standard deviation of the real GDP growth innovation, pp.
    pub real_growth_sd_pp: Option<f64>,
    /// Standard deviation of the inflation (GDP deflator) innovation, pp.
    pub inflation_sd_pp: Option<f64>,
    /// Standard deviation of the market interest rate innovation, pp.
    pub interest_rate_sd_pp: Option<f64>,
    /// Standard deviation of the primary balance innovation, pp of GDP.
    pub primary_balance_sd_pp: Option<f64>,
    /// AR(1) coefficient of the real growth shock, in (−1, 1).
    pub real_growth_persistence: Option<f64>,
    /// AR(1) coefficient of the inflation shock, in (−1, 1).
    pub inflation_persistence: Option<f64>,
    /// AR(1) coefficient of the interest rate shock, in (−1, 1).
    pub interest_rate_persistence: Option<f64>,
    /// AR(1) coefficient of the primary balance shock, in (−1, 1).
    pub primary_balance_persistence: Option<f64>,
    /// Correlation matrix of the innovations, 4 × 4 in the order real
    /// growth, inflation, interest rate, primary balance.
    pub correlation: Option<Vec<Vec<f64>>>,
    /// Shock the OBR medium-term forecast years too (default: hold them at the EFO).
    pub shock_medium_term: Option<bool>,
}

impl UncertaintySettings {
    /// `base` with these overrides applied; an error names a correlation
    /// matrix of the wrong shape.
    pub(crate) fn apply(&self, base: &ShockParams) -> Result<ShockParams, super::UncertaintyError> {
        let mut p = base.clone();
        let sds = [
            self.real_growth_sd_pp,
            self.inflation_sd_pp,
            self.interest_rate_sd_pp,
            self.primary_balance_sd_pp,
        ];
        let rhos = [
            self.real_growth_persistence,
            self.inflation_persistence,
            self.interest_rate_persistence,
            self.primary_balance_persistence,
        ];
        let mut changed = false;
        for k in 0..N_SHOCKS {
            if let Some(v) = sds[k] {
                p.sd_pp[k] = v;
                changed = true;
            }
            if let Some(v) = rhos[k] {
                p.persistence[k] = v;
                changed = true;
            }
        }
        if let Some(c) = &self.correlation {
            if c.len() != N_SHOCKS || c.iter().any(|r| r.len() != N_SHOCKS) {
                return Err(super::UncertaintyError::bad(
                    "uncertainty.correlation",
                    format!(
                        "give a 4 × 4 matrix (rows and columns in the order {})",
                        SHOCK_NAMES.join(", ")
                    ),
                ));
            }
            for (i, row) in c.iter().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    p.correlation[i][j] = *v;
                }
            }
            changed = true;
        }
        if changed {
            p.source = format!(
                "{} with the scenario's [uncertainty] overrides",
                base.source
            );
        }
        Ok(p)
    }
}

impl UncertaintySettings {
    /// Problems with the overrides on their own (field, message); the
    /// correlation's positive semi-definiteness is checked here too, taking
    /// the unset standard deviations and persistences as valid.
    pub(crate) fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let probe = super::ShockParams {
            sd_pp: [1.0; N_SHOCKS],
            persistence: [0.0; N_SHOCKS],
            ..super::ShockParams::zero()
        };
        match self.apply(&probe) {
            Ok(p) => {
                if let Err(super::UncertaintyError::BadInput { field, message }) = p.validate() {
                    out.push((field, message));
                }
            }
            Err(super::UncertaintyError::BadInput { field, message }) => out.push((field, message)),
            Err(e) => out.push(("uncertainty".into(), e.to_string())),
        }
        out
    }
}
