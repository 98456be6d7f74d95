//! A past report re-run on its own inputs ([`super::reports`]): the start
//! point checked against the EFO it started from, the headline against the
//! re-run with the assumptions the scenario file chose, the band over the
//! assumptions the report does not publish, and its other published
//! figures next to ours.

use super::cases::{load_run, refs, tables, used, Run};
use super::reports::{Bound, PastReport};
use super::{BandRow, CaseResult, ReproduceError, Row};
use crate::data::reference::Reference;
use crate::model::{project, Assumptions, Spend, YearResult};
use crate::scenario::Scenario;
use crate::years::FiscalYear;

/// The start point checks: within this of the EFO, pp of GDP (the medium
/// term follows the vintage, so only rounding in the derived series can
/// separate them).
pub const START_POINT_TOLERANCE_PP: f64 = 0.1;
/// The headline: PSND within this of the published figure, pp of GDP.
pub const HEADLINE_TOLERANCE_PP: f64 = 10.0;

/// Load and project the report's scenario.
pub(super) fn load(report: &PastReport, case: &'static str) -> Result<Run, ReproduceError> {
    let s = Scenario::from_text(report.scenario_name, report.scenario_toml, None)
        .map_err(|source| ReproduceError::Scenario { case, source })?;
    load_run(case, s)
}

/// The case's rows, band and notes.
pub(super) fn case(
    report: &PastReport,
    run: &Run,
    out: &mut CaseResult,
) -> Result<(), ReproduceError> {
    out.scenarios.push(used(&run.scenario));
    out.data = tables(&run.data);
    out.data.push((
        "reference",
        "embedded:data/reference/obr_headlines.csv".into(),
    ));
    start_point(report, run, out)?;
    let published = headline(report, out)?;
    band(report, run, published, out)?;
    published_figures(report, run, out)?;
    out.notes.push(format!(
        "The headline PSND is a hard check only once every assumption is cited; {} are not (the band), so it is reported, not enforced. Start point: the EFO's own series (the database's PSND, PSNB, receipts and TME as shares of GDP; primary spending = TME less public sector debt interest, over nominal GDP).",
        report.unknowns.len()
    ));
    Ok(())
}

/// One figure of a year's result, % of GDP.
fn share(y: &YearResult, gbp_bn: f64) -> f64 {
    y.pct_gdp(gbp_bn)
}

/// PSND, PSNB, receipts, TME and primary spending in the last medium-term
/// year against the EFO's (hard checks).
fn start_point(report: &PastReport, run: &Run, out: &mut CaseResult) -> Result<(), ReproduceError> {
    let y0 = report.start_year;
    let efo = &run.data.efo;
    let get = |s: &str| efo.get(s, y0).ok();
    let Some(y) = run.projection.year(y0) else {
        return Ok(());
    };
    let (Some(gdp), Some(tme), Some(interest)) = (
        get("macro.nominal_gdp"),
        get("spending.tme"),
        get("spending.debt_interest"),
    ) else {
        return Ok(());
    };
    let rows = [
        (
            "PSND (start point, vs the EFO)",
            get("fiscal.psnd_pct_gdp"),
            y.psnd_pct_gdp,
        ),
        (
            "PSNB (start point, vs the EFO)",
            get("fiscal.psnb_pct_gdp"),
            share(y, y.psnb_gbp_bn),
        ),
        (
            "receipts (start point, vs the EFO)",
            get("receipts.total_pct_gdp"),
            share(y, y.receipts_total_gbp_bn),
        ),
        (
            "TME (start point, vs the EFO)",
            get("spending.tme_pct_gdp"),
            share(y, y.primary_spending_gbp_bn + y.interest_gbp_bn),
        ),
        (
            "primary spending = TME less debt interest (start point, vs the EFO)",
            Some(100.0 * (tme - interest) / gdp),
            share(y, y.primary_spending_gbp_bn),
        ),
    ];
    for (item, published, ours) in rows {
        if let Some(p) = published {
            out.rows.push(Row::new(
                item,
                y0,
                p,
                ours,
                "% of GDP",
                Some(START_POINT_TOLERANCE_PP),
                true,
            ));
        }
    }
    Ok(())
}

/// The published headline PSND row (less any effect the re-run leaves out);
/// returns the figure compared with.
fn headline(report: &PastReport, out: &mut CaseResult) -> Result<f64, ReproduceError> {
    let rows = refs(out.name, "obr_headlines.csv")?;
    let find = |item: &str| {
        rows.iter()
            .find(|r| {
                r.item == format!("{}: {item}", report.report)
                    && r.fiscal_year() == Some(report.headline_year)
            })
            .map(|r| r.value)
    };
    let Some(published) = find("psnd") else {
        return Err(missing_reference(out.name, report, "psnd"));
    };
    Ok(match report.excluded_effect {
        None => published,
        Some(effect) => {
            let Some(e) = find(effect) else {
                return Err(missing_reference(out.name, report, effect));
            };
            out.notes.push(format!(
                "The published {published} % includes {e} pp of PSND from a policy the report added after its EFO ({effect}, published with the report); the re-run starts from the EFO alone, so it is compared with {published} − {e} = {:.1} %.",
                published - e
            ));
            published - e
        }
    })
}

fn missing_reference(case: &'static str, report: &PastReport, item: &str) -> ReproduceError {
    ReproduceError::Data {
        case,
        source: crate::data::DataError::invalid(
            "embedded:data/reference/obr_headlines.csv",
            0,
            format!(
                "no `{}: {item}` row for {}: re-run `fiscal data import`",
                report.report, report.headline_year
            ),
        ),
    }
}

/// PSND in the headline year of a run of `a` on the report's data.
fn headline_psnd(
    report: &PastReport,
    run: &Run,
    a: &Assumptions,
    case: &'static str,
) -> Result<f64, ReproduceError> {
    let p = project(a, &run.data).map_err(|source| ReproduceError::Model { case, source })?;
    p.year(report.headline_year)
        .map(|y| y.psnd_pct_gdp)
        .ok_or(ReproduceError::Model {
            case,
            source: crate::model::ModelError::Data {
                table: report.scenario_name.into(),
                message: format!("the projection does not reach {}", report.headline_year),
            },
        })
}

/// The headline row, then one run at each end of each unknown's range
/// (the others central) and the two runs with every unknown at the end
/// that lowers (raises) PSND.
fn band(
    report: &PastReport,
    run: &Run,
    published: f64,
    out: &mut CaseResult,
) -> Result<(), ReproduceError> {
    let case = out.name;
    let hy = report.headline_year;
    let central = run.projection.year(hy).map_or(f64::NAN, |y| y.psnd_pct_gdp);
    out.rows.push(Row::new(
        "PSND, central (the scenario file's assumptions)",
        hy,
        published,
        central,
        "% of GDP",
        Some(HEADLINE_TOLERANCE_PP),
        report.unknowns.is_empty(),
    ));
    let base = &run.scenario.assumptions;
    let mut lower = base.clone();
    let mut higher = base.clone();
    for u in report.unknowns {
        let at = |bound: Bound| {
            let mut a = base.clone();
            (u.set)(&mut a, bound);
            headline_psnd(report, run, &a, case)
        };
        let (at_low, at_high) = (at(Bound::Low)?, at(Bound::High)?);
        let (lo_bound, hi_bound) = if at_low <= at_high {
            (Bound::Low, Bound::High)
        } else {
            (Bound::High, Bound::Low)
        };
        (u.set)(&mut lower, lo_bound);
        (u.set)(&mut higher, hi_bound);
        out.band.push(BandRow {
            unknown: u.name.into(),
            central: u.central.into(),
            low: u.low.into(),
            high: u.high.into(),
            psnd_at_low: at_low,
            psnd_at_high: at_high,
            why: u.why.into(),
        });
    }
    let (min, max) = (
        headline_psnd(report, run, &lower, case)?,
        headline_psnd(report, run, &higher, case)?,
    );
    out.band.push(BandRow {
        unknown: "all of them together".into(),
        central: "as above".into(),
        low: "each at its lower-PSND end".into(),
        high: "each at its higher-PSND end".into(),
        psnd_at_low: min,
        psnd_at_high: max,
        why: "the corners of the ranges above".into(),
    });
    for (label, v) in [
        ("PSND, band: every unknown at its lower-PSND end", min),
        ("PSND, band: every unknown at its higher-PSND end", max),
    ] {
        out.rows
            .push(Row::new(label, hy, published, v, "% of GDP", None, false));
    }
    out.notes.push(format!(
        "Band over the {} assumptions the report does not publish: PSND in {hy} {min:.0} % to {max:.0} % (central {central:.1} %, published {published:.1} %); the table after the rows gives each one's range and why.",
        report.unknowns.len()
    ));
    Ok(())
}

/// Our value of a published item in a projection year, % of GDP.
fn item_value(y: &YearResult, item: &str) -> Option<f64> {
    Some(match item {
        "psnd" | "psnd_peak" => y.psnd_pct_gdp,
        "psnb" => y.pct_gdp(y.psnb_gbp_bn),
        "primary_spending" => y.pct_gdp(y.primary_spending_gbp_bn),
        "primary_deficit" => -y.pct_gdp(y.primary_balance_gbp_bn),
        "health" => y.pct_gdp(y.spend(Spend::Health)),
        "adult_social_care" => y.pct_gdp(y.spend(Spend::AdultSocialCare)),
        "state_pension" => y.pct_gdp(y.spend(Spend::StatePension)),
        _ => return None,
    })
}

/// The report's other published figures (the report's own reference
/// table, and its rows of `obr_headlines.csv`) next to ours: reported.
fn published_figures(
    report: &PastReport,
    run: &Run,
    out: &mut CaseResult,
) -> Result<(), ReproduceError> {
    let case = out.name;
    let mut rows: Vec<Reference> = Vec::new();
    if report.case == "fsr-2017" {
        out.data
            .push(("reference", "embedded:data/reference/fsr2017.csv".into()));
        rows.extend(refs(case, "fsr2017.csv")?);
    }
    let prefix = format!("{}: ", report.report);
    for mut r in refs(case, "obr_headlines.csv")? {
        if let Some(item) = r.item.strip_prefix(&prefix) {
            r.item = item.to_string();
            rows.push(r);
        }
    }
    let p = &run.projection;
    let set = &run.scenario.assumptions.spending.start_point_pct_gdp;
    let mut skipped = Vec::new();
    let mut seen = Vec::new();
    for r in rows {
        let year = r.fiscal_year();
        if r.item == "psnd" && year == Some(report.headline_year)
            || seen.contains(&(r.item.clone(), r.year.clone()))
        {
            continue;
        }
        seen.push((r.item.clone(), r.year.clone()));
        let Some(ours) = year
            .and_then(|fy| p.year(fy))
            .and_then(|y| item_value(y, &r.item))
        else {
            if !HEALTH_VARIANT_ITEMS.contains(&r.item.as_str()) {
                skipped.push(format!("{} ({})", r.item, r.year));
            }
            continue;
        };
        let input = year == Some(report.start_year) && set.contains_key(&r.item);
        let label = if input {
            format!(
                "{} (an input: start_point_pct_gdp)",
                r.item.replace('_', " ")
            )
        } else {
            r.item.replace('_', " ")
        };
        out.rows.push(Row::new(
            label, &r.year, r.value, ours, "% of GDP", None, false,
        ));
    }
    if report.case == "fsr-2017" {
        health_variant(report, run, out)?;
    }
    if !skipped.is_empty() {
        out.notes.push(format!(
            "Not compared (no fiscal year, outside the run, or an item the model does not give): {}.",
            skipped.join(", ")
        ));
    }
    Ok(())
}

/// Items [`health_variant`] compares.
const HEALTH_VARIANT_ITEMS: &[&str] = &[
    "health_change_total",
    "health_change_demographic_only",
    "psnd_health_sensitivity_lower",
];

/// The FSR 2017's published health sensitivities: PSND with health's
/// other cost pressures at zero (taken as the report's lower health
/// variant, whose definition is not held) against the central, and the
/// demographic part of the rise in health spending (IFS BN207).
fn health_variant(
    report: &PastReport,
    run: &Run,
    out: &mut CaseResult,
) -> Result<(), ReproduceError> {
    let case = out.name;
    let mut a = run.scenario.assumptions.clone();
    a.spending.health_other_cost_pressures_start_pp = 0.0;
    a.spending.health_other_cost_pressures_end_pp = 0.0;
    let p = project(&a, &run.data).map_err(|source| ReproduceError::Model { case, source })?;
    let hy = report.headline_year;
    let health = |y: Option<&YearResult>| y.map(|y| y.pct_gdp(y.spend(Spend::Health)));
    let (Some(v), Some(c)) = (p.year(hy), run.projection.year(hy)) else {
        return Ok(());
    };
    for r in refs(case, "fsr2017.csv")? {
        match r.item.as_str() {
            "health_change_total" => {
                let first = FiscalYear(report.headline_year.start() - 50);
                if let (Some(end), Some(start)) =
                    (health(Some(c)), health(run.projection.year(first)))
                {
                    out.rows.push(Row::new(
                        "health change",
                        format!("{first}..{hy}"),
                        r.value,
                        end - start,
                        "pp of GDP",
                        None,
                        false,
                    ));
                }
            }
            "psnd_health_sensitivity_lower" => out.rows.push(Row::new(
                "PSND change, no health other cost pressures (lower variant, definition assumed)",
                hy,
                r.value,
                v.psnd_pct_gdp - c.psnd_pct_gdp,
                "pp of GDP",
                None,
                false,
            )),
            "health_change_demographic_only" => {
                let first = FiscalYear(report.headline_year.start() - 50);
                if let (Some(end), Some(start)) = (health(p.year(hy)), health(p.year(first))) {
                    out.rows.push(Row::new(
                        "health change, no other cost pressures (IFS: demographic only)",
                        format!("{first}..{hy}"),
                        r.value,
                        end - start,
                        "pp of GDP",
                        None,
                        false,
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}
