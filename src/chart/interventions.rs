//! What a scenario's efficiency interventions do, in two panels side by side:
//! net saving by year (% of GDP) and the change in PSND against the same
//! scenario without interventions (percentage points of GDP). Each
//! intervention is a thin coloured line; the package is a thick black line,
//! labelled at its end, because the package is the answer a reader wants.
//!
//! Readable for a policy team: at most six lines (the four interventions
//! that move debt most, the rest summed as one grey line, and the package),
//! each in its own colour; and technology refresh costs spread evenly over
//! their cycle, so that a refresh every few years does not draw a sawtooth
//! at annual resolution (unless asked for with `refresh_spikes`).
//!
//! The package's PSND change is its own projection, not the sum of the
//! interventions' changes (interest on interest compounds across them), so
//! both panels draw it rather than adding the lines up.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::frame::LegendEntry;
use super::style::{self, okabe_ito, INK};
use super::{csv_table, num, ChartError};
use crate::model::interventions::{Effect, Grade, InterventionResults};
use crate::years::FiscalYear;

/// One intervention's (or the package's) paths.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectPath {
    /// Legend label (the intervention's name).
    pub label: String,
    /// Net saving (realised saving less costs) by year, % of GDP.
    pub net_saving_pct_gdp: Vec<(FiscalYear, f64)>,
    /// Change in PSND against no interventions by year, pp of GDP.
    pub psnd_change_pp_gdp: Vec<(FiscalYear, f64)>,
    /// The weakest evidence grade behind it (shown in the legend).
    pub grade: Option<Grade>,
}

impl EffectPath {
    fn from_effect(label: &str, e: &Effect, refresh_spikes: bool) -> EffectPath {
        EffectPath {
            label: label.to_string(),
            grade: e.evidence_grade,
            net_saving_pct_gdp: e
                .years
                .iter()
                .map(|y| {
                    let v = if refresh_spikes {
                        y.net_saving_pct_gdp
                    } else {
                        y.net_saving_smoothed_pct_gdp
                    };
                    (y.year, v)
                })
                .collect(),
            psnd_change_pp_gdp: e
                .years
                .iter()
                .map(|y| (y.year, y.psnd_change_pp_gdp))
                .collect(),
        }
    }
}

/// The interventions of one scenario and their package.
#[derive(Debug, Clone, PartialEq)]
pub struct Interventions {
    /// Each intervention on its own, in scenario order.
    pub interventions: Vec<EffectPath>,
    /// All of them together.
    pub package: EffectPath,
}

/// Legend and CSV label of the package.
pub const PACKAGE_LABEL: &str = "Package: all interventions together";

/// Interventions drawn on their own; the rest are summed into one line.
pub(crate) const MAX_SHOWN: usize = 4;

/// Intervention colours: four well-separated Okabe–Ito colours (not black,
/// which marks the package), then grey for the summed rest.
const COLOURS: [RGBColor; 5] = [
    okabe_ito::BLUE,
    okabe_ito::VERMILLION,
    okabe_ito::GREEN,
    okabe_ito::PURPLE,
    okabe_ito::ORANGE,
];
const OTHERS: RGBColor = style::GREY;
const PACKAGE: RGBColor = okabe_ito::BLACK;

fn colour(i: usize, p: &EffectPath) -> RGBColor {
    if p.label.starts_with(OTHERS_LABEL) {
        OTHERS
    } else {
        COLOURS[i % COLOURS.len()]
    }
}

/// Label of the summed rest (followed by how many).
const OTHERS_LABEL: &str = "Other interventions";

/// Sum `paths` year by year into one line.
fn summed(label: String, paths: &[EffectPath]) -> EffectPath {
    let add = |f: fn(&EffectPath) -> &Vec<(FiscalYear, f64)>| {
        let mut out: Vec<(FiscalYear, f64)> =
            paths.first().map(|p| f(p).clone()).unwrap_or_default();
        for p in paths.iter().skip(1) {
            for (o, (_, v)) in out.iter_mut().zip(f(p)) {
                o.1 += v;
            }
        }
        out
    };
    EffectPath {
        label,
        grade: paths.iter().filter_map(|p| p.grade).max(),
        net_saving_pct_gdp: add(|p| &p.net_saving_pct_gdp),
        psnd_change_pp_gdp: add(|p| &p.psnd_change_pp_gdp),
    }
}

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// A line of a panel: its points, colour and stroke width.
type PanelLine<'a> = (&'a [(FiscalYear, f64)], RGBColor, u32);

/// What one panel draws.
struct Panel<'a> {
    title: &'a str,
    y_desc: &'a str,
    lines: Vec<PanelLine<'a>>,
    /// The package's final value, as labelled at its end.
    end_label: Option<((FiscalYear, f64), String)>,
}

impl Interventions {
    /// The chart data from evaluated interventions: with more than
    /// [`MAX_SHOWN`] + 1, the [`MAX_SHOWN`] with the largest final effect on
    /// debt (in scenario order) and the rest summed. Net savings use
    /// smoothed refresh costs unless `refresh_spikes`.
    pub fn from_results(r: &InterventionResults, refresh_spikes: bool) -> Interventions {
        let all: Vec<EffectPath> = r
            .interventions
            .iter()
            .map(|e| EffectPath::from_effect(&e.name, e, refresh_spikes))
            .collect();
        let interventions = if all.len() <= MAX_SHOWN + 1 {
            all
        } else {
            let mut by_size: Vec<usize> = (0..all.len()).collect();
            let size = |k: usize| {
                r.interventions
                    .get(k)
                    .map_or(0.0, |e| e.final_psnd_change_pp_gdp.abs())
            };
            by_size.sort_by(|&a, &b| size(b).total_cmp(&size(a)).then(a.cmp(&b)));
            let mut shown: Vec<usize> = by_size.iter().copied().take(MAX_SHOWN).collect();
            shown.sort_unstable();
            let rest: Vec<EffectPath> = (0..all.len())
                .filter(|k| !shown.contains(k))
                .filter_map(|k| all.get(k).cloned())
                .collect();
            let mut out: Vec<EffectPath> =
                shown.iter().filter_map(|&k| all.get(k).cloned()).collect();
            out.push(summed(
                format!("{OTHERS_LABEL} ({}, summed)", rest.len()),
                &rest,
            ));
            out
        };
        Interventions {
            interventions,
            package: EffectPath::from_effect(PACKAGE_LABEL, &r.package, refresh_spikes),
        }
    }

    fn all(&self) -> impl Iterator<Item = &EffectPath> {
        self.interventions
            .iter()
            .chain(std::iter::once(&self.package))
    }

    /// Legend: one line per intervention, then the package, each with its
    /// evidence grade.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let graded = |p: &EffectPath| match p.grade {
            Some(g) => format!("{} [{}]", p.label, g.letter()),
            None => p.label.clone(),
        };
        let mut l: Vec<LegendEntry> = self
            .interventions
            .iter()
            .enumerate()
            .map(|(i, p)| LegendEntry::line(graded(p), colour(i, p)))
            .collect();
        l.push(LegendEntry::line(graded(&self.package), PACKAGE));
        l
    }

    /// The data as CSV: `intervention,year,net_saving_pct_gdp,psnd_change_pp_gdp`,
    /// the package last.
    pub fn csv(&self) -> String {
        let rows = self.all().flat_map(|p| {
            p.net_saving_pct_gdp.iter().zip(&p.psnd_change_pp_gdp).map(
                move |((y, net), (_, debt))| {
                    vec![super::text(&p.label), y.to_string(), num(*net), num(*debt)]
                },
            )
        });
        csv_table(
            &[
                "intervention",
                "year",
                "net_saving_pct_gdp",
                "psnd_change_pp_gdp",
            ],
            rows,
        )
    }

    fn panel<'a>(
        &'a self,
        title: &'a str,
        y_desc: &'a str,
        f: fn(&EffectPath) -> &[(FiscalYear, f64)],
        label: fn(f64) -> String,
    ) -> Panel<'a> {
        let mut lines: Vec<_> = self
            .interventions
            .iter()
            .enumerate()
            .map(|(i, p)| (f(p), colour(i, p), 3))
            .collect();
        // The package last, so it is drawn on top.
        lines.push((f(&self.package), PACKAGE, 5));
        let end_label = f(&self.package).last().map(|&(y, v)| ((y, v), label(v)));
        Panel {
            title,
            y_desc,
            lines,
            end_label,
        }
    }

    /// Draw into `area`: the two panels side by side.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), ChartError> {
        if self.package.net_saving_pct_gdp.is_empty() {
            return Err(ChartError::NoData("no years to plot".into()));
        }
        let (w, _) = area.dim_in_pixel();
        let (left, right) = area.split_horizontally(w / 2);
        draw_panel(
            &left,
            &self.panel(
                "Net saving: savings less costs",
                "% of GDP",
                |p| &p.net_saving_pct_gdp,
                |v| format!("{v:.2}%"),
            ),
        )?;
        draw_panel(
            &right,
            &self.panel(
                "Change in PSND (below zero: less debt)",
                "Percentage points of GDP",
                |p| &p.psnd_change_pp_gdp,
                |v| format!("{v:+.1} pp"),
            ),
        )
    }
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel<'_>,
) -> Result<(), ChartError> {
    let all = || panel.lines.iter().flat_map(|l| l.0.iter());
    let (Some(first), Some(last)) = (all().map(|p| p.0).min(), all().map(|p| p.0).max()) else {
        return Err(ChartError::NoData("no years to plot".into()));
    };
    // Always include zero: the reader measures every line against it.
    let lo = all().map(|p| p.1).fold(0.0f64, f64::min);
    let hi = all().map(|p| p.1).fold(0.0f64, f64::max);
    let pad = (hi - lo).abs() * 0.06;
    let (y0, y1, yticks) = style::nice_axis(lo - pad, hi + pad, 6);

    let label_font = style::bold(style::LABEL);
    let widest = panel
        .end_label
        .as_ref()
        .map(|(_, t)| style::text_width(t, &label_font))
        .unwrap_or(0) as i32;

    // Half-width panels: a tick every ten years, but not the final year,
    // whose label would run into the previous one.
    let x0 = first.0 as f64 - 0.5;
    let x1 = last.0 as f64 + 0.5;
    let xticks: Vec<f64> = (first.0..=last.0).step_by(10).map(f64::from).collect();

    let title_font = style::bold(style::AXIS);
    area.draw_text(
        panel.title,
        &title_font.color(&INK),
        (super::frame::MARGIN, 0),
    )
    .map_err(err)?;

    let mut chart = ChartBuilder::on(area)
        .margin_left(super::frame::MARGIN - 8)
        // Browsers set SVG text in their own sans-serif, often wider than
        // the embedded face the width was measured with.
        .margin_right(widest * 115 / 100 + 24)
        .margin_top((style::AXIS * 1.5) as i32)
        .x_label_area_size(64)
        .y_label_area_size(80)
        .build_cartesian_2d(Axis::new(x0, x1, xticks), Axis::new(y0, y1, yticks))
        .map_err(err)?;
    super::axis::draw_year_mesh(&mut chart, panel.y_desc).map_err(err)?;

    chart
        .draw_series(LineSeries::new(
            vec![(x0, 0.0), (x1, 0.0)],
            INK.stroke_width(1),
        ))
        .map_err(err)?;
    for (points, c, width) in &panel.lines {
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|(y, v)| (y.0 as f64, *v)),
                c.stroke_width(*width),
            ))
            .map_err(err)?;
    }
    if let Some(((y, v), text)) = &panel.end_label {
        let p = (y.0 as f64, *v);
        chart
            .draw_series(std::iter::once(Circle::new(p, 5, PACKAGE.filled())))
            .map_err(err)?;
        let (px, py) = chart.backend_coord(&p);
        let base = area.get_base_pixel();
        area.draw_text(
            text,
            &label_font
                .color(&PACKAGE)
                .pos(Pos::new(HPos::Left, VPos::Center)),
            (px - base.0 + 10, py - base.1),
        )
        .map_err(err)?;
    }
    Ok(())
}
