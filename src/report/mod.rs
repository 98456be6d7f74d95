//! Reports bundling a run for readers: one self-contained HTML file (inline
//! SVG and CSS, no scripts, nothing fetched) and an XLSX workbook for
//! analysts with the projection, the assumptions and every chart's data.

pub(crate) mod briefing;
pub(crate) mod fan;
pub(crate) mod html;
pub(crate) mod indicators;
pub(crate) mod labels;
pub(crate) mod summary;
pub(crate) mod xlsx;

pub use xlsx::Meta as XlsxMeta;

use crate::chart::{self, Chart, ChartKind, Input, Options};
use crate::data::Dataset;
use crate::model::indicators::Sustainability;
use crate::model::interventions::InterventionResults;
use crate::model::Projection;
use crate::run::Run;
use crate::scenario::Scenario;
use crate::Error;

/// One self-contained HTML page reporting `runs` (inline SVG and CSS, no
/// scripts, nothing fetched).
pub fn html(runs: &[Run]) -> Result<String, Error> {
    let entries = entries(runs);
    let charts = charts(&entries)?;
    html::render(&entries, &charts).map_err(report_error)
}

/// An A4 briefing of `runs` as PDF: page one the headline table, the
/// difference chart (the debt chart for one scenario) and what carries the
/// result; then the charts, two to a page, and the assumptions each
/// scenario changes from the baseline. The house font is embedded; the
/// same inputs give the same bytes.
pub fn briefing_pdf(runs: &[Run]) -> Result<Vec<u8>, Error> {
    let entries = entries(runs);
    // The population pyramids stay in the HTML report and the workbook: a
    // briefing is about the public finances.
    let mut charts: Vec<Chart> = charts(&entries)?
        .into_iter()
        .filter(|c| c.kind != ChartKind::Pyramid)
        .collect();
    if entries.len() > 1 {
        let inputs: Vec<Input<'_>> = entries.iter().map(Entry::input).collect();
        charts.insert(
            1,
            chart::build(ChartKind::Difference, &inputs, &Options::default())?,
        );
    }
    briefing::render(&entries, &charts).map_err(report_error)
}

/// An XLSX workbook reporting `runs` for analysts: the projection, the
/// assumptions and every chart's data; `meta` says what run time to record
/// (none by default, so the same inputs give the same bytes).
pub fn xlsx(runs: &[Run], meta: &XlsxMeta) -> Result<Vec<u8>, Error> {
    let entries = entries(runs);
    let charts = charts(&entries)?;
    xlsx::render_with(&entries, &charts, meta).map_err(report_error)
}

/// Each run as a report entry, its indicators as `fiscal run` reports them
/// (with the interventions in force).
fn entries(runs: &[Run]) -> Vec<Entry<'_>> {
    runs.iter()
        .map(|r| Entry {
            scenario: &r.scenario,
            data: &r.data,
            projection: &r.projection,
            interventions: r.interventions.as_ref(),
            sustainability: Some(r.indicators()),
        })
        .collect()
}

/// A chart's own error keeps its kind; anything else the report met is a
/// failure of the report.
fn report_error(e: ReportError) -> Error {
    match e {
        ReportError::Chart(c) => c,
        other => other.into(),
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReportError {
    /// A chart failed.
    #[error(transparent)]
    Chart(#[from] crate::Error),
    /// The workbook could not be assembled.
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
}

/// One scenario's run, as a report needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
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
pub(crate) fn charts(entries: &[Entry<'_>]) -> Result<Vec<Chart>, crate::Error> {
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
pub(crate) fn flatten(value: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
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
pub(crate) fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A scenario's assumptions, flattened.
pub(crate) fn assumptions(s: &Scenario) -> Vec<(String, serde_json::Value)> {
    serde_json::to_value(&s.assumptions)
        .map(|v| flatten(&v))
        .unwrap_or_default()
}
