//! Bad debt-structure inputs: each is refused with exit 2 and names its field.

use crate::common::bad;

use crate::common::extending_default as scenario;

#[test]
fn real_yield_below_the_floor_is_refused() {
    let (_d, p) = scenario("[debt]\nindex_linked_real_yield_pct = -4.0\n");
    bad(&["run", &p], &["debt.index_linked_real_yield_pct", "floor"]);
}

#[test]
fn qt_path_that_makes_the_floating_share_negative_is_refused() {
    let (_d, p) =
        scenario("[debt]\nqt_path = [{ from = \"2025-26\", reduction_gbp_bn = 150.0 }]\n");
    bad(&["run", &p], &["debt.qt_path", "negative"]);
}

#[test]
fn qt_steps_out_of_order_are_refused() {
    let (_d, p) = scenario(
        "[debt]\nqt_path = [{ from = \"2027-28\", reduction_gbp_bn = 10.0 }, { from = \"2026-27\", reduction_gbp_bn = 0.0 }]\n",
    );
    bad(&["run", &p], &["debt.qt_path[1].from"]);
}

#[test]
fn debt_feedback_out_of_range_is_refused() {
    let (_d, p) = scenario("[rates]\ngilt_rate_debt_feedback_bp_per_10pp = 250.0\n");
    bad(
        &["run", &p],
        &["rates.gilt_rate_debt_feedback_bp_per_10pp", "outside"],
    );
    let (_d, p) = scenario("[rates]\ngilt_rate_debt_feedback_bp_per_10pp = -5.0\n");
    bad(&["run", &p], &["rates.gilt_rate_debt_feedback_bp_per_10pp"]);
}

#[test]
fn fuel_duty_zero_year_inside_the_medium_term_is_refused() {
    let (_d, p) = scenario("[receipts]\nfuel_duty_zero_by = \"2029-30\"\n");
    bad(&["run", &p], &["receipts.fuel_duty_zero_by"]);
}
