//! National insurance contributions: population × profile relative to the
//! calibration year, growing with earnings (thresholds rise with earnings
//! after the medium term: no fiscal drag).
//!
//! The profile (`nics`, built by the importer) is employment × Class 1 on
//! pay by age, with employee (primary) contributions stopping at the
//! base-year State Pension age of 66, as the law stops them at the SPA;
//! employer contributions continue at every age. Each year the employee
//! part (`nics_employee`, as if every age were under the SPA) is added for
//! ages from 66 to below that year's SPA (and taken away below 66 if the
//! SPA were lower), so employee NICs always stop at the year's SPA. All of
//! it scales with participation relative to the calibration year. A
//! profiles table without `nics_employee` is used whole.

use ndarray::Array1;

use super::income_tax::Parts;
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Assumptions;
use crate::model::economy::share_over_spa;
use crate::model::error::ModelError;
use crate::model::lines::profiled::PROFILE_SPA_YEARS;
use crate::model::lines::{Eligibility, LineModel, Profiled, Receipt, YearContext};

/// Profile column of employee NICs as if every age were under the SPA.
pub const EMPLOYEE_KEY: &str = "nics_employee";

struct Nics {
    parts: Parts,
}

/// Weight of the employee part at each age in the year of `ctx`: the share
/// of the age under that year's SPA less the share under the base-year SPA
/// the profile was built with.
pub fn employee_weights(ctx: &YearContext) -> Array1<f64> {
    Array1::from_iter((0..N_AGES).map(|a| {
        share_over_spa(a, PROFILE_SPA_YEARS as f64) - share_over_spa(a, ctx.state_pension_age_years)
    }))
}

/// The NICs line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    let whole = Profiled::new(data, Receipt::Nics.key(), Eligibility::Participation(None))?;
    let mut parts = vec![(1.0, whole, None)];
    if data.profiles.column(EMPLOYEE_KEY).is_ok() {
        let employee = Profiled::new(data, EMPLOYEE_KEY, Eligibility::Participation(None))?;
        parts.push((1.0, employee, Some(employee_weights as _)));
    }
    Ok(Box::new(Nics {
        parts: Parts::new(parts),
    }))
}

impl LineModel for Nics {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.parts.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.parts.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}

#[cfg(test)]
mod tests {
    use super::super::income_tax::tests::{baseline, ctx, fixtures};
    use super::*;

    #[test]
    fn employee_weights_cover_ages_from_66_to_below_the_year_spa() {
        let (_, pop, _) = fixtures();
        let w = |spa: f64| employee_weights(&ctx(&pop, &pop, spa));
        assert!(w(66.0).iter().all(|v| *v == 0.0));
        let w67 = w(67.0);
        assert_eq!((w67[65], w67[66], w67[67]), (0.0, 1.0, 0.0));
        let w675 = w(67.5);
        assert_eq!((w675[66], w675[67], w675[68]), (1.0, 0.5, 0.0));
        // A pension age below 66 takes employee NICs away at 65.
        assert_eq!(w(65.0)[65], -1.0);
    }

    #[test]
    fn a_later_pension_age_brings_employee_nics_at_67() {
        let (d, pop, part) = fixtures();
        let mut n = model(&baseline(), &d).unwrap();
        n.calibrate(&ctx(&pop, &part, 67.0), 200.0);
        assert!((n.project(&ctx(&pop, &part, 67.0)) - 200.0).abs() < 1e-9);
        // Same people and participation: 67-year-olds in work now pay
        // employee NICs too.
        let later = n.project(&ctx(&pop, &part, 68.0));
        assert!(later > 200.0, "{later}");
    }
}
