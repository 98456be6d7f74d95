//! Year-by-year paths of one intervention against a baseline projection:
//! take-up, gross and realised savings, and costs, and the [`Adjustments`]
//! that apply them.
//!
//! With `τ` the years since benefits start (after the optimism-adjusted
//! delay) and `u` the duration uplift:
//!
//! ```text
//! take-up  A(τ) = cap / (1 + exp(−k (τ − m(1+u))))         logistic
//!                = cap · min((τ+1) / (ramp (1+u)), 1)       linear
//! gross    G[t] = base[t] · A(τ)                           base: share × line, or £bn × GDP growth
//! realised R[t] = G[t] · (1 − haircut) · p_success · cashable · (1 − decay)^τ
//! costs    C[t] = (upfront + running + refresh)[t] · (1 + cost uplift) · GDP[t]/GDP[base]
//! ```
//!
//! Savings on spending lines lower the line; on receipts lines they raise
//! receipts. Every amount is an additive delta on the baseline line, so two
//! halves of an intervention add up exactly to the whole.

use super::spec::{Adoption, Intervention};
use crate::model::adjustments::Adjustments;
use crate::model::lines::{Receipt, Spend};
use crate::model::projection::Projection;

/// The line an intervention targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A spending line.
    Spend(Spend),
    /// A receipts line.
    Receipt(Receipt),
}

impl Target {
    /// Look up a line key.
    pub fn parse(key: &str) -> Option<Target> {
        Spend::from_key(key)
            .map(Target::Spend)
            .or_else(|| Receipt::from_key(key).map(Target::Receipt))
    }

    /// Every valid key, for suggestions.
    pub fn keys() -> Vec<&'static str> {
        Spend::ALL
            .iter()
            .map(|s| s.key())
            .chain(Receipt::ALL.iter().map(|r| r.key()))
            .collect()
    }
}

/// One intervention's paths, by year of the projection.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Paths {
    /// Take-up share.
    pub take_up_share: Vec<f64>,
    /// Gross saving at the claimed rate, £bn.
    pub gross_saving_gbp_bn: Vec<f64>,
    /// Expected cashable saving after haircut, probability and decay, £bn.
    pub realised_saving_gbp_bn: Vec<f64>,
    /// Costs (upfront, running, refresh) with optimism bias, £bn.
    pub cost_gbp_bn: Vec<f64>,
}

impl Paths {
    /// Net saving (realised − costs), £bn, by year.
    pub fn net_gbp_bn(&self) -> Vec<f64> {
        self.realised_saving_gbp_bn
            .iter()
            .zip(&self.cost_gbp_bn)
            .map(|(s, c)| s - c)
            .collect()
    }
}

fn take_up(i: &Intervention, tau: f64) -> f64 {
    if tau < 0.0 {
        return 0.0;
    }
    let u = 1.0 + i.optimism_bias_duration_uplift_share;
    let a = match i.adoption {
        Adoption::Immediate => 1.0,
        Adoption::Linear => ((tau + 1.0) / (i.ramp_years * u)).min(1.0),
        Adoption::Logistic => {
            1.0 / (1.0 + (-i.adoption_steepness * (tau - i.adoption_midpoint_years * u)).exp())
        }
    };
    i.take_up_cap_share * a
}

/// Compute the paths of `i` against `base` (a projection without
/// interventions) and add its adjustments to `adj`.
pub fn apply(i: &Intervention, base: &Projection, adj: &mut Adjustments) -> Paths {
    let n = base.years.len();
    let Some(first) = base.years.first() else {
        return Paths::default();
    };
    let gdp0 = first.gdp_gbp_bn;
    let target = Target::parse(&i.target);
    let cost_line = i
        .cost_line
        .as_deref()
        .and_then(Spend::from_key)
        .or(match target {
            Some(Target::Spend(s)) => Some(s),
            _ => None,
        })
        .unwrap_or(Spend::NonAgeRelated);
    let u = 1.0 + i.optimism_bias_duration_uplift_share;
    let cost_uplift = 1.0 + i.optimism_bias_cost_uplift_share;
    let realism =
        (1.0 - i.benefit_haircut_share) * i.probability_of_success_share * i.cashable_share;
    let start = first.year.years_until(i.start_year) as f64;
    let benefits_from = start + i.delay_years * u;
    let build_end = start + f64::from(i.upfront_years.max(1));
    let mut paths = Paths {
        take_up_share: vec![0.0; n],
        gross_saving_gbp_bn: vec![0.0; n],
        realised_saving_gbp_bn: vec![0.0; n],
        cost_gbp_bn: vec![0.0; n],
    };
    if adj.spend_delta_gbp_bn.len() < n {
        adj.spend_delta_gbp_bn.resize(n, [0.0; Spend::N]);
    }
    if adj.receipt_delta_gbp_bn.len() < n {
        adj.receipt_delta_gbp_bn.resize(n, [0.0; Receipt::N]);
    }
    for (k, y) in base.years.iter().enumerate() {
        let t = k as f64;
        let growth = y.gdp_gbp_bn / gdp0;
        let tau = t - benefits_from;
        let active = tau >= 0.0 && i.end_year.is_none_or(|e| y.year <= e);
        let line_level = match target {
            Some(Target::Spend(s)) => y.spend(s),
            Some(Target::Receipt(r)) => y.receipt(r),
            None => 0.0,
        };
        let sub_line = match (i.sub_line_share, i.sub_line_gbp_bn) {
            (_, Some(gbp)) => gbp * growth,
            (Some(share), None) => share * line_level,
            (None, None) => line_level,
        };
        let a = if active { take_up(i, tau) } else { 0.0 };
        // Productivity mode: the line's cost grows x pp a year slower for up
        // to n years, and the lower level persists afterwards.
        let productivity_share = if i.productivity_growth_pp != 0.0 {
            let years = (tau + 1.0).clamp(0.0, f64::from(i.productivity_years));
            1.0 - (1.0 + i.productivity_growth_pp / 100.0).powf(-years)
        } else {
            0.0
        };
        let gross = if active {
            a * ((i.saving_share + productivity_share) * sub_line + i.saving_gbp_bn * growth)
        } else {
            0.0
        };
        let decay = if active {
            (1.0 - i.decay_pct / 100.0).powf(tau.max(0.0))
        } else {
            0.0
        };
        let realised = gross * realism * decay;
        let mut cost = 0.0;
        if t >= start && t < build_end {
            cost += i.upfront_cost_gbp_bn / f64::from(i.upfront_years.max(1));
        }
        if t >= benefits_from.ceil() && i.end_year.is_none_or(|e| y.year <= e) {
            cost += i.running_cost_gbp_bn;
            if i.refresh_every_years > 0 && t >= build_end {
                let since = (t - build_end) as u32;
                if since > 0 && since % i.refresh_every_years == 0 {
                    cost += i.refresh_cost_share * i.upfront_cost_gbp_bn;
                }
            }
        }
        let cost = cost * cost_uplift * growth;
        paths.take_up_share[k] = a;
        paths.gross_saving_gbp_bn[k] = gross;
        paths.realised_saving_gbp_bn[k] = realised;
        paths.cost_gbp_bn[k] = cost;
        match target {
            Some(Target::Spend(s)) => adj.spend_delta_gbp_bn[k][s as usize] -= realised,
            Some(Target::Receipt(r)) => adj.receipt_delta_gbp_bn[k][r as usize] += realised,
            None => {}
        }
        adj.spend_delta_gbp_bn[k][cost_line as usize] += cost;
    }
    paths
}
