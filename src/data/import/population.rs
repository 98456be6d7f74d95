//! ONS 2022-based national population projection (principal), UK, by sex and
//! single year of age: the wide CSV `sex,age,<year>...` (ages 0..104,
//! "105 - 109", "110 and over"). The two open groups are summed into 105.

use std::path::Path;

use ndarray::Array3;

use super::source::{fmt_num, Headed, SourceCsv};
use super::ImportError;
use crate::data::{Sex, MAX_AGE, N_AGES};

/// The projection as read: persons `[sex, age, year - first_year]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// First calendar mid-year.
    pub first_year: i32,
    /// Persons by sex, age (105 = 105 and over), year.
    pub persons: Array3<f64>,
}

impl Population {
    /// Persons of `sex`, `age` in `year` (0 if out of range).
    pub fn get(&self, sex: Sex, age: usize, year: i32) -> f64 {
        usize::try_from(year - self.first_year)
            .ok()
            .and_then(|j| self.persons.get((sex as usize, age, j)).copied())
            .unwrap_or(0.0)
    }

    /// Persons of `sex` aged `lo..=hi` in `year`.
    pub fn band(&self, sex: Sex, lo: usize, hi: usize, year: i32) -> f64 {
        (lo..=hi.min(MAX_AGE)).map(|a| self.get(sex, a, year)).sum()
    }

    /// Both sexes aged `lo..=hi` in `year`.
    pub fn band_persons(&self, lo: usize, hi: usize, year: i32) -> f64 {
        Sex::ALL.iter().map(|s| self.band(*s, lo, hi, year)).sum()
    }

    /// Total persons in `year`.
    pub fn total(&self, year: i32) -> f64 {
        self.band_persons(0, MAX_AGE, year)
    }

    /// The output table `sex,age,<years>` (males first, then females).
    pub fn to_csv(&self) -> (String, usize) {
        let n_years = self.persons.shape()[2];
        let mut out = String::from("sex,age");
        for j in 0..n_years {
            out.push_str(&format!(",{}", self.first_year + j as i32));
        }
        out.push('\n');
        let mut rows = 0;
        for sex in Sex::ALL {
            for age in 0..N_AGES {
                out.push_str(&format!("{},{age}", sex.name()));
                for j in 0..n_years {
                    out.push(',');
                    out.push_str(&fmt_num(self.persons[[sex as usize, age, j]]));
                }
                out.push('\n');
                rows += 1;
            }
        }
        (out, rows)
    }
}

/// Map an ONS age label to an age index (the open groups go to 105).
fn age_index(label: &str) -> Option<usize> {
    match label {
        "105 - 109" | "105-109" | "110 and over" | "110+" | "105+" => Some(MAX_AGE),
        _ => label.parse::<usize>().ok().filter(|a| *a < MAX_AGE + 1),
    }
}

/// Read the UK single-year-of-age projection CSV.
pub fn read(path: &Path) -> Result<Population, ImportError> {
    parse(&SourceCsv::read(path)?)
}

/// Parse an already-read projection CSV.
pub fn parse(src: &SourceCsv) -> Result<Population, ImportError> {
    let t = src.with_header()?;
    t.require_full_rows()?;
    let (cs, ca) = (t.column("sex")?, t.column("age")?);
    let years = year_columns(&t, cs, ca)?;
    let first_year = years
        .first()
        .map(|(_, y)| *y)
        .ok_or_else(|| ImportError::invalid(t.path(), 1, "no year columns"))?;
    let mut persons = Array3::<f64>::zeros((2, N_AGES, years.len()));
    let mut seen = vec![[false; N_AGES + 5]; 2];
    for (line, row) in t.rows {
        let (sex, age, slot) = sex_and_age(&t, *line, row, cs, ca)?;
        if seen[sex as usize][slot] {
            return Err(ImportError::invalid(
                t.path(),
                *line,
                format!(
                    "duplicate row for {} age `{}`",
                    sex.name(),
                    Headed::cell(row, ca)
                ),
            ));
        }
        seen[sex as usize][slot] = true;
        for (j, (k, y)) in years.iter().enumerate() {
            let v = t.number(*line, row, *k, &y.to_string())?;
            if v < 0.0 {
                return Err(ImportError::invalid(
                    t.path(),
                    *line,
                    format!("column `{y}`: negative population {v}"),
                ));
            }
            persons[[sex as usize, age, j]] += v;
        }
    }
    for sex in Sex::ALL {
        if let Some(age) = (0..N_AGES).find(|a| !seen[sex as usize][*a]) {
            return Err(ImportError::invalid(
                t.path(),
                0,
                format!("missing row for {} aged {age}: every age 0..104 and `105 - 109` is needed for both sexes", sex.name()),
            ));
        }
    }
    Ok(Population {
        first_year,
        persons,
    })
}

/// The year columns (every column but `sex` and `age`, at `cs` and `ca`):
/// each one's index and mid-year, consecutive.
fn year_columns(t: &Headed<'_>, cs: usize, ca: usize) -> Result<Vec<(usize, i32)>, ImportError> {
    let mut years: Vec<(usize, i32)> = Vec::new();
    for (k, h) in t.header.iter().enumerate() {
        if k == cs || k == ca {
            continue;
        }
        let y: i32 = h.parse().map_err(|_| {
            ImportError::invalid(
                t.path(),
                1,
                format!("column `{h}` is not a year: the projection has one column per mid-year"),
            )
        })?;
        if let Some((_, prev)) = years.last() {
            if y != prev + 1 {
                return Err(ImportError::invalid(
                    t.path(),
                    1,
                    format!("year column {y} does not follow {prev}"),
                ));
            }
        }
        years.push((k, y));
    }
    Ok(years)
}

/// A row's sex, age index and duplicate-check slot (the two open groups,
/// `105 - 109` and `110 and over`, share an age but not a slot).
fn sex_and_age(
    t: &Headed<'_>,
    line: usize,
    row: &[String],
    cs: usize,
    ca: usize,
) -> Result<(Sex, usize, usize), ImportError> {
    let sex = Sex::parse(Headed::cell(row, cs)).ok_or_else(|| {
        ImportError::invalid(
            t.path(),
            line,
            format!(
                "column `sex`: `{}` is not male/female",
                Headed::cell(row, cs)
            ),
        )
    })?;
    let label = Headed::cell(row, ca);
    let age = age_index(label).ok_or_else(|| {
        ImportError::invalid(
            t.path(),
            line,
            format!("column `age`: `{label}` is not an age 0..104, `105 - 109` or `110 and over`"),
        )
    })?;
    let slot = if label.starts_with("110") {
        N_AGES
    } else {
        age
    };
    Ok((sex, age, slot))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::fixture;
    use crate::data::PopulationTable;

    #[test]
    fn reads_fixture_and_sums_open_groups() {
        let p = read(&fixture("npp_population.csv")).unwrap();
        assert_eq!(p.first_year, 2022);
        assert_eq!(p.get(Sex::Male, 105, 2022), 12.0 + 3.0);
        let (text, rows) = p.to_csv();
        assert_eq!(rows, 2 * N_AGES);
        let t = PopulationTable::parse("out", &text).unwrap();
        assert_eq!(
            t.get(Sex::Female, 3, 2023),
            Some(p.get(Sex::Female, 3, 2023))
        );
    }

    #[test]
    fn bad_inputs_name_file_and_line() {
        let e = read(&fixture("npp_population_missing_age.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("npp_population_missing_age.csv") && e.contains("aged 7"),
            "{e}"
        );
        let e = read(&fixture("npp_population_bad_number.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("npp_population_bad_number.csv:4") && e.contains("not a number"),
            "{e}"
        );
        let e = read(&fixture("npp_population_no_sex.csv"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing column `sex`"), "{e}");
    }
}
