//! Reports bundling a run for readers: one self-contained HTML file (inline
//! SVG and CSS, no scripts, nothing fetched) and an XLSX workbook for
//! analysts with the projection, the assumptions and every chart's data.

pub mod fan;
pub mod html;
pub mod indicators;
pub mod labels;
pub mod summary;
pub mod xlsx;

use crate::chart::{self, Chart, ChartError, ChartKind, Input, Options};
use crate::data::Dataset;
use crate::model::indicators::Sustainability;
use crate::model::interventions::InterventionResults;
use crate::model::Projection;
use crate::scenario::Scenario;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A chart failed.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// The workbook could not be assembled.
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
}

/// One scenario's run, as a report needs it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The scenario (name, description, assumptions, files).
    pub scenario: &'a Scenario,
    /// The data it ran on.
    pub data: &'a Dataset,
    /// Its projection (with its interventions in force, if any).
    pub projection: &'a Projection,
    /// Its interventions against the same scenario without them.
    pub interventions: Option<&'a InterventionResults>,
    /// Its headline sustainability indicators.
    pub sustainability: Option<&'a Sustainability>,
}

impl<'a> Entry<'a> {
    fn input(&self) -> Input<'a> {
        Input {
            projection: self.projection,
            population: &self.data.population,
            interventions: self.interventions,
        }
    }
}

/// The report's charts: the debt path and dependency ratio compare all
/// scenarios; the other charts come once per scenario (the interventions
/// chart for each scenario that has interventions).
pub fn charts(entries: &[Entry<'_>]) -> Result<Vec<Chart>, ChartError> {
    let inputs: Vec<Input<'_>> = entries.iter().map(Entry::input).collect();
    let opts = Options::default();
    let mut out = Vec::new();
    for kind in ChartKind::ALL {
        if kind.compares_scenarios() {
            out.push(chart::build(kind, &inputs, &opts)?);
        } else {
            for i in inputs.iter().filter(|i| kind.applies_to(i)) {
                out.push(chart::build(kind, std::slice::from_ref(i), &opts)?);
            }
        }
    }
    Ok(out)
}

/// Flatten serialisable assumptions into `(dotted.path, value)` pairs,
/// sorted by path, so every field appears without a hand-kept list.
pub fn flatten(value: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    fn walk(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&p, v, out);
                }
            }
            serde_json::Value::Array(a) if a.iter().any(|x| x.is_object() || x.is_array()) => {
                for (i, v) in a.iter().enumerate() {
                    walk(&format!("{prefix}[{i}]"), v, out);
                }
            }
            other => out.push((prefix.to_string(), other.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

/// A flattened value as display text.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A scenario's assumptions, flattened.
pub fn assumptions(s: &Scenario) -> Vec<(String, serde_json::Value)> {
    serde_json::to_value(&s.assumptions)
        .map(|v| flatten(&v))
        .unwrap_or_default()
}
