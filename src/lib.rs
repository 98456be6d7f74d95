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

pub use error::{Error, ErrorKind};
pub use model::{Assumptions, Projection};
pub use run::Run;
pub use scenario::Scenario;
pub use years::FiscalYear;
