//! The summary table shared by the HTML and XLSX reports: key years across,
//! the main aggregates as % of GDP down.

use crate::model::{Projection, Receipt, Spend, YearResult};
use crate::output::table::key_years;

/// A row: label, whether it is indented under a total, and its value.
pub type Row = (String, bool, Box<dyn Fn(&YearResult) -> f64>);

/// The rows, in display order.
pub fn rows() -> Vec<Row> {
    let mut r: Vec<Row> = vec![
        (
            "PSND (% of GDP, end-March)".into(),
            false,
            Box::new(|y| y.psnd_pct_gdp),
        ),
        ("PSND (£bn)".into(), false, Box::new(|y| y.psnd_gbp_bn)),
        ("PSNB".into(), false, Box::new(|y| y.pct_gdp(y.psnb_gbp_bn))),
        (
            "Primary balance".into(),
            false,
            Box::new(|y| y.pct_gdp(y.primary_balance_gbp_bn)),
        ),
        (
            "Debt interest".into(),
            false,
            Box::new(|y| y.pct_gdp(y.interest_gbp_bn)),
        ),
        (
            "Other public sector interest".into(),
            true,
            Box::new(|y| y.pct_gdp(y.other_interest_gbp_bn)),
        ),
        (
            "Receipts".into(),
            false,
            Box::new(|y| y.pct_gdp(y.receipts_total_gbp_bn)),
        ),
    ];
    for line in Receipt::ALL {
        r.push((
            line.label().into(),
            true,
            Box::new(move |y| y.pct_gdp(y.receipt(line))),
        ));
    }
    r.push((
        "Primary spending".into(),
        false,
        Box::new(|y| y.pct_gdp(y.primary_spending_gbp_bn)),
    ));
    for line in Spend::ALL {
        r.push((
            line.label().into(),
            true,
            Box::new(move |y| y.pct_gdp(y.spend(line))),
        ));
    }
    r.push((
        "Old-age dependency (per 1,000)".into(),
        false,
        Box::new(|y| y.old_age_dependency_per_1000),
    ));
    r
}

/// The columns: the key years' results.
pub fn columns(p: &Projection) -> Vec<&YearResult> {
    key_years(p).iter().filter_map(|y| p.year(*y)).collect()
}

/// Decimals to show for a row label.
pub fn decimals(label: &str) -> usize {
    if label.contains("£bn") || label.contains("per 1,000") {
        0
    } else {
        1
    }
}
