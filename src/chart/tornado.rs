//! The tornado chart of `fiscal sensitivity`: for each variant a bar from
//! the central final-year PSND to its low and to its high setting, largest
//! swing at the top.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::frame::{Frame, LegendEntry};
use super::style::{self, INK, MUTED};
use super::{csv_table, Body, Chart, ChartError, ChartKind};
use crate::model::uncertainty::sensitivity::Sensitivity;

const LOW: RGBColor = style::okabe_ito::SKY_BLUE;
const HIGH: RGBColor = style::okabe_ito::VERMILLION;

/// The tornado's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// Scenario name.
    pub scenario: String,
    /// Final fiscal year, for the axis title.
    pub year: String,
    /// Central final-year PSND, % of GDP.
    pub central: f64,
    /// (variant, low label, low value, high label, high value), largest swing first.
    pub bars: Vec<(String, String, f64, String, f64)>,
    /// Sensitivities left off the chart (beyond [`MAX_BARS`]).
    pub left_off: usize,
}

/// Most bars drawn: the largest swings (a scenario with interventions has
/// one sensitivity per uncertain field of each).
pub const MAX_BARS: usize = 16;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Tornado {
    /// From the sensitivities of `scenario`, whose last year is `year`.
    pub fn from_sensitivity(scenario: &str, year: String, s: &Sensitivity) -> Tornado {
        Tornado {
            scenario: scenario.to_string(),
            year,
            central: s.central.final_psnd_pct_gdp,
            left_off: s.variants.len().saturating_sub(MAX_BARS),
            bars: s
                .variants
                .iter()
                .take(MAX_BARS)
                .map(|v| {
                    (
                        v.name.clone(),
                        v.low_label.clone(),
                        v.low.final_psnd_pct_gdp,
                        v.high_label.clone(),
                        v.high.final_psnd_pct_gdp,
                    )
                })
                .collect(),
        }
    }

    /// The chart, framed.
    pub fn chart(self) -> Chart {
        Chart {
            kind: ChartKind::Tornado,
            frame: Frame {
                title: ChartKind::Tornado.title().into(),
                scenario: format!("Scenario: {}", self.scenario),
                official: true,
                note: Some(format!(
                    "PSND in {} (% of GDP) with one assumption moved; the line marks the scenario's own value, {:.1} %.{}",
                    self.year,
                    self.central,
                    if self.left_off > 0 {
                        format!(" The {MAX_BARS} largest swings; {} smaller ones in the data.", self.left_off)
                    } else {
                        String::new()
                    }
                )),
                sources: String::new(),
            },
            body: Body::Tornado(self),
        }
    }

    /// Legend: low and high settings.
    pub fn legend(&self) -> Vec<LegendEntry> {
        vec![
            LegendEntry::swatch("Low setting", LOW),
            LegendEntry::swatch("High setting", HIGH),
        ]
    }

    /// `variant,low_label,low_psnd_pct_gdp,high_label,high_psnd_pct_gdp,central_psnd_pct_gdp`.
    pub fn csv(&self) -> String {
        let rows = self.bars.iter().map(|(n, ll, l, hl, h)| {
            vec![
                super::text(n),
                super::text(ll),
                super::num(*l),
                super::text(hl),
                super::num(*h),
                super::num(self.central),
            ]
        });
        csv_table(
            &[
                "variant",
                "low_label",
                "low_psnd_pct_gdp",
                "high_label",
                "high_psnd_pct_gdp",
                "central_psnd_pct_gdp",
            ],
            rows,
        )
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        if self.bars.is_empty() {
            return Err(ChartError::NoData("no variants".into()));
        }
        let vals = self
            .bars
            .iter()
            .flat_map(|b| [b.2, b.4])
            .chain([self.central])
            .filter(|v| v.is_finite());
        let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let pad = ((hi - lo) * 0.05).max(1.0);
        let (x0, x1, ticks) = style::nice_axis(lo - pad, hi + pad, 6);
        let n = self.bars.len();
        let label_font = style::font(style::LABEL);
        let widest = self
            .bars
            .iter()
            .map(|b| style::text_width(&b.0, &label_font))
            .max()
            .unwrap_or(0) as i32;
        let names: Vec<String> = self.bars.iter().map(|b| b.0.clone()).collect();
        let y_ticks: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let mut chart = ChartBuilder::on(area)
            .margin_left(super::frame::MARGIN - 8)
            .margin_right(40)
            .margin_top(6)
            .x_label_area_size(64)
            .y_label_area_size(widest + 24)
            .build_cartesian_2d(
                Axis::new(x0, x1, ticks),
                Axis::new(-0.6, n as f64 - 0.4, y_ticks),
            )
            .map_err(err)?;
        // Largest swing at the top: bar i sits at y = n − 1 − i.
        let label = |y: &f64| {
            let i = n as i64 - 1 - y.round() as i64;
            usize::try_from(i)
                .ok()
                .and_then(|i| names.get(i))
                .cloned()
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(style::GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(MUTED.stroke_width(1))
            .x_desc(format!("PSND in {}, % of GDP", self.year))
            .axis_desc_style(style::font(style::AXIS).color(&INK))
            .label_style(style::font(style::LABEL).color(&INK))
            .x_label_formatter(&|v| style::tick(*v))
            .y_label_formatter(&label)
            .draw()
            .map_err(err)?;
        for (i, b) in self.bars.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            for (v, c) in [(b.2, LOW), (b.4, HIGH)] {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(self.central, y - 0.3), (v, y + 0.3)],
                        c.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                vec![(self.central, -0.6), (self.central, n as f64 - 0.4)],
                INK.stroke_width(2),
            ))
            .map_err(err)?;
        Ok(())
    }
}
