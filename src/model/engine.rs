//! The projection: medium-term years from the EFO, long-term years from the
//! model, and the debt recursion that ties them together.
//!
//! For every year `t`:
//!
//! ```text
//! PB[t]   = receipts[t] − primary spending[t]
//! PSNB[t] = interest[t] − PB[t]
//! PSND[t] = PSND[t−1] + PSNB[t] + SFA[t]
//! d[t]    = PSND[t] / Yc[t]          (Yc: GDP centred on end-March)
//! ```
//!
//! Long-term age-related lines are `X_c[t] = Σ_{s,a} P[s,a,t] · prof_c[s,a] ·
//! elig_c[s,a,t] · U_c[t]`, with `U_c` calibrated so that `X_c` equals the
//! data in the last medium-term year and uprated thereafter (see
//! `docs/model.md`).

// Per-year vectors are built to the horizon's length (validated before
// projecting) and lines index `[f64; N]` arrays by `Spend`/`Receipt`: every
// index is in range.
#![allow(clippy::indexing_slicing)]

use ndarray::{s, Array2, ArrayView2};

use super::adjustments::Adjustments;
use super::assumptions::{Assumptions, Uprating};
use super::debt::Ladder;
use super::economy::{
    old_age_dependency_per_1000, participation_for_spa, share_over_spa, weighted_sum,
};
use super::error::ModelError;
use super::lines::{Receipt, Spend};
use super::projection::{Calibration, Phase, Projection, YearResult};
use crate::data::{Dataset, GiltKind, N_AGES};
use crate::years::FiscalYear;

/// Project a scenario, with its interventions (if any) applied against the
/// same scenario without them.
pub fn project(a: &Assumptions, data: &Dataset) -> Result<Projection, ModelError> {
    project_with(a, data, &intervention_adjustments(a, data)?)
}

/// The adjustments that the scenario's interventions make (none when it has
/// none), computed against the projection without them.
pub fn intervention_adjustments(
    a: &Assumptions,
    data: &Dataset,
) -> Result<Adjustments, ModelError> {
    if a.intervention.is_empty() {
        return Ok(Adjustments::none());
    }
    let base = project_with(a, data, &Adjustments::none())?;
    Ok(super::interventions::package_adjustments(&a.intervention, &base).0)
}

/// Inputs prepared once per projection: per-year population slices and rates.
struct Paths {
    years: Vec<FiscalYear>,
    /// Population `[sex, age]` for each year from base to end + 1.
    pop: Vec<Array2<f64>>,
    spa: Vec<f64>,
    bank: Vec<f64>,
    gilt: Vec<f64>,
    cpi: Vec<f64>,
    rpi: Vec<f64>,
}

fn efo(data: &Dataset, series: &str, year: FiscalYear) -> Result<f64, ModelError> {
    data.efo.get(series, year).map_err(|_| ModelError::EfoYear {
        series: series.to_string(),
        year,
    })
}

fn frs_pct(data: &Dataset, line: Spend, year: FiscalYear) -> Result<f64, ModelError> {
    let series = format!("frs.age_related.{}", line.key());
    data.frs.get(&series, year).map_err(|e| ModelError::Data {
        table: data.frs.source.clone(),
        message: e.to_string(),
    })
}

/// Linear interpolation of an FRS age-related share between the two FRS years
/// that bracket `year` (the FRS gives 2025-26 and 2030-31 in the medium term;
/// health has every year).
fn frs_pct_in(data: &Dataset, line: Spend, year: FiscalYear) -> Result<f64, ModelError> {
    if line == Spend::Health {
        if let Ok(v) = data.frs.get("frs.health.baseline", year) {
            return Ok(v);
        }
    }
    let series = format!("frs.age_related.{}", line.key());
    let years = data.frs.years(&series);
    let before = years.iter().rev().find(|y| **y <= year).copied();
    let after = years.iter().find(|y| **y >= year).copied();
    match (before, after) {
        (Some(b), Some(a)) if a != b => {
            let vb = frs_pct(data, line, b)?;
            let va = frs_pct(data, line, a)?;
            let w = f64::from(b.years_until(year)) / f64::from(b.years_until(a));
            Ok(vb + (va - vb) * w)
        }
        (Some(b), _) => frs_pct(data, line, b),
        (None, Some(a)) => frs_pct(data, line, a),
        (None, None) => frs_pct(data, line, year),
    }
}

/// Pensioner benefits in the EFO welfare detail, if the table has them.
fn pensioner_benefits_gbp_bn(data: &Dataset, year: FiscalYear) -> f64 {
    data.efo
        .get("welfare.pensioner_benefits", year)
        .unwrap_or(0.0)
}

/// The spending and receipts lines in an EFO year with GDP `gdp`: age-related
/// spending from the FRS shares (pensioner benefits from the EFO welfare
/// table, out of other welfare), non-age-related spending the residual of
/// TME after interest; receipts lines from the EFO, other receipts the
/// residual of total receipts.
pub(super) fn efo_year_lines(
    data: &Dataset,
    y: FiscalYear,
    gdp: f64,
) -> Result<([f64; Spend::N], [f64; Receipt::N]), ModelError> {
    let pens = pensioner_benefits_gbp_bn(data, y);
    let mut spend = [0.0; Spend::N];
    for line in Spend::ALL {
        spend[line as usize] = match line {
            Spend::NonAgeRelated => 0.0,
            Spend::PensionerBenefits => pens,
            Spend::OtherWelfare => frs_pct_in(data, line, y)? * gdp / 100.0 - pens,
            _ => frs_pct_in(data, line, y)? * gdp / 100.0,
        };
    }
    let interest = efo(data, "spending.debt_interest", y)?;
    let tme = efo(data, "spending.tme", y)?;
    spend[Spend::NonAgeRelated as usize] = tme - interest - spend.iter().sum::<f64>();
    let mut receipts = [0.0; Receipt::N];
    for line in Receipt::ALL {
        let mut v = 0.0;
        for series in line.efo_series() {
            v += efo(data, series, y)?;
        }
        receipts[line as usize] = v;
    }
    let total = efo(data, "receipts.total", y)?;
    receipts[Receipt::Other as usize] = total - receipts.iter().sum::<f64>();
    Ok((spend, receipts))
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

fn prepare(a: &Assumptions, data: &Dataset) -> Result<Paths, ModelError> {
    let h = &a.horizon;
    let pop_table = &data.population;
    let mut years = Vec::new();
    let mut pop = Vec::new();
    let mut y = h.base_year;
    // One extra year: GDP centred on end-March needs next year's GDP.
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
    let r = &a.rates;
    let e = &a.economy;
    let after = |y: FiscalYear| h.medium_term_end.years_until(y);
    Ok(Paths {
        spa: years
            .iter()
            .map(|y| a.state_pension_age.age_in(*y))
            .collect(),
        bank: years
            .iter()
            .map(|y| {
                converge(
                    r.bank_rate_medium_term_pct,
                    r.bank_rate_long_run_pct,
                    after(*y),
                    r.convergence_years,
                )
            })
            .collect(),
        gilt: years
            .iter()
            .map(|y| {
                converge(
                    r.gilt_rate_medium_term_pct,
                    r.gilt_rate_long_run_pct,
                    after(*y),
                    r.convergence_years,
                )
            })
            .collect(),
        cpi: years.iter().map(|_| e.cpi_inflation_pct).collect(),
        rpi: years
            .iter()
            .map(|y| {
                if *y < e.rpi_aligned_with_cpih_from {
                    e.cpi_inflation_pct + e.rpi_cpi_wedge_pp
                } else {
                    e.cpi_inflation_pct
                }
            })
            .collect(),
        years,
        pop,
    })
}

/// Eligibility weights for a line in a year: SPA cut for pension lines,
/// the participation ratio for labour-income receipts, 1 otherwise.
fn weights(profile: ArrayView2<f64>, spa_years: f64, follows_spa: bool) -> Array2<f64> {
    let mut w = profile.to_owned();
    if follows_spa {
        for s in 0..2 {
            for age in 0..N_AGES {
                w[[s, age]] *= share_over_spa(age, spa_years);
            }
        }
    }
    w
}

/// Project with `adj` layered on top (fiscal-gap steps, shocks, an
/// intervention package). The scenario's own `intervention` list is *not*
/// applied here: this is the projection without interventions plus `adj`.
pub fn project_with(
    a: &Assumptions,
    data: &Dataset,
    adj: &Adjustments,
) -> Result<Projection, ModelError> {
    let h = &a.horizon;
    let mut p = prepare(a, data)?;
    let n_out = (h.base_year.years_until(h.end_year) + 1) as usize;
    let t_mt = h.base_year.years_until(h.medium_term_end) as usize;
    // Calibration sees the unshocked paths; shocks then move interest
    // relative to the EFO.
    let gilt_mt_unshocked = p.gilt[t_mt];
    let bank_mt_unshocked = p.bank[t_mt];
    let rpi_mt_unshocked = p.rpi[t_mt];
    for k in 0..p.years.len() {
        let shock = adj.rate_shock(k);
        p.gilt[k] += shock.gilt_pp;
        p.bank[k] += shock.bank_pp;
        p.rpi[k] += shock.index_linked_inflation_pp;
    }
    let p = p;
    let e = &a.economy;
    let mt_end = h.medium_term_end;

    let part_base = data.participation.column("participation_rate")?;
    // Participation by year, once: employment and labour-income receipts use it.
    let participation: Vec<Array2<f64>> = p
        .spa
        .iter()
        .map(|spa| participation_for_spa(part_base.view(), *spa, e.participation_follows_spa))
        .collect();
    let employment: Vec<f64> = (0..p.years.len())
        .map(|k| {
            weighted_sum(p.pop[k].view(), participation[k].view())
                * (1.0 - e.unemployment_rate_pct / 100.0)
        })
        .collect();

    // Nominal GDP: EFO through the medium term, then employment growth ×
    // productivity × deflator: Y[t] = Y[t−1] · (E[t]/E[t−1]) · (1+π_prod)(1+π_defl).
    let earnings_growth =
        (1.0 + e.productivity_growth_pct / 100.0) * (1.0 + e.gdp_deflator_growth_pct / 100.0) - 1.0;
    let mut gdp = Vec::with_capacity(p.years.len());
    for (k, y) in p.years.iter().enumerate() {
        let v = if k <= t_mt {
            efo(data, "macro.nominal_gdp", *y)?
        } else {
            gdp[k - 1] * (employment[k] / employment[k - 1]) * (1.0 + earnings_growth)
        };
        gdp.push(v);
    }
    let w = e.centred_gdp_next_year_weight_share;
    let centred = |k: usize| -> Result<f64, ModelError> {
        if k <= t_mt {
            efo(data, "macro.nominal_gdp_centred_end_march", p.years[k])
        } else {
            Ok(gdp[k].powf(1.0 - w) * gdp[k + 1].powf(w))
        }
    };

    // Calibration levels: the lines in the last medium-term year.
    let gdp_mt = gdp[t_mt];
    let (spend_cal, receipt_cal) = efo_year_lines(data, mt_end, gdp_mt)?;

    // Profile weights and uprating indices for the long-term lines.
    let profile = |key: &str| data.profiles.column(key).map_err(ModelError::from);
    let spend_profiles: Vec<Option<Array2<f64>>> = Spend::ALL
        .iter()
        .map(|l| {
            if l.is_age_related() {
                profile(l.key()).map(|p| Some(p.clone()))
            } else {
                Ok(None)
            }
        })
        .collect::<Result<_, _>>()?;
    let receipt_profiles: Vec<Option<Array2<f64>>> = Receipt::ALL
        .iter()
        .map(|l| match l.profile() {
            Some(k) => profile(k).map(|p| Some(p.clone())),
            None => Ok(None),
        })
        .collect::<Result<_, _>>()?;
    let spend_base = |k: usize, line: Spend| -> f64 {
        match &spend_profiles[line as usize] {
            Some(prof) => {
                let wgt = weights(prof.view(), p.spa[k], line.follows_spa());
                weighted_sum(p.pop[k].view(), wgt.view())
            }
            None => 0.0,
        }
    };
    let part_mt = &participation[t_mt];
    let receipt_base = |k: usize, line: Receipt| -> f64 {
        match &receipt_profiles[line as usize] {
            Some(prof) => {
                let mut wgt = prof.clone();
                if matches!(line, Receipt::IncomeTax | Receipt::Nics) {
                    // Labour-income receipts follow participation: people kept in work
                    // by a later pension age pay tax at working-age rates.
                    let part = &participation[k];
                    for s in 0..2 {
                        for age in 0..N_AGES {
                            if part_mt[[s, age]] > 0.0 {
                                wgt[[s, age]] *= part[[s, age]] / part_mt[[s, age]];
                            }
                        }
                    }
                }
                weighted_sum(p.pop[k].view(), wgt.view())
            }
            None => 0.0,
        }
    };
    let mut spend_index = [0.0; Spend::N];
    for line in Spend::ALL {
        let base = spend_base(t_mt, line);
        spend_index[line as usize] = if base > 0.0 {
            spend_cal[line as usize] / base
        } else {
            0.0
        };
    }
    let mut receipt_index = [0.0; Receipt::N];
    for line in Receipt::ALL {
        let base = receipt_base(t_mt, line);
        receipt_index[line as usize] = if base > 0.0 {
            receipt_cal[line as usize] / base
        } else {
            0.0
        };
    }
    let non_age_share = a
        .spending
        .non_age_related_pct_gdp
        .unwrap_or(100.0 * spend_cal[Spend::NonAgeRelated as usize] / gdp_mt);
    let other_receipts_share = a
        .receipts
        .other_receipts_pct_gdp
        .unwrap_or(100.0 * receipt_cal[Receipt::Other as usize] / gdp_mt);
    let fuel_share_mt = 100.0 * receipt_cal[Receipt::FuelDuty as usize] / gdp_mt;

    // Debt structure.
    let d = &a.debt;
    let conv_share = 1.0 - d.index_linked_share - d.floating_rate_share;
    let il_rate =
        |k: usize| (1.0 + d.index_linked_real_coupon_pct / 100.0) * (1.0 + p.rpi[k] / 100.0) - 1.0;

    let opening_psnd = efo(data, "fiscal.psnd", h.base_year.prev())?;
    let opening_centred = efo(
        data,
        "macro.nominal_gdp_centred_end_march",
        h.base_year.prev(),
    )?;
    let mut out: Vec<YearResult> = Vec::with_capacity(n_out);
    let mut debt_prev = opening_psnd;
    let mut efo_debt_prev = opening_psnd;
    let mut ladder: Option<Ladder> = None;
    let mut legacy_rate_pct = 0.0;
    let mut conv_stock_mt = 0.0;

    for k in 0..n_out {
        let y = p.years[k];
        let g = gdp[k];
        let yc = centred(k)?;
        let mut spend = [0.0; Spend::N];
        let mut receipts = [0.0; Receipt::N];
        let interest;
        let sfa;
        let phase;
        if k <= t_mt {
            // Medium term: the EFO, with categories from the FRS shares.
            phase = Phase::Efo;
            (spend, receipts) = efo_year_lines(data, y, g)?;
            let efo_interest = efo(data, "spending.debt_interest", y)?;
            // Debt above or below the EFO path costs the medium-term gilt rate.
            interest = efo_interest + (debt_prev - efo_debt_prev) * p.gilt[k] / 100.0;
            let efo_debt = efo(data, "fiscal.psnd", y)?;
            let efo_psnb = efo(data, "fiscal.psnb", y)?;
            sfa = efo_debt - efo_debt_prev - efo_psnb;
            if k == t_mt {
                // Calibrate the legacy conventional coupon so that the structure
                // reproduces the EFO's interest on the EFO's own debt.
                let stock = efo_debt_prev;
                let il_rate_mt = (1.0 + d.index_linked_real_coupon_pct / 100.0)
                    * (1.0 + rpi_mt_unshocked / 100.0)
                    - 1.0;
                let other = stock
                    * (d.index_linked_share * il_rate_mt
                        + d.floating_rate_share * bank_mt_unshocked / 100.0);
                legacy_rate_pct = 100.0 * (efo_interest - other) / (conv_share * stock);
                conv_stock_mt = conv_share * stock;
            }
            efo_debt_prev = efo_debt;
        } else {
            phase = Phase::Projection;
            let after = mt_end.years_until(y);
            let sp = &a.spending;
            for line in Spend::ALL {
                let growth = match line {
                    Spend::Health => {
                        let taper = sp.health_other_cost_pressures_taper_years;
                        let x = if taper == 0 {
                            1.0
                        } else {
                            (f64::from(after - 1) / f64::from(taper)).min(1.0)
                        };
                        let ocp = sp.health_other_cost_pressures_start_pp
                            + (sp.health_other_cost_pressures_end_pp
                                - sp.health_other_cost_pressures_start_pp)
                                * x;
                        (1.0 + earnings_growth) * (1.0 + ocp / 100.0)
                    }
                    Spend::AdultSocialCare => {
                        (1.0 + earnings_growth)
                            * (1.0 + sp.adult_social_care_cost_premium_pp / 100.0)
                    }
                    Spend::StatePension => {
                        (1.0 + earnings_growth) * (1.0 + sp.triple_lock_premium_pp / 100.0)
                    }
                    Spend::OtherWelfare => match sp.welfare_uprating {
                        Uprating::Earnings => 1.0 + earnings_growth,
                        Uprating::Cpi => 1.0 + p.cpi[k] / 100.0,
                    },
                    Spend::PensionerBenefits => match sp.pensioner_benefits_uprating {
                        Uprating::Earnings => 1.0 + earnings_growth,
                        Uprating::Cpi => 1.0 + p.cpi[k] / 100.0,
                    },
                    _ => 1.0 + earnings_growth,
                };
                spend_index[line as usize] *= growth;
                spend[line as usize] = if line == Spend::NonAgeRelated {
                    non_age_share * g / 100.0
                } else {
                    spend_base(k, line) * spend_index[line as usize]
                };
            }
            for line in Receipt::ALL {
                receipt_index[line as usize] *= 1.0 + earnings_growth;
                receipts[line as usize] = match line {
                    Receipt::Other => other_receipts_share * g / 100.0,
                    Receipt::FuelDuty => {
                        let total_years = mt_end.years_until(h.end_year).max(1);
                        let share = fuel_share_mt
                            + a.receipts.fuel_duty_change_by_end_pp_gdp * f64::from(after)
                                / f64::from(total_years);
                        share.max(0.0) * g / 100.0
                    }
                    _ => receipt_base(k, line) * receipt_index[line as usize],
                };
            }
            // Interest from the structure of last year's debt.
            let lad = match ladder.as_mut() {
                Some(l) => l,
                None => {
                    let shape: Vec<f64> = {
                        let horizon_end = data
                            .gilts
                            .gilts
                            .iter()
                            .map(|g| g.redemption_year)
                            .max()
                            .unwrap_or(mt_end);
                        let n = mt_end.years_until(horizon_end).max(0) as usize;
                        let mut v = vec![0.0; n];
                        for gl in data
                            .gilts
                            .gilts
                            .iter()
                            .filter(|g| g.kind == GiltKind::Conventional)
                        {
                            let off = mt_end.years_until(gl.redemption_year);
                            if off >= 1 {
                                v[(off - 1) as usize] += gl.nominal_gbp_bn;
                            }
                        }
                        v
                    };
                    let conv_now = conv_share * debt_prev;
                    let coupon = legacy_rate_pct / 100.0 * conv_stock_mt
                        + gilt_mt_unshocked / 100.0 * (conv_now - conv_stock_mt);
                    let rate = if conv_now > 0.0 {
                        100.0 * coupon / conv_now
                    } else {
                        0.0
                    };
                    ladder.insert(Ladder::new(
                        &shape,
                        conv_now.max(0.0),
                        rate,
                        d.new_issuance_average_maturity_years,
                    ))
                }
            };
            lad.roll(p.gilt[k]);
            interest = lad.coupon_gbp_bn()
                + debt_prev
                    * (d.index_linked_share * il_rate(k)
                        + d.floating_rate_share * p.bank[k] / 100.0);
            sfa = d.stock_flow_adjustment_pct_gdp * g / 100.0;
        }

        // Adjustments: factors, then deltas; a primary-balance step is booked
        // in non-age-related spending.
        for line in Spend::ALL {
            spend[line as usize] =
                spend[line as usize] * adj.factor(k, line) + adj.spend_delta(k, line);
        }
        spend[Spend::NonAgeRelated as usize] -= adj.pb_delta_pct_gdp(k) * g / 100.0;
        for line in Receipt::ALL {
            receipts[line as usize] += adj.receipt_delta(k, line);
        }
        let primary_spending: f64 = spend.iter().sum();
        let receipts_total: f64 = receipts.iter().sum();
        let pb = receipts_total - primary_spending;
        let psnb = interest - pb;
        let debt = debt_prev + psnb + sfa;
        if !debt.is_finite() || !interest.is_finite() {
            return Err(ModelError::NonFinite {
                year: y,
                what: "PSND",
            });
        }
        if k > t_mt {
            if let Some(l) = ladder.as_mut() {
                l.issue(conv_share * debt - l.stock_gbp_bn(), p.gilt[k]);
            }
        }
        let gdp_prev = if k == 0 {
            efo(data, "macro.nominal_gdp", y.prev())?
        } else {
            gdp[k - 1]
        };
        let nominal_growth = g / gdp_prev - 1.0;
        let real_growth = if k <= t_mt {
            (1.0 + nominal_growth) / (1.0 + e.gdp_deflator_growth_pct / 100.0) - 1.0
        } else {
            (employment[k] / employment[k - 1]) * (1.0 + e.productivity_growth_pct / 100.0) - 1.0
        };
        out.push(YearResult {
            year: y,
            phase,
            population: p.pop[k].sum(),
            employment: employment[k],
            state_pension_age_years: p.spa[k],
            old_age_dependency_per_1000: old_age_dependency_per_1000(p.pop[k].view(), p.spa[k]),
            real_gdp_growth_pct: 100.0 * real_growth,
            nominal_gdp_growth_pct: 100.0 * nominal_growth,
            earnings_growth_pct: 100.0 * earnings_growth,
            cpi_inflation_pct: p.cpi[k],
            rpi_inflation_pct: p.rpi[k],
            bank_rate_pct: p.bank[k],
            gilt_rate_pct: p.gilt[k],
            effective_interest_rate_pct: 100.0 * interest / debt_prev,
            gdp_gbp_bn: g,
            gdp_centred_gbp_bn: yc,
            spending_gbp_bn: spend,
            receipts_gbp_bn: receipts,
            primary_spending_gbp_bn: primary_spending,
            receipts_total_gbp_bn: receipts_total,
            interest_gbp_bn: interest,
            primary_balance_gbp_bn: pb,
            psnb_gbp_bn: psnb,
            stock_flow_gbp_bn: sfa,
            psnd_gbp_bn: debt,
            psnd_pct_gdp: 100.0 * debt / yc,
        });
        if let Some(what) = out.last().and_then(YearResult::first_non_finite) {
            return Err(ModelError::NonFinite { year: y, what });
        }
        debt_prev = debt;
    }

    Ok(Projection {
        name: a.name.clone(),
        opening_psnd_gbp_bn: opening_psnd,
        opening_gdp_centred_gbp_bn: opening_centred,
        years: out,
        calibration: Calibration {
            year: mt_end,
            spending_gbp_bn: spend_cal,
            receipts_gbp_bn: receipt_cal,
            legacy_conventional_rate_pct: legacy_rate_pct,
            conventional_stock_gbp_bn: conv_stock_mt,
        },
    })
}
