//! A strict CSV reader shared by every table the tool loads.
//!
//! Tables are small, so the reader takes the whole text. It accepts what
//! spreadsheet programs commonly add and is harmless (a UTF-8 byte-order mark,
//! CRLF line endings, trailing blank lines) and rejects what usually means
//! lost or corrupt data: a blank line between rows, a ragged row, a
//! non-numeric, NaN or infinite number.

use super::DataError;

/// A parsed CSV table: a header and rows of text cells, each with its line.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// Name used in messages (a path or `embedded:NAME`).
    pub name: String,
    /// Column names, trimmed.
    pub header: Vec<String>,
    /// Data rows: (1-based line number, cells).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl CsvTable {
    /// Parse `text`, naming it `name` in messages.
    pub fn parse(name: &str, text: &str) -> Result<CsvTable, DataError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().collect();
        // Trailing blank lines are harmless; interior ones are not.
        let last_content = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .ok_or_else(|| {
                DataError::invalid(
                    name,
                    0,
                    "the table is empty: it needs a header row and data rows",
                )
            })?;
        let content = lines.get(..=last_content).unwrap_or_default();
        if let Some(i) = content.iter().position(|l| l.trim().is_empty()) {
            return Err(DataError::invalid(
                name,
                i + 1,
                "blank line between data rows: remove it (a blank line often means a row was lost)",
            ));
        }
        let body = content.join("\n");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(body.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| DataError::invalid(name, 1, format!("unreadable header: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for (i, rec) in reader.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => DataError::invalid(
                    name,
                    line,
                    format!("row has {len} fields but the header has {expected_len}: make every row as wide as the header"),
                ),
                _ => DataError::invalid(name, line, format!("unreadable row: {e}")),
            })?;
            rows.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        }
        if rows.is_empty() {
            return Err(DataError::invalid(
                name,
                0,
                "the table has a header but no data rows",
            ));
        }
        Ok(CsvTable {
            name: name.to_string(),
            header,
            rows,
        })
    }

    /// The index of column `col`, or an error that lists the columns present.
    pub fn column(&self, col: &str) -> Result<usize, DataError> {
        self.header.iter().position(|h| h == col).ok_or_else(|| {
            DataError::invalid(
                &self.name,
                1,
                format!(
                    "missing column `{col}` (columns present: {}): add it to the header",
                    self.header.join(", ")
                ),
            )
        })
    }

    /// Cell `col` of `row` ("" past the end: rows are checked to be as wide
    /// as the header, so this never happens for a column of the header).
    pub fn cell(row: &[String], col: usize) -> &str {
        row.get(col).map_or("", String::as_str)
    }

    /// Parse cell `cell` of the row at `line` in column `col` as a finite number.
    pub fn number(&self, line: usize, col: &str, cell: &str) -> Result<f64, DataError> {
        let v: f64 = cell.parse().map_err(|_| {
            DataError::invalid(
                &self.name,
                line,
                format!("column `{col}`: `{cell}` is not a number: write a plain decimal such as 1234.5"),
            )
        })?;
        if !v.is_finite() {
            return Err(DataError::invalid(
                &self.name,
                line,
                format!("column `{col}`: `{cell}` is not a finite number: give the real value"),
            ));
        }
        Ok(v)
    }

    /// Parse a number within `lo..=hi`, the plausible range of `what`: a
    /// value outside it is most likely a typing slip or a corrupt cell, and
    /// would give finite nonsense rather than an error later.
    pub fn bounded(
        &self,
        line: usize,
        col: &str,
        cell: &str,
        (lo, hi): (f64, f64),
        what: &str,
    ) -> Result<f64, DataError> {
        let v = if lo >= 0.0 {
            self.non_negative(line, col, cell)?
        } else {
            self.number(line, col, cell)?
        };
        if !(lo..=hi).contains(&v) {
            return Err(DataError::invalid(
                &self.name,
                line,
                format!("column `{col}`: {v} is outside the plausible range {lo}..={hi} for {what}: check the cell"),
            ));
        }
        Ok(v)
    }

    /// Parse a non-negative finite number (counts, amounts, rates).
    pub fn non_negative(&self, line: usize, col: &str, cell: &str) -> Result<f64, DataError> {
        let v = self.number(line, col, cell)?;
        if v < 0.0 {
            return Err(DataError::invalid(
                &self.name,
                line,
                format!("column `{col}`: {v} is negative; this quantity cannot be below zero"),
            ));
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_crlf_and_trailing_blank_lines() {
        let a = CsvTable::parse("t", "a,b\n1,2\n3,4\n").unwrap();
        let b = CsvTable::parse("t", "\u{feff}a,b\r\n1,2\r\n3,4\r\n\r\n").unwrap();
        assert_eq!(a.header, b.header);
        assert_eq!(a.rows, b.rows);
    }

    #[test]
    fn rejects_interior_blank_line_with_its_line() {
        let e = CsvTable::parse("t", "a,b\n1,2\n\n3,4\n").unwrap_err();
        assert!(e.to_string().contains("t:3"), "{e}");
    }

    #[test]
    fn rejects_ragged_rows_and_bad_numbers() {
        let e = CsvTable::parse("t", "a,b\n1,2\n3\n").unwrap_err();
        assert!(e.to_string().contains("t:3"), "{e}");
        let t = CsvTable::parse("t", "a\nNaN\n").unwrap();
        assert!(t.number(2, "a", "NaN").is_err());
        assert!(t.number(2, "a", "inf").is_err());
        assert!(t.non_negative(2, "a", "-1").is_err());
    }
}
