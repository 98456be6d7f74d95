//! Writers: the terminal summary, `projection.csv` and `projection.json`,
//! all written atomically.

pub mod appraisal;
pub mod atomic;
pub mod charts;
pub mod compare;
pub mod csv;
pub mod decomposition;
pub mod envelope;
pub mod gap;
pub mod interventions;
pub mod json;
pub mod population;
pub mod reproduce;
pub mod table;
pub mod uncertainty;
pub mod units;

pub use atomic::{
    prepare_dir, write_atomic, write_atomic_streamed, ClashError, FileSet, WriteError,
};

/// The directory a file goes into (`.` for a bare file name).
pub fn parent_dir(path: &std::path::Path) -> &std::path::Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    }
}
