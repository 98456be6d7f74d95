//! The medium-term (EFO) year builder: spending and receipts lines, debt
//! interest and the stock-flow adjustment follow the OBR's Economic and
//! fiscal outlook, with age-related spending split by the vintage's shares
//! (else the FRS table's), or by a scenario's own start point
//! (`[spending] start_point_pct_gdp`, [`StartPoint`]).
//! Interest is the EFO's plus what the projection's own debt and rates
//! change in the debt portfolio, measured against a shadow portfolio on the
//! EFO's own path.

// Lines index `[f64; N]` arrays by `Spend`/`Receipt`: every index is in
// range.
#![allow(clippy::indexing_slicing)]

use super::YearFlows;
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::debt::{Portfolio, YearRates};
use crate::model::error::ModelError;
use crate::model::lines::{Receipt, Spend};
use crate::model::projection::Phase;
use crate::years::FiscalYear;

/// An EFO series in a year.
pub(super) fn efo(data: &Dataset, series: &str, year: FiscalYear) -> Result<f64, ModelError> {
    data.efo.get(series, year).map_err(|_| ModelError::EfoYear {
        series: series.to_string(),
        year,
    })
}

fn frs_pct(data: &Dataset, line: Spend, year: FiscalYear) -> Result<f64, ModelError> {
    let series = format!("frs.age_related.{}", line.key());
    data.frs.get(&series, year).map_err(|e| ModelError::Data {
        table: data.frs.source.clone(),
        message: e.to_string(),
    })
}

/// Linear interpolation of an FRS age-related share between the two FRS years
/// that bracket `year` (the FRS gives 2025-26 and 2030-31 in the medium term;
/// health has every year).
fn frs_pct_in(data: &Dataset, line: Spend, year: FiscalYear) -> Result<f64, ModelError> {
    // An outturn vintage may carry its own shares (from spending by function).
    if let Ok(v) = data
        .efo
        .get(&format!("frs.age_related.{}", line.key()), year)
    {
        return Ok(v);
    }
    if line == Spend::Health {
        if let Ok(v) = data.frs.get("frs.health.baseline", year) {
            return Ok(v);
        }
    }
    let series = format!("frs.age_related.{}", line.key());
    let years = data.frs.years(&series);
    let before = years.iter().rev().find(|y| **y <= year).copied();
    let after = years.iter().find(|y| **y >= year).copied();
    match (before, after) {
        (Some(b), Some(a)) if a != b => {
            let vb = frs_pct(data, line, b)?;
            let va = frs_pct(data, line, a)?;
            let w = f64::from(b.years_until(year)) / f64::from(b.years_until(a));
            Ok(vb + (va - vb) * w)
        }
        (Some(b), _) => frs_pct(data, line, b),
        (None, Some(a)) => frs_pct(data, line, a),
        (None, None) => frs_pct(data, line, year),
    }
}

/// A scenario's own split of the last medium-term year
/// (`[spending] start_point_pct_gdp`), phased in over the medium term.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::model) struct StartPoint {
    base_year: FiscalYear,
    medium_term_end: FiscalYear,
    shares_pct_gdp: [Option<f64>; Spend::N],
}

impl StartPoint {
    /// The split scenario `a` sets (none for lines it leaves out).
    pub fn of(a: &Assumptions) -> StartPoint {
        let mut shares_pct_gdp = [None; Spend::N];
        for (key, v) in &a.spending.start_point_pct_gdp {
            if let Some(line) = Spend::from_key(key).filter(|l| *l != Spend::NonAgeRelated) {
                shares_pct_gdp[line as usize] = Some(*v);
            }
        }
        StartPoint {
            base_year: a.horizon.base_year,
            medium_term_end: a.horizon.medium_term_end,
            shares_pct_gdp,
        }
    }

    /// How much of the difference applies in year `y`: none in the base
    /// year, all of it in the last medium-term year.
    fn weight(&self, y: FiscalYear) -> f64 {
        let n = self.base_year.years_until(self.medium_term_end);
        if n <= 0 {
            return 1.0;
        }
        (f64::from(self.base_year.years_until(y)) / f64::from(n)).clamp(0.0, 1.0)
    }

    /// Line `line`'s share of GDP in year `y`, given its share `vintage`
    /// in the vintage (or FRS table) that year.
    fn share(
        &self,
        data: &Dataset,
        line: Spend,
        y: FiscalYear,
        vintage: f64,
    ) -> Result<f64, ModelError> {
        match self.shares_pct_gdp[line as usize] {
            None => Ok(vintage),
            Some(target) => {
                let at_end = frs_pct_in(data, line, self.medium_term_end)?;
                Ok(vintage + (target - at_end) * self.weight(y))
            }
        }
    }
}

/// Pensioner benefits in the EFO welfare detail, if the table has them.
fn pensioner_benefits_gbp_bn(data: &Dataset, year: FiscalYear) -> f64 {
    data.efo
        .get("welfare.pensioner_benefits", year)
        .unwrap_or(0.0)
}

/// The spending and receipts lines in an EFO year with GDP `gdp`: age-related
/// spending from the FRS shares (pensioner benefits from the EFO welfare
/// table, out of other welfare), non-age-related spending the residual of
/// TME after interest; receipts lines from the EFO, other receipts the
/// residual of total receipts.
pub(in crate::model) fn efo_year_lines(
    data: &Dataset,
    y: FiscalYear,
    gdp: f64,
    start: &StartPoint,
) -> Result<([f64; Spend::N], [f64; Receipt::N]), ModelError> {
    let pens = pensioner_benefits_gbp_bn(data, y);
    let share = |line: Spend| -> Result<f64, ModelError> {
        start.share(data, line, y, frs_pct_in(data, line, y)?)
    };
    let mut spend = [0.0; Spend::N];
    for line in Spend::ALL {
        spend[line as usize] = match line {
            Spend::NonAgeRelated => 0.0,
            Spend::PensionerBenefits => pens,
            Spend::OtherWelfare => share(line)? * gdp / 100.0 - pens,
            _ => share(line)? * gdp / 100.0,
        };
    }
    let interest = efo(data, "spending.debt_interest", y)?;
    let tme = efo(data, "spending.tme", y)?;
    spend[Spend::NonAgeRelated as usize] = tme - interest - spend.iter().sum::<f64>();
    let mut receipts = [0.0; Receipt::N];
    for line in Receipt::ALL {
        let mut v = 0.0;
        for series in line.efo_series() {
            // A vintage without a receipts line leaves it in other receipts.
            if data.efo.series.contains_key(*series) {
                v += efo(data, series, y)?;
            }
        }
        for series in line.efo_series_less() {
            if data.efo.series.contains_key(*series) {
                v -= efo(data, series, y)?;
            }
        }
        receipts[line as usize] = v;
    }
    let total = efo(data, "receipts.total", y)?;
    receipts[Receipt::Other as usize] = total - receipts.iter().sum::<f64>();
    Ok((spend, receipts))
}

/// The EFO's interest in a year next to the shadow portfolio's: the
/// portfolio run on the EFO's own debt path at unshocked rates.
#[derive(Debug, Clone, Copy)]
pub(super) struct EfoInterest {
    /// The EFO's debt interest, £bn.
    pub efo_gbp_bn: f64,
    /// The shadow portfolio's interest on the EFO path, £bn.
    pub shadow_gbp_bn: f64,
}

/// Builds EFO years in order, running a shadow debt portfolio on the EFO's
/// own debt path so that interest can be the EFO's plus the difference the
/// projection's own debt and rates make.
pub(super) struct MediumTerm<'a> {
    data: &'a Dataset,
    start: StartPoint,
    shadow: Portfolio,
    efo_debt_prev_gbp_bn: f64,
}

impl<'a> MediumTerm<'a> {
    /// Start from the EFO's opening debt `opening_psnd_gbp_bn`, with the
    /// shadow a copy of the opening portfolio.
    pub fn new(
        data: &'a Dataset,
        start: StartPoint,
        opening_psnd_gbp_bn: f64,
        shadow: Portfolio,
    ) -> Self {
        MediumTerm {
            data,
            start,
            shadow,
            efo_debt_prev_gbp_bn: opening_psnd_gbp_bn,
        }
    }

    /// EFO year `k` (`y`) with GDP `gdp`: the EFO's lines and stock-flow
    /// adjustment, and its interest next to the shadow portfolio's at the
    /// unshocked `rates`.
    pub fn year(
        &mut self,
        k: usize,
        y: FiscalYear,
        gdp: f64,
        rates: YearRates,
    ) -> Result<(YearFlows, EfoInterest), ModelError> {
        let data = self.data;
        let (spend, receipts) = efo_year_lines(data, y, gdp, &self.start)?;
        let efo_interest = efo(data, "spending.debt_interest", y)?;
        let efo_debt = efo(data, "fiscal.psnd", y)?;
        let efo_psnb = efo(data, "fiscal.psnb", y)?;
        let sfa = efo_debt - self.efo_debt_prev_gbp_bn - efo_psnb;
        let shadow = self.shadow.step(k, rates).at(efo_debt);
        self.shadow.close(k, efo_debt, rates);
        self.efo_debt_prev_gbp_bn = efo_debt;
        let flows = YearFlows {
            phase: Phase::Efo,
            spend,
            receipts,
            stock_flow_gbp_bn: sfa,
        };
        let interest = EfoInterest {
            efo_gbp_bn: efo_interest,
            shadow_gbp_bn: shadow,
        };
        Ok((flows, interest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(split: &str) -> (Assumptions, Dataset) {
        let text = format!("extends = \"default\"\n[spending]\nstart_point_pct_gdp = {split}\n");
        let s = crate::scenario::Scenario::from_text("t.toml", &text, None).unwrap();
        let d = s.dataset().unwrap();
        (s.assumptions, d)
    }

    #[test]
    fn a_start_point_resplits_primary_spending_without_changing_it() {
        let (a, d) = scenario("{ health = 9.0, state_pension = 5.5 }");
        let none = StartPoint::of(
            &crate::scenario::Scenario::default_scenario()
                .unwrap()
                .assumptions,
        );
        let set = StartPoint::of(&a);
        let (mt, base) = (a.horizon.medium_term_end, a.horizon.base_year);
        for (y, weight) in [(base, 0.0), (mt, 1.0)] {
            let gdp = d.efo.get("macro.nominal_gdp", y).unwrap();
            let (plain, _) = efo_year_lines(&d, y, gdp, &none).unwrap();
            let (split, _) = efo_year_lines(&d, y, gdp, &set).unwrap();
            let total = |s: &[f64; Spend::N]| s.iter().sum::<f64>();
            assert!((total(&plain) - total(&split)).abs() < 1e-9);
            let health = 100.0 * split[Spend::Health as usize] / gdp;
            let at_end = frs_pct_in(&d, Spend::Health, mt).unwrap();
            let vintage = frs_pct_in(&d, Spend::Health, y).unwrap();
            assert!(
                (health - (vintage + (9.0 - at_end) * weight)).abs() < 1e-9,
                "{y}"
            );
            assert_eq!(
                split[Spend::Education as usize],
                plain[Spend::Education as usize]
            );
        }
    }

    #[test]
    fn the_difference_phases_in_over_the_medium_term() {
        let (a, _) = scenario("{ health = 9.0 }");
        let s = StartPoint::of(&a);
        let b = a.horizon.base_year;
        let n = f64::from(b.years_until(a.horizon.medium_term_end));
        assert_eq!(s.weight(b), 0.0);
        assert!((s.weight(b.next()) - 1.0 / n).abs() < 1e-12);
        assert_eq!(s.weight(a.horizon.medium_term_end), 1.0);
        assert_eq!(s.weight(a.horizon.end_year), 1.0);
    }
}
