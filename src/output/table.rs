//! The terminal summary of a projection: key years down the columns, the
//! main aggregates and spending lines as % of GDP down the rows.

use std::fmt::Write;

use crate::model::{Projection, Receipt, Spend, YearResult};
use crate::years::FiscalYear;

/// The years shown: base, end of medium term, every ten years from there,
/// and the final year.
pub(crate) fn key_years(p: &Projection) -> Vec<FiscalYear> {
    let Some(first) = p.years.first() else {
        return Vec::new();
    };
    let last = p.years.last().map_or(first.year, |y| y.year);
    let mt = p.calibration.year;
    let mut ys = vec![first.year];
    if mt > first.year {
        ys.push(mt);
    }
    let mut y = FiscalYear(mt.0 + 5);
    while y < last {
        ys.push(y);
        y = FiscalYear(y.0 + 10);
    }
    if *ys.last().unwrap_or(&first.year) != last {
        ys.push(last);
    }
    ys
}

type Row = (String, Box<dyn Fn(&YearResult) -> f64>);

fn rows() -> Vec<Row> {
    let mut r: Vec<Row> = vec![
        (
            "PSND (% of GDP, end-March)".into(),
            Box::new(|y: &YearResult| y.psnd_pct_gdp),
        ),
        (
            "  PSND ex Bank of England".into(),
            Box::new(|y: &YearResult| y.psnd_ex_boe_pct_gdp),
        ),
        ("  PSNFL".into(), Box::new(|y: &YearResult| y.psnfl_pct_gdp)),
        (
            "  Student loans (asset)".into(),
            Box::new(|y: &YearResult| 100.0 * y.student_loans_gbp_bn / y.gdp_centred_gbp_bn),
        ),
        (
            "Stock-flow adjustment".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.stock_flow_gbp_bn)),
        ),
        (
            "Effective interest rate (%)".into(),
            Box::new(|y: &YearResult| y.effective_interest_rate_pct),
        ),
        (
            "PSNB".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.psnb_gbp_bn)),
        ),
        (
            "Primary balance".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.primary_balance_gbp_bn)),
        ),
        (
            "Debt interest".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.interest_gbp_bn)),
        ),
        (
            "  Other public sector interest".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.other_interest_gbp_bn)),
        ),
        (
            "Receipts".into(),
            Box::new(|y: &YearResult| y.pct_gdp(y.receipts_total_gbp_bn)),
        ),
    ];
    for line in Receipt::ALL {
        r.push((
            format!("  {}", line.label()),
            Box::new(move |y: &YearResult| y.pct_gdp(y.receipt(line))),
        ));
    }
    r.push((
        "Primary spending".into(),
        Box::new(|y: &YearResult| y.pct_gdp(y.primary_spending_gbp_bn)),
    ));
    for line in Spend::ALL {
        r.push((
            format!("  {}", line.label()),
            Box::new(move |y: &YearResult| y.pct_gdp(y.spend(line))),
        ));
    }
    r
}

/// The summary table as text, ending with a newline; warnings (debt
/// leaving its band) follow the table.
pub fn summary(p: &Projection) -> String {
    let years = key_years(p);
    let cols: Vec<&YearResult> = years.iter().filter_map(|y| p.year(*y)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "{}: % of GDP unless stated", p.name);
    let _ = write!(out, "{:<30}", "");
    for c in &cols {
        let _ = write!(out, "{:>9}", c.year.to_string());
    }
    out.push('\n');
    for (label, f) in rows() {
        let _ = write!(out, "{label:<30}");
        for c in &cols {
            let _ = write!(out, "{:>9}", cell(f(c), 1));
        }
        out.push('\n');
    }
    let _ = write!(out, "{:<30}", "PSND (£bn)");
    for c in &cols {
        let _ = write!(out, "{:>9}", cell(c.psnd_gbp_bn, 0));
    }
    out.push('\n');
    out
}

/// A number in at most 8 characters, for a column 9 wide: see [`cell_in`].
pub(crate) fn cell(v: f64, decimals: usize) -> String {
    cell_in(v, decimals, 9)
}

/// A number for a column `width` wide, in at most `width - 1` characters so
/// that columns never run together: fixed-point when it fits, else
/// scientific; "n/a" for a value that is not finite (never NaN).
pub(crate) fn cell_in(v: f64, decimals: usize, width: usize) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let room = width.saturating_sub(1).max(3);
    let fixed = format!("{v:.decimals$}");
    if fixed.len() <= room {
        return fixed;
    }
    let sci = format!("{v:.1e}");
    if sci.len() <= room {
        sci
    } else {
        format!("{v:.0e}")
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |x| cell(x, 2))
}

/// The headline sustainability indicators as text; `gdp_base_gbp_bn`
/// converts % of GDP into £bn in base-year terms.
pub fn sustainability(
    s: &crate::model::indicators::Sustainability,
    gdp_base_gbp_bn: f64,
) -> String {
    let h = &s.headline;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sustainability: permanent change in the primary balance from {} that brings PSND to {:.0} % of GDP in {}",
        h.start_year, h.target_pct_gdp, h.target_year
    );
    let gbp = |v: Option<f64>| {
        v.map_or_else(String::new, |x| {
            format!(
                "  (£{:.0}bn in base-year terms)",
                x / 100.0 * gdp_base_gbp_bn
            )
        })
    };
    let _ = writeln!(
        out,
        "  {:<34}{:>8} % of GDP{}",
        "Fiscal gap, one-off",
        opt(h.fiscal_gap_pct_gdp),
        gbp(h.fiscal_gap_pct_gdp)
    );
    let _ = writeln!(
        out,
        "  {:<34}{:>8} % of GDP a decade",
        "Fiscal gap, staged each decade",
        opt(h.staged_gap_pct_gdp_per_decade)
    );
    let _ = writeln!(
        out,
        "  {:<34}{:>8} % of GDP",
        "S1 (60 % of GDP, EC)",
        opt(h.s1_pct_gdp)
    );
    let _ = writeln!(
        out,
        "  {:<34}{:>8} % of GDP",
        "S1 phased in over 5 years (EC)",
        opt(h.s1_phased_pct_gdp)
    );
    let _ = writeln!(
        out,
        "  {:<34}{:>8} % of GDP  (projection to {})",
        "S2 (intertemporal, EC)",
        opt(h.s2_pct_gdp),
        h.s2_horizon_end
    );
    if let (Some(w), Some(share)) = (
        &s.without_interventions,
        s.share_of_gap_closed_by_interventions,
    ) {
        let what = if share < 0.0 {
            format!("widen the fiscal gap by {:.1} %", -100.0 * share)
        } else {
            format!("close {:.1} % of the fiscal gap", 100.0 * share)
        };
        let _ = writeln!(
            out,
            "  The interventions {what} ({} -> {} % of GDP).",
            opt(w.fiscal_gap_pct_gdp),
            opt(h.fiscal_gap_pct_gdp)
        );
    }
    if !s.share_of_gap_closed_by_each.is_empty() {
        let _ = writeln!(out, "  Share of the gap each closes on its own:");
    }
    for e in &s.share_of_gap_closed_by_each {
        let name: String = e.name.chars().take(48).collect();
        let share = e
            .share_closed
            .map_or_else(|| "n/a".to_string(), |x| format!("{:+.1} %", 100.0 * x));
        let _ = writeln!(out, "    {name:<50}{share:>10}");
    }
    for n in &h.notes {
        let _ = writeln!(out, "  note: {n}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fit_their_column_and_never_show_nan() {
        assert_eq!(cell(94.31, 1), "94.3");
        assert_eq!(cell(f64::NAN, 1), "n/a");
        assert_eq!(cell(f64::INFINITY, 1), "n/a");
        for v in [1.0e8, -1.0e8, 123_456_789.0, -6e305] {
            assert!(cell(v, 1).len() <= 8, "{}", cell(v, 1));
            assert!(cell_in(v, 2, 8).len() <= 7, "{}", cell_in(v, 2, 8));
        }
    }
}
