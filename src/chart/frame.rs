//! The chrome every chart shares: title, scenario label, a legend laid out in
//! rows above the plot (so it can never cover data), and the source line.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, INK, MUTED};
use super::ChartError;
use crate::output::json::OGL_ATTRIBUTION;

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// A line segment.
    Line(RGBColor),
    /// A thin line segment (a reference line drawn over the others).
    ThinLine(RGBColor),
    /// A filled square.
    Swatch(RGBColor),
    /// A black bar marker (net change in the decomposition).
    Marker(RGBColor),
    /// A line in its colour, dash and marker; thin when `true` (the
    /// reference series).
    Series(style::SeriesStyle, bool),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// What the entry stands for.
    pub label: String,
    /// How it is drawn.
    pub key: Key,
}

impl LegendEntry {
    /// A line entry.
    pub fn line(label: impl Into<String>, colour: RGBColor) -> Self {
        LegendEntry {
            label: label.into(),
            key: Key::Line(colour),
        }
    }
    /// A filled-square entry.
    pub fn swatch(label: impl Into<String>, colour: RGBColor) -> Self {
        LegendEntry {
            label: label.into(),
            key: Key::Swatch(colour),
        }
    }
}

/// Title, scenario label and source of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// What the chart shows.
    pub title: String,
    /// Which scenario(s) it shows, e.g. `Scenario: baseline`.
    pub scenario: String,
    /// Whether official data is shown (adds the OGL attribution).
    pub official: bool,
    /// A note above the source line (e.g. what shading means).
    pub note: Option<String>,
    /// The publications of the source line
    /// ([`crate::output::publications::source_line`] of the run's data);
    /// empty, a line that names no vintage.
    pub sources: String,
}

/// The source line every chart carries: the publications (data vintages),
/// the tool and its version, and the scenarios drawn.
pub(crate) fn source_line(frame: &Frame) -> String {
    let names = frame
        .scenario
        .strip_prefix("Scenarios: ")
        .or_else(|| frame.scenario.strip_prefix("Scenario: "))
        .unwrap_or(&frame.scenario);
    let sources = if frame.sources.is_empty() {
        "OBR, ONS and DMO publications (the run's data sources name them)"
    } else {
        &frame.sources
    };
    format!(
        "Source: {sources}. fiscal {} projection, {}.",
        env!("CARGO_PKG_VERSION"),
        names
    )
}

/// `text` in at most two lines of `max` pixels, broken at a space; the
/// second shortened with an ellipsis if it is still too long.
fn wrap2(text: &str, font: &FontDesc<'_>, max: u32) -> Vec<String> {
    if style::text_width(text, font) <= max {
        return vec![text.to_string()];
    }
    let mut cut = 0;
    for (i, _) in text.match_indices(' ') {
        if style::text_width(&text[..i], font) > max {
            break;
        }
        cut = i;
    }
    if cut == 0 {
        return vec![style::fit(text, font, max)];
    }
    vec![
        text[..cut].to_string(),
        style::fit(text[cut..].trim_start(), font, max),
    ]
}

/// Horizontal page margin, pixels.
pub(crate) const MARGIN: i32 = 28;
const KEY_W: i32 = 44;
const GAP: i32 = 10;
const ENTRY_GAP: i32 = 30;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draw the chrome on `root` and return the area left for the plot.
pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    frame: &Frame,
    legend: &[LegendEntry],
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let max_text = w.saturating_sub(2 * MARGIN as u32);
    let mut y = draw_titles(root, frame, max_text)?;
    if !legend.is_empty() {
        y = draw_legend(root, legend, y + 4)?;
    }
    y += 8;
    let bottom = draw_footer(root, frame, max_text, h as i32)? - 6;
    let plot_h = (bottom - y).max(50);
    let plot = root.clone().shrink((0, y), (w, plot_h as u32));
    Ok(plot)
}

/// The title and the scenario line; returns the height below them.
fn draw_titles<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    frame: &Frame,
    max_text: u32,
) -> Result<i32, ChartError> {
    let title_font = style::bold(style::TITLE);
    let title = style::fit(&frame.title, &title_font, max_text);
    root.draw_text(&title, &title_font.color(&INK), (MARGIN, 16))
        .map_err(err)?;
    let sub_font = style::font(style::SUBTITLE);
    let sub = style::fit(&frame.scenario, &sub_font, max_text);
    let y = 16 + (style::TITLE * 1.05) as i32;
    root.draw_text(&sub, &sub_font.color(&MUTED), (MARGIN, y))
        .map_err(err)?;
    Ok(y + (style::SUBTITLE * 1.25) as i32)
}

/// The legend from height `y`: entries flow left to right and wrap, so
/// long scenario names push the plot down instead of overlapping it.
/// Returns the height below it.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    legend: &[LegendEntry],
    mut y: i32,
) -> Result<i32, ChartError> {
    let (w, _) = root.dim_in_pixel();
    let lfont = style::font(style::LABEL);
    let row_h = (style::LABEL * 1.3) as i32;
    let mut x = MARGIN;
    let right = w as i32 - MARGIN;
    let max_label = (right - MARGIN - KEY_W - GAP).max(40) as u32;
    for e in legend {
        let label = style::fit(&e.label, &lfont, max_label.min(520));
        let tw = style::text_width(&label, &lfont) as i32;
        let need = KEY_W + GAP + tw;
        if x > MARGIN && x + need > right {
            x = MARGIN;
            y += row_h;
        }
        draw_key(root, e.key, x, y + row_h / 2 - 2)?;
        root.draw_text(&label, &lfont.color(&INK), (x + KEY_W + GAP, y + 2))
            .map_err(err)?;
        x += need + ENTRY_GAP;
    }
    Ok(y + row_h)
}

/// One legend key at `x`, centred on height `mid`.
fn draw_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    key: Key,
    x: i32,
    mid: i32,
) -> Result<(), ChartError> {
    match key {
        Key::Line(c) | Key::ThinLine(c) => {
            let w = if matches!(key, Key::Line(_)) { 4 } else { 2 };
            root.draw(&PathElement::new(
                vec![(x, mid), (x + KEY_W, mid)],
                c.stroke_width(w),
            ))
            .map_err(err)?;
        }
        Key::Series(look, thin) => {
            let w = if thin { 2 } else { 4 };
            super::marker::draw_line(root, &[(x - 4, mid), (x + KEY_W + 4, mid)], &look, w)?;
            super::marker::draw(root, (x + KEY_W / 2, mid), look.marker, look.colour, 7)?;
        }
        Key::Swatch(c) => {
            root.draw(&Rectangle::new(
                [(x + 4, mid - 10), (x + KEY_W - 4, mid + 10)],
                c.filled(),
            ))
            .map_err(err)?;
        }
        Key::Marker(c) => {
            root.draw(&Rectangle::new(
                [(x + 2, mid - 3), (x + KEY_W - 2, mid + 3)],
                c.filled(),
            ))
            .map_err(err)?;
        }
    }
    Ok(())
}

/// The footer, bottom up from height `h`: the source line, then the note
/// above it. Returns the height above it.
fn draw_footer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    frame: &Frame,
    max_text: u32,
    h: i32,
) -> Result<i32, ChartError> {
    let nfont = style::font(style::NOTE);
    let line_h = (style::NOTE * 1.25) as i32;
    let mut bottom = h - 12;
    let mut footer = Vec::new();
    if let Some(note) = &frame.note {
        footer.extend(wrap2(note, &nfont, max_text));
    }
    if frame.official {
        footer.extend(wrap2(&source_line(frame), &nfont, max_text));
        footer.push(style::fit(OGL_ATTRIBUTION, &nfont, max_text));
    }
    for line in footer.iter().rev() {
        bottom -= line_h;
        root.draw_text(line, &nfont.color(&MUTED), (MARGIN, bottom))
            .map_err(err)?;
    }
    Ok(bottom)
}
