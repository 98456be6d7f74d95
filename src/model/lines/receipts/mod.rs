//! Receipts lines after the medium term, one module per line (lines that
//! only hold their share of GDP share one module).

mod consumption_taxes;
mod fuel_duty;
mod income_tax;
mod nics;
mod other;
mod share_of_gdp;

use super::LineModel;
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
        share_of_gdp::model(),
        share_of_gdp::model(),
        share_of_gdp::model(),
        share_of_gdp::model(),
        other::model(a, data)?,
    ];
    debug_assert_eq!(models.len(), super::Receipt::N);
    Ok(models)
}
