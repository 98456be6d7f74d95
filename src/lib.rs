//! `fiscal`: OBR-style long-term projections of UK public sector net debt.
//!
//! The library is organised as the data flows:
//!
//! - [`data`]: the compact official tables (embedded) and their importers;
//! - [`scenario`]: scenario files (TOML) resolved into [`scenario::Assumptions`];
//! - [`model`]: the projection itself, pure computation, no I/O;
//! - [`output`]: tables, CSV and JSON writers;
//! - [`chart`]: charts (SVG, PNG) in one house style, and [`report`]: HTML and XLSX reports;
//! - [`run`]: a scenario run (data, projection, interventions) as every command uses it.
//!
//! The binary `fiscal` is a thin shell over these modules.
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

pub mod chart;
pub mod cli;
pub mod data;
pub mod model;
pub mod output;
pub mod report;
pub mod reproduce;
pub mod run;
pub mod scenario;
pub mod years;

pub use years::FiscalYear;
