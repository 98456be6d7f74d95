//! Errors of the uncertainty analyses: bad shock parameters, a run asked
//! for beyond its limits, a projection that failed on one path.

use crate::model::ModelError;

/// Why an uncertainty analysis could not run.
#[derive(Debug, thiserror::Error)]
pub enum UncertaintyError {
    /// A shock parameter or option is out of range.
    #[error("`{field}`: {message}")]
    BadInput {
        /// The field (scenario path or command-line option) at fault.
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The deterministic projection the shocks sit around failed.
    #[error("the deterministic projection failed: {0}")]
    Projection(#[from] ModelError),
    /// One path of the full model failed (its draws were too extreme).
    #[error("path {path} of the full model failed: {source}")]
    Path {
        /// Path index (0-based).
        path: u64,
        /// The projection's error.
        #[source]
        source: ModelError,
    },
}

impl UncertaintyError {
    /// A bad-input error for `field`.
    pub fn bad(field: impl Into<String>, message: impl Into<String>) -> Self {
        UncertaintyError::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Whether the error is the user's input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            UncertaintyError::BadInput { .. } => true,
            UncertaintyError::Projection(e) | UncertaintyError::Path { source: e, .. } => {
                e.is_bad_input()
            }
        }
    }
}
