//! Health: population × health age-cost profile, unit costs growing with
//! earnings plus "other cost pressures" that taper linearly from a start to
//! an end rate (the OBR's long-term health convention), with healthy ageing:
//! the age-cost profile at older ages shifts to older ages by a share of the
//! gain in life expectancy since the calibration year.
//!
//! ```text
//! H[t] = U[t] · Σ_{s,a} P[s,a,t] · prof[s, a − h·ΔLE65[t]]          (a ≥ 50)
//! U[t] = U[t−1] · (1 + w[t] + ocp[t])
//! ```
//!
//! Growth in health spending thus splits, as the OBR splits it, into a
//! demographic part (population and its ages through the profile, net of
//! healthy ageing), earnings growth (unit costs rising with pay) and the
//! non-demographic "other cost pressures" `ocp` (technology, chronic
//! conditions, rising expectations), added to the growth rate of spending
//! per person: the OBR's decomposition of health spending growth into
//! demographic, income and other pressures is additive in growth rates
//! (Licchetta and Stelmach, "Fiscal sustainability and public spending on
//! health", OBR analytical paper, September 2016), so `ocp` pp a year is
//! that much faster growth per person, not a premium compounding on top
//! of nominal earnings growth.

use super::profiled::{Eligibility, Profiled};
use super::{LineModel, Spend, YearContext};
use crate::data::Dataset;
use crate::model::assumptions::{Assumptions, Spending};
use crate::model::error::ModelError;
use crate::model::mortality::{period_life_expectancy, scenario_mortality};

/// Youngest age whose costs shift with life expectancy: costs of the young
/// (births, childhood) do not move with longevity.
pub const HEALTHY_AGEING_FROM_AGE: usize = 50;
/// Age at which the life-expectancy gain is measured.
pub const HEALTHY_AGEING_LE_AGE: usize = 65;

struct Health {
    profiled: Profiled,
    settings: Spending,
    /// Period life expectancy at 65 by year index from the base year (empty
    /// when the healthy-ageing share is 0).
    life_expectancy_65_years: Vec<f64>,
    /// Life expectancy at 65 in the calibration year.
    calibration_life_expectancy_65_years: f64,
}

/// The health line of scenario `a`.
pub fn model(a: &Assumptions, data: &Dataset) -> Result<Box<dyn LineModel>, ModelError> {
    let life_expectancy_65_years = if a.spending.health_healthy_ageing_share > 0.0 {
        let mortality = scenario_mortality(a)?;
        let h = &a.horizon;
        let n = h.base_year.years_until(h.end_year.next()) + 1;
        (0..n)
            .map(|k| {
                let year = crate::years::FiscalYear(h.base_year.start() + k);
                period_life_expectancy(&mortality, HEALTHY_AGEING_LE_AGE, year)
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Box::new(Health {
        profiled: Profiled::new(data, Spend::Health.key(), Eligibility::All)?,
        settings: a.spending.clone(),
        life_expectancy_65_years,
        calibration_life_expectancy_65_years: 0.0,
    }))
}

impl Health {
    /// Other cost pressures in a long-term year, pp a year.
    fn other_cost_pressures_pp(&self, years_after_medium_term: i32) -> f64 {
        let sp = &self.settings;
        let taper = sp.health_other_cost_pressures_taper_years;
        let x = if taper == 0 {
            1.0
        } else {
            (f64::from(years_after_medium_term - 1) / f64::from(taper)).min(1.0)
        };
        sp.health_other_cost_pressures_start_pp
            + (sp.health_other_cost_pressures_end_pp - sp.health_other_cost_pressures_start_pp) * x
    }

    /// Years by which the profile shifts in the year of `ctx`.
    fn shift_years(&self, ctx: &YearContext) -> f64 {
        match self.life_expectancy_65_years.get(ctx.year_index) {
            Some(e) => {
                self.settings.health_healthy_ageing_share
                    * (e - self.calibration_life_expectancy_65_years)
            }
            None => 0.0,
        }
    }
}

/// Growth factor of spending per person at each age: earnings growth (a
/// fraction) plus other cost pressures (pp), added.
pub fn per_person_growth(earnings_growth_share: f64, other_cost_pressures_pp: f64) -> f64 {
    1.0 + earnings_growth_share + other_cost_pressures_pp / 100.0
}

impl LineModel for Health {
    fn calibrate(&mut self, ctx: &YearContext, level_gbp_bn: f64) {
        if let Some(e) = self.life_expectancy_65_years.get(ctx.year_index) {
            self.calibration_life_expectancy_65_years = *e;
        }
        self.profiled.calibrate(ctx, level_gbp_bn);
    }

    fn project(&mut self, ctx: &YearContext) -> f64 {
        let ocp = self.other_cost_pressures_pp(ctx.years_after_medium_term);
        let growth = per_person_growth(ctx.earnings_growth_share, ocp);
        let shift = self.shift_years(ctx);
        self.profiled
            .project_shifted(ctx, growth, shift, HEALTHY_AGEING_FROM_AGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::years::FiscalYear;
    use ndarray::Array2;

    fn ctx<'a>(pop: &'a Array2<f64>, k: usize) -> YearContext<'a> {
        YearContext {
            year_index: k,
            year: FiscalYear(2030 + k as i32),
            years_after_medium_term: k as i32,
            long_term_years: 45,
            earnings_growth_share: 0.035,
            cpi_inflation_pct: 2.0,
            population: pop.view(),
            state_pension_age_years: 67.0,
            participation: pop.view(),
            gdp_gbp_bn: 3000.0,
        }
    }

    fn line(share: f64) -> Health {
        let settings = Spending {
            health_other_cost_pressures_start_pp: 1.0,
            health_other_cost_pressures_end_pp: 0.5,
            health_other_cost_pressures_taper_years: 30,
            health_healthy_ageing_share: share,
            adult_social_care_cost_premium_pp: 0.0,
            triple_lock_premium_pp: 0.6,
            welfare_uprating: crate::model::assumptions::Uprating::Earnings,
            welfare_cpi_uprating_from: None,
            pensioner_benefits_uprating: crate::model::assumptions::Uprating::Earnings,
            non_age_related_pct_gdp: None,
            start_point_pct_gdp: Default::default(),
        };
        let d = Dataset::embedded().unwrap();
        Health {
            profiled: Profiled::new(&d, "health", Eligibility::All).unwrap(),
            settings,
            // Life expectancy rising 0.1 years a year from 20.
            life_expectancy_65_years: (0..50).map(|k| 20.0 + 0.1 * k as f64).collect(),
            calibration_life_expectancy_65_years: 0.0,
        }
    }

    #[test]
    fn share_zero_reproduces_the_fixed_profile_exactly() {
        let d = Dataset::embedded().unwrap();
        let pop = d
            .population
            .persons
            .slice(ndarray::s![.., .., 20])
            .to_owned();
        let mut healthy = line(0.0);
        let mut fixed = Profiled::new(&d, "health", Eligibility::All).unwrap();
        healthy.calibrate(&ctx(&pop, 0), 250.0);
        fixed.calibrate(&ctx(&pop, 0), 250.0);
        for k in 1..40 {
            let c = ctx(&pop, k);
            let ocp = healthy.other_cost_pressures_pp(k as i32);
            let growth = per_person_growth(c.earnings_growth_share, ocp);
            assert_eq!(healthy.project(&c), fixed.project(&c, growth));
        }
    }

    #[test]
    fn other_cost_pressures_add_to_the_growth_rate() {
        assert!((per_person_growth(0.035, 1.0) - 1.045).abs() < 1e-12);
        assert_eq!(per_person_growth(0.035, 0.0), 1.035);
    }

    #[test]
    fn healthy_ageing_lowers_spending_as_life_expectancy_rises() {
        let d = Dataset::embedded().unwrap();
        let pop = d
            .population
            .persons
            .slice(ndarray::s![.., .., 40])
            .to_owned();
        let run = |share: f64| {
            let mut l = line(share);
            l.calibrate(&ctx(&pop, 0), 250.0);
            (1..30).map(|k| l.project(&ctx(&pop, k))).last().unwrap()
        };
        let (none, half, all) = (run(0.0), run(0.5), run(1.0));
        assert!(all < half && half < none, "{all} {half} {none}");
    }
}
