//! Helpers shared by the end-to-end CLI tests.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `fiscal` binary under test.
pub fn fiscal() -> Command {
    Command::cargo_bin("fiscal").unwrap()
}

/// Write `text` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// Run `fiscal args`, expect exit code 2 (bad input), no panic, and every
/// `expected` text in standard error.
pub fn bad(args: &[&str], expected: &[&str]) {
    let out = fiscal().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "args {args:?}: stderr {err}");
    assert!(!err.contains("panicked"), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected `{e}` in: {err}");
    }
}
