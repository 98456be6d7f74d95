//! Every command's JSON is the one envelope and validates against
//! docs/output.schema.json.

use crate::common::json_schema;
use crate::common::{fiscal, write};

fn schema() -> serde_json::Value {
    let text = std::fs::read_to_string("docs/output.schema.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validate(schema: &serde_json::Value, what: &str, bytes: &[u8]) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", String::from_utf8_lossy(bytes)));
    let errors = json_schema::errors(schema, &doc);
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    doc
}

#[test]
fn every_command_prints_the_envelope() {
    let v = schema();
    let commands: &[&[&str]] = &[
        &["run"],
        &["run", "digital/identity_central"],
        &["compare", "low_productivity", "--with-baseline"],
        &["gap"],
        &["check", "baseline", "low_productivity"],
        &["reproduce"],
        &["population", "--every", "10"],
        &["scenarios"],
        &[
            "interventions",
            "digital/identity_central",
            "--paths",
            "4",
            "--no-gap",
        ],
    ];
    for args in commands {
        let out = fiscal()
            .args(*args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let what = args.join(" ");
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc = validate(&v, &what, &out.stdout);
        assert_eq!(doc["command"], args[0], "{what}");
        assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    }
}

#[test]
fn files_written_are_the_envelope_too() {
    let v = schema();
    let d = tempfile::tempdir().unwrap();
    fiscal()
        .args(["run", "--out"])
        .arg(d.path())
        .assert()
        .success();
    let doc = validate(
        &v,
        "projection.json",
        &std::fs::read(d.path().join("projection.json")).unwrap(),
    );
    assert_eq!(doc["scenarios"][0]["file"], "embedded:default");
    fiscal()
        .args(["gap", "--out"])
        .arg(d.path())
        .assert()
        .success();
    validate(
        &v,
        "gap.json",
        &std::fs::read(d.path().join("gap.json")).unwrap(),
    );
    fiscal()
        .args(["compare", "baseline", "high_gilt_rates", "--out"])
        .arg(d.path())
        .assert()
        .success();
    let doc = validate(
        &v,
        "compare.json",
        &std::fs::read(d.path().join("compare.json")).unwrap(),
    );
    assert_eq!(doc["scenarios"][1]["file"], "embedded:high_gilt_rates");
}

#[test]
fn check_json_lists_problems_and_still_exits_2() {
    let v = schema();
    let d = tempfile::tempdir().unwrap();
    let bad = write(
        d.path(),
        "bad.toml",
        "[economy]\nproductivity_growth_pc = 1\n",
    );
    let out = fiscal()
        .args(["check", "baseline", "--format", "json"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc = validate(&v, "check", &out.stdout);
    assert_eq!(doc["results"][0]["ok"], true);
    assert_eq!(doc["results"][1]["ok"], false);
    let p = &doc["results"][1]["problems"][0];
    assert_eq!(p["line"], 2);
    assert_eq!(p["field"], "economy.productivity_growth_pc");
}

#[test]
fn an_envelope_out_of_step_with_the_schema_is_refused() {
    let v = schema();
    let out = fiscal().args(["run", "--format", "json"]).output().unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json_schema::errors(&v, &doc).is_empty());
    doc["tool"] = "other".into();
    doc["results"]["projection"]["years"][0]["year"] = "2025".into();
    doc["unexpected"] = 1.into();
    let errors = json_schema::errors(&v, &doc);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

/// One vocabulary: every year of `projection.json` has exactly the keys of
/// `projection.csv`'s header (less `scenario`, which the projection names
/// once), in the same order, and the same values to the CSV's precision.
#[test]
fn json_keys_are_the_csv_columns() {
    let d = tempfile::tempdir().unwrap();
    fiscal()
        .args(["run", "digital/identity_central", "--out"])
        .arg(d.path())
        .assert()
        .success();
    let csv_text = std::fs::read_to_string(d.path().join("projection.csv")).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("projection.json")).unwrap()).unwrap();
    let mut lines = csv_text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "scenario");
    let years = json["results"]["projection"]["years"].as_array().unwrap();
    let first_row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let year = years[0].as_object().unwrap();
    let mut keys: Vec<&str> = year.keys().map(String::as_str).collect();
    let mut columns = header[1..].to_vec();
    keys.sort_unstable();
    columns.sort_unstable();
    assert_eq!(keys, columns, "JSON year keys differ from CSV columns");
    for (col, cell) in header.iter().zip(&first_row).skip(3) {
        let v = year[*col].as_f64().unwrap();
        let c: f64 = cell.parse().unwrap();
        assert!(
            (v - c).abs() <= 0.5e-3 * c.abs().max(1.0),
            "{col}: JSON {v}, CSV {c}"
        );
    }
    // Lines are named, never positions in an array.
    assert!(year.values().all(|v| !v.is_array()));
    assert!(year.contains_key("health_gbp_bn") && year.contains_key("income_tax_pct_gdp"));
}
