//! The importers' sheet reader (`data::import::cells`): any sheet XML,
//! wrapped in an otherwise valid workbook, is read cell by cell within the
//! bounds or refused with a message, never a panic and never an allocation
//! from the sheet's declared dimension (a sheet claiming A1:XFD1048576).
//!
//! The input is the sheet's XML, then optionally a 0xFF byte and the
//! shared-strings XML: mutating the XML directly reaches the reader, where
//! mutating a zip's bytes would mostly fail its checksums.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "zip_stored.rs"]
mod zip_stored;

/// Let a panic inside calamine's xlsx reader unwind to the importer,
/// which catches it and reports a malformed sheet (calamine 0.31 indexes
/// its shared strings and subtracts a dimension's corners unchecked: the
/// two finds of this target); any other panic is a crash as usual.
fn let_calamine_panics_unwind() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info.location().is_some_and(|l| {
                l.file().contains("calamine-") && l.file().contains("xlsx")
            });
            if !in_calamine {
                fuzzer(info);
            }
        }));
    });
}

fuzz_target!(|bytes: &[u8]| {
    let_calamine_panics_unwind();
    let (sheet, strings) = match bytes.iter().position(|b| *b == 0xFF) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, zip_stored::NO_STRINGS),
    };
    let workbook = zip_stored::workbook(sheet, strings);
    // The bounds of the OBR tables' importers, and a tight one.
    for (rows, cols, cells) in [(2_000, 100, 50_000), (10, 5, 20)] {
        for r in fiscal::fuzz::xlsx_sheets(&workbook, rows, cols, cells) {
            if let Ok(n) = r {
                assert!(n <= cells);
            }
        }
    }
});
