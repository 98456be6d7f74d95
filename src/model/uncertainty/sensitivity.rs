//! One-at-a-time sensitivities (the OBR's variants, as a tornado): each
//! assumption moved low and high with everything else at the scenario's
//! values, and the final-year PSND and the fiscal gap of each, sorted by
//! the size of the swing.
//!
//! Demographic variants (the ONS 2022-based high and low migration,
//! fertility and life-expectancy variants) are projected by the
//! cohort-component engine and compared with the principal projected the
//! same way, so that the engine's small reproduction gap does not show as
//! an effect; their swing is added to the scenario's own central value.
//! No healthy-ageing assumption exists in the model yet, so there is no
//! such variant.
//!
//! A scenario with interventions adds one pair for each field of each
//! `[intervention.uncertainty]` table: the field at the 5th and 95th
//! percentiles of its own distribution, everything else as stated.

use rayon::prelude::*;
use serde::Serialize;

use super::error::UncertaintyError;
use crate::data::Dataset;
use crate::model::demography::{population_from_settings, VariantPreset};
use crate::model::indicators::headline::HEADLINE_TARGET_PCT_GDP;
use crate::model::indicators::{GapSolver, GapSpec, Profile};
use crate::model::interventions::fields::field;
use crate::model::{self, Assumptions};

/// A result of one projection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    /// PSND in the final year, % of GDP.
    pub final_psnd_pct_gdp: f64,
    /// The one-off fiscal gap to 40 % of GDP by the final year, % of GDP
    /// (`None` when the solver finds none).
    pub fiscal_gap_pct_gdp: Option<f64>,
}

/// One variant pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// What is varied.
    pub name: String,
    /// The low setting, in words.
    pub low_label: String,
    /// The high setting, in words.
    pub high_label: String,
    /// Outcome of the low setting.
    pub low: Outcome,
    /// Outcome of the high setting.
    pub high: Outcome,
}

impl Variant {
    /// Distance between the two final-year PSND values, pp of GDP.
    pub fn swing_pp(&self) -> f64 {
        (self.high.final_psnd_pct_gdp - self.low.final_psnd_pct_gdp).abs()
    }
}

/// The sensitivities of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The scenario's own outcome.
    pub central: Outcome,
    /// Variants, largest swing first.
    pub variants: Vec<Variant>,
}

type Edit = Box<dyn Fn(&mut Assumptions) + Sync + Send>;

enum Change {
    Fields(Edit),
    Demography(VariantPreset),
}

/// A variant that edits scenario fields.
fn edit(f: impl Fn(&mut Assumptions) + Sync + Send + 'static) -> Change {
    Change::Fields(Box::new(f))
}

/// One sensitivity: its name, then the low and high variants with labels.
type Pair = (String, String, Change, String, Change);

/// The sensitivities, in the order listed before sorting by swing.
fn pairs(a: &Assumptions) -> Vec<Pair> {
    let tl_on = if a.spending.triple_lock_premium_pp > 0.0 {
        a.spending.triple_lock_premium_pp
    } else {
        0.6
    };
    vec![
        pair(
            "Productivity growth",
            "−0.5 pp",
            edit(|a| a.economy.productivity_growth_pct -= 0.5),
            "+0.5 pp",
            edit(|a| a.economy.productivity_growth_pct += 0.5),
        ),
        pair(
            "Gilt yields and Bank Rate",
            "−1 pp",
            shift_rates(-1.0),
            "+1 pp",
            shift_rates(1.0),
        ),
        pair(
            "Inflation (CPI and GDP deflator)",
            "−1 pp",
            shift_inflation(-1.0),
            "+1 pp",
            shift_inflation(1.0),
        ),
        pair(
            "Health cost pressures",
            "−0.5 pp",
            shift_health_pressures(-0.5),
            "+0.5 pp",
            shift_health_pressures(0.5),
        ),
        (
            "Triple lock".into(),
            "off (earnings)".into(),
            edit(|a| a.spending.triple_lock_premium_pp = 0.0),
            format!("on (+{tl_on} pp)"),
            edit(move |a| a.spending.triple_lock_premium_pp = tl_on),
        ),
        ons_pair(
            "Net migration",
            VariantPreset::LowMigration,
            VariantPreset::HighMigration,
        ),
        ons_pair(
            "Fertility",
            VariantPreset::LowFertility,
            VariantPreset::HighFertility,
        ),
        ons_pair(
            "Life expectancy",
            VariantPreset::LowLifeExpectancy,
            VariantPreset::HighLifeExpectancy,
        ),
    ]
    .into_iter()
    .chain(intervention_pairs(a))
    .collect()
}

/// z-score of the 95th percentile of the standard normal.
const Z95: f64 = 1.644_853_626_951_472_2;

/// One pair for each uncertain field of each intervention: the field at
/// the 5th and 95th percentiles of its own distribution, everything else
/// as stated.
fn intervention_pairs(a: &Assumptions) -> Vec<Pair> {
    let mut out = Vec::new();
    for (j, i) in a.intervention.iter().enumerate() {
        for (name, d) in i.uncertainty.iter().flatten() {
            let Some(f) = field(name) else { continue };
            let (lo, hi) = (d.at_normal_score(-Z95), d.at_normal_score(Z95));
            let set = move |v: f64| {
                edit(move |a: &mut Assumptions| {
                    if let Some(x) = a.intervention.get_mut(j) {
                        f.put(x, v);
                    }
                })
            };
            out.push((
                format!("{}: {name}", i.name),
                format!("5th pct ({})", short(lo)),
                set(lo),
                format!("95th pct ({})", short(hi)),
                set(hi),
            ));
        }
    }
    out
}

/// A value in three significant figures.
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A sensitivity with its low and high variants.
fn pair(name: &str, low: &str, low_change: Change, high: &str, high_change: Change) -> Pair {
    (
        name.into(),
        low.into(),
        low_change,
        high.into(),
        high_change,
    )
}

/// A sensitivity between two ONS variant projections.
fn ons_pair(name: &str, low: VariantPreset, high: VariantPreset) -> Pair {
    pair(
        name,
        "ONS low",
        Change::Demography(low),
        "ONS high",
        Change::Demography(high),
    )
}

/// Gilt yields and Bank Rate, medium term and long run, moved by `d` pp.
fn shift_rates(d: f64) -> Change {
    edit(move |a: &mut Assumptions| {
        let r = &mut a.rates;
        r.gilt_rate_medium_term_pct += d;
        r.bank_rate_medium_term_pct += d;
        r.shift_long_run_pp(d);
    })
}

/// CPI inflation and GDP deflator growth moved by `d` pp.
fn shift_inflation(d: f64) -> Change {
    edit(move |a: &mut Assumptions| {
        a.economy.cpi_inflation_pct += d;
        a.economy.gdp_deflator_growth_pct += d;
    })
}

/// Health's other cost pressures, start and end, moved by `d` pp.
fn shift_health_pressures(d: f64) -> Change {
    edit(move |a: &mut Assumptions| {
        a.spending.health_other_cost_pressures_start_pp += d;
        a.spending.health_other_cost_pressures_end_pp += d;
    })
}

/// Final PSND and fiscal gap of `a` on `data` (interventions included).
pub fn outcome(a: &Assumptions, data: &Dataset) -> Result<Outcome, UncertaintyError> {
    let adj = model::intervention_adjustments(a, data)?;
    let p = model::engine::project_with(a, data, &adj)?;
    let final_psnd_pct_gdp = p.last().map_or(f64::NAN, |y| y.psnd_pct_gdp);
    let spec = GapSpec {
        target_pct_gdp: HEADLINE_TARGET_PCT_GDP,
        target_year: a.horizon.end_year,
        start_year: a.horizon.medium_term_end.next(),
        profile: Profile::OneOff,
    };
    let fiscal_gap_pct_gdp = GapSolver::new(a, data, adj)
        .ok()
        .and_then(|s| s.gap(&spec).ok())
        .map(|g| g.step_pct_gdp);
    Ok(Outcome {
        final_psnd_pct_gdp,
        fiscal_gap_pct_gdp,
    })
}

/// `a` with its population set to the ONS `variant` (merged with the
/// scenario's own population settings), and the data to match.
fn with_demography(
    a: &Assumptions,
    data: &Dataset,
    variant: VariantPreset,
) -> Result<(Assumptions, Dataset), UncertaintyError> {
    let mut a = a.clone();
    let mut s = a.population.clone().unwrap_or_default();
    s.projection = None;
    s.variant = Some(variant);
    let last_year = a.horizon.end_year.start() + 1;
    let outcome = population_from_settings(&s, last_year, None)
        .map_err(|e| UncertaintyError::bad("population.variant", format!("{variant:?}: {e}")))?;
    let mut d = data.clone();
    d.population = outcome.table();
    a.population = Some(s);
    Ok((a, d))
}

fn run_change(
    a: &Assumptions,
    data: &Dataset,
    c: &Change,
    central: Outcome,
    principal: Option<Outcome>,
) -> Result<Outcome, UncertaintyError> {
    match c {
        Change::Fields(f) => {
            let mut v = a.clone();
            f(&mut v);
            outcome(&v, data)
        }
        Change::Demography(preset) => {
            let (v, d) = with_demography(a, data, *preset)?;
            let o = outcome(&v, &d)?;
            // The swing against the principal through the same engine.
            let Some(p) = principal else { return Ok(o) };
            Ok(Outcome {
                final_psnd_pct_gdp: central.final_psnd_pct_gdp + o.final_psnd_pct_gdp
                    - p.final_psnd_pct_gdp,
                fiscal_gap_pct_gdp: match (
                    central.fiscal_gap_pct_gdp,
                    o.fiscal_gap_pct_gdp,
                    p.fiscal_gap_pct_gdp,
                ) {
                    (Some(c), Some(o), Some(p)) => Some(c + o - p),
                    _ => None,
                },
            })
        }
    }
}

/// Every variant of `a`, run in parallel.
pub fn sensitivities(a: &Assumptions, data: &Dataset) -> Result<Sensitivity, UncertaintyError> {
    let (central, principal) = rayon::join(
        || outcome(a, data),
        || {
            let (v, d) = with_demography(a, data, VariantPreset::Principal)?;
            outcome(&v, &d)
        },
    );
    let central = central?;
    let principal = principal.ok();
    let list = pairs(a);
    let mut variants = list
        .par_iter()
        .map(|(name, ll, lc, hl, hc)| {
            let (low, high) = rayon::join(
                || run_change(a, data, lc, central, principal),
                || run_change(a, data, hc, central, principal),
            );
            Ok(Variant {
                name: name.clone(),
                low_label: ll.clone(),
                high_label: hl.clone(),
                low: low?,
                high: high?,
            })
        })
        .collect::<Result<Vec<_>, UncertaintyError>>()?;
    // Largest swing first; ties by name, so the order is deterministic.
    variants.sort_by(|x, y| {
        y.swing_pp()
            .total_cmp(&x.swing_pp())
            .then(x.name.cmp(&y.name))
    });
    Ok(Sensitivity { central, variants })
}

/// The OBR-style adverse variants drawn on the fan chart: PSND by year (%
/// of GDP) with gilt yields and Bank Rate 1 pp higher, and with
/// productivity growth 0.5 pp lower.
pub fn fan_variants(
    a: &Assumptions,
    data: &Dataset,
) -> Result<Vec<(String, Vec<f64>)>, UncertaintyError> {
    type Edit = (&'static str, fn(&mut Assumptions));
    let edits: [Edit; 2] = [
        ("Rates +1 pp", |a| {
            let r = &mut a.rates;
            r.gilt_rate_medium_term_pct += 1.0;
            r.bank_rate_medium_term_pct += 1.0;
            r.shift_long_run_pp(1.0);
        }),
        ("Productivity −0.5 pp", |a| {
            a.economy.productivity_growth_pct -= 0.5
        }),
    ];
    edits
        .par_iter()
        .map(|(label, f)| {
            let mut v = a.clone();
            f(&mut v);
            let p = model::engine::project(&v, data)?;
            Ok((
                (*label).to_string(),
                p.years.iter().map(|y| y.psnd_pct_gdp).collect(),
            ))
        })
        .collect()
}
