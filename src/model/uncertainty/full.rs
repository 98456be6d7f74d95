//! The full-model engine: each path draws the structural assumptions from
//! the distributions below and runs the real projection (demography,
//! spending and receipts lines, the gilt ladder, the interventions), in
//! parallel on the streaming block engine ([`super::fan::stream_blocks`]:
//! a wave of blocks at a time, summarised in block order). Slow (about 3 ms
//! of CPU a path) but it carries every mechanism of the model; the
//! reduced form is the fast approximation.
//!
//! Distributions (all independent, normal unless stated; `s` the
//! scenario's own value):
//!
//! | assumption | draw |
//! | --- | --- |
//! | `economy.productivity_growth_pct` | s + N(0, 0.5) pp |
//! | `rates.gilt_rate_long_run_pct`, `rates.bank_rate_long_run_pct` | s + one common N(0, 1.0) pp |
//! | `economy.cpi_inflation_pct`, `economy.gdp_deflator_growth_pct` | s + one common N(0, 0.5) pp |
//! | `spending.health_other_cost_pressures_start_pp` / `_end_pp` | s + one common N(0, 0.3) pp |
//! | `population.net_migration_scale` | N(1, 0.2), at least 0 |
//! | `population.tfr_children_per_woman` | N(1.45, 0.1), at least 0.8 |
//! | `population.mortality_improvement_scale` | N(1, 0.25), at least 0 |
//!
//! Interventions are drawn jointly with the macro assumptions, from the
//! scenario's own tables: every field of each `[intervention.uncertainty]`
//! table, whether each programme succeeds, with the rank correlations of
//! `[[intervention_correlation]]` ([`crate::model::interventions::draws`]).
//! Each path lays its drawn package on its own projection without
//! interventions, as `fiscal interventions` does, so the fan is one joint
//! macro × intervention distribution. The interventions' draws come from
//! their own random stream (salted apart from the macro draws), so adding
//! an intervention leaves the macro draws of every path unchanged.
//!
//! The spreads are of the order of the OBR's and ONS's own variants (the
//! ONS 2022-based high and low migration and fertility variants sit about
//! two standard deviations either side of the principal; the OBR's
//! productivity and interest-rate variants are ±0.5 pp and ±1 pp); they are
//! stated choices, not estimates. Demography is drawn only when the
//! scenario's population comes from the principal assumptions (no ready
//! `population.projection` or data file); the cohort-component engine then
//! projects each path from the ONS 2022-based principal assumptions.

use rand::Rng;
use rand_distr::{Distribution, Normal};

use super::error::UncertaintyError;
use super::fan::{default_wave, stream_blocks};
use super::reduced::block_rng;
use super::summary::{Exact, YearSink};
use crate::data::Dataset;
use crate::model::demography::{self, PopulationSettings};
use crate::model::interventions::draws::{DrawPlan, PackageDraw};
use crate::model::interventions::{package_with, Outcome};
use crate::model::{self, Adjustments, Assumptions};

/// Paths per random stream in the full model.
pub const FULL_BLOCK_PATHS: usize = 16;
/// Salt that keeps the full model's streams apart from the reduced form's.
const SALT: u64 = 0x5f11_f0de_1a2b_3c4d;
/// Salt of the interventions' streams, apart from the macro draws.
const INTERVENTION_SALT: u64 = 0x1e7e_2d0c_9a4b_77f1;

/// What the full model needs besides the scenario.
pub struct FullModel<'a> {
    /// The scenario's assumptions.
    pub assumptions: &'a Assumptions,
    /// The data it runs on.
    pub data: &'a Dataset,
    /// The principal demographic assumptions, when demography is drawn.
    pub principal: Option<demography::DemographicAssumptions>,
    /// Seed.
    pub seed: u64,
}

fn normal(rng: &mut impl Rng, sd: f64) -> f64 {
    Normal::new(0.0, sd).map_or(0.0, |n| n.sample(rng))
}

/// One path's assumptions: the scenario with its draws applied.
pub fn draw_assumptions(a: &Assumptions, rng: &mut impl Rng, demography: bool) -> Assumptions {
    let mut a = a.clone();
    a.economy.productivity_growth_pct += normal(rng, 0.5);
    let rate = normal(rng, 1.0);
    a.rates.shift_long_run_pp(rate);
    let infl = normal(rng, 0.5);
    a.economy.cpi_inflation_pct += infl;
    a.economy.gdp_deflator_growth_pct += infl;
    let health = normal(rng, 0.3);
    a.spending.health_other_cost_pressures_start_pp += health;
    a.spending.health_other_cost_pressures_end_pp += health;
    let migration = (1.0 + normal(rng, 0.2)).max(0.0);
    let tfr = (1.45 + normal(rng, 0.1)).max(0.8);
    let mortality = (1.0 + normal(rng, 0.25)).max(0.0);
    if demography {
        let mut p = a.population.clone().unwrap_or_default();
        p.net_migration_scale = Some(p.net_migration_scale.unwrap_or(1.0) * migration);
        p.tfr_children_per_woman = Some(tfr);
        if p.life_expectancy_shift_years.is_none() {
            p.mortality_improvement_scale =
                Some(p.mortality_improvement_scale.unwrap_or(1.0) * mortality);
        }
        a.population = Some(p);
    }
    a
}

/// Whether the scenario's population can be redrawn (it comes from the
/// principal assumptions, possibly changed, not a ready projection).
pub fn demography_drawable(settings: Option<&PopulationSettings>, has_data_file: bool) -> bool {
    !has_data_file && settings.is_none_or(|s| s.projection.is_none() && s.variant.is_none())
}

/// Yearly values (% of GDP) of one path: PSND, PSNB, interest.
type PathValues = Vec<[f64; 3]>;

impl FullModel<'_> {
    fn path(
        &self,
        a: &Assumptions,
        package: Option<&PackageDraw>,
        index: u64,
    ) -> Result<PathValues, UncertaintyError> {
        let failed = |source| UncertaintyError::Path {
            path: index,
            source,
        };
        let owned;
        let data = match (&self.principal, &a.population) {
            (Some(principal), Some(settings)) => {
                let bad = |e: demography::DemographyError| {
                    failed(model::ModelError::Data {
                        table: "population".into(),
                        message: e.to_string(),
                    })
                };
                let last_year = a.horizon.end_year.start() + 1;
                let d = settings.apply(principal).map_err(bad)?;
                let proj = demography::project(&d, last_year).map_err(bad)?;
                let mut data = self.data.clone();
                data.population = proj.to_population_table("cohort-component projection (drawn)");
                owned = data;
                &owned
            }
            _ => self.data,
        };
        let p = match package {
            Some(d) => {
                let base =
                    model::engine::project_with(a, data, &Adjustments::none()).map_err(failed)?;
                let pkg = package_with(&d.interventions, &a.spending_content, &base, |j| {
                    d.outcomes.get(j).copied().unwrap_or(Outcome::Failure)
                });
                model::engine::project_with(a, data, &pkg.adjustments).map_err(failed)?
            }
            None => model::engine::project(a, data).map_err(failed)?,
        };
        Ok(p.years
            .iter()
            .map(|y| {
                [
                    y.psnd_pct_gdp,
                    100.0 * y.psnb_gbp_bn / y.gdp_gbp_bn,
                    100.0 * y.interest_gbp_bn / y.gdp_gbp_bn,
                ]
            })
            .collect())
    }

    /// How to draw the scenario's interventions (none without them).
    fn draw_plan(&self) -> Result<Option<DrawPlan>, UncertaintyError> {
        let list = &self.assumptions.intervention;
        if list.is_empty() {
            return Ok(None);
        }
        DrawPlan::new(list, &self.assumptions.intervention_correlation)
            .map(Some)
            .map_err(|e| {
                UncertaintyError::bad(
                    "intervention_correlation",
                    format!("[{}].{}: {}", e.index, e.field, e.message),
                )
            })
    }

    /// Run `paths` paths in parallel; `progress` hears of each finished block.
    pub fn run(
        &self,
        paths: u64,
        n_years: usize,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Exact, UncertaintyError> {
        let blocks = paths.div_ceil(FULL_BLOCK_PATHS as u64);
        let demography = self.principal.is_some();
        let list = &self.assumptions.intervention;
        let plan = self.draw_plan()?;
        let produce = |b: u64| -> Result<Vec<PathValues>, UncertaintyError> {
            let mut rng = block_rng(self.seed ^ SALT, b);
            let mut irng = block_rng(self.seed ^ INTERVENTION_SALT, b);
            let first = b * FULL_BLOCK_PATHS as u64;
            let n = (paths - first).min(FULL_BLOCK_PATHS as u64);
            let out = (0..n)
                .map(|k| {
                    let a = draw_assumptions(self.assumptions, &mut rng, demography);
                    let package = plan.as_ref().map(|p| p.draw(list, &mut irng));
                    self.path(&a, package.as_ref(), first + k)
                })
                .collect::<Result<Vec<_>, _>>()?;
            progress(n);
            Ok(out)
        };
        // Blocks stream into the summary in order, a wave at a time.
        let mut acc = Exact::new(n_years);
        let (mut d, mut b, mut i) = (Vec::new(), Vec::new(), Vec::new());
        let mut consume = |block: Result<Vec<PathValues>, UncertaintyError>| {
            let block = block?;
            acc.begin_block(block.len());
            for t in 0..n_years {
                d.clear();
                b.clear();
                i.clear();
                for path in &block {
                    let v = path.get(t).copied().unwrap_or([f64::NAN; 3]);
                    d.push(v[0]);
                    b.push(v[1]);
                    i.push(v[2]);
                }
                acc.year(t, 0, &d, &b, &i);
            }
            Ok::<(), UncertaintyError>(())
        };
        stream_blocks(blocks, default_wave(), &produce, &mut consume)?;
        Ok(acc)
    }
}
