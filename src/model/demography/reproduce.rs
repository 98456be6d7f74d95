//! Reproduction of the ONS 2022-based UK principal projection from the rates
//! the importer derived: the check that the engine does what ONS does.

use serde::Serialize;

use super::embedded::{principal_assumptions, ready_projection};
use super::engine::project;
use super::error::DemographyError;
use crate::data::Sex;

/// Last year of the reproduction tolerance checks (50 years, as the OBR horizon).
pub const REPRODUCTION_CHECK_LAST_YEAR: i32 = 2072;
/// Highest age whose single-year cells are checked (older cells hold a few
/// hundred people each, where rounding dominates).
pub const REPRODUCTION_CHECK_MAX_AGE: usize = 100;

/// One compared quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReproductionRow {
    /// What is compared, e.g. `UK total` or `female aged 87`.
    pub item: String,
    /// Calendar mid-year.
    pub year: i32,
    /// ONS published, persons.
    pub published: f64,
    /// This engine, persons.
    pub ours: f64,
    /// ours − published, persons.
    pub difference: f64,
    /// (ours − published) / published, per cent.
    pub difference_pct: f64,
}

/// The comparison: UK totals every year and the worst single-year cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReproductionReport {
    /// UK totals for every year, then the worst cells (ages ≤ 100, years ≤ 2072).
    pub rows: Vec<ReproductionRow>,
    /// Largest |total error| to 2072, per cent.
    pub max_total_error_pct: f64,
    /// Largest |cell error| (ages ≤ 100, years ≤ 2072), per cent.
    pub max_cell_error_pct: f64,
    /// Largest |total error| over the whole horizon (to 2122), per cent.
    pub max_total_error_pct_full_horizon: f64,
    /// Largest |cell error| (ages ≤ 100) over the whole horizon, per cent.
    pub max_cell_error_pct_full_horizon: f64,
}

fn row(item: String, year: i32, published: f64, ours: f64) -> ReproductionRow {
    let difference = ours - published;
    let difference_pct = if published != 0.0 {
        100.0 * difference / published
    } else {
        0.0
    };
    ReproductionRow {
        item,
        year,
        published,
        ours,
        difference,
        difference_pct,
    }
}

/// Project the embedded principal assumptions and compare with the embedded
/// ONS published population, listing the `n_worst` worst cells.
pub fn reproduce_npp2022_with(n_worst: usize) -> Result<ReproductionReport, DemographyError> {
    let a = principal_assumptions()?;
    let published = ready_projection("npp2022")?;
    let last = published.last_year().min(a.last_year());
    let p = project(&a, last)?;
    let mut rows = Vec::new();
    let (mut max_total, mut max_total_full) = (0.0f64, 0.0f64);
    for year in a.base_year..=last {
        let (pubd, ours) = (
            published.total(year).unwrap_or(0.0),
            p.total(year).unwrap_or(0.0),
        );
        let r = row("UK total".into(), year, pubd, ours);
        max_total_full = max_total_full.max(r.difference_pct.abs());
        if year <= REPRODUCTION_CHECK_LAST_YEAR {
            max_total = max_total.max(r.difference_pct.abs());
        }
        rows.push(r);
    }
    let mut cells = Vec::new();
    let mut max_cell_full = 0.0f64;
    for year in a.base_year..=last {
        let j = (year - a.base_year) as usize;
        for sex in Sex::ALL {
            for age in 0..=REPRODUCTION_CHECK_MAX_AGE {
                let pubd = published.get(sex, age, year).unwrap_or(0.0);
                let ours = p.population_persons[[sex as usize, age, j]];
                let r = row(format!("{} aged {age}", sex.name()), year, pubd, ours);
                max_cell_full = max_cell_full.max(r.difference_pct.abs());
                if year <= REPRODUCTION_CHECK_LAST_YEAR {
                    cells.push(r);
                }
            }
        }
    }
    cells.sort_by(|x, y| y.difference_pct.abs().total_cmp(&x.difference_pct.abs()));
    let max_cell = cells.first().map(|r| r.difference_pct.abs()).unwrap_or(0.0);
    rows.extend(cells.into_iter().take(n_worst));
    Ok(ReproductionReport {
        rows,
        max_total_error_pct: max_total,
        max_cell_error_pct: max_cell,
        max_total_error_pct_full_horizon: max_total_full,
        max_cell_error_pct_full_horizon: max_cell_full,
    })
}

/// [`reproduce_npp2022_with`] listing the ten worst cells.
pub fn reproduce_npp2022() -> Result<ReproductionReport, DemographyError> {
    reproduce_npp2022_with(10)
}
