//! `fiscal man`: the manual page in roff, generated from the clap definition
//! (the top-level page; each subcommand's `--help` has the details).

use clap::CommandFactory;

/// Arguments of `fiscal man`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal man | man -l -", "read it now"),
    ("fiscal man > ~/.local/share/man/man1/fiscal.1", "install it for `man fiscal`"),
]))]
pub struct Args {}

/// Run `fiscal man`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    let cmd = super::Cli::command();
    let mut bytes = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut bytes)
        .map_err(super::StdoutError)?;
    out!("{}", String::from_utf8_lossy(&bytes))?;
    Ok(())
}
