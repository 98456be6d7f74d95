//! Debt interest from the structure of the debt.
//!
//! PSND is split into three parts whose shares of the stock are scenario
//! assumptions (held constant as new debt is issued):
//!
//! - index-linked gilts `IL`, paying a real coupon plus the inflation uplift
//!   (RPI, CPIH from the 2030 alignment), which counts as interest:
//!   `int_IL[t] = IL[t-1] · ((1 + c_real)(1 + π[t]) − 1)`;
//! - floating-rate debt `FL` (Treasury bills, short-term debt, the Bank of
//!   England's reserves net of liquid assets), paying Bank Rate:
//!   `int_FL[t] = FL[t-1] · bank[t]`;
//! - conventional gilts `C`, held as a maturity ladder: each year's
//!   redemptions are refinanced at that year's gilt rate, spread evenly over
//!   maturities `1..=2M−1` (average `M` years), and net new conventional
//!   issuance joins the ladder the same way. Each rung keeps its own coupon
//!   bill, so the effective rate moves slowly toward market rates.
//!
//! The ladder's shape at the end of the medium term is the DMO's list of
//! conventional gilts redeeming after that year, scaled to the conventional
//! stock; its coupon is the single rate that reproduces the EFO's debt
//! interest in that year (the calibration), with any debt above or below the
//! EFO path priced at the medium-term gilt rate.

mod ladder;
mod measures;
mod portfolio;
mod student_loans;

pub use ladder::Ladder;
pub use measures::{Measures, OtherMeasures};
pub use portfolio::{InterestStep, Portfolio, YearRates};
pub use student_loans::{StudentLoanBook, StudentLoanYear};
