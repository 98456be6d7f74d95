//! The headline indicators shown with every projection: the OBR fiscal gap
//! (one-off and staged each decade) to 40 % of GDP by the horizon from the
//! first year after the medium term, and S1 and S2; and, for scenarios with
//! interventions, the share of the fiscal gap that the package closes.

use serde::Serialize;

use super::gap::{GapResult, GapSolver, GapSpec, Profile};
use super::IndicatorError;
use crate::data::Dataset;
use crate::model::engine::project_recorded;
use crate::model::{Adjustments, Assumptions, ModelError};

/// The OBR's customary fiscal-gap target, % of GDP.
pub const HEADLINE_TARGET_PCT_GDP: f64 = 40.0;

/// Headline indicators; a value is `None` when it has no solution, with the
/// reason in `notes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Target PSND, % of GDP.
    pub target_pct_gdp: f64,
    /// One-off permanent step from `start_year`, % of GDP.
    pub fiscal_gap_pct_gdp: Option<f64>,
    /// Equal step each decade from `start_year`, % of GDP a step.
    pub staged_gap_pct_gdp_per_decade: Option<f64>,
    /// European Commission S1 (the step in full from the start year), % of
    /// GDP.
    pub s1_pct_gdp: Option<f64>,
    /// European Commission S1 with its five-year phase-in (the total
    /// step, reached in equal annual fifths), % of GDP.
    pub s1_phased_pct_gdp: Option<f64>,
    /// European Commission S2 (intertemporal), % of GDP, on the projection
    /// extended to `s2_horizon_end`.
    pub s2_pct_gdp: Option<f64>,
    /// Last year of the projection S2 runs on.
    pub s2_horizon_end: crate::FiscalYear,
    /// First year of the adjustment.
    pub start_year: crate::FiscalYear,
    /// Year the target applies to.
    pub target_year: crate::FiscalYear,
    /// Why any value is missing.
    pub notes: Vec<String>,
}

/// Headline indicators of `a` with `adj` (e.g. its interventions) in force.
/// With `unadjusted`, the projection of `a` without adjustments and what it
/// recorded, the gaps and S1 are solved on its replayed debt instead of
/// projecting `a` again (the same numbers: the replay is the
/// re-projection's debt to the bit).
/// S2 comes from `s2` (see [`Extended`]).
fn headline(
    a: &Assumptions,
    data: &Dataset,
    adj: Adjustments,
    unadjusted: Option<(&crate::model::Projection, &crate::model::engine::Replay)>,
    s2: &Extended,
) -> Headline {
    let start = a.horizon.medium_term_end.next();
    let by = a.horizon.end_year;
    let mut h = Headline {
        target_pct_gdp: HEADLINE_TARGET_PCT_GDP,
        fiscal_gap_pct_gdp: None,
        staged_gap_pct_gdp_per_decade: None,
        s1_pct_gdp: None,
        s1_phased_pct_gdp: None,
        s2_pct_gdp: None,
        s2_horizon_end: by,
        start_year: start,
        target_year: by,
        notes: Vec::new(),
    };
    let with_adjustments = adj != Adjustments::none();
    let replayed = unadjusted.and_then(|(p, r)| {
        GapSolver::replayed(a, data, adj.clone(), p, r)
            .ok()
            .flatten()
    });
    let solver = match replayed.map_or_else(|| GapSolver::new(a, data, adj), Ok) {
        Ok(s) => s,
        Err(e) => {
            h.notes.push(e.to_string());
            return h;
        }
    };
    let spec = GapSpec {
        target_pct_gdp: HEADLINE_TARGET_PCT_GDP,
        target_year: by,
        start_year: start,
        profile: Profile::OneOff,
    };
    let mut take = |label: &str, r: Result<super::GapResult, super::IndicatorError>| match r {
        Ok(g) => Some(g.step_pct_gdp),
        Err(e) => {
            h.notes.push(format!("{label}: {e}"));
            None
        }
    };
    let gap = take("fiscal gap", solver.gap(&spec));
    let staged = take(
        "staged gap",
        solver.gap(&GapSpec {
            profile: Profile::Staged { every_years: 10 },
            ..spec
        }),
    );
    let s1 = take("S1", solver.s1(start, solver.s1_default_year()));
    let s1_phased = take(
        "S1 phased",
        solver.s1_phased(start, solver.s1_default_year()),
    );
    h.s2_horizon_end = s2.assumptions.horizon.end_year;
    let s2 = take("S2", s2.s2(data, with_adjustments));
    h.fiscal_gap_pct_gdp = gap;
    h.staged_gap_pct_gdp_per_decade = staged;
    h.s1_pct_gdp = s1;
    h.s1_phased_pct_gdp = s1_phased;
    h.s2_pct_gdp = s2;
    h
}

/// The scenario extended to the S2 horizon, projected once without
/// adjustments: S2 with the interventions and S2 without them are both
/// solved on its replayed debt (projected again only if the package moved
/// the rates, which a replay cannot follow).
struct Extended {
    assumptions: Assumptions,
    base: Result<(crate::model::Projection, crate::model::engine::Replay), ModelError>,
}

impl Extended {
    fn of(a: &Assumptions, data: &Dataset) -> Extended {
        let assumptions = super::gap::intertemporal_assumptions(a, data);
        let base = project_recorded(&assumptions, data, &Adjustments::none());
        Extended { assumptions, base }
    }

    /// S2 with the scenario's interventions in force (their adjustments
    /// recomputed on the longer horizon) or without.
    fn s2(&self, data: &Dataset, with_interventions: bool) -> Result<GapResult, IndicatorError> {
        let ext = &self.assumptions;
        let (base, replay) = self.base.as_ref().map_err(ModelError::clone)?;
        let adj = if with_interventions {
            crate::model::interventions::package_adjustments(ext, base).0
        } else {
            Adjustments::none()
        };
        let solver = match GapSolver::replayed(ext, data, adj.clone(), base, replay)? {
            Some(s) => s,
            None => GapSolver::new(ext, data, adj)?,
        };
        solver.s2()
    }
}

/// Headline indicators of a scenario, and, when it has interventions, the
/// same without them and the share of the fiscal gap the package closes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sustainability {
    /// With the scenario's interventions (if any) in force.
    pub headline: Headline,
    /// The same scenario without its interventions.
    pub without_interventions: Option<Headline>,
    /// `(gap without − gap with) / gap without`, share.
    pub share_of_gap_closed_by_interventions: Option<f64>,
    /// The same share for each intervention on its own, in scenario order.
    pub share_of_gap_closed_by_each: Vec<GapShare>,
}

/// The share of the fiscal gap one intervention closes on its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapShare {
    /// The intervention.
    pub name: String,
    /// The one-off fiscal gap with only this intervention, % of GDP.
    pub fiscal_gap_pct_gdp: Option<f64>,
    /// `(gap without − gap with) / gap without`, share.
    pub share_closed: Option<f64>,
}

/// The one-off headline fiscal gap of `a` with `adj` in force, if solvable.
pub fn one_off_gap(a: &Assumptions, data: &Dataset, adj: Adjustments) -> Option<f64> {
    let solver = GapSolver::new(a, data, adj).ok()?;
    solver.gap(&one_off_spec(a)).ok().map(|g| g.step_pct_gdp)
}

/// [`one_off_gap`], without projecting `a` again when `replay` is what its
/// projection without adjustments (`unadjusted`) recorded: the same number
/// (the replay is the re-projection's debt to the bit). Re-projected when
/// there is no replay or `adj` moves the rates.
pub(crate) fn one_off_gap_on(
    a: &Assumptions,
    data: &Dataset,
    adj: Adjustments,
    unadjusted: &crate::model::Projection,
    replay: Option<&crate::model::engine::Replay>,
) -> Option<f64> {
    let Some(replay) = replay else {
        return one_off_gap(a, data, adj);
    };
    match GapSolver::replayed(a, data, adj.clone(), unadjusted, replay) {
        Ok(Some(solver)) => solver.gap(&one_off_spec(a)).ok().map(|g| g.step_pct_gdp),
        Ok(None) => one_off_gap(a, data, adj),
        Err(_) => None,
    }
}

/// [`one_off_gap_on`] for an appraisal path whose debt with `adj` is
/// `with_rows`, already replayed from `replay` (what `unadjusted`
/// recorded), searched from `hint` (the gap without the package): the same
/// tolerance, without replaying the path again or starting from zero.
pub(crate) fn one_off_gap_near(
    a: &Assumptions,
    data: &Dataset,
    adj: Adjustments,
    (unadjusted, with_rows): (&crate::model::Projection, &[crate::model::engine::DebtRow]),
    replay: &crate::model::engine::Replay,
    hint: f64,
) -> Option<f64> {
    let with = crate::model::engine::Replay::written_into(unadjusted, with_rows)?;
    let solver = GapSolver::on_replayed(a, data, adj, with, replay).ok()?;
    let gap = solver.gap_near(&one_off_spec(a), hint).ok()?;
    Some(gap.step_pct_gdp)
}

/// The headline one-off gap's question: PSND at [`HEADLINE_TARGET_PCT_GDP`]
/// in the end year, by a step from the year after the medium term.
fn one_off_spec(a: &Assumptions) -> GapSpec {
    GapSpec {
        target_pct_gdp: HEADLINE_TARGET_PCT_GDP,
        target_year: a.horizon.end_year,
        start_year: a.horizon.medium_term_end.next(),
        profile: Profile::OneOff,
    }
}

fn share_closed(without: Option<f64>, with: Option<f64>) -> Option<f64> {
    match (without, with) {
        (Some(w), Some(g)) if w.abs() > 1e-12 => Some((w - g) / w),
        _ => None,
    }
}

/// The sustainability indicators of `a`; `interventions` are the package's
/// adjustments (empty when the scenario has none), `base` the projection
/// without them and `base_replay` what `base` recorded, if kept (each
/// intervention's own gap is then solved without projecting again).
pub fn sustainability(
    a: &Assumptions,
    data: &Dataset,
    interventions: Adjustments,
    base: &crate::model::Projection,
    base_replay: Option<&crate::model::engine::Replay>,
) -> Sustainability {
    let has = !a.intervention.is_empty();
    let unadjusted = base_replay.map(|r| (base, r));
    let ext = Extended::of(a, data);
    let with = headline(a, data, interventions, unadjusted, &ext);
    let without = has.then(|| headline(a, data, Adjustments::none(), unadjusted, &ext));
    let gap_without = without.as_ref().and_then(|w| w.fiscal_gap_pct_gdp);
    let share = share_closed(gap_without, with.fiscal_gap_pct_gdp);
    // Each intervention alone, against the projection without any.
    let mut each = Vec::new();
    if has {
        for i in &a.intervention {
            let mut adj = Adjustments::none();
            crate::model::interventions::paths::apply(i, base, &mut adj);
            let gap = one_off_gap_on(a, data, adj, base, base_replay);
            each.push(GapShare {
                name: i.name.clone(),
                fiscal_gap_pct_gdp: gap,
                share_closed: share_closed(gap_without, gap),
            });
        }
    }
    Sustainability {
        headline: with,
        without_interventions: without,
        share_of_gap_closed_by_interventions: share,
        share_of_gap_closed_by_each: each,
    }
}
