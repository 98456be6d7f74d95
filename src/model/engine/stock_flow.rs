//! The stock-flow adjustment after the medium term: student loans from
//! their book, plus the rest of the adjustment as a share of GDP.
//!
//! ```text
//! SFA[t] = SFA_SL[t] + other[t],   other[t] = s_other · Y[t] / 100
//! ```
//!
//! In EFO years the adjustment is the EFO's (PSND's change less PSNB) and
//! the book runs alongside, so that `s_other` defaults to what the EFO's
//! last-year adjustment leaves after the book's student loans:
//! `s_other = 100 · (SFA_EFO[T] − SFA_SL[T]) / Y[T]` (the scenario's
//! `debt.other_stock_flow_pct_gdp` overrides it). With the book off, all of
//! the adjustment is `other`.

use super::paths::Paths;
use super::YearFlows;
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::debt::{StudentLoanBook, StudentLoanYear};
use crate::model::error::ModelError;

/// The book and the share of the rest, carried from year to year.
pub(super) struct StockFlow {
    book: Option<StudentLoanBook>,
    other_pct_gdp: Option<f64>,
}

impl StockFlow {
    /// The book of scenario `a` at the end of the year before the base year.
    pub fn opening(a: &Assumptions, data: &Dataset, p: &Paths) -> Result<StockFlow, ModelError> {
        let s = &a.debt.student_loans;
        // The paths hold every year of the horizon (validated), so the base
        // year's are there.
        let book = if s.enabled {
            Some(StudentLoanBook::opening(
                s,
                data,
                a.horizon.base_year,
                p.rpi[0],
                p.earnings_growth_share,
                p.population(0),
            )?)
        } else {
            None
        };
        Ok(StockFlow {
            book,
            other_pct_gdp: a.debt.other_stock_flow_pct_gdp,
        })
    }

    /// Year `k`: step the book; after the medium term set the year's
    /// adjustment in `f` (medium-term years keep the EFO's). Returns the
    /// book's year (zeros with the book off).
    pub fn year(&mut self, p: &Paths, k: usize, f: &mut YearFlows) -> StudentLoanYear {
        let loans = match self.book.as_mut() {
            Some(b) => b.year(p.rpi[k], p.earnings_growth_share, p.population(k)),
            None => StudentLoanYear::default(),
        };
        if k == p.t_mt && self.other_pct_gdp.is_none() {
            self.other_pct_gdp = Some(100.0 * (f.stock_flow_gbp_bn - loans.flow_gbp_bn) / p.gdp[k]);
        }
        if k > p.t_mt {
            let other = self.other_pct_gdp.unwrap_or(0.0) * p.gdp[k] / 100.0;
            f.stock_flow_gbp_bn = loans.flow_gbp_bn + other;
        }
        loans
    }
}
