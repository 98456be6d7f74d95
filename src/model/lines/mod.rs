//! The spending and receipts lines the model projects: their names in files
//! (the [`Spend`] and [`Receipt`] enums) and, one module per line, how each
//! is calibrated in the last medium-term year and projected after it.
//!
//! Every line implements [`LineModel`]: `calibrate` sees the line's level in
//! the last EFO year, `project` gives its level in each long-term year from
//! that year's [`YearContext`]. A new line is a new file here plus one entry
//! in [`spending_models`] or [`receipts::models`] (and its enum variant).

mod adult_social_care;
mod context;
mod education;
mod health;
mod other_welfare;
mod pensioner_benefits;
mod profiled;
mod public_service_pensions;
pub mod receipts;
mod share_of_gdp;
mod state_pension;

use serde::Serialize;

pub use context::YearContext;
pub use profiled::{Eligibility, Profiled};

use super::assumptions::Assumptions;
use super::error::ModelError;
use crate::data::Dataset;

/// How one line is calibrated and projected after the medium term.
pub trait LineModel {
    /// Calibrate to the line's level (`level_gbp_bn`) in the last
    /// medium-term year, whose context is `ctx`.
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64);
    /// The line's level in a long-term year, £bn (called once a year, in
    /// year order, after `calibrate`).
    fn project(&mut self, ctx: &YearContext) -> f64;
}

/// One model per spending line, in [`Spend::ALL`] order.
pub fn spending_models(
    a: &Assumptions,
    data: &Dataset,
) -> Result<Vec<Box<dyn LineModel>>, ModelError> {
    let models: Vec<Box<dyn LineModel>> = vec![
        health::model(a, data)?,
        adult_social_care::model(a, data)?,
        education::model(a, data)?,
        state_pension::model(a, data)?,
        pensioner_benefits::model(a, data)?,
        other_welfare::model(a, data)?,
        public_service_pensions::model(a, data)?,
        share_of_gdp::model(a.spending.non_age_related_pct_gdp),
    ];
    debug_assert_eq!(models.len(), Spend::N);
    Ok(models)
}

/// A primary spending line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spend {
    /// NHS and other health spending.
    Health,
    /// Adult social care.
    AdultSocialCare,
    /// Education (early years to higher education).
    Education,
    /// The State Pension.
    StatePension,
    /// Pensioner benefits other than the State Pension (Pension Credit,
    /// Attendance Allowance, Winter Fuel Payment, ...).
    PensionerBenefits,
    /// Working-age and child welfare.
    OtherWelfare,
    /// Unfunded public service pensions, net.
    PublicServicePensions,
    /// Everything else (defence, transport, ...), a share of GDP.
    NonAgeRelated,
}

impl Spend {
    /// Every line, in output order.
    pub const ALL: [Spend; 8] = [
        Spend::Health,
        Spend::AdultSocialCare,
        Spend::Education,
        Spend::StatePension,
        Spend::PensionerBenefits,
        Spend::OtherWelfare,
        Spend::PublicServicePensions,
        Spend::NonAgeRelated,
    ];
    /// Number of lines.
    pub const N: usize = 8;

    /// Name in files and scenario references.
    pub fn key(self) -> &'static str {
        match self {
            Spend::Health => "health",
            Spend::AdultSocialCare => "adult_social_care",
            Spend::Education => "education",
            Spend::StatePension => "state_pension",
            Spend::PensionerBenefits => "pensioner_benefits",
            Spend::OtherWelfare => "other_welfare",
            Spend::PublicServicePensions => "public_service_pensions",
            Spend::NonAgeRelated => "non_age_related",
        }
    }

    /// Human label for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            Spend::Health => "Health",
            Spend::AdultSocialCare => "Adult social care",
            Spend::Education => "Education",
            Spend::StatePension => "State Pension",
            Spend::PensionerBenefits => "Pensioner benefits",
            Spend::OtherWelfare => "Other welfare",
            Spend::PublicServicePensions => "Public service pensions",
            Spend::NonAgeRelated => "Non-age-related",
        }
    }

    /// Whether the line is projected from population × profile.
    pub fn is_age_related(self) -> bool {
        self != Spend::NonAgeRelated
    }

    /// Look a line up by its key.
    pub fn from_key(key: &str) -> Option<Spend> {
        Spend::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// A receipts line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Receipt {
    /// Income tax.
    IncomeTax,
    /// National insurance contributions.
    Nics,
    /// VAT and alcohol duties.
    ConsumptionTaxes,
    /// Fuel duties.
    FuelDuty,
    /// Tobacco duties.
    TobaccoDuty,
    /// Onshore and offshore corporation tax.
    CorporationTax,
    /// Property and capital taxes: stamp duties, capital gains tax,
    /// inheritance tax.
    PropertyAndCapitalTaxes,
    /// Council tax and business rates.
    CouncilTaxAndBusinessRates,
    /// Public sector interest and dividends receipts.
    InterestAndDividends,
    /// Everything else, a share of GDP.
    Other,
}

impl Receipt {
    /// Every line, in output order.
    pub const ALL: [Receipt; 10] = [
        Receipt::IncomeTax,
        Receipt::Nics,
        Receipt::ConsumptionTaxes,
        Receipt::FuelDuty,
        Receipt::TobaccoDuty,
        Receipt::CorporationTax,
        Receipt::PropertyAndCapitalTaxes,
        Receipt::CouncilTaxAndBusinessRates,
        Receipt::InterestAndDividends,
        Receipt::Other,
    ];
    /// Number of lines.
    pub const N: usize = 10;

    /// Name in files and scenario references.
    pub fn key(self) -> &'static str {
        match self {
            Receipt::IncomeTax => "income_tax",
            Receipt::Nics => "nics",
            Receipt::ConsumptionTaxes => "consumption_taxes",
            Receipt::FuelDuty => "fuel_duty",
            Receipt::TobaccoDuty => "tobacco_duty",
            Receipt::CorporationTax => "corporation_tax",
            Receipt::PropertyAndCapitalTaxes => "property_and_capital_taxes",
            Receipt::CouncilTaxAndBusinessRates => "council_tax_and_business_rates",
            Receipt::InterestAndDividends => "interest_and_dividends",
            Receipt::Other => "other_receipts",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Receipt::IncomeTax => "Income tax",
            Receipt::Nics => "National insurance",
            Receipt::ConsumptionTaxes => "VAT and alcohol",
            Receipt::FuelDuty => "Fuel duty",
            Receipt::TobaccoDuty => "Tobacco duty",
            Receipt::CorporationTax => "Corporation tax",
            Receipt::PropertyAndCapitalTaxes => "Property and capital taxes",
            Receipt::CouncilTaxAndBusinessRates => "Council tax, business rates",
            Receipt::InterestAndDividends => "Interest and dividends",
            Receipt::Other => "Other receipts",
        }
    }

    /// EFO series that make up the line (summed), before
    /// [`Receipt::efo_series_less`] is taken out.
    pub(crate) fn efo_series(self) -> &'static [&'static str] {
        match self {
            Receipt::IncomeTax => &["receipts.income_tax"],
            Receipt::Nics => &["receipts.nics"],
            Receipt::ConsumptionTaxes => &["receipts.vat", "receipts.alcohol_tobacco"],
            Receipt::FuelDuty => &["receipts.fuel_duty"],
            Receipt::TobaccoDuty => &["receipts.detail.tobacco_duties"],
            Receipt::CorporationTax => &["receipts.corp_tax"],
            Receipt::PropertyAndCapitalTaxes => {
                &["receipts.stamp_duty", "receipts.cgt", "receipts.iht"]
            }
            Receipt::CouncilTaxAndBusinessRates => {
                &["receipts.council_tax", "receipts.business_rates"]
            }
            Receipt::InterestAndDividends => &["receipts.detail.interest_and_dividends"],
            Receipt::Other => &[],
        }
    }

    /// EFO series inside [`Receipt::efo_series`] that another line takes
    /// (subtracted): tobacco duty out of the EFO's alcohol and tobacco line.
    /// Subtracting, rather than summing VAT and alcohol duties, keeps a
    /// vintage without the detailed series whole: its tobacco then stays in
    /// consumption taxes and the tobacco line is zero.
    pub(crate) fn efo_series_less(self) -> &'static [&'static str] {
        match self {
            Receipt::ConsumptionTaxes => Receipt::TobaccoDuty.efo_series(),
            _ => &[],
        }
    }

    /// Look a line up by its key.
    pub fn from_key(key: &str) -> Option<Receipt> {
        Receipt::ALL.into_iter().find(|l| l.key() == key)
    }
}
