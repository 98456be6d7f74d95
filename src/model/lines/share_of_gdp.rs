//! Lines held at a share of GDP after the medium term: the scenario's share
//! when it sets one, else the line's share in the last medium-term year.
//! The OBR holds spending and receipts without a demographic or specific
//! driver this way: non-age-related spending (defence, transport, ...),
//! corporation tax, property and capital taxes (stamp duties, CGT, IHT:
//! with asset prices growing with nominal GDP in the long run an asset
//! driver is the same thing), interest and dividends, and the other
//! receipts (business rates too, inside their line). Each is its own line,
//! so that a scenario or a specific driver can be given to it.

use super::{LineModel, YearContext};

struct ShareOfGdp {
    scenario_pct_gdp: Option<f64>,
    share_pct_gdp: f64,
}

/// A line at `scenario_pct_gdp` of GDP, or (when `None`) at its share in
/// the calibration year.
pub fn model(scenario_pct_gdp: Option<f64>) -> Box<dyn LineModel> {
    Box::new(ShareOfGdp {
        scenario_pct_gdp,
        share_pct_gdp: 0.0,
    })
}

impl LineModel for ShareOfGdp {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.share_pct_gdp = self
            .scenario_pct_gdp
            .unwrap_or(100.0 * level_gbp_bn / ctx.gdp_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.share_pct_gdp * ctx.gdp_gbp_bn / 100.0
    }
}
