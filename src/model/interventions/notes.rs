//! Warnings about assumptions a scenario left to defaults that change what
//! its own numbers mean: a take-up curve nobody chose ("£1bn a year from
//! 2028" that saves £0.007bn in its first year) and savings that last to
//! the horizon undiminished because no persistence was stated.

use super::paths::take_up;
use super::spec::{default_take_up, Adoption, Intervention};
use crate::model::Assumptions;
use crate::years::FiscalYear;

/// Take-up below which the first year's saving is called out.
const FIRST_YEAR_SHARE_NOTED: f64 = 0.5;

/// Every warning for the interventions of `a` (whose projection starts
/// in its base year).
pub fn notes(a: &Assumptions) -> Vec<String> {
    let first = a.horizon.base_year;
    let mut out = Vec::new();
    for i in &a.intervention {
        out.extend(take_up_note(i, first));
        out.extend(persistence_note(i));
    }
    out
}

/// The defaults of the take-up curve that `i` relies on, if any.
fn defaulted(i: &Intervention) -> Vec<String> {
    let mut d = Vec::new();
    match i.adoption {
        None => d.push(format!(
            "adoption (logistic, midpoint {} years, steepness {})",
            default_take_up::MIDPOINT_YEARS,
            default_take_up::STEEPNESS
        )),
        Some(Adoption::Logistic) => {
            if i.adoption_midpoint_years.is_none() {
                d.push(format!(
                    "adoption_midpoint_years ({})",
                    default_take_up::MIDPOINT_YEARS
                ));
            }
            if i.adoption_steepness.is_none() {
                d.push(format!(
                    "adoption_steepness ({})",
                    default_take_up::STEEPNESS
                ));
            }
        }
        Some(Adoption::Linear) if i.ramp_years.is_none() => {
            d.push(format!("ramp_years ({})", default_take_up::RAMP_YEARS));
        }
        Some(_) => {}
    }
    d
}

/// A warning when a default take-up curve turns a single number into a
/// slow ramp.
fn take_up_note(i: &Intervention, first: FiscalYear) -> Option<String> {
    let defaults = defaulted(i);
    if defaults.is_empty() {
        return None;
    }
    let u = 1.0 + i.optimism_bias_duration_uplift_share;
    let start = f64::from(first.years_until(i.start_on(first)));
    let from = start + i.delay_years * u;
    let tau0 = from.ceil() - from;
    let share = take_up(i, tau0, u) / i.take_up_cap_share.max(1e-12);
    if share >= FIRST_YEAR_SHARE_NOTED {
        return None;
    }
    let year = FiscalYear(first.0 + from.ceil() as i32);
    let half = (0..200)
        .map(f64::from)
        .find(|k| take_up(i, tau0 + k, u) / i.take_up_cap_share.max(1e-12) >= 0.5)
        .map(|k| FiscalYear(year.0 + k as i32));
    let what = if i.saving_gbp_bn != 0.0 {
        format!(
            "its saving_gbp_bn of £{}bn a year gives £{:.3}bn",
            i.saving_gbp_bn,
            i.saving_gbp_bn * i.take_up_cap_share * share
        )
    } else {
        "its saving is".to_string()
    };
    Some(format!(
        "`{}`: take-up follows defaults nobody stated ({}), so {what} in its first year of benefits ({year}), {:.1} % of the full amount{}; state `adoption = \"immediate\"` if the full amount from the start is meant, or state the curve",
        i.name,
        defaults.join(", "),
        100.0 * share,
        half.map_or(String::new(), |y| format!(", and half of it only from {y}"))
    ))
}

/// A warning when a saving lasts to the horizon undiminished because no
/// persistence was stated.
fn persistence_note(i: &Intervention) -> Option<String> {
    let saves = i.saving_share != 0.0
        || i.saving_gbp_bn != 0.0
        || i.productivity_growth_pp != 0.0
        || i.units_quantity * i.saving_gbp_bn_per_unit != 0.0;
    let stated = i.decay_pct != 0.0
        || i.asset_life_years.is_some()
        || i.end_year.is_some()
        || i.evidence.contains_key("decay_pct")
        || i.evidence.contains_key("asset_life_years");
    (saves && !stated).then(|| {
        format!(
            "`{}`: its saving lasts undiminished to the horizon (no decay_pct, asset_life_years or end_year): state its persistence, or grade `decay_pct` in its [intervention.evidence] table if permanence is meant",
            i.name
        )
    })
}
