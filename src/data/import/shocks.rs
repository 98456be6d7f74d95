//! `fiscal data shocks`: estimate the reduced-form fan's shock variances,
//! correlations and persistence from UK history and write
//! `data/shocks.csv` and `data/SOURCES_SHOCKS.md`.
//!
//! Series, one value per fiscal year, from the OBR historical public
//! finances database (`data/obr/historical/`):
//!
//! - nominal GDP, PSNB, PSND and debt interest (% of GDP) from the tidy
//!   aggregates CSV;
//! - the long-run Retail Prices Index from the database's CSV export (the
//!   index of the calendar year in which the fiscal year starts).
//!
//! Derived: inflation = RPI growth; real growth = nominal GDP growth
//! deflated by RPI (the database has no GDP deflator); the interest rate =
//! debt interest over the previous year's PSND (the shared data have no
//! market gilt-yield series, so the effective rate stands in for it: it
//! moves more slowly than market yields, so this understates their
//! volatility; see docs/uncertainty.md); the primary balance = debt
//! interest − PSNB, % of GDP. Each series gets an AR(1) with an intercept
//! by least squares; `sd_pp` is the residuals' standard deviation (n − 2
//! degrees of freedom) and the correlations are those of the residuals.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ImportError;
use crate::data::shocks::ShockTable;

/// Source files, relative to the shared directory.
pub(crate) const AGGREGATES: &str =
    "data/obr/historical/obr_hpfd_aggregates_1700-01_to_2022-23.csv";
/// The database's CSV export (for the RPI).
pub(crate) const EXPORT: &str =
    "data/obr/historical/obr_public_finances_1800-2023_receipts_spending_aggregates.csv";

/// Default sample: post-war, to the last year of the database.
pub const DEFAULT_FIRST: i32 = 1949;
/// Last fiscal year (start) in the database.
pub const DEFAULT_LAST: i32 = 2022;

fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })
}

struct Row {
    psnd: f64,
    gdp: f64,
    psnb_pct: f64,
    interest_pct: f64,
}

fn aggregates(path: &Path) -> Result<BTreeMap<i32, Row>, ImportError> {
    let text = read(path)?;
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let bad = |line: usize, message: String| ImportError::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    };
    let headers = r.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            bad(
                1,
                format!("no column `{name}`: is this the OBR historical aggregates CSV?"),
            )
        })
    };
    let (cy, cd, cg, cb, ci) = (
        col("fiscal_year")?,
        col("psnd_gbp_m")?,
        col("nominal_gdp_gbp_m")?,
        col("psnb_pct_gdp")?,
        col("debt_interest_pct_gdp")?,
    );
    let mut out = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| bad(line, e.to_string()))?;
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        let num = |c: usize| {
            cell(c)
                .parse::<f64>()
                .map_err(|_| bad(line, format!("`{}` is not a number", cell(c))))
        };
        let year: i32 = cell(cy)
            .get(..4)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad(line, format!("`{}` is not a fiscal year", cell(cy))))?;
        out.insert(
            year,
            Row {
                psnd: num(cd)?,
                gdp: num(cg)?,
                psnb_pct: num(cb)?,
                interest_pct: num(ci)?,
            },
        );
    }
    Ok(out)
}

/// The RPI by calendar year from the database export: the column whose
/// title cell starts "Retail Prices Index", years in the column before it.
fn rpi(path: &Path) -> Result<BTreeMap<i32, f64>, ImportError> {
    let text = read(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().filter_map(Result::ok).collect();
    let col = rows
        .iter()
        .take(10)
        .find_map(|row| row.iter().position(|c| c.starts_with("Retail Prices Index")))
        .filter(|c| *c > 0)
        .ok_or_else(|| ImportError::Invalid {
            path: path.to_path_buf(),
            line: 0,
            message: "no column titled \"Retail Prices Index ...\" in the first rows: is this the OBR database's CSV export?".into(),
        })?;
    let mut out = BTreeMap::new();
    for row in &rows {
        let (Some(y), Some(v)) = (row.get(col - 1), row.get(col)) else {
            continue;
        };
        if let (Ok(y), Ok(v)) = (y.trim().parse::<i32>(), v.trim().parse::<f64>()) {
            out.insert(y, v);
        }
    }
    Ok(out)
}

/// AR(1) with intercept by least squares: (ρ, residuals).
fn ar1(x: &[f64]) -> (f64, Vec<f64>) {
    let (y, z) = (&x[1..], &x[..x.len() - 1]);
    let n = y.len() as f64;
    let (my, mz) = (y.iter().sum::<f64>() / n, z.iter().sum::<f64>() / n);
    let sxy: f64 = y.iter().zip(z).map(|(a, b)| (a - my) * (b - mz)).sum();
    let sxx: f64 = z.iter().map(|b| (b - mz) * (b - mz)).sum();
    let rho = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let c = my - rho * mz;
    let e = y.iter().zip(z).map(|(a, b)| a - c - rho * b).collect();
    (rho, e)
}

/// Estimate the shocks over fiscal years `first`-`last` (starts).
// Matrix arithmetic reads more plainly with indices.
#[allow(clippy::needless_range_loop)]
pub(crate) fn estimate(shared: &Path, first: i32, last: i32) -> Result<ShockTable, ImportError> {
    let agg = aggregates(&shared.join(AGGREGATES))?;
    let rpi = rpi(&shared.join(EXPORT))?;
    let check = |message: String| ImportError::Check {
        table: "shocks.csv".into(),
        message,
    };
    if last - first < 20 {
        return Err(check(format!(
            "the sample {first}..{last} is too short: give at least 20 years"
        )));
    }
    let mut series: [Vec<f64>; 4] = Default::default();
    for y in first..=last {
        let (Some(a), Some(p), Some(r), Some(rp)) = (
            agg.get(&y),
            agg.get(&(y - 1)),
            rpi.get(&y),
            rpi.get(&(y - 1)),
        ) else {
            return Err(check(format!("fiscal year {y}-{:02} (or the year before) is missing from the sources: choose a sample within them", (y + 1) % 100)));
        };
        let infl = r / rp - 1.0;
        let nominal = a.gdp / p.gdp - 1.0;
        series[0].push(100.0 * ((1.0 + nominal) / (1.0 + infl) - 1.0));
        series[1].push(100.0 * infl);
        series[2].push(a.interest_pct * a.gdp / p.psnd);
        series[3].push(a.interest_pct - a.psnb_pct);
    }
    let fits: Vec<(f64, Vec<f64>)> = series.iter().map(|s| ar1(s)).collect();
    let n = fits[0].1.len();
    let mut t = ShockTable {
        sd_pp: [0.0; 4],
        persistence: [0.0; 4],
        correlation: [[0.0; 4]; 4],
        sample: format!(
            "{first}-{:02}..{last}-{:02}",
            (first + 1) % 100,
            (last + 1) % 100
        ),
        observations: n,
    };
    for i in 0..4 {
        t.persistence[i] = fits[i].0;
        let ss: f64 = fits[i].1.iter().map(|e| e * e).sum();
        t.sd_pp[i] = (ss / (n as f64 - 2.0)).sqrt();
    }
    for i in 0..4 {
        for j in 0..4 {
            let sij: f64 = fits[i].1.iter().zip(&fits[j].1).map(|(a, b)| a * b).sum();
            let sii: f64 = fits[i].1.iter().map(|a| a * a).sum();
            let sjj: f64 = fits[j].1.iter().map(|a| a * a).sum();
            t.correlation[i][j] = if i == j {
                1.0
            } else {
                sij / (sii * sjj).sqrt()
            };
        }
    }
    Ok(t)
}

/// Attribution and method, written beside the table.
pub(crate) fn sources_md(t: &ShockTable) -> String {
    format!(
        "# Shock estimates (`shocks.csv`)\n\n\
Written by `fiscal data shocks` (`src/data/import/shocks.rs`); do not edit by hand.\n\n\
Contains public sector information licensed under the Open Government Licence v3.0.\n\n\
- **Source:** Office for Budget Responsibility, *Historical public finances database*, \
1700-01 to 2022-23: the aggregates (PSNB, PSND, nominal GDP, debt interest, \
`{AGGREGATES}`) and the long-run Retail Prices Index of its CSV export \
(`{EXPORT}`).\n\
- **Sample:** fiscal years {sample} ({n} annual residuals per series).\n\
- **Series:** real growth = nominal GDP growth deflated by RPI inflation; inflation = RPI \
growth; interest rate = debt interest over the previous year's PSND (the effective rate: the \
shared data hold no market gilt-yield series, so this stands in for the market rate and \
understates its volatility); primary balance = debt interest − PSNB, % of GDP.\n\
- **Method:** an AR(1) with an intercept fitted to each series by least squares; `sd_pp` is \
the residual standard deviation (n − 2 degrees of freedom), `persistence` the AR coefficient, \
and the correlations those of the residuals.\n",
        sample = t.sample,
        n = t.observations
    )
}

/// Estimate and write `shocks.csv` and `SOURCES_SHOCKS.md` into `out`.
pub fn write(
    shared: &Path,
    out: &Path,
    first: i32,
    last: i32,
) -> Result<(ShockTable, Vec<PathBuf>), crate::Error> {
    Ok(write_tables(shared, out, first, last)?)
}

fn write_tables(
    shared: &Path,
    out: &Path,
    first: i32,
    last: i32,
) -> Result<(ShockTable, Vec<PathBuf>), ImportError> {
    let t = estimate(shared, first, last)?;
    let mut written = Vec::new();
    for (name, text) in [
        ("shocks.csv", t.to_csv()),
        ("SOURCES_SHOCKS.md", sources_md(&t)),
    ] {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|source| ImportError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok((t, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ar1_recovers_a_known_coefficient() {
        let mut x = vec![1.0];
        let mut state: u64 = 1;
        for k in 1..2000 {
            // A deterministic pseudo-random innovation in [-0.5, 0.5) (an LCG).
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let e = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            x.push(0.6 * x[k - 1] + e);
        }
        let (rho, e) = ar1(&x);
        assert!((rho - 0.6).abs() < 0.05, "{rho}");
        assert_eq!(e.len(), 1999);
    }

    #[test]
    #[ignore = "needs ../shared"]
    fn committed_shocks_match_the_estimator() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let t = estimate(&shared, DEFAULT_FIRST, DEFAULT_LAST).unwrap();
        assert_eq!(t.to_csv(), crate::data::shocks::EMBEDDED);
    }
}
