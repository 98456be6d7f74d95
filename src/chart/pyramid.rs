//! Population pyramids: persons by single year of age, males to the left and
//! females to the right. The first chosen year is drawn as bars, later years
//! as outlines over it, so the ageing of the population reads at a glance.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::frame::LegendEntry;
use super::style::{self, okabe_ito, INK, MUTED};
use super::{csv_table, ChartError};
use crate::data::{PopulationTable, Sex, N_AGES};

/// Persons by single year of age (0..=105, the last 105 and over) in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct PyramidYear {
    /// Calendar mid-year.
    pub year: i32,
    /// Males by age, persons.
    pub male: Vec<f64>,
    /// Females by age, persons.
    pub female: Vec<f64>,
}

/// One pyramid per chosen year.
#[derive(Debug, Clone, PartialEq)]
pub struct Pyramid {
    /// The years, the first drawn as bars.
    pub years: Vec<PyramidYear>,
}

const MALE: RGBColor = okabe_ito::SKY_BLUE;
const FEMALE: RGBColor = okabe_ito::ORANGE;
const OUTLINES: [RGBColor; 4] = [
    okabe_ito::BLACK,
    okabe_ito::VERMILLION,
    okabe_ito::BLUE,
    okabe_ito::PURPLE,
];

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Pyramid {
    /// Take `years` (calendar mid-years) from the population table.
    pub fn from_table(t: &PopulationTable, years: &[i32]) -> Result<Pyramid, crate::Error> {
        let mut out = Vec::new();
        for &year in years {
            if year < t.first_year || year > t.last_year() {
                return Err(ChartError::PopulationYear {
                    year,
                    first: t.first_year,
                    last: t.last_year(),
                }
                .into());
            }
            let by_age = |sex| {
                (0..N_AGES)
                    .map(|a| t.get(sex, a, year).unwrap_or(0.0))
                    .collect()
            };
            out.push(PyramidYear {
                year,
                male: by_age(Sex::Male),
                female: by_age(Sex::Female),
            });
        }
        if out.is_empty() {
            return Err(ChartError::NoData("no years chosen for the pyramid".into()).into());
        }
        Ok(Pyramid { years: out })
    }

    fn outline(i: usize) -> RGBColor {
        OUTLINES[(i.max(1) - 1) % OUTLINES.len()]
    }

    /// Legend: bars for the first year, a line per later year.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut l = Vec::new();
        if let Some(first) = self.years.first() {
            l.push(LegendEntry::swatch(format!("Males, {}", first.year), MALE));
            l.push(LegendEntry::swatch(
                format!("Females, {}", first.year),
                FEMALE,
            ));
        }
        for (i, y) in self.years.iter().enumerate().skip(1) {
            l.push(LegendEntry::line(y.year.to_string(), Self::outline(i)));
        }
        l
    }

    /// The data as CSV: `year,sex,age,persons`.
    pub fn csv(&self) -> String {
        let mut rows = Vec::new();
        for y in &self.years {
            for (sex, v) in [(Sex::Male, &y.male), (Sex::Female, &y.female)] {
                for (age, p) in v.iter().enumerate() {
                    rows.push(vec![
                        y.year.to_string(),
                        sex.name().to_string(),
                        age.to_string(),
                        crate::output::units::Unit::Persons.format(*p),
                    ]);
                }
            }
        }
        csv_table(&["year", "sex", "age", "persons"], rows)
    }

    /// Draw into `area`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        let Some(first) = self.years.first() else {
            return Err(ChartError::NoData("no years chosen for the pyramid".into()));
        };
        let (m, xticks) = self.x_axis();
        let top = N_AGES as f64;
        let mut chart = age_chart(area, m, xticks)?;
        let bars = first.male.iter().enumerate().map(|(a, v)| {
            Rectangle::new(
                [(-v / THOUSAND, a as f64), (0.0, a as f64 + 1.0)],
                MALE.filled(),
            )
        });
        chart.draw_series(bars).map_err(err)?;
        let bars = first.female.iter().enumerate().map(|(a, v)| {
            Rectangle::new(
                [(0.0, a as f64), (v / THOUSAND, a as f64 + 1.0)],
                FEMALE.filled(),
            )
        });
        chart.draw_series(bars).map_err(err)?;
        self.draw_later_years(&mut chart)?;
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, 0.0), (0.0, top)],
                INK.stroke_width(1),
            ))
            .map_err(err)?;
        draw_sex_labels(&chart, area, m, top)
    }

    /// The x axis: thousands of people, males to the left; its half-width
    /// and ticks.
    fn x_axis(&self) -> (f64, Vec<f64>) {
        let max = self
            .years
            .iter()
            .flat_map(|y| y.male.iter().chain(&y.female))
            .copied()
            .fold(0.0f64, f64::max)
            / THOUSAND;
        let (_, m, ticks) = style::nice_axis(0.0, max * 1.05, 4);
        let mut xticks: Vec<f64> = ticks.iter().rev().map(|t| -t).collect();
        xticks.extend(ticks.iter().skip(1));
        (m, xticks)
    }

    /// Each later year as a step outline over the first year's bars.
    fn draw_later_years<DB: DrawingBackend>(
        &self,
        chart: &mut AgeChart<'_, DB>,
    ) -> Result<(), ChartError> {
        for (i, y) in self.years.iter().enumerate().skip(1) {
            let c = Self::outline(i);
            for (sign, v) in [(-1.0, &y.male), (1.0, &y.female)] {
                // A step outline: flat across each single year of age.
                let pts: Vec<(f64, f64)> = v
                    .iter()
                    .enumerate()
                    .flat_map(|(a, p)| {
                        let x = sign * p / THOUSAND;
                        [(x, a as f64), (x, a as f64 + 1.0)]
                    })
                    .collect();
                chart
                    .draw_series(LineSeries::new(pts, c.stroke_width(3)))
                    .map_err(err)?;
            }
        }
        Ok(())
    }
}

/// People are drawn in thousands.
const THOUSAND: f64 = 1000.0;

/// The plot: thousands of people across (males negative), age up.
type AgeChart<'a, DB> = super::axis::AxisChart<'a, DB>;

/// The plot from `-m` to `m` thousand people and ages 0 to the open age,
/// its mesh drawn.
fn age_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: f64,
    xticks: Vec<f64>,
) -> Result<AgeChart<'_, DB>, ChartError> {
    let top = N_AGES as f64;
    let mut chart = ChartBuilder::on(area)
        .margin_left(super::frame::MARGIN - 8)
        .margin_right(super::frame::MARGIN + 12)
        .margin_top(6)
        .x_label_area_size(64)
        .y_label_area_size(70)
        .build_cartesian_2d(
            Axis::new(-m, m, xticks),
            Axis::new(0.0, top, (0..=10).map(|a| f64::from(a) * 10.0).collect()),
        )
        .map_err(err)?;
    chart
        .configure_mesh()
        .bold_line_style(style::GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED.stroke_width(1))
        .x_desc("Thousands of people at each single year of age")
        .y_desc("Age")
        .axis_desc_style(style::font(style::AXIS).color(&INK))
        .label_style(style::font(style::LABEL).color(&INK))
        .x_label_formatter(&|x| style::tick(x.abs()))
        .y_label_formatter(&|y| style::tick(*y))
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// "Males" and "Females" in the top corners of the plot.
fn draw_sex_labels<DB: DrawingBackend>(
    chart: &AgeChart<'_, DB>,
    area: &DrawingArea<DB, Shift>,
    m: f64,
    top: f64,
) -> Result<(), ChartError> {
    let base = area.get_base_pixel();
    let font = style::bold(style::AXIS);
    let (lx, ty) = chart.backend_coord(&(-m, top));
    area.draw_text(
        "Males",
        &font.color(&INK).pos(Pos::new(HPos::Left, VPos::Top)),
        (lx - base.0 + 10, ty - base.1 + 8),
    )
    .map_err(err)?;
    let (rx, _) = chart.backend_coord(&(m, top));
    area.draw_text(
        "Females",
        &font.color(&INK).pos(Pos::new(HPos::Right, VPos::Top)),
        (rx - base.0 - 10, ty - base.1 + 8),
    )
    .map_err(err)?;
    Ok(())
}
