//! Reproduction of published figures, with stated tolerances.
//!
//! - The EFO years (2025-26..2030-31) must reproduce the OBR's PSND ratio
//!   within 0.05 pp of GDP and PSNB within £0.01bn (hard checks).
//! - The debt-interest response to +1 pp shocks (gilt rates, short rates,
//!   inflation) sustained from the start of 2026-27, as a share of PSND,
//!   must lie within 25 % of the EFO's ready reckoners in each of the five
//!   years (the debt portfolio's inputs come from the DMO, ONS and Bank of
//!   England, not from the reckoners).

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
fn debt_interest_sensitivities_are_within_25_pct_of_the_reckoners() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let rows = ready_reckoners(&s.assumptions, &d).unwrap();
    assert_eq!(rows.len(), 15);
    for r in &rows {
        let ratio = r.ours / r.published;
        assert!(
            (0.75..=1.25).contains(&ratio) && !r.misses(),
            "{}: ours {:.3} vs EFO {:.3} (ratio {ratio:.2})",
            r.item,
            r.ours,
            r.published
        );
    }
}

#[test]
fn primary_spending_start_point_matches_the_frs_file_on_its_denominator() {
    use fiscal::model::reproduce::frs_start_point;
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    let rows = frs_start_point(&p, &d, s.assumptions.horizon.medium_term_end);
    let last = rows.last().unwrap();
    assert_eq!(last.year, s.assumptions.horizon.medium_term_end);
    assert!(!last.misses(), "{last:?}");
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

/// The FSR January 2017 re-run starts where the report did: the November
/// 2016 EFO's 2021-22 (MANIFEST, obr/hofd: PSND 81.56 %, PSNB 0.73 %,
/// receipts 37.05 %, TME 37.78 %, primary spending = TME less public sector
/// debt interest 35.75 % of GDP), each within 0.1 pp (the published figures
/// are rounded to 0.01).
#[test]
fn fsr_2017_starts_from_the_november_2016_efo() {
    let s = Scenario::load(std::path::Path::new("scenarios/published/fsr_2017.toml")).unwrap();
    let d = s.dataset().unwrap();
    let p = project(&s.assumptions, &d).unwrap();
    let y = p.year(fiscal::FiscalYear(2021)).unwrap();
    for (what, published, ours) in [
        ("PSND", 81.56, y.psnd_pct_gdp),
        ("PSNB", 0.73, y.pct_gdp(y.psnb_gbp_bn)),
        ("receipts", 37.05, y.pct_gdp(y.receipts_total_gbp_bn)),
        (
            "TME",
            37.78,
            y.pct_gdp(y.primary_spending_gbp_bn + y.interest_gbp_bn),
        ),
        (
            "primary spending",
            35.75,
            y.pct_gdp(y.primary_spending_gbp_bn),
        ),
    ] {
        assert!(
            (ours - published).abs() < 0.1 && (ours - published).abs() < 0.006,
            "{what}: ours {ours:.3} vs the EFO's {published}"
        );
    }
    // The report's own split of that start point is what the scenario sets.
    assert!((y.pct_gdp(y.spend(fiscal::model::Spend::Health)) - 6.9).abs() < 1e-9);
}
