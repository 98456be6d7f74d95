//! Fuel duty: its share of GDP moves linearly from the last medium-term
//! year's by the scenario's change by the end year (negative as vehicles
//! electrify), floored at zero.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{LineModel, YearContext};

struct FuelDuty {
    change_by_end_pp_gdp: f64,
    share_mt_pct_gdp: f64,
}

/// The fuel duty line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(FuelDuty {
        change_by_end_pp_gdp: a.receipts.fuel_duty_change_by_end_pp_gdp,
        share_mt_pct_gdp: 0.0,
    }))
}

impl LineModel for FuelDuty {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_mt_pct_gdp = 100.0 * level_gbp_bn / ctx.gdp_gbp_bn;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let share = self.share_mt_pct_gdp
            + self.change_by_end_pp_gdp * f64::from(ctx.years_after_medium_term)
                / f64::from(ctx.long_term_years);
        share.max(0.0) * ctx.gdp_gbp_bn / 100.0
    }
}
