//! The options every chart command shares: title, subtitle, size, year
//! range and font scale (`fiscal chart`, and the `--chart` of `fiscal fan`,
//! `fiscal sensitivity` and `fiscal sweep`).

use std::path::Path;

use fiscal::chart::{Chart, ImageFormat, Layout, Options};
use fiscal::FiscalYear;

use super::UsageError;

/// How a chart looks: flattened into each chart command's arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ChartStyleArgs {
    /// Chart title in place of the chart's own.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Subtitle in place of the scenario line (the scenarios stay named in the source line).
    #[arg(long, value_name = "TEXT")]
    pub subtitle: Option<String>,
    /// Named size: a4-half (170 × 110 mm, half an A4 page), slide (16:9) or default (1200 × 720 px).
    #[arg(long, value_name = "NAME", value_parser = parse_size, conflicts_with_all = ["width", "height"])]
    pub size: Option<Layout>,
    /// Width in pixels (1/96 inch in SVG and PDF), 200 to 8000; default 1200.
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,
    /// Height in pixels, 200 to 8000; default 720 (or 60 % of --width).
    #[arg(long, value_name = "PX")]
    pub height: Option<u32>,
    /// First fiscal year shown: 2030 or 2030-31.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub from: Option<FiscalYear>,
    /// Last fiscal year shown: 2050 or 2050-51.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub to: Option<FiscalYear>,
    /// Text size relative to the house size for the chart's width, 0.5 to 3.
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    pub font_scale: f64,
}

fn parse_size(s: &str) -> Result<Layout, String> {
    Layout::named(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = fiscal::chart::layout::NAMED_SIZES
            .iter()
            .map(|n| n.0)
            .collect();
        format!(
            "`{s}` is not a chart size: choose one of {}, or give --width and --height",
            names.join(", ")
        )
    })
}

/// A fiscal year as `2030` (the year it starts) or `2030-31`.
fn parse_year(s: &str) -> Result<FiscalYear, String> {
    let t = s.trim();
    if let Ok(y) = t.parse::<i32>() {
        if (1900..=2200).contains(&y) {
            return Ok(FiscalYear(y));
        }
        return Err(format!(
            "{y} is not a plausible year: give a fiscal year such as 2030 or 2030-31"
        ));
    }
    t.parse::<FiscalYear>()
        .map_err(|_| format!("`{t}` is not a year: give a fiscal year such as 2030 or 2030-31"))
}

impl ChartStyleArgs {
    /// The size and font scale asked for, checked.
    pub fn layout(&self) -> anyhow::Result<Layout> {
        let base = self.size.unwrap_or_default();
        let width = self.width.unwrap_or(base.width_px);
        let height = self.height.unwrap_or(match self.width {
            Some(w) if self.size.is_none() => w.saturating_mul(3) / 5,
            _ => base.height_px,
        });
        Layout::new(width, height, self.font_scale).map_err(|e| UsageError(e.to_string()).into())
    }

    /// The chart options these arguments set, over `base`.
    pub fn options(&self, base: Options) -> Options {
        Options {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            from_year: self.from,
            to_year: self.to,
            ..base
        }
    }

    /// `chart` with the title, subtitle and year range applied.
    pub fn apply(&self, chart: Chart) -> anyhow::Result<Chart> {
        Ok(chart.customised(&self.options(Options::default()))?)
    }
}

/// The format of a chart file (`.svg`, `.png` or `.pdf`).
pub fn format_of(file: &Path) -> anyhow::Result<ImageFormat> {
    ImageFormat::from_path(file).ok_or_else(|| {
        UsageError(format!(
            "cannot tell the image format of {}: name the chart FILE.svg, FILE.png or FILE.pdf",
            file.display()
        ))
        .into()
    })
}

/// How the charts written into a `--charts` directory look (`fiscal run`
/// and `fiscal compare`): every chart gets the same size, year range, font
/// scale and formats. The options are prefixed `--chart-` so that they
/// cannot be mistaken for the projection's own (`--end-year`).
#[derive(Debug, Clone, clap::Args)]
pub struct ChartDirArgs {
    /// Formats of the --charts files, comma-separated: svg, png, pdf (fonts embedded). The data always goes beside them as CSV.
    #[arg(long, requires = "charts", value_name = "FORMAT", value_delimiter = ',', default_value = "svg,png", value_parser = parse_format)]
    pub chart_formats: Vec<ImageFormat>,
    /// Size of every --charts chart: a4-half (170 × 110 mm), slide (16:9) or default (1200 × 720 px).
    #[arg(long, requires = "charts", value_name = "NAME", value_parser = parse_size)]
    pub chart_size: Option<Layout>,
    /// First fiscal year the --charts charts show: 2030 or 2030-31.
    #[arg(long, requires = "charts", value_name = "YEAR", value_parser = parse_year)]
    pub chart_from: Option<FiscalYear>,
    /// Last fiscal year the --charts charts show: 2050 or 2050-51.
    #[arg(long, requires = "charts", value_name = "YEAR", value_parser = parse_year)]
    pub chart_to: Option<FiscalYear>,
    /// Text size of the --charts charts relative to the house size, 0.5 to 3.
    #[arg(long, requires = "charts", value_name = "X", default_value_t = 1.0)]
    pub chart_font_scale: f64,
}

/// A chart format named on its own: `svg`, `png` or `pdf`.
fn parse_format(s: &str) -> Result<ImageFormat, String> {
    let name = s.trim().to_ascii_lowercase();
    ImageFormat::from_path(Path::new(&format!("chart.{name}")))
        .ok_or_else(|| format!("`{s}` is not a chart format: choose svg, png or pdf"))
}

impl ChartDirArgs {
    /// What the charts look like and which files each is written as,
    /// checked before any work.
    pub fn look(&self) -> anyhow::Result<super::chart_files::Look> {
        let base = self.chart_size.unwrap_or_default();
        let layout = Layout::new(base.width_px, base.height_px, self.chart_font_scale)
            .map_err(|e| UsageError(format!("--chart-font-scale: {e}")))?;
        if let (Some(from), Some(to)) = (self.chart_from, self.chart_to) {
            if from > to {
                return Err(UsageError(format!(
                    "--chart-from {from} is after --chart-to {to}: give the earlier year first"
                ))
                .into());
            }
        }
        // Each format once, in the order given (`svg,png,svg` is svg, png).
        let mut formats: Vec<ImageFormat> = Vec::new();
        for f in &self.chart_formats {
            if !formats.contains(f) {
                formats.push(*f);
            }
        }
        Ok(super::chart_files::Look {
            options: Options {
                from_year: self.chart_from,
                to_year: self.chart_to,
                ..Options::default()
            },
            layout,
            formats,
        })
    }
}
