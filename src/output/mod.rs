//! Text outputs: the terminal summary, `projection.csv` and
//! `projection.json` and the other commands' tables, as strings. Writing them
//! to files (atomically, as a set) is the binary's job (`src/cli/atomic.rs`).

pub mod appraisal;
pub mod compare;
pub mod csv;
pub mod decomposition;
pub mod envelope;
pub mod frame;
pub mod gap;
pub mod interventions;
pub mod json;
pub mod population;
pub mod publications;
pub mod reproduce;
pub mod table;
pub mod uncertainty;
pub(crate) mod units;
