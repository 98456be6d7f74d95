//! The one JSON envelope every command's `--format json` prints:
//! `{"tool", "version", "command", "scenarios": [{name, file, sha256}],
//! "data_vintages", "results"}`, described by `docs/output.schema.json`.
//! What differs between commands is only `results`.

use serde::Serialize;

use super::json::{vintages, DataVintage};
use crate::data::Dataset;
use crate::scenario::{Scenario, SourceFile};

/// One scenario a result comes from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScenarioRef {
    /// The scenario's `name`.
    pub name: String,
    /// The file given (a path, `embedded:<name>` or `<stdin>`).
    pub file: String,
    /// SHA-256 of that file's bytes, hex.
    pub sha256: String,
    /// Every file in its `extends` chain, root (the default) first, with hashes.
    pub chain: Vec<SourceFile>,
}

impl ScenarioRef {
    /// The reference for a loaded scenario.
    pub fn of(s: &Scenario) -> ScenarioRef {
        let last = s.files.last().cloned().unwrap_or(SourceFile {
            path: String::new(),
            sha256: String::new(),
        });
        ScenarioRef {
            name: s.assumptions.name.clone(),
            file: last.path,
            sha256: last.sha256,
            chain: s.files.clone(),
        }
    }
}

/// The envelope around a command's results.
#[derive(Debug, Serialize)]
pub struct Envelope<'a, T: Serialize> {
    /// Always `fiscal`.
    pub(crate) tool: &'static str,
    /// The tool's version.
    pub(crate) version: &'static str,
    /// The subcommand that produced it (`run`, `compare`, ...).
    pub(crate) command: &'a str,
    /// The scenarios the results come from (empty when none).
    pub(crate) scenarios: Vec<ScenarioRef>,
    /// The data tables used, with their publications (empty when none).
    pub(crate) data_vintages: Vec<DataVintage>,
    /// The command's own results.
    pub(crate) results: T,
}

impl<'a, T: Serialize> Envelope<'a, T> {
    /// An envelope for `command` with no scenarios or data yet.
    pub fn new(command: &'a str, results: T) -> Self {
        Envelope {
            tool: "fiscal",
            version: env!("CARGO_PKG_VERSION"),
            command,
            scenarios: Vec::new(),
            data_vintages: Vec::new(),
            results,
        }
    }

    /// With these scenarios.
    pub fn scenarios<'s>(mut self, s: impl IntoIterator<Item = &'s Scenario>) -> Self {
        self.scenarios = s.into_iter().map(ScenarioRef::of).collect();
        self
    }

    /// With the vintages of this data.
    pub fn data(mut self, d: &Dataset) -> Self {
        self.data_vintages = vintages(d);
        self
    }

    /// With the vintages of this data, when there is any (the first of
    /// several runs: they share the embedded tables unless a scenario
    /// substitutes its own).
    pub fn maybe_data(self, d: Option<&Dataset>) -> Self {
        match d {
            Some(d) => self.data(d),
            None => self,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    }
}
