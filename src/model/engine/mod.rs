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
//! Medium-term years come from [`medium_term`], long-term years from
//! [`long_term`] (each line in [`crate::model::lines`] projects itself; the
//! [`crate::model::debt::Portfolio`] yields interest). This module ties them
//! together: adjustments, balances and the debt recursion (see
//! `docs/model.md`).

mod long_term;
mod medium_term;
mod paths;

use self::long_term::LongTerm;
pub(in crate::model) use self::medium_term::efo_year_lines;
use self::medium_term::{efo, MediumTerm};
use self::paths::Paths;
use super::adjustments::Adjustments;
use super::assumptions::Assumptions;
use super::economy::old_age_dependency_per_1000;
use super::error::ModelError;
use super::lines::{Receipt, Spend};
use super::projection::{Calibration, Phase, Projection, YearResult};
use crate::data::Dataset;

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

/// One year's flows before adjustments, from either builder.
pub(super) struct YearFlows {
    phase: Phase,
    spend: [f64; Spend::N],
    receipts: [f64; Receipt::N],
    interest_gbp_bn: f64,
    stock_flow_gbp_bn: f64,
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
    let p = Paths::prepare(a, data, adj)?;
    let n_out = (h.base_year.years_until(h.end_year) + 1) as usize;
    let t_mt = p.t_mt;
    let mt_end = h.medium_term_end;

    let opening_psnd = efo(data, "fiscal.psnd", h.base_year.prev())?;
    let opening_centred = efo(
        data,
        "macro.nominal_gdp_centred_end_march",
        h.base_year.prev(),
    )?;
    // Calibration: the lines, interest and opening debt of the last EFO year.
    let (spend_cal, receipt_cal) = efo_year_lines(data, mt_end, p.gdp[t_mt])?;
    let mut long_term = LongTerm::calibrated(
        a,
        data,
        &p,
        &spend_cal,
        &receipt_cal,
        efo(data, "spending.debt_interest", mt_end)?,
        efo(data, "fiscal.psnd", mt_end.prev())?,
    )?;
    let mut medium_term = MediumTerm::new(data, opening_psnd);

    let mut out: Vec<YearResult> = Vec::with_capacity(n_out);
    let mut debt_prev = opening_psnd;
    for k in 0..n_out {
        let flows = if k <= t_mt {
            medium_term.year(p.years[k], p.gdp[k], debt_prev, p.gilt[k])?
        } else {
            long_term.year(&p, k, debt_prev)
        };
        let row = close_year(a, data, &p, k, adjusted(flows, adj, k, p.gdp[k]), debt_prev)?;
        if k > t_mt {
            long_term.portfolio.finance(row.psnd_gbp_bn, p.gilt[k]);
        }
        debt_prev = row.psnd_gbp_bn;
        out.push(row);
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
            legacy_conventional_rate_pct: long_term.portfolio.legacy_rate_pct(),
            conventional_stock_gbp_bn: long_term.portfolio.conventional_stock_mt_gbp_bn(),
        },
    })
}

/// Adjustments on a year's lines: factors, then deltas; a primary-balance
/// step is booked in non-age-related spending.
fn adjusted(mut f: YearFlows, adj: &Adjustments, k: usize, gdp: f64) -> YearFlows {
    for line in Spend::ALL {
        f.spend[line as usize] =
            f.spend[line as usize] * adj.factor(k, line) + adj.spend_delta(k, line);
    }
    f.spend[Spend::NonAgeRelated as usize] -= adj.pb_delta_pct_gdp(k) * gdp / 100.0;
    for line in Receipt::ALL {
        f.receipts[line as usize] += adj.receipt_delta(k, line);
    }
    f
}

/// GDP centred on end-March in year `k`: the EFO's in the medium term,
/// else the weighted geometric mean of this and next year's GDP.
fn centred_gdp(a: &Assumptions, data: &Dataset, p: &Paths, k: usize) -> Result<f64, ModelError> {
    if k <= p.t_mt {
        efo(data, "macro.nominal_gdp_centred_end_march", p.years[k])
    } else {
        let w = a.economy.centred_gdp_next_year_weight_share;
        Ok(p.gdp[k].powf(1.0 - w) * p.gdp[k + 1].powf(w))
    }
}

/// Balances and the debt recursion for year `k`, and its output row.
fn close_year(
    a: &Assumptions,
    data: &Dataset,
    p: &Paths,
    k: usize,
    f: YearFlows,
    debt_prev: f64,
) -> Result<YearResult, ModelError> {
    let y = p.years[k];
    let g = p.gdp[k];
    let e = &a.economy;
    let yc = centred_gdp(a, data, p, k)?;
    let interest = f.interest_gbp_bn;
    let primary_spending: f64 = f.spend.iter().sum();
    let receipts_total: f64 = f.receipts.iter().sum();
    let pb = receipts_total - primary_spending;
    let psnb = interest - pb;
    let debt = debt_prev + psnb + f.stock_flow_gbp_bn;
    if !debt.is_finite() || !interest.is_finite() {
        return Err(ModelError::NonFinite {
            year: y,
            what: "PSND",
        });
    }
    let gdp_prev = if k == 0 {
        efo(data, "macro.nominal_gdp", y.prev())?
    } else {
        p.gdp[k - 1]
    };
    let nominal_growth = g / gdp_prev - 1.0;
    let real_growth = if k <= p.t_mt {
        (1.0 + nominal_growth) / (1.0 + e.gdp_deflator_growth_pct / 100.0) - 1.0
    } else {
        (p.employment[k] / p.employment[k - 1]) * (1.0 + e.productivity_growth_pct / 100.0) - 1.0
    };
    let pop = p.population(k);
    Ok(YearResult {
        year: y,
        phase: f.phase,
        population: pop.sum(),
        employment: p.employment[k],
        state_pension_age_years: p.spa[k],
        old_age_dependency_per_1000: old_age_dependency_per_1000(pop, p.spa[k]),
        real_gdp_growth_pct: 100.0 * real_growth,
        nominal_gdp_growth_pct: 100.0 * nominal_growth,
        earnings_growth_pct: 100.0 * p.earnings_growth_share,
        cpi_inflation_pct: p.cpi[k],
        rpi_inflation_pct: p.rpi[k],
        bank_rate_pct: p.bank[k],
        gilt_rate_pct: p.gilt[k],
        effective_interest_rate_pct: 100.0 * interest / debt_prev,
        gdp_gbp_bn: g,
        gdp_centred_gbp_bn: yc,
        spending_gbp_bn: f.spend,
        receipts_gbp_bn: f.receipts,
        primary_spending_gbp_bn: primary_spending,
        receipts_total_gbp_bn: receipts_total,
        interest_gbp_bn: interest,
        primary_balance_gbp_bn: pb,
        psnb_gbp_bn: psnb,
        stock_flow_gbp_bn: f.stock_flow_gbp_bn,
        psnd_gbp_bn: debt,
        psnd_pct_gdp: 100.0 * debt / yc,
    })
}
