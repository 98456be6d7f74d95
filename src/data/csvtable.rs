//! A strict CSV reader shared by every table the tool loads.
//!
//! Tables are small, so the reader takes the whole text. It accepts what
//! spreadsheet programs commonly add and is harmless (a UTF-8 byte-order mark,
//! CRLF line endings, trailing blank lines) and rejects what usually means
//! lost or corrupt data: a blank line between rows, a ragged row, a
//! non-numeric, NaN or infinite number.

use std::borrow::Cow;

use super::DataError;

/// A parsed CSV table: a header and rows of text cells, each with its line.
/// Cells borrow the text they were read from (only a quoted cell, whose
/// quotes are taken off, is copied): a table of 20,000 cells then costs a
/// few allocations, not 20,000.
#[derive(Debug, Clone)]
pub struct CsvTable<'t> {
    /// Name used in messages (a path or `embedded:NAME`).
    pub name: String,
    /// Column names, trimmed.
    pub header: Vec<String>,
    /// Data rows: (1-based line number, cells).
    pub rows: Rows<'t>,
}

impl<'t> CsvTable<'t> {
    /// Parse `text`, naming it `name` in messages.
    pub fn parse(name: &str, text: &'t str) -> Result<CsvTable<'t>, DataError> {
        CsvTable::parse_lines(name, &content_lines(name, text)?)
    }

    /// [`CsvTable::parse`] of the table's `content` lines.
    fn parse_lines(name: &str, content: &[&'t str]) -> Result<CsvTable<'t>, DataError> {
        let (header, rows) = if content.iter().any(special) {
            records_quoted(name, content)?
        } else {
            records_plain(name, content)?
        };
        if rows.is_empty() {
            return Err(no_rows(name));
        }
        Ok(CsvTable {
            name: name.to_string(),
            header,
            rows,
        })
    }

    /// Read `text` a row at a time, by the rules of [`CsvTable::parse`],
    /// without keeping the rows: `on_header` gets the table's header (a
    /// table with no rows, for [`CsvTable::column`] and the number readers)
    /// and returns the state `on_row` fills from each data row's line and
    /// cells. For the large tables (a century of years by sex and age):
    /// their cells are never all held at once.
    pub fn for_each_row<S>(
        name: &str,
        text: &'t str,
        on_header: impl FnOnce(&CsvTable<'t>) -> Result<S, DataError>,
        mut on_row: impl FnMut(&mut S, &CsvTable<'t>, usize, &[&str]) -> Result<(), DataError>,
    ) -> Result<S, DataError> {
        let content = content_lines(name, text)?;
        if content.iter().any(special) {
            let t = CsvTable::parse_lines(name, &content)?;
            let mut state = on_header(&t)?;
            let mut cells: Vec<&str> = Vec::new();
            for (line, row) in &t.rows {
                cells.clear();
                cells.extend(row.iter().map(|c| &**c));
                on_row(&mut state, &t, *line, &cells)?;
            }
            return Ok(state);
        }
        let Some((first, data)) = content.split_first() else {
            return Err(no_rows(name));
        };
        if data.is_empty() {
            return Err(no_rows(name));
        }
        let head = CsvTable {
            name: name.to_string(),
            header: plain_header(first),
            rows: Vec::new(),
        };
        let mut state = on_header(&head)?;
        each_plain_row(name, head.header.len(), data, |line, cells| {
            on_row(&mut state, &head, line, cells)
        })?;
        Ok(state)
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
    pub fn cell<'r>(row: &'r [Cow<'t, str>], col: usize) -> &'r str {
        row.get(col).map_or("", |c| c)
    }

    /// The same table owning its cells, free of the text it was read from.
    #[cfg(feature = "import")]
    pub fn into_owned(self) -> CsvTable<'static> {
        CsvTable {
            name: self.name,
            header: self.header,
            rows: self
                .rows
                .into_iter()
                .map(|(line, cells)| {
                    let owned = cells.into_iter().map(|c| Cow::Owned(c.into_owned()));
                    (line, owned.collect())
                })
                .collect(),
        }
    }

    /// Parse cell `cell` of the row at `line` in column `col` as a finite number.
    pub fn number(&self, line: usize, col: &str, cell: &str) -> Result<f64, DataError> {
        let v: f64 = plain_decimal(cell).map_or_else(|| cell.parse(), Ok).map_err(|_| {
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

/// Header and rows of `lines` when no cell is quoted and no line holds a
/// bare carriage return: each line is one record split at commas, which is
/// what the CSV reader does with such text, without its per-record work.
fn records_plain<'t>(name: &str, lines: &[&'t str]) -> Result<(Vec<String>, Rows<'t>), DataError> {
    let Some((first, data)) = lines.split_first() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let header = plain_header(first);
    let mut rows = Vec::with_capacity(data.len());
    each_plain_row(name, header.len(), data, |line, cells| {
        rows.push((line, cells.iter().map(|c| Cow::Borrowed(*c)).collect()));
        Ok(())
    })?;
    Ok((header, rows))
}

/// The column names on a plain table's first line.
fn plain_header(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    push_cells(line, &mut names);
    names.into_iter().map(str::to_string).collect()
}

/// Each data line of a plain table (`lines` follow the header), split at
/// its commas, trimmed and checked to be `width` cells wide, with its
/// 1-based line number.
fn each_plain_row<'t>(
    name: &str,
    width: usize,
    lines: &[&'t str],
    mut on_row: impl FnMut(usize, &[&'t str]) -> Result<(), DataError>,
) -> Result<(), DataError> {
    let mut cells = Vec::with_capacity(width);
    for (i, l) in lines.iter().enumerate() {
        let line = i + 2;
        cells.clear();
        push_cells(l, &mut cells);
        if cells.len() != width {
            return Err(unequal(name, line, width, cells.len()));
        }
        on_row(line, &cells)?;
    }
    Ok(())
}

/// The lines of `text` up to its last non-blank one (a UTF-8 byte-order
/// mark dropped): trailing blank lines are harmless, interior ones are not.
fn content_lines<'t>(name: &str, text: &'t str) -> Result<Vec<&'t str>, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text.lines().collect();
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
    lines.truncate(last_content + 1);
    if let Some(i) = lines.iter().position(|l| l.trim().is_empty()) {
        return Err(DataError::invalid(
            name,
            i + 1,
            "blank line between data rows: remove it (a blank line often means a row was lost)",
        ));
    }
    Ok(lines)
}

/// Whether a line needs the CSV reader: a quote, or a bare carriage return.
fn special(line: &&str) -> bool {
    line.bytes().any(|b| b == b'"' || b == b'\r')
}

fn no_rows(name: &str) -> DataError {
    DataError::invalid(name, 0, "the table has a header but no data rows")
}

/// `cell` as a number when it is a plain decimal (`-12.345`) of at most 15
/// significant digits and 22 decimals, else `None` (the standard parser
/// then reads it). Its digits as an integer and the power of ten are both
/// exact doubles, so one division rounds correctly: the same number as the
/// standard parser gives (Clinger's fast path), at a fraction of the cost
/// for the tables' hundred thousand cells.
fn plain_decimal(cell: &str) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, b) = match cell.as_bytes().split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, cell.as_bytes()),
    };
    // Digits before and after the point into one integer (wrapping: a
    // number of more than 15 digits is refused below, whatever it held).
    let mut mantissa: u64 = 0;
    let mut i = 0;
    let mut digits = |i: &mut usize| {
        let start = *i;
        while let Some(d) = b.get(*i).map(|c| c.wrapping_sub(b'0')).filter(|d| *d < 10) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut decimals = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        decimals = digits(&mut i);
    }
    if i != b.len() || whole + decimals == 0 || whole + decimals > 15 {
        return None;
    }
    let v = mantissa as f64 / POW10.get(decimals)?;
    Some(if negative { -v } else { v })
}

/// Push the trimmed cells of `line` (split at its commas) onto `cells`: one
/// pass over the bytes, for the tables of a hundred thousand cells.
fn push_cells<'t>(line: &'t str, cells: &mut Vec<&'t str>) {
    let mut start = 0;
    for (i, b) in line.bytes().enumerate() {
        if b == b',' {
            cells.push(trim(line.get(start..i).unwrap_or_default()));
            start = i + 1;
        }
    }
    cells.push(trim(line.get(start..).unwrap_or_default()));
}

/// `str::trim`, skipped for the usual cell that starts and ends with a
/// printable ASCII character (no whitespace, ASCII or not, can be there).
fn trim(cell: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x7f).contains(b));
    if plain(cell.as_bytes().first()) && plain(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

/// Header and rows of `lines` read by the CSV reader (quoted cells, bare
/// carriage returns).
fn records_quoted(name: &str, lines: &[&str]) -> Result<(Vec<String>, Rows<'static>), DataError> {
    let body = lines.join("\n");
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
            } => unequal(name, line, *expected_len as usize, *len as usize),
            _ => DataError::invalid(name, line, format!("unreadable row: {e}")),
        })?;
        let cells = rec.iter().map(|c| Cow::Owned(c.trim().to_string()));
        rows.push((line, cells.collect()));
    }
    Ok((header, rows))
}

fn unequal(name: &str, line: usize, expected_len: usize, len: usize) -> DataError {
    DataError::invalid(
        name,
        line,
        format!("row has {len} fields but the header has {expected_len}: make every row as wide as the header"),
    )
}

/// Data rows: (1-based line number, cells).
pub type Rows<'t> = Vec<(usize, Vec<Cow<'t, str>>)>;

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
    #[test]
    fn plain_decimals_read_as_the_standard_parser_reads_them() {
        let cells = [
            "0",
            "-0",
            "1",
            "12.5",
            "-0.001",
            "0.1",
            "0.3",
            "123456789012345",
            "1.",
            ".5",
            "9007199254740993",
            "1e5",
            "+1",
            "1.2.3",
            "-",
            ".",
            "",
            "0.1234567890123",
            "5.0000000000000000000001",
            "69497.821",
        ];
        for c in cells {
            let fast = plain_decimal(c);
            let std = c.parse::<f64>().ok();
            if let Some(v) = fast {
                assert_eq!(Some(v.to_bits()), std.map(f64::to_bits), "{c}");
            }
        }
        assert!(plain_decimal("1e5").is_none());
        assert!(plain_decimal("12.5").is_some());
        // Every number with up to 15 digits and 22 decimals agrees bit for bit.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = x % 1_000_000_000_000_000;
            let d = (x >> 50) as usize % 16;
            let text = format!("{m}");
            let (int, frac) = text.split_at(text.len().saturating_sub(d));
            let c = format!("{}.{frac}", if int.is_empty() { "0" } else { int });
            let digits = c.bytes().filter(u8::is_ascii_digit).count();
            match plain_decimal(&c) {
                Some(v) => assert_eq!(Some(v.to_bits()), c.parse().ok().map(f64::to_bits), "{c}"),
                None => assert!(digits > 15, "{c} is plain and short"),
            }
        }
    }

    #[test]
    fn rows_one_at_a_time_are_the_parsed_rows() {
        for text in [
            "a, b\n1 ,2\n3,4\n\n",
            "\u{feff}\"a\",b\r\n1,\"2\"\r\n3,4\r\n",
        ] {
            let t = CsvTable::parse("t", text).unwrap();
            let (header, rows) = CsvTable::for_each_row(
                "t",
                text,
                |h| Ok((h.header.clone(), Vec::new())),
                |(_, rows), _, line, cells| {
                    rows.push((
                        line,
                        cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                    ));
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(header, t.header);
            let parsed: Vec<(usize, Vec<String>)> = t
                .rows
                .iter()
                .map(|(l, c)| (*l, c.iter().map(|c| c.to_string()).collect()))
                .collect();
            assert_eq!(rows, parsed);
        }
        let each = |text: &str| {
            CsvTable::for_each_row("t", text, |_| Ok(()), |_, _, _, _| Ok(()))
                .unwrap_err()
                .to_string()
        };
        for bad in ["", "a,b\n", "a,b\n1,2\n\n3,4\n", "a,b\n1,2\n3\n"] {
            let parsed = CsvTable::parse("t", bad).unwrap_err().to_string();
            assert_eq!(each(bad), parsed, "{bad:?}");
        }
    }

    #[test]
    fn plain_and_quoted_text_read_alike() {
        let plain = CsvTable::parse("t", "a, b\n1 ,2\n3,4\n").unwrap();
        let quoted = CsvTable::parse("t", "\"a\", b\n1 ,\"2\"\n3,4\n").unwrap();
        assert_eq!(plain.header, quoted.header);
        assert_eq!(plain.rows, quoted.rows);
        let e1 = CsvTable::parse("t", "a,b\n1,2\n3\n")
            .unwrap_err()
            .to_string();
        let e2 = CsvTable::parse("t", "a,\"b\"\n1,2\n3\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e1, e2);
        assert!(e1.contains("row has 1 fields but the header has 2"), "{e1}");
    }
}
