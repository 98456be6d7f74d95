//! National insurance contributions: population × profile × participation
//! relative to the calibration year, growing with earnings.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{Eligibility, LineModel, Profiled, Receipt, YearContext};

struct Nics {
    profiled: Profiled,
}

/// The NICs line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(Nics {
        profiled: Profiled::new(data, Receipt::Nics.key(), Eligibility::Participation(None))?,
    }))
}

impl LineModel for Nics {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.profiled.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}
