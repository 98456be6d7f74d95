//! What interventions do: per intervention and for the package, net savings,
//! costs, the Exchequer and social net present values at Green Book rates
//! (to the horizon and to 10, 20, 30 and 50 years), breakeven, the change
//! in debt and (the present value of) debt interest against the same
//! scenario without interventions, and the package's debt effect under
//! each assumption about what happens to its savings.

use serde::Serialize;

use super::package::{package_with, Overlap, Package};
use super::paths::{Outcome, Paths};
use super::spec::{BudgetsCut, Grade, Intervention};
use crate::data::Dataset;
use crate::model::adjustments::Adjustments;
use crate::model::engine::{project_with, Replay};
use crate::model::projection::YearResult;
use crate::model::{Assumptions, ModelError, Projection};
use crate::years::FiscalYear;

/// HM Treasury Green Book discount rates: 3.5 % a year for years 0-30, then 3.0 %.
pub fn green_book_discount_factor(years_from_base: usize) -> f64 {
    let mut df = 1.0;
    for j in 1..=years_from_base {
        df /= green_book_rate_factor(j);
    }
    df
}

/// `1 +` the Green Book discount rate of year `j` from the base year.
fn green_book_rate_factor(j: usize) -> f64 {
    if j <= 30 {
        1.035
    } else {
        1.030
    }
}

/// Net present value of `nominal_gbp_bn` (by year from the base year) in
/// base-year prices: each year deflated at `deflator_pct` a year, then
/// discounted at the Green Book rates.
pub fn npv_real(nominal_gbp_bn: &[f64], deflator_pct: f64) -> f64 {
    let mut price = 1.0;
    // `green_book_discount_factor(k)`, divided down year by year (the same
    // divisions in the same order, so the same doubles, in one pass).
    let mut discount = 1.0;
    let mut npv = 0.0;
    for (k, v) in nominal_gbp_bn.iter().enumerate() {
        if k > 0 {
            price *= 1.0 + deflator_pct / 100.0;
            discount /= green_book_rate_factor(k);
        }
        npv += v / price * discount;
    }
    npv
}

/// Present value in the base year of the debt interest saved (`base` less
/// `with`, £bn), each year discounted at the effective interest rate on
/// the debt of the projection without interventions: interest saved is
/// worth what it would cost to borrow, not its nominal sum.
pub fn interest_saved_pv(base: &Projection, with: &Projection) -> f64 {
    interest_saved_pv_of(base, with.years.iter().map(|w| w.interest_gbp_bn))
}

/// [`interest_saved_pv`] from the debt interest of the path with the
/// package, £bn a year.
pub fn interest_saved_pv_of(
    base: &Projection,
    with_interest_gbp_bn: impl Iterator<Item = f64>,
) -> f64 {
    let mut df = 1.0;
    let mut pv = 0.0;
    for (k, (b, w)) in base.years.iter().zip(with_interest_gbp_bn).enumerate() {
        if k > 0 {
            df /= 1.0 + b.effective_interest_rate_pct / 100.0;
        }
        pv += (b.interest_gbp_bn - w) * df;
    }
    pv
}

/// The horizons of the NPVs reported, years after the base year.
pub const NPV_HORIZONS_YEARS: [usize; 4] = [10, 20, 30, 50];

/// The Exchequer NPV over the first years of the appraisal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HorizonNpv {
    /// Years after the base year.
    pub years: usize,
    /// The last year counted.
    pub to_year: FiscalYear,
    /// Exchequer NPV of the years from the base year to `to_year`, £bn.
    pub exchequer_npv_gbp_bn: f64,
}

/// NPVs of `net` (£bn by year from the base year, years `years`) to each
/// of [`NPV_HORIZONS_YEARS`] that the projection reaches.
pub fn npv_horizons(net: &[f64], years: &[FiscalYear], deflator_pct: f64) -> Vec<HorizonNpv> {
    NPV_HORIZONS_YEARS
        .iter()
        .filter_map(|&h| {
            let to_year = *years.get(h)?;
            Some(HorizonNpv {
                years: h,
                to_year,
                exchequer_npv_gbp_bn: npv_real(net.get(..=h)?, deflator_pct),
            })
        })
        .collect()
}

/// One intervention's (or the package's) effect in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectYear {
    /// The year.
    pub year: FiscalYear,
    /// Take-up share if the programme runs (the package reports 0).
    pub take_up_share: f64,
    /// Gross saving as claimed, if the programme runs, £bn.
    pub gross_saving_gbp_bn: f64,
    /// Expected realised cashable saving, additional to the baseline, £bn.
    pub realised_saving_gbp_bn: f64,
    /// Expected saving retained by the Exchequer (budgets cut), £bn.
    pub exchequer_saving_gbp_bn: f64,
    /// Expected cashable saving recycled into services, £bn.
    pub recycled_gbp_bn: f64,
    /// Expected services lost where budgets are cut by more than is saved, £bn.
    pub service_shortfall_gbp_bn: f64,
    /// Expected social benefit (cashable or not, with citizens' time), £bn.
    pub social_benefit_gbp_bn: f64,
    /// Expected costs, £bn (of which exit costs below).
    pub cost_gbp_bn: f64,
    /// Expected exit and redundancy costs, £bn.
    pub exit_cost_gbp_bn: f64,
    /// Retained saving − costs, £bn.
    pub net_saving_gbp_bn: f64,
    /// Net saving, % of GDP.
    pub net_saving_pct_gdp: f64,
    /// Net saving with refresh costs spread over their cycle, % of GDP (for
    /// charts at annual resolution).
    pub net_saving_smoothed_pct_gdp: f64,
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
    /// The weakest evidence grade of the fields that carry the saving
    /// (`C`, `U` or `J`; for the package, the weakest of all).
    pub evidence_grade: Option<Grade>,
    /// Exchequer NPV: retained savings less costs, at Green Book rates,
    /// £bn in base-year prices (deflated with the GDP deflator).
    pub exchequer_npv_gbp_bn: f64,
    /// The Exchequer NPV to 10, 20, 30 and 50 years.
    pub npv_by_horizon: Vec<HorizonNpv>,
    /// Social NPV: every benefit (cashable or not, with citizens' time)
    /// less costs and services lost, at Green Book rates, £bn.
    pub social_npv_gbp_bn: f64,
    /// First year from which cumulative net savings stay positive.
    pub breakeven_year: Option<FiscalYear>,
    /// Change in PSND in the final year, pp of GDP.
    pub final_psnd_change_pp_gdp: f64,
    /// Present value in the base year of the debt interest saved over the
    /// horizon, discounted at the effective interest rate, £bn (positive:
    /// saved).
    pub interest_saved_pv_gbp_bn: f64,
    /// Year by year.
    pub years: Vec<EffectYear>,
}

/// The package under one assumption about what happens to its savings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionCase {
    /// What is assumed.
    pub label: String,
    /// Exchequer NPV, £bn.
    pub exchequer_npv_gbp_bn: f64,
    /// Change in PSND in the final year, pp of GDP.
    pub final_psnd_change_pp_gdp: f64,
    /// Present value of services lost (budgets cut by more than was
    /// saved), £bn.
    pub services_lost_pv_gbp_bn: f64,
}

/// The package's debt effect under each assumption about its savings:
/// with each intervention's stated retention, with budgets cut to match
/// every saving, with every saving recycled into services, and with
/// budgets cut as planned when no saving arrives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionCases {
    /// Each intervention's own `exchequer_retention_share`.
    pub stated: RetentionCase,
    /// Retention 1 everywhere: budgets cut to match.
    pub budgets_cut_to_match: RetentionCase,
    /// Retention 0 everywhere: savings recycled into services.
    pub savings_recycled: RetentionCase,
    /// Budgets cut by the plans, no programme delivers.
    pub budgets_cut_savings_do_not_arrive: RetentionCase,
}

/// Results of all interventions in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterventionResults {
    /// Each intervention on its own.
    pub interventions: Vec<Effect>,
    /// All of them together.
    pub package: Effect,
    /// The package under each assumption about its savings.
    pub retention_cases: RetentionCases,
    /// Overlapping claims on the same spending content, as resolved.
    pub overlaps: Vec<Overlap>,
    /// Interactions the package had to resolve and assumptions the
    /// scenario left to defaults that change what its numbers mean.
    pub warnings: Vec<String>,
}

/// The first year from which `cumulative` (by year of `years`) stays
/// positive to the horizon.
pub fn breakeven<'a>(
    years: impl DoubleEndedIterator<Item = &'a FiscalYear>,
    cumulative: &[f64],
) -> Option<FiscalYear> {
    let mut found = None;
    for (y, c) in years.rev().zip(cumulative.iter().rev()) {
        if *c > 0.0 {
            found = Some(*y);
        } else {
            break;
        }
    }
    found
}

fn effect_year(
    paths: &Paths,
    k: usize,
    b: &YearResult,
    w: &YearResult,
    cumulative: f64,
) -> EffectYear {
    let at = |v: &[f64]| v.get(k).copied().unwrap_or(0.0);
    let net = at(&paths.exchequer_saving_gbp_bn) - at(&paths.cost_gbp_bn);
    let smoothed = net + at(&paths.refresh_cost_gbp_bn) - at(&paths.refresh_smoothed_gbp_bn);
    EffectYear {
        year: b.year,
        take_up_share: at(&paths.take_up_share),
        gross_saving_gbp_bn: at(&paths.gross_saving_gbp_bn),
        realised_saving_gbp_bn: at(&paths.realised_saving_gbp_bn),
        exchequer_saving_gbp_bn: at(&paths.exchequer_saving_gbp_bn),
        recycled_gbp_bn: at(&paths.recycled_gbp_bn),
        service_shortfall_gbp_bn: at(&paths.service_shortfall_gbp_bn),
        social_benefit_gbp_bn: at(&paths.social_benefit_gbp_bn),
        cost_gbp_bn: at(&paths.cost_gbp_bn),
        exit_cost_gbp_bn: at(&paths.exit_cost_gbp_bn),
        net_saving_gbp_bn: net,
        net_saving_pct_gdp: 100.0 * net / b.gdp_gbp_bn,
        net_saving_smoothed_pct_gdp: 100.0 * smoothed / b.gdp_gbp_bn,
        cumulative_net_saving_gbp_bn: cumulative + net,
        interest_change_gbp_bn: w.interest_gbp_bn - b.interest_gbp_bn,
        psnd_change_gbp_bn: w.psnd_gbp_bn - b.psnd_gbp_bn,
        psnd_change_pp_gdp: w.psnd_pct_gdp - b.psnd_pct_gdp,
    }
}

fn effect(
    name: &str,
    grade: Option<Grade>,
    paths: &Paths,
    base: &Projection,
    with: &Projection,
    deflator_pct: f64,
) -> Effect {
    let mut years: Vec<EffectYear> = Vec::with_capacity(base.years.len());
    for (k, (b, w)) in base.years.iter().zip(&with.years).enumerate() {
        let before = years.last().map_or(0.0, |y| y.cumulative_net_saving_gbp_bn);
        years.push(effect_year(paths, k, b, w, before));
    }
    let cumulative: Vec<f64> = years
        .iter()
        .map(|y| y.cumulative_net_saving_gbp_bn)
        .collect();
    let net = paths.net_gbp_bn();
    let year_list: Vec<FiscalYear> = base.years.iter().map(|y| y.year).collect();
    Effect {
        name: name.to_string(),
        evidence_grade: grade,
        exchequer_npv_gbp_bn: npv_real(&net, deflator_pct),
        npv_by_horizon: npv_horizons(&net, &year_list, deflator_pct),
        social_npv_gbp_bn: npv_real(&paths.social_net_gbp_bn(), deflator_pct),
        breakeven_year: breakeven(years.iter().map(|y| &y.year), &cumulative),
        final_psnd_change_pp_gdp: years.last().map_or(0.0, |y| y.psnd_change_pp_gdp),
        interest_saved_pv_gbp_bn: interest_saved_pv(base, with),
        years,
    }
}

/// The sum of `paths`, for the package (take-up reported as 0).
pub fn sum_paths(paths: &[Paths], n: usize) -> Paths {
    let mut sum = Paths::zeros(n);
    for p in paths {
        sum.add_scaled(p, 1.0);
    }
    sum.take_up_share = vec![0.0; n];
    sum
}

/// The adjustments of every intervention in `a` against `base` (their
/// expected paths), with each intervention's paths.
pub fn package_adjustments(a: &Assumptions, base: &Projection) -> (Adjustments, Vec<Paths>) {
    let p = package_with(&a.intervention, &a.spending_content, base, |_| {
        Outcome::Expected
    });
    (p.adjustments, p.paths)
}

/// The package of `list` (expected paths) projected: its summed paths and
/// the projection with it.
fn projected(on: &Base, list: &[Intervention]) -> Result<(Package, Paths, Projection), ModelError> {
    let package = package_with(list, &on.a.spending_content, on.base, |_| Outcome::Expected);
    let sum = sum_paths(&package.paths, on.base.years.len());
    let with = on.with(&package.adjustments)?;
    Ok((package, sum, with))
}

/// The projection without interventions that the evaluation compares
/// with, and what it recorded, if kept.
struct Base<'a> {
    a: &'a Assumptions,
    data: &'a Dataset,
    base: &'a Projection,
    replay: Option<&'a Replay>,
}

impl Base<'_> {
    /// The debt with `adj` in force: replayed from `base` when it was
    /// recorded (the same debt and interest as a re-projection, to the
    /// bit: what the effects read), re-projected otherwise.
    fn with(&self, adj: &Adjustments) -> Result<Projection, ModelError> {
        match self.replay.and_then(|r| r.debt_replayed(self.base, adj)) {
            Some(p) => p,
            None => project_with(self.a, self.data, adj),
        }
    }
}

/// One retention case: the package of `list` under `label`.
fn retention_case(
    on: &Base,
    label: &str,
    list: &[Intervention],
) -> Result<RetentionCase, ModelError> {
    let (_, sum, with) = projected(on, list)?;
    let deflator = on.a.economy.gdp_deflator_growth_pct;
    let change = match (on.base.last(), with.last()) {
        (Some(b), Some(w)) => w.psnd_pct_gdp - b.psnd_pct_gdp,
        _ => 0.0,
    };
    Ok(RetentionCase {
        label: label.to_string(),
        exchequer_npv_gbp_bn: npv_real(&sum.net_gbp_bn(), deflator),
        final_psnd_change_pp_gdp: change,
        services_lost_pv_gbp_bn: npv_real(&sum.service_shortfall_gbp_bn, deflator),
    })
}

/// The package's retention cases.
fn retention_cases(on: &Base) -> Result<RetentionCases, ModelError> {
    let a = on.a;
    let with = |f: &dyn Fn(&mut Intervention)| -> Vec<Intervention> {
        let mut list = a.intervention.clone();
        list.iter_mut().for_each(f);
        list
    };
    Ok(RetentionCases {
        stated: retention_case(on, "stated retention", &a.intervention)?,
        budgets_cut_to_match: retention_case(
            on,
            "budgets cut to match",
            &with(&|i| {
                i.exchequer_retention_share = Some(1.0);
                i.budgets_cut = BudgetsCut::AsRealised;
            }),
        )?,
        savings_recycled: retention_case(
            on,
            "savings recycled into services",
            &with(&|i| i.exchequer_retention_share = Some(0.0)),
        )?,
        budgets_cut_savings_do_not_arrive: retention_case(
            on,
            "budgets cut as planned, savings do not arrive",
            &with(&|i| {
                i.exchequer_retention_share = Some(1.0);
                i.budgets_cut = BudgetsCut::AsPlanned;
                i.probability_of_success_share = 0.0;
            }),
        )?,
    })
}

/// Evaluate every intervention of `a` alone and as a package (expected
/// paths). `base` must be the projection of `a` without interventions and
/// `replay`, if given, what it recorded (the debt with each intervention is
/// then replayed instead of projected again).
pub fn evaluate(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
    replay: Option<&Replay>,
) -> Result<InterventionResults, ModelError> {
    let on = Base {
        a,
        data,
        base,
        replay,
    };
    let deflator = a.economy.gdp_deflator_growth_pct;
    let mut effects = Vec::new();
    for i in &a.intervention {
        let mut adj = Adjustments::none();
        let paths = super::paths::apply(i, base, &mut adj);
        let with = on.with(&adj)?;
        effects.push(effect(
            &i.name,
            i.weakest_grade(),
            &paths,
            base,
            &with,
            deflator,
        ));
    }
    let (package, sum, with) = projected(&on, &a.intervention)?;
    let grade = a
        .intervention
        .iter()
        .filter_map(Intervention::weakest_grade)
        .max();
    let mut warnings = super::notes::notes(a);
    warnings.extend(package.warnings);
    Ok(InterventionResults {
        interventions: effects,
        package: effect("Package", grade, &sum, base, &with, deflator),
        retention_cases: retention_cases(&on)?,
        overlaps: package.overlaps,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npv_is_in_real_terms_at_green_book_rates() {
        // £1bn in year 0, and in year 1 £1bn of base-year value after 2 %
        // inflation: 1 + 1/1.035.
        let npv = npv_real(&[1.0, 1.02], 2.0);
        assert!((npv - (1.0 + 1.0 / 1.035)).abs() < 1e-12);
        // Year 31 is the first discounted at 3.0 %.
        let d30 = green_book_discount_factor(30);
        assert!((green_book_discount_factor(31) - d30 / 1.03).abs() < 1e-15);
        assert!((d30 - 1.035f64.powi(-30)).abs() < 1e-15);
    }

    #[test]
    fn breakeven_is_the_first_year_from_which_the_sum_stays_positive() {
        let years: Vec<FiscalYear> = (2025..2030).map(FiscalYear).collect();
        let at = |c: &[f64]| breakeven(years.iter(), c);
        assert_eq!(at(&[-1.0, 0.5, -0.1, 0.2, 0.3]), Some(FiscalYear(2028)));
        assert_eq!(at(&[1.0, 1.0, 1.0, 1.0, 1.0]), Some(FiscalYear(2025)));
        assert_eq!(at(&[1.0, 1.0, 1.0, 1.0, -1.0]), None);
    }
}
