//! End-to-end tests of interventions in `fiscal run`, `fiscal check` and
//! `fiscal compare`, including their bad-input paths.

use std::fs;

mod common;

use common::{bad, fiscal, write};
use predicates::prelude::*;

const GOOD: &str = "[[intervention]]\nname = \"Channel shift\"\ntarget = \"non_age_related\"\nsub_line_gbp_bn = 10.0\nsaving_share = 0.2\nstart_year = \"2026-27\"\nupfront_cost_gbp_bn = 1.0\n";

#[test]
fn run_reports_interventions_and_writes_their_csv() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", GOOD);
    let out = d.path().join("out");
    fiscal()
        .arg("run")
        .arg(&p)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Interventions"))
        .stdout(predicate::str::contains("Channel shift"))
        .stdout(predicate::str::contains("Package"));
    let csv = fs::read_to_string(out.join("interventions.csv")).unwrap();
    assert!(csv.starts_with("intervention,year,take_up_share"));
    assert_eq!(csv.lines().count(), 1 + 2 * 51);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("projection.json")).unwrap()).unwrap();
    assert!(json["results"]["interventions"]["package"]["npv_gbp_bn"].is_number());
}

#[test]
fn bad_interventions_are_located_with_fixes() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        "[[intervention]]\nname = \"X\"\ntarget = \"helth\"\nsaving_share = 20\nprobability_of_success_share = -0.5\nstart_year = \"2030-31\"\nend_year = \"2028-29\"\nadoption = \"logistik\"\n",
    );
    bad(
        &["check", p.to_str().unwrap()],
        &["did you mean `logistic`"],
    );
    let p = write(
        d.path(),
        "t.toml",
        "[[intervention]]\nname = \"X\"\ntarget = \"helth\"\nsaving_share = 20\nprobability_of_success_share = -0.5\nstart_year = \"2030-31\"\nend_year = \"2028-29\"\n",
    );
    bad(
        &["check", p.to_str().unwrap()],
        &[
            "t.toml:3:1: `intervention[0].target`: `helth` is not a spending or receipts line; did you mean `health`?",
            "`intervention[0].saving_share`: 20 looks like a percent",
            "write 0.2",
            "`intervention[0].probability_of_success_share`: -0.5 is outside",
            "`intervention[0].end_year`: 2028-29 is before start_year 2030-31",
        ],
    );
    let p = write(d.path(), "u.toml", "[[intervention]]\nname = \"X\"\nsaving_share = 0.1\nstart_year = \"2030-31\"\nsavings_share = 0.2\n");
    bad(
        &["check", p.to_str().unwrap()],
        &["missing target", "did you mean `saving_share`"],
    );
    let p = write(d.path(), "v.toml", "[[intervention]]\nname = \"X\"\ntarget = \"health\"\nstart_year = \"2030-31\"\nadoption = \"linear\"\nramp_years = 0\nsaving_share = 0.1\n");
    bad(
        &["check", p.to_str().unwrap()],
        &["ramp_years", "end before it starts"],
    );
}

#[test]
fn compare_shows_differences_and_writes_files() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("cmp");
    fiscal()
        .args([
            "compare",
            "scenarios/baseline.toml",
            "scenarios/low_productivity.toml",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("difference"))
        .stdout(predicate::str::contains("Low productivity"));
    let csv = fs::read_to_string(out.join("compare.csv")).unwrap();
    assert!(csv.starts_with("scenario,year,psnd_pct_gdp,psnd_pct_gdp_difference"));
    assert!(out.join("compare.json").exists());
    let ind = fs::read_to_string(out.join("compare_indicators.csv")).unwrap();
    assert_eq!(ind.lines().count(), 3, "{ind}");
    fiscal()
        .args([
            "compare",
            "scenarios/low_productivity.toml",
            "--with-baseline",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    bad(
        &["compare", "scenarios/baseline.toml"],
        &["at least two scenarios"],
    );
    bad(
        &["compare", "scenarios/baseline.toml", "nope.toml"],
        &["nope.toml"],
    );
}

#[test]
fn formula_like_names_are_neutralised_in_csv() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &format!(
            "name = \"=HYPERLINK(1)\"\n{}",
            GOOD.replace("Channel shift", "@SUM(A1)")
        ),
    );
    let out = fiscal()
        .args(["run", "--format", "csv"])
        .arg(&p)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().nth(1).unwrap().starts_with("'=HYPERLINK(1)"),
        "{text}"
    );
    let dir = d.path().join("o");
    fiscal()
        .arg("run")
        .arg(&p)
        .arg("--out")
        .arg(&dir)
        .assert()
        .success();
    let csv = fs::read_to_string(dir.join("interventions.csv")).unwrap();
    assert!(csv.contains("\"'@SUM(A1)\""), "{csv}");
}
