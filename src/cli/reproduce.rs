//! `fiscal reproduce`: run named published cases (all by default) and print
//! each published figure next to ours, with tolerances; `--strict` makes a
//! failed hard check exit 1 (the CI use). The cases live in
//! [`fiscal::reproduce`]; this file only parses, prints and writes.

use std::path::PathBuf;

use anyhow::Context;

use super::Format;
use fiscal::output::reproduce as render;
use fiscal::reproduce::{self, CASES};

/// Arguments of `fiscal reproduce`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal reproduce", "every published case against ours, as a table"),
    ("fiscal reproduce --list", "the eight cases, their inputs and tolerances"),
    ("fiscal reproduce fsr-2017 history", "two cases"),
    ("fiscal reproduce --strict --format json", "CI: exit 1 if a hard check fails; a JSON record"),
]))]
pub struct Args {
    /// Cases to run (all when none): ons-2022, ons-2024, efo-2026-03, history,
    /// frs-2026, fsr-2017, fsr-2018, obr-headlines. `--list` describes them.
    #[arg(value_name = "CASE")]
    pub cases: Vec<String>,
    /// What to print on standard output (json: the common envelope with
    /// tool version, scenario hashes and data vintages; csv: one row a comparison).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Exit 1 when a hard check misses its tolerance.
    #[arg(long)]
    pub strict: bool,
    /// List the cases with their inputs (EFO vintage, population,
    /// assumptions) and tolerances, and exit.
    #[arg(long)]
    pub list: bool,
    /// Also write reproduce.csv and reproduce.json into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Run `fiscal reproduce`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.list {
        let cases = reproduce::select(&args.cases)?;
        out!(
            "{}",
            render::list(if args.cases.is_empty() {
                &CASES
            } else {
                &cases
            })
        )?;
        return Ok(());
    }
    let mut files = crate::cli::FileSet::default();
    if let Some(dir) = &args.out {
        crate::cli::prepare_dir(dir).context("the output directory is not usable")?;
        files.declare(dir.join("reproduce.csv"))?;
        files.declare(dir.join("reproduce.json"))?;
    }
    let results = reproduce::run(&args.cases)?;
    match args.format {
        Format::Table => out!("{}", render::table(&results))?,
        Format::Json => out!("{}", render::json(&results))?,
        Format::Csv => out!("{}", render::csv(&results))?,
    }
    if let Some(dir) = &args.out {
        files.add(
            dir.join("reproduce.csv"),
            render::csv(&results).into_bytes(),
        )?;
        files.add(
            dir.join("reproduce.json"),
            render::json(&results).into_bytes(),
        )?;
    }
    files.commit()?;
    let (hard, failed) = render::totals(&results);
    if args.strict && failed > 0 {
        anyhow::bail!("{failed} of {hard} hard checks missed their tolerance");
    }
    Ok(())
}
