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
#[command(after_help = super::examples(&[
    ("fiscal data import", "rebuild data/ from ../shared"),
    ("fiscal data import --shared /path/to/shared --out /tmp/data", "elsewhere, to compare"),
]))]
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
            let report = crate::data::import::import_all(&a.shared, &a.out)
                .with_context(|| format!("importing from {}", a.shared.display()))?;
            out!("{report}")?;
            let demography = a.out.join("demography");
            let summary =
                crate::data::ons_npp::import_demography(&a.shared.join("data"), &demography)
                    .with_context(|| {
                        format!("importing the ONS projections from {}", a.shared.display())
                    })?;
            outln!("demography tables written to {}:", demography.display())?;
            for (name, bytes) in &summary.files {
                outln!("  {name:<34} {bytes:>9} bytes")?;
            }
            Ok(())
        }
    }
}
