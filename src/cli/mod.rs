//! The command line: one clap `Command` enum, one module per subcommand, each
//! with its `Args` and a `run` function.

/// Write to standard output; a failed write (a closed pipe, a full disk)
/// becomes a [`StdoutError`] for `?`, never a panic as `print!` would.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*).map_err($crate::cli::StdoutError)
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).map_err($crate::cli::StdoutError)
    }};
}

pub mod chart;
pub mod check;
pub mod compare;
pub mod data;
pub mod gap;
pub mod population;
pub mod report;
pub mod reproduce;
pub mod run;

use clap::{Parser, Subcommand};

use crate::data::DataError;
use crate::model::indicators::IndicatorError;
use crate::model::ModelError;
use crate::output::WriteError;
use crate::scenario::ScenarioError;

/// OBR-style long-term projections of UK public sector net debt.
#[derive(Debug, Parser)]
#[command(name = "fiscal", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Project the public finances 50 years ahead from a scenario (default: the embedded baseline).
    Run(run::Args),
    /// Validate scenario files without running them; lists every problem.
    Check(check::Args),
    /// Run named published cases: the published figures next to ours, with tolerances.
    Reproduce(reproduce::Args),
    /// Compare scenarios side by side, with differences from the first.
    Compare(compare::Args),
    /// Fiscal gaps, S1 and S2: the change in the primary balance that meets a debt target.
    Gap(gap::Args),
    /// Draw one chart (SVG or PNG) for one or more scenarios, with its data as CSV.
    Chart(chart::Args),
    /// Write a report: one self-contained HTML page, or an XLSX workbook.
    Report(report::Args),
    /// The population a scenario runs on: age groups, births, deaths, migration, TFR, life expectancy.
    Population(population::Args),
    /// Build the compact data tables from the official publications.
    #[command(subcommand)]
    Data(data::Command),
}

/// What a command prints on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for reading.
    Table,
    /// Every year (or row) as CSV.
    Csv,
    /// Everything, with metadata, as JSON.
    Json,
}

/// Standard output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output")]
pub struct StdoutError(#[source] pub std::io::Error);

/// Whether the error is only that the reader of standard output went away
/// (`fiscal run | head -1`): the run ends quietly with success, as `cat` does.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<StdoutError>()
            .is_some_and(|s| s.0.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Run the parsed command, then flush standard output so that a failed
/// final write is reported too.
pub fn dispatch(cli: Cli) -> anyhow::Result<()> {
    run_command(cli)?;
    use std::io::Write as _;
    std::io::stdout().flush().map_err(StdoutError)?;
    Ok(())
}

fn run_command(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Run(a) => run::run(a),
        Command::Check(a) => check::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Gap(a) => gap::run(a),
        Command::Chart(a) => chart::run(a),
        Command::Report(a) => report::run(a),
        Command::Data(c) => data::run(c),
        Command::Reproduce(a) => reproduce::run(a),
        Command::Population(a) => population::run(a),
    }
}

/// A usage problem found after parsing (e.g. conflicting options).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Exit code for an error: 2 for bad input or usage, 1 for anything else.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    let bad_input = err.chain().any(|e| {
        e.is::<ScenarioError>()
            || e.is::<DataError>()
            || e.is::<WriteError>()
            || e.is::<UsageError>()
            || e.downcast_ref::<crate::chart::ChartError>()
                .is_some_and(crate::chart::ChartError::is_bad_input)
            || e.downcast_ref::<IndicatorError>()
                .is_some_and(IndicatorError::is_bad_input)
            || e.is::<crate::data::import::ImportError>()
            || e.downcast_ref::<crate::reproduce::ReproduceError>()
                .is_some_and(crate::reproduce::ReproduceError::is_bad_input)
            || matches!(
                e.downcast_ref::<ModelError>(),
                Some(
                    ModelError::PopulationYears { .. }
                        | ModelError::EfoYear { .. }
                        | ModelError::Data { .. }
                        | ModelError::NonFinite { .. }
                )
            )
    });
    if bad_input {
        2
    } else {
        1
    }
}

/// Load a scenario file, or the embedded default when none is given.
pub fn load_scenario(path: Option<&std::path::Path>) -> anyhow::Result<crate::scenario::Scenario> {
    use anyhow::Context;
    match path {
        Some(p) => crate::scenario::Scenario::load(p)
            .with_context(|| format!("scenario {} is not valid", p.display())),
        None => crate::scenario::Scenario::default_scenario()
            .context("the embedded default scenario is not valid (a bug)"),
    }
}

/// Load each scenario (the embedded default when none is given).
pub fn load_scenarios(
    paths: &[std::path::PathBuf],
) -> anyhow::Result<Vec<crate::scenario::Scenario>> {
    if paths.is_empty() {
        return Ok(vec![load_scenario(None)?]);
    }
    paths.iter().map(|p| load_scenario(Some(p))).collect()
}
