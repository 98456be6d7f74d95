//! The State Pension: people over the State Pension age × profile, uprated
//! with earnings plus the triple lock's premium.

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

struct StatePension {
    profiled: Profiled,
    triple_lock_premium_pp: f64,
}

/// The State Pension line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(StatePension {
        profiled: Profiled::new(data, Spend::StatePension.key(), Eligibility::OverSpa)?,
        triple_lock_premium_pp: a.spending.triple_lock_premium_pp,
    }))
}

impl LineModel for StatePension {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let growth =
            (1.0 + ctx.earnings_growth_share) * (1.0 + self.triple_lock_premium_pp / 100.0);
        self.profiled.project(ctx, growth)
    }
}
