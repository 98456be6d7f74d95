//! `gap.csv`, `gap.json` and the terminal table of `fiscal gap`: each
//! indicator as % of GDP and £bn at base-year GDP, with how well the re-run
//! met its target. An indicator that has no answer (e.g. S2 when r ≤ g) is
//! kept as a row with the reason instead of a number.

use std::fmt::Write;

use serde::Serialize;

use super::csv::{num, safe_text};
use super::json::OGL_ATTRIBUTION;
pub use crate::model::indicators::{IndicatorRow, PathRow};
use crate::scenario::SourceFile;
use crate::years::FiscalYear;

/// Everything `fiscal gap` reports.
#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    /// Scenario name.
    pub scenario: String,
    /// Scenario files and hashes.
    pub files: Vec<SourceFile>,
    /// Base year.
    pub base_year: FiscalYear,
    /// Base-year GDP, £bn: the £bn figures are `% × this / 100`.
    pub base_year_gdp_gbp_bn: f64,
    /// PSND target, % of GDP.
    pub target_pct_gdp: f64,
    /// Target year.
    pub target_year: FiscalYear,
    /// First year of the adjustment.
    pub start_year: FiscalYear,
    /// Years between steps of the staged gap.
    pub staged_every_years: u32,
    /// The indicators.
    pub indicators: Vec<IndicatorRow>,
    /// Year-by-year paths (JSON only).
    pub paths: Vec<PathRow>,
}

/// The terminal table.
pub fn gap_table(r: &GapReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: fiscal gaps (change in the primary balance; £bn at {} GDP of £{:.0}bn)",
        r.scenario, r.base_year, r.base_year_gdp_gbp_bn
    );
    let _ = writeln!(
        out,
        "{:<44}{:>9}{:>9}{:>10}{:>10}{:>16}",
        "", "from", "target", "% of GDP", "£bn", "PSND in target"
    );
    for i in &r.indicators {
        match (&i.result, &i.note) {
            (Some(g), _) => {
                let _ = writeln!(
                    out,
                    "{:<44}{:>9}{:>9}{:>10.2}{:>10.1}{:>16.1}",
                    i.label,
                    g.start_year.to_string(),
                    g.target_year.to_string(),
                    g.step_pct_gdp,
                    g.step_gbp_bn_base_year,
                    g.achieved_pct_gdp
                );
            }
            (None, note) => {
                let _ = writeln!(
                    out,
                    "{:<44}  n/a: {}",
                    i.label,
                    note.as_deref().unwrap_or("no result")
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "Positive values are a tightening (higher receipts or lower spending), permanent from the start year."
    );
    let _ = writeln!(
        out,
        "Intertemporal gap and S2: PSND in the final year equals the present value of later balances (held at final-year shares)."
    );
    out
}

/// The indicators as CSV text.
pub fn gap_csv(r: &GapReport) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record([
        "scenario",
        "indicator",
        "start_year",
        "target_year",
        "target_pct_gdp",
        "step_pct_gdp",
        "step_gbp_bn_base_year",
        "steps_by_target",
        "total_by_target_pct_gdp",
        "achieved_pct_gdp",
        "miss_pp",
        "method",
        "note",
    ]);
    for i in &r.indicators {
        let mut row = vec![safe_text(&r.scenario), i.key.to_string()];
        match &i.result {
            Some(g) => {
                row.extend([
                    g.start_year.to_string(),
                    g.target_year.to_string(),
                    num(g.target_pct_gdp),
                    num(g.step_pct_gdp),
                    num(g.step_gbp_bn_base_year),
                    g.steps_by_target.to_string(),
                    num(g.total_by_target_pct_gdp),
                    num(g.achieved_pct_gdp),
                    num(g.miss_pp),
                    match g.method {
                        crate::model::indicators::Method::Linear => "linear".into(),
                        crate::model::indicators::Method::Bracketed => "bracketed".into(),
                        crate::model::indicators::Method::Secant => "secant".into(),
                    },
                    String::new(),
                ]);
            }
            None => {
                row.extend(vec![String::new(); 10]);
                row.push(safe_text(i.note.as_deref().unwrap_or("")));
            }
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[derive(Serialize)]
struct GapResults<'a> {
    licence: &'static str,
    #[serde(flatten)]
    report: &'a GapReport,
}

/// The report as pretty JSON, in the common envelope.
pub fn gap_json(r: &GapReport, s: &crate::scenario::Scenario, d: &crate::data::Dataset) -> String {
    let results = GapResults {
        licence: OGL_ATTRIBUTION,
        report: r,
    };
    super::envelope::Envelope::new("gap", results)
        .scenarios([s])
        .data(d)
        .to_json()
}
