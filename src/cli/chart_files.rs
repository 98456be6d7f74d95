//! Chart files: every chart of a run (or the charts that compare runs)
//! written into a directory as `<kind>.svg`, `<kind>.png` and `<kind>.csv`,
//! as `fiscal run --charts` and `fiscal compare --charts` do.

use std::path::Path;

use fiscal::chart::{self, Chart, ChartKind, ImageFormat, Input, Options};

use super::{prepare_dir, ClashError, FileSet, WriteError};

/// Why chart files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ChartFilesError {
    /// A chart could not be built or drawn.
    #[error("cannot draw the {kind} chart")]
    Chart {
        /// The chart's key.
        kind: &'static str,
        /// What went wrong.
        #[source]
        source: fiscal::Error,
    },
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A chart file would replace an input or another output.
    #[error(transparent)]
    Clash(#[from] ClashError),
}

fn chart_err(kind: ChartKind) -> impl Fn(fiscal::Error) -> ChartFilesError {
    move |source| ChartFilesError::Chart {
        kind: kind.key(),
        source,
    }
}

/// How the charts of a `--charts` directory look, and the formats each
/// is written in.
#[derive(Debug, Clone)]
pub struct Look {
    /// The year range (the other options are per chart).
    pub options: Options,
    /// Size and font scale.
    pub layout: fiscal::chart::Layout,
    /// The image files of each chart, beside its CSV.
    pub formats: Vec<ImageFormat>,
}

/// Add every chart that applies to one run to `files`, in `dir`.
pub fn write_all(
    files: &mut FileSet,
    dir: &Path,
    input: Input<'_>,
    look: &Look,
) -> Result<(), ChartFilesError> {
    let charts = ChartKind::ALL
        .iter()
        .filter(|k| k.applies_to(&input))
        .map(|&k| {
            chart::build(k, std::slice::from_ref(&input), &look.options).map_err(chart_err(k))
        })
        .collect::<Result<Vec<_>, _>>()?;
    write_charts(files, dir, &charts, look)
}

/// Add the charts that compare scenarios (`debt`, `dependency`, and with
/// two or more scenarios `difference`), each with every scenario, to
/// `files`, in `dir`.
pub fn write_compare(
    files: &mut FileSet,
    dir: &Path,
    inputs: &[Input<'_>],
    look: &Look,
) -> Result<(), ChartFilesError> {
    let difference = (inputs.len() > 1).then_some(ChartKind::Difference);
    let charts = ChartKind::ALL
        .iter()
        .copied()
        .filter(|k| k.compares_scenarios())
        .chain(difference)
        .map(|k| chart::build(k, inputs, &look.options).map_err(chart_err(k)))
        .collect::<Result<Vec<_>, _>>()?;
    write_charts(files, dir, &charts, look)
}

/// Add each chart to `files` as `dir/<kind>.<format>` for each of the
/// look's formats and `dir/<kind>.csv` (the set is written, all or
/// nothing, when the caller commits it).
pub fn write_charts(
    files: &mut FileSet,
    dir: &Path,
    charts: &[Chart],
    look: &Look,
) -> Result<(), ChartFilesError> {
    prepare_dir(dir)?;
    for c in charts {
        let key = c.kind.key();
        for &format in &look.formats {
            let bytes = c
                .render_with(format, &look.layout)
                .map_err(chart_err(c.kind))?;
            files.add(dir.join(format!("{key}.{}", format.ext())), bytes)?;
        }
        files.add(dir.join(format!("{key}.csv")), c.csv().into_bytes())?;
    }
    Ok(())
}
