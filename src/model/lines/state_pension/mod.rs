//! The State Pension in two parts, by birth cohort rather than by a static
//! age profile:
//!
//! - **triple-locked**: the basic State Pension (people who reached State
//!   Pension age before 6 April 2016) and the new State Pension up to its
//!   full rate (after), uprated by the triple lock, i.e. earnings plus
//!   `triple_lock_premium_pp`;
//! - **CPI-linked**: the additional State Pension (SERPS / S2P) and
//!   graduated pension of the pre-2016 cohorts, and the protected payment
//!   of the new-scheme cohorts (a starting amount above the full rate, kept
//!   and uprated with CPI: Pensions Act 2014, s.4 and Sch. 1).
//!
//! ```text
//! X[t] = k · Σ_{s,a} P[s,a,t] · over_spa(a, S[t]) · (tl_s(b) · F[t] + cpi_s(b) · C[t])
//! ```
//!
//! with `b` the birth cohort of age `a` in year `t`, `F` the triple-lock
//! index and `C` the CPI index (both 1 in the calibration year) and `k`
//! calibrated so that the line equals the data in the last medium-term year.
//!
//! New-scheme entitlements drift towards the full rate: the part of the
//! shortfall from contracting out before 2016 is filled by 1/35 of the full
//! rate per qualifying year after April 2016 (Pensions Act 2014, s.4-5), so
//! it is gone for people reaching the State Pension age 35 years on; the
//! part from incomplete records stays ([`amounts_gbp_per_week`]).
//! Amounts per recipient by scheme and sex are DWP benefit statistics
//! (`docs/model.md`); the DWP caseload and spending tables give the average
//! award they are checked against.

use super::{LineModel, YearContext};
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Assumptions;
use crate::model::economy::share_over_spa;
use crate::model::error::ModelError;

mod entitlement;

use std::collections::BTreeMap;

pub use entitlement::*;

/// Each birth cohort's amounts, set in the first year it is over the State
/// Pension age (with that year's pension age) and kept: what a cohort gets
/// is fixed when it claims, then uprated.
#[derive(Debug, Default, Clone)]
pub struct CohortAmounts {
    by_birth: BTreeMap<(usize, i32), (f64, f64)>,
}

impl CohortAmounts {
    /// Triple-locked and CPI-linked amounts of sex `s`, age `age` in `year`.
    pub fn get(&mut self, s: usize, age: usize, year: i32, spa_years: f64) -> (f64, f64) {
        *self
            .by_birth
            .entry((s, year - age as i32))
            .or_insert_with(|| amounts_gbp_per_week(s, age, year, spa_years))
    }
}

struct StatePension {
    triple_lock_premium_pp: f64,
    scale: f64,
    flat_index: f64,
    cpi_index: f64,
    cohorts: CohortAmounts,
}

/// The State Pension line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(StatePension {
        triple_lock_premium_pp: a.spending.triple_lock_premium_pp,
        scale: 0.0,
        flat_index: 1.0,
        cpi_index: 1.0,
        cohorts: CohortAmounts::default(),
    }))
}

/// Recipients over State Pension age weighted by their triple-locked and
/// CPI-linked amounts: `(Σ P·elig·tl, Σ P·elig·cpi)`.
pub fn volumes(ctx: &YearContext, cohorts: &mut CohortAmounts) -> (f64, f64) {
    let (mut flat, mut earn) = (0.0, 0.0);
    for s in 0..2 {
        for age in 0..N_AGES {
            let eligible = ctx.population.get([s, age]).copied().unwrap_or(0.0)
                * share_over_spa(age, ctx.state_pension_age_years);
            if eligible > 0.0 {
                let (f, e) = cohorts.get(s, age, ctx.year.start(), ctx.state_pension_age_years);
                flat += eligible * f;
                earn += eligible * e;
            }
        }
    }
    (flat, earn)
}

impl StatePension {
    fn level(&mut self, ctx: &YearContext) -> f64 {
        let (flat, earn) = volumes(ctx, &mut self.cohorts);
        self.scale * (flat * self.flat_index + earn * self.cpi_index)
    }
}

impl LineModel for StatePension {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.cohorts = CohortAmounts::default();
        let (flat, earn) = volumes(ctx, &mut self.cohorts);
        let total = flat + earn;
        self.scale = if total > 0.0 {
            level_gbp_bn / total
        } else {
            0.0
        };
        self.flat_index = 1.0;
        self.cpi_index = 1.0;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.flat_index *=
            (1.0 + ctx.earnings_growth_share) * (1.0 + self.triple_lock_premium_pp / 100.0);
        self.cpi_index *= 1.0 + ctx.cpi_inflation_pct / 100.0;
        self.level(ctx)
    }
}

#[cfg(test)]
mod tests;
