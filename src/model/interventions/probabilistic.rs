//! Probabilistic appraisal of an intervention package: draw every uncertain
//! parameter from its distribution (`[intervention.uncertainty]`), draw
//! whether each programme succeeds (probability `p`, itself drawn), lay the
//! drawn package on the projection without interventions and record what it
//! does. Percentiles of many such paths replace stacking pessimistic
//! low-case assumptions on top of each other.
//!
//! Paths are drawn in blocks of [`BLOCK_PATHS`], one ChaCha8 stream per block
//! ([`block_rng`]), and blocks run in parallel with rayon: path `n` is the
//! same whatever the thread count, so results are byte-identical.

use rand::Rng;
use rayon::prelude::*;
use serde::Serialize;

use super::paths::Outcome;
use super::results::{breakeven, interest_saved_pv, npv_real, package_with};
use super::spec::Intervention;
use crate::data::Dataset;
use crate::model::distributions::{block_rng, quantile, BLOCK_PATHS};
use crate::model::engine::project_with;
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
    /// How many of the interventions succeeded on this path.
    pub successes: usize,
    /// Change in PSND by year, pp of GDP.
    pub psnd_change_pp_gdp: Vec<f64>,
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

/// Draw the interventions of one path and whether each succeeds.
fn draw_package<R: Rng + ?Sized>(
    list: &[Intervention],
    rng: &mut R,
) -> (Vec<Intervention>, Vec<Outcome>) {
    list.iter()
        .map(|i| {
            let d = i.draw(rng);
            let u: f64 = rng.random();
            let outcome = if u < d.probability_of_success_share {
                Outcome::Success
            } else {
                Outcome::Failure
            };
            (d, outcome)
        })
        .unzip()
}

fn one_path<R: Rng + ?Sized>(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
    settings: &Settings,
    rng: &mut R,
) -> Result<Draw, ModelError> {
    let (list, outcomes) = draw_package(&a.intervention, rng);
    let pkg = package_with(&list, base, |j| {
        outcomes.get(j).copied().unwrap_or(Outcome::Failure)
    });
    let with = project_with(a, data, &pkg.adjustments)?;
    let n = base.years.len();
    let (mut net, mut social) = (vec![0.0; n], vec![0.0; n]);
    for p in &pkg.paths {
        for k in 0..n {
            let cost = p.cost_gbp_bn.get(k).copied().unwrap_or(0.0);
            if let (Some(x), Some(s)) = (net.get_mut(k), social.get_mut(k)) {
                *x += p.realised_saving_gbp_bn.get(k).copied().unwrap_or(0.0) - cost;
                *s += p.social_benefit_gbp_bn.get(k).copied().unwrap_or(0.0) - cost;
            }
        }
    }
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
        .zip(&with.years)
        .map(|(b, w)| w.psnd_pct_gdp - b.psnd_pct_gdp)
        .collect();
    let gap_share_closed = settings.gap_without_pct_gdp.and_then(|without| {
        let with_gap = crate::model::indicators::one_off_gap(a, data, pkg.adjustments.clone())?;
        (without.abs() > 1e-12).then(|| (without - with_gap) / without)
    });
    let deflator = a.economy.gdp_deflator_growth_pct;
    Ok(Draw {
        exchequer_npv_gbp_bn: npv_real(&net, deflator),
        social_npv_gbp_bn: npv_real(&social, deflator),
        final_psnd_change_pp_gdp: psnd.last().copied().unwrap_or(0.0),
        interest_saved_pv_gbp_bn: interest_saved_pv(base, &with),
        breakeven_year: breakeven(base.years.iter().map(|y| &y.year), &cumulative),
        gap_share_closed,
        successes: outcomes.iter().filter(|o| **o == Outcome::Success).count(),
        psnd_change_pp_gdp: psnd,
    })
}

/// Draw `settings.paths` paths of the package of `a` against `base` (its
/// projection without interventions), in path order.
pub(crate) fn simulate(
    a: &Assumptions,
    data: &Dataset,
    base: &Projection,
    settings: &Settings,
) -> Result<Vec<Draw>, ModelError> {
    let blocks = settings.paths.div_ceil(BLOCK_PATHS);
    let per_block: Vec<Vec<Draw>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut rng = block_rng(settings.seed, b as u64);
            let first = b * BLOCK_PATHS;
            let last = (first + BLOCK_PATHS).min(settings.paths);
            (first..last)
                .map(|_| one_path(a, data, base, settings, &mut rng))
                .collect::<Result<Vec<Draw>, ModelError>>()
        })
        .collect::<Result<_, _>>()?;
    Ok(per_block.into_iter().flatten().collect())
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

/// Summarise `draws` over the years of `base`.
pub(crate) fn summarise(draws: &[Draw], base: &Projection, settings: &Settings) -> Summary {
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
    }
}

/// Whether any intervention of `a` has a distribution to draw (otherwise
/// paths differ only in which programmes succeed).
pub fn has_uncertainty(a: &Assumptions) -> bool {
    a.intervention.iter().any(|i| i.uncertainty.is_some())
}
