//! The population summary: a terminal table of key years and
//! `population.csv` with every year.

use std::fmt::Write;

use super::csv::num;
use crate::model::demography::SummaryRow;

fn opt(v: Option<f64>, scale: f64, decimals: usize) -> String {
    v.map_or_else(
        || "-".to_string(),
        |x| format!("{:.*}", decimals, x / scale),
    )
}

/// Key years (every `every` years and the last) as a table.
pub fn table(name: &str, rows: &[SummaryRow], every: i32) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name}: population, thousands unless stated");
    let _ = writeln!(
        out,
        "{:>6} {:>9} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8} {:>5} {:>6} {:>6} {:>6} {:>6}",
        "year",
        "total",
        "0-15",
        "16-64",
        "65+",
        "births",
        "deaths",
        "net mig",
        "TFR",
        "e0 M",
        "e0 F",
        "SPA",
        "OADR"
    );
    let first = rows.first().map_or(0, |r| r.year);
    let last = rows.last().map_or(0, |r| r.year);
    for r in rows
        .iter()
        .filter(|r| (r.year - first) % every.max(1) == 0 || r.year == last)
    {
        let _ = writeln!(
            out,
            "{:>6} {:>9.0} {:>8.0} {:>8.0} {:>8.0} {:>7} {:>7} {:>8} {:>5} {:>6} {:>6} {:>6.2} {:>6.0}",
            r.year,
            r.population_persons / 1e3,
            r.aged_0_15_persons / 1e3,
            r.aged_16_64_persons / 1e3,
            r.aged_65_plus_persons / 1e3,
            opt(r.births_persons, 1e3, 0),
            opt(r.deaths_persons, 1e3, 0),
            opt(r.net_migration_persons, 1e3, 0),
            opt(r.tfr_children_per_woman, 1.0, 2),
            opt(r.life_expectancy_at_birth_male_years, 1.0, 1),
            opt(r.life_expectancy_at_birth_female_years, 1.0, 1),
            r.state_pension_age_years,
            r.old_age_dependency_ratio_per_1000
        );
    }
    let _ = writeln!(out, "Years are mid-years; flows run to the next mid-year. OADR: people at or over State Pension age per 1,000 aged 16 to SPA.");
    out
}

/// Every year as CSV.
pub fn csv(rows: &[SummaryRow]) -> String {
    let mut s = String::from(
        "year,population_persons,aged_0_15_persons,aged_16_64_persons,aged_65_plus_persons,state_pension_age_years,working_age_persons,pension_age_persons,old_age_dependency_ratio_per_1000,births_persons,deaths_persons,net_migration_persons,tfr_children_per_woman,life_expectancy_at_birth_male_years,life_expectancy_at_birth_female_years\n",
    );
    let o = |v: Option<f64>| v.map(num).unwrap_or_default();
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            r.year,
            num(r.population_persons),
            num(r.aged_0_15_persons),
            num(r.aged_16_64_persons),
            num(r.aged_65_plus_persons),
            num(r.state_pension_age_years),
            num(r.working_age_persons),
            num(r.pension_age_persons),
            num(r.old_age_dependency_ratio_per_1000),
            o(r.births_persons),
            o(r.deaths_persons),
            o(r.net_migration_persons),
            o(r.tfr_children_per_woman),
            o(r.life_expectancy_at_birth_male_years),
            o(r.life_expectancy_at_birth_female_years)
        );
    }
    s
}
