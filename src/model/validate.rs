//! Checks on assumptions before any computing: ranges, consistency, and rates
//! given in the wrong unit (2.2 where 0.022 was meant, or the reverse).
//!
//! Every problem names the field by its dotted path so that the scenario
//! loader can point at the file and line that set it.
//!
//! The checks are small named functions listed in [`RULES`] (on the
//! assumptions alone) and [`DATA_RULES`] (against the data tables the
//! projection will read): to add a validation, write a function and list
//! it. `fiscal check` runs both lists, exactly as `fiscal run` does before
//! projecting.

mod interventions;

use super::assumptions::Assumptions;
use super::suggest::suggest;
use crate::data::Dataset;

/// One problem with the assumptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path of the field, e.g. `economy.cpi_inflation_pct`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// How a numeric field is expressed, for unit-mistake hints.
#[derive(Clone, Copy)]
enum Unit {
    /// Percent, where typical values are well above 0.1 (2.0 means 2 %).
    Percent,
    /// Percentage points or percent of GDP, no unit hint.
    Points,
    /// A fraction 0..1.
    Share,
    /// Years.
    Years,
}

/// Collects problems; the checks push into it.
#[derive(Default)]
pub(crate) struct Check {
    problems: Vec<Problem>,
}

impl Check {
    /// Record a problem with `field`.
    pub(crate) fn push(&mut self, field: &str, message: String) {
        self.problems.push(Problem {
            field: field.to_string(),
            message,
        });
    }

    fn num(&mut self, field: &str, v: f64, min: f64, max: f64, unit: Unit) {
        if !v.is_finite() {
            self.push(field, format!("{v} is not a finite number"));
            return;
        }
        match unit {
            Unit::Percent
                if v != 0.0 && v.abs() < 0.1 && min < v.abs() * 100.0 && v.abs() * 100.0 <= max =>
            {
                return self.push(
                    field,
                    format!("{v} looks like a fraction, but this field is in percent (2.0 means 2 %): write {}", fmt(v * 100.0)),
                );
            }
            Unit::Share if v > 1.0 && v < 2.0 => {
                return self.push(
                    field,
                    format!("{v} is more than 1 (the whole): this field is a fraction 0..1 (0.25 means 25 %)"),
                );
            }
            Unit::Share if v > 1.0 && v <= 100.0 => {
                return self.push(
                    field,
                    format!("{v} looks like a percent, but this field is a fraction 0..1 (0.25 means 25 %): write {}", fmt(v / 100.0)),
                );
            }
            _ => {}
        }
        if v < min || v > max {
            let unit_name = match unit {
                Unit::Percent => " %",
                Unit::Points => "",
                Unit::Share => " (a fraction)",
                Unit::Years => " years",
            };
            self.push(
                field,
                format!("{v} is outside the plausible range {min}..={max}{unit_name}"),
            );
        }
    }
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A check on the assumptions alone.
pub(crate) type Rule = fn(&mut Check, &Assumptions);

/// A check of the assumptions against the data tables.
pub(crate) type DataRule = fn(&mut Check, &Assumptions, &Dataset);

/// Every check on the assumptions alone, in the order they report.
pub(crate) const RULES: &[Rule] = &[
    scenario_name,
    horizon_order,
    economy_ranges,
    rates_ranges,
    debt_structure,
    student_loans,
    check_index_linked_real_yield,
    check_qt_path,
    check_long_run_rates,
    check_intertemporal_end,
    check_fuel_duty_zero_by,
    spending_ranges,
    receipts_ranges,
    state_pension_age_timetable,
    check_spa_never_falls,
    check_spa_link,
    check_healthy_ageing,
    check_welfare_cpi_start,
    population_settings,
    interventions::interventions,
    interventions::appraisals,
    interventions::overlaps,
    interventions::contents_and_correlations,
    uncertainty_settings,
];

/// Every check of the assumptions against the data they run on.
pub(crate) const DATA_RULES: &[DataRule] = &[
    horizon_within_efo,
    horizon_within_population,
    interventions::amounts_within_lines,
    start_point_leaves_other_spending,
];

/// The longest name (scenario or intervention) accepted, in characters: a
/// name is a label in tables and charts, not a description.
pub(crate) const MAX_NAME_CHARS: usize = 200;

/// Intervention names that the outputs use for their own rows.
pub(crate) const RESERVED_NAMES: &[&str] = &["package", "total", "baseline", "base"];

/// Every problem found in `a` (empty when the assumptions are usable).
pub fn check(a: &Assumptions) -> Vec<Problem> {
    let mut c = Check::default();
    for rule in RULES {
        rule(&mut c, a);
    }
    c.problems
}

/// Every problem with running `a` on `data`: years the projection needs
/// that the tables do not have.
pub fn check_data(a: &Assumptions, data: &Dataset) -> Vec<Problem> {
    let mut c = Check::default();
    for rule in DATA_RULES {
        rule(&mut c, a, data);
    }
    c.problems
}

/// A label: not empty, not too long, no control characters (which would
/// corrupt the terminal, SVG and HTML outputs).
fn label(c: &mut Check, field: &str, name: &str) {
    if name.trim().is_empty() {
        c.push(
            field,
            "the name is empty: give a short name (it labels tables and charts)".into(),
        );
        return;
    }
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        c.push(
            field,
            format!("the name is {n} characters long: keep it to {MAX_NAME_CHARS} or fewer (put detail in `description`)"),
        );
    }
    if let Some(ch) = name.chars().find(|ch| is_control(*ch)) {
        c.push(
            field,
            format!("the name contains the control character U+{:04X} ({}): remove it (names are shown in terminals, SVG and HTML)", u32::from(ch), control_kind(ch)),
        );
    }
}

/// A character that must not appear in a name or a description: the C0
/// and C1 controls, the Unicode bidirectional overrides, embeddings and
/// isolates (U+202A..U+202E, U+2066..U+2069, which reorder the text shown
/// around them, as in "Trojan Source"), the invisible marks U+200E, U+200F
/// and U+061C, and the line and paragraph separators (U+2028, U+2029,
/// which break a line where a terminal or CSV reader does not expect it).
pub(crate) fn is_control(ch: char) -> bool {
    ch.is_control()
        || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}')
}

/// What kind of control character `ch` is, for messages.
fn control_kind(ch: char) -> &'static str {
    match ch {
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => "a bidirectional-text control",
        _ => "a control character",
    }
}

fn scenario_name(c: &mut Check, a: &Assumptions) {
    label(c, "name", &a.name);
    if a.description
        .chars()
        .any(|ch| is_control(ch) && ch != '\n' && ch != '\t')
    {
        c.push(
            "description",
            "the description contains a control character: remove it".into(),
        );
    }
}

fn horizon_order(c: &mut Check, a: &Assumptions) {
    let h = &a.horizon;
    if h.medium_term_end < h.base_year {
        c.push(
            "horizon.medium_term_end",
            format!(
                "{} is before the base year {}: it must be the same or later",
                h.medium_term_end, h.base_year
            ),
        );
    }
    if h.end_year < h.medium_term_end {
        c.push(
            "horizon.end_year",
            format!(
                "{} is before the medium-term end {}: it must be the same or later",
                h.end_year, h.medium_term_end
            ),
        );
    }
    if h.vintage.is_empty()
        || !h
            .vintage
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        c.push(
            "horizon.vintage",
            format!(
                "`{}` is not a vintage name: use lowercase letters, digits and `-` (e.g. \"efo-2026-03\")",
                h.vintage
            ),
        );
    }
    if h.base_year.years_until(h.end_year) > 150 {
        c.push(
            "horizon.end_year",
            format!(
                "{} is more than 150 years after the base year: shorten the horizon",
                h.end_year
            ),
        );
    }
}

fn economy_ranges(c: &mut Check, a: &Assumptions) {
    let e = &a.economy;
    let p = Unit::Percent;
    c.num(
        "economy.productivity_growth_pct",
        e.productivity_growth_pct,
        -3.0,
        6.0,
        p,
    );
    c.num(
        "economy.gdp_deflator_growth_pct",
        e.gdp_deflator_growth_pct,
        -3.0,
        15.0,
        p,
    );
    c.num(
        "economy.cpi_inflation_pct",
        e.cpi_inflation_pct,
        -3.0,
        15.0,
        p,
    );
    c.num(
        "economy.rpi_cpi_wedge_pp",
        e.rpi_cpi_wedge_pp,
        -2.0,
        4.0,
        Unit::Points,
    );
    c.num(
        "economy.unemployment_rate_pct",
        e.unemployment_rate_pct,
        0.0,
        30.0,
        p,
    );
    for (field, v) in [
        (
            "economy.spa_rise_employment_effect_men_pp",
            e.spa_rise_employment_effect_men_pp,
        ),
        (
            "economy.spa_rise_employment_effect_women_pp",
            e.spa_rise_employment_effect_women_pp,
        ),
    ] {
        c.num(field, v, 0.0, 30.0, Unit::Points);
    }
    c.num(
        "economy.centred_gdp_next_year_weight_share",
        e.centred_gdp_next_year_weight_share,
        0.0,
        1.0,
        Unit::Share,
    );
}

fn rates_ranges(c: &mut Check, a: &Assumptions) {
    let r = &a.rates;
    let p = Unit::Percent;
    c.num(
        "rates.bank_rate_medium_term_pct",
        r.bank_rate_medium_term_pct,
        -2.0,
        25.0,
        p,
    );
    c.num(
        "rates.gilt_rate_medium_term_pct",
        r.gilt_rate_medium_term_pct,
        -2.0,
        25.0,
        p,
    );
    c.num(
        "rates.bank_rate_long_run_pct",
        r.bank_rate_long_run_pct,
        -2.0,
        25.0,
        p,
    );
    c.num(
        "rates.gilt_rate_long_run_pct",
        r.gilt_rate_long_run_pct,
        -2.0,
        25.0,
        p,
    );
    c.num(
        "rates.convergence_years",
        f64::from(r.convergence_years),
        0.0,
        100.0,
        Unit::Years,
    );
}

fn debt_structure(c: &mut Check, a: &Assumptions) {
    let d = &a.debt;
    c.num(
        "debt.index_linked_share",
        d.index_linked_share,
        0.0,
        1.0,
        Unit::Share,
    );
    c.num(
        "debt.floating_rate_share",
        d.floating_rate_share,
        0.0,
        1.0,
        Unit::Share,
    );
    if d.index_linked_share + d.floating_rate_share > 1.0
        && d.index_linked_share <= 1.0
        && d.floating_rate_share <= 1.0
    {
        c.push(
            "debt.floating_rate_share",
            format!(
                "index-linked ({}) and floating-rate ({}) shares add up to more than 1: the rest of the debt is conventional gilts, so lower one of them",
                d.index_linked_share, d.floating_rate_share
            ),
        );
    }
    c.num(
        "debt.new_issuance_average_maturity_years",
        f64::from(d.new_issuance_average_maturity_years),
        1.0,
        60.0,
        Unit::Years,
    );
    if d.stock_flow_adjustment_pct_gdp.is_some() {
        c.push(
            "debt.stock_flow_adjustment_pct_gdp",
            "this field was split in two: student loans are now modelled as their own flows ([debt.student_loans]), so set `debt.other_stock_flow_pct_gdp` for the rest of the adjustment (or `debt.student_loans.enabled = false` to put it all there)".to_string(),
        );
    }
    if let Some(v) = d.other_stock_flow_pct_gdp {
        c.num(
            "debt.other_stock_flow_pct_gdp",
            v,
            -10.0,
            10.0,
            Unit::Points,
        );
    }
    if let Some(v) = d.other_public_sector_interest_pct_gdp {
        c.num(
            "debt.other_public_sector_interest_pct_gdp",
            v,
            -5.0,
            5.0,
            Unit::Points,
        );
    }
}

/// The student-loan book's settings: year counts and ages in range, each
/// band in order, amounts not negative.
fn student_loans(c: &mut Check, a: &Assumptions) {
    let s = &a.debt.student_loans;
    let counts = [
        ("lending_age_from", s.lending_age_from, 0.0, 100.0),
        ("lending_age_to", s.lending_age_to, 0.0, 100.0),
        (
            "years_to_first_repayment",
            s.years_to_first_repayment,
            0.0,
            20.0,
        ),
        ("repayment_years", s.repayment_years, 1.0, 60.0),
        (
            "existing_book_shortest_years",
            s.existing_book_shortest_years,
            1.0,
            60.0,
        ),
        (
            "existing_book_longest_years",
            s.existing_book_longest_years,
            1.0,
            60.0,
        ),
    ];
    for (field, v, lo, hi) in counts {
        let name = format!("debt.student_loans.{field}");
        c.num(&name, f64::from(v), lo, hi, Unit::Years);
    }
    let bands = [
        (
            "lending_age_to",
            s.lending_age_to,
            "lending_age_from",
            s.lending_age_from,
            "give the student-age band youngest first",
        ),
        (
            "existing_book_longest_years",
            s.existing_book_longest_years,
            "existing_book_shortest_years",
            s.existing_book_shortest_years,
            "give the shortest remaining term first",
        ),
    ];
    for (field, upper, other, lower, fix) in bands {
        if upper < lower {
            c.push(
                &format!("debt.student_loans.{field}"),
                format!("is below {other} ({upper} < {lower}): {fix}"),
            );
        }
    }
    let pp = Unit::Points;
    c.num(
        "debt.student_loans.interest_over_rpi_pp",
        s.interest_over_rpi_pp,
        -5.0,
        10.0,
        pp,
    );
    let amounts = [
        ("opening_asset_gbp_bn", s.opening_asset_gbp_bn, 10_000.0),
        ("new_lending_gbp_bn", s.new_lending_gbp_bn, 1_000.0),
    ];
    for (field, v, hi) in amounts {
        if let Some(v) = v {
            c.num(&format!("debt.student_loans.{field}"), v, 0.0, hi, pp);
        }
    }
}

fn spending_ranges(c: &mut Check, a: &Assumptions) {
    let s = &a.spending;
    let pp = Unit::Points;
    c.num(
        "spending.health_other_cost_pressures_start_pp",
        s.health_other_cost_pressures_start_pp,
        -3.0,
        5.0,
        pp,
    );
    c.num(
        "spending.health_other_cost_pressures_end_pp",
        s.health_other_cost_pressures_end_pp,
        -3.0,
        5.0,
        pp,
    );
    c.num(
        "spending.health_other_cost_pressures_taper_years",
        f64::from(s.health_other_cost_pressures_taper_years),
        0.0,
        150.0,
        Unit::Years,
    );
    c.num(
        "spending.adult_social_care_cost_premium_pp",
        s.adult_social_care_cost_premium_pp,
        -3.0,
        5.0,
        pp,
    );
    c.num(
        "spending.triple_lock_premium_pp",
        s.triple_lock_premium_pp,
        -3.0,
        5.0,
        pp,
    );
    if let Some(v) = s.non_age_related_pct_gdp {
        c.num("spending.non_age_related_pct_gdp", v, 0.0, 60.0, pp);
    }
    for (key, v) in &s.start_point_pct_gdp {
        let field = format!("spending.start_point_pct_gdp.{key}");
        if !super::assumptions::START_POINT_LINES.contains(&key.as_str()) {
            let hint = crate::model::suggest::suggest(
                key,
                super::assumptions::START_POINT_LINES.iter().copied(),
            )
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
            c.push(
                &field,
                format!(
                    "`{key}` is not a line whose start point can be set{hint}: use {}",
                    super::assumptions::START_POINT_LINES.join(", ")
                ),
            );
            continue;
        }
        c.num(&field, *v, 0.0, 30.0, pp);
    }
}

fn receipts_ranges(c: &mut Check, a: &Assumptions) {
    if let Some(v) = a.receipts.other_receipts_pct_gdp {
        c.num(
            "receipts.other_receipts_pct_gdp",
            v,
            0.0,
            60.0,
            Unit::Points,
        );
    }
    c.num(
        "receipts.fuel_duty_change_by_end_pp_gdp",
        a.receipts.fuel_duty_change_by_end_pp_gdp,
        -5.0,
        5.0,
        Unit::Points,
    );
    // A fall of 50 % a year or more is no trend; a negative one (cash
    // growth) is what "hold" is for.
    c.num(
        "receipts.tobacco_duty_cash_decline_pct_a_year",
        a.receipts.tobacco_duty_cash_decline_pct_a_year,
        0.0,
        50.0,
        Unit::Percent,
    );
}

fn state_pension_age_timetable(c: &mut Check, a: &Assumptions) {
    let steps = &a.state_pension_age.steps;
    if steps.is_empty() {
        c.push("state_pension_age.steps", "the timetable is empty: give at least one step, e.g. { from = \"2025-26\", age_years = 66.0 }".into());
    }
    let mut previous = None;
    for (i, st) in steps.iter().enumerate() {
        c.num(
            &format!("state_pension_age.steps[{i}].age_years"),
            st.age_years,
            55.0,
            80.0,
            Unit::Years,
        );
        if let Some(prev) = previous.filter(|p| st.from <= *p) {
            c.push(
                &format!("state_pension_age.steps[{i}].from"),
                format!(
                    "{} is not after the previous step's {prev}: list steps in time order",
                    st.from
                ),
            );
        }
        previous = Some(st.from);
    }
}

fn check_fuel_duty_zero_by(c: &mut Check, a: &Assumptions) {
    if let Some(y) = a.receipts.fuel_duty_zero_by {
        if y <= a.horizon.medium_term_end {
            c.push(
                "receipts.fuel_duty_zero_by",
                format!("{y} is not after the medium term ({}): give a later year, or omit it to hold fuel duty's share of GDP", a.horizon.medium_term_end),
            );
        }
    }
}

fn check_intertemporal_end(c: &mut Check, a: &Assumptions) {
    let h = &a.horizon;
    if let Some(y) = h.intertemporal_end_year {
        if y < h.end_year {
            c.push(
                "horizon.intertemporal_end_year",
                format!("{y} is before the end year {}: give a year at or after it (or omit it for the end of the population data)", h.end_year),
            );
        }
    }
}

/// Largest debt feedback on gilt yields accepted, basis points per 10 pp of
/// debt (estimates run from about 10 to 60: docs/model.md).
pub(crate) const GILT_DEBT_FEEDBACK_MAX_BP_PER_10PP: f64 = 100.0;

fn check_long_run_rates(c: &mut Check, a: &Assumptions) {
    let r = &a.rates;
    for (field, v) in [
        (
            "rates.gilt_rate_long_run_over_growth_pp",
            r.gilt_rate_long_run_over_growth_pp,
        ),
        (
            "rates.bank_rate_long_run_over_growth_pp",
            r.bank_rate_long_run_over_growth_pp,
        ),
    ] {
        if let Some(v) = v {
            c.num(field, v, -5.0, 5.0, Unit::Points);
        }
    }
    let fb = r.gilt_rate_debt_feedback_bp_per_10pp;
    if !(0.0..=GILT_DEBT_FEEDBACK_MAX_BP_PER_10PP).contains(&fb) {
        c.push(
            "rates.gilt_rate_debt_feedback_bp_per_10pp",
            format!("{fb} is outside 0..={GILT_DEBT_FEEDBACK_MAX_BP_PER_10PP} basis points per 10 pp of debt (published estimates run from about 10 to 60; 0 switches the feedback off)"),
        );
    }
}

/// Lowest real yield accepted on new index-linked gilts, %: below the most
/// negative long index-linked gilt yields seen (about −2.5 % in late 2021).
pub(crate) const INDEX_LINKED_REAL_YIELD_FLOOR_PCT: f64 = -3.0;

fn check_index_linked_real_yield(c: &mut Check, a: &Assumptions) {
    let v = a.debt.index_linked_real_yield_pct;
    if v.is_finite() && v < INDEX_LINKED_REAL_YIELD_FLOOR_PCT {
        c.push(
            "debt.index_linked_real_yield_pct",
            format!(
                "{v} % is below the floor of {INDEX_LINKED_REAL_YIELD_FLOOR_PCT} % (the most negative long index-linked yields seen were about -2.5 %): raise it"
            ),
        );
        return;
    }
    c.num(
        "debt.index_linked_real_yield_pct",
        v,
        INDEX_LINKED_REAL_YIELD_FLOOR_PCT,
        10.0,
        Unit::Points,
    );
}

/// The QT path must not take QE reserves (the floating debt they are part
/// of) below zero in any projected year.
fn check_qt_path(c: &mut Check, a: &Assumptions) {
    let d = &a.debt;
    c.num(
        "debt.qe_reserves_opening_gbp_bn",
        d.qe_reserves_opening_gbp_bn,
        0.0,
        5000.0,
        Unit::Points,
    );
    for (i, pair) in d.qt_path.windows(2).enumerate() {
        let [prev, st] = pair else { continue };
        let i = i + 1;
        if st.from <= prev.from {
            c.push(
                &format!("debt.qt_path[{i}].from"),
                format!(
                    "{} is not after the previous step's {}: list steps in time order",
                    st.from, prev.from
                ),
            );
        }
    }
    let h = &a.horizon;
    let n = (h.base_year.years_until(h.end_year) + 1).max(0) as usize;
    let path = d.qe_reserves_gbp_bn(h.base_year, n);
    let mut y = h.base_year;
    for v in path {
        if v < -1e-9 {
            c.push(
                "debt.qt_path",
                format!(
                    "the path takes QE reserves to {v:.1} £bn in {y}, making the floating-rate share negative: end the path with a step of reduction_gbp_bn = 0 once the reserves are used up (they start at {} £bn)",
                    d.qe_reserves_opening_gbp_bn
                ),
            );
            return;
        }
        y = y.next();
    }
}

/// The healthy-ageing share is a fraction 0..1.
fn check_healthy_ageing(c: &mut Check, a: &Assumptions) {
    let v = a.spending.health_healthy_ageing_share;
    let field = "spending.health_healthy_ageing_share";
    if v.is_finite() && v > 1.0 && v <= 100.0 {
        c.num(field, v, 0.0, 1.0, Unit::Share);
    } else if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
        c.push(
            field,
            format!("{v} is outside 0..1: 0 keeps the age-cost profile fixed, 1 spends every extra year of life in good health"),
        );
    }
}

/// The first year of CPI-uprated welfare is a long-term year of the horizon.
fn check_welfare_cpi_start(c: &mut Check, a: &Assumptions) {
    let Some(from) = a.spending.welfare_cpi_uprating_from else {
        return;
    };
    let h = &a.horizon;
    if from <= h.medium_term_end || from > h.end_year {
        c.push(
            "spending.welfare_cpi_uprating_from",
            format!(
                "{from} is outside the long-term years of the horizon: give a year from {} to {}",
                h.medium_term_end.next(),
                h.end_year
            ),
        );
    }
}

/// The State Pension age timetable may rise or stay, never fall.
fn check_spa_never_falls(c: &mut Check, a: &Assumptions) {
    let steps = &a.state_pension_age.steps;
    for (i, pair) in steps.windows(2).enumerate() {
        let [before, st] = pair else { continue };
        if st.age_years < before.age_years {
            c.push(
                &format!("state_pension_age.steps[{}].age_years", i + 1),
                format!(
                    "{} in {} is below {} in {}: the State Pension age path may not fall; give a step at least as high as the one before",
                    fmt(st.age_years),
                    st.from,
                    fmt(before.age_years),
                    before.from
                ),
            );
        }
    }
}

/// The life-expectancy link: a share of adult life strictly between 0 and
/// 1, an adult-life start age, and a first year inside the horizon.
fn check_spa_link(c: &mut Check, a: &Assumptions) {
    let Some(link) = &a.state_pension_age.link_to_life_expectancy else {
        return;
    };
    let at = "state_pension_age.link_to_life_expectancy";
    c.num(
        &format!("{at}.share_of_adult_life"),
        link.share_of_adult_life,
        0.05,
        0.6,
        Unit::Share,
    );
    c.num(
        &format!("{at}.adult_life_from_age_years"),
        link.adult_life_from_age_years,
        0.0,
        40.0,
        Unit::Years,
    );
    let h = &a.horizon;
    if link.from <= h.base_year || link.from > h.end_year {
        c.push(
            &format!("{at}.from"),
            format!(
                "{} is outside the horizon: give a year after {} and up to {}",
                link.from, h.base_year, h.end_year
            ),
        );
    }
}

/// The `[uncertainty]` overrides: persistence inside (-1, 1), standard
/// deviations non-negative, correlations a valid (positive semi-definite)
/// matrix.
fn uncertainty_settings(c: &mut Check, a: &Assumptions) {
    let Some(u) = &a.uncertainty else { return };
    let before = c.problems.len();
    for (name, sd, rho) in [
        (
            "real_growth",
            u.real_growth_sd_pp,
            u.real_growth_persistence,
        ),
        ("inflation", u.inflation_sd_pp, u.inflation_persistence),
        (
            "interest_rate",
            u.interest_rate_sd_pp,
            u.interest_rate_persistence,
        ),
        (
            "primary_balance",
            u.primary_balance_sd_pp,
            u.primary_balance_persistence,
        ),
    ] {
        if let Some(v) = sd {
            shock_sd(c, &format!("uncertainty.{name}_sd_pp"), v);
        }
        if let Some(v) = rho {
            unit_interval(
                c,
                &format!("uncertainty.{name}_persistence"),
                v,
                "a persistence",
            );
        }
    }
    for (i, row) in u.correlation.iter().flatten().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let field = format!("uncertainty.correlation[{i}][{j}]");
            unit_interval(c, &field, *v, "a correlation");
        }
    }
    // The joint checks (a positive semi-definite correlation) only when
    // every value is plausible on its own, so one slip gives one message.
    if c.problems.len() == before {
        for (field, message) in u.problems() {
            c.push(&field, message);
        }
    }
}

/// Largest plausible standard deviation of a yearly shock, pp: the
/// estimates from UK history (data/shocks.csv) are 0.5 to 3 pp.
pub(crate) const MAX_SHOCK_SD_PP: f64 = 10.0;

/// A shock's standard deviation: 0..=[`MAX_SHOCK_SD_PP`] percentage points,
/// with a hint when it looks like basis points or a fraction.
fn shock_sd(c: &mut Check, field: &str, v: f64) {
    if !v.is_finite() {
        return c.push(field, format!("{v} is not a finite number: give a standard deviation in percentage points, e.g. 1.5"));
    }
    if v > MAX_SHOCK_SD_PP && v <= 1000.0 {
        return c.push(
            field,
            format!(
                "{v} pp is outside the plausible range 0..={MAX_SHOCK_SD_PP}: it looks like basis points, but this field is in percentage points (1.5 means 1.5 pp): write {}",
                fmt(v / 100.0)
            ),
        );
    }
    if !(0.0..=MAX_SHOCK_SD_PP).contains(&v) {
        c.push(
            field,
            format!("{v} pp is outside the plausible range 0..={MAX_SHOCK_SD_PP} (UK history gives 0.5 to 3 pp): give a standard deviation in percentage points"),
        );
    }
}

/// A persistence or correlation: inside -1..=1, with a hint when it looks
/// like a percent.
fn unit_interval(c: &mut Check, field: &str, v: f64, what: &str) {
    if !v.is_finite() {
        return c.push(
            field,
            format!("{v} is not a finite number: give {what} between -1 and 1"),
        );
    }
    if v.abs() >= 2.0 && v.abs() <= 100.0 {
        return c.push(
            field,
            format!("{v} looks like a percent, but {what} lies between -1 and 1 (0.5, not 50): write {}", fmt(v / 100.0)),
        );
    }
    if v.abs() > 1.0 {
        c.push(
            field,
            format!("{v} is outside -1..1: give {what} between -1 and 1"),
        );
    }
}

/// Ranges of the `[population]` settings, with a unit-slip hint for
/// migration given in thousands.
fn population_settings(c: &mut Check, a: &Assumptions) {
    let Some(p) = &a.population else { return };
    let f = |name: &str| format!("population.{name}");
    // The ranges are the settings' own (one list, in `demography::settings`).
    for (name, v, (lo, hi), _) in p.ranged() {
        c.num(&f(name), v, lo, hi, Unit::Points);
    }
    if let Some(v) = p.net_migration_persons {
        migration(c, &f("net_migration_persons"), v);
    }
    for (name, year) in [
        ("tfr_target_year", p.tfr_target_year),
        ("life_expectancy_target_year", p.life_expectancy_target_year),
        ("net_migration_from_year", p.net_migration_from_year),
    ] {
        if let Some(y) = year.filter(|y| !(2000..=2300).contains(y)) {
            c.push(
                &f(name),
                format!("{y} is not a calendar year from 2000 to 2300"),
            );
        }
    }
    for (year, v) in p.net_migration_persons_by_year.iter().flatten() {
        migration(
            c,
            &format!("population.net_migration_persons_by_year.{year}"),
            *v,
        );
        if year.trim().parse::<i32>().is_err() {
            c.push(
                &format!("population.net_migration_persons_by_year.{year}"),
                format!(
                    "`{year}` is not a calendar year from 2000 to 2300: write keys like \"2030\""
                ),
            );
        }
    }
}

/// Net migration in persons a year; a small non-zero number is most likely
/// thousands.
fn migration(c: &mut Check, field: &str, v: f64) {
    if v != 0.0 && v.abs() < 1000.0 {
        return c.push(
            field,
            format!(
                "{v} persons a year looks like thousands (this field counts persons): write {}",
                fmt(v * 1000.0)
            ),
        );
    }
    let m = crate::model::demography::settings::MAX_NET_MIGRATION_PERSONS;
    c.num(field, v, -m, m, Unit::Points);
}

/// The EFO must hold the year before the base year (opening debt) and every
/// year through the medium-term end (the projection follows it exactly).
fn horizon_within_efo(c: &mut Check, a: &Assumptions, data: &Dataset) {
    let h = &a.horizon;
    let years = data.efo.years("fiscal.psnd");
    let (Some(first), Some(last)) = (years.first().copied(), years.last().copied()) else {
        return c.push(
            "horizon.base_year",
            format!(
                "the EFO table {} has no `fiscal.psnd` series: re-run `fiscal data import`",
                data.efo.source
            ),
        );
    };
    let gdp_years = data.efo.years("macro.nominal_gdp");
    let last = gdp_years.last().copied().map_or(last, |g| g.min(last));
    if h.base_year.prev() < first || h.base_year > last {
        c.push(
            "horizon.base_year",
            format!(
                "{} needs the EFO's debt at the end of {} (vintage `{}`), but its table covers {first}..{last}: set a base year from {} to {last}",
                h.base_year,
                h.base_year.prev(),
                h.vintage,
                first.next()
            ),
        );
    }
    if h.medium_term_end < first.next() || h.medium_term_end > last {
        c.push(
            "horizon.medium_term_end",
            format!(
                "{} is outside the EFO years {first}..{last} (vintage `{}`): the medium term follows the vintage, so set it within them (usually {last})",
                h.medium_term_end, h.vintage
            ),
        );
    }
}

/// A start point (`[spending] start_point_pct_gdp`) must leave
/// non-age-related spending, the residual of TME after interest and the
/// age-related lines, above zero in the last medium-term year.
fn start_point_leaves_other_spending(c: &mut Check, a: &Assumptions, data: &Dataset) {
    if a.spending.start_point_pct_gdp.is_empty() {
        return;
    }
    let y = a.horizon.medium_term_end;
    let Ok(gdp) = data.efo.get("macro.nominal_gdp", y) else {
        return; // reported by horizon_within_efo
    };
    let start = super::engine::StartPoint::of(a);
    let Ok((spend, _)) = super::engine::efo_year_lines(data, y, gdp, &start) else {
        return;
    };
    let Some(other) = spend
        .get(super::lines::Spend::NonAgeRelated as usize)
        .copied()
    else {
        return;
    };
    if other <= 0.0 {
        c.push(
            "spending.start_point_pct_gdp",
            format!(
                "these shares leave non-age-related spending at {:.1} % of GDP in {y} (it is TME less interest less the age-related lines): the shares are too large for vintage `{}`",
                100.0 * other / gdp,
                a.horizon.vintage
            ),
        );
    }
}

/// The population must cover every mid-year from the base year to one year
/// past the end (GDP centred on end-March needs the next year).
fn horizon_within_population(c: &mut Check, a: &Assumptions, data: &Dataset) {
    let h = &a.horizon;
    let pop = &data.population;
    let (first, last) = (pop.first_year, pop.last_year());
    if h.base_year.start() < first {
        c.push(
            "horizon.base_year",
            format!(
                "{} is before the population `{}` starts (mid-{first}): set a later base year",
                h.base_year, pop.source
            ),
        );
    }
    if h.end_year.start() + 1 > last {
        c.push(
            "horizon.end_year",
            format!(
                "{} needs the population in mid-{}, but `{}` ends in mid-{last}: set end_year to {} or earlier, or supply a longer projection",
                h.end_year,
                h.end_year.start() + 1,
                pop.source,
                crate::years::FiscalYear(last - 1)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Assumptions {
        toml::from_str(include_str!("../../scenarios/baseline.toml")).unwrap()
    }

    #[test]
    fn baseline_is_clean() {
        assert_eq!(check(&base()), vec![]);
    }

    #[test]
    fn flags_fraction_for_percent_and_percent_for_share() {
        let mut a = base();
        a.economy.cpi_inflation_pct = 0.02;
        a.debt.index_linked_share = 24.0;
        let p = check(&a);
        assert!(
            p.iter()
                .any(|p| p.field == "economy.cpi_inflation_pct" && p.message.contains("write 2")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|p| p.field == "debt.index_linked_share" && p.message.contains("write 0.24")),
            "{p:?}"
        );
    }

    #[test]
    fn flags_out_of_order_horizon_and_spa() {
        let mut a = base();
        a.horizon.end_year = crate::FiscalYear(2020);
        a.state_pension_age.steps.swap(0, 1);
        let p = check(&a);
        assert!(p.iter().any(|p| p.field == "horizon.end_year"));
        assert!(p
            .iter()
            .any(|p| p.field.starts_with("state_pension_age.steps[1]")));
    }

    #[test]
    fn data_rules_name_the_horizon_field() {
        let d = Dataset::embedded().unwrap();
        assert_eq!(check_data(&base(), &d), vec![]);
        let mut a = base();
        a.horizon.end_year = crate::FiscalYear(2130);
        let p = check_data(&a, &d);
        assert!(p.iter().any(|p| p.field == "horizon.end_year"), "{p:?}");
        let mut a = base();
        a.horizon.medium_term_end = crate::FiscalYear(2040);
        let p = check_data(&a, &d);
        assert!(
            p.iter().any(|p| p.field == "horizon.medium_term_end"),
            "{p:?}"
        );
    }
}
