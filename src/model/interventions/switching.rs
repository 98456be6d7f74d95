//! Switching values (HM Treasury, *The Green Book*, 2022, on sensitivity
//! analysis): for each key field, the value at which a result reaches
//! zero, all else as stated. Two results: the Exchequer NPV over the
//! horizon, and the change in PSND in the final year. For each intervention
//! alone, its own key fields; for the package, fields set on every
//! intervention at once (retention, erosion, asset life, cost overrun) and
//! each intervention's key fields.
//!
//! Each value is found by scanning from the stated value towards each end
//! of the field's range, in eight equal steps, for the first change of
//! sign, then refining by regula falsi with the Illinois modification
//! (Dowell and Jarratt, 1971), to |NPV| < £0.000001bn or |ΔPSND| <
//! 0.000001 pp; the root nearer the stated value is kept. A field over
//! whose whole range the result keeps its sign has no switching value
//! (`None`): no plausible value of it alone turns the answer.

use rayon::prelude::*;
use serde::Serialize;

use super::fields::{field, key_fields_of, Field, Kind};
use super::package::package_with;
use super::paths::{base_years, paths_on, Outcome, Target};
use super::results::{npv_real, sum_paths};
use super::spec::Intervention;
use crate::data::Dataset;
use crate::model::adjustments::Adjustments;
use crate::model::engine::{project_with, Replay};
use crate::model::{Assumptions, ModelError, Projection};

/// Tolerance on the result at a switching value (£bn or pp).
pub const TOLERANCE: f64 = 1e-6;

/// The fields set on every intervention at once for the package.
pub const PACKAGE_FIELDS: [&str; 4] = [
    "exchequer_retention_share",
    "decay_pct",
    "asset_life_years",
    "optimism_bias_cost_uplift_share",
];

/// One switching value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchingValue {
    /// The intervention whose field it is (`None`: every intervention at once).
    pub intervention: Option<String>,
    /// The field.
    pub field: String,
    /// Its stated value (`None`: as stated, intervention by intervention).
    pub stated: Option<f64>,
    /// The value at which the Exchequer NPV is zero.
    pub npv_zero_at: Option<f64>,
    /// The value at which the change in final-year PSND is zero.
    pub debt_zero_at: Option<f64>,
}

/// Every switching value of a scenario's interventions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchingValues {
    /// Each intervention alone: its key fields.
    pub interventions: Vec<SwitchingValue>,
    /// The package: fields set everywhere at once, then each intervention's.
    pub package: Vec<SwitchingValue>,
}

/// Which result a root is sought for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Measure {
    /// The Exchequer NPV, £bn.
    Npv,
    /// The change in PSND in the final year, pp of GDP.
    Debt,
}

/// The subject of a switching value: one intervention alone, or the
/// package with one intervention (or all) changed.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Alone(usize),
    Package(Option<usize>),
}

/// The scenario and its projection without interventions.
pub struct Appraisal<'a> {
    /// The scenario.
    pub assumptions: &'a Assumptions,
    /// Its data.
    pub data: &'a Dataset,
    /// Its projection without interventions.
    pub base: &'a Projection,
    /// What `base` recorded, if kept: the debt with a trial value is then
    /// replayed (the re-projection's, to the bit) instead of projected.
    pub(crate) replay: Option<&'a Replay>,
}

impl<'a> Appraisal<'a> {
    /// The appraisal of `assumptions` against `base`, its projection
    /// without interventions (each trial's debt re-projected; a
    /// [`crate::run::Run`] gives one that replays it).
    pub fn new(assumptions: &'a Assumptions, data: &'a Dataset, base: &'a Projection) -> Self {
        Appraisal {
            assumptions,
            data,
            base,
            replay: None,
        }
    }
}

impl Appraisal<'_> {
    /// The list with field `f` set to `v` on intervention `which` (all when `None`).
    fn with(&self, which: Option<usize>, f: &Field, v: f64) -> Vec<Intervention> {
        let mut list = self.assumptions.intervention.clone();
        for (j, i) in list.iter_mut().enumerate() {
            if which.is_none_or(|w| w == j) {
                f.put(i, v);
            }
        }
        list
    }

    fn eval(&self, r: Measure, subject: Subject, f: &Field, v: f64) -> Result<f64, ModelError> {
        let a = self.assumptions;
        let deflator = a.economy.gdp_deflator_growth_pct;
        let (net, adj) = match subject {
            Subject::Alone(j) => {
                let list = self.with(Some(j), f, v);
                let Some(i) = list.get(j) else {
                    return Ok(0.0);
                };
                let view = base_years(self.base, Target::parse(&i.target));
                let p = paths_on(i, &view, Outcome::Expected);
                let mut adj = Adjustments::none();
                if r == Measure::Debt {
                    super::paths::add_to(i, &p, &mut adj);
                }
                (p.net_gbp_bn(), adj)
            }
            Subject::Package(which) => {
                let list = self.with(which, f, v);
                let pkg =
                    package_with(&list, &a.spending_content, self.base, |_| Outcome::Expected);
                let sum = sum_paths(&pkg.paths, self.base.years.len());
                (sum.net_gbp_bn(), pkg.adjustments)
            }
        };
        match r {
            Measure::Npv => Ok(npv_real(&net, deflator)),
            Measure::Debt => {
                let replayed = self.replay.and_then(|r| r.debt_path(&adj)).transpose()?;
                let last = match replayed {
                    Some(rows) => rows.last().map(|r| r.psnd_pct_gdp),
                    None => project_with(a, self.data, &adj)?
                        .last()
                        .map(|y| y.psnd_pct_gdp),
                };
                Ok(match (self.base.last(), last) {
                    (Some(b), Some(w)) => w - b.psnd_pct_gdp,
                    _ => 0.0,
                })
            }
        }
    }

    /// The range searched for field `f` whose stated value is `v0`.
    fn range(&self, f: &Field, v0: f64) -> (f64, f64, f64) {
        let horizon = self.base.years.len() as f64;
        match (f.name, f.kind) {
            ("asset_life_years" | "productivity_years", _) => {
                let v = if v0.is_finite() {
                    v0.min(horizon + 1.0)
                } else {
                    horizon + 1.0
                };
                (0.0, horizon + 1.0, v)
            }
            ("productivity_growth_pp", _) => (0.0, 5.0, v0),
            (_, Kind::GbpBn | Kind::Quantity) => (0.0, (v0.abs() * 50.0).max(50.0), v0),
            (_, Kind::Uplift) => (-0.99, 10.0, v0),
            (_, kind) => {
                let (lo, hi) = kind.bounds();
                (lo, hi, v0)
            }
        }
    }

    /// The switching value of field `f` for result `r` of `subject`.
    fn switching(
        &self,
        r: Measure,
        subject: Subject,
        f: &Field,
        stated: f64,
    ) -> Result<Option<f64>, ModelError> {
        let (lo, hi, v0) = self.range(f, stated);
        let g = |v: f64| self.eval(r, subject, f, v);
        find_root(&g, v0, lo, hi)
    }

    fn value(
        &self,
        r_subject: Subject,
        name: Option<String>,
        f: &'static Field,
        stated: Option<f64>,
    ) -> Result<SwitchingValue, ModelError> {
        let s = stated.unwrap_or(f64::NAN);
        let at = |r| self.switching(r, r_subject, f, s);
        Ok(SwitchingValue {
            intervention: name,
            field: f.name.to_string(),
            stated: stated.filter(|v| v.is_finite()),
            npv_zero_at: at(Measure::Npv)?,
            debt_zero_at: at(Measure::Debt)?,
        })
    }
}

/// Steps of the scan from the stated value towards each end of the range.
const SCAN_STEPS: u32 = 8;

/// The root of `g` nearest `v0` within `lo..hi`: scanning from `v0`
/// towards each end in [`SCAN_STEPS`] equal steps for the first change of
/// sign, then refining it; `None` if `g` keeps its sign at every point.
pub fn find_root(
    g: &dyn Fn(f64) -> Result<f64, ModelError>,
    v0: f64,
    lo: f64,
    hi: f64,
) -> Result<Option<f64>, ModelError> {
    let v0 = if v0.is_finite() { v0.clamp(lo, hi) } else { hi };
    let f0 = g(v0)?;
    if f0.abs() < TOLERANCE {
        return Ok(Some(v0));
    }
    let mut found: Vec<f64> = Vec::new();
    for end in [lo, hi] {
        if end == v0 {
            continue;
        }
        let (mut a, mut fa) = (v0, f0);
        for k in 1..=SCAN_STEPS {
            let b = v0 + (end - v0) * f64::from(k) / f64::from(SCAN_STEPS);
            let fb = g(b)?;
            if fb.abs() < TOLERANCE {
                found.push(b);
                break;
            }
            if fb.signum() != fa.signum() {
                found.push(illinois(g, (a, fa), (b, fb))?);
                break;
            }
            (a, fa) = (b, fb);
        }
    }
    Ok(found
        .into_iter()
        .min_by(|a, b| (a - v0).abs().total_cmp(&(b - v0).abs())))
}

/// Regula falsi with the Illinois modification on a bracket `(a, fa)`,
/// `(b, fb)` of opposite signs.
fn illinois(
    g: &dyn Fn(f64) -> Result<f64, ModelError>,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
) -> Result<f64, ModelError> {
    let mut side = 0i8;
    let mut c = a;
    for _ in 0..100 {
        c = (a * fb - b * fa) / (fb - fa);
        if !c.is_finite() {
            c = 0.5 * (a + b);
        }
        let fc = g(c)?;
        if fc.abs() < TOLERANCE || (b - a).abs() < 1e-13 * (1.0 + c.abs()) {
            return Ok(c);
        }
        if fc.signum() == fb.signum() {
            b = c;
            fb = fc;
            if side == -1 {
                fa /= 2.0;
            }
            side = -1;
        } else {
            a = c;
            fa = fc;
            if side == 1 {
                fb /= 2.0;
            }
            side = 1;
        }
    }
    Ok(c)
}

/// Every switching value of the interventions of `p`.
pub fn switching_values(p: &Appraisal<'_>) -> Result<SwitchingValues, ModelError> {
    let list = &p.assumptions.intervention;
    type Task = (Subject, Option<String>, &'static Field, Option<f64>);
    let mut alone: Vec<Task> = Vec::new();
    let mut package: Vec<Task> = Vec::new();
    for name in PACKAGE_FIELDS {
        if let Some(f) = field(name) {
            package.push((Subject::Package(None), None, f, None));
        }
    }
    for (j, i) in list.iter().enumerate() {
        for f in key_fields_of(i) {
            let stated = Some((f.get)(i));
            alone.push((Subject::Alone(j), Some(i.name.clone()), f, stated));
            package.push((Subject::Package(Some(j)), Some(i.name.clone()), f, stated));
        }
    }
    let run = |tasks: Vec<Task>| -> Result<Vec<SwitchingValue>, ModelError> {
        tasks
            .into_par_iter()
            .map(|(s, name, f, stated)| p.value(s, name, f, stated))
            .collect()
    };
    Ok(SwitchingValues {
        interventions: run(alone)?,
        package: run(package)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_found_on_the_near_side_and_refused_without_a_sign_change() {
        let g = |v: f64| Ok::<f64, ModelError>(v * v - 4.0);
        let r = find_root(&g, 3.0, -10.0, 10.0).unwrap().unwrap();
        assert!((r - 2.0).abs() < 1e-6, "{r}");
        let r = find_root(&g, -3.0, -10.0, 10.0).unwrap().unwrap();
        assert!((r + 2.0).abs() < 1e-6, "{r}");
        let never = |v: f64| Ok::<f64, ModelError>(v.abs() + 1.0);
        assert_eq!(find_root(&never, 0.5, 0.0, 1.0).unwrap(), None);
        let linear = |v: f64| Ok::<f64, ModelError>(3.0 * v - 1.2);
        let r = find_root(&linear, 0.9, 0.0, 1.0).unwrap().unwrap();
        assert!((3.0 * r - 1.2).abs() < TOLERANCE);
    }
}
