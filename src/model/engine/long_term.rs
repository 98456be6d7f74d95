//! The long-term year builder: each line projects itself from the year's
//! context (the stock-flow adjustment comes from [`super::stock_flow`] and
//! interest from the debt portfolio, in the engine loop).

use super::paths::Paths;
use super::YearFlows;
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{receipts, spending_models, LineModel, Receipt, Spend};
use crate::model::projection::Phase;

/// The line models carried from year to year.
pub(super) struct LongTerm {
    spending: Vec<Box<dyn LineModel>>,
    receipts: Vec<Box<dyn LineModel>>,
}

impl LongTerm {
    /// Lines of scenario `a`, calibrated in the last medium-term year to
    /// `spend_cal` and `receipt_cal` (£bn).
    pub fn calibrated(
        a: &Assumptions,
        data: &Dataset,
        p: &Paths,
        spend_cal: &[f64; Spend::N],
        receipt_cal: &[f64; Receipt::N],
    ) -> Result<LongTerm, ModelError> {
        let ctx = p.context(p.t_mt);
        let mut spending = spending_models(a, data)?;
        for (m, level) in spending.iter_mut().zip(spend_cal) {
            m.calibrate(&ctx, *level);
        }
        let mut receipts = receipts::models(a, data)?;
        for (m, level) in receipts.iter_mut().zip(receipt_cal) {
            m.calibrate(&ctx, *level);
        }
        Ok(LongTerm { spending, receipts })
    }

    /// Long-term year `k`.
    pub fn year(&mut self, p: &Paths, k: usize) -> YearFlows {
        let ctx = p.context(k);
        let mut spend = [0.0; Spend::N];
        for (v, m) in spend.iter_mut().zip(self.spending.iter_mut()) {
            *v = m.project(&ctx);
        }
        let mut receipts = [0.0; Receipt::N];
        for (v, m) in receipts.iter_mut().zip(self.receipts.iter_mut()) {
            *v = m.project(&ctx);
        }
        YearFlows {
            phase: Phase::Projection,
            spend,
            receipts,
            // Set by `StockFlow::year`.
            stock_flow_gbp_bn: 0.0,
        }
    }
}
