//! What each recipient gets, by sex and birth cohort: the pre-2016 scheme's
//! basic and additional pensions, the new State Pension up to its full rate
//! (drifting towards it as contracted-out deductions are filled) and its
//! protected payments. Amounts are £ a week at 2025-26 rates.

/// Birth dates (as fractional years) before which people reached State
/// Pension age before 6 April 2016 and stay on the pre-2016 scheme: men born
/// before 6 April 1951, women before 6 April 1953 (Pensions Act 2014, s.4).
pub const LEGACY_BORN_BEFORE: [f64; 2] = [1951.26, 1953.26];
/// 6 April 2016, the start of the new State Pension, as a fractional year.
pub const NEW_SCHEME_FROM: f64 = 2016.26;
/// Full basic State Pension, 2025-26, £ a week (£169.50 in 2024-25 uprated
/// by 4.1 %: Social Security Benefits Up-rating Order 2025).
pub const BASIC_FULL_GBP_PER_WEEK: f64 = 176.45;
/// Full new State Pension, 2025-26, £ a week (£221.20 in 2024-25 uprated by
/// 4.1 %: Social Security Benefits Up-rating Order 2025).
pub const NEW_FULL_GBP_PER_WEEK: f64 = 230.25;
/// Average award of pre-2016 (legacy) recipients, men and women, £ a week
/// (DWP benefit statistics, August 2025, published February 2026).
pub const LEGACY_AVERAGE_GBP_PER_WEEK: [f64; 2] = [225.04, 194.94];
/// Average new State Pension award, men and women, £ a week (DWP, August
/// 2025: women £214.41; men from the February 2022 men/women ratio
/// 170.49/165.45).
pub const NEW_AVERAGE_GBP_PER_WEEK: [f64; 2] = [214.41 * 170.49 / 165.45, 214.41];
/// Mean year in which the August 2025 new-scheme caseload reached State
/// Pension age (April 2016 to August 2025, weighted to the later, larger
/// cohorts): the cohorts the averages describe.
pub const OBSERVED_COHORTS_REACHED_SPA: f64 = 2021.0;
/// Share of the new-scheme shortfall below the full rate that is from
/// contracting out and is filled by post-2016 qualifying years: 49 % of
/// new State Pension recipients get less than the full rate against 25 %
/// of basic State Pension recipients, whose shortfall is incomplete
/// records only (May 2023, written answer HL1478, 24 January 2024), so
/// (49 − 25) / 49.
pub const CONTRACTED_OUT_SHARE_OF_SHORTFALL: f64 = (49.0 - 25.0) / 49.0;
/// Qualifying years for the full new State Pension (Pensions Act 2014, s.4).
pub const FULL_RATE_YEARS: f64 = 35.0;
/// Protected payment of the first new-scheme cohorts, share of the full
/// rate (judgement: DWP says protected payments are "much larger" at the
/// start; no amount by cohort is published).
pub const PROTECTED_PAYMENT_FIRST_COHORTS_SHARE: f64 = 0.015;
/// Protected payment of cohorts reaching State Pension age from 2040,
/// share of the full rate: DWP's PENSIM2 projection has about 5 % of people
/// reaching State Pension age in 2017-2060 with one, median £6 a week in
/// 2012-13 earnings terms against a £144 single tier (written answer,
/// 25 February 2013), 0.05 × 6 / 144.
pub const PROTECTED_PAYMENT_LONG_RUN_SHARE: f64 = 0.05 * 6.0 / 144.0;
/// Year of reaching State Pension age from which protected payments are at
/// their long-run share (straight line from 2016).
pub const PROTECTED_PAYMENT_LONG_RUN_FROM: f64 = 2040.0;

/// Protected payment of the cohort reaching State Pension age in `reached`,
/// share of the full new State Pension rate.
pub fn protected_payment_share(reached: f64) -> f64 {
    let x = ((reached - NEW_SCHEME_FROM) / (PROTECTED_PAYMENT_LONG_RUN_FROM - NEW_SCHEME_FROM))
        .clamp(0.0, 1.0);
    PROTECTED_PAYMENT_FIRST_COHORTS_SHARE
        + (PROTECTED_PAYMENT_LONG_RUN_SHARE - PROTECTED_PAYMENT_FIRST_COHORTS_SHARE) * x
}

/// New State Pension up to the full rate of the cohort of sex `s` reaching
/// State Pension age in `reached`, share of the full rate: the observed
/// average less its protected payment, with the contracted-out part of the
/// shortfall filled at 1/35 a post-2016 year.
pub fn new_scheme_flat_share(s: usize, reached: f64) -> f64 {
    let observed = NEW_AVERAGE_GBP_PER_WEEK.get(s).copied().unwrap_or(0.0) / NEW_FULL_GBP_PER_WEEK
        - protected_payment_share(OBSERVED_COHORTS_REACHED_SPA);
    let shortfall = (1.0 - observed).max(0.0);
    let years_then = OBSERVED_COHORTS_REACHED_SPA - NEW_SCHEME_FROM;
    let years = (reached - NEW_SCHEME_FROM).clamp(years_then, FULL_RATE_YEARS);
    let left = (FULL_RATE_YEARS - years) / (FULL_RATE_YEARS - years_then);
    let contracted_out = CONTRACTED_OUT_SHARE_OF_SHORTFALL * shortfall * left;
    1.0 - (1.0 - CONTRACTED_OUT_SHARE_OF_SHORTFALL) * shortfall - contracted_out
}

/// Triple-locked and CPI-linked amounts (£ a week, 2025-26) of a recipient
/// of sex `s` (0 male, 1 female) aged `age` at mid-`year`, when the State
/// Pension age is `spa_years` (which dates the cohort's reaching it).
pub fn amounts_gbp_per_week(s: usize, age: usize, year: i32, spa_years: f64) -> (f64, f64) {
    // Two sexes; anything else is read as female (the arrays' last entry).
    let s = s.min(1);
    // Born in the year to mid-`year − age`; the share born before the cutoff.
    let born_from = f64::from(year) - age as f64 - 0.5;
    let legacy = (LEGACY_BORN_BEFORE.get(s).copied().unwrap_or(0.0) - born_from).clamp(0.0, 1.0);
    let legacy_earnings = (LEGACY_AVERAGE_GBP_PER_WEEK.get(s).copied().unwrap_or(0.0)
        - BASIC_FULL_GBP_PER_WEEK)
        .max(0.0);
    let reached = born_from + 0.5 + spa_years;
    let new_flat = NEW_FULL_GBP_PER_WEEK * new_scheme_flat_share(s, reached);
    let protected = NEW_FULL_GBP_PER_WEEK * protected_payment_share(reached);
    let triple = legacy * BASIC_FULL_GBP_PER_WEEK + (1.0 - legacy) * new_flat;
    (
        triple,
        legacy * legacy_earnings + (1.0 - legacy) * protected,
    )
}
