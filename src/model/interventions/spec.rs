//! An efficiency intervention as written in a scenario file (`[[intervention]]`).
//!
//! Units are in the names: `_share` a fraction 0..1, `_gbp_bn` £ billion in
//! base-year prices (grown with nominal GDP, so that amounts keep their share
//! of the economy), `_pp` percentage points, `_years` years, `_pct` percent.

use serde::{Deserialize, Serialize};

use crate::model::distributions::Distribution;
use crate::years::FiscalYear;

/// The shape of take-up over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Adoption {
    /// Logistic S-curve with a midpoint and a steepness.
    #[default]
    Logistic,
    /// Straight line to full take-up over `ramp_years`.
    Linear,
    /// Full take-up as soon as benefits start.
    Immediate,
}

fn one() -> f64 {
    1.0
}
fn five() -> f64 {
    5.0
}
fn one_u32() -> u32 {
    1
}

/// Years from `start_year` after which a failed programme is stopped, when a
/// scenario does not say: GOV.UK Verify, the one stopped programme in
/// docs/evidence.md §2 with both its start and its
/// stop dated, was funded from 2014-15 until funding was stopped in March
/// 2020 (six years). Universal Credit's early IT was written off sooner
/// (2013, §5.3), so six years is at the long, costly end.
pub const DEFAULT_FAILURE_STOP_YEARS: f64 = 6.0;

fn default_stop() -> f64 {
    DEFAULT_FAILURE_STOP_YEARS
}

/// One intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Name shown in results.
    pub name: String,
    /// What it is and where its numbers come from.
    #[serde(default)]
    pub description: String,
    /// The line it changes: a spending line (`health`, `non_age_related`, ...)
    /// or a receipts line (`other_receipts` for closing part of the tax gap).
    pub target: String,
    /// Name of the sub-line within the target (e.g. "central government
    /// administration"), for reports.
    #[serde(default)]
    pub sub_line: Option<String>,
    /// Size of the sub-line as a share of the target line.
    #[serde(default)]
    pub sub_line_share: Option<f64>,
    /// Size of the sub-line, £bn in base-year prices, growing with nominal GDP.
    #[serde(default)]
    pub sub_line_gbp_bn: Option<f64>,
    /// Gross saving at maturity as a share of the (sub-)line.
    #[serde(default)]
    pub saving_share: f64,
    /// Gross saving at maturity, £bn in base-year prices (instead of a share).
    #[serde(default)]
    pub saving_gbp_bn: f64,
    /// Productivity mode: extra productivity growth of the target service,
    /// pp a year, which lowers its cost growth and compounds.
    #[serde(default)]
    pub productivity_growth_pp: f64,
    /// Years for which the extra productivity growth lasts.
    #[serde(default)]
    pub productivity_years: u32,
    /// First year of the programme (costs start here).
    pub start_year: FiscalYear,
    /// Last year with savings; omit for savings that persist.
    #[serde(default)]
    pub end_year: Option<FiscalYear>,
    /// Years from the start before any benefit.
    #[serde(default)]
    pub delay_years: f64,
    /// Take-up curve.
    #[serde(default)]
    pub adoption: Adoption,
    /// Logistic: years after benefits start at which take-up is half the cap.
    #[serde(default = "five")]
    pub adoption_midpoint_years: f64,
    /// Logistic: steepness per year (0.55 takes ~8 years from 10 % to 90 %).
    #[serde(default = "one")]
    pub adoption_steepness: f64,
    /// Linear: years to reach the cap.
    #[serde(default = "five")]
    pub ramp_years: f64,
    /// Highest take-up reached, share (e.g. 0.85 with an assisted-digital floor).
    #[serde(default = "one")]
    pub take_up_cap_share: f64,
    /// Upfront investment, £bn in base-year prices.
    #[serde(default)]
    pub upfront_cost_gbp_bn: f64,
    /// Years over which the upfront investment is spread evenly.
    #[serde(default = "one_u32")]
    pub upfront_years: u32,
    /// Running cost once benefits start, £bn a year in base-year prices.
    #[serde(default)]
    pub running_cost_gbp_bn: f64,
    /// Technology refresh: every this many years after the build (0: none).
    #[serde(default)]
    pub refresh_every_years: u32,
    /// Share of the upfront investment spent again at each refresh.
    #[serde(default)]
    pub refresh_cost_share: f64,
    /// HM Treasury Green Book optimism bias: uplift to the upfront (capital)
    /// cost, share. Running and refresh costs are not uplifted unless
    /// `optimism_bias_on_running_costs` is set.
    #[serde(default)]
    pub optimism_bias_cost_uplift_share: f64,
    /// Apply the cost uplift to running and refresh costs as well (only when
    /// the evidence says steady-state costs are as optimistic as the build).
    #[serde(default)]
    pub optimism_bias_on_running_costs: bool,
    /// Optimism bias: uplift to the delay and adoption timeline, share.
    #[serde(default)]
    pub optimism_bias_duration_uplift_share: f64,
    /// Haircut to the claimed benefits, share.
    #[serde(default)]
    pub benefit_haircut_share: f64,
    /// Probability that the programme delivers (expected-value weighting).
    #[serde(default = "one")]
    pub probability_of_success_share: f64,
    /// Share of realised benefits that is cashable (actually lowers spending).
    #[serde(default = "one")]
    pub cashable_share: f64,
    /// Decay of realised savings, % a year after benefits start (0: persist).
    #[serde(default)]
    pub decay_pct: f64,
    /// Failure path: years from `start_year` after which a failed programme
    /// is stopped (no more upfront, running or refresh costs, no benefits).
    #[serde(default = "default_stop")]
    pub failure_stop_years: f64,
    /// Value of citizens' time saved at full take-up, £bn a year in
    /// base-year prices: a non-cashable benefit, in the social NPV only.
    #[serde(default)]
    pub citizen_time_saving_gbp_bn: f64,
    /// Distributions of the uncertain parameters, for `fiscal interventions
    /// --paths`; the point values above are the named (deterministic) case.
    #[serde(default)]
    pub uncertainty: Option<Uncertainty>,
    /// Spending line that bears the costs (default: the target if it is a
    /// spending line, else `non_age_related`).
    #[serde(default)]
    pub cost_line: Option<String>,
}

/// Distributions of an intervention's uncertain parameters
/// (`[intervention.uncertainty]`); each replaces the point value of the
/// field of the same name in a probabilistic run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// Gross saving at maturity, share of the (sub-)line.
    #[serde(default)]
    pub saving_share: Option<Distribution>,
    /// Gross saving at maturity, £bn.
    #[serde(default)]
    pub saving_gbp_bn: Option<Distribution>,
    /// Extra productivity growth, pp a year.
    #[serde(default)]
    pub productivity_growth_pp: Option<Distribution>,
    /// Adoption speed (logistic): years to half the take-up cap.
    #[serde(default)]
    pub adoption_midpoint_years: Option<Distribution>,
    /// Adoption speed (linear): years to the take-up cap.
    #[serde(default)]
    pub ramp_years: Option<Distribution>,
    /// Cost overrun: the uplift to the upfront cost (lognormal suits it).
    #[serde(default)]
    pub optimism_bias_cost_uplift_share: Option<Distribution>,
    /// Haircut to the claimed benefits.
    #[serde(default)]
    pub benefit_haircut_share: Option<Distribution>,
    /// Probability that the programme delivers.
    #[serde(default)]
    pub probability_of_success_share: Option<Distribution>,
    /// Share of realised benefits that is cashable.
    #[serde(default)]
    pub cashable_share: Option<Distribution>,
}

impl Uncertainty {
    /// Every distribution with its field name, in a fixed order (the order
    /// of draws, so that results do not depend on which are present).
    pub(crate) fn fields(&self) -> [(&'static str, Option<&Distribution>); 9] {
        [
            ("saving_share", self.saving_share.as_ref()),
            ("saving_gbp_bn", self.saving_gbp_bn.as_ref()),
            (
                "productivity_growth_pp",
                self.productivity_growth_pp.as_ref(),
            ),
            (
                "adoption_midpoint_years",
                self.adoption_midpoint_years.as_ref(),
            ),
            ("ramp_years", self.ramp_years.as_ref()),
            (
                "optimism_bias_cost_uplift_share",
                self.optimism_bias_cost_uplift_share.as_ref(),
            ),
            ("benefit_haircut_share", self.benefit_haircut_share.as_ref()),
            (
                "probability_of_success_share",
                self.probability_of_success_share.as_ref(),
            ),
            ("cashable_share", self.cashable_share.as_ref()),
        ]
    }
}

impl Intervention {
    /// A copy with every uncertain parameter drawn from its distribution.
    /// Shares are kept in 0..1 and years above zero whatever the draw.
    pub(crate) fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> Intervention {
        let mut d = self.clone();
        let Some(u) = &self.uncertainty else {
            return d;
        };
        for (name, dist) in u.fields() {
            let Some(dist) = dist else { continue };
            let v = dist.sample(rng);
            match name {
                "saving_share" => d.saving_share = v.clamp(0.0, 1.0),
                "saving_gbp_bn" => d.saving_gbp_bn = v.max(0.0),
                "productivity_growth_pp" => d.productivity_growth_pp = v,
                "adoption_midpoint_years" => d.adoption_midpoint_years = v.max(0.0),
                "ramp_years" => d.ramp_years = v.max(0.1),
                "optimism_bias_cost_uplift_share" => {
                    d.optimism_bias_cost_uplift_share = v.max(-0.99);
                }
                "benefit_haircut_share" => d.benefit_haircut_share = v.clamp(0.0, 1.0),
                "probability_of_success_share" => {
                    d.probability_of_success_share = v.clamp(0.0, 1.0);
                }
                _ => d.cashable_share = v.clamp(0.0, 1.0),
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::distributions::{block_rng, Shape};

    fn pert(low: f64, central: f64, high: f64) -> Option<Distribution> {
        Some(Distribution {
            dist: Shape::Pert,
            low: Some(low),
            central,
            high,
        })
    }

    #[test]
    fn draws_replace_only_the_uncertain_fields_and_stay_in_range() {
        let mut i: Intervention = toml::from_str(
            "name = \"x\"\ntarget = \"health\"\nstart_year = \"2026-27\"\nsaving_share = 0.2\ncashable_share = 0.5\nupfront_cost_gbp_bn = 1.0\n",
        )
        .unwrap();
        assert_eq!(i.failure_stop_years, DEFAULT_FAILURE_STOP_YEARS);
        assert!(!i.optimism_bias_on_running_costs);
        let mut rng = block_rng(3, 0);
        assert_eq!(i.draw(&mut rng), i, "no distributions: the point values");
        i.uncertainty = Some(Uncertainty {
            saving_share: pert(0.1, 0.2, 0.3),
            // Mode at an end of the range is allowed.
            probability_of_success_share: pert(0.5, 0.5, 0.9),
            ..Uncertainty::default()
        });
        let mut seen_p = Vec::new();
        for _ in 0..200 {
            let d = i.draw(&mut rng);
            assert!((0.1..=0.3).contains(&d.saving_share));
            assert!((0.5..=0.9).contains(&d.probability_of_success_share));
            assert_eq!(d.cashable_share, 0.5);
            assert_eq!(d.upfront_cost_gbp_bn, 1.0);
            seen_p.push(d.probability_of_success_share);
        }
        assert!(seen_p.iter().any(|p| *p > 0.6), "the PERT draws vary");
    }
}
