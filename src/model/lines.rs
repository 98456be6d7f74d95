//! The spending and receipts lines the model projects, with their names in
//! files and the data each is calibrated to.

use serde::Serialize;

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

    /// Whether eligibility starts at the State Pension age.
    pub fn follows_spa(self) -> bool {
        matches!(self, Spend::StatePension | Spend::PensionerBenefits)
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
    /// VAT, alcohol and tobacco duties.
    ConsumptionTaxes,
    /// Fuel duties.
    FuelDuty,
    /// Everything else, a share of GDP.
    Other,
}

impl Receipt {
    /// Every line, in output order.
    pub const ALL: [Receipt; 5] = [
        Receipt::IncomeTax,
        Receipt::Nics,
        Receipt::ConsumptionTaxes,
        Receipt::FuelDuty,
        Receipt::Other,
    ];
    /// Number of lines.
    pub const N: usize = 5;

    /// Name in files and scenario references.
    pub fn key(self) -> &'static str {
        match self {
            Receipt::IncomeTax => "income_tax",
            Receipt::Nics => "nics",
            Receipt::ConsumptionTaxes => "consumption_taxes",
            Receipt::FuelDuty => "fuel_duty",
            Receipt::Other => "other_receipts",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Receipt::IncomeTax => "Income tax",
            Receipt::Nics => "National insurance",
            Receipt::ConsumptionTaxes => "VAT, alcohol and tobacco",
            Receipt::FuelDuty => "Fuel duty",
            Receipt::Other => "Other receipts",
        }
    }

    /// The profile column for age-profiled lines.
    pub fn profile(self) -> Option<&'static str> {
        match self {
            Receipt::IncomeTax => Some("income_tax"),
            Receipt::Nics => Some("nics"),
            Receipt::ConsumptionTaxes => Some("consumption_taxes"),
            Receipt::FuelDuty | Receipt::Other => None,
        }
    }

    /// EFO series that make up the line (summed).
    pub fn efo_series(self) -> &'static [&'static str] {
        match self {
            Receipt::IncomeTax => &["receipts.income_tax"],
            Receipt::Nics => &["receipts.nics"],
            Receipt::ConsumptionTaxes => &["receipts.vat", "receipts.alcohol_tobacco"],
            Receipt::FuelDuty => &["receipts.fuel_duty"],
            Receipt::Other => &[],
        }
    }

    /// Look a line up by its key.
    pub fn from_key(key: &str) -> Option<Receipt> {
        Receipt::ALL.into_iter().find(|l| l.key() == key)
    }
}
