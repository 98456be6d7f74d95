//! Checks on assumptions before any computing: ranges, consistency, and rates
//! given in the wrong unit (2.2 where 0.022 was meant, or the reverse).
//!
//! Every problem names the field by its dotted path so that the scenario
//! loader can point at the file and line that set it.

use super::assumptions::Assumptions;

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

struct Check<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, field: &str, message: String) {
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

/// Every problem found in `a` (empty when the assumptions are usable).
pub fn check(a: &Assumptions) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut c = Check {
        problems: &mut problems,
    };
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
    let e = &a.economy;
    c.num(
        "economy.productivity_growth_pct",
        e.productivity_growth_pct,
        -3.0,
        6.0,
        Unit::Percent,
    );
    c.num(
        "economy.gdp_deflator_growth_pct",
        e.gdp_deflator_growth_pct,
        -3.0,
        15.0,
        Unit::Percent,
    );
    c.num(
        "economy.cpi_inflation_pct",
        e.cpi_inflation_pct,
        -3.0,
        15.0,
        Unit::Percent,
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
        Unit::Percent,
    );
    c.num(
        "economy.centred_gdp_next_year_weight_share",
        e.centred_gdp_next_year_weight_share,
        0.0,
        1.0,
        Unit::Share,
    );
    let r = &a.rates;
    c.num(
        "rates.bank_rate_medium_term_pct",
        r.bank_rate_medium_term_pct,
        -2.0,
        25.0,
        Unit::Percent,
    );
    c.num(
        "rates.gilt_rate_medium_term_pct",
        r.gilt_rate_medium_term_pct,
        -2.0,
        25.0,
        Unit::Percent,
    );
    c.num(
        "rates.bank_rate_long_run_pct",
        r.bank_rate_long_run_pct,
        -2.0,
        25.0,
        Unit::Percent,
    );
    c.num(
        "rates.gilt_rate_long_run_pct",
        r.gilt_rate_long_run_pct,
        -2.0,
        25.0,
        Unit::Percent,
    );
    c.num(
        "rates.convergence_years",
        f64::from(r.convergence_years),
        0.0,
        100.0,
        Unit::Years,
    );
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
    let s = &a.spending;
    c.num(
        "spending.health_other_cost_pressures_start_pp",
        s.health_other_cost_pressures_start_pp,
        -3.0,
        5.0,
        Unit::Points,
    );
    c.num(
        "spending.health_other_cost_pressures_end_pp",
        s.health_other_cost_pressures_end_pp,
        -3.0,
        5.0,
        Unit::Points,
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
        Unit::Points,
    );
    c.num(
        "spending.triple_lock_premium_pp",
        s.triple_lock_premium_pp,
        -3.0,
        5.0,
        Unit::Points,
    );
    if let Some(v) = s.non_age_related_pct_gdp {
        c.num(
            "spending.non_age_related_pct_gdp",
            v,
            0.0,
            60.0,
            Unit::Points,
        );
    }
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
    let steps = &a.state_pension_age.steps;
    if steps.is_empty() {
        c.push("state_pension_age.steps", "the timetable is empty: give at least one step, e.g. { from = \"2025-26\", age_years = 66.0 }".into());
    }
    for (i, st) in steps.iter().enumerate() {
        c.num(
            &format!("state_pension_age.steps[{i}].age_years"),
            st.age_years,
            55.0,
            80.0,
            Unit::Years,
        );
        if i > 0 && st.from <= steps[i - 1].from {
            c.push(
                &format!("state_pension_age.steps[{i}].from"),
                format!(
                    "{} is not after the previous step's {}: list steps in time order",
                    st.from,
                    steps[i - 1].from
                ),
            );
        }
    }
    check_healthy_ageing(&mut c, a);
    check_welfare_cpi_start(&mut c, a);
    check_spa_never_falls(&mut c, a);
    check_spa_link(&mut c, a);
    for (i, iv) in a.intervention.iter().enumerate() {
        check_intervention(&mut c, a, i, iv);
    }
    problems
}

/// The healthy-ageing share is a fraction 0..1.
fn check_healthy_ageing(c: &mut Check<'_>, a: &Assumptions) {
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
fn check_welfare_cpi_start(c: &mut Check<'_>, a: &Assumptions) {
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
fn check_spa_never_falls(c: &mut Check<'_>, a: &Assumptions) {
    let steps = &a.state_pension_age.steps;
    for (i, pair) in steps.windows(2).enumerate() {
        let (before, st) = (&pair[0], &pair[1]);
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
fn check_spa_link(c: &mut Check<'_>, a: &Assumptions) {
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

fn check_intervention(
    c: &mut Check<'_>,
    a: &Assumptions,
    i: usize,
    iv: &crate::model::interventions::Intervention,
) {
    use crate::model::interventions::{Adoption, Target};
    let f = |name: &str| format!("intervention[{i}].{name}");
    if Target::parse(&iv.target).is_none() {
        let keys = Target::keys();
        let hint = crate::scenario::suggest(&iv.target, keys.iter().copied()).map_or_else(
            || format!("lines: {}", keys.join(", ")),
            |s| format!("did you mean `{s}`?"),
        );
        c.push(
            &f("target"),
            format!("`{}` is not a spending or receipts line; {hint}", iv.target),
        );
    }
    if let Some(cl) = &iv.cost_line {
        if crate::model::Spend::from_key(cl).is_none() {
            let keys: Vec<&str> = crate::model::Spend::ALL.iter().map(|s| s.key()).collect();
            let hint = crate::scenario::suggest(cl, keys.iter().copied()).map_or_else(
                || format!("spending lines: {}", keys.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            c.push(
                &f("cost_line"),
                format!("`{cl}` is not a spending line; {hint}"),
            );
        }
    }
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
    c.num(&f("delay_years"), iv.delay_years, 0.0, 50.0, Unit::Years);
    c.num(&f("decay_pct"), iv.decay_pct, 0.0, 100.0, Unit::Points);
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
                c.push(&f("adoption_steepness"), format!("{} must be above 0 (per year; 0.55 takes about 8 years from 10 % to 90 % take-up)", iv.adoption_steepness));
            }
        }
        Adoption::Linear => {
            if !(iv.ramp_years > 0.0 && iv.ramp_years <= 100.0) {
                c.push(
                    &f("ramp_years"),
                    format!(
                        "{} must be above 0 years: the ramp would end before it starts",
                        iv.ramp_years
                    ),
                );
            }
        }
        Adoption::Immediate => {}
    }
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
    if iv.name.trim().is_empty() {
        c.push(&f("name"), "give the intervention a name".into());
    }
    if a.intervention.iter().filter(|o| o.name == iv.name).count() > 1 {
        c.push(
            &f("name"),
            format!(
                "`{}` names more than one intervention: names must be unique",
                iv.name
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
}
