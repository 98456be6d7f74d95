//! The result of a projection: one [`YearResult`] per fiscal year, in £bn and
//! as shares of GDP, plus the calibration the run derived.

// Lines index `[f64; N]` arrays by `Spend`/`Receipt`.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

use super::lines::{Receipt, Spend};
use crate::years::FiscalYear;

/// Whether a year follows the OBR forecast or the long-term model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Medium-term years: the OBR Economic and fiscal outlook.
    Efo,
    /// Long-term years: the model.
    Projection,
}

/// Everything projected for one fiscal year. Flows are £bn in the fiscal
/// year; `psnd_gbp_bn` is the end-March stock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearResult {
    /// The fiscal year.
    pub year: FiscalYear,
    /// EFO or model year.
    pub phase: Phase,
    /// Mid-year population, persons.
    pub population: f64,
    /// Employment, persons.
    pub employment: f64,
    /// State Pension age in force, years.
    pub state_pension_age_years: f64,
    /// People at or over State Pension age per 1,000 aged 16 to SPA.
    pub old_age_dependency_per_1000: f64,
    /// Real GDP growth, %.
    pub real_gdp_growth_pct: f64,
    /// Nominal GDP growth, %.
    pub nominal_gdp_growth_pct: f64,
    /// Average earnings growth, %.
    pub earnings_growth_pct: f64,
    /// CPI inflation, %.
    pub cpi_inflation_pct: f64,
    /// RPI (CPIH once aligned) inflation used to uplift index-linked gilts, %.
    pub rpi_inflation_pct: f64,
    /// Bank Rate, %.
    pub bank_rate_pct: f64,
    /// Yield on new conventional gilts, %.
    pub gilt_rate_pct: f64,
    /// Interest over PSND at the end of the previous year, %.
    pub effective_interest_rate_pct: f64,
    /// Nominal GDP in the fiscal year, £bn.
    pub gdp_gbp_bn: f64,
    /// Nominal GDP centred on end-March, £bn (denominator of the PSND ratio).
    pub gdp_centred_gbp_bn: f64,
    /// Primary spending by line, £bn, in [`Spend::ALL`] order.
    pub spending_gbp_bn: [f64; Spend::N],
    /// Receipts by line, £bn, in [`Receipt::ALL`] order.
    pub receipts_gbp_bn: [f64; Receipt::N],
    /// Total primary spending, £bn: total managed expenditure less public
    /// sector debt interest (the FRS's definition; both interest lines
    /// below are outside it).
    pub primary_spending_gbp_bn: f64,
    /// Total receipts, £bn.
    pub receipts_total_gbp_bn: f64,
    /// Central government debt interest net of the APF (the EFO's
    /// debt-interest line; the debt portfolio's), £bn.
    pub interest_gbp_bn: f64,
    /// The rest of public sector debt interest: interest on the funded
    /// public service pension schemes' liabilities and public corporations'
    /// and local authorities' debt interest, £bn (inside TME, outside the
    /// FRS's primary spending).
    pub other_interest_gbp_bn: f64,
    /// Receipts minus primary spending, £bn.
    pub primary_balance_gbp_bn: f64,
    /// Public sector net borrowing, £bn.
    pub psnb_gbp_bn: f64,
    /// Stock-flow adjustment (financial transactions), £bn.
    pub stock_flow_gbp_bn: f64,
    /// Public sector net debt at end-March, £bn.
    pub psnd_gbp_bn: f64,
    /// PSND over GDP centred on end-March, %.
    pub psnd_pct_gdp: f64,
    /// PSND excluding the Bank of England, end-March, £bn.
    pub psnd_ex_boe_gbp_bn: f64,
    /// PSND excluding the Bank of England, % of centred GDP.
    pub psnd_ex_boe_pct_gdp: f64,
    /// Public sector net financial liabilities, end-March, £bn.
    pub psnfl_gbp_bn: f64,
    /// PSNFL, % of centred GDP.
    pub psnfl_pct_gdp: f64,
    /// The student-loan asset at end-March (the part of the loans expected
    /// to be repaid, which PSNFL nets and PSND does not), £bn; 0 with the
    /// book off.
    pub student_loans_gbp_bn: f64,
}

/// The band PSND is expected to stay within, % of GDP: UK debt peaked near
/// 250 % of GDP after 1945, and the OBR's long-term projections stay well
/// inside this. A projection that leaves it is reported with a warning.
pub const PSND_BAND_PCT_GDP: (f64, f64) = (-100.0, 500.0);

impl YearResult {
    /// The first quantity that is not a finite number, if any (a projection
    /// never shows NaN or infinity: it fails naming the quantity instead).
    pub fn first_non_finite(&self) -> Option<&'static str> {
        let scalars = [
            ("population", self.population),
            ("employment", self.employment),
            ("old-age dependency", self.old_age_dependency_per_1000),
            ("real GDP growth", self.real_gdp_growth_pct),
            ("nominal GDP growth", self.nominal_gdp_growth_pct),
            ("earnings growth", self.earnings_growth_pct),
            ("effective interest rate", self.effective_interest_rate_pct),
            ("GDP", self.gdp_gbp_bn),
            ("GDP centred on end-March", self.gdp_centred_gbp_bn),
            ("primary spending", self.primary_spending_gbp_bn),
            ("receipts", self.receipts_total_gbp_bn),
            ("debt interest", self.interest_gbp_bn),
            ("other public sector interest", self.other_interest_gbp_bn),
            ("primary balance", self.primary_balance_gbp_bn),
            ("PSNB", self.psnb_gbp_bn),
            ("PSND", self.psnd_gbp_bn),
            ("PSND % of GDP", self.psnd_pct_gdp),
        ];
        if let Some((what, _)) = scalars.iter().find(|(_, v)| !v.is_finite()) {
            return Some(what);
        }
        if self.spending_gbp_bn.iter().any(|v| !v.is_finite()) {
            return Some("a spending line");
        }
        if self.receipts_gbp_bn.iter().any(|v| !v.is_finite()) {
            return Some("a receipts line");
        }
        None
    }

    /// A flow as % of fiscal-year GDP.
    pub fn pct_gdp(&self, gbp_bn: f64) -> f64 {
        100.0 * gbp_bn / self.gdp_gbp_bn
    }

    /// One spending line, £bn.
    pub fn spend(&self, line: Spend) -> f64 {
        self.spending_gbp_bn[line as usize]
    }

    /// One receipts line, £bn.
    pub fn receipt(&self, line: Receipt) -> f64 {
        self.receipts_gbp_bn[line as usize]
    }

    /// Total managed expenditure, £bn.
    pub fn tme_gbp_bn(&self) -> f64 {
        self.primary_spending_gbp_bn + self.ps_interest_gbp_bn()
    }

    /// Public sector debt interest (the ONS measure the FRS nets off
    /// primary spending): the central government's net of the APF plus the
    /// rest, £bn.
    pub fn ps_interest_gbp_bn(&self) -> f64 {
        self.interest_gbp_bn + self.other_interest_gbp_bn
    }
}

/// What calibration derived from the data for this run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The year whose levels the profiles are scaled to.
    pub year: FiscalYear,
    /// Level of each spending line in that year, £bn.
    pub spending_gbp_bn: [f64; Spend::N],
    /// Level of each receipts line in that year, £bn.
    pub receipts_gbp_bn: [f64; Receipt::N],
    /// The EFO's debt interest in that year less the debt portfolio's on
    /// the EFO's own path, £bn: added to the coupons of the conventional
    /// gilts then in issue, so it runs off as they mature.
    pub unexplained_interest_gbp_bn: f64,
    /// Conventional gilts at the end of the projection, £bn.
    pub conventional_stock_gbp_bn: f64,
}

/// A complete projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Scenario name.
    pub name: String,
    /// PSND at the end of the year before the base year, £bn.
    pub opening_psnd_gbp_bn: f64,
    /// GDP centred on that end-March, £bn.
    pub opening_gdp_centred_gbp_bn: f64,
    /// One entry per fiscal year, base year first.
    pub years: Vec<YearResult>,
    /// Calibration derived for the run.
    pub calibration: Calibration,
    /// Where the forecast table the medium term followed was read from
    /// (its `source`, e.g. `embedded:data/efo_2026-03.csv`): what a chart's
    /// source line names.
    #[serde(skip)]
    pub forecast_source: String,
}

impl Projection {
    /// Warnings a reader must see with the numbers: PSND leaving
    /// [`PSND_BAND_PCT_GDP`] (the assumptions are extreme for the horizon).
    pub fn warnings(&self) -> Vec<String> {
        let (lo, hi) = PSND_BAND_PCT_GDP;
        let outside = |y: &&YearResult| !(lo..=hi).contains(&y.psnd_pct_gdp);
        let Some(first) = self.years.iter().find(outside) else {
            return Vec::new();
        };
        let last = self.years.last().unwrap_or(first);
        vec![format!(
            "PSND leaves the band {lo:.0}..{hi:.0} % of GDP in {} ({:.3e} % in {}): the assumptions are extreme for this horizon, so read the later years as an explosion, not a forecast",
            first.year, last.psnd_pct_gdp, last.year
        )]
    }

    /// The result for `year`, if projected.
    pub fn year(&self, year: FiscalYear) -> Option<&YearResult> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The last projected year.
    pub fn last(&self) -> Option<&YearResult> {
        self.years.last()
    }
}
