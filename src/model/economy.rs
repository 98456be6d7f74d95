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

/// Share of people aged `age` who are at or over the State Pension age.
pub fn share_over_spa(age: usize, spa_years: f64) -> f64 {
    (age as f64 + 1.0 - spa_years).clamp(0.0, 1.0)
}

/// Share of people aged `age` between the State Pension age the data were
/// observed with (66) and `spa_years`: positive when a later SPA keeps them
/// under it, negative when an earlier one puts them over it, 0 for every
/// other age (all those under the lower of the two and all those at or
/// over the higher).
pub fn share_between_old_and_new_spa(age: usize, spa_years: f64) -> f64 {
    share_over_spa(age, PARTICIPATION_DATA_SPA_YEARS) - share_over_spa(age, spa_years)
}

/// Participation by sex and age in a year with State Pension age `spa`:
/// the base profile (observed with an SPA of 66), plus, for the people a
/// later SPA keeps under it (ages between 66 and `spa`), the employment
/// effect of a rise in the SPA measured on the people it affected,
/// `effect_pp[sex]` percentage points of employment, converted to
/// participation at the unemployment rate `unemployment_pct`; an earlier
/// SPA takes it off those it puts over it. No other age changes. A rate is
/// never raised above the rate at 65 (the last age under the data's SPA).
pub fn participation_for_spa(
    base: ArrayView2<f64>,
    spa_years: f64,
    follows_spa: bool,
    effect_pp: [f64; 2],
    unemployment_pct: f64,
) -> Array2<f64> {
    let mut out = base.to_owned();
    if !follows_spa || spa_years == PARTICIPATION_DATA_SPA_YEARS {
        return out;
    }
    let employed_share = (1.0 - unemployment_pct / 100.0).max(1e-9);
    let last_under = PARTICIPATION_DATA_SPA_YEARS as usize - 1;
    for s in 0..2 {
        let cap = base[[s, last_under]];
        for a in 0..N_AGES {
            let share = share_between_old_and_new_spa(a, spa_years);
            if share == 0.0 {
                continue;
            }
            let v = base[[s, a]] + share * effect_pp[s] / 100.0 / employed_share;
            out[[s, a]] = v.clamp(0.0, cap.max(base[[s, a]]));
        }
    }
    out
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

/// `Σ_{s,a} P[s,a] · w[s,a]`, summed in row-major order.
pub fn weighted_sum(pop: ArrayView2<f64>, weights: ArrayView2<f64>) -> f64 {
    // Standard-layout views (the model's always are) as plain slices: the
    // same elements in the same order, so the same sum to the bit, without
    // ndarray's per-element index arithmetic (about 7 % of a run before).
    match (pop.as_slice(), weights.as_slice()) {
        (Some(p), Some(w)) => p.iter().zip(w).map(|(p, w)| p * w).sum(),
        _ => pop.iter().zip(weights.iter()).map(|(p, w)| p * w).sum(),
    }
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

    fn profile() -> Array2<f64> {
        let mut base = Array2::<f64>::zeros((2, N_AGES));
        for a in 0..N_AGES {
            base[[0, a]] = if a < 66 { 0.8 } else { 0.1 };
            base[[1, a]] = if a < 66 { 0.7 } else { 0.05 };
        }
        base
    }

    #[test]
    fn the_response_is_only_for_the_ages_between_the_old_and_new_spa() {
        let base = profile();
        let p = participation_for_spa(base.view(), 68.0, true, [7.4, 8.5], 0.0);
        for a in 0..66 {
            // Zero for every cohort below the old SPA.
            assert_eq!(p[[0, a]], base[[0, a]], "men {a}");
            assert_eq!(p[[1, a]], base[[1, a]], "women {a}");
        }
        for a in [66, 67] {
            assert!((p[[0, a]] - (0.1 + 0.074)).abs() < 1e-12, "men {a}");
            assert!((p[[1, a]] - (0.05 + 0.085)).abs() < 1e-12, "women {a}");
        }
        for a in 68..N_AGES {
            // and for every cohort at or over the new one.
            assert_eq!(p[[0, a]], base[[0, a]], "men {a}");
        }
        let same = participation_for_spa(base.view(), 68.0, false, [7.4, 8.5], 0.0);
        assert_eq!(same, base);
    }

    #[test]
    fn a_fractional_spa_covers_part_of_an_age_and_employment_becomes_participation() {
        let base = profile();
        let p = participation_for_spa(base.view(), 66.5, true, [7.4, 8.5], 5.0);
        assert!((p[[0, 66]] - (0.1 + 0.5 * 0.074 / 0.95)).abs() < 1e-12);
        assert_eq!(p[[0, 67]], base[[0, 67]]);
        // An earlier SPA takes the effect off the people it puts over it.
        let early = participation_for_spa(base.view(), 65.0, true, [7.4, 8.5], 0.0);
        assert!((early[[0, 65]] - (0.8 - 0.074)).abs() < 1e-12);
        assert_eq!(early[[0, 64]], base[[0, 64]]);
        assert_eq!(early[[0, 66]], base[[0, 66]]);
        // Never above the rate just under the data's SPA.
        let big = participation_for_spa(base.view(), 68.0, true, [90.0, 90.0], 0.0);
        assert_eq!(big[[0, 66]], 0.8);
    }
}
