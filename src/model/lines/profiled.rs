//! The shared machinery of age-profiled lines: `X[t] = Σ_{s,a} P[s,a,t] ·
//! prof[s,a] · elig[s,a,t] · U[t]`, with the unit-cost index `U` calibrated
//! so that `X` equals the data in the last medium-term year and grown by the
//! line's own uprating thereafter.

// Profiles are [sex, age] arrays of the fixed model shape (2 × N_AGES),
// checked when the tables load.
#![allow(clippy::indexing_slicing)]

use ndarray::{Array2, ArrayView2};

use super::context::YearContext;
use crate::data::{Dataset, N_AGES};
use crate::model::assumptions::Uprating;
use crate::model::economy::{share_over_spa, shifted_to_older_ages, weighted_sum};
use crate::model::error::ModelError;

/// Who in the population a profiled line applies to, beyond its profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Eligibility {
    /// Everyone, by the profile alone.
    All,
    /// Only people at or over the State Pension age (pension lines).
    OverSpa,
    /// Working-age amounts below the State Pension age and pensioner
    /// amounts from it: the profile was observed with an SPA of
    /// [`PROFILE_SPA_YEARS`], so a person under the SPA gets the profile's
    /// value at that age or the last working age before it, and a person
    /// over the SPA gets the value at that age or the first pension age.
    WorkingAgeUntilSpa,
    /// The profile scaled by participation relative to the calibration
    /// year (labour-income receipts: people kept in work by a later pension
    /// age pay tax at working-age rates). Holds the calibration year's
    /// participation once calibrated.
    Participation(Option<Array2<f64>>),
}

/// The State Pension age at which the profiles were observed (2022-2025).
pub const PROFILE_SPA_YEARS: usize = 66;

/// A population × profile line with its unit-cost index.
#[derive(Debug, Clone)]
pub struct Profiled {
    profile: Array2<f64>,
    eligibility: Eligibility,
    index: f64,
}

impl Profiled {
    /// The line with profile column `key` of the dataset's profiles.
    pub fn new(data: &Dataset, key: &str, eligibility: Eligibility) -> Result<Self, ModelError> {
        Ok(Profiled {
            profile: data.profiles.column(key)?.clone(),
            eligibility,
            index: 0.0,
        })
    }

    /// `Σ P · prof · elig` in the year of `ctx`.
    pub fn volume(&self, ctx: &YearContext) -> f64 {
        self.volume_of(self.profile.clone(), ctx)
    }

    /// [`Profiled::volume`] with the profile at ages `from_age` and over
    /// shifted to older ages by `shift_years`: age `a` costs what age
    /// `a − shift` cost (straight lines between whole ages). A shift of 0
    /// gives the profile unchanged.
    pub fn volume_shifted(&self, ctx: &YearContext, shift_years: f64, from_age: usize) -> f64 {
        if shift_years == 0.0 {
            return self.volume(ctx);
        }
        let shifted = shifted_to_older_ages(self.profile.view(), shift_years, from_age);
        self.volume_of(shifted, ctx)
    }

    fn volume_of(&self, mut w: Array2<f64>, ctx: &YearContext) -> f64 {
        match &self.eligibility {
            Eligibility::All => {}
            Eligibility::OverSpa => {
                for s in 0..2 {
                    for age in 0..N_AGES {
                        w[[s, age]] *= share_over_spa(age, ctx.state_pension_age_years);
                    }
                }
            }
            Eligibility::WorkingAgeUntilSpa => {
                let observed = w.clone();
                for s in 0..2 {
                    for age in 0..N_AGES {
                        let over = share_over_spa(age, ctx.state_pension_age_years);
                        let working = observed[[s, age.min(PROFILE_SPA_YEARS - 1)]];
                        let pension = observed[[s, age.max(PROFILE_SPA_YEARS)]];
                        w[[s, age]] = over * pension + (1.0 - over) * working;
                    }
                }
            }
            Eligibility::Participation(Some(base)) => {
                scale_by_participation(&mut w, ctx.participation, base.view());
            }
            Eligibility::Participation(None) => {
                scale_by_participation(&mut w, ctx.participation, ctx.participation);
            }
        }
        weighted_sum(ctx.population, w.view())
    }

    /// Set the index so that the line equals `level_gbp_bn` in the
    /// calibration year (0 when the line has no volume).
    pub fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        if let Eligibility::Participation(base) = &mut self.eligibility {
            *base = Some(ctx.participation.to_owned());
        }
        self.index = index_for(level_gbp_bn, self.volume(ctx));
    }

    /// Grow the index by `growth` (a factor, 1.04 for 4 %) and return the
    /// line's level in the year of `ctx`.
    pub fn project(&mut self, ctx: &YearContext, growth: f64) -> f64 {
        self.index *= growth;
        self.volume(ctx) * self.index
    }

    /// [`Profiled::volume`] with the profile at each age multiplied by
    /// `by_age` (the same for both sexes).
    pub fn volume_weighted(&self, ctx: &YearContext, by_age: ndarray::ArrayView1<f64>) -> f64 {
        let mut w = self.profile.clone();
        for s in 0..2 {
            for age in 0..N_AGES {
                w[[s, age]] *= by_age[age];
            }
        }
        self.volume_of(w, ctx)
    }

    /// [`Profiled::project`] with the profile shifted as in
    /// [`Profiled::volume_shifted`].
    pub fn project_shifted(
        &mut self,
        ctx: &YearContext,
        growth: f64,
        shift_years: f64,
        from_age: usize,
    ) -> f64 {
        self.index *= growth;
        self.volume_shifted(ctx, shift_years, from_age) * self.index
    }
}

fn scale_by_participation(w: &mut Array2<f64>, part: ArrayView2<f64>, base: ArrayView2<f64>) {
    for s in 0..2 {
        for age in 0..N_AGES {
            if base[[s, age]] > 0.0 {
                w[[s, age]] *= part[[s, age]] / base[[s, age]];
            }
        }
    }
}

/// Growth factor of a line uprated by `u`.
pub fn uprating_growth(u: Uprating, ctx: &YearContext) -> f64 {
    match u {
        Uprating::Earnings => 1.0 + ctx.earnings_growth_share,
        Uprating::Cpi => 1.0 + ctx.cpi_inflation_pct / 100.0,
    }
}

/// The index (£bn per unit of volume) that makes a line with `volume`
/// equal `level_gbp_bn`; 0 when the line has no volume.
pub(super) fn index_for(level_gbp_bn: f64, volume: f64) -> f64 {
    if volume > 0.0 {
        level_gbp_bn / volume
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    fn ctx<'a>(pop: &'a Array2<f64>, part: &'a Array2<f64>, spa: f64) -> YearContext<'a> {
        YearContext {
            year_index: 0,
            year: crate::years::FiscalYear(2030),
            years_after_medium_term: 0,
            long_term_years: 1,
            earnings_growth_share: 0.04,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: spa,
            participation: part.view(),
            gdp_gbp_bn: 1000.0,
        }
    }

    #[test]
    fn calibration_reproduces_the_level_and_growth_compounds() {
        let pop = Array2::from_elem((2, N_AGES), 10.0);
        let part = Array2::from_elem((2, N_AGES), 0.5);
        let mut line = Profiled {
            profile: Array2::from_elem((2, N_AGES), 1.0),
            eligibility: Eligibility::OverSpa,
            index: 0.0,
        };
        let c = ctx(&pop, &part, 66.0);
        line.calibrate(&c, 50.0);
        assert!((line.volume(&c) * line.index - 50.0).abs() < 1e-12);
        // Same population a year later at 4 % growth: 52.
        assert!((line.project(&c, 1.04) - 52.0).abs() < 1e-9);
        // A later pension age shrinks the eligible population.
        let later = ctx(&pop, &part, 67.0);
        assert!(line.volume(&later) < line.volume(&c));
    }

    #[test]
    fn participation_eligibility_scales_with_participation() {
        let pop = Array2::from_elem((2, N_AGES), 1.0);
        let part = Array2::from_elem((2, N_AGES), 0.5);
        let more = Array2::from_elem((2, N_AGES), 0.75);
        let mut line = Profiled {
            profile: Array2::from_elem((2, N_AGES), 1.0),
            eligibility: Eligibility::Participation(None),
            index: 0.0,
        };
        line.calibrate(&ctx(&pop, &part, 66.0), 10.0);
        let v = line.project(&ctx(&pop, &more, 66.0), 1.0);
        assert!((v - 15.0).abs() < 1e-9);
    }
}
