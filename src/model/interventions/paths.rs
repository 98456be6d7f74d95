//! Year-by-year paths of one intervention against a baseline projection:
//! take-up, gross and realised savings, and costs, on its success path, its
//! failure path and their probability-weighted expectation, and the
//! [`Adjustments`] that apply them. docs/interventions.md has the method.
//!
//! With `t` the years from the base year, `s` the start, `τ = t − s − d(1+u)`
//! the years since benefits start (delay `d`, duration uplift `u`) and `g[t]`
//! nominal GDP relative to the base year:
//!
//! ```text
//! take-up  A(τ) = cap / (1 + exp(−k (τ − m(1+u))))         logistic
//!                = cap · min((τ+1) / (ramp (1+u)), 1)       linear
//! gross    G[t] = base[t] · A(τ)                           base: share × line, or £bn × g[t]
//! benefit  B[t] = G[t] · (1 − haircut) · (1 − decay)^τ       success path (all, cashable or not)
//! cashable R[t] = B[t] · cashable
//! upfront  U[t] = upfront / n · (1 + OB_cost) · g[t]        s ≤ t < s + n
//! running  O[t] = running · g[t]                            while the system runs
//! refresh  F[t] = refresh share · upfront · g[t]            every r years after the build, while it runs
//! failure: no benefits; U, O, F only while t < s + stop
//! expected X[t] = p · X_success[t] + (1 − p) · X_failure[t]
//! ```
//!
//! Optimism bias uplifts the upfront cost (and durations) only, as the Green
//! Book's supplementary guidance applies it to capital costs; running and
//! refresh costs too only when the scenario sets
//! `optimism_bias_on_running_costs`. Savings on spending lines lower the
//! line; on receipts lines they raise receipts. Every amount is an additive
//! delta on the baseline line, so the paths of several interventions add.

use super::spec::{Adoption, Intervention};
use crate::model::adjustments::Adjustments;
use crate::model::lines::{Receipt, Spend};
use crate::model::projection::Projection;
use crate::years::FiscalYear;

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
    pub(crate) fn parse(key: &str) -> Option<Target> {
        Spend::from_key(key)
            .map(Target::Spend)
            .or_else(|| Receipt::from_key(key).map(Target::Receipt))
    }

    /// Every valid key, for suggestions.
    pub(crate) fn keys() -> Vec<&'static str> {
        Spend::ALL
            .iter()
            .map(|s| s.key())
            .chain(Receipt::ALL.iter().map(|r| r.key()))
            .collect()
    }
}

/// Which path of an intervention to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `p × success + (1 − p) × failure`, the appraisal's expected value.
    Expected,
    /// The programme delivers.
    Success,
    /// The programme fails and is stopped at `failure_stop_years`.
    Failure,
}

/// One year of the projection an intervention is laid on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaseYear {
    /// The year.
    pub year: FiscalYear,
    /// Nominal GDP, £bn.
    pub gdp_gbp_bn: f64,
    /// The target line's level without interventions, £bn.
    pub line_gbp_bn: f64,
}

/// The years of `base` as seen by an intervention on `target`.
pub fn base_years(base: &Projection, target: Option<Target>) -> Vec<BaseYear> {
    base.years
        .iter()
        .map(|y| BaseYear {
            year: y.year,
            gdp_gbp_bn: y.gdp_gbp_bn,
            line_gbp_bn: match target {
                Some(Target::Spend(s)) => y.spend(s),
                Some(Target::Receipt(r)) => y.receipt(r),
                None => 0.0,
            },
        })
        .collect()
}

/// One intervention's paths, by year of the projection.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Paths {
    /// Take-up share on the success path (0 on the failure path).
    pub take_up_share: Vec<f64>,
    /// Gross saving at the claimed rate on the success path, £bn.
    pub gross_saving_gbp_bn: Vec<f64>,
    /// Cashable saving (the Exchequer benefit), £bn.
    pub realised_saving_gbp_bn: Vec<f64>,
    /// Every benefit, cashable or not, with citizens' time (the social
    /// benefit), £bn.
    pub social_benefit_gbp_bn: Vec<f64>,
    /// Costs (upfront, running, refresh), £bn.
    pub cost_gbp_bn: Vec<f64>,
    /// Of which refresh, £bn (lumpy: every few years).
    pub refresh_cost_gbp_bn: Vec<f64>,
    /// Refresh spread evenly over its cycle, £bn (for charts at annual
    /// resolution; the same total over whole cycles).
    pub refresh_smoothed_gbp_bn: Vec<f64>,
}

impl Paths {
    /// All zero for `n` years.
    pub fn zeros(n: usize) -> Paths {
        Paths {
            take_up_share: vec![0.0; n],
            gross_saving_gbp_bn: vec![0.0; n],
            realised_saving_gbp_bn: vec![0.0; n],
            social_benefit_gbp_bn: vec![0.0; n],
            cost_gbp_bn: vec![0.0; n],
            refresh_cost_gbp_bn: vec![0.0; n],
            refresh_smoothed_gbp_bn: vec![0.0; n],
        }
    }

    /// Net saving to the Exchequer (cashable saving − costs), £bn, by year.
    pub fn net_gbp_bn(&self) -> Vec<f64> {
        self.realised_saving_gbp_bn
            .iter()
            .zip(&self.cost_gbp_bn)
            .map(|(s, c)| s - c)
            .collect()
    }

    /// Add `w × other` (paths of the same length).
    pub fn add_scaled(&mut self, other: &Paths, w: f64) {
        fn add(a: &mut [f64], b: &[f64], w: f64) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += w * y;
            }
        }
        add(&mut self.take_up_share, &other.take_up_share, w);
        add(&mut self.gross_saving_gbp_bn, &other.gross_saving_gbp_bn, w);
        add(
            &mut self.realised_saving_gbp_bn,
            &other.realised_saving_gbp_bn,
            w,
        );
        add(
            &mut self.social_benefit_gbp_bn,
            &other.social_benefit_gbp_bn,
            w,
        );
        add(&mut self.cost_gbp_bn, &other.cost_gbp_bn, w);
        add(&mut self.refresh_cost_gbp_bn, &other.refresh_cost_gbp_bn, w);
        add(
            &mut self.refresh_smoothed_gbp_bn,
            &other.refresh_smoothed_gbp_bn,
            w,
        );
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

/// The benefits of year `t` on the success path: (take-up, gross, all
/// benefits, cashable benefit, citizens' time), £bn.
fn benefits(i: &Intervention, y: &BaseYear, growth: f64, tau: f64) -> [f64; 5] {
    let active = tau >= 0.0 && i.end_year.is_none_or(|e| y.year <= e);
    if !active {
        return [0.0; 5];
    }
    let sub_line = match (i.sub_line_share, i.sub_line_gbp_bn) {
        (_, Some(gbp)) => gbp * growth,
        (Some(share), None) => share * y.line_gbp_bn,
        (None, None) => y.line_gbp_bn,
    };
    let a = take_up(i, tau);
    // Productivity mode: the line's cost grows x pp a year slower for up
    // to n years, and the lower level persists afterwards.
    let productivity_share = if i.productivity_growth_pp != 0.0 {
        let years = (tau + 1.0).clamp(0.0, f64::from(i.productivity_years));
        1.0 - (1.0 + i.productivity_growth_pp / 100.0).powf(-years)
    } else {
        0.0
    };
    let gross = a * ((i.saving_share + productivity_share) * sub_line + i.saving_gbp_bn * growth);
    let keep = (1.0 - i.benefit_haircut_share) * (1.0 - i.decay_pct / 100.0).powf(tau.max(0.0));
    let all = gross * keep;
    let citizens = a * i.citizen_time_saving_gbp_bn * growth * keep;
    [a, gross, all, all * i.cashable_share, citizens]
}

/// The costs of year `t` (years from the base year), before GDP growth:
/// (upfront, running, refresh, refresh smoothed), £bn in base-year prices.
fn costs(i: &Intervention, t: f64, start: f64, benefits_from: f64, running: bool) -> [f64; 4] {
    let n = f64::from(i.upfront_years.max(1));
    let build_end = start + n;
    let mut c = [0.0; 4];
    if t >= start && t < build_end {
        c[0] = i.upfront_cost_gbp_bn / n * (1.0 + i.optimism_bias_cost_uplift_share);
    }
    if running && t >= benefits_from.ceil() {
        let steady_uplift = if i.optimism_bias_on_running_costs {
            1.0 + i.optimism_bias_cost_uplift_share
        } else {
            1.0
        };
        c[1] = i.running_cost_gbp_bn * steady_uplift;
        if i.refresh_every_years > 0 && t >= build_end {
            let since = (t - build_end) as u32;
            let each = i.refresh_cost_share * i.upfront_cost_gbp_bn * steady_uplift;
            if since > 0 && since.is_multiple_of(i.refresh_every_years) {
                c[2] = each;
            }
            if since > 0 {
                c[3] = each / f64::from(i.refresh_every_years);
            }
        }
    }
    c
}

/// The paths of `i` on `base` (a projection without interventions, seen
/// from `i`'s target line) for `outcome`.
pub fn paths_on(i: &Intervention, base: &[BaseYear], outcome: Outcome) -> Paths {
    let n = base.len();
    let mut p = Paths::zeros(n);
    let Some(first) = base.first() else {
        return p;
    };
    let (w_success, w_failure) = match outcome {
        Outcome::Expected => (
            i.probability_of_success_share,
            1.0 - i.probability_of_success_share,
        ),
        Outcome::Success => (1.0, 0.0),
        Outcome::Failure => (0.0, 1.0),
    };
    let u = 1.0 + i.optimism_bias_duration_uplift_share;
    let start = first.year.years_until(i.start_year) as f64;
    let benefits_from = start + i.delay_years * u;
    let stop = start + i.failure_stop_years;
    for (k, y) in base.iter().enumerate() {
        let t = k as f64;
        let growth = y.gdp_gbp_bn / first.gdp_gbp_bn;
        let [a, gross, all, cashable, citizens] = benefits(i, y, growth, t - benefits_from);
        let runs = i.end_year.is_none_or(|e| y.year <= e);
        let success = costs(i, t, start, benefits_from, runs);
        let failure = if t < stop {
            costs(i, t, start, benefits_from, runs)
        } else {
            [0.0; 4]
        };
        let mix = |j: usize| (w_success * success[j] + w_failure * failure[j]) * growth;
        // Take-up and the gross claim describe the programme if it runs.
        let runs_at_all = if w_success > 0.0 { 1.0 } else { 0.0 };
        p.take_up_share[k] = runs_at_all * a;
        p.gross_saving_gbp_bn[k] = runs_at_all * gross;
        p.realised_saving_gbp_bn[k] = w_success * cashable;
        p.social_benefit_gbp_bn[k] = w_success * (all + citizens);
        p.cost_gbp_bn[k] = mix(0) + mix(1) + mix(2);
        p.refresh_cost_gbp_bn[k] = mix(2);
        p.refresh_smoothed_gbp_bn[k] = mix(3);
    }
    p
}

/// The spending line that bears `i`'s costs.
pub fn cost_line(i: &Intervention) -> Spend {
    i.cost_line
        .as_deref()
        .and_then(Spend::from_key)
        .or(match Target::parse(&i.target) {
            Some(Target::Spend(s)) => Some(s),
            _ => None,
        })
        .unwrap_or(Spend::NonAgeRelated)
}

/// Add `paths` of `i` to `adj`: savings off (or onto) the target line,
/// costs onto the cost line.
pub fn add_to(i: &Intervention, paths: &Paths, adj: &mut Adjustments) {
    let n = paths.cost_gbp_bn.len();
    if adj.spend_delta_gbp_bn.len() < n {
        adj.spend_delta_gbp_bn.resize(n, [0.0; Spend::N]);
    }
    if adj.receipt_delta_gbp_bn.len() < n {
        adj.receipt_delta_gbp_bn.resize(n, [0.0; Receipt::N]);
    }
    let target = Target::parse(&i.target);
    let cost_line = cost_line(i);
    for k in 0..n {
        let realised = paths.realised_saving_gbp_bn.get(k).copied().unwrap_or(0.0);
        let cost = paths.cost_gbp_bn.get(k).copied().unwrap_or(0.0);
        if let Some(d) = adj.spend_delta_gbp_bn.get_mut(k) {
            if let Some(Target::Spend(s)) = target {
                d[s as usize] -= realised;
            }
            d[cost_line as usize] += cost;
        }
        if let (Some(Target::Receipt(r)), Some(d)) = (target, adj.receipt_delta_gbp_bn.get_mut(k)) {
            d[r as usize] += realised;
        }
    }
}

/// Compute the expected paths of `i` against `base` (a projection without
/// interventions) and add its adjustments to `adj`.
pub fn apply(i: &Intervention, base: &Projection, adj: &mut Adjustments) -> Paths {
    apply_outcome(i, base, Outcome::Expected, adj)
}

/// [`apply`] for one outcome.
pub fn apply_outcome(
    i: &Intervention,
    base: &Projection,
    outcome: Outcome,
    adj: &mut Adjustments,
) -> Paths {
    let paths = paths_on(i, &base_years(base, Target::parse(&i.target)), outcome);
    add_to(i, &paths, adj);
    paths
}
