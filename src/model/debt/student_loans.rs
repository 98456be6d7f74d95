//! Student loans as their own flows: the loan book behind the part of the
//! stock-flow adjustment that student loans make.
//!
//! Since the ONS's 2019 reclassification, each loan is split at outlay into
//! the part expected to be written off (a capital transfer, in PSNB) and
//! the part expected to be repaid (a financial asset). PSND counts the cash:
//! it rises by the outlay and falls by repayments. PSNB already has the
//! write-off part as spending and the interest accruing on the asset as a
//! receipt, so what PSND adds on top of PSNB, the student-loan part of the
//! stock-flow adjustment, is the change in the asset:
//!
//! ```text
//! SFA_SL[t] = outlay − repayments − write-off part + interest accrued
//!           = L[t] + i[t]·A[t−1] − R[t] = A[t] − A[t−1]
//! ```
//!
//! with `L` the new lending to the asset (the repayable part), `i` the
//! interest rate on the loans (RPI plus a premium) and `R` cash repayments.
//! Revaluations of the asset (ONS CT9G) are not cash and do not move PSND.
//!
//! The book is a set of vintages. Each year's lending waits
//! `years_to_first_repayment` years (study, then the April after leaving
//! the course), then is repaid by payments that grow with average earnings
//! (repayments are a share of graduates' earnings above a threshold) over
//! `repayment_years` (the write-off term), sized so that the vintage is
//! repaid exactly at the end of the term: the asset is by definition what
//! is expected to be repaid. The payment on a balance `B` with `n` payments
//! left is that of a growing annuity,
//!
//! ```text
//! P = B·(1 + i) / S,   S = Σ_{k=0}^{n−1} q^k,   q = (1 + g_earnings)/(1 + i),
//! ```
//!
//! recomputed each year with that year's rates. The book held at the start
//! (ONS J6GI) is already in repayment: it is split equally into vintages
//! with `existing_book_shortest_years..=existing_book_longest_years`
//! payments left, a ladder of write-off dates.
//!
//! New lending grows with the population of student age and with average
//! earnings (fees and maintenance uprated with earnings, participation by
//! age held): `L[t] = L[t−1]·(N[t]/N[t−1])·(1 + g_earnings)`. Its level in
//! the year before the base year is what the ONS outturn implies given the
//! book's own repayments: `L = (A[−1] − A[−2] − reval[−1]) − i·A[−2] + R[−1]`.

use ndarray::ArrayView2;

use crate::data::Dataset;
use crate::model::assumptions::StudentLoans;
use crate::model::economy::persons_aged;
use crate::model::error::ModelError;
use crate::years::FiscalYear;

/// One year's lending (or the opening book), in repayment or waiting.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Vintage {
    balance_gbp_bn: f64,
    /// Years before the first payment.
    waiting_years: u32,
    /// Payments left, the current year's included.
    payments_left: u32,
}

impl Vintage {
    /// Accrue a year of interest at `i` and take this year's payment (if
    /// due); returns the payment, £bn.
    fn step(&mut self, i: f64, g: f64) -> f64 {
        let accrued = self.balance_gbp_bn * (1.0 + i);
        if self.waiting_years > 0 {
            self.waiting_years -= 1;
            self.balance_gbp_bn = accrued;
            return 0.0;
        }
        if self.payments_left == 0 {
            self.balance_gbp_bn = 0.0;
            return 0.0;
        }
        let payment = accrued / annuity_sum(i, g, self.payments_left);
        self.payments_left -= 1;
        self.balance_gbp_bn = if self.payments_left == 0 {
            0.0
        } else {
            accrued - payment
        };
        payment
    }
}

/// `Σ_{k=0}^{n−1} q^k` with `q = (1+g)/(1+i)`.
fn annuity_sum(i: f64, g: f64, n: u32) -> f64 {
    let q = (1.0 + g) / (1.0 + i);
    if (q - 1.0).abs() < 1e-12 {
        f64::from(n)
    } else {
        (1.0 - q.powi(n as i32)) / (1.0 - q)
    }
}

/// One year of the book, £bn.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StudentLoanYear {
    /// New lending to the asset (the part expected to be repaid).
    pub lending_gbp_bn: f64,
    /// Interest accrued on the asset.
    pub interest_gbp_bn: f64,
    /// Cash repayments.
    pub repayments_gbp_bn: f64,
    /// The asset at the end of the year.
    pub asset_gbp_bn: f64,
    /// The change in the asset: the student-loan stock-flow adjustment.
    pub flow_gbp_bn: f64,
}

/// The student-loan book, stepped once a year in order.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentLoanBook {
    settings: StudentLoans,
    vintages: Vec<Vintage>,
    lending_gbp_bn: f64,
    students_prev: f64,
}

/// Scenario values first, then the ONS outturn in the data.
fn outturn(data: &Dataset, series: &str, year: FiscalYear) -> Result<f64, ModelError> {
    data.efo
        .get(series, year)
        .map_err(|_| ModelError::StudentLoanData {
            series: series.to_string(),
            year,
        })
}

impl StudentLoanBook {
    /// The book at the end of the year before `base_year`, with lending in
    /// that year implied by the outturn; `rpi_pct` and `earnings_growth`
    /// (a share) are the base year's, used for the outturn year (and any
    /// years rolled forward from it) too; `population` is the base year's
    /// `[sex, age]` population.
    pub fn opening(
        s: &StudentLoans,
        data: &Dataset,
        base_year: FiscalYear,
        rpi_pct: f64,
        earnings_growth: f64,
        population: ArrayView2<'_, f64>,
    ) -> Result<StudentLoanBook, ModelError> {
        let last = base_year.prev();
        let i = rpi_pct / 100.0 + s.interest_over_rpi_pp / 100.0;
        let students_now = students(s, population);
        if let (Some(asset), Some(lending)) = (s.opening_asset_gbp_bn, s.new_lending_gbp_bn) {
            return Ok(StudentLoanBook::start(s, asset, lending, students_now));
        }
        // The latest ONS outturn at or before `last`; a vintage whose base
        // year is later rolls the book forward to it.
        let asset_series = "psf.student_loans_asset";
        let y0 = data
            .efo
            .years(asset_series)
            .into_iter()
            .filter(|y| *y <= last)
            .max()
            .ok_or_else(|| ModelError::StudentLoanData {
                series: asset_series.to_string(),
                year: last,
            })?;
        let asset0 = outturn(data, asset_series, y0)?;
        let before = outturn(data, asset_series, y0.prev())?;
        let reval = outturn(data, "psf.student_loans_revaluations", y0)?;
        // The existing book one year earlier, each vintage with one more
        // payment.
        let repaid: f64 = existing_book(s, before, 1)
            .iter_mut()
            .map(|v| v.step(i, earnings_growth))
            .sum();
        let implied = (asset0 - before - reval) - i * before + repaid;
        let lending0 = s.new_lending_gbp_bn.unwrap_or(implied);
        if let Some(asset) = s.opening_asset_gbp_bn {
            let gap = y0.years_until(last).max(0);
            let lending = lending0 * (1.0 + earnings_growth).powi(gap);
            return Ok(StudentLoanBook::start(s, asset, lending, students_now));
        }
        let mut book = StudentLoanBook::start(s, asset0, lending0, students_now);
        let mut y = y0;
        while y < last {
            book.year(rpi_pct, earnings_growth, population);
            y = y.next();
        }
        Ok(book)
    }

    /// A book holding `asset` £bn in existing loans, with `lending` £bn lent
    /// in its last year.
    fn start(s: &StudentLoans, asset: f64, lending: f64, students_now: f64) -> StudentLoanBook {
        StudentLoanBook {
            settings: s.clone(),
            vintages: existing_book(s, asset, 0),
            lending_gbp_bn: lending,
            students_prev: students_now,
        }
    }

    /// Step one year: lending grows with the student-age population and
    /// earnings, every vintage accrues and repays, the year's lending joins.
    pub fn year(
        &mut self,
        rpi_pct: f64,
        earnings_growth: f64,
        population: ArrayView2<'_, f64>,
    ) -> StudentLoanYear {
        let s = &self.settings;
        let i = rpi_pct / 100.0 + s.interest_over_rpi_pp / 100.0;
        let n = students(s, population);
        if self.students_prev > 0.0 {
            self.lending_gbp_bn *= n / self.students_prev;
        }
        self.lending_gbp_bn *= 1.0 + earnings_growth;
        self.students_prev = n;
        let before: f64 = self.vintages.iter().map(|v| v.balance_gbp_bn).sum();
        let repayments: f64 = self
            .vintages
            .iter_mut()
            .map(|v| v.step(i, earnings_growth))
            .sum();
        self.vintages.retain(|v| v.balance_gbp_bn != 0.0);
        self.vintages.push(Vintage {
            balance_gbp_bn: self.lending_gbp_bn,
            waiting_years: s.years_to_first_repayment,
            payments_left: s.repayment_years,
        });
        let asset: f64 = self.vintages.iter().map(|v| v.balance_gbp_bn).sum();
        StudentLoanYear {
            lending_gbp_bn: self.lending_gbp_bn,
            interest_gbp_bn: i * before,
            repayments_gbp_bn: repayments,
            asset_gbp_bn: asset,
            flow_gbp_bn: asset - before,
        }
    }
}

/// The book held at the start, `balance` £bn split equally over vintages
/// with `shortest + extra ..= longest + extra` payments left.
fn existing_book(s: &StudentLoans, balance: f64, extra: u32) -> Vec<Vintage> {
    let terms = s.existing_book_shortest_years
        ..=s.existing_book_longest_years
            .max(s.existing_book_shortest_years);
    let n = terms.clone().count().max(1) as f64;
    terms
        .map(|t| Vintage {
            balance_gbp_bn: balance / n,
            waiting_years: 0,
            payments_left: t + extra,
        })
        .collect()
}

/// People of student age (both sexes), persons.
fn students(s: &StudentLoans, population: ArrayView2<'_, f64>) -> f64 {
    persons_aged(
        population,
        s.lending_age_from as usize,
        s.lending_age_to as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    fn settings() -> StudentLoans {
        StudentLoans::default()
    }

    fn flat_population() -> Array2<f64> {
        Array2::from_elem((2, 101), 1000.0)
    }

    #[test]
    fn a_vintage_is_repaid_exactly_at_the_end_of_its_term() {
        let mut v = Vintage {
            balance_gbp_bn: 10.0,
            waiting_years: 3,
            payments_left: 40,
        };
        let (i, g) = (0.03, 0.038);
        let mut paid = Vec::new();
        for _ in 0..43 {
            paid.push(v.step(i, g));
        }
        assert_eq!(v.balance_gbp_bn, 0.0);
        assert!(paid.iter().take(3).all(|p| *p == 0.0));
        // PV at i of the payments (end of years 4..43) is the loan.
        let pv: f64 = paid
            .iter()
            .enumerate()
            .map(|(k, p)| p / (1.0 + i).powi(k as i32 + 1))
            .sum();
        assert!((pv - 10.0).abs() < 1e-9, "{pv}");
        // Payments grow with earnings.
        assert!((paid[4] / paid[3] - (1.0 + g)).abs() < 1e-12);
    }

    #[test]
    fn the_flow_is_lending_plus_interest_less_repayments() {
        let s = StudentLoans {
            opening_asset_gbp_bn: Some(146.0),
            new_lending_gbp_bn: Some(18.0),
            ..settings()
        };
        let pop = flat_population();
        let data = Dataset::embedded().unwrap();
        let mut book =
            StudentLoanBook::opening(&s, &data, FiscalYear(2025), 3.0, 0.038, pop.view()).unwrap();
        let mut asset = 146.0;
        for _ in 0..60 {
            let y = book.year(3.0, 0.038, pop.view());
            let identity = y.lending_gbp_bn + y.interest_gbp_bn - y.repayments_gbp_bn;
            assert!((y.flow_gbp_bn - identity).abs() < 1e-9);
            assert!((y.asset_gbp_bn - asset - y.flow_gbp_bn).abs() < 1e-9);
            asset = y.asset_gbp_bn;
        }
    }

    #[test]
    fn lending_follows_the_student_age_population_and_earnings() {
        let s = StudentLoans {
            opening_asset_gbp_bn: Some(0.0),
            new_lending_gbp_bn: Some(10.0),
            ..settings()
        };
        let pop = flat_population();
        let data = Dataset::embedded().unwrap();
        let mut book =
            StudentLoanBook::opening(&s, &data, FiscalYear(2025), 3.0, 0.0, pop.view()).unwrap();
        let doubled = flat_population() * 2.0;
        let y = book.year(3.0, 0.0, doubled.view());
        assert!((y.lending_gbp_bn - 20.0).abs() < 1e-12);
        let y = book.year(3.0, 0.05, doubled.view());
        assert!((y.lending_gbp_bn - 21.0).abs() < 1e-12);
    }

    #[test]
    fn the_outturn_implies_lending_that_reproduces_it() {
        // With lending implied by the outturn, stepping the year before the
        // base year from the earlier asset lands on the later asset.
        let (before, after, reval) = (130.0, 146.0, -2.0);
        let s = settings();
        let (i, g) = (0.03, 0.038);
        let mut book = existing_book(&s, before, 1);
        let repaid: f64 = book.iter_mut().map(|v| v.step(i, g)).sum();
        let left: f64 = book.iter().map(|v| v.balance_gbp_bn).sum();
        let lending = (after - before - reval) - i * before + repaid;
        assert!((left + lending + reval - after).abs() < 1e-9);
        // And the ladder runs off year by year, the last vintage last.
        assert_eq!(book.len(), 22);
        assert!(book.iter().all(|v| v.balance_gbp_bn > 0.0));
    }
}
