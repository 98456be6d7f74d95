//! Receipts lines after the medium term, one module per line (lines that
//! only hold a share of GDP share [`super::share_of_gdp`]).

mod consumption_taxes;
mod council_tax_and_business_rates;
mod fuel_duty;
mod income_tax;
mod nics;
mod tobacco_duty;

use super::{share_of_gdp, LineModel};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;

/// One model per receipts line, in [`super::Receipt::ALL`] order.
pub fn models(a: &Assumptions, data: &Dataset) -> Result<Vec<Box<dyn LineModel>>, ModelError> {
    let models: Vec<Box<dyn LineModel>> = vec![
        income_tax::model(a, data)?,
        nics::model(a, data)?,
        consumption_taxes::model(a, data)?,
        fuel_duty::model(a, data)?,
        tobacco_duty::model(a, data)?,
        share_of_gdp::model(None),
        share_of_gdp::model(None),
        council_tax_and_business_rates::model(a, data)?,
        share_of_gdp::model(None),
        share_of_gdp::model(a.receipts.other_receipts_pct_gdp),
    ];
    debug_assert_eq!(models.len(), super::Receipt::N);
    Ok(models)
}
