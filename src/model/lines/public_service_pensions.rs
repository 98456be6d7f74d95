//! Unfunded public service pensions (net): population × profile, growing
//! with earnings.

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

struct PublicServicePensions {
    profiled: Profiled,
}

/// The public service pensions line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(PublicServicePensions {
        profiled: Profiled::new(data, Spend::PublicServicePensions.key(), Eligibility::All)?,
    }))
}

impl LineModel for PublicServicePensions {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.profiled.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}
