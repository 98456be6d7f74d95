//! Line charts over fiscal years: the debt path (one line per scenario, OBR
//! forecast years shaded) and the old-age dependency ratio. Final values are
//! labelled at the right-hand end, nudged apart so they never overlap.
//!
//! With several scenarios the first is the reference (the baseline in
//! `fiscal compare`): it is drawn last and thin, so a scenario that tracks
//! it closely still shows beneath it instead of hiding it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Key, LegendEntry};
use super::style::{self, INK, MUTED};
use super::{csv_table, ChartError};
use crate::years::FiscalYear;

/// One named line.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label (a scenario name).
    pub label: String,
    /// Values by fiscal year, in year order.
    pub points: Vec<(FiscalYear, f64)>,
}

/// A set of lines sharing one axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// The lines.
    pub series: Vec<Series>,
    /// Y-axis title, with units.
    pub y_desc: String,
    /// Suffix of the final-value labels, e.g. `%`.
    pub value_suffix: String,
    /// Decimals of the final-value labels.
    pub decimals: usize,
    /// First and last year of the OBR medium-term forecast, marked by the
    /// house forecast boundary ([`super::axis::draw_forecast_boundary`]).
    pub shaded: Option<(FiscalYear, FiscalYear)>,
    /// Name of the value column in the CSV.
    pub csv_column: String,
}

/// Suffix of the end label when every line ends on the same value.
const ALL: &str = " (all)";

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Lines {
    /// Legend: one line per series (the reference thin); none for a single
    /// series, which the scenario label already names.
    pub fn legend(&self) -> Vec<LegendEntry> {
        if self.series.len() < 2 {
            return Vec::new();
        }
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendEntry {
                label: s.label.clone(),
                key: Key::Series(style::series_style(i), i == 0),
            })
            .collect()
    }

    /// The data as CSV: `scenario,year,<csv_column>` (series are scenarios).
    pub fn csv(&self) -> String {
        let rows = self.series.iter().flat_map(|s| {
            s.points.iter().map(move |(y, v)| {
                vec![
                    super::text(&s.label),
                    y.to_string(),
                    crate::output::units::format(&self.csv_column, *v),
                ]
            })
        });
        csv_table(&["scenario", "year", &self.csv_column], rows)
    }

    fn label(&self, v: f64) -> String {
        format!("{:.*}{}", self.decimals, v, self.value_suffix)
    }

    /// Draw into `area` (the space the frame left).
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let (first, last) = self.year_span()?;
        let (y0, y1, yticks) = self.y_axis();
        let label_font = style::bold(style::LABEL);
        let all_same = self.all_end_on_one_value();
        let widest = self.widest_end_label(all_same, &label_font);

        let x_axis = super::axis::year_axis(first, last);
        let std::ops::Range { start: x0, end: x1 } =
            plotters::coord::ranged1d::Ranged::range(&x_axis);
        let mut chart = super::axis::year_chart(area, widest, x_axis, Axis::new(y0, y1, yticks))
            .map_err(err)?;

        super::axis::draw_year_mesh(&mut chart, self.y_desc.as_str()).map_err(err)?;
        if let Some((_, end)) = self.shaded {
            super::axis::draw_forecast_boundary(&mut chart, area, end).map_err(err)?;
        }

        if y0 < 0.0 {
            chart
                .draw_series(LineSeries::new(
                    vec![(x0, 0.0), (x1, 0.0)],
                    MUTED.stroke_width(1),
                ))
                .map_err(err)?;
        }

        let ends = self.draw_series(&mut chart, area)?;
        draw_end_labels(area, ends, all_same, &label_font)
    }

    /// The first and last year of any line; an error when there are none.
    fn year_span(&self) -> Result<(FiscalYear, FiscalYear), ChartError> {
        let all = || self.series.iter().flat_map(|s| s.points.iter());
        let (Some(first), Some(last)) = (all().map(|p| p.0).min(), all().map(|p| p.0).max()) else {
            return Err(ChartError::NoData("no years to plot".into()));
        };
        Ok((first, last))
    }

    /// The y axis: from zero (or the lowest value) to the highest, with
    /// ticks.
    fn y_axis(&self) -> (f64, f64, Vec<f64>) {
        let all = || self.series.iter().flat_map(|s| s.points.iter());
        let lo = all().map(|p| p.1).fold(0.0f64, f64::min);
        let hi = all().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        // Headroom above the highest line keeps the shading label clear of it.
        style::nice_axis(lo, hi + (hi - lo).abs() * 0.12, 6)
    }

    /// Each line's final value, as labelled.
    fn final_labels(&self) -> Vec<String> {
        self.series
            .iter()
            .filter_map(|s| s.points.last())
            .map(|p| self.label(p.1))
            .collect()
    }

    /// Whether several lines all end on the same labelled value (e.g.
    /// scenarios sharing one demography): one label then says so.
    fn all_end_on_one_value(&self) -> bool {
        let finals = self.final_labels();
        finals.len() > 1 && finals.iter().all(|f| *f == finals[0])
    }

    /// Width in pixels of the widest end label, to leave room for it.
    fn widest_end_label(&self, all_same: bool, label_font: &FontDesc<'_>) -> i32 {
        self.final_labels()
            .iter()
            .map(|f| {
                let f = if all_same {
                    format!("{f}{ALL}")
                } else {
                    f.clone()
                };
                style::text_width(&f, label_font)
            })
            .max()
            .unwrap_or(0) as i32
    }

    /// Draw every line in its own colour, dash and markers (see
    /// [`style::series_style`]; the reference last, thin); returns each
    /// end's pixel position, label and colour.
    fn draw_series<DB: DrawingBackend>(
        &self,
        chart: &mut super::axis::YearChart<'_, DB>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<Vec<EndLabel>, ChartError> {
        let mut ends = Vec::new();
        let several = self.series.len() > 1;
        let base = area.get_base_pixel();
        // The reference (first) series last, on top; see the module docs.
        let order = (1..self.series.len()).chain((!self.series.is_empty()).then_some(0));
        for i in order {
            let s = &self.series[i];
            let look = style::series_style(i);
            let width = if several && i == 0 { 2 } else { 4 };
            let pixels: Vec<(i32, i32)> = s
                .points
                .iter()
                .map(|(y, v)| {
                    let (px, py) = chart.backend_coord(&(y.0 as f64, *v));
                    (px - base.0, py - base.1)
                })
                .collect();
            super::marker::draw_line(area, &pixels, &look, width)?;
            if several {
                for k in super::marker::marked(pixels.len(), i) {
                    super::marker::draw(area, pixels[k], look.marker, look.colour, 7)?;
                }
            } else if let Some(&end) = pixels.last() {
                super::marker::draw(area, end, look.marker, look.colour, 6)?;
            }
            if let Some((y, v)) = s.points.last() {
                ends.push((
                    chart.backend_coord(&(y.0 as f64, *v)),
                    self.label(*v),
                    look.colour,
                ));
            }
        }
        Ok(ends)
    }
}

/// A line's end: its pixel position, label text and colour.
type EndLabel = ((i32, i32), String, RGBColor);

/// Sort the end labels top to bottom and merge lines that end on the same
/// value at the same place into one label, in ink: several coloured copies
/// of one number read as several results.
fn merge_end_labels(mut ends: Vec<EndLabel>, all_same: bool) -> Vec<EndLabel> {
    ends.sort_by_key(|e| e.0 .1);
    let mut merged: Vec<EndLabel> = Vec::new();
    for e in ends {
        match merged.last_mut() {
            Some(m) if m.1 == e.1 && (e.0 .1 - m.0 .1).abs() <= 3 => m.2 = INK,
            _ => merged.push(e),
        }
    }
    if all_same {
        if let [one] = merged.as_mut_slice() {
            one.1.push_str(ALL);
        }
    }
    merged
}

/// Label heights (from the area's top) spread at least `gap` apart in
/// order, the whole stack shifted up if pushed below the plot.
fn spread_label_heights(mut ys: Vec<i32>, gap: i32, plot_height_px: i32) -> Vec<i32> {
    for k in 1..ys.len() {
        if ys[k] - ys[k - 1] < gap {
            ys[k] = ys[k - 1] + gap;
        }
    }
    if let Some(&bottom) = ys.last() {
        let limit = plot_height_px - 64 - gap / 2;
        if bottom > limit {
            let d = bottom - limit;
            ys.iter_mut().for_each(|y| *y -= d);
        }
    }
    ys
}

/// Write the final-value labels right of the lines' ends, never overlapping.
fn draw_end_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ends: Vec<EndLabel>,
    all_same: bool,
    label_font: &FontDesc<'_>,
) -> Result<(), ChartError> {
    let base = area.get_base_pixel();
    let (_, ph) = area.dim_in_pixel();
    let gap = (style::LABEL * 0.95) as i32;
    let ends = merge_end_labels(ends, all_same);
    let ys = spread_label_heights(
        ends.iter().map(|e| e.0 .1 - base.1).collect(),
        gap,
        ph as i32,
    );
    for ((pos, text, c), y) in ends.iter().zip(ys) {
        let style = label_font
            .color(c)
            .pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            ));
        area.draw_text(text, &style, (pos.0 - base.0 + 12, y))
            .map_err(err)?;
    }
    Ok(())
}
