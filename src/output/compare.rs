//! Side-by-side comparison of several projections: key years of each and the
//! differences from the first (the reference).

use std::fmt::Write;

use super::csv::{num, safe_text};
use super::table::key_years;
use super::units;
use crate::model::{Projection, YearResult};

/// A compared measure: label, file column, and how to read it from a year.
pub(crate) type Measure = (&'static str, &'static str, fn(&YearResult) -> f64);

/// The measures compared.
pub(crate) const MEASURES: &[Measure] = &[
    ("PSND (% of GDP)", "psnd_pct_gdp", |y| y.psnd_pct_gdp),
    ("PSNB (% of GDP)", "psnb_pct_gdp", |y| {
        y.pct_gdp(y.psnb_gbp_bn)
    }),
    (
        "Primary balance (% of GDP)",
        "primary_balance_pct_gdp",
        |y| y.pct_gdp(y.primary_balance_gbp_bn),
    ),
    ("Debt interest (% of GDP)", "interest_pct_gdp", |y| {
        y.pct_gdp(y.interest_gbp_bn)
    }),
    ("Receipts (% of GDP)", "receipts_pct_gdp", |y| {
        y.pct_gdp(y.receipts_total_gbp_bn)
    }),
    (
        "Primary spending (% of GDP)",
        "primary_spending_pct_gdp",
        |y| y.pct_gdp(y.primary_spending_gbp_bn),
    ),
];

/// Width of the scenario column of the terminal tables.
const LABEL_CHARS: usize = 38;

/// The scenarios' labels for a table column of [`LABEL_CHARS`]: a long
/// name is cut with `…`, and labels that would read the same (two names
/// cut to one text, or one name twice) end in their scenario's position,
/// `(2)`, so every row can be told apart.
pub(crate) fn labels(names: &[&str]) -> Vec<String> {
    let cut = |name: &str, width: usize| -> String {
        if name.chars().count() <= width {
            name.to_string()
        } else {
            let mut s: String = name.chars().take(width.saturating_sub(1)).collect();
            s.push('…');
            s
        }
    };
    let plain: Vec<String> = names.iter().map(|n| cut(n, LABEL_CHARS)).collect();
    plain
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if plain.iter().filter(|o| *o == l).count() > 1 {
                let suffix = format!(" ({})", i + 1);
                let base = names.get(i).copied().unwrap_or_default();
                format!(
                    "{}{suffix}",
                    cut(base, LABEL_CHARS - suffix.chars().count())
                )
            } else {
                l.clone()
            }
        })
        .collect()
}

/// The comparison as a terminal table.
pub fn table(projections: &[&Projection]) -> String {
    let names: Vec<&str> = projections.iter().map(|p| p.name.as_str()).collect();
    let labels = labels(&names);
    let mut out = String::new();
    let Some(reference) = projections.first() else {
        return out;
    };
    let years = key_years(reference);
    for (label, _, f) in MEASURES {
        let _ = writeln!(out, "{label}");
        let _ = write!(out, "  {:<38}", "");
        for y in &years {
            let _ = write!(out, "{:>9}", y.to_string());
        }
        out.push('\n');
        for ((i, p), name) in projections.iter().enumerate().zip(&labels) {
            let _ = write!(out, "  {name:<38}");
            for y in &years {
                let v = p.year(*y).map(f).unwrap_or(f64::NAN);
                let _ = write!(out, "{:>9}", super::table::cell(v, 1));
            }
            out.push('\n');
            if i > 0 {
                let _ = write!(out, "  {:<38}", "    difference");
                for y in &years {
                    let d = p.year(*y).map(f).unwrap_or(f64::NAN)
                        - reference.year(*y).map(f).unwrap_or(f64::NAN);
                    let _ = write!(out, "{d:>+9.1}");
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

/// Every year of every projection, with differences from the first, as CSV.
pub fn csv(projections: &[&Projection]) -> String {
    let mut s = String::from("scenario,year");
    for (_, col, _) in MEASURES {
        let _ = write!(s, ",{col},{col}_difference");
    }
    s.push('\n');
    let Some(reference) = projections.first() else {
        return s;
    };
    for p in projections {
        let name = safe_text(&p.name).replace('"', "\"\"");
        for y in &p.years {
            let _ = write!(s, "\"{name}\",{}", y.year);
            for (_, col, f) in MEASURES {
                let r = reference.year(y.year).map(f);
                let v = f(y);
                let _ = write!(
                    s,
                    ",{},{}",
                    units::format(col, v),
                    r.map(|r| units::Unit::Pp.format(v - r)).unwrap_or_default()
                );
            }
            s.push('\n');
        }
    }
    s
}

fn cell(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |x| format!("{x:.2}"))
}

/// The headline indicators of each scenario, side by side.
pub fn indicators_table(
    projections: &[&Projection],
    indicators: &[crate::model::indicators::Headline],
) -> String {
    let mut out = String::new();
    let Some(first) = indicators.first() else {
        return out;
    };
    let _ = writeln!(
        out,
        "Sustainability (% of GDP): PSND to {:.0} % in {}, adjustment from {}",
        first.target_pct_gdp, first.target_year, first.start_year
    );
    let _ = writeln!(
        out,
        "  {:<38}{:>10}{:>12}{:>8}{:>8}",
        "", "gap", "per decade", "S1", "S2"
    );
    let names: Vec<&str> = projections.iter().map(|p| p.name.as_str()).collect();
    for (name, h) in labels(&names).iter().zip(indicators) {
        let _ = writeln!(
            out,
            "  {name:<38}{:>10}{:>12}{:>8}{:>8}",
            cell(h.fiscal_gap_pct_gdp),
            cell(h.staged_gap_pct_gdp_per_decade),
            cell(h.s1_pct_gdp),
            cell(h.s2_pct_gdp)
        );
    }
    out
}

/// The headline indicators of each scenario as CSV.
pub fn indicators_csv(
    projections: &[&Projection],
    indicators: &[crate::model::indicators::Headline],
) -> String {
    let mut s = String::from("scenario,target_pct_gdp,target_year,start_year,fiscal_gap_pct_gdp,staged_gap_pct_gdp_per_decade,s1_pct_gdp,s2_pct_gdp\n");
    let o = |v: Option<f64>| v.map(num).unwrap_or_default();
    for (p, h) in projections.iter().zip(indicators) {
        let name = safe_text(&p.name).replace('"', "\"\"");
        let _ = writeln!(
            s,
            "\"{name}\",{},{},{},{},{},{},{}",
            num(h.target_pct_gdp),
            h.target_year,
            h.start_year,
            o(h.fiscal_gap_pct_gdp),
            o(h.staged_gap_pct_gdp_per_decade),
            o(h.s1_pct_gdp),
            o(h.s2_pct_gdp)
        );
    }
    s
}

#[cfg(test)]
mod label_tests {
    use super::labels;

    #[test]
    fn labels_cut_to_one_text_are_told_apart() {
        let a = format!("{}A", "x".repeat(40));
        let b = format!("{}B", "x".repeat(40));
        let l = labels(&[&a, &b, "short", "short"]);
        assert_ne!(l[0], l[1]);
        assert!(l.iter().all(|s| s.chars().count() <= 38), "{l:?}");
        assert_eq!(l[2], "short (3)");
        assert_eq!(l[3], "short (4)");
        assert_eq!(labels(&["one", "two"]), vec!["one", "two"]);
    }
}
