//! The size a chart is drawn at and how large its text is.
//!
//! A chart is laid out on a logical canvas in house units (text of the
//! sizes in [`super::style`]) and drawn onto the requested size: the SVG by
//! its `viewBox`, the PNG by scaling every stroke and glyph, the PDF from
//! the SVG at 96 pixels to the inch. The logical canvas is the requested
//! size over the *text scale*: the `font_scale` the user asks for times the
//! chart's width over 1,200 pixels, kept between 0.6 and 2. So a chart at
//! half width keeps its text at 60 % of the full-size chart's (legible in a
//! Word column) rather than shrinking it to half, and a large chart is the
//! house chart enlarged.

use super::style::{HEIGHT, WIDTH};
use super::ChartError;

/// How a chart is sized.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Width of the image, pixels (1/96 inch in SVG and PDF).
    pub width_px: u32,
    /// Height of the image, pixels.
    pub height_px: u32,
    /// Text size relative to the house sizes for this width (1 = house).
    pub font_scale: f64,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width_px: WIDTH,
            height_px: HEIGHT,
            font_scale: 1.0,
        }
    }
}

/// The named sizes of `--size`: name, width and height (pixels at 96 dpi)
/// and what they are for.
pub const NAMED_SIZES: [(&str, u32, u32, &str); 3] = [
    (
        "a4-half",
        643,
        416,
        "170 × 110 mm: half an A4 page's text area, e.g. a Word document",
    ),
    (
        "slide",
        1280,
        720,
        "16:9 presentation slide (13.3 × 7.5 in)",
    ),
    (
        "default",
        WIDTH,
        HEIGHT,
        "the house size, 1200 × 720 pixels",
    ),
];

/// Smallest and largest width or height accepted, pixels.
pub const SIDE_RANGE_PX: (u32, u32) = (200, 8000);
/// Smallest and largest `font_scale` accepted.
pub const FONT_SCALE_RANGE: (f64, f64) = (0.5, 3.0);
/// The smallest logical canvas a chart's furniture fits on.
const MIN_LOGICAL: (u32, u32) = (480, 300);

impl Layout {
    /// A named size (see [`NAMED_SIZES`]).
    pub fn named(name: &str) -> Option<Layout> {
        NAMED_SIZES
            .iter()
            .find(|(n, ..)| n.eq_ignore_ascii_case(name))
            .map(|&(_, w, h, _)| Layout {
                width_px: w,
                height_px: h,
                font_scale: 1.0,
            })
    }

    /// A layout of `width_px` × `height_px` with text `font_scale` times the
    /// house size, checked: each side in [`SIDE_RANGE_PX`], the scale in
    /// [`FONT_SCALE_RANGE`], and room left for the plot.
    pub fn new(width_px: u32, height_px: u32, font_scale: f64) -> Result<Layout, crate::Error> {
        let (lo, hi) = SIDE_RANGE_PX;
        for (name, v) in [("width", width_px), ("height", height_px)] {
            if !(lo..=hi).contains(&v) {
                return Err(ChartError::BadOption(format!(
                    "chart {name} {v} is outside {lo} to {hi} pixels; give a size in that range or a named --size (a4-half, slide)"
                ))
                .into());
            }
        }
        let (flo, fhi) = FONT_SCALE_RANGE;
        if !(flo..=fhi).contains(&font_scale) {
            return Err(ChartError::BadOption(format!(
                "font scale {font_scale} is outside {flo} to {fhi}; 1 is the house size"
            ))
            .into());
        }
        let layout = Layout {
            width_px,
            height_px,
            font_scale,
        };
        let (lw, lh) = layout.logical();
        if lw < MIN_LOGICAL.0 || lh < MIN_LOGICAL.1 {
            return Err(ChartError::BadOption(format!(
                "text at font scale {font_scale} leaves too little room for the plot on a {width_px} × {height_px} chart; lower --font-scale or enlarge the chart"
            ))
            .into());
        }
        Ok(layout)
    }

    /// Text size relative to the logical canvas: see the module docs.
    pub fn text_scale(&self) -> f64 {
        let by_width = f64::from(self.width_px) / f64::from(WIDTH);
        self.font_scale * by_width.clamp(0.6, 2.0)
    }

    /// The logical canvas the chart is laid out on, house units.
    pub fn logical(&self) -> (u32, u32) {
        let s = self.text_scale();
        (
            (f64::from(self.width_px) / s).round() as u32,
            (f64::from(self.height_px) / s).round() as u32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_house_layout_is_its_own_canvas() {
        let l = Layout::default();
        assert_eq!(l.logical(), (WIDTH, HEIGHT));
        let half = Layout::named("a4-half").expect("named");
        // Text at 0.6 of the house size, not 0.54: a wider logical canvas.
        assert!((half.text_scale() - 0.6).abs() < 1e-9);
        assert_eq!(half.logical().0, 1072);
    }

    #[test]
    fn out_of_range_layouts_are_refused() {
        assert!(Layout::new(100, 500, 1.0).is_err());
        assert!(Layout::new(600, 500, 0.1).is_err());
        assert!(Layout::new(600, 300, 3.0).is_err());
        assert!(Layout::new(600, 400, 1.0).is_ok());
    }
}
