//! What a screen reader hears: every SVG carries the chart's title as its
//! `<title>` and a description as its `<desc>` (the scenarios, each
//! line's first and last value, the note and the source), and `role="img"`.

use super::{frame, Body, Chart};

/// `s` escaped for XML text.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `svg` with `<title>` and `<desc>` as the first children of its root.
pub(crate) fn with_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let clean = |t: &str| -> String { t.chars().filter(|c| !c.is_control()).collect() };
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|s| svg[s..].find('>').map(|e| s + e + 1))
    else {
        return svg.to_string();
    };
    format!(
        "{}\n<title>{}</title>\n<desc>{}</desc>{}",
        &svg[..open_end],
        esc(&clean(title)),
        esc(&clean(desc)),
        &svg[open_end..]
    )
}

/// The chart in words.
pub(crate) fn describe(chart: &Chart) -> String {
    let mut parts = vec![chart.frame.scenario.clone()];
    match &chart.body {
        Body::Lines(l) => {
            let unit = if l.value_suffix.is_empty() {
                format!(" ({})", l.y_desc)
            } else {
                String::new()
            };
            for s in &l.series {
                if let (Some(a), Some(b)) = (s.points.first(), s.points.last()) {
                    parts.push(format!(
                        "{}: {:.*}{} in {} to {:.*}{} in {}{unit}",
                        s.label,
                        l.decimals,
                        a.1,
                        l.value_suffix,
                        a.0,
                        l.decimals,
                        b.1,
                        l.value_suffix,
                        b.0
                    ));
                }
            }
        }
        Body::Stacked(st) => {
            let total = |j: usize| -> f64 {
                st.layers
                    .iter()
                    .map(|l| l.values.get(j).copied().unwrap_or(0.0))
                    .sum()
            };
            if let (Some(a), Some(b)) = (st.years.first(), st.years.last()) {
                parts.push(format!(
                    "{}: {:.1} {} in {a} to {:.1} in {b}, in {} layers",
                    st.total_label,
                    total(0),
                    st.y_desc,
                    total(st.years.len().saturating_sub(1)),
                    st.layers.len()
                ));
            }
        }
        _ => {}
    }
    if let Some(note) = &chart.frame.note {
        parts.push(note.trim_end_matches('.').to_string());
    }
    if chart.frame.official {
        parts.push(
            frame::source_line(&chart.frame)
                .trim_end_matches('.')
                .to_string(),
        );
    }
    parts.join(". ") + "."
}
