//! An efficiency intervention as written in a scenario file (`[[intervention]]`),
//! and the scenario-level tables that relate interventions to each other:
//! the spending content they act on (`[[spending_content]]`) and the
//! correlations of their uncertain fields (`[[intervention_correlation]]`).
//!
//! Units are in the names: `_share` a fraction 0..1, `_gbp_bn` £ billion a
//! year in the prices of `gbp_bn_prices_year`, grown as `gbp_bn_indexation`
//! says, `_pp` percentage points, `_years` years, `_pct` percent.

use std::collections::BTreeMap;

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

impl Adoption {
    /// The name written in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            Adoption::Logistic => "logistic",
            Adoption::Linear => "linear",
            Adoption::Immediate => "immediate",
        }
    }
}

/// How amounts in £bn (`saving_gbp_bn`, costs, `sub_line_gbp_bn`) move
/// from their prices year to later years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indexation {
    /// Grow with nominal GDP: the amount keeps its share of the economy.
    NominalGdp,
    /// Grow with the GDP deflator: constant real terms.
    GdpDeflator,
    /// Flat cash: the same nominal amount every year (shrinking in real terms).
    FlatCash,
}

impl Indexation {
    /// The name written in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            Indexation::NominalGdp => "nominal_gdp",
            Indexation::GdpDeflator => "gdp_deflator",
            Indexation::FlatCash => "flat_cash",
        }
    }
}

/// When budgets are cut: as savings arrive, or as planned whether or not
/// they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BudgetsCut {
    /// Budgets fall by the retained share of the savings that are realised.
    #[default]
    AsRealised,
    /// Budgets fall by the retained share of the planned (business-case)
    /// cashable saving, whether or not it arrives: the shortfall is a cut
    /// to services, not extra borrowing.
    AsPlanned,
}

impl BudgetsCut {
    /// The name written in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            BudgetsCut::AsRealised => "as_realised",
            BudgetsCut::AsPlanned => "as_planned",
        }
    }
}

/// How well a value is sourced (the status key of the evidence file):
/// confirmed in an official or primary source, uncertain (one secondary
/// source, or derived by us), or our judgement with no source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// Confirmed in an official or primary source.
    #[serde(rename = "C")]
    Confirmed,
    /// One secondary source, conflicting versions, or derived.
    #[serde(rename = "U")]
    Uncertain,
    /// Our judgement: no source gives it.
    #[serde(rename = "J")]
    Judgement,
}

impl Grade {
    /// One letter, as in the evidence file.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::Confirmed => "C",
            Grade::Uncertain => "U",
            Grade::Judgement => "J",
        }
    }
}

/// Defaults of the take-up curve when a scenario does not state it (a
/// warning then says what they do to a single number).
pub mod default_take_up {
    /// Logistic midpoint, years after benefits start.
    pub const MIDPOINT_YEARS: f64 = 5.0;
    /// Logistic steepness per year.
    pub const STEEPNESS: f64 = 1.0;
    /// Linear ramp, years.
    pub const RAMP_YEARS: f64 = 5.0;
}

fn one() -> f64 {
    1.0
}
fn one_u32() -> u32 {
    1
}

/// Years from the start after which a failed programme is stopped, when a
/// scenario does not say: GOV.UK Verify, the one stopped programme in
/// the evidence (docs/interventions.md, §2 of its evidence file) with both
/// its start and its stop dated, was funded from 2014-15 until funding was
/// stopped in March 2020 (six years). Universal Credit's early IT was
/// written off sooner (2013, §5.3), so six years is at the long, costly end.
pub const DEFAULT_FAILURE_STOP_YEARS: f64 = 6.0;

fn default_stop() -> f64 {
    DEFAULT_FAILURE_STOP_YEARS
}

/// One share of an intervention's saving that falls on one piece of
/// spending content (`acts_on = [{ content = "...", share = 0.5 }]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentClaim {
    /// The `id` of a `[[spending_content]]` table.
    pub content: String,
    /// Share of the intervention's realised saving that is this content.
    pub share: f64,
}

/// One intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Name shown in results.
    pub name: String,
    /// Short identifier (lower case, digits, `_`), for correlations, sweeps
    /// and sensitivities: `nhs_productivity.cashable_share`.
    #[serde(default)]
    pub id: Option<String>,
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
    /// Size of the sub-line, £bn.
    #[serde(default)]
    pub sub_line_gbp_bn: Option<f64>,
    /// Gross saving at maturity as a share of the (sub-)line.
    #[serde(default)]
    pub saving_share: f64,
    /// Gross saving at maturity, £bn a year (instead of a share).
    #[serde(default)]
    pub saving_gbp_bn: f64,
    /// What the programme's own unit is (e.g. "million identity users"),
    /// when it is sized in units rather than in £bn.
    #[serde(default)]
    pub units: Option<String>,
    /// How many units.
    #[serde(default)]
    pub units_quantity: f64,
    /// Gross saving at maturity per unit, £bn a year.
    #[serde(default)]
    pub saving_gbp_bn_per_unit: f64,
    /// Upfront investment per unit, £bn.
    #[serde(default)]
    pub upfront_cost_gbp_bn_per_unit: f64,
    /// Running cost per unit, £bn a year.
    #[serde(default)]
    pub running_cost_gbp_bn_per_unit: f64,
    /// Productivity mode: extra productivity growth of the target service,
    /// pp a year, which lowers its cost growth and compounds.
    #[serde(default)]
    pub productivity_growth_pp: f64,
    /// Years for which the extra productivity growth lasts.
    #[serde(default)]
    pub productivity_years: f64,
    /// First year of the programme (costs start here).
    #[serde(default)]
    pub start_year: Option<FiscalYear>,
    /// Or: the first year as years after the projection's base year, so
    /// that one package runs on projections with different base years.
    #[serde(default)]
    pub start_years_after_base: Option<u32>,
    /// Last year with savings; omit for savings that persist.
    #[serde(default)]
    pub end_year: Option<FiscalYear>,
    /// Years from the start before any benefit.
    #[serde(default)]
    pub delay_years: f64,
    /// Take-up curve (unstated: logistic with the defaults, and a warning).
    #[serde(default)]
    pub adoption: Option<Adoption>,
    /// Logistic: years after benefits start at which take-up is half the cap.
    #[serde(default)]
    pub adoption_midpoint_years: Option<f64>,
    /// Logistic: steepness per year (0.55 takes ~8 years from 10 % to 90 %).
    #[serde(default)]
    pub adoption_steepness: Option<f64>,
    /// Linear: years to reach the cap.
    #[serde(default)]
    pub ramp_years: Option<f64>,
    /// Highest take-up reached, share (e.g. 0.85 with an assisted-digital floor).
    #[serde(default = "one")]
    pub take_up_cap_share: f64,
    /// Upfront investment, £bn.
    #[serde(default)]
    pub upfront_cost_gbp_bn: f64,
    /// Years over which the upfront investment is spread evenly.
    #[serde(default = "one_u32")]
    pub upfront_years: u32,
    /// Running cost once benefits start, £bn a year.
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
    /// Share of realised benefits that is cashable (could lower spending).
    #[serde(default = "one")]
    pub cashable_share: f64,
    /// Share of the cashable saving the Exchequer keeps: 1 when budgets are
    /// cut to match, 0 when the saving is recycled into services (as the
    /// OBR's unchanged-policy convention, which holds spending's share of
    /// GDP, implies). Required: never a silent default.
    #[serde(default)]
    pub exchequer_retention_share: Option<f64>,
    /// Whether budgets are cut as savings are realised or as planned.
    #[serde(default)]
    pub budgets_cut: BudgetsCut,
    /// Erosion of realised savings, % a year after benefits start (0: none).
    #[serde(default)]
    pub decay_pct: f64,
    /// Asset life: years after benefits start when the saving ends and the
    /// system (its running and refresh costs) is retired; omit for none.
    #[serde(default)]
    pub asset_life_years: Option<f64>,
    /// Share of the saving already in the baseline (planned savings the
    /// projection already carries), not counted again.
    #[serde(default)]
    pub saving_in_baseline_share: f64,
    /// Share of the upfront investment already funded in the baseline.
    #[serde(default)]
    pub upfront_cost_in_baseline_share: f64,
    /// Share of the running and refresh costs already in the baseline.
    #[serde(default)]
    pub running_cost_in_baseline_share: f64,
    /// Deadweight: share of the saving that would have happened anyway
    /// (additionality is 1 − deadweight).
    #[serde(default)]
    pub deadweight_share: f64,
    /// Displacement: share of the saving that reappears as cost elsewhere
    /// in the public sector (failure demand, assisted digital, other bodies).
    #[serde(default)]
    pub displacement_share: f64,
    /// Rebound: share of the saving taken back by extra use of a cheaper service.
    #[serde(default)]
    pub rebound_share: f64,
    /// One-off exit and redundancy costs, as a multiple of each £1 a year by
    /// which the retained saving rises (paid as it rises).
    #[serde(default)]
    pub exit_cost_multiple: f64,
    /// How £bn amounts grow from their prices year (required when any is set).
    #[serde(default)]
    pub gbp_bn_indexation: Option<Indexation>,
    /// The year whose prices £bn amounts are in (default: the base year).
    #[serde(default)]
    pub gbp_bn_prices_year: Option<FiscalYear>,
    /// Failure path: years from the start after which a failed programme
    /// is stopped (no more upfront, running or refresh costs, no benefits).
    #[serde(default = "default_stop")]
    pub failure_stop_years: f64,
    /// Value of citizens' time saved at full take-up, £bn a year: a
    /// non-cashable benefit, in the social NPV only.
    #[serde(default)]
    pub citizen_time_saving_gbp_bn: f64,
    /// Distributions of the uncertain fields, for probabilistic runs; the
    /// point values above are the named (deterministic) case.
    #[serde(default)]
    pub uncertainty: Option<Uncertainty>,
    /// Evidence grade of each field (`C`, `U` or `J`).
    #[serde(default)]
    pub evidence: BTreeMap<String, Grade>,
    /// The spending content the saving falls on, for the overlap rule.
    #[serde(default)]
    pub acts_on: Vec<ContentClaim>,
    /// Spending line that bears the costs (default: the target if it is a
    /// spending line, else `non_age_related`).
    #[serde(default)]
    pub cost_line: Option<String>,
}

/// Distributions of an intervention's uncertain fields
/// (`[intervention.uncertainty]`), by field name; each replaces the point
/// value of the field of the same name in a probabilistic run. Fields are
/// drawn in the order of [`super::fields::FIELDS`], whatever the order here.
pub type Uncertainty = BTreeMap<String, Distribution>;

/// A piece of spending that several interventions may act on
/// (`[[spending_content]]`): transactions, a staff group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpendingContent {
    /// Identifier used in `acts_on`.
    pub id: String,
    /// Name in reports.
    #[serde(default)]
    pub name: String,
    /// The spending line it is part of.
    pub line: String,
    /// Its size in the base year, £bn; it keeps its share of the line.
    pub size_gbp_bn: f64,
    /// Where the size comes from.
    #[serde(default)]
    pub description: String,
}

/// A rank correlation between two uncertain draws
/// (`[[intervention_correlation]]`): `id.field` for a field with a
/// distribution, `id.success` for whether the programme succeeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// The two draws, `intervention_id.field` or `intervention_id.success`.
    pub between: Vec<String>,
    /// Spearman rank correlation, −1..1.
    pub rank_correlation: f64,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

impl Intervention {
    /// The first year of the programme on a projection starting in `base`.
    pub fn start_on(&self, base: FiscalYear) -> FiscalYear {
        match (self.start_year, self.start_years_after_base) {
            (Some(y), _) => y,
            (None, Some(n)) => FiscalYear(base.0.saturating_add_unsigned(n)),
            (None, None) => base,
        }
    }

    /// The take-up curve in force (logistic when unstated).
    pub fn adoption_or_default(&self) -> Adoption {
        self.adoption.unwrap_or_default()
    }

    /// The share of the cashable saving the Exchequer keeps (0 when the
    /// scenario did not say, which validation refuses).
    pub fn retention(&self) -> f64 {
        self.exchequer_retention_share.unwrap_or(0.0)
    }

    /// The prices year of £bn amounts on a projection starting in `base`.
    pub fn prices_year_on(&self, base: FiscalYear) -> FiscalYear {
        self.gbp_bn_prices_year.unwrap_or(base)
    }

    /// How £bn amounts grow (nominal GDP when unstated, which validation
    /// refuses when the intervention has £bn amounts).
    pub fn indexation(&self) -> Indexation {
        self.gbp_bn_indexation.unwrap_or(Indexation::NominalGdp)
    }

    /// Whether any amount is in £bn (so that indexation and prices matter).
    pub fn has_gbp_amounts(&self) -> bool {
        self.sub_line_gbp_bn.is_some_and(|v| v != 0.0)
            || [
                self.saving_gbp_bn,
                self.saving_gbp_bn_per_unit,
                self.upfront_cost_gbp_bn,
                self.upfront_cost_gbp_bn_per_unit,
                self.running_cost_gbp_bn,
                self.running_cost_gbp_bn_per_unit,
                self.citizen_time_saving_gbp_bn,
            ]
            .iter()
            .any(|v| *v != 0.0)
    }

    /// The identifier used in references: `id`, or `intervention[k]`.
    pub fn reference(&self, k: usize) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| format!("intervention[{k}]"))
    }

    /// The weakest evidence grade of the fields that carry the saving
    /// (`None` when none of them is graded).
    pub fn weakest_grade(&self) -> Option<Grade> {
        super::fields::KEY_FIELDS
            .iter()
            .filter_map(|f| self.evidence.get(*f))
            .max()
            .copied()
    }
}
