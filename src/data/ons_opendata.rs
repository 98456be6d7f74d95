//! ONS "opendata" projection text files (the 2014- and 2016-based ready
//! projections the model embeds) and the ONS fertility age range: what the
//! model needs from the ONS formats, apart from the xlsx importer
//! ([`super::ons_npp`], behind the `import` feature) that also uses them.

// Rows are checked to have the header's width before cells are indexed and
// ages are clamped to `MAX_AGE` (exercised by the `population_table` fuzz
// target).
#![allow(clippy::indexing_slicing)]

use ndarray::{Array2, Array3};

use super::{DataError, PopulationTable, Sex, MAX_AGE, N_AGES};

/// Youngest age of mother in the ONS fertility assumptions.
pub const FERTILE_MIN_AGE: usize = 15;
/// Oldest age of mother in the ONS fertility assumptions.
pub const FERTILE_MAX_AGE: usize = 46;
/// Number of fertile ages.
pub const N_FERTILE_AGES: usize = FERTILE_MAX_AGE - FERTILE_MIN_AGE + 1;
/// Males born per female in every ONS 2022-based country projection
/// (measured: the UK births implied by the age-0 accounting split 1.0500:1).
pub const ONS_SEX_RATIO_MALES_PER_FEMALE: f64 = 1.05;

/// Parse an ONS "opendata" projection text file (tab-separated: `Sex` 1/2,
/// `Age` 0..104, `105 - 109`, `110 and over`, one column per mid-year) into a
/// [`PopulationTable`] with 105 and over as the open group.
pub fn parse_ons_opendata(name: &str, text: &str) -> Result<PopulationTable, DataError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| DataError::invalid(name, 0, "empty file"))?;
    let (n_cols, years) = opendata_header(name, header)?;
    let mut persons = Array3::zeros((2, N_AGES, years.len()));
    let mut seen = Array2::<bool>::from_elem((2, N_AGES), false);
    for (i, line) in lines {
        let (sex, a, values) = opendata_row(name, i + 1, line, n_cols)?;
        seen[[sex as usize, a]] = true;
        for (j, v) in values.into_iter().enumerate() {
            persons[[sex as usize, a, j]] += v;
        }
    }
    if let Some(((s, a), _)) = seen.indexed_iter().find(|(_, v)| !**v) {
        return Err(DataError::invalid(
            name,
            0,
            format!("missing rows for sex {} age {a}", s + 1),
        ));
    }
    Ok(PopulationTable {
        source: name.to_string(),
        first_year: years[0],
        persons,
    })
}

/// The header `Sex Age <years>`: its number of columns and the years,
/// which must be consecutive and in the population table's range.
fn opendata_header(name: &str, header: &str) -> Result<(usize, Vec<i32>), DataError> {
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    if cols.len() < 3
        || !cols[0].eq_ignore_ascii_case("sex")
        || !cols[1].eq_ignore_ascii_case("age")
    {
        return Err(DataError::invalid(
            name,
            1,
            "expected a tab-separated header `Sex Age <years>`",
        ));
    }
    let mut years = Vec::new();
    for (k, c) in cols[2..].iter().enumerate() {
        let y: i32 = c
            .parse()
            .ok()
            .filter(|y| super::population::YEARS.contains(y))
            .ok_or_else(|| {
                DataError::invalid(name, 1, format!("column {}: `{c}` is not a year", k + 3))
            })?;
        if let Some(first) = years.first() {
            if y != first + k as i32 {
                return Err(DataError::invalid(
                    name,
                    1,
                    "year columns are not consecutive",
                ));
            }
        }
        years.push(y);
    }
    Ok((cols.len(), years))
}

/// One row: its sex, age (the oldest joined into the open group) and
/// persons by year.
fn opendata_row(
    name: &str,
    line_no: usize,
    line: &str,
    n_cols: usize,
) -> Result<(Sex, usize, Vec<f64>), DataError> {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cells.len() != n_cols {
        return Err(DataError::invalid(
            name,
            line_no,
            format!("row has {} fields, the header {}", cells.len(), n_cols),
        ));
    }
    let sex = Sex::parse(cells[0]).ok_or_else(|| {
        DataError::invalid(
            name,
            line_no,
            format!("`{}` is not a sex (1 or 2)", cells[0]),
        )
    })?;
    let digits: String = cells[1]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let age: usize = digits
        .parse()
        .map_err(|_| DataError::invalid(name, line_no, format!("`{}` is not an age", cells[1])))?;
    let values = cells[2..]
        .iter()
        .map(|c| persons_count(name, line_no, c))
        .collect::<Result<Vec<f64>, DataError>>()?;
    Ok((sex, age.min(MAX_AGE), values))
}

/// A cell's count of persons, finite and within the table's bounds.
fn persons_count(name: &str, line_no: usize, c: &str) -> Result<f64, DataError> {
    c.parse()
        .ok()
        .filter(|v: &f64| {
            v.is_finite() && (0.0..=super::population::MAX_PERSONS_PER_CELL).contains(v)
        })
        .ok_or_else(|| {
            DataError::invalid(
                name,
                line_no,
                format!(
                    "`{c}` is not a count of persons from 0 to {}",
                    super::population::MAX_PERSONS_PER_CELL
                ),
            )
        })
}
