//! Checks one scenario file against the schema before anything is merged, so
//! that unknown keys, wrong types and bad enum values are reported at their
//! own line and column, with a "did you mean" suggestion.
//!
//! The schema is the embedded default scenario (which sets every required
//! field) plus [`SCHEMA_EXTRAS`], the optional fields.

use std::collections::BTreeMap;

use toml::Value;
use toml_edit::{Item, TableLike};

use super::diagnostic::{suggest, Diagnostic};
use crate::years::FiscalYear;

/// Optional fields that the default does not set (values only give types).
pub const SCHEMA_EXTRAS: &str = r#"
extends = "default"
[horizon]
intertemporal_end_year = "2121-22"
[rates]
gilt_rate_long_run_over_growth_pp = 0.0
bank_rate_long_run_over_growth_pp = 0.0
long_run_rates_follow_growth = true
[debt]
other_stock_flow_pct_gdp = 0.0
other_public_sector_interest_pct_gdp = 0.0
stock_flow_adjustment_pct_gdp = 0.0
[debt.student_loans]
opening_asset_gbp_bn = 0.0
new_lending_gbp_bn = 0.0
[spending]
non_age_related_pct_gdp = 0.0
welfare_cpi_uprating_from = "2031-32"
start_point_pct_gdp = {}
[receipts]
other_receipts_pct_gdp = 0.0
fuel_duty_path = "hold"
[data]
population_file = ""
profiles_file = ""
vintage_dir = ""

[state_pension_age.link_to_life_expectancy]
from = "2035-36"
share_of_adult_life = 0.0
adult_life_from_age_years = 0.0

[population]
vintage = "2022-based"
projection = ""
variant = "principal"
tfr_children_per_woman = 0.0
tfr_target_year = 0
tfr_difference_phase_in_years = 0
life_expectancy_shift_years = 0.0
life_expectancy_target_year = 0
mortality_improvement_scale = 0.0
mortality_improvement_long_term_pct = 0.0
mortality_improvement_target_year = 0
net_migration_persons = 0.0
net_migration_from_year = 0
net_migration_persons_by_year = {}
net_migration_scale = 0.0
sex_ratio_males_per_female = 0.0

[uncertainty]
real_growth_sd_pp = 0.0
inflation_sd_pp = 0.0
interest_rate_sd_pp = 0.0
primary_balance_sd_pp = 0.0
real_growth_persistence = 0.0
inflation_persistence = 0.0
interest_rate_persistence = 0.0
primary_balance_persistence = 0.0
correlation = [[0.0]]
shock_medium_term = false

[[intervention]]
name = ""
id = ""
description = ""
target = ""
sub_line = ""
sub_line_share = 0.0
sub_line_gbp_bn = 0.0
saving_share = 0.0
saving_gbp_bn = 0.0
units = ""
units_quantity = 0.0
saving_gbp_bn_per_unit = 0.0
upfront_cost_gbp_bn_per_unit = 0.0
running_cost_gbp_bn_per_unit = 0.0
productivity_growth_pp = 0.0
productivity_years = 0.0
start_year = "2026-27"
start_years_after_base = 0
end_year = "2075-76"
delay_years = 0.0
adoption = "logistic"
adoption_midpoint_years = 0.0
adoption_steepness = 0.0
ramp_years = 0.0
take_up_cap_share = 0.0
upfront_cost_gbp_bn = 0.0
upfront_years = 0
running_cost_gbp_bn = 0.0
refresh_every_years = 0
refresh_cost_share = 0.0
optimism_bias_cost_uplift_share = 0.0
optimism_bias_duration_uplift_share = 0.0
benefit_haircut_share = 0.0
probability_of_success_share = 0.0
cashable_share = 0.0
exchequer_retention_share = 0.0
budgets_cut = "as_realised"
decay_pct = 0.0
asset_life_years = 0.0
saving_in_baseline_share = 0.0
upfront_cost_in_baseline_share = 0.0
running_cost_in_baseline_share = 0.0
deadweight_share = 0.0
displacement_share = 0.0
rebound_share = 0.0
exit_cost_multiple = 0.0
gbp_bn_indexation = "nominal_gdp"
gbp_bn_prices_year = "2025-26"
cost_line = ""
optimism_bias_on_running_costs = false
failure_stop_years = 0.0
citizen_time_saving_gbp_bn = 0.0
acts_on = [{ content = "", share = 0.0 }]
[intervention.uncertainty]
[intervention.evidence]

[[spending_content]]
id = ""
name = ""
line = ""
size_gbp_bn = 0.0
description = ""

[[intervention_correlation]]
between = [""]
rank_correlation = 0.0
reason = ""
"#;

/// The distribution shapes of `[intervention.uncertainty]`.
const DIST_SHAPES: &[&str] = &["triangular", "pert", "lognormal"];

/// String fields that take one of a fixed set of values.
pub const ENUM_FIELDS: &[(&str, &[&str])] = &[
    ("intervention.budgets_cut", &["as_realised", "as_planned"]),
    (
        "intervention.gbp_bn_indexation",
        &["nominal_gdp", "gdp_deflator", "flat_cash"],
    ),
    ("spending.welfare_uprating", &["earnings", "cpi"]),
    ("spending.pensioner_benefits_uprating", &["earnings", "cpi"]),
    ("receipts.tobacco_duty_path", &["decline", "hold"]),
    ("receipts.fuel_duty_path", &["electrify", "hold"]),
    (
        "intervention.adoption",
        &["logistic", "linear", "immediate"],
    ),
    (
        "population.variant",
        &[
            "principal",
            "high-fertility",
            "low-fertility",
            "high-life-expectancy",
            "low-life-expectancy",
            "high-migration",
            "low-migration",
            "zero-net-migration",
            "high-population",
            "low-population",
        ],
    ),
];

/// Evidence grades (the evidence file's status key, and our judgement).
const GRADES: &[&str] = &["C", "U", "J"];

/// The enumerated values of the fields named by pattern: every
/// distribution's shape, every evidence grade.
fn pattern_enum(plain: &str) -> Option<&'static (&'static str, &'static [&'static str])> {
    static DIST: (&str, &[&str]) = ("intervention.uncertainty.*.dist", DIST_SHAPES);
    static GRADE: (&str, &[&str]) = ("intervention.evidence.*", GRADES);
    if plain.starts_with("intervention.uncertainty.") && plain.ends_with(".dist") {
        Some(&DIST)
    } else if plain.starts_with("intervention.evidence.") {
        Some(&GRADE)
    } else {
        None
    }
}

/// The schema of `[intervention.uncertainty]` and `[intervention.evidence]`:
/// one entry per numeric field of [`crate::model::interventions::fields`],
/// so that a field added there is accepted here.
pub fn intervention_field_tables(schema: &mut toml::Table) {
    let Some(Value::Array(items)) = schema.get_mut("intervention") else {
        return;
    };
    let Some(Value::Table(t)) = items.first_mut() else {
        return;
    };
    let mut dist = toml::Table::new();
    dist.insert("dist".into(), Value::String("pert".into()));
    for k in ["low", "central", "high"] {
        dist.insert(k.into(), Value::Float(0.0));
    }
    let mut uncertainty = toml::Table::new();
    let mut evidence = toml::Table::new();
    for name in crate::model::interventions::fields::names() {
        uncertainty.insert(name.into(), Value::Table(dist.clone()));
        evidence.insert(name.into(), Value::String("U".into()));
    }
    for text in [
        "target",
        "sub_line",
        "sub_line_gbp_bn",
        "units",
        "start_year",
        "start_years_after_base",
        "adoption",
        "acts_on",
        "gbp_bn_indexation",
        "budgets_cut",
        "upfront_years",
        "refresh_every_years",
        "failure_stop_years",
    ] {
        evidence.insert(text.into(), Value::String("U".into()));
    }
    t.insert("uncertainty".into(), Value::Table(uncertainty));
    t.insert("evidence".into(), Value::Table(evidence));
}

/// Keys every entry of an array of tables must set.
pub const REQUIRED_KEYS: &[(&str, &[&str])] = &[
    ("state_pension_age.steps", &["from", "age_years"]),
    ("intervention", &["name", "target"]),
    ("intervention.acts_on", &["content", "share"]),
    ("spending_content", &["id", "line", "size_gbp_bn"]),
    ("intervention_correlation", &["between", "rank_correlation"]),
];

/// Where each field was set: dotted path -> (file, line, column).
pub type Provenance = BTreeMap<String, (String, Option<(usize, usize)>)>;

/// Context for checking one file.
pub struct FileCheck<'a> {
    /// The file's name in messages.
    pub file: &'a str,
    /// The file's text (for positions).
    pub text: &'a str,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// Fields the file sets, with their positions.
    pub provenance: Provenance,
    /// Where the text's lines start.
    lines: super::diagnostic::LineIndex,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

fn edit_type_name(v: &toml_edit::Value) -> &'static str {
    match v {
        toml_edit::Value::String(_) => "a string",
        toml_edit::Value::Integer(_) => "an integer",
        toml_edit::Value::Float(_) => "a number",
        toml_edit::Value::Boolean(_) => "true or false",
        toml_edit::Value::Datetime(_) => "a date",
        toml_edit::Value::Array(_) => "an array",
        toml_edit::Value::InlineTable(_) => "a table",
    }
}

impl<'a> FileCheck<'a> {
    /// A new check of `file` with contents `text`.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        FileCheck {
            file,
            text,
            diagnostics: Vec::new(),
            provenance: Provenance::new(),
            lines: super::diagnostic::LineIndex::new(text),
        }
    }

    fn pos(&self, span: Option<std::ops::Range<usize>>) -> Option<(usize, usize)> {
        span.map(|s| self.lines.line_col(self.text, s.start))
    }

    fn push(&mut self, span: Option<std::ops::Range<usize>>, field: &str, message: String) {
        let position = self.pos(span);
        self.diagnostics.push(Diagnostic {
            file: self.file.to_string(),
            position,
            field: Some(field.to_string()),
            message,
        });
    }

    /// Check every key of `table` (at dotted `path`) against `schema`.
    pub fn table(&mut self, table: &dyn TableLike, schema: &toml::Table, path: &str) {
        if schema.is_empty() {
            // A free-form map (e.g. values by year): keys are data, not fields.
            return;
        }
        for (key, item) in table.iter() {
            let span = table.get_key_value(key).and_then(|(k, _)| k.span());
            let full = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
            let Some(expected) = schema.get(key) else {
                let hint = match suggest(key, schema.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => {
                        let mut keys: Vec<&str> = schema.keys().map(String::as_str).collect();
                        keys.sort_unstable();
                        format!("known keys here: {}", keys.join(", "))
                    }
                };
                self.push(span, &full, format!("unknown key; {hint}"));
                continue;
            };
            self.provenance.insert(
                full.clone(),
                (self.file.to_string(), self.pos(span.clone())),
            );
            self.item(item, expected, &full, span);
        }
    }

    /// Report keys that entries of the array at `array_path` must have.
    fn required(
        &mut self,
        t: &dyn TableLike,
        array_path: &str,
        path: &str,
        span: Option<std::ops::Range<usize>>,
    ) {
        let plain = strip_indices(array_path);
        let Some((_, keys)) = REQUIRED_KEYS.iter().find(|(p, _)| *p == plain) else {
            return;
        };
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| !t.contains_key(k))
            .collect();
        if !missing.is_empty() {
            self.push(
                span,
                path,
                format!(
                    "missing {}: every entry needs {}",
                    missing.join(", "),
                    keys.join(", ")
                ),
            );
        }
    }

    fn item(
        &mut self,
        item: &Item,
        expected: &Value,
        path: &str,
        key_span: Option<std::ops::Range<usize>>,
    ) {
        match item {
            Item::Table(t) => match expected {
                Value::Table(schema) => self.table(t, schema, path),
                other => self.push(
                    key_span,
                    path,
                    format!("expected {}, found a table", type_name(other)),
                ),
            },
            Item::Value(v) => self.value(v, expected, path),
            Item::ArrayOfTables(arr) => match expected {
                Value::Array(items) => match items.first() {
                    Some(Value::Table(schema)) => {
                        for (i, t) in arr.iter().enumerate() {
                            let p = format!("{path}[{i}]");
                            self.table(t, schema, &p);
                            self.required(t, path, &p, t.span());
                        }
                    }
                    _ => self.push(
                        key_span,
                        path,
                        "expected an array of values, found an array of tables".into(),
                    ),
                },
                other => self.push(
                    key_span,
                    path,
                    format!("expected {}, found an array of tables", type_name(other)),
                ),
            },
            Item::None => {}
        }
    }

    /// Check value `v` at `path` against the schema's `expected` value.
    fn value(&mut self, v: &toml_edit::Value, expected: &Value, path: &str) {
        let span = v.span();
        match (expected, v) {
            (Value::Float(_), toml_edit::Value::Float(f)) => {
                if !f.value().is_finite() {
                    self.push(span, path, format!("{} is not a finite number", f.value()));
                }
            }
            (Value::Float(_), toml_edit::Value::Integer(_)) => {}
            (Value::Integer(_), toml_edit::Value::Integer(i)) => {
                self.whole_number(*i.value(), span, path)
            }
            (Value::Integer(_), toml_edit::Value::Float(f)) => {
                self.push(
                    span,
                    path,
                    format!("expected a whole number, found {}", f.value()),
                );
            }
            (Value::Boolean(_), toml_edit::Value::Boolean(_)) => {}
            (Value::String(example), toml_edit::Value::String(s)) => {
                self.string(s.value(), example, span, path)
            }
            (Value::Array(items), toml_edit::Value::Array(arr)) => self.array(arr, items, path),
            (Value::Table(schema), toml_edit::Value::InlineTable(t)) => self.table(t, schema, path),
            _ => self.mismatch(v, expected, path),
        }
    }

    /// A value of the wrong type; a number in quotes, the commonest
    /// mismatch, says so.
    fn mismatch(&mut self, v: &toml_edit::Value, expected: &Value, path: &str) {
        let hint = match (expected, v) {
            (Value::Float(_) | Value::Integer(_), toml_edit::Value::String(s))
                if s.value().trim().parse::<f64>().is_ok() =>
            {
                format!(
                    ": remove the quotes (write {} not \"{}\")",
                    s.value().trim(),
                    s.value()
                )
            }
            _ => String::new(),
        };
        self.push(
            v.span(),
            path,
            format!(
                "expected {}, found {}{hint}",
                type_name(expected),
                edit_type_name(v)
            ),
        );
    }

    /// A whole number must fit an `i32` and not be negative.
    fn whole_number(&mut self, i: i64, span: Option<std::ops::Range<usize>>, path: &str) {
        if i > i64::from(i32::MAX) {
            self.push(
                span,
                path,
                format!(
                    "{} is far too large; give a whole number of at most {}",
                    i,
                    i32::MAX
                ),
            );
        } else if i < 0 {
            self.push(
                span,
                path,
                format!("{} is negative; give a whole number of zero or more", i),
            );
        }
    }

    /// A string must be one of an enumerated field's values, or a fiscal
    /// year where the schema's example is one.
    fn string(&mut self, s: &str, example: &str, span: Option<std::ops::Range<usize>>, path: &str) {
        let plain = strip_indices(path);
        if let Some((_, allowed)) = ENUM_FIELDS
            .iter()
            .find(|(p, _)| *p == plain)
            .or_else(|| pattern_enum(&plain))
        {
            if !allowed.contains(&s) {
                let hint = suggest(s, allowed.iter().copied())
                    .map(|x| format!(" (did you mean `{x}`?)"))
                    .unwrap_or_default();
                self.push(
                    span,
                    path,
                    format!("`{s}` is not one of {}{hint}", allowed.join(", ")),
                );
            }
        } else if example.parse::<FiscalYear>().is_ok() {
            if let Err(e) = s.parse::<FiscalYear>() {
                self.push(span, path, e.to_string());
            }
        }
    }

    /// Each element of an array against the schema's first element.
    fn array(&mut self, arr: &toml_edit::Array, items: &[Value], path: &str) {
        let Some(first) = items.first() else {
            return;
        };
        for (i, el) in arr.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match (first, el) {
                (Value::Table(schema), toml_edit::Value::InlineTable(t)) => {
                    self.table(t, schema, &p);
                    self.required(t, path, &p, el.span());
                }
                _ => self.value(el, first, &p),
            }
        }
    }
}

/// Remove the field at dotted `path` (`a.b`, `a.b[2].c`) from `table`. A
/// path ending in an array element removes the whole array, so that later
/// elements keep their indices in messages. A path that is not there is
/// ignored.
pub fn remove_path(table: &mut toml::Table, path: &str) {
    let (head, rest) = match path.find(['.', '[']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    if rest.is_empty() {
        table.remove(head);
        return;
    }
    if let Some(after) = rest.strip_prefix('.') {
        if let Some(Value::Table(t)) = table.get_mut(head) {
            remove_path(t, after);
        }
        return;
    }
    // `head[i]...`
    let close = rest.find(']').unwrap_or(rest.len());
    let index: Option<usize> = rest.get(1..close).and_then(|i| i.parse().ok());
    let after = rest.get(close + 1..).unwrap_or("");
    let Some(after) = after.strip_prefix('.') else {
        table.remove(head);
        return;
    };
    let element = match (table.get_mut(head), index) {
        (Some(Value::Array(items)), Some(i)) => items.get_mut(i),
        _ => None,
    };
    match element {
        Some(Value::Table(t)) => remove_path(t, after),
        _ => {
            table.remove(head);
        }
    }
}

/// `intervention[2].adoption` -> `intervention.adoption`.
fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Deep-merge `over` into `base`: tables merge key by key, everything else
/// (arrays included) is replaced. Integers where the schema has a float are
/// converted so that `2` and `2.0` mean the same.
pub fn merge(base: &mut toml::Table, over: &toml::Table, schema: &toml::Table) {
    for (k, v) in over {
        let sch = schema.get(k);
        match (base.get_mut(k), v, sch) {
            (Some(Value::Table(b)), Value::Table(o), s) => {
                let empty = toml::Table::new();
                merge(b, o, s.and_then(Value::as_table).unwrap_or(&empty));
            }
            _ => {
                let mut v = v.clone();
                coerce(&mut v, sch);
                base.insert(k.clone(), v);
            }
        }
    }
}

fn coerce(v: &mut Value, schema: Option<&Value>) {
    match (v, schema) {
        (v @ Value::Integer(_), Some(Value::Float(_))) => {
            if let Value::Integer(i) = *v {
                *v = Value::Float(i as f64);
            }
        }
        (Value::Table(t), Some(Value::Table(s))) => {
            for (k, x) in t.iter_mut() {
                coerce(x, s.get(k));
            }
        }
        (Value::Array(a), Some(Value::Array(s))) => {
            if let Some(first) = s.first() {
                for x in a.iter_mut() {
                    coerce(x, Some(first));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    //! The hand-kept schema (the default scenario plus [`SCHEMA_EXTRAS`]) and
    //! the serde types the scenario is read into must list the same fields:
    //! a field added to `Assumptions` but not to the schema would be refused
    //! as an unknown key, one in the schema but not in the types would pass
    //! the schema and then fail to load.

    use std::collections::BTreeSet;

    use toml::{Table, Value};

    use crate::model::Assumptions;

    /// The table at the dotted `path` in `root` (the first element of an
    /// array of tables).
    fn table_at<'a>(root: &'a mut Table, path: &[String]) -> Option<&'a mut Table> {
        let mut t = root;
        for k in path {
            t = match t.get_mut(k)? {
                Value::Table(next) => next,
                Value::Array(a) => match a.first_mut()? {
                    Value::Table(next) => next,
                    _ => return None,
                },
                _ => return None,
            };
        }
        Some(t)
    }

    /// The fields serde expects in the table at `path`, from the error it
    /// gives for an unknown key there; `None` when the table is a map.
    fn serde_fields(root: &Table, path: &[String]) -> Option<BTreeSet<String>> {
        let mut probe = root.clone();
        table_at(&mut probe, path)?.insert("__probe__".into(), Value::Table(Table::new()));
        let err = match Value::Table(probe).try_into::<Assumptions>() {
            Ok(_) => return None,
            Err(e) => e.message().to_string(),
        };
        let listed = err.split_once("unknown field `__probe__`, expected ")?.1;
        Some(
            listed
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect(),
        )
    }

    /// Compare every table of the schema under `path` with its serde type.
    fn walk(root: &Table, path: &mut Vec<String>, problems: &mut Vec<String>) {
        let mut copy = root.clone();
        let Some(table) = table_at(&mut copy, path).cloned() else {
            return;
        };
        let at = path.join(".");
        if let Some(fields) = serde_fields(root, path) {
            let keys: BTreeSet<String> = table.keys().cloned().collect();
            for f in fields.difference(&keys) {
                problems.push(format!(
                    "`{at}.{f}`: a field of the serde types missing from the schema (add it to SCHEMA_EXTRAS)"
                ));
            }
            for k in keys.difference(&fields) {
                problems.push(format!(
                    "`{at}.{k}`: in the schema but not a field of the serde types"
                ));
            }
        }
        for (k, v) in &table {
            let nested = match v {
                Value::Table(_) => true,
                Value::Array(a) => matches!(a.first(), Some(Value::Table(_))),
                _ => false,
            };
            if nested {
                path.push(k.clone());
                walk(root, path, problems);
                path.pop();
            }
        }
    }

    /// The schema as `Assumptions` reads it (`extends` and `[data]` are the
    /// loader's own).
    fn assumptions_schema() -> Table {
        let mut schema = super::super::schema();
        schema.remove("extends");
        schema.remove("data");
        schema
    }

    #[test]
    fn the_schema_lists_exactly_the_fields_of_the_serde_types() {
        let schema = assumptions_schema();
        let loaded: Result<Assumptions, _> = Value::Table(schema.clone()).try_into();
        assert!(loaded.is_ok(), "the schema does not load: {loaded:?}");
        let mut problems = Vec::new();
        walk(&schema, &mut Vec::new(), &mut problems);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn an_optional_field_left_out_of_the_schema_is_found() {
        // A required field left out, or a key the types lack, fails the load
        // above; an optional field left out loads, and the walk finds it.
        let mut schema = assumptions_schema();
        if let Some(Value::Table(d)) = schema.get_mut("debt") {
            d.remove("other_stock_flow_pct_gdp");
        }
        let mut problems = Vec::new();
        walk(&schema, &mut Vec::new(), &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("`debt.other_stock_flow_pct_gdp`"),
            "{problems:?}"
        );
    }
}
