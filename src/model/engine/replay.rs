//! The debt side of a projection, re-run with other adjustments.
//!
//! Adjustments to spending, receipts and the primary balance (fiscal-gap
//! steps, interventions' savings and costs) change nothing in a projection
//! but the primary balance: GDP, rates, the lines before adjustment and
//! the stock-flow adjustment do not depend on the debt. What the primary
//! balance moves is the debt, and through the gilt portfolio (issuance,
//! buybacks, the half-year convention) and the gilt rate's feedback from
//! the debt ratio, interest. That part is not linear in the adjustment
//! (buybacks are pro rata when nominal debt falls; issuance at a rate that
//! depends on the debt), so it is re-run, not extrapolated: [`Replay`]
//! keeps each year's flows before adjustment, its rates and the EFO's
//! interest, and re-runs the portfolio and the debt recursion with the
//! projection's own functions ([`DebtState`]), in the same order, so a
//! replay gives the PSND of a full re-projection to the bit. It costs a
//! few per cent of a projection (no demography, no lines).
//!
//! Rate shocks move the paths themselves, so a replay is only offered for
//! adjustments with the same rate shocks as the recorded projection.

use super::medium_term::EfoInterest;
use super::{adjusted, primary_balance, year_interest, YearFlows};
use crate::model::adjustments::{Adjustments, RateShock};
use crate::model::debt::{Portfolio, YearRates};
use crate::model::error::ModelError;
use crate::years::FiscalYear;

/// The debt and its interest carried from year to year.
#[derive(Debug, Clone)]
pub(super) struct DebtState {
    portfolio: Portfolio,
    debt_prev_gbp_bn: f64,
    /// PSND of the closed years, % of GDP (the rate feedback reads it).
    psnd_pct_gdp: Vec<f64>,
    t_mt: usize,
    feedback_bp_per_10pp: f64,
}

impl DebtState {
    /// The state at the end of the year before the base year.
    pub fn opening(
        portfolio: Portfolio,
        opening_psnd_gbp_bn: f64,
        t_mt: usize,
        feedback_bp_per_10pp: f64,
    ) -> DebtState {
        DebtState {
            portfolio,
            debt_prev_gbp_bn: opening_psnd_gbp_bn,
            psnd_pct_gdp: Vec::new(),
            t_mt,
            feedback_bp_per_10pp,
        }
    }

    /// PSND at the end of the last closed year, £bn.
    pub fn debt_prev_gbp_bn(&self) -> f64 {
        self.debt_prev_gbp_bn
    }

    /// Market rates in year `k` from the paths' `base`: after the medium
    /// term the gilt rate's feedback from last year's debt ratio relative
    /// to the last medium-term year's.
    fn rates(&self, k: usize, base: YearRates) -> YearRates {
        let mut r = base;
        let fb = self.feedback_bp_per_10pp;
        if fb != 0.0 && k > self.t_mt {
            if let (Some(prev), Some(mt)) = (
                k.checked_sub(1).and_then(|j| self.psnd_pct_gdp.get(j)),
                self.psnd_pct_gdp.get(self.t_mt),
            ) {
                r.gilt_pct += fb / 100.0 * (prev - mt) / 10.0;
            }
        }
        r
    }

    /// Year `k`'s rates, its interest (solved with the debt it is paid on)
    /// and what the portfolio does not explain of the EFO's interest, for
    /// the year's [`Balances`].
    pub fn interest(
        &self,
        k: usize,
        base_rates: YearRates,
        efo: Option<&EfoInterest>,
        b: Balances,
    ) -> (YearRates, f64, f64) {
        let rates = self.rates(k, base_rates);
        let step = self.portfolio.step(k, rates);
        let net_gbp_bn = b.sfa_gbp_bn + b.other_interest_gbp_bn - b.pb_gbp_bn;
        let (interest, outside) = year_interest(&step, self.debt_prev_gbp_bn, net_gbp_bn, efo);
        (rates, interest, outside)
    }

    /// Close year `k` with PSND `psnd_gbp_bn` (`psnd_pct_gdp` of GDP):
    /// issue or buy back to it, and at the end of the medium term attribute
    /// the unexplained interest `outside_gbp_bn` to the gilts then in issue.
    pub fn close(
        &mut self,
        k: usize,
        psnd_gbp_bn: f64,
        psnd_pct_gdp: f64,
        rates: YearRates,
        outside_gbp_bn: f64,
    ) {
        self.portfolio.close(k, psnd_gbp_bn, rates);
        if k == self.t_mt {
            self.portfolio.add_to_conventional_coupons(outside_gbp_bn);
        }
        self.debt_prev_gbp_bn = psnd_gbp_bn;
        self.psnd_pct_gdp.push(psnd_pct_gdp);
    }

    /// Conventional gilts in issue, £bn.
    pub fn conventional_stock_gbp_bn(&self) -> f64 {
        self.portfolio.conventional_stock_gbp_bn()
    }
}

/// What a year adds to the debt besides the gilts' interest, £bn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Balances {
    /// Primary balance (receipts less primary spending on the FRS's
    /// definition), £bn.
    pub pb_gbp_bn: f64,
    /// The other public sector interest (outside the EFO's central
    /// government debt interest net of the APF), £bn.
    pub other_interest_gbp_bn: f64,
    /// Stock-flow adjustment, £bn.
    pub sfa_gbp_bn: f64,
}

impl Balances {
    /// PSNB for central government debt interest `interest`, £bn:
    /// `PSNB = interest + other public sector interest − PB`.
    pub fn psnb_gbp_bn(&self, interest: f64) -> f64 {
        interest + self.other_interest_gbp_bn - self.pb_gbp_bn
    }
}

/// `PSND[t] = PSND[t−1] + PSNB[t] + SFA[t]`.
pub(super) fn closing_debt(debt_prev: f64, interest: f64, b: &Balances) -> f64 {
    debt_prev + b.psnb_gbp_bn(interest) + b.sfa_gbp_bn
}

/// One recorded year.
#[derive(Debug, Clone)]
pub(super) struct RecordedYear {
    pub year: FiscalYear,
    /// Flows before adjustments.
    pub flows: YearFlows,
    /// The paths' rates (with the recorded rate shocks, before the feedback).
    pub rates: YearRates,
    pub efo: Option<EfoInterest>,
    pub gdp_gbp_bn: f64,
    pub gdp_centred_gbp_bn: f64,
    /// The other public sector interest, £bn (not adjusted).
    pub other_interest_gbp_bn: f64,
}

/// What re-running a projection's debt needs; see the module docs.
#[derive(Debug, Clone)]
pub struct Replay {
    pub(super) opening: DebtState,
    pub(super) years: Vec<RecordedYear>,
    pub(super) rate_shocks: Vec<RateShock>,
}

/// One year of a replayed debt path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DebtRow {
    /// The year.
    pub year: FiscalYear,
    /// PSND, £bn, and % of GDP centred on end-March.
    pub psnd_gbp_bn: f64,
    /// PSND, % of GDP centred on end-March.
    pub psnd_pct_gdp: f64,
    /// Primary balance with the adjustments, £bn.
    pub primary_balance_gbp_bn: f64,
    /// Stock-flow adjustment, £bn.
    pub stock_flow_gbp_bn: f64,
    /// Central government debt interest net of the APF, £bn.
    pub interest_gbp_bn: f64,
    /// The other public sector interest, £bn.
    pub other_interest_gbp_bn: f64,
    /// Fiscal-year GDP, £bn.
    pub gdp_gbp_bn: f64,
    /// GDP centred on end-March, £bn.
    pub gdp_centred_gbp_bn: f64,
}

impl Replay {
    /// Whether `adj` can be replayed (its rate shocks are the recorded ones).
    pub fn accepts(&self, adj: &Adjustments) -> bool {
        let n = self.years.len();
        (0..n).all(|k| adj.rate_shock(k) == self.rate_shocks.get(k).copied().unwrap_or_default())
    }

    /// `unadjusted`, the projection this replay recorded, with the debt of
    /// `adj` written in: PSND, the balances and interest of each year are
    /// those of a re-projection with `adj` (to the bit); the lines and GDP
    /// stay `unadjusted`'s (adjustments do not move GDP, and the lines are
    /// shown before them only there). `None` when `adj` moves the rates.
    pub fn debt_replayed(
        &self,
        unadjusted: &crate::model::Projection,
        adj: &Adjustments,
    ) -> Option<Result<crate::model::Projection, ModelError>> {
        let rows = match self.debt_path(adj)? {
            Ok(rows) => rows,
            Err(e) => return Some(Err(e)),
        };
        Replay::written_into(unadjusted, &rows).map(Ok)
    }

    /// `unadjusted` with the debt `rows` (a [`Replay::debt_path`] of the
    /// replay `unadjusted` recorded) written in, as
    /// [`Replay::debt_replayed`] gives it; `None` if the years differ.
    pub fn written_into(
        unadjusted: &crate::model::Projection,
        rows: &[DebtRow],
    ) -> Option<crate::model::Projection> {
        let mut p = unadjusted.clone();
        if rows.len() != p.years.len() {
            return None;
        }
        for (y, r) in p.years.iter_mut().zip(rows) {
            y.psnd_gbp_bn = r.psnd_gbp_bn;
            y.psnd_pct_gdp = r.psnd_pct_gdp;
            y.primary_balance_gbp_bn = r.primary_balance_gbp_bn;
            y.stock_flow_gbp_bn = r.stock_flow_gbp_bn;
            y.interest_gbp_bn = r.interest_gbp_bn;
            y.other_interest_gbp_bn = r.other_interest_gbp_bn;
        }
        Some(p)
    }

    /// The debt path with `adj` in place of the recorded adjustments, as
    /// `project_with(.., adj)` would give it; `None` when `adj` moves the
    /// rates ([`Replay::accepts`]).
    pub fn debt_path(&self, adj: &Adjustments) -> Option<Result<Vec<DebtRow>, ModelError>> {
        if !self.accepts(adj) {
            return None;
        }
        let mut st = self.opening.clone();
        let mut out = Vec::with_capacity(self.years.len());
        for (k, y) in self.years.iter().enumerate() {
            let f = adjusted(y.flows.clone(), adj, k, y.gdp_gbp_bn);
            let b = Balances {
                pb_gbp_bn: primary_balance(&f),
                other_interest_gbp_bn: y.other_interest_gbp_bn,
                sfa_gbp_bn: f.stock_flow_gbp_bn,
            };
            let (rates, interest, outside) = st.interest(k, y.rates, y.efo.as_ref(), b);
            let debt = closing_debt(st.debt_prev_gbp_bn(), interest, &b);
            if !debt.is_finite() || !interest.is_finite() {
                return Some(Err(ModelError::NonFinite {
                    year: y.year,
                    what: "PSND",
                }));
            }
            let pct = 100.0 * debt / y.gdp_centred_gbp_bn;
            st.close(k, debt, pct, rates, outside);
            out.push(DebtRow {
                year: y.year,
                psnd_gbp_bn: debt,
                psnd_pct_gdp: pct,
                primary_balance_gbp_bn: b.pb_gbp_bn,
                stock_flow_gbp_bn: b.sfa_gbp_bn,
                interest_gbp_bn: interest,
                other_interest_gbp_bn: b.other_interest_gbp_bn,
                gdp_gbp_bn: y.gdp_gbp_bn,
                gdp_centred_gbp_bn: y.gdp_centred_gbp_bn,
            });
        }
        Some(Ok(out))
    }
}

impl DebtRow {
    /// The debt rows of a projection.
    pub fn of(p: &crate::model::Projection) -> Vec<DebtRow> {
        p.years
            .iter()
            .map(|y| DebtRow {
                year: y.year,
                psnd_gbp_bn: y.psnd_gbp_bn,
                psnd_pct_gdp: y.psnd_pct_gdp,
                primary_balance_gbp_bn: y.primary_balance_gbp_bn,
                stock_flow_gbp_bn: y.stock_flow_gbp_bn,
                interest_gbp_bn: y.interest_gbp_bn,
                other_interest_gbp_bn: y.other_interest_gbp_bn,
                gdp_gbp_bn: y.gdp_gbp_bn,
                gdp_centred_gbp_bn: y.gdp_centred_gbp_bn,
            })
            .collect()
    }
}
