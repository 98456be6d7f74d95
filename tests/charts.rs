//! Chart output: SVG is byte-stable (snapshots of charts drawn from fixed
//! synthetic data, so they do not move when the data tables change), PNGs
//! have the stated size and are not blank, and the debt decomposition adds
//! up.
//!
//! Regenerate the snapshots after an intended change of style with
//! `UPDATE_SNAPSHOTS=1 cargo test --test suite charts`, then look at the diff.

use std::path::PathBuf;

use crate::common::check_snapshots;

use fiscal::chart::decomposition::Period;
use fiscal::chart::interventions::{EffectPath, PACKAGE_LABEL};
use fiscal::chart::pyramid::PyramidYear;
use fiscal::chart::{
    self, Body, Chart, ChartKind, Decomposition, Frame, Input, Interventions, Layer, Lines,
    Options, Pyramid, Series, Stacked,
};
use fiscal::scenario::Scenario;
use fiscal::FiscalYear;

fn frame(title: &str, scenario: &str) -> Frame {
    Frame {
        title: title.into(),
        scenario: scenario.into(),
        official: true,
        note: Some("A note under the chart.".into()),
        sources: fiscal::chart::sources_of([(
            "embedded:data/efo_2026-03.csv",
            "embedded:data/population_npp2022.csv",
        )]),
    }
}

fn years() -> Vec<FiscalYear> {
    (2025..=2074).map(FiscalYear).collect()
}

/// One chart of each body, from fixed numbers.
fn synthetic() -> Vec<(&'static str, Chart)> {
    let ys = years();
    let path = |a: f64, b: f64| -> Vec<(FiscalYear, f64)> {
        ys.iter()
            .enumerate()
            .map(|(i, y)| (*y, a + b * (i as f64).powf(1.5) / 10.0))
            .collect()
    };
    let lines = Chart {
        kind: ChartKind::Debt,
        frame: frame("Public sector net debt", "Scenarios: A, <B & \"C\">"),
        body: Body::Lines(Lines {
            series: vec![
                Series {
                    label: "A".into(),
                    points: path(95.0, 3.0),
                },
                Series {
                    label: "<B & \"C\">".into(),
                    points: path(95.0, 2.9),
                },
                Series {
                    label: "=cmd".into(),
                    points: path(90.0, -0.5),
                },
            ],
            y_desc: "% of GDP".into(),
            value_suffix: "%".into(),
            decimals: 1,
            shaded: Some((FiscalYear(2025), FiscalYear(2030))),
            csv_column: "psnd_pct_gdp".into(),
        }),
    };
    let stacked = Chart {
        kind: ChartKind::Spending,
        frame: frame("Primary spending by category", "Scenario: A"),
        body: Body::Stacked(Stacked {
            years: ys.clone(),
            layers: (0..8)
                .map(|k| Layer {
                    label: format!("Line {k}"),
                    values: (0..ys.len())
                        .map(|i| 2.0 + k as f64 * 0.5 + i as f64 * 0.02)
                        .collect(),
                })
                .collect(),
            y_desc: "% of GDP".into(),
            total_label: "Total".into(),
            boundary: Some(FiscalYear(2030)),
            csv_column: "pct_gdp".into(),
        }),
    };
    let decomposition = Chart {
        kind: ChartKind::Decomposition,
        frame: frame("What changes the debt ratio", "Scenario: A"),
        body: Body::Decomposition(Decomposition {
            periods: (0..6)
                .map(|k| {
                    let (pd, i, g, s) = (k as f64 * 5.0 - 8.0, 20.0 + k as f64 * 4.0, -30.0, 5.0);
                    Period {
                        label: format!("{}–{}", 2025 + 10 * k, 34 + 10 * k),
                        first: 2025 + 10 * k,
                        last: 2034 + 10 * k,
                        primary_deficit: pd,
                        interest: i,
                        growth: g,
                        stock_flow: s,
                        change: pd + i + g + s,
                    }
                })
                .collect(),
        }),
    };
    let pyramid = Chart {
        kind: ChartKind::Pyramid,
        frame: frame("Population by age and sex", "Scenario: A"),
        body: Body::Pyramid(Pyramid {
            years: [2025, 2050, 2074]
                .iter()
                .enumerate()
                .map(|(k, y)| PyramidYear {
                    year: *y,
                    male: (0..106)
                        .map(|a| 400_000.0 * (1.0 - a as f64 / (110.0 + 10.0 * k as f64)))
                        .collect(),
                    female: (0..106)
                        .map(|a| 410_000.0 * (1.0 - a as f64 / (115.0 + 10.0 * k as f64)))
                        .collect(),
                })
                .collect(),
        }),
    };
    // Costs first, then savings on an S-curve with a refresh dip every five
    // years; the package is the sum (its debt effect compounds a little).
    let effect = |label: &str, scale: f64, cost: f64| -> EffectPath {
        let net: Vec<(FiscalYear, f64)> = ys
            .iter()
            .enumerate()
            .map(|(i, y)| {
                let t = i as f64;
                let saving = scale / (1.0 + (-(t - 8.0) / 2.0).exp());
                let refresh = if i > 0 && i % 5 == 0 { cost / 2.0 } else { 0.0 };
                let upfront = if i < 3 { cost } else { 0.0 };
                (*y, saving - upfront - refresh)
            })
            .collect();
        let mut debt = 0.0;
        let psnd = net
            .iter()
            .map(|(y, v)| {
                debt = debt * 0.99 - v;
                (*y, debt)
            })
            .collect();
        EffectPath {
            label: label.into(),
            net_saving_pct_gdp: net,
            psnd_change_pp_gdp: psnd,
            grade: None,
        }
    };
    let parts = vec![
        effect("Identity", 0.05, 0.02),
        effect("=Channel shift", 0.08, 0.05),
        effect("NHS productivity, a long name that needs room", 0.15, 0.01),
    ];
    let mut package = effect(PACKAGE_LABEL, 0.0, 0.0);
    for (k, y) in ys.iter().enumerate() {
        let net: f64 = parts.iter().map(|p| p.net_saving_pct_gdp[k].1).sum();
        let debt: f64 = parts.iter().map(|p| p.psnd_change_pp_gdp[k].1).sum();
        package.net_saving_pct_gdp[k] = (*y, net);
        package.psnd_change_pp_gdp[k] = (*y, debt * 1.02);
    }
    let interventions = Chart {
        kind: ChartKind::Interventions,
        frame: frame("What the efficiency interventions do", "Scenario: A"),
        body: Body::Interventions(Interventions {
            interventions: parts,
            package,
        }),
    };
    vec![
        ("lines", lines),
        ("interventions", interventions),
        ("stacked", stacked),
        ("decomposition", decomposition),
        ("pyramid", pyramid),
    ]
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/charts")
}

#[test]
fn svg_matches_snapshots() {
    let dir = snapshot_dir();
    let mut stale = Vec::new();
    for (name, c) in synthetic() {
        let svg = c.svg().unwrap();
        assert_eq!(
            svg,
            c.svg().unwrap(),
            "{name}: SVG differs between two renders"
        );
        check_snapshots(&dir, name, [("svg", svg), ("csv", c.csv())], &mut stale);
    }
    assert!(
        stale.is_empty(),
        "output differs from the snapshots {stale:?}; if the change is intended, run \
         `UPDATE_SNAPSHOTS=1 cargo test --test suite charts` and review the diff"
    );
}

#[test]
fn svg_escapes_text_and_csv_neutralises_formulas() {
    let (_, c) = synthetic().remove(0);
    let svg = c.svg().unwrap();
    assert!(svg.contains("&lt;B &amp; &quot;C&quot;&gt;"), "{svg}");
    assert!(!svg.contains("<B &"));
    let csv = c.csv();
    assert!(csv.contains("\n'=cmd,"), "{csv}");
    assert!(!csv.contains("\n=cmd"));
}

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(png_bytes);
    let mut r = dec.read_info().unwrap();
    let mut buf = vec![0; r.output_buffer_size()];
    let info = r.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn baseline() -> (fiscal::model::Projection, fiscal::data::Dataset) {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let p = fiscal::model::project(&s.assumptions, &d).unwrap();
    (p, d)
}

#[test]
fn every_png_has_the_stated_size_and_is_not_blank() {
    let (p, d) = baseline();
    let input = Input {
        projection: &p,
        population: &d.population,
        interventions: None,
    };
    let charts = chart::build_all(input, &Options::default()).unwrap();
    // Everything but the interventions chart: the baseline has none.
    assert_eq!(charts.len(), ChartKind::ALL.len() - 1);
    for c in charts {
        let (w, h, px) = decode(&c.png().unwrap());
        assert_eq!((w, h), (chart::WIDTH, chart::HEIGHT), "{:?}", c.kind);
        let pixels: Vec<&[u8]> = px.chunks(3).collect();
        let white = pixels.iter().filter(|p| **p == [255, 255, 255]).count();
        let mut colours: Vec<&[u8]> = pixels.clone();
        colours.sort();
        colours.dedup();
        assert!(
            colours.len() > 50,
            "{:?}: only {} colours",
            c.kind,
            colours.len()
        );
        // Drawn, but not a solid block: between 1% and 97% of pixels inked.
        let inked = 1.0 - white as f64 / pixels.len() as f64;
        assert!(
            (0.01..0.97).contains(&inked),
            "{:?}: {inked:.3} inked",
            c.kind
        );
        // Real charts are deterministic too.
        assert_eq!(c.svg().unwrap(), c.svg().unwrap());
    }
}

#[test]
fn decomposition_adds_up_to_the_change_in_debt() {
    let (p, _) = baseline();
    let d = Decomposition::from_projection(&p).unwrap();
    assert!(!d.periods.is_empty());
    let total: f64 = d.periods.iter().map(|x| x.change).sum();
    let first = 100.0 * p.opening_psnd_gbp_bn / p.opening_gdp_centred_gbp_bn;
    let last = p.last().unwrap().psnd_pct_gdp;
    assert!(
        (total - (last - first)).abs() < 1e-6,
        "{total} vs {}",
        last - first
    );
    for x in &d.periods {
        let sum = x.primary_deficit + x.interest + x.growth + x.stock_flow;
        assert!(
            (x.change - sum).abs() < 1e-6,
            "{}: components {sum} vs change {}",
            x.label,
            x.change
        );
    }
    // Every year is in exactly one period.
    let years: i32 = d.periods.iter().map(|x| x.last - x.first + 1).sum();
    assert_eq!(years as usize, p.years.len());
}

#[test]
fn one_scenario_charts_refuse_several_and_pyramid_checks_years() {
    let (p, d) = baseline();
    let i = Input {
        projection: &p,
        population: &d.population,
        interventions: None,
    };
    let two = [i, i];
    assert!(chart::build(ChartKind::Debt, &two, &Options::default()).is_ok());
    let e = chart::build(ChartKind::Spending, &two, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("one scenario at a time"), "{e}");
    let opts = Options {
        pyramid_years: vec![1800],
        ..Options::default()
    };
    let e = chart::build(ChartKind::Pyramid, &[i], &opts).unwrap_err();
    assert!(e.to_string().contains("1800"), "{e}");
}

/// The smarter-state package, projected as `fiscal run` does it.
fn smarter_state() -> (
    fiscal::model::Projection,
    fiscal::data::Dataset,
    fiscal::model::interventions::InterventionResults,
) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/digital/smarter_state_central.toml");
    let run = fiscal::Run::project(Scenario::load(&path).unwrap()).unwrap();
    let r = run.interventions().unwrap().clone();
    (run.projection().clone(), run.data().clone(), r)
}

#[test]
fn interventions_chart_png_is_drawn_and_its_csv_matches_the_results() {
    let (p, d, r) = smarter_state();
    let input = Input {
        projection: &p,
        population: &d.population,
        interventions: Some(&r),
    };
    let charts = chart::build_all(input, &Options::default()).unwrap();
    assert_eq!(charts.len(), ChartKind::ALL.len());
    let c = charts
        .iter()
        .find(|c| c.kind == ChartKind::Interventions)
        .unwrap();
    let (w, h, px) = decode(&c.png().unwrap());
    assert_eq!((w, h), (chart::WIDTH, chart::HEIGHT));
    let white = px.chunks(3).filter(|p| *p == [255, 255, 255]).count();
    let inked = 1.0 - white as f64 / (px.len() / 3) as f64;
    assert!((0.01..0.97).contains(&inked), "{inked:.3} inked");
    assert_eq!(c.svg().unwrap(), c.svg().unwrap());
    // Seven interventions: the four that move debt most, the rest summed,
    // and the package: six series, six distinct colours.
    assert_eq!(r.interventions.len(), 7);
    let csv = c.csv();
    assert_eq!(csv.lines().count(), 1 + 6 * p.years.len());
    assert!(csv.contains("Other interventions (3, summed)"), "{csv}");
    let Body::Interventions(body) = &c.body else {
        panic!("not the interventions chart")
    };
    let legend = body.legend();
    assert_eq!(legend.len(), 6);
    for (i, a) in legend.iter().enumerate() {
        for b in legend.iter().skip(i + 1) {
            assert_ne!(a.key, b.key, "{} and {} share a colour", a.label, b.label);
        }
    }
    let last = csv.lines().last().unwrap();
    assert!(
        last.ends_with(&format!(
            ",{}",
            fiscal::output::csv::num(r.package.final_psnd_change_pp_gdp)
        )),
        "{last}"
    );
}

/// Local dips (a year at least 0.0002 % of GDP below both neighbours) in
/// a path after its first decade (the build years dip for real): the
/// sawtooth. Shallower wiggles come from the lines themselves (the health
/// line's growth varies with demography from year to year).
fn dips(v: &[(FiscalYear, f64)]) -> usize {
    const DEPTH: f64 = 2e-4;
    v.get(10..)
        .unwrap_or_default()
        .windows(3)
        .filter(|w| w[1].1 < w[0].1 - DEPTH && w[1].1 < w[2].1 - DEPTH)
        .count()
}

#[test]
fn interventions_chart_spreads_refresh_costs_unless_asked() {
    let (_, _, r) = smarter_state();
    let smooth = fiscal::chart::Interventions::from_results(&r, false);
    let spikes = fiscal::chart::Interventions::from_results(&r, true);
    let (a, b) = (
        dips(&smooth.package.net_saving_pct_gdp),
        dips(&spikes.package.net_saving_pct_gdp),
    );
    // Refresh every 5 years over 40 years: about eight dips with spikes.
    assert!(b >= 6, "{b} dips with refresh spikes");
    assert_eq!(a, 0, "dips with refresh spread over its cycle");
    // The PSND change is the same either way: only the drawing changes.
    assert_eq!(
        smooth.package.psnd_change_pp_gdp,
        spikes.package.psnd_change_pp_gdp
    );
}

#[test]
fn interventions_chart_refuses_a_scenario_without_any() {
    let (p, d) = baseline();
    let i = Input {
        projection: &p,
        population: &d.population,
        interventions: None,
    };
    assert!(!ChartKind::Interventions.applies_to(&i));
    let e = chart::build(ChartKind::Interventions, &[i], &Options::default()).unwrap_err();
    assert!(e.is_bad_input(), "{e}");
    assert!(
        e.to_string().contains("has no [[intervention]] tables"),
        "{e}"
    );
}

#[test]
fn lines_ending_on_the_same_value_share_one_label() {
    let points: Vec<(FiscalYear, f64)> = years().iter().map(|y| (*y, 300.0)).collect();
    let series = |label: &str| Series {
        label: label.into(),
        points: points.clone(),
    };
    let c = Chart {
        kind: ChartKind::Dependency,
        frame: frame("Old-age dependency ratio", "Scenarios: A, B, C"),
        body: Body::Lines(Lines {
            series: vec![series("A"), series("B"), series("C")],
            y_desc: "Per 1,000".into(),
            value_suffix: String::new(),
            decimals: 0,
            shaded: None,
            csv_column: "v".into(),
        }),
    };
    let svg = c.svg().unwrap();
    assert_eq!(svg.matches("300 (all)").count(), 1, "{svg}");
    // Otherwise only the y tick shows 300.
    assert_eq!(svg.matches("\n300\n").count(), 1, "{svg}");
}
