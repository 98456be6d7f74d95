//! The ONS 2024-based national population projection (published 28 April
//! 2026): only its UK totals and assumptions are in the shared data, so the
//! importer keeps them in a compact table, with the two inputs the model
//! needs to rebuild the projection's base (mid-2024) population by age:
//!
//! - `npp2024_principal_totals.csv` (`series,year,value,unit`): for each
//!   year `t` (mid-year, the projection year ending mid-`t`): `population`
//!   (persons at mid-`t`), `births`, `deaths`, `net_migration` (persons in
//!   the year to mid-`t`), `tfr` (children per woman), `e0_male`,
//!   `e0_female` (period life expectancy at birth, years), `working_age`,
//!   `pension_age` (persons at mid-`t`, legislated State Pension age), and
//!   `mye_births`, `mye_deaths` for 2024 (the ONS mid-year estimates'
//!   births and deaths in the year to mid-2024);
//! - `mye_mid2023.csv` (`sex,age,persons`): the ONS mid-2023 estimate, UK,
//!   by sex and single year of age 0..89 and `90+`.
//!
//! Source files (under the shared `data/` directory):
//! `ons/npp2024/ons_npp2024_uk_principal_totals.csv`,
//! `ons/mye/ons_mye_mid2023_uk_countries_syoa_sex.csv`,
//! `ons/mye/ons_mye_components_uk_2026-10.csv`.
//!
//! The importer's half (reading those files) is behind the `import`
//! feature; the model reads the tables with [`Npp2024Totals`] and
//! [`parse_mye`].

use std::collections::BTreeMap;
#[cfg(feature = "import")]
use std::path::Path;

#[cfg(feature = "import")]
use super::ons_npp::ImportError;
use super::{CsvTable, DataError, Sex};

#[cfg(feature = "import")]
/// The totals table's name under `data/demography/`.
pub const TOTALS_TABLE: &str = "npp2024_principal_totals.csv";
#[cfg(feature = "import")]
/// The mid-2023 estimate's name under `data/demography/`.
pub const MYE_TABLE: &str = "mye_mid2023.csv";
/// Oldest single age in the mid-2023 estimate; the next row is `90+`.
pub const MYE_LAST_SINGLE_AGE: usize = 89;

/// Series of the 2024-based totals file kept, with the factor from its unit
/// to the table's (thousands of persons to persons).
#[cfg(feature = "import")]
const NPP_SERIES: &[(&str, &str, f64, &str)] = &[
    ("people.npp.ppp.population", "population", 1000.0, "persons"),
    ("people.npp.ppp.births", "births", 1000.0, "persons"),
    ("people.npp.ppp.deaths", "deaths", 1000.0, "persons"),
    (
        "people.npp.ppp.net_migration",
        "net_migration",
        1000.0,
        "persons",
    ),
    ("people.npp.ppp.tfr", "tfr", 1.0, "children_per_woman"),
    (
        "people.npp.ppp.life_expectancy_male",
        "e0_male",
        1.0,
        "years",
    ),
    (
        "people.npp.ppp.life_expectancy_female",
        "e0_female",
        1.0,
        "years",
    ),
    (
        "people.npp.ppp.working_age",
        "working_age",
        1000.0,
        "persons",
    ),
    (
        "people.npp.ppp.pension_age",
        "pension_age",
        1000.0,
        "persons",
    ),
];

#[cfg(feature = "import")]
fn read(path: &Path) -> Result<CsvTable<'static>, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(CsvTable::parse(&path.display().to_string(), &text)?.into_owned())
}

#[cfg(feature = "import")]
/// Rows of a public-ledger file: (series, period text, value).
fn ledger_rows(path: &Path) -> Result<Vec<(String, String, f64)>, ImportError> {
    let t = read(path)?;
    let (cs, cp, cv) = (
        t.column("series_id")?,
        t.column("period")?,
        t.column("value")?,
    );
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let v = t.number(*line, "value", CsvTable::cell(row, cv))?;
        out.push((
            CsvTable::cell(row, cs).to_string(),
            CsvTable::cell(row, cp).trim().to_string(),
            v,
        ));
    }
    Ok(out)
}

#[cfg(feature = "import")]
fn year_of(table: &str, period: &str) -> Result<i32, ImportError> {
    period.parse().map_err(|_| {
        ImportError::Data(DataError::invalid(
            table,
            0,
            format!("period `{period}` is not a calendar year"),
        ))
    })
}

#[cfg(feature = "import")]
/// The totals table text and its number of rows.
pub fn totals_table(shared_data_dir: &Path) -> Result<String, ImportError> {
    let npp = shared_data_dir.join("ons/npp2024/ons_npp2024_uk_principal_totals.csv");
    let name = npp.display().to_string();
    let mut rows: BTreeMap<(String, i32), (f64, &str)> = BTreeMap::new();
    for (series, period, v) in ledger_rows(&npp)? {
        if let Some((_, key, factor, unit)) = NPP_SERIES.iter().find(|s| s.0 == series) {
            rows.insert(
                (key.to_string(), year_of(&name, &period)?),
                (v * factor, unit),
            );
        }
    }
    for (series, key, ..) in NPP_SERIES {
        if !rows.keys().any(|(k, _)| k == key) {
            return Err(ImportError::Data(DataError::invalid(
                &name,
                0,
                format!("series `{series}` is missing: re-download the file"),
            )));
        }
    }
    let comp = shared_data_dir.join("ons/mye/ons_mye_components_uk_2026-10.csv");
    let comp_name = comp.display().to_string();
    for (series, period, v) in ledger_rows(&comp)? {
        let key = match series.as_str() {
            "people.births" => "mye_births",
            "people.deaths" => "mye_deaths",
            _ => continue,
        };
        let year = year_of(&comp_name, &period)?;
        if year == 2024 {
            rows.insert((key.to_string(), year), (v * 1000.0, "persons"));
        }
    }
    for key in ["mye_births", "mye_deaths"] {
        if !rows.contains_key(&(key.to_string(), 2024)) {
            return Err(ImportError::Data(DataError::invalid(
                &comp_name,
                0,
                format!("no {key} for the year to mid-2024"),
            )));
        }
    }
    let mut out = String::from("series,year,value,unit\n");
    for ((s, y), (v, u)) in &rows {
        out.push_str(&format!("{s},{y},{},{u}\n", fmt(*v)));
    }
    Ok(out)
}

#[cfg(feature = "import")]
/// Up to six decimals, trailing zeros dropped.
fn fmt(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(feature = "import")]
/// The mid-2023 estimate table text (UK rows of the countries file).
pub fn mye_table(shared_data_dir: &Path) -> Result<String, ImportError> {
    let path = shared_data_dir.join("ons/mye/ons_mye_mid2023_uk_countries_syoa_sex.csv");
    let t = read(&path)?;
    let name = path.display().to_string();
    let (cs, cg, ca, cp) = (
        t.column("sex")?,
        t.column("geography_name")?,
        t.column("age")?,
        t.column("population")?,
    );
    let mut by: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (line, row) in &t.rows {
        if CsvTable::cell(row, cg).trim() != "UNITED KINGDOM" {
            continue;
        }
        let sex = Sex::parse(CsvTable::cell(row, cs)).ok_or_else(|| {
            DataError::invalid(&name, *line, "column `sex` must be male or female")
        })?;
        let age_cell = CsvTable::cell(row, ca).trim();
        let age = if age_cell == "90+" {
            MYE_LAST_SINGLE_AGE + 1
        } else {
            age_cell
                .parse::<usize>()
                .ok()
                .filter(|a| *a <= MYE_LAST_SINGLE_AGE)
                .ok_or_else(|| {
                    DataError::invalid(
                        &name,
                        *line,
                        format!("`{age_cell}` is not an age 0..89 or 90+"),
                    )
                })?
        };
        let v = t.non_negative(*line, "population", CsvTable::cell(row, cp))?;
        by.insert((sex as usize, age), v);
    }
    let mut out = String::from("sex,age,persons\n");
    for s in Sex::ALL {
        for a in 0..=MYE_LAST_SINGLE_AGE + 1 {
            let v = by.get(&(s as usize, a)).ok_or_else(|| {
                DataError::invalid(&name, 0, format!("no UK row for {} aged {a}", s.name()))
            })?;
            let age = if a > MYE_LAST_SINGLE_AGE {
                "90+".to_string()
            } else {
                a.to_string()
            };
            out.push_str(&format!("{},{age},{}\n", s.name(), fmt(*v)));
        }
    }
    Ok(out)
}

/// The 2024-based totals as read back: series → year → value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Npp2024Totals {
    /// Values by series and calendar year.
    pub series: BTreeMap<String, BTreeMap<i32, f64>>,
}

impl Npp2024Totals {
    /// Parse the totals table.
    pub fn parse(name: &str, text: &str) -> Result<Npp2024Totals, DataError> {
        let t = CsvTable::parse(name, text)?;
        let (cs, cy, cv) = (t.column("series")?, t.column("year")?, t.column("value")?);
        let mut out = Npp2024Totals::default();
        for (line, row) in &t.rows {
            let y: i32 = CsvTable::cell(row, cy).trim().parse().map_err(|_| {
                DataError::invalid(name, *line, "column `year` must be a calendar year")
            })?;
            let v = t.number(*line, "value", CsvTable::cell(row, cv))?;
            out.series
                .entry(CsvTable::cell(row, cs).trim().to_string())
                .or_default()
                .insert(y, v);
        }
        Ok(out)
    }

    /// One value, or an error naming the series and year.
    pub fn get(&self, series: &str, year: i32) -> Result<f64, DataError> {
        self.series
            .get(series)
            .and_then(|m| m.get(&year))
            .copied()
            .ok_or_else(|| {
                DataError::invalid(
                    "npp2024_principal_totals.csv",
                    0,
                    format!("no `{series}` for {year}"),
                )
            })
    }

    /// The years a series has.
    pub fn years(&self, series: &str) -> Vec<i32> {
        self.series
            .get(series)
            .map(|m| m.keys().copied().collect())
            .unwrap_or_default()
    }
}

/// The mid-2023 estimate as read back: persons `[sex][age]`, ages 0..89
/// then 90+ at index 90.
pub fn parse_mye(name: &str, text: &str) -> Result<[[f64; MYE_LAST_SINGLE_AGE + 2]; 2], DataError> {
    let t = CsvTable::parse(name, text)?;
    let (cs, ca, cp) = (t.column("sex")?, t.column("age")?, t.column("persons")?);
    let mut out = [[f64::NAN; MYE_LAST_SINGLE_AGE + 2]; 2];
    for (line, row) in &t.rows {
        let sex = Sex::parse(CsvTable::cell(row, cs)).ok_or_else(|| {
            DataError::invalid(name, *line, "column `sex` must be male or female")
        })?;
        let a = CsvTable::cell(row, ca).trim();
        let age = if a == "90+" {
            MYE_LAST_SINGLE_AGE + 1
        } else {
            a.parse::<usize>()
                .ok()
                .filter(|x| *x <= MYE_LAST_SINGLE_AGE)
                .ok_or_else(|| {
                    DataError::invalid(name, *line, format!("`{a}` is not an age 0..89 or 90+"))
                })?
        };
        let v = t.non_negative(*line, "persons", CsvTable::cell(row, cp))?;
        if let Some(cell) = out.get_mut(sex as usize).and_then(|r| r.get_mut(age)) {
            *cell = v;
        }
    }
    if out.iter().flatten().any(|v| v.is_nan()) {
        return Err(DataError::invalid(name, 0, "a sex or age row is missing"));
    }
    Ok(out)
}
