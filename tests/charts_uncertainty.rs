//! The uncertainty charts (fan, tornado, heatmap) from fixed synthetic
//! data: SVG byte-stable against snapshots, PNGs of the stated size and not
//! blank. Regenerate after an intended change of style with
//! `UPDATE_SNAPSHOTS=1 cargo test --test suite charts_uncertainty`.

use std::path::PathBuf;

use crate::common::check_snapshots;

use fiscal::chart::fan::Fan;
use fiscal::chart::heatmap::Heatmap;
use fiscal::chart::tornado::Tornado;
use fiscal::chart::{self, Chart};
use fiscal::FiscalYear;

fn charts() -> Vec<(&'static str, Chart)> {
    let years: Vec<FiscalYear> = (2025..=2075).map(FiscalYear).collect();
    let centre = |t: usize| 95.0 + 0.05 * (t as f64).powi(2);
    let percentiles = (0..years.len())
        .map(|t| {
            let s = 1.5 * t as f64;
            [-1.645, -1.28, -0.674, 0.0, 0.674, 1.28, 1.645].map(|z| centre(t) + z * s)
        })
        .collect();
    let fan = Fan {
        scenario: "A & <B>".into(),
        years: years.clone(),
        percentiles,
        deterministic: (0..years.len()).map(centre).collect(),
        variants: vec![
            (
                "Rates +1 pp".into(),
                (0..years.len()).map(|t| centre(t) * 1.1).collect(),
            ),
            (
                "=cmd".into(),
                (0..years.len()).map(|t| centre(t) * 1.05).collect(),
            ),
        ],
        how: "1000 paths, reduced engine, seed 42".into(),
    }
    .chart();
    let tornado = Tornado {
        scenario: "A".into(),
        year: "2075-76".into(),
        central: 220.0,
        bars: vec![
            (
                "Gilt yields and Bank Rate".into(),
                "−1 pp".into(),
                170.0,
                "+1 pp".into(),
                280.0,
            ),
            (
                "Productivity growth".into(),
                "−0.5 pp".into(),
                260.0,
                "+0.5 pp".into(),
                190.0,
            ),
            (
                "Triple lock".into(),
                "off".into(),
                205.0,
                "on".into(),
                220.0,
            ),
        ],
        left_off: 0,
    }
    .chart();
    let heatmap = Heatmap {
        scenario: "A".into(),
        value_desc: "PSND in 2075-76, % of GDP".into(),
        x_field: "economy.productivity_growth_pct".into(),
        x_values: vec![1.0, 1.5, 2.0],
        y_field: "rates.gilt_rate_long_run_pct".into(),
        y_values: vec![4.0, 4.5],
        values: vec![vec![260.0, 300.0], vec![220.0, 250.0], vec![180.0, 205.0]],
    }
    .chart();
    vec![("fan", fan), ("tornado", tornado), ("heatmap", heatmap)]
}

#[test]
fn svg_matches_snapshots_and_png_is_drawn() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/charts_uncertainty");
    let mut stale = Vec::new();
    for (name, c) in charts() {
        let svg = c.svg().unwrap();
        assert_eq!(
            svg,
            c.svg().unwrap(),
            "{name}: SVG differs between two renders"
        );
        assert!(
            !svg.contains("<B>") && !svg.contains("& <"),
            "{name}: text not escaped"
        );
        check_snapshots(&dir, name, [("svg", svg), ("csv", c.csv())], &mut stale);
        let png = c.png().unwrap();
        let decoder = png::Decoder::new(png.as_slice());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        assert_eq!(
            (info.width, info.height),
            (chart::WIDTH, chart::HEIGHT),
            "{name}"
        );
        let distinct: std::collections::BTreeSet<&[u8]> = buf.chunks(3).collect();
        assert!(distinct.len() > 10, "{name}: the PNG looks blank");
    }
    assert!(stale.is_empty(), "output differs from the snapshots {stale:?}; run `UPDATE_SNAPSHOTS=1 cargo test --test suite charts_uncertainty` and review the diff");
    // The CSV neutralises formula-like labels.
    let fan = &charts()[0].1;
    assert!(fan.csv().contains("'=cmd"), "{}", fan.csv());
}
