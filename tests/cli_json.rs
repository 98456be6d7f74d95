//! Every command's JSON is the one envelope and validates against
//! docs/output.schema.json.

use crate::common::{fiscal, write};

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/output.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn validate(v: &jsonschema::Validator, what: &str, bytes: &[u8]) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", String::from_utf8_lossy(bytes)));
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
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
