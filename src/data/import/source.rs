//! Reading official CSV files (with line numbers for messages) and writing
//! the compact tables deterministically.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::ImportError;

/// A source CSV: every record with its 1-based starting line.
#[derive(Debug, Clone)]
pub struct SourceCsv {
    /// The file read (for messages).
    pub path: PathBuf,
    /// Records, each with its line number. Cells are trimmed.
    pub records: Vec<(usize, Vec<String>)>,
}

impl SourceCsv {
    /// Read `path` as a CSV (ragged rows allowed: official files often are).
    pub fn read(path: &Path) -> Result<SourceCsv, ImportError> {
        let text = crate::data::read::read_text_capped(path, crate::data::read::MAX_TABLE_BYTES)
            .map_err(|e| ImportError::Read {
                path: path.to_path_buf(),
                source: std::io::Error::other(e.to_string()),
            })?;
        SourceCsv::from_text(path, &text)
    }

    /// Parse `text`, naming it `path` in messages.
    pub fn from_text(path: &Path, text: &str) -> Result<SourceCsv, ImportError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                ImportError::invalid(
                    path,
                    line,
                    format!("unreadable CSV record ({e}): re-download the file"),
                )
            })?;
            let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            records.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        }
        if records.is_empty() {
            return Err(ImportError::invalid(
                path,
                0,
                "the file is empty: re-download it",
            ));
        }
        Ok(SourceCsv {
            path: path.to_path_buf(),
            records,
        })
    }

    /// Treat the first record as a header: return it and the data rows.
    pub fn with_header(&self) -> Result<Headed<'_>, ImportError> {
        let (first, rest) = self
            .records
            .split_first()
            .ok_or_else(|| ImportError::invalid(&self.path, 0, "the file has no header row"))?;
        if rest.is_empty() {
            return Err(ImportError::invalid(
                &self.path,
                0,
                "the file has a header but no data rows",
            ));
        }
        Ok(Headed {
            src: self,
            header: &first.1,
            rows: rest,
        })
    }
}

/// A CSV whose first record names the columns.
#[derive(Debug, Clone, Copy)]
pub struct Headed<'a> {
    src: &'a SourceCsv,
    /// Column names.
    pub header: &'a [String],
    /// Data rows with their lines.
    pub rows: &'a [(usize, Vec<String>)],
}

impl<'a> Headed<'a> {
    /// The file (for messages).
    pub fn path(&self) -> &'a Path {
        &self.src.path
    }

    /// Index of column `name`, or an error listing the columns present.
    pub fn column(&self, name: &str) -> Result<usize, ImportError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            ImportError::invalid(
                self.path(),
                self.src.records.first().map(|r| r.0).unwrap_or(1),
                format!(
                    "missing column `{name}` (columns present: {}): use the official file layout",
                    self.header.join(", ")
                ),
            )
        })
    }

    /// Refuse a row narrower or wider than the header: in a file whose
    /// rows all have the header's width, that means it was cut short
    /// (truncated mid-row) or corrupted.
    pub fn require_full_rows(&self) -> Result<(), ImportError> {
        let n = self.header.len();
        if let Some((line, row)) = self.rows.iter().find(|(_, r)| r.len() != n) {
            return Err(ImportError::invalid(
                self.path(),
                *line,
                format!(
                    "row has {} fields but the header has {n}: the file looks truncated or corrupt; re-download it",
                    row.len()
                ),
            ));
        }
        Ok(())
    }

    /// Cell `col` of `row` ("" if the row is short).
    pub fn cell(row: &[String], col: usize) -> &str {
        row.get(col).map(String::as_str).unwrap_or("")
    }

    /// Parse cell `col` (named `name`) of the row at `line` as a finite number.
    pub fn number(
        &self,
        line: usize,
        row: &[String],
        col: usize,
        name: &str,
    ) -> Result<f64, ImportError> {
        parse_number(self.path(), line, name, Self::cell(row, col))
    }
}

/// Parse `cell` as a finite number (thousands separators allowed).
pub fn parse_number(path: &Path, line: usize, col: &str, cell: &str) -> Result<f64, ImportError> {
    let cleaned = cell.trim().replace(',', "");
    let v: f64 = cleaned.parse().map_err(|_| {
        ImportError::invalid(
            path,
            line,
            format!("column `{col}`: `{cell}` is not a number: fix or re-download the file"),
        )
    })?;
    if !v.is_finite() {
        return Err(ImportError::invalid(
            path,
            line,
            format!("column `{col}`: `{cell}` is not a finite number"),
        ));
    }
    Ok(v)
}

/// Format a number for the compact tables: at most 6 decimals, trailing zeros
/// and a negative zero removed, so output is byte-stable across platforms.
pub fn fmt_num(v: f64) -> String {
    let mut s = format!("{v:.6}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// Build CSV text from a header and rows (cells must not need quoting except
/// where `quote` does it), `\n` line endings.
pub fn csv_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", header.join(","));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| quote(c)).collect();
        let _ = writeln!(out, "{}", cells.join(","));
    }
    out
}

/// Quote a cell if it holds a comma or a quote.
pub fn quote(cell: &str) -> String {
    if cell.contains(',') || cell.contains('"') || cell.contains('\n') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Write `text` to `dir/name`.
pub fn write_file(dir: &Path, name: &str, text: &str) -> Result<(), ImportError> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|source| ImportError::Write { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_stably() {
        assert_eq!(fmt_num(1.0), "1");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
        assert_eq!(fmt_num(-0.0000001), "0");
        assert_eq!(fmt_num(338878.0), "338878");
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("a"), "a");
        assert_eq!(quote("a,b"), "\"a,b\"");
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn records_carry_their_1_based_line() {
        let s = SourceCsv::from_text(Path::new("t.csv"), "h1,h2\na,b\nc,d\n").unwrap();
        let lines: Vec<usize> = s.records.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }
}
