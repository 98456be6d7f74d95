//! The fan chart: PSND percentile bands (5–95, 10–90, 25–75) by year from
//! `fiscal fan`, the median, the deterministic projection, and OBR-style
//! variants (one assumption moved) drawn on top.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Frame, LegendEntry};
use super::style::{self, INK};
use super::{csv_table, Body, Chart, ChartError, ChartKind};
use crate::model::uncertainty::FanRun;
use crate::years::FiscalYear;

/// Band fills, outermost first: the house blue mixed with white.
const BANDS: [RGBColor; 3] = [
    RGBColor(0xCC, 0xE3, 0xF0),
    RGBColor(0x99, 0xC7, 0xE0),
    RGBColor(0x66, 0xAA, 0xD1),
];
/// Percentile indices (into 5, 10, 25, 50, 75, 90, 95) of each band.
const BAND_INDEX: [(usize, usize); 3] = [(0, 6), (1, 5), (2, 4)];
const BAND_LABELS: [&str; 3] = ["5th–95th percentile", "10th–90th", "25th–75th"];

/// The fan's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// Scenario name.
    pub scenario: String,
    /// Years.
    pub years: Vec<FiscalYear>,
    /// PSND percentiles by year (5, 10, 25, 50, 75, 90, 95), % of GDP.
    pub percentiles: Vec<[f64; 7]>,
    /// The deterministic projection, % of GDP.
    pub deterministic: Vec<f64>,
    /// Variants: label and PSND by year, % of GDP.
    pub variants: Vec<(String, Vec<f64>)>,
    /// Engine, paths and seed, for the note.
    pub how: String,
}

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Fan {
    /// The fan of `run` with `variants` on top.
    pub fn from_run(run: &FanRun, variants: Vec<(String, Vec<f64>)>) -> Fan {
        Fan {
            scenario: run.scenario.clone(),
            years: run.years.clone(),
            percentiles: run.summary.percentiles.iter().map(|p| p[0]).collect(),
            deterministic: run.deterministic.iter().map(|d| d[0]).collect(),
            variants,
            how: format!(
                "{} paths, {} engine, seed {}",
                run.paths,
                run.engine.key(),
                run.seed
            ),
        }
    }

    /// The chart, framed.
    pub fn chart(self) -> Chart {
        Chart {
            kind: ChartKind::Fan,
            frame: Frame {
                title: ChartKind::Fan.title().into(),
                scenario: format!("Scenario: {}", self.scenario),
                official: true,
                note: Some(format!(
                    "Bands: percentiles of PSND (% of GDP) over {}; lines: the deterministic projection and variants with one assumption moved.",
                    self.how
                )),
                sources: String::new(),
            },
            body: Body::Fan(self),
        }
    }

    /// Legend: the bands, median, deterministic path and variants.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut l: Vec<LegendEntry> = BANDS
            .iter()
            .zip(BAND_LABELS)
            .map(|(c, t)| LegendEntry::swatch(t, *c))
            .collect();
        l.push(LegendEntry::line("Median", style::okabe_ito::BLUE));
        l.push(LegendEntry::line("Deterministic", INK));
        for (i, (label, _)) in self.variants.iter().enumerate() {
            l.push(LegendEntry::line(label.clone(), variant_colour(i)));
        }
        l
    }

    /// `year,p5,...,p95,deterministic,<variants>`.
    pub fn csv(&self) -> String {
        let mut header: Vec<String> = [
            "year",
            "p5",
            "p10",
            "p25",
            "p50",
            "p75",
            "p90",
            "p95",
            "deterministic",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header.extend(self.variants.iter().map(|v| super::text(&v.0)));
        let h: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows = self.years.iter().enumerate().map(|(t, y)| {
            let mut r = vec![y.to_string()];
            r.extend(self.percentiles[t].iter().map(|v| super::num(*v)));
            r.push(super::num(self.deterministic[t]));
            r.extend(
                self.variants
                    .iter()
                    .map(|v| super::num(v.1.get(t).copied().unwrap_or(f64::NAN))),
            );
            r
        });
        csv_table(&h, rows)
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let (Some(&first), Some(&last)) = (self.years.first(), self.years.last()) else {
            return Err(ChartError::NoData("no years in the fan".into()));
        };
        let all = self
            .percentiles
            .iter()
            .flat_map(|p| p.iter().copied())
            .chain(self.deterministic.iter().copied())
            .chain(self.variants.iter().flat_map(|v| v.1.iter().copied()))
            .filter(|v| v.is_finite());
        let (lo, hi) = all.fold((0.0f64, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (y0, y1, ticks) = style::nice_axis(lo, hi.max(lo + 1.0), 6);
        let mut chart = super::axis::year_chart(
            area,
            0,
            super::axis::year_axis(first, last),
            Axis::new(y0, y1, ticks),
        )
        .map_err(err)?;
        super::axis::draw_year_mesh(&mut chart, "% of GDP").map_err(err)?;
        let x = |t: usize| f64::from(self.years[t].0);
        for (band, (a, b)) in BANDS.iter().zip(BAND_INDEX) {
            let mut poly: Vec<(f64, f64)> = (0..self.years.len())
                .map(|t| (x(t), self.percentiles[t][b]))
                .collect();
            poly.extend(
                (0..self.years.len())
                    .rev()
                    .map(|t| (x(t), self.percentiles[t][a])),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(poly, band.filled())))
                .map_err(err)?;
        }
        let line = |v: &[f64]| -> Vec<(f64, f64)> {
            v.iter().enumerate().map(|(t, y)| (x(t), *y)).collect()
        };
        let median: Vec<f64> = self.percentiles.iter().map(|p| p[3]).collect();
        chart
            .draw_series(LineSeries::new(
                line(&median),
                style::okabe_ito::BLUE.stroke_width(4),
            ))
            .map_err(err)?;
        for (i, (_, v)) in self.variants.iter().enumerate() {
            chart
                .draw_series(LineSeries::new(line(v), variant_colour(i).stroke_width(2)))
                .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                line(&self.deterministic),
                INK.stroke_width(2),
            ))
            .map_err(err)?;
        Ok(())
    }
}

fn variant_colour(i: usize) -> RGBColor {
    [
        style::okabe_ito::VERMILLION,
        style::okabe_ito::GREEN,
        style::okabe_ito::PURPLE,
        style::okabe_ito::ORANGE,
    ][i % 4]
}
