//! Student loans as their own flows: the book behind the stock-flow
//! adjustment after the medium term (docs/model.md, "Student loans").

use crate::common::{bad, baseline};

use crate::common::extending_default as scenario;
use fiscal::model::{project, Phase};

#[test]
fn the_adjustment_is_the_change_in_the_asset_plus_the_rest() {
    let (mut a, d) = baseline();
    a.debt.other_stock_flow_pct_gdp = Some(0.1);
    let p = project(&a, &d).unwrap();
    let mut prev: Option<f64> = None;
    for y in &p.years {
        if let (Some(before), Phase::Projection) = (prev, y.phase) {
            let loans = y.student_loans_gbp_bn - before;
            let other = 0.1 * y.gdp_gbp_bn / 100.0;
            assert!(
                (y.stock_flow_gbp_bn - loans - other).abs() < 1e-9,
                "{}",
                y.year
            );
        }
        prev = Some(y.student_loans_gbp_bn);
    }
}

#[test]
fn the_book_starts_from_the_ons_asset_and_grows() {
    let (a, d) = baseline();
    let p = project(&a, &d).unwrap();
    let first = &p.years[0];
    // ONS J6GI, end-March 2025: £146.1bn; 2025-26 adds about a year's
    // net lending (£15-25bn).
    let added = first.student_loans_gbp_bn - 146.065;
    assert!((15.0..25.0).contains(&added), "{added}");
    let last = p.years.last().unwrap();
    assert!(last.student_loans_gbp_bn / last.gdp_centred_gbp_bn > 0.07);
}

#[test]
fn without_the_book_the_efo_share_is_held_and_the_asset_is_zero() {
    let (mut a, d) = baseline();
    a.debt.student_loans.enabled = false;
    let p = project(&a, &d).unwrap();
    let t = p
        .years
        .iter()
        .position(|y| y.phase == Phase::Projection)
        .unwrap();
    let share = p.years[t - 1].stock_flow_gbp_bn / p.years[t - 1].gdp_gbp_bn;
    for y in &p.years[t..] {
        assert!((y.stock_flow_gbp_bn / y.gdp_gbp_bn - share).abs() < 1e-12);
        assert_eq!(y.student_loans_gbp_bn, 0.0);
    }
}

#[test]
fn efo_years_are_unchanged_by_the_book() {
    let (mut a, d) = baseline();
    let on = project(&a, &d).unwrap();
    a.debt.student_loans.enabled = false;
    let off = project(&a, &d).unwrap();
    for (x, y) in on.years.iter().zip(&off.years) {
        if x.phase == Phase::Efo {
            assert_eq!(x.psnd_gbp_bn, y.psnd_gbp_bn);
            assert_eq!(x.psnb_gbp_bn, y.psnb_gbp_bn);
        }
    }
}

#[test]
fn more_lending_means_more_debt() {
    let (mut a, d) = baseline();
    let base = project(&a, &d).unwrap();
    a.debt.student_loans.new_lending_gbp_bn = Some(30.0);
    a.debt.other_stock_flow_pct_gdp = Some(0.2);
    let more = project(&a, &d).unwrap();
    a.debt.student_loans.new_lending_gbp_bn = Some(20.0);
    let less = project(&a, &d).unwrap();
    let end = |p: &fiscal::model::Projection| p.years.last().unwrap().psnd_pct_gdp;
    assert!(end(&more) > end(&less));
    assert!(end(&base).is_finite());
}

#[test]
fn the_retired_field_is_refused_with_its_replacement_named() {
    let (_d, p) = scenario("[debt]\nstock_flow_adjustment_pct_gdp = 0.75\n");
    bad(
        &["run", &p],
        &[
            "debt.stock_flow_adjustment_pct_gdp",
            "other_stock_flow_pct_gdp",
        ],
    );
}

#[test]
fn bad_book_settings_are_refused() {
    let (_d, p) = scenario("[debt.student_loans]\nlending_age_from = 25\nlending_age_to = 18\n");
    bad(&["run", &p], &["debt.student_loans.lending_age_to"]);
    let (_d, p) = scenario("[debt.student_loans]\nrepayment_years = 0\n");
    bad(&["run", &p], &["debt.student_loans.repayment_years"]);
    let (_d, p) = scenario(
        "[debt.student_loans]\nexisting_book_shortest_years = 20\nexisting_book_longest_years = 10\n",
    );
    bad(
        &["run", &p],
        &["debt.student_loans.existing_book_longest_years"],
    );
}
