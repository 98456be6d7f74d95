//! Population by sex, single year of age (0..=105, the last the open group
//! 105+) and mid-year, held as an ndarray `[sex, age, year]`.
//!
//! File format (`data/population_*.csv`): columns `sex,age,<year>,<year>,...`
//! with `sex` `male` or `female`, `age` 0..=105 and one column per calendar
//! mid-year, values in persons. Every sex × age row must be present once.

use ndarray::Array3;

use super::{CsvTable, DataError};

/// Highest single year of age; it stands for `MAX_AGE` and over.
pub const MAX_AGE: usize = 105;
/// Number of age groups (0..=MAX_AGE).
pub const N_AGES: usize = MAX_AGE + 1;

/// The most persons a table may give for one sex and single year of age
/// (the largest UK cohort is under 0.5 million): more is a corrupt cell.
pub(crate) const MAX_PERSONS_PER_CELL: f64 = 5.0e6;

/// Calendar mid-years a population table may cover.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2300;

/// Sex, in the order of the first array axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Males (index 0).
    Male = 0,
    /// Females (index 1).
    Female = 1,
}

impl Sex {
    /// Both sexes, in index order.
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];

    /// Read `male`/`female` (also `m`/`f`, `1`/`2` as in ONS files).
    pub(crate) fn parse(s: &str) -> Option<Sex> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "1" | "males" => Some(Sex::Male),
            "female" | "f" | "2" | "females" => Some(Sex::Female),
            _ => None,
        }
    }

    /// The lower-case name used in tables.
    pub fn name(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// Keys the rows of a `sex,age,...` table: reads the two key cells, rejects
/// duplicates and, at the end, missing sex × age rows.
pub(crate) struct SexAgeRows<'a> {
    table: &'a str,
    /// First line of each sex × age row (0: not seen yet).
    seen: ndarray::Array2<usize>,
}

// Indices are a `Sex` (0 or 1) and an age checked to be at most `MAX_AGE`,
// into an array of shape (2, N_AGES): always in range.
#[allow(clippy::indexing_slicing)]
impl<'a> SexAgeRows<'a> {
    /// A tracker for the table named `table`.
    pub(crate) fn new(table: &'a str) -> Self {
        SexAgeRows {
            table,
            seen: ndarray::Array2::zeros((2, N_AGES)),
        }
    }

    /// The (sex, age) of the row at `line`.
    pub(crate) fn key(
        &mut self,
        line: usize,
        sex_cell: &str,
        age_cell: &str,
    ) -> Result<(Sex, usize), DataError> {
        let sex = Sex::parse(sex_cell).ok_or_else(|| {
            DataError::invalid(
                self.table,
                line,
                format!("column `sex`: `{sex_cell}` is not a sex: write male or female"),
            )
        })?;
        let age: usize = age_cell.parse().ok().filter(|a| *a <= MAX_AGE).ok_or_else(|| {
            DataError::invalid(
                self.table,
                line,
                format!("column `age`: `{age_cell}` is not an age 0..={MAX_AGE} ({MAX_AGE} stands for {MAX_AGE} and over)"),
            )
        })?;
        let first = self.seen[[sex as usize, age]];
        if first != 0 {
            return Err(DataError::invalid(
                self.table,
                line,
                format!(
                    "duplicate row for {} aged {age} (first at line {first}): keep one",
                    sex.name()
                ),
            ));
        }
        self.seen[[sex as usize, age]] = line;
        Ok((sex, age))
    }

    /// An error naming the first sex × age row never seen.
    pub(crate) fn finish(&self) -> Result<(), DataError> {
        for sex in Sex::ALL {
            if let Some(age) = (0..N_AGES).find(|a| self.seen[[sex as usize, *a]] == 0) {
                return Err(DataError::invalid(
                    self.table,
                    0,
                    format!("missing row for {} aged {age}: every age 0..={MAX_AGE} is needed for both sexes", sex.name()),
                ));
            }
        }
        Ok(())
    }
}

/// A population projection by sex, age and calendar mid-year.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationTable {
    /// Where the table came from (for metadata).
    pub source: String,
    /// Calendar year of the first column.
    pub first_year: i32,
    /// Persons, indexed `[sex, age, year - first_year]`.
    pub(crate) persons: Array3<f64>,
}

impl PopulationTable {
    /// The last calendar year covered.
    pub fn last_year(&self) -> i32 {
        self.first_year + self.persons.dim().2 as i32 - 1
    }

    /// Persons of `sex` and `age` in mid-year `year`, if covered.
    pub fn get(&self, sex: Sex, age: usize, year: i32) -> Option<f64> {
        let j = usize::try_from(year - self.first_year).ok()?;
        self.persons.get((sex as usize, age, j)).copied()
    }

    /// Total persons in mid-year `year`.
    pub fn total(&self, year: i32) -> Option<f64> {
        let j = usize::try_from(year - self.first_year).ok()?;
        if j >= self.persons.dim().2 {
            return None;
        }
        Some(self.persons.slice(ndarray::s![.., .., j]).sum())
    }

    /// Parse the wide CSV format described in the module docs.
    ///
    /// Every cell must lie within `0..=`[`MAX_PERSONS_PER_CELL`] and every
    /// year column within [`YEARS`].
    pub(crate) fn parse(name: &str, text: &str) -> Result<PopulationTable, DataError> {
        let (first_year, persons, keys) =
            CsvTable::for_each_row(name, text, |t| Reading::start(name, t), Reading::row)?.done();
        keys.finish()?;
        Ok(PopulationTable {
            source: name.to_string(),
            first_year,
            persons,
        })
    }
}

/// A population table being read a row at a time.
struct Reading<'a> {
    sex_col: usize,
    age_col: usize,
    /// (column, year) of each year column.
    years: Vec<(usize, i32)>,
    /// Column names for messages, made once (not once a cell).
    year_names: Vec<String>,
    persons: Array3<f64>,
    keys: SexAgeRows<'a>,
}

impl<'a> Reading<'a> {
    /// Check the header: `sex`, `age` and consecutive year columns.
    fn start(name: &'a str, t: &CsvTable) -> Result<Reading<'a>, DataError> {
        let sex_col = t.column("sex")?;
        let age_col = t.column("age")?;
        let mut years = Vec::new();
        for (k, h) in t.header.iter().enumerate() {
            if k == sex_col || k == age_col {
                continue;
            }
            let y: i32 = h.parse().ok().filter(|y| YEARS.contains(y)).ok_or_else(|| {
                DataError::invalid(
                    name,
                    1,
                    format!(
                        "column `{h}` is not a calendar year from {} to {}: year columns are named like 2025", YEARS.start(), YEARS.end()
                    ),
                )
            })?;
            years.push((k, y));
        }
        if years.is_empty() {
            return Err(DataError::invalid(
                name,
                1,
                "no year columns: add columns named by calendar mid-year, e.g. 2025",
            ));
        }
        let first_year = years.first().map_or(0, |y| y.1);
        for (i, (_, y)) in years.iter().enumerate() {
            if *y != first_year + i as i32 {
                return Err(DataError::invalid(
                    name,
                    1,
                    format!("year columns must run consecutively from {first_year}; found {y} where {} was expected", first_year + i as i32),
                ));
            }
        }
        Ok(Reading {
            sex_col,
            age_col,
            year_names: years.iter().map(|(_, y)| y.to_string()).collect(),
            persons: Array3::<f64>::zeros((2, N_AGES, years.len())),
            years,
            keys: SexAgeRows::new(name),
        })
    }

    /// One data row: its sex and age, then a count for each year.
    fn row(&mut self, t: &CsvTable, line: usize, row: &[&str]) -> Result<(), DataError> {
        let cell = |k: usize| row.get(k).copied().unwrap_or("");
        let (sex, age) = self
            .keys
            .key(line, cell(self.sex_col), cell(self.age_col))?;
        for (j, ((k, _), y)) in self.years.iter().zip(&self.year_names).enumerate() {
            let v = t.bounded(
                line,
                y,
                cell(*k),
                (0.0, MAX_PERSONS_PER_CELL),
                "persons of one sex and single year of age",
            )?;
            if let Some(c) = self.persons.get_mut([sex as usize, age, j]) {
                *c = v;
            }
        }
        Ok(())
    }

    fn done(self) -> (i32, Array3<f64>, SexAgeRows<'a>) {
        (
            self.years.first().map_or(0, |y| y.1),
            self.persons,
            self.keys,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(extra: &str, skip: Option<(usize, usize)>) -> String {
        let mut s = String::from("sex,age,2025,2026\n");
        for sex in ["male", "female"] {
            for a in 0..N_AGES {
                if skip == Some((if sex == "male" { 0 } else { 1 }, a)) {
                    continue;
                }
                s.push_str(&format!("{sex},{a},{},{}\n", 100 + a, 101 + a));
            }
        }
        s.push_str(extra);
        s
    }

    #[test]
    fn parses_complete_table() {
        let p = PopulationTable::parse("p", &table("", None)).unwrap();
        assert_eq!(p.first_year, 2025);
        assert_eq!(p.last_year(), 2026);
        assert_eq!(p.get(Sex::Female, 3, 2026), Some(104.0));
    }

    #[test]
    fn reports_missing_and_duplicate_ages() {
        let e = PopulationTable::parse("p", &table("", Some((1, 50)))).unwrap_err();
        assert!(e.to_string().contains("female aged 50"), "{e}");
        let e = PopulationTable::parse("p", &table("male,7,1,1\n", None)).unwrap_err();
        assert!(e.to_string().contains("duplicate"), "{e}");
        let e = PopulationTable::parse("p", &table("", None).replace("male,7,107", "male,7,-107"))
            .unwrap_err();
        assert!(e.to_string().contains("negative"), "{e}");
    }
}
