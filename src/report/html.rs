//! The HTML report: one file, inline CSS and SVG, no scripts and nothing
//! fetched, so it can be emailed, opened offline and printed. Every text that
//! comes from a scenario goes through [`esc`].

use std::fmt::Write;

use super::indicators::{self, INDICATORS};
use super::{summary, value_text, Entry, ReportError};
use crate::chart::Chart;
use crate::output::json::{vintages, OGL_ATTRIBUTION};

/// Escape text for HTML element content and quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Responsive on a phone (tables scroll sideways, charts shrink to fit),
/// and printable (charts do not split across pages).
const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Open Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #222; background: #fff; line-height: 1.45; font-size: 16px; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.4rem; overflow-wrap: anywhere; }
p.meta, p.note, figcaption { color: #555; font-size: 0.9rem; }
nav ul { padding-left: 1.2rem; margin: 0.25rem 0; }
ul.files li { overflow-wrap: anywhere; word-break: break-all; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: 0.9rem; min-width: 100%; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #555; white-space: normal; vertical-align: bottom; }
table.names td:first-child { white-space: normal; min-width: 12rem; }
tr.sub td:first-child { padding-left: 1.6rem; color: #444; }
table.kv td { text-align: left; white-space: normal; overflow-wrap: anywhere; }
table.kv td:first-child { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
table.changes { table-layout: fixed; width: 100%; min-width: 0; }
table.changes th, table.changes td { white-space: normal; overflow-wrap: anywhere; text-align: left; vertical-align: top; }
table.changes col.what { width: 40%; } table.changes col.unit { width: 18%; } table.changes col.value { width: 21%; }
table.changes tr.group th { background: #EEF3F8; text-align: left; font-weight: 600; border-bottom: 1px solid #bbb; }
figure.chart { margin: 1.25rem 0; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 1200px; }
footer { margin: 2rem 0 1rem; color: #555; font-size: 0.85rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }
@media (max-width: 600px) { body { font-size: 15px; } main { padding: 0.6rem; } h1 { font-size: 1.4rem; } }
@media print {
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure.chart, table { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
"#;

fn summary_table(out: &mut String, e: &Entry<'_>) {
    let cols = summary::columns(e.projection);
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">% of GDP unless stated</th>");
    for c in &cols {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&c.year.to_string()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (label, sub, f) in summary::rows() {
        let d = summary::decimals(&label);
        let _ = write!(
            out,
            "<tr{}><td>{}</td>",
            if sub { " class=\"sub\"" } else { "" },
            esc(&label)
        );
        for c in &cols {
            let _ = write!(out, "<td>{:.*}</td>", d, f(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// One row per scenario: the debt ratio at the start, at the end of the
/// OBR forecast and at the horizon, so the report opens with the answer.
fn headline_table(out: &mut String, entries: &[Entry<'_>]) {
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Scenario</th><th scope=\"col\">PSND, first year</th><th scope=\"col\">PSND, end of OBR forecast</th><th scope=\"col\">PSND, final year</th><th scope=\"col\">Primary balance, final year</th><th scope=\"col\">Debt interest, final year</th></tr></thead>\n<tbody>\n");
    for e in entries {
        let p = e.projection;
        let cell = |y: Option<&crate::model::YearResult>,
                    f: &dyn Fn(&crate::model::YearResult) -> f64| {
            y.map(|y| format!("{:.1}% <small>({})</small>", f(y), esc(&y.year.to_string())))
                .unwrap_or_default()
        };
        let psnd = |y: &crate::model::YearResult| y.psnd_pct_gdp;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.name),
            cell(p.years.first(), &psnd),
            cell(p.year(p.calibration.year), &psnd),
            cell(p.last(), &psnd),
            cell(p.last(), &|y| y.pct_gdp(y.primary_balance_gbp_bn)),
            cell(p.last(), &|y| y.pct_gdp(y.interest_gbp_bn)),
        );
    }
    out.push_str("</tbody></table></div>\n<p class=\"note\">% of GDP. PSND: public sector net debt at end-March over GDP centred on end-March. Full tables follow the charts.</p>\n");
}

/// One row per scenario: the headline sustainability indicators.
fn indicators_table(out: &mut String, entries: &[Entry<'_>]) {
    let with: Vec<_> = entries
        .iter()
        .filter_map(|e| e.sustainability.map(|s| (e, s)))
        .collect();
    let Some((_, first)) = with.first() else {
        return;
    };
    out.push_str("<h3>Sustainability indicators</h3>\n<div class=\"table-wrap\"><table class=\"names\">\n<thead><tr><th scope=\"col\">Scenario</th>");
    for i in &INDICATORS {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(i.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut notes = Vec::new();
    for (e, s) in &with {
        let _ = write!(out, "<tr><td>{}</td>", esc(&e.projection.name));
        for i in &INDICATORS {
            // A dash: no interventions to close the gap, or no solution
            // (the reason is listed below the table).
            let v = (i.value)(s).map_or_else(|| "–".to_string(), |v| format!("{v:.*}", i.decimals));
            let _ = write!(out, "<td>{v}</td>");
        }
        out.push_str("</tr>\n");
        notes.extend(
            s.headline
                .notes
                .iter()
                .map(|n| format!("{}: {n}", e.projection.name)),
        );
    }
    out.push_str("</tbody></table></div>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>",
        esc(&indicators::explanation(first))
    );
    for n in notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&n));
    }
}

/// Per scenario with interventions: each intervention and the package.
fn interventions_tables(out: &mut String, entries: &[Entry<'_>]) {
    for e in entries {
        let Some(r) = e.interventions else {
            continue;
        };
        let last = r
            .package
            .years
            .last()
            .map(|y| y.year.to_string())
            .unwrap_or_default();
        let _ = writeln!(out, "<h3>{}</h3>", esc(&e.projection.name));
        let _ = writeln!(
            out,
            "<div class=\"table-wrap\"><table class=\"names\">\n<thead><tr><th scope=\"col\">Intervention</th><th scope=\"col\">Evidence</th><th scope=\"col\">Exchequer NPV (£bn)</th><th scope=\"col\">Social NPV (£bn)</th><th scope=\"col\">Breakeven year</th><th scope=\"col\">Change in PSND, {} (pp of GDP)</th><th scope=\"col\">Debt interest saved, present value (£bn)</th></tr></thead>\n<tbody>",
            esc(&last)
        );
        for x in indicators::effects(r) {
            let package = std::ptr::eq(x, &r.package);
            let (a, b) = if package {
                ("<strong>", "</strong>")
            } else {
                ("", "")
            };
            let name = if package {
                crate::chart::interventions::PACKAGE_LABEL
            } else {
                x.name.as_str()
            };
            let _ = writeln!(
                out,
                "<tr><td>{a}{}{b}</td><td>{a}{}{b}</td><td>{a}{:.1}{b}</td><td>{a}{:.1}{b}</td><td>{a}{}{b}</td><td>{a}{:+.2}{b}</td><td>{a}{:.1}{b}</td></tr>",
                esc(name),
                x.evidence_grade.map_or("?", |g| g.letter()),
                x.exchequer_npv_gbp_bn,
                x.social_npv_gbp_bn,
                esc(&indicators::breakeven(x)),
                x.final_psnd_change_pp_gdp,
                x.interest_saved_pv_gbp_bn
            );
        }
        out.push_str("</tbody></table></div>\n");
        let c = &r.retention_cases;
        let _ = writeln!(
            out,
            "<p>The package's change in {} PSND (pp of GDP): {:+.2} with each intervention's stated retention, {:+.2} with budgets cut to match every saving, {:+.2} with every saving recycled into services.</p>",
            esc(&last),
            c.stated.final_psnd_change_pp_gdp,
            c.budgets_cut_to_match.final_psnd_change_pp_gdp,
            c.savings_recycled.final_psnd_change_pp_gdp
        );
    }
    out.push_str("<p class=\"note\">Expected values (probability of success × success path + the rest × failure path) against the same scenario without interventions. Evidence: the weakest grade of the values that carry the saving (C confirmed in a primary source, U uncertain or derived, J our judgement). Exchequer NPV: the savings the Exchequer keeps (budgets cut) less costs; social NPV: every benefit, cashable or not, less costs and services lost; both at Green Book discount rates (3.5% for 30 years, then 3.0%), base-year prices. Breakeven: the first year from which cumulative net savings stay positive. Interest saved: present value in the base year, discounted at the effective interest rate on debt (negative: more interest paid). The package is projected as a whole, so its effect on debt is not quite the sum of the interventions'.</p>\n");
}

/// The assumptions a scenario changes from the baseline, in plain English
/// with units (the labels the workbook's "Changes from baseline" uses),
/// grouped by table (economy, spending, each intervention, ...), in a
/// table of fixed width whose cells wrap: nothing runs off the page.
fn changes_table(out: &mut String, e: &Entry<'_>) {
    let changes = super::labels::readable_changes(e.scenario);
    if changes.is_empty() {
        out.push_str("<p>No changes: this scenario uses the baseline's assumptions.</p>\n");
        return;
    }
    out.push_str("<div class=\"table-wrap\"><table class=\"changes\">\n<colgroup><col class=\"what\"><col class=\"unit\"><col class=\"value\"><col class=\"value\"></colgroup>\n<thead><tr><th scope=\"col\">Assumption</th><th scope=\"col\">Unit</th><th scope=\"col\">Baseline</th><th scope=\"col\">This scenario</th></tr></thead>\n<tbody>\n");
    let mut group = "";
    for c in &changes {
        if c.group != group {
            group = &c.group;
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">{}</th></tr>",
                esc(group)
            );
        }
        let _ = writeln!(
            out,
            "<tr><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.field),
            esc(&c.item),
            esc(c.unit),
            esc(&c.baseline),
            esc(&c.scenario)
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// Every assumption by dotted path (the appendix).
fn assumptions_table(out: &mut String, e: &Entry<'_>) {
    out.push_str("<div class=\"table-wrap\"><table class=\"kv\">\n<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
    for (k, v) in super::assumptions(e.scenario) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&k),
            esc(&value_text(&v))
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// The report as HTML text.
pub(crate) fn render(entries: &[Entry<'_>], charts: &[Chart]) -> Result<String, ReportError> {
    let names: Vec<String> = entries
        .iter()
        .map(|e| e.scenario.assumptions.name.clone())
        .collect();
    let mut o = String::new();
    page_head(&mut o, entries, &names);
    let any_interventions = entries.iter().any(|e| e.interventions.is_some());
    nav(&mut o, any_interventions);
    o.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    headline_table(&mut o, entries);
    indicators_table(&mut o, entries);
    o.push_str("</section>\n");
    if any_interventions {
        o.push_str("<section id=\"interventions\">\n<h2>Interventions</h2>\n");
        interventions_tables(&mut o, entries);
        o.push_str("</section>\n");
    }
    charts_section(&mut o, charts)?;
    o.push_str(&super::fan::section(entries)?);
    tables_section(&mut o, entries);
    assumptions_section(&mut o, entries);
    data_section(&mut o, entries);
    appendix_section(&mut o, entries);
    let _ = writeln!(
        o,
        "<footer>{}</footer>\n</main>\n</body>\n</html>",
        esc(OGL_ATTRIBUTION)
    );
    Ok(with_page_font(o))
}

/// The document head (title, style, security policy) and the page header
/// up to its navigation ([`nav`] closes it).
fn page_head(o: &mut String, entries: &[Entry<'_>], names: &[String]) {
    o.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No scripts, no external resources: say so to the browser too.
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">\n");
    let _ = writeln!(
        o,
        "<title>UK public finances: long-term projection – {}</title>",
        esc(&names.join(", "))
    );
    let _ = writeln!(o, "<style>{CSS}</style>\n</head>\n<body>\n<main>");
    o.push_str("<header>\n<h1>UK public finances: long-term projection</h1>\n");
    let _ = writeln!(
        o,
        "<p class=\"meta\">{}: {}. Made by fiscal {}.</p>",
        if entries.len() == 1 {
            "Scenario"
        } else {
            "Scenarios"
        },
        esc(&names.join("; ")),
        env!("CARGO_PKG_VERSION")
    );
}

/// The navigation list (the interventions section only when there is one).
fn nav(o: &mut String, any_interventions: bool) {
    o.push_str("<nav><ul><li><a href=\"#summary\">Summary</a></li>");
    if any_interventions {
        o.push_str("<li><a href=\"#interventions\">Interventions</a></li>");
    }
    o.push_str("<li><a href=\"#charts\">Charts</a></li><li><a href=\"#tables\">Summary tables</a></li><li><a href=\"#assumptions\">Assumptions</a></li><li><a href=\"#data\">Data sources</a></li><li><a href=\"#appendix\">Appendix</a></li></ul></nav>\n</header>\n");
}

/// Every chart as inline SVG in a captioned figure.
fn charts_section(o: &mut String, charts: &[Chart]) -> Result<(), ReportError> {
    o.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    for (i, c) in charts.iter().enumerate() {
        let svg = c.svg()?;
        let _ = writeln!(
            o,
            "<figure class=\"chart\" id=\"chart-{}-{}\" aria-label=\"{}\">",
            c.kind.key(),
            i + 1,
            esc(&format!("{}. {}", c.frame.title, c.frame.scenario))
        );
        // plotters escapes every text it writes into the SVG.
        o.push_str(&svg);
        // The note is already in the chart; the caption names it for
        // screen readers and for the list of figures when printed.
        let _ = writeln!(
            o,
            "<figcaption>Figure {}: {}. {}</figcaption>\n</figure>",
            i + 1,
            esc(&c.frame.title),
            esc(&c.frame.scenario)
        );
    }
    o.push_str("</section>\n");

    Ok(())
}

/// Each scenario's description and summary table.
fn tables_section(o: &mut String, entries: &[Entry<'_>]) {
    o.push_str("<section id=\"tables\">\n<h2>Summary tables</h2>\n");
    for e in entries {
        let _ = writeln!(o, "<h3>{}</h3>", esc(&e.scenario.assumptions.name));
        if !e.scenario.assumptions.description.is_empty() {
            let _ = writeln!(o, "<p>{}</p>", esc(&e.scenario.assumptions.description));
        }
        summary_table(o, e);
    }
    o.push_str("</section>\n");
}

/// Each scenario's changes from the baseline and its files with hashes.
fn assumptions_section(o: &mut String, entries: &[Entry<'_>]) {
    o.push_str("<section id=\"assumptions\">\n<h2>Assumptions changed from the baseline</h2>\n");
    for e in entries {
        let _ = writeln!(o, "<h3>{}</h3>", esc(&e.scenario.assumptions.name));
        changes_table(o, e);
        o.push_str("<p class=\"note\">Scenario files (root first), with SHA-256:</p>\n<ul class=\"files\">\n");
        for f in &e.scenario.files {
            let _ = writeln!(
                o,
                "<li><code>{}</code> <small>{}</small></li>",
                esc(&f.path),
                esc(&f.sha256)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

/// The publications the data tables were read from.
fn data_section(o: &mut String, entries: &[Entry<'_>]) {
    o.push_str("<section id=\"data\">\n<h2>Data sources</h2>\n");
    if let Some(e) = entries.first() {
        o.push_str("<div class=\"table-wrap\"><table class=\"kv\">\n<thead><tr><th scope=\"col\">Table</th><th scope=\"col\">Publication</th><th scope=\"col\">Read from</th></tr></thead>\n<tbody>\n");
        for v in vintages(e.data) {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(v.table),
                esc(&v.publication),
                esc(&v.source)
            );
        }
        o.push_str("</tbody></table></div>\n");
    }
    o.push_str("</section>\n");
}

/// Every assumption of each scenario, folded.
fn appendix_section(o: &mut String, entries: &[Entry<'_>]) {
    o.push_str("<section id=\"appendix\">\n<h2>Appendix: every assumption</h2>\n<p class=\"note\">Each field by its path in the scenario file (see docs/scenarios.md).</p>\n");
    for e in entries {
        let _ = writeln!(
            o,
            "<details><summary>{}</summary>",
            esc(&e.scenario.assumptions.name)
        );
        assumptions_table(o, e);
        o.push_str("</details>\n");
    }
    o.push_str("</section>\n");
}

/// The page with the house font embedded for its own text (the charts
/// carry theirs), subset to the characters outside the charts, so that the
/// report reads the same in every browser.
fn with_page_font(page: String) -> String {
    let mut chars = std::collections::BTreeSet::new();
    let mut rest = page.as_str();
    while !rest.is_empty() {
        let (text, after) = match rest.find("<svg") {
            Some(i) => (
                &rest[..i],
                rest[i..].find("</svg>").map_or("", |j| &rest[i + j + 6..]),
            ),
            None => (rest, ""),
        };
        chars.extend(text.chars().filter(|c| !c.is_control()));
        rest = after;
    }
    let css = crate::chart::font_face_css("Open Sans", &chars);
    page.replacen("<style>", &format!("<style>{css}</style>\n<style>"), 1)
}
