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
