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

/// The FRS 2026 age-related lines that the method reaches from independent
/// evidence (health with healthy ageing, adult social care, other welfare
/// with pensioner benefits) within 0.3 pp of GDP at every published year to
/// 2075-76; the others are reported with their gaps in docs/model.md.
#[test]
fn frs_lines_meet_their_hard_checks() {
    use fiscal::model::reproduce::{frs_paths, FRS_LINE_TOLERANCE_PP};
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    let rows = frs_paths(&p, &d, s.assumptions.horizon.medium_term_end);
    let hard: Vec<_> = rows.iter().filter(|r| r.tolerance.is_some()).collect();
    // Three lines at five published years (2035-36 .. 2075-76).
    assert_eq!(hard.len(), 15, "{hard:#?}");
    assert!(hard
        .iter()
        .all(|r| r.tolerance == Some(FRS_LINE_TOLERANCE_PP)));
    let misses: Vec<_> = hard.iter().filter(|r| r.misses()).collect();
    assert!(misses.is_empty(), "{misses:#?}");
}
