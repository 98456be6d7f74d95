//! Several interventions laid on one projection together (the package):
//! overlapping claims on the same spending content resolved, savings on
//! one line capped at the line, and the [`Adjustments`] of them all.
//!
//! **Overlap by spending content.** A `[[spending_content]]` table names a
//! piece of spending (central government transactions, a staff group) of
//! size `P[t]` (its base-year £bn, keeping its share of its line); each
//! intervention says what share `σ` of its realised saving falls on it
//! (`acts_on`). Two programmes cannot both remove the same pound: each acts
//! on what the others leave, so the claims `c_j = σ_j B_j` on one content
//! combine as
//!
//! ```text
//! C[t] = P[t] · (1 − Π_j (1 − min(c_j[t] / P[t], 1)))      ≤ P[t]
//! ```
//!
//! and the overlap `Σ c_j − C` is taken off each claimant in proportion to
//! its claim, and reported. Then, line by line, if the realised savings of
//! the interventions on one line still add up to more than the line, each
//! is scaled down in proportion to fit, with a warning.

use serde::Serialize;

use super::paths::{
    add_to, base_years, paths_from_benefits, success_benefits, Outcome, Paths, Target,
};
use super::spec::{Intervention, SpendingContent};
use crate::model::adjustments::Adjustments;
use crate::model::projection::Projection;
use crate::years::FiscalYear;

/// Overlapping claims on one piece of spending content, as resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// The content's name.
    pub content: String,
    /// The interventions that claim it.
    pub interventions: Vec<String>,
    /// The year reported (the final year).
    pub year: FiscalYear,
    /// The content's size that year, £bn.
    pub size_gbp_bn: f64,
    /// Their claims on it that year before the overlap, £bn.
    pub claims_gbp_bn: f64,
    /// The overlap removed that year, £bn.
    pub removed_gbp_bn: f64,
}

/// Every intervention of a scenario laid on one projection together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Package {
    /// The adjustments of all of them.
    pub adjustments: Adjustments,
    /// Each intervention's paths (after overlaps and caps), in scenario order.
    pub paths: Vec<Paths>,
    /// Overlaps resolved, one per content claimed by several.
    pub overlaps: Vec<Overlap>,
    /// The interactions resolved, one sentence each.
    pub warnings: Vec<String>,
}

/// Lay every intervention of `list` on `base` (a projection without
/// interventions), each on the path `outcome(j)`, resolving overlaps on
/// `contents` and capping savings at their line.
pub fn package_with(
    list: &[Intervention],
    contents: &[SpendingContent],
    base: &Projection,
    outcome: impl Fn(usize) -> Outcome,
) -> Package {
    let n = base.years.len();
    let weights: Vec<f64> = list
        .iter()
        .enumerate()
        .map(|(j, i)| match outcome(j) {
            Outcome::Expected => i.probability_of_success_share,
            Outcome::Success => 1.0,
            Outcome::Failure => 0.0,
        })
        .collect();
    let views: Vec<_> = list
        .iter()
        .map(|i| base_years(base, Target::parse(&i.target)))
        .collect();
    // The (probability-weighted) realised saving each claims, before overlaps.
    let benefits: Vec<Vec<f64>> = list
        .iter()
        .zip(&views)
        .map(|(i, v)| success_benefits(i, v))
        .collect();
    let claims: Vec<Vec<f64>> = benefits
        .iter()
        .zip(&weights)
        .map(|(b, w)| b.iter().map(|b| w * b).collect())
        .collect();
    let mut scale = vec![vec![1.0; n]; list.len()];
    let mut overlaps = Vec::new();
    for c in contents {
        if let Some(o) = resolve_content(list, c, base, &claims, &mut scale) {
            overlaps.push(o);
        }
    }
    let mut warnings: Vec<String> = overlaps
        .iter()
        .filter(|o| o.removed_gbp_bn > 0.001 * o.claims_gbp_bn)
        .map(overlap_sentence)
        .collect();
    warnings.extend(cap_lines(list, base, &claims, &mut scale));
    let paths: Vec<Paths> = list
        .iter()
        .enumerate()
        .map(|(j, i)| {
            let view = views.get(j).map_or(&[][..], Vec::as_slice);
            let s = scale.get(j).map_or(&[][..], Vec::as_slice);
            let b = benefits.get(j).map_or(&[][..], Vec::as_slice);
            paths_from_benefits(i, view, outcome(j), s, b)
        })
        .collect();
    let mut adjustments = Adjustments::none();
    for (i, p) in list.iter().zip(&paths) {
        add_to(i, p, &mut adjustments);
    }
    Package {
        adjustments,
        paths,
        overlaps,
        warnings,
    }
}

/// The combined claim on a content of size `size` of claims `c`: each
/// acts on what the others leave, `size · (1 − Π(1 − c/size))`.
pub fn combined_claim(size: f64, claims: &[f64]) -> f64 {
    if size <= 0.0 {
        return 0.0;
    }
    let left: f64 = claims
        .iter()
        .map(|c| 1.0 - (c.max(0.0) / size).min(1.0))
        .product();
    size * (1.0 - left)
}

/// Resolve the claims of `list` on content `c`, lowering `scale`; the
/// overlap in the final year, if any intervention claims it.
fn resolve_content(
    list: &[Intervention],
    c: &SpendingContent,
    base: &Projection,
    claims: &[Vec<f64>],
    scale: &mut [Vec<f64>],
) -> Option<Overlap> {
    let line = Target::parse(&c.line)?;
    let on: Vec<(usize, f64)> = list
        .iter()
        .enumerate()
        .flat_map(|(j, i)| {
            i.acts_on
                .iter()
                .filter(|a| a.content == c.id)
                .map(move |a| (j, a.share))
        })
        .collect();
    if on.is_empty() {
        return None;
    }
    let level = |k: usize| {
        base.years.get(k).map_or(0.0, |y| match line {
            Target::Spend(s) => y.spend(s),
            Target::Receipt(r) => y.receipt(r),
        })
    };
    let first_line = level(0);
    let mut report = None;
    for k in 0..base.years.len() {
        let size = if first_line > 0.0 {
            c.size_gbp_bn * level(k) / first_line
        } else {
            0.0
        };
        let each: Vec<f64> = on
            .iter()
            .map(|&(j, share)| share * claims.get(j).and_then(|v| v.get(k)).copied().unwrap_or(0.0))
            .collect();
        let total: f64 = each.iter().sum();
        let removed = total - combined_claim(size, &each);
        if total > 0.0 && removed > 0.0 {
            for (&(j, _), cj) in on.iter().zip(&each) {
                let claim = claims.get(j).and_then(|v| v.get(k)).copied().unwrap_or(0.0);
                if let Some(s) = scale.get_mut(j).and_then(|v| v.get_mut(k)) {
                    if claim > 0.0 {
                        *s -= removed * cj / total / claim;
                        *s = s.max(0.0);
                    }
                }
            }
        }
        report = base.years.get(k).map(|y| Overlap {
            content: if c.name.is_empty() {
                c.id.clone()
            } else {
                c.name.clone()
            },
            interventions: on
                .iter()
                .filter_map(|&(j, _)| list.get(j).map(|i| i.name.clone()))
                .collect(),
            year: y.year,
            size_gbp_bn: size,
            claims_gbp_bn: total,
            removed_gbp_bn: removed.max(0.0),
        });
    }
    report
}

fn overlap_sentence(o: &Overlap) -> String {
    let names: Vec<String> = o.interventions.iter().map(|n| format!("`{n}`")).collect();
    let share = if o.claims_gbp_bn > 0.0 {
        100.0 * o.removed_gbp_bn / o.claims_gbp_bn
    } else {
        0.0
    };
    format!(
        "{} act on `{}` (£{:.1}bn in {}): their claims of £{:.2}bn overlap by £{:.3}bn ({share:.1} %), removed in proportion to each claim",
        names.join(" and "),
        o.content,
        o.size_gbp_bn,
        o.year,
        o.claims_gbp_bn,
        o.removed_gbp_bn
    )
}

/// Scale the realised savings of the interventions on each line so that
/// together they never exceed the line; a warning for each line that had
/// to be.
fn cap_lines(
    list: &[Intervention],
    base: &Projection,
    claims: &[Vec<f64>],
    scale: &mut [Vec<f64>],
) -> Vec<String> {
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
        let mut first: Option<(FiscalYear, f64, f64)> = None;
        for (k, y) in base.years.iter().enumerate() {
            let line = match t {
                Target::Spend(s) => y.spend(s),
                Target::Receipt(r) => y.receipt(r),
            };
            let at = |j: usize| {
                let c = claims.get(j).and_then(|v| v.get(k)).copied().unwrap_or(0.0);
                c * scale.get(j).and_then(|v| v.get(k)).copied().unwrap_or(1.0)
            };
            let total: f64 = on.iter().map(|&j| at(j)).sum();
            if total <= line || total <= 0.0 {
                continue;
            }
            let factor = line.max(0.0) / total;
            first.get_or_insert((y.year, total, line));
            for &j in &on {
                if let Some(s) = scale.get_mut(j).and_then(|v| v.get_mut(k)) {
                    *s *= factor;
                }
            }
        }
        if let Some((year, total, line)) = first {
            let names: Vec<String> = on
                .iter()
                .filter_map(|&j| list.get(j).map(|i| format!("`{}`", i.name)))
                .collect();
            warnings.push(format!(
                "{} together save more than the whole `{}` line from {year} (£{total:.1}bn against £{line:.1}bn): their savings are capped at the line, each scaled down in proportion; lower their saving_share or give them distinct sub-lines",
                names.join(" and "),
                i.target
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_claims_never_exceed_the_content() {
        assert!((combined_claim(10.0, &[2.0]) - 2.0).abs() < 1e-12);
        // 20 % and 15 % of the same pool: 1 − 0.8 × 0.85 = 32 %, not 35 %.
        assert!((combined_claim(10.0, &[2.0, 1.5]) - 3.2).abs() < 1e-12);
        assert_eq!(combined_claim(10.0, &[12.0, 3.0]), 10.0);
        assert_eq!(combined_claim(0.0, &[1.0]), 0.0);
    }
}
