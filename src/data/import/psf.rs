//! Student loans from the ONS public sector finances time series (PUSF,
//! the full CSV dataset): the public sector's student-loan asset and its
//! revaluations, by fiscal year, for the stock-flow model of
//! [`crate::model::debt::StudentLoanBook`].
//!
//! - `psf.student_loans_asset`: CDID J6GI ("Other long-term loans; of which
//!   student loans", AF.424), the level at end-March (the `YYYY Q1` row),
//!   £bn. Since the ONS's 2019 reclassification this is the *loan* part of
//!   the book (what is expected to be repaid), the part PSNFL nets and PSND
//!   does not.
//! - `psf.student_loans_revaluations`: CDID CT9G (K.7 nominal holding gains
//!   and losses on the student-loan stock), summed over the four quarters of
//!   the fiscal year (Q2..Q4 of its first calendar year and Q1 of the next),
//!   £bn. Revaluations change the asset without any cash, so the financial
//!   transaction in a year is the change in the asset less them.

use std::collections::BTreeMap;
use std::path::Path;

use super::ledger::SeriesRows;
use super::source::{parse_number, Headed, SourceCsv};
use super::ImportError;
use crate::years::FiscalYear;

/// The PUSF time series, relative to the shared directory.
pub const PATH: &str = "data/ons/psf/ons_pusf_public_sector_finances_timeseries_2025-12-19.csv";

/// CDID of the student-loan asset level.
const ASSET_CDID: &str = "J6GI";
/// CDID of the student-loan stock revaluations.
const REVALUATION_CDID: &str = "CT9G";

/// Quarterly values of one CDID, keyed by (calendar year, quarter).
type Quarterly = BTreeMap<(i32, u8), f64>;

/// The student-loan series for every fiscal year with four quarters of
/// revaluations and an end-March level.
pub fn student_loans(shared: &Path) -> Result<SeriesRows, ImportError> {
    let path = shared.join(PATH);
    let src = SourceCsv::read(&path)?;
    let asset = quarterly(&src, ASSET_CDID)?;
    let reval = quarterly(&src, REVALUATION_CDID)?;
    let mut rows = SeriesRows::new();
    for (&(cal, q), &level) in &asset {
        if q != 1 {
            continue;
        }
        let fy = FiscalYear(cal - 1);
        let quarters = [(cal - 1, 2), (cal - 1, 3), (cal - 1, 4), (cal, 1)];
        let sum: Option<f64> = quarters.iter().map(|k| reval.get(k)).sum();
        let Some(sum) = sum else {
            continue;
        };
        rows.insert(
            ("psf.student_loans_asset".into(), fy),
            (level / 1e3, "gbp_bn".into()),
        );
        rows.insert(
            ("psf.student_loans_revaluations".into(), fy),
            (sum / 1e3, "gbp_bn".into()),
        );
    }
    if rows.is_empty() {
        return Err(ImportError::invalid(
            &path,
            0,
            format!("no fiscal year has both {ASSET_CDID} at end-March and four quarters of {REVALUATION_CDID}: re-download the PUSF dataset"),
        ));
    }
    Ok(rows)
}

/// The quarterly values (`YYYY Qn` rows, £m) of column `cdid`; blank cells
/// are skipped.
fn quarterly(src: &SourceCsv, cdid: &str) -> Result<Quarterly, ImportError> {
    let (cdid_line, cdids) = src
        .records
        .iter()
        .find(|(_, r)| r.first().map(String::as_str) == Some("CDID"))
        .ok_or_else(|| {
            ImportError::invalid(
                &src.path,
                0,
                "no `CDID` row: use the ONS PUSF time-series CSV",
            )
        })?;
    let col = cdids.iter().position(|c| c == cdid).ok_or_else(|| {
        ImportError::invalid(
            &src.path,
            *cdid_line,
            format!("series {cdid} not found in the CDID row: use the full PUSF dataset"),
        )
    })?;
    let mut out = Quarterly::new();
    for (line, row) in &src.records {
        let Some((year, quarter)) = row.first().and_then(|l| parse_quarter(l)) else {
            continue;
        };
        let cell = Headed::cell(row, col);
        if cell.is_empty() {
            continue;
        }
        out.insert((year, quarter), parse_number(&src.path, *line, cdid, cell)?);
    }
    Ok(out)
}

/// `"2024 Q1"` → `(2024, 1)`.
fn parse_quarter(label: &str) -> Option<(i32, u8)> {
    let (y, q) = label.split_once(" Q")?;
    let q: u8 = q.parse().ok()?;
    ((1..=4).contains(&q)).then_some(())?;
    Some((y.parse().ok()?, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = "\"Title\",\"a\",\"b\"\n\"CDID\",\"J6GI\",\"CT9G\"\n\"2023 Q1\",\"100\",\"1\"\n\"2023 Q2\",\"110\",\"2\"\n\"2023 Q3\",\"120\",\"0\"\n\"2023 Q4\",\"130\",\"-3\"\n\"2024 Q1\",\"140\",\"4\"\n";

    fn rows(text: &str) -> Result<SeriesRows, ImportError> {
        // A directory of its own per call: the tests run in parallel.
        let dir = tempfile::tempdir().map_err(|source| ImportError::Write {
            path: std::env::temp_dir(),
            source,
        })?;
        let file = dir.path().join(PATH);
        let parent = file.parent().ok_or(ImportError::Check {
            table: "t".into(),
            message: "no parent".into(),
        })?;
        std::fs::create_dir_all(parent).map_err(|source| ImportError::Write {
            path: file.clone(),
            source,
        })?;
        std::fs::write(&file, text).map_err(|source| ImportError::Write {
            path: file.clone(),
            source,
        })?;
        student_loans(dir.path())
    }

    #[test]
    fn end_march_level_and_fiscal_year_revaluations() -> Result<(), ImportError> {
        let r = rows(FIXTURE)?;
        let get = |s: &str, y: i32| r.get(&(s.to_string(), FiscalYear(y))).map(|v| v.0);
        // 2023-24: level in 2024 Q1; revaluations Q2..Q4 2023 and Q1 2024.
        assert_eq!(get("psf.student_loans_asset", 2023), Some(0.14));
        assert_eq!(get("psf.student_loans_revaluations", 2023), Some(0.003));
        // 2022-23 lacks three quarters of revaluations: left out.
        assert_eq!(get("psf.student_loans_asset", 2022), None);
        assert_eq!(r.len(), 2);
        Ok(())
    }

    #[test]
    fn a_blank_quarter_leaves_the_year_out() {
        let text = FIXTURE.replace("\"120\",\"0\"", "\"120\",\"\"");
        let err = rows(&text)
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("four quarters"), "{err}");
    }

    #[test]
    fn a_missing_cdid_is_named() {
        let text = FIXTURE.replace("J6GI", "XXXX");
        let err = rows(&text)
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("J6GI"), "{err}");
    }

    #[test]
    fn quarters_parse() {
        assert_eq!(parse_quarter("2024 Q1"), Some((2024, 1)));
        assert_eq!(parse_quarter("2024 Q5"), None);
        assert_eq!(parse_quarter("2024"), None);
        assert_eq!(parse_quarter("2024 JAN"), None);
    }
}
