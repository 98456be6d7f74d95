//! Receipts lines after the medium term, one module per line.

mod consumption_taxes;
mod fuel_duty;
mod income_tax;
mod nics;
mod other;

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
        other::model(a, data)?,
    ];
    debug_assert_eq!(models.len(), super::Receipt::N);
    Ok(models)
}
