//! Intervention results: a terminal summary and `interventions.csv` (one row
//! per intervention, or the package, and year).

use std::fmt::Write;

use super::csv::{num, safe_text};
use crate::model::interventions::{Effect, InterventionResults};

fn effects(r: &InterventionResults) -> impl Iterator<Item = &Effect> {
    r.interventions.iter().chain(std::iter::once(&r.package))
}

/// A table: one row per intervention and the package.
pub fn summary(r: &InterventionResults) -> String {
    let mut out = String::new();
    let last = r
        .package
        .years
        .last()
        .map(|y| y.year.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Interventions (expected values against the same scenario without them)"
    );
    let _ = writeln!(
        out,
        "{:<36} {:>11} {:>12} {:>10} {:>13} {:>14}",
        "",
        "NPV £bn",
        "net % GDP",
        "breakeven",
        "interest £bn",
        format!("PSND pp {last}")
    );
    for e in effects(r) {
        let net_final = e.years.last().map_or(0.0, |y| y.net_saving_pct_gdp);
        let name: String = e.name.chars().take(36).collect();
        let _ = writeln!(
            out,
            "{:<36} {:>11.1} {:>12.3} {:>10} {:>13.1} {:>+14.1}",
            name,
            e.npv_gbp_bn,
            net_final,
            e.breakeven_year
                .map_or_else(|| "never".to_string(), |y| y.to_string()),
            e.interest_saved_gbp_bn,
            e.final_psnd_change_pp_gdp
        );
    }
    let _ = writeln!(out, "NPV at Green Book rates (3.5 % to 30 years, then 3.0 %), base-year prices; net % GDP in {last}; interest saved over the horizon.");
    out
}

/// Every intervention's path as CSV.
pub fn csv(r: &InterventionResults) -> String {
    let mut s = String::from(
        "intervention,year,take_up_share,gross_saving_gbp_bn,realised_saving_gbp_bn,cost_gbp_bn,net_saving_gbp_bn,net_saving_pct_gdp,cumulative_net_saving_gbp_bn,interest_change_gbp_bn,psnd_change_gbp_bn,psnd_change_pp_gdp\n",
    );
    for e in effects(r) {
        let name = safe_text(&e.name).replace('"', "\"\"");
        for y in &e.years {
            let _ = writeln!(
                s,
                "\"{name}\",{},{},{},{},{},{},{},{},{},{},{}",
                y.year,
                num(y.take_up_share),
                num(y.gross_saving_gbp_bn),
                num(y.realised_saving_gbp_bn),
                num(y.cost_gbp_bn),
                num(y.net_saving_gbp_bn),
                num(y.net_saving_pct_gdp),
                num(y.cumulative_net_saving_gbp_bn),
                num(y.interest_change_gbp_bn),
                num(y.psnd_change_gbp_bn),
                num(y.psnd_change_pp_gdp)
            );
        }
    }
    s
}
