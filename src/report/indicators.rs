//! The sustainability indicators and the intervention summary as the HTML
//! and XLSX reports show them: one list of columns, so the two formats
//! cannot drift apart.

use crate::model::indicators::Sustainability;
use crate::model::interventions::{Effect, InterventionResults};

/// A headline indicator: heading, CSV-style key and how to read it.
pub struct Indicator {
    /// Column heading.
    pub label: &'static str,
    /// Column name in the workbook.
    pub key: &'static str,
    /// The value, if it has one.
    pub value: fn(&Sustainability) -> Option<f64>,
    /// Decimals shown in the HTML report.
    pub decimals: usize,
}

/// The headline indicators, in display order. The share closed is a
/// percentage (not a fraction) so that it reads like the other columns.
pub const INDICATORS: [Indicator; 5] = [
    Indicator {
        label: "Fiscal gap, one-off (% of GDP)",
        key: "fiscal_gap_pct_gdp",
        value: |s| s.headline.fiscal_gap_pct_gdp,
        decimals: 2,
    },
    Indicator {
        label: "Fiscal gap, staged (% of GDP each decade)",
        key: "staged_gap_pct_gdp_per_decade",
        value: |s| s.headline.staged_gap_pct_gdp_per_decade,
        decimals: 2,
    },
    Indicator {
        label: "S1 (% of GDP)",
        key: "s1_pct_gdp",
        value: |s| s.headline.s1_pct_gdp,
        decimals: 2,
    },
    Indicator {
        label: "S2 (% of GDP)",
        key: "s2_pct_gdp",
        value: |s| s.headline.s2_pct_gdp,
        decimals: 2,
    },
    Indicator {
        label: "Share of the fiscal gap closed by interventions (%)",
        key: "share_of_gap_closed_by_interventions_pct",
        value: |s| s.share_of_gap_closed_by_interventions.map(|x| 100.0 * x),
        decimals: 1,
    },
];

/// What the indicators mean, for the note under the table.
pub fn explanation(s: &Sustainability) -> String {
    let h = &s.headline;
    format!(
        "Fiscal gap: the permanent change in the primary balance from {} that brings PSND to {:.0}% of GDP in {} (staged: an equal step each decade). S1 (European Commission): the same to 60% of GDP fifteen years after the medium term. S2: the step that satisfies the intertemporal budget constraint. Positive: a tightening is needed. With the scenario's interventions in force.",
        h.start_year, h.target_pct_gdp, h.target_year
    )
}

/// Every effect to list: each intervention, then the package.
pub fn effects(r: &InterventionResults) -> impl Iterator<Item = &Effect> {
    r.interventions.iter().chain(std::iter::once(&r.package))
}

/// Breakeven year as text (`never` when cumulative savings never turn
/// positive for good).
pub fn breakeven(e: &Effect) -> String {
    e.breakeven_year
        .map_or_else(|| "never".to_string(), |y| y.to_string())
}
