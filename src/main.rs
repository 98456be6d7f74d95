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

mod cli;

use clap::Parser;
use cli::{dispatch, exit_code, is_closed_pipe, print_error, Cli};

fn main() {
    cli::atomic::install_cleanup();
    cli::atomic::quiet_caught_panics();
    let cli = Cli::parse();
    if let Err(err) = dispatch(cli) {
        if is_closed_pipe(&err) {
            return;
        }
        print_error(&err);
        std::process::exit(exit_code(&err));
    }
}
