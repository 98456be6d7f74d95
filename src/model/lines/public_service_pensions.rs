//! Unfunded public service pensions, net, as the OBR reports the line in
//! its long-term projections: pensions paid less the contributions of
//! employees, which grow with the public sector paybill.
//!
//! ```text
//! X[t] = G[t] − E[t]
//! G[t] = g · Σ_{s,a} P[s,a,t] · prof[s,a] · m[a,t]
//! m[a,t] = m[a,t−1] · (1 + w[t])            a ≤ AWARD_AGE   (awards at current pay)
//! m[a,t] = m[a−1,t−1] · (1 + cpi[t])        a > AWARD_AGE   (pensions in payment, CPI-linked)
//! E[t] = E[T] · (N[t] / N[T]) · W[t] / W[T]  (paybill: employment × earnings)
//! ```
//!
//! `prof` is the receipt profile by age (scheme pension ages: awards from
//! the 50s, full by 65), `m` the amount of each cohort relative to the
//! calibration year `T`, which follows its cohort and is uprated by CPI once
//! in payment (Pensions (Increase) Act 1971; CPI since 2011). Employment `N`
//! stands in for public sector employment (a constant share). The split of
//! the calibration-year level into pensions and employee contributions is
//! [`EMPLOYEE_CONTRIBUTIONS_SHARE_OF_PAYMENTS`].

use ndarray::Array1;

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Assumptions;
use crate::model::economy::weighted_sum;
use crate::model::error::ModelError;

/// Age up to which pensions are awarded at current pay: the profile is full
/// by 65 (normal pension ages 60-67; uniformed schemes earlier).
pub const AWARD_AGE: usize = 65;
/// Employee contributions as a share of pensions paid in the calibration
/// year. OBR: £53.1bn paid and £45.3bn of contributions in 2023-24
/// (employer and employee); employees pay about 26 % of contributions at
/// the main schemes' rates (employee 9-10 % of pay against employer
/// 23-29 % for NHS and teachers, 5-6 % against 27 % for the civil
/// service), so 0.26 × 45.3 / 53.1 ≈ 0.22. A judgement from scheme rates:
/// the split is not published with the OBR figures.
pub const EMPLOYEE_CONTRIBUTIONS_SHARE_OF_PAYMENTS: f64 = 0.22;

struct PublicServicePensions {
    /// Pensions paid, with the calibration scale of the receipt profile.
    paid: Profiled,
    /// Amount of each age's cohort relative to the calibration year.
    cohort_amount: Array1<f64>,
    contributions_gbp_bn: f64,
    calibration_employment: f64,
    earnings_index: f64,
}

/// The public service pensions line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(PublicServicePensions {
        paid: Profiled::new(data, Spend::PublicServicePensions.key(), Eligibility::All)?,
        cohort_amount: Array1::ones(N_AGES),
        contributions_gbp_bn: 0.0,
        calibration_employment: 0.0,
        earnings_index: 1.0,
    }))
}

fn employment(ctx: &YearContext) -> f64 {
    weighted_sum(ctx.population, ctx.participation)
}

impl PublicServicePensions {
    /// Age each cohort one year: awards at earnings, pensions in payment at CPI.
    fn age_cohorts(&mut self, ctx: &YearContext) {
        let w = 1.0 + ctx.earnings_growth_share;
        let cpi = 1.0 + ctx.cpi_inflation_pct / 100.0;
        // From the oldest down, so each cohort takes the amount of the one
        // a year younger before that one is aged itself.
        for age in (AWARD_AGE + 1..N_AGES).rev() {
            let younger = self.cohort_amount.get(age - 1).copied().unwrap_or(0.0);
            if let Some(a) = self.cohort_amount.get_mut(age) {
                *a = younger * cpi;
            }
        }
        for a in self.cohort_amount.iter_mut().take(AWARD_AGE + 1) {
            *a *= w;
        }
    }
}

impl LineModel for PublicServicePensions {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        let share = EMPLOYEE_CONTRIBUTIONS_SHARE_OF_PAYMENTS;
        let paid = level_gbp_bn / (1.0 - share);
        self.paid.calibrate(ctx, paid);
        self.contributions_gbp_bn = paid * share;
        self.calibration_employment = employment(ctx);
        self.cohort_amount.fill(1.0);
        self.earnings_index = 1.0;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.age_cohorts(ctx);
        self.earnings_index *= 1.0 + ctx.earnings_growth_share;
        let paid = self
            .paid
            .project_weighted(ctx, 1.0, self.cohort_amount.view());
        let contributions = if self.calibration_employment > 0.0 {
            self.contributions_gbp_bn * employment(ctx) / self.calibration_employment
                * self.earnings_index
        } else {
            0.0
        };
        paid - contributions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::years::FiscalYear;
    use ndarray::Array2;

    fn ctx<'a>(pop: &'a Array2<f64>, part: &'a Array2<f64>) -> YearContext<'a> {
        YearContext {
            year_index: 0,
            year: FiscalYear(2030),
            years_after_medium_term: 0,
            long_term_years: 45,
            earnings_growth_share: 0.04,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: 67.0,
            participation: part.view(),
            gdp_gbp_bn: 3000.0,
        }
    }

    #[test]
    fn pensions_in_payment_lag_earnings_and_contributions_follow_the_paybill() {
        let d = Dataset::embedded().unwrap();
        let pop = Array2::from_elem((2, N_AGES), 1000.0);
        let part = Array2::from_elem((2, N_AGES), 0.5);
        let mut line = model(&test_assumptions(), &d).unwrap();
        let c = ctx(&pop, &part);
        line.calibrate(&c, 40.0);
        // A stationary population: the net line grows more slowly than
        // earnings (pensions in payment rise with CPI), but every year.
        let mut last = 40.0;
        for _ in 0..40 {
            let v = line.project(&c);
            assert!(v > last && v < last * 1.04, "{v} after {last}");
            last = v;
        }
    }

    fn test_assumptions() -> crate::model::Assumptions {
        toml::from_str(include_str!("../../../scenarios/baseline.toml")).unwrap()
    }
}
