//! The cohort-component step, following the ONS accounting measured on the
//! 2022-based projection (`docs/demography.md`). For sex `s`, age `a`, year `t`
//! and the open group `A = 105`:
//!
//! ```text
//! D[s,a,t]     = q[s,a,t] · (P[s,a,t] + M[s,a,t]/2)
//! P[s,a+1,t+1] = P[s,a,t] − D[s,a,t] + (M[s,a,t] + M[s,a+1,t]) / 2     a = 0..A−2
//! P[s,A,t+1]   = Σ_{a=A−1,A} (P[s,a,t] − D[s,a,t]) + M[s,A−1,t]/2 + M[s,A,t]
//! B[t]         = Σ_{a=15..46} f[a,t] · (P[F,a,t] + P[F,a,t+1]) / 2
//! P[s,0,t+1]   = B[s,t] − qb[s,t] · B[s,t] + M[s,0,t]/2
//! ```
//!
//! Net migration recorded at age `a` moves half into each of the two cohorts
//! that are aged `a` at some point of the year. A cell that would fall below
//! zero (emigration larger than the people there) is held at zero and the
//! emigration that could not happen is dropped from the recorded migration,
//! so the accounts still add up.

use ndarray::{s, Array1, Array2, Array3};

use super::assumptions::{DemographicAssumptions, FERTILE_MIN_AGE, N_FERTILE_AGES};
use super::error::DemographyError;
use super::lifetable::period_life_expectancy_at_birth;
use super::projection::DemographicProjection;
use crate::data::{MAX_AGE, N_AGES};

/// Project the population from the base year to mid-`last_year`.
pub fn project(
    assumptions: &DemographicAssumptions,
    last_year: i32,
) -> Result<DemographicProjection, DemographyError> {
    assumptions.validate()?;
    if last_year < assumptions.base_year || last_year > assumptions.last_year() {
        return Err(DemographyError::YearRange {
            requested: last_year,
            first: assumptions.base_year,
            last: assumptions.last_year(),
        });
    }
    let n = (last_year - assumptions.base_year) as usize;
    let mut population = Array3::<f64>::zeros((2, N_AGES, n + 1));
    population
        .slice_mut(s![.., .., 0])
        .assign(&assumptions.base_population_persons);
    let mut births = Array2::<f64>::zeros((2, n));
    let mut deaths = Array2::<f64>::zeros((2, n));
    let mut migration = Array2::<f64>::zeros((2, n));
    let mut life_expectancy = Array2::<f64>::zeros((2, n));
    let mut tfr = Array1::<f64>::zeros(n);
    let sr = assumptions.sex_ratio_males_per_female;
    let birth_share = [sr / (1.0 + sr), 1.0 / (1.0 + sr)];
    // Scratch buffer reused every year: the step allocates nothing.
    let mut next = [[0.0; N_AGES]; 2];
    for j in 0..n {
        for (sx, next_s) in next.iter_mut().enumerate() {
            let (d_total, m_total) = survive_year(assumptions, &population, sx, j, next_s);
            deaths[[sx, j]] = d_total;
            migration[[sx, j]] = m_total;
        }
        let b_total = births_in_year(assumptions, &population, &next[1], j);
        for (sx, next_s) in next.iter_mut().enumerate() {
            let b = b_total * birth_share[sx];
            let baby_deaths = assumptions.birth_year_mortality_q[[sx, j]] * b;
            let m0 = assumptions.net_migration_persons[[sx, 0, j]] / 2.0;
            let v = b - baby_deaths + m0;
            next_s[0] = v.max(0.0);
            migration[[sx, j]] -= v.min(0.0);
            births[[sx, j]] = b;
            deaths[[sx, j]] += baby_deaths;
            for a in 0..N_AGES {
                population[[sx, a, j + 1]] = next_s[a];
            }
            life_expectancy[[sx, j]] = period_life_expectancy_at_birth(
                assumptions.birth_year_mortality_q[[sx, j]],
                assumptions.mortality_q.slice(s![sx, .., j]),
            );
        }
        tfr[j] = assumptions.tfr(j);
    }
    Ok(DemographicProjection {
        first_year: assumptions.base_year,
        population_persons: population,
        births_persons: births,
        deaths_persons: deaths,
        net_migration_persons: migration,
        tfr_children_per_woman: tfr,
        life_expectancy_at_birth_years: life_expectancy,
    })
}

/// Age sex `sx` one year from year `j`: fill `next_s` at ages 1 and over
/// (deaths and half the year's migration at each age, the open group
/// joining the two oldest); returns the year's deaths and net migration
/// (less any that would have made an age negative).
fn survive_year(
    assumptions: &DemographicAssumptions,
    population: &Array3<f64>,
    sx: usize,
    j: usize,
    next_s: &mut [f64; N_AGES],
) -> (f64, f64) {
    let mut now = [0.0; N_AGES];
    let mut mig = [0.0; N_AGES];
    for a in 0..N_AGES {
        now[a] = population[[sx, a, j]];
        mig[a] = assumptions.net_migration_persons[[sx, a, j]];
    }
    let mut d_total = 0.0;
    let mut dead = [0.0; N_AGES];
    for a in 0..N_AGES {
        let at_risk = (now[a] + mig[a] / 2.0).max(0.0);
        dead[a] = assumptions.mortality_q[[sx, a, j]] * at_risk;
        d_total += dead[a];
    }
    let mut m_total: f64 = mig.iter().sum();
    for a in 0..MAX_AGE - 1 {
        let v = now[a] - dead[a] + (mig[a] + mig[a + 1]) / 2.0;
        next_s[a + 1] = v.max(0.0);
        m_total -= v.min(0.0);
    }
    let open = now[MAX_AGE - 1] + now[MAX_AGE] - dead[MAX_AGE - 1] - dead[MAX_AGE]
        + mig[MAX_AGE - 1] / 2.0
        + mig[MAX_AGE];
    next_s[MAX_AGE] = open.max(0.0);
    m_total -= open.min(0.0);
    (d_total, m_total)
}

/// Births in year `j`: each fertile age's rate times the women of that age
/// averaged over the year (`next_female`: at its end).
fn births_in_year(
    assumptions: &DemographicAssumptions,
    population: &Array3<f64>,
    next_female: &[f64; N_AGES],
    j: usize,
) -> f64 {
    let mut b_total = 0.0;
    for i in 0..N_FERTILE_AGES {
        let a = FERTILE_MIN_AGE + i;
        let women = (population[[1, a, j]] + next_female[a]) / 2.0;
        b_total += assumptions.fertility_births_per_woman[[i, j]] * women;
    }
    b_total
}
