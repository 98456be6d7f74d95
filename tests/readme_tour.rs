//! The README's tour runs as written: the first `sh` block under "## A tour"
//! is run with `set -e` in an empty directory, with the binary under test
//! first on PATH (as `cargo install --path .` would put it).

use std::path::Path;

fn tour() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let after = readme.split("## A tour").nth(1).expect("README has a tour");
    let block = after
        .split("```sh\n")
        .nth(1)
        .expect("the tour has an sh block");
    block.split("```").next().unwrap().to_string()
}

#[test]
fn the_readme_tour_runs_as_written() {
    let bin = assert_cmd::cargo::cargo_bin("fiscal");
    let dir = bin.parent().unwrap_or(Path::new("."));
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let work = tempfile::tempdir().unwrap();
    let script = format!("set -eu\n{}", tour());
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("PATH", path)
        .current_dir(work.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the README tour failed:\n{script}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "results/projection.csv",
        "long.csv",
        "debt.svg",
        "debt.csv",
        "report.xlsx",
        "faster.csv",
    ] {
        assert!(work.path().join(f).is_file(), "{f} missing");
    }
}
