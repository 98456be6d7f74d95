//! Intervention results: a terminal summary and `interventions.csv` (one row
//! per intervention, or the package, and year).

use std::fmt::Write;

use super::csv::{num, safe_text};
use crate::model::interventions::probabilistic::{Draw, Percentiles, Summary};
use crate::model::interventions::switching::SwitchingValues;
use crate::model::interventions::{Effect, Grade, InterventionResults};
use crate::years::FiscalYear;

fn effects(r: &InterventionResults) -> impl Iterator<Item = &Effect> {
    r.interventions.iter().chain(std::iter::once(&r.package))
}

fn grade(g: Option<Grade>) -> &'static str {
    g.map_or("?", Grade::letter)
}

/// A table: one row per intervention and the package, then the package's
/// debt effect under each assumption about its savings.
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
        "Interventions (expected values: p × success + (1 − p) × failure, against the same scenario without them)"
    );
    let _ = writeln!(
        out,
        "{:<36} {:>5} {:>10} {:>10} {:>10} {:>10} {:>12} {:>14}",
        "",
        "grade",
        "Exch. NPV",
        "Soc. NPV",
        "net % GDP",
        "breakeven",
        "interest PV",
        format!("PSND pp {last}")
    );
    for e in effects(r) {
        let net_final = e.years.last().map_or(0.0, |y| y.net_saving_pct_gdp);
        let name: String = e.name.chars().take(36).collect();
        let _ = writeln!(
            out,
            "{:<36} {:>5} {:>10.1} {:>10.1} {:>10.3} {:>10} {:>12.1} {:>+14.2}",
            name,
            grade(e.evidence_grade),
            e.exchequer_npv_gbp_bn,
            e.social_npv_gbp_bn,
            net_final,
            e.breakeven_year
                .map_or_else(|| "never".to_string(), |y| y.to_string()),
            e.interest_saved_pv_gbp_bn,
            e.final_psnd_change_pp_gdp
        );
    }
    let _ = writeln!(out, "NPVs £bn at Green Book rates (3.5 % to 30 years, then 3.0 %), base-year prices: Exchequer (retained savings less costs) and social (every benefit less costs and services lost); net % GDP in {last}; interest saved £bn, present value at the effective interest rate. Grade: the weakest evidence behind the saving (C confirmed, U uncertain or derived, J our judgement, ? ungraded).");
    retention_lines(&mut out, r, &last);
    for w in &r.warnings {
        let _ = writeln!(out, "Note: {w}");
    }
    out
}

/// The package's debt effect with its stated retention next to the
/// other assumptions about its savings.
fn retention_lines(out: &mut String, r: &InterventionResults, last: &str) {
    let c = &r.retention_cases;
    let _ = writeln!(
        out,
        "\nThe package's effect on {last} PSND (pp of GDP) and Exchequer NPV (£bn), by what happens to its savings:"
    );
    for case in [
        &c.stated,
        &c.budgets_cut_to_match,
        &c.savings_recycled,
        &c.budgets_cut_savings_do_not_arrive,
    ] {
        let lost = if case.services_lost_pv_gbp_bn.abs() > 0.05 {
            format!(
                "  (services lost, PV £{:.1}bn)",
                case.services_lost_pv_gbp_bn
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:<48} {:>+8.2} pp {:>10.1}{lost}",
            case.label, case.final_psnd_change_pp_gdp, case.exchequer_npv_gbp_bn
        );
    }
}

/// Every intervention's path as CSV.
pub fn csv(r: &InterventionResults) -> String {
    let mut s = String::from(
        "intervention,evidence_grade,year,take_up_share,gross_saving_gbp_bn,realised_saving_gbp_bn,exchequer_saving_gbp_bn,recycled_gbp_bn,service_shortfall_gbp_bn,social_benefit_gbp_bn,cost_gbp_bn,exit_cost_gbp_bn,net_saving_gbp_bn,net_saving_pct_gdp,cumulative_net_saving_gbp_bn,interest_change_gbp_bn,psnd_change_gbp_bn,psnd_change_pp_gdp\n",
    );
    for e in effects(r) {
        let name = safe_text(&e.name).replace('"', "\"\"");
        let g = grade(e.evidence_grade);
        for y in &e.years {
            let _ = writeln!(
                s,
                "\"{name}\",{g},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                y.year,
                num(y.take_up_share),
                num(y.gross_saving_gbp_bn),
                num(y.realised_saving_gbp_bn),
                num(y.exchequer_saving_gbp_bn),
                num(y.recycled_gbp_bn),
                num(y.service_shortfall_gbp_bn),
                num(y.social_benefit_gbp_bn),
                num(y.cost_gbp_bn),
                num(y.exit_cost_gbp_bn),
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

/// The probabilistic appraisal of a package, for `fiscal interventions`.
#[derive(Debug, Clone, Copy)]
pub struct Distribution<'a> {
    /// Scenario name.
    pub scenario: &'a str,
    /// The expected-value appraisal (the named case).
    pub expected: &'a InterventionResults,
    /// Percentiles over the paths.
    pub summary: &'a Summary,
    /// Every path.
    pub draws: &'a [Draw],
    /// An extra year for the payback probability.
    pub payback_by: Option<FiscalYear>,
    /// Whether the scenario has distributions (otherwise paths differ only
    /// in which programmes succeed).
    pub uncertain: bool,
    /// The scenario's assumptions (for the table of what carries each saving).
    pub assumptions: Option<&'a crate::model::Assumptions>,
    /// Switching values, when computed.
    pub switching: Option<&'a SwitchingValues>,
}

fn pct_row(out: &mut String, label: &str, p: Option<&Percentiles>, scale: f64, decimals: usize) {
    let Some(p) = p else {
        let _ = writeln!(out, "{label:<34} {:>9}", "n/a");
        return;
    };
    let _ = writeln!(
        out,
        "{label:<34} {:>9.d$} {:>9.d$} {:>9.d$} {:>9.d$} {:>9.d$} {:>9.d$}",
        scale * p.p5,
        scale * p.p25,
        scale * p.p50,
        scale * p.p75,
        scale * p.p95,
        scale * p.mean,
        d = decimals
    );
}

fn year_or_never(y: Option<FiscalYear>) -> String {
    y.map_or_else(|| "never".to_string(), |y| y.to_string())
}

impl Distribution<'_> {
    /// The payback years reported: each decade from the first and the
    /// horizon, and the one asked for.
    fn payback_years(&self) -> Vec<(FiscalYear, f64)> {
        let all = &self.summary.payback_by;
        let mut out: Vec<(FiscalYear, f64)> = all
            .iter()
            .enumerate()
            .filter(|(k, _)| k % 10 == 0 || *k + 1 == all.len())
            .map(|(_, v)| *v)
            .skip(1)
            .collect();
        if let Some(y) = self.payback_by {
            if let Some(v) = all.iter().find(|(x, _)| *x == y) {
                if !out.contains(v) {
                    out.push(*v);
                    out.sort_by_key(|v| v.0);
                }
            }
        }
        out
    }

    /// The terminal report: the expected-value appraisal with its NPVs by
    /// horizon, the assumptions that carry each saving, the switching
    /// values, then the distribution over paths.
    pub fn table(&self) -> String {
        let mut out = summary(self.expected);
        out.push_str(&super::appraisal::horizons_table(self.expected));
        if let Some(a) = self.assumptions {
            out.push_str(&super::appraisal::assumptions_table(a));
        }
        let last = self
            .expected
            .package
            .years
            .last()
            .map(|y| y.year.to_string())
            .unwrap_or_default();
        if let Some(sv) = self.switching {
            out.push_str(&super::appraisal::switching_table(sv, &last));
        }
        let s = self.summary;
        if s.paths == 0 {
            return out;
        }
        let _ = writeln!(
            out,
            "\n{}: {} probabilistic paths, seed {}{}",
            self.scenario,
            s.paths,
            s.seed,
            if self.uncertain {
                ""
            } else {
                " (no [intervention.uncertainty] tables: paths differ only in which programmes succeed)"
            }
        );
        self.headline(&mut out, &last);
        let _ = writeln!(
            out,
            "{:<34} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "", "5th", "25th", "median", "75th", "95th", "mean"
        );
        self.percentile_rows(&mut out);
        self.payback_lines(&mut out);
        self.carrier_lines(&mut out, &last);
        let _ = writeln!(out, "Each path draws every uncertain field (with the scenario's rank correlations) and whether each programme succeeds; a failed programme pays its costs until its stop point and saves nothing.");
        out
    }

    /// The one headline: the mean effect on final debt with its 90 % range.
    fn headline(&self, out: &mut String, last: &str) {
        let Some(p) = &self.summary.final_psnd_change_pp_gdp else {
            return;
        };
        let _ = writeln!(
            out,
            "Headline: the package changes {last} PSND by {:+.1} pp of GDP on average (90 % range {:+.1} to {:+.1} pp); the named case gives {:+.1} pp.",
            p.mean, p.p5, p.p95, self.expected.package.final_psnd_change_pp_gdp
        );
        if let Some((at_means, _)) = self.summary.at_means {
            let _ = writeln!(
                out,
                "With every uncertain field at its distribution's mean instead of its point value the named case gives {at_means:+.1} pp: the rest of the gap to the mean over paths is the interplay of uncertain fields (products, caps, correlations)."
            );
        }
    }

    /// What carries the result: the mean effect where each intervention
    /// succeeds and where it fails.
    fn carrier_lines(&self, out: &mut String, last: &str) {
        let c = &self.summary.carriers;
        if c.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "What carries it: mean change in {last} PSND (pp) on the paths where each intervention succeeds and where it fails"
        );
        for x in c {
            let f = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{v:+.2}"));
            let name: String = x.name.chars().take(44).collect();
            let _ = writeln!(
                out,
                "  {name:<44} succeeds on {:>3.0} % of paths: {:>7} if it succeeds, {:>7} if it fails",
                100.0 * x.success_share,
                f(x.psnd_change_if_success_pp_gdp),
                f(x.psnd_change_if_failure_pp_gdp)
            );
        }
    }

    /// The outcomes' percentiles over paths, a row each.
    fn percentile_rows(&self, out: &mut String) {
        let s = self.summary;
        let last = s
            .psnd_change_fan_pp_gdp
            .last()
            .map(|(y, _)| y.to_string())
            .unwrap_or_default();
        pct_row(
            out,
            "Exchequer NPV, £bn",
            s.exchequer_npv_gbp_bn.as_ref(),
            1.0,
            1,
        );
        pct_row(out, "Social NPV, £bn", s.social_npv_gbp_bn.as_ref(), 1.0, 1);
        pct_row(
            out,
            &format!("Change in PSND {last}, pp GDP"),
            s.final_psnd_change_pp_gdp.as_ref(),
            1.0,
            2,
        );
        pct_row(
            out,
            "Interest saved (PV), £bn",
            s.interest_saved_pv_gbp_bn.as_ref(),
            1.0,
            1,
        );
        pct_row(
            out,
            "Share of fiscal gap closed, %",
            s.gap_share_closed.as_ref(),
            100.0,
            1,
        );
    }

    /// The breakeven years and the chance of paying back by each year asked.
    fn payback_lines(&self, out: &mut String) {
        let s = self.summary;
        let [b5, b50, b95] = s.breakeven_year;
        let _ = writeln!(
            out,
            "{:<34} {:>9} {:>19} {:>19}",
            "Breakeven year (5th/median/95th)",
            year_or_never(b5),
            year_or_never(b50),
            year_or_never(b95)
        );
        let paid: Vec<String> = self
            .payback_years()
            .iter()
            .map(|(y, p)| format!("{y} {:.0} %", 100.0 * p))
            .collect();
        let _ = writeln!(
            out,
            "Probability the package has paid back by: {}",
            paid.join(", ")
        );
    }

    /// One row per path.
    pub fn csv(&self) -> String {
        let mut s = String::from("path,exchequer_npv_gbp_bn,social_npv_gbp_bn,final_psnd_change_pp_gdp,interest_saved_pv_gbp_bn,breakeven_year,gap_share_closed,successes,succeeded\n");
        for (n, d) in self.draws.iter().enumerate() {
            let _ = writeln!(
                s,
                "{n},{},{},{},{},{},{},{},{}",
                num(d.exchequer_npv_gbp_bn),
                num(d.social_npv_gbp_bn),
                num(d.final_psnd_change_pp_gdp),
                num(d.interest_saved_pv_gbp_bn),
                d.breakeven_year.map(|y| y.to_string()).unwrap_or_default(),
                d.gap_share_closed.map(num).unwrap_or_default(),
                d.successes(),
                d.succeeded
                    .iter()
                    .map(|x| if *x { '1' } else { '0' })
                    .collect::<String>()
            );
        }
        s
    }

    /// Everything as JSON in the common envelope: the expected-value
    /// appraisal and the distribution over paths.
    pub fn json(&self, s: &crate::scenario::Scenario, d: &crate::data::Dataset) -> String {
        #[derive(serde::Serialize)]
        struct Results<'a> {
            licence: &'static str,
            expected: &'a InterventionResults,
            #[serde(skip_serializing_if = "Option::is_none")]
            switching_values: Option<&'a SwitchingValues>,
            distribution: &'a Summary,
        }
        super::envelope::Envelope::new(
            "interventions",
            Results {
                licence: super::json::OGL_ATTRIBUTION,
                expected: self.expected,
                switching_values: self.switching,
                distribution: self.summary,
            },
        )
        .scenarios([s])
        .data(d)
        .to_json()
    }
}
