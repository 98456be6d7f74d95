//! `fiscal reproduce` as a CI tool, and forecast vintages added as data.

use crate::common::{bad, fiscal, write};

/// The CI check: every hard check of every case passes under `--strict`.
#[test]
fn strict_reproduction_passes() {
    let out = fiscal().args(["reproduce", "--strict"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("7 cases;"), "{text}");
    assert!(text.contains(" 0 failed"), "{text}");
}

#[test]
fn list_names_seven_cases_with_their_inputs() {
    let out = fiscal().args(["reproduce", "--list"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for name in [
        "ons-2022",
        "efo-2026-03",
        "history",
        "frs-2026",
        "fsr-2017",
        "fsr-2018",
        "obr-headlines",
    ] {
        assert!(text.contains(name), "{name} missing from {text}");
    }
    assert_eq!(text.lines().filter(|l| !l.starts_with(' ')).count(), 7);
    for field in ["EFO vintage:", "population:", "assumptions:", "tolerance:"] {
        let n = text
            .lines()
            .filter(|l| l.trim_start().starts_with(field))
            .count();
        assert_eq!(n, 7, "{field} in {text}");
    }
    assert!(text.contains("November 2016 (efo-2016-11"), "{text}");
    assert!(
        text.contains("ONS 2014-based principal (npp2014-ppp)"),
        "{text}"
    );
    assert!(text.contains("March 2018 (efo-2018-03"), "{text}");
    assert!(
        text.contains("ONS 2016-based principal (npp2016-ppp)"),
        "{text}"
    );
}

#[test]
fn unknown_case_suggests_and_exits_2() {
    bad(
        &["reproduce", "efo-2026"],
        &["unknown case `efo-2026`", "did you mean `efo-2026-03`"],
    );
}

#[test]
fn json_carries_version_scenario_hashes_and_vintages() {
    let out = fiscal()
        .args(["reproduce", "efo-2026-03", "fsr-2017", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tool"], "fiscal");
    assert_eq!(v["command"], "reproduce");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    assert!(scenarios
        .iter()
        .all(|s| s["sha256"].as_str().unwrap().len() == 64));
    let sources: Vec<&str> = v["data_vintages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"embedded:data/efo_2026-03.csv"));
    assert!(sources.contains(&"embedded:data/vintages/efo-2016-11.csv"));
    let cases = v["results"]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[1]["name"], "fsr-2017");
}

#[test]
fn csv_has_one_row_per_comparison() {
    let out = fiscal()
        .args(["reproduce", "history", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("case,item,year,published,ours,difference,unit,tolerance,hard,status\n")
    );
    assert!(text.lines().skip(1).all(|l| l.starts_with("history,")));
    assert!(text.lines().count() > 50);
}

const LEDGER_HEADER: &str =
    "series_id,period,geography,value,unit,kind,source_id,vintage,quality,method_note\n";

/// A two-year vintage: 2030-31 outturn, 2031-32 forecast (numbers made up).
fn synthetic_vintage(skip: &str) -> String {
    let rows = [
        ("fiscal.psnb", 60.0, 58.0),
        ("fiscal.psnd", 3513.7, 3600.0),
        ("macro.nominal_gdp", 3631.8, 3760.0),
        ("macro.nominal_gdp_centred_end_march", 3662.0, 3790.0),
        ("spending.debt_interest", 137.0, 140.0),
        ("spending.tme", 1700.0, 1758.0),
        ("receipts.total", 1640.0, 1700.0),
    ];
    let mut s = String::from(LEDGER_HEADER);
    for (series, a, b) in rows.iter().filter(|r| r.0 != skip) {
        s.push_str(&format!(
            "{series},2030-31,UK,{a},gbp_bn,outturn,test,T,x,\n{series},2031-32,UK,{b},gbp_bn,forecast,test,T,x,\n"
        ));
    }
    s
}

#[test]
fn a_new_vintage_is_a_data_import() {
    let dir = tempfile::tempdir().unwrap();
    let efo = write(dir.path(), "efo.csv", &synthetic_vintage(""));
    let data = dir.path().join("data");
    fiscal()
        .args(["data", "import", "--vintage", "test-2031", "--efo"])
        .arg(&efo)
        .arg("--out")
        .arg(&data)
        .assert()
        .success();
    assert!(data.join("vintages/test-2031.csv").is_file());
    let scenario = write(
        dir.path(),
        "s.toml",
        "extends = \"default\"\nname = \"Synthetic\"\n[horizon]\nbase_year = \"2031-32\"\nmedium_term_end = \"2031-32\"\nend_year = \"2041-42\"\nvintage = \"test-2031\"\n[data]\nvintage_dir = \"data\"\n",
    );
    let out = fiscal()
        .args(["run", "--format", "csv"])
        .arg(&scenario)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The medium-term year follows the vintage: PSND 3600 / 3790 of GDP.
    assert!(text.contains("2031-32"), "{text}");
    assert!(text.contains("2041-42"), "{text}");
    let s = fiscal::scenario::Scenario::load(&scenario).unwrap();
    let d = s.dataset().unwrap();
    let p = fiscal::model::project(&s.assumptions, &d).unwrap();
    let first = &p.years[0];
    assert!((first.psnd_pct_gdp - 100.0 * 3600.0 / 3790.0).abs() < 1e-9);
}

#[test]
fn a_vintage_table_missing_a_series_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let efo = write(
        dir.path(),
        "efo.csv",
        &synthetic_vintage("spending.debt_interest"),
    );
    let out_dir = dir.path().join("data");
    bad(
        &[
            "data",
            "import",
            "--vintage",
            "bad-2031",
            "--efo",
            efo.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &["efo.csv", "`spending.debt_interest`"],
    );
}

#[test]
fn an_unknown_vintage_lists_the_available_ones() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        dir.path(),
        "s.toml",
        "extends = \"default\"\n[horizon]\nvintage = \"efo-2099-03\"\n",
    );
    bad(
        &["run", s.to_str().unwrap()],
        &[
            "unknown vintage `efo-2099-03`",
            "efo-2026-03",
            "outturn-2016-17",
        ],
    );
}

#[test]
fn a_malformed_reference_row_names_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(shared.join("reference")).unwrap();
    write(
        &shared.join("reference"),
        "fsr2017_summary.csv",
        "year,item,value_pct_gdp,source,status,note\n2066-67,psnd,234,x,ok,\n2021-22,psnb,zero,x,ok,\n",
    );
    let out_dir = dir.path().join("out");
    bad(
        &[
            "data",
            "import",
            "--reference-only",
            "--shared",
            shared.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &["fsr2017_summary.csv:3", "value_pct_gdp"],
    );
}

/// docs/reproduce.md shows the table `fiscal reproduce` prints, and the
/// re-runs' band tables.
#[test]
fn docs_show_the_table_the_command_prints() {
    const BEGIN: &str = "<!-- reproduce-output:begin -->\n```text\n";
    const END: &str = "```\n<!-- reproduce-output:end -->";
    const BAND_BEGIN: &str = "<!-- reproduce-band:begin -->\n";
    const BAND_END: &str = "<!-- reproduce-band:end -->";
    let out = fiscal().arg("reproduce").output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let results = fiscal::reproduce::run(&["fsr-2017".into(), "fsr-2018".into()]).unwrap();
    let band = fiscal::output::reproduce::band_markdown(&results);
    let path = std::path::Path::new("docs/reproduce.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (Some(b), Some(e), Some(bb), Some(be)) = (
        doc.find(BEGIN),
        doc.find(END),
        doc.find(BAND_BEGIN),
        doc.find(BAND_END),
    ) else {
        panic!("docs/reproduce.md lacks the reproduce-output or reproduce-band markers");
    };
    assert!(bb < b, "the band block comes before the output block");
    let fresh = format!(
        "{}{BAND_BEGIN}{band}{}{BEGIN}{table}{}",
        &doc[..bb],
        &doc[be..b],
        &doc[e..]
    );
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, fresh).unwrap();
        return;
    }
    assert!(
        doc == fresh,
        "docs/reproduce.md is out of step with `fiscal reproduce`: regenerate with UPDATE_DOCS=1 cargo test --test suite cli_reproduce::docs"
    );
}

#[test]
fn a_vintage_name_that_cannot_be_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = write(
        dir.path(),
        "s.toml",
        "extends = \"default\"\n[horizon]\nvintage = \"EFO 2026\"\n",
    );
    bad(
        &["check", s.to_str().unwrap()],
        &["s.toml:3:1", "`horizon.vintage`", "lowercase"],
    );
}

/// An outturn-only vintage replays its outturn year exactly, and the long
/// term runs from the year after.
#[test]
fn an_outturn_vintage_replays_its_year_then_the_long_term_runs() {
    let s = fiscal::scenario::Scenario::from_text(
        "outturn.toml",
        "extends = \"default\"\n[horizon]\nbase_year = \"2016-17\"\nmedium_term_end = \"2016-17\"\nend_year = \"2066-67\"\nvintage = \"outturn-2016-17\"\n[population]\nprojection = \"npp2014-ppp\"\n[debt]\nqt_path = []\nqe_reserves_opening_gbp_bn = 435.0\n",
        None,
    )
    .unwrap();
    let d = s.dataset().unwrap();
    let p = fiscal::model::project(&s.assumptions, &d).unwrap();
    let first = &p.years[0];
    assert_eq!(first.year, fiscal::FiscalYear(2016));
    assert!((first.psnd_gbp_bn - 1718.0).abs() < 1e-9);
    assert!((first.psnb_gbp_bn - 54.804).abs() < 1e-9);
    assert_eq!(first.phase, fiscal::model::Phase::Efo);
    assert_eq!(p.years[1].phase, fiscal::model::Phase::Projection);
    assert_eq!(p.years.last().unwrap().year, fiscal::FiscalYear(2066));
}

/// The FSR 2017 re-run: its start point is the November 2016 EFO's (hard
/// checks that pass), its headline is reported beside the band, with one
/// band row per unpublished assumption, and the band brackets the central.
#[test]
fn fsr_2017_starts_from_its_efo_and_shows_the_band() {
    let out = fiscal()
        .args(["reproduce", "fsr-2017", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let case = &v["results"]["cases"][0];
    let rows = case["rows"].as_array().unwrap();
    let start: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| {
            r["item"]
                .as_str()
                .unwrap()
                .contains("(start point, vs the EFO)")
        })
        .collect();
    assert_eq!(start.len(), 5);
    for r in &start {
        assert_eq!(r["year"], "2021-22");
        assert_eq!(r["hard"], true);
        assert_eq!(r["status"], "pass", "{r}");
    }
    let headline = rows
        .iter()
        .find(|r| r["item"].as_str().unwrap().starts_with("PSND, central"))
        .unwrap();
    assert_eq!(headline["year"], "2066-67");
    assert_eq!(headline["published"], 234.0);
    assert_eq!(headline["tolerance"], 10.0);
    let band = case["band"].as_array().unwrap();
    let n = fiscal::reproduce::reports::FSR_2017_UNKNOWNS.len();
    assert_eq!(band.len(), n + 1);
    let all = band.last().unwrap();
    let central = headline["ours"].as_f64().unwrap();
    assert!(all["psnd_at_low"].as_f64().unwrap() <= central);
    assert!(all["psnd_at_high"].as_f64().unwrap() >= central);
    // While unknowns remain the headline is reported, not enforced.
    assert_eq!(headline["hard"], n == 0);
}

/// Every headline is set against its own report's re-run, or listed as not
/// re-runnable with why; never against another report's run.
#[test]
fn headlines_pair_only_with_their_own_report() {
    let out = fiscal()
        .args(["reproduce", "obr-headlines"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines().filter(|l| l.contains("PSND (ours:")) {
        assert!(
            line.starts_with("FSR 2017 PSND (ours: the fsr-2017 re-run)")
                || line.starts_with("FSR 2018 PSND (ours: the fsr-2018 re-run)"),
            "{line}"
        );
    }
    assert!(
        text.contains("FSR 2011 (")
            && text.contains(
                "not re-runnable: its population (the ONS 2008-based projection) is not in shared/"
            ),
        "{text}"
    );
    assert!(
        text.contains("FRS 2025 (")
            && text.contains("not re-runnable: its medium term (the March 2025 EFO)"),
        "{text}"
    );
}

const HOFD: &str = "tests/fixtures/import/hofd.xlsx";

#[test]
fn hofd_lists_its_vintages() {
    let out = fiscal()
        .args(["data", "import", "hofd", "--list", "--file", HOFD])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("November 2016    efo-2016-11  2015-16..2021-22   importable"),
        "{text}"
    );
    assert!(
        text.contains("March 2010") && text.contains("no row in PSDebtint"),
        "{text}"
    );
}

#[test]
fn an_unknown_hofd_vintage_exits_2_with_the_nearest_names() {
    bad(
        &[
            "data",
            "import",
            "hofd",
            "--file",
            HOFD,
            "--vintage",
            "November 2106",
        ],
        &[
            "no vintage `November 2106`",
            "the nearest are \"November 2016\"",
            "--list",
        ],
    );
}

#[test]
fn a_hostile_hofd_workbook_is_refused_at_its_far_cell() {
    bad(
        &[
            "data",
            "import",
            "hofd",
            "--file",
            "tests/fixtures/import/hofd_hostile.xlsx",
            "--list",
        ],
        &["sheet `PSND` cell XFD1048576", "outside the area read"],
    );
}
