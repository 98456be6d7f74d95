//! The distribution of an intervention package's effect on debt, from the
//! probabilistic paths of `fiscal interventions --paths`: a fan of the
//! change in PSND against the same scenario without interventions (5th-95th
//! and 25th-75th percentile bands, the median as a thick line) with the
//! expected-value path dashed over it for comparison.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Frame, LegendEntry};
use super::style::{self, okabe_ito, INK};
use super::{csv_table, num, Body, Chart, ChartError, ChartKind};
use crate::model::interventions::probabilistic::Summary;
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
}

const OUTER: RGBColor = RGBColor(0xC6, 0xDB, 0xEF);
const INNER: RGBColor = RGBColor(0x6B, 0xAE, 0xD6);
const MEDIAN: RGBColor = okabe_ito::BLUE;
const EXPECTED: RGBColor = okabe_ito::VERMILLION;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// The chart of `summary` (with `expected` for the dashed line).
pub fn chart(
    scenario: &str,
    expected: &InterventionResults,
    summary: &Summary,
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
        ]
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
        let values = self
            .bands
            .iter()
            .flat_map(|(_, b)| b.iter().copied())
            .chain(self.expected.iter().map(|p| p.1));
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
            .build_cartesian_2d(Axis::new(x0, x1, xticks), Axis::new(y0, y1, yticks))
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
        Ok(())
    }
}
