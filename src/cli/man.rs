//! `fiscal man`: manual pages in roff, generated from the clap definition:
//! the top-level page, or one subcommand's page (`fiscal man run` gives
//! fiscal-run(1)).

use anyhow::bail;
use clap::CommandFactory;

/// Arguments of `fiscal man`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal man | man -l -", "read the top-level page now"),
    ("fiscal man run | man -l -", "the page of `fiscal run`"),
    ("fiscal man > ~/.local/share/man/man1/fiscal.1", "install it for `man fiscal`"),
]))]
pub struct Args {
    /// A subcommand whose page to print (e.g. `run`, `gap`); the top-level
    /// page when omitted
    pub command: Option<String>,
}

/// Run `fiscal man`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let top = super::Cli::command();
    let page = match &args.command {
        None => top,
        Some(name) => {
            let names: Vec<String> = top
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = top.find_subcommand(name) else {
                bail!(super::UsageError(format!(
                    "no subcommand `{name}`: give one of {}",
                    names.join(", ")
                )));
            };
            // The page is named fiscal-NAME, as git and cargo name theirs.
            sub.clone()
                .display_name(format!("fiscal-{name}"))
                .bin_name(format!("fiscal {name}"))
        }
    };
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("fiscal {}", env!("CARGO_PKG_VERSION")))
        .render(&mut bytes)
        .map_err(super::StdoutError)?;
    out!("{}", String::from_utf8_lossy(&bytes))?;
    Ok(())
}
