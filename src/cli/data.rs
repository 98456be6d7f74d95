//! `fiscal data import`: rebuild the compact tables under `data/` from the
//! official publications (see data/SOURCES.md).

// The shock table's fixed-size [f64; 4] arrays, indexed by the four named
// variables.
#![allow(clippy::indexing_slicing)]

use std::path::PathBuf;

use anyhow::Context;

/// `fiscal data` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read the official files under SHARED and write the tables into OUT.
    Import(ImportArgs),
    /// Estimate the fan's shock variances, correlations and persistence from UK history (writes shocks.csv).
    Shocks(ShocksArgs),
}

/// Arguments of `fiscal data shocks`.
#[derive(Debug, clap::Args)]
pub struct ShocksArgs {
    /// Directory holding the official publications (the project's shared/).
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Directory to write shocks.csv and SOURCES_SHOCKS.md into.
    #[arg(long, default_value = "data")]
    pub out: PathBuf,
    /// First fiscal year of the sample (its starting calendar year).
    #[arg(long, default_value_t = fiscal::data::import::shocks::DEFAULT_FIRST)]
    pub from: i32,
    /// Last fiscal year of the sample (its starting calendar year).
    #[arg(long, default_value_t = fiscal::data::import::shocks::DEFAULT_LAST)]
    pub to: i32,
}

/// Arguments of `fiscal data import`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, after_help = super::examples(&[
    ("fiscal data import", "rebuild data/ from ../shared"),
    ("fiscal data import --shared /path/to/shared --out /tmp/data", "elsewhere, to compare"),
    ("fiscal data import hofd --vintage \"November 2016\"", "one past EFO from the OBR's historical forecasts database"),
]))]
pub struct ImportArgs {
    /// Import one source only.
    #[command(subcommand)]
    pub source: Option<ImportSource>,
    /// Directory holding the official publications (the project's shared/).
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Directory to write the tables into.
    #[arg(long, default_value = "data")]
    pub out: PathBuf,
    /// Import only a forecast vintage of this name (from `--efo`), written
    /// to OUT/vintages/NAME.csv; a scenario selects it with
    /// `[horizon] vintage = "NAME"` and `[data] vintage_dir = "OUT"`.
    #[arg(long, value_name = "NAME", requires = "efo")]
    pub vintage: Option<String>,
    /// The OBR EFO aggregates table (public-ledger CSV) of the vintage.
    #[arg(long, value_name = "FILE", requires = "vintage")]
    pub efo: Option<PathBuf>,
    /// Optional databank outturn table (public-ledger CSV) for the years
    /// before the EFO's first.
    #[arg(long, value_name = "FILE", requires = "vintage")]
    pub outturn: Option<PathBuf>,
    /// Import only the reference tables of `fiscal reproduce` (OUT/reference/).
    #[arg(long, conflicts_with = "vintage")]
    pub reference_only: bool,
}

/// `fiscal data import` of one source.
#[derive(Debug, clap::Subcommand)]
pub enum ImportSource {
    /// One forecast vintage of the OBR's Historical official forecasts database (any EFO from June 2010), as a vintage table.
    Hofd(super::hofd::Args),
}

/// Refuse an output directory that is the directory of the publications
/// read, or inside it, or holds it: the import replaces its tables, and
/// must never replace (or write among) its inputs.
pub fn check_out_dir(out: &std::path::Path, shared: &std::path::Path) -> anyhow::Result<()> {
    // The real path, or its real folder and its name when it does not
    // exist yet.
    let real = |p: &std::path::Path| {
        p.canonicalize().ok().or_else(|| {
            let dir = crate::cli::parent_dir(p).canonicalize().ok()?;
            Some(dir.join(p.file_name()?))
        })
    };
    let (Some(o), Some(s)) = (real(out), real(shared)) else {
        return Ok(());
    };
    if o.starts_with(&s) || s.starts_with(&o) {
        return Err(super::UsageError(format!(
            "--out {} and --shared {} overlap: the import would write among the publications it reads; give an output directory outside {}",
            out.display(),
            shared.display(),
            shared.display()
        ))
        .into());
    }
    Ok(())
}

/// Run `fiscal data`.
pub fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Shocks(a) => {
            check_out_dir(&a.out, &a.shared)?;
            crate::cli::prepare_dir(&a.out).context("the output directory is not usable")?;
            let (t, files) = fiscal::data::import::shocks::write(&a.shared, &a.out, a.from, a.to)
                .with_context(|| {
                format!("estimating the shocks from {}", a.shared.display())
            })?;
            outln!(
                "shock estimates, fiscal years {} ({} residuals):",
                t.sample,
                t.observations
            )?;
            for (k, v) in fiscal::data::shocks::VARIABLES.iter().enumerate() {
                outln!(
                    "  {v:<16} sd {:>6.3} pp  persistence {:>6.3}",
                    t.sd_pp[k],
                    t.persistence[k]
                )?;
            }
            for f in files {
                outln!("wrote {}", f.display())?;
            }
            Ok(())
        }
        Command::Import(ImportArgs {
            source: Some(ImportSource::Hofd(h)),
            ..
        }) => super::hofd::run(h),
        Command::Import(a) => {
            if let (Some(name), Some(efo)) = (&a.vintage, &a.efo) {
                let inputs = std::iter::once(efo.clone()).chain(a.outturn.clone());
                let files = crate::cli::FileSet::new(inputs);
                files.check(&a.out.join("vintages").join(format!("{name}.csv")))?;
            } else {
                check_out_dir(&a.out, &a.shared)?;
            }
            crate::cli::prepare_dir(&a.out).context("the output directory is not usable")?;
            if let (Some(name), Some(efo)) = (&a.vintage, &a.efo) {
                let (file, rows) =
                    fiscal::data::import::import_vintage(name, efo, a.outturn.as_deref(), &a.out)
                        .with_context(|| format!("importing vintage `{name}`"))?;
                outln!("vintage `{name}` written: {file} ({rows} rows)")?;
                return Ok(());
            }
            if a.reference_only {
                let report = fiscal::data::import::import_reference(&a.shared, &a.out)
                    .with_context(|| format!("importing from {}", a.shared.display()))?;
                out!("{report}")?;
                return Ok(());
            }
            // All or nothing: a staging directory beside the output, moved
            // into place only when every table succeeded (and removed if
            // the import is interrupted).
            let name = a
                .out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "data".into());
            let staging = crate::cli::parent_dir(&a.out)
                .join(format!(".{name}.import.{}.tmp", std::process::id()));
            crate::cli::atomic::register_temporary(&staging);
            let result = fiscal::data::import::import_staged(&a.shared, &a.out, &staging);
            crate::cli::atomic::unregister_temporary(&staging);
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
