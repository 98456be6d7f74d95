//! Standard output that cannot be written: a closed pipe ends quietly with
//! success (as `cat` and `rg` do); any other write error is one clear line
//! and exit 1. Never a panic.

use std::process::{Command, Stdio};

const COMMANDS: &[&[&str]] = &[
    &["run"],
    &["run", "--format", "json"],
    &["run", "--format", "csv"],
    &["reproduce"],
    &["gap"],
    &["population"],
    &["check", "scenarios/baseline.toml"],
    &[
        "compare",
        "scenarios/baseline.toml",
        "scenarios/low_productivity.toml",
    ],
];

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fiscal"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    for args in COMMANDS {
        let mut child = bin()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the pipe before the child has written (it takes milliseconds
        // to load and project), as `head` does once it has what it wants.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} printed to stderr: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_one_clear_line_and_exit_1() {
    for args in COMMANDS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin().args(*args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.starts_with("error: cannot write to standard output"),
            "{args:?}: {err}"
        );
    }
}
