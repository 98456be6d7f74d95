//! Typed errors of the demography engine and its settings: each names the
//! offending quantity, sex, age and year, and says what is allowed.

use crate::data::{DataError, Sex};

/// Why assumptions, settings or a ready projection were rejected.
#[derive(Debug, thiserror::Error)]
pub enum DemographyError {
    /// An array does not cover every sex, age or year it should.
    #[error("{what} has shape {found:?} but {expected:?} is needed: {hint}")]
    Shape {
        /// The quantity.
        what: &'static str,
        /// Its shape.
        found: Vec<usize>,
        /// The shape required.
        expected: Vec<usize>,
        /// What the axes are.
        hint: String,
    },
    /// A probability or rate outside [0, 1] (or not finite).
    #[error("{what} for {who} in {year} is {value}: it must be a finite number between 0 and 1 (rates are per person, not per 1,000)")]
    RateOutOfRange {
        /// The quantity.
        what: &'static str,
        /// Sex and age, described.
        who: String,
        /// The calendar year the rate applies from.
        year: i32,
        /// The offending value.
        value: f64,
    },
    /// A count that must be non-negative is negative (or not finite).
    #[error("{what} for {who} is {value}: counts of people must be finite and not negative")]
    NegativeCount {
        /// The quantity.
        what: &'static str,
        /// Sex and age, described.
        who: String,
        /// The offending value.
        value: f64,
    },
    /// A number that may be negative is not finite.
    #[error("{what} for {who} in {year} is {value}: give a finite number")]
    NotFinite {
        /// The quantity.
        what: &'static str,
        /// Sex and age, described.
        who: String,
        /// The year.
        year: i32,
        /// The offending value.
        value: f64,
    },
    /// The requested years are not covered by the assumptions.
    #[error("cannot project to {requested}: the assumptions cover mid-{first} to mid-{last}; choose a last year in that range or extend the assumptions")]
    YearRange {
        /// The requested last year.
        requested: i32,
        /// The base year.
        first: i32,
        /// The last year the rates reach.
        last: i32,
    },
    /// A setting is out of its allowed range or conflicts with another.
    #[error("population settings: {0}")]
    Settings(String),
    /// A named embedded projection does not exist.
    #[error("unknown population projection `{name}`: known projections are {known}, or give a file path")]
    UnknownProjection {
        /// The name given.
        name: String,
        /// The names available.
        known: String,
    },
    /// An embedded or supplied table is malformed.
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Describe a sex and age for messages.
pub(crate) fn who(sex: Sex, age: impl std::fmt::Display) -> String {
    format!("{} aged {age}", sex.name())
}
