//! The population summary: a terminal table of key years and
//! `population.csv` with every year.

use std::fmt::Write;

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
    let header: Vec<String> = s.trim_end().split(',').map(String::from).collect();
    let cell = |k: usize, v: Option<f64>| {
        let name = header.get(k).map_or("", String::as_str);
        v.map(|v| super::units::format(name, v)).unwrap_or_default()
    };
    for r in rows {
        let values = [
            Some(r.population_persons),
            Some(r.aged_0_15_persons),
            Some(r.aged_16_64_persons),
            Some(r.aged_65_plus_persons),
            Some(r.state_pension_age_years),
            Some(r.working_age_persons),
            Some(r.pension_age_persons),
            Some(r.old_age_dependency_ratio_per_1000),
            r.births_persons,
            r.deaths_persons,
            r.net_migration_persons,
            r.tfr_children_per_woman,
            r.life_expectancy_at_birth_male_years,
            r.life_expectancy_at_birth_female_years,
        ];
        let _ = write!(s, "{}", r.year);
        for (k, v) in values.into_iter().enumerate() {
            let _ = write!(s, ",{}", cell(k + 1, v));
        }
        s.push('\n');
    }
    s
}
