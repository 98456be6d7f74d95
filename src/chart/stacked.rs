//! Stacked area charts over fiscal years: receipts and primary spending by
//! category, as % of GDP. The last OBR forecast year is marked by a line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::frame::LegendEntry;
use super::style::{self, INK};
use super::{csv_table, ChartError};
use crate::years::FiscalYear;

/// One band of the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Category label.
    pub label: String,
    /// One value per year of [`Stacked::years`].
    pub values: Vec<f64>,
}

/// Categories stacked over years.
#[derive(Debug, Clone, PartialEq)]
pub struct Stacked {
    /// The years (x axis).
    pub years: Vec<FiscalYear>,
    /// Bands, bottom first.
    pub layers: Vec<Layer>,
    /// Y-axis title, with units.
    pub y_desc: String,
    /// Label of the total in the CSV and at the end of the stack.
    pub total_label: String,
    /// Last year of the OBR medium-term forecast, marked by a line.
    pub boundary: Option<FiscalYear>,
    /// Name of the value column in the CSV.
    pub csv_column: String,
}

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Stacked {
    /// Legend: one swatch per band, bottom band first.
    pub fn legend(&self) -> Vec<LegendEntry> {
        self.layers
            .iter()
            .enumerate()
            .map(|(i, l)| LegendEntry::swatch(l.label.clone(), style::fill_colour(i)))
            .collect()
    }

    fn totals(&self) -> Vec<f64> {
        (0..self.years.len())
            .map(|j| {
                self.layers
                    .iter()
                    .map(|l| l.values.get(j).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect()
    }

    /// The data as CSV: `category,year,<csv_column>`, the total last.
    pub fn csv(&self) -> String {
        let totals = self.totals();
        let mut rows = Vec::new();
        for l in &self.layers {
            for (y, v) in self.years.iter().zip(&l.values) {
                rows.push(vec![
                    super::text(&l.label),
                    y.to_string(),
                    crate::output::units::format(&self.csv_column, *v),
                ]);
            }
        }
        for (y, v) in self.years.iter().zip(&totals) {
            rows.push(vec![
                super::text(&self.total_label),
                y.to_string(),
                crate::output::units::format(&self.csv_column, *v),
            ]);
        }
        csv_table(&["category", "year", &self.csv_column], rows)
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let (Some(first), Some(last)) = (self.years.first(), self.years.last()) else {
            return Err(ChartError::NoData("no years to plot".into()));
        };
        let n = self.years.len();
        // Cumulative tops of each band.
        let mut cum: Vec<Vec<f64>> = Vec::with_capacity(self.layers.len());
        let mut below = vec![0.0; n];
        for l in &self.layers {
            for (j, b) in below.iter_mut().enumerate() {
                *b += l.values.get(j).copied().unwrap_or(0.0);
            }
            cum.push(below.clone());
        }
        let totals = self.totals();
        let hi = totals.iter().copied().fold(0.0f64, f64::max);
        let lo = cum.iter().flatten().copied().fold(0.0f64, f64::min);
        let (y0, y1, yticks) = style::nice_axis(lo, hi * 1.12, 6);

        let label_font = style::bold(style::LABEL);
        let end_label = totals
            .last()
            .map(|t| format!("{t:.1}%"))
            .unwrap_or_default();
        let widest = style::text_width(&end_label, &label_font) as i32;

        let mut chart = super::axis::year_chart(
            area,
            widest,
            super::axis::year_axis(*first, *last),
            Axis::new(y0, y1, yticks),
        )
        .map_err(err)?;
        super::axis::draw_year_mesh(&mut chart, self.y_desc.as_str()).map_err(err)?;

        // Top band first, so each lower band paints over the one above it
        // down to its own top.
        for k in (0..self.layers.len()).rev() {
            let pts: Vec<(f64, f64)> = self
                .years
                .iter()
                .zip(&cum[k])
                .map(|(y, v)| (y.0 as f64, *v))
                .collect();
            chart
                .draw_series(
                    AreaSeries::new(pts, 0.0, style::fill_colour(k).filled())
                        .border_style(WHITE.stroke_width(1)),
                )
                .map_err(err)?;
        }

        let base = area.get_base_pixel();
        if let Some(b) = self.boundary.filter(|b| b < last && b >= first) {
            super::axis::draw_forecast_boundary(&mut chart, area, b).map_err(err)?;
        }

        if let (Some(t), Some(y)) = (totals.last(), self.years.last()) {
            let (px, py) = chart.backend_coord(&(y.0 as f64, *t));
            area.draw_text(
                &end_label,
                &label_font
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
                (px - base.0 + 12, py - base.1),
            )
            .map_err(err)?;
        }
        Ok(())
    }
}
