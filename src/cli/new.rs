//! `fiscal new intervention|scenario [-o FILE]`: a commented starting file
//! that runs as it is, for a newcomer to edit.

use std::path::PathBuf;

use super::UsageError;

/// What to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A scenario with one intervention (£1bn a year from 2028-29, £0.5bn upfront).
    Intervention,
    /// A scenario that changes a few assumptions of the baseline.
    Scenario,
}

impl Template {
    /// The template's text.
    pub fn text(self) -> &'static str {
        match self {
            Template::Intervention => include_str!("templates/intervention.toml"),
            Template::Scenario => include_str!("templates/scenario.toml"),
        }
    }
}

/// Arguments of `fiscal new`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal new intervention -o mine.toml", "a commented scenario with one intervention"),
    ("fiscal new scenario > mine.toml", "a scenario changing a few assumptions"),
    ("fiscal check mine.toml && fiscal run mine.toml", "then check and run it"),
]))]
pub struct Args {
    /// What to start.
    #[arg(value_enum)]
    pub template: Template,
    /// Write to FILE (never replacing one); standard output when omitted.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `fiscal new`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let text = args.template.text();
    match &args.output {
        None => out!("{text}")?,
        Some(path) => {
            if path.exists() {
                return Err(UsageError(format!(
                    "{} already exists: `fiscal new` never replaces a file; give a new name",
                    path.display()
                ))
                .into());
            }
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::cli::prepare_dir(dir)?;
            }
            let mut files = crate::cli::outputs_for(None);
            files.declare(path.to_path_buf())?;
            files.add(path.to_path_buf(), text.as_bytes().to_vec())?;
            files.commit()?;
        }
    }
    Ok(())
}
