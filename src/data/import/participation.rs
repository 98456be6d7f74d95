//! Labour-market participation by sex and single year of age (base year,
//! State Pension age 66), derived from the band evidence in
//! `evidence/profiles/labour_participation.csv` by a deterministic rule:
//!
//! 1. Persons: participation band means (16-24, 25-34, 35-49, 50-64 from LFS
//!    inactivity rates; 66-69, 70-74 and 75+ from DWP employment rates,
//!    divided by 1 - `UNEMP_OLDER`) are matched by a piecewise-linear curve
//!    with one knot at each band mid-point, fitted so that each band's
//!    population-weighted mean equals its input (fixed-point iteration).
//!    Fixed knots: 0 at age 15 (nobody below 16 is counted), the DWP
//!    age-65 rate of 2024 at 65 (after the SPA rise to 66), and 0 at 95.
//! 2. Sex: the persons curve is split with the female/male employment ratio
//!    rho(a) (ONS LFS, via WBG and DWP): male = P·2/(1+rho), female = P·2rho/(1+rho).

use super::evidence::{interp, Evidence};
use super::population::Population;
use super::ImportError;
use crate::data::{Sex, N_AGES};

/// Unemployment rate assumed among older workers to turn employment rates
/// into participation rates (judgement: LFS unemployment at 50+ is ~3%).
pub const UNEMP_OLDER: f64 = 0.03;

/// Mid-year whose population weights the band means (npp2022 base year).
pub const WEIGHT_YEAR: i32 = 2022;

/// Participation `[sex][age]`, fractions 0..1.
pub type Participation = [[f64; N_AGES]; 2];

/// A band target: ages lo..=hi, participation mean, knot age.
#[derive(Debug, Clone, Copy)]
struct Band {
    lo: usize,
    hi: usize,
    target: f64,
    knot: f64,
}

/// Derive participation from the evidence file.
pub fn derive(ev: &Evidence, pop: &Population) -> Result<Participation, ImportError> {
    let bands = band_targets(ev, pop)?;
    let at65 = employment_rate(ev, 65, 65, "2024")? / (1.0 - UNEMP_OLDER);
    let k = fit_knots(&bands, at65, pop);
    let rho = female_male_ratios(ev)?;
    Ok(by_sex(&k, &rho))
}

/// An employment rate from the evidence, as a fraction.
fn employment_rate(ev: &Evidence, lo: usize, hi: usize, year: &str) -> Result<f64, ImportError> {
    ev.value(lo, hi, "all", "employment_rate_pct", year)
        .map(|v| v / 100.0)
}

/// The participation rate each age band must average: one less the
/// inactivity rate below State Pension age, the employment rate grossed
/// up for unemployment above it.
fn band_targets(ev: &Evidence, pop: &Population) -> Result<[Band; 7], ImportError> {
    let inact = |lo, hi, year| {
        ev.value(lo, hi, "all", "inactivity_rate_pct", year)
            .map(|v| 1.0 - v / 100.0)
    };
    let emp = |lo, hi, year| employment_rate(ev, lo, hi, year);
    let at65_2014 = emp(65, 65, "2014")?;
    let e65_69 = emp(65, 69, "2017")?;
    let e70_74 = emp(70, 74, "2017")?;
    let e65plus = emp(65, 100, "2015 (Apr")?;
    let w = |lo, hi| pop.band_persons(lo, hi, WEIGHT_YEAR);
    // 66-69: the 2017 band (SPA then 65) less its age-65 part, using the 2014
    // single-age rate (before the SPA rise) for that part.
    let e66_69 = (e65_69 * w(65, 69) - at65_2014 * w(65, 65)) / w(66, 69);
    // 75+: what the 65+ rate leaves after 65-69 and 70-74 (population weights).
    let e75plus =
        ((e65plus * w(65, 105) - e65_69 * w(65, 69) - e70_74 * w(70, 74)) / w(75, 105)).max(0.0);
    Ok([
        Band {
            lo: 16,
            hi: 24,
            target: inact(16, 24, "2024 (Sep")?,
            knot: 20.0,
        },
        Band {
            lo: 25,
            hi: 34,
            target: inact(25, 34, "2025 (Q1)")?,
            knot: 29.5,
        },
        Band {
            lo: 35,
            hi: 49,
            target: inact(35, 49, "2025 (Q1)")?,
            knot: 42.0,
        },
        Band {
            lo: 50,
            hi: 64,
            target: inact(50, 64, "2024 (Apr")?,
            knot: 57.0,
        },
        Band {
            lo: 66,
            hi: 69,
            target: e66_69 / (1.0 - UNEMP_OLDER),
            knot: 67.5,
        },
        Band {
            lo: 70,
            hi: 74,
            target: e70_74 / (1.0 - UNEMP_OLDER),
            knot: 72.0,
        },
        Band {
            lo: 75,
            hi: 105,
            target: e75plus / (1.0 - UNEMP_OLDER),
            knot: 80.0,
        },
    ])
}

/// Knots of the participation curve by age: fixed at 15, 65 (`at65`) and
/// 95, and at each band's knot the value that makes the population-weighted
/// band average meet its target (fixed-point iteration).
fn fit_knots(bands: &[Band], at65: f64, pop: &Population) -> Vec<(f64, f64)> {
    let w = |lo, hi| pop.band_persons(lo, hi, WEIGHT_YEAR);
    let fixed = [(15.0, 0.0), (65.0, at65), (95.0, 0.0)];
    let mut free: Vec<f64> = bands.iter().map(|b| b.target).collect();
    let knots_of = |free: &[f64]| {
        let mut k: Vec<(f64, f64)> = fixed.to_vec();
        k.extend(bands.iter().zip(free).map(|(b, v)| (b.knot, *v)));
        k.sort_by(|a, b| a.0.total_cmp(&b.0));
        k
    };
    for _ in 0..500 {
        let k = knots_of(&free);
        for (b, v) in bands.iter().zip(free.iter_mut()) {
            let (mut num, mut den) = (0.0, 0.0);
            for a in b.lo..=b.hi {
                let p = w(a, a);
                num += p * interp(&k, a as f64);
                den += p;
            }
            if num > 0.0 {
                *v = (*v * b.target * den / num).clamp(0.0, 1.0);
            }
        }
    }
    knots_of(&free)
}

/// Female/male employment ratios by age (knots at band mid-points).
fn female_male_ratios(ev: &Evidence) -> Result<[(f64, f64); 4], ImportError> {
    let ratio = |lo, hi, year| -> Result<f64, ImportError> {
        Ok(ev.value(lo, hi, "female", "employment_rate_pct", year)?
            / ev.value(lo, hi, "male", "employment_rate_pct", year)?)
    };
    let rho_16_64 = ratio(16, 64, "2023")?;
    Ok([
        (20.0, rho_16_64),
        (29.5, rho_16_64),
        (42.0, ratio(35, 49, "2023")?),
        (62.0, ratio(60, 64, "2020")?),
    ])
}

/// Split the participation curve `k` between the sexes by the
/// female/male ratios `rho`, keeping the average.
fn by_sex(k: &[(f64, f64)], rho: &[(f64, f64)]) -> Participation {
    let mut out = [[0.0; N_AGES]; 2];
    let [male, female] = &mut out;
    for (a, (m, f)) in male.iter_mut().zip(female.iter_mut()).enumerate().skip(16) {
        let p = interp(k, a as f64).clamp(0.0, 1.0);
        let r = interp(rho, a as f64);
        *m = (p * 2.0 / (1.0 + r)).min(1.0);
        *f = (p * 2.0 * r / (1.0 + r)).min(1.0);
    }
    out
}

/// The output table `sex,age,participation_rate`.
pub fn to_csv(p: &Participation) -> (String, usize) {
    let mut out = String::from("sex,age,participation_rate\n");
    for sex in Sex::ALL {
        for (a, v) in p[sex as usize].iter().enumerate() {
            out.push_str(&format!(
                "{},{a},{}\n",
                sex.name(),
                super::source::fmt_num(*v)
            ));
        }
    }
    (out, 2 * N_AGES)
}
