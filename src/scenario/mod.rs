//! Scenario files: TOML that sets or overrides assumptions.
//!
//! A file may `extends` another file (a path relative to itself) or the
//! embedded default (`extends = "default"`, also what a file without
//! `extends` gets). Each file is checked on its own first, so every unknown
//! key, wrong type or bad value is reported at its line and column; then the
//! chain is merged (later files win, tables merge key by key) and the result
//! is checked as a whole by [`crate::model::validate`].

pub mod catalog;
mod diagnostic;
mod schema;
pub mod sweep;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::Value;

pub use diagnostic::Diagnostic;
pub(crate) use diagnostic::{suggest, ScenarioError};
use schema::{merge, FileCheck, Provenance, SCHEMA_EXTRAS};

use crate::data::{AgeSexTable, DataError, Dataset, PopulationTable};
use crate::model::demography::{population_from_settings, PopulationChoice, PopulationOutcome};
use crate::model::{validate, Assumptions};
use crate::Error;

/// The embedded default scenario (also shipped as `scenarios/baseline.toml`).
pub(crate) const DEFAULT_TOML: &str = include_str!("../../scenarios/baseline.toml");
/// The name the embedded default goes by in messages and `extends`.
pub const DEFAULT_NAME: &str = "default";

/// The deepest `extends` chain followed (deeper chains are refused rather
/// than overflowing the stack).
pub(crate) const MAX_EXTENDS_DEPTH: usize = 64;

/// One file that went into a scenario.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceFile {
    /// Path as resolved, or `embedded:default`.
    pub path: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

/// Tables a scenario substitutes for the embedded data.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DataOverrides {
    /// A population table (wide `sex,age,<year>...` CSV).
    pub population_file: Option<PathBuf>,
    /// A profiles table (wide `sex,age,<line>...` CSV).
    pub profiles_file: Option<PathBuf>,
    /// Directory of the file that set `population.projection` (file paths
    /// in it resolve from there).
    pub population_dir: Option<PathBuf>,
    /// A data directory holding imported vintages under `vintages/`.
    pub vintage_dir: Option<PathBuf>,
}

/// A resolved scenario: its assumptions and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The effective assumptions.
    pub assumptions: Assumptions,
    /// Files in the `extends` chain, root (the default) first.
    pub files: Vec<SourceFile>,
    /// Data tables substituted by the scenario.
    pub data: DataOverrides,
    /// Where each field was last set (for messages).
    provenance: Provenance,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn schema() -> toml::Table {
    let mut s: toml::Table = toml::from_str(DEFAULT_TOML).unwrap_or_default();
    let extras: toml::Table = toml::from_str(SCHEMA_EXTRAS).unwrap_or_default();
    let empty = toml::Table::new();
    merge(&mut s, &extras, &empty);
    schema::intervention_field_tables(&mut s);
    s
}

/// Where a file comes from.
#[derive(Debug, Clone)]
enum Origin {
    Embedded,
    File(PathBuf),
    /// A shipped scenario embedded in the binary.
    Shipped(catalog::Embedded),
}

/// What relative `extends` paths in a file resolve against.
#[derive(Debug, Clone, Copy)]
enum Base<'a> {
    /// The file's directory (`None`: the working directory).
    Dir(Option<&'a Path>),
    /// The embedded set, relative to this shipped scenario.
    Shipped(catalog::Embedded),
}

/// Where an `extends` was read: the file and its line and column.
type ExtendsFrom<'a> = Option<(&'a str, Option<(usize, usize)>)>;

/// A scenario text loaded: its name, text and the directory its relative
/// paths resolve from.
type Loaded = (String, String, Option<PathBuf>);

struct Loader {
    schema: toml::Table,
    diagnostics: Vec<Diagnostic>,
    files: Vec<SourceFile>,
    provenance: Provenance,
    data: DataOverrides,
    stack: Vec<PathBuf>,
}

impl Loader {
    fn new() -> Self {
        Loader {
            schema: schema(),
            diagnostics: Vec::new(),
            files: Vec::new(),
            provenance: Provenance::new(),
            data: DataOverrides::default(),
            stack: Vec::new(),
        }
    }

    /// Load `origin` and everything it extends; returns the merged table.
    fn load(&mut self, origin: Origin, from: ExtendsFrom<'_>) -> Option<toml::Table> {
        let (name, text, dir) = match &origin {
            Origin::Embedded => (
                format!("embedded:{DEFAULT_NAME}"),
                DEFAULT_TOML.to_string(),
                None,
            ),
            Origin::Shipped(e) => self.enter_shipped(e, from)?,
            Origin::File(path) => self.enter_file(path, from)?,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let base = match origin {
            Origin::Shipped(e) => Base::Shipped(e),
            _ => Base::Dir(dir.as_deref()),
        };
        let result = self.load_text(&name, &text, base);
        if matches!(origin, Origin::File(_) | Origin::Shipped(_)) {
            self.stack.pop();
        }
        result
    }

    /// Push shipped scenario `e` on the `extends` stack (refusing a cycle);
    /// its name and text.
    fn enter_shipped(&mut self, e: &catalog::Embedded, from: ExtendsFrom<'_>) -> Option<Loaded> {
        let key = PathBuf::from(format!("embedded:{}", e.name));
        if self.stack.contains(&key) {
            self.refuse_extends(
                from,
                key.display().to_string(),
                format!(
                    "`extends` cycle through the shipped scenario `{}`; remove one of the links",
                    e.name
                ),
            );
            return None;
        }
        self.stack.push(key);
        Some((format!("embedded:{}", e.name), e.text.to_string(), None))
    }

    /// Read scenario file `path` and push it on the `extends` stack
    /// (refusing a cycle or a chain too deep); its name, text and the
    /// directory its relative paths resolve from.
    fn enter_file(&mut self, path: &Path, from: ExtendsFrom<'_>) -> Option<Loaded> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if self.stack.contains(&canonical) {
            let chain: Vec<String> = self
                .stack
                .iter()
                .chain([&canonical])
                .map(|p| p.display().to_string())
                .collect();
            self.refuse_extends(
                from,
                path.display().to_string(),
                format!(
                    "`extends` cycle: {}; remove one of the links",
                    chain.join(" -> ")
                ),
            );
            return None;
        }
        if self.stack.len() >= MAX_EXTENDS_DEPTH {
            self.refuse_extends(
                from,
                path.display().to_string(),
                format!(
                    "the `extends` chain is more than {MAX_EXTENDS_DEPTH} files deep: flatten it"
                ),
            );
            return None;
        }
        let text = match crate::data::read::read_text_capped(
            path,
            crate::data::read::MAX_SCENARIO_BYTES,
        ) {
            Ok(t) => t,
            Err(e) => {
                self.diagnostics.push(Diagnostic {
                    file: from.map_or_else(|| path.display().to_string(), |f| f.0.to_string()),
                    position: from.and_then(|f| f.1),
                    field: from.map(|_| "extends".to_string()),
                    message: format!(
                        "cannot read scenario file {}: {e}{}",
                        path.display(),
                        catalog::hint_for_missing(path)
                    ),
                });
                return None;
            }
        };
        // Relative paths resolve from the file's real folder, also
        // when it was reached through a symbolic link.
        let dir = canonical.parent().map(Path::to_path_buf);
        self.stack.push(canonical);
        Some((path.display().to_string(), text, dir))
    }

    /// Record a problem with the `extends` that led here (at `from`, or in
    /// `file` itself for the first).
    fn refuse_extends(&mut self, from: ExtendsFrom<'_>, file: String, message: String) {
        self.diagnostics.push(Diagnostic {
            file: from.map_or(file, |f| f.0.to_string()),
            position: from.and_then(|f| f.1),
            field: Some("extends".into()),
            message,
        });
    }

    /// Record a TOML syntax error at its position.
    fn malformed(
        &mut self,
        name: &str,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: &str,
    ) {
        self.diagnostics.push(Diagnostic {
            file: name.to_string(),
            position: span.map(|s| diagnostic::line_col(text, s.start)),
            field: None,
            message: format!("malformed TOML: {}", message.trim()),
        });
    }

    /// Check and load one scenario text, then what it extends; returns the
    /// table merged over its parents.
    fn load_text(&mut self, name: &str, text: &str, base: Base<'_>) -> Option<toml::Table> {
        let dir = match base {
            Base::Dir(d) => d,
            Base::Shipped(_) => None,
        };
        let doc = match toml_edit::ImDocument::parse(text.to_string()) {
            Ok(d) => d,
            Err(e) => {
                self.malformed(name, text, e.span(), e.message());
                return None;
            }
        };
        let mut check = FileCheck::new(name, text);
        check.table(doc.as_table(), &self.schema, "");
        let file_ok = check.diagnostics.is_empty();
        self.diagnostics.append(&mut check.diagnostics);
        // The same parsed document, as plain values for merging.
        let own: toml::Table = match toml_edit::de::from_document(doc) {
            Ok(t) => t,
            Err(e) => {
                self.malformed(name, text, e.span(), e.message());
                return None;
            }
        };
        // The parent first, so that this file's values win.
        let extends_pos = check.provenance.get("extends").and_then(|p| p.1);
        let parent = self.load_parent(&own, name, extends_pos, base, dir);
        self.files.push(SourceFile {
            path: name.to_string(),
            sha256: sha256_hex(text.as_bytes()),
        });
        for (k, v) in check.provenance {
            self.provenance.insert(k, v);
        }
        self.note_data_paths(&own, dir);
        let mut merged = parent?;
        let mut own = own;
        if !file_ok {
            // Drop what failed the schema so that the rest of the file is
            // still checked as values: every problem is reported in one pass.
            for d in self.diagnostics.iter().filter(|d| d.file == name) {
                if let Some(field) = &d.field {
                    schema::remove_path(&mut own, field);
                }
            }
        }
        merge(&mut merged, &own, &self.schema);
        Some(merged)
    }

    /// The merged table of what file `name` extends (`extends` at
    /// `extends_pos`): the embedded default, a shipped scenario or a file
    /// relative to `dir`; the default when it names none.
    fn load_parent(
        &mut self,
        own: &toml::Table,
        name: &str,
        extends_pos: Option<(usize, usize)>,
        base: Base<'_>,
        dir: Option<&Path>,
    ) -> Option<toml::Table> {
        match own.get("extends") {
            Some(Value::String(target)) => {
                let from = Some((name, extends_pos));
                if target == DEFAULT_NAME {
                    self.load(Origin::Embedded, from)
                } else if let Base::Shipped(e) = base {
                    match e.resolve_extends(target) {
                        Some(parent) => self.load(Origin::Shipped(parent), from),
                        None => {
                            self.diagnostics.push(Diagnostic {
                                file: name.to_string(),
                                position: extends_pos,
                                field: Some("extends".into()),
                                message: format!("`{target}` is not a shipped scenario; a shipped scenario can only extend another (see `fiscal scenarios`)"),
                            });
                            None
                        }
                    }
                } else {
                    let path = dir.map_or_else(|| PathBuf::from(target), |d| d.join(target));
                    // A missing file named like a shipped scenario (`extends =
                    // "baseline.toml"` read from stdin elsewhere) is the shipped one.
                    match catalog::exact(target).filter(|_| !path.exists()) {
                        Some(e) => self.load(Origin::Shipped(e), from),
                        None => self.load(Origin::File(path), from),
                    }
                }
            }
            _ if name == format!("embedded:{DEFAULT_NAME}") => Some(toml::Table::new()),
            _ => self.load(Origin::Embedded, None),
        }
    }

    /// Record the data files a file substitutes (`[data]`, and the folder of
    /// a ready population projection), relative to its directory.
    fn note_data_paths(&mut self, own: &toml::Table, dir: Option<&Path>) {
        if let Some(Value::Table(data)) = own.get("data") {
            let resolve = |key: &str| match data.get(key) {
                Some(Value::String(p)) => Some(dir.map_or_else(|| PathBuf::from(p), |d| d.join(p))),
                _ => None,
            };
            if let Some(p) = resolve("population_file") {
                self.data.population_file = Some(p);
            }
            if let Some(p) = resolve("profiles_file") {
                self.data.profiles_file = Some(p);
            }
            if let Some(p) = resolve("vintage_dir") {
                self.data.vintage_dir = Some(p);
            }
        }
        if let Some(Value::Table(pop)) = own.get("population") {
            if pop.contains_key("projection") {
                self.data.population_dir = dir.map(Path::to_path_buf);
            }
        }
    }

    fn finish(mut self, merged: Option<toml::Table>) -> Result<Scenario, ScenarioError> {
        let Some(mut merged) = merged else {
            return Err(self.error());
        };
        merged.remove("extends");
        merged.remove("data");
        let last_file = self
            .files
            .last()
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let assumptions: Assumptions = match Value::Table(merged).try_into() {
            Ok(a) => a,
            // A field the schema already reported cannot be deserialized
            // either: its report is the better one.
            Err(_) if !self.diagnostics.is_empty() => return Err(self.error()),
            Err(e) => {
                return Err(ScenarioError::single(
                    &last_file,
                    e.message().trim().to_string(),
                ));
            }
        };
        let problems = validate::check(&assumptions);
        self.located(problems, &last_file);
        if !self.diagnostics.is_empty() {
            return Err(self.error());
        }
        Ok(Scenario {
            assumptions,
            files: self.files,
            data: self.data,
            provenance: self.provenance,
        })
    }

    /// Record `problems`, each at the file and line that set its field.
    fn located(&mut self, problems: Vec<validate::Problem>, fallback: &str) {
        for problem in problems {
            let (file, position) = self
                .locate(&problem.field)
                .unwrap_or((fallback.to_string(), None));
            self.diagnostics.push(Diagnostic {
                file,
                position,
                field: Some(problem.field),
                message: problem.message,
            });
        }
    }

    fn error(self) -> ScenarioError {
        ScenarioError::sorted(self.diagnostics)
    }

    /// The file and position that last set `field` or its closest parent.
    fn locate(&self, field: &str) -> Option<(String, Option<(usize, usize)>)> {
        locate_in(&self.provenance, field)
    }
}

/// The file and position that last set `field` or its closest parent
/// (`a.b[2].c` falls back to `a.b[2]`, `a.b`, `a`).
fn locate_in(provenance: &Provenance, field: &str) -> Option<(String, Option<(usize, usize)>)> {
    let mut f = field;
    loop {
        if let Some((file, pos)) = provenance.get(f) {
            return Some((file.clone(), *pos));
        }
        let cut = f.rfind(['.', '['])?;
        f = &f[..cut];
    }
}

impl Scenario {
    /// The embedded default scenario.
    pub fn default_scenario() -> Result<Scenario, Error> {
        let mut l = Loader::new();
        let merged = l.load(Origin::Embedded, None);
        Ok(l.finish(merged)?)
    }

    /// Load the scenario file at `path` and everything it extends.
    pub fn load(path: &Path) -> Result<Scenario, Error> {
        let mut l = Loader::new();
        let merged = l.load(Origin::File(path.to_path_buf()), None);
        Ok(l.finish(merged)?)
    }

    /// Load a scenario from text (named `name` in messages); relative
    /// `extends` paths resolve against `dir`.
    pub fn from_text(name: &str, text: &str, dir: Option<&Path>) -> Result<Scenario, Error> {
        let mut l = Loader::new();
        let merged = l.load_text(name, text, Base::Dir(dir));
        Ok(l.finish(merged)?)
    }

    /// Load the shipped scenario `e` (embedded in the binary).
    pub fn shipped(e: catalog::Embedded) -> Result<Scenario, Error> {
        let mut l = Loader::new();
        let merged = l.load(Origin::Shipped(e), None);
        Ok(l.finish(merged)?)
    }

    /// Load `arg` as a scenario file if one exists there, or else the
    /// shipped scenario of that name (`low_productivity`,
    /// `digital/smarter_state_central`); files take precedence.
    pub fn load_named(arg: &Path) -> Result<Scenario, Error> {
        if !arg.exists() {
            if let Some(e) = arg.to_str().and_then(catalog::find) {
                return Scenario::shipped(e);
            }
        }
        Scenario::load(arg)
    }

    /// This scenario with the TOML `text` (named `name` in messages) laid
    /// over it, as a file that `extends` it would be: every key is checked
    /// against the schema at its line and column, later values win, tables
    /// merge key by key, and the result is validated as a whole. What a
    /// wrapper's overrides (a Python call's keyword arguments, a web form's
    /// fields) go through, so they are checked exactly as scenario files
    /// are. `extends` and `[data]` cannot be laid over a loaded scenario.
    pub fn with_toml(&self, name: &str, text: &str) -> Result<Scenario, Error> {
        Ok(self.overlay(name, text)?)
    }

    fn overlay(&self, name: &str, text: &str) -> Result<Scenario, ScenarioError> {
        let mut l = Loader::new();
        l.files = self.files.clone();
        l.provenance = self.provenance.clone();
        l.data = self.data.clone();
        let mut merged = match Value::try_from(&self.assumptions) {
            Ok(Value::Table(t)) => t,
            _ => {
                return Err(ScenarioError::single(
                    name,
                    "the scenario's assumptions cannot be written as TOML (a bug)",
                ))
            }
        };
        let doc = match toml_edit::ImDocument::parse(text.to_string()) {
            Ok(d) => d,
            Err(e) => {
                l.malformed(name, text, e.span(), e.message());
                return Err(l.error());
            }
        };
        let mut check = FileCheck::new(name, text);
        check.table(doc.as_table(), &l.schema, "");
        l.diagnostics.append(&mut check.diagnostics);
        for key in ["extends", "data"] {
            if let Some(pos) = check.provenance.get(key).map(|p| p.1) {
                l.diagnostics.push(Diagnostic {
                    file: name.to_string(),
                    position: pos,
                    field: Some(key.into()),
                    message: format!("`{key}` cannot be laid over a loaded scenario: load a file that sets it instead"),
                });
            }
        }
        if !l.diagnostics.is_empty() {
            return Err(l.error());
        }
        let own: toml::Table = match toml_edit::de::from_document(doc) {
            Ok(t) => t,
            Err(e) => {
                l.malformed(name, text, e.span(), e.message());
                return Err(l.error());
            }
        };
        l.files.push(SourceFile {
            path: name.to_string(),
            sha256: sha256_hex(text.as_bytes()),
        });
        for (k, v) in check.provenance {
            l.provenance.insert(k, v);
        }
        merge(&mut merged, &own, &l.schema);
        l.finish(Some(merged))
    }

    /// This scenario with the interventions of `package` (its
    /// `[[intervention]]`, `[[spending_content]]` and
    /// `[[intervention_correlation]]` tables) in place of its own: the same
    /// package laid on another projection (the 2017 proposals on the FSR
    /// 2017 re-run). Validated as a whole; both files are recorded.
    pub fn with_package_of(&self, package: &Scenario) -> Result<Scenario, Error> {
        let mut out = self.clone();
        let p = &package.assumptions;
        out.assumptions.intervention = p.intervention.clone();
        out.assumptions.spending_content = p.spending_content.clone();
        out.assumptions.intervention_correlation = p.intervention_correlation.clone();
        out.assumptions.name = format!("{} on {}", p.name, self.assumptions.name);
        out.files.extend(package.files.iter().cloned());
        let fallback = package.top_file();
        let mut l = Loader::new();
        l.provenance = package.provenance.clone();
        l.located(validate::check(&out.assumptions), &fallback);
        if !l.diagnostics.is_empty() {
            return Err(l.error().into());
        }
        Ok(out)
    }

    /// The population the `[population]` settings ask for, if any.
    pub(crate) fn population_outcome(&self) -> Result<Option<PopulationOutcome>, DataError> {
        let Some(settings) = &self.assumptions.population else {
            return Ok(None);
        };
        let at = self
            .locate("population")
            .unwrap_or_else(|| "scenario".to_string());
        let err = |e: crate::model::demography::DemographyError| DataError::Invalid {
            table: at.clone(),
            line: 0,
            message: format!("`population`: {e}"),
        };
        if self.data.population_file.is_some() {
            if settings.sets_population() {
                return Err(DataError::Invalid {
                    table: at.clone(),
                    line: 0,
                    message: "`population` settings and `data.population_file` both set the population: keep one".into(),
                });
            }
            // Only a vintage (inherited from the baseline): the file decides.
            return Ok(None);
        }
        // As far as the assumptions reach (the intertemporal indicators run
        // beyond the end year; a horizon past them is reported by the
        // model's validation, naming `horizon.end_year`).
        let last_year = i32::MAX;
        let file = match settings.choice().map_err(err)? {
            PopulationChoice::File(p) => {
                let path = self
                    .data
                    .population_dir
                    .as_ref()
                    .map_or(p.clone(), |d| d.join(&p));
                Some((
                    path.display().to_string(),
                    crate::data::read_table_text(&path)?,
                ))
            }
            _ => None,
        };
        let outcome = population_from_settings(
            settings,
            last_year,
            file.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(err)?;
        Ok(Some(outcome))
    }

    /// Every file the scenario reads: the files of its `extends` chain and
    /// the data tables it substitutes (outputs must never replace them).
    pub fn input_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|f| !f.path.starts_with("embedded:"))
            .map(|f| PathBuf::from(&f.path))
            .collect();
        paths.extend(self.data.population_file.iter().cloned());
        paths.extend(self.data.profiles_file.iter().cloned());
        if let Some(Ok(PopulationChoice::File(p))) =
            self.assumptions.population.as_ref().map(|s| s.choice())
        {
            let dir = self.data.population_dir.as_deref();
            paths.push(dir.map_or(p.clone(), |d| d.join(&p)));
        }
        paths
    }

    /// The dotted-path location of a field (file and line), for messages.
    pub fn locate(&self, field: &str) -> Option<String> {
        locate_in(&self.provenance, field).map(|(file, pos)| match pos {
            Some((l, c)) => format!("{file}:{l}:{c}"),
            None => file,
        })
    }

    /// The data the scenario runs on: the embedded tables with any files the
    /// scenario substitutes, and the population its `[population]` settings
    /// ask for (projected by the cohort-component engine when they give
    /// assumptions).
    pub fn dataset(&self) -> Result<Dataset, Error> {
        Ok(self.dataset_and_population()?.0)
    }

    /// [`Scenario::dataset`], with the population outcome its `[population]`
    /// settings produced (so that callers need not project it again).
    pub(crate) fn dataset_and_population(
        &self,
    ) -> Result<(Dataset, Option<PopulationOutcome>), DataError> {
        let (d, outcome) = self.load_data()?;
        let problems = self.data_diagnostics(&d);
        if !problems.is_empty() {
            return Err(DataError::Coverage {
                problems: ScenarioError::sorted(problems).to_string(),
            });
        }
        Ok((d, outcome))
    }

    /// Every problem with running the scenario on its data (what `fiscal
    /// run` would reject before projecting), each located in the scenario.
    pub fn data_problems(&self) -> Vec<Diagnostic> {
        match self.load_data() {
            Ok((d, _)) => self.data_diagnostics(&d),
            // The data error names its table and line, and the scenario
            // field that chose the table.
            Err(e) => vec![Diagnostic {
                file: String::new(),
                position: None,
                field: None,
                message: e.to_string(),
            }],
        }
    }

    fn top_file(&self) -> String {
        self.files
            .last()
            .map(|f| f.path.clone())
            .unwrap_or_default()
    }

    /// Every problem validation finds in the assumptions as they are now
    /// (perhaps edited since loading), located; an error when there is any.
    pub(crate) fn check(&self) -> Result<(), ScenarioError> {
        let problems = self.located(validate::check(&self.assumptions));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError::sorted(problems))
        }
    }

    /// [`validate::check_data`], located.
    fn data_diagnostics(&self, d: &Dataset) -> Vec<Diagnostic> {
        self.located(validate::check_data(&self.assumptions, d))
    }

    /// Each problem at the file and line that set its field.
    fn located(&self, problems: Vec<validate::Problem>) -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|p| {
                let (file, position) = locate_in(&self.provenance, &p.field)
                    .unwrap_or_else(|| (self.top_file(), None));
                Diagnostic {
                    file,
                    position,
                    field: Some(p.field),
                    message: p.message,
                }
            })
            .collect()
    }

    /// The tables, before any check against the assumptions.
    fn load_data(&self) -> Result<(Dataset, Option<PopulationOutcome>), DataError> {
        // The embedded tables, each copied only where the scenario keeps it.
        let embedded = Dataset::embedded_ref()?;
        let vintage = &self.assumptions.horizon.vintage;
        let efo = if vintage != crate::data::vintage::DEFAULT || self.data.vintage_dir.is_some() {
            let set_at = self
                .locate("horizon.vintage")
                .unwrap_or_else(|| "[horizon] vintage".into());
            crate::data::vintage::load(vintage, self.data.vintage_dir.as_deref(), &set_at)?
        } else {
            embedded.efo.clone()
        };
        let file_population = match &self.data.population_file {
            Some(p) => {
                let text = crate::data::read_table_text(p)?;
                Some(PopulationTable::parse(&p.display().to_string(), &text)?)
            }
            None => None,
        };
        let outcome = self.population_outcome()?;
        let population = match (&outcome, file_population) {
            (Some(o), _) => {
                let mut table = o.table();
                if let (PopulationOutcome::Projected(_), Some(s)) =
                    (o, &self.assumptions.population)
                {
                    table.source = format!(
                        "{}{}",
                        crate::model::demography::settings::ENGINE_SOURCE_PREFIX,
                        s.vintage.unwrap_or_default().name()
                    );
                }
                table
            }
            (None, Some(table)) => table,
            (None, None) => embedded.population.clone(),
        };
        let profiles = match &self.data.profiles_file {
            Some(p) => {
                let text = crate::data::read_table_text(p)?;
                AgeSexTable::parse(&p.display().to_string(), &text)?
            }
            None => embedded.profiles.clone(),
        };
        let d = Dataset {
            population,
            efo,
            profiles,
            frs: embedded.frs.clone(),
            participation: embedded.participation.clone(),
            gilts: embedded.gilts.clone(),
            dwp: embedded.dwp.clone(),
        };
        Ok((d, outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_loads_and_matches_baseline() {
        let d = Scenario::default_scenario().unwrap();
        let b: Assumptions = toml::from_str(DEFAULT_TOML).unwrap();
        assert_eq!(d.assumptions, b);
        assert_eq!(d.files.len(), 1);
    }

    #[test]
    fn overrides_merge_and_unknown_keys_are_located() {
        let s = Scenario::from_text(
            "x.toml",
            "name = \"X\"\n[economy]\nproductivity_growth_pct = 1\n",
            None,
        )
        .unwrap();
        assert_eq!(s.assumptions.economy.productivity_growth_pct, 1.0);
        assert_eq!(s.assumptions.economy.cpi_inflation_pct, 2.0);
        assert_eq!(s.files.len(), 2);
        let e = Scenario::from_text(
            "x.toml",
            "[economy]\nproductivity_growth_pc = 1\ncpi_inflation_pct = \"2\"\n",
            None,
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("x.toml:2:1: `economy.productivity_growth_pc`: unknown key; did you mean `productivity_growth_pct`?"), "{msg}");
        assert!(msg.contains("x.toml:3:21"), "{msg}");
    }

    #[test]
    fn overrides_are_checked_like_a_file_and_round_trip_every_shipped_scenario() {
        for e in catalog::all() {
            let s = Scenario::shipped(e).unwrap();
            let same = s.with_toml("none", "").unwrap();
            assert_eq!(same.assumptions, s.assumptions, "{}", e.name);
        }
        let s = Scenario::default_scenario().unwrap();
        let o = s
            .with_toml("overrides", "[economy]\nproductivity_growth_pct = 1\n")
            .unwrap();
        assert_eq!(o.assumptions.economy.productivity_growth_pct, 1.0);
        assert_eq!(
            o.locate("economy.productivity_growth_pct").as_deref(),
            Some("overrides:2:1")
        );
        let e = s
            .with_toml("overrides", "[economy]\nproductivity_growth_pc = 1\n")
            .unwrap_err();
        assert!(e.is_bad_input());
        assert!(e.to_string().contains("overrides:2:1: `economy.productivity_growth_pc`: unknown key; did you mean `productivity_growth_pct`?"), "{e}");
        let e = s
            .with_toml("overrides", "[economy]\ncpi_inflation_pct = 0.02\n")
            .unwrap_err();
        assert!(
            e.to_string().starts_with(
                "overrides:2:1: `economy.cpi_inflation_pct`: 0.02 looks like a fraction"
            ),
            "{e}"
        );
        let e = s
            .with_toml("overrides", "extends = \"low_productivity\"\n")
            .unwrap_err();
        assert!(
            e.to_string().contains("`extends` cannot be laid over"),
            "{e}"
        );
    }

    #[test]
    fn value_problems_point_at_the_line() {
        let e = Scenario::from_text("x.toml", "\n[economy]\ncpi_inflation_pct = 0.02\n", None)
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.toml:3:1: `economy.cpi_inflation_pct`: 0.02 looks like a fraction"),
            "{e}"
        );
    }
}
