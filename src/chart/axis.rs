//! A numeric axis with exactly the ticks we choose. plotters' own
//! `with_key_points` on `f64` cannot take a mesh (no default formatter), and
//! its automatic ticks land on values like 2032.5 for fiscal years.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;

/// `lo..hi` with gridlines and labels at `ticks`.
#[derive(Clone)]
pub struct Axis {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Axis {
    /// An axis over `lo..hi` ticked at `ticks` (those outside are dropped).
    pub fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Axis {
        let ticks = ticks
            .into_iter()
            .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
            .collect();
        Axis {
            inner: (lo..hi).into(),
            ticks,
        }
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold points: one gridline per tick, no minor lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        super::style::tick(*value)
    }
}

/// Draw the house grid and axes of a chart whose x axis is fiscal years:
/// horizontal grid lines only, muted axes, fiscal-year tick labels.
pub fn draw_year_mesh<DB: plotters::prelude::DrawingBackend>(
    chart: &mut YearChart<'_, DB>,
    y_desc: &str,
) -> Result<(), plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::prelude::{Color, TRANSPARENT};
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(super::style::GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(super::style::MUTED.stroke_width(1))
        .x_desc("Fiscal year")
        .y_desc(y_desc)
        .axis_desc_style(super::style::font(super::style::AXIS).color(&super::style::INK))
        .label_style(super::style::font(super::style::LABEL).color(&super::style::INK))
        .x_label_formatter(&|x| crate::years::FiscalYear(x.round() as i32).to_string())
        .y_label_formatter(&|y| super::style::tick(*y))
        .draw()
}

/// The fiscal-year x axis of a full-width chart from `first` to `last`: a
/// tick every ten years and the final year (dropping a decade tick that
/// would crowd it).
pub fn year_axis(first: crate::years::FiscalYear, last: crate::years::FiscalYear) -> Axis {
    let mut ticks: Vec<f64> = (first.0..=last.0)
        .step_by(10)
        .filter(|y| last.0 - y >= 5)
        .map(f64::from)
        .collect();
    ticks.push(f64::from(last.0));
    Axis::new(first.0 as f64 - 0.5, last.0 as f64 + 0.5, ticks)
}

/// A plot with an [`Axis`] across and one up.
pub type AxisChart<'a, DB> =
    plotters::prelude::ChartContext<'a, DB, plotters::prelude::Cartesian2d<Axis, Axis>>;

/// A chart drawn on fiscal years across and values up.
pub type YearChart<'a, DB> = AxisChart<'a, DB>;

/// A full-width chart with fiscal years across and `y` up, leaving room on
/// the right for end labels `label_width_px` wide.
pub fn year_chart<'a, DB: plotters::prelude::DrawingBackend>(
    area: &'a plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    label_width_px: i32,
    x: Axis,
    y: Axis,
) -> Result<YearChart<'a, DB>, plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>> {
    plotters::prelude::ChartBuilder::on(area)
        .margin_left(super::frame::MARGIN - 8)
        // Browsers set SVG text in their own sans-serif, often wider than
        // the embedded face the width was measured with.
        .margin_right(label_width_px * 115 / 100 + 28)
        .margin_top(6)
        .x_label_area_size(64)
        .y_label_area_size(86)
        .build_cartesian_2d(x, y)
}

/// The one convention for the forecast period on every fiscal-year chart:
/// a dashed vertical line after the last OBR forecast year `end`, labelled
/// "OBR forecast" on its left and "Projection" on its right at the top of
/// the plot. A line (not a shaded band) so that it shows the same over
/// lines and over stacked areas.
pub fn draw_forecast_boundary<DB: plotters::prelude::DrawingBackend>(
    chart: &mut YearChart<'_, DB>,
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    end: crate::years::FiscalYear,
) -> Result<(), plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let x = chart.x_range();
    let y = chart.y_range();
    let bx = end.0 as f64 + 0.5;
    if bx <= x.start || bx >= x.end {
        return Ok(());
    }
    let top = chart.backend_coord(&(bx, y.end));
    let bottom = chart.backend_coord(&(bx, y.start));
    // Dashes by hand: plotters 0.3's dashed style is not in every backend.
    let mut py = top.1;
    while py < bottom.1 {
        let end_y = (py + 6).min(bottom.1);
        area.draw(&PathElement::new(
            vec![
                (
                    top.0 - area.get_base_pixel().0,
                    py - area.get_base_pixel().1,
                ),
                (
                    top.0 - area.get_base_pixel().0,
                    end_y - area.get_base_pixel().1,
                ),
            ],
            super::style::MUTED.stroke_width(2),
        ))?;
        py += 11;
    }
    let base = area.get_base_pixel();
    let note = super::style::text(super::style::NOTE, super::style::MUTED);
    area.draw_text(
        "OBR forecast",
        &note.pos(Pos::new(HPos::Right, VPos::Top)),
        (top.0 - base.0 - 8, top.1 - base.1 + 6),
    )?;
    area.draw_text(
        "Projection",
        &note.pos(Pos::new(HPos::Left, VPos::Top)),
        (top.0 - base.0 + 8, top.1 - base.1 + 6),
    )
}
