//! VAT and alcohol duties (tobacco duty is its own line): population ×
//! profile, growing with earnings.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{Eligibility, LineModel, Profiled, Receipt, YearContext};

struct ConsumptionTaxes {
    profiled: Profiled,
}

/// The consumption taxes line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(ConsumptionTaxes {
        profiled: Profiled::new(data, Receipt::ConsumptionTaxes.key(), Eligibility::All)?,
    }))
}

impl LineModel for ConsumptionTaxes {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.profiled.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}
