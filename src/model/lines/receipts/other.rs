//! Other receipts: a share of GDP, the scenario's or else the last
//! medium-term year's.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{LineModel, YearContext};

struct Other {
    scenario_pct_gdp: Option<f64>,
    share_pct_gdp: f64,
}

/// The other-receipts line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(Other {
        scenario_pct_gdp: a.receipts.other_receipts_pct_gdp,
        share_pct_gdp: 0.0,
    }))
}

impl LineModel for Other {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_pct_gdp = self
            .scenario_pct_gdp
            .unwrap_or(100.0 * level_gbp_bn / ctx.gdp_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.share_pct_gdp * ctx.gdp_gbp_bn / 100.0
    }
}
