//! The long-term year builder: each line projects itself from the year's
//! context, the debt portfolio yields interest on last year's debt, and the
//! stock-flow adjustment is the scenario's share of GDP.

use super::paths::Paths;
use super::YearFlows;
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::debt::Portfolio;
use crate::model::error::ModelError;
use crate::model::lines::{receipts, spending_models, LineModel, Receipt, Spend};
use crate::model::projection::Phase;

/// The line models and debt portfolio carried from year to year.
pub(super) struct LongTerm {
    spending: Vec<Box<dyn LineModel>>,
    receipts: Vec<Box<dyn LineModel>>,
    pub portfolio: Portfolio,
    stock_flow_adjustment_pct_gdp: f64,
}

impl LongTerm {
    /// Lines and portfolio of scenario `a`, calibrated in the last
    /// medium-term year to `spend_cal` and `receipt_cal` (£bn), with the
    /// portfolio reproducing the EFO's interest `efo_interest_gbp_bn` on
    /// its opening debt `efo_stock_gbp_bn`.
    pub fn calibrated(
        a: &Assumptions,
        data: &Dataset,
        p: &Paths,
        spend_cal: &[f64; Spend::N],
        receipt_cal: &[f64; Receipt::N],
        efo_interest_gbp_bn: f64,
        efo_stock_gbp_bn: f64,
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
        let mut portfolio = Portfolio::new(&a.debt, &data.gilts, a.horizon.medium_term_end);
        portfolio.calibrate(efo_interest_gbp_bn, efo_stock_gbp_bn, p.rates_mt_unshocked);
        Ok(LongTerm {
            spending,
            receipts,
            portfolio,
            stock_flow_adjustment_pct_gdp: a.debt.stock_flow_adjustment_pct_gdp,
        })
    }

    /// Long-term year `k` on last year's debt `debt_prev_gbp_bn`.
    pub fn year(&mut self, p: &Paths, k: usize, debt_prev_gbp_bn: f64) -> YearFlows {
        let ctx = p.context(k);
        let mut spend = [0.0; Spend::N];
        for (v, m) in spend.iter_mut().zip(self.spending.iter_mut()) {
            *v = m.project(&ctx);
        }
        let mut receipts = [0.0; Receipt::N];
        for (v, m) in receipts.iter_mut().zip(self.receipts.iter_mut()) {
            *v = m.project(&ctx);
        }
        let interest = self.portfolio.interest_gbp_bn(debt_prev_gbp_bn, p.rates(k));
        YearFlows {
            phase: Phase::Projection,
            spend,
            receipts,
            interest_gbp_bn: interest,
            stock_flow_gbp_bn: self.stock_flow_adjustment_pct_gdp * ctx.gdp_gbp_bn / 100.0,
        }
    }
}
