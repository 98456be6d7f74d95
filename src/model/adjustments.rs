//! Changes layered on a projection: what efficiency interventions and fiscal
//! gap solvers do to it. All are indexed by years from the base year.
//!
//! An empty [`Adjustments`] leaves the projection identical to the bit: every
//! change enters as `x * 1.0 + 0.0`.

// Per-year vectors of the projection's length; lines index `[f64; N]` arrays
// by `Spend`/`Receipt`.
#![allow(clippy::indexing_slicing)]

use super::lines::{Receipt, Spend};

/// Per-year changes to spending, receipts and the primary balance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Adjustments {
    /// Multiplicative factor on each spending line's level (1.0 = none), by
    /// year offset; missing years are 1.0. Productivity gains compound here.
    pub spend_factor: Vec<[f64; Spend::N]>,
    /// Additive change to each spending line, £bn, by year offset.
    pub spend_delta_gbp_bn: Vec<[f64; Spend::N]>,
    /// Additive change to each receipts line, £bn, by year offset.
    pub receipt_delta_gbp_bn: Vec<[f64; Receipt::N]>,
    /// Additive change to the primary balance, % of fiscal-year GDP, by year
    /// offset (a positive value is a tightening: higher receipts or lower
    /// spending, booked in non-age-related spending).
    pub primary_balance_delta_pct_gdp: Vec<f64>,
    /// Shocks to market rates and inflation by year offset, applied after
    /// calibration (so they move interest relative to the EFO): the debt
    /// interest ready reckoners and stochastic paths use these.
    pub rate_shocks: Vec<RateShock>,
}

/// A shock to the rate paths in one year, percentage points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RateShock {
    /// Added to the gilt rate on new issuance.
    pub gilt_pp: f64,
    /// Added to Bank Rate.
    pub bank_pp: f64,
    /// Added to the inflation that uplifts index-linked gilts.
    pub index_linked_inflation_pp: f64,
}

impl Adjustments {
    /// No change at all.
    pub fn none() -> Adjustments {
        Adjustments::default()
    }

    /// The spending factor for `line` at year offset `k`.
    pub fn factor(&self, k: usize, line: Spend) -> f64 {
        self.spend_factor.get(k).map_or(1.0, |f| f[line as usize])
    }

    /// The additive spending change for `line` at year offset `k`, £bn.
    pub fn spend_delta(&self, k: usize, line: Spend) -> f64 {
        self.spend_delta_gbp_bn
            .get(k)
            .map_or(0.0, |d| d[line as usize])
    }

    /// The additive receipts change for `line` at year offset `k`, £bn.
    pub fn receipt_delta(&self, k: usize, line: Receipt) -> f64 {
        self.receipt_delta_gbp_bn
            .get(k)
            .map_or(0.0, |d| d[line as usize])
    }

    /// The primary balance change at year offset `k`, % of GDP.
    pub fn pb_delta_pct_gdp(&self, k: usize) -> f64 {
        self.primary_balance_delta_pct_gdp
            .get(k)
            .copied()
            .unwrap_or(0.0)
    }

    /// The rate shock at year offset `k`.
    pub fn rate_shock(&self, k: usize) -> RateShock {
        self.rate_shocks.get(k).copied().unwrap_or_default()
    }

    /// Add `other` to `self` (factors multiply, deltas add).
    pub fn combine(&mut self, other: &Adjustments) {
        fn grow<T: Clone>(v: &mut Vec<T>, n: usize, fill: T) {
            if v.len() < n {
                v.resize(n, fill);
            }
        }
        grow(
            &mut self.spend_factor,
            other.spend_factor.len(),
            [1.0; Spend::N],
        );
        for (a, b) in self.spend_factor.iter_mut().zip(&other.spend_factor) {
            for (x, y) in a.iter_mut().zip(b) {
                *x *= y;
            }
        }
        grow(
            &mut self.spend_delta_gbp_bn,
            other.spend_delta_gbp_bn.len(),
            [0.0; Spend::N],
        );
        for (a, b) in self
            .spend_delta_gbp_bn
            .iter_mut()
            .zip(&other.spend_delta_gbp_bn)
        {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        grow(
            &mut self.receipt_delta_gbp_bn,
            other.receipt_delta_gbp_bn.len(),
            [0.0; Receipt::N],
        );
        for (a, b) in self
            .receipt_delta_gbp_bn
            .iter_mut()
            .zip(&other.receipt_delta_gbp_bn)
        {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        grow(
            &mut self.primary_balance_delta_pct_gdp,
            other.primary_balance_delta_pct_gdp.len(),
            0.0,
        );
        for (x, y) in self
            .primary_balance_delta_pct_gdp
            .iter_mut()
            .zip(&other.primary_balance_delta_pct_gdp)
        {
            *x += y;
        }
    }
}
