//! Plain-English labels for scenario fields, and the list of assumptions a
//! scenario changes from the baseline, as the HTML report and the workbook
//! both show them (one table, so the two say the same thing). The raw
//! dotted-path dump stays available as an appendix.

use serde_json::Value;

use super::{assumptions, value_text};
use crate::output::units::Unit;
use crate::scenario::Scenario;

/// Labels for fields whose name alone reads poorly; others are derived
/// from the name ([`label`]).
const LABELS: &[(&str, &str)] = &[
    ("name", "Scenario name"),
    ("description", "Description"),
    ("horizon.base_year", "First projection year"),
    (
        "horizon.medium_term_end",
        "Last year of the OBR medium-term forecast",
    ),
    ("horizon.end_year", "Last projection year"),
    (
        "economy.productivity_growth_pct",
        "Long-run productivity growth",
    ),
    (
        "economy.gdp_deflator_growth_pct",
        "GDP deflator growth (long run)",
    ),
    ("economy.cpi_inflation_pct", "CPI inflation (long run)"),
    (
        "economy.rpi_cpi_wedge_pp",
        "Gap between RPI and CPI inflation",
    ),
    (
        "economy.rpi_aligned_with_cpih_from",
        "RPI aligned with CPIH from",
    ),
    (
        "economy.unemployment_rate_pct",
        "Unemployment rate (long run)",
    ),
    (
        "economy.participation_follows_spa",
        "Employment rises with the State Pension age",
    ),
    (
        "economy.spa_rise_employment_effect_men_pp",
        "Employment effect of a later State Pension age, men",
    ),
    (
        "economy.spa_rise_employment_effect_women_pp",
        "Employment effect of a later State Pension age, women",
    ),
    (
        "economy.centred_gdp_next_year_weight_share",
        "Weight of the next year in GDP centred on end-March",
    ),
    (
        "rates.bank_rate_medium_term_pct",
        "Bank Rate at the end of the medium term",
    ),
    (
        "rates.gilt_rate_medium_term_pct",
        "Gilt rate at the end of the medium term",
    ),
    ("rates.bank_rate_long_run_pct", "Bank Rate in the long run"),
    (
        "rates.long_run_rates_follow_growth",
        "Long-run rates follow nominal GDP growth",
    ),
    ("rates.gilt_rate_long_run_pct", "Gilt rate in the long run"),
    (
        "rates.convergence_years",
        "Years for rates to reach the long run",
    ),
    (
        "debt.index_linked_share",
        "Share of gilts that are index-linked",
    ),
    (
        "debt.floating_rate_share",
        "Share of debt at floating rates (Bank Rate)",
    ),
    (
        "debt.index_linked_real_coupon_pct",
        "Real coupon on index-linked gilts",
    ),
    (
        "debt.new_issuance_average_maturity_years",
        "Average maturity of new gilts",
    ),
    (
        "debt.other_stock_flow_pct_gdp",
        "Stock-flow adjustment other than student loans, each year",
    ),
    (
        "spending.health_other_cost_pressures_start_pp",
        "Health: other cost pressures at the start",
    ),
    (
        "spending.health_other_cost_pressures_end_pp",
        "Health: other cost pressures at the end",
    ),
    (
        "spending.health_other_cost_pressures_taper_years",
        "Health: years over which other cost pressures taper",
    ),
    (
        "spending.adult_social_care_cost_premium_pp",
        "Adult social care: cost growth above earnings",
    ),
    (
        "spending.triple_lock_premium_pp",
        "State Pension: triple-lock premium over earnings",
    ),
    (
        "spending.welfare_uprating",
        "Working-age welfare uprated with",
    ),
    (
        "spending.pensioner_benefits_uprating",
        "Pensioner benefits uprated with",
    ),
    (
        "spending.non_age_related_pct_gdp",
        "Non-age-related spending",
    ),
    ("receipts.other_receipts_pct_gdp", "Other receipts"),
    (
        "receipts.fuel_duty_change_by_end_pp_gdp",
        "Change in fuel duty receipts by the final year",
    ),
    ("receipts.tobacco_duty_path", "Tobacco duty path"),
    (
        "receipts.tobacco_duty_cash_decline_pct_a_year",
        "Tobacco duty: cash fall a year",
    ),
];

/// The unit suffixes a label drops (the unit is shown beside it).
const SUFFIXES: &[&str] = &[
    "_pct_gdp",
    "_pp_gdp",
    "_gbp_bn",
    "_pct",
    "_pp",
    "_years",
    "_share",
    "_persons",
    "_per_1000",
];

fn words(key: &str) -> String {
    let mut k = key;
    for s in SUFFIXES {
        if let Some(stripped) = k.strip_suffix(s) {
            k = stripped;
            break;
        }
    }
    let mut w = k.replace('_', " ");
    if let Some(first) = w.get(..1) {
        w = first.to_uppercase() + w.get(1..).unwrap_or("");
    }
    w
}

/// The unit of a field, for people (`% of GDP`, `£bn`, `years`, ...).
pub fn unit(field: &str) -> &'static str {
    let last = field.rsplit(['.', ']']).next().unwrap_or(field);
    if last.ends_with("_pp_gdp") {
        return "percentage points of GDP";
    }
    Unit::of(last).label()
}

/// A plain-English label for `field` (a dotted path as in the raw dump).
/// Intervention and State Pension age entries are numbered from 1 and named.
pub fn label(field: &str, s: &Scenario) -> String {
    if let Some((_, l)) = LABELS.iter().find(|(f, _)| *f == field) {
        return (*l).to_string();
    }
    let a = &s.assumptions;
    let indexed = |prefix: &str| -> Option<(usize, &str)> {
        let rest = field.strip_prefix(prefix)?.strip_prefix('[')?;
        let (i, rest) = rest.split_once(']')?;
        Some((i.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
    };
    if let Some((i, key)) = indexed("intervention") {
        let name = a.intervention.get(i).map_or("", |x| x.name.as_str());
        return format!(
            "Intervention {} ({name}): {}",
            i + 1,
            words(key).to_lowercase()
        );
    }
    if let Some((i, key)) = indexed("state_pension_age.steps") {
        let what = if key == "from" { "from" } else { "age" };
        return format!("State Pension age, step {}: {what}", i + 1);
    }
    let mut parts = field.split('.');
    let head = parts.next().unwrap_or(field);
    let rest: Vec<&str> = parts.collect();
    match rest.last() {
        Some(last) => format!("{}: {}", words(head), words(last).to_lowercase()),
        None => words(head),
    }
}

/// The changes of [`changes_from_baseline`] for reading: an
/// intervention's name (its group's heading) and empty values left out,
/// and each uncertain parameter's distribution (`dist`, `low`, `central`,
/// `high`) in one row ("Uncertainty: saving": "pert: low 0.18, central
/// 0.18, high 0.26"), so a package of interventions reads as a table per
/// intervention rather than hundreds of paths.
pub fn readable_changes(s: &Scenario) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for c in changes_from_baseline(s) {
        let last = c.field.rsplit(['.', ']']).next().unwrap_or("");
        let is_intervention = c.field.starts_with("intervention[");
        if is_intervention && (last == "name" || (c.scenario.is_empty() && c.baseline.is_empty())) {
            continue;
        }
        if let Some((head, part)) = c
            .field
            .split_once(".uncertainty.")
            .and_then(|(h, rest)| rest.rsplit_once('.').map(|(f, p)| ((h, f), p)))
        {
            let (prefix, param) = head;
            let key = format!("{prefix}.uncertainty.{param}");
            let text = match part {
                "dist" => format!("{}:", c.scenario),
                other => format!("{other} {}", c.scenario),
            };
            if let Some(row) = out.iter_mut().find(|r| r.field == key) {
                if part == "dist" {
                    row.scenario = format!("{text} {}", row.scenario);
                } else {
                    row.scenario = format!(
                        "{}{}{text}",
                        row.scenario,
                        if row.scenario.ends_with(':') {
                            " "
                        } else {
                            ", "
                        }
                    );
                }
                continue;
            }
            out.push(Change {
                item: format!("Uncertainty: {}", words(param).to_lowercase()),
                unit: unit(param),
                scenario: text,
                number: None,
                field: key,
                ..c
            });
            continue;
        }
        out.push(c);
    }
    out
}

/// The group a field is shown under and its label within it: the top-level
/// table in words (`Economy`, `Spending`), or the numbered and named
/// intervention; the item is the label less the group.
pub fn group_and_item(field: &str, s: &Scenario) -> (String, String) {
    let full = label(field, s);
    if let Some(rest) = field.strip_prefix("intervention[") {
        let i: usize = rest
            .split(']')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let name = s
            .assumptions
            .intervention
            .get(i)
            .map_or("", |x| x.name.as_str());
        let item = full
            .split_once("): ")
            .map_or(full.clone(), |(_, k)| k.to_string());
        return (format!("Intervention {}: {name}", i + 1), capitalise(&item));
    }
    let head = field.split(['.', '[']).next().unwrap_or(field);
    let group = words(head);
    let item = full
        .strip_prefix(&format!("{group}: "))
        .map_or(full.clone(), capitalise);
    (group, item)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// One assumption a scenario sets differently from the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Dotted path, as in the raw dump.
    pub field: String,
    /// Plain-English label.
    pub label: String,
    /// The group it is shown under (`Economy`, `Intervention 2: name`, ...).
    pub group: String,
    /// Its label within the group.
    pub item: String,
    /// Unit, for people.
    pub unit: &'static str,
    /// The baseline's value (empty when the baseline has none).
    pub baseline: String,
    /// The scenario's value (empty when it has none).
    pub scenario: String,
    /// The scenario's value as a number, when it is one.
    pub number: Option<f64>,
}

/// Every assumption of `s` that differs from the embedded baseline, in the
/// order of the raw dump; the name and description are left out.
pub fn changes_from_baseline(s: &Scenario) -> Vec<Change> {
    let base = Scenario::default_scenario()
        .map(|b| assumptions(&b))
        .unwrap_or_default();
    let find = |k: &str| base.iter().find(|(f, _)| f == k).map(|(_, v)| v);
    let mut out = Vec::new();
    for (field, v) in assumptions(s) {
        if field == "name" || field == "description" {
            continue;
        }
        let b = find(&field);
        if b == Some(&v) || (b.is_none() && v.is_null()) {
            continue;
        }
        let (group, item) = group_and_item(&field, s);
        out.push(Change {
            label: label(&field, s),
            group,
            item,
            unit: unit(&field),
            baseline: b.map(value_text).unwrap_or_default(),
            scenario: value_text(&v),
            number: v.as_f64().filter(|_| v.is_number()),
            field,
        });
    }
    // Fields the baseline sets and the scenario drops (a shorter list).
    for (field, v) in &base {
        if !out.iter().any(|c| &c.field == field)
            && !matches!(v, Value::Null)
            && field != "name"
            && field != "description"
            && !assumptions(s).iter().any(|(f, _)| f == field)
        {
            let (group, item) = group_and_item(field, s);
            out.push(Change {
                label: label(field, s),
                group,
                item,
                unit: unit(field),
                baseline: value_text(v),
                scenario: String::new(),
                number: None,
                field: field.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::catalog;

    #[test]
    fn a_variant_lists_only_what_it_changes_in_plain_english() {
        let s = Scenario::shipped(catalog::find("low_productivity").unwrap()).unwrap();
        let c = changes_from_baseline(&s);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].label, "Long-run productivity growth");
        assert_eq!(c[0].unit, "%");
        assert_eq!(
            (c[0].baseline.as_str(), c[0].scenario.as_str()),
            ("1.5", "1.0")
        );
        assert!(changes_from_baseline(&Scenario::default_scenario().unwrap()).is_empty());
        let smarter = Scenario::shipped(catalog::find("smarter_state_central").unwrap()).unwrap();
        let c = changes_from_baseline(&smarter);
        let saving = c
            .iter()
            .find(|c| c.field == "intervention[0].saving_gbp_bn")
            .unwrap();
        assert_eq!(
            saving.label,
            "Intervention 1 (Identity: Verify to GOV.UK One Login): saving"
        );
        assert_eq!(saving.unit, "£bn");
        assert_eq!(
            label("state_pension_age.steps[2].age_years", &smarter),
            "State Pension age, step 3: age"
        );
    }
}
