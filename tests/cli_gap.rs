//! `fiscal gap` from the outside: a good run in every format, and every bad
//! input exits with code 2 and a message that says what to change.

use crate::common::fiscal;
use predicates::prelude::*;

#[test]
fn table_lists_every_indicator() {
    fiscal()
        .args([
            "gap", "--target", "40", "--by", "2075-76", "--from", "2031-32",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Fiscal gap: PSND 40% in 2075-76"))
        .stdout(predicate::str::contains(
            "Staged gap: a further step every 10 years",
        ))
        .stdout(predicate::str::contains("Intertemporal gap"))
        .stdout(predicate::str::contains("EC S1: PSND 60% in 2045-46"))
        .stdout(predicate::str::contains("EC S2"));
}

#[test]
fn csv_and_json_agree_and_out_writes_both() {
    let dir = tempfile::tempdir().unwrap();
    let out = fiscal()
        .args(["gap", "--format", "csv", "--staged", "5", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(
        csv.starts_with("scenario,indicator,start_year,target_year,target_pct_gdp,step_pct_gdp")
    );
    assert_eq!(csv.lines().count(), 7);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("gap.csv")).unwrap(),
        csv
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("gap.json")).unwrap())
            .unwrap();
    let json = &json["results"];
    assert_eq!(json["staged_every_years"], 5);
    let gap = &json["indicators"][0]["result"];
    assert!((gap["achieved_pct_gdp"].as_f64().unwrap() - 40.0).abs() < 0.01);
    let paths = json["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 51);
    let last = paths.last().unwrap();
    assert!((last["fiscal_gap_psnd_pct_gdp"].as_f64().unwrap() - 40.0).abs() < 0.01);
    // The same numbers go to stdout with --format json.
    let printed = fiscal()
        .args(["gap", "--format", "json", "--staged", "5"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let printed: serde_json::Value = serde_json::from_slice(&printed).unwrap();
    assert_eq!(printed["results"]["indicators"], json["indicators"]);
}

fn bad(args: &[&str], message: &str) {
    crate::common::bad(args, &[message]);
}

#[test]
fn target_year_outside_the_horizon() {
    bad(
        &["gap", "--by", "2080-81"],
        "target year 2080-81 is outside the projection (2025-26 to 2075-76)",
    );
}

#[test]
fn start_after_the_target() {
    bad(
        &["gap", "--from", "2050-51", "--by", "2040-41"],
        "start year 2050-51 is after the target year 2040-41",
    );
}

#[test]
fn start_before_the_base_year() {
    bad(
        &["gap", "--from", "2019-20"],
        "start year 2019-20 is before the base year 2025-26",
    );
}

#[test]
fn negative_target() {
    bad(
        &["gap", "--target", "-5"],
        "target -5 % of GDP is not valid",
    );
    bad(&["gap", "--target", "NaN"], "outside the plausible range");
}

#[test]
fn unreachable_target() {
    bad(
        &["gap", "--target", "500", "--by", "2032-33"],
        "no permanent change in the primary balance between -30 and +30 % of GDP",
    );
}

#[test]
fn malformed_arguments() {
    bad(&["gap", "--by", "2075"], "not a fiscal year");
    bad(&["gap", "--staged", "0"], "is not a staging interval");
    bad(&["gap", "--staged", "century"], "is not a staging interval");
    bad(&["gap", "--target", "forty"], "invalid value 'forty'");
    bad(&["gap", "--s1-by", "2090-91"], "outside the projection");
}

#[test]
fn unusable_inputs_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    fiscal()
        .args(["gap", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("output directory is not usable"));
    fiscal()
        .args(["gap"])
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(2);
}

#[test]
fn run_writes_and_prints_the_decomposition() {
    let dir = tempfile::tempdir().unwrap();
    fiscal()
        .args(["run", "--decomposition", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "change in PSND (% of GDP) by source",
        ))
        .stdout(predicate::str::contains(
            "PB* is the debt-stabilising primary balance",
        ));
    let text = std::fs::read_to_string(dir.path().join("decomposition.csv")).unwrap();
    assert_eq!(text.lines().count(), 52);
    assert!(text.contains("debt_stabilising_primary_balance_pct_gdp"));
}

#[test]
fn intertemporal_gap_is_not_available_when_rates_are_below_growth() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("low.toml");
    std::fs::write(
        &file,
        "extends = \"default\"\nname = \"Low rates\"\n[rates]\nlong_run_rates_follow_growth = false\ngilt_rate_long_run_pct = 1.0\nbank_rate_long_run_pct = 1.0\n",
    )
    .unwrap();
    let out = fiscal()
        .arg("gap")
        .arg(&file)
        .args(["--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    let s2 = csv.lines().find(|l| l.contains(",s2,")).unwrap();
    assert!(s2.contains("does not exceed nominal GDP growth"), "{s2}");
    let gap = csv.lines().find(|l| l.contains(",fiscal_gap,")).unwrap();
    assert!(gap.contains(",40.000000,"), "{gap}");
}
