//! Fiscal gaps: the permanent change in the primary balance that meets a debt
//! target, found by re-running the model with the change layered on.
//!
//! - OBR fiscal gap: a step of `x` % of GDP from the start year onward such
//!   that PSND is at the target ratio in the target year.
//! - Staged gap: a step of `x` in the start year and a further `x` every
//!   `every_years` after it (the OBR's "each decade").
//! - EC S1: the fiscal gap for a 60 % target in a set year.
//! - Intertemporal gap (OBR) and EC S2: the step from the start year that
//!   satisfies the intertemporal budget constraint. The model runs to the
//!   horizon; beyond it the primary balance and stock-flow adjustment (as
//!   shares of GDP, including the step) and the effective interest rate and
//!   GDP growth of the unadjusted run are held at their final-year values,
//!   so the debt at the horizon must equal the present value of the balances
//!   after it: `d[T] = (pb − sfa)·q/(1−q)` with `q = (1+g)/(1+i) < 1`.
//!
//! The step is booked as [`Adjustments::primary_balance_delta_pct_gdp`]
//! (% of fiscal-year GDP), so interest responds to the smaller or larger
//! debt through the model's gilt ladder. See [`super::solve`] for the solver.
//!
//! A step changes nothing in the projection but the primary balance and
//! what follows from it (the debt, and interest through the gilt portfolio
//! and the rate feedback), so each trial step re-runs only that part: the
//! projection's [`Replay`], which gives the PSND of a full re-projection to
//! the bit at a few per cent of its cost. [`GapSolver::reprojecting`]
//! re-runs the whole projection instead (the method before the replay,
//! kept as the check in tests).

use std::borrow::Cow;

use serde::Serialize;

use super::error::IndicatorError;
use super::solve::{self, Method, Settings, SolveError};
use crate::data::Dataset;
use crate::model::engine::{project_recorded, project_with, DebtRow, Replay};
use crate::model::{Adjustments, Assumptions, Projection};
use crate::years::FiscalYear;

/// The EC's debt reference value for S1, % of GDP.
pub const S1_TARGET_PCT_GDP: f64 = 60.0;
/// The EC sets S1's target year this many years after its forecast horizon.
pub const S1_YEARS_AFTER_MEDIUM_TERM: i32 = 15;

/// How the step is phased in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Profile {
    /// One permanent step in the start year.
    OneOff,
    /// An equal step in the start year and every `every_years` after it.
    Staged {
        /// Years between steps (10 for the OBR's "each decade").
        every_years: u32,
    },
    /// The step phased in linearly: `1/years` of it in the start year, one
    /// more `1/years` each year until all of it is in force (the European
    /// Commission's S1 with a five-year phase-in).
    PhasedIn {
        /// Years to phase the step in (5 for the Commission).
        years: u32,
    },
}

impl Profile {
    /// How many steps are in force `years_after_start` years after the start
    /// (0 before it).
    pub fn steps_in_force(self, years_after_start: i32) -> u32 {
        if years_after_start < 0 {
            return 0;
        }
        match self {
            Profile::OneOff | Profile::PhasedIn { .. } => 1,
            Profile::Staged { every_years } => 1 + years_after_start as u32 / every_years.max(1),
        }
    }

    /// Multiple of the step in force `years_after_start` years after the
    /// start: the steps in force, or the phased-in share.
    pub fn in_force(self, years_after_start: i32) -> f64 {
        match self {
            Profile::PhasedIn { years } if years_after_start >= 0 => {
                let n = years.max(1);
                f64::from((years_after_start as u32 + 1).min(n)) / f64::from(n)
            }
            _ => f64::from(self.steps_in_force(years_after_start)),
        }
    }
}

/// The years of the European Commission's S1 phase-in.
pub const S1_PHASE_IN_YEARS: u32 = 5;

/// The scenario extended to its intertemporal horizon: `intertemporal_end_year`,
/// or else the last year the population data supports (GDP centred on
/// end-March needs the following year), and never shorter than `end_year`.
pub fn intertemporal_assumptions(a: &Assumptions, data: &Dataset) -> Assumptions {
    let h = &a.horizon;
    let end = h
        .intertemporal_end_year
        .unwrap_or(FiscalYear(data.population.last_year() - 1))
        .max(h.end_year);
    let mut ext = a.clone();
    ext.horizon.end_year = end;
    ext
}

/// A fiscal-gap question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GapSpec {
    /// PSND target, % of GDP (centred on end-March).
    pub target_pct_gdp: f64,
    /// The year whose end-March PSND must meet the target.
    pub target_year: FiscalYear,
    /// The first year of the adjustment.
    pub start_year: FiscalYear,
    /// How the adjustment is phased in.
    pub profile: Profile,
}

/// A solved gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapResult {
    /// Size of each step, % of fiscal-year GDP.
    pub step_pct_gdp: f64,
    /// Each step in £bn at base-year GDP (`step × base-year GDP`), the OBR's
    /// "in today's terms".
    pub step_gbp_bn_base_year: f64,
    /// Steps in force in the target year.
    pub steps_by_target: u32,
    /// Total tightening in force in the target year, % of GDP.
    pub total_by_target_pct_gdp: f64,
    /// First year of the adjustment.
    pub start_year: FiscalYear,
    /// Year the target applies to.
    pub target_year: FiscalYear,
    /// What PSND had to reach in the target year, % of GDP (for the
    /// intertemporal gap: the present value of later balances).
    pub target_pct_gdp: f64,
    /// PSND in the target year when the scenario is re-run with the step.
    pub achieved_pct_gdp: f64,
    /// `achieved − target`, pp, from that re-run.
    pub miss_pp: f64,
    /// How the solver found it.
    pub method: Method,
    /// Trial steps the solver evaluated (each a replay of the debt, or a
    /// whole projection when re-projecting).
    pub evaluations: u32,
}

/// Runs the model for the solvers: the scenario, its data, any adjustments
/// already layered on (interventions), and the unadjusted projection.
pub struct GapSolver<'a> {
    assumptions: &'a Assumptions,
    data: &'a Dataset,
    base: Adjustments,
    baseline: Projection,
    /// Owned when the solver projected the scenario itself, lent when it
    /// was given one (each appraisal path solves its gap on the same one).
    replay: Cow<'a, Replay>,
    reproject: bool,
    /// Solver bounds and tolerance (pp of GDP).
    pub settings: Settings,
}

impl<'a> GapSolver<'a> {
    /// Project the scenario once with `base` layered on.
    pub fn new(
        assumptions: &'a Assumptions,
        data: &'a Dataset,
        base: Adjustments,
    ) -> Result<Self, IndicatorError> {
        let (baseline, replay) = project_recorded(assumptions, data, &base)?;
        GapSolver::of(assumptions, data, base, baseline, Cow::Owned(replay))
    }

    /// The solver for `base` laid on `unadjusted`, the projection without
    /// adjustments that `replay` recorded, without projecting again: its
    /// unadjusted-step path is `replay`'s debt with `base`, written into a
    /// copy of `unadjusted` (the debt, balances and interest of each year;
    /// GDP and the years do not move with adjustments). `None` when `base`
    /// moves the rates, which a replay cannot follow.
    pub(crate) fn replayed(
        assumptions: &'a Assumptions,
        data: &'a Dataset,
        base: Adjustments,
        unadjusted: &Projection,
        replay: &'a Replay,
    ) -> Result<Option<Self>, IndicatorError> {
        let Some(with) = replay.debt_replayed(unadjusted, &base) else {
            return Ok(None);
        };
        GapSolver::on_replayed(assumptions, data, base, with?, replay).map(Some)
    }

    /// [`GapSolver::replayed`] when `with` is already `replay`'s debt with
    /// `base` written into `unadjusted` ([`Replay::debt_replayed`]): the
    /// replay is not run again.
    pub(crate) fn on_replayed(
        assumptions: &'a Assumptions,
        data: &'a Dataset,
        base: Adjustments,
        with: Projection,
        replay: &'a Replay,
    ) -> Result<Self, IndicatorError> {
        GapSolver::of(assumptions, data, base, with, Cow::Borrowed(replay))
    }

    /// The solver whose unadjusted-step path is `baseline`, recorded (or
    /// replayed) as `replay`.
    fn of(
        assumptions: &'a Assumptions,
        data: &'a Dataset,
        base: Adjustments,
        baseline: Projection,
        replay: Cow<'a, Replay>,
    ) -> Result<Self, IndicatorError> {
        if baseline.years.is_empty() {
            return Err(IndicatorError::EmptyProjection);
        }
        Ok(GapSolver {
            assumptions,
            data,
            base,
            baseline,
            replay,
            reproject: false,
            settings: Settings::default(),
        })
    }

    /// The same solver re-running the whole projection for every trial
    /// step instead of its debt (slower; the same numbers).
    pub fn reprojecting(mut self) -> Self {
        self.reproject = true;
        self
    }

    /// The projection with no gap adjustment.
    pub fn baseline(&self) -> &Projection {
        &self.baseline
    }

    fn base_year(&self) -> FiscalYear {
        self.assumptions.horizon.base_year
    }

    fn base_gdp_gbp_bn(&self) -> f64 {
        self.baseline.years.first().map_or(0.0, |y| y.gdp_gbp_bn)
    }

    fn offset(&self, year: FiscalYear) -> Option<usize> {
        self.baseline.years.iter().position(|y| y.year == year)
    }

    /// The base adjustments plus a step of `step_pct_gdp` phased by
    /// `profile` from `start`.
    pub fn adjustments(
        &self,
        start: FiscalYear,
        profile: Profile,
        step_pct_gdp: f64,
    ) -> Adjustments {
        let mut adj = self.base.clone();
        let n = self.baseline.years.len();
        let base = self.base_year();
        let step = Adjustments {
            primary_balance_delta_pct_gdp: (0..n)
                .map(|k| {
                    let after = start.years_until(FiscalYear(base.0 + k as i32));
                    step_pct_gdp * profile.in_force(after)
                })
                .collect(),
            ..Adjustments::default()
        };
        adj.combine(&step);
        adj
    }

    /// Re-run the scenario with a step.
    pub fn project_step(
        &self,
        start: FiscalYear,
        profile: Profile,
        step_pct_gdp: f64,
    ) -> Result<Projection, IndicatorError> {
        Ok(project_with(
            self.assumptions,
            self.data,
            &self.adjustments(start, profile, step_pct_gdp),
        )?)
    }

    /// The debt path with a step: replayed, or re-projected when the
    /// solver is [`GapSolver::reprojecting`].
    fn debt_path(
        &self,
        start: FiscalYear,
        profile: Profile,
        step_pct_gdp: f64,
    ) -> Result<Vec<DebtRow>, IndicatorError> {
        let adj = self.adjustments(start, profile, step_pct_gdp);
        if !self.reproject {
            if let Some(rows) = self.replay.debt_path(&adj) {
                return Ok(rows?);
            }
        }
        Ok(DebtRow::of(&project_with(
            self.assumptions,
            self.data,
            &adj,
        )?))
    }

    fn check_years(&self, start: FiscalYear, target: FiscalYear) -> Result<usize, IndicatorError> {
        let first = self.base_year();
        let last = self.baseline.years.last().map_or(first, |y| y.year);
        let k = self
            .offset(target)
            .ok_or(IndicatorError::TargetYearOutsideHorizon {
                year: target,
                first,
                last,
            })?;
        if start < first {
            return Err(IndicatorError::StartBeforeBase { start, base: first });
        }
        if start > target {
            return Err(IndicatorError::StartAfterTarget { start, target });
        }
        Ok(k)
    }

    fn result(&self, spec: &GapSpec, root: solve::Root, target_pct_gdp: f64) -> GapResult {
        let steps = spec
            .profile
            .steps_in_force(spec.start_year.years_until(spec.target_year));
        GapResult {
            step_pct_gdp: root.x,
            step_gbp_bn_base_year: root.x * self.base_gdp_gbp_bn() / 100.0,
            steps_by_target: steps,
            total_by_target_pct_gdp: root.x * f64::from(steps),
            start_year: spec.start_year,
            target_year: spec.target_year,
            target_pct_gdp,
            achieved_pct_gdp: target_pct_gdp + root.residual,
            miss_pp: root.residual,
            method: root.method,
            evaluations: root.evaluations,
        }
    }

    fn map_solve(
        &self,
        e: SolveError<IndicatorError>,
        target_pct_gdp: f64,
        year: FiscalYear,
    ) -> IndicatorError {
        match e {
            SolveError::Eval(e) => e,
            SolveError::NoRoot { at_lo, at_hi } => IndicatorError::NoSolution {
                target_pct_gdp,
                year,
                lo_pct_gdp: self.settings.lo,
                hi_pct_gdp: self.settings.hi,
                at_lo_pct_gdp: target_pct_gdp + at_lo,
                at_hi_pct_gdp: target_pct_gdp + at_hi,
            },
            SolveError::NotConverged { x, residual } => IndicatorError::NotConverged {
                best_pct_gdp: x,
                miss_pp: residual,
                tolerance_pp: self.settings.tolerance,
            },
        }
    }

    /// The fiscal gap for `spec`.
    pub fn gap(&self, spec: &GapSpec) -> Result<GapResult, IndicatorError> {
        self.gap_from(spec, None)
    }

    /// [`GapSolver::gap`], the search started from `hint`, the gap of a
    /// nearby problem ([`solve::solve_near`]): the same tolerance, fewer
    /// trial steps.
    pub fn gap_near(&self, spec: &GapSpec, hint: f64) -> Result<GapResult, IndicatorError> {
        self.gap_from(spec, Some(hint))
    }

    fn gap_from(&self, spec: &GapSpec, hint: Option<f64>) -> Result<GapResult, IndicatorError> {
        if !spec.target_pct_gdp.is_finite() || spec.target_pct_gdp < 0.0 {
            return Err(IndicatorError::InvalidTarget {
                value: spec.target_pct_gdp,
            });
        }
        if let Profile::Staged { every_years: 0 } | Profile::PhasedIn { years: 0 } = spec.profile {
            return Err(IndicatorError::InvalidStaging { years: 0 });
        }
        let k = self.check_years(spec.start_year, spec.target_year)?;
        let target = spec.target_pct_gdp;
        let f0 = self.baseline.years[k].psnd_pct_gdp - target;
        let residual = |x: f64| -> Result<f64, IndicatorError> {
            let rows = self.debt_path(spec.start_year, spec.profile, x)?;
            Ok(rows[k].psnd_pct_gdp - target)
        };
        let root = match hint {
            Some(h) => solve::solve_near(residual, Some(f0), h, &self.settings),
            None => solve::solve(residual, Some(f0), &self.settings),
        }
        .map_err(|e| self.map_solve(e, target, spec.target_year))?;
        Ok(self.result(spec, root, target))
    }

    /// EC S1: the permanent step from `start` that brings PSND to 60 % of GDP
    /// in `by`.
    pub fn s1(&self, start: FiscalYear, by: FiscalYear) -> Result<GapResult, IndicatorError> {
        self.gap(&GapSpec {
            target_pct_gdp: S1_TARGET_PCT_GDP,
            target_year: by,
            start_year: start,
            profile: Profile::OneOff,
        })
    }

    /// EC S1 with the Commission's five-year phase-in: the total step,
    /// reached in equal annual fifths from `start`, that brings PSND to 60 %
    /// of GDP in `by`.
    pub fn s1_phased(
        &self,
        start: FiscalYear,
        by: FiscalYear,
    ) -> Result<GapResult, IndicatorError> {
        self.gap(&GapSpec {
            target_pct_gdp: S1_TARGET_PCT_GDP,
            target_year: by,
            start_year: start,
            profile: Profile::PhasedIn {
                years: S1_PHASE_IN_YEARS,
            },
        })
    }

    /// The EC's default S1 target year: 15 years after the medium term, or
    /// the horizon end if that is sooner.
    pub fn s1_default_year(&self) -> FiscalYear {
        let y = FiscalYear(self.assumptions.horizon.medium_term_end.0 + S1_YEARS_AFTER_MEDIUM_TERM);
        let last = self.baseline.years.last().map_or(y, |r| r.year);
        y.min(last)
    }

    /// The intertemporal fiscal gap: the permanent step from `start` that
    /// satisfies the infinite-horizon budget constraint (terminal assumption
    /// in the module docs).
    pub fn intertemporal(&self, start: FiscalYear) -> Result<GapResult, IndicatorError> {
        let last = self.baseline.years.len() - 1;
        let end = self.baseline.years[last].year;
        self.check_years(start, end)?;
        let q = self.terminal_discount()?;
        let annuity = q / (1.0 - q);
        let residual_of = |rows: &[DebtRow]| -> (f64, f64) {
            let y = &rows[last];
            let pv = 100.0
                * (y.primary_balance_gbp_bn - y.other_interest_gbp_bn - y.stock_flow_gbp_bn)
                / y.gdp_centred_gbp_bn
                * annuity;
            (y.psnd_pct_gdp - pv, pv)
        };
        let (f0, _) = residual_of(&DebtRow::of(&self.baseline));
        let residual = |x: f64| -> Result<f64, IndicatorError> {
            let rows = self.debt_path(start, Profile::OneOff, x)?;
            Ok(residual_of(&rows).0)
        };
        let root = solve::solve(residual, Some(f0), &self.settings).map_err(|e| match e {
            SolveError::NoRoot { .. } => IndicatorError::IntertemporalNoSolution {
                lo_pct_gdp: self.settings.lo,
                hi_pct_gdp: self.settings.hi,
            },
            e => self.map_solve(e, 0.0, end),
        })?;
        let (_, pv) = residual_of(&self.debt_path(start, Profile::OneOff, root.x)?);
        let spec = GapSpec {
            target_pct_gdp: pv,
            target_year: end,
            start_year: start,
            profile: Profile::OneOff,
        };
        Ok(self.result(&spec, root, pv))
    }

    /// EC S2: the intertemporal gap with the adjustment from the year after
    /// the medium term (the EC's first post-forecast year).
    pub fn s2(&self) -> Result<GapResult, IndicatorError> {
        self.intertemporal(self.assumptions.horizon.medium_term_end.next())
    }

    /// `q = (1+g)/(1+i)` in the final year of the unadjusted run; the
    /// intertemporal constraint needs `q < 1`.
    pub fn terminal_discount(&self) -> Result<f64, IndicatorError> {
        let n = self.baseline.years.len();
        let y = &self.baseline.years[n - 1];
        let (debt_prev, yc_prev) = if n >= 2 {
            let p = &self.baseline.years[n - 2];
            (p.psnd_gbp_bn, p.gdp_centred_gbp_bn)
        } else {
            (
                self.baseline.opening_psnd_gbp_bn,
                self.baseline.opening_gdp_centred_gbp_bn,
            )
        };
        let growth = y.gdp_centred_gbp_bn / yc_prev - 1.0;
        let rate = if debt_prev > 0.0 {
            y.interest_gbp_bn / debt_prev
        } else {
            f64::NAN
        };
        let q = (1.0 + growth) / (1.0 + rate);
        if !(q.is_finite() && q > 0.0 && q < 1.0) {
            return Err(IndicatorError::IntertemporalUndefined {
                year: y.year,
                rate_pct: 100.0 * rate,
                growth_pct: 100.0 * growth,
            });
        }
        Ok(q)
    }
}
