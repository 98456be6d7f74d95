//! Golden outputs: every shipped scenario's projection (and intervention
//! results) must match the committed CSV under `tests/golden/` byte for byte.
//! After a deliberate change, regenerate with `UPDATE_GOLDEN=1 cargo test
//! --test golden` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use fiscal::model::interventions::probabilistic;
use fiscal::model::{self, interventions, Adjustments};
use fiscal::output::interventions::Distribution;
use fiscal::output::{csv::projection_csv_exact, interventions::csv as interventions_csv};
use fiscal::scenario::Scenario;

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
fn paths_csv(
    a: &model::Assumptions,
    d: &fiscal::data::Dataset,
    base: &model::Projection,
    r: &interventions::InterventionResults,
) -> String {
    let settings = probabilistic::Settings {
        paths: 64,
        seed: 2017,
        gap_without_pct_gdp: None,
    };
    let draws = probabilistic::simulate(a, d, base, &settings).unwrap();
    let summary = probabilistic::summarise(&draws, a, base, &settings);
    Distribution {
        scenario: &a.name,
        expected: r,
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
        let s = Scenario::load(&path).unwrap();
        let d = s.dataset().unwrap();
        let p = model::project(&s.assumptions, &d).unwrap();
        check(
            &golden_name(&path, ""),
            &projection_csv_exact(&p),
            &mut failures,
        );
        if !s.assumptions.intervention.is_empty() {
            let base = model::project_with(&s.assumptions, &d, &Adjustments::none()).unwrap();
            let r = interventions::evaluate(&s.assumptions, &d, &base).unwrap();
            check(
                &golden_name(&path, ".interventions"),
                &interventions_csv(&r),
                &mut failures,
            );
            if probabilistic::has_uncertainty(&s.assumptions) {
                check(
                    &golden_name(&path, ".paths"),
                    &paths_csv(&s.assumptions, &d, &base, &r),
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
