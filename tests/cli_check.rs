//! `fiscal check` runs every validation `fiscal run` does short of
//! projecting, and lists every problem of a file in one pass, sorted by
//! line (issue 14, defects 9, 10, 3, 13 and 14).

use crate::common::{bad, fiscal, write};

fn check_fails(text: &str, expected: &[&str]) -> String {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "s.toml", text);
    let p = p.to_str().unwrap();
    bad(&["check", p], expected);
    bad(&["run", p], expected);
    let out = fiscal().args(["check", p]).output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_rejects_what_run_rejects() {
    check_fails(
        "name = \"x\"\n[horizon]\nend_year = \"2125-26\"\n",
        &[
            "s.toml:3:1: `horizon.end_year`",
            "ends in mid-2122",
            "2121-22",
        ],
    );
    let err = check_fails(
        "name = \"x\"\n[horizon]\nbase_year = \"1990-91\"\n",
        &["s.toml:3:1: `horizon.base_year`", "EFO"],
    );
    assert!(!err.contains("horizon.end_year"), "{err}");
    check_fails(
        "name = \"x\"\n[horizon]\nmedium_term_end = \"2035-36\"\n",
        &["`horizon.medium_term_end`", "outside the EFO years"],
    );
}

#[test]
fn every_problem_in_one_pass_sorted_by_line() {
    let text = "\
name = \"\"
[economy]
productivity_growth_pc = 1
cpi_inflation_pct = \"2.5\"
unemployment_rate_pct = 0.04
[rates]
convergence_years = 99999999999
bank_rate_long_run_pct = 40
[debt]
index_linked_share = 24
floating_rate_shar = 0.1
[[intervention]]
name = \"Package\"
target = \"health\"
start_year = \"2027-28\"
saving_share = 0.01
probability_of_success_share = 1.5
exchequer_retention_share = 1
[population]
net_migration_persons = 140
";
    let err = check_fails(text, &["(11 problems)"]);
    let lines: Vec<usize> = err
        .lines()
        .filter_map(|l| {
            l.trim_start_matches("error: ")
                .split(':')
                .nth(1)?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(lines, vec![1, 3, 4, 5, 7, 8, 10, 11, 13, 17, 20], "{err}");
}

#[test]
fn money_and_people_unit_slips() {
    check_fails(
        "name = \"x\"\n[[intervention]]\nname = \"NHS\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_gbp_bn = 300\nexchequer_retention_share = 1\ngbp_bn_indexation = \"nominal_gdp\"\n",
        &["s.toml:6:1: `intervention[0].saving_gbp_bn`", "more than the whole `health` line"],
    );
    check_fails(
        "name = \"x\"\n[population]\nnet_migration_persons = 140\n",
        &[
            "`population.net_migration_persons`",
            "looks like thousands",
            "140000",
        ],
    );
    check_fails(
        "name = \"x\"\n[population]\nnet_migration_persons = 5000000\n",
        &[
            "`population.net_migration_persons`",
            "outside the plausible range",
        ],
    );
}

#[test]
fn reserved_empty_and_duplicate_names() {
    let iv = |name: &str| {
        format!("[[intervention]]\nname = \"{name}\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\n")
    };
    check_fails(&format!("name = \"x\"\n{}", iv("Package")), &["reserved"]);
    check_fails("name = \"\"\n", &["`name`: the name is empty"]);
    check_fails(
        &format!("name = \"x\"\n{}{}", iv("A"), iv("a")),
        &["`intervention[1].name`", "already names intervention[0]"],
    );
}

#[test]
fn hints_for_overflow_quotes_and_shares() {
    check_fails(
        "name = \"x\"\n[rates]\nconvergence_years = 99999999999\n",
        &["s.toml:3:21: `rates.convergence_years`", "far too large"],
    );
    let err = check_fails(
        "name = \"x\"\n[economy]\ncpi_inflation_pct = \"4.5\"\n",
        &["remove the quotes"],
    );
    assert!(!err.contains("u32") && !err.contains("f64"), "{err}");
    let err = check_fails(
        "name = \"x\"\n[[intervention]]\nname = \"A\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_share = 0.01\nprobability_of_success_share = 1.5\n",
        &["more than 1"],
    );
    assert!(!err.contains("0.015"), "{err}");
}

#[test]
fn population_errors_name_the_file_once() {
    let err = check_fails(
        "name = \"x\"\n[population]\ntfr_children_per_woman = 9\n",
        &["s.toml:3:1: `population.tfr_children_per_woman`"],
    );
    assert!(!err.contains(":0:"), "{err}");
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "p.csv", "sex,age,2022\nmale,0,x\n");
    let p = write(
        d.path(),
        "s.toml",
        "name = \"x\"\n[population]\nprojection = \"p.csv\"\n",
    );
    let out = fiscal()
        .args(["check", p.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("s.toml").count(), 1, "{err}");
    assert!(err.contains("p.csv:2: column `2022`"), "{err}");
}

#[cfg(unix)]
#[test]
fn relative_extends_through_a_symlink_resolves_from_the_real_file() {
    let d = tempfile::tempdir().unwrap();
    let real = d.path().join("real");
    let links = d.path().join("links");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&links).unwrap();
    write(&real, "parent.toml", "name = \"parent\"\n");
    write(&real, "child.toml", "extends = \"parent.toml\"\n");
    std::os::unix::fs::symlink(real.join("child.toml"), links.join("child.toml")).unwrap();
    fiscal()
        .args(["check", links.join("child.toml").to_str().unwrap()])
        .assert()
        .success();
}
