//! What a line sees in one year: the year's place in the projection, its
//! growth and prices, and the population it applies to.

use ndarray::ArrayView2;

use crate::years::FiscalYear;

/// The inputs of one year that a line's calibration or projection may use.
#[derive(Debug, Clone, Copy)]
pub struct YearContext<'a> {
    /// Index of the year from the base year (0 = base year).
    pub year_index: usize,
    /// The fiscal year.
    pub year: FiscalYear,
    /// Years after the last medium-term year (0 in that year).
    pub years_after_medium_term: i32,
    /// Years from the last medium-term year to the end year, at least 1.
    pub long_term_years: i32,
    /// Average earnings growth, as a fraction (0.04 is 4 %).
    pub earnings_growth_share: f64,
    /// CPI inflation, %.
    pub cpi_inflation_pct: f64,
    /// Mid-year population `[sex, age]`.
    pub population: ArrayView2<'a, f64>,
    /// State Pension age in force, years.
    pub state_pension_age_years: f64,
    /// Labour-market participation `[sex, age]` with this year's pension age.
    pub participation: ArrayView2<'a, f64>,
    /// Nominal GDP in the fiscal year, £bn.
    pub gdp_gbp_bn: f64,
}
