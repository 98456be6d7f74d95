//! The A4 briefing (`fiscal report -o brief.pdf`): page one answers the
//! question (a headline table, the chart that shows the difference between
//! the scenarios, and what carries the result, in words); the pages after
//! it carry the charts, two to a page, and the assumptions each scenario
//! changes from the baseline, grouped and labelled with their units.
//!
//! Each page is drawn as an SVG of 595 × 842 points (A4) with the house
//! font, the charts placed in it as nested SVG, and the pages turned into
//! one PDF by [`crate::chart::pdf`] (vectors, font embedded, no clock).

use std::fmt::Write as _;

use super::labels::{readable_changes, Change};
use super::{Entry, ReportError};
use crate::chart::{self, Chart, ChartKind, Layout};
use crate::model::{Receipt, Spend, YearResult};

/// A4 in points.
const PAGE: (f32, f32) = (595.0, 842.0);
/// Page margin, points.
const MARGIN: f32 = 48.0;
/// Width of the text block.
const TEXT_W: f32 = PAGE.0 - 2.0 * MARGIN;
/// Lowest baseline of the body text (the footer is below it).
const BOTTOM: f32 = PAGE.1 - 64.0;
const INK: &str = "#222222";
const MUTED: &str = "#555555";
const RULE: &str = "#BBBBBB";
const BAND: &str = "#EEF3F8";

fn esc(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` broken into lines of at most `width` points at `size`.
fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && chart::text_width_em(&candidate, bold) * size > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One page being drawn, top to bottom.
struct Page {
    svg: String,
    /// The baseline of the next line.
    y: f32,
}

impl Page {
    fn new() -> Page {
        Page {
            svg: String::new(),
            y: MARGIN + 10.0,
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: &str, s: &str) {
        let _ = write!(
            self.svg,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-family=\"{}\" font-size=\"{size}\"{} fill=\"{colour}\">{}</text>",
            chart::PAGE_FAMILY,
            if bold { " font-weight=\"bold\"" } else { "" },
            esc(s)
        );
    }

    /// A paragraph across the text block; advances `y`.
    fn para(&mut self, size: f32, bold: bool, colour: &str, s: &str) {
        self.para_at(MARGIN, TEXT_W, size, bold, colour, s);
    }

    fn para_at(&mut self, x: f32, w: f32, size: f32, bold: bool, colour: &str, s: &str) {
        for line in wrap(s, size, bold, w) {
            self.text(x, self.y, size, bold, colour, &line);
            self.y += size * 1.3;
        }
    }

    fn heading(&mut self, s: &str) {
        self.y += 8.0;
        self.para(12.5, true, INK, s);
        self.y += 2.0;
    }

    fn bullet(&mut self, s: &str) {
        self.text(MARGIN + 2.0, self.y, 10.0, false, INK, "•");
        self.para_at(MARGIN + 14.0, TEXT_W - 14.0, 10.0, false, INK, s);
        self.y += 2.0;
    }

    fn rule(&mut self, y: f32) {
        let _ = write!(
            self.svg,
            "<line x1=\"{MARGIN}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"{RULE}\" stroke-width=\"0.6\"/>",
            PAGE.0 - MARGIN
        );
    }

    /// A chart, full text width and `height` points tall, from `y`.
    fn chart(&mut self, c: &Chart, height: f32) -> Result<(), ReportError> {
        // 96 pixels to 72 points.
        let px = |pt: f32| (pt * 96.0 / 72.0).round() as u32;
        let layout = Layout::new(px(TEXT_W), px(height), 1.0)?;
        let svg = c.svg_with(&layout)?;
        let head = format!(
            "<svg width=\"{}\" height=\"{}\"",
            layout.width_px, layout.height_px
        );
        let placed = svg.replacen(
            &head,
            &format!(
                "<svg x=\"{MARGIN}\" y=\"{:.1}\" width=\"{TEXT_W}\" height=\"{height}\"",
                self.y
            ),
            1,
        );
        self.svg.push_str(placed.trim_start_matches(|ch| ch != '<'));
        self.y += height + 10.0;
        Ok(())
    }

    fn fits(&self, height: f32) -> bool {
        self.y + height <= BOTTOM
    }

    /// The finished page: white, its body, and the footer.
    fn finish(self, number: usize, of: usize, footer: &str) -> String {
        let mut p = Page {
            svg: String::new(),
            y: 0.0,
        };
        p.rule(PAGE.1 - 52.0);
        for (i, line) in wrap(footer, 7.5, false, TEXT_W - 60.0)
            .iter()
            .take(3)
            .enumerate()
        {
            p.text(
                MARGIN,
                PAGE.1 - 40.0 + i as f32 * 9.5,
                7.5,
                false,
                MUTED,
                line,
            );
        }
        let n = format!("Page {number} of {of}");
        let nw = chart::text_width_em(&n, false) * 7.5;
        p.text(PAGE.0 - MARGIN - nw, PAGE.1 - 40.0, 7.5, false, MUTED, &n);
        format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>{}{}</svg>",
            self.svg,
            p.svg,
            w = PAGE.0,
            h = PAGE.1
        )
    }
}

/// A small table: header and rows, column widths in points; the first
/// column left-aligned, the others right-aligned.
fn table(page: &mut Page, header: &[String], rows: &[Vec<String>], widths: &[f32]) {
    let size = 9.0;
    let row_h = 14.0;
    let draw_row = |page: &mut Page, cells: &[String], bold: bool| {
        let mut x = MARGIN;
        let lines: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| wrap(c, size, bold, w - 6.0))
            .collect();
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for (i, (cell, w)) in lines.iter().zip(widths).enumerate() {
            for (k, line) in cell.iter().enumerate() {
                let y = page.y + k as f32 * (size * 1.2);
                if i == 0 {
                    page.text(x + 2.0, y, size, bold, INK, line);
                } else {
                    let lw = chart::text_width_em(line, bold) * size;
                    page.text(x + w - 4.0 - lw, y, size, bold, INK, line);
                }
            }
            x += w;
        }
        page.y += row_h + (n - 1) as f32 * size * 1.2;
    };
    draw_row(page, header, true);
    page.rule(page.y - row_h + 4.0);
    for r in rows {
        draw_row(page, r, false);
    }
    page.rule(page.y - row_h + 4.0);
    page.y += 4.0;
}

fn pct(y: Option<&YearResult>) -> String {
    y.map(|y| format!("{:.1}%", y.psnd_pct_gdp))
        .unwrap_or_default()
}

fn headline(page: &mut Page, entries: &[Entry<'_>]) {
    let Some(first) = entries.first().map(|e| e.projection) else {
        return;
    };
    let year = |y: Option<&YearResult>| y.map(|y| y.year.to_string()).unwrap_or_default();
    let header = vec![
        "Scenario".to_string(),
        format!("PSND {}", year(first.years.first())),
        format!("PSND {}", year(first.year(first.calibration.year))),
        format!("PSND {}", year(first.last())),
        "Fiscal gap".to_string(),
        "S2".to_string(),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let p = e.projection;
            let ind = |f: fn(&crate::model::indicators::Headline) -> Option<f64>| {
                e.sustainability
                    .and_then(|s| f(&s.headline))
                    .map_or("n/a".to_string(), |v| format!("{v:.2}%"))
            };
            vec![
                p.name.clone(),
                pct(p.years.first()),
                pct(p.year(p.calibration.year)),
                pct(p.last()),
                ind(|h| h.fiscal_gap_pct_gdp),
                ind(|h| h.s2_pct_gdp),
            ]
        })
        .collect();
    table(page, &header, &rows, &[175.0, 62.0, 62.0, 62.0, 69.0, 69.0]);
    page.para(
        8.0,
        false,
        MUTED,
        "% of GDP. PSND: public sector net debt at end-March. Fiscal gap: the permanent change in the primary balance that brings debt to the target; S2: the change that meets the intertemporal budget constraint (positive: tightening needed).",
    );
}

/// The spending and receipt lines, and debt interest, that differ most
/// between `a` and `b` in the final year, pp of GDP (largest first).
fn largest_differences(a: &YearResult, b: &YearResult) -> Vec<(String, f64)> {
    let mut d: Vec<(String, f64)> = Spend::ALL
        .iter()
        .map(|&s| {
            (
                format!("spending on {}", s.label().to_lowercase()),
                b.pct_gdp(b.spend(s)) - a.pct_gdp(a.spend(s)),
            )
        })
        .chain(Receipt::ALL.iter().map(|&r| {
            (
                format!("receipts from {}", r.label().to_lowercase()),
                -(b.pct_gdp(b.receipt(r)) - a.pct_gdp(a.receipt(r))),
            )
        }))
        .chain(std::iter::once((
            "debt interest".to_string(),
            b.pct_gdp(b.interest_gbp_bn) - a.pct_gdp(a.interest_gbp_bn),
        )))
        .collect();
    d.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()));
    d.truncate(3);
    d
}

fn signed(v: f64) -> String {
    format!("{}{:.1}", if v >= 0.0 { "+" } else { "−" }, v.abs())
}

/// The change in debt over the whole projection and its contributions,
/// pp of GDP: `(change, [primary deficits, interest, growth, other
/// flows])`.
fn decomposition_sums(p: &crate::model::Projection) -> Option<(f64, [f64; 4])> {
    let d = crate::chart::Decomposition::from_projection(p).ok()?;
    let sum = |f: fn(&crate::chart::decomposition::Period) -> f64| -> f64 {
        d.periods.iter().map(f).sum()
    };
    Some((
        sum(|x| x.change),
        [
            sum(|x| x.primary_deficit),
            sum(|x| x.interest),
            sum(|x| x.growth),
            sum(|x| x.stock_flow),
        ],
    ))
}

/// What carries the result, in sentences: each scenario against the
/// first, then each one's debt decomposition and package.
fn carriers(entries: &[Entry<'_>]) -> Vec<String> {
    let sums: Vec<Option<(f64, [f64; 4])>> = entries
        .iter()
        .map(|e| decomposition_sums(e.projection))
        .collect();
    let parts = |s: &Option<(f64, [f64; 4])>| s.map(|(_, parts)| parts);
    let (Some(first), Some(first_sums)) = (entries.first(), sums.first()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .iter()
        .zip(&sums)
        .skip(1)
        .filter_map(|(e, s)| against_first((first, parts(first_sums)), (e, parts(s))))
        .collect();
    for (e, s) in entries.iter().zip(&sums) {
        out.extend(s.and_then(|s| decomposition_sentence(e.projection, s)));
        out.extend(package_sentence(e));
    }
    out
}

/// How `e` ends against `first`, given each one's decomposition parts:
/// the gap in final-year PSND, what carries it and the lines that differ
/// most.
fn against_first(
    (first, first_parts): (&Entry<'_>, Option<[f64; 4]>),
    (e, e_parts): (&Entry<'_>, Option<[f64; 4]>),
) -> Option<String> {
    let (a, b) = (first.projection.last()?, e.projection.last()?);
    let why = match (first_parts, e_parts) {
        (Some(f), Some(o)) => {
            let mut parts: Vec<(&str, f64)> =
                ["primary deficits", "interest", "growth", "other flows"]
                    .into_iter()
                    .zip(o.iter().zip(f.iter()).map(|(x, y)| x - y))
                    .collect();
            parts.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()));
            format!(
                " Of that difference, {} (pp of GDP, summed over the projection).",
                parts
                    .iter()
                    .map(|(w, v)| format!("{w} {}", signed(*v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        _ => String::new(),
    };
    let lines: Vec<String> = largest_differences(a, b)
        .iter()
        .filter(|(_, v)| v.abs() >= 0.05)
        .map(|(what, v)| format!("{what} ({} pp)", signed(*v)))
        .collect();
    let lines = if lines.is_empty() {
        String::new()
    } else {
        format!(
            " In {} the budget lines that differ most (positive: adds to debt) are {}.",
            b.year,
            lines.join(", ")
        )
    };
    Some(format!(
        "{} ends {} at {:.1}% of GDP, {} pp against {}.{why}{lines}",
        e.projection.name,
        b.year,
        b.psnd_pct_gdp,
        signed(b.psnd_pct_gdp - a.psnd_pct_gdp),
        first.projection.name,
    ))
}

/// How debt moves over the projection `p`, from its decomposition's
/// sums.
fn decomposition_sentence(
    p: &crate::model::Projection,
    (change, [primary, interest, growth, other]): (f64, [f64; 4]),
) -> Option<String> {
    let (a, b) = (p.years.first()?, p.last()?);
    Some(format!(
        "{}: from {} to {} debt moves {} pp of GDP: primary deficits {}, interest {}, growth {}, other {}.",
        p.name,
        a.year,
        b.year,
        signed(change),
        signed(primary),
        signed(interest),
        signed(growth),
        signed(other),
    ))
}

/// What `e`'s interventions do to debt and the fiscal gap.
fn package_sentence(e: &Entry<'_>) -> Option<String> {
    let r = e.interventions?;
    let last = r.package.years.last()?;
    let share = e
        .sustainability
        .and_then(|s| s.share_of_gap_closed_by_interventions)
        .map(|x| {
            // A share that rounds to nothing, or a package that widens the
            // gap, in words rather than "close -0%".
            let pct = (100.0 * x).round();
            if pct > 0.0 {
                format!(" and close {pct:.0}% of the fiscal gap")
            } else if pct < 0.0 {
                format!(" and widen the fiscal gap by {:.0}%", -pct)
            } else {
                " and leave the fiscal gap about where it was".to_string()
            }
        })
        .unwrap_or_default();
    Some(format!(
        "{}: its {} interventions change debt by {} pp of GDP by {}{share} (expected values, after optimism bias).",
        e.projection.name,
        r.interventions.len(),
        signed(last.psnd_change_pp_gdp),
        last.year
    ))
}

/// The assumptions that differ from the baseline, grouped; a new page is
/// started whenever one fills.
fn assumptions_pages(pages: &mut Vec<Page>, entries: &[Entry<'_>]) {
    let mut page = Page::new();
    page.heading("Assumptions that differ from the baseline");
    for e in entries {
        let changes = readable_changes(e.scenario);
        if !page.fits(60.0) {
            pages.push(std::mem::replace(&mut page, Page::new()));
        }
        page.y += 4.0;
        page.para(11.0, true, INK, &e.projection.name);
        if changes.is_empty() {
            page.para(
                9.5,
                false,
                INK,
                "None: this scenario uses the baseline's assumptions.",
            );
            continue;
        }
        let mut group = String::new();
        let widths = [205.0, 90.0, 102.0, 102.0];
        column_heads(&mut page, &widths);
        for c in changes {
            if !page.fits(40.0) {
                pages.push(std::mem::replace(&mut page, Page::new()));
                page.para(
                    9.0,
                    false,
                    MUTED,
                    &format!("{} (continued)", e.projection.name),
                );
                column_heads(&mut page, &widths);
                group.clear();
            }
            if c.group != group {
                group = c.group.clone();
                page.y += 3.0;
                let _ = write!(
                    page.svg,
                    "<rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"{TEXT_W}\" height=\"13\" fill=\"{BAND}\"/>",
                    page.y - 10.0
                );
                page.text(MARGIN + 2.0, page.y, 9.0, true, INK, &group);
                page.y += 14.0;
            }
            change_row(&mut page, &c, &widths);
        }
    }
    pages.push(page);
}

/// The heads of the assumptions table's columns.
fn column_heads(page: &mut Page, widths: &[f32; 4]) {
    let mut x = MARGIN;
    for (h, w) in ["Assumption", "Unit", "Baseline", "This scenario"]
        .iter()
        .zip(widths)
    {
        page.text(x + 2.0, page.y, 8.5, true, MUTED, h);
        x += w;
    }
    page.y += 12.0;
}

fn change_row(page: &mut Page, c: &Change, widths: &[f32; 4]) {
    let cells = [c.item.as_str(), c.unit, &c.baseline, &c.scenario];
    let size = 8.5;
    let mut x = MARGIN;
    let mut n = 1;
    for (cell, w) in cells.iter().zip(widths) {
        let mut lines = wrap(cell, size, false, w - 6.0);
        if lines.len() > 3 {
            lines.truncate(3);
            if let Some(l) = lines.last_mut() {
                l.push_str(" …");
            }
        }
        for (k, line) in lines.iter().enumerate() {
            page.text(
                x + 2.0,
                page.y + k as f32 * size * 1.2,
                size,
                false,
                INK,
                line,
            );
        }
        n = n.max(lines.len());
        x += w;
    }
    page.y += 12.0 + (n.max(1) - 1) as f32 * size * 1.2;
}

/// The briefing as PDF bytes.
pub(crate) fn render(entries: &[Entry<'_>], charts: &[Chart]) -> Result<Vec<u8>, ReportError> {
    let names: Vec<&str> = entries.iter().map(|e| e.projection.name.as_str()).collect();
    let mut pages = Vec::new();

    // Page one: the answer.
    let mut p = Page::new();
    p.para(19.0, true, INK, "Public sector debt: briefing");
    p.para(
        10.5,
        false,
        MUTED,
        &format!(
            "{} · projection to {}, OBR method",
            names.join(" against "),
            horizon_end(entries)
        ),
    );
    p.heading("Headline");
    headline(&mut p, entries);
    let inputs: Vec<chart::Input<'_>> = entries.iter().map(Entry::input).collect();
    let lead = if inputs.len() > 1 {
        chart::build(ChartKind::Difference, &inputs, &chart::Options::default())?
    } else {
        chart::build(ChartKind::Debt, &inputs, &chart::Options::default())?
    };
    p.y += 4.0;
    p.chart(&lead, 285.0)?;
    p.heading("What carries the result");
    for s in carriers(entries) {
        if p.fits(30.0) {
            p.bullet(&s);
        }
    }
    pages.push(p);

    // The charts, two to a page.
    let mut p = Page::new();
    p.heading("Charts");
    for c in charts {
        if !p.fits(330.0) {
            pages.push(std::mem::replace(&mut p, Page::new()));
        }
        p.chart(c, 320.0)?;
    }
    pages.push(p);

    assumptions_pages(&mut pages, entries);

    let footer = format!(
        "{} Contains public sector information licensed under the Open Government Licence v3.0.",
        crate::chart::source_line_for(
            &names.join(", "),
            crate::chart::sources_of(entries.iter().map(|e| {
                (
                    e.projection.forecast_source.as_str(),
                    e.data.population.source.as_str(),
                )
            })),
        )
    );
    let of = pages.len();
    let svgs: Vec<String> = pages
        .into_iter()
        .enumerate()
        .map(|(i, page)| page.finish(i + 1, of, &footer))
        .collect();
    let title = format!("Public sector debt: briefing ({})", names.join(", "));
    Ok(chart::pages_pdf(&svgs, PAGE.0, PAGE.1, &title)?)
}

fn horizon_end(entries: &[Entry<'_>]) -> String {
    entries
        .first()
        .and_then(|e| e.projection.last())
        .map_or_else(String::new, |y| y.year.to_string())
}
