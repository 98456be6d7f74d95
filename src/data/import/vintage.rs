//! Forecast vintages from the official tables: any OBR EFO aggregates table
//! in the public-ledger format (as `shared/data/obr/efo2026/`), optionally
//! with databank outturn for earlier years, and the 2016-17 outturn vintage
//! that the FSR 2017 case starts from. Output is the long
//! `series,year,value,unit` table that [`crate::data::vintage`] loads.

use std::path::Path;

use super::ledger::{self, SeriesRows};
use super::source::{Headed, SourceCsv};
use super::ImportError;
use crate::data::vintage::REQUIRED;
use crate::years::FiscalYear;

/// Source files of the 2016-17 outturn vintage, relative to the shared directory.
pub mod paths {
    /// OBR historical public finances database, tidy aggregates.
    pub const HPFD: &str = "data/obr/historical/obr_hpfd_aggregates_1700-01_to_2022-23.csv";
    /// OBR public finances 1800-2023: receipts, spending by function, aggregates.
    pub const HPFD_DETAIL: &str =
        "data/obr/historical/obr_public_finances_1800-2023_receipts_spending_aggregates.csv";
    /// DWP benefit expenditure: State Pension.
    pub const DWP_STATE_PENSION: &str = "data/dwp/dwp_state_pension_caseload_spending_2026.csv";
}

/// Check that `rows` (read from `path`) carry every required series.
pub fn check_required(path: &Path, rows: &SeriesRows) -> Result<(), ImportError> {
    for s in REQUIRED {
        if !rows.keys().any(|(k, _)| k == s) {
            return Err(ImportError::invalid(
                path,
                0,
                format!(
                    "the vintage table has no series `{s}`: an EFO aggregates table needs {}",
                    REQUIRED.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// A vintage from an EFO aggregates table `efo` and, optionally, a databank
/// `outturn` table whose years before the EFO's first year are added.
pub fn from_efo(efo: &Path, outturn: Option<&Path>) -> Result<SeriesRows, ImportError> {
    let mut rows = ledger::read(efo)?;
    check_required(efo, &rows)?;
    if let Some(o) = outturn {
        let first = rows.keys().map(|(_, y)| *y).min();
        for ((s, y), v) in ledger::read(o)? {
            let s = if s == "macro.nominal_gdp_centred" {
                "macro.nominal_gdp_centred_end_march".to_string()
            } else {
                s
            };
            if first.is_some_and(|f| y < f) {
                rows.entry((s, y)).or_insert(v);
            }
        }
    }
    Ok(rows)
}

/// Columns of the 1800-2023 detail table used, by the start of their header
/// (the headers carry footnote numbers), and the series they give.
const DETAIL_RECEIPTS: &[(&str, Option<&str>)] = &[
    ("Income tax", Some("receipts.income_tax")),
    ("National Insurance", Some("receipts.nics")),
    ("Capital Gains", None),
    ("Death duties", None),
    ("Business rates", None),
    ("Corporation tax", None),
    ("Petroleum Revenue", None),
    ("Petroleum royalties", None),
    ("Gas Levy", None),
    ("Energy profits", None),
    ("Land and Assessed", None),
    ("Other business taxes", None),
    ("VAT", Some("receipts.vat")),
    ("Custom and excise", None),
    ("Stamp duties", None),
    ("License fee", None),
    ("Other Central Government Receipts", None),
    ("Council Tax", None),
    ("Other public sector taxes", None),
];

/// One fiscal year's row of the 1800-2023 detail table: (header, value £m).
fn detail_row(shared: &Path, year: FiscalYear) -> Result<Vec<(String, f64)>, ImportError> {
    let path = shared.join(paths::HPFD_DETAIL);
    let src = SourceCsv::read(&path)?;
    let header = src
        .records
        .iter()
        .find(|(_, r)| r.iter().any(|c| c.starts_with("Income tax")))
        .ok_or_else(|| ImportError::invalid(&path, 0, "no header row naming `Income tax`"))?;
    let (line, row) = src
        .records
        .iter()
        .find(|(_, r)| r.first().is_some_and(|c| *c == year.to_string()))
        .ok_or_else(|| ImportError::invalid(&path, 0, format!("no row for {year}")))?;
    let mut out = Vec::new();
    for (i, h) in header.1.iter().enumerate().take(32).skip(1) {
        let cell = Headed::cell(row, i);
        let v = if cell == "-" {
            0.0
        } else {
            super::source::parse_number(&path, *line, h, cell)?
        };
        out.push((h.clone(), v));
    }
    Ok(out)
}

fn pick(detail: &[(String, f64)], start: &str, path: &Path) -> Result<f64, ImportError> {
    detail
        .iter()
        .find(|(h, _)| h.starts_with(start))
        .map(|(_, v)| *v)
        .ok_or_else(|| ImportError::invalid(path, 0, format!("no column starting `{start}`")))
}

/// The 2016-17 outturn vintage (2015-16 for the opening debt): aggregates
/// from the OBR historical database, receipts and spending by function from
/// its 1800-2023 detail table, the State Pension from DWP. See
/// `data/SOURCES.md` for the definitions and their limits.
pub fn outturn_2016_17(shared: &Path) -> Result<SeriesRows, ImportError> {
    let mut rows = SeriesRows::new();
    let path = shared.join(paths::HPFD);
    let years = [FiscalYear(2015), FiscalYear(2016)];
    let (gdp, psnb) = outturn_aggregates(&path, years, &mut rows)?;
    for (k, y) in years.into_iter().enumerate() {
        outturn_by_function(shared, y, gdp[k], psnb[k], &mut rows)?;
    }
    check_required(&path, &rows)?;
    Ok(rows)
}

/// Record series `s` in year `y`.
fn put(rows: &mut SeriesRows, s: &str, y: FiscalYear, v: f64, unit: &str) {
    rows.insert((s.to_string(), y), (v, unit.to_string()));
}

/// Borrowing, debt, GDP and debt interest in `years` from the historical
/// database at `path`; returns each year's GDP and PSNB, £bn.
fn outturn_aggregates(
    path: &Path,
    years: [FiscalYear; 2],
    rows: &mut SeriesRows,
) -> Result<([f64; 2], [f64; 2]), ImportError> {
    let src = SourceCsv::read(path)?;
    let t = src.with_header()?;
    let cy = t.column("fiscal_year")?;
    let mut gdp = [0.0; 2];
    let mut psnb = [0.0; 2];
    for (line, row) in t.rows {
        let Some(k) = years
            .iter()
            .position(|y| y.to_string() == Headed::cell(row, cy))
        else {
            continue;
        };
        let y = years[k];
        let num = |c: &str| -> Result<f64, ImportError> { t.number(*line, row, t.column(c)?, c) };
        gdp[k] = num("nominal_gdp_gbp_m")? / 1e3;
        psnb[k] = num("psnb_gbp_m")? / 1e3;
        put(rows, "fiscal.psnb", y, psnb[k], "gbp_bn");
        put(rows, "fiscal.psnd", y, num("psnd_gbp_m")? / 1e3, "gbp_bn");
        put(
            rows,
            "fiscal.psnd_pct_gdp",
            y,
            num("psnd_pct_gdp")?,
            "pct_gdp",
        );
        put(rows, "macro.nominal_gdp", y, gdp[k], "gbp_bn");
        let centred = num("nominal_gdp_march_centred_gbp_m")? / 1e3;
        put(
            rows,
            "macro.nominal_gdp_centred_end_march",
            y,
            centred,
            "gbp_bn",
        );
        let interest = num("debt_interest_pct_gdp")? * gdp[k] / 100.0;
        put(rows, "spending.debt_interest", y, interest, "gbp_bn");
    }
    if gdp.contains(&0.0) {
        return Err(ImportError::invalid(
            path,
            0,
            "no rows for 2015-16 and 2016-17",
        ));
    }
    Ok((gdp, psnb))
}

/// Receipts by type, TME and the age-related spending shares in year `y`
/// from the detail table (`gdp` and `psnb` of that year, £bn).
fn outturn_by_function(
    shared: &Path,
    y: FiscalYear,
    gdp: f64,
    psnb: f64,
    rows: &mut SeriesRows,
) -> Result<(), ImportError> {
    let detail_path = shared.join(paths::HPFD_DETAIL);
    let d = detail_row(shared, y)?;
    let mut total = 0.0;
    for (start, series) in DETAIL_RECEIPTS {
        let v = pick(&d, start, &detail_path)? / 1e3;
        total += v;
        if let Some(s) = series {
            put(rows, s, y, v, "gbp_bn");
        }
    }
    put(rows, "receipts.total", y, total, "gbp_bn");
    // TME is receipts plus borrowing (the identity every EFO table keeps).
    put(rows, "spending.tme", y, total + psnb, "gbp_bn");
    let share = |v: f64| 100.0 * v / 1e3 / gdp;
    put(
        rows,
        "frs.age_related.health",
        y,
        share(pick(&d, "Health", &detail_path)?),
        "pct_gdp",
    );
    put(
        rows,
        "frs.age_related.education",
        y,
        share(pick(&d, "Education", &detail_path)?),
        "pct_gdp",
    );
    let social_security = pick(&d, "Social Security", &detail_path)?;
    let sp = state_pension_gbp_bn(shared, y)?;
    put(
        rows,
        "frs.age_related.state_pension",
        y,
        100.0 * sp / gdp,
        "pct_gdp",
    );
    put(
        rows,
        "frs.age_related.other_welfare",
        y,
        share(social_security) - 100.0 * sp / gdp,
        "pct_gdp",
    );
    Ok(())
}

/// (line key, % of GDP) for some of the age-related lines.
pub type Shares = Vec<(&'static str, f64)>;

/// The shares of GDP of the age-related lines that outturn by function
/// gives a forecast vintage whose first year is `first` (its latest
/// estimated outturn): health, education, the State Pension and other
/// welfare (social security less the State Pension) in year `b`, the first
/// year or, when the historical database's detail table ends before it, the
/// table's last year. The cash outturn (£bn, as later revised) is taken over
/// the vintage's own GDP for `b` (`vintage_gdp`), the GDP the forecasters
/// then saw, when the vintage holds `b`, else over the database's GDP.
/// Returns `b` and (line key, % of GDP) for the four lines; adult social
/// care and public service pensions are not in these tables.
pub fn outturn_shares(
    shared: &Path,
    first: FiscalYear,
    vintage_gdp: &dyn Fn(FiscalYear) -> Option<f64>,
) -> Result<(FiscalYear, Shares), ImportError> {
    let detail_path = shared.join(paths::HPFD_DETAIL);
    let mut b = first;
    let d = loop {
        match detail_row(shared, b) {
            Ok(d) => break d,
            Err(_) if first.start() - b.start() < 10 => b = b.prev(),
            Err(e) => return Err(e),
        }
    };
    let gdp = match vintage_gdp(b) {
        Some(g) => g,
        None => hpfd_gdp_gbp_bn(shared, b)?,
    };
    let share = |gbp_m: f64| 100.0 * gbp_m / 1e3 / gdp;
    let sp = state_pension_gbp_bn(shared, b)?;
    let social_security = pick(&d, "Social Security", &detail_path)?;
    Ok((
        b,
        vec![
            ("health", share(pick(&d, "Health", &detail_path)?)),
            ("education", share(pick(&d, "Education", &detail_path)?)),
            ("state_pension", 100.0 * sp / gdp),
            ("other_welfare", share(social_security) - 100.0 * sp / gdp),
        ],
    ))
}

/// Nominal GDP in year `y` from the historical database's aggregates, £bn.
fn hpfd_gdp_gbp_bn(shared: &Path, y: FiscalYear) -> Result<f64, ImportError> {
    let path = shared.join(paths::HPFD);
    let src = SourceCsv::read(&path)?;
    let t = src.with_header()?;
    let cy = t.column("fiscal_year")?;
    let cg = t.column("nominal_gdp_gbp_m")?;
    for (line, row) in t.rows {
        if Headed::cell(row, cy) == y.to_string() {
            return Ok(t.number(*line, row, cg, "nominal_gdp_gbp_m")? / 1e3);
        }
    }
    Err(ImportError::invalid(&path, 0, format!("no row for {y}")))
}

/// DWP State Pension expenditure in year `y`, £bn.
fn state_pension_gbp_bn(shared: &Path, y: FiscalYear) -> Result<f64, ImportError> {
    let path = shared.join(paths::DWP_STATE_PENSION);
    let rows = ledger::read(&path)?;
    rows.get(&("spending.state_pension".to_string(), y))
        .map(|(v, _)| *v)
        .ok_or_else(|| {
            ImportError::invalid(&path, 0, format!("no `spending.state_pension` row for {y}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_without_a_required_series_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("efo.csv");
        std::fs::write(
            &p,
            "series_id,period,geography,value,unit,kind,source_id,vintage,quality,method_note\nfiscal.psnb,2030-31,UK,1,gbp_bn,forecast,x,y,z,\n",
        )
        .unwrap();
        let e = from_efo(&p, None).unwrap_err().to_string();
        assert!(e.contains("efo.csv") && e.contains("`fiscal.psnd`"), "{e}");
    }
}
