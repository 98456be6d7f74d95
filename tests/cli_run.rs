//! End-to-end tests of `fiscal run` and `fiscal check`, including every
//! bad-input path: each must exit 2 with a one-line message naming the file,
//! line or field, and leave no partial output.

use std::fs;

use crate::common::{bad, fiscal, write};
use predicates::prelude::*;

const POPULATION: &str = include_str!("../data/population_npp2022.csv");

#[test]
fn run_with_no_arguments_prints_the_summary() {
    fiscal()
        .arg("run")
        .assert()
        .success()
        .stdout(predicate::str::contains("PSND (% of GDP, end-March)"))
        .stdout(predicate::str::contains("2075-76"));
}

#[test]
fn run_writes_csv_and_json() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    fiscal().args(["run", "--out"]).arg(&out).assert().success();
    let csv = fs::read_to_string(out.join("projection.csv")).unwrap();
    assert_eq!(csv.lines().count(), 52, "header + 51 years");
    assert!(csv.starts_with("scenario,year,phase,population"));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("projection.json")).unwrap()).unwrap();
    assert_eq!(json["tool"], "fiscal");
    assert_eq!(json["scenarios"][0]["chain"][0]["path"], "embedded:default");
    assert_eq!(
        json["scenarios"][0]["chain"][0]["sha256"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    assert!(json["results"]["assumptions"]["economy"]["productivity_growth_pct"].is_number());
    assert_eq!(
        json["results"]["projection"]["years"]
            .as_array()
            .unwrap()
            .len(),
        51
    );
    // No temporary files left behind.
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        4,
        "projection.csv, projection.json, decomposition.csv, population.csv: {names:?}"
    );
}

#[test]
fn formats_and_horizon() {
    fiscal()
        .args(["run", "--format", "csv", "--end-year", "2060-61"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\n\"Baseline\",2060-61")
                .or(predicate::str::contains("\nBaseline,2060-61")),
        )
        .stdout(predicate::str::contains("2061-62").not());
    fiscal()
        .args(["run", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("{"));
}

#[test]
fn baseline_file_reproduces_the_embedded_default() {
    let a = fiscal().args(["run", "--format", "csv"]).output().unwrap();
    let b = fiscal()
        .args(["run", "--format", "csv", "scenarios/baseline.toml"])
        .output()
        .unwrap();
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn every_shipped_scenario_passes_check() {
    let mut files: Vec<_> = ["scenarios", "scenarios/digital"]
        .iter()
        .flat_map(|d| fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 26);
    fiscal().arg("check").args(&files).assert().success();
}

#[test]
fn malformed_toml() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", "name = \"x\"\n[economy\n");
    bad(
        &["run", p.to_str().unwrap()],
        &["s.toml:2:", "malformed TOML"],
    );
}

#[test]
fn unknown_key_with_suggestion_and_position() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", "[rates]\ngilt_rate_long_run = 5.0\n");
    bad(
        &["run", p.to_str().unwrap()],
        &[
            "s.toml:2:1",
            "rates.gilt_rate_long_run",
            "did you mean `gilt_rate_long_run_pct`",
        ],
    );
    let p = write(d.path(), "t.toml", "[econmy]\n");
    bad(
        &["check", p.to_str().unwrap()],
        &["t.toml:1:2", "did you mean `economy`"],
    );
}

#[test]
fn wrong_types_and_enum_values() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        "[economy]\ncpi_inflation_pct = \"2\"\n[spending]\nwelfare_uprating = \"cpl\"\n[rates]\nconvergence_years = 1.5\n[horizon]\nend_year = \"2075\"\n",
    );
    bad(
        &["check", p.to_str().unwrap()],
        &[
            "s.toml:2:21",
            "expected a number, found a string",
            "did you mean `cpi`",
            "expected a whole number",
            "2075",
            "(4 problems)",
        ],
    );
}

#[test]
fn rates_in_the_wrong_unit() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        "[economy]\nproductivity_growth_pct = 0.015\n[debt]\nindex_linked_share = 24\n",
    );
    bad(
        &["run", p.to_str().unwrap()],
        &[
            "s.toml:2:1",
            "looks like a fraction",
            "write 1.5",
            "s.toml:4:1",
            "write 0.24",
        ],
    );
}

#[test]
fn missing_and_unreadable_files() {
    bad(
        &["run", "no/such/scenario.toml"],
        &["no/such/scenario.toml", "cannot read"],
    );
    let d = tempfile::tempdir().unwrap();
    bad(&["run", d.path().to_str().unwrap()], &["cannot read"]);
    let p = write(d.path(), "s.toml", "extends = \"missing.toml\"\n");
    bad(
        &["run", p.to_str().unwrap()],
        &["s.toml:1:1", "missing.toml"],
    );
}

#[test]
fn extends_chain_and_cycle() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.toml", "extends = \"b.toml\"\n");
    let a = d.path().join("a.toml");
    write(d.path(), "b.toml", "extends = \"a.toml\"\n");
    bad(&["run", a.to_str().unwrap()], &["cycle"]);
    write(
        d.path(),
        "base.toml",
        "name = \"Base\"\n[economy]\nproductivity_growth_pct = 1.0\n",
    );
    let child = write(
        d.path(),
        "child.toml",
        "extends = \"base.toml\"\nname = \"Child\"\n",
    );
    let out = fiscal()
        .args(["run", "--format", "json"])
        .arg(&child)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scenarios"][0]["name"], "Child");
    assert_eq!(
        json["results"]["assumptions"]["economy"]["productivity_growth_pct"],
        1.0
    );
    assert_eq!(json["scenarios"][0]["chain"].as_array().unwrap().len(), 3);
}

#[test]
fn years_outside_the_data() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", "[horizon]\nend_year = \"2140-41\"\n");
    bad(
        &["run", p.to_str().unwrap()],
        &["s.toml:2:1", "`horizon.end_year`", "ends in mid-2122"],
    );
    let p = write(
        d.path(),
        "t.toml",
        "[horizon]\nmedium_term_end = \"2032-33\"\n",
    );
    bad(
        &["run", p.to_str().unwrap()],
        &["`horizon.medium_term_end`", "EFO years 2024-25..2030-31"],
    );
    bad(&["run", "--end-year", "2020-21"], &["--end-year 2020-21"]);
}

/// The population table with the first year's value of the row starting
/// with `prefix` replaced by `value`.
fn replace_first_value(prefix: &str, value: &str) -> String {
    POPULATION
        .lines()
        .map(|l| {
            if l.starts_with(prefix) {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[2] = value;
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn with_population(csv: &str, expected: &[&str]) {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "pop.csv", csv);
    let p = write(
        d.path(),
        "s.toml",
        "[data]\npopulation_file = \"pop.csv\"\n",
    );
    bad(&["run", p.to_str().unwrap()], expected);
    bad(&["check", p.to_str().unwrap()], expected);
}

#[test]
fn bad_population_tables() {
    let lines: Vec<&str> = POPULATION.lines().collect();
    // A missing age.
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with("female,50,"))
        .collect();
    with_population(
        &missing.join("\n"),
        &["pop.csv", "missing row for female aged 50"],
    );
    // A duplicate row.
    let mut dup = lines.clone();
    dup.push(lines[5]);
    with_population(
        &dup.join("\n"),
        &["pop.csv:214", "duplicate row for male aged 4"],
    );
    // A blank line in the middle.
    let mut blank = lines.clone();
    blank.insert(10, "");
    with_population(&blank.join("\n"), &["pop.csv:11", "blank line"]);
    // NaN, infinite and negative values.
    with_population(
        &replace_first_value("male,3,", "NaN"),
        &["pop.csv:5", "not a finite number"],
    );
    with_population(
        &replace_first_value("male,7,", "inf"),
        &["pop.csv:9", "not a finite number"],
    );
    with_population(
        &replace_first_value("male,8,", "-5"),
        &["pop.csv:10", "negative"],
    );
    with_population(
        &replace_first_value("male,9,", "many"),
        &["pop.csv:11", "not a number"],
    );
}

#[test]
fn bom_and_crlf_tables_are_read_like_plain_ones() {
    let d = tempfile::tempdir().unwrap();
    let crlf = format!("\u{feff}{}", POPULATION.replace('\n', "\r\n"));
    write(d.path(), "pop.csv", &crlf);
    write(d.path(), "plain.csv", POPULATION);
    let p = write(
        d.path(),
        "s.toml",
        "[data]\npopulation_file = \"pop.csv\"\n",
    );
    let plain = write(
        d.path(),
        "plain.toml",
        "[data]\npopulation_file = \"plain.csv\"\n",
    );
    let a = fiscal()
        .args(["run", "--format", "csv"])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let b = fiscal()
        .args(["run", "--format", "csv"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn unwritable_output_directory_fails_before_computing() {
    let d = tempfile::tempdir().unwrap();
    let file = write(d.path(), "afile", "x");
    bad(
        &["run", "--out", file.join("sub").to_str().unwrap()],
        &["output directory", "afile"],
    );
    assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn check_lists_every_problem_in_every_file() {
    let d = tempfile::tempdir().unwrap();
    let a = write(
        d.path(),
        "a.toml",
        "[economy]\nproductivity_growth_pc = 1\n",
    );
    let b = write(
        d.path(),
        "b.toml",
        "[rates]\ngilt_rate_long_run_pct = 0.045\n[debt]\nfloating_rate_share = 2\n",
    );
    let out = fiscal().arg("check").arg(&a).arg(&b).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.toml:2:1") && err.contains("b.toml:2:1") && err.contains("b.toml:4:1"),
        "{err}"
    );
    fiscal()
        .args(["check", "scenarios/baseline.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok:"));
}

#[test]
fn usage_errors_exit_2() {
    fiscal().assert().code(2);
    fiscal().args(["run", "--format", "xml"]).assert().code(2);
    fiscal()
        .args(["run", "--end-year", "2075"])
        .assert()
        .code(2);
}
