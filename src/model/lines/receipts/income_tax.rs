//! Income tax: population × profile relative to the calibration year,
//! growing with earnings (the OBR's long-term convention: thresholds rise
//! with earnings, so no fiscal drag after the medium term).
//!
//! The profile (`income_tax`, built by the importer from HMRC SPI 2022-23
//! anchors, ASHE pay and employment by age) has two parts. Tax on
//! earnings scales with participation relative to the calibration year
//! (people kept in work by a later pension age pay working-age tax). Tax
//! on pension income (`income_tax_over_spa`, observed from the base-year
//! State Pension age of 66) is due only at or over each year's SPA, without
//! the participation scaling. Both parts share one unit-cost index, set so
//! that the line equals the EFO in the calibration year. A profiles table
//! without the `income_tax_over_spa` column is used whole, scaled by
//! participation.

use crate::data::Dataset;
use crate::model::assumptions::Assumptions;
use crate::model::error::ModelError;
use crate::model::lines::{Eligibility, LineModel, Profiled, Receipt, YearContext};

/// Profile column of the tax on pension income (a part of `income_tax`).
pub const OVER_SPA_KEY: &str = "income_tax_over_spa";

/// A line made of profiled parts, each `sign × volume`, sharing one
/// unit-cost index (also used by the NICs line).
pub(super) struct Parts {
    /// Each part with its sign (+1 adds its volume, −1 takes it away) and,
    /// when it has one, the age weights of the year.
    pub parts: Vec<(f64, Profiled, Option<AgeWeights>)>,
    index: f64,
}

/// Age weights of a part in the year of a context.
pub(super) type AgeWeights = fn(&YearContext) -> ndarray::Array1<f64>;

impl Parts {
    /// The line of `parts`, not yet calibrated.
    pub fn new(parts: Vec<(f64, Profiled, Option<AgeWeights>)>) -> Self {
        Parts { parts, index: 0.0 }
    }

    /// `Σ sign · volume` in the year of `ctx`.
    pub fn volume(&self, ctx: &YearContext) -> f64 {
        self.parts
            .iter()
            .map(|(sign, p, w)| match w {
                Some(w) => sign * p.volume_weighted(ctx, w(ctx).view()),
                None => sign * p.volume(ctx),
            })
            .sum()
    }

    /// Set the parts' base participation and the common index so that the
    /// line equals `level_gbp_bn` (0 when the line has no volume).
    pub fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        for (_, p, _) in self.parts.iter_mut() {
            p.calibrate(ctx, 0.0);
        }
        self.index = crate::model::lines::profiled::index_for(level_gbp_bn, self.volume(ctx));
    }

    /// Grow the index by `growth` and return the line's level.
    pub fn project(&mut self, ctx: &YearContext, growth: f64) -> f64 {
        self.index *= growth;
        self.volume(ctx) * self.index
    }
}

struct IncomeTax {
    parts: Parts,
}

/// The income tax line (scenario `_a` has no settings for it).
pub fn model(_a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    let key = Receipt::IncomeTax.key();
    let whole = Profiled::new(data, key, Eligibility::Participation(None))?;
    let mut parts = vec![(1.0, whole, None)];
    if let Ok(part) = data.profiles.column(OVER_SPA_KEY) {
        check_part(part, data.profiles.column(key)?, &data.profiles.source)?;
        // The pension part leaves the participation-scaled whole and comes
        // back due from each year's SPA.
        let scaled = Profiled::new(data, OVER_SPA_KEY, Eligibility::Participation(None))?;
        let over_spa = Profiled::new(data, OVER_SPA_KEY, Eligibility::OverSpa)?;
        parts.push((-1.0, scaled, None));
        parts.push((1.0, over_spa, None));
    }
    Ok(Box::new(IncomeTax {
        parts: Parts::new(parts),
    }))
}

/// The tax on pension income is a part of income tax: never more than the
/// whole at any sex and age.
fn check_part(
    part: &ndarray::Array2<f64>,
    whole: &ndarray::Array2<f64>,
    table: &str,
) -> Result<(), ModelError> {
    let over = part
        .indexed_iter()
        .find(|(i, v)| whole.get(*i).is_some_and(|w| **v > w + 1e-9));
    match over {
        None => Ok(()),
        Some(((s, age), v)) => Err(ModelError::Data {
            table: table.to_string(),
            message: format!(
                "column `{OVER_SPA_KEY}` ({v}) exceeds column `income_tax` at sex {}, age {age}: it is the part of income tax on pension income, so it must not be larger; fix the row or drop the column",
                if s == 0 { "male" } else { "female" }
            ),
        }),
    }
}

impl LineModel for IncomeTax {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        self.parts.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        self.parts.project(ctx, 1.0 + ctx.earnings_growth_share)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::years::FiscalYear;
    use ndarray::Array2;

    pub(in crate::model::lines::receipts) fn ctx<'a>(
        pop: &'a Array2<f64>,
        part: &'a Array2<f64>,
        spa: f64,
    ) -> YearContext<'a> {
        YearContext {
            year_index: 0,
            year: FiscalYear(2030),
            years_after_medium_term: 0,
            long_term_years: 45,
            earnings_growth_share: 0.0,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: spa,
            participation: part.view(),
            gdp_gbp_bn: 3000.0,
        }
    }

    pub(in crate::model::lines::receipts) fn baseline() -> Assumptions {
        toml::from_str(include_str!("../../../../scenarios/baseline.toml")).unwrap()
    }

    /// The embedded data, its population in 2030 (`[sex, age]`) and the
    /// participation rates.
    pub(in crate::model::lines::receipts) fn fixtures() -> (Dataset, Array2<f64>, Array2<f64>) {
        let d = Dataset::embedded().unwrap();
        let pop = d
            .population
            .persons
            .slice(ndarray::s![.., .., 8])
            .to_owned();
        let part = d
            .participation
            .column("participation_rate")
            .unwrap()
            .clone();
        (d, pop, part)
    }

    fn line() -> Box<dyn LineModel> {
        model(&baseline(), &Dataset::embedded().unwrap()).unwrap()
    }

    #[test]
    fn tax_on_pensions_follows_the_pension_age_not_participation() {
        let (_, pop, part) = fixtures();
        let mut it = line();
        it.calibrate(&ctx(&pop, &part, 67.0), 400.0);
        assert!((it.project(&ctx(&pop, &part, 67.0)) - 400.0).abs() < 1e-9);
        // Twice the participation at every age: tax on earnings doubles,
        // tax on pensions does not, so less than twice the total.
        let twice = &part * 2.0;
        let v = it.project(&ctx(&pop, &twice, 67.0));
        assert!(v > 700.0 && v < 800.0, "{v}");
        // A later pension age with participation unchanged: 67-year-olds
        // no longer pay tax on a State Pension.
        assert!(it.project(&ctx(&pop, &part, 68.0)) < 400.0);
    }
}
