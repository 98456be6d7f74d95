//! The `fiscal` binary: parse, dispatch, report the error once with its
//! context chain, and map it to an exit code (0 ok, 1 failure, 2 bad input).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use clap::Parser;
use fiscal::cli::{dispatch, exit_code, is_closed_pipe, Cli};

fn main() {
    fiscal::output::atomic::install_cleanup();
    let cli = Cli::parse();
    if let Err(err) = dispatch(cli) {
        if is_closed_pipe(&err) {
            return;
        }
        // Written, not `eprint!`ed: a failing standard error must not panic
        // (the exit code still tells).
        use std::io::Write as _;
        let mut text = format!("error: {err}");
        for cause in err.chain().skip(1) {
            text.push_str(&format!("\n  caused by: {cause}"));
        }
        let _ = writeln!(std::io::stderr().lock(), "{text}");
        std::process::exit(exit_code(&err));
    }
}
