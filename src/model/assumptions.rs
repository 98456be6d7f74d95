//! The effective assumptions of one projection: what a scenario file resolves
//! to once `extends` chains are merged. Pure data; the `scenario` module reads
//! it from TOML and [`crate::model::validate`] checks it.
//!
//! Every field carries its unit in its name: `_pct` is percent (2.0 means
//! 2 %), `_pp` percentage points, `_share` a fraction 0..1, `_years` years,
//! `_pct_gdp` percent of GDP, `_gbp_bn` £ billion.

use serde::{Deserialize, Serialize};

use crate::years::FiscalYear;

/// All assumptions of a projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// Short name shown in tables and charts.
    pub name: String,
    /// One or two sentences on what the scenario is.
    #[serde(default)]
    pub description: String,
    /// Years covered.
    pub horizon: Horizon,
    /// Growth, inflation and the labour market.
    pub economy: Economy,
    /// Bank Rate and gilt yields.
    pub rates: Rates,
    /// The structure of the debt stock and stock-flow adjustments.
    pub debt: Debt,
    /// Uprating of spending lines and other cost pressures.
    pub spending: Spending,
    /// Receipts held as shares of GDP and their uprating.
    pub receipts: Receipts,
    /// The legislated State Pension age timetable.
    pub state_pension_age: StatePensionAge,
    /// Population assumptions or a ready projection (default: the embedded
    /// ONS 2022-based principal projection).
    #[serde(default)]
    pub population: Option<crate::model::demography::PopulationSettings>,
    /// Efficiency interventions layered on the projection.
    #[serde(default)]
    pub intervention: Vec<crate::model::interventions::Intervention>,
    /// Spending content that several interventions may act on (the
    /// overlap rule of the package).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spending_content: Vec<crate::model::interventions::SpendingContent>,
    /// Rank correlations between the interventions' uncertain draws.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intervention_correlation: Vec<crate::model::interventions::Correlation>,
    /// Overrides of the estimated shocks of `fiscal fan` (default: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<crate::model::uncertainty::UncertaintySettings>,
}

/// Years covered by the projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// First projected fiscal year (PSND at the end of the previous year is
    /// taken from the EFO outturn).
    pub base_year: FiscalYear,
    /// Last year that follows the OBR's Economic and fiscal outlook exactly.
    pub medium_term_end: FiscalYear,
    /// Last projected year.
    pub end_year: FiscalYear,
    /// Last year of the projection that the intertemporal gap and S2 run on
    /// (extended beyond `end_year`); omit for the last year the population
    /// data supports (2121-22 with the ONS 2022-based projection).
    #[serde(default)]
    pub intertemporal_end_year: Option<FiscalYear>,
    /// The forecast vintage the medium term follows (`efo-2026-03`, or an
    /// outturn-only vintage such as `outturn-2016-17`, or one imported with
    /// `fiscal data import --vintage`): see `crate::data::vintage`.
    #[serde(default = "default_vintage")]
    pub vintage: String,
}

fn default_vintage() -> String {
    crate::data::vintage::DEFAULT.to_string()
}

/// Long-run economic determinants (after the medium term).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economy {
    /// Growth of output per worker, % a year.
    pub productivity_growth_pct: f64,
    /// GDP deflator growth, % a year.
    pub gdp_deflator_growth_pct: f64,
    /// CPI inflation, % a year.
    pub cpi_inflation_pct: f64,
    /// RPI minus CPI until RPI is aligned with CPIH, percentage points.
    pub rpi_cpi_wedge_pp: f64,
    /// First fiscal year in which RPI equals CPIH (the 2030 reform).
    pub rpi_aligned_with_cpih_from: FiscalYear,
    /// Unemployment rate, % of the labour force.
    pub unemployment_rate_pct: f64,
    /// Raise the participation of the people a later State Pension age
    /// keeps under it (ages between 66, the SPA the participation data were
    /// observed with, and the SPA in force) by the effects below.
    pub participation_follows_spa: bool,
    /// Employment effect of a rise in the State Pension age on men kept
    /// under it, percentage points of their age group (IFS: 7.4 for the
    /// 2018-20 rise from 65 to 66).
    #[serde(default = "default_spa_effect_men_pp")]
    pub spa_rise_employment_effect_men_pp: f64,
    /// The same for women, percentage points (IFS: 8.5).
    #[serde(default = "default_spa_effect_women_pp")]
    pub spa_rise_employment_effect_women_pp: f64,
    /// Weight of the next fiscal year's GDP in GDP centred on end-March
    /// (the OBR's denominator for PSND): 0.5 is the geometric mean.
    pub centred_gdp_next_year_weight_share: f64,
}

fn default_true() -> bool {
    true
}

fn default_spa_effect_men_pp() -> f64 {
    7.4
}

fn default_spa_effect_women_pp() -> f64 {
    8.5
}

/// Interest rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    /// Bank Rate through the medium term, %.
    pub bank_rate_medium_term_pct: f64,
    /// Gilt yield at which new conventional gilts are issued through the
    /// medium term, %.
    pub gilt_rate_medium_term_pct: f64,
    /// Long-run Bank Rate, %.
    pub bank_rate_long_run_pct: f64,
    /// Long-run gilt yield, %.
    pub gilt_rate_long_run_pct: f64,
    /// Years after the medium term over which rates move linearly to their
    /// long-run values.
    pub convergence_years: u32,
    /// Long-run gilt yield relative to each year's nominal GDP growth, pp
    /// (the OBR's long-term determinants convention, e.g. 0.2); overrides
    /// `gilt_rate_long_run_pct` when set.
    #[serde(default)]
    pub gilt_rate_long_run_over_growth_pp: Option<f64>,
    /// Long-run Bank Rate relative to each year's nominal GDP growth, pp;
    /// overrides `bank_rate_long_run_pct` when set.
    #[serde(default)]
    pub bank_rate_long_run_over_growth_pp: Option<f64>,
    /// Whether the spreads over growth, where set, decide the long-run
    /// rates; `false` uses the absolute `*_long_run_pct` (a scenario
    /// extending one with spreads cannot unset them).
    #[serde(default = "default_true")]
    pub long_run_rates_follow_growth: bool,
    /// Feedback from debt to gilt yields after the medium term: basis
    /// points on new gilts per 10 pp of PSND/GDP above its level at the end
    /// of the medium term (symmetric below). 0 switches it off.
    #[serde(default)]
    pub gilt_rate_debt_feedback_bp_per_10pp: f64,
}

impl Rates {
    /// Move the long-run gilt rate and Bank Rate by `d` pp, whichever way
    /// they are set: the absolute rates and, where set, the spreads over
    /// nominal GDP growth (which then decide the long-run rates).
    pub fn shift_long_run_pp(&mut self, d: f64) {
        self.gilt_rate_long_run_pct += d;
        self.bank_rate_long_run_pct += d;
        for spread in [
            &mut self.gilt_rate_long_run_over_growth_pp,
            &mut self.bank_rate_long_run_over_growth_pp,
        ]
        .into_iter()
        .flatten()
        {
            *spread += d;
        }
    }
}

/// Structure of the debt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debt {
    /// Share of PSND in index-linked gilts (uplifted), 0..1.
    pub index_linked_share: f64,
    /// Share of PSND paying Bank Rate other than the reserves created by
    /// quantitative easing: Treasury bills and other short-term debt, 0..1.
    pub floating_rate_share: f64,
    /// Real yield on new index-linked gilts, % (existing gilts keep their
    /// own real coupons from the DMO list).
    pub index_linked_real_yield_pct: f64,
    /// Average maturity of new conventional gilt issuance, years.
    pub new_issuance_average_maturity_years: u32,
    /// Retired: the stock-flow adjustment is now student loans
    /// ([`Debt::student_loans`]) plus the rest
    /// ([`Debt::other_stock_flow_pct_gdp`]). Kept only so that a scenario
    /// that still sets it is refused with a message saying so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_flow_adjustment_pct_gdp: Option<f64>,
    /// Stock-flow adjustment after the medium term other than student loans
    /// (other financial transactions), % of GDP a year; `None` holds the
    /// last EFO year's (the EFO's adjustment less the book's student loans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_stock_flow_pct_gdp: Option<f64>,
    /// Public sector debt interest outside the central government debt
    /// interest the debt portfolio computes (interest on the funded public
    /// service pension schemes' liabilities, public corporations' and local
    /// authorities' debt interest) after the medium term, % of GDP; `None`
    /// holds the last EFO year's (data series
    /// `interest.other_public_sector_pct_gdp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_public_sector_interest_pct_gdp: Option<f64>,
    /// Student loans as their own flows.
    #[serde(default)]
    pub student_loans: StudentLoans,
    /// Bank of England reserves created by quantitative easing (net of the
    /// gilts the Asset Purchase Facility holds, which PSND consolidates) at
    /// the end of the year before the base year, £bn; they pay Bank Rate.
    #[serde(default)]
    pub qe_reserves_opening_gbp_bn: f64,
    /// Quantitative tightening: the yearly fall in those reserves, in steps.
    #[serde(default)]
    pub qt_path: Vec<QtStep>,
}

/// The student-loan book (see `model::debt::StudentLoanBook`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StudentLoans {
    /// Model student loans as their own flows; `false` leaves them in the
    /// other stock-flow adjustment.
    pub enabled: bool,
    /// Youngest age of the student-age population lending grows with.
    pub lending_age_from: u32,
    /// Oldest age of the student-age population lending grows with.
    pub lending_age_to: u32,
    /// Years from a year's lending to its first repayment.
    pub years_to_first_repayment: u32,
    /// Years of repayment before the rest is written off.
    pub repayment_years: u32,
    /// Fewest payments left on any vintage of the book held at the start.
    pub existing_book_shortest_years: u32,
    /// Most payments left on any vintage of the book held at the start.
    pub existing_book_longest_years: u32,
    /// Interest on the loans over RPI, pp.
    pub interest_over_rpi_pp: f64,
    /// The asset at the end of the year before the base year, £bn; `None`
    /// reads the ONS outturn from the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_asset_gbp_bn: Option<f64>,
    /// New lending to the asset in the year before the base year, £bn;
    /// `None` derives it from the ONS outturn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_lending_gbp_bn: Option<f64>,
}

impl Default for StudentLoans {
    /// The baseline's settings (`scenarios/baseline.toml` gives sources).
    fn default() -> Self {
        StudentLoans {
            enabled: true,
            lending_age_from: 18,
            lending_age_to: 21,
            years_to_first_repayment: 3,
            repayment_years: 40,
            existing_book_shortest_years: 10,
            existing_book_longest_years: 31,
            interest_over_rpi_pp: 0.0,
            opening_asset_gbp_bn: None,
            new_lending_gbp_bn: None,
        }
    }
}

/// One step of the quantitative-tightening path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QtStep {
    /// First fiscal year of the step.
    pub from: FiscalYear,
    /// Fall in QE reserves each year from then until the next step, £bn.
    pub reduction_gbp_bn: f64,
}

impl Debt {
    /// QE reserves at the end of each year from `first` for `n` years, £bn:
    /// the opening stock less the QT path's reductions (which may go
    /// negative: validation rejects such a path).
    pub(crate) fn qe_reserves_gbp_bn(&self, first: FiscalYear, n: usize) -> Vec<f64> {
        let mut stock = self.qe_reserves_opening_gbp_bn;
        let mut y = first;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let cut = self
                .qt_path
                .iter()
                .take_while(|s| s.from <= y)
                .last()
                .map(|s| s.reduction_gbp_bn)
                .unwrap_or(0.0);
            stock -= cut;
            out.push(stock);
            y = y.next();
        }
        out
    }
}

/// How a spending line is uprated after the medium term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uprating {
    /// With average earnings (the OBR's unchanged-policy default).
    Earnings,
    /// With CPI prices (real per-person amounts held flat).
    Cpi,
}

/// Spending assumptions after the medium term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    /// Health "other cost pressures" in the first long-term year, pp a year
    /// on top of earnings growth and demography.
    pub health_other_cost_pressures_start_pp: f64,
    /// Other cost pressures at the end of the taper, pp a year.
    pub health_other_cost_pressures_end_pp: f64,
    /// Years over which the pressure tapers linearly from start to end.
    pub health_other_cost_pressures_taper_years: u32,
    /// Healthy ageing: share of the gain in life expectancy at 65 (since
    /// the last medium-term year) by which the health age-cost profile at
    /// ages 50 and over shifts to older ages, 0..1 (0 = fixed profile,
    /// 1 = all extra years in good health).
    pub health_healthy_ageing_share: f64,
    /// Adult social care unit cost growth over earnings, pp a year.
    pub adult_social_care_cost_premium_pp: f64,
    /// State Pension uprating above earnings from the triple lock, pp a year.
    pub triple_lock_premium_pp: f64,
    /// Uprating of working-age and child welfare.
    pub welfare_uprating: Uprating,
    /// First fiscal year of CPI uprating when `welfare_uprating = "cpi"`
    /// (earnings before it); omit for the first year after the medium term
    /// (the OBR's CPI variant).
    #[serde(default)]
    pub welfare_cpi_uprating_from: Option<FiscalYear>,
    /// Uprating of pensioner benefits other than the State Pension.
    pub pensioner_benefits_uprating: Uprating,
    /// Non-age-related primary spending (defence, transport, ...), % of GDP;
    /// omit to hold the last medium-term year's share.
    #[serde(default)]
    pub non_age_related_pct_gdp: Option<f64>,
    /// Shares of GDP of age-related lines in the last medium-term year, the
    /// start point of the long-term projection (`{ health = 6.9 }`): a past
    /// report's own published split, in place of the vintage's (or the FRS
    /// table's). Non-age-related spending stays the residual of TME after
    /// interest, so primary spending is unchanged; in the medium-term years
    /// before, the difference from the vintage's split phases in linearly
    /// from none in the base year. Keys: [`START_POINT_LINES`].
    #[serde(default)]
    pub start_point_pct_gdp: std::collections::BTreeMap<String, f64>,
}

/// The lines `[spending] start_point_pct_gdp` may set: the age-related
/// lines whose medium-term levels come from shares of GDP (pensioner
/// benefits come from the EFO's welfare table in £bn).
pub const START_POINT_LINES: &[&str] = &[
    "health",
    "adult_social_care",
    "education",
    "state_pension",
    "other_welfare",
    "public_service_pensions",
];

/// Receipts assumptions after the medium term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipts {
    /// Receipts not in any other line (the rest after income tax, NICs,
    /// consumption taxes, fuel duty, tobacco duty, corporation tax, property and capital
    /// taxes, council tax and business rates, interest and dividends: 6.5 %
    /// of GDP in 2030-31), % of GDP; omit to hold the last medium-term
    /// year's share.
    #[serde(default)]
    pub other_receipts_pct_gdp: Option<f64>,
    /// Fuel duty's fall as vehicles electrify: change in its share of GDP
    /// by the end year, percentage points (negative lowers receipts).
    pub fuel_duty_change_by_end_pp_gdp: f64,
    /// Year by which fuel duty has fallen to zero as electric vehicles
    /// replace petrol and diesel (linearly from the last medium-term year's
    /// share); omit to hold its share (plus any change above).
    #[serde(default)]
    pub fuel_duty_zero_by: Option<FiscalYear>,
    /// Fuel duty after the medium term: `"electrify"` follows
    /// `fuel_duty_zero_by`; `"hold"` holds the last medium-term share of
    /// GDP whatever `fuel_duty_zero_by` says (a file extending one that sets
    /// it, e.g. a past report's scenario written before the policies behind
    /// it).
    #[serde(default)]
    pub fuel_duty_path: FuelDutyPath,
    /// Tobacco duty after the medium term: falling in cash terms
    /// (`"decline"`, by `tobacco_duty_cash_decline_pct_a_year`) or held at
    /// its last medium-term share of GDP (`"hold"`).
    pub tobacco_duty_path: TobaccoDutyPath,
    /// Tobacco duty's fall in cash terms a year after the medium term with
    /// `tobacco_duty_path = "decline"`, % a year (3.0: the EFO's own trend
    /// from 2025-26 to 2030-31).
    pub tobacco_duty_cash_decline_pct_a_year: f64,
}

/// Fuel duty's path after the medium term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FuelDutyPath {
    /// Falls to zero by `fuel_duty_zero_by` (held when that is omitted).
    #[default]
    Electrify,
    /// Held at its last medium-term share of GDP.
    Hold,
}

/// Tobacco duty's path after the medium term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TobaccoDutyPath {
    /// Falls in cash terms at a fixed rate as smoking declines.
    Decline,
    /// Holds its last medium-term share of GDP.
    Hold,
}

/// One step of the State Pension age timetable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpaStep {
    /// First fiscal year at this age.
    pub from: FiscalYear,
    /// State Pension age in years (fractions allowed during transitions).
    pub age_years: f64,
}

/// The State Pension age timetable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatePensionAge {
    /// Steps in time order; the age between steps is that of the last step.
    pub steps: Vec<SpaStep>,
    /// Link the State Pension age to life expectancy from a year on (the
    /// government's "one third of adult life" rule); omit for the steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_to_life_expectancy: Option<crate::model::demography::SpaLink>,
}

impl StatePensionAge {
    /// The State Pension age in force on average over fiscal year `year`.
    pub(crate) fn age_in(&self, year: FiscalYear) -> f64 {
        self.steps
            .iter()
            .take_while(|s| s.from <= year)
            .last()
            .or(self.steps.first())
            .map(|s| s.age_years)
            .unwrap_or(66.0)
    }
}
