//! The inputs of the cohort-component engine and their validation.
//!
//! Year index `j` of every rate array is the projection year from mid-year
//! `base_year + j` to mid-year `base_year + j + 1`.

use ndarray::{Array2, Array3};

use super::error::{who, DemographyError};
use crate::data::{Sex, MAX_AGE, N_AGES};

/// Youngest age of mother to which fertility rates apply.
pub const FERTILE_MIN_AGE: usize = crate::data::ons_opendata::FERTILE_MIN_AGE;
/// Oldest age of mother to which fertility rates apply.
pub const FERTILE_MAX_AGE: usize = crate::data::ons_opendata::FERTILE_MAX_AGE;
/// Number of fertile single years of age (15..=46).
pub const N_FERTILE_AGES: usize = crate::data::ons_opendata::N_FERTILE_AGES;

/// Everything the engine needs to project the population.
#[derive(Debug, Clone, PartialEq)]
pub struct DemographicAssumptions {
    /// Calendar year of the base (mid-year) population.
    pub base_year: i32,
    /// Persons at mid-`base_year`, `[sex, age]`, ages 0..=105 (105 = 105+).
    pub base_population_persons: Array2<f64>,
    /// Age-specific fertility, births per woman per year, `[age - 15, year]`,
    /// applied to the average of the women of that age at the start and end
    /// of the year.
    pub fertility_births_per_woman: Array2<f64>,
    /// Probability of dying during the year, by age at its start,
    /// `[sex, age, year]`, applied to the population plus half the net
    /// migrants of that age.
    pub mortality_q: Array3<f64>,
    /// Probability that a baby born during the year dies before its end, `[sex, year]`.
    pub birth_year_mortality_q: Array2<f64>,
    /// Net migration (international + cross-border), persons, `[sex, age, year]`,
    /// recorded at age `a` at the start of the year.
    pub net_migration_persons: Array3<f64>,
    /// Males born per female born.
    pub sex_ratio_males_per_female: f64,
}

/// An error unless array `what` has the `expected` shape (`hint` says
/// what that shape means).
fn check_shape(
    what: &'static str,
    found: &[usize],
    expected: Vec<usize>,
    hint: &str,
) -> Result<(), DemographyError> {
    if found != expected.as_slice() {
        Err(DemographyError::Shape {
            what,
            found: found.to_vec(),
            expected,
            hint: hint.to_string(),
        })
    } else {
        Ok(())
    }
}

impl DemographicAssumptions {
    /// Number of projection years the rates cover.
    pub fn n_years(&self) -> usize {
        self.mortality_q.shape()[2]
    }

    /// The last mid-year the assumptions can reach.
    pub fn last_year(&self) -> i32 {
        self.base_year + self.n_years() as i32
    }

    /// Total fertility rate (children per woman) of projection year `j`.
    pub fn tfr(&self, j: usize) -> f64 {
        self.fertility_births_per_woman.column(j).sum()
    }

    /// Total net migration (persons) of projection year `j`.
    pub fn net_migration_total(&self, j: usize) -> f64 {
        self.net_migration_persons
            .slice(ndarray::s![.., .., j])
            .sum()
    }

    /// Check shapes, ranges and signs; every projection validates first.
    pub fn validate(&self) -> Result<(), DemographyError> {
        self.check_shapes()?;
        if !(self.sex_ratio_males_per_female.is_finite() && self.sex_ratio_males_per_female > 0.0) {
            return Err(DemographyError::Settings(format!(
                "sex ratio at birth {} must be a positive number of males per female (about 1.05)",
                self.sex_ratio_males_per_female
            )));
        }
        self.check_base_population()?;
        self.check_rates()
    }

    /// Check each array has the shape of the base year and projection years.
    fn check_shapes(&self) -> Result<(), DemographyError> {
        let n = self.n_years();
        check_shape(
            "base population",
            self.base_population_persons.shape(),
            vec![2, N_AGES],
            "[sex, age] with every age 0..=105 for both sexes (105 = 105 and over)",
        )?;
        check_shape(
            "mortality rates",
            self.mortality_q.shape(),
            vec![2, N_AGES, n],
            "[sex, age 0..=105, projection year]",
        )?;
        if n == 0 {
            return Err(DemographyError::Settings(
                "the assumptions cover no projection year".into(),
            ));
        }
        check_shape(
            "birth-year mortality rates",
            self.birth_year_mortality_q.shape(),
            vec![2, n],
            "[sex, projection year], as many years as the mortality rates",
        )?;
        check_shape(
            "fertility rates",
            self.fertility_births_per_woman.shape(),
            vec![N_FERTILE_AGES, n],
            "[mother's age 15..=46, projection year], as many years as the mortality rates",
        )?;
        check_shape(
            "net migration",
            self.net_migration_persons.shape(),
            vec![2, N_AGES, n],
            "[sex, age 0..=105, projection year], as many years as the mortality rates",
        )
    }

    /// Check every base-year count is a finite number, not negative.
    fn check_base_population(&self) -> Result<(), DemographyError> {
        for ((s, a), v) in self.base_population_persons.indexed_iter() {
            if !(v.is_finite() && *v >= 0.0) {
                return Err(DemographyError::NegativeCount {
                    what: "base population",
                    who: who(Sex::ALL[s], a),
                    value: *v,
                });
            }
        }
        Ok(())
    }

    /// Check mortality and fertility rates lie in 0..=1 and net migration
    /// is finite.
    fn check_rates(&self) -> Result<(), DemographyError> {
        let rate_ok = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        // The usual case, every value in range, checked without the
        // indices; the indexed search below only runs to name the culprit.
        let all_in_range = self.mortality_q.iter().all(|v| rate_ok(*v))
            && self.birth_year_mortality_q.iter().all(|v| rate_ok(*v))
            && self.fertility_births_per_woman.iter().all(|v| rate_ok(*v))
            && self.net_migration_persons.iter().all(|v| v.is_finite());
        if all_in_range {
            return Ok(());
        }
        let year = |j: usize| self.base_year + j as i32;
        for ((s, a, j), v) in self.mortality_q.indexed_iter() {
            if !rate_ok(*v) {
                return Err(DemographyError::RateOutOfRange {
                    what: "mortality rate q",
                    who: who(
                        Sex::ALL[s],
                        if a == MAX_AGE {
                            "105+".to_string()
                        } else {
                            a.to_string()
                        },
                    ),
                    year: year(j),
                    value: *v,
                });
            }
        }
        for ((s, j), v) in self.birth_year_mortality_q.indexed_iter() {
            if !rate_ok(*v) {
                return Err(DemographyError::RateOutOfRange {
                    what: "birth-year mortality rate q",
                    who: format!("{} babies born in the year", Sex::ALL[s].name()),
                    year: year(j),
                    value: *v,
                });
            }
        }
        for ((i, j), v) in self.fertility_births_per_woman.indexed_iter() {
            if !rate_ok(*v) {
                return Err(DemographyError::RateOutOfRange {
                    what: "fertility rate (births per woman)",
                    who: who(Sex::Female, FERTILE_MIN_AGE + i),
                    year: year(j),
                    value: *v,
                });
            }
        }
        for ((s, a, j), v) in self.net_migration_persons.indexed_iter() {
            if !v.is_finite() {
                return Err(DemographyError::NotFinite {
                    what: "net migration",
                    who: who(Sex::ALL[s], a),
                    year: year(j),
                    value: *v,
                });
            }
        }
        Ok(())
    }

    /// The same assumptions restricted to the first `n` projection years.
    #[cfg(test)]
    pub fn truncated(&self, n: usize) -> DemographicAssumptions {
        let n = n.min(self.n_years());
        DemographicAssumptions {
            base_year: self.base_year,
            base_population_persons: self.base_population_persons.clone(),
            fertility_births_per_woman: self
                .fertility_births_per_woman
                .slice(ndarray::s![.., ..n])
                .to_owned(),
            mortality_q: self.mortality_q.slice(ndarray::s![.., .., ..n]).to_owned(),
            birth_year_mortality_q: self
                .birth_year_mortality_q
                .slice(ndarray::s![.., ..n])
                .to_owned(),
            net_migration_persons: self
                .net_migration_persons
                .slice(ndarray::s![.., .., ..n])
                .to_owned(),
            sex_ratio_males_per_female: self.sex_ratio_males_per_female,
        }
    }
}
