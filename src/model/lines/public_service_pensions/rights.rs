//! Public service pension rights by sex, age and scheme generation: the
//! members' (actives') and deferred members' accrued rights not yet in
//! payment, and the pensions in payment, aged one year at a time.
//!
//! ```text
//! σ[a,t]    = min(1, P[a,t] / P[a−1,t−1])                 deaths and emigration (immigrants bring no rights)
//! stay[a,t] = min(1, M[a,t] / (M[a−1,t−1] · σ))           members still in service (M = P × participation)
//! active    ← active[a−1] · σ · stay · (1 + r_active)      legacy: final-salary link, r = w; CARE: r = cpi + 1.5 pp
//! deferred  ← (deferred[a−1] + active[a−1] · (1 − stay)) · σ · (1 + cpi)
//! accrual   = M[a,t] · W[t]  into legacy before 2022-23, into CARE from it
//! drawn     = h_g(a, t) · (active + deferred)              into payment
//! paid      ← paid[a−1] · σ · (1 + cpi) + drawn
//! ```
//!
//! `W` is the earnings level (pay per member, flat by age), `h_g` the share
//! of a generation's remaining rights drawn at age `a`: legacy rights at the
//! old schemes' pension ages (the [`LEGACY_DRAWN_BY_AGE`] schedule), CARE
//! rights at the State Pension age for the non-uniformed schemes and at
//! 60 for police, firefighters and the armed forces (Public Service
//! Pensions Act 2013, s.10). Rights are in £ of annual pension; the line
//! scales them to its calibration level, so only relative amounts matter.

// Every array is (2, N_AGES), indexed by sex < 2 and age < N_AGES.
#![allow(clippy::indexing_slicing)]

use std::borrow::Cow;
use std::sync::OnceLock;

use ndarray::{Array2, ArrayView2};

use crate::data::N_AGES;
use crate::model::economy::share_over_spa;

/// First fiscal year (its start) with all service in the reformed (CARE)
/// schemes: 2022-23. The legacy final-salary schemes closed to new members
/// in 2015 (2014 for local government); the McCloud remedy (Public Service
/// Pensions and Judicial Offices Act 2022) returned service from April 2015
/// to March 2022 to them, and every member has accrued in the reformed
/// schemes since 1 April 2022.
pub const CARE_FROM_YEAR: i32 = 2022;

/// Share of CARE accrual in the uniformed schemes (police, firefighters,
/// armed forces), whose normal pension age is 60: their employee and
/// employer contributions in 2030-31 are £10.3bn of £69.3bn (14.9 %; OBR
/// EFO March 2026, detailed expenditure Table 4.13).
pub const CARE_UNIFORMED_SHARE: f64 = 0.149;

/// Normal pension age of the uniformed schemes' CARE sections (Public
/// Service Pensions Act 2013, s.10(2)).
pub const UNIFORMED_PENSION_AGE_YEARS: f64 = 60.0;

/// Revaluation of CARE rights in service over CPI, pp a year: CPI + 1.5 %
/// in the NHS 2015 scheme (CPI + 1.6 % for teachers, CPI for the civil
/// service's alpha, average earnings or more for the uniformed schemes; the
/// expenditure-weighted average of the schemes' rules is about 1.4 pp).
pub const CARE_REVALUATION_OVER_CPI_PP: f64 = 1.5;

/// Cumulative share of a cohort's legacy rights in payment by age (age,
/// share; straight lines between): early retirements and the uniformed
/// schemes from the 50s, normal pension age 60 in the 1995 NHS section,
/// pre-2007 teachers and classic civil service, 65 in the 2007-08
/// sections. The knots are those of the receipt profile by age the model
/// used before (`data/SOURCES.md`, public_service_pensions: a judgement
/// from the schemes' pension ages; no receipt by age is published).
pub const LEGACY_DRAWN_BY_AGE: [(f64, f64); 4] =
    [(49.0, 0.0), (55.0, 0.2), (60.0, 0.7), (65.0, 1.0)];

/// Cumulative share of legacy rights drawn at `age`.
pub fn legacy_drawn_share(age: usize) -> f64 {
    let x = age as f64;
    let mut last = (0.0, 0.0);
    for (k_age, k_share) in LEGACY_DRAWN_BY_AGE {
        if x <= k_age {
            let (a0, s0) = last;
            if k_age <= a0 {
                return k_share;
            }
            return s0 + (k_share - s0) * ((x - a0) / (k_age - a0)).clamp(0.0, 1.0);
        }
        last = (k_age, k_share);
    }
    1.0
}

/// Share of what was left undrawn at `before` that is drawn now, when the
/// cumulative share goes from `before` to `now`.
fn hazard(before: f64, now: f64) -> f64 {
    if before >= 1.0 {
        1.0
    } else {
        ((now - before) / (1.0 - before)).clamp(0.0, 1.0)
    }
}

/// CARE rights of one retirement group: members' and deferred members'.
#[derive(Debug, Clone, PartialEq)]
pub struct Undrawn {
    /// Rights of members in service.
    pub active: Array2<f64>,
    /// Rights of members who have left service.
    pub deferred: Array2<f64>,
}

impl Undrawn {
    fn zeros() -> Self {
        Undrawn {
            active: Array2::zeros((2, N_AGES)),
            deferred: Array2::zeros((2, N_AGES)),
        }
    }

    #[cfg(test)]
    fn total(&self) -> f64 {
        self.active.sum() + self.deferred.sum()
    }
}

/// All rights, by sex and age, in £ of annual pension.
#[derive(Debug, Clone, PartialEq)]
pub struct Rights {
    /// Final-salary (legacy) rights, closed to accrual from 2022-23.
    pub legacy: Undrawn,
    /// CARE rights drawn at the State Pension age.
    pub care: Undrawn,
    /// CARE rights drawn at 60 (uniformed schemes).
    pub care_uniformed: Undrawn,
    /// Pensions in payment.
    pub paid: Array2<f64>,
}

/// What one year's step needs.
#[derive(Debug, Clone, Copy)]
pub struct Year<'a> {
    /// Start of the fiscal year.
    pub year: i32,
    /// Population this year and last year `[sex, age]`.
    pub population: ArrayView2<'a, f64>,
    /// Population last year.
    pub previous_population: ArrayView2<'a, f64>,
    /// Members in service this year `[sex, age]`.
    pub members: ArrayView2<'a, f64>,
    /// Members in service last year.
    pub previous_members: ArrayView2<'a, f64>,
    /// Pay per member this year (any unit; the accrual).
    pub pay: f64,
    /// Average earnings growth this year, a fraction.
    pub earnings_growth: f64,
    /// CPI inflation this year, a fraction.
    pub cpi: f64,
    /// State Pension age this year and last year.
    pub spa_years: f64,
    /// State Pension age last year.
    pub previous_spa_years: f64,
}

impl Rights {
    /// No rights at all.
    pub fn zeros() -> Self {
        Rights {
            legacy: Undrawn::zeros(),
            care: Undrawn::zeros(),
            care_uniformed: Undrawn::zeros(),
            paid: Array2::zeros((2, N_AGES)),
        }
    }

    /// Pensions in payment, summed.
    pub fn paid_total(&self) -> f64 {
        self.paid.sum()
    }

    /// Rights not yet in payment, summed over generations.
    #[cfg(test)]
    pub fn undrawn_total(&self) -> f64 {
        self.legacy.total() + self.care.total() + self.care_uniformed.total()
    }

    /// Every stock multiplied by `by[sex, age]` (per-head stocks to totals).
    pub fn scaled_by(&self, by: ArrayView2<f64>) -> Rights {
        let f = |x: &Array2<f64>| x * &by;
        let u = |x: &Undrawn| Undrawn {
            active: f(&x.active),
            deferred: f(&x.deferred),
        };
        Rights {
            legacy: u(&self.legacy),
            care: u(&self.care),
            care_uniformed: u(&self.care_uniformed),
            paid: f(&self.paid),
        }
    }

    /// Age every cohort one year into `y`: deaths and leavers, revaluation,
    /// this year's accrual, then rights drawn into payment.
    ///
    /// The stocks are walked as flat rows (`sex · N_AGES + age`) rather
    /// than through two-dimensional indexing: the projection calls this
    /// about 500 times a run (a century of steady state per calibration),
    /// and the arithmetic is the same, in the same order, either way.
    pub fn step<'a>(&mut self, y: &Year<'a>) {
        let care_revaluation = y.cpi + CARE_REVALUATION_OVER_CPI_PP / 100.0;
        // Borrowed when contiguous (always, in the model), copied otherwise.
        let flat = |v: ArrayView2<'a, f64>| -> Cow<'a, [f64]> {
            match v.to_slice() {
                Some(rows) => Cow::Borrowed(rows),
                None => Cow::Owned(v.iter().copied().collect()),
            }
        };
        let cohorts = Cohorts {
            population: flat(y.population),
            previous_population: flat(y.previous_population),
            members: flat(y.members),
            previous_members: flat(y.previous_members),
        };
        let (legacy_active, legacy_deferred) = rows_of(&mut self.legacy);
        let (care_active, care_deferred) = rows_of(&mut self.care);
        let (uniformed_active, uniformed_deferred) = rows_of(&mut self.care_uniformed);
        let paid = rows(&mut self.paid);
        for s in 0..2 {
            let row = s * N_AGES;
            for a in (0..N_AGES).rev() {
                let (sigma, stay) = cohorts.factors(row, a);
                let carry = Carry {
                    row,
                    a,
                    sigma,
                    stay,
                    cpi: y.cpi,
                };
                carry.apply(legacy_active, legacy_deferred, y.earnings_growth);
                carry.apply(care_active, care_deferred, care_revaluation);
                carry.apply(uniformed_active, uniformed_deferred, care_revaluation);
                paid[row + a] = from_younger(paid, row, a) * sigma * (1.0 + y.cpi);
            }
        }
        self.accrue(y, &cohorts.members);
        self.draw(y);
    }

    fn accrue(&mut self, y: &Year, members: &[f64]) {
        let (legacy_active, _) = rows_of(&mut self.legacy);
        let (care_active, _) = rows_of(&mut self.care);
        let (uniformed_active, _) = rows_of(&mut self.care_uniformed);
        for (i, m) in members.iter().enumerate().take(2 * N_AGES) {
            let accrual = m * y.pay;
            if y.year < CARE_FROM_YEAR {
                legacy_active[i] += accrual;
            } else {
                care_active[i] += accrual * (1.0 - CARE_UNIFORMED_SHARE);
                uniformed_active[i] += accrual * CARE_UNIFORMED_SHARE;
            }
        }
    }

    fn draw(&mut self, y: &Year) {
        // The shares drawn at each age are the same for both sexes; the
        // legacy schemes' and the uniformed pension age's do not change
        // from year to year, so they are worked out once.
        let fixed = fixed_hazards();
        let hazards: Vec<[f64; 3]> = (0..N_AGES)
            .map(|a| {
                let before = a.checked_sub(1);
                let [at_legacy, at_60] = fixed[a];
                let at_spa = hazard(
                    before.map_or(0.0, |b| share_over_spa(b, y.previous_spa_years)),
                    share_over_spa(a, y.spa_years),
                );
                [at_legacy, at_spa, at_60]
            })
            .collect();
        let legacy = rows_of(&mut self.legacy);
        let care = rows_of(&mut self.care);
        let uniformed = rows_of(&mut self.care_uniformed);
        let paid = rows(&mut self.paid);
        for s in 0..2 {
            for (a, [at_legacy, at_spa, at_60]) in hazards.iter().enumerate() {
                let i = s * N_AGES + a;
                let drawn = draw_from(legacy.0, legacy.1, i, *at_legacy)
                    + draw_from(care.0, care.1, i, *at_spa)
                    + draw_from(uniformed.0, uniformed.1, i, *at_60);
                paid[i] += drawn;
            }
        }
    }
}

/// The drawn shares that do not depend on the year, by age: the legacy
/// schemes' and the uniformed schemes' (pension age 60).
fn fixed_hazards() -> &'static [[f64; 2]; N_AGES] {
    static FIXED: OnceLock<[[f64; 2]; N_AGES]> = OnceLock::new();
    FIXED.get_or_init(|| {
        std::array::from_fn(|a| {
            let before = a.checked_sub(1);
            [
                hazard(
                    before.map_or(0.0, legacy_drawn_share),
                    legacy_drawn_share(a),
                ),
                hazard(
                    before.map_or(0.0, |b| share_over_spa(b, UNIFORMED_PENSION_AGE_YEARS)),
                    share_over_spa(a, UNIFORMED_PENSION_AGE_YEARS),
                ),
            ]
        })
    })
}

/// One cohort's step from last year's age to this year's: the share still
/// alive and resident (`sigma`), of members still in service (`stay`).
struct Carry {
    /// Start of the sex's row in the flat rows, and the age.
    row: usize,
    a: usize,
    sigma: f64,
    stay: f64,
    cpi: f64,
}

impl Carry {
    /// Carry a generation's members' and deferred members' rights one
    /// year on: members' rights revalued by `revaluation`, leavers' and
    /// deferred rights by CPI.
    #[inline(always)]
    fn apply(&self, active: &mut [f64], deferred: &mut [f64], revaluation: f64) {
        let (row, a) = (self.row, self.a);
        let carried_active = from_younger(active, row, a) * self.sigma;
        let carried_deferred = from_younger(deferred, row, a) * self.sigma;
        active[row + a] = carried_active * self.stay * (1.0 + revaluation);
        deferred[row + a] =
            (carried_deferred + carried_active * (1.0 - self.stay)) * (1.0 + self.cpi);
    }
}

/// `x`'s elements in row-major order (`sex · N_AGES + age`). Every stock
/// is made by [`Array2::zeros`] or arithmetic on such arrays, so it is
/// already in that layout; one that is not is copied into it first.
fn rows(x: &mut Array2<f64>) -> &mut [f64] {
    if !x.is_standard_layout() {
        *x = x.as_standard_layout().into_owned();
    }
    x.as_slice_mut().unwrap_or_default()
}

/// [`rows`] of a generation's members' and deferred members' rights.
fn rows_of(u: &mut Undrawn) -> (&mut [f64], &mut [f64]) {
    (rows(&mut u.active), rows(&mut u.deferred))
}

/// This year's and last year's population and members, as flat rows.
struct Cohorts<'a> {
    population: Cow<'a, [f64]>,
    previous_population: Cow<'a, [f64]>,
    members: Cow<'a, [f64]>,
    previous_members: Cow<'a, [f64]>,
}

impl Cohorts<'_> {
    /// The share of a cohort still alive and resident (`σ`) and the share
    /// of its members still in service (`stay`), at age `a` of the row
    /// starting at `row`.
    fn factors(&self, row: usize, a: usize) -> (f64, f64) {
        let before = from_younger(&self.previous_population, row, a);
        let sigma = if before > 0.0 {
            (self.population[row + a] / before).min(1.0)
        } else {
            0.0
        };
        let members_before = from_younger(&self.previous_members, row, a) * sigma;
        let stay = if members_before > 0.0 {
            (self.members[row + a] / members_before).min(1.0)
        } else {
            0.0
        };
        (sigma, stay)
    }
}

/// The value at the age a year younger (the cohort last year) in the row
/// starting at `row`; the oldest age is an open group, so it also keeps
/// its own.
fn from_younger(x: &[f64], row: usize, a: usize) -> f64 {
    match a {
        0 => 0.0,
        _ if a == N_AGES - 1 => x[row + a - 1] + x[row + a],
        _ => x[row + a - 1],
    }
}

/// Draw `share` of the rights at `i` into payment: what is drawn.
fn draw_from(active: &mut [f64], deferred: &mut [f64], i: usize, share: f64) -> f64 {
    let drawn_active = active[i] * share;
    let drawn_deferred = deferred[i] * share;
    active[i] -= drawn_active;
    deferred[i] -= drawn_deferred;
    drawn_active + drawn_deferred
}
