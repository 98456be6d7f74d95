//! `decomposition.csv` and its terminal table: each year's change in the
//! debt ratio split into primary balance, interest, real growth, inflation
//! and stock-flow contributions, with the debt-stabilising primary balance.

use std::fmt::Write;

use super::csv::safe_text;
use crate::model::indicators::{decompose, DecompositionRow};
use crate::model::Projection;

type Column = (&'static str, fn(&DecompositionRow) -> f64);

const COLUMNS: [Column; 18] = [
    ("psnd_prev_pct_gdp", |r| r.psnd_prev_pct_gdp),
    ("psnd_pct_gdp", |r| r.psnd_pct_gdp),
    ("change_pp", |r| r.change_pp),
    ("primary_balance_pp", |r| r.primary_balance_pp),
    ("interest_pp", |r| r.interest_pp),
    ("real_growth_pp", |r| r.real_growth_pp),
    ("inflation_pp", |r| r.inflation_pp),
    ("stock_flow_pp", |r| r.stock_flow_pp),
    ("interest_growth_differential_pp", |r| {
        r.interest_growth_differential_pp
    }),
    ("effective_interest_rate_pct", |r| {
        r.effective_interest_rate_pct
    }),
    ("centred_gdp_growth_pct", |r| r.centred_gdp_growth_pct),
    ("real_growth_pct", |r| r.real_growth_pct),
    ("inflation_pct", |r| r.inflation_pct),
    ("primary_balance_pct_gdp", |r| r.primary_balance_pct_gdp),
    ("debt_stabilising_primary_balance_gbp_bn", |r| {
        r.debt_stabilising_primary_balance_gbp_bn
    }),
    ("debt_stabilising_primary_balance_pct_gdp", |r| {
        r.debt_stabilising_primary_balance_pct_gdp
    }),
    ("stabilising_gap_pct_gdp", |r| r.stabilising_gap_pct_gdp),
    ("residual_pp", |r| r.change_pp - r.sum_pp()),
];

/// The decomposition of `p` as CSV text, one row a year.
pub fn decomposition_csv(p: &Projection) -> Result<String, crate::Error> {
    let rows = decompose(p)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header = vec!["scenario".to_string(), "year".to_string()];
    header.extend(COLUMNS.iter().map(|(n, _)| n.to_string()));
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for r in &rows {
        let mut row = vec![safe_text(&p.name), r.year.to_string()];
        row.extend(COLUMNS.iter().map(|(n, f)| super::units::format(n, f(r))));
        let _ = w.write_record(&row);
    }
    Ok(String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default())
}

/// The decomposition as a terminal table, every year.
pub fn decomposition_table(p: &Projection) -> Result<String, crate::Error> {
    let rows = decompose(p)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: change in PSND (% of GDP) by source, pp; balances % of GDP",
        p.name
    );
    let _ = writeln!(
        out,
        "{:<9}{:>8}{:>8}{:>9}{:>9}{:>9}{:>9}{:>8}{:>9}{:>9}",
        "year", "PSND", "change", "primary", "interest", "real gr", "inflat", "SFA", "PB", "PB*"
    );
    use super::table::cell_in;
    for r in &rows {
        let _ = writeln!(
            out,
            "{:<9}{:>8}{:>8}{:>9}{:>9}{:>9}{:>9}{:>8}{:>9}{:>9}",
            r.year.to_string(),
            cell_in(r.psnd_pct_gdp, 1, 8),
            cell_in(r.change_pp, 2, 8),
            cell_in(r.primary_balance_pp, 2, 9),
            cell_in(r.interest_pp, 2, 9),
            cell_in(r.real_growth_pp, 2, 9),
            cell_in(r.inflation_pp, 2, 9),
            cell_in(r.stock_flow_pp, 2, 8),
            cell_in(r.primary_balance_pct_gdp, 2, 9),
            cell_in(r.debt_stabilising_primary_balance_pct_gdp, 2, 9),
        );
    }
    let _ = writeln!(
        out,
        "PB* is the debt-stabilising primary balance: the balance that would have held PSND/GDP at last year's level."
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_a_year_with_a_zero_residual() {
        let s = crate::scenario::Scenario::default_scenario().unwrap();
        let d = s.dataset().unwrap();
        let p = crate::model::project(&s.assumptions, &d).unwrap();
        let text = decomposition_csv(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), p.years.len() + 1);
        assert!(lines[0].starts_with("scenario,year,psnd_prev_pct_gdp"));
        for l in &lines[1..] {
            assert!(l.ends_with(",0.000"), "{l}");
        }
        let t = decomposition_table(&p).unwrap();
        assert_eq!(t.lines().count(), p.years.len() + 3);
    }
}
