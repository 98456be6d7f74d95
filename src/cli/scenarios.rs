//! `fiscal scenarios`: the shipped scenarios (embedded in the binary) with
//! their descriptions; any of them runs by name from any directory.
//! `fiscal scenarios show NAME` prints one, comments and all.

use serde::Serialize;

use super::Format;

use fiscal::output::csv::safe_text;
use fiscal::output::envelope::Envelope;
use fiscal::scenario::catalog;

/// Arguments of `fiscal scenarios`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal scenarios", "list the shipped scenarios"),
    ("fiscal run low_productivity", "run one of them by name"),
    ("fiscal scenarios --format csv", "the list as CSV"),
    ("fiscal scenarios show low_productivity > mine.toml", "print one, to read or to start from"),
]))]
pub struct Args {
    /// What to print on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// `show NAME`: print a shipped scenario.
    #[command(subcommand)]
    pub action: Option<Action>,
}

/// What to do instead of listing.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print a shipped scenario's file (its `extends` names another shipped scenario).
    Show {
        /// The scenario's name, as `fiscal scenarios` lists it (`digital/` may be left out).
        name: String,
    },
}

fn show(name: &str) -> anyhow::Result<()> {
    let Some(e) = catalog::find(name) else {
        let hint = catalog::suggest(name)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(super::UsageError(format!(
            "`{name}` is not a shipped scenario: {hint}`fiscal scenarios` lists them"
        ))
        .into());
    };
    out!("{}", e.text)?;
    Ok(())
}

#[derive(Serialize)]
struct Row {
    name: &'static str,
    file: String,
    description: String,
}

/// Run `fiscal scenarios`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(Action::Show { name }) = &args.action {
        return show(name);
    }
    let rows: Vec<Row> = catalog::all()
        .map(|e| Row {
            name: e.name,
            file: format!("scenarios/{}.toml", e.name),
            description: e.description(),
        })
        .collect();
    match args.format {
        Format::Table => {
            let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in &rows {
                outln!("{:<width$}  {}", r.name, r.description)?;
            }
            outln!()?;
            outln!("Run one by name, e.g. `fiscal run {}`; a file of the same name in the working directory takes precedence.", rows.iter().find(|r| r.name.contains('/')).map_or("baseline", |r| r.name))?;
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            let _ = w.write_record(["name", "file", "description"]);
            for r in &rows {
                let _ = w.write_record([r.name, &r.file, &safe_text(&r.description)]);
            }
            out!(
                "{}",
                String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
            )?;
        }
        Format::Json => out!("{}", Envelope::new("scenarios", &rows).to_json())?,
    }
    Ok(())
}
