//! The ONS 2024-based principal projection, rebuilt from its published
//! assumptions with the cohort-component engine (only its UK totals are in
//! the shared data: `data::npp2024`).
//!
//! The 2024-based assumptions keep the shape of the 2022-based ones (the
//! embedded rates: fertility by mother's age, mortality by sex and age and
//! its improvement over time, migration by sex and age) and take their
//! levels from the 2024-based publication, year by year (`t` the year
//! ending mid-`t`, projection year `j` from mid-`2024 + j`, using the
//! 2022-based rates of the same calendar year, index `j + 2`):
//!
//! ```text
//! f24[a, j] = f22[a, j+2] · TFR24[t] / TFR22[j+2]
//! q24[s, a, j] = min(1, k[s, j] · q22[s, a, j+2])     k[s, j]: period e0 of sex s = e0_24[s, t]
//! M24[s, a, j] = M22[s, a, j+2] · NM24[t] / Σ M22[·, ·, j+2]
//! ```
//!
//! with `k` found by bisection (the same life-table as the engine reports)
//! and, after the last published year (2075), the 2075 TFR, migration and
//! mortality factors held on the 2022-based rates (which keep improving).
//!
//! The base is the ONS mid-2023 estimate by age (90+ split as the ONS
//! 2022-based projection splits its mid-2023 population at 90 and over)
//! carried one year to mid-2024 with the 2022-based rates of that year,
//! fertility and mortality scaled to the mid-year estimates' births and
//! deaths in the year to mid-2024 and net migration to the 2024-based
//! projection's mid-2024 total (69,281,437): the mid-2024 estimate by age
//! is not in the shared data. See docs/demography.md.

use std::sync::{Arc, OnceLock};

use ndarray::{s, Array2, Array3};

use super::assumptions::DemographicAssumptions;
use super::embedded::principal_assumptions_ref;
use super::engine::project;
use super::error::DemographyError;
use super::lifetable::period_life_expectancy_at_birth_of;
use crate::data::npp2024::{parse_mye, Npp2024Totals, MYE_LAST_SINGLE_AGE};
use crate::data::{MAX_AGE, N_AGES};

const TOTALS: &str = include_str!("../../../data/demography/npp2024_principal_totals.csv");
const MYE: &str = include_str!("../../../data/demography/mye_mid2023.csv");

/// Base mid-year of the 2024-based projection.
pub const BASE_YEAR: i32 = 2024;
/// Last year the 2024-based publication covers; its assumptions are held after.
pub const LAST_PUBLISHED_YEAR: i32 = 2075;

/// The 2024-based totals (embedded).
pub fn totals() -> Result<Npp2024Totals, DemographyError> {
    Ok(Npp2024Totals::parse(
        "embedded:data/demography/npp2024_principal_totals.csv",
        TOTALS,
    )?)
}

/// The 2024-based principal assumptions, built once per process.
pub fn principal_2024() -> Result<&'static DemographicAssumptions, DemographyError> {
    principal_2024_shared().map(|a| &**a)
}

/// [`principal_2024`], shared (a scenario that changes none of them uses
/// them as they are).
pub fn principal_2024_shared() -> Result<&'static Arc<DemographicAssumptions>, DemographyError> {
    static BUILT: OnceLock<Result<Arc<DemographicAssumptions>, String>> = OnceLock::new();
    BUILT
        .get_or_init(|| build().map(Arc::new).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| DemographyError::Settings(e.clone()))
}

/// Build the assumptions (see the module docs).
fn build() -> Result<DemographicAssumptions, DemographyError> {
    let p22 = principal_assumptions_ref()?;
    let t = totals()?;
    let offset = (BASE_YEAR - p22.base_year) as usize;
    let n = p22.n_years() - offset;
    let mut a = DemographicAssumptions {
        base_year: BASE_YEAR,
        base_population_persons: base_mid_2024(p22, &t)?,
        fertility_births_per_woman: p22
            .fertility_births_per_woman
            .slice(s![.., offset..])
            .to_owned(),
        mortality_q: p22.mortality_q.slice(s![.., .., offset..]).to_owned(),
        birth_year_mortality_q: p22
            .birth_year_mortality_q
            .slice(s![.., offset..])
            .to_owned(),
        net_migration_persons: p22
            .net_migration_persons
            .slice(s![.., .., offset..])
            .to_owned(),
        sex_ratio_males_per_female: p22.sex_ratio_males_per_female,
    };
    let label = |j: usize| (BASE_YEAR + 1 + j as i32).min(LAST_PUBLISHED_YEAR);
    for j in 0..n {
        let y = label(j);
        let f = t.get("tfr", y)? / a.tfr(j);
        a.fertility_births_per_woman
            .column_mut(j)
            .mapv_inplace(|v| v * f);
        let m = t.get("net_migration", y)? / a.net_migration_total(j);
        a.net_migration_persons
            .slice_mut(s![.., .., j])
            .mapv_inplace(|v| v * m);
    }
    // Mortality: the factor solved for each published year, held after.
    let mut k_last = [1.0; 2];
    for j in 0..n {
        for (sx, key) in ["e0_male", "e0_female"].iter().enumerate() {
            let y = BASE_YEAR + 1 + j as i32;
            let k = if y <= LAST_PUBLISHED_YEAR {
                let target = t.get(key, y)?;
                let kk = factor_for_e0(&a, sx, j, target);
                k_last[sx] = kk;
                kk
            } else {
                k_last[sx]
            };
            scale_mortality(&mut a.mortality_q, &mut a.birth_year_mortality_q, sx, j, k);
        }
    }
    a.validate()?;
    Ok(a)
}

fn scale_mortality(q: &mut Array3<f64>, qb: &mut Array2<f64>, sx: usize, j: usize, k: f64) {
    q.slice_mut(s![sx, .., j])
        .mapv_inplace(|v| (v * k).min(1.0));
    qb[[sx, j]] = (qb[[sx, j]] * k).min(1.0);
}

/// Period e0 of sex `sx` in year `j` with the rates scaled by `k`.
fn e0_scaled(a: &DemographicAssumptions, sx: usize, j: usize, k: f64) -> f64 {
    let q = a.mortality_q.slice(s![sx, .., j]);
    let qb = (a.birth_year_mortality_q[[sx, j]] * k).min(1.0);
    period_life_expectancy_at_birth_of(qb, |age| (q[age] * k).min(1.0))
}

/// The factor on year `j`'s rates of sex `sx` that gives period e0 `target`
/// (bisection: e0 falls as the factor rises). At most 100 halvings; it
/// stops once one leaves the bracket as it was, as every later one would
/// (the same midpoint, the same answer): the bracket is then two adjacent
/// doubles or one, after about 55.
///
/// Most of those halvings are far from the answer, where the comparison's
/// outcome is known: [`known_outcomes`] finds a narrow window that holds
/// it, and only midpoints inside are evaluated. The comparisons, and so
/// the answer, are the plain bisection's to the bit (tested), with about
/// half the life tables.
fn factor_for_e0(a: &DemographicAssumptions, sx: usize, j: usize, target: f64) -> f64 {
    let e0 = |k: f64| e0_scaled(a, sx, j, k);
    bisect_for_e0(&e0, target, known_outcomes(&e0, target))
}

/// No factor's outcome known: every midpoint evaluated.
const NO_WINDOW: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);

/// The bisection of [`factor_for_e0`] over [0.2, 5], evaluating `e0` only
/// at midpoints inside `window` (outside it the outcome is known, see
/// [`known_outcomes`]).
fn bisect_for_e0(e0: &impl Fn(f64) -> f64, target: f64, window: (f64, f64)) -> f64 {
    let (above_below, below_from) = window;
    let (mut lo, mut hi) = (0.2_f64, 5.0_f64);
    for _ in 0..100 {
        let before = (lo, hi);
        let mid = 0.5 * (lo + hi);
        let above = if mid <= above_below {
            true
        } else if mid >= below_from {
            false
        } else {
            e0(mid) > target
        };
        if above {
            lo = mid;
        } else {
            hi = mid;
        }
        if (lo, hi) == before {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// A window `(lo, hi)` of factors outside which the bisection's comparison
/// `e0(k) > target` is known: true at and below `lo`, false at and above
/// `hi`; `(−∞, ∞)` (evaluate everything) if the window cannot be shown.
///
/// A few secant steps estimate the factor; the window is 1e-11 of it
/// either side. Both ends are evaluated, and the window is used only if e0
/// clears the target there by 1e-11 years or more: far more than the
/// rounding in a life table (about 1e-13 of a sum near 80), so that e0 at
/// any factor beyond an end, which is mathematically further from the
/// target, cannot round back across it.
fn known_outcomes(e0: &impl Fn(f64) -> f64, target: f64) -> (f64, f64) {
    const CLEAR_YEARS: f64 = 1e-11;
    let (mut k0, mut g0) = (1.0, e0(1.0) - target);
    let mut k1 = 1.01;
    for _ in 0..12 {
        let g1 = e0(k1) - target;
        if g1 == g0 || !g1.is_finite() {
            break;
        }
        let k2 = (k1 - g1 * (k1 - k0) / (g1 - g0)).clamp(0.2, 5.0);
        (k0, g0, k1) = (k1, g1, k2);
        if (k1 - k0).abs() <= 1e-13 * k1 {
            break;
        }
    }
    let half_width = 1e-11 * k1;
    let (lo, hi) = (k1 - half_width, k1 + half_width);
    if e0(lo) - target >= CLEAR_YEARS && target - e0(hi) >= CLEAR_YEARS {
        (lo, hi)
    } else {
        NO_WINDOW
    }
}

/// The mid-2024 base: the mid-2023 estimate (90+ split) carried one year.
fn base_mid_2024(
    p22: &DemographicAssumptions,
    t: &Npp2024Totals,
) -> Result<Array2<f64>, DemographyError> {
    let mye = parse_mye("embedded:data/demography/mye_mid2023.csv", MYE)?;
    // The same table as the ready projection `npp2022`, parsed once.
    let npp22 = &crate::data::Dataset::embedded_ref()?.population;
    let j23 = (2023 - npp22.first_year) as usize;
    let mut base = Array2::<f64>::zeros((2, N_AGES));
    for sx in 0..2 {
        for a in 0..=MYE_LAST_SINGLE_AGE {
            base[[sx, a]] = mye[sx][a];
        }
        let old: f64 = (MYE_LAST_SINGLE_AGE + 1..=MAX_AGE)
            .map(|a| npp22.persons[[sx, a, j23]])
            .sum();
        for a in MYE_LAST_SINGLE_AGE + 1..=MAX_AGE {
            base[[sx, a]] = mye[sx][MYE_LAST_SINGLE_AGE + 1] * npp22.persons[[sx, a, j23]] / old;
        }
    }
    let j = (2023 - p22.base_year) as usize;
    let mut year = DemographicAssumptions {
        base_year: 2023,
        base_population_persons: base,
        fertility_births_per_woman: p22
            .fertility_births_per_woman
            .slice(s![.., j..=j])
            .to_owned(),
        mortality_q: p22.mortality_q.slice(s![.., .., j..=j]).to_owned(),
        birth_year_mortality_q: p22.birth_year_mortality_q.slice(s![.., j..=j]).to_owned(),
        net_migration_persons: p22
            .net_migration_persons
            .slice(s![.., .., j..=j])
            .to_owned(),
        sex_ratio_males_per_female: p22.sex_ratio_males_per_female,
    };
    let (births, deaths, total) = (
        t.get("mye_births", BASE_YEAR)?,
        t.get("mye_deaths", BASE_YEAR)?,
        t.get("population", BASE_YEAR)?,
    );
    // Births, deaths and the total depend on each other only through the
    // few migrants of the year: a few fixed-point passes settle them.
    for _ in 0..30 {
        let p = project(&year, BASE_YEAR)?;
        let (b, d) = (p.births_persons.sum(), p.deaths_persons.sum());
        let tot = p.total(BASE_YEAR).unwrap_or(total);
        year.fertility_births_per_woman
            .mapv_inplace(|v| v * births / b);
        let k = deaths / d;
        year.mortality_q.mapv_inplace(|v| (v * k).min(1.0));
        year.birth_year_mortality_q
            .mapv_inplace(|v| (v * k).min(1.0));
        let m = year.net_migration_persons.sum();
        let scale = (m + (total - tot)) / m;
        year.net_migration_persons.mapv_inplace(|v| v * scale);
    }
    let p = project(&year, BASE_YEAR)?;
    Ok(p.population_persons.slice(s![.., .., 1]).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windowed bisection gives the plain one's factor to the bit, for
    /// the published targets and for targets far from them (where the
    /// window may not be shown and every midpoint is evaluated).
    #[test]
    fn the_window_changes_no_factor() {
        let p22 = principal_assumptions_ref().unwrap();
        let t = totals().unwrap();
        let mut windows = 0;
        for j in [0usize, 1, 10, 30, 50] {
            for (sx, key) in ["e0_male", "e0_female"].iter().enumerate() {
                let published = t.get(key, BASE_YEAR + 1 + j as i32).unwrap();
                for target in [published, published - 7.3, published + 4.1, 20.0, 130.0] {
                    let jj = j + 2;
                    let e0 = |k: f64| e0_scaled(p22, sx, jj, k);
                    let plain = bisect_for_e0(&e0, target, NO_WINDOW);
                    assert_eq!(
                        factor_for_e0(p22, sx, jj, target).to_bits(),
                        plain.to_bits(),
                        "year {j}, sex {sx}, target {target}"
                    );
                    let (lo, hi) = known_outcomes(&e0, target);
                    windows += usize::from(lo.is_finite() && hi.is_finite());
                }
            }
        }
        // The published targets (and those near them) found their window.
        assert!(windows >= 20, "{windows}");
    }
}
