//! Chart sheets: each chart's data laid out wide (years or categories down,
//! one column per series) with a native Excel chart of the same kind beside
//! it (line, stacked area, stacked column, bar), so an analyst can restyle
//! or extend it in Excel. The sheet is named by chart and scenario; each
//! native chart is on a chart sheet of its own after it (so a chart never
//! splits across printed pages), in the colours and dashes of the SVG.

use rust_xlsxwriter::{
    Chart as XChart, ChartFormat, ChartLine, ChartLineDashType, ChartSolidFill, ChartType, Color,
    Format, Workbook, Worksheet,
};

use super::{sheet_name, unit_format, xe};
use crate::chart::{
    frame::source_line, Body, Chart, Decomposition, Interventions, Lines, Pyramid, Stacked,
};
use crate::output::csv::safe_text;
use crate::report::ReportError;

/// One table for one native chart.
struct Wide {
    title: String,
    x_header: &'static str,
    x: Vec<String>,
    series: Vec<(String, Vec<Option<f64>>)>,
    /// How many of the first series the chart draws (the rest are data only).
    charted: usize,
    kind: ChartType,
    y_name: String,
    /// A column name whose unit sets the number format.
    unit_column: String,
}

fn by_year(points: &[(crate::FiscalYear, f64)], years: &[crate::FiscalYear]) -> Vec<Option<f64>> {
    years
        .iter()
        .map(|y| points.iter().find(|p| p.0 == *y).map(|p| p.1))
        .collect()
}

/// The chart's data as wide tables, one per native chart.
#[allow(unreachable_patterns)] // Chart kinds added later get a data-only sheet.
fn tables(c: &Chart) -> Vec<Wide> {
    let title = c.frame.title.clone();
    match &c.body {
        Body::Lines(l) => vec![lines_table(title, l)],
        Body::Stacked(s) => vec![stacked_table(title, s)],
        Body::Decomposition(d) => vec![decomposition_table(title, d)],
        Body::Interventions(iv) => interventions_tables(iv),
        Body::Pyramid(p) => vec![pyramid_table(title, p)],
        _ => Vec::new(),
    }
}

/// The distinct years in `years`, in order.
fn distinct_years(years: impl Iterator<Item = crate::FiscalYear>) -> Vec<crate::FiscalYear> {
    let mut years: Vec<_> = years.collect();
    years.sort();
    years.dedup();
    years
}

/// Lines over years: one column per line, a line chart.
fn lines_table(title: String, l: &Lines) -> Wide {
    let years = distinct_years(l.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)));
    Wide {
        title,
        x_header: "year",
        x: years.iter().map(ToString::to_string).collect(),
        series: l
            .series
            .iter()
            .map(|s| (s.label.clone(), by_year(&s.points, &years)))
            .collect(),
        charted: l.series.len(),
        kind: ChartType::Line,
        y_name: l.y_desc.clone(),
        unit_column: l.csv_column.clone(),
    }
}

/// Stacked layers over years: one column per layer, a stacked area chart.
fn stacked_table(title: String, s: &Stacked) -> Wide {
    Wide {
        title,
        x_header: "year",
        x: s.years.iter().map(ToString::to_string).collect(),
        series: s
            .layers
            .iter()
            .map(|l| (l.label.clone(), l.values.iter().map(|v| Some(*v)).collect()))
            .collect(),
        charted: s.layers.len(),
        kind: ChartType::AreaStacked,
        y_name: s.y_desc.clone(),
        unit_column: s.csv_column.clone(),
    }
}

/// Contributions by period (the net change as data only), stacked columns.
fn decomposition_table(title: String, d: &Decomposition) -> Wide {
    let col = |f: fn(&crate::chart::decomposition::Period) -> f64| {
        d.periods.iter().map(|p| Some(f(p))).collect()
    };
    Wide {
        title,
        x_header: "period",
        x: d.periods.iter().map(|p| p.label.clone()).collect(),
        series: vec![
            ("Primary deficit".into(), col(|p| p.primary_deficit)),
            ("Interest".into(), col(|p| p.interest)),
            ("Growth".into(), col(|p| p.growth)),
            ("Stock-flow adjustment".into(), col(|p| p.stock_flow)),
            ("Net change in PSND".into(), col(|p| p.change)),
        ],
        charted: 4,
        kind: ChartType::ColumnStacked,
        y_name: "Percentage points of GDP".into(),
        unit_column: "pp".into(),
    }
}

/// The two intervention panels (net saving, change in debt), one column
/// per intervention and the package.
fn interventions_tables(iv: &Interventions) -> Vec<Wide> {
    let all: Vec<_> = iv
        .interventions
        .iter()
        .chain(std::iter::once(&iv.package))
        .collect();
    let years = distinct_years(
        all.iter()
            .flat_map(|e| e.net_saving_pct_gdp.iter().map(|p| p.0)),
    );
    let panel = |name: &str,
                 y: &str,
                 unit: &str,
                 f: fn(&crate::chart::EffectPath) -> &[(crate::FiscalYear, f64)]| {
        Wide {
            title: name.into(),
            x_header: "year",
            x: years.iter().map(ToString::to_string).collect(),
            series: all
                .iter()
                .map(|e| (e.label.clone(), by_year(f(e), &years)))
                .collect(),
            charted: all.len(),
            kind: ChartType::Line,
            y_name: y.into(),
            unit_column: unit.into(),
        }
    };
    vec![
        panel(
            "Net saving: savings less costs",
            "% of GDP",
            "pct_gdp",
            |e| &e.net_saving_pct_gdp,
        ),
        panel(
            "Change in PSND (below zero: less debt)",
            "Percentage points of GDP",
            "pp",
            |e| &e.psnd_change_pp_gdp,
        ),
    ]
}

/// People by age, a males and a females column per year, a bar chart of
/// the first year.
fn pyramid_table(title: String, p: &Pyramid) -> Wide {
    let ages = p.years.first().map_or(0, |y| y.male.len());
    let mut series = Vec::new();
    for y in &p.years {
        // Males to the left, as on the pyramid.
        series.push((
            format!("Males {}", y.year),
            y.male.iter().map(|v| Some(-v)).collect(),
        ));
        series.push((
            format!("Females {}", y.year),
            y.female.iter().map(|v| Some(*v)).collect(),
        ));
    }
    Wide {
        title,
        x_header: "age",
        x: (0..ages).map(|a| a.to_string()).collect(),
        series,
        charted: 2,
        kind: ChartType::Bar,
        y_name: "People at each single year of age (males negative)".into(),
        unit_column: "persons".into(),
    }
}

/// The SVG's colour of the series `name` (the `k`th): its legend entry's,
/// or the house line colour for a chart without a legend.
fn colour_of(c: &Chart, name: &str, k: usize) -> (Color, Option<ChartLineDashType>) {
    use crate::chart::frame::Key;
    let rgb = |c: plotters::style::RGBColor| {
        Color::RGB(u32::from(c.0) << 16 | u32::from(c.1) << 8 | u32::from(c.2))
    };
    let dash = |d: Option<(u32, u32)>| match d {
        None => None,
        Some((a, _)) if a <= 4 => Some(ChartLineDashType::RoundDot),
        Some((a, _)) if a <= 8 => Some(ChartLineDashType::SquareDot),
        Some((a, _)) if a <= 14 => Some(ChartLineDashType::Dash),
        Some((a, _)) if a <= 20 => Some(ChartLineDashType::LongDash),
        Some(_) => Some(ChartLineDashType::LongDashDot),
    };
    let legend = c.legend_entries();
    match legend.iter().find(|e| e.label == name).map(|e| e.key) {
        Some(Key::Series(look, _)) => (rgb(look.colour), dash(look.dash)),
        Some(Key::Line(c) | Key::ThinLine(c) | Key::Swatch(c) | Key::Marker(c)) => (rgb(c), None),
        None => {
            let look = crate::chart::style::series_style(k);
            (rgb(look.colour), dash(look.dash))
        }
    }
}

/// Write `t` at `top`; returns the next free row and its native chart (for
/// a chart sheet of its own).
fn write_table(
    ws: &mut Worksheet,
    sheet: &str,
    top: u32,
    t: &Wide,
    filter: bool,
    bold: &Format,
    c: &Chart,
) -> Result<(u32, XChart), ReportError> {
    let num = unit_format(&t.unit_column);
    ws.write_string_with_format(top, 0, safe_text(&t.title), bold)
        .map_err(xe)?;
    let head = top + 1;
    ws.write_string_with_format(head, 0, t.x_header, bold)
        .map_err(xe)?;
    for (k, (name, _)) in t.series.iter().enumerate() {
        ws.write_string_with_format(head, k as u16 + 1, safe_text(name), bold)
            .map_err(xe)?;
    }
    for (r, x) in t.x.iter().enumerate() {
        let row = head + 1 + r as u32;
        ws.write_string(row, 0, x).map_err(xe)?;
        for (k, (_, values)) in t.series.iter().enumerate() {
            if let Some(v) = values.get(r).copied().flatten().filter(|v| v.is_finite()) {
                ws.write_number_with_format(row, k as u16 + 1, v, &num)
                    .map_err(xe)?;
            }
        }
    }
    let last = head + t.x.len().max(1) as u32;
    if filter {
        ws.autofilter(head, 0, last, t.series.len() as u16)
            .map_err(xe)?;
    }
    let mut chart = XChart::new(t.kind);
    for (k, (series_name, _)) in t.series.iter().enumerate().take(t.charted) {
        let col = k as u16 + 1;
        let s = chart.add_series();
        s.set_categories((sheet, head + 1, 0, last, 0))
            .set_values((sheet, head + 1, col, last, col))
            .set_name((sheet, head, col));
        let (colour, dash) = colour_of(c, series_name, k);
        if t.kind == ChartType::Line {
            let mut line = ChartLine::new();
            line.set_color(colour).set_width(2.25);
            if let Some(d) = dash {
                line.set_dash_type(d);
            }
            s.set_format(ChartFormat::new().set_line(&line));
        } else {
            s.set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)),
            );
        }
        if t.kind == ChartType::Bar {
            s.set_overlap(100).set_gap(10);
        }
    }
    chart.title().set_name(&t.title);
    chart.y_axis().set_name(&t.y_name);
    chart.x_axis().set_name(t.x_header);
    Ok((last + 2, chart))
}

/// Short chart names for sheet names (Excel allows 31 characters).
fn short_kind(c: &Chart) -> &'static str {
    match c.kind {
        crate::chart::ChartKind::Debt => "Debt",
        crate::chart::ChartKind::Receipts => "Receipts",
        crate::chart::ChartKind::Spending => "Spending",
        crate::chart::ChartKind::Decomposition => "Decomp",
        crate::chart::ChartKind::Interventions => "Effects",
        crate::chart::ChartKind::Pyramid => "Pyramid",
        crate::chart::ChartKind::Dependency => "OADR",
        crate::chart::ChartKind::Fan => "Fan",
        crate::chart::ChartKind::Tornado => "Tornado",
        crate::chart::ChartKind::Heatmap => "Sweep",
        crate::chart::ChartKind::Difference => "Diff",
    }
}

/// One chart's sheet, named by chart and scenario (`short` maps scenario
/// names to short names, e.g. their file stems): title, scenario, source
/// line, then each table with its native chart.
pub fn chart_sheet(
    wb: &mut Workbook,
    c: &Chart,
    short: &[(String, String)],
    taken: &mut Vec<String>,
    bold: &Format,
) -> Result<(), ReportError> {
    let names = c
        .frame
        .scenario
        .strip_prefix("Scenarios: ")
        .or_else(|| c.frame.scenario.strip_prefix("Scenario: "))
        .unwrap_or(&c.frame.scenario);
    let kind = short_kind(c);
    let base = if c.frame.scenario.starts_with("Scenarios: ") {
        format!("{kind} all scenarios")
    } else {
        let stem = short
            .iter()
            .find(|(n, _)| n == names)
            .map_or(names, |(_, s)| s.as_str());
        format!("{kind} {stem}")
    };
    let name = sheet_name(&base, taken);
    let ws = wb.add_worksheet();
    ws.set_name(&name).map_err(xe)?;
    ws.write_string_with_format(0, 0, safe_text(&c.frame.title), bold)
        .map_err(xe)?;
    ws.write_string(1, 0, safe_text(&c.frame.scenario))
        .map_err(xe)?;
    ws.write_string(2, 0, safe_text(&source_line(&c.frame)))
        .map_err(xe)?;
    let mut row = 4;
    let wide = tables(c);
    if wide.is_empty() {
        super::write_csv(ws, row, &c.csv(), bold)?;
    }
    let mut charts = Vec::new();
    for (i, t) in wide.iter().enumerate() {
        // Excel keeps one autofilter a sheet: on the first table.
        let (next, chart) = write_table(ws, &name, row, t, i == 0, bold, c)?;
        row = next;
        charts.push(chart);
    }
    ws.set_column_width(0, 16).map_err(xe)?;
    for k in 1..=wide.iter().map(|t| t.series.len()).max().unwrap_or(0) {
        ws.set_column_width(k as u16, 14).map_err(xe)?;
    }
    for (i, chart) in charts.iter().enumerate() {
        let suffix = if charts.len() > 1 {
            format!(" chart {}", i + 1)
        } else {
            " chart".to_string()
        };
        let stem: String = name.chars().take(31 - suffix.chars().count()).collect();
        let chart_name = sheet_name(&format!("{}{suffix}", stem.trim_end()), taken);
        let cs = wb.add_chartsheet();
        cs.set_name(&chart_name).map_err(xe)?;
        cs.set_landscape();
        cs.insert_chart(0, 0, chart).map_err(xe)?;
    }
    Ok(())
}
