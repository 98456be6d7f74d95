//! End-to-end tests of `fiscal population` and of population settings in
//! scenarios, including their bad-input paths.

use std::fs;

use crate::common::{bad, fiscal, success_stdout, write};
use predicates::prelude::*;

#[test]
fn population_prints_flows_and_writes_csv() {
    let d = tempfile::tempdir().unwrap();
    fiscal()
        .args(["population", "--out"])
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("TFR"))
        .stdout(predicate::str::contains("2075"));
    let csv = fs::read_to_string(d.path().join("population.csv")).unwrap();
    assert!(csv.starts_with("year,population_persons"));
    assert_eq!(csv.lines().count(), 1 + 51);
}

#[test]
fn variants_move_the_population_the_right_way() {
    let total_2075 = |args: &[&str]| -> f64 {
        let text = success_stdout(fiscal().args(["population", "--format", "csv"]).args(args));
        let line = text.lines().find(|l| l.starts_with("2075,")).unwrap();
        line.split(',').nth(1).unwrap().parse().unwrap()
    };
    let principal = total_2075(&[]);
    assert!(total_2075(&["--variant", "zero-net-migration"]) < principal);
    assert!(total_2075(&["--variant", "high-migration"]) > principal);
    assert!(total_2075(&["--variant", "high-fertility"]) > principal);
    assert!(total_2075(&["--variant", "low-life-expectancy"]) < principal);
}

#[test]
fn population_settings_drive_the_projection() {
    let d = tempfile::tempdir().unwrap();
    let low = write(
        d.path(),
        "low.toml",
        "[population]\nnet_migration_persons = 100000\n",
    );
    let base = fiscal().args(["run", "--format", "csv"]).output().unwrap();
    let with = success_stdout(fiscal().args(["run", "--format", "csv"]).arg(&low));
    assert_ne!(String::from_utf8(base.stdout).unwrap(), with);
    let ready = write(
        d.path(),
        "ready.toml",
        "[population]\nprojection = \"npp2016-ppp\"\n",
    );
    fiscal().arg("run").arg(&ready).assert().success();
}

#[test]
fn bad_population_settings() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "a.toml",
        "[population]\nvariant = \"high-fertilty\"\n",
    );
    bad(
        &["check", p.to_str().unwrap()],
        &["a.toml:2:11", "did you mean `high-fertility`"],
    );
    let p = write(
        d.path(),
        "b.toml",
        "[population]\ntfr_children_per_woman = 12.0\n",
    );
    bad(
        &["run", p.to_str().unwrap()],
        &["b.toml", "tfr_children_per_woman", "outside"],
    );
    let p = write(
        d.path(),
        "c.toml",
        "[population]\nprojection = \"npp2019\"\n",
    );
    bad(&["run", p.to_str().unwrap()], &["npp2019", "npp2022"]);
    let p = write(
        d.path(),
        "d.toml",
        "[population]\nprojection = \"npp2022\"\nnet_migration_persons = 100000.0\n",
    );
    bad(&["run", p.to_str().unwrap()], &["cannot be combined"]);
    let p = write(
        d.path(),
        "e.toml",
        "[population]\nprojection = \"missing.csv\"\n",
    );
    bad(&["run", p.to_str().unwrap()], &["missing.csv"]);
    let p = write(d.path(), "f.toml", "[population]\nfertility = 2.0\n");
    bad(
        &["check", p.to_str().unwrap()],
        &["f.toml:2:1", "unknown key"],
    );
    bad(&["population", "--variant", "medium"], &["medium"]);
}
