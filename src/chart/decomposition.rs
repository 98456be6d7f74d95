//! The debt decomposition: what moved the debt-to-GDP ratio in each decade,
//! split into the primary deficit, interest, nominal GDP growth and the
//! stock-flow adjustment, as stacked bars with the net change marked.
//!
//! The yearly contributions come from
//! [`crate::model::indicators::decompose`], which owns the equations (see
//! `docs/indicators.md`) and is exact: the contributions add up to the change
//! in the ratio. This module only sums them by decade and joins the real
//! growth and inflation terms into one nominal growth bar.

use crate::output::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::frame::{Key, LegendEntry};
use super::style::{self, okabe_ito, INK, MUTED};
use super::{csv_table, ChartError};
use crate::model::indicators::{decompose, DecompositionRow};
use crate::model::Projection;

/// The contributions over one period, percentage points of GDP.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// Axis label, e.g. `2030–39` (fiscal years beginning in).
    pub label: String,
    /// First fiscal year (start calendar year).
    pub first: i32,
    /// Last fiscal year (start calendar year).
    pub last: i32,
    /// Primary deficit (−primary balance).
    pub primary_deficit: f64,
    /// Debt interest.
    pub interest: f64,
    /// Nominal GDP growth.
    pub growth: f64,
    /// Stock-flow adjustment.
    pub stock_flow: f64,
    /// Change in PSND, % of GDP.
    pub change: f64,
}

impl Period {
    fn components(&self) -> [f64; 4] {
        [
            self.primary_deficit,
            self.interest,
            self.growth,
            self.stock_flow,
        ]
    }
}

/// The decomposition by period.
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposition {
    /// Periods in order.
    pub periods: Vec<Period>,
}

const NAMES: [&str; 4] = [
    "Primary deficit",
    "Debt interest",
    "Nominal GDP growth",
    "Stock-flow adjustment",
];
const COLOURS: [RGBColor; 4] = [
    okabe_ito::VERMILLION,
    okabe_ito::BLUE,
    okabe_ito::GREEN,
    okabe_ito::ORANGE,
];

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Decomposition {
    /// Decompose a projection's debt changes by decade (of the year a fiscal
    /// year begins in).
    pub fn from_projection(p: &Projection) -> Result<Decomposition, crate::Error> {
        // decompose only fails on a projection with no years.
        let rows = decompose(p).map_err(|e| ChartError::NoData(e.to_string()))?;
        Ok(Decomposition::from_rows(&rows))
    }

    /// Sum yearly decomposition rows by decade.
    pub(crate) fn from_rows(rows: &[DecompositionRow]) -> Decomposition {
        let mut periods: Vec<Period> = Vec::new();
        for r in rows {
            let start = r.year.start();
            let growth = r.real_growth_pp + r.inflation_pp;
            match periods.last_mut() {
                Some(last) if last.first.div_euclid(10) == start.div_euclid(10) => {
                    last.last = start;
                    last.primary_deficit += r.primary_balance_pp;
                    last.interest += r.interest_pp;
                    last.growth += growth;
                    last.stock_flow += r.stock_flow_pp;
                    last.change += r.change_pp;
                }
                _ => periods.push(Period {
                    label: String::new(),
                    first: start,
                    last: start,
                    primary_deficit: r.primary_balance_pp,
                    interest: r.interest_pp,
                    growth,
                    stock_flow: r.stock_flow_pp,
                    change: r.change_pp,
                }),
            }
        }
        for p in &mut periods {
            p.label = if p.first == p.last {
                p.first.to_string()
            } else {
                format!("{}–{:02}", p.first, p.last.rem_euclid(100))
            };
        }
        Decomposition { periods }
    }

    /// Legend: the four components and the net-change marker.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut l: Vec<LegendEntry> = NAMES
            .iter()
            .zip(COLOURS)
            .map(|(n, c)| LegendEntry::swatch(*n, c))
            .collect();
        l.push(LegendEntry {
            label: "Change in debt".into(),
            key: Key::Marker(okabe_ito::BLACK),
        });
        l
    }

    /// The data as CSV, one row per period.
    pub fn csv(&self) -> String {
        let rows = self.periods.iter().map(|p| {
            // Plain ASCII here: spreadsheets guess the encoding of a CSV, and
            // `2025-29` would read as a fiscal year.
            vec![
                format!("{} to {}", p.first, p.last),
                p.first.to_string(),
                p.last.to_string(),
                Unit::Pp.format(p.primary_deficit),
                Unit::Pp.format(p.interest),
                Unit::Pp.format(p.growth),
                Unit::Pp.format(p.stock_flow),
                Unit::Pp.format(p.change),
            ]
        });
        csv_table(
            &[
                "period",
                "first_year_start",
                "last_year_start",
                "primary_deficit_pp_gdp",
                "interest_pp_gdp",
                "growth_pp_gdp",
                "stock_flow_pp_gdp",
                "change_in_psnd_pp_gdp",
            ],
            rows,
        )
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        if self.periods.is_empty() {
            return Err(ChartError::NoData("no years to decompose".into()));
        }
        let mut chart = self.period_chart(area)?;
        self.draw_bars(&mut chart)?;
        let n = self.periods.len();
        chart
            .draw_series(LineSeries::new(
                vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
                INK.stroke_width(1),
            ))
            .map_err(err)?;
        self.draw_net_changes(&mut chart, area)
    }

    /// The y axis: every stack and net change, with room above the bars
    /// for the net-change labels.
    fn y_axis(&self) -> Axis {
        let hi = self
            .periods
            .iter()
            .map(|p| stack_extent(p).0.max(p.change))
            .fold(0.0f64, f64::max);
        let lo = self
            .periods
            .iter()
            .map(|p| stack_extent(p).1.min(p.change))
            .fold(0.0f64, f64::min);
        let (y0, y1, yticks) = style::nice_axis(lo, hi + (hi - lo) * 0.1, 7);
        Axis::new(y0, y1, yticks)
    }

    /// The plot with one slot per period and its mesh drawn.
    fn period_chart<'a, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, Shift>,
    ) -> Result<PeriodChart<'a, DB>, ChartError> {
        let n = self.periods.len();
        let labels: Vec<String> = self.periods.iter().map(|p| p.label.clone()).collect();
        let mut chart = ChartBuilder::on(area)
            .margin_left(super::frame::MARGIN - 8)
            .margin_right(super::frame::MARGIN)
            .margin_top(6)
            .x_label_area_size(64)
            .y_label_area_size(86)
            .build_cartesian_2d(
                Axis::new(-0.5, n as f64 - 0.5, (0..n).map(|i| i as f64).collect()),
                self.y_axis(),
            )
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(MUTED.stroke_width(1))
            .x_desc("Fiscal years beginning in")
            .y_desc("Percentage points of GDP")
            .axis_desc_style(style::font(style::AXIS).color(&INK))
            .label_style(style::font(style::LABEL).color(&INK))
            .x_label_formatter(&|x| {
                let i = x.round();
                if i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| style::tick(*y))
            .draw()
            .map_err(err)?;
        Ok(chart)
    }

    /// Each period's contributions stacked, rises up and falls down from zero.
    fn draw_bars<DB: DrawingBackend>(
        &self,
        chart: &mut PeriodChart<'_, DB>,
    ) -> Result<(), ChartError> {
        for (i, p) in self.periods.iter().enumerate() {
            let x = i as f64;
            let (mut up, mut down) = (0.0, 0.0);
            for (v, c) in p.components().iter().zip(COLOURS) {
                let (a, b) = if *v >= 0.0 {
                    up += v;
                    (up - v, up)
                } else {
                    down += v;
                    (down - v, down)
                };
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - BAR_HALF_WIDTH, a), (x + BAR_HALF_WIDTH, b)],
                        c.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        Ok(())
    }

    /// The black net-change mark across each bar, its value above the stack.
    fn draw_net_changes<DB: DrawingBackend>(
        &self,
        chart: &mut PeriodChart<'_, DB>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let base = area.get_base_pixel();
        let font = style::bold(style::LABEL);
        for (i, p) in self.periods.iter().enumerate() {
            let x = i as f64;
            chart
                .draw_series(LineSeries::new(
                    vec![
                        (x - BAR_HALF_WIDTH - 0.06, p.change),
                        (x + BAR_HALF_WIDTH + 0.06, p.change),
                    ],
                    okabe_ito::BLACK.stroke_width(6),
                ))
                .map_err(err)?;
            let top = stack_extent(p).0.max(p.change);
            let (px, py) = chart.backend_coord(&(x, top));
            area.draw_text(
                &format!("{:+.1}", p.change),
                &font.color(&INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
                (px - base.0, py - base.1 - 8),
            )
            .map_err(err)?;
        }
        Ok(())
    }
}

/// The plot: periods across, percentage points of GDP up.
type PeriodChart<'a, DB> = super::axis::AxisChart<'a, DB>;

/// Half a bar's width, in period slots.
const BAR_HALF_WIDTH: f64 = 0.3;

/// The top and bottom of a period's stack: the sum of its rises and of
/// its falls.
fn stack_extent(p: &Period) -> (f64, f64) {
    let c = p.components();
    let up: f64 = c.iter().filter(|v| **v > 0.0).sum();
    let down: f64 = c.iter().filter(|v| **v < 0.0).sum();
    (up, down)
}
