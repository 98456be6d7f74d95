//! `fiscal check`: validate scenario files without running them, listing
//! every problem in every file.

use std::path::PathBuf;

use crate::scenario::{Scenario, ScenarioError};

/// Arguments of `fiscal check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files to check.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
}

/// Run `fiscal check`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut all = Vec::new();
    for path in &args.scenarios {
        match Scenario::load(path) {
            Ok(s) => {
                // Data substitutions are part of a scenario: check they load too.
                if let Err(e) = s.dataset() {
                    all.push(crate::scenario::Diagnostic {
                        file: path.display().to_string(),
                        position: None,
                        field: Some("data".into()),
                        message: e.to_string(),
                    });
                } else {
                    outln!("ok: {}", path.display())?;
                }
            }
            Err(e) => all.extend(e.diagnostics),
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError { diagnostics: all }.into())
    }
}
