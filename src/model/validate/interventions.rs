//! Checks on interventions, the spending content they act on and the
//! correlations of their draws. Every assumption that changes what an
//! intervention's numbers mean must be stated: the Exchequer's retention
//! share always, the indexation of £bn amounts whenever there are any. A
//! point value must lie within its own distribution's range.

use super::{fmt, label, suggest, Check, Unit, RESERVED_NAMES};
use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::interventions::draws::DrawPlan;
use crate::model::interventions::fields::{field, Kind, FIELDS};
use crate::model::interventions::{Adoption, Intervention, Target};

/// Each intervention's own fields.
pub fn interventions(c: &mut Check, a: &Assumptions) {
    for (i, iv) in a.intervention.iter().enumerate() {
        let f = |name: &str| format!("intervention[{i}].{name}");
        lines(c, &f, iv);
        amounts(c, &f, iv);
        stated(c, &f, a, iv);
        adoption(c, &f, iv);
        timing(c, &f, a, iv);
        name(c, &f, a, i, iv);
    }
}

/// "did you mean" for a line key, or the list of keys.
fn line_hint(word: &str, keys: &[&str], what: &str) -> String {
    suggest(word, keys.iter().copied()).map_or_else(
        || format!("{what}: {}", keys.join(", ")),
        |s| format!("did you mean `{s}`?"),
    )
}

fn lines(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    if Target::parse(&iv.target).is_none() {
        let hint = line_hint(&iv.target, &Target::keys(), "lines");
        c.push(
            &f("target"),
            format!("`{}` is not a spending or receipts line; {hint}", iv.target),
        );
    }
    if let Some(cl) = &iv.cost_line {
        if crate::model::Spend::from_key(cl).is_none() {
            let keys: Vec<&str> = crate::model::Spend::ALL.iter().map(|s| s.key()).collect();
            let hint = line_hint(cl, &keys, "spending lines");
            c.push(
                &f("cost_line"),
                format!("`{cl}` is not a spending line; {hint}"),
            );
        }
    }
}

/// Every numeric field within its kind's range, with unit hints.
fn amounts(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    for fd in FIELDS {
        let v = (fd.get)(iv);
        match (fd.name, fd.kind) {
            ("asset_life_years", _) if iv.asset_life_years.is_none() => {}
            ("adoption_midpoint_years" | "adoption_steepness", _)
                if iv.adoption_or_default() != Adoption::Logistic => {}
            ("ramp_years", _) if iv.adoption_or_default() != Adoption::Linear => {}
            ("exchequer_retention_share", _) if iv.exchequer_retention_share.is_none() => {}
            ("asset_life_years", _) => {
                if !(v > 0.0 && v <= 200.0) {
                    c.push(
                        &f("asset_life_years"),
                        format!("{v} must be above 0 and at most 200 years: the saving ends this many years after benefits start"),
                    );
                }
            }
            ("adoption_steepness", _) => {
                if !(v > 0.0 && v <= 20.0) {
                    c.push(
                        &f("adoption_steepness"),
                        format!("{v} must be above 0 and at most 20 (per year; 0.55 takes about 8 years from 10 % to 90 % take-up)"),
                    );
                }
            }
            ("ramp_years", _) => {
                if !(v > 0.0 && v <= 100.0) {
                    c.push(
                        &f("ramp_years"),
                        format!("{v} must be above 0 and at most 100 years: a ramp of 0 would end before it starts"),
                    );
                }
            }
            (_, Kind::Share) => c.num(&f(fd.name), v, 0.0, 1.0, Unit::Share),
            (_, Kind::Uplift) => c.num(&f(fd.name), v, 0.0, 5.0, Unit::Points),
            (_, Kind::Years) => c.num(&f(fd.name), v, 0.0, 60.0, Unit::Years),
            (_, Kind::Pct) => c.num(&f(fd.name), v, 0.0, 100.0, Unit::Points),
            (_, kind) => {
                let (lo, hi) = kind.bounds();
                c.num(&f(fd.name), v, lo, hi, Unit::Points);
            }
        }
    }
    if let Some(v) = iv.sub_line_share {
        c.num(&f("sub_line_share"), v, 0.0, 1.0, Unit::Share);
    }
    if iv.sub_line_share.is_some() && iv.sub_line_gbp_bn.is_some() {
        c.push(
            &f("sub_line_gbp_bn"),
            "give the sub-line as a share of the target or as £bn, not both".into(),
        );
    }
    c.num(
        &f("sub_line_gbp_bn"),
        iv.sub_line_gbp_bn.unwrap_or(0.0),
        0.0,
        1000.0,
        Unit::Points,
    );
    units(c, f, iv);
    if iv.saving_share == 0.0
        && iv.saving_gbp_bn == 0.0
        && iv.productivity_growth_pp == 0.0
        && iv.units_quantity == 0.0
        && iv.upfront_cost_gbp_bn == 0.0
        && iv.running_cost_gbp_bn == 0.0
    {
        c.push(&f("saving_share"), "the intervention changes nothing: set saving_share, saving_gbp_bn, units_quantity or productivity_growth_pp (and its costs)".into());
    }
    if iv.productivity_growth_pp != 0.0 && iv.productivity_years <= 0.0 {
        c.push(
            &f("productivity_years"),
            "productivity_growth_pp needs productivity_years above 0".into(),
        );
    }
}

/// A programme sized in its own units says what they are.
fn units(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    let per_unit = iv.saving_gbp_bn_per_unit != 0.0
        || iv.upfront_cost_gbp_bn_per_unit != 0.0
        || iv.running_cost_gbp_bn_per_unit != 0.0;
    if per_unit && iv.units_quantity == 0.0 {
        c.push(
            &f("units_quantity"),
            "amounts per unit need units_quantity (how many units) above 0".into(),
        );
    }
    if (per_unit || iv.units_quantity != 0.0)
        && iv.units.as_deref().is_none_or(|u| u.trim().is_empty())
    {
        c.push(
            &f("units"),
            "a programme sized in units says what one unit is, e.g. units = \"million identity users\"".into(),
        );
    }
}

/// The assumptions that change what the numbers mean are stated.
fn stated(c: &mut Check, f: &dyn Fn(&str) -> String, a: &Assumptions, iv: &Intervention) {
    if iv.exchequer_retention_share.is_none() {
        c.push(
            &f("exchequer_retention_share"),
            "missing: state the share of the cashable saving the Exchequer keeps, 1 if budgets are cut to match, 0 if it is recycled into services (the OBR's unchanged-policy convention holds spending's share of GDP, so a saving lowers debt only where budgets are cut); there is no default".into(),
        );
    }
    if iv.has_gbp_amounts() && iv.gbp_bn_indexation.is_none() {
        c.push(
            &f("gbp_bn_indexation"),
            "missing: state how the £bn amounts grow from their prices year, \"nominal_gdp\" (they keep their share of the economy), \"gdp_deflator\" (constant real terms) or \"flat_cash\" (the same cash every year)".into(),
        );
    }
    if let Some(y) = iv.gbp_bn_prices_year {
        let h = &a.horizon;
        if y < h.base_year || y > h.end_year {
            c.push(
                &f("gbp_bn_prices_year"),
                format!(
                    "{y} is outside the projection {}..{}: give the amounts in the prices of a projected year (the base year, {}, is usual)",
                    h.base_year, h.end_year, h.base_year
                ),
            );
        }
    }
}

fn adoption(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    if let (Adoption::Logistic, Some(m)) = (iv.adoption_or_default(), iv.adoption_midpoint_years) {
        c.num(&f("adoption_midpoint_years"), m, 0.0, 60.0, Unit::Years);
    }
}

fn timing(c: &mut Check, f: &dyn Fn(&str) -> String, a: &Assumptions, iv: &Intervention) {
    let h = &a.horizon;
    match (iv.start_year, iv.start_years_after_base) {
        (Some(_), Some(_)) => c.push(
            &f("start_years_after_base"),
            "give start_year or start_years_after_base, not both".into(),
        ),
        (None, None) => c.push(
            &f("start_year"),
            "missing: give start_year (e.g. \"2026-27\") or start_years_after_base (e.g. 1)".into(),
        ),
        _ => {}
    }
    let start = iv.start_on(h.base_year);
    if start < h.base_year || start > h.end_year {
        let field = if iv.start_year.is_some() {
            "start_year"
        } else {
            "start_years_after_base"
        };
        c.push(
            &f(field),
            format!(
                "{start} is outside the projection {}..{}",
                h.base_year, h.end_year
            ),
        );
    }
    if let Some(end) = iv.end_year {
        if end < start {
            c.push(
                &f("end_year"),
                format!("{end} is before the start {start}: the adoption curve would end before it starts"),
            );
        }
    }
}

fn name(c: &mut Check, f: &dyn Fn(&str) -> String, a: &Assumptions, i: usize, iv: &Intervention) {
    label(c, &f("name"), &iv.name);
    for (field, text) in [
        ("description", Some(&iv.description)),
        ("sub_line", iv.sub_line.as_ref()),
        ("units", iv.units.as_ref()),
    ] {
        if text.is_some_and(|t| {
            t.chars()
                .any(|ch| super::is_control(ch) && ch != '\n' && ch != '\t')
        }) {
            c.push(&f(field), "contains a control character: remove it".into());
        }
    }
    if RESERVED_NAMES.contains(&iv.name.trim().to_lowercase().as_str()) {
        c.push(
            &f("name"),
            format!(
                "`{}` is reserved for the outputs' own rows ({}): choose another name",
                iv.name,
                RESERVED_NAMES.join(", ")
            ),
        );
    }
    let same = |o: &Intervention| o.name.trim().eq_ignore_ascii_case(iv.name.trim());
    if let Some(first) = a.intervention.iter().position(same).filter(|f| *f < i) {
        c.push(
            &f("name"),
            format!(
                "`{}` already names intervention[{first}]: names must be unique (they label rows and chart series)",
                iv.name
            ),
        );
    }
    if let Some(id) = &iv.id {
        identifier(c, &f("id"), id);
        let same_id = |o: &Intervention| o.id.as_deref() == Some(id.as_str());
        if let Some(first) = a.intervention.iter().position(same_id).filter(|f| *f < i) {
            c.push(
                &f("id"),
                format!("`{id}` already identifies intervention[{first}]: ids must be unique"),
            );
        }
    }
}

/// An identifier: lower-case letters, digits and `_`, starting with a letter.
fn identifier(c: &mut Check, field: &str, id: &str) {
    let ok = id.chars().next().is_some_and(|ch| ch.is_ascii_lowercase())
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        && id.len() <= 64;
    if !ok {
        c.push(
            field,
            format!("`{id}`: use lower-case letters, digits and `_`, starting with a letter (e.g. `channel_shift`), at most 64 characters"),
        );
    }
}

/// Each intervention's appraisal fields: the failure path's stop point and
/// the distributions of a probabilistic run.
pub fn appraisals(c: &mut Check, a: &Assumptions) {
    for (i, iv) in a.intervention.iter().enumerate() {
        let f = |name: &str| format!("intervention[{i}].{name}");
        stop_point(c, &f, a, iv);
        distributions(c, &f, iv);
    }
}

fn stop_point(c: &mut Check, f: &dyn Fn(&str) -> String, a: &Assumptions, iv: &Intervention) {
    let stop = iv.failure_stop_years;
    if !(stop.is_finite() && stop > 0.0) {
        c.push(
            &f("failure_stop_years"),
            format!("{stop} must be above 0 years: a failed programme is stopped some years after its start"),
        );
        return;
    }
    let start = iv.start_on(a.horizon.base_year);
    let last = a.horizon.end_year.0 - start.0;
    if stop.ceil() > f64::from(last + 1) {
        c.push(
            &f("failure_stop_years"),
            format!(
                "{stop} years from the start {start} stops a failed programme after the horizon ends in {}: give at most {} years",
                a.horizon.end_year,
                last + 1
            ),
        );
    }
}

/// A distribution against its field's range, in the terms the user wrote
/// (issue 25): low, central and high of a triangular or PERT; the median
/// (central), 95th percentile (high) and floor (low) of a lognormal, whose
/// draws have no upper limit. Never in parameters the user did not write.
fn written_range(
    c: &mut Check,
    at: &str,
    d: &crate::model::distributions::Distribution,
    kind: Kind,
) {
    use crate::model::distributions::Shape;
    let values: Vec<(&str, f64)> = [
        ("low", d.low),
        ("central", Some(d.central)),
        ("high", Some(d.high)),
    ]
    .into_iter()
    .filter_map(|(n, v)| v.map(|v| (n, v)))
    .collect();
    let lognormal = matches!(d.dist, Shape::Lognormal);
    if kind == Kind::Share {
        if let Some((name, v)) = values.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
            let hint = if *v > 1.0 && *v <= 100.0 {
                format!(": it looks like a percent; write {}", fmt(v / 100.0))
            } else {
                String::new()
            };
            return c.push(
                at,
                format!(
                    "{name} {v} is outside 0..1: this field is a share (0.25 means 25 %){hint}"
                ),
            );
        }
        if lognormal {
            return c.push(
                at,
                format!(
                    "a lognormal with median {} and 95th percentile {} has no upper limit, so its draws can pass 1 for this share: use dist = \"pert\" or \"triangular\" with low, central and high within 0..1",
                    fmt(d.central),
                    fmt(d.high)
                ),
            );
        }
    }
    // A rate (adoption steepness; `ramp_years` is filed as one) cannot be
    // negative either.
    if matches!(
        kind,
        Kind::Years | Kind::GbpBn | Kind::Quantity | Kind::Pct | Kind::Rate
    ) {
        let unit = if kind == Kind::Years { " years" } else { "" };
        if let Some((name, v)) = values.iter().find(|(_, v)| *v < 0.0) {
            return c.push(at, format!("{name} {v} is below 0{unit}: give 0 or more"));
        }
        if lognormal && d.low.is_none() {
            c.push(
                at,
                format!(
                    "a lognormal with median {} can draw down to -1 without a floor: add low = 0 (this field cannot be negative)",
                    fmt(d.central)
                ),
            );
        }
    }
}

/// Each distribution is well formed, stays within its field's range, and
/// holds the field's own point value.
fn distributions(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    let Some(u) = &iv.uncertainty else { return };
    for (name, d) in u {
        let at = f(&format!("uncertainty.{name}"));
        let Some(fd) = field(name) else {
            c.push(&at, format!("`{name}` cannot be drawn"));
            continue;
        };
        if let Some(p) = d.problem() {
            c.push(&at, p);
            continue;
        }
        let (lo, hi) = d.support();
        written_range(c, &at, d, fd.kind);
        let v = (fd.get)(iv);
        if v.is_finite() && (v < lo || v > hi) {
            c.push(
                &f(name),
                format!(
                    "the point value {} lies outside its own distribution's range {}..{} (uncertainty.{name}): move the point value inside the range, or widen the range",
                    fmt(v),
                    fmt(lo),
                    if hi.is_finite() { fmt(hi) } else { "∞".into() }
                ),
            );
        }
        if !v.is_finite() {
            c.push(
                &f(name),
                format!("has a distribution (uncertainty.{name}) but no point value: state one within its range"),
            );
        }
    }
}

/// Interventions on the same sub-line (or on the same whole line) cannot
/// together claim more than all of it.
pub fn overlaps(c: &mut Check, a: &Assumptions) {
    let list = &a.intervention;
    for (j, b) in list.iter().enumerate() {
        for x in list.iter().take(j) {
            if x.target != b.target || x.sub_line != b.sub_line {
                continue;
            }
            let size = x.sub_line_gbp_bn.or(b.sub_line_gbp_bn);
            let claim = |v: &Intervention| {
                v.saving_share
                    + size.map_or(0.0, |s| if s > 0.0 { v.saving_gbp_bn / s } else { 0.0 })
            };
            let total = claim(x) + claim(b);
            if total > 1.0 {
                let line = b.sub_line.as_deref().unwrap_or(&b.target);
                c.push(
                    &format!("intervention[{j}].saving_share"),
                    format!(
                        "`{}` and `{}` both save from `{line}` and together claim {:.0} % of it: lower their saving_share (or saving_gbp_bn) or split the line into distinct sub-lines",
                        x.name,
                        b.name,
                        100.0 * total
                    ),
                );
            }
        }
    }
}

/// The spending content tables, the interventions' claims on them, and
/// the correlations between draws.
pub fn contents_and_correlations(c: &mut Check, a: &Assumptions) {
    for (k, sc) in a.spending_content.iter().enumerate() {
        let f = |n: &str| format!("spending_content[{k}].{n}");
        identifier(c, &f("id"), &sc.id);
        if a.spending_content.iter().take(k).any(|o| o.id == sc.id) {
            c.push(
                &f("id"),
                format!(
                    "`{}` is already a spending content id: ids must be unique",
                    sc.id
                ),
            );
        }
        if Target::parse(&sc.line).is_none() {
            let hint = line_hint(&sc.line, &Target::keys(), "lines");
            c.push(
                &f("line"),
                format!("`{}` is not a spending or receipts line; {hint}", sc.line),
            );
        }
        if !(sc.size_gbp_bn > 0.0 && sc.size_gbp_bn <= 1000.0) {
            c.push(
                &f("size_gbp_bn"),
                format!(
                    "{} must be above 0 and at most 1000 (£bn in the base year)",
                    sc.size_gbp_bn
                ),
            );
        }
    }
    for (i, iv) in a.intervention.iter().enumerate() {
        for (k, claim) in iv.acts_on.iter().enumerate() {
            let f = |n: &str| format!("intervention[{i}].acts_on[{k}].{n}");
            c.num(&f("share"), claim.share, 0.0, 1.0, Unit::Share);
            match a.spending_content.iter().find(|s| s.id == claim.content) {
                None => {
                    let ids: Vec<&str> = a.spending_content.iter().map(|s| s.id.as_str()).collect();
                    c.push(
                        &f("content"),
                        format!(
                            "`{}` is not a [[spending_content]] id{}",
                            claim.content,
                            if ids.is_empty() { "; define it in a [[spending_content]] table".to_string() } else { format!(" (ids: {})", ids.join(", ")) }
                        ),
                    );
                }
                Some(s) if s.line != iv.target => c.push(
                    &f("content"),
                    format!(
                        "`{}` is part of `{}`, but `{}` saves from `{}`: an intervention can only act on content of its own line",
                        s.id, s.line, iv.name, iv.target
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    if let Err(e) = DrawPlan::new(&a.intervention, &a.intervention_correlation) {
        c.push(
            &format!("intervention_correlation[{}].{}", e.index, e.field),
            e.message,
        );
    }
}

/// A saving or sub-line in £bn cannot exceed the whole line it comes from
/// (in the base year): a bigger number is most likely in £m or a total
/// over several years.
pub fn amounts_within_lines(c: &mut Check, a: &Assumptions, data: &Dataset) {
    let y = a.horizon.base_year;
    let Ok(gdp) = data.efo.get("macro.nominal_gdp", y) else {
        return; // reported by horizon_within_efo
    };
    let start = crate::model::engine::StartPoint::of(a);
    let Ok((spend, receipts)) = crate::model::engine::efo_year_lines(data, y, gdp, &start) else {
        return;
    };
    let line_of = |key: &str| {
        match Target::parse(key) {
            Some(Target::Spend(s)) => spend.get(s as usize).copied(),
            Some(Target::Receipt(r)) => receipts.get(r as usize).copied(),
            None => None,
        }
        .filter(|v| v.is_finite() && *v > 0.0)
    };
    for (i, iv) in a.intervention.iter().enumerate() {
        let Some(line_gbp_bn) = line_of(&iv.target) else {
            continue;
        };
        for (name, v) in [
            ("saving_gbp_bn", iv.saving_gbp_bn),
            ("sub_line_gbp_bn", iv.sub_line_gbp_bn.unwrap_or(0.0)),
        ] {
            if v > line_gbp_bn {
                c.push(
                    &format!("intervention[{i}].{name}"),
                    format!(
                        "£{} bn a year is more than the whole `{}` line (£{:.1} bn in {y}): give the amount in £bn a year (not £m, not a total over several years)",
                        fmt(v),
                        iv.target,
                        line_gbp_bn
                    ),
                );
            }
        }
    }
    for (k, sc) in a.spending_content.iter().enumerate() {
        if let Some(line_gbp_bn) = line_of(&sc.line).filter(|l| sc.size_gbp_bn > *l) {
            c.push(
                &format!("spending_content[{k}].size_gbp_bn"),
                format!(
                    "£{} bn is more than the whole `{}` line (£{line_gbp_bn:.1} bn in {y}): give its size in £bn in the base year",
                    fmt(sc.size_gbp_bn),
                    sc.line
                ),
            );
        }
    }
}
