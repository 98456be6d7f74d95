//! What every chart carries, whatever its kind: the embedded font (subset,
//! as `@font-face` data) and the source line (publications, tool version,
//! scenario names); the forecast convention; the legend limit.

use crate::common::{bad, fiscal};
use fiscal::chart::{self, ChartKind, Input, Options};
use fiscal::run::Run;
use fiscal::scenario::{catalog, Scenario};

#[test]
fn every_chart_embeds_its_font_and_carries_the_source_line() {
    let e = catalog::find("smarter_state_central").unwrap();
    let run = Run::project(Scenario::shipped(e).unwrap()).unwrap();
    let input: Input<'_> = Input::of(&run);
    for kind in ChartKind::ALL {
        let c = chart::build(kind, std::slice::from_ref(&input), &Options::default()).unwrap();
        let svg = c.svg().unwrap();
        let key = kind.key();
        assert!(
            svg.contains("<defs><style>@font-face{font-family:\"Open Sans "),
            "{key}"
        );
        assert!(svg.contains("src:url(data:font/ttf;base64,"), "{key}");
        assert!(!svg.contains("font-family=\"sans-serif\""), "{key}");
        assert!(!svg.contains("font-family=\"fiscal-sans\""), "{key}");
        assert!(svg.contains("Source: OBR EFO March 2026"), "{key}");
        assert!(
            svg.contains(&format!("fiscal {}", env!("CARGO_PKG_VERSION"))),
            "{key}"
        );
        assert!(svg.contains("Smarter state package (central)"), "{key}");
        // Subset: far smaller than the two 220 kB faces.
        assert!(svg.len() < 160_000, "{key}: {} bytes", svg.len());
    }
}

#[test]
fn time_series_charts_mark_the_forecast_the_same_way() {
    let run = Run::project(Scenario::default_scenario().unwrap()).unwrap();
    let input = Input::of(&run);
    for kind in [
        ChartKind::Debt,
        ChartKind::Dependency,
        ChartKind::Receipts,
        ChartKind::Spending,
    ] {
        let svg = chart::build(kind, std::slice::from_ref(&input), &Options::default())
            .unwrap()
            .svg()
            .unwrap();
        assert!(
            svg.contains("OBR forecast") && svg.contains("Projection"),
            "{kind:?}"
        );
        assert!(!svg.contains("Shaded"), "{kind:?}");
    }
}

#[test]
fn more_than_twelve_scenarios_on_one_chart_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let mut args = vec!["chart".to_string(), "debt".into()];
    args.extend(std::iter::repeat_n("baseline".to_string(), 13));
    args.push("-o".into());
    args.push(d.path().join("d.svg").display().to_string());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    bad(&refs, &["13 scenarios", "at most 12", "split them"]);
    // Twelve is fine, and the legend stays above the plot.
    let mut ok: Vec<&str> = vec!["chart", "debt"];
    ok.extend(std::iter::repeat_n("low_productivity", 12));
    ok.extend(["-o"]);
    let out = d.path().join("twelve.svg");
    fiscal().args(&ok).arg(&out).assert().success();
}
