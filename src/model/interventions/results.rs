//! What interventions do: per intervention and for the package, net savings,
//! costs, the Exchequer and social net present values at Green Book rates,
//! breakeven, and the change in debt and (the present value of) debt
//! interest against the same scenario without interventions.

use serde::Serialize;

use super::paths::{add_to, base_years, paths_on, Outcome, Paths, Target};
use super::spec::Intervention;
use crate::data::Dataset;
use crate::model::adjustments::Adjustments;
use crate::model::engine::project_with;
use crate::model::{Assumptions, ModelError, Projection};
use crate::years::FiscalYear;

/// HM Treasury Green Book discount rates: 3.5 % a year for years 0-30, then 3.0 %.
pub fn green_book_discount_factor(years_from_base: usize) -> f64 {
    let mut df = 1.0;
    for j in 1..=years_from_base {
        df /= if j <= 30 { 1.035 } else { 1.030 };
    }
    df
}

/// Net present value of `nominal_gbp_bn` (by year from the base year) in
/// base-year prices: each year deflated at `deflator_pct` a year, then
/// discounted at the Green Book rates.
pub fn npv_real(nominal_gbp_bn: &[f64], deflator_pct: f64) -> f64 {
    let mut price = 1.0;
    let mut npv = 0.0;
    for (k, v) in nominal_gbp_bn.iter().enumerate() {
        if k > 0 {
            price *= 1.0 + deflator_pct / 100.0;
        }
        npv += v / price * green_book_discount_factor(k);
    }
    npv
}

/// Present value in the base year of the debt interest saved (`base` less
/// `with`, £bn), each year discounted at the effective interest rate on
/// the debt of the projection without interventions: interest saved is
/// worth what it would cost to borrow, not its nominal sum.
pub fn interest_saved_pv(base: &Projection, with: &Projection) -> f64 {
    let mut df = 1.0;
    let mut pv = 0.0;
    for (k, (b, w)) in base.years.iter().zip(&with.years).enumerate() {
        if k > 0 {
            df /= 1.0 + b.effective_interest_rate_pct / 100.0;
        }
        pv += (b.interest_gbp_bn - w.interest_gbp_bn) * df;
    }
    pv
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
    /// Expected cashable saving, £bn.
    pub realised_saving_gbp_bn: f64,
    /// Expected social benefit (cashable or not, with citizens' time), £bn.
    pub social_benefit_gbp_bn: f64,
    /// Expected costs, £bn.
    pub cost_gbp_bn: f64,
    /// Realised saving − costs, £bn.
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
    /// Exchequer NPV: cashable savings less costs, at Green Book rates, £bn
    /// in base-year prices (deflated with the GDP deflator).
    pub exchequer_npv_gbp_bn: f64,
    /// Social NPV: every benefit (cashable or not, with citizens' time)
    /// less costs, at Green Book rates, £bn in base-year prices.
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

/// Results of all interventions in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterventionResults {
    /// Each intervention on its own.
    pub interventions: Vec<Effect>,
    /// All of them together.
    pub package: Effect,
    /// Interactions the package had to resolve (savings capped at a line).
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

fn effect(
    name: &str,
    paths: &Paths,
    base: &Projection,
    with: &Projection,
    deflator_pct: f64,
) -> Effect {
    let mut cumulative = 0.0;
    let mut years = Vec::with_capacity(base.years.len());
    let at = |v: &[f64], k: usize| v.get(k).copied().unwrap_or(0.0);
    for (k, (b, w)) in base.years.iter().zip(&with.years).enumerate() {
        let realised = at(&paths.realised_saving_gbp_bn, k);
        let cost = at(&paths.cost_gbp_bn, k);
        let net = realised - cost;
        let smoothed =
            net + at(&paths.refresh_cost_gbp_bn, k) - at(&paths.refresh_smoothed_gbp_bn, k);
        cumulative += net;
        years.push(EffectYear {
            year: b.year,
            take_up_share: at(&paths.take_up_share, k),
            gross_saving_gbp_bn: at(&paths.gross_saving_gbp_bn, k),
            realised_saving_gbp_bn: realised,
            social_benefit_gbp_bn: at(&paths.social_benefit_gbp_bn, k),
            cost_gbp_bn: cost,
            net_saving_gbp_bn: net,
            net_saving_pct_gdp: 100.0 * net / b.gdp_gbp_bn,
            net_saving_smoothed_pct_gdp: 100.0 * smoothed / b.gdp_gbp_bn,
            cumulative_net_saving_gbp_bn: cumulative,
            interest_change_gbp_bn: w.interest_gbp_bn - b.interest_gbp_bn,
            psnd_change_gbp_bn: w.psnd_gbp_bn - b.psnd_gbp_bn,
            psnd_change_pp_gdp: w.psnd_pct_gdp - b.psnd_pct_gdp,
        });
    }
    let social_net: Vec<f64> = paths
        .social_benefit_gbp_bn
        .iter()
        .zip(&paths.cost_gbp_bn)
        .map(|(s, c)| s - c)
        .collect();
    let cumulative: Vec<f64> = years
        .iter()
        .map(|y| y.cumulative_net_saving_gbp_bn)
        .collect();
    Effect {
        name: name.to_string(),
        exchequer_npv_gbp_bn: npv_real(&paths.net_gbp_bn(), deflator_pct),
        social_npv_gbp_bn: npv_real(&social_net, deflator_pct),
        breakeven_year: breakeven(years.iter().map(|y| &y.year), &cumulative),
        final_psnd_change_pp_gdp: years.last().map_or(0.0, |y| y.psnd_change_pp_gdp),
        interest_saved_pv_gbp_bn: interest_saved_pv(base, with),
        years,
    }
}

/// Every intervention of a scenario laid on one projection together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Package {
    /// The adjustments of all of them.
    pub adjustments: Adjustments,
    /// Each intervention's paths (after any cap), in scenario order.
    pub paths: Vec<Paths>,
    /// The interactions resolved, one sentence each.
    pub warnings: Vec<String>,
}

/// Lay every intervention of `list` on `base` (a projection without
/// interventions), each on the path `outcome(i)`. Interventions on the same
/// line cannot save more than the line: where their savings together exceed
/// it, each is scaled down in proportion, with a warning naming them.
pub fn package_with(
    list: &[Intervention],
    base: &Projection,
    outcome: impl Fn(usize) -> Outcome,
) -> Package {
    let mut paths: Vec<Paths> = list
        .iter()
        .enumerate()
        .map(|(j, i)| paths_on(i, &base_years(base, Target::parse(&i.target)), outcome(j)))
        .collect();
    let mut warnings = Vec::new();
    let mut seen: Vec<Target> = Vec::new();
    for i in list {
        let Some(t) = Target::parse(&i.target) else {
            continue;
        };
        if seen.contains(&t) {
            continue;
        }
        seen.push(t);
        let on: Vec<usize> = (0..list.len())
            .filter(|&j| list.get(j).and_then(|o| Target::parse(&o.target)) == Some(t))
            .collect();
        if let Some(w) = cap_line(list, base, t, &on, &mut paths) {
            warnings.push(w);
        }
    }
    let mut adjustments = Adjustments::none();
    for (i, p) in list.iter().zip(&paths) {
        add_to(i, p, &mut adjustments);
    }
    Package {
        adjustments,
        paths,
        warnings,
    }
}

/// Scale the savings of interventions `on` (all on line `t`) so that
/// together they never exceed the line; a warning if they had to be.
fn cap_line(
    list: &[Intervention],
    base: &Projection,
    t: Target,
    on: &[usize],
    paths: &mut [Paths],
) -> Option<String> {
    let mut first: Option<(FiscalYear, f64, f64)> = None;
    for (k, y) in base.years.iter().enumerate() {
        let line = match t {
            Target::Spend(s) => y.spend(s),
            Target::Receipt(r) => y.receipt(r),
        };
        let total: f64 = on
            .iter()
            .filter_map(|&j| paths.get(j)?.realised_saving_gbp_bn.get(k))
            .sum();
        if total <= line || total <= 0.0 {
            continue;
        }
        let scale = line.max(0.0) / total;
        first.get_or_insert((y.year, total, line));
        for &j in on {
            if let Some(p) = paths.get_mut(j) {
                for v in [
                    &mut p.realised_saving_gbp_bn,
                    &mut p.social_benefit_gbp_bn,
                    &mut p.gross_saving_gbp_bn,
                ] {
                    if let Some(x) = v.get_mut(k) {
                        *x *= scale;
                    }
                }
            }
        }
    }
    let (year, total, line) = first?;
    let names: Vec<String> = on
        .iter()
        .filter_map(|&j| list.get(j).map(|i| format!("`{}`", i.name)))
        .collect();
    let key = list.get(*on.first()?).map_or("", |i| i.target.as_str());
    Some(format!(
        "{} together save more than the whole `{key}` line from {year} (£{total:.1}bn against £{line:.1}bn): their savings are capped at the line, each scaled down in proportion; lower their saving_share or give them distinct sub-lines",
        names.join(" and ")
    ))
}

/// The adjustments of every intervention in `list` against `base` (their
/// expected paths), with each intervention's paths.
pub fn package_adjustments(list: &[Intervention], base: &Projection) -> (Adjustments, Vec<Paths>) {
    let p = package_with(list, base, |_| Outcome::Expected);
    (p.adjustments, p.paths)
}

/// Evaluate every intervention of `a` alone and as a package (expected
/// paths). `base` must be the projection of `a` without interventions.
pub fn evaluate(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
) -> Result<InterventionResults, ModelError> {
    let deflator = a.economy.gdp_deflator_growth_pct;
    let n = base.years.len();
    let mut effects = Vec::new();
    for i in &a.intervention {
        let mut adj = Adjustments::none();
        let paths = super::paths::apply(i, base, &mut adj);
        let with = project_with(a, data, &adj)?;
        effects.push(effect(&i.name, &paths, base, &with, deflator));
    }
    let package = package_with(&a.intervention, base, |_| Outcome::Expected);
    let mut sum = Paths::zeros(n);
    for p in &package.paths {
        sum.add_scaled(p, 1.0);
    }
    sum.take_up_share = vec![0.0; n];
    let with = project_with(a, data, &package.adjustments)?;
    Ok(InterventionResults {
        interventions: effects,
        package: effect("Package", &sum, base, &with, deflator),
        warnings: package.warnings,
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
