//! Importers (placeholder while being written).
