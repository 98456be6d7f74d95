//! Importers (being written on another branch; see data/SOURCES.md).

use std::fmt;
use std::path::Path;

/// What an import wrote.
#[derive(Debug, Default)]
pub struct ImportReport;

impl fmt::Display for ImportReport {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

/// Import error.
#[derive(Debug, thiserror::Error)]
#[error("importer not yet merged")]
pub struct ImportError;

/// Placeholder until the importer branch lands.
pub fn import_all(_shared: &Path, _out: &Path) -> Result<ImportReport, ImportError> {
    Err(ImportError)
}
