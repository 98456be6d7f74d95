//! `fiscal check`: validate scenario files without running them, listing
//! every problem in every file.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Format;
use fiscal::output::csv::{csv_text, safe_text};
use fiscal::output::envelope::Envelope;
use fiscal::scenario::{Diagnostic, Scenario};

/// Arguments of `fiscal check`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal check my.toml", "list every problem in a scenario file"),
    ("fiscal check scenarios/*.toml --format json", "machine-readable"),
    ("cat my.toml | fiscal check -", "a scenario from standard input"),
]))]
pub struct Args {
    /// Scenario files to check (or shipped scenario names; `-` reads one from standard input).
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// What to print on standard output (`json`: one result per scenario, problems included; the exit code is still 2 when any is invalid).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// One problem, as `--format json` and `--format csv` list it.
#[derive(Serialize)]
struct Problem {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: String,
}

/// One scenario's result.
#[derive(Serialize)]
struct Checked {
    scenario: String,
    ok: bool,
    problems: Vec<Problem>,
}

/// Check one scenario: its files, then the data it substitutes.
fn check_one(path: &Path) -> (Option<Scenario>, Vec<Diagnostic>) {
    let loaded = if path.as_os_str() == "-" {
        super::load_scenario(Some(path)).map_err(|e| {
            match e
                .downcast_ref::<fiscal::Error>()
                .map(fiscal::Error::diagnostics)
            {
                Some(d) if !d.is_empty() => d.to_vec(),
                _ => vec![Diagnostic {
                    file: "<stdin>".into(),
                    position: None,
                    field: None,
                    message: format!("{e:#}"),
                }],
            }
        })
    } else {
        Scenario::load_named(path).map_err(|e| e.diagnostics().to_vec())
    };
    match loaded {
        // Everything `run` checks short of projecting: the data
        // substitutions load, and the tables cover the horizon.
        Ok(s) => {
            let problems = s.data_problems();
            if problems.is_empty() {
                (Some(s), problems)
            } else {
                (None, problems)
            }
        }
        Err(d) => (None, d),
    }
}

/// Run `fiscal check`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut all = Vec::new();
    let mut results = Vec::new();
    let mut valid = Vec::new();
    for path in &args.scenarios {
        let (scenario, problems) = check_one(path);
        if args.format == Format::Table && problems.is_empty() {
            outln!("ok: {}", path.display())?;
            if let Some(s) = &scenario {
                for n in fiscal::model::interventions::notes::notes(&s.assumptions) {
                    outln!("  note: {n}")?;
                }
            }
        }
        results.push(Checked {
            scenario: path.display().to_string(),
            ok: problems.is_empty(),
            problems: problems
                .iter()
                .map(|d| Problem {
                    file: d.file.clone(),
                    line: d.position.map(|p| p.0),
                    column: d.position.map(|p| p.1),
                    field: d.field.clone(),
                    message: d.message.clone(),
                })
                .collect(),
        });
        valid.extend(scenario);
        all.extend(problems);
    }
    match args.format {
        Format::Table => {}
        Format::Json => out!(
            "{}",
            Envelope::new("check", &results).scenarios(&valid).to_json()
        )?,
        Format::Csv => {
            let rows = results.iter().flat_map(|r| {
                let ok = vec![
                    r.scenario.clone(),
                    "ok".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
                let problems = r.problems.iter().map(|p| {
                    vec![
                        r.scenario.clone(),
                        "problem".into(),
                        p.file.clone(),
                        p.line.map(|l| l.to_string()).unwrap_or_default(),
                        p.field.clone().unwrap_or_default(),
                        safe_text(&p.message),
                    ]
                });
                r.ok.then_some(ok)
                    .into_iter()
                    .chain(problems)
                    .collect::<Vec<_>>()
            });
            out!(
                "{}",
                csv_text(
                    &["scenario", "status", "file", "line", "field", "message"],
                    rows
                )
            )?;
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(fiscal::Error::from_diagnostics(all).into())
    }
}
