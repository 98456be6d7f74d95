//! Every fiscal-gap indicator for one scenario, as `fiscal gap` reports
//! them: the one-off and staged gaps to a debt target, the intertemporal
//! gap, S1 (one-off and phased) and S2, with the debt paths each implies.
//! An indicator without an answer (e.g. S2 when r ≤ g) keeps the reason.

use serde::Serialize;

use super::IndicatorError;
use super::{decompose, intertemporal_assumptions, GapResult, GapSolver, GapSpec, Profile};
use crate::data::Dataset;
use crate::model::{intervention_adjustments, Assumptions, ModelError, Projection};
use crate::years::FiscalYear;

/// What to solve for: the debt target and when the adjustment runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapRequest {
    /// PSND target, % of GDP.
    pub target_pct_gdp: f64,
    /// Year whose end-March PSND must meet the target (default: the horizon end).
    pub target_year: Option<FiscalYear>,
    /// First year of the adjustment (default: the year after the medium term).
    pub start_year: Option<FiscalYear>,
    /// Years between the staged gap's equal steps.
    pub staged_every_years: u32,
    /// Target year for S1 (default: the solver's, 15 years after the medium
    /// term); an explicit year that cannot work is an error, not a note.
    pub s1_year: Option<FiscalYear>,
}

/// Why the gap indicators could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum GapsError {
    /// The scenario's interventions could not be evaluated.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A path with a gap closed could not be projected or decomposed.
    #[error(transparent)]
    Indicator(#[from] IndicatorError),
    /// The scenario itself could not be projected.
    #[error("cannot project scenario `{scenario}`")]
    Project {
        /// The scenario's name.
        scenario: String,
        /// What went wrong.
        #[source]
        source: IndicatorError,
    },
    /// The scenario could not be projected to the intertemporal horizon.
    #[error("cannot project scenario `{scenario}` to {end_year}")]
    ProjectExtended {
        /// The scenario's name.
        scenario: String,
        /// The intertemporal horizon's last year.
        end_year: FiscalYear,
        /// What went wrong.
        #[source]
        source: IndicatorError,
    },
    /// The one-off gap has no answer.
    #[error("cannot compute the fiscal gap")]
    Gap(#[source] IndicatorError),
    /// The staged gap has no answer.
    #[error("cannot compute the staged fiscal gap")]
    StagedGap(#[source] IndicatorError),
    /// S1 to an explicitly requested year has no answer.
    #[error("cannot compute S1 for --s1-by")]
    S1(#[source] IndicatorError),
}

impl GapsError {
    /// Whether what was asked for caused the error: the CLI exits with
    /// code 2 for these.
    pub fn is_bad_input(&self) -> bool {
        match self {
            GapsError::Model(e) => e.is_bad_input(),
            GapsError::Indicator(e)
            | GapsError::Project { source: e, .. }
            | GapsError::ProjectExtended { source: e, .. }
            | GapsError::Gap(e)
            | GapsError::StagedGap(e)
            | GapsError::S1(e) => e.is_bad_input(),
        }
    }
}

/// One indicator: its answer or why there is none.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// Stable key: `fiscal_gap`, `staged_gap`, `intertemporal_gap`, `s1`, `s2`.
    pub key: &'static str,
    /// Human label.
    pub label: String,
    /// The result, if any.
    pub result: Option<GapResult>,
    /// Why there is no result.
    pub note: Option<String>,
}

/// One year of the debt paths with and without the adjustments.
#[derive(Debug, Clone, Serialize)]
pub struct PathRow {
    /// The fiscal year.
    pub year: FiscalYear,
    /// PSND without adjustment, % of GDP.
    pub baseline_psnd_pct_gdp: f64,
    /// PSND with the one-off fiscal gap closed, % of GDP.
    pub fiscal_gap_psnd_pct_gdp: Option<f64>,
    /// PSND with the staged gap closed, % of GDP.
    pub staged_gap_psnd_pct_gdp: Option<f64>,
    /// Debt-stabilising primary balance without adjustment, % of GDP.
    pub debt_stabilising_primary_balance_pct_gdp: f64,
}

/// Every indicator of one scenario, with the years it was solved for.
#[derive(Debug, Clone)]
pub struct FiscalGaps {
    /// Base-year GDP, £bn.
    pub base_year_gdp_gbp_bn: f64,
    /// Target year.
    pub target_year: FiscalYear,
    /// First year of the adjustment.
    pub start_year: FiscalYear,
    /// The indicators, in report order.
    pub indicators: Vec<IndicatorRow>,
    /// Year-by-year paths.
    pub paths: Vec<PathRow>,
}

/// An optional indicator: keep the answer or the reason there is none.
fn row(key: &'static str, label: String, r: Result<GapResult, IndicatorError>) -> IndicatorRow {
    match r {
        Ok(g) => IndicatorRow {
            key,
            label,
            result: Some(g),
            note: None,
        },
        Err(e) => IndicatorRow {
            key,
            label,
            result: None,
            note: Some(e.to_string()),
        },
    }
}

/// Solve every indicator for scenario `a` (its interventions stay in force
/// while the gaps are solved).
pub fn fiscal_gaps(
    a: &Assumptions,
    data: &Dataset,
    req: &GapRequest,
) -> Result<FiscalGaps, GapsError> {
    let h = &a.horizon;
    let start = req.start_year.unwrap_or(h.medium_term_end.next());
    let by = req.target_year.unwrap_or(h.end_year);
    let solver = GapSolver::new(a, data, intervention_adjustments(a, data)?).map_err(|source| {
        GapsError::Project {
            scenario: a.name.clone(),
            source,
        }
    })?;
    let one_off = GapSpec {
        target_pct_gdp: req.target_pct_gdp,
        target_year: by,
        start_year: start,
        profile: Profile::OneOff,
    };
    let staged = GapSpec {
        profile: Profile::Staged {
            every_years: req.staged_every_years,
        },
        ..one_off
    };
    let gap = solver.gap(&one_off).map_err(GapsError::Gap)?;
    let staged_gap = solver.gap(&staged).map_err(GapsError::StagedGap)?;
    let s1 = match req.s1_year {
        Some(y) => Ok(solver.s1(start, y).map_err(GapsError::S1)?),
        None => solver.s1(start, solver.s1_default_year()),
    };
    let s1_year = req.s1_year.unwrap_or(solver.s1_default_year());
    let [intertemporal, s2] = intertemporal_rows(a, data, start)?;
    let indicators = vec![
        row(
            "fiscal_gap",
            format!("Fiscal gap: PSND {}% in {by}", req.target_pct_gdp),
            Ok(gap.clone()),
        ),
        row(
            "staged_gap",
            format!(
                "Staged gap: a further step every {} years",
                req.staged_every_years
            ),
            Ok(staged_gap.clone()),
        ),
        intertemporal,
        row("s1", format!("EC S1: PSND 60% in {s1_year}"), s1),
        row(
            "s1_phased",
            format!("EC S1 phased in (5 yrs): 60% in {s1_year}"),
            solver.s1_phased(start, s1_year),
        ),
        s2,
    ];
    let with_gap = solver.project_step(start, one_off.profile, gap.step_pct_gdp)?;
    let with_staged = solver.project_step(start, staged.profile, staged_gap.step_pct_gdp)?;
    let baseline = solver.baseline();
    Ok(FiscalGaps {
        base_year_gdp_gbp_bn: baseline.years.first().map_or(0.0, |y| y.gdp_gbp_bn),
        target_year: by,
        start_year: start,
        indicators,
        paths: gap_paths(baseline, &with_gap, &with_staged)?,
    })
}

/// The intertemporal gap (adjusting from `start`) and S2, which run on the
/// projection extended to the intertemporal horizon
/// (horizon.intertemporal_end_year).
fn intertemporal_rows(
    a: &Assumptions,
    data: &Dataset,
    start: FiscalYear,
) -> Result<[IndicatorRow; 2], GapsError> {
    let ext = intertemporal_assumptions(a, data);
    let ext_solver =
        GapSolver::new(&ext, data, intervention_adjustments(&ext, data)?).map_err(|source| {
            GapsError::ProjectExtended {
                scenario: a.name.clone(),
                end_year: ext.horizon.end_year,
                source,
            }
        })?;
    let ext_end = ext.horizon.end_year;
    Ok([
        row(
            "intertemporal_gap",
            format!("Intertemporal gap (to {ext_end})"),
            ext_solver.intertemporal(start),
        ),
        row(
            "s2",
            format!(
                "EC S2: from {} (to {ext_end})",
                a.horizon.medium_term_end.next()
            ),
            ext_solver.s2(),
        ),
    ])
}

/// The debt paths without adjustment and with each gap closed, year by
/// year, with the debt-stabilising primary balance.
fn gap_paths(
    baseline: &Projection,
    with_gap: &Projection,
    with_staged: &Projection,
) -> Result<Vec<PathRow>, IndicatorError> {
    let stabilising = decompose(baseline)?;
    Ok(baseline
        .years
        .iter()
        .zip(&stabilising)
        .enumerate()
        .map(|(k, (y, s))| PathRow {
            year: y.year,
            baseline_psnd_pct_gdp: y.psnd_pct_gdp,
            fiscal_gap_psnd_pct_gdp: with_gap.years.get(k).map(|r| r.psnd_pct_gdp),
            staged_gap_psnd_pct_gdp: with_staged.years.get(k).map(|r| r.psnd_pct_gdp),
            debt_stabilising_primary_balance_pct_gdp: s.debt_stabilising_primary_balance_pct_gdp,
        })
        .collect())
}
