//! What interventions do: per intervention and for the package, net savings,
//! costs, net present value at Green Book rates, breakeven, and the change
//! in debt and interest against the same scenario without interventions.

use serde::Serialize;

use super::paths::{apply, Paths};
use super::spec::Intervention;
use crate::data::Dataset;
use crate::model::adjustments::Adjustments;
use crate::model::{project_with, Assumptions, ModelError, Projection};
use crate::years::FiscalYear;

/// HM Treasury Green Book discount rates: 3.5 % a year for years 0-30, then 3.0 %.
pub fn green_book_discount_factor(years_from_base: usize) -> f64 {
    let mut df = 1.0;
    for j in 1..=years_from_base {
        df /= if j <= 30 { 1.035 } else { 1.030 };
    }
    df
}

/// One intervention's (or the package's) effect in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectYear {
    /// The year.
    pub year: FiscalYear,
    /// Take-up share (the package reports 0).
    pub take_up_share: f64,
    /// Gross saving as claimed, £bn.
    pub gross_saving_gbp_bn: f64,
    /// Expected cashable saving, £bn.
    pub realised_saving_gbp_bn: f64,
    /// Costs, £bn.
    pub cost_gbp_bn: f64,
    /// Realised saving − costs, £bn.
    pub net_saving_gbp_bn: f64,
    /// Net saving, % of GDP.
    pub net_saving_pct_gdp: f64,
    /// Cumulative net saving, £bn.
    pub cumulative_net_saving_gbp_bn: f64,
    /// Change in debt interest against no intervention, £bn (negative: saved).
    pub interest_change_gbp_bn: f64,
    /// Change in PSND, £bn.
    pub psnd_change_gbp_bn: f64,
    /// Change in PSND, percentage points of GDP.
    pub psnd_change_pp_gdp: f64,
}

/// Summary and path of one intervention or the package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// Intervention name, or "Package".
    pub name: String,
    /// Net present value of net savings at Green Book rates, £bn in
    /// base-year prices (deflated with the GDP deflator).
    pub npv_gbp_bn: f64,
    /// First year from which cumulative net savings stay positive.
    pub breakeven_year: Option<FiscalYear>,
    /// Change in PSND in the final year, pp of GDP.
    pub final_psnd_change_pp_gdp: f64,
    /// Debt interest saved over the horizon, £bn (positive: saved).
    pub interest_saved_gbp_bn: f64,
    /// Year by year.
    pub years: Vec<EffectYear>,
}

/// Results of all interventions in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterventionResults {
    /// Each intervention on its own.
    pub interventions: Vec<Effect>,
    /// All of them together.
    pub package: Effect,
}

fn effect(
    name: &str,
    paths: &Paths,
    base: &Projection,
    with: &Projection,
    deflator_pct: f64,
) -> Effect {
    let mut cumulative = 0.0;
    let mut years = Vec::with_capacity(base.years.len());
    let mut npv = 0.0;
    let mut interest_saved = 0.0;
    for (k, (b, w)) in base.years.iter().zip(&with.years).enumerate() {
        let realised = paths.realised_saving_gbp_bn.get(k).copied().unwrap_or(0.0);
        let cost = paths.cost_gbp_bn.get(k).copied().unwrap_or(0.0);
        let net = realised - cost;
        cumulative += net;
        let price = (1.0 + deflator_pct / 100.0).powi(k as i32);
        npv += net / price * green_book_discount_factor(k);
        interest_saved += b.interest_gbp_bn - w.interest_gbp_bn;
        years.push(EffectYear {
            year: b.year,
            take_up_share: paths.take_up_share.get(k).copied().unwrap_or(0.0),
            gross_saving_gbp_bn: paths.gross_saving_gbp_bn.get(k).copied().unwrap_or(0.0),
            realised_saving_gbp_bn: realised,
            cost_gbp_bn: cost,
            net_saving_gbp_bn: net,
            net_saving_pct_gdp: 100.0 * net / b.gdp_gbp_bn,
            cumulative_net_saving_gbp_bn: cumulative,
            interest_change_gbp_bn: w.interest_gbp_bn - b.interest_gbp_bn,
            psnd_change_gbp_bn: w.psnd_gbp_bn - b.psnd_gbp_bn,
            psnd_change_pp_gdp: w.psnd_pct_gdp - b.psnd_pct_gdp,
        });
    }
    // Breakeven: the first year after which the cumulative net saving never
    // falls below zero again (and has been reached at all).
    let mut breakeven = None;
    for y in years.iter().rev() {
        if y.cumulative_net_saving_gbp_bn > 0.0 {
            breakeven = Some(y.year);
        } else {
            break;
        }
    }
    Effect {
        name: name.to_string(),
        npv_gbp_bn: npv,
        breakeven_year: breakeven,
        final_psnd_change_pp_gdp: years.last().map_or(0.0, |y| y.psnd_change_pp_gdp),
        interest_saved_gbp_bn: interest_saved,
        years,
    }
}

/// The adjustments of every intervention in `a` against `base`, with each
/// intervention's paths.
pub fn package_adjustments(list: &[Intervention], base: &Projection) -> (Adjustments, Vec<Paths>) {
    let mut adj = Adjustments::none();
    let paths = list.iter().map(|i| apply(i, base, &mut adj)).collect();
    (adj, paths)
}

/// Evaluate every intervention of `a` alone and as a package. `base` must be
/// the projection of `a` without interventions.
pub fn evaluate(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
) -> Result<InterventionResults, ModelError> {
    let deflator = a.economy.gdp_deflator_growth_pct;
    let mut effects = Vec::new();
    let mut sum = Paths {
        take_up_share: vec![0.0; base.years.len()],
        gross_saving_gbp_bn: vec![0.0; base.years.len()],
        realised_saving_gbp_bn: vec![0.0; base.years.len()],
        cost_gbp_bn: vec![0.0; base.years.len()],
    };
    for i in &a.intervention {
        let mut adj = Adjustments::none();
        let paths = apply(i, base, &mut adj);
        let with = project_with(a, data, &adj)?;
        for k in 0..base.years.len() {
            sum.gross_saving_gbp_bn[k] += paths.gross_saving_gbp_bn[k];
            sum.realised_saving_gbp_bn[k] += paths.realised_saving_gbp_bn[k];
            sum.cost_gbp_bn[k] += paths.cost_gbp_bn[k];
        }
        effects.push(effect(&i.name, &paths, base, &with, deflator));
    }
    let (adj, _) = package_adjustments(&a.intervention, base);
    let with = project_with(a, data, &adj)?;
    Ok(InterventionResults {
        interventions: effects,
        package: effect("Package", &sum, base, &with, deflator),
    })
}
