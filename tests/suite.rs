//! The integration tests, one crate: each file beside this one is a module,
//! so `cargo test` links one test binary instead of one per file (faster to
//! build and to link on a small machine).

mod common;

mod bad_inputs;
mod briefing;
mod chart_chrome;
mod charts;
mod charts_uncertainty;
mod cli_chart;
mod cli_check;
mod cli_debt;
mod cli_gap;
mod cli_habits;
mod cli_hardening;
mod cli_interventions;
mod cli_json;
mod cli_outputs;
mod cli_population;
mod cli_reproduce;
mod cli_run;
mod cli_spending;
mod cli_stdout;
mod cli_uncertainty;
mod debt;
mod docs_psnd_table;
mod golden;
mod model_properties;
mod obr_assumptions;
mod properties_valid_scenarios;
mod readme_tour;
mod receipts;
mod recipes;
#[cfg(feature = "serve")]
mod serve;
mod student_loans;
mod xlsx;
