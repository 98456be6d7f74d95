//! The uncertainty specifications: any `[uncertainty]` table (the fan's
//! shock overrides) and any `[intervention.uncertainty]` table (the
//! appraisal's distributions) is refused with located diagnostics or runs:
//! a small fan whose checked percentiles are finite and bracket the central
//! path, and a few appraisal draws, never a panic.
//!
//! The input is the `[uncertainty]` body, then optionally a line `---` and
//! the `[intervention.uncertainty]` body. Each input projects the whole
//! scenario, so an input can take over a minute under the sanitizer on a
//! loaded machine: run with `-timeout=900`.
#![no_main]

use fiscal::data::shocks::ShockTable;
use fiscal::model::uncertainty::{self, Engine, FanOptions};
use fiscal::scenario::Scenario;
use fiscal::FiscalYear;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::data;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (fan_spec, iv_spec) = text.split_once("\n---\n").unwrap_or((text, ""));
    let scenario = format!(
        "name = \"fuzz\"\n[uncertainty]\n{fan_spec}\n[[intervention]]\nname = \"A\"\ntarget = \"health\"\nstart_year = \"2027-28\"\nsaving_share = 0.02\n[intervention.uncertainty]\n{iv_spec}\n"
    );
    let Some(d) = data() else { return };
    let s = match Scenario::from_text("fuzz.toml", &scenario, None) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.diagnostics().is_empty());
            return;
        }
    };
    let mut a = s.assumptions.clone();
    let h = &mut a.horizon;
    let short = FiscalYear(h.medium_term_end.start() + 8);
    if h.end_year > short {
        h.end_year = short;
    }
    a.population = None;
    let Ok(table) = ShockTable::embedded() else { return };
    let opts = FanOptions {
        engine: Engine::Reduced,
        paths: 256,
        seed: 7,
        shock_medium_term: None,
        draw_demography: false,
    };
    if let Ok(fan) = uncertainty::fan(&a, d, &table, &opts, &|_| {}) {
        if uncertainty::check_fan(&fan).is_ok() {
            for year in &fan.summary.percentiles {
                assert!(year.iter().flatten().all(|v| v.is_finite()));
            }
        }
    }
    let mut s = s;
    s.assumptions = a;
    if let Ok(run) = fiscal::Run::project(s) {
        let _ = run.intervention_draws(8, 11, false);
    }
});
