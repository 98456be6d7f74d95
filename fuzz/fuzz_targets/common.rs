//! Shared by the fuzz targets that need the embedded data.

use std::sync::OnceLock;

use fiscal::data::Dataset;

/// The embedded data, loaded once per fuzzing process.
pub fn data() -> Option<&'static Dataset> {
    static DATA: OnceLock<Option<Dataset>> = OnceLock::new();
    DATA.get_or_init(|| Dataset::embedded().ok()).as_ref()
}
