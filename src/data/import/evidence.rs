//! The shared evidence files for age profiles (`evidence/profiles/*.csv`,
//! columns `age_from,age_to,sex,value,unit,year,source`) and the small
//! numerical tools the profile rules share (interpolation).

use std::path::{Path, PathBuf};

use super::source::{parse_number, SourceCsv};
use super::ImportError;
use crate::data::N_AGES;

/// One evidence row.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRow {
    /// Line in the file.
    pub line: usize,
    /// First age of the band (None for all-age rows).
    pub age_from: Option<usize>,
    /// Last age of the band (120 or 100 = "and over").
    pub age_to: Option<usize>,
    /// `all`, `male`, `female`, or another label.
    pub sex: String,
    /// The number.
    pub value: f64,
    /// What the number measures.
    pub unit: String,
    /// Period label.
    pub year: String,
}

/// A whole evidence file.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The file (for messages).
    pub path: PathBuf,
    /// Its rows.
    pub rows: Vec<EvidenceRow>,
}

impl Evidence {
    /// Read an evidence CSV.
    pub fn read(path: &Path) -> Result<Evidence, ImportError> {
        Self::parse(&SourceCsv::read(path)?)
    }

    /// Parse an already-read evidence CSV.
    pub fn parse(src: &SourceCsv) -> Result<Evidence, ImportError> {
        let t = src.with_header()?;
        let c: Vec<usize> = ["age_from", "age_to", "sex", "value", "unit", "year"]
            .iter()
            .map(|n| t.column(n))
            .collect::<Result<_, _>>()?;
        let age = |line: usize, s: &str, name: &str| -> Result<Option<usize>, ImportError> {
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<usize>().map(Some).map_err(|_| {
                ImportError::invalid(
                    t.path(),
                    line,
                    format!("column `{name}`: `{s}` is not an age"),
                )
            })
        };
        let mut rows = Vec::new();
        for (line, row) in t.rows {
            let cell = |k: usize| super::source::Headed::cell(row, c[k]);
            rows.push(EvidenceRow {
                line: *line,
                age_from: age(*line, cell(0), "age_from")?,
                age_to: age(*line, cell(1), "age_to")?,
                sex: cell(2).to_string(),
                value: parse_number(t.path(), *line, "value", cell(3))?,
                unit: cell(4).to_string(),
                year: cell(5).to_string(),
            });
        }
        Ok(Evidence {
            path: src.path.clone(),
            rows,
        })
    }

    /// Rows whose unit starts with `unit` and whose year starts with `year`.
    pub fn select<'a>(
        &'a self,
        unit: &'a str,
        year: &'a str,
    ) -> impl Iterator<Item = &'a EvidenceRow> + 'a {
        self.rows
            .iter()
            .filter(move |r| r.unit.starts_with(unit) && r.year.starts_with(year))
    }

    /// The single value for band `lo..=hi`, `sex`, unit prefix and year prefix.
    pub fn value(
        &self,
        lo: usize,
        hi: usize,
        sex: &str,
        unit: &str,
        year: &str,
    ) -> Result<f64, ImportError> {
        let hits: Vec<&EvidenceRow> = self
            .select(unit, year)
            .filter(|r| r.age_from == Some(lo) && r.age_to == Some(hi) && r.sex == sex)
            .collect();
        match hits.as_slice() {
            [one] => Ok(one.value),
            [] => Err(ImportError::invalid(
                &self.path,
                0,
                format!("no evidence row for ages {lo}-{hi}, sex `{sex}`, unit `{unit}…`, year `{year}…`: the profile rule needs it"),
            )),
            _ => Err(ImportError::invalid(
                &self.path,
                hits[1].line,
                format!("more than one evidence row for ages {lo}-{hi}, sex `{sex}`, unit `{unit}…`, year `{year}…`"),
            )),
        }
    }
}

/// Piecewise-linear interpolation through `knots` (sorted by age), flat
/// beyond the first and last knot.
pub fn interp(knots: &[(f64, f64)], x: f64) -> f64 {
    let Some(first) = knots.first() else {
        return 0.0;
    };
    if x <= first.0 {
        return first.1;
    }
    for w in knots.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return if x1 > x0 {
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            } else {
                y1
            };
        }
    }
    knots.last().map(|k| k.1).unwrap_or(0.0)
}

/// `interp` evaluated at every single year of age.
pub fn curve(knots: &[(f64, f64)]) -> [f64; N_AGES] {
    let mut out = [0.0; N_AGES];
    for (a, v) in out.iter_mut().enumerate() {
        *v = interp(knots, a as f64);
    }
    out
}

/// Mid-point of a band, with open top bands (`hi` ≥ 100) closed at `open_top`.
pub fn mid(lo: usize, hi: usize, open_top: usize) -> f64 {
    let hi = if hi >= 100 { open_top } else { hi };
    (lo + hi) as f64 / 2.0
}

impl Evidence {
    /// The single all-ages value (empty age columns) for unit and year prefixes.
    pub fn value_all(&self, unit: &str, year: &str) -> Result<f64, ImportError> {
        let hits: Vec<&EvidenceRow> = self
            .select(unit, year)
            .filter(|r| r.age_from.is_none())
            .collect();
        match hits.as_slice() {
            [one] => Ok(one.value),
            _ => Err(ImportError::invalid(
                &self.path,
                0,
                format!("expected one all-ages evidence row with unit `{unit}…`, year `{year}…`; found {}", hits.len()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolates_and_extrapolates_flat() {
        let k = [(0.0, 1.0), (10.0, 3.0)];
        assert_eq!(interp(&k, -1.0), 1.0);
        assert_eq!(interp(&k, 5.0), 2.0);
        assert_eq!(interp(&k, 50.0), 3.0);
    }

    #[test]
    fn reads_evidence_and_reports_bad_rows() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let e = Evidence::read(&dir.join("evidence.csv")).unwrap();
        assert_eq!(
            e.value(30, 30, "all", "ratio to age-30", "2016").unwrap(),
            1.0
        );
        assert!(e.value(31, 31, "all", "ratio", "").is_err());
        let err = Evidence::read(&dir.join("evidence_bad_age.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("evidence_bad_age.csv:3") && err.contains("not an age"),
            "{err}"
        );
    }
}
