//! Reproduction of published figures, with stated tolerances.
//!
//! - The EFO years (2025-26..2030-31) must reproduce the OBR's PSND ratio
//!   within 0.05 pp of GDP and PSNB within £0.01bn (hard checks).
//! - The debt-interest response to +1 pp shocks (gilt rates, short rates,
//!   inflation) in the five years after the medium term, as a share of PSND,
//!   must lie within a factor of two of the EFO's ready reckoners for its own
//!   first five years. The structures differ (our shares of floating and
//!   index-linked debt are constant; the OBR's reserves shrink with QT), so a
//!   tighter match would mean tuning to the reckoner, which we do not do.

use fiscal::model::project;
use fiscal::model::reproduce::{efo_years, ready_reckoners};
use fiscal::scenario::Scenario;

#[test]
fn efo_years_meet_their_tolerances() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    let rows = efo_years(&p, &d, s.assumptions.horizon.medium_term_end);
    assert_eq!(rows.len(), 12);
    let misses: Vec<_> = rows.iter().filter(|r| r.misses()).collect();
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn debt_interest_sensitivities_are_within_a_factor_of_two_of_the_reckoners() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let rows = ready_reckoners(&s.assumptions, &d).unwrap();
    assert_eq!(rows.len(), 15);
    for r in &rows {
        let ratio = r.ours / r.published;
        assert!(
            (0.5..=2.0).contains(&ratio),
            "{}: ours {:.3} vs EFO {:.3} (ratio {ratio:.2})",
            r.item,
            r.ours,
            r.published
        );
    }
}
