//! The mortality a scenario's spending lines read (State Pension age linked
//! to life expectancy, healthy ageing in health): the scenario's own
//! projected rates when its population comes from assumptions (on its
//! vintage's principal), the ONS 2022-based principal's otherwise (a ready
//! projection carries no rates).

use std::sync::{Arc, Mutex, OnceLock};

use super::assumptions::Assumptions;
use super::demography::{
    lifetable::period_life_expectancy_at, principal_assumptions, DemographicAssumptions,
    DemographyError, PopulationChoice, PopulationSettings,
};
use super::error::ModelError;
use crate::years::FiscalYear;

fn model_error(e: DemographyError) -> ModelError {
    ModelError::Data {
        table: "population".into(),
        message: e.to_string(),
    }
}

/// The embedded principal assumptions, read once per process.
fn principal() -> Result<&'static DemographicAssumptions, ModelError> {
    static PRINCIPAL: OnceLock<Result<DemographicAssumptions, String>> = OnceLock::new();
    PRINCIPAL
        .get_or_init(|| principal_assumptions().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|m| ModelError::Data {
            table: "population".into(),
            message: m.clone(),
        })
}

/// How many scenarios' mortality [`scenario_mortality`] keeps: a run asks
/// for the same one several times (each projection's health line and State
/// Pension age link, the indicators' projections), a server for a few.
const KEPT_MORTALITY_SCENARIOS: usize = 4;

/// The demographic assumptions whose mortality scenario `a` implies. They
/// depend only on `a.population`, so the last few are kept: applying the
/// settings copies and validates the whole set of assumptions.
pub fn scenario_mortality(a: &Assumptions) -> Result<Arc<DemographicAssumptions>, ModelError> {
    type Kept = Vec<(Option<PopulationSettings>, Arc<DemographicAssumptions>)>;
    static KEPT: Mutex<Kept> = Mutex::new(Vec::new());
    let kept = |k: &Kept| {
        k.iter()
            .find(|(s, _)| *s == a.population)
            .map(|(_, d)| Arc::clone(d))
    };
    if let Some(d) = kept(&KEPT.lock().unwrap_or_else(|e| e.into_inner())) {
        return Ok(d);
    }
    let d = mortality_of(a)?;
    let mut k = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if kept(&k).is_none() {
        if k.len() == KEPT_MORTALITY_SCENARIOS {
            k.remove(0);
        }
        k.push((a.population.clone(), Arc::clone(&d)));
    }
    Ok(d)
}

fn mortality_of(a: &Assumptions) -> Result<Arc<DemographicAssumptions>, ModelError> {
    match &a.population {
        Some(s) if s.choice().map_err(model_error)? == PopulationChoice::Assumptions => {
            s.applied().map_err(model_error)
        }
        _ => Ok(Arc::new(principal()?.clone())),
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
