//! Typed errors for the importer: each names the source file (and line or
//! cell) at fault and says what to do about it.

use std::path::PathBuf;

/// A problem met while importing the official publications.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A source file could not be read.
    #[error("cannot read {path}: {source}; check that the shared data directory is complete")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// An output table could not be written.
    #[error(
        "cannot write {path}: {source}; check that the output directory exists and is writable"
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A line of a source CSV is not in the expected format.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when the problem is the file as a whole).
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A workbook cell or sheet is not in the expected format.
    #[error("{path}: sheet `{sheet}`{}: {message}", cell.as_ref().map(|c| format!(" cell {c}")).unwrap_or_default())]
    Sheet {
        /// The workbook.
        path: PathBuf,
        /// The sheet name.
        sheet: String,
        /// The cell reference (A1 style), if one cell is at fault.
        cell: Option<String>,
        /// What is wrong and what to do.
        message: String,
    },
    /// A derived table failed a consistency check before being written.
    #[error("table {table}: {message}")]
    Check {
        /// The output table.
        table: String,
        /// What failed.
        message: String,
    },
    /// A forecast vintage the database does not hold.
    #[error("{path}: no vintage `{name}` in the database; the nearest are {}: `fiscal data import hofd --list` shows them all", nearest.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "))]
    UnknownVintage {
        /// The workbook.
        path: PathBuf,
        /// The name given.
        name: String,
        /// The nearest vintage labels.
        nearest: Vec<String>,
    },
    /// The demography (ONS projections) import failed.
    #[error(transparent)]
    Demography(#[from] crate::data::ons_npp::ImportError),
}

impl ImportError {
    /// Shorthand for [`ImportError::Invalid`].
    pub fn invalid(path: &std::path::Path, line: usize, message: impl Into<String>) -> Self {
        ImportError::Invalid {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}
