//! Receipts profiles: income tax, NICs, consumption taxes (evidence in
//! `shared/evidence/profiles/receipts_labour.md`; each step's source is also
//! in `data/SOURCES.md`).
//!
//! **Income tax** (per head, 2022-23), built from current anchors, with the
//! old SPI shape used only where nothing current exists:
//!
//! 1. *Tax on earnings* at each age = employment per head (`participation.csv`
//!    × (1 − LFS unemployment 2024)) × the 2022-23 income tax on a worker's
//!    earnings (ASHE 2023 full-time medians by band, split by sex with the
//!    ASHE 2024 gender pay gap by band; part-time workers (ONS 2013 shares)
//!    on [`PT_HOURS_RATIO`] of full-time pay), under the 2022-23 rUK
//!    schedule ([`income_tax_gbp`]: £12,570 personal allowance, 20 % to
//!    £50,270, 40 % above). Workers over the State Pension age (SPA) pay it
//!    too.
//! 2. *Tax on pension income*: one amount per head from the SPA (66 in
//!    2022-23) on, flat by age (no current evidence on its shape within the
//!    over-SPA ages), split by sex with the 1999-00 SPI shares of 70+
//!    liabilities (male £2.87bn, female £1.62bn; Hansard 14 Feb 2003): the
//!    only place the old SPI table is used, as no current sex split exists.
//! 3. *Anchors*: two numbers are solved exactly (a 2 × 2 linear system,
//!    [`fit_anchors`]) so that, with npp2022 mid-2022 population weights,
//!    the profile reproduces the HMRC SPI 2022-23 shares of liabilities
//!    (£244.1bn): under-30s (16-29) £18.3bn and 70+ £19.1bn. They are the
//!    factor on the tax on earnings of under-30s (ramping to 1 over ages
//!    27-32; it stands for what median pay misses: students, low hours, the
//!    high-earner tail concentrated in mid-life) and the level of the pension
//!    amount. The SPI 2022-23 65+ share (10.9 %, uncertain) is not used: it
//!    is a check, reported in `SOURCES.md`.
//!
//! **NICs** (per head): employment × Class 1 contributions on a worker's
//! earnings (the same earnings as step 1) under the 2025-26 rules
//! ([`nics_per_worker_gbp`]): employee (primary) 8 % between £12,570 and
//! £50,270 and 2 % above, **only below the SPA** (primary Class 1 and the
//! self-employed Classes 2 and 4 stop at SPA; gov.uk); employer (secondary)
//! 15 % above £5,000 at every age, so over the SPA only employer NICs on
//! employees' earnings remain.
//!
//! How the model grows these per-head amounts (with average earnings: no
//! fiscal drag after the medium term) is in `docs/model.md`.

use super::{both, Inputs, Profile, SPA_BASE};
use crate::data::import::evidence::{curve, interp, mid};
use crate::data::import::participation::UNEMP_OLDER;
use crate::data::import::ImportError;
use crate::data::{Sex, N_AGES};

/// Part-time hours relative to full-time (judgement: ~17 of ~38 hours).
pub const PT_HOURS_RATIO: f64 = 0.45;

/// Income tax personal allowance, 2022-23 (and 2023-24), £ a year.
pub const PERSONAL_ALLOWANCE_GBP: f64 = 12_570.0;
/// Higher-rate threshold (allowance + basic-rate band), 2022-23, £ a year.
pub const HIGHER_RATE_THRESHOLD_GBP: f64 = 50_270.0;
/// Basic rate of income tax (rUK, 2022-23).
pub const BASIC_RATE: f64 = 0.20;
/// Higher rate of income tax (rUK, 2022-23).
pub const HIGHER_RATE: f64 = 0.40;

/// Class 1 primary threshold, 2025-26, £ a year.
pub const NICS_PRIMARY_THRESHOLD_GBP: f64 = 12_570.0;
/// Class 1 upper earnings limit, 2025-26, £ a year.
pub const NICS_UPPER_EARNINGS_LIMIT_GBP: f64 = 50_270.0;
/// Employee (primary) Class 1 main rate, 2025-26.
pub const NICS_EMPLOYEE_MAIN_RATE: f64 = 0.08;
/// Employee Class 1 rate above the upper earnings limit, 2025-26.
pub const NICS_EMPLOYEE_UPPER_RATE: f64 = 0.02;
/// Employer (secondary) Class 1 threshold, from April 2025, £ a year.
pub const NICS_SECONDARY_THRESHOLD_GBP: f64 = 5_000.0;
/// Employer (secondary) Class 1 rate, from April 2025.
pub const NICS_EMPLOYER_RATE: f64 = 0.15;

/// Ages over which the under-30 factor ramps back to 1 (step 3).
const YOUNG_RAMP: (f64, f64) = (27.0, 32.0);

const IT_UNIT: &str = "GBP_m_income_tax_liabilities_total";
const IT_YEAR: &str = "2022-23";

/// Income tax on annual earnings `e` (£) under the 2022-23 rUK schedule
/// (employment income only; the allowance taper above £100,000 and the
/// additional rate are never reached by median pay).
pub fn income_tax_gbp(e: f64) -> f64 {
    let basic = (e.min(HIGHER_RATE_THRESHOLD_GBP) - PERSONAL_ALLOWANCE_GBP).max(0.0);
    let higher = (e - HIGHER_RATE_THRESHOLD_GBP).max(0.0);
    BASIC_RATE * basic + HIGHER_RATE * higher
}

/// Employer (secondary) Class 1 NICs on annual earnings `e` (£), 2025-26:
/// due at every age, also over the State Pension age.
pub fn nics_employer_gbp(e: f64) -> f64 {
    NICS_EMPLOYER_RATE * (e - NICS_SECONDARY_THRESHOLD_GBP).max(0.0)
}

/// Employee (primary) Class 1 NICs on annual earnings `e` (£), 2025-26, for
/// a worker under the State Pension age (none is due from it).
pub fn nics_employee_gbp(e: f64) -> f64 {
    let main = (e.min(NICS_UPPER_EARNINGS_LIMIT_GBP) - NICS_PRIMARY_THRESHOLD_GBP).max(0.0);
    let upper = (e - NICS_UPPER_EARNINGS_LIMIT_GBP).max(0.0);
    NICS_EMPLOYEE_MAIN_RATE * main + NICS_EMPLOYEE_UPPER_RATE * upper
}

/// Class 1 NICs (employer + employee) on annual earnings `e` (£), 2025-26
/// rules; the employee part is zero at or over the State Pension age.
pub fn nics_per_worker_gbp(e: f64, over_spa: bool) -> f64 {
    let employee = if over_spa { 0.0 } else { nics_employee_gbp(e) };
    nics_employer_gbp(e) + employee
}

/// Employment and pay by sex and age, shared by income tax and NICs.
#[derive(Debug, Clone)]
pub struct Labour {
    /// Full-time pay per worker (£ a year), knots by age, `[sex]`.
    ft_knots: [Vec<(f64, f64)>; 2],
    /// Share of workers part-time, `[sex]`.
    pt_share: [f64; 2],
    /// Employed persons per head, `[sex][age]`.
    employed: Profile,
}

impl Labour {
    /// Per head at `age`: employment × the mean of `per_worker` over
    /// full-time and part-time pay.
    pub fn per_head(&self, sex: Sex, age: usize, per_worker: impl Fn(f64) -> f64) -> f64 {
        let s = sex as usize;
        let ft = interp(&self.ft_knots[s], age as f64);
        let pt = self.pt_share[s];
        let worker = (1.0 - pt) * per_worker(ft) + pt * per_worker(PT_HOURS_RATIO * ft);
        self.employed[s].get(age).copied().unwrap_or(0.0) * worker
    }
}

/// [`Labour`] from the evidence: ASHE 2023 full-time medians by band (16-17
/// from the 2020/21 median annual ratio to 18-21), split by sex with the
/// ASHE 2024 gender pay gap by band; ONS 2013 part-time shares; employment
/// = participation × (1 − unemployment: LFS 16-24 Sep-Nov 2024, 16-64
/// Aug-Oct 2024, [`UNEMP_OLDER`] from 65).
pub fn labour(inp: &Inputs) -> Result<Labour, ImportError> {
    let earn = inp.ev("labour_earnings_by_age")?;
    let lab = inp.ev("labour_participation")?;
    let ft_unit = "GBP_per_year_FT_median_weekly_x52";
    let bands = [(18, 21), (22, 29), (30, 39), (40, 49), (50, 59), (60, 100)];
    let young = earn.value(16, 17, "all", "GBP_per_year_median_annual", "2020")?
        / earn.value(18, 21, "all", "GBP_per_year_median_annual", "2020")?
        * earn.value(18, 21, "all", ft_unit, "2023")?;
    let gap_unit = "gender_pay_gap_pct_FT_median_hourly_excl_overtime";
    let mut km = vec![(16.5, young)];
    let mut kf = vec![(16.5, young)];
    for (lo, hi) in bands {
        let all = earn.value(lo, hi, "all", ft_unit, "2023")?;
        let g = earn.value(lo, hi, "male_vs_female", gap_unit, "2024")? / 100.0;
        let m = all * 2.0 / (2.0 - g);
        let x = mid(lo, hi, 70);
        km.push((x, m));
        kf.push((x, m * (1.0 - g)));
    }
    let pt = |sex: &str| {
        lab.value(16, 64, sex, "pct_of_employed_working_part_time", "2013")
            .map(|v| v / 100.0)
    };
    let unemp = "unemployment_rate_pct_of_active";
    let u_young = lab.value(16, 24, "all", unemp, "2024 (Sep")? / 100.0;
    let u_prime = lab.value(16, 64, "all", unemp, "2024 (Aug")? / 100.0;
    let mut employed = [[0.0; N_AGES]; 2];
    for (row, part) in employed.iter_mut().zip(inp.participation.iter()) {
        for (a, (x, p)) in row.iter_mut().zip(part.iter()).enumerate().skip(16) {
            let u = match a {
                0..=24 => u_young,
                25..=64 => u_prime,
                _ => UNEMP_OLDER,
            };
            *x = p * (1.0 - u);
        }
    }
    Ok(Labour {
        ft_knots: [km, kf],
        pt_share: [pt("male")?, pt("female")?],
        employed,
    })
}

/// Income tax per head (module docs, steps 1-3) and its part on pension
/// income (step 2), in the same units.
pub fn income_tax(inp: &Inputs) -> Result<(Profile, Profile), ImportError> {
    let lab = labour(inp)?;
    let ev = inp.ev("receipts_income_tax_by_age")?;
    let total = ev.value_all("GBP_m_income_tax_liabilities_total_all_ages", IT_YEAR)?;
    let s30 = ev.value(16, 29, "all", IT_UNIT, IT_YEAR)? / total;
    let s70 = ev.value(70, 100, "all", IT_UNIT, IT_YEAR)? / total;
    let mut earnings = [[0.0; N_AGES]; 2];
    let mut pension = [[0.0; N_AGES]; 2];
    let mut weights = [[0.0; N_AGES]; 2];
    for sex in Sex::ALL {
        let s = sex as usize;
        // 1999-00 70+ liabilities of the sex over its 2022 70+ population.
        let per_head_70 = ev.value(70, 100, sex.name(), IT_UNIT, "1999-00")?
            / inp.pop_band(sex, 70, crate::data::MAX_AGE);
        for a in 0..N_AGES {
            weights[s][a] = inp.pop_band(sex, a, a);
            if a >= 16 {
                earnings[s][a] = lab.per_head(sex, a, income_tax_gbp);
            }
            if a >= SPA_BASE {
                pension[s][a] = per_head_70;
            }
        }
    }
    fit_anchors(&weights, &earnings, &pension, s30, s70)
}

/// Weight of the under-30 factor at `age` (1 to 27, 0 from 32).
fn young_weight(age: usize) -> f64 {
    let (lo, hi) = YOUNG_RAMP;
    ((hi - age as f64) / (hi - lo)).clamp(0.0, 1.0)
}

/// Step 3: `earnings × (k·y + 1 − y) + p × pension`, with `y` the under-30
/// ramp, and `k`, `p` solved so that the `weights`-weighted shares of ages
/// under 30 and 70+ are `s30` and `s70`. Returns the profile and its
/// pension part `p × pension`; errors when no positive solution exists.
pub fn fit_anchors(
    weights: &Profile,
    earnings: &Profile,
    pension: &Profile,
    s30: f64,
    s70: f64,
) -> Result<(Profile, Profile), ImportError> {
    // Sums over ages (y = ramp weight): young k-part and fixed part, all-age
    // k-part and fixed part, pension all ages and 70+, earnings 70+.
    let (mut yk, mut yc, mut ak, mut ac, mut q, mut q70, mut o) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for s in 0..2 {
        for a in 0..N_AGES {
            let (w, y) = (weights[s][a], young_weight(a));
            let (e, p) = (w * earnings[s][a], w * pension[s][a]);
            ak += e * y;
            ac += e * (1.0 - y);
            q += p;
            if a < 30 {
                yk += e * y;
                yc += e * (1.0 - y);
            }
            if a >= 70 {
                o += e;
                q70 += p;
            }
        }
    }
    // young = s30·total and old = s70·total, linear in (k, p).
    let (a11, a12, b1) = (yk - s30 * ak, -s30 * q, s30 * ac - yc);
    let (a21, a22, b2) = (-s70 * ak, q70 - s70 * q, s70 * ac - o);
    let det = a11 * a22 - a12 * a21;
    let k = (b1 * a22 - a12 * b2) / det;
    let p = (a11 * b2 - b1 * a21) / det;
    if !(k.is_finite() && p.is_finite() && k > 0.0 && p >= 0.0) {
        return Err(ImportError::Check {
            table: "profiles.csv".into(),
            message: format!(
                "income_tax: no positive fit to the SPI 2022-23 anchors (under-30 share {s30:.4}, 70+ share {s70:.4}; factor {k}, pension level {p}): check receipts_income_tax_by_age.csv and labour_earnings_by_age.csv"
            ),
        });
    }
    let mut out = [[0.0; N_AGES]; 2];
    let mut part = [[0.0; N_AGES]; 2];
    for s in 0..2 {
        for a in 0..N_AGES {
            let y = young_weight(a);
            part[s][a] = p * pension[s][a];
            out[s][a] = earnings[s][a] * (k * y + 1.0 - y) + part[s][a];
        }
    }
    Ok((out, part))
}

/// NICs per head (module docs): employment × Class 1 on a worker's pay,
/// the employee part only below the SPA (66 in the base year); and the
/// employee part as if every age were under the SPA, in the same units
/// (the model applies each year's SPA with it).
pub fn nics(inp: &Inputs) -> Result<(Profile, Profile), ImportError> {
    let lab = labour(inp)?;
    let mut total = [[0.0; N_AGES]; 2];
    let mut employee = [[0.0; N_AGES]; 2];
    for sex in Sex::ALL {
        let s = sex as usize;
        for a in 16..N_AGES {
            employee[s][a] = lab.per_head(sex, a, nics_employee_gbp);
            total[s][a] = lab.per_head(sex, a, |e| nics_per_worker_gbp(e, a >= SPA_BASE));
        }
    }
    Ok((total, employee))
}

/// Consumption (VAT and duties) per person by age (judgement following
/// receipts_labour.md §6: household consumption per adult equivalent by age
/// of the household reference person peaks at 35-54, 65-74 pay about 60-80 %
/// of the peak, 75+ less; retired households pay a slightly higher share of
/// income in indirect taxes, so the fall is gentle). Children carry
/// consumption at the OECD-modified equivalence weight of a child (0.3)
/// over the average adult weight (0.75), 0.5/0.75 from 14.
pub const CONSUMPTION_KNOTS: &[(f64, f64)] = &[
    (0.0, 0.4),
    (13.0, 0.4),
    (14.0, 0.67),
    (20.0, 0.8),
    (30.0, 0.95),
    (35.0, 1.0),
    (54.0, 1.0),
    (65.0, 0.85),
    (70.0, 0.72),
    (75.0, 0.65),
    (85.0, 0.55),
    (95.0, 0.5),
];

/// Consumption taxes: [`CONSUMPTION_KNOTS`], same for both sexes.
pub fn consumption_taxes() -> Profile {
    both(curve(CONSUMPTION_KNOTS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::evidence::Evidence;
    use crate::data::import::population::Population;
    use crate::data::import::source::SourceCsv;
    use std::path::Path;

    const HEADER: &str = "age_from,age_to,sex,value,unit,year,source\n";

    fn evidence(name: &str, rows: &str) -> (String, Evidence) {
        let text = format!("{HEADER}{rows}");
        let src = SourceCsv::from_text(Path::new(name), &text).unwrap();
        (name.to_string(), Evidence::parse(&src).unwrap())
    }

    /// Synthetic evidence (round numbers, not the shared files) with every
    /// row the income tax and NICs rules read.
    fn fixture() -> (Population, [[f64; N_AGES]; 2], Vec<(String, Evidence)>) {
        let mut persons = ndarray::Array3::zeros((2, N_AGES, 1));
        for s in 0..2 {
            for a in 0..N_AGES {
                // Fewer people at older ages, more men than women young.
                persons[[s, a, 0]] = 1000.0 * (1.0 - a as f64 / 120.0) + (1 - s) as f64 * 50.0;
            }
        }
        let pop = Population {
            first_year: super::super::BASE_YEAR,
            persons,
        };
        let mut part = [[0.0; N_AGES]; 2];
        for row in part.iter_mut() {
            for (a, x) in row.iter_mut().enumerate().skip(16) {
                *x = interp(
                    &[
                        (16.0, 0.5),
                        (25.0, 0.85),
                        (60.0, 0.7),
                        (66.0, 0.3),
                        (90.0, 0.0),
                    ],
                    a as f64,
                );
            }
        }
        let mut earn = String::from(
            "16,17,all,10000,GBP_per_year_median_annual,2020,x\n18,21,all,16000,GBP_per_year_median_annual,2020,x\n",
        );
        for (lo, hi, pay, gap) in [
            (18, 21, 22000, 0.0),
            (22, 29, 30000, 2.0),
            (30, 39, 37000, 5.0),
            (40, 49, 40000, 9.0),
            (50, 59, 38000, 12.0),
            (60, 100, 34000, 13.0),
        ] {
            earn.push_str(&format!(
                "{lo},{hi},all,{pay},GBP_per_year_FT_median_weekly_x52,2023,x\n{lo},{hi},male_vs_female,{gap},gender_pay_gap_pct_FT_median_hourly_excl_overtime,2024,x\n"
            ));
        }
        let lab = "16,64,male,12,pct_of_employed_working_part_time,2013,x\n\
                   16,64,female,42,pct_of_employed_working_part_time,2013,x\n\
                   16,24,all,14.5,unemployment_rate_pct_of_active,2024 (Sep-Nov),x\n\
                   16,64,all,4.4,unemployment_rate_pct_of_active,2024 (Aug-Oct),x\n";
        let it = "16,29,all,18300,GBP_m_income_tax_liabilities_total,2022-23,x\n\
                  70,100,all,19100,GBP_m_income_tax_liabilities_total,2022-23,x\n\
                  ,,all,244100,GBP_m_income_tax_liabilities_total_all_ages,2022-23,x\n\
                  70,100,male,2870,GBP_m_income_tax_liabilities_total,1999-00,x\n\
                  70,100,female,1620,GBP_m_income_tax_liabilities_total,1999-00,x\n";
        let ev = vec![
            evidence("labour_earnings_by_age", &earn),
            evidence("labour_participation", lab),
            evidence("receipts_income_tax_by_age", it),
        ];
        (pop, part, ev)
    }

    fn share(pop: &Population, p: &Profile, lo: usize, hi: usize) -> f64 {
        let sum = |lo: usize, hi: usize| -> f64 {
            Sex::ALL
                .iter()
                .flat_map(|s| (lo..=hi).map(move |a| (*s, a)))
                .map(|(s, a)| p[s as usize][a] * pop.get(s, a, super::super::BASE_YEAR))
                .sum()
        };
        sum(lo, hi) / sum(0, N_AGES - 1)
    }

    #[test]
    fn schedules_follow_the_2022_23_and_2025_26_rules() {
        assert_eq!(income_tax_gbp(12_570.0), 0.0);
        assert!((income_tax_gbp(20_000.0) - 1_486.0).abs() < 1e-9);
        // 20 % of 37,700 plus 40 % of 9,730.
        assert!((income_tax_gbp(60_000.0) - 11_432.0).abs() < 1e-9);
        // Employer 15 % of 25,000; employee 8 % of 17,430.
        assert!((nics_per_worker_gbp(30_000.0, true) - 3_750.0).abs() < 1e-9);
        assert!((nics_per_worker_gbp(30_000.0, false) - 5_144.4).abs() < 1e-9);
        // Employee 2 % above the upper earnings limit.
        assert!((nics_employee_gbp(60_000.0) - (0.08 * 37_700.0 + 0.02 * 9_730.0)).abs() < 1e-9);
    }

    #[test]
    fn income_tax_profile_reproduces_the_2022_23_anchors() {
        let (pop, part, ev) = fixture();
        let inp = Inputs {
            pop: &pop,
            participation: &part,
            evidence: ev.into_iter().collect(),
        };
        let (it, pension) = income_tax(&inp).unwrap();
        assert!((share(&pop, &it, 0, 29) - 18_300.0 / 244_100.0).abs() < 1e-12);
        assert!((share(&pop, &it, 70, N_AGES - 1) - 19_100.0 / 244_100.0).abs() < 1e-12);
        for sex in Sex::ALL {
            let s = sex as usize;
            // Nothing below 16; the pension part starts at the SPA, flat.
            assert_eq!(it[s][15], 0.0);
            assert_eq!(pension[s][SPA_BASE - 1], 0.0);
            assert!(pension[s][SPA_BASE] > 0.0);
            assert_eq!(pension[s][SPA_BASE], pension[s][90]);
            // Between the ramp and the SPA: employment × tax on pay, unscaled.
            let lab = labour(&inp).unwrap();
            let at = |a| lab.per_head(sex, a, income_tax_gbp);
            assert!((it[s][45] / it[s][35] - at(45) / at(35)).abs() < 1e-12);
        }
        // Men's pension amount over women's: the 1999-00 70+ per-head ratio.
        let per_head = |sex: Sex, m: f64| m / pop.band(sex, 70, crate::data::MAX_AGE, 2022);
        let ratio = per_head(Sex::Male, 2870.0) / per_head(Sex::Female, 1620.0);
        assert!((pension[0][80] / pension[1][80] - ratio).abs() < 1e-9);
    }

    #[test]
    fn anchors_that_need_negative_pension_tax_are_an_error() {
        let w = [[1.0; N_AGES]; 2];
        let mut earnings = [[0.0; N_AGES]; 2];
        let mut pension = [[0.0; N_AGES]; 2];
        for s in 0..2 {
            for a in 16..N_AGES {
                let over_spa = a >= 66;
                earnings[s][a] = if over_spa { 0.1 } else { 1.0 };
                pension[s][a] = if over_spa { 1.0 } else { 0.0 };
            }
        }
        assert!(fit_anchors(&w, &earnings, &pension, 0.1, 0.2).is_ok());
        // Tax on earnings alone at 70+ is over 1 % of the total: no solution.
        let err = fit_anchors(&w, &earnings, &pension, 0.1, 0.01).unwrap_err();
        assert!(err.to_string().contains("income_tax"), "{err}");
    }

    #[test]
    fn employee_nics_stop_at_the_state_pension_age() {
        let (pop, part, ev) = fixture();
        let inp = Inputs {
            pop: &pop,
            participation: &part,
            evidence: ev.into_iter().collect(),
        };
        let (total, employee) = nics(&inp).unwrap();
        let lab = labour(&inp).unwrap();
        for sex in Sex::ALL {
            let s = sex as usize;
            for a in 16..N_AGES {
                let employer = lab.per_head(sex, a, nics_employer_gbp);
                if a >= SPA_BASE {
                    // Over the SPA: the employer's contributions only.
                    assert!((total[s][a] - employer).abs() < 1e-9, "age {a}");
                } else {
                    assert!(
                        (total[s][a] - employer - employee[s][a]).abs() < 1e-9,
                        "age {a}"
                    );
                }
            }
            // People over the SPA still in work would pay employee NICs
            // under it: the part the model adds when the SPA rises.
            assert!(employee[s][SPA_BASE] > 0.0);
            assert!(total[s][SPA_BASE] < total[s][SPA_BASE - 1]);
        }
    }
}
