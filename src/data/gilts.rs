//! The stock of gilts in issue (UK Debt Management Office), used to build the
//! maturity ladder of conventional gilts and the index-linked share.
//!
//! File format (`data/gilts_dmo.csv`): columns
//! `name,kind,coupon_pct,redemption_date,nominal_gbp_m,uplifted_gbp_m` with
//! `kind` `conventional` or `index_linked`, dates `YYYY-MM-DD`, amounts in
//! £ million (`uplifted_gbp_m` equals nominal for conventional gilts).

use super::{CsvTable, DataError};
use crate::years::FiscalYear;

/// Conventional or index-linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GiltKind {
    /// Fixed nominal coupon and redemption.
    Conventional,
    /// Coupon and redemption uplifted by RPI (CPIH from 2030).
    IndexLinked,
}

/// One gilt line in the DMO list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Gilt {
    /// The DMO's name for the gilt.
    pub name: String,
    /// Conventional or index-linked.
    pub kind: GiltKind,
    /// Annual coupon, percent of nominal.
    pub coupon_pct: f64,
    /// Fiscal year in which it redeems.
    pub redemption_year: FiscalYear,
    /// Nominal amount outstanding, £bn.
    pub nominal_gbp_bn: f64,
    /// Amount including inflation uplift, £bn.
    pub uplifted_gbp_bn: f64,
}

/// The DMO list of gilts in issue.
#[derive(Debug, Clone, PartialEq)]
pub struct GiltTable {
    /// Where the table came from.
    pub source: String,
    /// Every gilt.
    pub gilts: Vec<Gilt>,
}

/// The fiscal year containing a `YYYY-MM-DD` date (April starts the year).
pub(crate) fn fiscal_year_of_date(date: &str) -> Option<FiscalYear> {
    let mut it = date.trim().split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if !(1800..=2300).contains(&y)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || it.next().is_some()
    {
        return None;
    }
    Some(FiscalYear(if m >= 4 { y } else { y - 1 }))
}

/// The plausible amount of one gilt in issue, £m (the largest is under
/// £60bn).
const GILT_GBP_M: (f64, f64) = (0.0, 1.0e6);

impl GiltTable {
    /// Parse the format in the module docs.
    pub(crate) fn parse(name: &str, text: &str) -> Result<GiltTable, DataError> {
        let t = CsvTable::parse(name, text)?;
        let c = |n: &str| t.column(n);
        let (cn, ck, cc, cd, cnom, cup) = (
            c("name")?,
            c("kind")?,
            c("coupon_pct")?,
            c("redemption_date")?,
            c("nominal_gbp_m")?,
            c("uplifted_gbp_m")?,
        );
        let mut gilts = Vec::new();
        for (line, row) in &t.rows {
            let kind = match CsvTable::cell(row, ck) {
                "conventional" => GiltKind::Conventional,
                "index_linked" => GiltKind::IndexLinked,
                other => {
                    return Err(DataError::invalid(
                        name,
                        *line,
                        format!("column `kind`: `{other}` must be conventional or index_linked"),
                    ))
                }
            };
            let redemption_year =
                fiscal_year_of_date(CsvTable::cell(row, cd)).ok_or_else(|| {
                    DataError::invalid(
                        name,
                        *line,
                        format!(
                            "column `redemption_date`: `{}` is not a date YYYY-MM-DD",
                            CsvTable::cell(row, cd)
                        ),
                    )
                })?;
            gilts.push(Gilt {
                name: CsvTable::cell(row, cn).to_string(),
                kind,
                coupon_pct: t.bounded(
                    *line,
                    "coupon_pct",
                    CsvTable::cell(row, cc),
                    (0.0, 30.0),
                    "a coupon, %",
                )?,
                redemption_year,
                nominal_gbp_bn: t.bounded(
                    *line,
                    "nominal_gbp_m",
                    CsvTable::cell(row, cnom),
                    GILT_GBP_M,
                    "one gilt, £m",
                )? / 1000.0,
                uplifted_gbp_bn: t.bounded(
                    *line,
                    "uplifted_gbp_m",
                    CsvTable::cell(row, cup),
                    GILT_GBP_M,
                    "one gilt, £m",
                )? / 1000.0,
            });
        }
        Ok(GiltTable {
            source: name.to_string(),
            gilts,
        })
    }

    /// Total uplifted amount of gilts of `kind`, £bn.
    pub fn total_gbp_bn(&self, kind: GiltKind) -> f64 {
        self.gilts
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.uplifted_gbp_bn)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_of_dates() {
        assert_eq!(fiscal_year_of_date("2030-03-31"), Some(FiscalYear(2029)));
        assert_eq!(fiscal_year_of_date("2030-04-01"), Some(FiscalYear(2030)));
        assert_eq!(fiscal_year_of_date("2030-13-01"), None);
    }
}
