//! The four correlated, persistent shocks of the reduced-form fan: real GDP
//! growth, inflation (GDP deflator), the market interest rate and the
//! primary balance. Each follows an AR(1) around zero,
//! `x[t] = ρ ∘ x[t−1] + e[t]`, with `e ~ N(0, Σ)` and
//! `Σ = diag(σ) · R · diag(σ)` (a diagonal VAR(1)); the shocks are added to
//! the scenario's own deterministic path.

// Fixed-size 4 × 4 covariance arithmetic ([f64; N_SHOCKS]): every index is a
// loop over 0..N_SHOCKS.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

use super::error::UncertaintyError;

/// Number of shocked variables.
pub const N_SHOCKS: usize = 4;

/// The shocked variables, in the order of every array here.
pub const SHOCK_NAMES: [&str; N_SHOCKS] = [
    "real_growth",
    "inflation",
    "interest_rate",
    "primary_balance",
];

/// Shock variances, correlations and persistence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShockParams {
    /// Standard deviation of each year's innovation, percentage points
    /// (the primary balance in pp of GDP).
    pub sd_pp: [f64; N_SHOCKS],
    /// AR(1) coefficient of each shock, strictly inside (−1, 1).
    pub persistence: [f64; N_SHOCKS],
    /// Correlation of the innovations (symmetric, unit diagonal,
    /// positive semi-definite).
    pub correlation: [[f64; N_SHOCKS]; N_SHOCKS],
    /// Where the numbers come from (estimation sample or "scenario").
    pub source: String,
}

impl ShockParams {
    /// No shocks at all: every path is the deterministic projection.
    pub(crate) fn zero() -> ShockParams {
        let mut correlation = [[0.0; N_SHOCKS]; N_SHOCKS];
        for (i, row) in correlation.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        ShockParams {
            sd_pp: [0.0; N_SHOCKS],
            persistence: [0.0; N_SHOCKS],
            correlation,
            source: "zero".into(),
        }
    }

    /// The estimates in `data/shocks.csv`.
    pub(crate) fn from_table(t: &crate::data::shocks::ShockTable) -> ShockParams {
        ShockParams {
            sd_pp: t.sd_pp,
            persistence: t.persistence,
            correlation: t.correlation,
            source: format!(
                "data/shocks.csv: estimated over fiscal years {} ({} observations)",
                t.sample, t.observations
            ),
        }
    }

    /// The innovation covariance, pp².
    #[cfg(test)]
    pub(crate) fn covariance_pp2(&self) -> [[f64; N_SHOCKS]; N_SHOCKS] {
        let mut c = [[0.0; N_SHOCKS]; N_SHOCKS];
        for (i, row) in c.iter_mut().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v = self.sd_pp[i] * self.sd_pp[j] * self.correlation[i][j];
            }
        }
        c
    }

    /// Check every parameter; the error names the scenario field.
    pub(crate) fn validate(&self) -> Result<(), UncertaintyError> {
        for (i, name) in SHOCK_NAMES.iter().enumerate() {
            let sd = self.sd_pp[i];
            if !sd.is_finite() || sd < 0.0 {
                return Err(UncertaintyError::bad(
                    format!("uncertainty.{name}_sd_pp"),
                    format!("{sd} is not a standard deviation: give a finite number ≥ 0"),
                ));
            }
            let rho = self.persistence[i];
            if !rho.is_finite() || rho <= -1.0 || rho >= 1.0 {
                return Err(UncertaintyError::bad(
                    format!("uncertainty.{name}_persistence"),
                    format!("{rho} is outside (−1, 1): the shock would never die out (or explode); give a value strictly between −1 and 1"),
                ));
            }
        }
        self.cholesky().map(|_| ())
    }

    /// Lower-triangular `L` with `L·Lᵀ = R` (the correlation), allowing a
    /// singular (semi-definite) `R`; an error when `R` is not symmetric,
    /// has a diagonal other than 1, or is not positive semi-definite.
    // Matrix arithmetic reads more plainly with indices.
    #[allow(clippy::needless_range_loop)]
    pub(crate) fn cholesky(&self) -> Result<[[f64; N_SHOCKS]; N_SHOCKS], UncertaintyError> {
        let r = &self.correlation;
        let field = "uncertainty.correlation";
        for i in 0..N_SHOCKS {
            if (r[i][i] - 1.0).abs() > 1e-12 {
                return Err(UncertaintyError::bad(
                    field,
                    format!(
                        "row {} has {} on the diagonal: a correlation matrix has 1 there",
                        i + 1,
                        r[i][i]
                    ),
                ));
            }
            for j in 0..N_SHOCKS {
                let v = r[i][j];
                if !v.is_finite() || v.abs() > 1.0 || (v - r[j][i]).abs() > 1e-12 {
                    return Err(UncertaintyError::bad(field, format!("entry ({}, {}) = {v}: correlations must be in [−1, 1] and the matrix symmetric", i + 1, j + 1)));
                }
            }
        }
        const TOL: f64 = 1e-10;
        let mut l = [[0.0; N_SHOCKS]; N_SHOCKS];
        for j in 0..N_SHOCKS {
            let d = r[j][j] - (0..j).map(|k| l[j][k] * l[j][k]).sum::<f64>();
            if d < -TOL {
                return Err(not_psd(j, d));
            }
            let d = d.max(0.0).sqrt();
            l[j][j] = d;
            for i in j + 1..N_SHOCKS {
                let s = r[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
                if d > TOL {
                    l[i][j] = s / d;
                } else if s.abs() > 1e-8 {
                    // A zero pivot needs a zero column below it.
                    return Err(not_psd(j, d));
                }
            }
        }
        Ok(l)
    }

    /// The innovation loading: `e = A·z` with `z` standard normal,
    /// `A = diag(σ)·L`, in fractions (pp / 100).
    pub(crate) fn loading(&self) -> Result<[[f64; N_SHOCKS]; N_SHOCKS], UncertaintyError> {
        let l = self.cholesky()?;
        let mut a = [[0.0; N_SHOCKS]; N_SHOCKS];
        for i in 0..N_SHOCKS {
            for j in 0..=i {
                a[i][j] = self.sd_pp[i] / 100.0 * l[i][j];
            }
        }
        Ok(a)
    }
}

fn not_psd(pivot: usize, d: f64) -> UncertaintyError {
    UncertaintyError::bad(
        "uncertainty.correlation",
        format!("the correlation matrix is not positive semi-definite (pivot {} of the Cholesky factorisation is {d:.3e}): no set of shocks can have these correlations; make them mutually consistent (e.g. estimate them together with `fiscal data shocks`)", pivot + 1),
    )
}

/// One year's innovations `e = A·z` (fractions) from standard normals `z`.
#[cfg(test)]
#[inline(always)]
pub fn innovation(a: &[[f64; N_SHOCKS]; N_SHOCKS], z: [f64; N_SHOCKS]) -> [f64; N_SHOCKS] {
    [
        a[0][0] * z[0],
        a[1][0] * z[0] + a[1][1] * z[1],
        a[2][0] * z[0] + a[2][1] * z[1] + a[2][2] * z[2],
        a[3][0] * z[0] + a[3][1] * z[1] + a[3][2] * z[2] + a[3][3] * z[3],
    ]
}

#[cfg(test)]
mod tests {
    use super::super::reduced::path_normals;
    use super::*;

    fn params() -> ShockParams {
        ShockParams {
            sd_pp: [1.5, 1.0, 0.8, 1.0],
            persistence: [0.3, 0.6, 0.8, 0.7],
            correlation: [
                [1.0, 0.3, 0.2, 0.4],
                [0.3, 1.0, 0.5, 0.1],
                [0.2, 0.5, 1.0, 0.0],
                [0.4, 0.1, 0.0, 1.0],
            ],
            source: "test".into(),
        }
    }

    #[test]
    fn drawn_shocks_have_the_stated_mean_and_covariance() {
        let p = params();
        let a = p.loading().unwrap();
        let n = 200_000usize;
        let mut sum = [0.0; N_SHOCKS];
        let mut cross = [[0.0; N_SHOCKS]; N_SHOCKS];
        for p in 0..n {
            let z = path_normals(7, p as u64, 4)[3];
            let e = innovation(&a, z);
            for i in 0..N_SHOCKS {
                let ei = e[i] * 100.0;
                sum[i] += ei;
                for j in 0..N_SHOCKS {
                    cross[i][j] += ei * e[j] * 100.0;
                }
            }
        }
        let cov = p.covariance_pp2();
        let nf = n as f64;
        for i in 0..N_SHOCKS {
            let mean = sum[i] / nf;
            // Five standard errors of a sample mean: σ/√n.
            let tol = 5.0 * p.sd_pp[i] / nf.sqrt();
            assert!(mean.abs() < tol, "mean {i}: {mean} vs ±{tol}");
            for j in 0..N_SHOCKS {
                let c = cross[i][j] / nf - mean * sum[j] / nf;
                // Standard error of a sample covariance of normals:
                // √((σᵢ²σⱼ² + σᵢⱼ²)/n).
                let se = ((cov[i][i] * cov[j][j] + cov[i][j] * cov[i][j]) / nf).sqrt();
                assert!(
                    (c - cov[i][j]).abs() < 5.0 * se,
                    "cov {i},{j}: {c} vs {}",
                    cov[i][j]
                );
            }
        }
    }

    #[test]
    fn bad_parameters_name_their_field() {
        let mut p = params();
        p.persistence[2] = 1.0;
        let e = p.validate().unwrap_err().to_string();
        assert!(e.contains("uncertainty.interest_rate_persistence"), "{e}");
        let mut p = params();
        p.correlation[0][1] = 0.99;
        p.correlation[1][0] = 0.99;
        p.correlation[0][3] = -0.99;
        p.correlation[3][0] = -0.99;
        p.correlation[1][3] = 0.99;
        p.correlation[3][1] = 0.99;
        let e = p.validate().unwrap_err().to_string();
        assert!(e.contains("not positive semi-definite"), "{e}");
        let mut p = params();
        p.sd_pp[0] = -1.0;
        assert!(p
            .validate()
            .unwrap_err()
            .to_string()
            .contains("real_growth_sd_pp"));
    }

    #[test]
    fn singular_correlation_is_accepted() {
        let mut p = params();
        p.correlation = [[1.0; N_SHOCKS]; N_SHOCKS];
        let l = p.cholesky().unwrap();
        assert!((l[3][0] - 1.0).abs() < 1e-12);
        assert_eq!(l[3][3], 0.0);
    }
}
