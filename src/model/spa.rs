//! The State Pension age a projection uses: the scenario's legislated steps,
//! or, with `[state_pension_age.link_to_life_expectancy]`, those steps until
//! the link starts and the life-expectancy rule after (see
//! [`super::demography::spa_link`] and docs/model.md).

use super::assumptions::{Assumptions, SpaStep, StatePensionAge};
use super::demography::{
    principal_assumptions, spa_link, DemographicAssumptions, PopulationChoice,
};
use super::error::ModelError;
use crate::years::FiscalYear;

/// The mortality the rule reads: the scenario's own when its population is
/// projected from assumptions, the ONS 2022-based principal otherwise (a
/// ready projection carries no rates).
fn mortality_assumptions(a: &Assumptions) -> Result<DemographicAssumptions, ModelError> {
    let err = |e: super::demography::DemographyError| ModelError::Data {
        table: "population".into(),
        message: e.to_string(),
    };
    let principal = principal_assumptions().map_err(err)?;
    match &a.population {
        Some(s) if s.choice().map_err(err)? == PopulationChoice::Assumptions => {
            s.apply(&principal).map_err(err)
        }
        _ => Ok(principal),
    }
}

/// The timetable in force: `a.state_pension_age` unchanged without a link;
/// with one, the steps before `from` and one step a year from `from` to the
/// end of the horizon following the rule.
pub fn resolve_state_pension_age(a: &Assumptions) -> Result<StatePensionAge, ModelError> {
    let spa = &a.state_pension_age;
    let Some(link) = &spa.link_to_life_expectancy else {
        return Ok(spa.clone());
    };
    let demography = mortality_assumptions(a)?;
    let start_age = spa.age_in(link.from.prev());
    let last = a.horizon.end_year.next();
    let path = spa_link::linked_spa_path(
        &demography,
        link,
        link.from.start(),
        last.start(),
        start_age,
    );
    let mut steps: Vec<SpaStep> = spa
        .steps
        .iter()
        .filter(|s| s.from < link.from)
        .cloned()
        .collect();
    steps.extend(path.points.iter().map(|(year, age)| SpaStep {
        from: FiscalYear(*year),
        age_years: *age,
    }));
    Ok(StatePensionAge {
        steps,
        link_to_life_expectancy: Some(link.clone()),
    })
}
