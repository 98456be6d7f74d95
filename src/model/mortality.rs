//! The mortality a scenario's spending lines read (State Pension age linked
//! to life expectancy, healthy ageing in health): the scenario's own
//! projected rates when its population comes from assumptions (on its
//! vintage's principal), the ONS 2022-based principal's otherwise (a ready
//! projection carries no rates).

use std::sync::Arc;

use super::assumptions::Assumptions;
use super::demography::{
    lifetable::period_life_expectancy_at, DemographicAssumptions, DemographyError,
    PopulationChoice, PopulationVintage,
};
use super::error::ModelError;
use crate::years::FiscalYear;

fn model_error(e: DemographyError) -> ModelError {
    ModelError::Data {
        table: "population".into(),
        message: e.to_string(),
    }
}

/// The demographic assumptions whose mortality scenario `a` implies: its
/// applied `[population]` settings (kept for the process by
/// `PopulationSettings::applied`), or the embedded 2022-based principal,
/// shared, not copied.
pub fn scenario_mortality(a: &Assumptions) -> Result<Arc<DemographicAssumptions>, ModelError> {
    match &a.population {
        Some(s) if s.choice().map_err(model_error)? == PopulationChoice::Assumptions => {
            s.applied().map_err(model_error)
        }
        _ => PopulationVintage::Npp2022
            .principal_shared()
            .map(Arc::clone)
            .map_err(model_error),
    }
}

/// Period life expectancy at `age` (mean of the sexes), years, from the
/// rates of the projection year starting in mid-`year.start()` (the last
/// year's rates after the assumptions end).
pub fn period_life_expectancy(d: &DemographicAssumptions, age: usize, year: FiscalYear) -> f64 {
    let n = d.n_years();
    let j = usize::try_from(year.start() - d.base_year)
        .unwrap_or(0)
        .min(n - 1);
    (0..2)
        .map(|s| period_life_expectancy_at(d.mortality_q.slice(ndarray::s![s, .., j]), age))
        .sum::<f64>()
        / 2.0
}
