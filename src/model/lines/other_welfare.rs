//! Working-age and child welfare: population × profile, uprated with
//! earnings or CPI (scenario).

use super::profiled::{uprating_growth, Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, Uprating};
use crate::model::error::ModelError;

struct OtherWelfare {
    profiled: Profiled,
    uprating: Uprating,
}

/// The other welfare line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(OtherWelfare {
        profiled: Profiled::new(data, Spend::OtherWelfare.key(), Eligibility::All)?,
        uprating: a.spending.welfare_uprating,
    }))
}

impl LineModel for OtherWelfare {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let growth = uprating_growth(self.uprating, ctx);
        self.profiled.project(ctx, growth)
    }
}
