//! Typed errors for data tables: every message names the table, the line and
//! the column at fault, and says how to fix it.

use std::path::PathBuf;

/// A problem found while reading a data table.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A scenario names a forecast vintage that is not available.
    #[error("{set_at}: horizon.vintage: unknown vintage `{name}`; available vintages: {available}; {VINTAGE_HINT}")]
    UnknownVintage {
        /// Where the vintage was chosen (file:line:column).
        set_at: String,
        /// The name given.
        name: String,
        /// The vintages that exist, comma-separated.
        available: String,
    },
    /// The file is not one the tool reads (not a regular file, too large,
    /// not UTF-8).
    #[error("cannot read data table {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A cell, row or the table as a whole is wrong.
    #[error("{}", located(table, *line, message))]
    Invalid {
        /// The table's name or path.
        table: String,
        /// The 1-based line number (0 when the problem is the whole table).
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The scenario asks for what the tables do not have (each line names
    /// the scenario file, line and field).
    #[error("{problems}")]
    Coverage {
        /// One located problem a line.
        problems: String,
    },
}

/// `table:line: message`, or `table: message` for the table as a whole.
fn located(table: &str, line: usize, message: &str) -> String {
    if line == 0 {
        format!("{table}: {message}")
    } else {
        format!("{table}:{line}: {message}")
    }
}

/// Shown with [`DataError::UnknownVintage`].
const VINTAGE_HINT: &str =
    "import another with `fiscal data import --vintage NAME --efo FILE` and set `[data] vintage_dir`";

impl DataError {
    /// Shorthand for [`DataError::Invalid`].
    pub fn invalid(table: &str, line: usize, message: impl Into<String>) -> Self {
        DataError::Invalid {
            table: table.to_string(),
            line,
            message: message.into(),
        }
    }
}
