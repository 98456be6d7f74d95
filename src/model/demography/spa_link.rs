//! State Pension age linked to life expectancy: the government's rule that
//! people should spend about a third of their adult life (from age 20)
//! over State Pension age, applied to the cohort life expectancy the
//! demography engine's rates imply.
//!
//! The rule is the one the State Pension age reviews apply (DWP, *State
//! Pension age review*, 2017, and *Third review of State Pension age*, 2023;
//! GAD's reports to both): the SPA in a year is the age `x` at which cohort
//! life expectancy `e(x)` of people reaching `x` that year is `share` of
//! adult life `x − 20 + e(x)`, i.e. `e(x) = share / (1 − share) · (x − 20)`.
//! The SPA never falls: once set it stays until the rule asks for more.
//! Ages are rounded down to whole months (the SPA is set in months).

use serde::{Deserialize, Serialize};

use super::assumptions::DemographicAssumptions;
use super::projection::SpaPath;
use crate::data::MAX_AGE;

/// The `[state_pension_age.link_to_life_expectancy]` table of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpaLink {
    /// First fiscal year whose SPA follows the rule (before it, the
    /// legislated steps).
    pub from: crate::years::FiscalYear,
    /// Share of adult life to be spent over State Pension age, 0..1. The
    /// government's rule is "up to one third"; GAD's reports to the 2017 and
    /// 2023 State Pension age reviews compute the timetable for 32 %, the
    /// default here.
    #[serde(default = "default_share")]
    pub share_of_adult_life: f64,
    /// Age at which adult life starts, years (the reviews use 20).
    #[serde(default = "default_adult_from")]
    pub adult_life_from_age_years: f64,
}

fn default_share() -> f64 {
    DEFAULT_SHARE_OF_ADULT_LIFE
}

/// The share of adult life in retirement GAD applies for the reviews.
pub const DEFAULT_SHARE_OF_ADULT_LIFE: f64 = 0.32;

fn default_adult_from() -> f64 {
    20.0
}

/// Cohort life expectancy (years, mean of the sexes) at exact age `age`
/// (whole years) of people that age at mid-`year`: each year of their life
/// takes the rate of their age in that projection year, the last
/// projection year's rates holding after the assumptions end. ONS rates are
/// by age last birthday at the start of the year, so on average they cover
/// exact ages `a + ½` to `a + 1½`; the year from exact age `x` takes the mean
/// of the rates of ages `x − 1` and `x`.
pub fn cohort_life_expectancy(a: &DemographicAssumptions, age: usize, year: i32) -> f64 {
    let n = a.n_years();
    let mean: f64 = (0..2)
        .map(|s| {
            let mut l = 1.0;
            let mut e = 0.0;
            let mut j = (year - a.base_year).max(0) as usize;
            for x in age.min(MAX_AGE)..MAX_AGE {
                let jj = j.min(n - 1);
                let q =
                    (a.mortality_q[[s, x.saturating_sub(1), jj]] + a.mortality_q[[s, x, jj]]) / 2.0;
                let next = l * (1.0 - q);
                e += (l + next) / 2.0;
                l = next;
                j += 1;
            }
            let q_open = a.mortality_q[[s, MAX_AGE, j.min(n - 1)]].clamp(1e-9, 1.0);
            if q_open < 1.0 {
                e += l / -(1.0 - q_open).ln();
            }
            e
        })
        .sum();
    mean / 2.0
}

/// Cohort life expectancy at a fractional age, by straight lines between
/// whole ages.
pub fn cohort_life_expectancy_at(a: &DemographicAssumptions, age_years: f64, year: i32) -> f64 {
    let lo = age_years.floor().clamp(0.0, MAX_AGE as f64) as usize;
    let w = (age_years - lo as f64).clamp(0.0, 1.0);
    let e_lo = cohort_life_expectancy(a, lo, year);
    if w == 0.0 {
        return e_lo;
    }
    e_lo + w * (cohort_life_expectancy(a, (lo + 1).min(MAX_AGE), year) - e_lo)
}

/// The age at which the rule holds exactly in `year`, years.
pub fn rule_age(a: &DemographicAssumptions, link: &SpaLink, year: i32) -> f64 {
    let ratio = link.share_of_adult_life / (1.0 - link.share_of_adult_life);
    let gap = |x: f64| {
        cohort_life_expectancy_at(a, x, year) - ratio * (x - link.adult_life_from_age_years)
    };
    // e(x) falls and the right side rises with x: bisect on a wide bracket.
    let (mut lo, mut hi) = (link.adult_life_from_age_years + 1.0, 100.0);
    for _ in 0..50 {
        let mid = (lo + hi) / 2.0;
        if gap(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// The linked SPA of each calendar year `first..=last`, starting from
/// `start_age_years` (the legislated SPA the year before): the rule age
/// rounded down to whole months, never below the year before.
pub fn linked_spa_path(
    a: &DemographicAssumptions,
    link: &SpaLink,
    first: i32,
    last: i32,
    start_age_years: f64,
) -> SpaPath {
    let mut current = start_age_years;
    let points = (first..=last)
        .map(|year| {
            let months = (rule_age(a, link, year) * 12.0).floor() / 12.0;
            current = current.max(months);
            (year, current)
        })
        .collect();
    SpaPath { points }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demography::principal_assumptions;

    fn link() -> SpaLink {
        SpaLink {
            from: crate::years::FiscalYear(2035),
            share_of_adult_life: DEFAULT_SHARE_OF_ADULT_LIFE,
            adult_life_from_age_years: 20.0,
        }
    }

    #[test]
    fn linked_path_meets_the_rule_whenever_it_moves() {
        let a = principal_assumptions().unwrap();
        let l = link();
        let path = linked_spa_path(&a, &l, 2035, 2075, 66.0);
        let mut moves = 0;
        for w in path.points.windows(2) {
            let ((_, before), (year, spa)) = (w[0], w[1]);
            assert!(spa >= before, "the SPA falls in {year}");
            if spa > before {
                moves += 1;
                let e = cohort_life_expectancy_at(&a, spa, year);
                let adult = spa - l.adult_life_from_age_years + e;
                let off_years = e - l.share_of_adult_life * adult;
                assert!(
                    off_years.abs() < 0.25,
                    "{year}: SPA {spa}, {off_years} years off the rule"
                );
            }
        }
        assert!(
            moves >= 5,
            "the linked SPA should rise with life expectancy: {path:?}"
        );
        let end = path.age_at(2075);
        assert!((67.0..72.0).contains(&end), "SPA in 2075: {end}: {path:?}");
        // A third of adult life asks for a lower SPA than 32 %.
        let third = SpaLink {
            share_of_adult_life: 1.0 / 3.0,
            ..l.clone()
        };
        assert!(rule_age(&a, &third, 2050) < rule_age(&a, &l, 2050));
    }

    #[test]
    fn cohort_life_expectancy_exceeds_period_and_falls_with_age() {
        let a = principal_assumptions().unwrap();
        let e65 = cohort_life_expectancy(&a, 65, 2030);
        let e66 = cohort_life_expectancy(&a, 66, 2030);
        assert!(e65 > e66 && e65 > 19.0 && e65 < 26.0, "{e65}");
        assert!(cohort_life_expectancy(&a, 65, 2060) > e65);
    }
}
