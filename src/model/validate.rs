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

use super::assumptions::Assumptions;
use super::interventions::{Adoption, Intervention, Target};
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
pub struct Check {
    problems: Vec<Problem>,
}

impl Check {
    /// Record a problem with `field`.
    pub fn push(&mut self, field: &str, message: String) {
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
pub type Rule = fn(&mut Check, &Assumptions);

/// A check of the assumptions against the data tables.
pub type DataRule = fn(&mut Check, &Assumptions, &Dataset);

/// Every check on the assumptions alone, in the order they report.
pub const RULES: &[Rule] = &[
    scenario_name,
    horizon_order,
    economy_ranges,
    rates_ranges,
    debt_structure,
    spending_ranges,
    receipts_ranges,
    state_pension_age_timetable,
    population_settings,
    interventions,
];

/// Every check of the assumptions against the data they run on.
pub const DATA_RULES: &[DataRule] = &[
    horizon_within_efo,
    horizon_within_population,
    intervention_amounts_within_lines,
];

/// Largest net migration accepted, persons a year either way: about twice
/// the highest UK figure on record (906,000 in the year to June 2023, ONS).
pub const MAX_NET_MIGRATION_PERSONS: f64 = 2.0e6;

/// The longest name (scenario or intervention) accepted, in characters: a
/// name is a label in tables and charts, not a description.
pub const MAX_NAME_CHARS: usize = 200;

/// Intervention names that the outputs use for their own rows.
pub const RESERVED_NAMES: &[&str] = &["package", "total", "baseline", "base"];

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
    if let Some(ch) = name.chars().find(|ch| ch.is_control()) {
        c.push(
            field,
            format!("the name contains the control character U+{:04X}: remove it (names are shown in terminals, SVG and HTML)", u32::from(ch)),
        );
    }
}

fn scenario_name(c: &mut Check, a: &Assumptions) {
    label(c, "name", &a.name);
    if a.description
        .chars()
        .any(|ch| ch.is_control() && ch != '\n' && ch != '\t')
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
        "debt.index_linked_real_coupon_pct",
        d.index_linked_real_coupon_pct,
        -3.0,
        10.0,
        Unit::Points,
    );
    c.num(
        "debt.new_issuance_average_maturity_years",
        f64::from(d.new_issuance_average_maturity_years),
        1.0,
        60.0,
        Unit::Years,
    );
    c.num(
        "debt.stock_flow_adjustment_pct_gdp",
        d.stock_flow_adjustment_pct_gdp,
        -10.0,
        10.0,
        Unit::Points,
    );
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

/// Ranges of the `[population]` settings, with a unit-slip hint for
/// migration given in thousands.
fn population_settings(c: &mut Check, a: &Assumptions) {
    let Some(p) = &a.population else { return };
    let f = |name: &str| format!("population.{name}");
    let ranges = [
        ("tfr_children_per_woman", p.tfr_children_per_woman, 0.5, 5.0),
        (
            "life_expectancy_shift_years",
            p.life_expectancy_shift_years,
            -30.0,
            30.0,
        ),
        (
            "mortality_improvement_scale",
            p.mortality_improvement_scale,
            -3.0,
            10.0,
        ),
        ("net_migration_scale", p.net_migration_scale, 0.0, 10.0),
        (
            "sex_ratio_males_per_female",
            p.sex_ratio_males_per_female,
            0.8,
            1.3,
        ),
    ];
    for (name, v, lo, hi) in ranges {
        if let Some(v) = v {
            c.num(&f(name), v, lo, hi, Unit::Points);
        }
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
    let m = MAX_NET_MIGRATION_PERSONS;
    c.num(field, v, -m, m, Unit::Points);
}

fn interventions(c: &mut Check, a: &Assumptions) {
    for (i, iv) in a.intervention.iter().enumerate() {
        let f = |name: &str| format!("intervention[{i}].{name}");
        intervention_lines(c, &f, iv);
        intervention_amounts(c, &f, iv);
        intervention_adoption(c, &f, iv);
        intervention_timing(c, &f, a, iv);
        intervention_name(c, &f, a, i, iv);
    }
}

/// "did you mean" for a line key, or the list of keys.
fn line_hint(word: &str, keys: &[&str], what: &str) -> String {
    suggest(word, keys.iter().copied()).map_or_else(
        || format!("{what}: {}", keys.join(", ")),
        |s| format!("did you mean `{s}`?"),
    )
}

fn intervention_lines(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    if Target::parse(&iv.target).is_none() {
        let hint = line_hint(&iv.target, &Target::keys(), "lines");
        c.push(
            &f("target"),
            format!("`{}` is not a spending or receipts line; {hint}", iv.target),
        );
    }
    if let Some(cl) = &iv.cost_line {
        if crate::model::Spend::from_key(cl).is_none() {
            let keys: Vec<&str> = crate::model::Spend::ALL.iter().map(|s| s.key()).collect();
            let hint = line_hint(cl, &keys, "spending lines");
            c.push(
                &f("cost_line"),
                format!("`{cl}` is not a spending line; {hint}"),
            );
        }
    }
}

fn intervention_amounts(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    for (name, v) in [
        ("saving_share", iv.saving_share),
        ("take_up_cap_share", iv.take_up_cap_share),
        ("refresh_cost_share", iv.refresh_cost_share),
        ("benefit_haircut_share", iv.benefit_haircut_share),
        (
            "probability_of_success_share",
            iv.probability_of_success_share,
        ),
        ("cashable_share", iv.cashable_share),
    ] {
        c.num(&f(name), v, 0.0, 1.0, Unit::Share);
    }
    if let Some(v) = iv.sub_line_share {
        c.num(&f("sub_line_share"), v, 0.0, 1.0, Unit::Share);
    }
    if iv.sub_line_share.is_some() && iv.sub_line_gbp_bn.is_some() {
        c.push(
            &f("sub_line_gbp_bn"),
            "give the sub-line as a share of the target or as £bn, not both".into(),
        );
    }
    for (name, v) in [
        (
            "optimism_bias_cost_uplift_share",
            iv.optimism_bias_cost_uplift_share,
        ),
        (
            "optimism_bias_duration_uplift_share",
            iv.optimism_bias_duration_uplift_share,
        ),
    ] {
        c.num(&f(name), v, 0.0, 5.0, Unit::Points);
    }
    for (name, v) in [
        ("sub_line_gbp_bn", iv.sub_line_gbp_bn.unwrap_or(0.0)),
        ("saving_gbp_bn", iv.saving_gbp_bn),
        ("upfront_cost_gbp_bn", iv.upfront_cost_gbp_bn),
        ("running_cost_gbp_bn", iv.running_cost_gbp_bn),
    ] {
        c.num(&f(name), v, 0.0, 1000.0, Unit::Points);
    }
    c.num(
        &f("productivity_growth_pp"),
        iv.productivity_growth_pp,
        -5.0,
        5.0,
        Unit::Points,
    );
    c.num(&f("decay_pct"), iv.decay_pct, 0.0, 100.0, Unit::Points);
    if iv.saving_share == 0.0
        && iv.saving_gbp_bn == 0.0
        && iv.productivity_growth_pp == 0.0
        && iv.upfront_cost_gbp_bn == 0.0
        && iv.running_cost_gbp_bn == 0.0
    {
        c.push(&f("saving_share"), "the intervention changes nothing: set saving_share, saving_gbp_bn or productivity_growth_pp (and its costs)".into());
    }
    if iv.productivity_growth_pp != 0.0 && iv.productivity_years == 0 {
        c.push(
            &f("productivity_years"),
            "productivity_growth_pp needs productivity_years above 0".into(),
        );
    }
}

fn intervention_adoption(c: &mut Check, f: &dyn Fn(&str) -> String, iv: &Intervention) {
    match iv.adoption {
        Adoption::Logistic => {
            c.num(
                &f("adoption_midpoint_years"),
                iv.adoption_midpoint_years,
                0.0,
                60.0,
                Unit::Years,
            );
            if !(iv.adoption_steepness > 0.0 && iv.adoption_steepness <= 20.0) {
                c.push(&f("adoption_steepness"), format!("{} must be above 0 and at most 20 (per year; 0.55 takes about 8 years from 10 % to 90 % take-up)", iv.adoption_steepness));
            }
        }
        Adoption::Linear => {
            if !(iv.ramp_years > 0.0 && iv.ramp_years <= 100.0) {
                c.push(
                    &f("ramp_years"),
                    format!(
                        "{} must be above 0 and at most 100 years: a ramp of 0 would end before it starts",
                        iv.ramp_years
                    ),
                );
            }
        }
        Adoption::Immediate => {}
    }
}

fn intervention_timing(
    c: &mut Check,
    f: &dyn Fn(&str) -> String,
    a: &Assumptions,
    iv: &Intervention,
) {
    c.num(&f("delay_years"), iv.delay_years, 0.0, 50.0, Unit::Years);
    let h = &a.horizon;
    if iv.start_year < h.base_year || iv.start_year > h.end_year {
        c.push(
            &f("start_year"),
            format!(
                "{} is outside the projection {}..{}",
                iv.start_year, h.base_year, h.end_year
            ),
        );
    }
    if let Some(end) = iv.end_year {
        if end < iv.start_year {
            c.push(
                &f("end_year"),
                format!(
                    "{end} is before start_year {}: the adoption curve would end before it starts",
                    iv.start_year
                ),
            );
        }
    }
}

fn intervention_name(
    c: &mut Check,
    f: &dyn Fn(&str) -> String,
    a: &Assumptions,
    i: usize,
    iv: &Intervention,
) {
    label(c, &f("name"), &iv.name);
    for (field, text) in [
        ("description", Some(&iv.description)),
        ("sub_line", iv.sub_line.as_ref()),
    ] {
        if text.is_some_and(|t| {
            t.chars()
                .any(|ch| ch.is_control() && ch != '\n' && ch != '\t')
        }) {
            c.push(&f(field), "contains a control character: remove it".into());
        }
    }
    if RESERVED_NAMES.contains(&iv.name.trim().to_lowercase().as_str()) {
        c.push(
            &f("name"),
            format!(
                "`{}` is reserved for the outputs' own rows ({}): choose another name",
                iv.name,
                RESERVED_NAMES.join(", ")
            ),
        );
    }
    let same = |o: &Intervention| o.name.trim().eq_ignore_ascii_case(iv.name.trim());
    if let Some(first) = a.intervention.iter().position(same).filter(|f| *f < i) {
        c.push(
            &f("name"),
            format!(
                "`{}` already names intervention[{first}]: names must be unique (they label rows and chart series)",
                iv.name
            ),
        );
    }
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
                "{} needs the EFO's debt at the end of {}, but the EFO table covers {first}..{last}: set a base year from {} to {last}",
                h.base_year,
                h.base_year.prev(),
                first.next()
            ),
        );
    }
    if h.medium_term_end < first.next() || h.medium_term_end > last {
        c.push(
            "horizon.medium_term_end",
            format!(
                "{} is outside the EFO years {first}..{last}: the medium term follows the EFO, so set it within them (usually {last})",
                h.medium_term_end
            ),
        );
    }
}

/// A saving or sub-line in £bn cannot exceed the whole line it comes from
/// (in the base year): a bigger number is most likely in £m or a total
/// over several years.
fn intervention_amounts_within_lines(c: &mut Check, a: &Assumptions, data: &Dataset) {
    let y = a.horizon.base_year;
    let Ok(gdp) = data.efo.get("macro.nominal_gdp", y) else {
        return; // reported by horizon_within_efo
    };
    let Ok((spend, receipts)) = super::engine::efo_year_lines(data, y, gdp) else {
        return;
    };
    for (i, iv) in a.intervention.iter().enumerate() {
        let line_gbp_bn = match Target::parse(&iv.target) {
            Some(Target::Spend(s)) => spend.get(s as usize).copied(),
            Some(Target::Receipt(r)) => receipts.get(r as usize).copied(),
            None => None,
        };
        let Some(line_gbp_bn) = line_gbp_bn.filter(|v| v.is_finite() && *v > 0.0) else {
            continue;
        };
        for (name, v) in [
            ("saving_gbp_bn", iv.saving_gbp_bn),
            ("sub_line_gbp_bn", iv.sub_line_gbp_bn.unwrap_or(0.0)),
        ] {
            if v > line_gbp_bn {
                c.push(
                    &format!("intervention[{i}].{name}"),
                    format!(
                        "£{} bn a year is more than the whole `{}` line (£{:.1} bn in {y}): give the amount in £bn a year (not £m, not a total over several years)",
                        fmt(v),
                        iv.target,
                        line_gbp_bn
                    ),
                );
            }
        }
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
