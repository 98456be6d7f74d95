//! Habits of the ecosystem: shipped scenarios by name from anywhere, `-` for
//! standard input, completions, a man page, `--quiet`, examples and exit
//! codes in every `--help`.

use crate::common::{bad, fiscal, write};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn shipped_scenarios_are_listed_and_run_by_name_from_an_empty_directory() {
    let empty = tempfile::tempdir().unwrap();
    let out = fiscal()
        .current_dir(empty.path())
        .arg("scenarios")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("low_productivity "), "{text}");
    assert!(text.contains("digital/smarter_state_central "), "{text}");
    assert!(text.contains("Baseline plus every digital intervention, central case"));
    for name in [
        "smarter_state_central",
        "digital/smarter_state_central",
        "low_productivity",
    ] {
        fiscal()
            .current_dir(empty.path())
            .args(["run", name, "--format", "csv"])
            .assert()
            .success()
            .stdout(contains("2075-76"));
    }
    // By name and by file: the same numbers.
    let by_name = fiscal()
        .args(["run", "low_productivity", "--format", "csv"])
        .output()
        .unwrap();
    let by_file = fiscal()
        .args(["run", "scenarios/low_productivity.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(by_name.stdout, by_file.stdout);
    bad(
        &["run", "no_such_scenario"],
        &["no_such_scenario", "fiscal scenarios"],
    );
}

#[test]
fn a_file_takes_precedence_over_a_shipped_name() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "low_productivity", "name = \"Mine\"\n");
    fiscal()
        .current_dir(d.path())
        .args(["run", "low_productivity", "--format", "csv"])
        .assert()
        .success()
        .stdout(contains("\nMine,2025-26,"));
}

#[test]
fn a_scenario_from_standard_input_extends_from_the_working_directory() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "parent.toml",
        "name = \"Parent\"\n[economy]\nproductivity_growth_pct = 1.0\n",
    );
    let child = "extends = \"parent.toml\"\nname = \"Piped\"\n";
    let piped = fiscal()
        .current_dir(d.path())
        .args(["run", "-", "--format", "csv"])
        .write_stdin(child)
        .output()
        .unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let low = fiscal()
        .args(["run", "low_productivity", "--format", "csv"])
        .output()
        .unwrap();
    let strip = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .skip(1)
            .map(|l| {
                l.split_once(',')
                    .map(|x| x.1.to_string())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&piped.stdout), strip(&low.stdout));
    // A shipped name in `extends` works from an empty directory.
    let empty = tempfile::tempdir().unwrap();
    fiscal()
        .current_dir(empty.path())
        .args(["check", "-"])
        .write_stdin("extends = \"baseline.toml\"\nname = \"X\"\n")
        .assert()
        .success();
    fiscal()
        .args(["check", "-"])
        .write_stdin("[economy]\nproductivity_growth_pc = 1\n")
        .assert()
        .code(2)
        .stderr(contains("<stdin>:2:1").and(contains("productivity_growth_pc")));
    bad(&["compare", "-", "-"], &["`-`", "one scenario"]);
}

#[test]
fn completions_and_man_page_generate() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef fiscal"),
        ("fish", "complete -c fiscal"),
    ] {
        fiscal()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains(marker).and(contains("scenarios")));
    }
    fiscal()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH fiscal").and(contains("completions")));
    fiscal()
        .args(["man", "gap"])
        .assert()
        .success()
        .stdout(contains(".TH fiscal-gap").and(contains(r"\-\-target")));
    bad(&["man", "nope"], &["no subcommand `nope`", "run, check"]);
    bad(&["completions", "tcsh"], &["tcsh"]);
}

#[test]
fn quiet_prints_nothing_but_still_writes_files() {
    let d = tempfile::tempdir().unwrap();
    fiscal()
        .args(["-q", "run", "--out"])
        .arg(d.path())
        .assert()
        .success()
        .stdout("");
    assert!(d.path().join("projection.csv").is_file());
    fiscal()
        .args(["check", "baseline", "--quiet"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn every_subcommand_help_has_examples_and_exit_codes() {
    let help = fiscal().arg("--help").output().unwrap();
    let top = String::from_utf8(help.stdout).unwrap();
    assert!(top.contains("Exit codes:\n  0  success"), "{top}");
    for cmd in [
        "run",
        "check",
        "reproduce",
        "compare",
        "gap",
        "chart",
        "report",
        "population",
        "scenarios",
        "completions",
        "man",
    ] {
        let out = fiscal().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Examples:\n  fiscal "), "{cmd}: {text}");
        assert!(text.contains("Exit codes:\n  0  success"), "{cmd}: {text}");
    }
    let out = fiscal()
        .args(["data", "import", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"));
}

#[test]
fn csv_precision_follows_units_and_long_csv_is_tidy() {
    let out = fiscal().args(["run", "--format", "csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert!(
        !col("population").contains('.'),
        "people are whole: {}",
        col("population")
    );
    assert_eq!(col("psnd_pct_gdp").split('.').nth(1).unwrap().len(), 3);
    assert_eq!(col("psnd_gbp_bn").split('.').nth(1).unwrap().len(), 3);
    let pop = fiscal()
        .args(["population", "--format", "csv"])
        .output()
        .unwrap();
    let pop = String::from_utf8(pop.stdout).unwrap();
    let second = pop.lines().nth(1).unwrap();
    assert!(!second.split(',').nth(1).unwrap().contains('.'), "{second}");

    let d = tempfile::tempdir().unwrap();
    let out = fiscal()
        .args([
            "compare",
            "baseline",
            "low_productivity",
            "--format",
            "csv",
            "--long",
            "--out",
        ])
        .arg(d.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let long = String::from_utf8(out.stdout).unwrap();
    assert!(long.starts_with("scenario,year,variable,unit,value\n"));
    assert!(long.contains("\nBaseline,2075-76,psnd_pct_gdp,pct_gdp,"));
    assert!(long.contains("\nLow productivity (1.0 %),2025-26,population,persons,"));
    let rows = long.lines().count() - 1;
    let vars = header.len() - 3;
    assert_eq!(rows, 2 * 51 * vars);
    assert_eq!(
        std::fs::read_to_string(d.path().join("compare_long.csv")).unwrap(),
        long
    );
}
