//! UK Debt Management Office "Gilts in issue" report (CSV export of the DMO
//! spreadsheet): sections for conventional gilts and for index-linked gilts
//! with 3-month and 8-month indexation lags. Dates are Excel serial numbers;
//! coupons are read from the gilt names ("4 1/8% Treasury Gilt 2027", "3½% ...").

use std::path::Path;

use super::source::{fmt_num, parse_number, Headed, SourceCsv};
use super::ImportError;

/// One gilt as written to `gilts_dmo_*.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GiltRow {
    /// DMO name.
    pub name: String,
    /// `conventional` or `index_linked`.
    pub kind: &'static str,
    /// Coupon, percent.
    pub coupon_pct: f64,
    /// Redemption date, YYYY-MM-DD.
    pub redemption_date: String,
    /// Nominal amount in issue, £ million.
    pub nominal_gbp_m: f64,
    /// Amount including inflation uplift (= nominal for conventionals), £ million.
    pub uplifted_gbp_m: f64,
}

/// Column positions of one section, found from its header row.
#[derive(Debug, Clone, Copy)]
struct Section {
    kind: &'static str,
    date: usize,
    nominal: usize,
    uplifted: Option<usize>,
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn section_of(row: &[String]) -> Option<Section> {
    let first = squash(Headed::cell(row, 0));
    let kind = if first.starts_with("conventional gilts") {
        "conventional"
    } else if first.starts_with("index-linked gilts") {
        "index_linked"
    } else {
        return None;
    };
    let heads: Vec<String> = row.iter().map(|c| squash(c)).collect();
    let date = heads.iter().position(|h| h.starts_with("redemption"))?;
    let nominal = heads
        .iter()
        .position(|h| h.contains("in issue") && !h.contains("uplift"))?;
    let uplifted = heads.iter().position(|h| h.contains("uplift"));
    Some(Section {
        kind,
        date,
        nominal,
        uplifted,
    })
}

/// Coupon in percent from a gilt name such as `0 5/8% Treasury Gilt 2025` or `3½% ...`.
pub fn coupon_from_name(name: &str) -> Option<f64> {
    let head = name.split('%').next()?;
    if head.len() == name.len() {
        return None;
    }
    let head = head
        .replace('½', " 1/2")
        .replace('¼', " 1/4")
        .replace('¾', " 3/4");
    let mut total = 0.0;
    let mut any = false;
    for tok in head.split_whitespace() {
        if let Some((a, b)) = tok.split_once('/') {
            let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
            if b == 0.0 {
                return None;
            }
            total += a / b;
        } else {
            total += tok.parse::<f64>().ok()?;
        }
        any = true;
    }
    any.then_some(total)
}

/// The civil date of an Excel serial day number (1900 date system).
pub fn excel_serial_to_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01; Excel day 25569 is 1970-01-01.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Read the DMO CSV.
pub fn read(path: &Path) -> Result<Vec<GiltRow>, ImportError> {
    parse(&SourceCsv::read(path)?)
}

/// Parse an already-read DMO CSV.
pub fn parse(src: &SourceCsv) -> Result<Vec<GiltRow>, ImportError> {
    let path = &src.path;
    let mut section: Option<Section> = None;
    let mut stated_total_bn: Option<f64> = None;
    let mut gilts = Vec::new();
    for (line, row) in &src.records {
        let first = Headed::cell(row, 0);
        if let Some(s) = section_of(row) {
            section = Some(s);
            continue;
        }
        if first.starts_with("Total Amount Outstanding") {
            stated_total_bn = stated_total(first);
            continue;
        }
        let isin = Headed::cell(row, 1);
        let is_gilt = isin.len() == 12 && isin.starts_with("GB");
        if !is_gilt {
            continue; // titles, notes, page footers
        }
        gilts.push(gilt_row(path, *line, row, section)?);
    }
    if gilts.is_empty() {
        return Err(ImportError::invalid(
            path,
            0,
            "no gilt rows found (rows need an ISIN like GB00...)",
        ));
    }
    if let Some(stated) = stated_total_bn {
        check_total(path, &gilts, stated)?;
    }
    // Stable order: conventionals then index-linked, each by redemption date.
    gilts.sort_by(|a, b| {
        (a.kind, &a.redemption_date, &a.name).cmp(&(b.kind, &b.redemption_date, &b.name))
    });
    Ok(gilts)
}

/// The £bn in "Total Amount Outstanding ... = £2,635.62 billion nominal",
/// used as a check on the rows read.
fn stated_total(cell: &str) -> Option<f64> {
    cell.split('£')
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|t| t.replace(',', "").parse().ok())
}

/// One gilt's row, read by the columns of its `section`.
fn gilt_row(
    path: &Path,
    line: usize,
    row: &[String],
    section: Option<Section>,
) -> Result<GiltRow, ImportError> {
    let first = Headed::cell(row, 0);
    let sec = section.ok_or_else(|| {
        ImportError::invalid(
            path,
            line,
            "gilt row before any section header (`Conventional Gilts` / `Index-linked Gilts`)",
        )
    })?;
    let coupon_pct = coupon_from_name(first).ok_or_else(|| {
            ImportError::invalid(path, line, format!("cannot read a coupon from the name `{first}` (expected like `4 1/8% Treasury Gilt 2027`)"))
        })?;
    let date_cell = Headed::cell(row, sec.date);
    let redemption_date = parse_number(path, line, "Redemption Date", date_cell)
            .ok()
            .and_then(excel_serial_to_date)
            .or_else(|| super::super::gilts::fiscal_year_of_date(date_cell).map(|_| date_cell.to_string()))
            .ok_or_else(|| ImportError::invalid(path, line, format!("column `Redemption Date`: `{date_cell}` is neither an Excel day number nor YYYY-MM-DD")))?;
    let nominal_gbp_m = parse_number(
        path,
        line,
        "Total Amount in Issue",
        Headed::cell(row, sec.nominal),
    )?;
    let uplifted_gbp_m = match (sec.kind, sec.uplifted) {
        ("index_linked", Some(c)) => parse_number(
            path,
            line,
            "Total Amount Including Index-linked Uplift",
            Headed::cell(row, c),
        )?,
        ("index_linked", None) => {
            return Err(ImportError::invalid(
                path,
                line,
                "index-linked section without an uplifted-amount column",
            ));
        }
        _ => nominal_gbp_m,
    };
    if nominal_gbp_m < 0.0 || uplifted_gbp_m < 0.0 {
        return Err(ImportError::invalid(path, line, "negative amount in issue"));
    }
    Ok(GiltRow {
        name: first.to_string(),
        kind: sec.kind,
        coupon_pct,
        redemption_date,
        nominal_gbp_m,
        uplifted_gbp_m,
    })
}

/// An error when the gilts read do not add up to the `stated` total (£bn,
/// within 1 %): a section was probably missed.
fn check_total(path: &Path, gilts: &[GiltRow], stated: f64) -> Result<(), ImportError> {
    let total: f64 = gilts.iter().map(|g| g.uplifted_gbp_m).sum::<f64>() / 1000.0;
    if (total - stated).abs() > 0.01 * stated.max(1.0) {
        return Err(ImportError::invalid(
            path,
            0,
            format!("gilts add up to £{total:.2}bn but the report states £{stated:.2}bn: a section was probably not recognised"),
        ));
    }
    Ok(())
}

/// The output table.
pub fn to_csv(gilts: &[GiltRow]) -> (String, usize) {
    let mut out =
        String::from("name,kind,coupon_pct,redemption_date,nominal_gbp_m,uplifted_gbp_m\n");
    for g in gilts {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            super::source::quote(&g.name),
            g.kind,
            fmt_num(g.coupon_pct),
            g.redemption_date,
            fmt_num(g.nominal_gbp_m),
            fmt_num(g.uplifted_gbp_m)
        ));
    }
    (out, gilts.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::fixture;
    use crate::data::{GiltKind, GiltTable};

    #[test]
    fn coupons_and_dates() {
        assert_eq!(coupon_from_name("0 5/8% Treasury Gilt 2025"), Some(0.625));
        assert_eq!(coupon_from_name("3½% Treasury Gilt 2025"), Some(3.5));
        assert_eq!(
            coupon_from_name("0¾% Index-linked Treasury Gilt 2033"),
            Some(0.75)
        );
        assert_eq!(coupon_from_name("Treasury Gilt"), None);
        assert_eq!(excel_serial_to_date(45815.0).as_deref(), Some("2025-06-07"));
        assert_eq!(excel_serial_to_date(25569.0).as_deref(), Some("1970-01-01"));
    }

    #[test]
    fn reads_sections_and_round_trips() {
        let g = read(&fixture("dmo_gilts.csv")).unwrap();
        assert_eq!(g.len(), 3);
        let (text, _) = to_csv(&g);
        let t = GiltTable::parse("out", &text).unwrap();
        assert!((t.total_gbp_bn(GiltKind::Conventional) - 84.965874).abs() < 1e-9);
        assert!((t.total_gbp_bn(GiltKind::IndexLinked) - 13.885863).abs() < 1e-6);
    }

    #[test]
    fn bad_gilt_rows_are_reported() {
        let e = read(&fixture("dmo_gilts_bad_amount.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("dmo_gilts_bad_amount.csv:7") && e.contains("not a number"),
            "{e}"
        );
    }
}
