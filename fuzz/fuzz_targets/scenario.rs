//! Scenario parsing and validation: any text is an error or a valid
//! scenario, never a panic, and a valid scenario passes the checks against
//! the embedded data without a panic either.
#![no_main]

use fiscal::model::validate;
use fiscal::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::data;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // No folder: relative `extends` would resolve from the working
    // directory, so only the embedded default and absolute paths are reached.
    match Scenario::from_text("fuzz.toml", text, None) {
        Ok(s) => {
            if let Some(d) = data() {
                let _ = validate::check_data(&s.assumptions, d);
            }
        }
        Err(e) => {
            assert!(!e.diagnostics().is_empty());
            let _ = e.to_string();
        }
    }
});
