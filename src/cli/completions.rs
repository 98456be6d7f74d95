//! `fiscal completions SHELL`: a completion script for the shell, generated
//! from the same clap definition the binary parses with.

use clap::CommandFactory;
use clap_complete::Shell;

/// Arguments of `fiscal completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::examples(&[
    ("fiscal completions bash > ~/.local/share/bash-completion/completions/fiscal", "bash"),
    ("fiscal completions zsh > ~/.zfunc/_fiscal", "zsh (with ~/.zfunc on fpath)"),
    ("fiscal completions fish > ~/.config/fish/completions/fiscal.fish", "fish"),
]))]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Run `fiscal completions`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut cmd = super::Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "fiscal", &mut bytes);
    out!("{}", String::from_utf8_lossy(&bytes))?;
    Ok(())
}
