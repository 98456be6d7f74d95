//! Bounded reading of one worksheet, cell by cell: the workbook's own
//! declaration of its size (`<dimension ref="A1:XFD1048576"/>`) is never
//! used to allocate. Only non-empty cells inside [`Bounds`] are kept, in a
//! sparse map, and a non-empty cell outside them is an error naming it, so
//! a hostile or corrupt workbook costs at most the cells it really holds
//! (and at most [`Bounds::max_cells`] of them).

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::Path;

#[cfg(test)]
use calamine::Reader as _;
use calamine::{DataRef, Xlsx};

use super::ImportError;

/// How much of a sheet is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Rows 0..max_rows (0-based) are read.
    pub max_rows: u32,
    /// Columns 0..max_cols (0-based) are read.
    pub max_cols: u32,
    /// At most this many non-empty cells.
    pub max_cells: usize,
}

/// A cell's value, as far as the importers care.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (shared or inline strings, ISO dates as written).
    Text(String),
    /// A number.
    Number(f64),
}

impl Cell {
    /// The text, trimmed, if the cell is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s.trim()),
            Cell::Number(_) => None,
        }
    }
}

/// The non-empty cells of one sheet, by 0-based (row, column).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparseSheet {
    /// The sheet's name.
    pub name: String,
    /// Cells by (row, column).
    pub cells: BTreeMap<(u32, u32), Cell>,
}

impl SparseSheet {
    /// The cell at (row, column), if it is not empty.
    pub fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The non-empty cells of row `row`, in column order.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, &Cell)> {
        self.cells
            .range((row, 0)..(row, u32::MAX))
            .map(|((_, c), v)| (*c, v))
    }

    /// The rows that hold at least one cell, in order.
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|(r, _)| *r).collect();
        rows.dedup();
        rows
    }
}

/// A1-style reference of the 0-based (row, column).
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut c = u64::from(col) + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = ((c - 1) % 26) as u8;
        letters.push(char::from(b'A' + r));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        u64::from(row) + 1
    )
}

/// Read sheet `sheet` of `wb` (the workbook at `path`, for messages) cell
/// by cell within `bounds`.
pub fn read<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    path: &Path,
    sheet: &str,
    bounds: Bounds,
) -> Result<SparseSheet, ImportError> {
    let err = |cell: Option<String>, message: String| ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        cell,
        message,
    };
    // calamine 0.31 subtracts the corners of the sheet's declared
    // dimension unchecked (`get_dimension`): a reversed one (`A6:C3`)
    // overflows, a panic where overflow checks are on. Found by the
    // `xlsx_sheet` fuzz target.
    let mut reader = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let wb = wb; // moved, so the reader may keep the borrow
        wb.worksheet_cells_reader(sheet)
    }))
    .map_err(|_| {
        err(
            None,
            "the sheet's declared dimension is malformed (its end is before its start): re-download the workbook".into(),
        )
    })?
    .map_err(|e| {
        err(
            None,
            format!("cannot read the sheet ({e}): is this the OBR's workbook, unmodified?"),
        )
    })?;
    let mut out = SparseSheet {
        name: sheet.to_string(),
        cells: BTreeMap::new(),
    };
    loop {
        // calamine 0.31 indexes its shared-string table without a check
        // (`cells_reader.rs`, `read_v`): a cell naming a string the
        // workbook does not hold panics inside it. Found by the
        // `xlsx_sheet` fuzz target; caught here and reported as the
        // malformed sheet it is.
        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.next_cell()))
            .map_err(|_| {
                err(
                    None,
                    "the sheet's XML is malformed (a cell refers to a shared string the workbook does not hold): re-download the workbook".into(),
                )
            })?
            .map_err(|e| {
                err(
                    None,
                    format!("the sheet's XML is malformed ({e}): re-download the workbook"),
                )
            })?;
        let Some(cell) = next else { break };
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::Float(v) => Cell::Number(*v),
            DataRef::Int(v) => Cell::Number(*v as f64),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Cell::Text(s.clone())
            }
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Bool(b) => Cell::Text(b.to_string()),
            DataRef::DateTime(d) => Cell::Number(d.as_f64()),
            DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
        };
        if row >= bounds.max_rows || col >= bounds.max_cols {
            return Err(err(
                Some(cell_ref(row, col)),
                format!(
                    "a value outside the area read (rows 1-{}, columns A-{}): this is not the layout of the OBR's workbook",
                    bounds.max_rows,
                    cell_ref(0, bounds.max_cols.saturating_sub(1)).trim_end_matches('1')
                ),
            ));
        }
        if out.cells.len() >= bounds.max_cells {
            return Err(err(
                Some(cell_ref(row, col)),
                format!(
                    "more than {} cells with values: this is not the layout of the OBR's workbook",
                    bounds.max_cells
                ),
            ));
        }
        out.cells.insert((row, col), value);
    }
    Ok(out)
}

/// Read sheet `sheet` cell by cell within `bounds` into a dense calamine
/// range, for the importers written against ranges. The range spans only
/// the cells really present (at most `bounds.max_rows` ×
/// `bounds.max_cols`), never the sheet's declared dimension, so a
/// workbook claiming A1:XFD1048576 costs what it holds, or is refused.
pub fn read_range<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    path: &Path,
    sheet: &str,
    bounds: Bounds,
) -> Result<calamine::Range<calamine::Data>, ImportError> {
    let sparse = read(wb, path, sheet, bounds)?;
    let cells: Vec<calamine::Cell<calamine::Data>> = sparse
        .cells
        .into_iter()
        .map(|((r, c), v)| {
            let data = match v {
                Cell::Text(s) => calamine::Data::String(s),
                Cell::Number(x) => calamine::Data::Float(x),
            };
            calamine::Cell::new((r, c), data)
        })
        .collect();
    Ok(calamine::Range::from_sparse(cells))
}

/// Open an .xlsx workbook for cell-by-cell reading; `what` says which
/// publication it should be, for the message.
pub fn open(
    path: &Path,
    sheet: &str,
    what: &str,
) -> Result<Xlsx<std::io::BufReader<std::fs::File>>, ImportError> {
    calamine::open_workbook::<Xlsx<_>, _>(path).map_err(|e| ImportError::Sheet {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        cell: None,
        message: format!("cannot open the workbook ({e}): re-download {what}"),
    })
}

/// The fuzz targets' workbook builder, for the reader's tests.
#[cfg(test)]
#[path = "../../../fuzz/fuzz_targets/zip_stored.rs"]
mod zip_stored;

#[cfg(test)]
mod tests {
    use super::*;

    use super::zip_stored;

    /// The `xlsx_sheet` fuzz target's first find: a cell naming shared
    /// string 0 of an empty table panicked inside calamine; it is now a
    /// malformed-sheet error.
    #[test]
    fn a_missing_shared_string_is_an_error_not_a_panic() {
        let sheet =
            include_bytes!("../../../fuzz/regressions/xlsx_sheet/shared_string_out_of_range.xml");
        let bytes = zip_stored::workbook(sheet, zip_stored::NO_STRINGS);
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let bounds = Bounds {
            max_rows: 10,
            max_cols: 10,
            max_cells: 100,
        };
        let e = read(&mut wb, Path::new("w.xlsx"), "4.9", bounds)
            .unwrap_err()
            .to_string();
        assert!(e.contains("shared string") && e.contains("w.xlsx"), "{e}");
    }

    /// Its second: a reversed dimension (`A6:C3`) overflowed inside
    /// calamine where overflow checks are on.
    #[test]
    fn a_reversed_dimension_is_an_error_not_a_panic() {
        let sheet = include_bytes!("../../../fuzz/regressions/xlsx_sheet/reversed_dimension.xml");
        let bytes = zip_stored::workbook(sheet, zip_stored::NO_STRINGS);
        let Ok(mut wb) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) else {
            return; // the mutated bytes may not open at all: nothing to read
        };
        let bounds = Bounds {
            max_rows: 10,
            max_cols: 10,
            max_cells: 100,
        };
        // An error (the dimension, or the malformed XML after it), never a panic.
        assert!(read(&mut wb, Path::new("w.xlsx"), "4.9", bounds).is_err());
    }

    /// Every regression input of the `xlsx_sheet` target (the sheet's XML,
    /// then optionally 0xFF and the shared strings): an error or cells,
    /// never a panic. The cell references and dimensions of these overflow
    /// calamine 0.31's `get_row_column` (`A99999999999`) and `get_dimension`.
    #[test]
    fn every_fuzz_regression_is_an_error_or_cells() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/xlsx_sheet");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let (sheet, strings) = match bytes.iter().position(|b| *b == 0xFF) {
                Some(i) => (&bytes[..i], &bytes[i + 1..]),
                None => (&bytes[..], zip_stored::NO_STRINGS),
            };
            let book = zip_stored::workbook(sheet, strings);
            if let Ok(mut wb) = calamine::Xlsx::new(std::io::Cursor::new(book)) {
                let bounds = Bounds {
                    max_rows: 2_000,
                    max_cols: 100,
                    max_cells: 50_000,
                };
                let _ = read(&mut wb, Path::new("w.xlsx"), "4.9", bounds);
            }
            n += 1;
        }
        assert!(n >= 7, "{n} regression inputs");
    }

    #[test]
    fn references_are_a1_style() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(3, 25), "Z4");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn rows_iterate_in_order() {
        let mut s = SparseSheet::default();
        s.cells.insert((2, 1), Cell::Number(1.0));
        s.cells.insert((0, 3), Cell::Text(" a ".into()));
        s.cells.insert((2, 0), Cell::Text("x".into()));
        assert_eq!(s.rows(), vec![0, 2]);
        let r: Vec<u32> = s.row(2).map(|(c, _)| c).collect();
        assert_eq!(r, vec![0, 1]);
        assert_eq!(s.get(0, 3).and_then(Cell::text), Some("a"));
    }
}
