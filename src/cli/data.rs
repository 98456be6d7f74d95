//! `fiscal data import`: rebuild the compact tables under `data/` from the
//! official publications (see data/SOURCES.md).

use std::path::PathBuf;

use anyhow::Context;

/// `fiscal data` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read the official files under SHARED and write the tables into OUT.
    Import(ImportArgs),
}

/// Arguments of `fiscal data import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Directory holding the official publications (the project's shared/).
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Directory to write the tables into.
    #[arg(long, default_value = "data")]
    pub out: PathBuf,
}

/// Run `fiscal data`.
pub fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Import(a) => {
            crate::output::prepare_dir(&a.out).context("the output directory is not usable")?;
            // All or nothing: a staging directory beside the output, moved
            // into place only when every table succeeded (and removed if
            // the import is interrupted).
            let name = a
                .out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "data".into());
            let staging = super::chart::parent_dir(&a.out)
                .join(format!(".{name}.import.{}.tmp", std::process::id()));
            crate::output::atomic::register_temporary(&staging);
            let result = crate::data::import::import_staged(&a.shared, &a.out, &staging);
            crate::output::atomic::unregister_temporary(&staging);
            let (report, summary) =
                result.with_context(|| format!("importing from {}", a.shared.display()))?;
            out!("{report}")?;
            let demography = a.out.join("demography");
            outln!("demography tables written to {}:", demography.display())?;
            for (name, bytes) in &summary.files {
                outln!("  {name:<34} {bytes:>9} bytes")?;
            }
            Ok(())
        }
    }
}
