//! Drawing one probabilistic path of a package: every uncertain field of
//! every intervention (its `[intervention.uncertainty]` table) and whether
//! each programme succeeds, with the rank correlations of
//! `[[intervention_correlation]]`.
//!
//! The draws are a Gaussian copula. A path first draws one standard normal
//! score per dimension (each uncertain field, then success, intervention by
//! intervention, fields in the order of [`super::fields::FIELDS`]) and
//! mixes them with the Cholesky factor of the correlation matrix
//! ([`DrawPlan::normal_scores`]); then each score becomes a value through
//! its distribution's inverse distribution function, and success is
//! `Φ(score) < p` with `p` the path's own (drawn) probability
//! ([`DrawPlan::apply`], deterministic). Rank correlations survive any
//! monotone transformation, so a target Spearman correlation `ρ` is met by
//! a normal correlation `r = 2 sin(πρ/6)` (Pearson, 1907; Kruskal, 1958)
//! whatever the shapes of the two distributions. Correlating two success
//! draws makes one programme an enabler of another (identity and the
//! services that use it): each keeps its own probability of success, but
//! they tend to succeed or fail together.

use rand::Rng;
use rand_distr::Distribution as _;

use super::fields::{Field, FIELDS};
use super::paths::Outcome;
use super::spec::{Correlation, Intervention};
use crate::model::distributions::Distribution;
use crate::model::special::normal_cdf;

/// What one dimension of a path's draw decides.
#[derive(Debug, Clone, Copy)]
enum What {
    /// An uncertain field, drawn from its distribution.
    Field(&'static Field, Distribution),
    /// Whether the programme succeeds.
    Success,
}

#[derive(Debug, Clone, Copy)]
struct Dim {
    intervention: usize,
    what: What,
}

/// Why a `[[intervention_correlation]]` cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError {
    /// Which `[[intervention_correlation]]` entry (0-based).
    pub index: usize,
    /// The field at fault: `between` or `rank_correlation`.
    pub field: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// How to draw the paths of one package, built once.
#[derive(Debug, Clone)]
pub struct DrawPlan {
    dims: Vec<Dim>,
    /// Row `i` of the Cholesky factor: its non-zero entries (column, value).
    rows: Vec<Vec<(usize, f64)>>,
}

/// One path's package: the drawn interventions and whether each succeeds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackageDraw {
    /// The interventions with their drawn values.
    pub interventions: Vec<Intervention>,
    /// Whether each succeeds.
    pub outcomes: Vec<Outcome>,
}

/// The dimension that `reference` (`id.field` or `id.success`) names.
fn resolve(list: &[Intervention], dims: &[Dim], reference: &str) -> Result<usize, String> {
    let Some((id, name)) = reference.split_once('.') else {
        return Err(format!(
            "`{reference}`: write INTERVENTION_ID.FIELD (e.g. `identity.success` or `nhs_productivity.cashable_share`)"
        ));
    };
    let Some(j) = list.iter().position(|i| i.id.as_deref() == Some(id)) else {
        let ids: Vec<&str> = list.iter().filter_map(|i| i.id.as_deref()).collect();
        return Err(format!(
            "`{reference}`: no intervention has id `{id}` (ids: {})",
            if ids.is_empty() {
                "none; give interventions an `id`".to_string()
            } else {
                ids.join(", ")
            }
        ));
    };
    dims.iter()
        .position(|d| {
            d.intervention == j
                && match d.what {
                    What::Success => name == "success",
                    What::Field(f, _) => f.name == name,
                }
        })
        .ok_or_else(|| {
            format!("`{reference}`: `{id}` has no distribution for `{name}`; correlate `success` or a field of its [intervention.uncertainty] table")
        })
}

/// Normal correlation that gives Spearman rank correlation `rho`.
pub fn normal_correlation(rho: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rho / 6.0).sin()
}

impl DrawPlan {
    /// The plan for `list` with `correlations`; an error names the entry.
    pub fn new(list: &[Intervention], correlations: &[Correlation]) -> Result<DrawPlan, PlanError> {
        let mut dims = Vec::new();
        for (j, i) in list.iter().enumerate() {
            if let Some(u) = &i.uncertainty {
                for f in FIELDS {
                    if let Some(d) = u.get(f.name) {
                        dims.push(Dim {
                            intervention: j,
                            what: What::Field(f, *d),
                        });
                    }
                }
            }
            dims.push(Dim {
                intervention: j,
                what: What::Success,
            });
        }
        let pairs = Self::pairs(list, &dims, correlations)?;
        let rows = cholesky_rows(dims.len(), &pairs).map_err(|index| PlanError {
            index,
            field: "rank_correlation",
            message: "the rank correlations together are impossible (their matrix is not positive definite): lower this one or the ones it chains with".into(),
        })?;
        Ok(DrawPlan { dims, rows })
    }

    /// The correlated pairs: (dimension, dimension, normal correlation, entry).
    fn pairs(
        list: &[Intervention],
        dims: &[Dim],
        correlations: &[Correlation],
    ) -> Result<Vec<(usize, usize, f64, usize)>, PlanError> {
        let mut pairs: Vec<(usize, usize, f64, usize)> = Vec::new();
        for (k, c) in correlations.iter().enumerate() {
            let bad = |field, message| PlanError {
                index: k,
                field,
                message,
            };
            let [a, b] = c.between.as_slice() else {
                return Err(bad("between", format!("names {} draws: give exactly two, e.g. [\"identity.success\", \"channel_shift.success\"]", c.between.len())));
            };
            let x = resolve(list, dims, a).map_err(|m| bad("between", m))?;
            let y = resolve(list, dims, b).map_err(|m| bad("between", m))?;
            if x == y {
                return Err(bad(
                    "between",
                    format!("`{a}` with itself: name two different draws"),
                ));
            }
            let rho = c.rank_correlation;
            if !(rho.is_finite() && (-1.0..=1.0).contains(&rho)) || rho.abs() >= 0.999 {
                return Err(bad(
                    "rank_correlation",
                    format!("{rho} must lie strictly between −1 and 1 (0.5: the two tend to move together)"),
                ));
            }
            let (lo, hi) = (x.min(y), x.max(y));
            if let Some(&(_, _, _, first)) = pairs.iter().find(|p| p.0 == lo && p.1 == hi) {
                return Err(bad("between", format!("`{a}` and `{b}` are already correlated by intervention_correlation[{first}]: keep one")));
            }
            pairs.push((lo, hi, normal_correlation(rho), k));
        }
        Ok(pairs)
    }

    /// Dimensions of a path's draw.
    pub fn len(&self) -> usize {
        self.dims.len()
    }

    /// Whether a path draws nothing (no interventions).
    pub fn is_empty(&self) -> bool {
        self.dims.is_empty()
    }

    /// One path's correlated standard normal scores.
    pub fn normal_scores<R: Rng + ?Sized>(&self, rng: &mut R) -> Vec<f64> {
        let z: Vec<f64> = (0..self.dims.len())
            .map(|_| rand_distr::StandardNormal.sample(rng))
            .collect();
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&(c, l)| l * z.get(c).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect()
    }

    /// The package of one path from its normal `scores`.
    pub fn apply(&self, list: &[Intervention], scores: &[f64]) -> PackageDraw {
        let mut out = PackageDraw {
            interventions: list.to_vec(),
            outcomes: Vec::new(),
        };
        self.apply_into(list, scores, &mut out);
        out
    }

    /// [`DrawPlan::apply`] into `out`, which holds the interventions of
    /// `list` as drawn before (or none): every draw sets the same fields,
    /// plain assignments, so the other fields stay `list`'s and a path
    /// costs no copy of the package.
    fn apply_into(&self, list: &[Intervention], scores: &[f64], out: &mut PackageDraw) {
        if out.interventions.len() != list.len() {
            out.interventions = list.to_vec();
        }
        out.outcomes.clear();
        out.outcomes.resize(list.len(), Outcome::Success);
        let PackageDraw {
            interventions,
            outcomes,
        } = out;
        for (d, z) in self.dims.iter().zip(scores) {
            let Some(i) = interventions.get_mut(d.intervention) else {
                continue;
            };
            match d.what {
                What::Field(f, dist) => f.put(i, dist.at_normal_score(*z)),
                What::Success => {
                    if let Some(o) = outcomes.get_mut(d.intervention) {
                        *o = if normal_cdf(*z) < i.probability_of_success_share {
                            Outcome::Success
                        } else {
                            Outcome::Failure
                        };
                    }
                }
            }
        }
    }

    /// Draw one path's package.
    pub fn draw<R: Rng + ?Sized>(&self, list: &[Intervention], rng: &mut R) -> PackageDraw {
        self.apply(list, &self.normal_scores(rng))
    }

    /// [`DrawPlan::draw`] into `out`, a package drawn before from `list`
    /// by this plan (or an empty one): the same draw, without copying the
    /// package each path.
    pub fn draw_into<R: Rng + ?Sized>(
        &self,
        list: &[Intervention],
        rng: &mut R,
        out: &mut PackageDraw,
    ) {
        self.apply_into(list, &self.normal_scores(rng), out);
    }
}

/// The rows of the Cholesky factor of the correlation matrix with unit
/// diagonal and `pairs` off it (`n` dimensions); the entry of the pair at
/// fault if the matrix is not positive definite. Only the dimensions that
/// some pair names are factorised; the others stay independent.
fn cholesky_rows(
    n: usize,
    pairs: &[(usize, usize, f64, usize)],
) -> Result<Vec<Vec<(usize, f64)>>, usize> {
    let mut involved: Vec<usize> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    involved.sort_unstable();
    involved.dedup();
    let m = involved.len();
    let pos = |d: usize| involved.iter().position(|&x| x == d);
    let mut r = vec![vec![0.0; m]; m];
    for (a, row) in r.iter_mut().enumerate() {
        if let Some(x) = row.get_mut(a) {
            *x = 1.0;
        }
    }
    for &(x, y, c, _) in pairs {
        if let (Some(a), Some(b)) = (pos(x), pos(y)) {
            if let Some(v) = r.get_mut(a).and_then(|row| row.get_mut(b)) {
                *v = c;
            }
            if let Some(v) = r.get_mut(b).and_then(|row| row.get_mut(a)) {
                *v = c;
            }
        }
    }
    let mut l = vec![vec![0.0; m]; m];
    for a in 0..m {
        for b in 0..=a {
            let dot: f64 = (0..b).map(|k| l[a][k] * l[b][k]).sum();
            if a == b {
                let d = r[a][a] - dot;
                if d <= 1e-10 {
                    return Err(pairs.iter().map(|p| p.3).max().unwrap_or(0));
                }
                l[a][a] = d.sqrt();
            } else {
                l[a][b] = (r[a][b] - dot) / l[b][b];
            }
        }
    }
    Ok((0..n)
        .map(|d| match pos(d) {
            Some(a) => (0..=a)
                .filter(|&b| l[a][b] != 0.0)
                .filter_map(|b| involved.get(b).map(|&col| (col, l[a][b])))
                .collect(),
            None => vec![(d, 1.0)],
        })
        .collect())
}
