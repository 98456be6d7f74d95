//! The XLSX workbook for analysts: a summary, the projection (every
//! scenario, every year), the sustainability indicators, the interventions
//! (summary and paths, when a scenario has any), the assumptions each
//! scenario changes from the baseline (plain-English labels and units), one
//! sheet per chart named by chart and scenario with its data and a native
//! Excel chart beside it, a metadata sheet (tool version, scenario files and
//! hashes, data vintages, run time) and, as an appendix, every assumption.
//! Numbers carry formats by unit ([`crate::output::units`]: one decimal for
//! % of GDP and £bn, people as whole numbers); tables have autofilters.
//!
//! With two or more scenarios a Differences sheet gives each scenario's
//! projection beside the first's, with the difference. Every sheet prints
//! landscape on A4, one page wide, its header row repeated on each page.
//!
//! Deterministic: the creation time is `SOURCE_DATE_EPOCH` when it is set
//! ([`Meta`]) and otherwise a fixed date ([`CREATED`]), never the clock, so
//! the same input gives a byte-identical workbook: a changed file always
//! means changed numbers.
//!
//! Text cells are written as strings and neutralised with
//! [`safe_text`], so a scenario named `=HYPERLINK(...)` stays text even if
//! the sheet is later saved as CSV.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::indicators::{self, INDICATORS};
use super::{Entry, ReportError};
use crate::chart::Chart;
use crate::output::csv::{projection_csv, safe_text};
use crate::output::units::Unit;

mod native;
mod sheets;

/// What the workbook records about the run beyond its inputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meta {
    /// Seconds since the Unix epoch to record as the run time (and creation
    /// time), e.g. from `SOURCE_DATE_EPOCH`; `None` records none, so the
    /// workbook depends on its inputs only.
    pub run_time_epoch_s: Option<i64>,
}

fn xe(e: XlsxError) -> ReportError {
    ReportError::Xlsx(e.to_string())
}

/// CSV columns that hold text even when they look like numbers.
const TEXT_COLUMNS: &[&str] = &[
    "scenario",
    "year",
    "phase",
    "category",
    "period",
    "sex",
    "series",
    "intervention",
];

/// The creation time stamped on every workbook (midnight UTC, 1 January
/// 2025): a fixed date rather than the clock, for byte-identical output.
pub const CREATED: (u16, u8, u8) = (2025, 1, 1);

fn properties(meta: &Meta) -> Result<DocProperties, ReportError> {
    let created = match meta.run_time_epoch_s {
        Some(t) => ExcelDateTime::from_timestamp(t).map_err(xe)?,
        None => {
            let (y, m, d) = CREATED;
            ExcelDateTime::from_ymd(y, m, d).map_err(xe)?
        }
    };
    Ok(DocProperties::new()
        .set_title("UK public finances: long-term projection")
        .set_creation_datetime(&created))
}

/// Write `row`'s optional numbers from column `col`, leaving a blank cell
/// for a missing one.
fn write_opt(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>) -> Result<(), ReportError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number(row, col, v).map_err(xe)?;
    }
    Ok(())
}

/// The Indicators sheet: one row per scenario.
fn indicators_sheet(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let with: Vec<_> = entries
        .iter()
        .filter_map(|e| e.sustainability.map(|s| (e, s)))
        .collect();
    let Some((_, first)) = with.first() else {
        return Ok(());
    };
    let ws = new_sheet(wb, "Indicators", taken)?;
    let mut cols = vec!["scenario"];
    cols.extend(INDICATORS.iter().map(|i| i.key));
    cols.extend([
        "fiscal_gap_without_interventions_pct_gdp",
        "start_year",
        "target_year",
        "target_pct_gdp",
        "notes",
    ]);
    header(ws, 0, &cols, bold)?;
    let mut row = 1;
    for (e, s) in &with {
        let h = &s.headline;
        ws.write_string(row, 0, safe_text(&e.projection.name))
            .map_err(xe)?;
        let mut col = 1u16;
        for i in &INDICATORS {
            write_opt(ws, row, col, (i.value)(s))?;
            col += 1;
        }
        write_opt(
            ws,
            row,
            col,
            s.without_interventions
                .as_ref()
                .and_then(|w| w.fiscal_gap_pct_gdp),
        )?;
        ws.write_string(row, col + 1, h.start_year.to_string())
            .map_err(xe)?;
        ws.write_string(row, col + 2, h.target_year.to_string())
            .map_err(xe)?;
        ws.write_number(row, col + 3, h.target_pct_gdp)
            .map_err(xe)?;
        ws.write_string(row, col + 4, safe_text(&h.notes.join("; ")))
            .map_err(xe)?;
        row += 1;
    }
    ws.write_string(row + 1, 0, safe_text(&indicators::explanation(first)))
        .map_err(xe)?;
    ws.set_freeze_panes(1, 1).map_err(xe)?;
    ws.set_column_width(0, 32).map_err(xe)?;
    Ok(())
}

/// The intervention sheets: a summary (one row per intervention and the
/// package) and every path, year by year.
fn interventions_sheets(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let with: Vec<_> = entries
        .iter()
        .filter_map(|e| e.interventions.map(|r| (e, r)))
        .collect();
    if with.is_empty() {
        return Ok(());
    }
    {
        let ws = new_sheet(wb, "Intervention summary", taken)?;
        let cols = [
            "scenario",
            "intervention",
            "exchequer_npv_gbp_bn",
            "social_npv_gbp_bn",
            "breakeven_year",
            "final_psnd_change_pp_gdp",
            "interest_saved_pv_gbp_bn",
        ];
        header(ws, 0, &cols, bold)?;
        let mut row = 1;
        for (e, r) in &with {
            for x in indicators::effects(r) {
                ws.write_string(row, 0, safe_text(&e.projection.name))
                    .map_err(xe)?;
                ws.write_string(row, 1, safe_text(&x.name)).map_err(xe)?;
                ws.write_number(row, 2, x.exchequer_npv_gbp_bn)
                    .map_err(xe)?;
                ws.write_number(row, 3, x.social_npv_gbp_bn).map_err(xe)?;
                ws.write_string(row, 4, indicators::breakeven(x))
                    .map_err(xe)?;
                ws.write_number(row, 5, x.final_psnd_change_pp_gdp)
                    .map_err(xe)?;
                ws.write_number(row, 6, x.interest_saved_pv_gbp_bn)
                    .map_err(xe)?;
                row += 1;
            }
        }
        ws.write_string(row + 1, 0, "Expected values (p × success path + (1 − p) × failure path) against the same scenario without interventions. Exchequer NPV (cashable savings) and social NPV (every benefit) at Green Book discount rates (3.5% for 30 years, then 3.0%), base-year prices; interest saved as a present value discounted at the effective interest rate.")
            .map_err(xe)?;
        ws.set_freeze_panes(1, 2).map_err(xe)?;
        ws.set_column_width(0, 32).map_err(xe)?;
        ws.set_column_width(1, 48).map_err(xe)?;
    }
    let ws = new_sheet(wb, "Intervention paths", taken)?;
    let mut row = 0;
    for (e, r) in &with {
        row = write_csv(
            ws,
            row,
            &with_scenario(&e.projection.name, &crate::output::interventions::csv(r))?,
            bold,
        )?;
    }
    ws.set_freeze_panes(1, 3).map_err(xe)?;
    ws.set_column_width(0, 32).map_err(xe)?;
    ws.set_column_width(1, 48).map_err(xe)?;
    Ok(())
}

/// `csv_text` with a first `scenario` column holding `name`, so that paths
/// of several scenarios stay apart on one sheet.
fn with_scenario(name: &str, csv_text: &str) -> Result<String, ReportError> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| ReportError::Xlsx(e.to_string()))?;
        let first = if i == 0 {
            "scenario".to_string()
        } else {
            safe_text(name)
        };
        rows.push(
            std::iter::once(first)
                .chain(rec.iter().map(str::to_string))
                .collect::<Vec<_>>(),
        );
    }
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok(crate::chart::csv_table(&header, rows))
}

/// The number format for a column, by the unit its name carries.
pub(crate) fn unit_format(column: &str) -> Format {
    Format::new().set_num_format(Unit::of(column).excel_format())
}

/// Write CSV text into `ws` from row `start`: a bold header, numbers as
/// numbers in the format of their unit, text as neutralised strings.
/// Returns the next free row.
fn write_csv(
    ws: &mut Worksheet,
    start: u32,
    csv_text: &str,
    bold: &Format,
) -> Result<u32, ReportError> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut row = start;
    let mut text_cols: Vec<bool> = Vec::new();
    let mut formats: Vec<Format> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| ReportError::Xlsx(e.to_string()))?;
        if i == 0 {
            text_cols = rec.iter().map(|h| TEXT_COLUMNS.contains(&h)).collect();
            formats = rec.iter().map(unit_format).collect();
            if row == start {
                for (c, h) in rec.iter().enumerate() {
                    ws.write_string_with_format(row, c as u16, safe_text(h), bold)
                        .map_err(xe)?;
                }
                row += 1;
            }
            continue;
        }
        for (c, cell) in rec.iter().enumerate() {
            let text = text_cols.get(c).copied().unwrap_or(true);
            match cell.parse::<f64>() {
                Ok(v) if !text && v.is_finite() => match formats.get(c) {
                    Some(f) => {
                        ws.write_number_with_format(row, c as u16, v, f)
                            .map_err(xe)?;
                    }
                    None => {
                        ws.write_number(row, c as u16, v).map_err(xe)?;
                    }
                },
                // Already neutralised by the CSV writers; neutralise again
                // in case a future writer forgets (idempotent).
                _ => {
                    ws.write_string(row, c as u16, safe_text(cell))
                        .map_err(xe)?;
                }
            }
        }
        row += 1;
    }
    Ok(row)
}

/// A new worksheet named `base` (made unique among `taken`).
fn new_sheet<'w>(
    wb: &'w mut Workbook,
    base: &str,
    taken: &mut Vec<String>,
) -> Result<&'w mut Worksheet, ReportError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(base, taken)).map_err(xe)?;
    Ok(ws)
}

/// Write `cells` in bold across `row`.
fn header(ws: &mut Worksheet, row: u32, cells: &[&str], bold: &Format) -> Result<(), ReportError> {
    for (c, h) in cells.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, bold)
            .map_err(xe)?;
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`
/// or `'`.
fn sheet_name(base: &str, taken: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().to_string();
    let mut name: String = clean.chars().take(31).collect();
    // Room for " 2", " 3", ... when the name is taken.
    let stem: String = clean.chars().take(28).collect();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{} {k}", stem.trim_end());
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// A scenario's name and a short name for sheet names: its file's stem
/// (`smarter_state_central`; `baseline` for the embedded default).
fn short_name(e: &Entry<'_>) -> (String, String) {
    let name = e.scenario.assumptions.name.clone();
    let stem = e
        .scenario
        .files
        .last()
        .and_then(|f| {
            std::path::Path::new(&f.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .map(|s| s.strip_prefix("embedded:").unwrap_or(&s).to_string())
        .map(|s| {
            if s == crate::scenario::DEFAULT_NAME {
                "baseline".into()
            } else {
                s
            }
        })
        .unwrap_or_else(|| name.clone());
    (name, stem)
}

/// The workbook as XLSX bytes.
pub(crate) fn render_with(
    entries: &[Entry<'_>],
    charts: &[Chart],
    meta: &Meta,
) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(meta)?);
    let bold = Format::new().set_bold();
    let mut taken = Vec::new();
    // Summary first: what most readers open the workbook for.
    sheets::summary(&mut wb, entries, &mut taken, &bold)?;
    {
        let ws = new_sheet(&mut wb, "Projection", &mut taken)?;
        let mut row = 0;
        let mut cols = 0u16;
        for e in entries {
            let csv_text = projection_csv(e.projection);
            cols = csv_text.lines().next().map_or(0, |h| h.split(',').count()) as u16;
            row = write_csv(ws, row, &csv_text, &bold)?;
        }
        if row > 1 && cols > 0 {
            ws.autofilter(0, 0, row - 1, cols - 1).map_err(xe)?;
        }
        ws.set_freeze_panes(1, 3).map_err(xe)?;
        if let Some(e) = entries.first() {
            fit_columns(ws, &projection_csv(e.projection))?;
        }
        ws.set_column_width(0, 24).map_err(xe)?;
    }
    differences_sheet(&mut wb, entries, &mut taken, &bold)?;
    indicators_sheet(&mut wb, entries, &mut taken, &bold)?;
    interventions_sheets(&mut wb, entries, &mut taken, &bold)?;
    sheets::changes(&mut wb, entries, &mut taken, &bold)?;
    let short: Vec<(String, String)> = entries.iter().map(short_name).collect();
    for c in charts {
        native::chart_sheet(&mut wb, c, &short, &mut taken, &bold)?;
    }
    sheets::metadata(&mut wb, entries, meta, &mut taken, &bold)?;
    sheets::appendix(&mut wb, entries, &mut taken, &bold)?;
    print_setup(&mut wb)?;
    wb.save_to_buffer().map_err(xe)
}

/// The sheets whose first row is a header (repeated on every printed page).
const HEADED: &[&str] = &[
    "Projection",
    "Differences",
    "Indicators",
    "Intervention summary",
    "Intervention paths",
    "Changes from baseline",
    "Appendix assumptions",
];

/// Print set-up of every sheet: A4 landscape, one page wide (as many tall
/// as it takes), the header row repeated; chart sheets one page each.
fn print_setup(wb: &mut Workbook) -> Result<(), ReportError> {
    for ws in wb.worksheets_mut() {
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        if HEADED.contains(&ws.name().as_str()) {
            ws.set_repeat_rows(0, 0).map_err(xe)?;
        }
    }
    Ok(())
}

/// Each scenario's projection beside the first's, with the difference
/// (`fiscal compare`'s CSV), when there are two or more.
fn differences_sheet(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    if entries.len() < 2 {
        return Ok(());
    }
    let projections: Vec<&crate::model::Projection> =
        entries.iter().map(|e| e.projection).collect();
    let csv_text = crate::output::compare::csv(&projections);
    let ws = new_sheet(wb, "Differences", taken)?;
    let cols = csv_text.lines().next().map_or(0, |h| h.split(',').count()) as u16;
    let rows = write_csv(ws, 0, &csv_text, bold)?;
    if rows > 1 && cols > 0 {
        ws.autofilter(0, 0, rows - 1, cols - 1).map_err(xe)?;
    }
    ws.set_freeze_panes(1, 2).map_err(xe)?;
    fit_columns(ws, &csv_text)?;
    Ok(())
}

/// Columns wide enough for their header (between 10 and 40 characters), so
/// that no header is cut off.
fn fit_columns(ws: &mut Worksheet, csv_text: &str) -> Result<(), ReportError> {
    let Some(head) = csv_text.lines().next() else {
        return Ok(());
    };
    for (c, h) in head.split(',').enumerate() {
        let w = (h.chars().count() as f64 + 2.0).clamp(10.0, 40.0);
        ws.set_column_width(c as u16, w).map_err(xe)?;
    }
    Ok(())
}
