//! The State Pension in two parts, by birth cohort rather than by a static
//! age profile:
//!
//! - **flat-rate**: the basic State Pension (people who reached State Pension
//!   age before 6 April 2016) and the new State Pension (after), uprated by
//!   the triple lock, i.e. earnings plus `triple_lock_premium_pp`;
//! - **earnings-related**: the additional State Pension (SERPS / S2P) and
//!   graduated pension of the pre-2016 cohorts, uprated with CPI.
//!
//! ```text
//! X[t] = k · Σ_{s,a} P[s,a,t] · over_spa(a, S[t]) · (flat_s(b) · F[t] + earn_s(b) · C[t])
//! ```
//!
//! with `b` the birth cohort of age `a` in year `t`, `F` the triple-lock
//! index and `C` the CPI index (both 1 in the calibration year) and `k`
//! calibrated so that the line equals the data in the last medium-term year.
//! Amounts per recipient by scheme and sex are DWP benefit statistics
//! (`docs/model.md`); the DWP caseload and spending tables give the average
//! award they are checked against.

use super::{LineModel, YearContext};
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Assumptions;
use crate::model::economy::share_over_spa;
use crate::model::error::ModelError;

/// Birth dates (as fractional years) before which people reached State
/// Pension age before 6 April 2016 and stay on the pre-2016 scheme: men born
/// before 6 April 1951, women before 6 April 1953 (Pensions Act 2014, s.4).
pub const LEGACY_BORN_BEFORE: [f64; 2] = [1951.26, 1953.26];
/// Full basic State Pension, 2025-26, £ a week (£169.50 in 2024-25 uprated
/// by 4.1 %: Social Security Benefits Up-rating Order 2025).
pub const BASIC_FULL_GBP_PER_WEEK: f64 = 176.45;
/// Average award of pre-2016 (legacy) recipients, men and women, £ a week
/// (DWP benefit statistics, August 2025, published February 2026).
pub const LEGACY_AVERAGE_GBP_PER_WEEK: [f64; 2] = [225.04, 194.94];
/// Average new State Pension award, men and women, £ a week (DWP, August
/// 2025: women £214.41; men from the February 2022 men/women ratio
/// 170.49/165.45).
pub const NEW_AVERAGE_GBP_PER_WEEK: [f64; 2] = [214.41 * 170.49 / 165.45, 214.41];

/// Flat-rate and earnings-related amount (£ a week, 2025-26) of a recipient
/// of sex `s` (0 male, 1 female) aged `age` at mid-`year`.
pub fn amounts_gbp_per_week(s: usize, age: usize, year: i32) -> (f64, f64) {
    // Two sexes; anything else is read as female (the arrays' last entry).
    let s = s.min(1);
    // Born in the year to mid-`year − age`; the share born before the cutoff.
    let born_from = f64::from(year) - age as f64 - 0.5;
    let legacy = (LEGACY_BORN_BEFORE.get(s).copied().unwrap_or(0.0) - born_from).clamp(0.0, 1.0);
    let legacy_earnings = (LEGACY_AVERAGE_GBP_PER_WEEK.get(s).copied().unwrap_or(0.0)
        - BASIC_FULL_GBP_PER_WEEK)
        .max(0.0);
    let flat = legacy * BASIC_FULL_GBP_PER_WEEK
        + (1.0 - legacy) * NEW_AVERAGE_GBP_PER_WEEK.get(s).copied().unwrap_or(0.0);
    (flat, legacy * legacy_earnings)
}

struct StatePension {
    triple_lock_premium_pp: f64,
    scale: f64,
    flat_index: f64,
    cpi_index: f64,
}

/// The State Pension line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(StatePension {
        triple_lock_premium_pp: a.spending.triple_lock_premium_pp,
        scale: 0.0,
        flat_index: 1.0,
        cpi_index: 1.0,
    }))
}

/// Recipients over State Pension age weighted by their flat-rate and
/// earnings-related amounts: `(Σ P·elig·flat, Σ P·elig·earn)`.
pub fn volumes(ctx: &YearContext) -> (f64, f64) {
    let (mut flat, mut earn) = (0.0, 0.0);
    for s in 0..2 {
        for age in 0..N_AGES {
            let eligible = ctx.population.get([s, age]).copied().unwrap_or(0.0)
                * share_over_spa(age, ctx.state_pension_age_years);
            if eligible > 0.0 {
                let (f, e) = amounts_gbp_per_week(s, age, ctx.year.start());
                flat += eligible * f;
                earn += eligible * e;
            }
        }
    }
    (flat, earn)
}

impl StatePension {
    fn level(&self, ctx: &YearContext) -> f64 {
        let (flat, earn) = volumes(ctx);
        self.scale * (flat * self.flat_index + earn * self.cpi_index)
    }
}

impl LineModel for StatePension {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        let (flat, earn) = volumes(ctx);
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
mod tests {
    use super::*;
    use crate::years::FiscalYear;
    use ndarray::Array2;

    fn ctx<'a>(pop: &'a Array2<f64>, part: &'a Array2<f64>, year: i32) -> YearContext<'a> {
        YearContext {
            year_index: 0,
            year: FiscalYear(year),
            years_after_medium_term: 0,
            long_term_years: 1,
            earnings_growth_share: 0.04,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: 66.0,
            participation: part.view(),
            gdp_gbp_bn: 1000.0,
        }
    }

    #[test]
    fn cohort_amounts_reproduce_the_dwp_average_award() {
        // DWP: 2025-26 spending / caseload = £212.74 a week (data/SOURCES.md).
        let d = Dataset::embedded().unwrap();
        let y = FiscalYear(2025);
        let dwp = d.dwp.get("spending.state_pension", y).unwrap() * 1e9
            / (d.dwp.get("people.state_pension_caseload", y).unwrap() * 1e6)
            / 52.0;
        let j = (2025 - d.population.first_year) as usize;
        let pop = d
            .population
            .persons
            .slice(ndarray::s![.., .., j])
            .to_owned();
        let part = Array2::zeros((2, N_AGES));
        let c = ctx(&pop, &part, 2025);
        let (flat, earn) = volumes(&c);
        let people: f64 = (0..2)
            .flat_map(|s| (0..N_AGES).map(move |a| (s, a)))
            .map(|(s, a)| pop[[s, a]] * share_over_spa(a, 66.0))
            .sum();
        let ours = (flat + earn) / people;
        assert!(
            (ours / dwp - 1.0).abs() < 0.02,
            "ours £{ours:.2} vs DWP £{dwp:.2} a week"
        );
        // The earnings-related part is a small and shrinking share.
        assert!(earn / (flat + earn) > 0.03 && earn / (flat + earn) < 0.15);
    }

    #[test]
    fn legacy_cohorts_die_out_and_the_premium_is_on_the_flat_rate_only() {
        assert_eq!(amounts_gbp_per_week(0, 80, 2060).1, 0.0);
        assert!(amounts_gbp_per_week(0, 80, 2030).1 > 40.0);
        let pop = Array2::from_elem((2, N_AGES), 1000.0);
        let part = Array2::zeros((2, N_AGES));
        let c = ctx(&pop, &part, 2030);
        let (flat, earn) = volumes(&c);
        let mut line = StatePension {
            triple_lock_premium_pp: 1.0,
            scale: 0.0,
            flat_index: 1.0,
            cpi_index: 1.0,
        };
        line.calibrate(&c, 100.0);
        let next = line.project(&c);
        let expected = 100.0 * (flat * 1.04 * 1.01 + earn * 1.02) / (flat + earn);
        assert!((next - expected).abs() < 1e-9);
    }
}
