//! Helpers shared by the end-to-end CLI tests.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod json_schema;
#[cfg(feature = "serve")]
pub mod server;

/// The `fiscal` binary under test.
pub fn fiscal() -> Command {
    Command::cargo_bin("fiscal").unwrap()
}

/// The embedded default scenario's assumptions and the data it runs on.
pub fn baseline() -> (fiscal::model::Assumptions, fiscal::data::Dataset) {
    let s = fiscal::scenario::Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    (s.assumptions, d)
}

/// Write `text` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// A scenario extending the default with `text`, written to a temporary
/// directory (kept alive by the returned handle); its path as a string.
pub fn extending_default(text: &str) -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &format!("extends = \"default\"\n{text}"),
    );
    let s = p.to_str().unwrap().to_string();
    (d, s)
}

/// Standard output of `cmd` (a `fiscal` command), after checking it
/// succeeded; its standard error is shown when it did not.
pub fn success_stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
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

/// `fiscal run --format csv` on a scenario with this text (written to a
/// temporary file): the CSV, after checking the run succeeded.
pub fn run_csv(scenario_text: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", scenario_text);
    success_stdout(fiscal().args(["run", p.to_str().unwrap(), "--format", "csv"]))
}

/// The cell in column `column` of the first row that mentions `year`.
pub fn csv_cell(csv: &str, column: &str, year: &str) -> String {
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == column).unwrap();
    let row = csv.lines().skip(1).find(|l| l.contains(year)).unwrap();
    row.split(',').nth(col).unwrap().to_string()
}

/// Compare each `(extension, text)` with the snapshot `dir/name.extension`,
/// or write it there when `UPDATE_SNAPSHOTS` is set; the paths of stale or
/// missing snapshots are added to `stale`.
pub fn check_snapshots<const N: usize>(
    dir: &Path,
    name: &str,
    files: [(&str, String); N],
    stale: &mut Vec<String>,
) {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for (ext, text) in files {
        let path = dir.join(format!("{name}.{ext}"));
        if update {
            fs::create_dir_all(dir).unwrap();
            fs::write(&path, &text).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
}
