//! `fiscal`: OBR-style long-term projections of UK public sector net debt.
//!
//! The library is organised as the data flows:
//!
//! - [`data`]: the compact official tables (embedded) and, with the `import`
//!   feature, their importers;
//! - [`scenario`]: scenario files (TOML) resolved into [`model::Assumptions`];
//! - [`model`]: the projection itself, pure computation, no I/O;
//! - [`run`]: a scenario run (data, projection, interventions) as every command uses it;
//! - [`output`]: tables, CSV and JSON as text;
//! - `chart` (feature `charts`): charts (SVG, PNG) in one house style, and
//!   `report` (feature `reports`): HTML and XLSX reports.
//!
//! The binary `fiscal` (feature `cli`, on by default) is a thin shell over
//! these modules: its command line, file writing and signal handling live in
//! `src/cli/`, outside the library. See `docs/architecture.md`.
//!
//! Outside tests, no `unwrap`, `expect`, `panic!` or unchecked indexing:
//! a user's input must never crash the tool. Modules whose indices are
//! fixed-size arrays or vectors built to one length allow indexing, each
//! with its reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[cfg(feature = "charts")]
pub mod chart;
mod error;

pub mod data;
pub mod model;
pub mod output;
#[cfg(feature = "reports")]
pub mod report;
pub mod reproduce;
pub mod run;
pub mod scenario;
pub mod years;

/// The table parsers, for the fuzz targets in `fuzz/` (cargo-fuzz builds
/// with `--cfg fuzzing`); not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzz {
    use crate::data::{AgeSexTable, GiltTable, PopulationTable, SeriesTable};
    use crate::Error;

    /// A wide `series,unit,<years>` table.
    pub fn series_table(text: &str) -> Result<SeriesTable, Error> {
        Ok(SeriesTable::parse("fuzz.csv", text)?)
    }

    /// A wide `sex,age,<columns>` table.
    pub fn age_sex_table(text: &str) -> Result<AgeSexTable, Error> {
        Ok(AgeSexTable::parse("fuzz.csv", text)?)
    }

    /// The DMO gilts table.
    pub fn gilt_table(text: &str) -> Result<GiltTable, Error> {
        Ok(GiltTable::parse("fuzz.csv", text)?)
    }

    /// A wide `sex,age,<years>` population table.
    pub fn population_table(text: &str) -> Result<PopulationTable, Error> {
        Ok(PopulationTable::parse("fuzz.csv", text)?)
    }

    /// An ONS open-data projection file.
    pub fn ons_opendata(text: &str) -> Result<PopulationTable, Error> {
        Ok(crate::data::ons_opendata::parse_ons_opendata(
            "fuzz.csv", text,
        )?)
    }

    /// Every cell of a population table.
    pub fn persons(t: &PopulationTable) -> impl Iterator<Item = f64> + '_ {
        t.persons.iter().copied()
    }

    /// Read every sheet of an .xlsx workbook (its bytes) as the importers
    /// do, cell by cell within `max_rows` × `max_cols` and `max_cells`;
    /// the number of cells kept from each sheet read, or why it was
    /// refused. Never allocates from a sheet's declared dimension.
    #[cfg(feature = "import")]
    pub fn xlsx_sheets(
        bytes: &[u8],
        max_rows: u32,
        max_cols: u32,
        max_cells: usize,
    ) -> Vec<Result<usize, String>> {
        use crate::data::import::cells::{self, Bounds};
        use calamine::Reader as _;
        let Ok(mut wb) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) else {
            return Vec::new();
        };
        let names = wb.sheet_names();
        let bounds = Bounds {
            max_rows,
            max_cols,
            max_cells,
        };
        let path = std::path::Path::new("fuzz.xlsx");
        names
            .iter()
            .map(|name| {
                let sparse = cells::read(&mut wb, path, name, bounds).map_err(|e| e.to_string())?;
                let range =
                    cells::read_range(&mut wb, path, name, bounds).map_err(|e| e.to_string())?;
                let (h, w) = range.get_size();
                assert!(h <= max_rows as usize && w <= max_cols as usize);
                Ok(sparse.cells.len())
            })
            .collect()
    }
}

pub use error::{Error, ErrorKind};
pub use model::{Assumptions, Projection};
pub use run::Run;
pub use scenario::Scenario;
pub use years::FiscalYear;
