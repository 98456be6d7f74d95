//! Probabilistic appraisal of an intervention package: draw every uncertain
//! field from its distribution (`[intervention.uncertainty]`) and whether
//! each programme succeeds (probability `p`, itself drawn), with the rank
//! correlations of `[[intervention_correlation]]` ([`super::draws`]); lay
//! the drawn package on the projection without interventions
//! ([`evaluate_path`], the evaluation of one path) and record what it
//! does. Percentiles of many such paths replace stacking pessimistic
//! low-case assumptions on top of each other.
//!
//! Paths are drawn in blocks of [`BLOCK_PATHS`], one ChaCha8 stream per block
//! ([`block_rng`]), and blocks run in parallel with rayon: path `n` is the
//! same whatever the thread count, so results are byte-identical.

use rayon::prelude::*;
use serde::Serialize;

use super::draws::{DrawPlan, PackageDraw};
use super::fields::field;
use super::package::package_with;
use super::paths::Outcome;
use super::results::{breakeven, interest_saved_pv_of, npv_real, sum_paths};
use super::spec::Intervention;
use crate::data::Dataset;
use crate::model::distributions::{block_rng, quantile, BLOCK_PATHS};
use crate::model::engine::{project_with, DebtRow, Replay};
use crate::model::{Assumptions, ModelError, Projection};
use crate::years::FiscalYear;

/// What one drawn path of the package does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draw {
    /// Exchequer NPV, £bn in base-year prices.
    pub exchequer_npv_gbp_bn: f64,
    /// Social NPV, £bn in base-year prices.
    pub social_npv_gbp_bn: f64,
    /// Change in PSND in the final year, pp of GDP.
    pub final_psnd_change_pp_gdp: f64,
    /// Present value of debt interest saved, £bn.
    pub interest_saved_pv_gbp_bn: f64,
    /// First year from which cumulative net savings stay positive.
    pub breakeven_year: Option<FiscalYear>,
    /// Share of the headline fiscal gap closed (when asked for and solvable).
    pub gap_share_closed: Option<f64>,
    /// Whether each intervention succeeded on this path, in scenario order.
    pub succeeded: Vec<bool>,
    /// Change in PSND by year, pp of GDP.
    pub psnd_change_pp_gdp: Vec<f64>,
}

impl Draw {
    /// How many of the interventions succeeded on this path.
    pub fn successes(&self) -> usize {
        self.succeeded.iter().filter(|s| **s).count()
    }
}

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Settings {
    /// Number of paths.
    pub paths: usize,
    /// Seed of the random streams.
    pub seed: u64,
    /// The one-off headline fiscal gap without interventions, % of GDP:
    /// when given, each path solves its own gap (about ten projections a
    /// path) and reports the share closed.
    pub gap_without_pct_gdp: Option<f64>,
}

/// The draw plan of `a`'s interventions (validation has checked its
/// correlations, so an error here is reported as bad data).
pub fn plan(a: &Assumptions) -> Result<DrawPlan, ModelError> {
    DrawPlan::new(&a.intervention, &a.intervention_correlation).map_err(|e| ModelError::Data {
        table: format!("intervention_correlation[{}].{}", e.index, e.field),
        message: e.message,
    })
}

/// What the drawn package `d` does on `base` (the projection of `a`
/// without interventions): the evaluation of one path.
pub fn evaluate_path(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
    replay: Option<&Replay>,
    d: &PackageDraw,
    gap_without_pct_gdp: Option<f64>,
) -> Result<Draw, ModelError> {
    let pkg = package_with(&d.interventions, &a.spending_content, base, |j| {
        d.outcomes.get(j).copied().unwrap_or(Outcome::Failure)
    });
    let with = debt_with(a, data, replay, &pkg.adjustments)?;
    let sum = sum_paths(&pkg.paths, base.years.len());
    let net = sum.net_gbp_bn();
    let cumulative: Vec<f64> = net
        .iter()
        .scan(0.0, |c, v| {
            *c += v;
            Some(*c)
        })
        .collect();
    let psnd: Vec<f64> = base
        .years
        .iter()
        .zip(&with)
        .map(|(b, w)| w.psnd_pct_gdp - b.psnd_pct_gdp)
        .collect();
    let gap_share_closed = gap_without_pct_gdp.and_then(|without| {
        use crate::model::indicators::headline::{one_off_gap_near, one_off_gap_on};
        let adj = pkg.adjustments.clone();
        let with_gap = match replay {
            // `with` is this replay's debt (see `debt_with`).
            Some(r) if r.accepts(&adj) => {
                one_off_gap_near(a, data, adj, (base, &with), r, without)?
            }
            _ => one_off_gap_on(a, data, adj, base, replay)?,
        };
        (without.abs() > 1e-12).then(|| (without - with_gap) / without)
    });
    let deflator = a.economy.gdp_deflator_growth_pct;
    Ok(Draw {
        exchequer_npv_gbp_bn: npv_real(&net, deflator),
        social_npv_gbp_bn: npv_real(&sum.social_net_gbp_bn(), deflator),
        final_psnd_change_pp_gdp: psnd.last().copied().unwrap_or(0.0),
        interest_saved_pv_gbp_bn: interest_saved_pv_of(
            base,
            with.iter().map(|w| w.interest_gbp_bn),
        ),
        breakeven_year: breakeven(base.years.iter().map(|y| &y.year), &cumulative),
        gap_share_closed,
        succeeded: d.outcomes.iter().map(|o| *o == Outcome::Success).collect(),
        psnd_change_pp_gdp: psnd,
    })
}

/// The debt path of `a` with `adj`: replayed from the recorded flows of
/// the projection without interventions when there is one (a package
/// changes only spending and receipts, which the debt side takes as given,
/// so the replay is the re-projection's debt to the bit: the engine applies
/// the same adjustment to the same flows), re-projected otherwise.
fn debt_with(
    a: &Assumptions,
    data: &Dataset,
    replay: Option<&Replay>,
    adj: &crate::model::Adjustments,
) -> Result<Vec<DebtRow>, ModelError> {
    if let Some(rows) = replay.and_then(|r| r.debt_path(adj)) {
        return rows;
    }
    Ok(DebtRow::of(&project_with(a, data, adj)?))
}

/// Draw `settings.paths` paths of the package of `a` against `base` (its
/// projection without interventions, with what it recorded as `replay`
/// when kept: each path's debt is then replayed, not re-projected), in
/// path order; `progress(1)` is called as each path is done.
pub(crate) fn simulate(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
    replay: Option<&Replay>,
    settings: &Settings,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Draw>, ModelError> {
    let plan = plan(a)?;
    let blocks = settings.paths.div_ceil(BLOCK_PATHS);
    let per_block: Vec<Vec<Draw>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut rng = block_rng(settings.seed, b as u64);
            let first = b * BLOCK_PATHS;
            let last = (first + BLOCK_PATHS).min(settings.paths);
            let mut d = PackageDraw::default();
            (first..last)
                .map(|_| {
                    plan.draw_into(&a.intervention, &mut rng, &mut d);
                    let path =
                        evaluate_path(a, data, base, replay, &d, settings.gap_without_pct_gdp);
                    progress(1);
                    path
                })
                .collect::<Result<Vec<Draw>, ModelError>>()
        })
        .collect::<Result<_, _>>()?;
    Ok(per_block.into_iter().flatten().collect())
}

/// The named (expected-value) case with every uncertain field at its
/// distribution's mean instead of its point value: the change in final
/// PSND (pp) and the Exchequer NPV (£bn). Between it and the named case
/// lies the skew of the distributions around their point values; between
/// it and the mean over paths, the interactions of uncertain fields
/// (products, caps, correlations).
pub fn at_means(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
) -> Result<(f64, f64), ModelError> {
    let list: Vec<Intervention> = a
        .intervention
        .iter()
        .map(|i| {
            let mut m = i.clone();
            for (name, d) in i.uncertainty.iter().flatten() {
                if let Some(f) = field(name) {
                    f.put(&mut m, d.mean());
                }
            }
            m
        })
        .collect();
    let pkg = package_with(&list, &a.spending_content, base, |_| Outcome::Expected);
    let with = project_with(a, data, &pkg.adjustments)?;
    let sum = sum_paths(&pkg.paths, base.years.len());
    let change = match (base.last(), with.last()) {
        (Some(b), Some(w)) => w.psnd_pct_gdp - b.psnd_pct_gdp,
        _ => 0.0,
    };
    Ok((
        change,
        npv_real(&sum.net_gbp_bn(), a.economy.gdp_deflator_growth_pct),
    ))
}

/// Percentiles of one quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentiles {
    /// 5th percentile.
    pub p5: f64,
    /// 25th.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th.
    pub p75: f64,
    /// 95th.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

impl Percentiles {
    /// Of `values` (any order; non-finite values are dropped). `None` when
    /// there are none.
    pub(crate) fn of(values: impl IntoIterator<Item = f64>) -> Option<Percentiles> {
        let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let q = |p| quantile(&v, p);
        Some(Percentiles {
            p5: q(0.05)?,
            p25: q(0.25)?,
            p50: q(0.5)?,
            p75: q(0.75)?,
            p95: q(0.95)?,
            mean: v.iter().sum::<f64>() / v.len() as f64,
        })
    }
}

/// The distribution of the package's results over all paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Paths drawn.
    pub paths: usize,
    /// Seed.
    pub seed: u64,
    /// Exchequer NPV, £bn.
    pub exchequer_npv_gbp_bn: Option<Percentiles>,
    /// Social NPV, £bn.
    pub social_npv_gbp_bn: Option<Percentiles>,
    /// Change in PSND in the final year, pp of GDP.
    pub final_psnd_change_pp_gdp: Option<Percentiles>,
    /// Present value of debt interest saved, £bn.
    pub interest_saved_pv_gbp_bn: Option<Percentiles>,
    /// Share of the fiscal gap closed (paths where it was solved).
    pub gap_share_closed: Option<Percentiles>,
    /// Breakeven year at the 5th, 50th and 95th percentiles (`None`: the
    /// package never pays back on that share of paths or more).
    pub breakeven_year: [Option<FiscalYear>; 3],
    /// Share of paths on which the package has paid back by each year.
    pub payback_by: Vec<(FiscalYear, f64)>,
    /// Change in PSND by year: (year, 5th, 25th, 50th, 75th, 95th), pp.
    pub psnd_change_fan_pp_gdp: Vec<(FiscalYear, [f64; 5])>,
    /// What each intervention's success or failure does to the result,
    /// the one that moves it most first.
    pub carriers: Vec<Carrier>,
    /// The named case with every uncertain field at its distribution's
    /// mean: (change in final PSND, pp; Exchequer NPV, £bn), when computed.
    pub at_means: Option<(f64, f64)>,
}

/// The package's result on the paths where one intervention succeeds and
/// on those where it fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carrier {
    /// The intervention.
    pub name: String,
    /// Share of paths on which it succeeds.
    pub success_share: f64,
    /// Mean change in final PSND where it succeeds, pp of GDP.
    pub psnd_change_if_success_pp_gdp: Option<f64>,
    /// Mean change in final PSND where it fails, pp of GDP.
    pub psnd_change_if_failure_pp_gdp: Option<f64>,
}

impl Carrier {
    /// How far apart the two means are, pp (0 when one side is empty).
    pub fn gap_pp(&self) -> f64 {
        match (
            self.psnd_change_if_success_pp_gdp,
            self.psnd_change_if_failure_pp_gdp,
        ) {
            (Some(s), Some(f)) => (s - f).abs(),
            _ => 0.0,
        }
    }
}

/// The carriers of `draws` for interventions named `names`.
fn carriers(draws: &[Draw], names: &[String]) -> Vec<Carrier> {
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let mut out: Vec<Carrier> = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let on = |s: bool| -> Vec<f64> {
                draws
                    .iter()
                    .filter(|d| d.succeeded.get(j).copied() == Some(s))
                    .map(|d| d.final_psnd_change_pp_gdp)
                    .collect()
            };
            let ok = on(true);
            Carrier {
                name: name.clone(),
                success_share: ok.len() as f64 / draws.len().max(1) as f64,
                psnd_change_if_success_pp_gdp: mean(ok),
                psnd_change_if_failure_pp_gdp: mean(on(false)),
            }
        })
        .collect();
    out.sort_by(|a, b| b.gap_pp().total_cmp(&a.gap_pp()).then(a.name.cmp(&b.name)));
    out
}

/// The `q` quantile of breakeven years, "never" sorting last.
fn breakeven_quantile(draws: &[Draw], q: f64) -> Option<FiscalYear> {
    let mut v: Vec<i32> = draws
        .iter()
        .map(|d| d.breakeven_year.map_or(i32::MAX, |y| y.0))
        .collect();
    v.sort_unstable();
    let last = v.len().checked_sub(1)?;
    let idx = (q * last as f64).round() as usize;
    v.get(idx.min(last))
        .and_then(|&y| (y != i32::MAX).then_some(FiscalYear(y)))
}

/// Summarise `draws` of the package of `a` over the years of `base`.
pub(crate) fn summarise(
    draws: &[Draw],
    a: &Assumptions,
    base: &Projection,
    settings: &Settings,
) -> Summary {
    let names: Vec<String> = a.intervention.iter().map(|i| i.name.clone()).collect();
    let years: Vec<FiscalYear> = base.years.iter().map(|y| y.year).collect();
    let payback_by = years
        .iter()
        .map(|&y| {
            let paid = draws
                .iter()
                .filter(|d| d.breakeven_year.is_some_and(|b| b <= y))
                .count();
            (y, paid as f64 / draws.len().max(1) as f64)
        })
        .collect();
    let fan = years
        .iter()
        .enumerate()
        .filter_map(|(k, &y)| {
            let p = Percentiles::of(
                draws
                    .iter()
                    .filter_map(|d| d.psnd_change_pp_gdp.get(k).copied()),
            )?;
            Some((y, [p.p5, p.p25, p.p50, p.p75, p.p95]))
        })
        .collect();
    Summary {
        paths: draws.len(),
        seed: settings.seed,
        exchequer_npv_gbp_bn: Percentiles::of(draws.iter().map(|d| d.exchequer_npv_gbp_bn)),
        social_npv_gbp_bn: Percentiles::of(draws.iter().map(|d| d.social_npv_gbp_bn)),
        final_psnd_change_pp_gdp: Percentiles::of(draws.iter().map(|d| d.final_psnd_change_pp_gdp)),
        interest_saved_pv_gbp_bn: Percentiles::of(draws.iter().map(|d| d.interest_saved_pv_gbp_bn)),
        gap_share_closed: Percentiles::of(draws.iter().filter_map(|d| d.gap_share_closed)),
        breakeven_year: [
            breakeven_quantile(draws, 0.05),
            breakeven_quantile(draws, 0.5),
            breakeven_quantile(draws, 0.95),
        ],
        payback_by,
        psnd_change_fan_pp_gdp: fan,
        carriers: carriers(draws, &names),
        at_means: None,
    }
}

/// Whether any intervention of `a` has a distribution to draw (otherwise
/// paths differ only in which programmes succeed).
pub fn has_uncertainty(a: &Assumptions) -> bool {
    a.intervention.iter().any(|i| i.uncertainty.is_some())
}
