//! Line styles beyond colour: dashes and markers, so that a chart's lines
//! can be told apart in greyscale print and by colour-blind readers.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Marker, SeriesStyle};
use super::ChartError;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draw `marker` centred on the pixel `at` of `area` (pixels relative to
/// the area), `r` pixels in radius, in `colour`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    marker: Marker,
    colour: RGBColor,
    r: i32,
) -> Result<(), ChartError> {
    let (x, y) = at;
    let fill = colour.filled();
    match marker {
        Marker::Circle => area.draw(&Circle::new(at, r, fill)),
        Marker::Ring => {
            area.draw(&Circle::new(at, r, WHITE.filled()))
                .map_err(err)?;
            area.draw(&Circle::new(at, r, colour.stroke_width(3)))
        }
        Marker::Square => {
            let s = r * 8 / 10;
            area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], fill))
        }
        Marker::Triangle => area.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y + r * 7 / 10), (x - r, y + r * 7 / 10)],
            fill,
        )),
        Marker::Diamond => area.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            fill,
        )),
        Marker::Cross => {
            let s = r * 8 / 10;
            area.draw(&PathElement::new(
                vec![(x - s, y - s), (x + s, y + s)],
                colour.stroke_width(3),
            ))
            .map_err(err)?;
            area.draw(&PathElement::new(
                vec![(x - s, y + s), (x + s, y - s)],
                colour.stroke_width(3),
            ))
        }
    }
    .map_err(err)
}

/// Draw a polyline through the pixels `points` of `area` in `style`'s
/// colour and dash, `width` pixels wide.
pub(crate) fn draw_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(i32, i32)],
    style: &SeriesStyle,
    width: u32,
) -> Result<(), ChartError> {
    let stroke = style.colour.stroke_width(width);
    match style.dash {
        None => area.draw(&PathElement::new(points.to_vec(), stroke)),
        Some((dash, gap)) => area.draw(&plotters::element::DashedPathElement::new(
            points.iter().copied(),
            dash as i32,
            gap as i32,
            stroke,
        )),
    }
    .map_err(err)
}

/// Which points of a series of `n` carry a marker: every tenth, staggered
/// by the series' index so that markers of lines that run together do not
/// sit on one another, and the last.
pub(crate) fn marked(n: usize, series: usize) -> impl Iterator<Item = usize> {
    let offset = (series * 3) % 10;
    (0..n).filter(move |k| (k + 10 - offset).is_multiple_of(10) || k + 1 == n)
}
