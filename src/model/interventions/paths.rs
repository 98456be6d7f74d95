//! Year-by-year paths of one intervention on one path of the world
//! (success, failure, or their probability-weighted expectation), against
//! a baseline projection, and the [`Adjustments`] that apply them. This is
//! the evaluation of one path; drawing the path's values is
//! [`super::draws`], laying several interventions together is
//! [`super::package`]. docs/interventions.md has the method.
//!
//! With `t` the years from the base year, `s` the start, `τ = t − s − d(1+u)`
//! the years since benefits start (delay `d`, duration uplift `u`), `k = ⌊τ⌋`,
//! `f[t]` the indexation of £bn amounts from their prices year (nominal GDP,
//! the GDP deflator, or 1 for flat cash) and `L` the asset life:
//!
//! ```text
//! take-up   A(τ) = cap / (1 + exp(−k (τ − m(1+u))))        logistic
//!                = cap · min((τ+1) / (ramp (1+u)), 1)      linear
//! gross     G[t] = A(τ) · (share · subline[t] + (gbp + units · gbp/unit) · f[t])
//! life      w[t] = clamp(L − k, 0, 1)                        1 without an asset life
//! benefit   B[t] = G[t] · (1−haircut)(1−deadweight)(1−displacement)(1−rebound)
//!                  · (1−decay)^τ · w[t] · overlap[t]        success path
//! cashable  R[t] = B[t] · (1 − in_baseline) · cashable
//! retained  X[t] = ρ · R[t]                                 budgets cut as realised
//!                = ρ · A₀(τ₀) · base[t] · (1 − in_baseline) · cashable   as planned
//! upfront   U[t] = (upfront + units·per unit)/n · (1 + OB) · f[t] · (1 − in_base_up)
//! running   O[t] = (running + units·per unit) · f[t] · w[t] · (1 − in_base_run)
//! refresh   F[t] = refresh share · upfront · f[t] · w[t] · (1 − in_base_run)
//! exit      E[t] = exit multiple · max(0, X[t]/g[t] − max_{j<t} X[j]/g[j]) · g[t]
//! failure: no benefits; U, O, F only while t < s + stop
//! expected  Y[t] = p · Y_success[t] + (1 − p) · Y_failure[t]
//! ```
//!
//! `A₀(τ₀)` is the planned take-up, without the duration uplift: the
//! business case's own timetable. `g[t]` is nominal GDP relative to the
//! base year. Savings on spending lines lower the line by `X`; on receipts
//! lines they raise receipts. Every amount is an additive delta on the
//! baseline line, so the paths of several interventions add.

use super::spec::{default_take_up, Adoption, BudgetsCut, Indexation, Intervention};
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

impl Outcome {
    /// The weights of the success and failure paths for probability `p`.
    fn weights(self, p: f64) -> (f64, f64) {
        match self {
            Outcome::Expected => (p, 1.0 - p),
            Outcome::Success => (1.0, 0.0),
            Outcome::Failure => (0.0, 1.0),
        }
    }
}

/// One year of the projection an intervention is laid on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaseYear {
    /// The year.
    pub year: FiscalYear,
    /// Nominal GDP, £bn.
    pub gdp_gbp_bn: f64,
    /// The GDP deflator relative to the base year (1 in the base year).
    pub price_index: f64,
    /// The target line's level without interventions, £bn.
    pub line_gbp_bn: f64,
}

/// The years of `base` as seen by an intervention on `target`.
pub fn base_years(base: &Projection, target: Option<Target>) -> Vec<BaseYear> {
    let mut price = 1.0;
    base.years
        .iter()
        .enumerate()
        .map(|(k, y)| {
            if k > 0 {
                price *= (1.0 + y.nominal_gdp_growth_pct / 100.0)
                    / (1.0 + y.real_gdp_growth_pct / 100.0);
            }
            BaseYear {
                year: y.year,
                gdp_gbp_bn: y.gdp_gbp_bn,
                price_index: price,
                line_gbp_bn: match target {
                    Some(Target::Spend(s)) => y.spend(s),
                    Some(Target::Receipt(r)) => y.receipt(r),
                    None => 0.0,
                },
            }
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
    /// Realised saving of the spending content, before the part already in
    /// the baseline and the cashable share (what overlaps are judged on), £bn.
    pub realised_benefit_gbp_bn: Vec<f64>,
    /// Realised cashable saving, additional to the baseline, £bn.
    pub realised_saving_gbp_bn: Vec<f64>,
    /// What reaches the public finances: the retained saving (budgets cut), £bn.
    pub exchequer_saving_gbp_bn: Vec<f64>,
    /// Cashable saving recycled into services, £bn.
    pub recycled_gbp_bn: Vec<f64>,
    /// Budgets cut by more than was saved (as planned): services lost, £bn.
    pub service_shortfall_gbp_bn: Vec<f64>,
    /// Every benefit, cashable or not, with citizens' time, less services
    /// lost (the social benefit), £bn.
    pub social_benefit_gbp_bn: Vec<f64>,
    /// Costs (upfront, running, refresh, exit), £bn.
    pub cost_gbp_bn: Vec<f64>,
    /// Of which refresh, £bn (lumpy: every few years).
    pub refresh_cost_gbp_bn: Vec<f64>,
    /// Refresh spread evenly over its cycle, £bn (for charts at annual
    /// resolution; the same total over whole cycles).
    pub refresh_smoothed_gbp_bn: Vec<f64>,
    /// Of the costs, exit and redundancy, £bn.
    pub exit_cost_gbp_bn: Vec<f64>,
}

impl Paths {
    /// All zero for `n` years.
    pub fn zeros(n: usize) -> Paths {
        let z = vec![0.0; n];
        Paths {
            take_up_share: z.clone(),
            gross_saving_gbp_bn: z.clone(),
            realised_benefit_gbp_bn: z.clone(),
            realised_saving_gbp_bn: z.clone(),
            exchequer_saving_gbp_bn: z.clone(),
            recycled_gbp_bn: z.clone(),
            service_shortfall_gbp_bn: z.clone(),
            social_benefit_gbp_bn: z.clone(),
            cost_gbp_bn: z.clone(),
            refresh_cost_gbp_bn: z.clone(),
            refresh_smoothed_gbp_bn: z.clone(),
            exit_cost_gbp_bn: z,
        }
    }

    /// Net saving to the Exchequer (retained saving − costs), £bn, by year.
    pub fn net_gbp_bn(&self) -> Vec<f64> {
        self.exchequer_saving_gbp_bn
            .iter()
            .zip(&self.cost_gbp_bn)
            .map(|(s, c)| s - c)
            .collect()
    }

    /// Social net benefit (every benefit − costs), £bn, by year.
    pub fn social_net_gbp_bn(&self) -> Vec<f64> {
        self.social_benefit_gbp_bn
            .iter()
            .zip(&self.cost_gbp_bn)
            .map(|(s, c)| s - c)
            .collect()
    }

    fn columns_mut(&mut self) -> [&mut Vec<f64>; 12] {
        [
            &mut self.take_up_share,
            &mut self.gross_saving_gbp_bn,
            &mut self.realised_benefit_gbp_bn,
            &mut self.realised_saving_gbp_bn,
            &mut self.exchequer_saving_gbp_bn,
            &mut self.recycled_gbp_bn,
            &mut self.service_shortfall_gbp_bn,
            &mut self.social_benefit_gbp_bn,
            &mut self.cost_gbp_bn,
            &mut self.refresh_cost_gbp_bn,
            &mut self.refresh_smoothed_gbp_bn,
            &mut self.exit_cost_gbp_bn,
        ]
    }

    /// Add `w × other` (paths of the same length).
    pub fn add_scaled(&mut self, other: &Paths, w: f64) {
        let mut other = other.clone();
        for (a, b) in self.columns_mut().into_iter().zip(other.columns_mut()) {
            for (x, y) in a.iter_mut().zip(b.iter()) {
                *x += w * y;
            }
        }
    }
}

/// Take-up at `tau` years after benefits start, with duration uplift `u`.
pub fn take_up(i: &Intervention, tau: f64, u: f64) -> f64 {
    if tau < 0.0 {
        return 0.0;
    }
    let a = match i.adoption_or_default() {
        Adoption::Immediate => 1.0,
        Adoption::Linear => {
            let ramp = i.ramp_years.unwrap_or(default_take_up::RAMP_YEARS);
            ((tau + 1.0) / (ramp * u)).min(1.0)
        }
        Adoption::Logistic => {
            let m = i
                .adoption_midpoint_years
                .unwrap_or(default_take_up::MIDPOINT_YEARS);
            let k = i.adoption_steepness.unwrap_or(default_take_up::STEEPNESS);
            1.0 / (1.0 + (-k * (tau - m * u)).exp())
        }
    };
    i.take_up_cap_share * a
}

/// The index that carries £bn amounts from their prices year to each year.
pub fn indexation(i: &Intervention, base: &[BaseYear]) -> Vec<f64> {
    let Some(first) = base.first() else {
        return Vec::new();
    };
    let prices = i.prices_year_on(first.year);
    let at = base.iter().find(|y| y.year == prices).unwrap_or(first);
    base.iter()
        .map(|y| match i.indexation() {
            Indexation::NominalGdp => y.gdp_gbp_bn / at.gdp_gbp_bn,
            Indexation::GdpDeflator => y.price_index / at.price_index,
            Indexation::FlatCash => 1.0,
        })
        .collect()
}

/// The timetable of `i` on `base`: start, benefits from, stop (years from
/// the base year) and the duration uplift factor.
#[derive(Debug, Clone, Copy)]
struct Timing {
    start: f64,
    benefits_from: f64,
    planned_from: f64,
    stop: f64,
    u: f64,
}

fn timing(i: &Intervention, first: FiscalYear) -> Timing {
    let u = 1.0 + i.optimism_bias_duration_uplift_share;
    let start = f64::from(first.years_until(i.start_on(first)));
    Timing {
        start,
        benefits_from: start + i.delay_years * u,
        planned_from: start + i.delay_years,
        stop: start + i.failure_stop_years,
        u,
    }
}

/// The share of the saving still alive `tau` years after benefits start:
/// erosion and the asset's life.
fn persistence(i: &Intervention, tau: f64) -> f64 {
    let erosion = (1.0 - i.decay_pct / 100.0).powf(tau.max(0.0));
    erosion * life_weight(i, tau)
}

/// 1 while the asset lives, 0 after; the last year pro rata (so that an
/// asset life of N whole years gives exactly N years of benefits).
fn life_weight(i: &Intervention, tau: f64) -> f64 {
    match i.asset_life_years {
        Some(life) => (life - tau.max(0.0).floor()).clamp(0.0, 1.0),
        None => 1.0,
    }
}

/// The gross saving of one year at take-up `a`, £bn (success path).
fn gross(i: &Intervention, y: &BaseYear, f: f64, a: f64, tau: f64) -> f64 {
    let sub_line = match (i.sub_line_share, i.sub_line_gbp_bn) {
        (_, Some(gbp)) => gbp * f,
        (Some(share), None) => share * y.line_gbp_bn,
        (None, None) => y.line_gbp_bn,
    };
    // Productivity mode: the line's cost grows x pp a year slower for up
    // to n years, and the lower level persists afterwards.
    let productivity_share = if i.productivity_growth_pp != 0.0 && tau >= 0.0 {
        let years = (tau + 1.0).clamp(0.0, i.productivity_years.max(0.0));
        1.0 - (1.0 + i.productivity_growth_pp / 100.0).powf(-years)
    } else {
        0.0
    };
    let amount = i.saving_gbp_bn + i.units_quantity * i.saving_gbp_bn_per_unit;
    a * ((i.saving_share + productivity_share) * sub_line + amount * f)
}

/// The share of a claimed gross saving that is a real saving: after the
/// haircut, deadweight, displacement and rebound.
pub fn realisation(i: &Intervention) -> f64 {
    (1.0 - i.benefit_haircut_share)
        * (1.0 - i.deadweight_share)
        * (1.0 - i.displacement_share)
        * (1.0 - i.rebound_share)
}

/// The costs of year `t` on one branch, before indexation: (upfront,
/// running, refresh, refresh smoothed), £bn in the prices year.
fn costs(i: &Intervention, t: f64, tm: &Timing, w: f64, running: bool) -> [f64; 4] {
    let n = f64::from(i.upfront_years.max(1));
    let build_end = tm.start + n;
    let upfront = i.upfront_cost_gbp_bn + i.units_quantity * i.upfront_cost_gbp_bn_per_unit;
    let run = i.running_cost_gbp_bn + i.units_quantity * i.running_cost_gbp_bn_per_unit;
    let up_share = 1.0 - i.upfront_cost_in_baseline_share;
    let run_share = (1.0 - i.running_cost_in_baseline_share) * w;
    let mut c = [0.0; 4];
    if t >= tm.start && t < build_end {
        c[0] = upfront / n * (1.0 + i.optimism_bias_cost_uplift_share) * up_share;
    }
    if running && t >= tm.benefits_from.ceil() {
        let steady = if i.optimism_bias_on_running_costs {
            1.0 + i.optimism_bias_cost_uplift_share
        } else {
            1.0
        };
        c[1] = run * steady * run_share;
        if i.refresh_every_years > 0 && t >= build_end {
            let since = (t - build_end) as u32;
            let each = i.refresh_cost_share * upfront * steady * run_share;
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

/// Exit costs: `multiple × the rise in the retained saving` (in base-year
/// terms, `g` the nominal GDP factor), paid as it rises.
fn exit_costs(multiple: f64, retained: &[f64], g: &[f64]) -> Vec<f64> {
    let mut peak = 0.0f64;
    retained
        .iter()
        .zip(g)
        .map(|(x, g)| {
            let real = x / g;
            let rise = (real - peak).max(0.0);
            peak = peak.max(real);
            multiple * rise * g
        })
        .collect()
}

/// The realised saving of the spending content on the success path (`B`,
/// before any overlap), £bn by year: what overlapping claims are judged on.
pub fn success_benefits(i: &Intervention, base: &[BaseYear]) -> Vec<f64> {
    let Some(first) = base.first() else {
        return Vec::new();
    };
    let tm = timing(i, first.year);
    let f = indexation(i, base);
    base.iter()
        .zip(&f)
        .enumerate()
        .map(|(k, (y, f))| {
            let tau = k as f64 - tm.benefits_from;
            if tau < 0.0 || i.end_year.is_some_and(|e| y.year > e) {
                return 0.0;
            }
            gross(i, y, *f, take_up(i, tau, tm.u), tau) * realisation(i) * persistence(i, tau)
        })
        .collect()
}

/// The paths of `i` on `base` (a projection without interventions, seen
/// from `i`'s target line) for `outcome`, with no overlap.
pub fn paths_on(i: &Intervention, base: &[BaseYear], outcome: Outcome) -> Paths {
    paths_scaled(i, base, outcome, &[])
}

/// [`paths_on`] with the success-path benefits scaled by `scale[t]` (1
/// where missing): the share left after overlaps with other interventions.
pub fn paths_scaled(i: &Intervention, base: &[BaseYear], outcome: Outcome, scale: &[f64]) -> Paths {
    paths_from_benefits(i, base, outcome, scale, &success_benefits(i, base))
}

/// [`paths_scaled`] given `benefits`, what [`success_benefits`] gives for
/// `i` on `base` (a package has worked them out already, for its
/// overlaps).
pub fn paths_from_benefits(
    i: &Intervention,
    base: &[BaseYear],
    outcome: Outcome,
    scale: &[f64],
    benefits: &[f64],
) -> Paths {
    let n = base.len();
    let mut p = Paths::zeros(n);
    let Some(first) = base.first() else {
        return p;
    };
    let (w_success, w_failure) = outcome.weights(i.probability_of_success_share);
    let tm = timing(i, first.year);
    let f = indexation(i, base);
    let g: Vec<f64> = base
        .iter()
        .map(|y| y.gdp_gbp_bn / first.gdp_gbp_bn)
        .collect();
    let keep = (1.0 - i.saving_in_baseline_share) * i.cashable_share;
    let benefit = |k: usize| benefits.get(k).copied().unwrap_or(0.0);
    // Cashable saving on success; retained saving on each branch.
    let cashable: Vec<f64> = (0..n)
        .map(|k| benefit(k) * scale.get(k).copied().unwrap_or(1.0) * keep)
        .collect();
    let (retained_s, retained_f) = retained(i, base, (&tm, &f), keep, &cashable);
    let exit_s = exit_costs(i.exit_cost_multiple, &retained_s, &g);
    let exit_f = exit_costs(i.exit_cost_multiple, &retained_f, &g);
    let runs_at_all = if w_success > 0.0 { 1.0 } else { 0.0 };
    for (k, y) in base.iter().enumerate() {
        let t = k as f64;
        let tau = t - tm.benefits_from;
        let runs = i.end_year.is_none_or(|e| y.year <= e);
        let w = life_weight(i, tau);
        let success = costs(i, t, &tm, w, runs);
        let failure = if t < tm.stop {
            costs(i, t, &tm, w, runs)
        } else {
            [0.0; 4]
        };
        let mix = |j: usize| (w_success * success[j] + w_failure * failure[j]) * f[k];
        let both = |s: f64, fl: f64| w_success * s + w_failure * fl;
        let a = take_up(i, tau, tm.u);
        p.take_up_share[k] = runs_at_all * a;
        p.gross_saving_gbp_bn[k] = runs_at_all * gross(i, y, f[k], a, tau);
        let b = benefit(k) * scale.get(k).copied().unwrap_or(1.0);
        p.realised_benefit_gbp_bn[k] = w_success * b;
        p.realised_saving_gbp_bn[k] = w_success * cashable[k];
        let short_s = (retained_s[k] - cashable[k]).max(0.0);
        let short_f = retained_f[k];
        p.exchequer_saving_gbp_bn[k] = both(retained_s[k], retained_f[k]);
        p.recycled_gbp_bn[k] = w_success * (cashable[k] - retained_s[k]).max(0.0);
        p.service_shortfall_gbp_bn[k] = both(short_s, short_f);
        // Zero (the same +0.0 the product gives) without the erosion's
        // `powf` when the intervention saves citizens no time.
        let citizens = if tau >= 0.0 && runs && i.citizen_time_saving_gbp_bn != 0.0 {
            a * i.citizen_time_saving_gbp_bn * f[k] * realisation(i) * persistence(i, tau)
        } else {
            0.0
        };
        let additional = b * (1.0 - i.saving_in_baseline_share);
        p.social_benefit_gbp_bn[k] =
            w_success * (additional + citizens) - p.service_shortfall_gbp_bn[k];
        p.exit_cost_gbp_bn[k] = both(exit_s[k], exit_f[k]);
        p.cost_gbp_bn[k] = mix(0) + mix(1) + mix(2) + p.exit_cost_gbp_bn[k];
        p.refresh_cost_gbp_bn[k] = mix(2);
        p.refresh_smoothed_gbp_bn[k] = mix(3);
    }
    p
}

/// The saving kept off the line (retained by the Exchequer) on the
/// success and failure branches: a share of the cashable saving as
/// realised, or of the planned saving (on the plan's timetable, at full
/// take-up speed) on both branches when budgets are cut as planned.
fn retained(
    i: &Intervention,
    base: &[BaseYear],
    (tm, f): (&Timing, &[f64]),
    keep: f64,
    cashable: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let rho = i.retention();
    match i.budgets_cut {
        BudgetsCut::AsRealised => (
            cashable.iter().map(|c| rho * c).collect(),
            vec![0.0; base.len()],
        ),
        BudgetsCut::AsPlanned => {
            let r: Vec<f64> = base
                .iter()
                .enumerate()
                .map(|(k, y)| {
                    let tau = k as f64 - tm.planned_from;
                    let planned = if tau < 0.0 || i.end_year.is_some_and(|e| y.year > e) {
                        0.0
                    } else {
                        gross(i, y, f[k], take_up(i, tau, 1.0), tau) * keep
                    };
                    rho * planned
                })
                .collect();
            (r.clone(), r)
        }
    }
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

/// Add `paths` of `i` to `adj`: the retained saving off (or onto) the
/// target line, costs onto the cost line. Savings recycled into services
/// leave the line where it was.
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
        let saved = paths.exchequer_saving_gbp_bn.get(k).copied().unwrap_or(0.0);
        let cost = paths.cost_gbp_bn.get(k).copied().unwrap_or(0.0);
        if let Some(d) = adj.spend_delta_gbp_bn.get_mut(k) {
            if let Some(Target::Spend(s)) = target {
                d[s as usize] -= saved;
            }
            d[cost_line as usize] += cost;
        }
        if let (Some(Target::Receipt(r)), Some(d)) = (target, adj.receipt_delta_gbp_bn.get_mut(k)) {
            d[r as usize] += saved;
        }
    }
}

/// Compute the expected paths of `i` against `base` (a projection without
/// interventions) and add its adjustments to `adj`.
pub fn apply(i: &Intervention, base: &Projection, adj: &mut Adjustments) -> Paths {
    let paths = paths_on(
        i,
        &base_years(base, Target::parse(&i.target)),
        Outcome::Expected,
    );
    add_to(i, &paths, adj);
    paths
}
