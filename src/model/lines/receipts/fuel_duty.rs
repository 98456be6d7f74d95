//! Fuel duty: its share of GDP falls linearly from the last medium-term
//! year's to zero by `fuel_duty_zero_by` (the OBR expects receipts to "fall
//! to zero in cash terms as EVs replace petrol and diesel cars in line with
//! the Government's planned transition to net zero by 2050": FRS July 2023,
//! box "Updated electric vehicle assumptions"), or is held when that is
//! omitted or `fuel_duty_path = "hold"`; `fuel_duty_change_by_end_pp_gdp` adds a linear change by the end
//! year. Floored at zero.

use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, FuelDutyPath};
use crate::model::error::ModelError;
use crate::model::lines::{LineModel, YearContext};

struct FuelDuty {
    change_by_end_pp_gdp: f64,
    /// Years from the last medium-term year to zero, if it erodes.
    years_to_zero: Option<i32>,
    share_mt_pct_gdp: f64,
}

/// The fuel duty line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(FuelDuty {
        change_by_end_pp_gdp: a.receipts.fuel_duty_change_by_end_pp_gdp,
        years_to_zero: match a.receipts.fuel_duty_path {
            FuelDutyPath::Hold => None,
            FuelDutyPath::Electrify => a
                .receipts
                .fuel_duty_zero_by
                .map(|y| a.horizon.medium_term_end.years_until(y).max(1)),
        },
        share_mt_pct_gdp: 0.0,
    }))
}

impl LineModel for FuelDuty {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_mt_pct_gdp = 100.0 * level_gbp_bn / ctx.gdp_gbp_bn;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let after = ctx.years_after_medium_term;
        let held = match self.years_to_zero {
            Some(n) => self.share_mt_pct_gdp * (1.0 - f64::from(after) / f64::from(n)).max(0.0),
            None => self.share_mt_pct_gdp,
        };
        let share =
            held + self.change_by_end_pp_gdp * f64::from(after) / f64::from(ctx.long_term_years);
        share.max(0.0) * ctx.gdp_gbp_bn / 100.0
    }
}
