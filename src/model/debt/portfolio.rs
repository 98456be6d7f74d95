//! The debt portfolio after the medium term: index-linked gilts, floating
//! debt and the conventional ladder, as fixed shares of PSND. It is
//! calibrated in the last medium-term year (the legacy conventional coupon
//! that reproduces the EFO's interest) and yields interest each long-term
//! year.

use super::Ladder;
use crate::data::{GiltKind, GiltTable};
use crate::model::assumptions::Debt;
use crate::years::FiscalYear;

/// Market rates in one year, %.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearRates {
    /// Yield on new conventional gilts, %.
    pub gilt_pct: f64,
    /// Bank Rate, %.
    pub bank_pct: f64,
    /// Inflation uplifting index-linked gilts (RPI, CPIH once aligned), %.
    pub index_linked_inflation_pct: f64,
}

/// The debt stock by instrument, from the end of the medium term.
#[derive(Debug, Clone)]
pub struct Portfolio {
    debt: Debt,
    /// Conventional gilts redeeming k+1 years after the medium term, £bn.
    shape: Vec<f64>,
    legacy_rate_pct: f64,
    conventional_stock_mt_gbp_bn: f64,
    /// Medium-term gilt rate before any shock: prices debt above or below
    /// the EFO path when the ladder is built.
    gilt_mt_pct: f64,
    ladder: Option<Ladder>,
}

impl Portfolio {
    /// The portfolio of scenario debt settings `debt`, with the conventional
    /// ladder shaped by the DMO's gilts redeeming after `medium_term_end`.
    pub fn new(debt: &Debt, gilts: &GiltTable, medium_term_end: FiscalYear) -> Portfolio {
        Portfolio {
            debt: debt.clone(),
            shape: conventional_shape(gilts, medium_term_end),
            legacy_rate_pct: 0.0,
            conventional_stock_mt_gbp_bn: 0.0,
            gilt_mt_pct: 0.0,
            ladder: None,
        }
    }

    fn conventional_share(&self) -> f64 {
        1.0 - self.debt.index_linked_share - self.debt.floating_rate_share
    }

    fn index_linked_rate(&self, inflation_pct: f64) -> f64 {
        (1.0 + self.debt.index_linked_real_coupon_pct / 100.0) * (1.0 + inflation_pct / 100.0) - 1.0
    }

    /// Calibrate in the last medium-term year: the legacy conventional
    /// coupon is the one that, with the index-linked and floating parts at
    /// that year's (unshocked) `rates`, reproduces the EFO's
    /// `efo_interest_gbp_bn` on the EFO's opening debt `stock_gbp_bn`.
    pub fn calibrate(&mut self, efo_interest_gbp_bn: f64, stock_gbp_bn: f64, rates: YearRates) {
        let d = &self.debt;
        let il_rate_mt = self.index_linked_rate(rates.index_linked_inflation_pct);
        let other = stock_gbp_bn
            * (d.index_linked_share * il_rate_mt + d.floating_rate_share * rates.bank_pct / 100.0);
        let conv_share = self.conventional_share();
        self.legacy_rate_pct = 100.0 * (efo_interest_gbp_bn - other) / (conv_share * stock_gbp_bn);
        self.conventional_stock_mt_gbp_bn = conv_share * stock_gbp_bn;
        self.gilt_mt_pct = rates.gilt_pct;
    }

    /// The legacy conventional coupon found by [`Portfolio::calibrate`], %.
    pub fn legacy_rate_pct(&self) -> f64 {
        self.legacy_rate_pct
    }

    /// The conventional stock in the calibration year, £bn.
    pub fn conventional_stock_mt_gbp_bn(&self) -> f64 {
        self.conventional_stock_mt_gbp_bn
    }

    /// Interest in a long-term year on last year's debt `debt_prev_gbp_bn`:
    /// the ladder refinances what matures at this year's gilt rate; the
    /// index-linked and floating parts pay this year's rates.
    pub fn interest_gbp_bn(&mut self, debt_prev_gbp_bn: f64, rates: YearRates) -> f64 {
        let il_rate = self.index_linked_rate(rates.index_linked_inflation_pct);
        let d_il = self.debt.index_linked_share;
        let d_fl = self.debt.floating_rate_share;
        let lad = self.ladder_for(debt_prev_gbp_bn);
        lad.roll(rates.gilt_pct);
        lad.coupon_gbp_bn() + debt_prev_gbp_bn * (d_il * il_rate + d_fl * rates.bank_pct / 100.0)
    }

    /// Finance the year's end-of-year debt `debt_gbp_bn`: the conventional
    /// ladder issues (or buys back) to its share at `gilt_pct`.
    pub fn finance(&mut self, debt_gbp_bn: f64, gilt_pct: f64) {
        let conv_share = self.conventional_share();
        if let Some(l) = self.ladder.as_mut() {
            l.issue(conv_share * debt_gbp_bn - l.stock_gbp_bn(), gilt_pct);
        }
    }

    /// The ladder, built on first use from the debt entering the long term:
    /// the calibrated stock at the legacy coupon, any difference at the
    /// medium-term gilt rate.
    fn ladder_for(&mut self, debt_prev_gbp_bn: f64) -> &mut Ladder {
        let conv_now = self.conventional_share() * debt_prev_gbp_bn;
        let coupon = self.legacy_rate_pct / 100.0 * self.conventional_stock_mt_gbp_bn
            + self.gilt_mt_pct / 100.0 * (conv_now - self.conventional_stock_mt_gbp_bn);
        let rate = if conv_now > 0.0 {
            100.0 * coupon / conv_now
        } else {
            0.0
        };
        let (shape, maturity) = (&self.shape, self.debt.new_issuance_average_maturity_years);
        self.ladder
            .get_or_insert_with(|| Ladder::new(shape, conv_now.max(0.0), rate, maturity))
    }
}

/// Conventional gilts redeeming k+1 years after `medium_term_end`, £bn.
fn conventional_shape(gilts: &GiltTable, medium_term_end: FiscalYear) -> Vec<f64> {
    let horizon_end = gilts
        .gilts
        .iter()
        .map(|g| g.redemption_year)
        .max()
        .unwrap_or(medium_term_end);
    let n = medium_term_end.years_until(horizon_end).max(0) as usize;
    let mut v = vec![0.0; n];
    for gl in gilts
        .gilts
        .iter()
        .filter(|g| g.kind == GiltKind::Conventional)
    {
        let off = medium_term_end.years_until(gl.redemption_year);
        if off >= 1 {
            v[(off - 1) as usize] += gl.nominal_gbp_bn;
        }
    }
    v
}
