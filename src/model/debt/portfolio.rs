//! The debt portfolio by instrument and vintage, from the year before the
//! base year to the end of the projection.
//!
//! - Conventional gilts: a maturity ladder that starts from the DMO's list
//!   (each gilt's own coupon) and adds each year's gross issuance at that
//!   year's gilt rate.
//! - Index-linked gilts: a ladder of uplifted amounts with each existing
//!   gilt's own real coupon; new issues at the scenario's real yield. The
//!   uplift (RPI, CPIH from the 2030 alignment) counts as interest.
//! - Floating debt paying Bank Rate: Treasury bills (a share of PSND) and
//!   the reserves created by quantitative easing (a £bn path that falls
//!   with quantitative tightening).
//!
//! Timing (the half-year convention): stocks held at the start of the year
//! pay a full year; gilts that mature pay half a year; everything issued
//! during the year (refinancing and new borrowing) pays half a year at the
//! year's rates. Interest is therefore linear in the year's closing debt,
//! `I = fixed + marginal · D[t]`, which the engine solves with the debt
//! identity.

// The portfolio indexes its own ladders and per-year paths built to the
// horizon's length.
#![allow(clippy::indexing_slicing)]

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

/// A year's interest as a function of its closing debt `D`:
/// `fixed_gbp_bn + marginal_share · D`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InterestStep {
    /// Interest that does not depend on the closing debt, £bn.
    pub fixed_gbp_bn: f64,
    /// Interest per £ of closing debt.
    pub marginal_share: f64,
}

impl InterestStep {
    /// Interest when the year closes with debt `debt_gbp_bn`.
    pub fn at(&self, debt_gbp_bn: f64) -> f64 {
        self.fixed_gbp_bn + self.marginal_share * debt_gbp_bn
    }

    /// The closing debt `D` that satisfies `D = D₀ + extra + I(D)`, where
    /// `extra` is everything but interest (−PB + SFA, and any fixed
    /// interest outside the portfolio).
    pub fn solve(&self, opening_gbp_bn: f64, extra_gbp_bn: f64) -> f64 {
        (opening_gbp_bn + extra_gbp_bn + self.fixed_gbp_bn) / (1.0 - self.marginal_share)
    }
}

/// The debt stock by instrument and vintage.
#[derive(Debug, Clone)]
pub struct Portfolio {
    conventional: Ladder,
    index_linked: Ladder,
    index_linked_share: f64,
    floating_rate_share: f64,
    /// QE reserves at the end of year `k` (0 = base year), £bn.
    qe_reserves_gbp_bn: Vec<f64>,
    /// Floating debt at the start of the coming year, £bn.
    floating_open_gbp_bn: f64,
    index_linked_real_yield_pct: f64,
}

/// The DMO gilts of `kind` redeeming after `opening`, as (amount, coupon)
/// rungs scaled to `stock_gbp_bn` (uplifted amounts for index-linked).
fn dmo_rungs(
    gilts: &GiltTable,
    kind: GiltKind,
    opening: FiscalYear,
    stock_gbp_bn: f64,
) -> Vec<(f64, f64)> {
    let list: Vec<_> = gilts
        .gilts
        .iter()
        .filter(|g| g.kind == kind && opening.years_until(g.redemption_year) >= 1)
        .collect();
    let n = list
        .iter()
        .map(|g| opening.years_until(g.redemption_year).max(1) as usize)
        .max()
        .unwrap_or(0);
    let total: f64 = list.iter().map(|g| g.uplifted_gbp_bn).sum();
    let mut rungs = vec![(0.0, 0.0); n];
    if total <= 0.0 {
        return rungs;
    }
    for g in list {
        let k = (opening.years_until(g.redemption_year) - 1) as usize;
        let amount = stock_gbp_bn * g.uplifted_gbp_bn / total;
        rungs[k].0 += amount;
        rungs[k].1 += amount * g.coupon_pct / 100.0;
    }
    rungs
}

impl Portfolio {
    /// The portfolio at the end of `opening` (the year before the base
    /// year) holding PSND `opening_psnd_gbp_bn`: QE reserves and bills
    /// paying Bank Rate, the index-linked share on the DMO's index-linked
    /// list, the rest on its conventional list. `qe_reserves_gbp_bn` is
    /// the reserves path from the base year.
    pub fn opening(
        debt: &Debt,
        gilts: &GiltTable,
        opening: FiscalYear,
        opening_psnd_gbp_bn: f64,
        qe_reserves_gbp_bn: Vec<f64>,
    ) -> Portfolio {
        let d0 = opening_psnd_gbp_bn;
        let floating = debt.qe_reserves_opening_gbp_bn + debt.floating_rate_share * d0;
        let il = debt.index_linked_share * d0;
        let conv = d0 - il - floating;
        let span = debt.new_issuance_average_maturity_years;
        Portfolio {
            conventional: Ladder::from_rungs(
                &dmo_rungs(gilts, GiltKind::Conventional, opening, conv),
                span,
            ),
            index_linked: Ladder::from_rungs(
                &dmo_rungs(gilts, GiltKind::IndexLinked, opening, il),
                span,
            ),
            index_linked_share: debt.index_linked_share,
            floating_rate_share: debt.floating_rate_share,
            qe_reserves_gbp_bn,
            floating_open_gbp_bn: floating,
            index_linked_real_yield_pct: debt.index_linked_real_yield_pct,
        }
    }

    fn qe_reserves(&self, k: usize) -> f64 {
        self.qe_reserves_gbp_bn
            .get(k)
            .or(self.qe_reserves_gbp_bn.last())
            .copied()
            .unwrap_or(0.0)
            .max(0.0)
    }

    /// Year `k`'s interest as a function of its closing debt, from the
    /// stocks at its start (`opening_gbp_bn` of PSND) and its `rates`.
    pub fn step(&self, k: usize, rates: YearRates) -> InterestStep {
        let gilt = rates.gilt_pct / 100.0;
        let bank = rates.bank_pct / 100.0;
        let pi = rates.index_linked_inflation_pct / 100.0;
        let il_new = (1.0 + self.index_linked_real_yield_pct / 100.0) * (1.0 + pi) - 1.0;
        let s = self.index_linked_share;
        let phi = self.floating_rate_share;
        let qe = self.qe_reserves(k);

        // Conventional: closing stock (1 − s − φ)·D − QE; gross issuance is
        // the closing stock less what is left after redemptions.
        let (m_amt, m_cpn) = self.conventional.maturing();
        let (conv_stock, conv_coupon) = self.conventional.totals();
        let conv_left = conv_stock - m_amt;
        let conv_fixed = conv_coupon - m_cpn + 0.5 * m_cpn - 0.5 * gilt * (conv_left + qe);
        // Index-linked: uplift and real coupons on the stock held; new
        // issues (closing s·D less the uplifted stock left) at the new rate.
        let (im_amt, im_cpn) = self.index_linked.maturing();
        let (il_stock, il_coupon) = self.index_linked.totals();
        let il_left = (il_stock - im_amt) * (1.0 + pi);
        let il_cpn_left = (il_coupon - im_cpn) * (1.0 + pi);
        let il_fixed =
            il_cpn_left + il_left * pi / (1.0 + pi) + 0.5 * (im_cpn * (1.0 + pi) + im_amt * pi)
                - 0.5 * il_new * il_left;
        // Floating: the opening stock for a year, the change for half.
        let fl_fixed = bank * 0.5 * (self.floating_open_gbp_bn + qe);
        InterestStep {
            fixed_gbp_bn: conv_fixed + il_fixed + fl_fixed,
            marginal_share: 0.5 * (gilt * (1.0 - s - phi) + il_new * s + bank * phi),
        }
    }

    /// Close year `k` with debt `debt_gbp_bn`: redeem what matures, uplift
    /// the index-linked stock and issue (or buy back) each instrument to
    /// its closing amount at the year's rates.
    pub fn close(&mut self, k: usize, debt_gbp_bn: f64, rates: YearRates) {
        let pi = rates.index_linked_inflation_pct / 100.0;
        let qe = self.qe_reserves(k);
        let floating = qe + self.floating_rate_share * debt_gbp_bn;
        let il = self.index_linked_share * debt_gbp_bn;
        let conv = debt_gbp_bn - il - floating;
        self.conventional.mature();
        let conv_new = conv - self.conventional.stock_gbp_bn();
        self.conventional.issue(conv_new, rates.gilt_pct);
        self.index_linked.mature_scaled(Some(1.0 + pi));
        let il_new = il - self.index_linked.stock_gbp_bn();
        self.index_linked
            .issue(il_new, self.index_linked_real_yield_pct);
        self.floating_open_gbp_bn = floating;
    }

    /// Attribute `gbp_bn` a year of interest to the conventional gilts in
    /// issue, pro rata (it runs off as they mature): the part of the EFO's
    /// interest the structure does not explain, at the end of the medium
    /// term.
    pub fn add_to_conventional_coupons(&mut self, gbp_bn: f64) {
        self.conventional.add_coupon_pro_rata(gbp_bn);
    }

    /// Conventional gilts in issue, £bn.
    pub fn conventional_stock_gbp_bn(&self) -> f64 {
        self.conventional.stock_gbp_bn()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Debt {
        Debt {
            index_linked_share: 0.25,
            floating_rate_share: 0.1,
            index_linked_real_yield_pct: 1.0,
            new_issuance_average_maturity_years: 5,
            stock_flow_adjustment_pct_gdp: None,
            other_stock_flow_pct_gdp: Some(0.0),
            other_public_sector_interest_pct_gdp: None,
            student_loans: Default::default(),
            qe_reserves_opening_gbp_bn: 0.0,
            qt_path: Vec::new(),
        }
    }

    fn gilts() -> GiltTable {
        let text = "name,kind,coupon_pct,redemption_date,nominal_gbp_m,uplifted_gbp_m\n\
            A,conventional,1.0,2027-06-01,100000,100000\n\
            B,conventional,4.0,2035-06-01,200000,200000\n\
            C,index_linked,0.125,2030-06-01,50000,80000\n";
        GiltTable::parse("test", text).unwrap()
    }

    #[test]
    fn net_assets_pay_and_earn_the_same_rates() {
        // Debt and net assets of the same size along mirror paths: interest
        // is paid on one and earned on the other, to the penny.
        let rates = YearRates {
            gilt_pct: 4.5,
            bank_pct: 3.75,
            index_linked_inflation_pct: 2.0,
        };
        let start = FiscalYear(2024);
        let mut debt = Portfolio::opening(&settings(), &gilts(), start, 1000.0, vec![]);
        let mut assets = Portfolio::opening(&settings(), &gilts(), start, -1000.0, vec![]);
        let mut d = 1000.0;
        for k in 0..30 {
            let close = d * 1.03 + 10.0 * (k as f64).sin();
            let i_debt = debt.step(k, rates).at(close);
            let i_assets = assets.step(k, rates).at(-close);
            assert!(
                (i_debt + i_assets).abs() < 1e-9,
                "year {k}: {i_debt} vs {i_assets}"
            );
            assert!(i_debt > 0.0);
            debt.close(k, close, rates);
            assets.close(k, -close, rates);
            d = close;
        }
    }

    #[test]
    fn solve_satisfies_the_debt_identity() {
        let st = InterestStep {
            fixed_gbp_bn: 50.0,
            marginal_share: 0.02,
        };
        let d = st.solve(1000.0, 30.0);
        assert!((d - (1000.0 + 30.0 + st.at(d))).abs() < 1e-9);
    }
}
