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
                // Everything `run` checks short of projecting: the data
                // substitutions load, and the tables cover the horizon.
                let problems = s.data_problems();
                if problems.is_empty() {
                    outln!("ok: {}", path.display())?;
                }
                all.extend(problems);
            }
            Err(e) => all.extend(e.diagnostics),
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError::sorted(all).into())
    }
}
