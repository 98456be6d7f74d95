//! Writers: the terminal summary, `projection.csv` and `projection.json`,
//! all written atomically.

pub mod atomic;
pub mod compare;
pub mod csv;
pub mod decomposition;
pub mod gap;
pub mod interventions;
pub mod json;
pub mod population;
pub mod table;

pub use atomic::{prepare_dir, write_atomic, ClashError, FileSet, WriteError};
