//! The XLSX workbook: a sheet for the projection (every scenario, every
//! year), one for the assumptions, and one per chart with its data.
//!
//! Text cells are written as strings and neutralised with
//! [`safe_text`], so a scenario named `=HYPERLINK(...)` stays text even if
//! the sheet is later saved as CSV.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{summary, value_text, Entry, ReportError};
use crate::chart::Chart;
use crate::output::csv::{projection_csv, safe_text};
use crate::output::json::OGL_ATTRIBUTION;

fn xe(e: XlsxError) -> ReportError {
    ReportError::Xlsx(e.to_string())
}

/// CSV columns that hold text even when they look like numbers.
const TEXT_COLUMNS: &[&str] = &[
    "scenario", "year", "phase", "category", "period", "sex", "series",
];

/// Write CSV text into `ws` from row `start`: a bold header, numbers as
/// numbers, text as neutralised strings.
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
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| ReportError::Xlsx(e.to_string()))?;
        if i == 0 {
            text_cols = rec.iter().map(|h| TEXT_COLUMNS.contains(&h)).collect();
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
                Ok(v) if !text && v.is_finite() => {
                    ws.write_number(row, c as u16, v).map_err(xe)?;
                }
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

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(base: &str, taken: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean: String = clean.chars().take(28).collect();
    let mut name = clean.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {k}");
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// The workbook as XLSX bytes.
pub fn render(entries: &[Entry<'_>], charts: &[Chart]) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let mut taken = Vec::new();

    // Summary first: what most readers open the workbook for.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Summary", &mut taken)).map_err(xe)?;
        let mut row = 0u32;
        for e in entries {
            ws.write_string_with_format(row, 0, safe_text(&e.scenario.assumptions.name), &bold)
                .map_err(xe)?;
            row += 1;
            let cols = summary::columns(e.projection);
            ws.write_string_with_format(row, 0, "% of GDP unless stated", &bold)
                .map_err(xe)?;
            for (j, c) in cols.iter().enumerate() {
                ws.write_string_with_format(row, j as u16 + 1, c.year.to_string(), &bold)
                    .map_err(xe)?;
            }
            row += 1;
            for (label, sub, f) in summary::rows() {
                let label = if sub { format!("  {label}") } else { label };
                ws.write_string(row, 0, label).map_err(xe)?;
                for (j, c) in cols.iter().enumerate() {
                    ws.write_number(row, j as u16 + 1, f(c)).map_err(xe)?;
                }
                row += 1;
            }
            row += 1;
        }
        ws.write_string(row, 0, OGL_ATTRIBUTION).map_err(xe)?;
        ws.set_column_width(0, 34).map_err(xe)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Projection", &mut taken))
            .map_err(xe)?;
        let mut row = 0;
        for e in entries {
            row = write_csv(ws, row, &projection_csv(e.projection), &bold)?;
        }
        ws.set_freeze_panes(1, 3).map_err(xe)?;
        ws.set_column_width(0, 24).map_err(xe)?;
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Assumptions", &mut taken))
            .map_err(xe)?;
        for (c, h) in ["scenario", "field", "value"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)
                .map_err(xe)?;
        }
        let mut row = 1;
        for e in entries {
            let name = safe_text(&e.scenario.assumptions.name);
            let mut put =
                |row: u32, field: &str, v: &serde_json::Value| -> Result<(), ReportError> {
                    ws.write_string(row, 0, &name).map_err(xe)?;
                    ws.write_string(row, 1, safe_text(field)).map_err(xe)?;
                    match v.as_f64() {
                        Some(x) if v.is_number() => ws.write_number(row, 2, x).map_err(xe)?,
                        _ => ws
                            .write_string(row, 2, safe_text(&value_text(v)))
                            .map_err(xe)?,
                    };
                    Ok(())
                };
            put(
                row,
                "description",
                &serde_json::Value::String(e.scenario.assumptions.description.clone()),
            )?;
            row += 1;
            for (k, v) in super::assumptions(e.scenario) {
                put(row, &k, &v)?;
                row += 1;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xe)?;
        ws.set_column_width(0, 24).map_err(xe)?;
        ws.set_column_width(1, 48).map_err(xe)?;
        ws.set_column_width(2, 40).map_err(xe)?;
    }

    for c in charts {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&format!("Chart {}", c.kind.key()), &mut taken))
            .map_err(xe)?;
        ws.write_string_with_format(0, 0, safe_text(&c.frame.title), &bold)
            .map_err(xe)?;
        ws.write_string(1, 0, safe_text(&c.frame.scenario))
            .map_err(xe)?;
        write_csv(ws, 3, &c.csv(), &bold)?;
        ws.set_freeze_panes(4, 0).map_err(xe)?;
        ws.set_column_width(0, 24).map_err(xe)?;
    }

    wb.save_to_buffer().map_err(xe)
}
