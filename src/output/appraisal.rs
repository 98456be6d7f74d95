//! The appraisal tables of `fiscal interventions`: NPVs at four horizons,
//! the assumptions that carry each saving to the public finances (with
//! their evidence grades), and the switching values.

use std::fmt::Write;

use crate::model::interventions::fields::field;
use crate::model::interventions::switching::{SwitchingValue, SwitchingValues};
use crate::model::interventions::{Adoption, Grade, Intervention, InterventionResults};
use crate::model::Assumptions;

/// The Exchequer NPV of each intervention and the package to 10, 20, 30
/// and 50 years.
pub fn horizons_table(r: &InterventionResults) -> String {
    let mut out = String::new();
    let Some(first) = r.interventions.first().or(Some(&r.package)) else {
        return out;
    };
    let heads: Vec<String> = first
        .npv_by_horizon
        .iter()
        .map(|h| format!("{} yrs ({})", h.years, h.to_year))
        .collect();
    let _ = write!(out, "\nExchequer NPV by horizon, £bn\n{:<36}", "");
    for h in &heads {
        let _ = write!(out, " {h:>19}");
    }
    let _ = writeln!(out);
    for e in r.interventions.iter().chain(std::iter::once(&r.package)) {
        let name: String = e.name.chars().take(36).collect();
        let _ = write!(out, "{name:<36}");
        for h in &e.npv_by_horizon {
            let _ = write!(out, " {:>19.1}", h.exchequer_npv_gbp_bn);
        }
        let _ = writeln!(out);
    }
    out
}

fn pct(v: f64) -> String {
    format!("{:.0} %", 100.0 * v)
}

/// The evidence grade of field `name` of `i`, as a bracketed letter.
fn g(i: &Intervention, name: &str) -> String {
    i.evidence.get(name).map_or_else(
        || "[?]".to_string(),
        |g: &Grade| format!("[{}]", g.letter()),
    )
}

/// The take-up shape in words.
fn take_up(i: &Intervention) -> String {
    let stated = if i.adoption.is_some() {
        ""
    } else {
        " (default)"
    };
    match i.adoption_or_default() {
        Adoption::Immediate => format!("immediate{stated}"),
        Adoption::Linear => format!(
            "linear over {} yrs{stated}",
            (field("ramp_years").map_or(0.0, |f| (f.get)(i)))
        ),
        Adoption::Logistic => format!(
            "logistic, midpoint {} yrs{stated}",
            field("adoption_midpoint_years").map_or(0.0, |f| (f.get)(i))
        ),
    }
}

/// The persistence in words.
fn persistence(i: &Intervention) -> String {
    let mut parts = Vec::new();
    if i.decay_pct > 0.0 {
        parts.push(format!("erodes {} %/yr", i.decay_pct));
    }
    if let Some(l) = i.asset_life_years {
        parts.push(format!("asset life {l} yrs"));
    }
    if let Some(e) = i.end_year {
        parts.push(format!("ends {e}"));
    }
    if parts.is_empty() {
        "permanent".to_string()
    } else {
        parts.join(", ")
    }
}

/// One intervention's assumptions that carry its saving to the public
/// finances, each with its evidence grade.
pub fn assumptions_table(a: &Assumptions) -> String {
    let mut out = String::new();
    let base = a.horizon.base_year;
    let _ = writeln!(out, "\nWhat carries each saving to the public finances [evidence grade: C confirmed, U uncertain or derived, J judgement, ? ungraded]");
    for i in &a.intervention {
        let _ = writeln!(out, "{}", i.name);
        let prices = if i.has_gbp_amounts() {
            format!(
                "£bn in {} prices, {}",
                i.prices_year_on(base),
                match i.indexation() {
                    crate::model::interventions::Indexation::NominalGdp =>
                        "growing with nominal GDP",
                    crate::model::interventions::Indexation::GdpDeflator =>
                        "constant real terms (GDP deflator)",
                    crate::model::interventions::Indexation::FlatCash => "flat cash",
                }
            )
        } else {
            "no £bn amounts".to_string()
        };
        let units = i
            .units
            .as_ref()
            .map(|u| {
                format!(
                    "; {} {u} at £{}bn each",
                    i.units_quantity, i.saving_gbp_bn_per_unit
                )
            })
            .unwrap_or_default();
        let rows = [
            format!(
                "retention {} {} (budgets cut {}); cashable {} {}; realised after haircut {} {}",
                pct(i.retention()),
                g(i, "exchequer_retention_share"),
                i.budgets_cut.key().replace('_', " "),
                pct(i.cashable_share),
                g(i, "cashable_share"),
                pct(1.0 - i.benefit_haircut_share),
                g(i, "benefit_haircut_share"),
            ),
            format!(
                "persistence: {} {}; p(success) {} {}; take-up {} {}",
                persistence(i),
                g(i, if i.asset_life_years.is_some() { "asset_life_years" } else { "decay_pct" }),
                pct(i.probability_of_success_share),
                g(i, "probability_of_success_share"),
                take_up(i),
                g(i, "adoption"),
            ),
            format!(
                "already in baseline: saving {} {}, upfront {} {}, running {} {}",
                pct(i.saving_in_baseline_share),
                g(i, "saving_in_baseline_share"),
                pct(i.upfront_cost_in_baseline_share),
                g(i, "upfront_cost_in_baseline_share"),
                pct(i.running_cost_in_baseline_share),
                g(i, "running_cost_in_baseline_share"),
            ),
            format!(
                "additionality: deadweight {} {}, displacement {} {}, rebound {} {}; exit costs {}× the retained saving {}",
                pct(i.deadweight_share),
                g(i, "deadweight_share"),
                pct(i.displacement_share),
                g(i, "displacement_share"),
                pct(i.rebound_share),
                g(i, "rebound_share"),
                i.exit_cost_multiple,
                g(i, "exit_cost_multiple"),
            ),
            format!("{prices}{units}"),
        ];
        for row in rows {
            let _ = writeln!(out, "    {row}");
        }
    }
    out
}

/// A field's value in its own terms.
fn value(name: &str, v: f64) -> String {
    if name.ends_with("_share") {
        format!("{v:.3}")
    } else if name.ends_with("_years") {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

fn row(out: &mut String, label: &str, sv: &SwitchingValue) {
    let stated = match (sv.stated, &sv.intervention) {
        (Some(v), _) => value(&sv.field, v),
        (None, Some(_)) => "none".to_string(),
        (None, None) => "as stated".to_string(),
    };
    let at = |x: Option<f64>| x.map_or_else(|| "none".to_string(), |v| value(&sv.field, v));
    let _ = writeln!(
        out,
        "{label:<40} {:<34} {:>10} {:>12} {:>14}",
        sv.field,
        stated,
        at(sv.npv_zero_at),
        at(sv.debt_zero_at)
    );
}

/// Switching values: the value of each key field at which the Exchequer
/// NPV, and the change in final-year PSND, reach zero.
pub fn switching_table(sv: &SwitchingValues, last_year: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nSwitching values (Green Book): the value of each field, all else as stated, at which the Exchequer NPV and the change in {last_year} PSND reach zero ('none': no value in the field's range turns the answer)"
    );
    let head = |out: &mut String, what: &str| {
        let _ = writeln!(
            out,
            "{what:<40} {:<34} {:>10} {:>12} {:>14}",
            "field", "stated", "NPV = 0", "debt = 0"
        );
    };
    head(&mut out, "Each intervention alone");
    for v in &sv.interventions {
        let name: String = v
            .intervention
            .clone()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
        row(&mut out, &name, v);
    }
    head(&mut out, "\nThe package");
    let mut quiet = 0;
    for v in &sv.package {
        let turns = v.npv_zero_at.is_some() || v.debt_zero_at.is_some();
        if v.intervention.is_some() && !turns {
            quiet += 1;
            continue;
        }
        let name: String = v
            .intervention
            .clone()
            .unwrap_or_else(|| "every intervention at once".to_string())
            .chars()
            .take(40)
            .collect();
        row(&mut out, &name, v);
    }
    if quiet > 0 {
        let _ = writeln!(
            out,
            "({quiet} other fields of single interventions: no value in their range turns the package's result on its own)"
        );
    }
    out
}
