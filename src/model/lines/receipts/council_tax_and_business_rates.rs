//! Council tax and business rates, each with its own long-term driver.
//!
//! Council tax is levied on dwellings, and the OBR forecasts it from the
//! housing stock (OBR, Forecasts in depth: "Housing market": the stock of
//! dwellings forecast keeps "our fiscal forecast for council tax – which is
//! levied on the stock of dwellings – ... consistent"). Household or
//! dwelling projections are not in `../shared`, so after the medium term the
//! number of adults (18 and over, the age of the liable person) from the
//! cohort projection stands in for them, and the amount per adult grows with
//! average earnings (the OBR's unchanged-policy uprating):
//!
//! ```text
//! CT[t] = CT[T] · (A[t] / A[T]) · Π (1 + w)
//! ```
//!
//! Business rates are levied on non-domestic rateable values, revalued to
//! market rents and uprated with prices in between: with no specific
//! long-term driver they hold their last medium-term share of GDP, the
//! OBR's convention for such receipts. The split in the last medium-term
//! year is the EFO's (`receipts.council_tax`); a vintage without it holds
//! the whole line's share of GDP.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::economy::persons_aged;
use crate::model::error::ModelError;
use crate::model::lines::{LineModel, YearContext};

/// Age from which a person can be liable for council tax, years.
const COUNCIL_TAX_ADULT_AGE_YEARS: usize = 18;

struct CouncilTaxAndBusinessRates {
    /// The EFO's council tax in the last medium-term year, £bn, if the
    /// vintage has it.
    council_tax_efo_gbp_bn: Option<f64>,
    /// Council tax per adult, £bn per person, uprated each year.
    council_tax_per_adult_gbp_bn: f64,
    business_rates_share_pct_gdp: f64,
}

/// The council tax and business rates line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(CouncilTaxAndBusinessRates {
        council_tax_efo_gbp_bn: data
            .efo
            .get("receipts.council_tax", a.horizon.medium_term_end)
            .ok(),
        council_tax_per_adult_gbp_bn: 0.0,
        business_rates_share_pct_gdp: 0.0,
    }))
}

/// Persons aged 18 and over in the year.
fn adults(ctx: &YearContext) -> f64 {
    persons_aged(ctx.population, COUNCIL_TAX_ADULT_AGE_YEARS, usize::MAX)
}

impl LineModel for CouncilTaxAndBusinessRates {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        let adults = adults(ctx);
        // Without the EFO split (or adults), the whole line holds its share.
        let council_tax = match self.council_tax_efo_gbp_bn {
            Some(v) if adults > 0.0 => v.clamp(0.0, level_gbp_bn.max(0.0)),
            _ => 0.0,
        };
        self.council_tax_per_adult_gbp_bn = if adults > 0.0 {
            council_tax / adults
        } else {
            0.0
        };
        self.business_rates_share_pct_gdp = 100.0 * (level_gbp_bn - council_tax) / ctx.gdp_gbp_bn;
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.council_tax_per_adult_gbp_bn *= 1.0 + ctx.earnings_growth_share;
        self.council_tax_per_adult_gbp_bn * adults(ctx)
            + self.business_rates_share_pct_gdp * ctx.gdp_gbp_bn / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::N_AGES;
    use crate::years::FiscalYear;
    use ndarray::Array2;

    fn ctx(pop: &Array2<f64>, k: usize, gdp_gbp_bn: f64) -> YearContext<'_> {
        YearContext {
            year_index: k,
            year: FiscalYear(2030 + k as i32),
            years_after_medium_term: k as i32,
            long_term_years: 45,
            earnings_growth_share: 0.04,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: 67.0,
            participation: pop.view(),
            gdp_gbp_bn,
        }
    }

    /// One person of each sex at every age, and `extra` more at age 40.
    fn population(extra: f64) -> Array2<f64> {
        let mut p = Array2::from_elem((2, N_AGES), 1.0);
        p[[0, 40]] += extra;
        p
    }

    #[test]
    fn council_tax_follows_adults_and_earnings_business_rates_gdp() {
        let mut line = CouncilTaxAndBusinessRates {
            council_tax_efo_gbp_bn: Some(60.0),
            council_tax_per_adult_gbp_bn: 0.0,
            business_rates_share_pct_gdp: 0.0,
        };
        let base = population(0.0);
        let adults_base = adults(&ctx(&base, 0, 3000.0));
        assert_eq!(adults_base, 2.0 * (N_AGES - 18) as f64);
        line.calibrate(&ctx(&base, 0, 3000.0), 90.0);
        // Children do not count; ten more adults add their share.
        let mut children = base.clone();
        children[[1, 5]] += 50.0;
        let grown = population(10.0);
        let c1 = ctx(&children, 1, 3300.0);
        let want1 = 60.0 * 1.04 + 30.0 * 1.1;
        assert!((line.project(&c1) - want1).abs() < 1e-9);
        let c2 = ctx(&grown, 2, 3300.0);
        let want2 = 60.0 * 1.04 * 1.04 * (adults_base + 10.0) / adults_base + 30.0 * 1.1;
        assert!((line.project(&c2) - want2).abs() < 1e-9);
    }

    #[test]
    fn without_the_efo_split_the_line_holds_its_share() {
        let mut line = CouncilTaxAndBusinessRates {
            council_tax_efo_gbp_bn: None,
            council_tax_per_adult_gbp_bn: 0.0,
            business_rates_share_pct_gdp: 0.0,
        };
        let pop = population(0.0);
        line.calibrate(&ctx(&pop, 0, 3000.0), 90.0);
        assert!((line.project(&ctx(&population(99.0), 1, 4000.0)) - 120.0).abs() < 1e-9);
    }
}
