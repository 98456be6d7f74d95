//! The population loaders (the wide `sex,age,<year>...` table and the ONS
//! open-data CSV): any text is a table or an error naming the line, never a
//! panic, and a table that loads has only finite, plausible counts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(t) = fiscal::fuzz::population_table(text) {
        assert!(fiscal::fuzz::persons(&t).all(|v| v.is_finite() && v >= 0.0));
    }
    if let Ok(t) = fiscal::fuzz::ons_opendata(text) {
        assert!(fiscal::fuzz::persons(&t).all(|v| v.is_finite() && v >= 0.0));
    }
});
