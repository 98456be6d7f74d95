//! Education: population × profile, unit costs growing with earnings.

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

struct Education {
    profiled: Profiled,
}

/// The education line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(Education {
        profiled: Profiled::new(data, Spend::Education.key(), Eligibility::All)?,
    }))
}

impl LineModel for Education {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.profiled.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}
