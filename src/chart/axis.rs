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
    chart: &mut plotters::prelude::ChartContext<'_, DB, plotters::prelude::Cartesian2d<Axis, Axis>>,
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
