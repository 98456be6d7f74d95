//! Importer for ONS national population projections.
//!
//! Two formats:
//!
//! - the 2022-based "machine readable" workbooks, one per country
//!   (`ons_npp2022_principal_machine_readable_{EN,WA,SC,NI}.xlsx`), from which
//!   [`import_demography`] derives the UK assumptions of the cohort-component
//!   engine (base population, fertility, mortality, net migration);
//! - the 2014- and 2016-based "opendata" text files (`uk_*_opendata201X.txt`),
//!   ready projections, read by [`super::ons_opendata::parse_ons_opendata`]
//!   (beside this file: the model reads the embedded ones, and the model
//!   does not depend on this xlsx importer).
//!
//! Why the UK rates are country-weighted rather than re-derived from rounded
//! UK counts: ONS projects each country separately, so the UK rate that
//! reproduces the sum of the four projections is each country's rate weighted
//! by that country's own exposure (women of the age for fertility, people at
//! risk for mortality). Weighting the published (unrounded) rates avoids the
//! rounding of the published death and birth counts. The exposures were
//! measured on the England workbook (see `docs/demography.md`):
//!
//! - births at mother's age `a` = ASFR(a) × (P[f,a,t] + P[f,a,t+1]) / 2;
//! - deaths at age `a` = q(a) × (P[s,a,t] + M[s,a,t] / 2);
//! - deaths of babies born in the year = q(Birth) × births of that sex, with
//!   1.05 males born per female.

// Rows are checked to have the header's width before cells are indexed, ages
// are clamped to `MAX_AGE`, and arrays are built to the years read
// (exercised by the `population_table` fuzz target).
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Xlsx};
use ndarray::{Array2, Array3};

use super::ons_opendata::{
    parse_ons_opendata, FERTILE_MAX_AGE, FERTILE_MIN_AGE, N_FERTILE_AGES,
    ONS_SEX_RATIO_MALES_PER_FEMALE,
};
use super::{DataError, PopulationTable, Sex, MAX_AGE, N_AGES};

/// The four country workbooks, in the order they are summed.
pub const NPP2022_COUNTRIES: [&str; 4] = ["EN", "WA", "SC", "NI"];

/// The 2016-based opendata files imported as ready projections.
pub const NPP2016_VARIANTS: [&str; 8] = ["ppp", "hpp", "lpp", "php", "plp", "pph", "ppl", "ppz"];

/// A problem while importing the ONS projection files.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file could not be read or written.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The workbook could not be opened or a sheet is missing.
    #[error("workbook {path}: {message}")]
    Workbook {
        /// The workbook.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A sheet does not have the expected layout.
    #[error("{path} sheet `{sheet}` row {row}: {message}")]
    Layout {
        /// The workbook.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The 1-based row.
        row: usize,
        /// What is wrong.
        message: String,
    },
    /// A text table is malformed.
    #[error(transparent)]
    Data(#[from] DataError),
}

/// What [`import_demography`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    /// Files written, relative to the output directory, with their sizes in bytes.
    pub files: Vec<(String, u64)>,
    /// UK population in the base year (mid-2022), persons.
    pub uk_base_population_persons: f64,
}

/// An age label in the ONS workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgeKey {
    /// Babies born during the year (mortality and deaths sheets).
    Birth,
    /// A single year of age, or the lower bound of an open or grouped age
    /// ("105+", "105 - 109", "110 and over").
    Age(usize),
}

/// One sheet: years of the columns and rows of (sex, age, values).
struct Sheet {
    first_year: i32,
    rows: Vec<(Sex, AgeKey, Vec<f64>)>,
}

fn parse_age(cell: &Data) -> Option<AgeKey> {
    if let Some(v) = cell.as_f64() {
        if v >= 0.0 && v.fract() == 0.0 {
            return Some(AgeKey::Age(v as usize));
        }
        return None;
    }
    let s = cell.get_string()?.trim();
    if s.eq_ignore_ascii_case("birth") {
        return Some(AgeKey::Birth);
    }
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().map(AgeKey::Age)
}

/// Read a year label: `2022` or `2022 - 2023` (the first year counts).
fn parse_year(cell: &Data) -> Option<i32> {
    if let Some(v) = cell.as_f64() {
        return (v.fract() == 0.0).then_some(v as i32);
    }
    let s = cell.get_string()?.trim();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn read_sheet(
    wb: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    path: &Path,
    sheet: &str,
    flow: Option<&str>,
) -> Result<Sheet, ImportError> {
    // Cell by cell within bounds (the ONS sheets are at most 757 rows by
    // 103 columns): never allocated from the sheet's declared dimension.
    const BOUNDS: crate::data::import::cells::Bounds = crate::data::import::cells::Bounds {
        max_rows: 5_000,
        max_cols: 256,
        max_cells: 500_000,
    };
    let range = crate::data::import::cells::read_range(wb, path, sheet, BOUNDS).map_err(|e| {
        ImportError::Workbook {
            path: path.to_path_buf(),
            message: format!("sheet `{sheet}`: {e}"),
        }
    })?;
    let layout = |row: usize, message: String| ImportError::Layout {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        row,
        message,
    };
    // Spreadsheet row numbers: the used range need not start at row 1
    // (a title row above the table), so count from where it starts.
    let first_row = range.start().map_or(0, |(r, _)| r as usize) + 1;
    let mut rows_iter = range.rows();
    let header = rows_iter
        .next()
        .ok_or_else(|| layout(first_row, "empty sheet".into()))?;
    let first_col = if flow.is_some() { 3 } else { 2 };
    let years: Vec<i32> = header
        .iter()
        .skip(first_col)
        .map_while(parse_year)
        .collect();
    let first_year = *years
        .first()
        .ok_or_else(|| layout(first_row, "no year columns".into()))?;
    if years
        .iter()
        .enumerate()
        .any(|(i, y)| *y != first_year + i as i32)
    {
        return Err(layout(first_row, "year columns are not consecutive".into()));
    }
    let mut rows = Vec::new();
    for (i, row) in rows_iter.enumerate() {
        let line = first_row + i + 1;
        let sex_text = row.first().and_then(|c| c.get_string()).unwrap_or("");
        if sex_text.trim().is_empty() {
            continue; // blank separator rows and notes below the table
        }
        let sex = Sex::parse(sex_text)
            .ok_or_else(|| layout(line, format!("`{sex_text}` is not a sex")))?;
        let age = row
            .get(1)
            .and_then(parse_age)
            .ok_or_else(|| layout(line, "unreadable age".into()))?;
        if let Some(f) = flow {
            let this = row.get(2).and_then(|c| c.get_string()).unwrap_or("");
            if !this.trim().eq_ignore_ascii_case(f) {
                continue;
            }
        }
        let mut values = Vec::with_capacity(years.len());
        for k in 0..years.len() {
            let v = row
                .get(first_col + k)
                .and_then(|c| c.as_f64())
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    layout(
                        line,
                        format!("column {} is not a number", first_col + k + 1),
                    )
                })?;
            values.push(v);
        }
        rows.push((sex, age, values));
    }
    Ok(Sheet { first_year, rows })
}

/// One country's projection, at single years of age with 105+ open.
struct Country {
    first_year: i32,
    /// Persons `[sex, age, year]`, years `first_year..=first_year + n`.
    population: Array3<f64>,
    /// Births per woman `[age - 15, year]` (the sheet gives per 1,000).
    asfr: Array2<f64>,
    /// Death probability `[sex, age, year]`, ages 0..=104 (105 unused).
    q: Array3<f64>,
    /// Death probability of babies born in the year `[sex, year]`.
    q_birth: Array2<f64>,
    /// Deaths at 105+ `[sex, year]` (only counts exist for the open group).
    deaths_open: Array2<f64>,
    /// Net migration (international + cross-border) `[sex, age, year]`.
    migration: Array3<f64>,
}

fn open_xlsx(path: &Path) -> Result<Xlsx<std::io::BufReader<std::fs::File>>, ImportError> {
    calamine::open_workbook(path).map_err(|e: calamine::XlsxError| ImportError::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn read_country(path: &Path) -> Result<Country, ImportError> {
    let mut wb = open_xlsx(path)?;
    let pop = read_sheet(&mut wb, path, "Population", None)?;
    let fert = read_sheet(&mut wb, path, "Fertility_assumptions", None)?;
    let mort = read_sheet(&mut wb, path, "Mortality_assumptions", None)?;
    let deaths = read_sheet(&mut wb, path, "Deaths", None)?;
    let mig = read_sheet(&mut wb, path, "Total_migration", Some("Net"))?;
    let n = projection_years(path, &pop, &fert, &mort, &deaths, &mig)?;
    let population = population_by_age(path, &pop, n)?;
    let asfr = fertility_rates(path, &fert, n)?;
    let (q, q_birth) = death_probabilities(path, &mort, n)?;
    Ok(Country {
        first_year: pop.first_year,
        population,
        asfr,
        q,
        q_birth,
        deaths_open: open_age_deaths(&deaths, n),
        migration: net_migration_by_age(&mig, n),
    })
}

/// A sheet of `path` laid out other than expected.
fn layout(path: &Path, sheet: &str, message: String) -> ImportError {
    ImportError::Layout {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        row: 0,
        message,
    }
}

/// The number of projection years, after checking every sheet has that
/// many from the population's first year.
fn projection_years(
    path: &Path,
    pop: &Sheet,
    fert: &Sheet,
    mort: &Sheet,
    deaths: &Sheet,
    mig: &Sheet,
) -> Result<usize, ImportError> {
    let first_year = pop.first_year;
    let n_pop = pop.rows.first().map(|r| r.2.len()).unwrap_or(0);
    if n_pop < 2 {
        return Err(layout(path, "Population", "fewer than two years".into()));
    }
    let n = n_pop - 1;
    for (name, s) in [
        ("Fertility_assumptions", fert),
        ("Mortality_assumptions", mort),
        ("Deaths", deaths),
        ("Total_migration", mig),
    ] {
        if s.first_year != first_year || s.rows.iter().any(|r| r.2.len() != n) {
            return Err(layout(
                path,
                name,
                format!("expected {n} projection years from {first_year}"),
            ));
        }
    }
    Ok(n)
}

/// Persons `[sex, age, year]` for `n + 1` years, the oldest ages joined
/// into the open group; every age must be present.
fn population_by_age(path: &Path, pop: &Sheet, n: usize) -> Result<Array3<f64>, ImportError> {
    let mut population = Array3::zeros((2, N_AGES, n + 1));
    let mut seen_pop = Array2::<u32>::zeros((2, N_AGES));
    for (sex, age, v) in &pop.rows {
        let AgeKey::Age(a) = *age else {
            return Err(layout(path, "Population", "unexpected `Birth` row".into()));
        };
        let a = a.min(MAX_AGE); // 105-109 and 110+ join the open group
        seen_pop[[*sex as usize, a]] += 1;
        for (j, x) in v.iter().enumerate() {
            population[[*sex as usize, a, j]] += x;
        }
    }
    if seen_pop.iter().any(|c| *c == 0) {
        return Err(layout(path, "Population", "missing ages".into()));
    }
    Ok(population)
}

/// Births per woman `[fertile age, year]` (the sheet gives them per 1,000).
fn fertility_rates(path: &Path, fert: &Sheet, n: usize) -> Result<Array2<f64>, ImportError> {
    let mut asfr = Array2::zeros((N_FERTILE_AGES, n));
    let mut seen_f = [false; N_FERTILE_AGES];
    for (sex, age, v) in &fert.rows {
        match (sex, age) {
            (Sex::Female, AgeKey::Age(a)) if (FERTILE_MIN_AGE..=FERTILE_MAX_AGE).contains(a) => {
                seen_f[a - FERTILE_MIN_AGE] = true;
                for (j, x) in v.iter().enumerate() {
                    asfr[[a - FERTILE_MIN_AGE, j]] = x / 1000.0;
                }
            }
            _ => {
                return Err(layout(
                    path,
                    "Fertility_assumptions",
                    "rows must be females aged 15-46".into(),
                ))
            }
        }
    }
    if seen_f.iter().any(|s| !s) {
        return Err(layout(
            path,
            "Fertility_assumptions",
            "missing ages 15-46".into(),
        ));
    }
    Ok(asfr)
}

/// Probabilities of death `[sex, age, year]` below the open age and in the
/// year of birth `[sex, year]` (the sheet gives them per 100,000).
fn death_probabilities(
    path: &Path,
    mort: &Sheet,
    n: usize,
) -> Result<(Array3<f64>, Array2<f64>), ImportError> {
    let mut q = Array3::zeros((2, N_AGES, n));
    let mut q_birth = Array2::zeros((2, n));
    let mut seen_q = Array2::<bool>::from_elem((2, N_AGES), false);
    for (sex, age, v) in &mort.rows {
        let s = *sex as usize;
        match age {
            AgeKey::Birth => {
                seen_q[[s, MAX_AGE]] = true; // slot 105 marks Birth seen
                for (j, x) in v.iter().enumerate() {
                    q_birth[[s, j]] = x / 1e5;
                }
            }
            AgeKey::Age(a) if *a < MAX_AGE => {
                seen_q[[s, *a]] = true;
                for (j, x) in v.iter().enumerate() {
                    q[[s, *a, j]] = x / 1e5;
                }
            }
            AgeKey::Age(_) => {} // 105..125: the open group uses counts
        }
    }
    if seen_q.iter().any(|s| !s) {
        return Err(layout(
            path,
            "Mortality_assumptions",
            "missing Birth or ages 0-104".into(),
        ));
    }
    Ok((q, q_birth))
}

/// Deaths in the open age group `[sex, year]`.
fn open_age_deaths(deaths: &Sheet, n: usize) -> Array2<f64> {
    let mut deaths_open = Array2::zeros((2, n));
    for (sex, age, v) in &deaths.rows {
        if *age == AgeKey::Age(MAX_AGE) {
            for (j, x) in v.iter().enumerate() {
                deaths_open[[*sex as usize, j]] = *x;
            }
        }
    }
    deaths_open
}

/// Net migration `[sex, age, year]`, the oldest ages joined into the open
/// group.
fn net_migration_by_age(mig: &Sheet, n: usize) -> Array3<f64> {
    let mut migration = Array3::zeros((2, N_AGES, n));
    for (sex, age, v) in &mig.rows {
        let AgeKey::Age(a) = *age else { continue };
        let a = a.min(MAX_AGE);
        for (j, x) in v.iter().enumerate() {
            migration[[*sex as usize, a, j]] += x;
        }
    }
    migration
}

/// The UK assumptions derived from the four country projections.
#[derive(Debug, Clone, PartialEq)]
pub struct UkNpp {
    /// First (base) mid-year.
    pub first_year: i32,
    /// Published UK population `[sex, age, year]`, `first_year..=first_year + n`.
    pub population: Array3<f64>,
    /// UK births per woman `[age - 15, year]`, year `t` meaning mid-`t` to mid-`t+1`.
    pub asfr: Array2<f64>,
    /// UK death probabilities `[sex, age, year]` by age at the start of the year.
    pub q: Array3<f64>,
    /// UK death probabilities of babies born in the year `[sex, year]`.
    pub q_birth: Array2<f64>,
    /// UK net migration, persons `[sex, age, year]`.
    pub migration: Array3<f64>,
}

fn ratio(num: f64, den: f64, fallback: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        fallback
    }
}

/// Combine the four countries into UK rates (see the module docs for why and how).
fn combine(countries: &[Country]) -> Result<UkNpp, ImportError> {
    let first = countries.first().ok_or_else(|| ImportError::Workbook {
        path: PathBuf::new(),
        message: "no country workbooks".into(),
    })?;
    let n = first.asfr.shape()[1];
    for c in countries {
        if c.first_year != first.first_year || c.asfr.shape()[1] != n {
            return Err(ImportError::Workbook {
                path: PathBuf::new(),
                message: "the country workbooks cover different years".into(),
            });
        }
    }
    let mut population = Array3::zeros((2, N_AGES, n + 1));
    let mut migration = Array3::zeros((2, N_AGES, n));
    for c in countries {
        population += &c.population;
        migration += &c.migration;
    }
    let mut asfr = Array2::zeros((N_FERTILE_AGES, n));
    let mut q = Array3::zeros((2, N_AGES, n));
    let mut q_birth = Array2::zeros((2, n));
    let male_share = ONS_SEX_RATIO_MALES_PER_FEMALE / (1.0 + ONS_SEX_RATIO_MALES_PER_FEMALE);
    for j in 0..n {
        let mut births_by_sex = [Vec::new(), Vec::new()];
        for i in 0..N_FERTILE_AGES {
            let a = FERTILE_MIN_AGE + i;
            let (mut num, mut den) = (0.0, 0.0);
            for c in countries {
                let w = (c.population[[1, a, j]] + c.population[[1, a, j + 1]]) / 2.0;
                num += c.asfr[[i, j]] * w;
                den += w;
            }
            asfr[[i, j]] = ratio(num, den, first.asfr[[i, j]]);
        }
        for c in countries {
            let births: f64 = (0..N_FERTILE_AGES)
                .map(|i| {
                    let a = FERTILE_MIN_AGE + i;
                    c.asfr[[i, j]] * (c.population[[1, a, j]] + c.population[[1, a, j + 1]]) / 2.0
                })
                .sum();
            births_by_sex[0].push(births * male_share);
            births_by_sex[1].push(births * (1.0 - male_share));
        }
        for s in 0..2 {
            let (mut num, mut den) = (0.0, 0.0);
            for (c, b) in countries.iter().zip(&births_by_sex[s]) {
                num += c.q_birth[[s, j]] * b;
                den += b;
            }
            q_birth[[s, j]] = ratio(num, den, first.q_birth[[s, j]]);
            for a in 0..N_AGES {
                let (mut num, mut den) = (0.0, 0.0);
                for c in countries {
                    let at_risk = (c.population[[s, a, j]] + c.migration[[s, a, j]] / 2.0).max(0.0);
                    num += if a < MAX_AGE {
                        c.q[[s, a, j]] * at_risk
                    } else {
                        c.deaths_open[[s, j]]
                    };
                    den += at_risk;
                }
                let fallback = if a < MAX_AGE { first.q[[s, a, j]] } else { 0.5 };
                q[[s, a, j]] = ratio(num, den, fallback).clamp(0.0, 1.0);
            }
        }
    }
    Ok(UkNpp {
        first_year: first.first_year,
        population,
        asfr,
        q,
        q_birth,
        migration,
    })
}

/// Read the four 2022-based country workbooks in `dir` and derive UK rates.
pub fn read_npp2022(dir: &Path) -> Result<UkNpp, ImportError> {
    let mut countries = Vec::new();
    for c in NPP2022_COUNTRIES {
        let path = dir.join(format!("ons_npp2022_principal_machine_readable_{c}.xlsx"));
        countries.push(read_country(&path)?);
    }
    combine(&countries)
}

/// Format `v` with at most `sig` significant digits, plain decimal, no
/// trailing zeros: compact and deterministic.
pub fn fmt_sig(v: f64, sig: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let mag = v.abs().log10().floor() as i32;
    let decimals = sig - 1 - mag;
    if decimals <= 0 {
        let scale = 10f64.powi(-decimals);
        return format!("{:.0}", (v / scale).round() * scale);
    }
    let s = format!("{:.*}", decimals as usize, v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

fn year_header(first: &str, first_year: i32, n: usize) -> String {
    let mut h = String::from(first);
    for j in 0..n {
        let _ = write!(h, ",{}", first_year + j as i32);
    }
    h.push('\n');
    h
}

/// Write a `[sex, age, year]` array in the wide `sex,age,<years>` format.
fn sex_age_table(
    values: &Array3<f64>,
    first_year: i32,
    sig: i32,
    extra_birth_rows: Option<&Array2<f64>>,
) -> String {
    let n = values.shape()[2];
    let mut out = year_header("sex,age", first_year, n);
    for sex in Sex::ALL {
        let s = sex as usize;
        if let Some(b) = extra_birth_rows {
            out.push_str(sex.name());
            out.push_str(",birth");
            for j in 0..n {
                out.push(',');
                out.push_str(&fmt_sig(b[[s, j]], sig));
            }
            out.push('\n');
        }
        for a in 0..N_AGES {
            let _ = write!(out, "{},{a}", sex.name());
            for j in 0..n {
                out.push(',');
                out.push_str(&fmt_sig(values[[s, a, j]], sig));
            }
            out.push('\n');
        }
    }
    out
}

/// The compact CSV tables derived from the 2022-based workbooks, by file name.
pub fn npp2022_tables(uk: &UkNpp) -> BTreeMap<String, String> {
    let mut t = BTreeMap::new();
    let base = uk.population.slice(ndarray::s![.., .., 0..1]).to_owned();
    t.insert(
        "npp2022_base_population.csv".into(),
        sex_age_table(&base, uk.first_year, 12, None),
    );
    // The published UK population itself is `data/population_npp2022.csv`,
    // written by the main importer from the ONS UK file; summing the four
    // country workbooks gives the same bytes, so it is not written twice.
    t.insert(
        "npp2022_mortality.csv".into(),
        sex_age_table(&uk.q, uk.first_year, 6, Some(&uk.q_birth)),
    );
    t.insert(
        "npp2022_migration.csv".into(),
        sex_age_table(&uk.migration, uk.first_year, 6, None),
    );
    let n = uk.asfr.shape()[1];
    let mut f = year_header("age", uk.first_year, n);
    for i in 0..N_FERTILE_AGES {
        let _ = write!(f, "{}", FERTILE_MIN_AGE + i);
        for j in 0..n {
            f.push(',');
            f.push_str(&fmt_sig(uk.asfr[[i, j]], 6));
        }
        f.push('\n');
    }
    t.insert("npp2022_asfr.csv".into(), f);
    t
}

/// Write a [`PopulationTable`] in the wide `sex,age,<years>` format.
pub fn population_csv(t: &PopulationTable) -> String {
    sex_age_table(&t.persons, t.first_year, 12, None)
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Import every demography table from the shared data directory
/// (`shared_dir` holds `ons/npp2022`, `ons/npp2016`, `ons/npp2014`) into
/// `out_dir` (normally the project's `data/demography`).
pub fn import_demography(shared_dir: &Path, out_dir: &Path) -> Result<ImportSummary, ImportError> {
    let uk = read_npp2022(&shared_dir.join("ons/npp2022"))?;
    let mut tables = npp2022_tables(&uk);
    for v in NPP2016_VARIANTS {
        let path = shared_dir.join(format!("ons/npp2016/uk_{v}_opendata2016.txt"));
        let t = parse_ons_opendata(&path.display().to_string(), &read_text(&path)?)?;
        tables.insert(format!("npp2016_{v}.csv"), population_csv(&t));
    }
    let path = shared_dir.join("ons/npp2014/uk_ppp_opendata2014.txt");
    let t = parse_ons_opendata(&path.display().to_string(), &read_text(&path)?)?;
    tables.insert("npp2014_ppp.csv".into(), population_csv(&t));
    tables.insert(
        super::npp2024::TOTALS_TABLE.into(),
        super::npp2024::totals_table(shared_dir)?,
    );
    tables.insert(
        super::npp2024::MYE_TABLE.into(),
        super::npp2024::mye_table(shared_dir)?,
    );
    std::fs::create_dir_all(out_dir).map_err(|source| ImportError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for (name, text) in &tables {
        let path = out_dir.join(name);
        std::fs::write(&path, text).map_err(|source| ImportError::Io { path, source })?;
        files.push((name.clone(), text.len() as u64));
    }
    Ok(ImportSummary {
        files,
        uk_base_population_persons: uk.population.slice(ndarray::s![.., .., 0]).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_significant_digits() {
        assert_eq!(fmt_sig(0.000123456789, 6), "0.000123457");
        assert_eq!(fmt_sig(12345.678, 6), "12345.7");
        assert_eq!(fmt_sig(1234567.0, 6), "1234570");
        assert_eq!(fmt_sig(-2.5, 6), "-2.5");
        assert_eq!(fmt_sig(0.0, 6), "0");
        assert_eq!(fmt_sig(100000.0, 6), "100000");
    }

    #[test]
    fn reads_opendata_with_open_group() {
        let mut text = String::from("Sex\tAge\t2016\t2017\n");
        for s in 1..=2 {
            for a in 0..=104 {
                text.push_str(&format!("{s}\t  {a}\t10\t11\n"));
            }
            text.push_str(&format!("{s}\t105 - 109\t3\t4\n{s}\t110 and over\t1\t1\n"));
        }
        let t = parse_ons_opendata("x", &text).unwrap();
        assert_eq!(t.first_year, 2016);
        assert_eq!(t.get(Sex::Female, 105, 2017), Some(5.0));
        assert_eq!(t.get(Sex::Male, 104, 2016), Some(10.0));
        let bad = text.replace("1\t  7\t10\t11\n", "");
        assert!(parse_ons_opendata("x", &bad)
            .unwrap_err()
            .to_string()
            .contains("age 7"));
    }
}
