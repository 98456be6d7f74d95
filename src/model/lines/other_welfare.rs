//! Working-age and child welfare: population × profile, with working-age
//! amounts paid up to the State Pension age (so a later pension age keeps
//! people on working-age benefits longer), uprated with earnings or with CPI
//! from a start year (scenario).

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, Uprating};
use crate::model::error::ModelError;
use crate::years::FiscalYear;

struct OtherWelfare {
    profiled: Profiled,
    uprating: Uprating,
    cpi_from: Option<FiscalYear>,
}

/// The other welfare line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    Ok(Box::new(OtherWelfare {
        profiled: Profiled::new(
            data,
            Spend::OtherWelfare.key(),
            Eligibility::WorkingAgeUntilSpa,
        )?,
        uprating: a.spending.welfare_uprating,
        cpi_from: a.spending.welfare_cpi_uprating_from,
    }))
}

impl OtherWelfare {
    /// Growth of the per-person amounts in the year of `ctx`: CPI from the
    /// start year when CPI-uprated, earnings otherwise.
    fn growth(&self, ctx: &YearContext) -> f64 {
        let cpi_now =
            self.uprating == Uprating::Cpi && self.cpi_from.is_none_or(|from| ctx.year >= from);
        if cpi_now {
            1.0 + ctx.cpi_inflation_pct / 100.0
        } else {
            1.0 + ctx.earnings_growth_share
        }
    }
}

impl LineModel for OtherWelfare {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let growth = self.growth(ctx);
        self.profiled.project(ctx, growth)
    }
}
