//! `fiscal data import hofd`: one forecast vintage of the OBR's Historical
//! official forecasts database as a vintage table (`OUT/vintages/NAME.csv`),
//! so that any past EFO's medium term can start a projection; `--list`
//! prints the vintages the workbook holds.

use std::path::PathBuf;

use anyhow::Context;

use fiscal::data::import;

/// Arguments of `fiscal data import hofd`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal data import hofd --list", "the vintages the database holds"),
    ("fiscal data import hofd --vintage \"November 2016\" --out mydata", "writes mydata/vintages/efo-2016-11.csv"),
]))]
pub struct Args {
    /// The vintage, as the database labels it ("November 2016"); case and
    /// spacing do not matter. A name it does not hold exits 2 with the
    /// nearest ones.
    #[arg(long, value_name = "LABEL", required_unless_present = "list")]
    pub vintage: Option<String>,
    /// Print the vintages the workbook holds (and which can be a medium
    /// term) and exit.
    #[arg(long, conflicts_with = "vintage")]
    pub list: bool,
    /// The workbook (default: SHARED/data/obr/hofd/obr_historical_official_forecasts_2024-10.xlsx).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Directory holding the official publications (the project's shared/):
    /// the outturn tables the split of spending comes from.
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Directory to write vintages/NAME.csv into.
    #[arg(long, default_value = "data")]
    pub out: PathBuf,
    /// The table's name (default: from the label, "November 2016" →
    /// efo-2016-11); a scenario selects it with `[horizon] vintage`.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Run `fiscal data import hofd`.
pub fn run(a: Args) -> anyhow::Result<()> {
    let file = a
        .file
        .clone()
        .unwrap_or_else(|| a.shared.join(import::HOFD_PATH));
    if a.list {
        let vintages = import::hofd_vintages(&file)?;
        outln!("{} ({}): vintages", import::HOFD_TITLE, file.display())?;
        for v in vintages {
            let years = v
                .years
                .map(|(f, l)| format!("{f}..{l}"))
                .unwrap_or_default();
            let usable = v.problem.unwrap_or_else(|| "importable".to_string());
            outln!(
                "  {:<16} {:<12} {:<18} {usable}",
                v.label,
                v.name.unwrap_or_default(),
                years
            )?;
        }
        return Ok(());
    }
    let Some(wanted) = a.vintage.as_deref() else {
        anyhow::bail!("give --vintage LABEL or --list");
    };
    super::data::check_out_dir(&a.out, &a.shared)?;
    super::prepare_dir(&a.out).context("the output directory is not usable")?;
    let v = import::import_hofd_vintage(&a.shared, &file, wanted, a.name.as_deref(), &a.out)
        .with_context(|| format!("importing vintage `{wanted}` from {}", file.display()))?;
    outln!(
        "vintage `{}` ({}) written: {} ({} rows)",
        v.name,
        v.label,
        a.out.join(&v.file).display(),
        v.rows
    )?;
    outln!("derived, not in the database:")?;
    for n in &v.notes {
        outln!("  - {n}")?;
    }
    outln!(
        "a scenario selects it with `[horizon] vintage = \"{}\"` and `[data] vintage_dir = \"{}\"`",
        v.name,
        a.out.display()
    )?;
    Ok(())
}
