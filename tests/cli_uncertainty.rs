//! `fiscal fan`, `fiscal sensitivity` and `fiscal sweep` end to end: bad
//! inputs exit 2 naming the field, a one-value sweep equals `fiscal run`,
//! and the output does not depend on the number of threads.

use crate::common::{bad, csv_cell, fiscal, run_csv, success_stdout, write};

#[test]
fn bad_path_counts_are_refused() {
    bad(
        &["fan", "--paths", "0"],
        &["--paths", "give 1 to 100000000"],
    );
    bad(&["fan", "--paths", "100000001"], &["--paths"]);
    bad(
        &["fan", "--engine", "full", "--paths", "20001"],
        &["give 1 to 20000"],
    );
}

#[test]
fn bad_shock_parameters_name_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "p.toml",
        "[uncertainty]\ninterest_rate_persistence = 1.0\n",
    );
    bad(
        &["fan", p.to_str().unwrap(), "--paths", "10"],
        &["uncertainty.interest_rate_persistence", "(−1, 1)"],
    );
    let c = write(
        dir.path(),
        "c.toml",
        "[uncertainty]\ncorrelation = [[1, 0.99, 0, -0.99], [0.99, 1, 0, 0.99], [0, 0, 1, 0], [-0.99, 0.99, 0, 1]]\n",
    );
    bad(
        &["fan", c.to_str().unwrap(), "--paths", "10"],
        &["uncertainty.correlation", "not positive semi-definite"],
    );
}

#[test]
fn bad_sweeps_are_refused_with_suggestions() {
    bad(
        &["sweep", "--vary", "economy.productivity_growth_pc=1..2:0.5"],
        &["did you mean `economy.productivity_growth_pct`"],
    );
    bad(
        &["sweep", "--vary", "economy.productivity_growth_pct=1..2:0"],
        &["greater than zero"],
    );
    bad(
        &[
            "sweep",
            "--vary",
            "economy.productivity_growth_pct=1..2:-0.5",
        ],
        &["greater than zero"],
    );
}

#[test]
fn a_one_value_sweep_equals_fiscal_run() {
    let run = run_csv("[economy]\nproductivity_growth_pct = 1.3\n");
    let expected = csv_cell(&run, "psnd_pct_gdp", "2075-76");
    let text =
        success_stdout(fiscal().args(["sweep", "--vary", "economy.productivity_growth_pct=1.3"]));
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], "1.300");
    assert_eq!(row[1], expected);
}

#[test]
fn fan_output_is_the_same_on_one_and_two_threads() {
    let run = |threads: &str| {
        let out = fiscal()
            .args([
                "fan",
                "--paths",
                "9000",
                "--seed",
                "5",
                "--format",
                "json",
                "--threads",
                threads,
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn fan_writes_its_files_and_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let paths = dir.path().join("paths.csv");
    success_stdout(
        fiscal()
            .args([
                "fan",
                "--paths",
                "30",
                "--out",
                dir.path().to_str().unwrap(),
                "--paths-out",
                paths.to_str().unwrap(),
                "--chart",
            ])
            // Not fan.svg: its data, fan.csv, would be --out's fan.csv
            // (two outputs on one file are refused, issue 25).
            .arg(dir.path().join("fan_chart.svg")),
    );
    for f in [
        "fan.csv",
        "fan_probabilities.csv",
        "fan.json",
        "fan_chart.svg",
        "fan_chart.csv",
    ] {
        assert!(dir.path().join(f).exists(), "{f}");
    }
    let json = std::fs::read_to_string(dir.path().join("fan.json")).unwrap();
    assert!(
        json.contains("\"seed\": 42") && json.contains("\"engine\": \"reduced\""),
        "{json}"
    );
    let all = std::fs::read_to_string(paths).unwrap();
    // Header plus 30 paths × 51 years.
    assert_eq!(all.lines().count(), 1 + 30 * 51);
}

#[test]
fn sensitivity_lists_variants_largest_swing_first() {
    let text = success_stdout(fiscal().args(["sensitivity", "--format", "csv"]));
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(2)
        .map(|l| l.split(',').collect())
        .collect();
    let swings: Vec<f64> = rows
        .chunks(2)
        .map(|p| (p[0][3].parse::<f64>().unwrap() - p[1][3].parse::<f64>().unwrap()).abs())
        .collect();
    assert!(swings.len() >= 8, "{text}");
    assert!(swings.windows(2).all(|w| w[0] >= w[1] - 1e-6), "{swings:?}");
}
