//! Why an indicator could not be computed. Input problems (a target year
//! outside the horizon, a start after the target, a negative target) are kept
//! apart from "no answer exists" cases so that the CLI can report both as bad
//! input with a message that says what to change.

use crate::model::ModelError;
use crate::years::FiscalYear;

/// Why an indicator could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum IndicatorError {
    /// The target year is not a projected year.
    #[error("target year {year} is outside the projection ({first} to {last}): choose a year in that range or change `horizon.end_year`")]
    TargetYearOutsideHorizon {
        /// The requested target year.
        year: FiscalYear,
        /// The base year.
        first: FiscalYear,
        /// The last projected year.
        last: FiscalYear,
    },
    /// The adjustment would start after the year it must hit the target.
    #[error("start year {start} is after the target year {target}: the adjustment must start in or before the target year")]
    StartAfterTarget {
        /// The requested start year.
        start: FiscalYear,
        /// The target year.
        target: FiscalYear,
    },
    /// The adjustment would start before the projection does.
    #[error("start year {start} is before the base year {base}: the adjustment can only start in a projected year")]
    StartBeforeBase {
        /// The requested start year.
        start: FiscalYear,
        /// The base year.
        base: FiscalYear,
    },
    /// A debt target below zero (or not a number).
    #[error("target {value} % of GDP is not valid: give a debt ratio of zero or more, in percent (40 means 40 % of GDP)")]
    InvalidTarget {
        /// The requested target, % of GDP.
        value: f64,
    },
    /// A staged adjustment with no interval between steps.
    #[error("a staged adjustment needs at least one year between steps (got {years})")]
    InvalidStaging {
        /// The requested interval, years.
        years: u32,
    },
    /// No adjustment within the solver's bounds reaches the target.
    #[error("no permanent change in the primary balance between {lo_pct_gdp:+} and {hi_pct_gdp:+} % of GDP brings PSND to {target_pct_gdp} % of GDP in {year} (PSND would be {at_lo_pct_gdp:.1} % and {at_hi_pct_gdp:.1} % at the bounds): choose a less extreme target or a longer horizon")]
    NoSolution {
        /// The target, % of GDP.
        target_pct_gdp: f64,
        /// The target year.
        year: FiscalYear,
        /// Lower bound tried, % of GDP.
        lo_pct_gdp: f64,
        /// Upper bound tried, % of GDP.
        hi_pct_gdp: f64,
        /// The indicator's value at the lower bound (debt ratio, %).
        at_lo_pct_gdp: f64,
        /// The indicator's value at the upper bound (debt ratio, %).
        at_hi_pct_gdp: f64,
    },
    /// No step within the bounds satisfies the intertemporal budget constraint.
    #[error("no permanent change in the primary balance between {lo_pct_gdp:+} and {hi_pct_gdp:+} % of GDP satisfies the intertemporal budget constraint")]
    IntertemporalNoSolution {
        /// Lower bound tried, % of GDP.
        lo_pct_gdp: f64,
        /// Upper bound tried, % of GDP.
        hi_pct_gdp: f64,
    },
    /// The root finder bracketed an answer but could not reach the tolerance
    /// (the model has a jump near the answer).
    #[error("the solver could not reach the target within {tolerance_pp} pp (best step {best_pct_gdp:.6} % of GDP misses by {miss_pp:.6} pp): the model is discontinuous near the answer")]
    NotConverged {
        /// Best step found, % of GDP.
        best_pct_gdp: f64,
        /// Its miss, pp.
        miss_pp: f64,
        /// The tolerance, pp.
        tolerance_pp: f64,
    },
    /// The infinite-horizon budget constraint does not bind.
    #[error("the intertemporal budget constraint is not defined: in {year} the effective interest rate ({} %) does not exceed nominal GDP growth ({} %), so discounted future balances do not converge", shown(.rate_pct), shown(.growth_pct))]
    IntertemporalUndefined {
        /// The final projected year, whose rates are held beyond the horizon.
        year: FiscalYear,
        /// Effective interest rate, %.
        rate_pct: f64,
        /// Growth of GDP centred on end-March, %.
        growth_pct: f64,
    },
    /// The projection has no years.
    #[error("the projection has no years")]
    EmptyProjection,
    /// The projection itself failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl IndicatorError {
    /// Whether the error is caused by what the user asked for (as opposed to
    /// an internal failure): the CLI exits with code 2 for these.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, IndicatorError::EmptyProjection)
    }
}

/// A rate for a message: two decimals, or "not a finite number" (a message
/// never shows NaN).
fn shown(v: &f64) -> String {
    if v.is_finite() {
        format!("{v:.2}")
    } else {
        "not a finite number".to_string()
    }
}
