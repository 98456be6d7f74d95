//! Unfunded public service pensions, as the OBR's long-term projections
//! show the line: pensions paid less members' (employee) contributions. The
//! employer contributions are paid by departments out of their budgets
//! (the OBR counts them in departmental spending: "Forecasts in depth:
//! public service pension payments (net)"), so they are in the
//! non-age-related residual, not netted here.
//!
//! Pensions come from scheme membership ([`rights`]): members in service
//! (a constant share of employment at each age), their accrued rights and
//! those of deferred members, by scheme generation (the final-salary
//! legacy schemes, closed to accrual from 2022-23, and the 2015 CARE
//! schemes), and pensions in payment from what each cohort accrued.
//!
//! ```text
//! X[t] = k · Σ_{s,a} paid[s,a,t] − E[t]
//! E[t] = E[T] · (M[t] / M[T]) · W[t] / W[T]    (employee contributions on the paybill)
//! ```
//!
//! `M` is members in service (population × participation, summed), `W` the
//! earnings level. The rights held in the calibration year `T` are those of
//! a steady state: a stationary population with `T`'s participation,
//! growth and inflation, accruing in the legacy schemes until 2021-22 and
//! in the CARE schemes since. `k` makes pensions paid equal the line's
//! level in `T` grossed up by the employee-contribution share.

pub mod rights;

use std::sync::Mutex;

use ndarray::{Array2, ArrayView2};

pub use rights::{Rights, Year};

use super::{LineModel, YearContext};
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::years::FiscalYear;

/// Employee contributions as a share of pension scheme expenditure when the
/// data have no Table 4.13: OBR EFO March 2026, detailed expenditure Table
/// 4.13, 2030-31, £16.50bn of £67.17bn summed over the unfunded schemes.
pub const EMPLOYEE_CONTRIBUTIONS_SHARE_OF_PAYMENTS: f64 = 16.50 / 67.17;

/// Employee contributions over scheme expenditure in `year` from the
/// dataset's EFO Table 4.13 series, or the March 2026 value.
pub fn employee_contributions_share(data: &Dataset, year: FiscalYear) -> f64 {
    let get = |s: &str| data.efo.get(s, year).ok();
    match (
        get("pensions.employee_contributions"),
        get("pensions.scheme_expenditure"),
    ) {
        (Some(e), Some(g)) if g > 0.0 && e >= 0.0 && e < g => e / g,
        _ => EMPLOYEE_CONTRIBUTIONS_SHARE_OF_PAYMENTS,
    }
}

struct PublicServicePensions {
    employee_share: f64,
    rights: Rights,
    /// £bn of pensions paid per unit of `rights.paid`.
    scale: f64,
    contributions_gbp_bn: f64,
    calibration_members: f64,
    pay: f64,
    previous_population: Array2<f64>,
    previous_members: Array2<f64>,
    previous_spa_years: f64,
}

/// The public service pensions line (scenario `a` sets the calibration year).
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(PublicServicePensions {
        employee_share: employee_contributions_share(data, a.horizon.medium_term_end),
        rights: Rights::zeros(),
        scale: 0.0,
        contributions_gbp_bn: 0.0,
        calibration_members: 0.0,
        pay: 1.0,
        previous_population: Array2::zeros((2, N_AGES)),
        previous_members: Array2::zeros((2, N_AGES)),
        previous_spa_years: 0.0,
    }))
}

/// Members in service `[sex, age]`: population × participation (a constant
/// share of it in public service, which cancels in the calibration).
fn members(ctx: &YearContext) -> Array2<f64> {
    &ctx.population * &ctx.participation
}

/// Rights per head in the calibration year `ctx`: a stationary population
/// with `ctx`'s participation, earnings growth and CPI, after a century of
/// accrual under the schemes' rules. The last few are kept: a run
/// calibrates the line once a projection (its own, the indicators'
/// extended one, each with the same calibration year), and the century of
/// steps is most of the line's cost.
pub fn steady_state_per_head(ctx: &YearContext) -> Rights {
    type Kept = Vec<(SteadyStateKey, Rights)>;
    static KEPT: Mutex<Kept> = Mutex::new(Vec::new());
    let key = SteadyStateKey::of(ctx);
    let lock = || KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, r)) = lock().iter().find(|(k, _)| *k == key) {
        return r.clone();
    }
    let r = steady_state_of(ctx);
    let mut kept = lock();
    if kept.len() == KEPT_STEADY_STATES {
        kept.remove(0);
    }
    kept.push((key, r.clone()));
    r
}

/// How many steady states [`steady_state_per_head`] keeps.
const KEPT_STEADY_STATES: usize = 4;

/// Everything [`steady_state_of`] reads from its year (numbers compared
/// bit for bit).
#[derive(PartialEq)]
struct SteadyStateKey {
    year: i32,
    participation: Array2<f64>,
    bits: [u64; 3],
}

impl SteadyStateKey {
    fn of(ctx: &YearContext) -> SteadyStateKey {
        SteadyStateKey {
            year: ctx.year.start(),
            participation: ctx.participation.to_owned(),
            bits: [
                ctx.earnings_growth_share.to_bits(),
                ctx.cpi_inflation_pct.to_bits(),
                ctx.state_pension_age_years.to_bits(),
            ],
        }
    }
}

fn steady_state_of(ctx: &YearContext) -> Rights {
    let ones = Array2::ones((2, N_AGES));
    let w = ctx.earnings_growth_share;
    let mut r = Rights::zeros();
    for k in (0..N_AGES as i32).rev() {
        r.step(&Year {
            year: ctx.year.start() - k,
            population: ones.view(),
            previous_population: ones.view(),
            members: ctx.participation.view(),
            previous_members: ctx.participation.view(),
            pay: (1.0 + w).powi(-k),
            earnings_growth: w,
            cpi: ctx.cpi_inflation_pct / 100.0,
            spa_years: ctx.state_pension_age_years,
            previous_spa_years: ctx.state_pension_age_years,
        });
    }
    r
}

impl PublicServicePensions {
    fn remember(&mut self, ctx: &YearContext, members: Array2<f64>) {
        self.previous_population = ctx.population.to_owned();
        self.previous_members = members;
        self.previous_spa_years = ctx.state_pension_age_years;
    }

    fn year<'a>(&'a self, ctx: &'a YearContext, members: ArrayView2<'a, f64>) -> Year<'a> {
        Year {
            year: ctx.year.start(),
            population: ctx.population.view(),
            previous_population: self.previous_population.view(),
            members,
            previous_members: self.previous_members.view(),
            pay: self.pay,
            earnings_growth: ctx.earnings_growth_share,
            cpi: ctx.cpi_inflation_pct / 100.0,
            spa_years: ctx.state_pension_age_years,
            previous_spa_years: self.previous_spa_years,
        }
    }
}

impl LineModel for PublicServicePensions {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        let paid_gbp_bn = level_gbp_bn / (1.0 - self.employee_share);
        self.contributions_gbp_bn = paid_gbp_bn * self.employee_share;
        self.rights = steady_state_per_head(ctx).scaled_by(ctx.population);
        let paid = self.rights.paid_total();
        self.scale = if paid > 0.0 { paid_gbp_bn / paid } else { 0.0 };
        let m = members(ctx);
        self.calibration_members = m.sum();
        self.pay = 1.0;
        self.remember(ctx, m);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.pay *= 1.0 + ctx.earnings_growth_share;
        let m = members(ctx);
        let mut rights = std::mem::replace(&mut self.rights, Rights::zeros());
        rights.step(&self.year(ctx, m.view()));
        self.rights = rights;
        let contributions = if self.calibration_members > 0.0 {
            self.contributions_gbp_bn * m.sum() / self.calibration_members * self.pay
        } else {
            0.0
        };
        let paid = self.scale * self.rights.paid_total();
        self.remember(ctx, m);
        paid - contributions
    }
}

#[cfg(test)]
mod tests;
