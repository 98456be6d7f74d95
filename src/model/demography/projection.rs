//! A projected population and its per-year summary (what `fiscal population`
//! prints): totals, age groups, flows, TFR, life expectancy and the old-age
//! dependency ratio given a State Pension age path.

use ndarray::{s, Array1, Array2, Array3};
use serde::Serialize;

use crate::data::{PopulationTable, MAX_AGE, N_AGES};

/// The output of [`super::project`].
#[derive(Debug, Clone, PartialEq)]
pub struct DemographicProjection {
    /// The base mid-year.
    pub first_year: i32,
    /// Persons `[sex, age, year - first_year]`, mid-years `first_year..=last_year()`.
    pub population_persons: Array3<f64>,
    /// Live births `[sex, j]` in the year from mid-`first_year + j` to the next mid-year.
    pub births_persons: Array2<f64>,
    /// Deaths `[sex, j]` in year `j`, including babies born in the year.
    pub deaths_persons: Array2<f64>,
    /// Net migration realised `[sex, j]` in year `j`.
    pub net_migration_persons: Array2<f64>,
    /// Total fertility rate of year `j`, children per woman.
    pub tfr_children_per_woman: Array1<f64>,
    /// Period life expectancy at birth `[sex, j]` from year `j`'s rates, years.
    pub life_expectancy_at_birth_years: Array2<f64>,
}

impl DemographicProjection {
    /// The last mid-year projected.
    pub fn last_year(&self) -> i32 {
        self.first_year + self.population_persons.shape()[2] as i32 - 1
    }

    /// Total persons at mid-`year`.
    pub fn total(&self, year: i32) -> Option<f64> {
        let j = usize::try_from(year - self.first_year).ok()?;
        (j < self.population_persons.shape()[2])
            .then(|| self.population_persons.slice(s![.., .., j]).sum())
    }

    /// The population as a [`PopulationTable`] (the format the rest of the
    /// model reads), named `source`.
    pub fn to_population_table(&self, source: &str) -> PopulationTable {
        PopulationTable {
            source: source.to_string(),
            first_year: self.first_year,
            persons: self.population_persons.clone(),
        }
    }

    /// Per-year summary rows, flows of the year from each mid-year to the next
    /// (absent in the last year).
    pub fn summary(&self, spa: &SpaPath) -> Vec<SummaryRow> {
        let mut rows = summary_of_population(&self.population_persons, self.first_year, spa);
        for (j, row) in rows.iter_mut().enumerate() {
            if j < self.births_persons.shape()[1] {
                row.births_persons = Some(self.births_persons.column(j).sum());
                row.deaths_persons = Some(self.deaths_persons.column(j).sum());
                row.net_migration_persons = Some(self.net_migration_persons.column(j).sum());
                row.tfr_children_per_woman = Some(self.tfr_children_per_woman[j]);
                row.life_expectancy_at_birth_male_years =
                    Some(self.life_expectancy_at_birth_years[[0, j]]);
                row.life_expectancy_at_birth_female_years =
                    Some(self.life_expectancy_at_birth_years[[1, j]]);
            }
        }
        rows
    }
}

/// The State Pension age by calendar year: points `(year, age)` joined by
/// straight lines, flat before the first and after the last.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SpaPath {
    /// `(calendar year, State Pension age in years)` at mid-year, ascending years.
    pub points: Vec<(i32, f64)>,
}

impl SpaPath {
    /// The legislated UK timetable (Pensions Acts 2007, 2011 and 2014): 66
    /// until 2026, rising to 67 between 2026 and 2028 and to 68 between 2044
    /// and 2046: the one the ONS counts pension-age people with.
    pub fn legislated() -> SpaPath {
        SpaPath {
            points: vec![(2026, 66.0), (2028, 67.0), (2044, 67.0), (2046, 68.0)],
        }
    }

    /// State Pension age at mid-`year`, years.
    pub fn age_at(&self, year: i32) -> f64 {
        let Some(&(y0, a0)) = self.points.first() else {
            return 66.0;
        };
        if year <= y0 {
            return a0;
        }
        for w in self.points.windows(2) {
            let ((ya, aa), (yb, ab)) = (w[0], w[1]);
            if year <= yb && yb > ya {
                return aa + (ab - aa) * f64::from(year - ya) / f64::from(yb - ya);
            }
        }
        self.points.last().map(|p| p.1).unwrap_or(a0)
    }
}

/// Share of the people aged `a` (last birthday) who are at or over `age_years`,
/// taking birthdays as spread evenly over the year.
pub fn share_at_or_over(a: usize, age_years: f64) -> f64 {
    (a as f64 + 1.0 - age_years).clamp(0.0, 1.0)
}

/// One row of the population summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// Calendar mid-year.
    pub year: i32,
    /// All persons.
    pub population_persons: f64,
    /// Persons aged 0-15.
    pub aged_0_15_persons: f64,
    /// Persons aged 16-64.
    pub aged_16_64_persons: f64,
    /// Persons aged 65 and over.
    pub aged_65_plus_persons: f64,
    /// State Pension age used this year, years.
    pub state_pension_age_years: f64,
    /// Persons from 16 to State Pension age.
    pub working_age_persons: f64,
    /// Persons at or over State Pension age.
    pub pension_age_persons: f64,
    /// Persons over State Pension age per 1,000 of working age.
    pub old_age_dependency_ratio_per_1000: f64,
    /// Live births from this mid-year to the next.
    pub births_persons: Option<f64>,
    /// Deaths from this mid-year to the next.
    pub deaths_persons: Option<f64>,
    /// Net migration from this mid-year to the next.
    pub net_migration_persons: Option<f64>,
    /// Total fertility rate, children per woman.
    pub tfr_children_per_woman: Option<f64>,
    /// Period life expectancy at birth, males, years.
    pub life_expectancy_at_birth_male_years: Option<f64>,
    /// Period life expectancy at birth, females, years.
    pub life_expectancy_at_birth_female_years: Option<f64>,
}

/// Summary rows of a population array `[sex, age, year]` with no flows (for
/// ready projections such as the ONS variant files).
pub fn summary_of_population(
    persons: &Array3<f64>,
    first_year: i32,
    spa: &SpaPath,
) -> Vec<SummaryRow> {
    let n = persons.shape()[2];
    (0..n)
        .map(|j| {
            let year = first_year + j as i32;
            let spa_age = spa.age_at(year);
            let by_age: Vec<f64> = (0..N_AGES)
                .map(|a| persons[[0, a, j]] + persons[[1, a, j]])
                .collect();
            let sum = |r: std::ops::RangeInclusive<usize>| -> f64 { by_age[r].iter().sum() };
            let pension: f64 = (16..N_AGES)
                .map(|a| by_age[a] * share_at_or_over(a, spa_age))
                .sum();
            let working = sum(16..=MAX_AGE) - pension;
            SummaryRow {
                year,
                population_persons: by_age.iter().sum(),
                aged_0_15_persons: sum(0..=15),
                aged_16_64_persons: sum(16..=64),
                aged_65_plus_persons: sum(65..=MAX_AGE),
                state_pension_age_years: spa_age,
                working_age_persons: working,
                pension_age_persons: pension,
                old_age_dependency_ratio_per_1000: if working > 0.0 {
                    1000.0 * pension / working
                } else {
                    f64::NAN
                },
                births_persons: None,
                deaths_persons: None,
                net_migration_persons: None,
                tfr_children_per_woman: None,
                life_expectancy_at_birth_male_years: None,
                life_expectancy_at_birth_female_years: None,
            }
        })
        .collect()
}

/// Summary rows of a ready projection.
pub fn summary_of_table(table: &PopulationTable, spa: &SpaPath) -> Vec<SummaryRow> {
    summary_of_population(&table.persons, table.first_year, spa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spa_path_interpolates() {
        let p = SpaPath::legislated();
        assert_eq!(p.age_at(2020), 66.0);
        assert_eq!(p.age_at(2027), 66.5);
        assert_eq!(p.age_at(2030), 67.0);
        assert_eq!(p.age_at(2045), 67.5);
        assert_eq!(p.age_at(2070), 68.0);
        assert_eq!(share_at_or_over(66, 66.5), 0.5);
        assert_eq!(share_at_or_over(70, 66.5), 1.0);
        assert_eq!(share_at_or_over(60, 66.5), 0.0);
    }
}
