//! Inputs prepared once per projection: the years, population slices,
//! pension ages, participation and employment, rates (with any shocks),
//! and nominal GDP.

// Per-year paths are built to the horizon's length (validated before
// projecting): every index is in range.
#![allow(clippy::indexing_slicing)]

use std::rc::Rc;

use ndarray::{s, Array2, ArrayView2};

use super::medium_term::{efo, other_ps_interest_pct_gdp};
use crate::data::Dataset;
use crate::model::adjustments::Adjustments;
use crate::model::assumptions::Assumptions;
use crate::model::debt::YearRates;
use crate::model::economy::{participation_for_spa, weighted_sum};
use crate::model::error::ModelError;
use crate::model::lines::YearContext;
use crate::years::FiscalYear;

/// Per-year paths from the base year to the end year + 1 (GDP centred on
/// end-March needs next year's GDP).
pub(super) struct Paths {
    pub years: Vec<FiscalYear>,
    /// Population `[sex, age]` for each year.
    pub pop: Vec<Array2<f64>>,
    pub spa: Vec<f64>,
    pub bank: Vec<f64>,
    pub gilt: Vec<f64>,
    pub cpi: Vec<f64>,
    pub rpi: Vec<f64>,
    /// Rates in each year before any shock (the EFO-path shadow portfolio).
    pub rates_unshocked: Vec<YearRates>,
    /// Participation `[sex, age]` for each year: one array for each pension
    /// age (it depends on nothing else), shared by the years that have it.
    pub participation: Vec<Rc<Array2<f64>>>,
    pub employment: Vec<f64>,
    /// Nominal GDP in each fiscal year, £bn.
    pub gdp: Vec<f64>,
    /// Public sector debt interest outside the debt portfolio's (funded
    /// pension schemes, public corporations, local authorities), % of GDP.
    pub other_interest_pct_gdp: Vec<f64>,
    /// Long-run earnings growth, a fraction.
    pub earnings_growth_share: f64,
    /// Index of the last medium-term year.
    pub t_mt: usize,
    /// Years from the last medium-term year to the end year, at least 1.
    pub long_term_years: i32,
}

/// Rate moving linearly from `from` (medium term) to `to` over `n` years.
fn converge(from: f64, to: f64, years_after_mt: i32, n: u32) -> f64 {
    if years_after_mt <= 0 {
        from
    } else if n == 0 || years_after_mt as u32 >= n {
        to
    } else {
        from + (to - from) * f64::from(years_after_mt) / f64::from(n)
    }
}

/// Gilt and Bank Rate paths: the medium-term rates through the EFO years,
/// then a linear move over `convergence_years` to the long-run rates, which
/// are absolute or each year's nominal GDP growth plus a spread.
fn rate_paths(
    a: &Assumptions,
    years: &[FiscalYear],
    gdp: &[f64],
    t_mt: usize,
) -> (Vec<f64>, Vec<f64>) {
    let r = &a.rates;
    let path = |from: f64, absolute: f64, over: Option<f64>| -> Vec<f64> {
        (0..years.len())
            .map(|k| {
                let to = match over.filter(|_| r.long_run_rates_follow_growth) {
                    Some(spread) if k > t_mt && k > 0 => {
                        100.0 * (gdp[k] / gdp[k - 1] - 1.0) + spread
                    }
                    _ => absolute,
                };
                let after = a.horizon.medium_term_end.years_until(years[k]);
                converge(from, to, after, r.convergence_years)
            })
            .collect()
    };
    (
        path(
            r.gilt_rate_medium_term_pct,
            r.gilt_rate_long_run_pct,
            r.gilt_rate_long_run_over_growth_pp,
        ),
        path(
            r.bank_rate_medium_term_pct,
            r.bank_rate_long_run_pct,
            r.bank_rate_long_run_over_growth_pp,
        ),
    )
}

/// Years and population slices from the base year to the end year + 1.
fn population_slices(
    a: &Assumptions,
    data: &Dataset,
) -> Result<(Vec<FiscalYear>, Vec<Array2<f64>>), ModelError> {
    let h = &a.horizon;
    let pop_table = &data.population;
    let mut years = Vec::new();
    let mut pop = Vec::new();
    let mut y = h.base_year;
    while y <= h.end_year.next() {
        let j = y.start() - pop_table.first_year;
        if j < 0 || y.start() > pop_table.last_year() {
            return Err(ModelError::PopulationYears {
                source_name: pop_table.source.clone(),
                first: pop_table.first_year,
                last: pop_table.last_year(),
                needed: y.start(),
            });
        }
        pop.push(pop_table.persons.slice(s![.., .., j as usize]).to_owned());
        years.push(y);
        y = y.next();
    }
    Ok((years, pop))
}

/// Participation rates by year for each year's State Pension age `spa`,
/// worked out once for each distinct age: employment and labour-income
/// receipts use them.
fn participation_by_year(
    a: &Assumptions,
    data: &Dataset,
    spa: &[f64],
) -> Result<Vec<Rc<Array2<f64>>>, ModelError> {
    let e = &a.economy;
    let part_base = data.participation.column("participation_rate")?;
    let mut by_spa: Vec<(u64, Rc<Array2<f64>>)> = Vec::new();
    Ok(spa
        .iter()
        .map(|s| {
            if let Some((_, p)) = by_spa.iter().find(|(bits, _)| *bits == s.to_bits()) {
                return Rc::clone(p);
            }
            let p = Rc::new(participation_for_spa(
                part_base.view(),
                *s,
                e.participation_follows_spa,
                [
                    e.spa_rise_employment_effect_men_pp,
                    e.spa_rise_employment_effect_women_pp,
                ],
                e.unemployment_rate_pct,
            ));
            by_spa.push((s.to_bits(), Rc::clone(&p)));
            p
        })
        .collect())
}

/// RPI inflation by year, %: CPI plus the wedge until RPI is aligned with
/// CPIH, CPI from then on.
fn rpi_path(a: &Assumptions, years: &[FiscalYear]) -> Vec<f64> {
    let e = &a.economy;
    years
        .iter()
        .map(|y| {
            if *y < e.rpi_aligned_with_cpih_from {
                e.cpi_inflation_pct + e.rpi_cpi_wedge_pp
            } else {
                e.cpi_inflation_pct
            }
        })
        .collect()
}

impl Paths {
    /// Prepare the paths of scenario `a`, with `adj`'s rate shocks applied
    /// (calibration keeps the unshocked medium-term rates).
    pub fn prepare(
        a: &Assumptions,
        data: &Dataset,
        adj: &Adjustments,
    ) -> Result<Paths, ModelError> {
        let h = &a.horizon;
        let e = &a.economy;
        let (years, pop) = population_slices(a, data)?;
        let t_mt = h.base_year.years_until(h.medium_term_end) as usize;
        let timetable = crate::model::spa::resolve_state_pension_age(a)?;
        let spa: Vec<f64> = years.iter().map(|y| timetable.age_in(*y)).collect();
        let participation = participation_by_year(a, data, &spa)?;
        let employment: Vec<f64> = (0..years.len())
            .map(|k| {
                weighted_sum(pop[k].view(), participation[k].view())
                    * (1.0 - e.unemployment_rate_pct / 100.0)
            })
            .collect();
        let earnings_growth_share = (1.0 + e.productivity_growth_pct / 100.0)
            * (1.0 + e.gdp_deflator_growth_pct / 100.0)
            - 1.0;
        let gdp = nominal_gdp(data, &years, &employment, earnings_growth_share, t_mt)?;
        let (mut gilt, mut bank) = rate_paths(a, &years, &gdp, t_mt);
        let mut rpi = rpi_path(a, &years);
        let rates_unshocked: Vec<YearRates> = (0..years.len())
            .map(|k| YearRates {
                gilt_pct: gilt[k],
                bank_pct: bank[k],
                index_linked_inflation_pct: rpi[k],
            })
            .collect();
        for k in 0..years.len() {
            let shock = adj.rate_shock(k);
            gilt[k] += shock.gilt_pp;
            bank[k] += shock.bank_pp;
            rpi[k] += shock.index_linked_inflation_pp;
        }
        let other_interest_pct_gdp = years
            .iter()
            .enumerate()
            .map(|(k, y)| match a.debt.other_public_sector_interest_pct_gdp {
                Some(v) if k > t_mt => v,
                _ => other_ps_interest_pct_gdp(data, (*y).min(h.medium_term_end)),
            })
            .collect();
        Ok(Paths {
            other_interest_pct_gdp,
            cpi: years.iter().map(|_| e.cpi_inflation_pct).collect(),
            long_term_years: h.medium_term_end.years_until(h.end_year).max(1),
            years,
            pop,
            spa,
            bank,
            gilt,
            rpi,
            rates_unshocked,
            participation,
            employment,
            gdp,
            earnings_growth_share,
            t_mt,
        })
    }

    /// Market rates in year `k` (shocked).
    pub fn rates(&self, k: usize) -> YearRates {
        YearRates {
            gilt_pct: self.gilt[k],
            bank_pct: self.bank[k],
            index_linked_inflation_pct: self.rpi[k],
        }
    }

    /// What a line sees in year `k`.
    pub fn context(&self, k: usize) -> YearContext<'_> {
        YearContext {
            year_index: k,
            year: self.years[k],
            years_after_medium_term: k as i32 - self.t_mt as i32,
            long_term_years: self.long_term_years,
            earnings_growth_share: self.earnings_growth_share,
            cpi_inflation_pct: self.cpi[k],
            population: self.pop[k].view(),
            state_pension_age_years: self.spa[k],
            participation: self.participation[k].view(),
            gdp_gbp_bn: self.gdp[k],
        }
    }

    /// Population `[sex, age]` in year `k`.
    pub fn population(&self, k: usize) -> ArrayView2<'_, f64> {
        self.pop[k].view()
    }
}

/// Nominal GDP: the EFO through the medium term, then employment growth ×
/// productivity × deflator: `Y[t] = Y[t−1] · (E[t]/E[t−1]) · (1+π_prod)(1+π_defl)`.
fn nominal_gdp(
    data: &Dataset,
    years: &[FiscalYear],
    employment: &[f64],
    earnings_growth_share: f64,
    t_mt: usize,
) -> Result<Vec<f64>, ModelError> {
    let mut gdp: Vec<f64> = Vec::with_capacity(years.len());
    for (k, y) in years.iter().enumerate() {
        let v = if k <= t_mt {
            efo(data, "macro.nominal_gdp", *y)?
        } else {
            gdp[k - 1] * (employment[k] / employment[k - 1]) * (1.0 + earnings_growth_share)
        };
        gdp.push(v);
    }
    Ok(gdp)
}
