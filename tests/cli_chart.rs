//! `fiscal chart`, `fiscal report` and `fiscal run --charts` from the
//! outside: files written, and bad input refused with exit code 2.

use std::path::Path;

use crate::common::{bad, fiscal, success_stdout};

fn evil_scenario(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("evil.toml");
    std::fs::write(
        &p,
        "name = \"<script>alert(1)</script>\"\ndescription = \"=HYPERLINK(1) <b>x</b>\"\n[economy]\nproductivity_growth_pct = 1.2\n",
    )
    .unwrap();
    p
}

#[test]
fn chart_writes_image_and_csv() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sub/debt.svg");
    success_stdout(fiscal().args(["chart", "debt", "-o"]).arg(&out));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"));
    let csv = std::fs::read_to_string(d.path().join("sub/debt.csv")).unwrap();
    assert!(
        csv.starts_with("scenario,year,psnd_pct_gdp\nBaseline,2025-26,"),
        "{csv}"
    );

    let png = d.path().join("pyr.PNG");
    success_stdout(
        fiscal()
            .args(["chart", "pyramid", "--years", "2025,2060", "-o"])
            .arg(&png),
    );
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let csv = std::fs::read_to_string(d.path().join("pyr.csv")).unwrap();
    assert!(csv.contains("\n2060,female,0,"));
}

/// Scenarios that start from different OBR forecasts get no forecast line
/// (it would be right for the first only) and a note naming each one's
/// forecast years; scenarios that share one keep the line.
#[test]
fn the_forecast_line_is_drawn_only_when_the_scenarios_share_it() {
    let d = tempfile::tempdir().unwrap();
    let chart = |name: &str, scenarios: &[&str]| {
        let out = d.path().join(name);
        success_stdout(
            fiscal()
                .args(["chart", "debt"])
                .args(scenarios)
                .arg("-o")
                .arg(&out),
        );
        std::fs::read_to_string(out).unwrap()
    };
    let mixed = chart("mixed.svg", &["baseline", "published/fsr_2017"]);
    assert!(!mixed.contains("\nOBR forecast\n"), "a forecast line drawn");
    assert!(
        mixed.contains("OBR medium-term forecasts differ by scenario (Baseline 2025-26 to 2030-31; FSR 2017 (re-run from the November 2016 EFO) 2016-17 to 2021-22)"),
        "the note does not name each scenario's forecast"
    );
    let shared = chart("shared.svg", &["baseline", "digital/smarter_state_central"]);
    assert!(shared.contains("\nOBR forecast\n"), "no forecast line");
    assert!(
        shared.contains("OBR medium-term forecast 2025-26 to 2030-31 (left of the dashed line)")
    );
}

#[test]
fn chart_compares_scenarios_and_escapes_names() {
    let d = tempfile::tempdir().unwrap();
    let evil = evil_scenario(d.path());
    let out = d.path().join("debt.svg");
    success_stdout(
        fiscal()
            .args(["chart", "debt"])
            .arg(&evil)
            .arg("scenarios/baseline.toml")
            .arg("-o")
            .arg(&out),
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!svg.contains("<script"));
}

#[test]
fn bad_chart_requests_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("x.svg");
    let out_s = out.to_str().unwrap();
    let at = |name: &str| d.path().join(name).to_str().unwrap().to_string();
    bad(
        &["chart", "nosuch", "-o", out_s],
        &["invalid value 'nosuch'"],
    );
    bad(
        &["chart", "debt", "-o", &at("x.gif")],
        &["FILE.svg, FILE.png or FILE.pdf"],
    );
    bad(&["chart", "debt", "-o", &at("noext")], &[]);
    // A directory that cannot be created: its parent is a file.
    std::fs::write(d.path().join("plain"), "x").unwrap();
    bad(
        &["chart", "debt", "-o", &at("plain/x.svg")],
        &["output directory is not usable"],
    );
    bad(
        &["chart", "debt", "no/such/scenario.toml", "-o", out_s],
        &["cannot read scenario file"],
    );
    bad(
        &[
            "chart",
            "spending",
            "scenarios/baseline.toml",
            "scenarios/baseline.toml",
            "-o",
            out_s,
        ],
        &["one scenario at a time"],
    );
    bad(
        &["chart", "pyramid", "--years", "1800", "-o", out_s],
        &["population year 1800"],
    );
    assert!(!out.exists());
}

#[test]
fn run_writes_every_chart() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("charts");
    success_stdout(fiscal().arg("run").arg("--charts").arg(&dir));
    for kind in [
        "debt",
        "receipts",
        "spending",
        "decomposition",
        "pyramid",
        "dependency",
    ] {
        for ext in ["svg", "png", "csv"] {
            assert!(dir.join(format!("{kind}.{ext}")).is_file(), "{kind}.{ext}");
        }
    }
    // The baseline has no interventions, so no interventions chart.
    assert!(!dir.join("interventions.svg").exists());
}

const SMARTER: &str = "scenarios/digital/smarter_state_central.toml";

#[test]
fn interventions_chart_for_a_scenario_with_interventions() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("iv.svg");
    success_stdout(
        fiscal()
            .args(["chart", "interventions", SMARTER, "-o"])
            .arg(&out),
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("Package: all interventions together"));
    let csv = std::fs::read_to_string(d.path().join("iv.csv")).unwrap();
    assert!(
        csv.starts_with("intervention,year,net_saving_pct_gdp,psnd_change_pp_gdp\n"),
        "{csv}"
    );
    // At most six series: the four largest, the rest summed, the package.
    let series: std::collections::BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplitn(4, ',').nth(3))
        .collect();
    assert_eq!(series.len(), 6, "{series:?}");
    assert!(csv.contains("\n\"Other interventions (3, summed)\",2075-76,"));
    assert!(csv.contains("\nPackage: all interventions together,2075-76,"));
    // Refresh costs drawn in the years they fall only when asked.
    let spiky = d.path().join("spiky.svg");
    success_stdout(
        fiscal()
            .args(["chart", "interventions", SMARTER, "--refresh-spikes", "-o"])
            .arg(&spiky),
    );
    let spiky_csv = std::fs::read_to_string(d.path().join("spiky.csv")).unwrap();
    assert_ne!(csv, spiky_csv);

    let dir = d.path().join("charts");
    success_stdout(fiscal().args(["run", SMARTER, "--charts"]).arg(&dir));
    for ext in ["svg", "png", "csv"] {
        assert!(dir.join(format!("interventions.{ext}")).is_file(), "{ext}");
        assert!(dir.join(format!("debt.{ext}")).is_file(), "{ext}");
    }
}

#[test]
fn interventions_chart_without_interventions_exits_2() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("iv.png");
    let out_s = out.to_str().unwrap();
    bad(
        &[
            "chart",
            "interventions",
            "scenarios/baseline.toml",
            "-o",
            out_s,
        ],
        &[
            "has no [[intervention]] tables",
            "smarter_state_central.toml",
        ],
    );
    assert!(!out.exists());
    assert!(!d.path().join("iv.csv").exists());
    bad(
        &["chart", "interventions", SMARTER, SMARTER, "-o", out_s],
        &["one scenario at a time"],
    );
}

#[test]
fn compare_writes_charts_with_every_scenario() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("cmp");
    success_stdout(
        fiscal()
            .args(["compare", "--with-baseline", SMARTER, "--charts"])
            .arg(&dir),
    );
    for kind in ["debt", "dependency"] {
        for ext in ["svg", "png", "csv"] {
            assert!(dir.join(format!("{kind}.{ext}")).is_file(), "{kind}.{ext}");
        }
    }
    assert!(!dir.join("spending.svg").exists());
    let csv = std::fs::read_to_string(dir.join("debt.csv")).unwrap();
    assert!(csv.contains("\nBaseline,2075-76,"), "{csv}");
    assert!(csv.contains("\nSmarter state package (central),2075-76,"));
    let svg = std::fs::read_to_string(dir.join("debt.svg")).unwrap();
    assert!(svg.contains("Smarter state package (central)"));

    // An unusable charts directory: exit 2.
    let file = d.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    bad(
        &[
            "compare",
            "--with-baseline",
            SMARTER,
            "--charts",
            file.join("sub").to_str().unwrap(),
        ],
        &["charts directory is not usable"],
    );
}

#[test]
fn reports_show_interventions_and_indicators() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let d = tempfile::tempdir().unwrap();
    let html = d.path().join("r.html");
    success_stdout(
        fiscal()
            .args(["report", "scenarios/baseline.toml", SMARTER, "-o"])
            .arg(&html),
    );
    let text = std::fs::read_to_string(&html).unwrap();
    for needle in [
        "Sustainability indicators",
        "S2 (% of GDP)",
        "Share of the fiscal gap closed by interventions",
        "<section id=\"interventions\">",
        "Package: all interventions together",
        "Breakeven year",
        "id=\"chart-interventions-",
    ] {
        assert!(text.contains(needle), "{needle} not in the report");
    }

    let xlsx = d.path().join("r.xlsx");
    success_stdout(
        fiscal()
            .args(["report", "scenarios/baseline.toml", SMARTER, "-o"])
            .arg(&xlsx),
    );
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names().to_vec();
    for want in [
        "Indicators",
        "Intervention summary",
        "Intervention paths",
        "Effects smarter_state_central",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    let ind = wb.worksheet_range("Indicators").unwrap();
    assert_eq!(
        ind.get((0, 1)),
        Some(&Data::String("fiscal_gap_pct_gdp".into()))
    );
    assert!(
        matches!(ind.get((1, 1)), Some(Data::Float(_))),
        "baseline gap"
    );
    // The baseline has no interventions: the share closed is blank.
    assert!(matches!(ind.get((1, 5)), Some(Data::Empty) | None));
    assert!(
        matches!(ind.get((2, 5)), Some(Data::Float(_))),
        "share closed"
    );
    let paths = wb.worksheet_range("Intervention paths").unwrap();
    assert_eq!(
        paths.get((0, 1)),
        Some(&Data::String("intervention".into()))
    );
    assert_eq!(
        paths.get((1, 0)),
        Some(&Data::String("Smarter state package (central)".into()))
    );
    assert!(matches!(paths.get((1, 4)), Some(Data::Float(_))));
}

#[test]
fn xlsx_report_is_byte_identical_across_runs() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a.xlsx"), d.path().join("b.xlsx"));
    fiscal().args(["report", "-o"]).arg(&a).assert().success();
    // Longer than the workbook's timestamp resolution (one second), so a
    // clock-based creation time would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    fiscal().args(["report", "-o"]).arg(&b).assert().success();
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "the same input gave different workbooks"
    );
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let d = tempfile::tempdir().unwrap();
    let evil = evil_scenario(d.path());
    let out = d.path().join("report.html");
    success_stdout(fiscal().arg("report").arg(&evil).arg("-o").arg(&out));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.matches("<svg").count() >= 6);
    // Self-contained: nothing to fetch (the SVG namespace is a name, not a
    // fetch; the charts' fonts are inline data).
    assert!(html.contains("src:url(data:font/ttf;base64,"));
    let stripped = html
        .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
        .replace("src:url(data:font/ttf;base64,", "");
    for needle in ["http://", "https://", "src=", "<link", "url("] {
        assert!(!stripped.contains(needle), "{needle} in the report");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("name=\"viewport\""));
}

#[test]
fn xlsx_report_neutralises_formulas() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let d = tempfile::tempdir().unwrap();
    let evil = d.path().join("formula.toml");
    std::fs::write(&evil, "name = \"=1+1\"\ndescription = \"@SUM(A1)\"\n").unwrap();
    let out = d.path().join("r.xlsx");
    success_stdout(
        fiscal()
            .arg("report")
            .arg(&evil)
            .arg("scenarios/baseline.toml")
            .arg("-o")
            .arg(&out),
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    for want in [
        "Summary",
        "Projection",
        "Changes from baseline",
        "Appendix assumptions",
        "Debt all scenarios",
        "Pyramid formula",
        "Pyramid baseline",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    let mut strings = Vec::new();
    for n in &names {
        let range = wb.worksheet_range(n).unwrap();
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                strings.push(s.clone());
            }
        }
    }
    assert!(strings.iter().any(|s| s == "'=1+1"), "name not neutralised");
    assert!(
        strings.iter().any(|s| s == "'@SUM(A1)"),
        "description not neutralised"
    );
    assert!(
        !strings.iter().any(|s| s.starts_with(['=', '+', '-', '@'])),
        "a text cell starts with a formula character"
    );
    // Numbers are numbers.
    let proj = wb.worksheet_range("Projection").unwrap();
    assert!(matches!(proj.get((1, 3)), Some(Data::Float(_))));
}

#[test]
fn bad_report_requests_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let at = |name: &str| d.path().join(name).to_str().unwrap().to_string();
    bad(
        &["report", "-o", &at("r.docx")],
        &["FILE.html, FILE.xlsx or FILE.pdf"],
    );
    bad(&["report", "missing.toml", "-o", &at("r.html")], &[]);
}
