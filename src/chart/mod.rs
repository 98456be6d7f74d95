//! Charts in one house style, as SVG and PNG, each with its data as CSV.
//!
//! Adding a chart: give it a [`ChartKind`], a plain data struct with
//! `legend`, `csv` and `draw` methods (see [`lines::Lines`]), a [`Body`]
//! variant, and a branch in [`build`] that fills the struct from the
//! projections. Drawing code never sees a `Projection`, so charts whose data
//! comes from elsewhere (fan charts from the uncertainty runs, tornado
//! charts from sensitivities) slot in the same way, as the intervention
//! effects do through [`Input::interventions`].

// Palettes are indexed modulo their length; series are built to the years'
// length.
#![allow(clippy::indexing_slicing)]

mod accessible;
mod axis;
pub mod decomposition;
pub mod fan;
mod font;
pub mod frame;
pub mod heatmap;
pub mod interventions;
pub mod layout;
pub mod lines;
mod marker;
pub mod package_fan;
mod pdf;
pub mod pyramid;
mod raster;
pub mod stacked;
pub(crate) mod style;
mod subset;
pub mod tornado;
mod years;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::data::PopulationTable;
use crate::model::interventions::InterventionResults;
use crate::model::{Phase, Projection, Receipt, Spend};
use crate::output::csv::{num as fmt_num, safe_text};
use crate::years::FiscalYear;

pub use decomposition::Decomposition;
pub(crate) use font::font_face_css;
pub use frame::{Frame, LegendEntry};
pub use interventions::{EffectPath, Interventions};
pub use layout::Layout;
pub use lines::{Lines, Series};
pub use pyramid::Pyramid;
pub use stacked::{Layer, Stacked};
pub use style::{HEIGHT, WIDTH};

/// Why a chart could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChartError {
    /// The drawing library failed (a bug, or the font is missing).
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Png(String),
    /// There is nothing to draw.
    #[error("nothing to chart: {0}")]
    NoData(String),
    /// A pyramid year outside the population table.
    #[error("population year {year} is not in the population table, which covers {first} to {last}; choose years in that range")]
    PopulationYear {
        /// The year asked for.
        year: i32,
        /// First year of the table.
        first: i32,
        /// Last year of the table.
        last: i32,
    },
    /// The `interventions` chart asked of a scenario without any.
    #[error("scenario `{scenario}` has no [[intervention]] tables, so the `interventions` chart has nothing to show; give a scenario with interventions, e.g. scenarios/digital/smarter_state_central.toml")]
    NoInterventions {
        /// The scenario's name.
        scenario: String,
    },
    /// More scenarios than one chart's legend can show without covering data.
    #[error("{count} scenarios on one `{kind}` chart is more than its legend can show clearly (at most {max}); split them over several charts, e.g. `fiscal chart {kind} A B C -o part1.svg` and `fiscal chart {kind} D E F -o part2.svg`")]
    TooManySeries {
        /// The chart's name.
        kind: &'static str,
        /// How many scenarios were given.
        count: usize,
        /// The most one chart shows.
        max: usize,
    },
    /// A chart that compares scenarios given only one.
    #[error("the `{kind}` chart shows each scenario minus the first, so it needs at least two; give the reference first, e.g. `fiscal chart {kind} baseline low_productivity -o diff.svg`")]
    NeedsTwo {
        /// The chart's name.
        kind: &'static str,
    },
    /// A chart option that does not fit the chart or is out of range.
    #[error("{0}")]
    BadOption(String),
    /// Several scenarios given to a chart that shows one.
    #[error("the `{kind}` chart shows one scenario at a time, but {count} were given; run it once per scenario (only `debt`, `dependency` and `difference` compare scenarios)")]
    OneScenario {
        /// The chart's name.
        kind: &'static str,
        /// How many scenarios were given.
        count: usize,
    },
}

impl ChartError {
    /// Whether the request caused the error (a year, scenario count or
    /// chart that does not fit the scenarios, an option out of range): bad input, exit code 2.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            ChartError::PopulationYear { .. }
                | ChartError::OneScenario { .. }
                | ChartError::NoInterventions { .. }
                | ChartError::NoData(_)
                | ChartError::TooManySeries { .. }
                | ChartError::NeedsTwo { .. }
                | ChartError::BadOption(_)
        )
    }
}

/// The most scenarios one chart compares: the legend (above the plot, in
/// rows) then still leaves the plot most of the height.
pub const MAX_SERIES: usize = 12;

/// The charts on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartKind {
    /// PSND % of GDP, one line per scenario.
    Debt,
    /// Receipts by category, stacked, % of GDP.
    Receipts,
    /// Primary spending by category, stacked, % of GDP.
    Spending,
    /// Contributions to the change in debt by decade.
    Decomposition,
    /// Intervention effects: net savings and the change in debt.
    Interventions,
    /// Population pyramid for chosen years.
    Pyramid,
    /// Old-age dependency ratio, one line per scenario.
    Dependency,
    /// Stochastic fan of PSND (percentile bands) with the deterministic path and variants.
    Fan,
    /// One-at-a-time sensitivities of final-year PSND, largest first.
    Tornado,
    /// Final-year PSND over a two-field sweep (drawn by `fiscal sweep --chart`).
    Heatmap,
    /// PSND of each scenario minus the first's, percentage points of GDP.
    Difference,
}

impl ChartKind {
    /// Every kind, in report order.
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Debt,
        ChartKind::Interventions,
        ChartKind::Receipts,
        ChartKind::Spending,
        ChartKind::Decomposition,
        ChartKind::Pyramid,
        ChartKind::Dependency,
    ];

    /// What the chart shows, in a line (the command line's help).
    pub fn description(self) -> &'static str {
        match self {
            ChartKind::Debt => "PSND % of GDP, one line per scenario",
            ChartKind::Receipts => "Receipts by category, stacked, % of GDP",
            ChartKind::Spending => "Primary spending by category, stacked, % of GDP",
            ChartKind::Decomposition => "Contributions to the change in debt by decade",
            ChartKind::Interventions => "Intervention effects: net savings and the change in debt",
            ChartKind::Pyramid => "Population pyramid for chosen years",
            ChartKind::Dependency => "Old-age dependency ratio, one line per scenario",
            ChartKind::Fan => {
                "Stochastic fan of PSND (percentile bands) with the deterministic path and variants"
            }
            ChartKind::Tornado => "One-at-a-time sensitivities of final-year PSND, largest first",
            ChartKind::Heatmap => {
                "Final-year PSND over a two-field sweep (drawn by `fiscal sweep --chart`)"
            }
            ChartKind::Difference => {
                "PSND of each scenario minus the first's, percentage points of GDP"
            }
        }
    }

    /// Name on the command line and in file names.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Debt => "debt",
            ChartKind::Receipts => "receipts",
            ChartKind::Spending => "spending",
            ChartKind::Decomposition => "decomposition",
            ChartKind::Interventions => "interventions",
            ChartKind::Pyramid => "pyramid",
            ChartKind::Dependency => "dependency",
            ChartKind::Fan => "fan",
            ChartKind::Tornado => "tornado",
            ChartKind::Heatmap => "heatmap",
            ChartKind::Difference => "difference",
        }
    }

    /// Chart title.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Debt => "Public sector net debt",
            ChartKind::Receipts => "Receipts by category",
            ChartKind::Spending => "Primary spending by category",
            ChartKind::Decomposition => "What changes the debt ratio",
            ChartKind::Interventions => "What the efficiency interventions do",
            ChartKind::Pyramid => "Population by age and sex",
            ChartKind::Dependency => "Old-age dependency ratio",
            ChartKind::Fan => "How uncertain is the debt path?",
            ChartKind::Tornado => "Which assumption matters most for debt",
            ChartKind::Heatmap => "Debt over a grid of assumptions",
            ChartKind::Difference => "Difference in public sector net debt",
        }
    }

    /// Whether one chart can compare several scenarios.
    pub fn compares_scenarios(self) -> bool {
        matches!(
            self,
            ChartKind::Debt | ChartKind::Dependency | ChartKind::Difference
        )
    }

    /// Whether the chart has something to show for `input` (only the
    /// `interventions` chart can come up empty: a scenario without any).
    pub fn applies_to(self, input: &Input<'_>) -> bool {
        self != ChartKind::Interventions || input.interventions.is_some()
    }
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Lines over years.
    Lines(Lines),
    /// Stacked areas over years.
    Stacked(Stacked),
    /// Stacked bars by period.
    Decomposition(Decomposition),
    /// Intervention effects, two panels.
    Interventions(Interventions),
    /// Population pyramid.
    Pyramid(Pyramid),
    /// Stochastic fan.
    Fan(fan::Fan),
    /// Tornado of sensitivities.
    Tornado(tornado::Tornado),
    /// Heatmap of a two-field sweep.
    Heatmap(heatmap::Heatmap),
    /// Distribution (fan) of a package's effect on debt.
    PackageFan(package_fan::Fan),
}

/// A chart ready to render: its kind, chrome and data.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Which chart.
    pub kind: ChartKind,
    /// Title, scenario label, source.
    pub frame: Frame,
    /// The data drawn.
    pub body: Body,
}

/// An image format, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics, [`style::WIDTH`] × [`style::HEIGHT`].
    Png,
    /// Portable document format: the SVG drawn as vectors, with the house
    /// font embedded (subset).
    Pdf,
}

impl ImageFormat {
    /// The format for `path`'s extension (case-insensitive), if supported.
    pub fn from_path(path: &Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }

    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }
}

/// Width of `text` in ems of the house font (regular or bold), for pages
/// laid out outside plotters (the briefing).
pub(crate) fn text_width_em(text: &str, bold: bool) -> f32 {
    font::width_em(text, bold)
}

/// The house font's family name on SVG pages drawn outside plotters.
pub(crate) const PAGE_FAMILY: &str = font::PAGE_FAMILY;

/// The source line of a chart of the scenarios `names` whose data came
/// from `sources` ([`sources_of`]).
pub(crate) fn source_line_for(names: &str, sources: String) -> String {
    frame::source_line(&Frame {
        title: String::new(),
        scenario: names.to_string(),
        official: true,
        note: None,
        sources,
    })
}

/// The publications behind runs, as a source line names them: each
/// `(forecast source, population source)`'s forecast and population once,
/// in order, with the tables every run shares.
pub fn sources_of<'s>(runs: impl IntoIterator<Item = (&'s str, &'s str)>) -> String {
    let (mut forecasts, mut populations) = (Vec::new(), Vec::new());
    for (forecast, population) in runs {
        crate::output::publications::push_new(&mut forecasts, forecast);
        crate::output::publications::push_new(&mut populations, population);
    }
    crate::output::publications::source_line(&forecasts, &populations)
}

/// The publications behind a scenario's data (`data`), as a source line
/// names them: for the charts not built from a projection (fan, tornado,
/// heatmap, the package's distribution), set on their frame.
pub fn sources_of_data(data: &crate::data::Dataset) -> String {
    sources_of([(data.efo.source.as_str(), data.population.source.as_str())])
}

/// SVG pages of `width_pt` × `height_pt` as one PDF titled `title`, the
/// house font embedded (the briefing).
pub(crate) fn pages_pdf(
    pages: &[String],
    width_pt: f32,
    height_pt: f32,
    title: &str,
) -> Result<Vec<u8>, crate::Error> {
    font::ensure_registered();
    Ok(pdf::pages_to_pdf(pages, width_pt, height_pt, title)?)
}

/// Format a number for CSV (fixed decimals, byte-stable).
pub(crate) fn num(v: f64) -> String {
    fmt_num(v)
}

/// Text for a CSV cell, neutralised against formula injection.
pub(crate) fn text(s: &str) -> String {
    safe_text(s)
}

/// Write `rows` under `header` as CSV text (LF line ends).
pub(crate) fn csv_table<I>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

impl Chart {
    /// The legend's entries: what each colour, dash and marker stands for
    /// (the workbook's native charts take their colours from it).
    pub fn legend_entries(&self) -> Vec<LegendEntry> {
        self.legend()
    }

    fn legend(&self) -> Vec<LegendEntry> {
        match &self.body {
            Body::Lines(b) => b.legend(),
            Body::Stacked(b) => b.legend(),
            Body::Decomposition(b) => b.legend(),
            Body::Interventions(b) => b.legend(),
            Body::Pyramid(b) => b.legend(),
            Body::Fan(b) => b.legend(),
            Body::PackageFan(b) => b.legend(),
            Body::Tornado(b) => b.legend(),
            Body::Heatmap(b) => b.legend(),
        }
    }

    /// The chart's data as CSV.
    pub fn csv(&self) -> String {
        match &self.body {
            Body::Lines(b) => b.csv(),
            Body::Stacked(b) => b.csv(),
            Body::Decomposition(b) => b.csv(),
            Body::Interventions(b) => b.csv(),
            Body::Pyramid(b) => b.csv(),
            Body::Fan(b) => b.csv(),
            Body::PackageFan(b) => b.csv(),
            Body::Tornado(b) => b.csv(),
            Body::Heatmap(b) => b.csv(),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let plot = frame::draw(root, &self.frame, &self.legend())?;
        match &self.body {
            Body::Lines(b) => b.draw(&plot),
            Body::Stacked(b) => b.draw(&plot),
            Body::Decomposition(b) => b.draw(&plot),
            Body::Interventions(b) => b.draw(&plot),
            Body::Pyramid(b) => b.draw(&plot),
            Body::Fan(b) => b.draw(&plot),
            Body::PackageFan(b) => b.draw(&plot),
            Body::Tornado(b) => b.draw(&plot),
            Body::Heatmap(b) => b.draw(&plot),
        }
    }

    /// The chart as SVG text (byte-identical for identical input), at the
    /// house size.
    pub fn svg(&self) -> Result<String, crate::Error> {
        self.svg_with(&Layout::default())
    }

    /// The chart as SVG text at `layout`: laid out on the logical canvas,
    /// sized by the `width`/`height` attributes, with a `<title>` and a
    /// `<desc>` for screen readers.
    pub fn svg_with(&self, layout: &Layout) -> Result<String, crate::Error> {
        font::ensure_registered();
        let (lw, lh) = layout.logical();
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (lw, lh)).into_drawing_area();
            self.draw(&root)?;
            root.present()
                .map_err(|e| ChartError::Draw(e.to_string()))?;
        }
        let out = out.replacen(
            &format!("<svg width=\"{lw}\" height=\"{lh}\""),
            &format!(
                "<svg width=\"{}\" height=\"{}\" role=\"img\"",
                layout.width_px, layout.height_px
            ),
            1,
        );
        Ok(accessible::with_title_and_desc(
            &font::embed_in_svg(&out),
            &self.frame.title,
            &self.description(),
        ))
    }

    /// What the chart shows, in words (the SVG's `<desc>`): the scenario
    /// line, each series' first and last value where the chart has lines,
    /// the note and the source.
    pub fn description(&self) -> String {
        accessible::describe(self)
    }

    /// The chart as a PNG file, [`style::WIDTH`] × [`style::HEIGHT`], RGB.
    pub fn png(&self) -> Result<Vec<u8>, crate::Error> {
        self.png_with(&Layout::default())
    }

    /// The chart as a PNG file at `layout`, RGB.
    pub fn png_with(&self, layout: &Layout) -> Result<Vec<u8>, crate::Error> {
        font::ensure_registered();
        let (w, h) = (layout.width_px, layout.height_px);
        let mut pixels = vec![0u8; w as usize * h as usize * 3];
        {
            let root =
                raster::Canvas::scaled(&mut pixels, (w, h), layout.logical()).into_drawing_area();
            self.draw(&root)?;
            root.present()
                .map_err(|e| ChartError::Draw(e.to_string()))?;
        }
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc
            .write_header()
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Png(e.to_string()))?;
        Ok(out)
    }

    /// The chart as a one-page PDF at `layout` (96 pixels to the inch), the
    /// house font embedded.
    pub fn pdf_with(&self, layout: &Layout) -> Result<Vec<u8>, crate::Error> {
        Ok(pdf::svg_to_pdf(&self.svg_with(layout)?, &self.frame.title)?)
    }

    /// The chart in `format` at the house size.
    pub fn render(&self, format: ImageFormat) -> Result<Vec<u8>, crate::Error> {
        self.render_with(format, &Layout::default())
    }

    /// The chart in `format` at `layout`.
    pub fn render_with(
        &self,
        format: ImageFormat,
        layout: &Layout,
    ) -> Result<Vec<u8>, crate::Error> {
        match format {
            ImageFormat::Svg => self.svg_with(layout).map(String::into_bytes),
            ImageFormat::Png => self.png_with(layout),
            ImageFormat::Pdf => self.pdf_with(layout),
        }
    }

    /// The chart with its source line naming `sources` ([`sources_of`],
    /// [`sources_of_data`]).
    pub fn with_sources(mut self, sources: String) -> Chart {
        self.frame.sources = sources;
        self
    }

    /// The chart with the user's title, subtitle and year range
    /// (`opts`); the other options are used when the chart is built.
    /// A year range on a chart without a year axis is refused.
    pub fn customised(mut self, opts: &Options) -> Result<Chart, crate::Error> {
        if let Some(t) = &opts.title {
            self.frame.title = t.clone();
        }
        if let Some(t) = &opts.subtitle {
            self.frame.scenario = t.clone();
        }
        if opts.from_year.is_some() || opts.to_year.is_some() {
            years::restrict(&mut self, opts.from_year, opts.to_year)?;
        }
        Ok(self)
    }
}

/// One scenario's results, as the charts need them.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The projection (its `name` labels the chart).
    pub projection: &'a Projection,
    /// The population table the scenario ran on.
    pub population: &'a PopulationTable,
    /// The scenario's interventions, evaluated against the same scenario
    /// without them; `None` when it has none.
    pub interventions: Option<&'a InterventionResults>,
}

impl<'a> Input<'a> {
    /// The chart input for a run: its projection (with the interventions in
    /// force), the population it ran on and its interventions.
    pub fn of(run: &'a crate::run::Run) -> Input<'a> {
        Input {
            projection: &run.projection,
            population: &run.data.population,
            interventions: run.interventions.as_ref(),
        }
    }
}

/// Choices that only some charts use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Calendar mid-years for the pyramid; empty for the default (first,
    /// middle and last projection years).
    pub pyramid_years: Vec<i32>,
    /// Interventions chart: draw refresh costs in the years they fall
    /// (a sawtooth) instead of spread over their cycle.
    pub refresh_spikes: bool,
    /// A title in place of the chart's own.
    pub title: Option<String>,
    /// A subtitle in place of the scenario line.
    pub subtitle: Option<String>,
    /// The first fiscal year shown; all from the start when `None`.
    pub from_year: Option<FiscalYear>,
    /// The last fiscal year shown; all to the end when `None`.
    pub to_year: Option<FiscalYear>,
}

fn scenario_label(inputs: &[Input<'_>]) -> String {
    let names: Vec<&str> = inputs.iter().map(|i| i.projection.name.as_str()).collect();
    match names.as_slice() {
        [one] => format!("Scenario: {one}"),
        many => format!("Scenarios: {}", many.join(", ")),
    }
}

fn efo_span(p: &Projection) -> Option<(FiscalYear, FiscalYear)> {
    let mut efo = p
        .years
        .iter()
        .filter(|y| y.phase == Phase::Efo)
        .map(|y| y.year);
    let first = efo.next()?;
    Some((first, efo.next_back().unwrap_or(first)))
}

/// The default pyramid years: first, middle (to the nearest 5) and last
/// projection years.
pub(crate) fn default_pyramid_years(p: &Projection) -> Vec<i32> {
    let (Some(a), Some(b)) = (p.years.first(), p.years.last()) else {
        return Vec::new();
    };
    let (a, b) = (a.year.start(), b.year.start());
    let mid = ((a + b) as f64 / 10.0).round() as i32 * 5;
    let mut ys = vec![a];
    if mid - a >= 5 && b - mid >= 5 {
        ys.push(mid);
    }
    if b > a {
        ys.push(b);
    }
    ys
}

fn single<'a>(kind: ChartKind, inputs: &'a [Input<'a>]) -> Result<&'a Input<'a>, ChartError> {
    match inputs {
        [one] => Ok(one),
        [] => Err(ChartError::NoData("no scenario given".into())),
        many => Err(ChartError::OneScenario {
            kind: kind.key(),
            count: many.len(),
        }),
    }
}

fn stacked(p: &Projection, layers: Vec<Layer>, total: &str) -> Stacked {
    Stacked {
        years: p.years.iter().map(|y| y.year).collect(),
        layers,
        y_desc: "% of GDP".into(),
        total_label: total.into(),
        boundary: efo_span(p).map(|s| s.1),
        csv_column: "pct_gdp".into(),
    }
}

/// Build chart `kind` from the scenarios' results, with the options in
/// `opts` (title, subtitle, year range, pyramid years, refresh costs).
pub fn build(kind: ChartKind, inputs: &[Input<'_>], opts: &Options) -> Result<Chart, crate::Error> {
    check_scenario_count(kind, inputs)?;
    if matches!(
        kind,
        ChartKind::Fan | ChartKind::Tornado | ChartKind::Heatmap
    ) {
        return Err(not_from_projection(kind).into());
    }
    let cut: Vec<Projection> = inputs
        .iter()
        .map(|i| years::projection_within(i.projection, opts.from_year, opts.to_year))
        .collect::<Result<_, _>>()?;
    let inputs: Vec<Input<'_>> = inputs
        .iter()
        .zip(&cut)
        .map(|(i, p)| Input {
            projection: p,
            ..*i
        })
        .collect();
    let inputs = inputs.as_slice();
    let sources = sources_of(inputs.iter().map(|i| {
        (
            i.projection.forecast_source.as_str(),
            i.population.source.as_str(),
        )
    }));
    let frame = |note: Option<String>| Frame {
        title: kind.title().into(),
        scenario: scenario_label(inputs),
        official: true,
        note,
        sources: sources.clone(),
    };
    let (note, body) = match kind {
        ChartKind::Fan | ChartKind::Tornado | ChartKind::Heatmap => {
            return Err(not_from_projection(kind).into())
        }
        ChartKind::Debt => debt_body(inputs),
        ChartKind::Difference => difference_body(inputs)?,
        ChartKind::Dependency => dependency_body(inputs),
        ChartKind::Receipts => receipts_body(single(kind, inputs)?.projection),
        ChartKind::Spending => spending_body(single(kind, inputs)?.projection),
        ChartKind::Decomposition => decomposition_body(single(kind, inputs)?.projection)?,
        ChartKind::Interventions => interventions_body(single(kind, inputs)?, opts)?,
        ChartKind::Pyramid => pyramid_body(single(kind, inputs)?, opts)?,
    };
    Chart {
        kind,
        frame: frame(note),
        body,
    }
    .customised(opts)
}

/// A chart's note under the title and the data it draws.
type NoteAndBody = (Option<String>, Body);

/// Refuse no scenarios, or more than one chart's legend can show.
fn check_scenario_count(kind: ChartKind, inputs: &[Input<'_>]) -> Result<(), ChartError> {
    if inputs.is_empty() {
        return Err(ChartError::NoData("no scenario given".into()));
    }
    if inputs.len() > MAX_SERIES {
        return Err(ChartError::TooManySeries {
            kind: kind.key(),
            count: inputs.len(),
            max: MAX_SERIES,
        });
    }
    Ok(())
}

/// The error for a chart drawn from an uncertainty run, not a projection.
fn not_from_projection(kind: ChartKind) -> ChartError {
    ChartError::NoData(format!(
        "the `{}` chart is drawn from an uncertainty run, not a projection: use `fiscal chart {}` or the `--chart` option of `fiscal fan`, `fiscal sensitivity` or `fiscal sweep`",
        kind.key(),
        kind.key()
    ))
}

/// One line per scenario of the yearly value `f`.
fn scenario_lines(inputs: &[Input<'_>], f: fn(&crate::model::YearResult) -> f64) -> Vec<Series> {
    inputs
        .iter()
        .map(|i| Series {
            label: i.projection.name.clone(),
            points: i.projection.years.iter().map(|y| (y.year, f(y))).collect(),
        })
        .collect()
}

/// The OBR forecast years every scenario shares: the span when all have the
/// same one, `None` when they differ (a chart then draws no boundary rather
/// than one that is right for the first scenario only) or none has one.
fn common_efo_span(inputs: &[Input<'_>]) -> Option<(FiscalYear, FiscalYear)> {
    let mut spans = inputs.iter().map(|i| efo_span(i.projection));
    let first = spans.next()??;
    spans.all(|s| s == Some(first)).then_some(first)
}

/// The note on the OBR forecast years: one span with its dashed line, or,
/// when the scenarios start from different forecasts, each scenario's own.
fn efo_note(inputs: &[Input<'_>], shared: Option<(FiscalYear, FiscalYear)>) -> Option<String> {
    if let Some((a, b)) = shared {
        return Some(format!(
            "OBR medium-term forecast {a} to {b} (left of the dashed line); later years are fiscal's long-term projection."
        ));
    }
    let each: Vec<String> = inputs
        .iter()
        .filter_map(|i| {
            efo_span(i.projection).map(|(a, b)| format!("{} {a} to {b}", i.projection.name))
        })
        .collect();
    (!each.is_empty()).then(|| {
        format!(
            "OBR medium-term forecasts differ by scenario ({}), so no line marks them; later years are fiscal's long-term projection.",
            each.join("; ")
        )
    })
}

/// PSND % of GDP per scenario, the OBR forecast years shaded.
fn debt_body(inputs: &[Input<'_>]) -> NoteAndBody {
    let shaded = common_efo_span(inputs);
    let note = efo_note(inputs, shaded)
        .map(|n| format!("{n} End-March PSND over GDP centred on end-March."));
    let body = Body::Lines(Lines {
        series: scenario_lines(inputs, |y| y.psnd_pct_gdp),
        y_desc: "% of GDP".into(),
        value_suffix: "%".into(),
        decimals: 1,
        shaded,
        csv_column: "psnd_pct_gdp".into(),
    });
    (note, body)
}

/// Each scenario's PSND minus the first's, percentage points of GDP; the
/// first drawn as the zero line it is measured from.
fn difference_body(inputs: &[Input<'_>]) -> Result<NoteAndBody, ChartError> {
    let [first, rest @ ..] = inputs else {
        return Err(ChartError::NoData("no scenario given".into()));
    };
    if rest.is_empty() {
        return Err(ChartError::NeedsTwo {
            kind: ChartKind::Difference.key(),
        });
    }
    let reference: std::collections::BTreeMap<FiscalYear, f64> = first
        .projection
        .years
        .iter()
        .map(|y| (y.year, y.psnd_pct_gdp))
        .collect();
    let mut series = vec![Series {
        label: first.projection.name.clone(),
        points: reference.keys().map(|&y| (y, 0.0)).collect(),
    }];
    series.extend(rest.iter().map(|i| {
        Series {
            label: i.projection.name.clone(),
            points: i
                .projection
                .years
                .iter()
                .filter_map(|y| reference.get(&y.year).map(|r| (y.year, y.psnd_pct_gdp - r)))
                .collect(),
        }
    }));
    let note = format!(
        "PSND (% of GDP) of each scenario minus {}'s, in percentage points; above zero is more debt.",
        first.projection.name
    );
    let body = Body::Lines(Lines {
        series,
        y_desc: "Percentage points of GDP".into(),
        value_suffix: " pp".into(),
        decimals: 1,
        shaded: common_efo_span(inputs),
        csv_column: "psnd_pct_gdp_difference".into(),
    });
    Ok((Some(note), body))
}

/// The old-age dependency ratio per scenario.
fn dependency_body(inputs: &[Input<'_>]) -> NoteAndBody {
    let note = Some(
        "People at or over State Pension age per 1,000 people aged 16 to State Pension age.".into(),
    );
    let body = Body::Lines(Lines {
        series: scenario_lines(inputs, |y| y.old_age_dependency_per_1000),
        y_desc: "Per 1,000 aged 16 to State Pension age".into(),
        value_suffix: String::new(),
        decimals: 0,
        shaded: common_efo_span(inputs),
        csv_column: "old_age_dependency_per_1000".into(),
    });
    (note, body)
}

/// Receipts by category, stacked, % of GDP.
fn receipts_body(p: &Projection) -> NoteAndBody {
    let layers = Receipt::ALL
        .iter()
        .map(|&r| Layer {
            label: r.label().into(),
            values: p.years.iter().map(|y| y.pct_gdp(y.receipt(r))).collect(),
        })
        .collect();
    (
        Some("Fiscal-year receipts over fiscal-year GDP.".into()),
        Body::Stacked(stacked(p, layers, "Total receipts")),
    )
}

/// Primary spending by category, stacked, % of GDP.
fn spending_body(p: &Projection) -> NoteAndBody {
    let layers = Spend::ALL
        .iter()
        .map(|&s| Layer {
            label: s.label().into(),
            values: p.years.iter().map(|y| y.pct_gdp(y.spend(s))).collect(),
        })
        .collect();
    (
        Some(
            "Primary spending excludes debt interest. Fiscal-year spending over fiscal-year GDP."
                .into(),
        ),
        Body::Stacked(stacked(p, layers, "Total primary spending")),
    )
}

/// Contributions to the change in debt, by period.
fn decomposition_body(p: &Projection) -> Result<NoteAndBody, crate::Error> {
    Ok((
        Some(
            "Contributions to the change in PSND (% of GDP) summed over each period; the black bar marks the net change."
                .into(),
        ),
        Body::Decomposition(Decomposition::from_projection(p)?),
    ))
}

/// The scenario's intervention effects; an error when it has none.
fn interventions_body(i: &Input<'_>, opts: &Options) -> Result<NoteAndBody, ChartError> {
    let Some(r) = i.interventions else {
        return Err(ChartError::NoInterventions {
            scenario: i.projection.name.clone(),
        });
    };
    let note = format!(
        "Expected values (after optimism bias, haircuts, success and retention) against no interventions{}; [C]/[U]/[J]: evidence grade.",
        if opts.refresh_spikes {
            ""
        } else {
            "; refresh spread over its cycle"
        }
    );
    Ok((
        Some(note),
        Body::Interventions(Interventions::from_results(r, opts.refresh_spikes)),
    ))
}

/// The population pyramid for the chosen (or default) years.
fn pyramid_body(i: &Input<'_>, opts: &Options) -> Result<NoteAndBody, crate::Error> {
    let years = if opts.pyramid_years.is_empty() {
        default_pyramid_years(i.projection)
    } else {
        opts.pyramid_years.clone()
    };
    let pyr = Pyramid::from_table(i.population, &years)?;
    let note = format!(
        "Mid-year population; bars {}, lines later years. Age {} stands for {} and over.",
        years.first().copied().unwrap_or_default(),
        crate::data::MAX_AGE,
        crate::data::MAX_AGE
    );
    Ok((Some(note), Body::Pyramid(pyr)))
}

/// Every chart that applies to one scenario, in [`ChartKind::ALL`] order
/// (the `interventions` chart only when it has interventions).
pub fn build_all(input: Input<'_>, opts: &Options) -> Result<Vec<Chart>, crate::Error> {
    ChartKind::ALL
        .iter()
        .filter(|k| k.applies_to(&input))
        .map(|&k| build(k, std::slice::from_ref(&input), opts))
        .collect()
}
