//! An efficiency intervention as written in a scenario file (`[[intervention]]`).
//!
//! Units are in the names: `_share` a fraction 0..1, `_gbp_bn` £ billion in
//! base-year prices (grown with nominal GDP, so that amounts keep their share
//! of the economy), `_pp` percentage points, `_years` years, `_pct` percent.

use serde::{Deserialize, Serialize};

use crate::years::FiscalYear;

/// The shape of take-up over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Adoption {
    /// Logistic S-curve with a midpoint and a steepness.
    #[default]
    Logistic,
    /// Straight line to full take-up over `ramp_years`.
    Linear,
    /// Full take-up as soon as benefits start.
    Immediate,
}

fn one() -> f64 {
    1.0
}
fn five() -> f64 {
    5.0
}
fn one_u32() -> u32 {
    1
}

/// One intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Name shown in results.
    pub name: String,
    /// What it is and where its numbers come from.
    #[serde(default)]
    pub description: String,
    /// The line it changes: a spending line (`health`, `non_age_related`, ...)
    /// or a receipts line (`other_receipts` for closing part of the tax gap).
    pub target: String,
    /// Name of the sub-line within the target (e.g. "central government
    /// administration"), for reports.
    #[serde(default)]
    pub sub_line: Option<String>,
    /// Size of the sub-line as a share of the target line.
    #[serde(default)]
    pub sub_line_share: Option<f64>,
    /// Size of the sub-line, £bn in base-year prices, growing with nominal GDP.
    #[serde(default)]
    pub sub_line_gbp_bn: Option<f64>,
    /// Gross saving at maturity as a share of the (sub-)line.
    #[serde(default)]
    pub saving_share: f64,
    /// Gross saving at maturity, £bn in base-year prices (instead of a share).
    #[serde(default)]
    pub saving_gbp_bn: f64,
    /// Productivity mode: extra productivity growth of the target service,
    /// pp a year, which lowers its cost growth and compounds.
    #[serde(default)]
    pub productivity_growth_pp: f64,
    /// Years for which the extra productivity growth lasts.
    #[serde(default)]
    pub productivity_years: u32,
    /// First year of the programme (costs start here).
    pub start_year: FiscalYear,
    /// Last year with savings; omit for savings that persist.
    #[serde(default)]
    pub end_year: Option<FiscalYear>,
    /// Years from the start before any benefit.
    #[serde(default)]
    pub delay_years: f64,
    /// Take-up curve.
    #[serde(default)]
    pub adoption: Adoption,
    /// Logistic: years after benefits start at which take-up is half the cap.
    #[serde(default = "five")]
    pub adoption_midpoint_years: f64,
    /// Logistic: steepness per year (0.55 takes ~8 years from 10 % to 90 %).
    #[serde(default = "one")]
    pub adoption_steepness: f64,
    /// Linear: years to reach the cap.
    #[serde(default = "five")]
    pub ramp_years: f64,
    /// Highest take-up reached, share (e.g. 0.85 with an assisted-digital floor).
    #[serde(default = "one")]
    pub take_up_cap_share: f64,
    /// Upfront investment, £bn in base-year prices.
    #[serde(default)]
    pub upfront_cost_gbp_bn: f64,
    /// Years over which the upfront investment is spread evenly.
    #[serde(default = "one_u32")]
    pub upfront_years: u32,
    /// Running cost once benefits start, £bn a year in base-year prices.
    #[serde(default)]
    pub running_cost_gbp_bn: f64,
    /// Technology refresh: every this many years after the build (0: none).
    #[serde(default)]
    pub refresh_every_years: u32,
    /// Share of the upfront investment spent again at each refresh.
    #[serde(default)]
    pub refresh_cost_share: f64,
    /// HM Treasury Green Book optimism bias: uplift to every cost, share.
    #[serde(default)]
    pub optimism_bias_cost_uplift_share: f64,
    /// Optimism bias: uplift to the delay and adoption timeline, share.
    #[serde(default)]
    pub optimism_bias_duration_uplift_share: f64,
    /// Haircut to the claimed benefits, share.
    #[serde(default)]
    pub benefit_haircut_share: f64,
    /// Probability that the programme delivers (expected-value weighting).
    #[serde(default = "one")]
    pub probability_of_success_share: f64,
    /// Share of realised benefits that is cashable (actually lowers spending).
    #[serde(default = "one")]
    pub cashable_share: f64,
    /// Decay of realised savings, % a year after benefits start (0: persist).
    #[serde(default)]
    pub decay_pct: f64,
    /// Spending line that bears the costs (default: the target if it is a
    /// spending line, else `non_age_related`).
    #[serde(default)]
    pub cost_line: Option<String>,
}
