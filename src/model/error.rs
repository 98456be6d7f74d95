//! Errors the model raises when its inputs cannot support a projection.

use crate::years::FiscalYear;

/// Why a projection could not be computed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelError {
    /// The assumptions fail validation (they were built or edited without
    /// going through a scenario file's checks).
    #[error("the assumptions are not valid:{}", problem_lines(problems))]
    Invalid {
        /// Every problem, by dotted field.
        problems: Vec<crate::model::validate::Problem>,
    },
    /// A data table lacks what the scenario asks for.
    #[error("{table}: {message}")]
    Data {
        /// The table.
        table: String,
        /// What is missing and how to fix it.
        message: String,
    },
    /// The population does not cover the years needed.
    #[error("population `{source_name}` covers mid-years {first}..={last}, but the projection needs {needed}: shorten `horizon.end_year` or supply a longer projection")]
    PopulationYears {
        /// The population table.
        source_name: String,
        /// First year covered.
        first: i32,
        /// Last year covered.
        last: i32,
        /// The year that is missing.
        needed: i32,
    },
    /// The EFO table lacks a year the horizon needs.
    #[error("the EFO table has no `{series}` for {year}: set `horizon.medium_term_end` and `horizon.base_year` within the EFO years")]
    EfoYear {
        /// The series.
        series: String,
        /// The year.
        year: FiscalYear,
    },
    /// The data lack the student-loan outturn the book starts from.
    #[error("the data have no `{series}` for {year} (ONS public sector finances): re-run `fiscal data import`, or set `debt.student_loans.opening_asset_gbp_bn` and `debt.student_loans.new_lending_gbp_bn`, or `debt.student_loans.enabled = false`")]
    StudentLoanData {
        /// The series.
        series: String,
        /// The year.
        year: FiscalYear,
    },
    /// The projection produced a non-finite number (an assumption is extreme).
    #[error("the projection became non-finite in {year} ({what}): an assumption is too extreme for the horizon")]
    NonFinite {
        /// The year.
        year: FiscalYear,
        /// The quantity.
        what: &'static str,
    },
}

/// One problem a line: `field: message`.
fn problem_lines(problems: &[crate::model::validate::Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n  `{}`: {}", p.field, p.message))
        .collect()
}

impl From<crate::data::DataError> for ModelError {
    fn from(e: crate::data::DataError) -> Self {
        ModelError::Data {
            table: String::from("data"),
            message: e.to_string(),
        }
    }
}

impl ModelError {
    /// Whether the scenario or its data caused the error (years the tables
    /// do not cover, unusable data, a value that blows up): the CLI exits
    /// with code 2 for these.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            ModelError::Invalid { .. }
                | ModelError::PopulationYears { .. }
                | ModelError::EfoYear { .. }
                | ModelError::Data { .. }
                | ModelError::NonFinite { .. }
        )
    }
}
