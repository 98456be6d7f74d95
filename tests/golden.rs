//! Golden outputs: every shipped scenario's projection (and intervention
//! results) must match the committed CSV under `tests/golden/` byte for byte.
//! After a deliberate change, regenerate with `UPDATE_GOLDEN=1 cargo test
//! --test suite golden` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use fiscal::model::interventions::probabilistic;
use fiscal::output::interventions::Distribution;
use fiscal::output::{csv::projection_csv_exact, interventions::csv as interventions_csv};
use fiscal::{Run, Scenario};

fn scenarios() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["scenarios", "scenarios/digital", "scenarios/published"] {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn golden_name(p: &Path, suffix: &str) -> PathBuf {
    let stem = p.strip_prefix("scenarios").unwrap().with_extension("");
    let flat = stem.to_string_lossy().replace('/', "__");
    Path::new("tests/golden").join(format!("{flat}{suffix}.csv"))
}

fn check(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all("tests/golden").unwrap();
        fs::write(path, actual).unwrap();
        return;
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(_) => failures.push(format!("{} differs", path.display())),
        Err(_) => failures.push(format!("{} is missing", path.display())),
    }
}

/// 64 probabilistic paths (seed 2017, without the fiscal gap), one row each,
/// as `fiscal interventions --paths 64 --no-gap --format csv` prints them.
fn paths_csv(run: &Run) -> String {
    let (draws, summary) = run.intervention_draws(64, 2017, false).unwrap().unwrap();
    Distribution {
        scenario: &run.scenario().assumptions.name,
        expected: run.interventions().unwrap(),
        summary: &summary,
        draws: &draws,
        payback_by: None,
        uncertain: true,
        assumptions: None,
        switching: None,
    }
    .csv()
}

#[test]
fn shipped_scenarios_match_their_golden_outputs() {
    let mut failures = Vec::new();
    for path in scenarios() {
        // As `fiscal run` computes it: the library's run of the scenario.
        let run = Run::project(Scenario::load(&path).unwrap()).unwrap();
        check(
            &golden_name(&path, ""),
            &projection_csv_exact(run.projection()),
            &mut failures,
        );
        if let Some(r) = run.interventions() {
            check(
                &golden_name(&path, ".interventions"),
                &interventions_csv(r),
                &mut failures,
            );
            if probabilistic::has_uncertainty(&run.scenario().assumptions) {
                check(
                    &golden_name(&path, ".paths"),
                    &paths_csv(&run),
                    &mut failures,
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden outputs changed (regenerate with UPDATE_GOLDEN=1 after review):\n{}",
        failures.join("\n")
    );
}
