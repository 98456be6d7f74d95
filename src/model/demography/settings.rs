//! Scenario settings for the population (`[population]` in a scenario file)
//! and the variants they apply to the principal assumptions: a TFR path, a
//! life-expectancy shift or improvement-rate scale, a net migration level,
//! and named presets for the ONS variant families.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::assumptions::DemographicAssumptions;
use super::embedded::{ready_projection, ready_projection_from_text, READY_PROJECTIONS};
use super::engine::project;
use super::error::DemographyError;
use super::lifetable::period_life_expectancy_at_birth;
use super::projection::DemographicProjection;
use crate::data::PopulationTable;

/// Plausible total fertility rates, children per woman (the checked ranges
/// of the `[population]` settings are listed in docs/scenarios.md).
pub(crate) const TFR_RANGE_CHILDREN_PER_WOMAN: (f64, f64) = (0.5, 5.0);

/// Largest net migration accepted, persons a year either way: about twice
/// the highest UK figure on record (906,000 in the year to June 2023, ONS).
pub(crate) const MAX_NET_MIGRATION_PERSONS: f64 = 2.0e6;

/// Long-term net migration of the ONS 2022-based high migration variant,
/// persons a year (ONS variant projections 2022-based).
pub const ONS_HIGH_MIGRATION_PERSONS: f64 = 525_000.0;
/// Long-term net migration of the ONS 2022-based low migration variant.
pub const ONS_LOW_MIGRATION_PERSONS: f64 = 120_000.0;
/// First projection year (mid-2027 to mid-2028, the year ending mid-2028) at
/// the long-term migration level: the principal reaches its 340,000 there,
/// in a straight line from its first year, and the variants do the same.
pub const ONS_MIGRATION_LONG_TERM_FROM_YEAR: i32 = 2027;
/// Long-term net migration of the ONS 2022-based principal, persons a year:
/// the variants' levels are applied as their difference from it.
pub const ONS_PRINCIPAL_MIGRATION_PERSONS: f64 = 340_000.0;
/// TFR of the ONS 2022-based principal by 2047: the fertility variants are
/// applied as their difference from it.
pub const ONS_PRINCIPAL_TFR_CHILDREN_PER_WOMAN: f64 = 1.45;
/// TFR of the ONS 2022-based high fertility variant by 2047, children per woman.
pub const ONS_HIGH_TFR_CHILDREN_PER_WOMAN: f64 = 1.65;
/// TFR of the ONS 2022-based low fertility variant by 2047.
pub const ONS_LOW_TFR_CHILDREN_PER_WOMAN: f64 = 1.25;
/// Years over which the fertility variants' difference from the principal's
/// TFR phases in, then held. The ONS 2022-based phasing is not in the shared
/// material; this is measured on the ONS 2016-based variants embedded here:
/// births in the high and low fertility variants reach their full difference
/// from the principal's after about 6 and 10 years (`docs/demography.md`).
pub const ONS_FERTILITY_PHASE_IN_YEARS: i32 = 8;
/// Year by which the ONS 2022-based variants reach their long-term fertility
/// and mortality-improvement assumptions (25 years after the base).
pub const ONS_VARIANT_TARGET_YEAR: i32 = 2047;
/// Long-term annual mortality improvement of the ONS 2022-based principal at
/// ages 0-90, % a year (the embedded rates improve 1.1 % a year from 2047).
pub const ONS_PRINCIPAL_IMPROVEMENT_PCT: f64 = 1.1;
/// Long-term annual improvement of the high life expectancy variant, % a year.
pub const ONS_HIGH_IMPROVEMENT_PCT: f64 = 1.5;
/// Long-term annual improvement of the low life expectancy variant, % a year.
pub const ONS_LOW_IMPROVEMENT_PCT: f64 = 0.5;
/// Oldest age with the full long-term improvement; above it the change in
/// improvement tapers linearly to nothing at 110 (the ONS tapers its
/// improvement rates above 90).
pub const IMPROVEMENT_FULL_TO_AGE: usize = 90;

/// Named presets for the ONS 2022-based variant projections, each defined
/// by the ONS assumption it changes (not by its result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariantPreset {
    /// The principal assumptions unchanged.
    Principal,
    /// TFR 1.65 by 2047 (principal 1.45).
    HighFertility,
    /// TFR 1.25 by 2047.
    LowFertility,
    /// Mortality improvement 1.5 % a year at ages 0-90 by 2047 (principal 1.1 %).
    HighLifeExpectancy,
    /// Mortality improvement 0.5 % a year at ages 0-90 by 2047.
    LowLifeExpectancy,
    /// Net migration 525,000 a year from the year ending mid-2028 (principal 340,000).
    HighMigration,
    /// Net migration 120,000 a year from the year ending mid-2028.
    LowMigration,
    /// No net migration at any age.
    ZeroNetMigration,
    /// High fertility, high life expectancy and high migration together.
    HighPopulation,
    /// Low fertility, low life expectancy and low migration together.
    LowPopulation,
}

impl VariantPreset {
    /// Every preset, for listings.
    pub const ALL: [VariantPreset; 10] = [
        VariantPreset::Principal,
        VariantPreset::HighFertility,
        VariantPreset::LowFertility,
        VariantPreset::HighLifeExpectancy,
        VariantPreset::LowLifeExpectancy,
        VariantPreset::HighMigration,
        VariantPreset::LowMigration,
        VariantPreset::ZeroNetMigration,
        VariantPreset::HighPopulation,
        VariantPreset::LowPopulation,
    ];

    /// The settings this preset stands for, on `principal`: each ONS
    /// 2022-based variant as its difference from the ONS 2022-based
    /// principal (TFR ±0.2 by 2047, migration +185,000 / −220,000 a year,
    /// improvement +0.4 / −0.6 pp), so that on the 2022-based principal it is the
    /// ONS variant and on another vintage's principal the same change.
    pub(crate) fn settings(self, principal: &DemographicAssumptions) -> PopulationSettings {
        use VariantPreset as V;
        let mut s = PopulationSettings::default();
        let (tfr, improvement, migration) = match self {
            V::Principal => (None, None, None),
            V::HighFertility => (Some(ONS_HIGH_TFR_CHILDREN_PER_WOMAN), None, None),
            V::LowFertility => (Some(ONS_LOW_TFR_CHILDREN_PER_WOMAN), None, None),
            V::HighLifeExpectancy => (None, Some(ONS_HIGH_IMPROVEMENT_PCT), None),
            V::LowLifeExpectancy => (None, Some(ONS_LOW_IMPROVEMENT_PCT), None),
            V::HighMigration => (None, None, Some(ONS_HIGH_MIGRATION_PERSONS)),
            V::LowMigration => (None, None, Some(ONS_LOW_MIGRATION_PERSONS)),
            V::ZeroNetMigration => {
                s.net_migration_scale = Some(0.0);
                (None, None, None)
            }
            V::HighPopulation => (
                Some(ONS_HIGH_TFR_CHILDREN_PER_WOMAN),
                Some(ONS_HIGH_IMPROVEMENT_PCT),
                Some(ONS_HIGH_MIGRATION_PERSONS),
            ),
            V::LowPopulation => (
                Some(ONS_LOW_TFR_CHILDREN_PER_WOMAN),
                Some(ONS_LOW_IMPROVEMENT_PCT),
                Some(ONS_LOW_MIGRATION_PERSONS),
            ),
        };
        if let Some(t) = tfr {
            let j = (ONS_VARIANT_TARGET_YEAR - principal.base_year)
                .clamp(0, principal.n_years() as i32 - 1) as usize;
            s.tfr_children_per_woman =
                Some(principal.tfr(j) + (t - ONS_PRINCIPAL_TFR_CHILDREN_PER_WOMAN));
            s.tfr_target_year = Some(ONS_VARIANT_TARGET_YEAR);
            s.tfr_difference_phase_in_years = Some(ONS_FERTILITY_PHASE_IN_YEARS);
        }
        if let Some(r) = improvement {
            s.mortality_improvement_long_term_pct = Some(r);
            s.mortality_improvement_target_year = Some(ONS_VARIANT_TARGET_YEAR);
        }
        if let Some(level) = migration {
            s.net_migration_persons_by_year = Some(migration_variant_points(
                principal,
                level - ONS_PRINCIPAL_MIGRATION_PERSONS,
            ));
        }
        s
    }
}

/// Net migration by year of a migration variant `difference` persons a
/// year from the principal in the long term: the principal's path plus
/// the difference, phased in linearly to the year ending mid-2028 (so the
/// variant keeps the principal's first year and its transition shape).
fn migration_variant_points(
    principal: &DemographicAssumptions,
    difference: f64,
) -> BTreeMap<String, f64> {
    let j_long = (ONS_MIGRATION_LONG_TERM_FROM_YEAR - principal.base_year).max(1) as usize;
    let j_long = j_long.min(principal.n_years().saturating_sub(1));
    (0..=j_long)
        .map(|j| {
            let w = j as f64 / j_long.max(1) as f64;
            let v = principal.net_migration_total(j) + difference * w;
            ((principal.base_year + j as i32).to_string(), v)
        })
        .collect()
}

/// The ONS projection whose principal assumptions a scenario's population
/// starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PopulationVintage {
    /// ONS 2022-based (published 28 January 2025): the embedded rates.
    #[default]
    #[serde(rename = "2022-based")]
    Npp2022,
    /// ONS 2024-based (published 28 April 2026), rebuilt from its published
    /// TFR, life expectancy and net migration on the 2022-based rates' shapes
    /// (`super::npp2024`).
    #[serde(rename = "2024-based")]
    Npp2024,
}

impl PopulationVintage {
    /// The vintage's principal assumptions.
    pub fn principal(self) -> Result<&'static DemographicAssumptions, DemographyError> {
        self.principal_shared().map(|a| &**a)
    }

    /// [`PopulationVintage::principal`], shared.
    pub fn principal_shared(self) -> Result<&'static Arc<DemographicAssumptions>, DemographyError> {
        match self {
            PopulationVintage::Npp2022 => super::embedded::principal_assumptions_shared(),
            PopulationVintage::Npp2024 => super::npp2024::principal_2024_shared(),
        }
    }

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            PopulationVintage::Npp2022 => "2022-based",
            PopulationVintage::Npp2024 => "2024-based",
        }
    }
}

/// The `[population]` table of a scenario file. Either `projection` (a ready
/// projection) or assumptions changing the principal of an ONS `vintage`
/// (default 2022-based); a `variant` preset is applied first and explicit
/// fields then override it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationSettings {
    /// The ONS projection whose principal the assumptions start from:
    /// `"2022-based"` (default) or `"2024-based"`.
    pub vintage: Option<PopulationVintage>,
    /// A ready projection: an embedded name (`npp2022`, `npp2016-ppp`,
    /// `npp2016-hpp`, ..., `npp2014-ppp`) or a file path (a `sex,age,<years>`
    /// CSV or an ONS opendata text file; the caller resolves the path).
    pub projection: Option<String>,
    /// A named preset of an ONS variant family, e.g. `"high-migration"`.
    pub variant: Option<VariantPreset>,
    /// Target total fertility rate, children per woman, reached in
    /// `tfr_target_year` and held after; the age pattern is scaled.
    pub tfr_children_per_woman: Option<f64>,
    /// Calendar year by which the TFR target is reached (linear blend from
    /// the principal before it). Default: 2047 (the base year + 25).
    pub tfr_target_year: Option<i32>,
    /// When set, the TFR follows the principal's path plus the difference
    /// between `tfr_children_per_woman` and the principal's TFR in
    /// `tfr_target_year`, phased in linearly over this many years from the
    /// base year and then held (the shape of the ONS fertility variants).
    pub tfr_difference_phase_in_years: Option<i32>,
    /// Change in period life expectancy at birth (mean of the sexes), years,
    /// in `life_expectancy_target_year`, achieved by scaling mortality
    /// improvement; cannot be combined with `mortality_improvement_scale`.
    pub life_expectancy_shift_years: Option<f64>,
    /// Year in which `life_expectancy_shift_years` is measured. Default: base year + 50.
    pub life_expectancy_target_year: Option<i32>,
    /// Multiple of the principal's cumulative mortality improvement since the
    /// base year (1 = principal, 0 = rates frozen at the base year, 2 = twice
    /// the log-improvement). Dimensionless.
    pub mortality_improvement_scale: Option<f64>,
    /// Net migration, persons a year, from `net_migration_from_year` on, with
    /// the principal's age/sex distribution of that year.
    pub net_migration_persons: Option<f64>,
    /// First calendar year (mid-year to mid-year) of `net_migration_persons`.
    /// Default: the base year.
    pub net_migration_from_year: Option<i32>,
    /// Net migration, persons a year, by calendar year (keys are years as
    /// text, e.g. `"2030" = 250000`), straight lines between, flat after the
    /// last; cannot be combined with `net_migration_persons`.
    pub net_migration_persons_by_year: Option<BTreeMap<String, f64>>,
    /// Multiple of the principal's net migration at every age, sex and year.
    pub net_migration_scale: Option<f64>,
    /// Long-term annual mortality improvement at ages 0-90, % a year,
    /// reached in `mortality_improvement_target_year` (the ONS way of
    /// defining its life-expectancy variants): the principal's improvement
    /// rate of each sex, age and year plus the difference from the
    /// principal's 1.1 %, phased in linearly from the base year; tapered above
    /// age 90. Cannot be combined with the other mortality fields.
    pub mortality_improvement_long_term_pct: Option<f64>,
    /// Year in which `mortality_improvement_long_term_pct` is reached.
    /// Default: 2047.
    pub mortality_improvement_target_year: Option<i32>,
    /// Males born per female born (the ONS uses 1.05).
    pub sex_ratio_males_per_female: Option<f64>,
}

/// The `source` of a population the cohort-component engine projected from
/// an ONS vintage's assumptions is this, then the vintage's name
/// (`2024-based`): what the output's data sources and source lines read.
pub const ENGINE_SOURCE_PREFIX: &str = "cohort-component projection on the ONS assumptions, ";

/// What a [`PopulationSettings`] asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum PopulationChoice {
    /// An embedded ready projection, by name.
    Embedded(String),
    /// A ready projection in a file (the caller resolves and reads it).
    File(PathBuf),
    /// A cohort-component projection from (changed) principal assumptions.
    Assumptions,
}

/// A population ready for the rest of the model.
#[derive(Debug, Clone, PartialEq)]
pub enum PopulationOutcome {
    /// A ready projection (population only, no flows).
    Ready(PopulationTable),
    /// A projection by the engine, with its flows.
    Projected(Box<DemographicProjection>),
}

impl PopulationOutcome {
    /// The population in the model's table format.
    pub fn table(&self) -> PopulationTable {
        match self {
            PopulationOutcome::Ready(t) => t.clone(),
            PopulationOutcome::Projected(p) => p.to_population_table("cohort-component projection"),
        }
    }
}

fn bad(msg: impl Into<String>) -> DemographyError {
    DemographyError::Settings(msg.into())
}

fn check_range(
    name: &str,
    v: Option<f64>,
    lo: f64,
    hi: f64,
    unit: &str,
) -> Result<(), DemographyError> {
    match v {
        Some(x) if !(x.is_finite() && (lo..=hi).contains(&x)) => {
            Err(bad(format!("`{name}` = {x} is outside {lo}..={hi} {unit}")))
        }
        _ => Ok(()),
    }
}

impl PopulationSettings {
    /// True when any assumption field is set (not `projection` or
    /// `vintage`: a ready projection makes the vintage moot, so a scenario
    /// may name one while extending a file that sets a vintage).
    fn has_assumptions(&self) -> bool {
        self.variant.is_some()
            || self.tfr_children_per_woman.is_some()
            || self.tfr_target_year.is_some()
            || self.tfr_difference_phase_in_years.is_some()
            || self.life_expectancy_shift_years.is_some()
            || self.life_expectancy_target_year.is_some()
            || self.mortality_improvement_scale.is_some()
            || self.net_migration_persons.is_some()
            || self.net_migration_from_year.is_some()
            || self.net_migration_persons_by_year.is_some()
            || self.net_migration_scale.is_some()
            || self.mortality_improvement_long_term_pct.is_some()
            || self.mortality_improvement_target_year.is_some()
            || self.sex_ratio_males_per_female.is_some()
    }

    /// True when the settings choose a population (a ready projection or
    /// any assumption), not only a vintage.
    pub fn sets_population(&self) -> bool {
        self.projection.is_some() || self.has_assumptions()
    }

    /// The principal assumptions of the settings' vintage.
    pub fn principal(&self) -> Result<&'static DemographicAssumptions, DemographyError> {
        self.vintage.unwrap_or_default().principal()
    }

    /// [`PopulationSettings::apply`] to the principal of the settings'
    /// vintage. The last few are kept: a run needs them for its population
    /// and again for the mortality its spending lines read, and applying
    /// copies and validates the whole set of assumptions.
    pub(crate) fn applied(&self) -> Result<Arc<DemographicAssumptions>, DemographyError> {
        type Kept = Vec<(PopulationSettings, Arc<DemographicAssumptions>)>;
        static KEPT: Mutex<Kept> = Mutex::new(Vec::new());
        let lock = || KEPT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, a)) = lock().iter().find(|(s, _)| s == self) {
            return Ok(Arc::clone(a));
        }
        let shared = self.vintage.unwrap_or_default().principal_shared()?;
        let a = if self.has_assumptions() {
            Arc::new(self.apply(shared)?)
        } else {
            // Nothing to apply: the principal as it is, checked as `apply`
            // checks it.
            self.check_ranges()?;
            shared.validate()?;
            Arc::clone(shared)
        };
        let mut kept = lock();
        if kept.len() == KEPT_APPLIED {
            kept.remove(0);
        }
        kept.push((self.clone(), Arc::clone(&a)));
        Ok(a)
    }

    /// Which population these settings ask for (and whether they conflict).
    pub(crate) fn choice(&self) -> Result<PopulationChoice, DemographyError> {
        match &self.projection {
            Some(p) if self.has_assumptions() => Err(bad(format!(
                "`projection = \"{p}\"` names a ready projection, which cannot be combined with assumption settings; remove one or the other"
            ))),
            Some(p) => {
                let key = p.trim().to_ascii_lowercase();
                if READY_PROJECTIONS.iter().any(|r| r.0 == key) {
                    Ok(PopulationChoice::Embedded(key))
                } else if p.contains('/') || p.contains('\\') || p.contains('.') {
                    Ok(PopulationChoice::File(PathBuf::from(p)))
                } else {
                    Err(DemographyError::UnknownProjection {
                        name: p.clone(),
                        known: super::embedded::ready_projection_names(),
                    })
                }
            }
            None => Ok(PopulationChoice::Assumptions),
        }
    }

    /// Apply the settings to the `principal` assumptions.
    pub(crate) fn apply(
        &self,
        principal: &DemographicAssumptions,
    ) -> Result<DemographicAssumptions, DemographyError> {
        if self.projection.is_some() {
            return Err(bad(
                "a ready `projection` has no assumptions to apply; load it with `ready_projection`",
            ));
        }
        self.check_ranges()?;
        self.check_exclusive()?;
        principal.validate()?;
        let mut a = match self.variant {
            Some(v) => v.settings(principal).apply(principal)?,
            None => principal.clone(),
        };
        self.apply_fertility(&mut a, principal)?;
        self.apply_mortality(&mut a, principal)?;
        self.apply_migration(&mut a, principal)?;
        if let Some(sr) = self.sex_ratio_males_per_female {
            a.sex_ratio_males_per_female = sr;
        }
        a.validate()?;
        Ok(a)
    }

    /// Check each numeric setting lies in its plausible range.
    fn check_ranges(&self) -> Result<(), DemographyError> {
        for (name, v, (lo, hi), unit) in self.ranged() {
            check_range(name, Some(v), lo, hi, unit)?;
        }
        if let Some(v) = self.net_migration_persons {
            check_range(
                "net_migration_persons",
                Some(v),
                -MAX_NET_MIGRATION_PERSONS,
                MAX_NET_MIGRATION_PERSONS,
                "persons a year",
            )?;
        }
        Ok(())
    }

    /// Each numeric setting that is given, with its plausible range and
    /// unit: the one list the scenario's validation (`model::validate`) and
    /// [`PopulationSettings::apply`] both check (net migration, with its
    /// own unit hint, is checked against [`MAX_NET_MIGRATION_PERSONS`]).
    pub(crate) fn ranged(&self) -> Vec<(&'static str, f64, (f64, f64), &'static str)> {
        [
            (
                "tfr_children_per_woman",
                self.tfr_children_per_woman,
                TFR_RANGE_CHILDREN_PER_WOMAN,
                "children per woman",
            ),
            (
                "life_expectancy_shift_years",
                self.life_expectancy_shift_years,
                (-30.0, 30.0),
                "years",
            ),
            (
                "mortality_improvement_scale",
                self.mortality_improvement_scale,
                (-3.0, 10.0),
                "(1 = principal)",
            ),
            (
                "net_migration_scale",
                self.net_migration_scale,
                (0.0, 10.0),
                "(1 = principal)",
            ),
            (
                "mortality_improvement_long_term_pct",
                self.mortality_improvement_long_term_pct,
                (-5.0, 10.0),
                "% a year",
            ),
            (
                "sex_ratio_males_per_female",
                self.sex_ratio_males_per_female,
                (0.8, 1.3),
                "males per female",
            ),
        ]
        .into_iter()
        .filter_map(|(name, v, range, unit)| v.map(|v| (name, v, range, unit)))
        .collect()
    }

    /// Refuse settings that each set the same thing in a different way.
    fn check_exclusive(&self) -> Result<(), DemographyError> {
        let mortality_fields = [
            self.life_expectancy_shift_years.is_some(),
            self.mortality_improvement_scale.is_some(),
            self.mortality_improvement_long_term_pct.is_some(),
        ];
        if mortality_fields.iter().filter(|x| **x).count() > 1 {
            return Err(bad("give only one of `life_expectancy_shift_years`, `mortality_improvement_scale` and `mortality_improvement_long_term_pct`"));
        }
        if self.net_migration_persons.is_some() && self.net_migration_persons_by_year.is_some() {
            return Err(bad(
                "give either `net_migration_persons` or `net_migration_persons_by_year`, not both",
            ));
        }
        Ok(())
    }

    /// Move the TFR to its target, by scaling or by offsetting the principal's.
    fn apply_fertility(
        &self,
        a: &mut DemographicAssumptions,
        principal: &DemographicAssumptions,
    ) -> Result<(), DemographyError> {
        let Some(target) = self.tfr_children_per_woman else {
            return Ok(());
        };
        let year = self.tfr_target_year.unwrap_or(ONS_VARIANT_TARGET_YEAR);
        match self.tfr_difference_phase_in_years {
            Some(n) if !(1..=100).contains(&n) => Err(bad(format!(
                "`tfr_difference_phase_in_years` = {n} is outside 1..=100 years"
            ))),
            Some(n) => offset_fertility(a, principal, target, year, n),
            None => {
                scale_fertility(a, target, year);
                Ok(())
            }
        }
    }

    /// Change mortality improvement: scaled, moved to a long-term rate, or
    /// scaled to shift life expectancy.
    fn apply_mortality(
        &self,
        a: &mut DemographicAssumptions,
        principal: &DemographicAssumptions,
    ) -> Result<(), DemographyError> {
        if let Some(k) = self.mortality_improvement_scale {
            scale_improvement(a, principal, k);
        }
        if let Some(pct) = self.mortality_improvement_long_term_pct {
            let year = self
                .mortality_improvement_target_year
                .unwrap_or(ONS_VARIANT_TARGET_YEAR);
            if year <= principal.base_year {
                return Err(bad(format!(
                    "`mortality_improvement_target_year` {year} must be after the base year {}",
                    principal.base_year
                )));
            }
            shift_improvement(a, principal, pct, year);
        }
        if let Some(shift) = self.life_expectancy_shift_years {
            let year = self
                .life_expectancy_target_year
                .unwrap_or(principal.base_year + 50);
            let k = improvement_scale_for_shift(principal, shift, year)?;
            scale_improvement(a, principal, k);
        }
        Ok(())
    }

    /// Scale net migration, then set it to a level or a path by year.
    fn apply_migration(
        &self,
        a: &mut DemographicAssumptions,
        principal: &DemographicAssumptions,
    ) -> Result<(), DemographyError> {
        if let Some(k) = self.net_migration_scale {
            a.net_migration_persons.mapv_inplace(|m| m * k);
        }
        if let Some(level) = self.net_migration_persons {
            let from = self.net_migration_from_year.unwrap_or(principal.base_year);
            set_migration_levels(a, principal, |year| (year >= from).then_some(level));
        } else if let Some(points) = &self.net_migration_persons_by_year {
            let pts = migration_points(points)?;
            set_migration_levels(a, principal, |year| interpolate(&pts, year));
        }
        Ok(())
    }
}

/// `net_migration_persons_by_year` as (calendar year, persons) points, in
/// year order.
fn migration_points(points: &BTreeMap<String, f64>) -> Result<Vec<(i32, f64)>, DemographyError> {
    let mut pts = Vec::new();
    for (k, v) in points {
        let y: i32 = k.trim().parse().map_err(|_| {
            bad(format!(
                "`net_migration_persons_by_year` key `{k}` is not a calendar year"
            ))
        })?;
        check_range(
            "net_migration_persons_by_year",
            Some(*v),
            -MAX_NET_MIGRATION_PERSONS,
            MAX_NET_MIGRATION_PERSONS,
            "persons a year",
        )?;
        pts.push((y, *v));
    }
    pts.sort_by_key(|p| p.0);
    Ok(pts)
}

fn interpolate(points: &[(i32, f64)], year: i32) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if year <= first.0 {
        return Some(first.1);
    }
    if year >= last.0 {
        return Some(last.1);
    }
    points.windows(2).find(|w| year <= w[1].0).map(|w| {
        let ((ya, va), (yb, vb)) = (w[0], w[1]);
        va + (vb - va) * f64::from(year - ya) / f64::from(yb - ya)
    })
}

/// Scale each year's age pattern so the TFR blends linearly from the
/// current path to `target` by `target_year`, then stays there.
fn scale_fertility(a: &mut DemographicAssumptions, target: f64, target_year: i32) {
    let span = f64::from((target_year - a.base_year).max(0));
    for j in 0..a.n_years() {
        let current = a.tfr(j);
        let w = if span == 0.0 {
            1.0
        } else {
            (j as f64 / span).min(1.0)
        };
        let wanted = current + w * (target - current);
        let k = if current > 0.0 { wanted / current } else { 0.0 };
        a.fertility_births_per_woman
            .column_mut(j)
            .mapv_inplace(|f| f * k);
    }
}

/// TFR(t) = TFR_principal(t) + (target − TFR_principal(target_year)) ·
/// min(t / phase_in_years, 1): the principal's shape with a difference
/// phased in; each year's age pattern is scaled.
fn offset_fertility(
    a: &mut DemographicAssumptions,
    principal: &DemographicAssumptions,
    target: f64,
    target_year: i32,
    phase_in_years: i32,
) -> Result<(), DemographyError> {
    let j_target = usize::try_from(target_year - principal.base_year)
        .ok()
        .filter(|j| *j < principal.n_years())
        .ok_or_else(|| {
            bad(format!(
                "`tfr_target_year` {target_year} must be from the base year {} to {}",
                principal.base_year,
                principal.last_year() - 1
            ))
        })?;
    let difference = target - principal.tfr(j_target);
    for j in 0..a.n_years() {
        let current = a.tfr(j);
        let w = (j as f64 / f64::from(phase_in_years)).min(1.0);
        let wanted = (principal.tfr(j) + difference * w).max(0.0);
        let k = if current > 0.0 { wanted / current } else { 0.0 };
        a.fertility_births_per_woman
            .column_mut(j)
            .mapv_inplace(|f| f * k);
    }
    Ok(())
}

/// q'(t) = q(t0) · (q(t) / q(t0))^k, from the principal's rates.
fn scale_improvement(a: &mut DemographicAssumptions, principal: &DemographicAssumptions, k: f64) {
    let n = principal.n_years();
    for s in 0..2 {
        for j in 0..n {
            for age in 0..crate::data::N_AGES {
                let q0 = principal.mortality_q[[s, age, 0]];
                let q = principal.mortality_q[[s, age, j]];
                a.mortality_q[[s, age, j]] = scaled(q0, q, k);
            }
            let q0 = principal.birth_year_mortality_q[[s, 0]];
            a.birth_year_mortality_q[[s, j]] =
                scaled(q0, principal.birth_year_mortality_q[[s, j]], k);
        }
    }
}

/// Move the long-term mortality improvement to `long_term_pct` % a year by
/// `target_year`: each year's improvement rate of each sex and age is the
/// principal's plus `(long_term_pct − 1.1) · w(t) · taper(age)`, with `w`
/// rising linearly from 0 in the base year to 1 in `target_year`, and the
/// rates rebuilt from the base year's. The first year's rates are unchanged.
fn shift_improvement(
    a: &mut DemographicAssumptions,
    principal: &DemographicAssumptions,
    long_term_pct: f64,
    target_year: i32,
) {
    let delta = (long_term_pct - ONS_PRINCIPAL_IMPROVEMENT_PCT) / 100.0;
    let span = f64::from((target_year - principal.base_year).max(1));
    let n = principal.n_years();
    for s in 0..2 {
        for age in 0..crate::data::N_AGES {
            let taper = if age <= IMPROVEMENT_FULL_TO_AGE {
                1.0
            } else {
                (110.0 - age as f64).max(0.0) / (110.0 - IMPROVEMENT_FULL_TO_AGE as f64)
            };
            let path = shifted_path(
                |j| principal.mortality_q[[s, age, j]],
                n,
                delta * taper,
                span,
            );
            for (j, v) in path.into_iter().enumerate() {
                a.mortality_q[[s, age, j]] = v;
            }
        }
        let path = shifted_path(|j| principal.birth_year_mortality_q[[s, j]], n, delta, span);
        for (j, v) in path.into_iter().enumerate() {
            a.birth_year_mortality_q[[s, j]] = v;
        }
    }
}

/// One rate's path `q(0..n)` with its year-on-year improvement raised by
/// `delta · min(j / span, 1)`.
fn shifted_path(q: impl Fn(usize) -> f64, n: usize, delta: f64, span: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(n);
    let mut current = q(0);
    out.push(current);
    for j in 1..n {
        let (before, now) = (q(j - 1), q(j));
        let improvement = if before > 0.0 {
            1.0 - now / before
        } else {
            0.0
        };
        let shifted = improvement + delta * (j as f64 / span).min(1.0);
        current = (current * (1.0 - shifted)).clamp(0.0, 1.0);
        out.push(current);
    }
    out
}

fn scaled(q0: f64, q: f64, k: f64) -> f64 {
    if q0 <= 0.0 || q <= 0.0 {
        return q;
    }
    (q0 * (q / q0).powf(k)).clamp(0.0, 1.0)
}

fn mean_e0(a: &DemographicAssumptions, j: usize) -> f64 {
    (0..2)
        .map(|s| {
            period_life_expectancy_at_birth(
                a.birth_year_mortality_q[[s, j]],
                a.mortality_q.slice(ndarray::s![s, .., j]),
            )
        })
        .sum::<f64>()
        / 2.0
}

/// The improvement scale that shifts mean period e0 in `year` by `shift` years.
fn improvement_scale_for_shift(
    principal: &DemographicAssumptions,
    shift: f64,
    year: i32,
) -> Result<f64, DemographyError> {
    let j = usize::try_from(year - principal.base_year)
        .ok()
        .filter(|j| *j < principal.n_years() && *j > 0)
        .ok_or_else(|| {
            bad(format!(
                "`life_expectancy_target_year` {year} must be after the base year {} and before {}",
                principal.base_year,
                principal.last_year()
            ))
        })?;
    let target = mean_e0(principal, j) + shift;
    let e0_at = |k: f64| {
        let mut a = principal.clone();
        scale_improvement(&mut a, principal, k);
        mean_e0(&a, j)
    };
    let (mut lo, mut hi) = (-3.0, 10.0);
    if !(e0_at(lo) <= target && target <= e0_at(hi)) {
        return Err(bad(format!("a life-expectancy shift of {shift} years in {year} is beyond what scaling mortality improvement can give")));
    }
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if e0_at(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok((lo + hi) / 2.0)
}

/// Set total net migration of each year to `level(year)` (when it gives
/// one), keeping the principal's age/sex distribution of that year.
fn set_migration_levels(
    a: &mut DemographicAssumptions,
    principal: &DemographicAssumptions,
    level: impl Fn(i32) -> Option<f64>,
) {
    // Fallback distribution (when a year's principal total is near zero):
    // the principal's profile summed over all years.
    let all = principal.net_migration_persons.sum_axis(ndarray::Axis(2));
    let all_total = all.sum();
    for j in 0..a.n_years() {
        let Some(l) = level(principal.base_year + j as i32) else {
            continue;
        };
        let profile = principal
            .net_migration_persons
            .slice(ndarray::s![.., .., j]);
        let total = profile.sum();
        let mut col = a.net_migration_persons.slice_mut(ndarray::s![.., .., j]);
        if total.abs() > 1000.0 {
            col.assign(&profile.mapv(|m| m * l / total));
        } else if all_total.abs() > 0.0 {
            col.assign(&all.mapv(|m| m * l / all_total));
        } else {
            col.fill(l / (2.0 * crate::data::N_AGES as f64));
        }
    }
}

/// How many applied settings [`PopulationSettings::applied`] keeps.
const KEPT_APPLIED: usize = 4;

/// The population the settings ask for, to mid-`last_year`. `file_text` is
/// the caller's reading of the file when the settings name one:
/// `(name for messages, text)`.
pub fn population_from_settings(
    settings: &PopulationSettings,
    last_year: i32,
    file_text: Option<(&str, &str)>,
) -> Result<PopulationOutcome, DemographyError> {
    match settings.choice()? {
        PopulationChoice::Embedded(name) => Ok(PopulationOutcome::Ready(ready_projection(&name)?)),
        PopulationChoice::File(path) => {
            let (name, text) = file_text.ok_or_else(|| {
                bad(format!(
                    "the projection file {} was not read: pass its text",
                    path.display()
                ))
            })?;
            Ok(PopulationOutcome::Ready(ready_projection_from_text(
                name, text,
            )?))
        }
        PopulationChoice::Assumptions => {
            let a = settings.applied()?;
            // No further than the assumptions reach (the caller's horizon
            // check names the field when it needs more).
            Ok(PopulationOutcome::Projected(Box::new(project(
                &a,
                last_year.min(a.last_year()),
            )?)))
        }
    }
}
