//! The cases. Each loads what it needs from the embedded scenarios and
//! tables (projections shared between cases are run once) and returns its
//! rows and notes; the past reports' re-runs are in [`super::past`].

use std::collections::BTreeMap;

use super::reports::{self, PastReport};
use super::{past, CaseInfo, CaseResult, ReproduceError, Row, ScenarioUsed, Status};
use crate::data::reference::{self, Reference};
use crate::data::Dataset;
use crate::model::engine::project;
use crate::model::reproduce::{
    efo_years, frs_denominator, frs_paths, frs_start_point, ready_reckoners, Comparison,
};
use crate::model::Projection;
use crate::scenario::Scenario;
use crate::years::FiscalYear;

/// Tolerance on the ONS UK total, per cent of the published total.
pub const POP_TOTAL_TOLERANCE_PCT: f64 = 0.05;
/// Tolerance on any single-year-of-age cell, per cent.
pub const POP_CELL_TOLERANCE_PCT: f64 = 0.5;
/// Shown (not enforced) on the ONS variant totals, millions: the reported
/// totals are rounded to 0.1 m and come from press coverage of the bulletin.
pub const VARIANT_TOLERANCE_M: f64 = 0.25;
/// Tolerance on the ONS 2024-based UK total in every published year, per
/// cent of the published total.
pub const NPP2024_TOTAL_TOLERANCE_PCT: f64 = 0.3;
/// Tolerance on EFO debt interest in the EFO years, £bn.
pub const EFO_INTEREST_TOLERANCE_GBP_BN: f64 = 0.01;
/// Tolerance on PSND % of GDP against PSND / centred GDP: the historical
/// database's ratios are unrounded.
pub const HISTORY_RATIO_TOLERANCE_PP: f64 = 0.01;
/// The same for the databank, whose recent ratios are rounded to 0.1.
pub const DATABANK_RATIO_TOLERANCE_PP: f64 = 0.05;

/// A scenario run with its data and projection.
pub(super) struct Run {
    pub scenario: Scenario,
    pub data: Dataset,
    pub projection: Projection,
}

/// Projections shared by the cases, run on first use.
#[derive(Default)]
pub(super) struct Runs {
    baseline: Option<Run>,
    past: BTreeMap<&'static str, Run>,
}

pub(super) fn load_run(case: &'static str, s: Scenario) -> Result<Run, ReproduceError> {
    let (data, _) = s
        .dataset_and_population()
        .map_err(|source| ReproduceError::Data { case, source })?;
    let projection =
        project(&s.assumptions, &data).map_err(|source| ReproduceError::Model { case, source })?;
    Ok(Run {
        scenario: s,
        data,
        projection,
    })
}

pub(super) fn used(s: &Scenario) -> ScenarioUsed {
    let last = s.files.last();
    ScenarioUsed {
        name: s.assumptions.name.clone(),
        file: last.map(|f| f.path.clone()).unwrap_or_default(),
        sha256: last.map(|f| f.sha256.clone()).unwrap_or_default(),
        chain: s.files.clone(),
    }
}

pub(super) fn tables(d: &Dataset) -> Vec<(&'static str, String)> {
    vec![
        ("population", d.population.source.clone()),
        ("efo", d.efo.source.clone()),
        ("frs", d.frs.source.clone()),
        ("gilts", d.gilts.source.clone()),
    ]
}

pub(super) fn refs(case: &'static str, file: &str) -> Result<Vec<Reference>, ReproduceError> {
    reference::embedded(file).map_err(|source| ReproduceError::Data { case, source })
}

/// A comparison from `model::reproduce`, with its own tolerance rule.
fn from_comparison(c: Comparison) -> Row {
    let mut r = Row::new(
        c.item.clone(),
        c.year,
        c.published,
        c.ours,
        c.unit,
        c.tolerance,
        c.tolerance.is_some(),
    );
    if c.tolerance.is_some() {
        r.status = if c.misses() {
            Status::Fail
        } else {
            Status::Pass
        };
    }
    r
}

fn result(info: CaseInfo) -> CaseResult {
    CaseResult {
        name: info.name,
        description: info.description,
        tolerance: info.tolerance,
        scenarios: Vec::new(),
        data: Vec::new(),
        rows: Vec::new(),
        notes: Vec::new(),
        band: Vec::new(),
    }
}

impl Runs {
    fn baseline(&mut self, case: &'static str) -> Result<&Run, ReproduceError> {
        if self.baseline.is_none() {
            let s = Scenario::default_scenario()
                .map_err(|source| ReproduceError::Scenario { case, source })?;
            self.baseline = Some(load_run(case, s)?);
        }
        self.baseline.as_ref().ok_or(ReproduceError::UnknownCase {
            name: case.into(),
            suggestion: None,
            available: String::new(),
        })
    }

    /// The re-run of past report `report` (run once).
    fn past(&mut self, report: &PastReport, case: &'static str) -> Result<&Run, ReproduceError> {
        if !self.past.contains_key(report.case) {
            let run = past::load(report, case)?;
            self.past.insert(report.case, run);
        }
        self.past
            .get(report.case)
            .ok_or(ReproduceError::UnknownCase {
                name: case.into(),
                suggestion: None,
                available: String::new(),
            })
    }

    /// Run one case.
    pub fn case(&mut self, info: CaseInfo) -> Result<CaseResult, ReproduceError> {
        let mut out = result(info);
        match info.name {
            "ons-2022" => ons_2022(&mut out)?,
            "ons-2024" => ons_2024(&mut out)?,
            "efo-2026-03" => efo_2026(self.baseline(info.name)?, &mut out)?,
            "history" => history(&mut out)?,
            "frs-2026" => {
                let run = self.baseline(info.name)?;
                out.scenarios.push(used(&run.scenario));
                out.data = tables(&run.data);
                let mt = run.scenario.assumptions.horizon.medium_term_end;
                // The denominator, the primary-spending start point in every
                // EFO year, then the lines.
                out.rows = frs_denominator(&run.projection, &run.data, mt)
                    .into_iter()
                    .chain(frs_start_point(&run.projection, &run.data, mt))
                    .chain(frs_paths(&run.projection, &run.data, mt))
                    .map(from_comparison)
                    .collect();
                out.notes.push(frs_start_note(run));
                frs_on_2022_population(&mut out)?;
            }
            "obr-headlines" => obr_headlines(self, &mut out)?,
            name => {
                let Some(report) = reports::past_report(name) else {
                    return Err(ReproduceError::UnknownCase {
                        name: name.into(),
                        suggestion: None,
                        available: String::new(),
                    });
                };
                past::case(report, self.past(report, info.name)?, &mut out)?;
            }
        }
        Ok(out)
    }
}

/// The years the population diagnostic shows.
const FRS_POPULATION_DIAGNOSTIC_YEARS: [FiscalYear; 2] = [FiscalYear(2055), FiscalYear(2075)];

/// The same FRS lines with the baseline run on the ONS 2022-based
/// population instead of the 2024-based one: information only. The report
/// does not say which projection it used (the baseline's 2024-based is
/// inferred from publication dates, docs/reproduce.md), so the case shows
/// how much of each line's gap rests on that choice; it does not choose by
/// which fits better.
fn frs_on_2022_population(out: &mut CaseResult) -> Result<(), ReproduceError> {
    use crate::model::demography::{PopulationSettings, PopulationVintage};
    let case = out.name;
    let mut s =
        Scenario::default_scenario().map_err(|source| ReproduceError::Scenario { case, source })?;
    s.assumptions
        .population
        .get_or_insert_with(PopulationSettings::default)
        .vintage = Some(PopulationVintage::Npp2022);
    let run = load_run(case, s)?;
    let mt = run.scenario.assumptions.horizon.medium_term_end;
    let rows = frs_paths(&run.projection, &run.data, mt)
        .into_iter()
        .filter(|c| FRS_POPULATION_DIAGNOSTIC_YEARS.contains(&c.year))
        .map(|mut c| {
            c.item = format!("{}, on the 2022-based population", c.item);
            c.tolerance = None;
            from_comparison(c)
        });
    out.rows.extend(rows);
    out.notes.push(
        "Rows \"on the 2022-based population\": the baseline re-run with the ONS 2022-based projection in place of the 2024-based one, everything else equal. The FRS does not say which it used; information, not a check, and not a reason to choose one (docs/reproduce.md).".into(),
    );
    Ok(())
}

/// What the start point compares, with the size of the named line.
fn frs_start_note(run: &Run) -> String {
    let mt = run.scenario.assumptions.horizon.medium_term_end;
    let share = |y: FiscalYear| {
        run.projection
            .year(y)
            .map(|r| r.pct_gdp(r.other_interest_gbp_bn))
            .unwrap_or(0.0)
    };
    format!(
        "Primary spending on the FRS's definition: TME less public sector debt interest, i.e. less the EFO's central government debt interest net of the APF and less the rest of public sector debt interest (interest on the funded public service pension schemes' liabilities, public corporations' and local authorities' interest: {:.3} % of GDP in {} and {:.3} % in {}, the October 2024 EFO's shares in the OBR historical official forecasts database; the March 2026 EFO's own figure is not in shared/). Flows are over fiscal-year GDP, the FRS's denominator (the State Pension rows).",
        share(run.scenario.assumptions.horizon.base_year),
        run.scenario.assumptions.horizon.base_year,
        share(mt),
        mt
    )
}

fn ons_2022(out: &mut CaseResult) -> Result<(), ReproduceError> {
    let case = out.name;
    let rep = crate::model::demography::reproduce::reproduce_npp2022()
        .map_err(|source| ReproduceError::Demography { case, source })?;
    for r in rep
        .rows
        .iter()
        .filter(|r| r.item == "UK total" && r.year % 10 == 2)
    {
        out.rows.push(Row::new(
            "UK total, principal",
            format!("mid-{}", r.year),
            r.published / 1e6,
            r.ours / 1e6,
            "persons_m",
            None,
            false,
        ));
    }
    out.rows.push(Row::new(
        "worst UK total error to 2072",
        "2022-2072",
        0.0,
        rep.max_total_error_pct,
        "% of published",
        Some(POP_TOTAL_TOLERANCE_PCT),
        true,
    ));
    out.rows.push(Row::new(
        "worst single-year cell error, ages 0-100, to 2072",
        "2022-2072",
        0.0,
        rep.max_cell_error_pct,
        "% of published",
        Some(POP_CELL_TOLERANCE_PCT),
        true,
    ));
    out.data.push((
        "population",
        "embedded:data/demography/npp2022_*.csv (base population, ASFR, mortality, migration)"
            .into(),
    ));
    out.data.push((
        "reference",
        "embedded:data/reference/ons_npp2022_variants.csv".into(),
    ));
    for r in refs(case, "ons_npp2022_variants.csv")? {
        let slug = r
            .item
            .trim_start_matches("UK population, ")
            .trim_end_matches(" variant")
            .replace(' ', "-");
        let (Ok(mid_year), Some(ours)) = (r.year.parse::<i32>(), variant_total(&slug, &r.year))
        else {
            out.notes.push(format!(
                "{} in {}: no preset `{slug}` to compare",
                r.item, r.year
            ));
            continue;
        };
        out.rows.push(Row::new(
            r.item.clone(),
            format!("mid-{mid_year}"),
            r.value,
            ours,
            "persons_m",
            Some(VARIANT_TOLERANCE_M),
            false,
        ));
    }
    out.notes.push(
        "The variant rows project `[population] variant` (the ONS 2022-based variant assumptions) with the cohort-component engine; the published totals are rounded to 0.1 m and reported second-hand, so their tolerance is shown, not enforced.".into(),
    );
    Ok(())
}

fn ons_2024(out: &mut CaseResult) -> Result<(), ReproduceError> {
    use crate::model::demography::npp2024::{principal_2024, totals, LAST_PUBLISHED_YEAR};
    let case = out.name;
    let demo = |source| ReproduceError::Demography { case, source };
    let t = totals().map_err(demo)?;
    let a = principal_2024().map_err(demo)?;
    let p = crate::model::demography::project(a, LAST_PUBLISHED_YEAR).map_err(demo)?;
    let totals = t
        .years("population")
        .into_iter()
        .filter_map(|y| Some((y, t.get("population", y).ok()?, p.total(y)?)));
    published_and_ours_rows(
        out,
        &["UK total, principal", "worst UK total error"],
        totals,
        |y| y % 10 == 5 || y == 2024,
        Some(NPP2024_TOTAL_TOLERANCE_PCT),
    );
    pension_age_rows(&t, &p, out);
    for (item, series, j) in [
        ("births", "births", 0usize),
        ("deaths", "deaths", 0),
        ("births", "births", 25),
        ("deaths", "deaths", 25),
        ("births", "births", 50),
        ("deaths", "deaths", 50),
    ] {
        let y = 2025 + j as i32;
        let ours = if item == "births" {
            p.births_persons.column(j).sum()
        } else {
            p.deaths_persons.column(j).sum()
        };
        if let Ok(v) = t.get(series, y) {
            out.rows.push(Row::new(
                format!("UK {item}, year to mid-{y}"),
                format!("mid-{y}"),
                v / 1e3,
                ours / 1e3,
                "persons_k",
                None,
                false,
            ));
        }
    }
    out.data.push((
        "population",
        "embedded:data/demography/npp2024_principal_totals.csv, mye_mid2023.csv; npp2022_*.csv (rate shapes)".into(),
    ));
    out.notes.push(
        "Only the UK totals and assumptions of the 2024-based projection are in shared/: the engine rebuilds it from the published TFR, period life expectancy by sex and net migration of every year on the 2022-based age shapes of fertility, mortality and migration, from the ONS mid-2023 estimate carried to mid-2024 with the mid-year estimates' births and deaths (docs/demography.md). Births and deaths are not fitted and are reported.".into(),
    );
    Ok(())
}

/// The people at or over the State Pension age (the legislated timetable,
/// as the ONS counts them) in the rebuilt 2024-based projection next to the
/// published counts, every ten years, and the worst year: the age structure
/// the State Pension line reads, which the totals alone do not check.
fn pension_age_rows(
    t: &crate::data::npp2024::Npp2024Totals,
    p: &crate::model::demography::projection::DemographicProjection,
    out: &mut CaseResult,
) {
    use crate::model::demography::SpaPath;
    let counts = p
        .summary(&SpaPath::legislated())
        .into_iter()
        .filter_map(|r| {
            Some((
                r.year,
                t.get("pension_age", r.year).ok()?,
                r.pension_age_persons,
            ))
        });
    published_and_ours_rows(
        out,
        &[
            "UK at or over State Pension age (legislated), principal",
            "worst pension-age count error",
        ],
        counts,
        |y| y % 10 == 5,
        None,
    );
}

/// Rows of a 2024-based UK count, persons, `(year, published, ours)`: the
/// years `shown` in millions, then the worst error over 2024-2075 in per
/// cent of the published count, a hard check when `tolerance` is given.
/// `names` are the rows' item and the worst row's.
fn published_and_ours_rows(
    out: &mut CaseResult,
    names: &[&str; 2],
    counts: impl Iterator<Item = (i32, f64, f64)>,
    shown: impl Fn(i32) -> bool,
    tolerance: Option<f64>,
) {
    let mut worst: (f64, i32) = (0.0, 0);
    for (y, published, ours) in counts {
        let err = 100.0 * (ours / published - 1.0);
        if err.abs() > worst.0.abs() {
            worst = (err, y);
        }
        if shown(y) {
            out.rows.push(Row::new(
                names[0],
                format!("mid-{y}"),
                published / 1e6,
                ours / 1e6,
                "persons_m",
                None,
                false,
            ));
        }
    }
    out.rows.push(Row::new(
        format!("{}, 2024-2075 (mid-{})", names[1], worst.1),
        "2024-2075",
        0.0,
        worst.0,
        "% of published",
        tolerance,
        tolerance.is_some(),
    ));
}

/// UK population (millions) in mid-`year` under the variant preset `slug`.
fn variant_total(slug: &str, year: &str) -> Option<f64> {
    let text = format!(
        "extends = \"default\"\n[population]\nvintage = \"2022-based\"\nvariant = \"{slug}\"\n"
    );
    let s = Scenario::from_text(&format!("variant {slug}"), &text, None).ok()?;
    let d = s.dataset().ok()?;
    d.population.total(year.parse().ok()?).map(|t| t / 1e6)
}

fn efo_2026(run: &Run, out: &mut CaseResult) -> Result<(), ReproduceError> {
    let (p, d) = (&run.projection, &run.data);
    let a = &run.scenario.assumptions;
    out.scenarios.push(used(&run.scenario));
    out.data = tables(d);
    let mt = a.horizon.medium_term_end;
    out.rows = efo_years(p, d, mt)
        .into_iter()
        .map(from_comparison)
        .collect();
    for y in p.years.iter().filter(|y| y.year <= mt) {
        if let Ok(v) = d.efo.get("spending.debt_interest", y.year) {
            out.rows.push(Row::new(
                "EFO debt interest",
                y.year,
                v,
                y.interest_gbp_bn,
                "£bn",
                Some(EFO_INTEREST_TOLERANCE_GBP_BN),
                true,
            ));
        }
    }
    let reckoners = ready_reckoners(a, d).map_err(|source| ReproduceError::Model {
        case: out.name,
        source,
    })?;
    out.rows.extend(reckoners.into_iter().map(from_comparison));
    out.notes.push(
        "The reckoners compare our response to a +1 pp shock sustained from the start of 2026-27 with the EFO's in the same years, both as % of the previous year's PSND; each must be within 25 % (the debt portfolio's inputs come from the DMO, ONS and Bank of England, not from the reckoners).".into(),
    );
    Ok(())
}

/// Reference history rows as (source, item) → year → value.
type History = BTreeMap<(String, String), BTreeMap<FiscalYear, f64>>;

fn history_table(rows: &[Reference]) -> History {
    let mut h = History::new();
    for r in rows {
        let (Some((src, item)), Some(y)) = (r.item.split_once('.'), r.fiscal_year()) else {
            continue;
        };
        h.entry((src.to_string(), item.to_string()))
            .or_default()
            .insert(y, r.value);
    }
    h
}

fn history(out: &mut CaseResult) -> Result<(), ReproduceError> {
    let h = history_table(&refs(out.name, "history.csv")?);
    out.data
        .push(("reference", "embedded:data/reference/history.csv".into()));
    let get = |src: &str, item: &str, y: FiscalYear| {
        h.get(&(src.to_string(), item.to_string()))
            .and_then(|m| m.get(&y))
            .copied()
    };
    for start in 1997..=2025 {
        let y = FiscalYear(start);
        let src = if start <= 2022 { "hpfd" } else { "databank" };
        let (Some(psnd), Some(psnb), Some(gdp), Some(ratio)) = (
            get(src, "psnd", y),
            get(src, "psnb", y),
            get(src, "gdp_centred", y),
            get(src, "psnd_pct_gdp", y),
        ) else {
            continue;
        };
        let hard = src == "hpfd";
        let tol = if hard {
            HISTORY_RATIO_TOLERANCE_PP
        } else {
            DATABANK_RATIO_TOLERANCE_PP
        };
        out.rows.push(Row::new(
            format!("PSND % of GDP = PSND / GDP centred on end-March ({src})"),
            y,
            ratio,
            100.0 * psnd / gdp,
            "% of GDP",
            Some(tol),
            hard,
        ));
        let prev = get(src, "psnd", y.prev()).or_else(|| get("hpfd", "psnd", y.prev()));
        if let Some(prev) = prev {
            out.rows.push(Row::new(
                format!("PSND from PSND[t-1] + PSNB, before SFA ({src})"),
                y,
                psnd,
                prev + psnb,
                "£bn",
                None,
                false,
            ));
        }
    }
    let overlap: Vec<f64> = (2019..=2022)
        .filter_map(|s| {
            let y = FiscalYear(s);
            Some(get("databank", "psnd", y)? - get("hpfd", "psnd", y)?)
        })
        .collect();
    let worst = overlap.iter().fold(0.0_f64, |m, d| m.max(d.abs()));
    out.notes.push(format!(
        "The stock-flow adjustment is minus the difference in the PSND rows: shared/ holds no separate SFA series, so the identity defines it. The databank revises the historical database: PSND differs by up to £{worst:.1}bn in 2019-20..2022-23. The databank's 2025-26 ratio (93.3 %) is the ONS's, on a different GDP from the databank's centred GDP, so the databank rows are reported, not enforced."
    ));
    Ok(())
}

/// Each PSND headline next to the re-run of its own report, or why its
/// report cannot be re-run.
fn obr_headlines(runs: &mut Runs, out: &mut CaseResult) -> Result<(), ReproduceError> {
    let case = out.name;
    let rows = refs(case, "obr_headlines.csv")?;
    out.data.push((
        "reference",
        "embedded:data/reference/obr_headlines.csv".into(),
    ));
    let mut not_rerun: Vec<(String, Vec<String>, String)> = Vec::new();
    let mut no_year = 0;
    for r in rows {
        let Some((report, item)) = r.item.split_once(": ") else {
            continue;
        };
        if item != "psnd" && item != "psnd_baseline" {
            continue;
        }
        let inputs = reports::inputs_of(report);
        let Some(past) = inputs
            .and_then(|i| i.rerun.ok())
            .and_then(reports::past_report)
        else {
            let why = inputs.map_or(
                "its inputs are not listed in src/reproduce/reports.rs",
                |i| i.rerun.err().unwrap_or(""),
            );
            let figure = format!("{} % in {}", r.value, r.year);
            match not_rerun.iter_mut().find(|(name, _, _)| *name == report) {
                Some((_, figures, _)) => figures.push(figure),
                None => not_rerun.push((report.to_string(), vec![figure], why.to_string())),
            }
            continue;
        };
        let run = runs.past(past, case)?;
        let Some(y) = r.fiscal_year().and_then(|y| run.projection.year(y)) else {
            no_year += 1;
            continue;
        };
        out.rows.push(Row::new(
            format!("{report} PSND (ours: the {} re-run)", past.case),
            &r.year,
            r.value,
            y.psnd_pct_gdp,
            "% of GDP",
            None,
            false,
        ));
    }
    for r in &reports::PAST_REPORTS {
        if let Some(run) = runs.past.get(r.case) {
            out.scenarios.push(used(&run.scenario));
        }
    }
    out.notes.push(format!(
        "Each headline is set against the re-run of its own report (its EFO, its population, its assumptions: the fsr-2017 and fsr-2018 cases); {no_year} headlines of re-run reports have no fiscal year and are not listed. FSR 2018's 2067-68 figure includes the June 2018 NHS announcement, which the re-run does not (see fsr-2018)."
    ));
    out.notes
        .extend(not_rerun.into_iter().map(|(report, figures, why)| {
            format!("{report} ({}): not re-runnable: {why}", figures.join("; "))
        }));
    Ok(())
}
