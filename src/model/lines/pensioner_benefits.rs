//! Pensioner benefits other than the State Pension: people over the State
//! Pension age × profile, uprated with earnings or CPI (scenario).

use super::profiled::{uprating_growth, Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, Uprating};
use crate::model::error::ModelError;

struct PensionerBenefits {
    profiled: Profiled,
    uprating: Uprating,
}

/// The pensioner benefits line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(PensionerBenefits {
        profiled: Profiled::new(data, Spend::PensionerBenefits.key(), Eligibility::OverSpa)?,
        uprating: a.spending.pensioner_benefits_uprating,
    }))
}

impl LineModel for PensionerBenefits {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let growth = uprating_growth(self.uprating, ctx);
        self.profiled.project(ctx, growth)
    }
}
