//! Load and project with a short horizon: any scenario text that loads,
//! edited as the target does, projects to finite numbers or gives an error
//! (`project` refuses what fails validation), never a panic.
#![no_main]

use fiscal::model::project;
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
    let Some(d) = data() else { return };
    let Ok(s) = Scenario::from_text("fuzz.toml", text, None) else {
        return;
    };
    let mut a = s.assumptions;
    // A short horizon keeps each run fast; the cohort-component population
    // has its own target, so the embedded population is used.
    let h = &mut a.horizon;
    let short = FiscalYear(h.medium_term_end.start() + 8);
    if h.end_year > short {
        h.end_year = short;
    }
    for iv in &mut a.intervention {
        if iv.start_year.is_some_and(|y| y > a.horizon.end_year) {
            iv.start_year = Some(a.horizon.end_year);
        }
    }
    a.population = None;
    // `project` validates the edited assumptions itself: refused or
    // projected, never a panic.
    if let Ok(p) = project(&a, d) {
        for y in &p.years {
            assert!(y.psnd_pct_gdp.is_finite(), "{}: PSND not finite", y.year);
        }
    }
});
