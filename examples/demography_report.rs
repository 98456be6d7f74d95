//! Print the reproduction of the ONS 2022-based principal, the principal's
//! summary by decade and the variant presets' 2072 effects (the numbers in
//! `docs/demography.md`): `cargo run --release --example demography_report`.

use fiscal::model::demography::*;
fn main() {
    let r = reproduce_npp2022().unwrap();
    println!(
        "max total {:.5}% cell {:.4}% full {:.5} {:.4}",
        r.max_total_error_pct,
        r.max_cell_error_pct,
        r.max_total_error_pct_full_horizon,
        r.max_cell_error_pct_full_horizon
    );
    for row in r
        .rows
        .iter()
        .filter(|r| r.item != "UK total" || r.year % 10 == 2)
    {
        println!("{:?}", row);
    }
    let a = principal_assumptions().unwrap();
    let p = project(&a, 2122).unwrap();
    for row in p
        .summary(&SpaPath::legislated())
        .iter()
        .filter(|r| r.year % 10 == 2)
    {
        println!(
            "{} tot {:.0} b {:?} d {:?} m {:?} tfr {:?} e0 {:?} {:?} oadr {:.0}",
            row.year,
            row.population_persons,
            row.births_persons,
            row.deaths_persons,
            row.net_migration_persons,
            row.tfr_children_per_woman,
            row.life_expectancy_at_birth_male_years,
            row.life_expectancy_at_birth_female_years,
            row.old_age_dependency_ratio_per_1000
        );
    }
    let base = p.total(2072).unwrap();
    for v in VariantPreset::ALL {
        let s = PopulationSettings {
            variant: Some(v),
            ..Default::default()
        };
        let q = project(&s.apply(&a).unwrap(), 2072).unwrap();
        let t = q.to_population_table("x");
        let sumr = |lo: usize, hi: usize, pp: &fiscal::data::PopulationTable| -> f64 {
            (lo..=hi)
                .map(|ag| {
                    pp.get(fiscal::data::Sex::Male, ag, 2072).unwrap()
                        + pp.get(fiscal::data::Sex::Female, ag, 2072).unwrap()
                })
                .sum()
        };
        let pt = p.to_population_table("p");
        println!(
            "{:?}: 2072 tot {:+.2}% 65+ {:+.2}% <16 {:+.2}% 85+ {:+.2}% e0 2071 {:.2}/{:.2}",
            v,
            100.0 * (q.total(2072).unwrap() / base - 1.0),
            100.0 * (sumr(65, 105, &t) / sumr(65, 105, &pt) - 1.0),
            100.0 * (sumr(0, 15, &t) / sumr(0, 15, &pt) - 1.0),
            100.0 * (sumr(85, 105, &t) / sumr(85, 105, &pt) - 1.0),
            q.life_expectancy_at_birth_years[[0, 49]],
            q.life_expectancy_at_birth_years[[1, 49]]
        );
    }
}
