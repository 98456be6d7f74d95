//! Why the debt ratio changed each year, and the primary balance that would
//! have held it still.
//!
//! With `D` PSND at end-March, `Yc` GDP centred on end-March, `I` public
//! sector debt interest (the debt portfolio's central government interest
//! net of the APF plus the other public sector interest: the interest the
//! FRS's primary balance excludes),
//! `PB` the primary balance and `SFA` the stock-flow adjustment (all £bn), the
//! model's debt recursion `D[t] = D[t−1] + I[t] − PB[t] + SFA[t]` gives, for
//! the ratio `d = D / Yc`, exactly:
//!
//! ```text
//! d[t] − d[t−1] =   I[t]/Yc[t]                        interest
//!                 − d[t−1]·g[t]/(1+g[t])              growth (real + inflation)
//!                 − PB[t]/Yc[t]                       primary balance
//!                 + SFA[t]/Yc[t]                      stock-flow
//! ```
//!
//! where `1 + g[t] = Yc[t]/Yc[t−1]`. Interest is `d[t−1]·i/(1+g)` with `i` the
//! effective rate `I[t]/D[t−1]`, the usual r−g form, but written without
//! dividing by `D[t−1]` so that it stays exact when debt is near zero. The
//! effective rate reported is the debt portfolio's alone (central government
//! interest over PSND), as in the projection's rows.
//!
//! The growth term is split between real growth `γ` and inflation `π` with
//! `1+g = (1+γ)(1+π)`, so `g = γ + π + γπ`. The cross term `γπ` belongs to
//! both; the Shapley split gives each half of it:
//!
//! ```text
//! real growth = −d[t−1]·(γ + γπ/2)/(1+g)      inflation = −d[t−1]·(π + γπ/2)/(1+g)
//! ```
//!
//! `π` is the GDP deflator growth the projection implies for the fiscal year,
//! `(1 + nominal growth)/(1 + real growth) − 1`; `γ` is then whatever real
//! growth makes centred-GDP growth come out exactly, so the centring (half a
//! year's timing) lands in the real-growth term.
//!
//! The debt-stabilising primary balance `PB*[t]` is the balance that, with
//! that year's interest, GDP and stock-flow adjustment, leaves `d[t] = d[t−1]`:
//! `PB*[t] = I[t] + SFA[t] − d[t−1]·(Yc[t] − Yc[t−1])`.

use serde::Serialize;

use super::error::IndicatorError;
use crate::model::Projection;
use crate::years::FiscalYear;

/// One year's decomposition. Contributions are in percentage points of GDP
/// (the change in PSND as % of centred GDP); flows are % of fiscal-year GDP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecompositionRow {
    /// The fiscal year.
    pub year: FiscalYear,
    /// PSND at the end of the previous year, % of centred GDP.
    pub psnd_prev_pct_gdp: f64,
    /// PSND at the end of the year, % of centred GDP.
    pub psnd_pct_gdp: f64,
    /// Change in the ratio, pp.
    pub change_pp: f64,
    /// Contribution of the primary balance (a surplus is negative), pp.
    pub primary_balance_pp: f64,
    /// Contribution of public sector debt interest, pp.
    pub interest_pp: f64,
    /// Contribution of real GDP growth (negative when GDP grows), pp.
    pub real_growth_pp: f64,
    /// Contribution of inflation (GDP deflator), pp.
    pub inflation_pp: f64,
    /// Contribution of the stock-flow adjustment, pp.
    pub stock_flow_pp: f64,
    /// Interest-growth differential: interest plus both growth terms, pp.
    pub interest_growth_differential_pp: f64,
    /// Effective interest rate `I[t]/D[t−1]`, %.
    pub effective_interest_rate_pct: f64,
    /// Growth of GDP centred on end-March, %.
    pub centred_gdp_growth_pct: f64,
    /// Real growth used in the split, %.
    pub real_growth_pct: f64,
    /// Inflation (GDP deflator) used in the split, %.
    pub inflation_pct: f64,
    /// Primary balance, % of fiscal-year GDP.
    pub primary_balance_pct_gdp: f64,
    /// Debt-stabilising primary balance, £bn.
    pub debt_stabilising_primary_balance_gbp_bn: f64,
    /// Debt-stabilising primary balance, % of fiscal-year GDP.
    pub debt_stabilising_primary_balance_pct_gdp: f64,
    /// Debt-stabilising minus actual primary balance, % of fiscal-year GDP
    /// (positive: the ratio rose).
    pub stabilising_gap_pct_gdp: f64,
}

impl DecompositionRow {
    /// Sum of the five contributions, pp; equals `change_pp` to rounding.
    pub fn sum_pp(&self) -> f64 {
        self.primary_balance_pp
            + self.interest_pp
            + self.real_growth_pp
            + self.inflation_pp
            + self.stock_flow_pp
    }
}

/// Decompose every year of `p`. The first year starts from the projection's
/// opening debt and centred GDP.
pub fn decompose(p: &Projection) -> Result<Vec<DecompositionRow>, IndicatorError> {
    if p.years.is_empty() {
        return Err(IndicatorError::EmptyProjection);
    }
    let mut out = Vec::with_capacity(p.years.len());
    let mut debt_prev = p.opening_psnd_gbp_bn;
    let mut yc_prev = p.opening_gdp_centred_gbp_bn;
    for y in &p.years {
        let yc = y.gdp_centred_gbp_bn;
        let d_prev = debt_prev / yc_prev;
        let d = y.psnd_gbp_bn / yc;
        let growth = yc / yc_prev - 1.0;
        let interest = y.ps_interest_gbp_bn() / yc;
        let pb = -y.primary_balance_gbp_bn / yc;
        let sfa = y.stock_flow_gbp_bn / yc;
        // Written as d·(Yc[t−1]/Yc[t] − 1) rather than −d·g/(1+g): the same
        // number, with one rounding fewer.
        let growth_total = d_prev * (yc_prev / yc - 1.0);
        let inflation =
            (1.0 + y.nominal_gdp_growth_pct / 100.0) / (1.0 + y.real_gdp_growth_pct / 100.0) - 1.0;
        let real = (1.0 + growth) / (1.0 + inflation) - 1.0;
        let real_c = -d_prev * (real + real * inflation / 2.0) / (1.0 + growth);
        // The inflation share is the remainder, so that the two shares add up
        // to the growth term exactly.
        let inflation_c = growth_total - real_c;
        let stabilising = y.ps_interest_gbp_bn() + y.stock_flow_gbp_bn - d_prev * (yc - yc_prev);
        out.push(DecompositionRow {
            year: y.year,
            psnd_prev_pct_gdp: 100.0 * d_prev,
            psnd_pct_gdp: 100.0 * d,
            change_pp: 100.0 * (d - d_prev),
            primary_balance_pp: 100.0 * pb,
            interest_pp: 100.0 * interest,
            real_growth_pp: 100.0 * real_c,
            inflation_pp: 100.0 * inflation_c,
            stock_flow_pp: 100.0 * sfa,
            interest_growth_differential_pp: 100.0 * (interest + growth_total),
            effective_interest_rate_pct: if debt_prev != 0.0 {
                100.0 * y.interest_gbp_bn / debt_prev
            } else {
                0.0
            },
            centred_gdp_growth_pct: 100.0 * growth,
            real_growth_pct: 100.0 * real,
            inflation_pct: 100.0 * inflation,
            primary_balance_pct_gdp: y.pct_gdp(y.primary_balance_gbp_bn),
            debt_stabilising_primary_balance_gbp_bn: stabilising,
            debt_stabilising_primary_balance_pct_gdp: y.pct_gdp(stabilising),
            stabilising_gap_pct_gdp: y.pct_gdp(stabilising - y.primary_balance_gbp_bn),
        });
        debt_prev = y.psnd_gbp_bn;
        yc_prev = yc;
    }
    Ok(out)
}
