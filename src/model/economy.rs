//! Population-weighted sums: employment, eligibility at State Pension age,
//! and the population × profile aggregates that drive age-related lines.
//!
//! Ages are single years; people aged `a` at mid-year are between `a` and
//! `a + 1`, so with a fractional State Pension age `spa` the share of age `a`
//! that is over it is `clamp(a + 1 − spa, 0, 1)`.

// Arrays are shaped (2, N_AGES) and indexed by sex and age below N_AGES.
#![allow(clippy::indexing_slicing)]

use ndarray::{Array2, ArrayView2};

use crate::data::N_AGES;

/// The State Pension age on which the participation data were observed.
pub const PARTICIPATION_DATA_SPA_YEARS: f64 = 66.0;
/// Youngest age whose participation shifts with the State Pension age.
pub const SPA_SHIFT_FROM_AGE: usize = 55;

/// Share of people aged `age` who are at or over the State Pension age.
pub fn share_over_spa(age: usize, spa_years: f64) -> f64 {
    (age as f64 + 1.0 - spa_years).clamp(0.0, 1.0)
}

/// Participation by sex and age in a year with State Pension age `spa`:
/// older ages take the base-year rate of the age `spa − 66` years younger
/// (linear interpolation between ages), so a later pension age keeps people
/// in work for longer. Ages under 55 are unchanged.
pub fn participation_for_spa(
    base: ArrayView2<f64>,
    spa_years: f64,
    follows_spa: bool,
) -> Array2<f64> {
    let shift = spa_years - PARTICIPATION_DATA_SPA_YEARS;
    if !follows_spa || shift == 0.0 {
        return base.to_owned();
    }
    shifted_to_older_ages(base, shift, SPA_SHIFT_FROM_AGE)
}

/// Persons of both sexes aged `from..=to` (to the last age when `to` is
/// beyond it).
pub fn persons_aged(pop: ArrayView2<f64>, from: usize, to: usize) -> f64 {
    pop.axis_iter(ndarray::Axis(1))
        .skip(from)
        .take(to.saturating_sub(from).saturating_add(1))
        .map(|by_sex| by_sex.sum())
        .sum()
}

/// `values` with ages from `from_age` shifted to older ages by
/// `shift_years`: age `a` takes the value of age `a − shift` (straight
/// lines between whole ages, clamped to the ages held).
pub fn shifted_to_older_ages(
    values: ArrayView2<f64>,
    shift_years: f64,
    from_age: usize,
) -> Array2<f64> {
    let mut out = values.to_owned();
    for s in 0..2 {
        for a in from_age..N_AGES {
            let src = (a as f64 - shift_years).clamp(0.0, (N_AGES - 1) as f64);
            let lo = src.floor() as usize;
            let hi = (lo + 1).min(N_AGES - 1);
            let w = src - lo as f64;
            out[[s, a]] = values[[s, lo]] * (1.0 - w) + values[[s, hi]] * w;
        }
    }
    out
}

/// `Σ_{s,a} P[s,a] · w[s,a]`.
pub fn weighted_sum(pop: ArrayView2<f64>, weights: ArrayView2<f64>) -> f64 {
    pop.iter().zip(weights.iter()).map(|(p, w)| p * w).sum()
}

/// People at or over State Pension age per 1,000 people aged 16 to SPA.
pub fn old_age_dependency_per_1000(pop: ArrayView2<f64>, spa_years: f64) -> f64 {
    let mut old = 0.0;
    let mut working = 0.0;
    for s in 0..2 {
        for a in 16..N_AGES {
            let over = share_over_spa(a, spa_years);
            old += pop[[s, a]] * over;
            working += pop[[s, a]] * (1.0 - over);
        }
    }
    if working > 0.0 {
        1000.0 * old / working
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spa_share_handles_fractional_ages() {
        assert_eq!(share_over_spa(65, 66.0), 0.0);
        assert_eq!(share_over_spa(66, 66.0), 1.0);
        assert_eq!(share_over_spa(66, 66.5), 0.5);
    }

    #[test]
    fn participation_shifts_older_ages_only() {
        let mut base = Array2::<f64>::zeros((2, N_AGES));
        for a in 0..N_AGES {
            base[[0, a]] = if a < 66 { 0.8 } else { 0.1 };
        }
        let p = participation_for_spa(base.view(), 67.0, true);
        assert_eq!(p[[0, 66]], 0.8);
        assert_eq!(p[[0, 67]], 0.1);
        assert_eq!(p[[0, 30]], 0.8);
        let same = participation_for_spa(base.view(), 67.0, false);
        assert_eq!(same, base);
    }
}
