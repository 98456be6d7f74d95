//! The `AgeSexTable` loader: any text is a table or an error naming the line,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Err(e) = fiscal::fuzz::age_sex_table(text) {
            let _ = e.to_string();
        }
    }
});
