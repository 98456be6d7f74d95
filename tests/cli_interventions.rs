//! End-to-end tests of interventions in `fiscal run`, `fiscal check` and
//! `fiscal compare`, including their bad-input paths.

use std::fs;

use crate::common::{bad, fiscal, success_stdout, write};
use predicates::prelude::*;

const GOOD: &str = "[[intervention]]\nname = \"Channel shift\"\ntarget = \"non_age_related\"\nsub_line_gbp_bn = 10.0\nsaving_share = 0.2\nstart_year = \"2026-27\"\nupfront_cost_gbp_bn = 1.0\nexchequer_retention_share = 1.0\ngbp_bn_indexation = \"nominal_gdp\"\n";

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
    assert!(csv.starts_with("intervention,evidence_grade,year,take_up_share"));
    assert_eq!(csv.lines().count(), 1 + 2 * 51);
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains("social_benefit_gbp_bn"));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("projection.json")).unwrap()).unwrap();
    assert!(json["results"]["interventions"]["package"]["exchequer_npv_gbp_bn"].is_number());
    assert!(json["results"]["interventions"]["package"]["social_npv_gbp_bn"].is_number());
    assert!(json["results"]["interventions"]["package"]["interest_saved_pv_gbp_bn"].is_number());
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
            "`intervention[0].end_year`: 2028-29 is before the start 2030-31",
            "`intervention[0].exchequer_retention_share`: missing",
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

const UNCERTAIN: &str = "[[intervention]]\nname = \"Channel shift\"\ntarget = \"non_age_related\"\nsub_line_gbp_bn = 10.0\nsaving_share = 0.2\nstart_year = \"2026-27\"\nupfront_cost_gbp_bn = 1.0\nprobability_of_success_share = 0.6\nexchequer_retention_share = 1.0\ngbp_bn_indexation = \"nominal_gdp\"\n[intervention.uncertainty]\nsaving_share = { dist = \"pert\", low = 0.1, central = 0.2, high = 0.3 }\noptimism_bias_cost_uplift_share = { dist = \"lognormal\", central = 0.5, high = 2.0 }\nprobability_of_success_share = { dist = \"triangular\", low = 0.45, central = 0.6, high = 0.85 }\n";

#[test]
fn interventions_reports_percentiles_identically_on_any_thread_count() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", UNCERTAIN);
    let run = |threads: &str| {
        success_stdout(
            fiscal()
                .env("RAYON_NUM_THREADS", threads)
                .args(["interventions", "--paths", "70", "--seed", "9", "--no-gap"])
                .arg(&p),
        )
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    for text in [
        "Exchequer NPV",
        "Social NPV",
        "median",
        "95th",
        "Breakeven year",
        "paid back by",
        "70 probabilistic paths, seed 9",
    ] {
        assert!(one.contains(text), "`{text}` missing in {one}");
    }
    // Another seed draws other paths.
    let other = fiscal()
        .args(["interventions", "--paths", "70", "--seed", "10", "--no-gap"])
        .arg(&p)
        .output()
        .unwrap();
    assert_ne!(one, String::from_utf8_lossy(&other.stdout));
}

#[test]
fn interventions_writes_paths_as_csv_and_the_distribution_chart() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", UNCERTAIN);
    let chart = d.path().join("fan.svg");
    let csv = success_stdout(
        fiscal()
            .args([
                "interventions",
                "--paths",
                "5",
                "--format",
                "csv",
                "--payback-by",
                "2040-41",
                "--chart",
            ])
            .arg(&chart)
            .arg(&p),
    );
    assert!(csv.starts_with("path,exchequer_npv_gbp_bn,social_npv_gbp_bn,final_psnd_change_pp_gdp"));
    assert_eq!(csv.lines().count(), 6);
    // With the fiscal gap solved on each path, its share is filled in.
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .split(',')
            .nth(6)
            .is_some_and(|s| !s.is_empty()),
        "{csv}"
    );
    let svg = fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("Distribution of the package"));
    let data = fs::read_to_string(d.path().join("fan.csv")).unwrap();
    assert!(data.starts_with("year,psnd_change_p5_pp_gdp"));
    assert_eq!(data.lines().count(), 1 + 51);
}

#[test]
fn interventions_bad_usage_exits_2() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", UNCERTAIN);
    let ps = p.to_str().unwrap();
    bad(
        &["interventions"],
        &["give a scenario with [[intervention]] tables"],
    );
    bad(
        &["interventions", "scenarios/baseline.toml"],
        &["has no [[intervention]] tables"],
    );
    bad(
        &["interventions", ps, "--chart", "x.gif"],
        &["--chart x.gif", ".svg or .png"],
    );
    bad(
        &[
            "interventions",
            ps,
            "--paths",
            "2",
            "--payback-by",
            "2090-91",
        ],
        &["--payback-by 2090-91 is outside"],
    );
}

#[test]
fn bad_distributions_stop_points_and_overlaps_are_errors_naming_them() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "lo.toml",
        &UNCERTAIN.replace(
            "low = 0.1, central = 0.2, high = 0.3",
            "low = 0.3, central = 0.2, high = 0.1",
        ),
    );
    bad(
        &["interventions", p.to_str().unwrap(), "--paths", "2"],
        &[
            "intervention[0].uncertainty.saving_share",
            "low 0.3 exceeds high 0.1",
        ],
    );
    let p = write(
        d.path(),
        "shape.toml",
        &UNCERTAIN.replace("dist = \"pert\"", "dist = \"pret\""),
    );
    bad(&["check", p.to_str().unwrap()], &["did you mean `pert`"]);
    let p = write(
        d.path(),
        "stop.toml",
        &format!("{GOOD}failure_stop_years = 60\n"),
    );
    bad(
        &["check", p.to_str().unwrap()],
        &[
            "intervention[0].failure_stop_years",
            "after the horizon ends in 2075-76",
        ],
    );
    let two = format!(
        "{GOOD}{}",
        GOOD.replace("Channel shift", "Chatbots")
            .replace("saving_share = 0.2", "saving_share = 0.9")
    );
    let p = write(d.path(), "overlap.toml", &two);
    bad(
        &["check", p.to_str().unwrap()],
        &[
            "intervention[1].saving_share",
            "`Channel shift` and `Chatbots`",
            "together claim 110 %",
        ],
    );
}

#[test]
fn savings_beyond_a_whole_line_are_capped_with_a_warning_naming_both() {
    let d = tempfile::tempdir().unwrap();
    let one = "[[intervention]]\nname = \"NAME\"\ntarget = \"pensioner_benefits\"\nsub_line = \"SUB\"\nsaving_gbp_bn = 15.0\nadoption = \"immediate\"\nstart_year = \"2026-27\"\nexchequer_retention_share = 1.0\ngbp_bn_indexation = \"nominal_gdp\"\n";
    let text = format!(
        "{}{}",
        one.replace("NAME", "Pension credit bots")
            .replace("SUB", "pension credit"),
        one.replace("NAME", "Winter fuel bots")
            .replace("SUB", "winter fuel")
    );
    let p = write(d.path(), "cap.toml", &text);
    let out = fiscal()
        .args(["interventions", "--paths", "0"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: `Pension credit bots` and `Winter fuel bots` together save more than the whole `pensioner_benefits` line"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Note: `Pension credit bots` and `Winter fuel bots`"),
        "{stdout}"
    );
}

/// What a reviewer must see: switching values, the retention and
/// persistence assumptions with their grades, NPVs at four horizons, and
/// the package's debt effect with its stated retention next to budgets cut
/// to match and savings recycled; then the mean as the headline.
#[test]
fn interventions_prints_the_appraisal_a_reviewer_asks_for() {
    let out = success_stdout(fiscal().args([
        "interventions",
        "digital/smarter_state_central",
        "--paths",
        "64",
        "--no-gap",
    ]));
    for text in [
        "Switching values (Green Book)",
        "NPV = 0",
        "debt = 0",
        "every intervention at once",
        "Exchequer NPV by horizon",
        "10 yrs (2035-36)",
        "20 yrs (2045-46)",
        "30 yrs (2055-56)",
        "50 yrs (2075-76)",
        "retention 30 % [J]",
        "persistence: erodes 1 %/yr [J]",
        "persistence: asset life 12 yrs [U]",
        "stated retention",
        "budgets cut to match",
        "savings recycled into services",
        "budgets cut as planned, savings do not arrive",
        "Headline: the package changes 2075-76 PSND by",
        "on average (90 % range",
        "What carries it",
    ] {
        assert!(out.contains(text), "missing `{text}` in:\n{out}");
    }
    // The evidence grade of each intervention and the package.
    let package = out.lines().find(|l| l.starts_with("Package")).unwrap();
    assert!(package.split_whitespace().nth(1) == Some("J"), "{package}");
}

#[test]
fn a_point_value_outside_its_own_range_is_refused_by_check() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "s.toml",
        &format!("{GOOD}cashable_share = 0.9\n[intervention.uncertainty]\ncashable_share = {{ dist = \"pert\", low = 0.3, central = 0.5, high = 0.8 }}\n"),
    );
    bad(
        &["check", p.to_str().unwrap()],
        &[
            "`intervention[0].cashable_share`: the point value 0.9 lies outside its own distribution's range 0.3..0.8",
        ],
    );
}

/// The 2017 proposals on the FSR 2017 re-run: the same package on another
/// projection, starting the year after its base year.
#[test]
fn a_package_can_be_laid_on_another_scenario() {
    let out = success_stdout(fiscal().args([
        "interventions",
        "digital/smarter_state_2017",
        "--on",
        "published/fsr_2017",
        "--paths",
        "16",
        "--no-gap",
        "--no-switching",
    ]));
    assert!(
        out.contains("Smarter state 2017 proposals (own units) on FSR 2017"),
        "{out}"
    );
    assert!(out.contains("PSND pp 2066-67"), "{out}");
    bad(
        &[
            "interventions",
            "digital/smarter_state_2017",
            "--on",
            "nope.toml",
        ],
        &["nope.toml"],
    );
}
