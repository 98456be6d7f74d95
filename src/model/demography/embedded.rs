//! The embedded demography tables (`data/demography/*.csv`, built by
//! `data::ons_npp::import_demography`): the ONS 2022-based principal
//! assumptions and the ready projections a scenario can name.

use ndarray::{Array2, Array3};

use super::assumptions::{
    DemographicAssumptions, FERTILE_MAX_AGE, FERTILE_MIN_AGE, N_FERTILE_AGES,
};
use super::error::DemographyError;
use crate::data::ons_opendata::{parse_ons_opendata, ONS_SEX_RATIO_MALES_PER_FEMALE};
use crate::data::{CsvTable, DataError, PopulationTable, Sex, MAX_AGE, N_AGES};

const BASE: &str = include_str!("../../../data/demography/npp2022_base_population.csv");
const ASFR: &str = include_str!("../../../data/demography/npp2022_asfr.csv");
const MORTALITY: &str = include_str!("../../../data/demography/npp2022_mortality.csv");
const MIGRATION: &str = include_str!("../../../data/demography/npp2022_migration.csv");

/// Ready projections by name: (name, description, embedded table).
pub const READY_PROJECTIONS: &[(&str, &str, &str)] = &[
    (
        "npp2022",
        "ONS 2022-based principal, UK, 2022-2122",
        include_str!("../../../data/population_npp2022.csv"),
    ),
    (
        "npp2016-ppp",
        "ONS 2016-based principal, UK, 2016-2116",
        include_str!("../../../data/demography/npp2016_ppp.csv"),
    ),
    (
        "npp2016-hpp",
        "ONS 2016-based high fertility",
        include_str!("../../../data/demography/npp2016_hpp.csv"),
    ),
    (
        "npp2016-lpp",
        "ONS 2016-based low fertility",
        include_str!("../../../data/demography/npp2016_lpp.csv"),
    ),
    (
        "npp2016-php",
        "ONS 2016-based high life expectancy",
        include_str!("../../../data/demography/npp2016_php.csv"),
    ),
    (
        "npp2016-plp",
        "ONS 2016-based low life expectancy",
        include_str!("../../../data/demography/npp2016_plp.csv"),
    ),
    (
        "npp2016-pph",
        "ONS 2016-based high migration",
        include_str!("../../../data/demography/npp2016_pph.csv"),
    ),
    (
        "npp2016-ppl",
        "ONS 2016-based low migration",
        include_str!("../../../data/demography/npp2016_ppl.csv"),
    ),
    (
        "npp2016-ppz",
        "ONS 2016-based zero net migration",
        include_str!("../../../data/demography/npp2016_ppz.csv"),
    ),
    (
        "npp2014-ppp",
        "ONS 2014-based principal, UK, 2014-2114",
        include_str!("../../../data/demography/npp2014_ppp.csv"),
    ),
];

/// The names of the ready projections, comma-separated (for messages).
pub fn ready_projection_names() -> String {
    READY_PROJECTIONS
        .iter()
        .map(|p| p.0)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A named embedded ready projection (`npp2022`, `npp2016-ppp`, ...).
pub fn ready_projection(name: &str) -> Result<PopulationTable, DemographyError> {
    let key = name.trim().to_ascii_lowercase();
    let (n, _, text) = READY_PROJECTIONS
        .iter()
        .find(|p| p.0 == key)
        .ok_or_else(|| DemographyError::UnknownProjection {
            name: name.to_string(),
            known: ready_projection_names(),
        })?;
    Ok(PopulationTable::parse(
        &format!("embedded:data/demography/{n}"),
        text,
    )?)
}

/// A ready projection from a file's text: the project's `sex,age,<years>`
/// CSV, or an ONS opendata text file (tab-separated, detected by its tabs).
/// `name` (usually the path) appears in messages.
pub fn ready_projection_from_text(
    name: &str,
    text: &str,
) -> Result<PopulationTable, DemographyError> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.contains('\t') {
        Ok(parse_ons_opendata(name, text)?)
    } else {
        Ok(PopulationTable::parse(name, text)?)
    }
}

/// A wide table: first year, number of years, rows of (line, key cells, values).
type WideTable = (i32, usize, WideRows);

/// Read a wide `<keys...>,<year>,...` table, returning the first year and
/// the rows as (line, key cells, values).
fn wide(name: &str, text: &str, keys: &[&str]) -> Result<WideTable, DataError> {
    let on_header = |t: &CsvTable| -> Result<(i32, Vec<String>, WideRows), DataError> {
        for (k, key) in keys.iter().enumerate() {
            if t.header.get(k).map(String::as_str) != Some(*key) {
                return Err(DataError::invalid(
                    name,
                    1,
                    format!("column {} must be `{key}`", k + 1),
                ));
            }
        }
        let mut years = Vec::new();
        for h in &t.header[keys.len()..] {
            let y: i32 = h.parse().map_err(|_| {
                DataError::invalid(name, 1, format!("`{h}` is not a calendar year"))
            })?;
            if years.last().is_some_and(|p| y != p + 1) {
                return Err(DataError::invalid(
                    name,
                    1,
                    "year columns must be consecutive",
                ));
            }
            years.push(y);
        }
        let first = *years
            .first()
            .ok_or_else(|| DataError::invalid(name, 1, "no year columns"))?;
        // Column names for messages, made once (not once a cell).
        Ok((
            first,
            years.iter().map(i32::to_string).collect(),
            Vec::new(),
        ))
    };
    let (first, year_names, rows) = CsvTable::for_each_row(
        name,
        text,
        on_header,
        |(_, year_names, rows), t, line, cells| {
            let mut values = Vec::with_capacity(year_names.len());
            for (y, c) in year_names.iter().zip(&cells[keys.len()..]) {
                values.push(t.number(line, y, c)?);
            }
            let key_cells = cells[..keys.len()].iter().map(|c| c.to_string()).collect();
            rows.push((line, key_cells, values));
            Ok(())
        },
    )?;
    Ok((first, year_names.len(), rows))
}

/// Rows of a wide table: (line, key cells, values).
type WideRows = Vec<(usize, Vec<String>, Vec<f64>)>;

fn sex_of(name: &str, line: usize, cell: &str) -> Result<Sex, DataError> {
    Sex::parse(cell).ok_or_else(|| {
        DataError::invalid(
            name,
            line,
            format!("`{cell}` is not a sex: write male or female"),
        )
    })
}

/// Read an age cell 0..=105; `also` names any other value the column takes.
fn age_of(name: &str, line: usize, cell: &str, also: &str) -> Result<usize, DataError> {
    cell.parse().ok().filter(|a| *a <= MAX_AGE).ok_or_else(|| {
        DataError::invalid(name, line, format!("`{cell}` is not an age 0..=105{also}"))
    })
}

/// Parse assumption tables in the embedded formats (also usable for a
/// user's own tables): base population (`sex,age,<year>`), fertility
/// (`age,<years>`, births per woman, ages 15-46), mortality (`sex,age,<years>`
/// with an age `birth` row per sex) and net migration (`sex,age,<years>`,
/// persons). Rates must cover the same years, starting at the base year.
pub fn parse_assumptions(
    base: &str,
    asfr: &str,
    mortality: &str,
    migration: &str,
) -> Result<DemographicAssumptions, DemographyError> {
    let base_t = PopulationTable::parse("base population", base)?;
    let base_population_persons = base_t.persons.slice(ndarray::s![.., .., 0]).to_owned();
    let base_year = base_t.first_year;
    let (f_first, n, fertility) = fertility_table(asfr)?;
    let (m_first, m_n, q, qb) = mortality_tables(mortality)?;
    let (g_first, g_n, mig) = migration_table(migration)?;
    for (what, first, len) in [
        ("fertility", f_first, n),
        ("mortality", m_first, m_n),
        ("net migration", g_first, g_n),
    ] {
        if first != base_year || len != m_n {
            return Err(DemographyError::Settings(format!(
                "the {what} table covers {first}..{} but the rates must start at the base year {base_year} and cover the same {m_n} years as mortality",
                first + len as i32 - 1
            )));
        }
    }
    let a = DemographicAssumptions {
        base_year,
        base_population_persons,
        fertility_births_per_woman: fertility,
        mortality_q: q,
        birth_year_mortality_q: qb,
        net_migration_persons: mig,
        sex_ratio_males_per_female: ONS_SEX_RATIO_MALES_PER_FEMALE,
    };
    a.validate()?;
    Ok(a)
}

/// The fertility table: its first year, number of years and births per
/// woman `[mother's age, year]`, every age 15-46 present.
fn fertility_table(asfr: &str) -> Result<(i32, usize, Array2<f64>), DemographyError> {
    let (f_first, n, rows) = wide("fertility", asfr, &["age"])?;
    let mut fertility = Array2::from_elem((N_FERTILE_AGES, n), f64::NAN);
    for (line, keys, values) in rows {
        let age: usize = keys[0]
            .parse()
            .ok()
            .filter(|a| (FERTILE_MIN_AGE..=FERTILE_MAX_AGE).contains(a))
            .ok_or_else(|| {
                DataError::invalid(
                    "fertility",
                    line,
                    format!("`{}` is not a mother's age 15..=46", keys[0]),
                )
            })?;
        fertility
            .row_mut(age - FERTILE_MIN_AGE)
            .assign(&ndarray::Array1::from(values));
    }
    if let Some(i) = (0..N_FERTILE_AGES).find(|i| fertility[[*i, 0]].is_nan()) {
        return Err(DataError::invalid(
            "fertility",
            0,
            format!("missing the row for age {}", FERTILE_MIN_AGE + i),
        )
        .into());
    }
    Ok((f_first, n, fertility))
}

/// The mortality table: its first year, number of years, probabilities of
/// death `[sex, age, year]` and in the year of birth `[sex, year]`.
fn mortality_tables(
    mortality: &str,
) -> Result<(i32, usize, Array3<f64>, Array2<f64>), DemographyError> {
    let (m_first, m_n, rows) = wide("mortality", mortality, &["sex", "age"])?;
    let mut q = Array3::from_elem((2, N_AGES, m_n), f64::NAN);
    let mut qb = Array2::from_elem((2, m_n), f64::NAN);
    for (line, keys, values) in rows {
        let s = sex_of("mortality", line, &keys[0])? as usize;
        if keys[1].eq_ignore_ascii_case("birth") {
            qb.row_mut(s).assign(&ndarray::Array1::from(values));
        } else {
            let a = age_of("mortality", line, &keys[1], " or `birth`")?;
            q.slice_mut(ndarray::s![s, a, ..])
                .assign(&ndarray::Array1::from(values));
        }
    }
    missing_row(
        q.indexed_iter()
            .find(|(_, v)| v.is_nan())
            .map(|((s, a, _), _)| (s, a.to_string())),
        "mortality",
    )?;
    missing_row(
        qb.indexed_iter()
            .find(|(_, v)| v.is_nan())
            .map(|((s, _), _)| (s, "birth".to_string())),
        "mortality",
    )?;
    Ok((m_first, m_n, q, qb))
}

/// The net migration table: its first year, number of years and persons
/// `[sex, age, year]`.
fn migration_table(migration: &str) -> Result<(i32, usize, Array3<f64>), DemographyError> {
    let (g_first, g_n, rows) = wide("net migration", migration, &["sex", "age"])?;
    let mut mig = Array3::from_elem((2, N_AGES, g_n), f64::NAN);
    for (line, keys, values) in rows {
        let s = sex_of("net migration", line, &keys[0])? as usize;
        let a = age_of("net migration", line, &keys[1], "")?;
        mig.slice_mut(ndarray::s![s, a, ..])
            .assign(&ndarray::Array1::from(values));
    }
    missing_row(
        mig.indexed_iter()
            .find(|(_, v)| v.is_nan())
            .map(|((s, a, _), _)| (s, a.to_string())),
        "net migration",
    )?;
    Ok((g_first, g_n, mig))
}

/// An error naming the first (sex, age) row missing from `table`, if any.
fn missing_row(first_missing: Option<(usize, String)>, table: &str) -> Result<(), DemographyError> {
    match first_missing {
        Some((s, a)) => Err(DataError::invalid(
            table,
            0,
            format!("missing the row for {} aged {a}", Sex::ALL[s].name()),
        )
        .into()),
        None => Ok(()),
    }
}

/// The ONS 2022-based UK principal assumptions (mid-2022 to mid-2122).
/// Parsed once a process and copied after (they are compiled in, so every
/// parse gives the same value; a projection asks for them several times).
pub fn principal_assumptions() -> Result<DemographicAssumptions, DemographyError> {
    principal_assumptions_ref().cloned()
}

/// [`principal_assumptions`] without copying them: parsed once a process.
pub fn principal_assumptions_ref() -> Result<&'static DemographicAssumptions, DemographyError> {
    principal_assumptions_shared().map(|a| &**a)
}

/// [`principal_assumptions`], shared (a scenario that changes none of
/// them uses them as they are).
pub fn principal_assumptions_shared(
) -> Result<&'static std::sync::Arc<DemographicAssumptions>, DemographyError> {
    static PARSED: std::sync::OnceLock<std::sync::Arc<DemographicAssumptions>> =
        std::sync::OnceLock::new();
    if let Some(a) = PARSED.get() {
        return Ok(a);
    }
    let a = parse_assumptions(BASE, ASFR, MORTALITY, MIGRATION)?;
    Ok(PARSED.get_or_init(|| std::sync::Arc::new(a)))
}
