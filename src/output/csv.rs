//! `projection.csv`: one row a year, every item in £bn and % of GDP, in a
//! tidy layout that pandas, R and Excel read without help.

use crate::model::{Projection, Receipt, Spend, YearResult};

/// A column: header and how to compute it from a year.
pub(crate) type Column = (String, Box<dyn Fn(&YearResult) -> f64>);

/// The numeric columns of `projection.csv`, in order (also read by
/// [`super::frame::projection`]).
pub(crate) fn columns() -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    let mut plain =
        |name: &str, f: fn(&YearResult) -> f64| cols.push((name.to_string(), Box::new(f)));
    plain("population", |y| y.population);
    plain("employment", |y| y.employment);
    plain("state_pension_age_years", |y| y.state_pension_age_years);
    plain("old_age_dependency_per_1000", |y| {
        y.old_age_dependency_per_1000
    });
    plain("real_gdp_growth_pct", |y| y.real_gdp_growth_pct);
    plain("nominal_gdp_growth_pct", |y| y.nominal_gdp_growth_pct);
    plain("earnings_growth_pct", |y| y.earnings_growth_pct);
    plain("cpi_inflation_pct", |y| y.cpi_inflation_pct);
    plain("rpi_inflation_pct", |y| y.rpi_inflation_pct);
    plain("bank_rate_pct", |y| y.bank_rate_pct);
    plain("gilt_rate_pct", |y| y.gilt_rate_pct);
    plain("effective_interest_rate_pct", |y| {
        y.effective_interest_rate_pct
    });
    plain("gdp_gbp_bn", |y| y.gdp_gbp_bn);
    plain("gdp_centred_gbp_bn", |y| y.gdp_centred_gbp_bn);
    let mut flow = |name: &str, f: Box<dyn Fn(&YearResult) -> f64>| {
        let f = std::rc::Rc::new(f);
        let g = f.clone();
        cols.push((format!("{name}_gbp_bn"), Box::new(move |y| f(y))));
        cols.push((
            format!("{name}_pct_gdp"),
            Box::new(move |y| y.pct_gdp(g(y))),
        ));
    };
    for line in Spend::ALL {
        flow(line.key(), Box::new(move |y| y.spend(line)));
    }
    flow("primary_spending", Box::new(|y| y.primary_spending_gbp_bn));
    for line in Receipt::ALL {
        flow(line.key(), Box::new(move |y| y.receipt(line)));
    }
    flow("receipts", Box::new(|y| y.receipts_total_gbp_bn));
    flow("primary_balance", Box::new(|y| y.primary_balance_gbp_bn));
    flow("interest", Box::new(|y| y.interest_gbp_bn));
    flow("other_interest", Box::new(|y| y.other_interest_gbp_bn));
    flow("tme", Box::new(|y| y.tme_gbp_bn()));
    flow("psnb", Box::new(|y| y.psnb_gbp_bn));
    flow("stock_flow_adjustment", Box::new(|y| y.stock_flow_gbp_bn));
    cols.push(("psnd_gbp_bn".into(), Box::new(|y| y.psnd_gbp_bn)));
    cols.push(("psnd_pct_gdp".into(), Box::new(|y| y.psnd_pct_gdp)));
    cols.push((
        "psnd_ex_boe_gbp_bn".into(),
        Box::new(|y| y.psnd_ex_boe_gbp_bn),
    ));
    cols.push((
        "psnd_ex_boe_pct_gdp".into(),
        Box::new(|y| y.psnd_ex_boe_pct_gdp),
    ));
    cols.push(("psnfl_gbp_bn".into(), Box::new(|y| y.psnfl_gbp_bn)));
    cols.push(("psnfl_pct_gdp".into(), Box::new(|y| y.psnfl_pct_gdp)));
    cols.push((
        "student_loans_gbp_bn".into(),
        Box::new(|y| y.student_loans_gbp_bn),
    ));
    cols.push((
        "student_loans_pct_gdp".into(),
        Box::new(|y| 100.0 * y.student_loans_gbp_bn / y.gdp_centred_gbp_bn),
    ));
    cols
}

/// The names of `projection.csv`'s value columns, in order (after
/// `scenario`, `year` and `phase`), and their values for one year: the one
/// vocabulary that `projection.json`'s years use too.
pub(crate) fn named_values(y: &YearResult) -> Vec<(String, f64)> {
    columns().into_iter().map(|(n, f)| (n, f(y))).collect()
}

/// The header of `projection.csv`.
pub fn projection_columns() -> Vec<String> {
    let mut h = vec![
        "scenario".to_string(),
        "year".to_string(),
        "phase".to_string(),
    ];
    h.extend(columns().into_iter().map(|(n, _)| n));
    h
}

/// Format a number for files: fixed decimals so that output is
/// byte-identical across machines.
pub fn num(v: f64) -> String {
    let s = format!("{v:.6}");
    if s == "-0.000000" {
        "0.000000".into()
    } else {
        s
    }
}

/// Neutralise text that a spreadsheet would run as a formula.
pub fn safe_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Write `rows` under `header` as CSV text (LF line ends).
pub fn csv_text<I, R, S>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The projection as CSV text, each column with the decimals its unit
/// needs ([`super::units`]): whole people, £1 million, a thousandth of a
/// per cent.
pub fn projection_csv(p: &Projection) -> String {
    projection_csv_with(p, super::units::format)
}

/// The projection as CSV text with six decimals everywhere: what the golden
/// tests compare, so that they catch changes below the printed precision.
pub fn projection_csv_exact(p: &Projection) -> String {
    projection_csv_with(p, |_, v| num(v))
}

/// Every projection as long ("tidy") CSV: one row per scenario, year and
/// variable, `scenario,year,variable,unit,value`, for pandas, R and
/// spreadsheet pivot tables.
pub fn projection_long_csv(projections: &[&Projection]) -> String {
    let cols = columns();
    let mut rows = Vec::new();
    for p in projections {
        for y in &p.years {
            for (name, f) in &cols {
                let unit = super::units::Unit::of(name);
                rows.push([
                    safe_text(&p.name),
                    y.year.to_string(),
                    name.clone(),
                    unit.key().to_string(),
                    unit.format(f(y)),
                ]);
            }
        }
    }
    csv_text(&["scenario", "year", "variable", "unit", "value"], rows)
}

fn projection_csv_with(p: &Projection, fmt: fn(&str, f64) -> String) -> String {
    let cols = columns();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header = vec![
        "scenario".to_string(),
        "year".to_string(),
        "phase".to_string(),
    ];
    header.extend(cols.iter().map(|(n, _)| n.clone()));
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for y in &p.years {
        let phase = match y.phase {
            crate::model::Phase::Efo => "efo",
            crate::model::Phase::Projection => "projection",
        };
        let mut row = vec![safe_text(&p.name), y.year.to_string(), phase.to_string()];
        row.extend(cols.iter().map(|(n, f)| fmt(n, f(y))));
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
