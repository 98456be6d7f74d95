//! The analyst's workbook, opened as Excel would: calamine reads the sheets
//! and values; the package parts (styles, drawings, charts) are read from
//! the zip to check number formats and native charts.

use std::io::Read;

use crate::common::fiscal;
use calamine::{open_workbook, Data, Reader, Xlsx};

fn part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut s = String::new();
    if let Ok(mut f) = zip.by_name(name) {
        f.read_to_string(&mut s).unwrap();
    }
    s
}

#[test]
fn the_workbook_has_formats_native_charts_metadata_and_changes() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("r.xlsx");
    fiscal()
        .args([
            "report",
            "baseline",
            "digital/smarter_state_central",
            "low_productivity",
            "-o",
        ])
        .arg(&path)
        .env_remove("SOURCE_DATE_EPOCH")
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names().to_vec();
    for want in [
        "Summary",
        "Projection",
        "Changes from baseline",
        "Debt all scenarios",
        "Receipts smarter_state_central",
        "Pyramid low_productivity",
        "Effects smarter_state_central",
        "Metadata",
        "Appendix assumptions",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with("Chart ")), "{names:?}");

    // Metadata: version, run time policy, hashes, vintages.
    let meta = wb.worksheet_range("Metadata").unwrap();
    let cells: Vec<String> = meta.used_cells().map(|c| c.2.to_string()).collect();
    assert!(cells.iter().any(|c| c == env!("CARGO_PKG_VERSION")));
    assert!(cells.iter().any(|c| c.contains("SOURCE_DATE_EPOCH")));
    assert!(cells
        .iter()
        .any(|c| c == "embedded:digital/smarter_state_central"));
    assert!(cells
        .iter()
        .any(|c| c.len() == 64 && c.chars().all(|x| x.is_ascii_hexdigit())));
    assert!(cells
        .iter()
        .any(|c| c.starts_with("OBR Economic and fiscal outlook")));

    // Changes from baseline: plain English, units, both values.
    let ch = wb.worksheet_range("Changes from baseline").unwrap();
    let rows: Vec<Vec<String>> = ch
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "scenario",
            "assumption",
            "unit",
            "baseline",
            "this scenario",
            "field"
        ]
    );
    let low = rows
        .iter()
        .find(|r| r[0] == "Low productivity (1.0 %)")
        .unwrap();
    assert_eq!(&low[1..4], ["Long-run productivity growth", "%", "1.5"]);
    assert_eq!(low[4], "1");
    assert!(rows
        .iter()
        .any(|r| r[0] == "Baseline" && r[1].starts_with("No changes")));
    assert!(rows
        .iter()
        .any(|r| r[1].starts_with("Intervention 1 (Identity")));
    // Projection: people are numbers.
    let proj = wb.worksheet_range("Projection").unwrap();
    assert!(matches!(proj.get((1, 3)), Some(Data::Float(_))));

    // The package: number formats by unit, a chart on every chart sheet.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let styles = part(&mut zip, "xl/styles.xml");
    for code in [
        "formatCode=\"#,##0.0\"",
        "formatCode=\"#,##0\"",
        "formatCode=\"0.0\"",
    ] {
        assert!(styles.contains(code), "{code} not in styles.xml");
    }
    let workbook = part(&mut zip, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm._FilterDatabase"), "autofilters");
    // Each chart on a chart sheet of its own, after its data sheet.
    let chartsheets: Vec<String> = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().map(|f| f.name().to_string()))
        .filter(|n| n.starts_with("xl/chartsheets/_rels/"))
        .collect();
    let mut charted = 0;
    for rels_name in &chartsheets {
        let rels = part(&mut zip, rels_name);
        let drawing = rels
            .split("Target=\"../drawings/")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap_or_else(|| panic!("{rels_name} has no drawing: {rels}"));
        let drels = part(&mut zip, &format!("xl/drawings/_rels/{drawing}.rels"));
        assert!(drels.contains("../charts/chart"), "{rels_name}: no chart");
        charted += 1;
    }
    assert!(charted >= 12, "{charted} chart sheets");
    assert!(
        names.iter().any(|n| n == "Debt all scenarios chart"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "Differences"), "{names:?}");
    // Print set-up: A4 landscape, one page wide, header rows repeated.
    let sheet1 = part(&mut zip, "xl/worksheets/sheet2.xml");
    assert!(sheet1.contains("fitToPage=\"1\""), "fit to page");
    assert!(
        sheet1.contains("paperSize=\"9\"")
            && sheet1.contains("orientation=\"landscape\"")
            && sheet1.contains("fitToHeight=\"0\""),
        "A4 landscape, one page wide"
    );
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "repeated header rows"
    );
    // The SVG's colours: the house blue for the first line of the debt chart.
    let chart1 = part(&mut zip, "xl/charts/chart1.xml");
    assert!(
        chart1.contains("<c:lineChart>"),
        "the debt chart is a line chart"
    );
    assert!(chart1.contains("0072B2"), "the house blue");
    let kinds_found: Vec<bool> = ["<c:areaChart>", "<c:barChart>"]
        .iter()
        .map(|k| (1..=20).any(|i| part(&mut zip, &format!("xl/charts/chart{i}.xml")).contains(k)))
        .collect();
    assert_eq!(kinds_found, [true, true], "stacked area and bar charts");
}

#[test]
fn the_run_time_is_recorded_only_when_asked_and_workbooks_stay_identical() {
    let d = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        d.path().join("a.xlsx"),
        d.path().join("b.xlsx"),
        d.path().join("c.xlsx"),
    );
    for p in [&a, &b] {
        fiscal()
            .args(["report", "low_productivity", "-o"])
            .arg(p)
            .env_remove("SOURCE_DATE_EPOCH")
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    fiscal()
        .args(["report", "low_productivity", "-o"])
        .arg(&c)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&c).unwrap();
    let meta = wb.worksheet_range("Metadata").unwrap();
    assert!(meta
        .used_cells()
        .any(|x| x.2.to_string().starts_with("1767225600 seconds")));
    fiscal()
        .args(["report", "-o"])
        .arg(d.path().join("d.xlsx"))
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "SOURCE_DATE_EPOCH is `yesterday`",
        ));
}
