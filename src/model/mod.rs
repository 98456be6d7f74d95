//! The model core: assumptions and data in, a [`Projection`] out. No file,
//! terminal or clock I/O happens here.

pub mod adjustments;
pub mod assumptions;
pub mod debt;
pub mod demography;
pub mod distributions;
pub mod economy;
mod engine;
mod error;
pub mod indicators;
pub mod interventions;
pub mod lines;
pub mod mortality;
pub mod projection;
pub mod reproduce;
pub mod spa;
pub mod special;
pub mod suggest;
pub mod uncertainty;
pub mod validate;

pub use adjustments::Adjustments;
pub use assumptions::{Assumptions, FuelDutyPath, TobaccoDutyPath};
pub use engine::{
    intervention_adjustments, project, project_recorded, project_with, DebtRow, Replay,
};
pub use error::ModelError;
pub use lines::{Receipt, Spend};
pub use projection::{Phase, Projection, YearResult};
