//! Build a scenario in code, run it next to the baseline and print how the
//! debt path differs.
//!
//! Run with `cargo run --example custom_scenario`.

use fiscal::model::project;
use fiscal::scenario::Scenario;

fn main() -> anyhow::Result<()> {
    let baseline = Scenario::default_scenario()?;
    let data = baseline.dataset()?;

    // A variant: faster productivity growth and health cost pressures that
    // fade by 2050.
    let mut variant = baseline.assumptions.clone();
    variant.name = "Faster productivity, fading health pressures".into();
    variant.economy.productivity_growth_pct = 2.0;
    variant.spending.health_other_cost_pressures_end_pp = 0.0;
    variant.spending.health_other_cost_pressures_taper_years = 20;
    let problems = fiscal::model::validate::check(&variant);
    anyhow::ensure!(problems.is_empty(), "invalid assumptions: {problems:?}");

    let base = project(&baseline.assumptions, &data)?;
    let alt = project(&variant, &data)?;
    println!(
        "{:<9} {:>14} {:>14} {:>10}",
        "year", "baseline PSND", "variant PSND", "change"
    );
    for (b, v) in base
        .years
        .iter()
        .zip(&alt.years)
        .filter(|(b, _)| b.year.0 % 10 == 5)
    {
        println!(
            "{:<9} {:>13.1}% {:>13.1}% {:>+9.1}pp",
            b.year.to_string(),
            b.psnd_pct_gdp,
            v.psnd_pct_gdp,
            v.psnd_pct_gdp - b.psnd_pct_gdp
        );
    }
    Ok(())
}
