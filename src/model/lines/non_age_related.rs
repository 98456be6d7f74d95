//! Non-age-related primary spending (defence, transport, ...): a share of
//! GDP, the scenario's or else the last medium-term year's.

use super::{LineModel, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

struct NonAgeRelated {
    scenario_pct_gdp: Option<f64>,
    share_pct_gdp: f64,
}

/// The non-age-related line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(NonAgeRelated {
        scenario_pct_gdp: a.spending.non_age_related_pct_gdp,
        share_pct_gdp: 0.0,
    }))
}

impl LineModel for NonAgeRelated {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_pct_gdp = self
            .scenario_pct_gdp
            .unwrap_or(100.0 * level_gbp_bn / ctx.gdp_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.share_pct_gdp * ctx.gdp_gbp_bn / 100.0
    }
}
