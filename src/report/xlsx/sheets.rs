//! The workbook's text-led sheets: the summary, the assumptions changed
//! from the baseline, the metadata and the appendix of every assumption.

use rust_xlsxwriter::{Format, Workbook};

use super::{header, new_sheet, xe, Meta};
use crate::output::csv::safe_text;
use crate::output::json::{vintages, OGL_ATTRIBUTION};
use crate::report::{assumptions, labels, summary as table, value_text, Entry, ReportError};

/// The Summary sheet: key years of each scenario, % of GDP to one decimal.
pub fn summary(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let ws = new_sheet(wb, "Summary", taken)?;
    let one_decimal = Format::new().set_num_format("0.0");
    let mut row = 0u32;
    for e in entries {
        ws.write_string_with_format(row, 0, safe_text(&e.scenario.assumptions.name), bold)
            .map_err(xe)?;
        row += 1;
        let cols = table::columns(e.projection);
        ws.write_string_with_format(row, 0, "% of GDP unless stated", bold)
            .map_err(xe)?;
        for (j, c) in cols.iter().enumerate() {
            ws.write_string_with_format(row, j as u16 + 1, c.year.to_string(), bold)
                .map_err(xe)?;
        }
        row += 1;
        for (label, sub, f) in table::rows() {
            let label = if sub { format!("  {label}") } else { label };
            ws.write_string(row, 0, label).map_err(xe)?;
            for (j, c) in cols.iter().enumerate() {
                ws.write_number_with_format(row, j as u16 + 1, f(c), &one_decimal)
                    .map_err(xe)?;
            }
            row += 1;
        }
        row += 1;
    }
    ws.write_string(row, 0, OGL_ATTRIBUTION).map_err(xe)?;
    ws.set_column_width(0, 34).map_err(xe)?;
    Ok(())
}

/// "Changes from baseline": for each scenario, every assumption it sets
/// differently from the embedded baseline, in plain English with units (the
/// labels the HTML report uses).
pub fn changes(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let ws = new_sheet(wb, "Changes from baseline", taken)?;
    let cols = [
        "scenario",
        "assumption",
        "unit",
        "baseline",
        "this scenario",
        "field",
    ];
    header(ws, 0, &cols, bold)?;
    let mut row = 1;
    for e in entries {
        let name = safe_text(&e.scenario.assumptions.name);
        let list = labels::changes_from_baseline(e.scenario);
        if list.is_empty() {
            ws.write_string(row, 0, &name).map_err(xe)?;
            ws.write_string(row, 1, "No changes: the baseline's assumptions")
                .map_err(xe)?;
            row += 1;
        }
        for c in list {
            ws.write_string(row, 0, &name).map_err(xe)?;
            ws.write_string(row, 1, safe_text(&c.label)).map_err(xe)?;
            ws.write_string(row, 2, c.unit).map_err(xe)?;
            ws.write_string(row, 3, safe_text(&c.baseline))
                .map_err(xe)?;
            match c.number {
                Some(v) => ws.write_number(row, 4, v).map_err(xe)?,
                None => ws
                    .write_string(row, 4, safe_text(&c.scenario))
                    .map_err(xe)?,
            };
            ws.write_string(row, 5, safe_text(&c.field)).map_err(xe)?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), cols.len() as u16 - 1)
        .map_err(xe)?;
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    for (c, w) in [28, 64, 18, 22, 22, 44].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(xe)?;
    }
    Ok(())
}

/// The Metadata sheet: tool and version, run time (only when given), each
/// scenario's files with their SHA-256, and the data vintages.
pub fn metadata(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    meta: &Meta,
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let ws = new_sheet(wb, "Metadata", taken)?;
    let run_time = match meta.run_time_epoch_s {
        Some(t) => format!("{t} seconds since 1970-01-01 UTC (from SOURCE_DATE_EPOCH); also the document's creation time"),
        None => "not recorded: set SOURCE_DATE_EPOCH to record one. Left out so that the same inputs give a byte-identical workbook.".into(),
    };
    let rows = [
        ("tool", "fiscal".to_string()),
        ("version", env!("CARGO_PKG_VERSION").to_string()),
        ("run time", run_time),
        ("licence", OGL_ATTRIBUTION.to_string()),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, *k, bold)
            .map_err(xe)?;
        ws.write_string(r as u32, 1, safe_text(v)).map_err(xe)?;
    }
    let mut row = rows.len() as u32 + 1;
    header(ws, row, &["scenario", "file", "sha256"], bold)?;
    row += 1;
    for e in entries {
        for f in &e.scenario.files {
            ws.write_string(row, 0, safe_text(&e.scenario.assumptions.name))
                .map_err(xe)?;
            ws.write_string(row, 1, safe_text(&f.path)).map_err(xe)?;
            ws.write_string(row, 2, &f.sha256).map_err(xe)?;
            row += 1;
        }
    }
    row += 1;
    header(ws, row, &["data table", "publication", "source read"], bold)?;
    row += 1;
    if let Some(e) = entries.first() {
        for v in vintages(e.data) {
            ws.write_string(row, 0, v.table).map_err(xe)?;
            ws.write_string(row, 1, &v.publication).map_err(xe)?;
            ws.write_string(row, 2, safe_text(&v.source)).map_err(xe)?;
            row += 1;
        }
    }
    for (c, w) in [28, 60, 66].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(xe)?;
    }
    Ok(())
}

/// The appendix: every assumption of every scenario, by dotted path.
pub fn appendix(
    wb: &mut Workbook,
    entries: &[Entry<'_>],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let ws = new_sheet(wb, "Appendix assumptions", taken)?;
    header(ws, 0, &["scenario", "field", "value"], bold)?;
    let mut row = 1;
    for e in entries {
        let name = safe_text(&e.scenario.assumptions.name);
        let description = serde_json::Value::String(e.scenario.assumptions.description.clone());
        let all = std::iter::once(("description".to_string(), description))
            .chain(assumptions(e.scenario));
        for (field, v) in all {
            ws.write_string(row, 0, &name).map_err(xe)?;
            ws.write_string(row, 1, safe_text(&field)).map_err(xe)?;
            match v.as_f64() {
                Some(x) if v.is_number() => ws.write_number(row, 2, x).map_err(xe)?,
                _ => ws
                    .write_string(row, 2, safe_text(&value_text(&v)))
                    .map_err(xe)?,
            };
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 2)
        .map_err(xe)?;
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    for (c, w) in [24, 48, 40].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(xe)?;
    }
    Ok(())
}
