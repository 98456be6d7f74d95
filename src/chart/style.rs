//! The house style: canvas size, font sizes, the Okabe–Ito palette and a few
//! text helpers shared by every chart.

use plotters::style::{FontDesc, FontStyle, IntoFont, RGBColor, TextStyle};

use super::font::FAMILY;

/// Width of every chart, pixels (SVG user units and PNG pixels alike).
pub const WIDTH: u32 = 1200;
/// Height of every chart, pixels.
pub const HEIGHT: u32 = 720;

// Font sizes in plotters units (SVG font-size is this / 1.24). Chosen so that
// ticks stay legible when the chart is shrunk to half width in a briefing.
/// Chart title.
pub const TITLE: f64 = 36.0;
/// Scenario label under the title.
pub const SUBTITLE: f64 = 25.0;
/// Axis titles.
pub const AXIS: f64 = 24.0;
/// Tick labels, legend entries and value labels.
pub const LABEL: f64 = 22.0;
/// Source line and notes.
pub const NOTE: f64 = 19.0;

/// Okabe–Ito colours (Okabe and Ito, 2008), safe for the common forms of
/// colour-blindness. Black is kept for reference lines.
pub mod okabe_ito {
    use plotters::style::RGBColor;
    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// Sky blue.
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    /// Bluish green.
    pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// Yellow.
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
    /// Blue.
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// Vermillion.
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// Reddish purple.
    pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
    /// Black.
    pub const BLACK: RGBColor = RGBColor(0, 0, 0);
}

use okabe_ito::*;

/// Neutral grey used as the eighth fill (black would swamp an area chart).
pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Text colour: near-black reads softer than pure black.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (scenario label, source line).
pub const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Gridlines.
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// Colours for lines, most distinct first (yellow last: weak on white).
pub const LINES: [RGBColor; 8] = [
    BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, BLACK, YELLOW,
];
/// A light grey, the ninth fill.
pub const PALE_GREY: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);
/// A dark grey, the tenth fill.
pub const DARK_GREY: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);

/// Colours for filled areas and bars: ten, so that no stacked chart of
/// ours (at most ten areas: the receipts lines) repeats a colour.
pub const FILLS: [RGBColor; 10] = [
    BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PURPLE, YELLOW, GREY, PALE_GREY, DARK_GREY,
];

/// The `i`th line colour, cycling.
pub fn line_colour(i: usize) -> RGBColor {
    LINES[i % LINES.len()]
}

/// The `i`th fill colour, cycling.
pub fn fill_colour(i: usize) -> RGBColor {
    FILLS[i % FILLS.len()]
}

/// A font of the house family.
pub fn font(size: f64) -> FontDesc<'static> {
    (FAMILY, size).into_font()
}

/// A bold font of the house family.
pub fn bold(size: f64) -> FontDesc<'static> {
    (FAMILY, size, FontStyle::Bold).into_font()
}

/// A text style: house font of `size` in `colour`.
pub fn text(size: f64, colour: RGBColor) -> TextStyle<'static> {
    font(size).color(&colour)
}

/// Approximate rendered width of `text` in pixels, from the embedded font's
/// metrics (0 when the font is unavailable).
pub fn text_width(text: &str, font: &FontDesc<'_>) -> u32 {
    font.box_size(text).map(|(w, _)| w).unwrap_or(0)
}

/// `text`, shortened with an ellipsis so that it fits in `max` pixels.
/// The longest prefix that fits is found by bisection (width grows with
/// the prefix), so a long name costs a few dozen measurements, not one per
/// character; control characters are dropped (they are not valid in SVG).
pub fn fit(text: &str, font: &FontDesc<'_>, max: u32) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if text_width(&clean, font) <= max {
        return clean;
    }
    let chars: Vec<char> = clean.chars().collect();
    let with_ellipsis = |n: usize| chars.iter().take(n).collect::<String>() + "…";
    // Invariant: a prefix of `lo` chars fits (0 always "fits": a lone
    // ellipsis is the floor); one of `hi` does not.
    let (mut lo, mut hi) = (0, chars.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if text_width(&with_ellipsis(mid), font) <= max {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    with_ellipsis(lo)
}

/// A "nice" axis step (1, 2, 2.5 or 5 × 10^k) giving about `target` intervals over `span`.
pub fn nice_step(span: f64, target: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Axis bounds and ticks covering `lo..=hi` with nice steps; `lo` and `hi`
/// are widened to multiples of the step.
pub fn nice_axis(lo: f64, hi: f64, target: usize) -> (f64, f64, Vec<f64>) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let step = nice_step(hi - lo, target);
    let a = (lo / step).floor() * step;
    let b = (hi / step).ceil() * step;
    let n = ((b - a) / step).round() as i64;
    let ticks = (0..=n).map(|k| a + k as f64 * step).collect();
    (a, b, ticks)
}

/// A tick value without spurious decimals (and no `-0`).
pub fn tick(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let s = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else if (r * 10.0).fract() == 0.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.2}")
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_finds_the_longest_prefix() {
        super::super::font::ensure_registered();
        let f = font(12.0);
        let long = "abcdefghij".repeat(400);
        let t = fit(&long, &f, 100);
        assert!(t.ends_with('…') && text_width(&t, &f) <= 100, "{t}");
        let one_more: String = long.chars().take(t.chars().count()).collect::<String>() + "…";
        assert!(text_width(&one_more, &f) > 100);
        assert_eq!(fit("short", &f, 1000), "short");
        assert_eq!(fit("a\u{1b}[31mb", &f, 1000), "a[31mb");
    }

    #[test]
    fn nice_axes() {
        let (a, b, t) = nice_axis(3.0, 97.0, 5);
        assert_eq!((a, b), (0.0, 100.0));
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let (a, b, _) = nice_axis(-1.3, 2.2, 6);
        assert!(a <= -1.3 && b >= 2.2);
        assert_eq!(tick(-0.0), "0");
        assert_eq!(tick(2.5), "2.5");
    }

    #[test]
    fn every_stacked_line_chart_has_its_own_fill() {
        let most = crate::model::Receipt::N.max(crate::model::Spend::N);
        assert!(
            FILLS.len() >= most,
            "{} fills for {most} areas",
            FILLS.len()
        );
    }
}
