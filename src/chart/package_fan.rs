//! The distribution of an intervention package's effect on debt, from the
//! probabilistic paths of `fiscal interventions --paths`: a fan of the
//! change in PSND against the same scenario without interventions (5th-95th
//! and 25th-75th percentile bands, the median as a thick line) with the
//! expected-value path dashed over it for comparison, and beside it, on the
//! same vertical scale, the histogram of the final year's paths with their
//! mean: a package carried by one programme that succeeds or fails shows
//! two humps there, which percentile bands alone hide.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Frame, LegendEntry};
use super::style::{self, okabe_ito, INK};
use super::{csv_table, num, Body, Chart, ChartError, ChartKind};
use crate::model::interventions::probabilistic::{Draw, Summary};
use crate::model::interventions::InterventionResults;
use crate::years::FiscalYear;

/// The fan's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// Per year: 5th, 25th, 50th, 75th and 95th percentiles, pp of GDP.
    pub bands: Vec<(FiscalYear, [f64; 5])>,
    /// The expected-value (named central case) path, pp of GDP.
    pub expected: Vec<(FiscalYear, f64)>,
    /// Paths drawn.
    pub paths: usize,
    /// The final year's change in PSND on every path, pp of GDP.
    pub final_values: Vec<f64>,
}

/// Bins of the final-year histogram.
const BINS: usize = 40;

const OUTER: RGBColor = RGBColor(0xC6, 0xDB, 0xEF);
const INNER: RGBColor = RGBColor(0x6B, 0xAE, 0xD6);
const MEDIAN: RGBColor = okabe_ito::BLUE;
const EXPECTED: RGBColor = okabe_ito::VERMILLION;
const HIST: RGBColor = RGBColor(0x6B, 0xAE, 0xD6);
const MEAN: RGBColor = INK;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// The chart of `summary` (with `expected` for the dashed line).
pub fn chart(
    scenario: &str,
    expected: &InterventionResults,
    summary: &Summary,
    draws: &[Draw],
) -> Result<Chart, crate::Error> {
    if summary.psnd_change_fan_pp_gdp.is_empty() {
        return Err(
            ChartError::NoData("no probabilistic paths: give --paths above 0".into()).into(),
        );
    }
    Ok(Chart {
        kind: ChartKind::Interventions,
        frame: Frame {
            title: "Distribution of the package's effect on debt".into(),
            scenario: format!("Scenario: {scenario}"),
            official: true,
            note: Some(format!(
                "Change in PSND against the same scenario without interventions, {} paths (seed {}); below zero: less debt.",
                summary.paths, summary.seed
            )),
            sources: String::new(),
        },
        body: Body::PackageFan(Fan {
            bands: summary.psnd_change_fan_pp_gdp.clone(),
            expected: expected
                .package
                .years
                .iter()
                .map(|y| (y.year, y.psnd_change_pp_gdp))
                .collect(),
            paths: summary.paths,
            final_values: draws.iter().map(|d| d.final_psnd_change_pp_gdp).collect(),
        }),
    })
}

impl Fan {
    /// Legend: the two bands, the median and the expected path.
    pub fn legend(&self) -> Vec<LegendEntry> {
        vec![
            LegendEntry::swatch("5th to 95th percentile", OUTER),
            LegendEntry::swatch("25th to 75th", INNER),
            LegendEntry::line("Median path", MEDIAN),
            LegendEntry::line("Expected value (named case)", EXPECTED),
            LegendEntry::swatch("Final year: share of paths", HIST),
            LegendEntry::line("Mean of the paths", MEAN),
        ]
    }

    /// The final-year histogram: (bin from, bin to, share of paths) over
    /// `lo..hi`, [`BINS`] bins.
    pub fn histogram(&self, lo: f64, hi: f64) -> Vec<(f64, f64, f64)> {
        let n = self.final_values.len().max(1) as f64;
        let width = (hi - lo) / BINS as f64;
        if width.is_nan() || width <= 0.0 {
            return Vec::new();
        }
        let mut counts = [0usize; BINS];
        for v in self.final_values.iter().filter(|v| v.is_finite()) {
            let b = (((v - lo) / width).floor().max(0.0) as usize).min(BINS - 1);
            counts[b] += 1;
        }
        counts
            .iter()
            .enumerate()
            .map(|(b, c)| {
                let from = lo + b as f64 * width;
                (from, from + width, *c as f64 / n)
            })
            .collect()
    }

    /// The mean of the final-year paths.
    pub fn mean(&self) -> Option<f64> {
        let v: Vec<f64> = self
            .final_values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    }

    /// The range of the final-year values, padded, for the histogram.
    fn final_range(&self) -> (f64, f64) {
        let lo = self
            .final_values
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min);
        let hi = self
            .final_values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        if lo.is_finite() && hi > lo {
            (lo, hi + 1e-9 * (hi - lo))
        } else if lo.is_finite() {
            (lo - 0.5, lo + 0.5)
        } else {
            (0.0, 1.0)
        }
    }

    /// `bin_from_pp,bin_to_pp,share_of_paths` of the final year.
    pub fn histogram_csv(&self) -> String {
        let (lo, hi) = self.final_range();
        let rows = self
            .histogram(lo, hi)
            .into_iter()
            .map(|(a, b, s)| vec![num(a), num(b), num(s)]);
        csv_table(
            &[
                "psnd_change_from_pp_gdp",
                "psnd_change_to_pp_gdp",
                "share_of_paths",
            ],
            rows,
        )
    }

    /// `year,p5,p25,p50,p75,p95,expected` in pp of GDP.
    pub fn csv(&self) -> String {
        let rows = self.bands.iter().map(|(y, b)| {
            let e = self
                .expected
                .iter()
                .find(|(x, _)| x == y)
                .map_or(String::new(), |(_, v)| num(*v));
            let mut r = vec![y.to_string()];
            r.extend(b.iter().map(|v| num(*v)));
            r.push(e);
            r
        });
        csv_table(
            &[
                "year",
                "psnd_change_p5_pp_gdp",
                "psnd_change_p25_pp_gdp",
                "psnd_change_p50_pp_gdp",
                "psnd_change_p75_pp_gdp",
                "psnd_change_p95_pp_gdp",
                "psnd_change_expected_pp_gdp",
            ],
            rows,
        )
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let (Some(first), Some(last)) = (self.bands.first(), self.bands.last()) else {
            return Err(ChartError::NoData("no years to plot".into()));
        };
        let (fan_area, hist_area) = area.split_horizontally(area.dim_in_pixel().0 * 7 / 10);
        let area = &fan_area;
        let (f_lo, f_hi) = self.final_range();
        let values = self
            .bands
            .iter()
            .flat_map(|(_, b)| b.iter().copied())
            .chain(self.expected.iter().map(|p| p.1))
            .chain([f_lo, f_hi]);
        let lo = values.clone().fold(0.0f64, f64::min);
        let hi = values.fold(0.0f64, f64::max);
        let pad = (hi - lo).abs() * 0.06;
        let (y0, y1, yticks) = style::nice_axis(lo - pad, hi + pad, 6);
        let x0 = first.0 .0 as f64 - 0.5;
        let x1 = last.0 .0 as f64 + 0.5;
        let xticks: Vec<f64> = (first.0 .0..=last.0 .0)
            .step_by(10)
            .map(f64::from)
            .collect();
        let mut chart = ChartBuilder::on(area)
            .margin_left(super::frame::MARGIN - 8)
            .margin_right(40)
            .margin_top(10)
            .x_label_area_size(64)
            .y_label_area_size(80)
            .build_cartesian_2d(Axis::new(x0, x1, xticks), Axis::new(y0, y1, yticks.clone()))
            .map_err(err)?;
        super::axis::draw_year_mesh(&mut chart, "Change in PSND, percentage points of GDP")
            .map_err(err)?;
        for (lo_i, hi_i, colour) in [(0, 4, OUTER), (1, 3, INNER)] {
            let upper = self.bands.iter().map(|(y, b)| (y.0 as f64, b[hi_i]));
            let lower = self.bands.iter().rev().map(|(y, b)| (y.0 as f64, b[lo_i]));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    upper.chain(lower).collect::<Vec<_>>(),
                    colour.filled(),
                )))
                .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(x0, 0.0), (x1, 0.0)],
                INK.stroke_width(1),
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                self.bands.iter().map(|(y, b)| (y.0 as f64, b[2])),
                MEDIAN.stroke_width(5),
            ))
            .map_err(err)?;
        chart
            .draw_series(DashedLineSeries::new(
                self.expected.iter().map(|(y, v)| (y.0 as f64, *v)),
                12,
                8,
                EXPECTED.stroke_width(3),
            ))
            .map_err(err)?;
        self.draw_histogram(&hist_area, (y0, y1, yticks))
    }

    /// The final year's histogram, sideways, on the fan's vertical scale.
    fn draw_histogram<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (y0, y1, yticks): (f64, f64, Vec<f64>),
    ) -> Result<(), ChartError> {
        let (lo, hi) = self.final_range();
        let bins = self.histogram(lo, hi);
        let top = bins.iter().map(|b| b.2).fold(0.0f64, f64::max).max(1e-9);
        let (_, x1, xticks) = style::nice_axis(0.0, 100.0 * top * 1.05, 3);
        let mut chart = ChartBuilder::on(area)
            .margin_left(10)
            .margin_right(30)
            .margin_top(10)
            .x_label_area_size(64)
            .y_label_area_size(10)
            .build_cartesian_2d(Axis::new(0.0, x1, xticks), Axis::new(y0, y1, yticks))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(style::MUTED.stroke_width(1))
            .x_desc("% of paths, final year")
            .axis_desc_style(style::font(style::AXIS).color(&INK))
            .label_style(style::font(style::LABEL).color(&INK))
            .x_label_formatter(&|x| style::tick(*x))
            .y_label_formatter(&|_| String::new())
            .draw()
            .map_err(err)?;
        chart
            .draw_series(
                bins.iter()
                    .map(|(a, b, s)| Rectangle::new([(0.0, *a), (100.0 * s, *b)], HIST.filled())),
            )
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, 0.0), (x1, 0.0)],
                INK.stroke_width(1),
            ))
            .map_err(err)?;
        if let Some(m) = self.mean() {
            chart
                .draw_series(LineSeries::new(
                    vec![(0.0, m), (x1, m)],
                    MEAN.stroke_width(4),
                ))
                .map_err(err)?;
        }
        Ok(())
    }
}
