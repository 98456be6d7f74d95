//! The projection: medium-term years from the EFO, long-term years from the
//! model, and the debt recursion that ties them together.
//!
//! For every year `t`:
//!
//! ```text
//! PB[t]   = receipts[t] − primary spending[t]
//! PSNB[t] = interest[t] + other interest[t] − PB[t]
//! PSND[t] = PSND[t−1] + PSNB[t] + SFA[t]
//! d[t]    = PSND[t] / Yc[t]          (Yc: GDP centred on end-March)
//! ```
//!
//! Medium-term years come from [`medium_term`], long-term years from
//! [`long_term`] (each line in [`crate::model::lines`] projects itself; the
//! [`crate::model::debt::Portfolio`] yields interest). This module ties them
//! together: adjustments, balances and the debt recursion (see
//! `docs/model.md`).

// Per-year vectors are built to the horizon's length (validated before
// projecting) and lines index `[f64; N]` arrays by `Spend`/`Receipt`: every
// index is in range.
#![allow(clippy::indexing_slicing)]

mod long_term;
mod medium_term;
mod paths;
mod replay;
mod stock_flow;

use self::long_term::LongTerm;
use self::medium_term::{efo, EfoInterest, MediumTerm};
pub(in crate::model) use self::medium_term::{efo_year_lines, StartPoint};
use self::paths::Paths;
use self::replay::{closing_debt, Balances, DebtState, RecordedYear};
pub use self::replay::{DebtRow, Replay};
use self::stock_flow::StockFlow;
use super::adjustments::Adjustments;
use super::assumptions::Assumptions;
use super::debt::{InterestStep, Measures, OtherMeasures, Portfolio, StudentLoanYear, YearRates};
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
    Ok(super::interventions::package_adjustments(a, &base).0)
}

/// One year's flows before adjustments and interest, from either builder.
#[derive(Debug, Clone)]
pub(super) struct YearFlows {
    phase: Phase,
    spend: [f64; Spend::N],
    receipts: [f64; Receipt::N],
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
    project_recorded(a, data, adj).map(|(p, _)| p)
}

/// [`project_with`], and what re-running its debt with other adjustments
/// needs ([`Replay`]).
pub fn project_recorded(
    a: &Assumptions,
    data: &Dataset,
    adj: &Adjustments,
) -> Result<(Projection, Replay), ModelError> {
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
    // Calibration of the lines: their levels in the last EFO year.
    let start = StartPoint::of(a);
    let (spend_cal, receipt_cal) = efo_year_lines(data, mt_end, p.gdp[t_mt], &start)?;
    let mut long_term = LongTerm::calibrated(a, data, &p, &spend_cal, &receipt_cal)?;
    let mut stock_flow = StockFlow::opening(a, data, &p)?;
    let qe_reserves = a.debt.qe_reserves_gbp_bn(h.base_year, p.years.len());
    let portfolio = Portfolio::opening(
        &a.debt,
        &data.gilts,
        h.base_year.prev(),
        opening_psnd,
        qe_reserves.clone(),
    );
    let mut medium_term = MediumTerm::new(data, start, opening_psnd, portfolio.clone());
    let mut measures = OtherMeasures::new(qe_reserves, t_mt);
    let feedback = a.rates.gilt_rate_debt_feedback_bp_per_10pp;
    let opening = DebtState::opening(portfolio, opening_psnd, t_mt, feedback);
    let mut debt = opening.clone();

    let mut out: Vec<YearResult> = Vec::with_capacity(n_out);
    let mut recorded: Vec<RecordedYear> = Vec::with_capacity(n_out);
    let mut unexplained = 0.0;
    for k in 0..n_out {
        let lines = (&mut medium_term, &mut long_term, &mut stock_flow);
        let (rec, loans) = record_year(a, data, &p, k, lines)?;
        let yc = rec.gdp_centred_gbp_bn;
        let f = adjusted(rec.flows.clone(), adj, k, p.gdp[k]);
        let b = Balances {
            pb_gbp_bn: primary_balance(&f),
            other_interest_gbp_bn: rec.other_interest_gbp_bn,
            sfa_gbp_bn: f.stock_flow_gbp_bn,
        };
        let (rates, interest, outside) = debt.interest(k, rec.rates, rec.efo.as_ref(), b);
        let debt_prev = debt.debt_prev_gbp_bn();
        let mut row = close_year(a, data, &p, k, (f, rates), (interest, yc), debt_prev)?;
        let m = measures.year(data, k, row.year, row.psnd_gbp_bn, row.stock_flow_gbp_bn)?;
        set_other_measures(&mut row, &m, &loans);
        debt.close(k, row.psnd_gbp_bn, row.psnd_pct_gdp, rates, outside);
        if k == t_mt {
            // What the structure does not explain of the EFO's interest in
            // the last EFO year stays with the gilts then in issue.
            unexplained = outside;
        }
        recorded.push(rec);
        out.push(row);
    }

    let projection = Projection {
        name: a.name.clone(),
        opening_psnd_gbp_bn: opening_psnd,
        opening_gdp_centred_gbp_bn: opening_centred,
        years: out,
        calibration: Calibration {
            year: mt_end,
            spending_gbp_bn: spend_cal,
            receipts_gbp_bn: receipt_cal,
            unexplained_interest_gbp_bn: unexplained,
            conventional_stock_gbp_bn: debt.conventional_stock_gbp_bn(),
        },
        forecast_source: data.efo.source.clone(),
    };
    let replay = Replay {
        opening,
        years: recorded,
        rate_shocks: adj.rate_shocks.clone(),
    };
    Ok((projection, replay))
}

/// Year `k`'s flows before adjustments (the medium term's from the EFO,
/// the long term's from the lines, the student loans' stock-flow on both)
/// with the rates and GDP the debt side reads: what the replay keeps.
fn record_year(
    a: &Assumptions,
    data: &Dataset,
    p: &Paths,
    k: usize,
    (medium_term, long_term, stock_flow): (&mut MediumTerm, &mut LongTerm, &mut StockFlow),
) -> Result<(RecordedYear, StudentLoanYear), ModelError> {
    let (mut flows, efo_interest) = if k <= p.t_mt {
        let (f, i) = medium_term.year(k, p.years[k], p.gdp[k], p.rates_unshocked[k])?;
        (f, Some(i))
    } else {
        (long_term.year(p, k), None)
    };
    let loans = stock_flow.year(p, k, &mut flows);
    let rec = RecordedYear {
        year: p.years[k],
        flows,
        rates: p.rates(k),
        efo: efo_interest,
        gdp_gbp_bn: p.gdp[k],
        gdp_centred_gbp_bn: centred_gdp(a, data, p, k)?,
        other_interest_gbp_bn: p.other_interest_pct_gdp[k] * p.gdp[k] / 100.0,
    };
    Ok((rec, loans))
}

/// The primary balance of a year's adjusted flows, £bn.
fn primary_balance(f: &YearFlows) -> f64 {
    f.receipts.iter().sum::<f64>() - f.spend.iter().sum::<f64>()
}

/// The year's debt interest, solved with the debt it is paid on (the
/// half-year convention), and what the portfolio does not explain of the
/// EFO's interest (0 after the medium term). `net_other_gbp_bn` is the
/// stock-flow adjustment plus the other public sector interest less the
/// primary balance. In EFO years interest
/// is the EFO's plus the portfolio's difference from the shadow on the EFO
/// path.
fn year_interest(
    step: &InterestStep,
    debt_prev: f64,
    net_other_gbp_bn: f64,
    efo_interest: Option<&EfoInterest>,
) -> (f64, f64) {
    let outside = efo_interest.map_or(0.0, |i| i.efo_gbp_bn - i.shadow_gbp_bn);
    let debt = step.solve(debt_prev, net_other_gbp_bn + outside);
    let interest = match efo_interest {
        Some(i) => i.efo_gbp_bn + (step.at(debt) - i.shadow_gbp_bn),
        None => step.at(debt),
    };
    (interest, outside)
}

/// PSND ex BoE, PSNFL and the student-loan asset on a closed year's row.
fn set_other_measures(row: &mut YearResult, m: &Measures, loans: &StudentLoanYear) {
    row.psnd_ex_boe_gbp_bn = m.psnd_ex_boe_gbp_bn;
    row.psnd_ex_boe_pct_gdp = 100.0 * m.psnd_ex_boe_gbp_bn / row.gdp_centred_gbp_bn;
    row.psnfl_gbp_bn = m.psnfl_gbp_bn;
    row.psnfl_pct_gdp = 100.0 * m.psnfl_gbp_bn / row.gdp_centred_gbp_bn;
    row.student_loans_gbp_bn = loans.asset_gbp_bn;
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
    (f, rates): (YearFlows, YearRates),
    (interest, yc): (f64, f64),
    debt_prev: f64,
) -> Result<YearResult, ModelError> {
    let y = p.years[k];
    let g = p.gdp[k];
    let e = &a.economy;
    let primary_spending: f64 = f.spend.iter().sum();
    let receipts_total: f64 = f.receipts.iter().sum();
    let b = Balances {
        pb_gbp_bn: primary_balance(&f),
        other_interest_gbp_bn: p.other_interest_pct_gdp[k] * g / 100.0,
        sfa_gbp_bn: f.stock_flow_gbp_bn,
    };
    let (pb, other_interest) = (b.pb_gbp_bn, b.other_interest_gbp_bn);
    let psnb = b.psnb_gbp_bn(interest);
    let debt = closing_debt(debt_prev, interest, &b);
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
        rpi_inflation_pct: rates.index_linked_inflation_pct,
        bank_rate_pct: rates.bank_pct,
        gilt_rate_pct: rates.gilt_pct,
        effective_interest_rate_pct: 100.0 * interest / debt_prev,
        gdp_gbp_bn: g,
        gdp_centred_gbp_bn: yc,
        spending_gbp_bn: f.spend,
        receipts_gbp_bn: f.receipts,
        primary_spending_gbp_bn: primary_spending,
        receipts_total_gbp_bn: receipts_total,
        interest_gbp_bn: interest,
        other_interest_gbp_bn: other_interest,
        primary_balance_gbp_bn: pb,
        psnb_gbp_bn: psnb,
        stock_flow_gbp_bn: f.stock_flow_gbp_bn,
        psnd_gbp_bn: debt,
        psnd_pct_gdp: 100.0 * debt / yc,
        // Filled in by the loop from `OtherMeasures`.
        psnd_ex_boe_gbp_bn: 0.0,
        psnd_ex_boe_pct_gdp: 0.0,
        psnfl_gbp_bn: 0.0,
        psnfl_pct_gdp: 0.0,
        student_loans_gbp_bn: 0.0,
    })
}
