//! Per-person age/sex profiles (shapes) of every age-related spending and
//! receipts line, derived from the shared evidence files by the rules in
//! [`spending`] and [`receipts`]. Each rule names its sources; constants that
//! are judgements (not published numbers) are marked as such.
//!
//! Never fitted to the OBR projections (FRS/EFO paths): levels come from
//! calibration in the model, these tables give shapes only.

pub mod receipts;
pub mod spending;

use std::path::Path;

use super::evidence::Evidence;
use super::participation::Participation;
use super::population::Population;
use super::source::fmt_num;
use super::ImportError;
use crate::data::{Sex, N_AGES};

/// One profile: values `[sex][age]`.
pub type Profile = [[f64; N_AGES]; 2];

/// Columns that are parts of another column, in its units: scaled by the
/// other column's peak rather than their own. `income_tax_over_spa` is the
/// tax on pension income from the base-year SPA (66); `nics_employee` is
/// employee (primary) Class 1 as if every age were under the SPA.
pub const PARTS: &[(&str, &str)] = &[
    ("income_tax_over_spa", "income_tax"),
    ("nics_employee", "nics"),
];

/// Base-year population used as weights and denominators (npp2022, mid-2022).
pub const BASE_YEAR: i32 = 2022;

/// State Pension age in the base year (Pensions Act 2014; 66 since Oct 2020).
pub const SPA_BASE: usize = 66;

/// Everything a profile rule may read.
#[derive(Debug)]
pub struct Inputs<'a> {
    /// Population projection (the 2022 column is used).
    pub pop: &'a Population,
    /// Participation by sex and age (already derived).
    pub participation: &'a Participation,
    /// `evidence/profiles/*.csv`, by file stem.
    pub evidence: std::collections::BTreeMap<String, Evidence>,
}

impl Inputs<'_> {
    /// The evidence file `name` (stem).
    pub fn ev(&self, name: &str) -> Result<&Evidence, ImportError> {
        self.evidence.get(name).ok_or_else(|| ImportError::Check {
            table: "profiles.csv".into(),
            message: format!("evidence file `{name}.csv` was not loaded"),
        })
    }

    /// Base-year persons of `sex` aged `lo..=hi`.
    pub fn pop_band(&self, sex: Sex, lo: usize, hi: usize) -> f64 {
        self.pop.band(sex, lo, hi, BASE_YEAR)
    }

    /// Base-year persons (both sexes) aged `lo..=hi`.
    pub fn pop_persons(&self, lo: usize, hi: usize) -> f64 {
        self.pop.band_persons(lo, hi, BASE_YEAR)
    }
}

/// Evidence files the rules read.
pub const EVIDENCE_FILES: &[&str] = &[
    "health",
    "social_care",
    "education",
    "state_pension",
    "welfare",
    "labour_participation",
    "labour_earnings_by_age",
    "receipts_income_tax_by_age",
];

/// Load the evidence files from `dir` (`shared/evidence/profiles`).
pub fn load_evidence(
    dir: &Path,
) -> Result<std::collections::BTreeMap<String, Evidence>, ImportError> {
    EVIDENCE_FILES
        .iter()
        .map(|n| {
            Ok((
                n.to_string(),
                Evidence::read(&dir.join(format!("{n}.csv")))?,
            ))
        })
        .collect()
}

/// Same shape for both sexes.
pub fn both(v: [f64; N_AGES]) -> Profile {
    [v, v]
}

/// Scale so the largest value is 1; returns the divisor (the old peak).
pub fn scale_max(p: &mut Profile) -> f64 {
    let m = p.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
    scale_by(p, m);
    m
}

/// Divide every value by `m` (nothing when `m` is not positive).
fn scale_by(p: &mut Profile, m: f64) {
    if m > 0.0 {
        p.iter_mut().flatten().for_each(|v| *v /= m);
    }
}

/// Derive every profile column.
pub fn derive(inp: &Inputs) -> Result<Vec<(&'static str, Profile)>, ImportError> {
    let mut cols = vec![
        ("health", spending::health(inp)?),
        ("adult_social_care", spending::adult_social_care(inp)?),
        ("education", spending::education(inp)?),
        ("state_pension", spending::state_pension(inp)?),
        ("pensioner_benefits", spending::pensioner_benefits(inp)?),
        ("other_welfare", spending::other_welfare(inp)?),
        (
            "public_service_pensions",
            spending::public_service_pensions(),
        ),
    ];
    let (income_tax, over_spa) = receipts::income_tax(inp)?;
    let (nics, employee) = receipts::nics(inp)?;
    cols.extend([
        ("income_tax", income_tax),
        ("nics", nics),
        ("consumption_taxes", receipts::consumption_taxes()),
        ("income_tax_over_spa", over_spa),
        ("nics_employee", employee),
    ]);
    let mut peaks = std::collections::BTreeMap::new();
    for (name, p) in cols.iter_mut() {
        if *name != "health" && !PARTS.iter().any(|(part, _)| part == name) {
            peaks.insert(*name, scale_max(p));
        }
    }
    for (name, p) in cols.iter_mut() {
        if let Some((_, whole)) = PARTS.iter().find(|(part, _)| part == name) {
            scale_by(p, peaks.get(whole).copied().unwrap_or(0.0));
        }
        if let Some(v) = p.iter().flatten().find(|v| !v.is_finite() || **v < 0.0) {
            return Err(ImportError::Check {
                table: "profiles.csv".into(),
                message: format!(
                    "column `{name}` has the invalid value {v}: check the evidence inputs"
                ),
            });
        }
        if p.iter().flatten().all(|v| *v == 0.0) {
            return Err(ImportError::Check {
                table: "profiles.csv".into(),
                message: format!("column `{name}` is all zero"),
            });
        }
    }
    Ok(cols)
}

/// The output table `sex,age,<columns>`.
pub fn to_csv(cols: &[(&str, Profile)]) -> (String, usize) {
    let mut out = String::from("sex,age");
    for (n, _) in cols {
        out.push(',');
        out.push_str(n);
    }
    out.push('\n');
    for sex in Sex::ALL {
        for a in 0..N_AGES {
            out.push_str(&format!("{},{a}", sex.name()));
            for (_, p) in cols {
                out.push(',');
                out.push_str(&fmt_num(p[sex as usize][a]));
            }
            out.push('\n');
        }
    }
    (out, 2 * N_AGES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::participation;
    use crate::data::AgeSexTable;

    #[test]
    fn profile_and_participation_tables_round_trip() {
        let mut p: Profile = [[0.0; N_AGES]; 2];
        for (a, v) in p[1].iter_mut().enumerate() {
            *v = a as f64 / 7.0;
        }
        let (text, rows) = to_csv(&[("health", p), ("nics", both([0.5; N_AGES]))]);
        assert_eq!(rows, 2 * N_AGES);
        let t = AgeSexTable::parse("out", &text).unwrap();
        assert!((t.column("health").unwrap()[[1, 14]] - 2.0).abs() < 1e-6);
        assert_eq!(t.column("nics").unwrap()[[0, 0]], 0.5);
        let (text, _) = participation::to_csv(&[[0.25; N_AGES]; 2]);
        let t = AgeSexTable::parse("out", &text).unwrap();
        assert_eq!(t.column("participation_rate").unwrap()[[1, 40]], 0.25);
    }

    #[test]
    fn scale_max_sets_peak_to_one() {
        let mut p = both([2.0; N_AGES]);
        p[0][3] = 4.0;
        scale_max(&mut p);
        assert_eq!(p[0][3], 1.0);
        assert_eq!(p[1][3], 0.5);
    }
}
