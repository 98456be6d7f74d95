//! Chart files: every chart of a run (or the charts that compare runs)
//! written into a directory as `<kind>.svg`, `<kind>.png` and `<kind>.csv`,
//! as `fiscal run --charts` and `fiscal compare --charts` do.

use std::path::Path;

use crate::chart::{self, Chart, ChartError, ChartKind, ImageFormat, Input, Options};

use super::{prepare_dir, write_atomic, WriteError};

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
        source: ChartError,
    },
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn chart_err(kind: ChartKind) -> impl Fn(ChartError) -> ChartFilesError {
    move |source| ChartFilesError::Chart {
        kind: kind.key(),
        source,
    }
}

/// Write every chart that applies to one run into `dir`.
pub fn write_all(dir: &Path, input: Input<'_>) -> Result<(), ChartFilesError> {
    let charts = ChartKind::ALL
        .iter()
        .filter(|k| k.applies_to(&input))
        .map(|&k| {
            chart::build(k, std::slice::from_ref(&input), &Options::default()).map_err(chart_err(k))
        })
        .collect::<Result<Vec<_>, _>>()?;
    write_charts(dir, &charts)
}

/// Write the charts that compare scenarios (`debt`, `dependency`), each
/// with every scenario, into `dir`.
pub fn write_compare(dir: &Path, inputs: &[Input<'_>]) -> Result<(), ChartFilesError> {
    let charts = ChartKind::ALL
        .iter()
        .filter(|k| k.compares_scenarios())
        .map(|&k| chart::build(k, inputs, &Options::default()).map_err(chart_err(k)))
        .collect::<Result<Vec<_>, _>>()?;
    write_charts(dir, &charts)
}

/// Write each chart into `dir` as `<kind>.svg`, `<kind>.png` and `<kind>.csv`.
pub fn write_charts(dir: &Path, charts: &[Chart]) -> Result<(), ChartFilesError> {
    prepare_dir(dir)?;
    for c in charts {
        let key = c.kind.key();
        for format in [ImageFormat::Svg, ImageFormat::Png] {
            let bytes = c.render(format).map_err(chart_err(c.kind))?;
            write_atomic(&dir.join(format!("{key}.{}", format.ext())), &bytes)?;
        }
        write_atomic(&dir.join(format!("{key}.csv")), c.csv().as_bytes())?;
    }
    Ok(())
}
