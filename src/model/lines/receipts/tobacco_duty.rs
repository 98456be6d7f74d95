//! Tobacco duty: after the medium term it keeps falling in cash terms by
//! `tobacco_duty_cash_decline_pct_a_year` (`tobacco_duty_path = "decline"`),
//! the EFO's own trend as smoking declines (the OBR's tobacco forecasts run
//! on "underlying trends in tobacco consumption", which it sees falling), or
//! holds its last medium-term share of GDP (`"hold"`).

use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, TobaccoDutyPath};
use crate::model::error::ModelError;
use crate::model::lines::{LineModel, YearContext};

struct TobaccoDuty {
    /// Yearly cash fall as a share (0.03 is 3 % a year), or `None` to hold
    /// the share of GDP.
    cash_decline_share: Option<f64>,
    level_mt_gbp_bn: f64,
    share_mt_pct_gdp: f64,
}

/// The tobacco duty line of scenario `a`.
pub fn model(a: &Assumptions, _data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    let r = &a.receipts;
    Ok(Box::new(TobaccoDuty {
        cash_decline_share: match r.tobacco_duty_path {
            TobaccoDutyPath::Decline => Some(r.tobacco_duty_cash_decline_pct_a_year / 100.0),
            TobaccoDutyPath::Hold => None,
        },
        level_mt_gbp_bn: 0.0,
        share_mt_pct_gdp: 0.0,
    }))
}

impl LineModel for TobaccoDuty {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.level_mt_gbp_bn = level_gbp_bn;
        self.share_mt_pct_gdp = 100.0 * level_gbp_bn / ctx.gdp_gbp_bn;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        match self.cash_decline_share {
            Some(d) => self.level_mt_gbp_bn * (1.0 - d).powi(ctx.years_after_medium_term),
            None => self.share_mt_pct_gdp * ctx.gdp_gbp_bn / 100.0,
        }
    }
}
