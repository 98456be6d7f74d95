//! The command line: one clap `Command` enum, one module per subcommand, each
//! with its `Args` and a `run` function.

/// Write to standard output; a failed write (a closed pipe, a full disk)
/// becomes a [`StdoutError`] for `?`, never a panic as `print!` would.
/// With `--quiet`, nothing is written.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if $crate::cli::quiet() {
            Ok(())
        } else {
            write!(std::io::stdout().lock(), $($arg)*).map_err($crate::cli::StdoutError)
        }
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if $crate::cli::quiet() {
            Ok(())
        } else {
            writeln!(std::io::stdout().lock(), $($arg)*).map_err($crate::cli::StdoutError)
        }
    }};
}

pub mod atomic;
pub mod chart;
pub mod chart_files;
pub mod chart_style;
pub mod check;
pub mod compare;
pub mod completions;
pub mod data;
pub mod fan;
pub mod gap;
pub mod hofd;
pub mod interventions;
pub mod limits;
pub mod man;
pub mod new;
pub mod population;
pub mod report;
pub mod reproduce;
pub mod run;
pub mod scenarios;
pub mod sensitivity;
#[cfg(feature = "serve")]
pub mod serve;
pub mod sweep;

use clap::{Parser, Subcommand};

pub use atomic::{prepare_dir, ClashError, FileSet, WriteError};

/// The directory a file goes into (`.` for a bare file name).
pub fn parent_dir(path: &std::path::Path) -> &std::path::Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    }
}

/// The exit codes, shown at the end of `fiscal --help` (docs/errors.md
/// lists every message).
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when the reader of standard output goes away, as with `| head`)
  1  failure: standard output could not be written (a full disk), a projection
     that cannot be computed, or a bug
  2  bad input or usage: a scenario, table, argument or output path is wrong; the
     message names the file, line, field or argument and how to fix it
  130 interrupted (Ctrl-C, SIGTERM): temporary files are removed, earlier outputs kept

Every input the tool reads and the ways each can be wrong: docs/errors.md";

/// OBR-style long-term projections of UK public sector net debt.
#[derive(Debug, Parser)]
#[command(name = "fiscal", version, about, long_about = None, propagate_version = true, after_help = EXIT_CODES)]
pub struct Cli {
    /// Print nothing on standard output and no progress bar (files asked for are still written; errors and warnings still go to standard error).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The `--help` epilogue of a subcommand: its examples, then [`EXIT_CODES`].
pub fn examples(list: &[(&str, &str)]) -> String {
    let width = list.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let mut text = String::from("Examples:\n");
    for (cmd, what) in list {
        text.push_str(&format!("  {cmd:<width$}   # {what}\n"));
    }
    text.push('\n');
    text.push_str(EXIT_CODES);
    text
}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether `--quiet` was given (standard output is then left empty).
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
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
    /// Appraise a scenario's interventions (Green Book NPVs) and draw probabilistic paths of the package.
    Interventions(interventions::Args),
    /// Draw one chart (SVG, PNG or PDF) for one or more scenarios, with its data as CSV.
    Chart(chart::Args),
    /// Write a report: a self-contained HTML page, an XLSX workbook or an A4 PDF briefing.
    Report(report::Args),
    /// The population a scenario runs on: age groups, births, deaths, migration, TFR, life expectancy.
    Population(population::Args),
    /// List the shipped scenarios (embedded, runnable by name from anywhere), or print one.
    Scenarios(scenarios::Args),
    /// Write a commented starting file: a scenario with an intervention, or a plain scenario.
    New(new::Args),
    /// Stochastic fan of the debt path: percentiles and probabilities by year from many paths.
    Fan(fan::Args),
    /// One-at-a-time sensitivities (a tornado): final-year debt and fiscal gap, largest swing first.
    Sensitivity(sensitivity::Args),
    /// Run a scenario over a grid of field values (`--vary field=a..b:step`), in parallel.
    Sweep(sweep::Args),
    /// Explore a scenario in the browser: sliders, live charts and headline numbers (a local web server).
    #[cfg(feature = "serve")]
    Serve(serve::Args),
    /// Build the compact data tables from the official publications.
    #[command(subcommand)]
    Data(data::Command),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff) on standard output.
    Man(man::Args),
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

/// A chart kind as a command-line value: its key, with its description as
/// help (the library has no clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartKindArg(pub fiscal::chart::ChartKind);

impl clap::ValueEnum for ChartKindArg {
    fn value_variants<'a>() -> &'a [Self] {
        use fiscal::chart::ChartKind as K;
        &[
            ChartKindArg(K::Debt),
            ChartKindArg(K::Receipts),
            ChartKindArg(K::Spending),
            ChartKindArg(K::Decomposition),
            ChartKindArg(K::Interventions),
            ChartKindArg(K::Pyramid),
            ChartKindArg(K::Dependency),
            ChartKindArg(K::Fan),
            ChartKindArg(K::Tornado),
            ChartKindArg(K::Difference),
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.key()).help(self.0.description()))
    }
}

/// A fan engine as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineArg(pub fiscal::model::uncertainty::Engine);

impl clap::ValueEnum for EngineArg {
    fn value_variants<'a>() -> &'a [Self] {
        use fiscal::model::uncertainty::Engine as E;
        &[EngineArg(E::Reduced), EngineArg(E::Full)]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.key()).help(self.0.description()))
    }
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

/// Print `err` and its context chain on standard error, once. Written, not
/// `eprint!`ed: a failing standard error must not panic (the exit code
/// still tells).
pub fn print_error(err: &anyhow::Error) {
    use std::io::Write as _;
    let mut text = format!("error: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    let _ = writeln!(std::io::stderr().lock(), "{text}");
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
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Scenarios(a) => scenarios::run(a),
        Command::New(a) => new::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
        Command::Run(a) => run::run(a),
        Command::Check(a) => check::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Gap(a) => gap::run(a),
        Command::Interventions(a) => interventions::run(a),
        Command::Chart(a) => chart::run(a),
        Command::Report(a) => report::run(a),
        Command::Data(c) => data::run(c),
        Command::Reproduce(a) => reproduce::run(a),
        Command::Population(a) => population::run(a),
        Command::Fan(a) => fan::run(a),
        Command::Sensitivity(a) => sensitivity::run(a),
        Command::Sweep(a) => sweep::run(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a),
    }
}

/// Print a warning on standard error (a failed write to standard error is
/// ignored: there is nowhere left to report it).
pub fn warn(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
}

/// Print a note on standard error (an estimate, a progress line).
pub fn note(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "note: {message}");
}

/// A usage problem found after parsing (e.g. conflicting options).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Exit code for an error: 2 for bad input or usage, 1 for anything else.
/// The library classifies its own errors ([`fiscal::Error::kind`]); the
/// command line adds its usage errors and the output files it refuses.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    let bad_input = err.chain().any(|e| {
        e.downcast_ref::<fiscal::Error>()
            .is_some_and(fiscal::Error::is_bad_input)
            || e.is::<UsageError>()
            || e.is::<WriteError>()
            || e.is::<ClashError>()
    });
    if bad_input {
        2
    } else {
        1
    }
}

/// The image format of a `--chart FILE` option, from its extension; a
/// usage error when it is neither `.svg` nor `.png`.
pub fn chart_format(
    chart: Option<&std::path::Path>,
) -> anyhow::Result<Option<fiscal::chart::ImageFormat>> {
    match chart {
        Some(p) => Ok(Some(fiscal::chart::ImageFormat::from_path(p).ok_or_else(
            || {
                UsageError(format!(
                    "cannot tell the image format of {}: name the chart FILE.svg or FILE.png",
                    p.display()
                ))
            },
        )?)),
        None => Ok(None),
    }
}

/// Declare a chart `file` and its data beside it as FILE.csv.
pub fn declare_chart(files: &mut FileSet, file: &std::path::Path) -> anyhow::Result<()> {
    files.declare(file.to_path_buf())?;
    files.declare(file.with_extension("csv"))?;
    Ok(())
}

/// Render `chart` into `file` in `format`, its data beside it as FILE.csv,
/// as part of `files`; `draw_error` says which chart failed to draw.
pub fn add_chart(
    files: &mut FileSet,
    file: &std::path::Path,
    format: fiscal::chart::ImageFormat,
    chart: &fiscal::chart::Chart,
    layout: &fiscal::chart::Layout,
    draw_error: &'static str,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let bytes = chart.render_with(format, layout).context(draw_error)?;
    files.add(file.to_path_buf(), bytes)?;
    files.add(file.with_extension("csv"), chart.csv().into_bytes())?;
    Ok(())
}

/// Make sure the directory of `file` exists and is writable (after
/// checking that `file` itself is not a link, a device or a directory,
/// so that nothing is made for an output that will be refused).
pub fn prepare_parent(file: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context;
    FileSet::default().check(file)?;
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        prepare_dir(dir)
            .with_context(|| format!("the directory of {} is not usable", file.display()))?;
    }
    Ok(())
}

/// A set of outputs for a command that reads the scenario given as `arg`
/// (none: the embedded default); the tables it substitutes are added once
/// it is loaded ([`FileSet::add_inputs`]).
pub fn outputs_for(arg: Option<&std::path::Path>) -> FileSet {
    FileSet::new(arg.filter(|p| p.exists()))
}

/// Load a scenario: `-` reads it from standard input (relative `extends`
/// from the working directory), an existing file is read, any other name is
/// looked up among the shipped scenarios; the embedded default when none.
pub fn load_scenario(path: Option<&std::path::Path>) -> anyhow::Result<fiscal::scenario::Scenario> {
    use anyhow::Context;
    use fiscal::scenario::Scenario;
    match path {
        Some(p) if p.as_os_str() == "-" => {
            let text = read_stdin_scenario()?;
            Scenario::from_text("<stdin>", &text, Some(std::path::Path::new(".")))
                .context("the scenario on standard input is not valid")
        }
        Some(p) if !p.exists() && p.to_str().and_then(fiscal::scenario::catalog::find).is_none() => {
            Scenario::load(p).with_context(|| {
                format!(
                    "scenario {} is neither a file nor a shipped scenario (`fiscal scenarios` lists them)",
                    p.display()
                )
            })
        }
        Some(p) => Scenario::load_named(p)
            .with_context(|| format!("scenario {} is not valid", p.display())),
        None => Scenario::default_scenario()
            .context("the embedded default scenario is not valid (a bug)"),
    }
}

/// The largest scenario read from standard input: far above any real
/// scenario, small enough that a stray pipe cannot exhaust memory.
const STDIN_LIMIT_BYTES: u64 = 4 << 20;

fn read_stdin_scenario() -> anyhow::Result<String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(STDIN_LIMIT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            UsageError(format!(
                "`-`: cannot read the scenario from standard input ({e}): pipe a scenario into it, e.g. `fiscal run - < s.toml`"
            ))
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(UsageError(
            "`-`: standard input is empty or closed, so there is no scenario to read: pipe a scenario into it (`fiscal run - < s.toml`), or leave out `-` to run the baseline".into(),
        )
        .into());
    }
    if bytes.len() as u64 > STDIN_LIMIT_BYTES {
        return Err(UsageError(format!(
            "the scenario on standard input is over {} MiB; a scenario file is a few kilobytes",
            STDIN_LIMIT_BYTES >> 20
        ))
        .into());
    }
    String::from_utf8(bytes).map_err(|_| {
        UsageError("the scenario on standard input is not UTF-8 text: save it as UTF-8".into())
            .into()
    })
}

/// Every file the runs read, and the paths given on the command line:
/// outputs must not replace them.
pub fn inputs_of(runs: &[fiscal::Run], given: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = given.to_vec();
    for r in runs {
        paths.extend(r.scenario().input_paths());
    }
    paths
}

/// Load each scenario (the embedded default when none is given).
pub fn load_scenarios(
    paths: &[std::path::PathBuf],
) -> anyhow::Result<Vec<fiscal::scenario::Scenario>> {
    if paths.is_empty() {
        return Ok(vec![load_scenario(None)?]);
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(
            UsageError("`-` (standard input) can stand for one scenario only".into()).into(),
        );
    }
    paths.iter().map(|p| load_scenario(Some(p))).collect()
}
