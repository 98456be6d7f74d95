//! Receipts lines held at their share of GDP in the last medium-term year:
//! corporation tax, property and capital taxes (stamp duties, CGT, IHT),
//! council tax and business rates, and interest and dividends. The OBR
//! holds receipts without a demographic or specific driver at their share
//! of GDP after the medium term; these lines are shown separately so that a
//! scenario (or a later driver: households for council tax, asset values
//! for capital taxes) can be given to each.

use crate::model::lines::{LineModel, YearContext};

struct ShareOfGdp {
    share_pct_gdp: f64,
}

/// A line that holds its calibration-year share of GDP.
pub fn model() -> Box<dyn LineModel> {
    Box::new(ShareOfGdp { share_pct_gdp: 0.0 })
}

impl LineModel for ShareOfGdp {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_pct_gdp = 100.0 * level_gbp_bn / ctx.gdp_gbp_bn;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.share_pct_gdp * ctx.gdp_gbp_bn / 100.0
    }
}
