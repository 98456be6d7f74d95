//! Data tables: the compact CSV tables under `data/` (embedded in the binary)
//! and their loaders. The importer that builds them from the official
//! publications is in `import` (the `import` feature).
//!
//! Loaders validate while they read: every error names the table, the line and
//! the column, and says how to fix it.

mod csvtable;
mod error;
pub(crate) mod gilts;
#[cfg(feature = "import")]
pub mod import;
pub(crate) mod npp2024;
#[cfg(feature = "import")]
pub(crate) mod ons_npp;
pub(crate) mod ons_opendata;
pub(crate) mod population;
pub(crate) mod profiles;
pub(crate) mod read;
pub(crate) mod reference;
pub(crate) mod series;
pub mod shocks;
pub(crate) mod vintage;

use std::path::Path;

pub(crate) use csvtable::CsvTable;
pub(crate) use error::DataError;
pub use gilts::{Gilt, GiltKind, GiltTable};
pub use population::{PopulationTable, Sex, MAX_AGE, N_AGES};
pub use profiles::AgeSexTable;
pub use series::SeriesTable;

/// The embedded tables, by file name under `data/`.
pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    (
        "population_npp2022.csv",
        include_str!("../../data/population_npp2022.csv"),
    ),
    (
        "efo_2026-03.csv",
        include_str!("../../data/efo_2026-03.csv"),
    ),
    (
        "frs_2026-07.csv",
        include_str!("../../data/frs_2026-07.csv"),
    ),
    ("profiles.csv", include_str!("../../data/profiles.csv")),
    (
        "participation.csv",
        include_str!("../../data/participation.csv"),
    ),
    (
        "gilts_dmo_2025-03-19.csv",
        include_str!("../../data/gilts_dmo_2025-03-19.csv"),
    ),
    (
        "dwp_state_pension_2026.csv",
        include_str!("../../data/dwp_state_pension_2026.csv"),
    ),
];

/// Every table the model needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Population by sex, age and mid-year.
    pub population: PopulationTable,
    /// OBR Economic and fiscal outlook aggregates (medium term).
    pub efo: SeriesTable,
    /// OBR Fiscal risks and sustainability baseline (age-related spending levels).
    pub frs: SeriesTable,
    /// Per-person age/sex profiles of each age-related line (shapes).
    pub profiles: AgeSexTable,
    /// Labour-market participation by sex and age in the base year.
    pub participation: AgeSexTable,
    /// DMO gilts in issue.
    pub gilts: GiltTable,
    /// DWP State Pension caseload and spending (Great Britain).
    pub dwp: SeriesTable,
}

fn embedded_text(file: &str) -> &'static str {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

impl Dataset {
    /// The tables compiled into the binary (what the default scenario runs
    /// on; a scenario's own data come from [`crate::Scenario::dataset`]).
    pub fn embedded() -> Result<Dataset, crate::Error> {
        Ok(Dataset::load_embedded()?)
    }

    /// [`Dataset::embedded`], with the data module's own error: parsed once
    /// a process and copied after (the tables are compiled in, so every
    /// parse gives the same value, and each run of a scenario starts from
    /// them).
    pub(crate) fn load_embedded() -> Result<Dataset, DataError> {
        Dataset::embedded_ref().cloned()
    }

    /// The embedded tables, parsed once a process, lent.
    pub(crate) fn embedded_ref() -> Result<&'static Dataset, DataError> {
        static PARSED: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
        if let Some(d) = PARSED.get() {
            return Ok(d);
        }
        let d = Dataset::parse_embedded()?;
        Ok(PARSED.get_or_init(|| d))
    }

    fn parse_embedded() -> Result<Dataset, DataError> {
        let name = |f: &str| format!("embedded:data/{f}");
        Ok(Dataset {
            population: PopulationTable::parse(
                &name("population_npp2022.csv"),
                embedded_text("population_npp2022.csv"),
            )?,
            efo: SeriesTable::parse(&name("efo_2026-03.csv"), embedded_text("efo_2026-03.csv"))?,
            frs: SeriesTable::parse(&name("frs_2026-07.csv"), embedded_text("frs_2026-07.csv"))?,
            profiles: AgeSexTable::parse(&name("profiles.csv"), embedded_text("profiles.csv"))?,
            participation: AgeSexTable::parse(
                &name("participation.csv"),
                embedded_text("participation.csv"),
            )?,
            gilts: GiltTable::parse(
                &name("gilts_dmo_2025-03-19.csv"),
                embedded_text("gilts_dmo_2025-03-19.csv"),
            )?,
            dwp: SeriesTable::parse(
                &name("dwp_state_pension_2026.csv"),
                embedded_text("dwp_state_pension_2026.csv"),
            )?,
        })
    }
}

/// Read a text file for a table, naming it in the error.
pub(crate) fn read_table_text(path: &Path) -> Result<String, DataError> {
    read::read_text_capped(path, read::MAX_TABLE_BYTES).map_err(|e| DataError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_load() {
        let d = Dataset::embedded().unwrap();
        assert!(d.population.total(2025).unwrap() > 60e6);
        assert!(!d.gilts.gilts.is_empty());
    }
}
