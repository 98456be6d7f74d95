//! Health: population × health profile, unit costs growing with earnings
//! plus "other cost pressures" that taper linearly from a start to an end
//! rate (the OBR's long-term health convention).

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, Spending};
use crate::model::error::ModelError;

struct Health {
    profiled: Profiled,
    settings: Spending,
}

/// The health line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(Health {
        profiled: Profiled::new(data, Spend::Health.key(), Eligibility::All)?,
        settings: a.spending.clone(),
    }))
}

impl Health {
    /// Other cost pressures in a long-term year, pp a year.
    fn other_cost_pressures_pp(&self, years_after_medium_term: i32) -> f64 {
        let sp = &self.settings;
        let taper = sp.health_other_cost_pressures_taper_years;
        let x = if taper == 0 {
            1.0
        } else {
            (f64::from(years_after_medium_term - 1) / f64::from(taper)).min(1.0)
        };
        sp.health_other_cost_pressures_start_pp
            + (sp.health_other_cost_pressures_end_pp - sp.health_other_cost_pressures_start_pp) * x
    }
}

impl LineModel for Health {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let ocp = self.other_cost_pressures_pp(ctx.years_after_medium_term);
        let growth = (1.0 + ctx.earnings_growth_share) * (1.0 + ocp / 100.0);
        self.profiled.project(ctx, growth)
    }
}
