//! The scenario's deterministic path in the form the reduced-form engine
//! needs: per-year growth, inflation, the effective rate, the primary
//! balance and the GDP ratios of the debt recursion, all taken from the
//! real projection, so that with zero shocks every path reproduces it.
//!
//! The recursion in ratios to GDP centred on end-March (`Yc`), with `Y`
//! fiscal-year GDP and `R` the ratio of deterministic to shocked nominal
//! growth:
//!
//! ```text
//! d[t] = d[t−1] · (Yc[t−1]/Yc[t]) · (1 + i[t]) · R[t] + (sfa[t] − pb[t]) · Y[t]/Yc[t]
//! R[t] = 1 / ((1 + εg[t]/(1+g[t])) · (1 + επ[t]/(1+π[t])))
//! ```
//!
//! which is `PSND[t] = PSND[t−1] + interest[t] − PB[t] + SFA[t]` divided by
//! `Yc[t]` when every shock `ε` is zero (`pb` is the primary balance less
//! the other public sector interest, which does not follow the rates). Shocked GDP scales fiscal-year and
//! centred GDP alike (the half-year offset of the centring is not shocked).

use serde::Serialize;

use crate::data::{Dataset, GiltKind};
use crate::model::{Assumptions, Phase, Projection};
use crate::years::FiscalYear;

/// The deterministic path and debt structure a fan is drawn around.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    /// Fiscal years, base year first.
    pub years: Vec<FiscalYear>,
    /// Whether shocks apply in the year (false in EFO years when the medium
    /// term is held at the EFO).
    pub shocked: Vec<bool>,
    /// `1/(1+g)`, g real growth (fraction).
    pub(crate) inv_growth: Vec<f64>,
    /// `1/(1+π)`, π GDP-deflator inflation (fraction).
    pub(crate) inv_inflation: Vec<f64>,
    /// Effective interest rate on last year's PSND (fraction).
    pub(crate) eff_rate: Vec<f64>,
    /// Primary balance less the other public sector interest, minus the
    /// stock-flow adjustment, share of fiscal-year GDP.
    pub(crate) pb_less_sfa: Vec<f64>,
    /// Primary balance less the other public sector interest, share of
    /// fiscal-year GDP.
    pub(crate) pb: Vec<f64>,
    /// `Yc[t−1]/Yc[t]`.
    pub(crate) centred_ratio: Vec<f64>,
    /// `Y[t]/Yc[t]`.
    pub(crate) fy_over_centred: Vec<f64>,
    /// `Yc[t−1]/Y[t]`.
    pub(crate) prev_centred_over_fy: Vec<f64>,
    /// PSND over centred GDP at the end of the year before the base year (fraction).
    pub opening_ratio: f64,
    /// Deterministic PSND, % of GDP.
    pub psnd_pct_gdp: Vec<f64>,
    /// Deterministic PSNB, % of GDP.
    pub psnb_pct_gdp: Vec<f64>,
    /// Deterministic debt interest, % of GDP.
    pub interest_pct_gdp: Vec<f64>,
    /// Share of PSND paying Bank Rate (moves with the market rate at once).
    pub floating_share: f64,
    /// Share in index-linked gilts (moves with inflation at once).
    pub index_linked_share: f64,
    /// Share in conventional gilts (reprices at 1/maturity a year).
    pub conventional_share: f64,
    /// Average remaining maturity of the conventional gilt stock, years.
    pub maturity_years: f64,
}

/// Nominal-weighted average remaining maturity of the conventional gilts
/// in `data` from `year`, in years (at least 1); the scenario's
/// new-issuance maturity when the table has no conventional gilts.
pub fn conventional_maturity_years(data: &Dataset, year: FiscalYear, fallback: f64) -> f64 {
    let (mut w, mut s) = (0.0, 0.0);
    for g in data
        .gilts
        .gilts
        .iter()
        .filter(|g| g.kind == GiltKind::Conventional)
    {
        let left = f64::from(year.years_until(g.redemption_year)).max(0.0) + 0.5;
        w += g.nominal_gbp_bn;
        s += g.nominal_gbp_bn * left;
    }
    if w > 0.0 {
        (s / w).max(1.0)
    } else {
        fallback.max(1.0)
    }
}

impl Baseline {
    /// The path of `p`, a projection of `a` on `data`; shocks from the first
    /// year when `shock_medium_term`, else from the first long-term year.
    pub fn new(
        a: &Assumptions,
        data: &Dataset,
        p: &Projection,
        shock_medium_term: bool,
    ) -> Baseline {
        let n = p.years.len();
        let mut b = Baseline {
            years: Vec::with_capacity(n),
            shocked: Vec::with_capacity(n),
            inv_growth: Vec::with_capacity(n),
            inv_inflation: Vec::with_capacity(n),
            eff_rate: Vec::with_capacity(n),
            pb_less_sfa: Vec::with_capacity(n),
            pb: Vec::with_capacity(n),
            centred_ratio: Vec::with_capacity(n),
            fy_over_centred: Vec::with_capacity(n),
            prev_centred_over_fy: Vec::with_capacity(n),
            opening_ratio: p.opening_psnd_gbp_bn / p.opening_gdp_centred_gbp_bn,
            psnd_pct_gdp: Vec::with_capacity(n),
            psnb_pct_gdp: Vec::with_capacity(n),
            interest_pct_gdp: Vec::with_capacity(n),
            floating_share: a.debt.floating_rate_share,
            index_linked_share: a.debt.index_linked_share,
            conventional_share: 1.0 - a.debt.floating_rate_share - a.debt.index_linked_share,
            maturity_years: conventional_maturity_years(
                data,
                a.horizon.base_year,
                f64::from(a.debt.new_issuance_average_maturity_years),
            ),
        };
        let (mut debt_prev, mut yc_prev) = (p.opening_psnd_gbp_bn, p.opening_gdp_centred_gbp_bn);
        for y in &p.years {
            let g = y.real_gdp_growth_pct / 100.0;
            let gn = y.nominal_gdp_growth_pct / 100.0;
            let infl = (1.0 + gn) / (1.0 + g) - 1.0;
            b.years.push(y.year);
            b.shocked
                .push(shock_medium_term || y.phase == Phase::Projection);
            b.inv_growth.push(1.0 / (1.0 + g));
            b.inv_inflation.push(1.0 / (1.0 + infl));
            b.eff_rate.push(y.interest_gbp_bn / debt_prev);
            // The other public sector interest does not scale with the debt:
            // it moves with the primary balance here, not with the rates.
            let pb = y.primary_balance_gbp_bn - y.other_interest_gbp_bn;
            b.pb.push(pb / y.gdp_gbp_bn);
            b.pb_less_sfa
                .push((pb - y.stock_flow_gbp_bn) / y.gdp_gbp_bn);
            b.centred_ratio.push(yc_prev / y.gdp_centred_gbp_bn);
            b.fy_over_centred.push(y.gdp_gbp_bn / y.gdp_centred_gbp_bn);
            b.prev_centred_over_fy.push(yc_prev / y.gdp_gbp_bn);
            b.psnd_pct_gdp.push(y.psnd_pct_gdp);
            b.psnb_pct_gdp.push(100.0 * y.psnb_gbp_bn / y.gdp_gbp_bn);
            b.interest_pct_gdp
                .push(100.0 * y.interest_gbp_bn / y.gdp_gbp_bn);
            debt_prev = y.psnd_gbp_bn;
            yc_prev = y.gdp_centred_gbp_bn;
        }
        b
    }

    /// Number of years.
    pub fn len(&self) -> usize {
        self.years.len()
    }
}
