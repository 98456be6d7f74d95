//! Writers for the uncertainty analyses: the fan (percentiles CSV,
//! probabilities CSV, JSON with its provenance, a terminal table), the
//! sensitivities and the sweeps. Numbers are written with fixed decimals
//! (CSV) or shortest round-trip (JSON), so equal runs give equal bytes.

// Rows are fixed-size arrays ([f64; N_VARS], percentiles) indexed by loops
// over their own constants.
#![allow(clippy::indexing_slicing)]

use std::fmt::Write as _;

use serde::Serialize;

use super::csv::safe_text;
use super::units::Unit;
use crate::model::uncertainty::sensitivity::Sensitivity;
use crate::model::uncertainty::summary::VAR_NAMES;
use crate::model::uncertainty::{FanRun, PERCENTILES, THRESHOLDS_PCT_GDP};

fn pct_label(p: f64) -> String {
    format!("p{p:.0}")
}

/// A % of GDP (or pp) figure to a thousandth, as every CSV writes it.
fn pct(v: f64) -> String {
    Unit::PctGdp.format(v)
}

/// `year,variable,deterministic,p5,...,p95,resolution_pp`.
pub fn fan_csv(f: &FanRun) -> String {
    let mut s = String::from("year,variable,deterministic");
    for p in PERCENTILES {
        s.push(',');
        s.push_str(&pct_label(p));
    }
    s.push_str(",resolution_pp\n");
    for (t, y) in f.years.iter().enumerate() {
        for (v, name) in VAR_NAMES.iter().enumerate() {
            let det = f.deterministic.get(t).map_or(f64::NAN, |d| d[v]);
            let _ = write!(s, "{y},{name},{}", pct(det));
            if let Some(row) = f.summary.percentiles.get(t) {
                for x in row[v] {
                    let _ = write!(s, ",{}", pct(x));
                }
            }
            let res = f.summary.resolution_pp.get(t).map_or(0.0, |r| r[v]);
            let _ = writeln!(s, ",{}", pct(res));
        }
    }
    s
}

/// `year,p_psnd_above_100_in_year,...,p_psnd_above_200_by_year`.
pub fn fan_probabilities_csv(f: &FanRun) -> String {
    let mut s = String::from("year");
    for kind in ["in_year", "by_year"] {
        for th in THRESHOLDS_PCT_GDP {
            let _ = write!(s, ",p_psnd_above_{th:.0}_{kind}");
        }
    }
    s.push('\n');
    for (t, y) in f.years.iter().enumerate() {
        let _ = write!(s, "{y}");
        for v in [&f.summary.p_above_in_year, &f.summary.p_above_by_year] {
            for x in v.get(t).copied().unwrap_or([f64::NAN; 3]) {
                let _ = write!(s, ",{}", Unit::Share.format(x));
            }
        }
        s.push('\n');
    }
    s
}

#[derive(Serialize)]
struct JsonYear<'a> {
    year: String,
    deterministic: [f64; 3],
    percentiles: [[f64; 7]; 3],
    resolution_pp: [f64; 3],
    p_psnd_above_in_year: &'a [f64; 3],
    p_psnd_above_by_year: &'a [f64; 3],
}

#[derive(Serialize)]
struct JsonFan<'a> {
    fiscal_version: &'static str,
    method_version: u32,
    scenario: &'a str,
    engine: &'static str,
    seed: u64,
    paths: u64,
    shock_medium_term: bool,
    variables: [&'static str; 3],
    percentiles: [f64; 7],
    thresholds_pct_gdp: [f64; 3],
    percentile_method: &'static str,
    random_numbers: &'static str,
    shocks: Option<&'a crate::model::uncertainty::ShockParams>,
    maturity_years: Option<f64>,
    p_debt_falling_final_decade: Option<f64>,
    years: Vec<JsonYear<'a>>,
}

/// The fan as JSON, with its provenance.
pub fn fan_json(f: &FanRun) -> String {
    let years = f
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| JsonYear {
            year: y.to_string(),
            deterministic: f.deterministic.get(t).copied().unwrap_or([f64::NAN; 3]),
            percentiles: f
                .summary
                .percentiles
                .get(t)
                .copied()
                .unwrap_or([[f64::NAN; 7]; 3]),
            resolution_pp: f.summary.resolution_pp.get(t).copied().unwrap_or([0.0; 3]),
            p_psnd_above_in_year: &f.summary.p_above_in_year[t],
            p_psnd_above_by_year: &f.summary.p_above_by_year[t],
        })
        .collect();
    let j = JsonFan {
        fiscal_version: env!("CARGO_PKG_VERSION"),
        method_version: crate::model::uncertainty::FAN_METHOD_VERSION,
        scenario: &f.scenario,
        engine: f.engine.key(),
        seed: f.seed,
        paths: f.paths,
        shock_medium_term: f.shock_medium_term,
        variables: VAR_NAMES,
        percentiles: PERCENTILES,
        thresholds_pct_gdp: THRESHOLDS_PCT_GDP,
        percentile_method: match f.engine {
            crate::model::uncertainty::Engine::Reduced => "per-year histograms of 4096 bins over a range set by the first 4096 paths; each percentile within resolution_pp of the order statistic at its rank",
            crate::model::uncertainty::Engine::Full => "exact: every value sorted, linear interpolation",
        },
        random_numbers: match f.engine {
            crate::model::uncertainty::Engine::Reduced => "each path's own xoshiro128** stream, seeded by the Philox4x32-10 block at counter (path, 0, 0, 0) keyed by the seed: four normals a shocked year by the Box-Muller transform on two pairs of its 32-bit words, in single precision with the project's own polynomials (src/model/uncertainty/stream.rs, philox.rs, normal.rs)",
            crate::model::uncertainty::Engine::Full => "ChaCha8 (rand_chacha 0.9), one stream per block of 16 paths; normals and lognormals by rand_distr",
        },
        shocks: f.shocks.as_ref(),
        maturity_years: f.maturity_years,
        p_debt_falling_final_decade: f.summary.p_falling_final_decade,
        years,
    };
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
    s.push('\n');
    s
}

/// A short table: every tenth year and the last, PSND percentiles and
/// threshold probabilities.
pub fn fan_table(f: &FanRun) -> String {
    let mut s = format!(
        "Fan of PSND, % of GDP: scenario {}, {} engine, {} paths, seed {}\n",
        f.scenario,
        f.engine.key(),
        f.paths,
        f.seed
    );
    let _ = writeln!(
        s,
        "{:<9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}  {:>6} {:>6} {:>6}",
        "year", "central", "p5", "p25", "p50", "p75", "p95", ">100%", ">150%", ">200%"
    );
    let n = f.years.len();
    for (t, y) in f.years.iter().enumerate() {
        if t % 10 != 0 && t + 1 != n {
            continue;
        }
        let p = f.summary.percentiles[t][0];
        let a = f.summary.p_above_in_year[t];
        let _ = writeln!(
            s,
            "{:<9} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1}  {:>6.3} {:>6.3} {:>6.3}",
            y.to_string(),
            f.deterministic[t][0],
            p[0],
            p[2],
            p[3],
            p[4],
            p[6],
            a[0],
            a[1],
            a[2]
        );
    }
    if let Some(p) = f.summary.p_falling_final_decade {
        let _ = writeln!(
            s,
            "Probability that PSND falls over the final decade: {p:.3}"
        );
    }
    s
}

/// Sensitivities as CSV: `variant,setting,label,final_psnd_pct_gdp,fiscal_gap_pct_gdp`.
pub fn sensitivity_csv(s: &Sensitivity) -> String {
    let mut out = String::from("variant,setting,label,final_psnd_pct_gdp,fiscal_gap_pct_gdp\n");
    let gap = |g: Option<f64>| g.map(pct).unwrap_or_default();
    let _ = writeln!(
        out,
        "central,central,scenario,{},{}",
        pct(s.central.final_psnd_pct_gdp),
        gap(s.central.fiscal_gap_pct_gdp)
    );
    for v in &s.variants {
        for (setting, label, o) in [
            ("low", &v.low_label, v.low),
            ("high", &v.high_label, v.high),
        ] {
            let _ = writeln!(
                out,
                "{},{setting},{},{},{}",
                safe_text(&v.name),
                safe_text(label),
                pct(o.final_psnd_pct_gdp),
                gap(o.fiscal_gap_pct_gdp)
            );
        }
    }
    out
}

/// Sensitivities as a terminal table, largest swing first.
pub fn sensitivity_table(s: &Sensitivity, final_year: &str) -> String {
    let g = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.2}"));
    let mut out = format!(
        "PSND in {final_year}, % of GDP (central {:.1}), and the fiscal gap to 40 % (central {})\n",
        s.central.final_psnd_pct_gdp,
        g(s.central.fiscal_gap_pct_gdp)
    );
    let _ = writeln!(
        out,
        "{:<34} {:<16} {:>8} {:>8} {:<16} {:>8} {:>8} {:>7}",
        "variant", "low", "PSND", "gap", "high", "PSND", "gap", "swing"
    );
    for v in &s.variants {
        let _ = writeln!(
            out,
            "{:<34} {:<16} {:>8.1} {:>8} {:<16} {:>8.1} {:>8} {:>7.1}",
            v.name,
            v.low_label,
            v.low.final_psnd_pct_gdp,
            g(v.low.fiscal_gap_pct_gdp),
            v.high_label,
            v.high.final_psnd_pct_gdp,
            g(v.high.fiscal_gap_pct_gdp),
            v.swing_pp()
        );
    }
    out
}

/// A sweep as CSV: one column per varied field, then the results.
pub fn sweep_csv(
    varies: &[crate::scenario::sweep::Vary],
    points: &[crate::scenario::sweep::Point],
) -> String {
    let mut s = sweep_csv_header(varies);
    for p in points {
        s.push_str(&sweep_csv_row(varies, p));
    }
    s
}

/// The header line of [`sweep_csv`].
pub fn sweep_csv_header(varies: &[crate::scenario::sweep::Vary]) -> String {
    let mut s = String::new();
    for v in varies {
        s.push_str(&safe_text(&v.field));
        s.push(',');
    }
    s.push_str("final_psnd_pct_gdp,max_psnd_pct_gdp,final_psnb_pct_gdp,final_interest_pct_gdp\n");
    s
}

/// One point's line of [`sweep_csv`].
pub fn sweep_csv_row(
    varies: &[crate::scenario::sweep::Vary],
    p: &crate::scenario::sweep::Point,
) -> String {
    let mut s = String::new();
    for (x, v) in p.values.iter().zip(varies) {
        s.push_str(&super::units::format(&v.field, *x));
        s.push(',');
    }
    let _ = writeln!(
        s,
        "{},{},{},{}",
        pct(p.final_psnd_pct_gdp),
        pct(p.max_psnd_pct_gdp),
        pct(p.final_psnb_pct_gdp),
        pct(p.final_interest_pct_gdp)
    );
    s
}
