//! Adult social care: population × profile, unit costs growing with
//! earnings plus a cost premium.

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

struct AdultSocialCare {
    profiled: Profiled,
    cost_premium_pp: f64,
}

/// The adult social care line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(AdultSocialCare {
        profiled: Profiled::new(data, Spend::AdultSocialCare.key(), Eligibility::All)?,
        cost_premium_pp: a.spending.adult_social_care_cost_premium_pp,
    }))
}

impl LineModel for AdultSocialCare {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let growth = (1.0 + ctx.earnings_growth_share) * (1.0 + self.cost_premium_pp / 100.0);
        self.profiled.project(ctx, growth)
    }
}
