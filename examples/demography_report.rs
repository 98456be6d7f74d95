//! Print the reproduction of the ONS 2022-based principal, the principal's
//! summary by decade and the variant presets' 2072 effects (the numbers in
//! `docs/demography.md`): `cargo run --release --example demography_report`.

use fiscal::data::Sex;
use fiscal::model::demography::{
    reproduce_npp2022, Demography, PopulationProjection, PopulationSettings, VariantPreset,
};

/// Persons of both sexes aged `lo..=hi` in 2072.
fn group(p: &PopulationProjection, lo: usize, hi: usize) -> f64 {
    (lo..=hi)
        .flat_map(|a| Sex::ALL.map(|s| p.persons(s, a, 2072).unwrap_or(0.0)))
        .sum()
}

fn main() -> anyhow::Result<()> {
    let r = reproduce_npp2022()?;
    println!(
        "max |total error| to 2072 {:.5} %, to 2122 {:.5} %; worst cell (ages 0-100) to 2072 {:.4} %, to 2122 {:.4} %",
        r.max_total_error_pct,
        r.max_total_error_pct_full_horizon,
        r.max_cell_error_pct,
        r.max_cell_error_pct_full_horizon
    );
    println!("item\tyear\tpublished\tours\tdifference\tdifference_pct");
    for row in r
        .rows
        .iter()
        .filter(|r| r.item != "UK total" || r.year % 10 == 2)
    {
        println!(
            "{}\t{}\t{:.0}\t{:.1}\t{:.1}\t{:.5}",
            row.item, row.year, row.published, row.ours, row.difference, row.difference_pct
        );
    }
    let engine = Demography::principal()?;
    let pt = engine.project(None, 2072)?;
    println!("variant\ttotal_pct\tage65plus_pct\tage0_15_pct\tage85plus_pct\te0_male_2071\te0_female_2071");
    for v in VariantPreset::ALL {
        let s = PopulationSettings {
            variant: Some(v),
            ..Default::default()
        };
        let q = engine.project(Some(&s), 2072)?;
        let pct = |lo, hi| 100.0 * (group(&q, lo, hi) / group(&pt, lo, hi) - 1.0);
        println!(
            "{v:?}\t{:+.2}\t{:+.2}\t{:+.2}\t{:+.2}\t{:.2}\t{:.2}",
            pct(0, 105),
            pct(65, 105),
            pct(0, 15),
            pct(85, 105),
            q.life_expectancy_at_birth_years(Sex::Male, 2071)
                .unwrap_or(f64::NAN),
            q.life_expectancy_at_birth_years(Sex::Female, 2071)
                .unwrap_or(f64::NAN)
        );
    }
    Ok(())
}
