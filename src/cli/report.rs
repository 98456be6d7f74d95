//! `fiscal report [SCENARIO...] -o report.html|report.xlsx|brief.pdf`: one
//! self-contained HTML report, a workbook for analysts, or an A4 briefing.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use fiscal::report;
use fiscal::run::project_all;

/// Arguments of `fiscal report`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal report -o report.html", "one self-contained HTML page for the baseline"),
    ("fiscal report baseline digital/smarter_state_central -o report.xlsx", "a workbook for analysts, two scenarios"),
    ("fiscal report baseline low_productivity -o brief.pdf", "an A4 briefing: the answer on page one, then charts and assumptions"),
    ("SOURCE_DATE_EPOCH=$(date +%s) fiscal report -o report.xlsx", "record the run time in the workbook"),
]))]
pub struct Args {
    /// Scenario files (TOML); the embedded baseline when none.
    pub scenarios: Vec<PathBuf>,
    /// Output: FILE.html (self-contained page), FILE.xlsx (workbook) or FILE.pdf (A4 briefing; the first scenario is the reference).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Clone, Copy)]
enum Kind {
    Html,
    Xlsx,
    Pdf,
}

/// The workbook's run time: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set; none otherwise, so that the
/// same inputs give a byte-identical workbook.
fn xlsx_meta() -> anyhow::Result<report::XlsxMeta> {
    let run_time_epoch_s = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => Some(v.trim().parse::<i64>().map_err(|_| {
            UsageError(format!(
                "SOURCE_DATE_EPOCH is `{v}`: set it to whole seconds since 1970-01-01 UTC, or unset it"
            ))
        })?),
        Err(_) => None,
    };
    // A workbook's date runs from 1900 to 9999 (Excel's range).
    const LAST_S: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    if let Some(s) = run_time_epoch_s.filter(|s| !(0..=LAST_S).contains(s)) {
        return Err(UsageError(format!(
            "SOURCE_DATE_EPOCH is {s}, outside 1970 to 9999 (0 to {LAST_S} seconds), the dates a workbook can hold: give whole seconds since 1970-01-01 UTC, or unset it"
        ))
        .into());
    }
    Ok(report::XlsxMeta { run_time_epoch_s })
}

/// Run `fiscal report`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("html" | "htm") => Kind::Html,
        Some("xlsx") => Kind::Xlsx,
        Some("pdf") => Kind::Pdf,
        _ => {
            return Err(UsageError(format!(
            "cannot tell the report format of {}: name the output FILE.html, FILE.xlsx or FILE.pdf",
            args.output.display()
        ))
            .into())
        }
    };
    let meta = xlsx_meta()?;
    crate::cli::prepare_dir(crate::cli::parent_dir(&args.output))
        .context("the output directory is not usable")?;
    let mut files = crate::cli::FileSet::new(&args.scenarios);
    files.declare(args.output.clone())?;
    let runs = project_all(super::load_scenarios(&args.scenarios)?)?;
    files.add_inputs(super::inputs_of(&runs, &[]))?;
    let bytes = match kind {
        Kind::Html => report::html(&runs)?.into_bytes(),
        Kind::Xlsx => report::xlsx(&runs, &meta)?,
        Kind::Pdf => report::briefing_pdf(&runs)?,
    };
    files.add(args.output.clone(), bytes)?;
    files.commit()?;
    Ok(())
}
