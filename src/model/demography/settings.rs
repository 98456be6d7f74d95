//! Scenario settings for the population (`[population]` in a scenario file)
//! and the variants they apply to the principal assumptions: a TFR path, a
//! life-expectancy shift or improvement-rate scale, a net migration level,
//! and named presets for the ONS variant families.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::assumptions::DemographicAssumptions;
use super::embedded::{ready_projection, ready_projection_from_text, READY_PROJECTIONS};
use super::engine::project;
use super::error::DemographyError;
use super::lifetable::period_life_expectancy_at_birth;
use super::projection::DemographicProjection;
use crate::data::PopulationTable;

/// Change in the long-run TFR of the fertility presets, children per woman.
pub const PRESET_TFR_STEP_CHILDREN_PER_WOMAN: f64 = 0.2;
/// Years over which the fertility presets phase in (ONS phases its variants
/// in over the first 25 years).
pub const PRESET_PHASE_IN_YEARS: i32 = 25;
/// Mortality improvement scale of the high life-expectancy preset.
pub const PRESET_HIGH_LE_IMPROVEMENT_SCALE: f64 = 1.75;
/// Mortality improvement scale of the low life-expectancy preset.
pub const PRESET_LOW_LE_IMPROVEMENT_SCALE: f64 = 0.25;
/// Net migration multiple of the high migration preset.
pub const PRESET_HIGH_MIGRATION_SCALE: f64 = 1.5;
/// Net migration multiple of the low migration preset.
pub const PRESET_LOW_MIGRATION_SCALE: f64 = 0.5;

/// Named presets for the ONS variant families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariantPreset {
    /// The principal assumptions unchanged.
    Principal,
    /// Long-run TFR 0.2 higher, phased in over 25 years.
    HighFertility,
    /// Long-run TFR 0.2 lower, phased in over 25 years.
    LowFertility,
    /// Mortality improvement 1.75 times the principal's.
    HighLifeExpectancy,
    /// Mortality improvement a quarter of the principal's.
    LowLifeExpectancy,
    /// Net migration 1.5 times the principal's, same age/sex distribution.
    HighMigration,
    /// Net migration half the principal's, same age/sex distribution.
    LowMigration,
    /// No net migration at any age.
    ZeroNetMigration,
}

impl VariantPreset {
    /// Every preset, for listings.
    pub const ALL: [VariantPreset; 8] = [
        VariantPreset::Principal,
        VariantPreset::HighFertility,
        VariantPreset::LowFertility,
        VariantPreset::HighLifeExpectancy,
        VariantPreset::LowLifeExpectancy,
        VariantPreset::HighMigration,
        VariantPreset::LowMigration,
        VariantPreset::ZeroNetMigration,
    ];

    /// The settings this preset stands for.
    pub fn settings(self, principal: &DemographicAssumptions) -> PopulationSettings {
        let long_run_tfr = principal.tfr(principal.n_years() - 1);
        let mut s = PopulationSettings::default();
        match self {
            VariantPreset::Principal => {}
            VariantPreset::HighFertility | VariantPreset::LowFertility => {
                let sign = if self == VariantPreset::HighFertility {
                    1.0
                } else {
                    -1.0
                };
                s.tfr_children_per_woman =
                    Some(long_run_tfr + sign * PRESET_TFR_STEP_CHILDREN_PER_WOMAN);
                s.tfr_target_year = Some(principal.base_year + PRESET_PHASE_IN_YEARS);
            }
            VariantPreset::HighLifeExpectancy => {
                s.mortality_improvement_scale = Some(PRESET_HIGH_LE_IMPROVEMENT_SCALE)
            }
            VariantPreset::LowLifeExpectancy => {
                s.mortality_improvement_scale = Some(PRESET_LOW_LE_IMPROVEMENT_SCALE)
            }
            VariantPreset::HighMigration => {
                s.net_migration_scale = Some(PRESET_HIGH_MIGRATION_SCALE)
            }
            VariantPreset::LowMigration => s.net_migration_scale = Some(PRESET_LOW_MIGRATION_SCALE),
            VariantPreset::ZeroNetMigration => s.net_migration_scale = Some(0.0),
        }
        s
    }
}

/// The `[population]` table of a scenario file. Either `projection` (a ready
/// projection) or assumptions changing the ONS 2022-based principal; a
/// `variant` preset is applied first and explicit fields then override it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationSettings {
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
    /// the principal before it). Default: the base year + 25.
    pub tfr_target_year: Option<i32>,
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
    /// Males born per female born (the ONS uses 1.05).
    pub sex_ratio_males_per_female: Option<f64>,
}

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
    /// True when any assumption field is set (not `projection`).
    fn has_assumptions(&self) -> bool {
        self.variant.is_some()
            || self.tfr_children_per_woman.is_some()
            || self.tfr_target_year.is_some()
            || self.life_expectancy_shift_years.is_some()
            || self.life_expectancy_target_year.is_some()
            || self.mortality_improvement_scale.is_some()
            || self.net_migration_persons.is_some()
            || self.net_migration_from_year.is_some()
            || self.net_migration_persons_by_year.is_some()
            || self.net_migration_scale.is_some()
            || self.sex_ratio_males_per_female.is_some()
    }

    /// Which population these settings ask for (and whether they conflict).
    pub fn choice(&self) -> Result<PopulationChoice, DemographyError> {
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
    pub fn apply(
        &self,
        principal: &DemographicAssumptions,
    ) -> Result<DemographicAssumptions, DemographyError> {
        if self.projection.is_some() {
            return Err(bad(
                "a ready `projection` has no assumptions to apply; load it with `ready_projection`",
            ));
        }
        check_range(
            "tfr_children_per_woman",
            self.tfr_children_per_woman,
            0.0,
            8.0,
            "children per woman",
        )?;
        check_range(
            "life_expectancy_shift_years",
            self.life_expectancy_shift_years,
            -30.0,
            30.0,
            "years",
        )?;
        check_range(
            "mortality_improvement_scale",
            self.mortality_improvement_scale,
            -3.0,
            10.0,
            "(1 = principal)",
        )?;
        check_range(
            "net_migration_persons",
            self.net_migration_persons,
            -5e6,
            5e6,
            "persons a year",
        )?;
        check_range(
            "net_migration_scale",
            self.net_migration_scale,
            0.0,
            10.0,
            "(1 = principal)",
        )?;
        check_range(
            "sex_ratio_males_per_female",
            self.sex_ratio_males_per_female,
            0.8,
            1.3,
            "males per female",
        )?;
        if self.life_expectancy_shift_years.is_some() && self.mortality_improvement_scale.is_some()
        {
            return Err(bad("give either `life_expectancy_shift_years` or `mortality_improvement_scale`, not both"));
        }
        if self.net_migration_persons.is_some() && self.net_migration_persons_by_year.is_some() {
            return Err(bad(
                "give either `net_migration_persons` or `net_migration_persons_by_year`, not both",
            ));
        }
        principal.validate()?;
        let base = match self.variant {
            Some(v) => v.settings(principal).apply(principal)?,
            None => principal.clone(),
        };
        let mut a = base;
        if let Some(target) = self.tfr_children_per_woman {
            let year = self
                .tfr_target_year
                .unwrap_or(principal.base_year + PRESET_PHASE_IN_YEARS);
            scale_fertility(&mut a, target, year);
        }
        if let Some(k) = self.mortality_improvement_scale {
            scale_improvement(&mut a, principal, k);
        }
        if let Some(shift) = self.life_expectancy_shift_years {
            let year = self
                .life_expectancy_target_year
                .unwrap_or(principal.base_year + 50);
            let k = improvement_scale_for_shift(principal, shift, year)?;
            scale_improvement(&mut a, principal, k);
        }
        if let Some(k) = self.net_migration_scale {
            a.net_migration_persons.mapv_inplace(|m| m * k);
        }
        if let Some(level) = self.net_migration_persons {
            let from = self.net_migration_from_year.unwrap_or(principal.base_year);
            set_migration_levels(&mut a, principal, |year| (year >= from).then_some(level));
        } else if let Some(points) = &self.net_migration_persons_by_year {
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
                    -5e6,
                    5e6,
                    "persons a year",
                )?;
                pts.push((y, *v));
            }
            pts.sort_by_key(|p| p.0);
            set_migration_levels(&mut a, principal, |year| interpolate(&pts, year));
        }
        if let Some(sr) = self.sex_ratio_males_per_female {
            a.sex_ratio_males_per_female = sr;
        }
        a.validate()?;
        Ok(a)
    }
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
            let principal = super::embedded::principal_assumptions()?;
            let a = settings.apply(&principal)?;
            Ok(PopulationOutcome::Projected(Box::new(project(
                &a, last_year,
            )?)))
        }
    }
}
