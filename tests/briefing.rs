//! Briefing-ready outputs (issue 23): every chart kind with every chart
//! option, PDF charts and the A4 briefing with the font embedded (the PDF
//! parsed), `<title>`/`<desc>` in every SVG, the difference chart, and the
//! command-line surface (`--size`, `--from`, `fiscal scenarios show`, the
//! did-you-mean for a mistyped shipped name).

use crate::common::{bad, fiscal, success_stdout};

use fiscal::chart::{self, ChartKind, ImageFormat, Input, Layout, Options};
use fiscal::scenario::{catalog, Scenario};
use fiscal::{FiscalYear, Run};

fn runs() -> Vec<Run> {
    let a = Run::project(Scenario::default_scenario().unwrap()).unwrap();
    let b =
        Run::project(Scenario::shipped(catalog::find("smarter_state_central").unwrap()).unwrap())
            .unwrap();
    vec![a, b]
}

/// The objects of a PDF whose dictionary has `/Type /Page` (not `/Pages`).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

fn has(pdf: &[u8], needle: &str) -> bool {
    String::from_utf8_lossy(pdf).contains(needle)
}

/// Every font the PDF uses is embedded: a `/FontFile2` (TrueType) for each
/// font descriptor, and no font named without one.
fn fonts_embedded(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(pdf);
    let descriptors = text.matches("/Type /FontDescriptor").count();
    descriptors > 0 && text.matches("/FontFile2").count() == descriptors
}

#[test]
fn every_chart_kind_renders_with_every_option() {
    let runs = runs();
    let both: Vec<Input<'_>> = runs.iter().map(Input::of).collect();
    let layouts = [
        Layout::default(),
        Layout::named("a4-half").unwrap(),
        Layout::named("slide").unwrap(),
        Layout::new(800, 500, 1.0).unwrap(),
        Layout::new(1200, 720, 1.6).unwrap(),
    ];
    let options = [
        Options::default(),
        Options {
            title: Some("A title of our own".into()),
            subtitle: Some("A subtitle & <escapes>".into()),
            ..Options::default()
        },
        Options {
            from_year: Some(FiscalYear(2030)),
            to_year: Some(FiscalYear(2050)),
            ..Options::default()
        },
    ];
    let kinds = [
        (ChartKind::Debt, &both[..]),
        (ChartKind::Difference, &both[..]),
        (ChartKind::Dependency, &both[..]),
        (ChartKind::Receipts, &both[..1]),
        (ChartKind::Spending, &both[..1]),
        (ChartKind::Decomposition, &both[..1]),
        (ChartKind::Interventions, &both[1..]),
        (ChartKind::Pyramid, &both[..1]),
    ];
    for (kind, inputs) in kinds {
        for opts in &options {
            let c = chart::build(kind, inputs, opts).unwrap();
            if let Some(t) = &opts.title {
                assert_eq!(&c.frame.title, t);
            }
            if opts.from_year.is_some() && kind != ChartKind::Pyramid {
                let csv = c.csv();
                assert!(
                    !csv.contains("2029-30") && !csv.contains("2051-52"),
                    "{kind:?} cut: {csv}"
                );
            }
            for layout in &layouts {
                let svg = c.svg_with(layout).unwrap();
                assert!(
                    svg.contains(&format!("width=\"{}\"", layout.width_px)),
                    "{kind:?}"
                );
                assert!(
                    svg.contains("<title>") && svg.contains("<desc>"),
                    "{kind:?}"
                );
                let png = c.png_with(layout).unwrap();
                assert_eq!(&png[1..4], b"PNG");
                // The PNG's header holds its size.
                let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
                assert_eq!(w, layout.width_px, "{kind:?}");
            }
        }
        let pdf = chart::build(kind, inputs, &Options::default())
            .unwrap()
            .render_with(ImageFormat::Pdf, &Layout::named("a4-half").unwrap())
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{kind:?}");
        assert_eq!(page_count(&pdf), 1);
        assert!(fonts_embedded(&pdf), "{kind:?}: fonts not embedded");
    }
}

#[test]
fn the_difference_chart_is_each_scenario_minus_the_first() {
    let runs = runs();
    let inputs: Vec<Input<'_>> = runs.iter().map(Input::of).collect();
    let c = chart::build(ChartKind::Difference, &inputs, &Options::default()).unwrap();
    let csv = c.csv();
    let last = |p: &fiscal::Projection| p.years.last().unwrap().psnd_pct_gdp;
    let expected = last(runs[1].projection()) - last(runs[0].projection());
    let row = csv.lines().last().unwrap();
    let v: f64 = row.rsplit(',').next().unwrap().parse().unwrap();
    assert!((v - expected).abs() < 1e-3, "{row} against {expected}");
    // One scenario is refused with how to fix it.
    let err = chart::build(ChartKind::Difference, &inputs[..1], &Options::default()).unwrap_err();
    assert!(
        err.is_bad_input() && err.to_string().contains("at least two"),
        "{err}"
    );
}

#[test]
fn the_briefing_is_a4_with_its_font_embedded() {
    let runs = runs();
    let pdf = fiscal::report::briefing_pdf(&runs).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = page_count(&pdf);
    // Page one, the charts two to a page (debt, difference, dependency and
    // four of each scenario's own, plus the interventions chart), and the
    // assumptions.
    assert!((6..=30).contains(&pages), "{pages} pages");
    assert_eq!(
        String::from_utf8_lossy(&pdf)
            .matches("/MediaBox [0 0 595 842]")
            .count(),
        pages,
        "every page A4"
    );
    assert!(fonts_embedded(&pdf));
    assert!(has(&pdf, "/Title (Public sector debt: briefing"));
    // The same inputs give the same bytes.
    assert!(
        pdf == fiscal::report::briefing_pdf(&runs).unwrap(),
        "not byte-identical"
    );
}

#[test]
fn the_command_line_writes_pdf_charts_and_briefings() {
    let d = tempfile::tempdir().unwrap();
    let chart = d.path().join("diff.pdf");
    fiscal()
        .args([
            "chart",
            "difference",
            "baseline",
            "low_productivity",
            "--size",
            "a4-half",
            "--from",
            "2030",
            "--to",
            "2060-61",
            "-o",
        ])
        .arg(&chart)
        .assert()
        .success();
    assert!(std::fs::read(&chart).unwrap().starts_with(b"%PDF-"));
    let csv = std::fs::read_to_string(chart.with_extension("csv")).unwrap();
    assert!(
        csv.starts_with("scenario,year,psnd_pct_gdp_difference\n"),
        "{csv}"
    );
    assert!(csv.contains(",2060-61,") && !csv.contains(",2061-62,"));

    let brief = d.path().join("brief.pdf");
    fiscal()
        .args(["report", "baseline", "low_productivity", "-o"])
        .arg(&brief)
        .assert()
        .success();
    let pdf = std::fs::read(&brief).unwrap();
    assert!(page_count(&pdf) >= 3 && fonts_embedded(&pdf));

    let out = d.path().join("x.svg");
    let o = out.to_str().unwrap();
    bad(
        &["chart", "debt", "--size", "poster", "-o", o],
        &["not a chart size", "a4-half"],
    );
    bad(
        &["chart", "debt", "--width", "50", "-o", o],
        &["outside 200 to 8000"],
    );
    bad(
        &["chart", "debt", "--from", "2050", "--to", "2040", "-o", o],
        &["before --from"],
    );
    bad(
        &["chart", "debt", "--font-scale", "9", "-o", o],
        &["font scale"],
    );
    bad(
        &["chart", "debt", "--from", "2200-01", "-o", o],
        &["no projection year"],
    );
    bad(&["chart", "difference", "-o", o], &["at least two"]);
}

#[test]
fn scenarios_show_and_did_you_mean() {
    let text = success_stdout(fiscal().args(["scenarios", "show", "low_productivity"]));
    assert_eq!(text, catalog::find("low_productivity").unwrap().text);
    bad(
        &["scenarios", "show", "low_productivty"],
        &["did you mean `low_productivity`"],
    );
    bad(
        &["run", "low_productivty"],
        &["did you mean `low_productivity`", "fiscal scenarios"],
    );
}

#[test]
fn heatmap_is_not_offered_by_fiscal_chart() {
    let help = success_stdout(fiscal().args(["chart", "--help"]));
    assert!(!help.contains("heatmap"), "{help}");
    assert!(help.contains("difference"));
}

/// Every shipped scenario with interventions cites its evidence inside the
/// repository (docs/evidence.md, by a section that exists), never a path
/// outside it.
#[test]
fn shipped_interventions_cite_evidence_in_the_repository() {
    let evidence = std::fs::read_to_string("docs/evidence.md").unwrap();
    let has_section = |s: &str| {
        let s = s.trim_end_matches('.');
        evidence.contains(&format!("## {s} "))
            || evidence.contains(&format!("## {s}. "))
            || evidence.contains(&format!("### {s} "))
            || evidence.contains(&format!("**§{s} "))
    };
    let mut checked = 0;
    for e in catalog::all().filter(|e| e.text.contains("[[intervention]]")) {
        assert!(
            !e.text.contains("shared/"),
            "{} cites a path outside the repository",
            e.name
        );
        let at = e
            .text
            .find("docs/evidence.md §")
            .unwrap_or_else(|| panic!("{} does not cite docs/evidence.md", e.name));
        let cited = &e.text[at + "docs/evidence.md §".len()..];
        let section: String = cited
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        assert!(
            has_section(&section),
            "{}: §{section} is not in docs/evidence.md",
            e.name
        );
        checked += 1;
    }
    assert!(checked >= 18, "{checked} scenarios with interventions");
}

/// The uncertainty charts take the same options through their commands;
/// a year range on a chart without a year axis is refused with the fix.
#[test]
fn uncertainty_charts_take_the_chart_options() {
    let d = tempfile::tempdir().unwrap();
    let fan = d.path().join("fan.pdf");
    fiscal()
        .args([
            "fan",
            "--paths",
            "200",
            "--from",
            "2030",
            "--to",
            "2050",
            "--size",
            "a4-half",
            "--title",
            "Debt: how sure?",
            "--chart",
        ])
        .arg(&fan)
        .assert()
        .success();
    assert!(std::fs::read(&fan).unwrap().starts_with(b"%PDF-"));
    let csv = std::fs::read_to_string(fan.with_extension("csv")).unwrap();
    assert!(csv.contains("2030-31") && !csv.contains("2029-30") && !csv.contains("2051-52"));
    let tornado = d.path().join("t.svg");
    fiscal()
        .args([
            "sensitivity",
            "--width",
            "900",
            "--font-scale",
            "1.3",
            "--subtitle",
            "Ours",
            "--chart",
        ])
        .arg(&tornado)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&tornado).unwrap();
    assert!(svg.contains("width=\"900\"") && svg.contains("Ours"));
    let t = tornado.to_str().unwrap();
    bad(
        &["sensitivity", "--from", "2030", "--chart", t],
        &["no year axis"],
    );
}

/// `run --charts` and `compare --charts` take a size, year range, font
/// scale and formats for every chart they write; the options need
/// `--charts`, and a reversed range is refused before any work.
#[test]
fn chart_directories_take_the_chart_options() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("c");
    let dir_s = dir.to_str().unwrap();
    fiscal()
        .args(["run", "--charts", dir_s, "--chart-formats", "pdf,svg"])
        .args([
            "--chart-size",
            "a4-half",
            "--chart-from",
            "2030",
            "--chart-to",
            "2060",
        ])
        .assert()
        .success();
    assert!(std::fs::read(dir.join("debt.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(!dir.join("debt.png").exists(), "only the formats asked for");
    let csv = std::fs::read_to_string(dir.join("debt.csv")).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(first.contains("2030-31") && csv.lines().last().unwrap().contains("2060-61"));
    let a4_half = Layout::named("a4-half").unwrap();
    let svg = std::fs::read_to_string(dir.join("debt.svg")).unwrap();
    assert!(svg.contains(&format!("width=\"{}\"", a4_half.width_px)));
    let cmp = d.path().join("k");
    fiscal()
        .args(["compare", "baseline", "low_productivity", "--charts"])
        .arg(&cmp)
        .args(["--chart-formats", "png", "--chart-font-scale", "1.5"])
        .assert()
        .success();
    assert!(cmp.join("difference.png").exists() && !cmp.join("difference.svg").exists());
    bad(&["run", "--chart-size", "slide"], &["--charts"]);
    bad(
        &[
            "run",
            "--charts",
            dir_s,
            "--chart-from",
            "2060",
            "--chart-to",
            "2030",
        ],
        &["--chart-from", "earlier year first"],
    );
    bad(
        &["run", "--charts", dir_s, "--chart-formats", "gif"],
        &["svg, png or pdf"],
    );
}

/// The source line and the JSON's data sources name the forecast and the
/// population the run actually read: the baseline's March 2026 EFO and
/// ONS 2024-based assumptions, the FSR 2017 re-run's November 2016 EFO and
/// ONS 2014-based projection.
#[test]
fn sources_name_the_vintages_the_run_read() {
    let json = success_stdout(fiscal().args(["run", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let publication = |v: &serde_json::Value, table: &str| {
        v["data_vintages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["table"] == table)
            .map(|t| t["publication"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert!(publication(&v, "population").contains("2024-based"));
    assert!(publication(&v, "efo").contains("March 2026"));
    let past = success_stdout(fiscal().args([
        "run",
        "scenarios/published/fsr_2017.toml",
        "--format",
        "json",
    ]));
    let p: serde_json::Value = serde_json::from_str(&past).unwrap();
    assert!(publication(&p, "efo").contains("November 2016"));
    assert!(publication(&p, "population").contains("2014-based"));

    let d = tempfile::tempdir().unwrap();
    let svg = d.path().join("debt.svg");
    fiscal()
        .args([
            "chart",
            "debt",
            "baseline",
            "scenarios/published/fsr_2017.toml",
            "-o",
        ])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    for named in [
        "OBR EFO March 2026",
        "ONS 2024-based population projections",
        "OBR EFO November 2016",
        "ONS 2014-based principal",
    ] {
        assert!(text.contains(named), "`{named}` is not in the source line");
    }
    assert!(
        !text.contains("2022-based"),
        "no vintage the runs did not read"
    );
}
