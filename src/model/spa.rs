//! The State Pension age a projection uses: the scenario's legislated steps,
//! or, with `[state_pension_age.link_to_life_expectancy]`, those steps until
//! the link starts and the life-expectancy rule after (see
//! [`super::demography::spa_link`] and docs/model.md).

use super::assumptions::{Assumptions, SpaStep, StatePensionAge};
use super::demography::spa_link;
use super::error::ModelError;
use super::mortality::scenario_mortality;
use crate::years::FiscalYear;

/// The timetable in force: `a.state_pension_age` unchanged without a link;
/// with one, the steps before `from` and one step a year from `from` to the
/// end of the horizon following the rule.
pub fn resolve_state_pension_age(a: &Assumptions) -> Result<StatePensionAge, ModelError> {
    let spa = &a.state_pension_age;
    let Some(link) = &spa.link_to_life_expectancy else {
        return Ok(spa.clone());
    };
    let demography = scenario_mortality(a)?;
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
