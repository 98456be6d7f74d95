//! Receipts profiles: income tax, NICs, consumption taxes (sources in
//! `receipts_labour.md`).

use super::{both, Inputs, Profile, SPA_BASE};
use crate::data::import::evidence::{curve, interp, mid};
use crate::data::import::participation::UNEMP_OLDER;
use crate::data::import::ImportError;
use crate::data::{Sex, MAX_AGE, N_AGES};

/// Income tax liabilities per head: HMRC SPI 1999-00 liabilities by 10-year
/// band and sex (Hansard, 14 Feb 2003) divided by the npp2022 mid-2022
/// population of the band (16-19 for the under-20 band), interpolated
/// between band mid-points (70+ placed at 77, flat beyond; zero below 16).
/// The profile has since shifted older (receipts_labour.md §4), so ages
/// under 30 and 70+ are rescaled (ramps over 27-32 and 67-72) until their
/// shares of liabilities, with 2022 population weights, equal the 2022-23
/// SPI aggregates (under-30s £18.3bn, 70+ £19.1bn of £244.1bn).
pub fn income_tax(inp: &Inputs) -> Result<Profile, ImportError> {
    let ev = inp.ev("receipts_income_tax_by_age")?;
    let unit = "GBP_m_income_tax_liabilities_total";
    let bands = [
        (0, 19),
        (20, 29),
        (30, 39),
        (40, 49),
        (50, 59),
        (60, 69),
        (70, 100),
    ];
    let mut p = [[0.0; N_AGES]; 2];
    for sex in Sex::ALL {
        let mut knots = vec![(15.0, 0.0)];
        for (lo, hi) in bands {
            let liab = ev.value(lo, hi, sex.name(), unit, "1999-00")?;
            let lo_p = lo.max(16);
            let per_head = liab / inp.pop_band(sex, lo_p, hi.min(MAX_AGE));
            knots.push((if hi >= 100 { 77.0 } else { mid(lo_p, hi, hi) }, per_head));
        }
        p[sex as usize] = curve(&knots);
    }
    let total_2022 = ev.value_all("GBP_m_income_tax_liabilities_total_all_ages", "2022-23")?;
    let s70 = ev.value(70, 100, "all", unit, "2022-23")? / total_2022;
    let s30 = ev.value(16, 29, "all", unit, "2022-23")? / total_2022;
    let (mut k30, mut k70) = (1.0, 1.0);
    let mut out = p;
    for _ in 0..100 {
        let ramp = [(27.0, k30), (32.0, 1.0), (67.0, 1.0), (72.0, k70)];
        let (mut young, mut old, mut all) = (0.0, 0.0, 0.0);
        for sex in Sex::ALL {
            for a in 0..N_AGES {
                let v = p[sex as usize][a] * interp(&ramp, a as f64);
                out[sex as usize][a] = v;
                let x = v * inp.pop_band(sex, a, a);
                all += x;
                if a < 30 {
                    young += x;
                }
                if a >= 70 {
                    old += x;
                }
            }
        }
        if all <= 0.0 || young <= 0.0 || old <= 0.0 {
            break;
        }
        k30 *= s30 / (young / all);
        k70 *= s70 / (old / all);
    }
    Ok(out)
}

/// Employer share of Class 1 NICs receipts (HMRC rates 2025-26: employer
/// 15 %, employee main rate 8 %; thresholds differ, so about 60 %).
pub const EMPLOYER_SHARE: f64 = 0.6;

/// Part-time hours relative to full-time (judgement: ~17 of ~38 hours).
pub const PT_HOURS_RATIO: f64 = 0.45;

/// NICs per head: employment (participation × (1 − unemployment)) ×
/// earnings per worker × (employer share + employee share below SPA):
/// employee Class 1/2 stop at SPA, employer NICs continue (gov.uk).
/// Earnings: ASHE 2023 full-time medians by band (16-17 from the median
/// annual ratio to 18-21), split by sex with the 2024 gender pay gap by
/// band, reduced for part-time work (ONS 2013 part-time shares by sex).
pub fn nics(inp: &Inputs) -> Result<Profile, ImportError> {
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
    let adj = [
        1.0 - pt("male")? * (1.0 - PT_HOURS_RATIO),
        1.0 - pt("female")? * (1.0 - PT_HOURS_RATIO),
    ];
    let u_young = lab.value(
        16,
        24,
        "all",
        "unemployment_rate_pct_of_active",
        "2024 (Sep",
    )? / 100.0;
    let u_prime = lab.value(
        16,
        64,
        "all",
        "unemployment_rate_pct_of_active",
        "2024 (Aug",
    )? / 100.0;
    let mut p = [[0.0; N_AGES]; 2];
    for sex in Sex::ALL {
        let s = sex as usize;
        let knots = if sex == Sex::Male { &km } else { &kf };
        for (a, x) in p[s].iter_mut().enumerate().skip(16) {
            let u = match a {
                0..=24 => u_young,
                25..=64 => u_prime,
                _ => UNEMP_OLDER,
            };
            let employed = inp.participation[s][a] * (1.0 - u);
            let share = if a < SPA_BASE { 1.0 } else { EMPLOYER_SHARE };
            *x = employed * interp(knots, a as f64) * adj[s] * share;
        }
    }
    Ok(p)
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
