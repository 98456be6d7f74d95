//! `fiscal._fiscal`: the library's public API for Python. Each function
//! loads a scenario as the command line does (a shipped name, a file, or
//! TOML text, with keyword overrides checked as a scenario file's lines
//! are), runs the library with the GIL released, and returns tables as
//! lists of `(column, values)` pairs; `python/fiscal/__init__.py` makes
//! them pandas DataFrames.
//!
//! Errors carry the command line's message (its context and every cause,
//! as `fiscal` prints them after `error: `): bad input raises `ValueError`,
//! anything else `RuntimeError` (the library's `ErrorKind`).

use std::path::Path;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};

use fiscal::data::shocks::ShockTable;
use fiscal::model::uncertainty::{self, Engine, FanOptions};
use fiscal::output::frame::{self, Frame, Values};
use fiscal::scenario::{catalog, Scenario};
use fiscal::Run;

/// An error on its way to Python: the message the command line prints
/// and whether the input was at fault. Plain data, so it can leave the
/// GIL-free part of a call.
struct Failure {
    message: String,
    bad_input: bool,
}

impl Failure {
    /// `err` under `context` (as the command line's `anyhow` context).
    fn of(context: Option<String>, err: &fiscal::Error) -> Failure {
        let mut parts: Vec<String> = context.into_iter().collect();
        parts.push(err.to_string());
        let mut cause = std::error::Error::source(err);
        while let Some(c) = cause {
            parts.push(c.to_string());
            cause = c.source();
        }
        Failure {
            message: parts.join("\n  caused by: "),
            bad_input: err.is_bad_input(),
        }
    }

    fn bad_input(message: String) -> Failure {
        Failure {
            message,
            bad_input: true,
        }
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        if f.bad_input {
            PyValueError::new_err(f.message)
        } else {
            PyRuntimeError::new_err(f.message)
        }
    }
}

impl From<fiscal::Error> for Failure {
    fn from(e: fiscal::Error) -> Failure {
        Failure::of(None, &e)
    }
}

/// Whether `spec` is scenario text rather than a name or a path.
fn is_toml_text(spec: &str) -> bool {
    spec.contains('\n') || spec.contains('=')
}

/// The scenario `spec` names, as `fiscal run SPEC` loads it (a file takes
/// precedence over a shipped name), or TOML text; `None` for the embedded
/// baseline. `overrides` (TOML) is laid over it.
fn load(spec: Option<&str>, overrides: Option<&str>) -> Result<Scenario, Failure> {
    let ctx = |c: String| move |e: fiscal::Error| Failure::of(Some(c), &e);
    let scenario = match spec {
        None => Scenario::default_scenario().map_err(ctx(
            "the embedded default scenario is not valid (a bug)".into(),
        ))?,
        Some(text) if is_toml_text(text) => {
            Scenario::from_text("<text>", text, Some(Path::new(".")))
                .map_err(ctx("the scenario text is not valid".into()))?
        }
        Some(name) => {
            let p = Path::new(name);
            if !p.exists() && catalog::find(name).is_none() {
                Scenario::load(p).map_err(ctx(format!(
                    "scenario {name} is neither a file nor a shipped scenario (`fiscal scenarios` lists them)"
                )))?
            } else {
                Scenario::load_named(p).map_err(ctx(format!("scenario {name} is not valid")))?
            }
        }
    };
    match overrides {
        Some(text) if !text.trim().is_empty() => scenario
            .with_toml("<keyword arguments>", text)
            .map_err(ctx("the keyword arguments are not valid".into())),
        _ => Ok(scenario),
    }
}

/// A Python value as TOML (bool, int, float, str, list, dict).
fn to_toml(v: &Bound<'_, PyAny>, at: &str) -> PyResult<toml::Value> {
    if v.is_instance_of::<PyBool>() {
        return Ok(toml::Value::Boolean(v.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(toml::Value::Integer(v.extract()?));
    }
    if v.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(v.extract()?));
    }
    if v.is_instance_of::<PyString>() {
        return Ok(toml::Value::String(v.extract()?));
    }
    if let Ok(d) = v.cast::<PyDict>() {
        return Ok(toml::Value::Table(to_table(d, at)?));
    }
    if let Ok(l) = v.cast::<PyList>() {
        let items = l
            .iter()
            .enumerate()
            .map(|(i, x)| to_toml(&x, &format!("{at}[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(toml::Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "{at}: a scenario value is a bool, int, float, str, list or dict, not {}",
        v.get_type().name()?
    )))
}

fn to_table(d: &Bound<'_, PyDict>, at: &str) -> PyResult<toml::Table> {
    let mut t = toml::Table::new();
    for (k, v) in d.iter() {
        let key: String = k.extract()?;
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        t.insert(key, to_toml(&v, &path)?);
    }
    Ok(t)
}

/// Nested overrides (`{"economy": {"productivity_growth_pct": 1.0}}`) as
/// TOML text.
fn overrides_text(overrides: Option<&Bound<'_, PyDict>>) -> PyResult<Option<String>> {
    let Some(d) = overrides else {
        return Ok(None);
    };
    let table = to_table(d, "")?;
    toml::to_string(&table)
        .map(Some)
        .map_err(|e| PyValueError::new_err(format!("the keyword arguments are not valid: {e}")))
}

/// A frame as a list of `(name, values)`: text as `str`, numbers as `float`.
fn frame_to_py(py: Python<'_>, f: Frame) -> PyResult<Py<PyList>> {
    let out = PyList::empty(py);
    for (name, values) in f.columns {
        match values {
            Values::Text(v) => out.append((name, v))?,
            Values::Number(v) => out.append((name, v))?,
        }
    }
    Ok(out.unbind())
}

/// A projected scenario (`fiscal.run` wraps it): the projection, the
/// interventions and, computed on first use, the indicators.
#[pyclass(name = "Run", module = "fiscal._fiscal", frozen)]
struct PyRun {
    run: Run,
}

#[pymethods]
impl PyRun {
    /// The scenario's name.
    #[getter]
    fn name(&self) -> String {
        self.run.scenario().assumptions.name.clone()
    }

    /// The columns of `projection.csv`.
    fn projection(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        frame_to_py(py, frame::projection(self.run.projection()))
    }

    /// The projection without the scenario's interventions.
    fn without_interventions(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        frame_to_py(py, frame::projection(self.run.without_interventions()))
    }

    /// The columns of `interventions.csv`; `None` without interventions.
    fn interventions(&self, py: Python<'_>) -> PyResult<Option<Py<PyList>>> {
        self.run
            .interventions()
            .map(|r| frame_to_py(py, frame::interventions(r)))
            .transpose()
    }

    /// The headline indicators (solved with the GIL released on first use).
    fn indicators(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let f = py.detach(|| frame::indicators(self.run.indicators()));
        frame_to_py(py, f)
    }

    /// The share of the fiscal gap each intervention closes on its own.
    fn gap_shares(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let f = py.detach(|| frame::gap_shares(self.run.indicators()));
        frame_to_py(py, f)
    }

    /// Warnings the projection raised (as `fiscal run` prints them).
    fn warnings(&self) -> Vec<String> {
        self.run.projection().warnings()
    }
}

/// Load and project scenario `spec` (see [`load`]) with `overrides`.
#[pyfunction]
#[pyo3(signature = (spec=None, overrides=None))]
fn run(
    py: Python<'_>,
    spec: Option<String>,
    overrides: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyRun> {
    let text = overrides_text(overrides)?;
    let run = py.detach(|| -> Result<Run, Failure> {
        let s = load(spec.as_deref(), text.as_deref())?;
        Ok(Run::project(s)?)
    })?;
    Ok(PyRun { run })
}

/// Project every scenario of `specs` (each with `overrides`) and return
/// the columns of `compare.csv`: key measures by year and their
/// difference from the first scenario's.
#[pyfunction]
#[pyo3(signature = (specs, overrides=None))]
fn compare(
    py: Python<'_>,
    specs: Vec<String>,
    overrides: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyList>> {
    if specs.is_empty() {
        return Err(PyValueError::new_err(
            "give at least one scenario to compare",
        ));
    }
    let text = overrides_text(overrides)?;
    let f = py.detach(|| -> Result<Frame, Failure> {
        let scenarios = specs
            .iter()
            .map(|s| load(Some(s), text.as_deref()))
            .collect::<Result<Vec<_>, _>>()?;
        let runs = fiscal::run::project_all(scenarios)?;
        let projections: Vec<_> = runs.iter().map(Run::projection).collect();
        Ok(frame::compare(&projections))
    })?;
    frame_to_py(py, f)
}

/// The stochastic fan of scenario `spec`: the columns of `fan.csv`.
#[pyfunction]
#[pyo3(signature = (spec=None, overrides=None, paths=None, seed=42, engine="reduced"))]
fn fan(
    py: Python<'_>,
    spec: Option<String>,
    overrides: Option<&Bound<'_, PyDict>>,
    paths: Option<u64>,
    seed: u64,
    engine: &str,
) -> PyResult<Py<PyList>> {
    let engine = match engine {
        "reduced" => Engine::Reduced,
        "full" => Engine::Full,
        other => {
            return Err(Failure::bad_input(format!(
                "engine `{other}`: give \"reduced\" or \"full\""
            ))
            .into())
        }
    };
    let paths = paths.unwrap_or(match engine {
        Engine::Reduced => 100_000,
        Engine::Full => 1_000,
    });
    let text = overrides_text(overrides)?;
    let f = py.detach(|| -> Result<Frame, Failure> {
        uncertainty::check_paths(engine, paths)?;
        let s = load(spec.as_deref(), text.as_deref())?;
        let data = s
            .dataset()
            .map_err(|e| Failure::of(Some("cannot load the data tables".into()), &e))?;
        let table = ShockTable::embedded().map_err(|e| {
            Failure::of(
                Some("the embedded shock table is not valid (a bug)".into()),
                &e,
            )
        })?;
        let a = &s.assumptions;
        let opts = FanOptions {
            engine,
            paths,
            seed,
            shock_medium_term: None,
            draw_demography: uncertainty::demography_drawable(
                a.population.as_ref(),
                s.data.population_file.is_some(),
            ),
        };
        let run = uncertainty::fan(a, &data, &table, &opts, &|_| {})?;
        Ok(frame::fan(&run))
    })?;
    frame_to_py(py, f)
}

/// The shipped scenarios: `(name, file, description)`, sorted by name.
#[pyfunction]
fn scenarios() -> Vec<(String, String, String)> {
    catalog::all()
        .map(|e| {
            (
                e.name.to_string(),
                format!("scenarios/{}.toml", e.name),
                e.description(),
            )
        })
        .collect()
}

/// The compiled part of the `fiscal` package.
#[pymodule]
fn _fiscal(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRun>()?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(fan, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
