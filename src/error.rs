//! The library's one error type: what went wrong, in the words of the
//! module that found it, and whether the caller's input was at fault.
//!
//! Inside the crate each layer keeps its own typed error (`ScenarioError`,
//! `DataError`, `ModelError`, ...), which names the file, line, field or year
//! and says how to fix it. Every public function returns [`Error`], which
//! wraps that error unchanged: its message and its chain of causes are the
//! inner error's, so a caller printing the chain prints what the module said.
//! [`Error::kind`] tells bad input (the command line exits with 2) from a
//! failure (exit 1), decided once here for every error type.

use std::fmt;

use crate::scenario::Diagnostic;

/// Whether an error is the caller's to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A scenario, data table, option or value is wrong (or asks for what
    /// the model cannot do): the message names it and says how to fix it.
    BadInput,
    /// Anything else: a file that cannot be written, a result that cannot
    /// be computed from valid input, a bug.
    Failure,
}

/// An error from the library: the inner error's message and causes, and
/// its [`ErrorKind`].
pub struct Error {
    kind: ErrorKind,
    inner: Box<dyn std::error::Error + Send + Sync + 'static>,
}

impl Error {
    /// Whether the caller's input was at fault.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Shorthand for `kind() == ErrorKind::BadInput`.
    pub fn is_bad_input(&self) -> bool {
        self.kind == ErrorKind::BadInput
    }

    /// The located problems (file, line, column, field) when the error is a
    /// scenario's that did not load or validate; empty otherwise.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.find::<crate::scenario::ScenarioError>()
            .map_or(&[], |e| e.diagnostics.as_slice())
    }

    /// A bad-input error listing `diagnostics` (sorted by file and line,
    /// each once), as a scenario that does not load reports them.
    pub fn from_diagnostics(diagnostics: Vec<Diagnostic>) -> Error {
        crate::scenario::ScenarioError::sorted(diagnostics).into()
    }

    /// A failure with `message`.
    pub(crate) fn failure(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Failure,
            inner: Box::new(Message(message.into())),
        }
    }

    /// The first error of type `E` in the inner error's chain.
    fn find<E: std::error::Error + 'static>(&self) -> Option<&E> {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(self.inner.as_ref());
        while let Some(e) = cur {
            if let Some(found) = e.downcast_ref::<E>() {
                return Some(found);
            }
            cur = e.source();
        }
        None
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("inner", &self.inner)
            .finish()
    }
}

impl std::error::Error for Error {
    // Transparent: the inner error's causes, not the inner error itself,
    // whose message `Display` already shows.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

/// A message that is its own error (no typed error says it better).
#[derive(Debug)]
struct Message(String);

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}

/// The crate's typed errors, each converted into [`Error`] by `?`.
pub(crate) trait Internal: std::error::Error + Send + Sync + 'static {}

impl<E: Internal> From<E> for Error {
    fn from(e: E) -> Error {
        Error {
            kind: kind_of(&e),
            inner: Box::new(e),
        }
    }
}

macro_rules! internal {
    ($($t:ty),* $(,)?) => { $(impl Internal for $t {})* };
}

internal!(
    crate::scenario::ScenarioError,
    crate::data::DataError,
    crate::model::ModelError,
    crate::model::demography::DemographyError,
    crate::model::indicators::IndicatorError,
    crate::model::indicators::GapsError,
    crate::model::uncertainty::UncertaintyError,
    crate::reproduce::ReproduceError,
    crate::run::RunError,
);
#[cfg(feature = "charts")]
internal!(crate::chart::ChartError);
#[cfg(feature = "reports")]
internal!(crate::report::ReportError);
#[cfg(feature = "import")]
internal!(
    crate::data::import::ImportError,
    crate::data::ons_npp::ImportError
);

/// Bad input when any error in the chain is the input's fault: a scenario
/// or data table that does not load, or an error whose own classification
/// says so. The rules are the ones the command line's exit codes document
/// (`docs/errors.md`).
fn kind_of(e: &(dyn std::error::Error + 'static)) -> ErrorKind {
    let mut cur = Some(e);
    while let Some(e) = cur {
        if is_bad_input(e) {
            return ErrorKind::BadInput;
        }
        cur = e.source();
    }
    ErrorKind::Failure
}

fn is_bad_input(e: &(dyn std::error::Error + 'static)) -> bool {
    use crate::model::indicators::{GapsError, IndicatorError};
    use crate::model::uncertainty::UncertaintyError;
    use crate::model::ModelError;
    if e.is::<crate::scenario::ScenarioError>() || e.is::<crate::data::DataError>() {
        return true;
    }
    if let Some(e) = e.downcast_ref::<Error>() {
        return e.is_bad_input();
    }
    #[cfg(feature = "import")]
    if e.is::<crate::data::import::ImportError>() || e.is::<crate::data::ons_npp::ImportError>() {
        return true;
    }
    #[cfg(feature = "charts")]
    if let Some(c) = e.downcast_ref::<crate::chart::ChartError>() {
        return c.is_bad_input();
    }
    e.downcast_ref::<ModelError>()
        .is_some_and(ModelError::is_bad_input)
        || e.downcast_ref::<UncertaintyError>()
            .is_some_and(UncertaintyError::is_bad_input)
        || e.downcast_ref::<IndicatorError>()
            .is_some_and(IndicatorError::is_bad_input)
        || e.downcast_ref::<GapsError>()
            .is_some_and(GapsError::is_bad_input)
        || e.downcast_ref::<crate::reproduce::ReproduceError>()
            .is_some_and(crate::reproduce::ReproduceError::is_bad_input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_and_causes_are_the_inner_errors() {
        let inner = crate::run::RunError::Data {
            scenario: "s".into(),
            source: crate::data::DataError::invalid("t.csv", 3, "bad cell"),
        };
        let e = Error::from(inner);
        assert_eq!(
            e.to_string(),
            "cannot load the data tables for scenario `s`"
        );
        let cause = std::error::Error::source(&e).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("t.csv:3: bad cell"));
        assert_eq!(e.kind(), ErrorKind::BadInput);
    }

    #[test]
    fn a_projection_that_cannot_be_computed_is_a_failure() {
        let e = Error::from(crate::model::indicators::IndicatorError::EmptyProjection);
        assert_eq!(e.kind(), ErrorKind::Failure);
        assert!(e.diagnostics().is_empty());
    }

    #[test]
    fn a_scenario_error_carries_its_diagnostics() {
        let e = Error::from(crate::scenario::ScenarioError::single("a.toml", "wrong"));
        assert!(e.is_bad_input());
        assert_eq!(e.diagnostics().len(), 1);
    }
}
