//! The heatmap of a two-field `fiscal sweep`: final-year PSND for every
//! pair of values, each cell coloured on a light-to-dark scale and
//! labelled with its value.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Frame, LegendEntry};
use super::style::{self, INK, MUTED};
use super::{csv_table, Body, Chart, ChartError, ChartKind};

/// The heatmap's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Scenario name.
    pub scenario: String,
    /// What the cells show, e.g. `PSND in 2075-76, % of GDP`.
    pub value_desc: String,
    /// Field varied across.
    pub x_field: String,
    /// Its values.
    pub x_values: Vec<f64>,
    /// Field varied up.
    pub y_field: String,
    /// Its values.
    pub y_values: Vec<f64>,
    /// `values[i][j]` at `x_values[i]`, `y_values[j]`.
    pub values: Vec<Vec<f64>>,
}

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Light sky blue to vermillion, `s` in 0..=1.
fn colour(s: f64) -> RGBColor {
    let s = if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (a, b) = ((0xE8, 0xF4, 0xFB), (0xD5, 0x5E, 0x00));
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * s).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl Heatmap {
    /// The chart, framed.
    pub fn chart(self) -> Chart {
        Chart {
            kind: ChartKind::Heatmap,
            frame: Frame {
                title: ChartKind::Heatmap.title().into(),
                scenario: format!("Scenario: {}", self.scenario),
                official: true,
                note: Some(format!("Cells: {}; darker is higher.", self.value_desc)),
                sources: String::new(),
            },
            body: Body::Heatmap(self),
        }
    }

    /// Legend: none (the cells are labelled).
    pub fn legend(&self) -> Vec<LegendEntry> {
        Vec::new()
    }

    /// `<x_field>,<y_field>,value`.
    pub fn csv(&self) -> String {
        let rows = self.x_values.iter().enumerate().flat_map(|(i, x)| {
            self.y_values.iter().enumerate().map(move |(j, y)| {
                vec![
                    super::num(*x),
                    super::num(*y),
                    super::num(self.values[i][j]),
                ]
            })
        });
        csv_table(&[&self.x_field, &self.y_field, "value"], rows)
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let (nx, ny) = (self.x_values.len(), self.y_values.len());
        if nx == 0 || ny == 0 {
            return Err(ChartError::NoData("no sweep values".into()));
        }
        let (lo, span) = self.value_range();
        let mut chart = self.grid_chart(area)?;
        let show_labels = nx * ny <= 200;
        for i in 0..nx {
            for j in 0..ny {
                let v = self.values[i][j];
                let s = (v - lo) / span;
                let (x, y) = (i as f64, j as f64);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                        colour(s).filled(),
                    )))
                    .map_err(err)?;
                if show_labels {
                    draw_cell_label(&chart, area, (x, y), v, s)?;
                }
            }
        }
        Ok(())
    }

    /// The lowest finite value and the span to the highest (1 when flat).
    fn value_range(&self) -> (f64, f64) {
        let finite = self
            .values
            .iter()
            .flatten()
            .copied()
            .filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let span = if hi > lo { hi - lo } else { 1.0 };
        (lo, span)
    }

    /// The grid, one cell per pair of values, with the fields' values on
    /// its axes.
    fn grid_chart<'a, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, Shift>,
    ) -> Result<GridChart<'a, DB>, ChartError> {
        let (nx, ny) = (self.x_values.len(), self.y_values.len());
        let xt: Vec<f64> = (0..nx).map(|i| i as f64).collect();
        let yt: Vec<f64> = (0..ny).map(|j| j as f64).collect();
        let mut chart = ChartBuilder::on(area)
            .margin_left(super::frame::MARGIN - 8)
            .margin_right(40)
            .margin_top(6)
            .x_label_area_size(64)
            .y_label_area_size(96)
            .build_cartesian_2d(
                Axis::new(-0.5, nx as f64 - 0.5, xt),
                Axis::new(-0.5, ny as f64 - 0.5, yt),
            )
            .map_err(err)?;
        let xl = |v: &f64| {
            self.x_values
                .get(v.round() as usize)
                .map(|x| style::tick(*x))
                .unwrap_or_default()
        };
        let yl = |v: &f64| {
            self.y_values
                .get(v.round() as usize)
                .map(|y| style::tick(*y))
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .axis_style(MUTED.stroke_width(1))
            .x_desc(self.x_field.as_str())
            .y_desc(self.y_field.as_str())
            .axis_desc_style(style::font(style::AXIS).color(&INK))
            .label_style(style::font(style::LABEL).color(&INK))
            .x_label_formatter(&xl)
            .y_label_formatter(&yl)
            .draw()
            .map_err(err)?;
        Ok(chart)
    }
}

/// The plot: cells by index of the x and y values.
type GridChart<'a, DB> = super::axis::AxisChart<'a, DB>;

/// Value `v` written on its cell at `at`, in white on dark cells (`s`, its
/// place between the lowest and highest, above 0.6).
fn draw_cell_label<DB: DrawingBackend>(
    chart: &GridChart<'_, DB>,
    area: &DrawingArea<DB, Shift>,
    at: (f64, f64),
    v: f64,
    s: f64,
) -> Result<(), ChartError> {
    // White only on the darkest cells, where ink would not read.
    let ink = if s > 0.8 { WHITE } else { INK };
    let pos = chart.backend_coord(&at);
    let base = area.get_base_pixel();
    let t = style::text(style::NOTE, ink).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    ));
    area.draw_text(&format!("{v:.0}"), &t, (pos.0 - base.0, pos.1 - base.1))
        .map_err(err)?;
    Ok(())
}
