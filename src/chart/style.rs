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
/// Source line and notes: as large as the tick labels, so that the source
/// is still legible when a 1200-pixel chart is pasted at half width (about
/// 8 pt in a Word column).
pub const NOTE: f64 = 22.0;

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

/// Neutral grey for a summed remainder ("other interventions").
pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Text colour: near-black reads softer than pure black.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (scenario label, source line).
pub const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Gridlines.
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// Colours for lines, most distinct first (yellow last: weak on white).
/// Each line also has its own dash and marker ([`series_style`]), so
/// lines stay apart in greyscale print too.
pub const LINES: [RGBColor; 8] = [
    BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, BLACK, YELLOW,
];

/// Paul Tol's wine, indigo and sand (Tol 2021, "muted" scheme), the three
/// fills after the seven Okabe–Ito colours: also safe for colour-blind
/// readers, where the greys they replace were three shades of one colour.
pub mod tol {
    use plotters::style::RGBColor;
    /// Wine.
    pub const WINE: RGBColor = RGBColor(0x88, 0x22, 0x55);
    /// Indigo.
    pub const INDIGO: RGBColor = RGBColor(0x33, 0x22, 0x88);
    /// Sand.
    pub const SAND: RGBColor = RGBColor(0xDD, 0xCC, 0x77);
}

/// Colours for filled areas and bars: ten, so that no stacked chart of
/// ours (at most ten areas: the receipts lines) repeats a colour. The
/// smallest difference between any two, seen with deuteranopia (Machado
/// et al. 2009), is ΔE*ab 17 (tested against `MIN_DEUTAN_DELTA_E`).
pub const FILLS: [RGBColor; 10] = [
    BLUE,
    ORANGE,
    GREEN,
    VERMILLION,
    SKY_BLUE,
    PURPLE,
    YELLOW,
    tol::WINE,
    tol::INDIGO,
    tol::SAND,
];

/// How the `i`th line of a chart is drawn: colour, dash and marker, each
/// different, so that a line is told from its neighbours by any one of
/// them (in greyscale print, by dash and marker).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesStyle {
    /// Line colour.
    pub colour: RGBColor,
    /// Dash and gap lengths in pixels; `None` for a solid line.
    pub dash: Option<(u32, u32)>,
    /// The marker drawn along the line and in the legend.
    pub marker: Marker,
}

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A filled circle.
    Circle,
    /// A filled square.
    Square,
    /// A filled triangle, point up.
    Triangle,
    /// A filled diamond.
    Diamond,
    /// An open circle.
    Ring,
    /// A cross.
    Cross,
}

const DASHES: [Option<(u32, u32)>; 6] = [
    None,
    Some((18, 8)),
    Some((6, 6)),
    Some((28, 8)),
    Some((12, 5)),
    Some((3, 5)),
];

const MARKERS: [Marker; 6] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::Ring,
    Marker::Cross,
];

/// The style of the `i`th line, cycling.
pub fn series_style(i: usize) -> SeriesStyle {
    SeriesStyle {
        colour: line_colour(i),
        dash: DASHES[i % DASHES.len()],
        marker: MARKERS[i % MARKERS.len()],
    }
}

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

    /// The least CIE76 colour difference between any two colours of
    /// [`LINES`] or [`FILLS`] once simulated for deuteranopia (the commonest
    /// colour-vision deficiency): 15 ΔE*ab, well above the 2–3 a reader can
    /// just tell apart, so series remain distinguishable by colour alone.
    const MIN_DEUTAN_DELTA_E: f64 = 15.0;

    /// Linear-light sRGB of an 8-bit channel.
    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB (D65) of `c` as a deuteranope sees it: the Machado, Oliveira
    /// and Fernandes (2009) matrix for severity 1.0 on linear sRGB.
    fn deutan_lab(c: RGBColor) -> [f64; 3] {
        const M: [[f64; 3]; 3] = [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ];
        let l = [linear(c.0), linear(c.1), linear(c.2)];
        let d: Vec<f64> = M
            .iter()
            .map(|r| (r[0] * l[0] + r[1] * l[1] + r[2] * l[2]).clamp(0.0, 1.0))
            .collect();
        let x = (0.4124 * d[0] + 0.3576 * d[1] + 0.1805 * d[2]) / 0.95047;
        let y = 0.2126 * d[0] + 0.7152 * d[1] + 0.0722 * d[2];
        let z = (0.0193 * d[0] + 0.1192 * d[1] + 0.9505 * d[2]) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn least_deutan_difference(palette: &[RGBColor]) -> (f64, String) {
        let mut least = (f64::INFINITY, String::new());
        for (i, a) in palette.iter().enumerate() {
            for b in &palette[i + 1..] {
                let (la, lb) = (deutan_lab(*a), deutan_lab(*b));
                let d = la
                    .iter()
                    .zip(lb)
                    .map(|(p, q)| (p - q).powi(2))
                    .sum::<f64>()
                    .sqrt();
                if d < least.0 {
                    least = (d, format!("{a:?} and {b:?}"));
                }
            }
        }
        least
    }

    #[test]
    fn palettes_stay_apart_for_deuteranopes() {
        for (name, palette) in [("lines", &LINES[..]), ("fills", &FILLS[..])] {
            let (d, pair) = least_deutan_difference(palette);
            assert!(
                d >= MIN_DEUTAN_DELTA_E,
                "{name}: {pair} differ by only ΔE {d:.1} with deuteranopia"
            );
        }
        // The simulation can fail: the greys this palette replaced could not
        // be told from purple.
        let old = [PURPLE, RGBColor(0x99, 0x99, 0x99)];
        assert!(least_deutan_difference(&old).0 < MIN_DEUTAN_DELTA_E);
    }

    #[test]
    fn neighbouring_lines_differ_in_dash_and_marker() {
        for i in 0..DASHES.len() {
            let (a, b) = (series_style(i), series_style(i + 1));
            assert_ne!(a.dash, b.dash);
            assert_ne!(a.marker, b.marker);
            assert_ne!(a.colour, b.colour);
        }
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
