//! `fiscal reproduce`: named cases, each a set of published figures next to
//! what this model gives for them, with a tolerance where the comparison is
//! a check. A case is a function from embedded scenarios and data (no file
//! I/O) to rows; the CLI only selects cases and prints them.
//!
//! Hard checks (the EFO years, the ONS population, the debt-ratio identity
//! over outturn) must pass for `--strict`; the other rows are reported with
//! their measured gaps, because they are limited by inputs we do not hold
//! (docs/reproduce.md says which).

mod cases;
mod past;
pub mod reports;

use serde::Serialize;

use crate::data::DataError;
use crate::model::demography::DemographyError;
use crate::model::ModelError;
use crate::scenario::SourceFile;

/// A case: its name, what it compares, its inputs, and its tolerance and
/// why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseInfo {
    /// The name given on the command line.
    pub name: &'static str,
    /// What the case compares.
    pub description: &'static str,
    /// The forecast vintage its medium term follows (if it projects).
    pub efo: &'static str,
    /// The population it runs on.
    pub population: &'static str,
    /// Where its other assumptions come from.
    pub assumptions: &'static str,
    /// The tolerance and why it is what it is.
    pub tolerance: &'static str,
}

/// Every case, in the order they run.
pub const CASES: [CaseInfo; 8] = [
    CaseInfo {
        name: "ons-2022",
        description: "ONS 2022-based UK population: the principal projection rebuilt by the cohort-component engine, and the variant totals",
        efo: "none (a population case)",
        population: "ONS 2022-based principal: its base population, fertility, mortality and migration (data/demography/npp2022_*.csv); the variants' presets",
        assumptions: "the ONS's own rates",
        tolerance: "principal: 0.05 % on the UK total and 0.5 % on any single-year cell to 2072 (the engine replays the ONS's own rates; the gap is rounding in the published rates); variants: 0.25 m shown, not enforced (the published totals are rounded to 0.1 m and second-hand)",
    },
    CaseInfo {
        name: "ons-2024",
        description: "ONS 2024-based UK population (published April 2026, UK totals only): the principal rebuilt by the cohort-component engine from its published TFR, life expectancy and net migration, from the mid-2023 estimate",
        efo: "none (a population case)",
        population: "ONS 2024-based principal: published TFR, life expectancy and net migration (data/demography/npp2024_principal_totals.csv) on the 2022-based rate shapes, from the mid-2023 estimate (mye_mid2023.csv)",
        assumptions: "the ONS's published assumptions",
        tolerance: "UK total within NPP2024_TOTAL_TOLERANCE_PCT (0.3 %) in every published year 2024-2075 (hard): the age detail and the ONS's own rates are not published in shared/, so the shapes are the 2022-based ones; births, deaths and the people at or over the (legislated) State Pension age reported",
    },
    CaseInfo {
        name: "efo-2026-03",
        description: "OBR EFO March 2026: PSND, PSNB and debt interest 2025-26..2030-31, and the debt-interest ready reckoners",
        efo: "March 2026 (efo-2026-03)",
        population: "ONS 2024-based principal (the baseline's)",
        assumptions: "scenarios/baseline.toml",
        tolerance: "EFO years exact by construction (0.05 pp of GDP on PSND, £0.01bn on PSNB and debt interest); each reckoner within RECKONER_TOLERANCE_SHARE of the EFO's (src/model/reproduce.rs; our debt structure is not the OBR's)",
    },
    CaseInfo {
        name: "history",
        description: "Outturn 1997-98..2025-26 (OBR historical database and databank): PSND as a share of GDP centred on end-March, and the debt identity PSND[t] = PSND[t-1] + PSNB[t] + SFA[t]",
        efo: "none (outturn: the OBR historical public finances database, the databank of September 2026)",
        population: "none",
        assumptions: "none (an identity of the published series)",
        tolerance: "0.01 pp on the ratio (an identity of the published series); the stock-flow adjustments are reported (not published separately, so the identity defines them)",
    },
    CaseInfo {
        name: "frs-2026",
        description: "OBR FRS July 2026 chapter 3: its denominator (fiscal-year GDP), primary spending on its definition in the EFO years (the start point), then the age-related lines and primary spending after the medium term",
        efo: "March 2026 (efo-2026-03)",
        population: "ONS 2024-based principal, rebuilt from its published assumptions (the FRS 2026's basis: docs/reproduce.md)",
        assumptions: "scenarios/baseline.toml",
        tolerance: "start point in every EFO year within FRS_START_POINT_TOLERANCE_PP (src/model/reproduce.rs), on the FRS's definition (TME less public sector debt interest) and denominator (fiscal-year GDP, checked to FRS_DENOMINATOR_TOLERANCE_PP); adult social care within FRS_LINE_TOLERANCE_PP; the other long-term paths are reported with their measured gaps, not fitted",
    },
    CaseInfo {
        name: "fsr-2017",
        description: "OBR FSR January 2017 (PSND 234 % of GDP in 2066-67) re-run on its own inputs",
        efo: "November 2016 (efo-2016-11, from the OBR's historical forecasts database)",
        population: "ONS 2014-based principal (npp2014-ppp)",
        assumptions: "scenarios/published/fsr_2017.toml: the report's split of its start point, productivity, CPI, uprating, the triple lock premium and the SPA reaching 69 by 2060 (IFS, February 2017, on the OBR's projections), cited; 10 not published, each with the range of its band row",
        tolerance: "start point (2021-22 PSND, PSNB, receipts, TME, primary spending) within 0.1 pp of the November 2016 EFO (hard); PSND 2066-67 within 10 pp of 234 %, hard once every assumption is cited (10 are not: reported with the band)",
    },
    CaseInfo {
        name: "fsr-2018",
        description: "OBR FSR July 2018 (PSND 282.8 % of GDP in 2067-68, 224.9 % before the June 2018 NHS announcement) re-run on its own inputs",
        efo: "March 2018 (efo-2018-03, from the OBR's historical forecasts database)",
        population: "ONS 2016-based principal (npp2016-ppp)",
        assumptions: "scenarios/published/fsr_2018.toml: the OBR's long-term determinants of March 2019 (the FSR 2018 method), the State Pension in 2022-23, the July 2017 SPA decision, cited, then 69 by 2052-53 (the OBR's convention of following the link to life expectancy; the timing ours); 7 not published, each with the range of its band row",
        tolerance: "start point (2022-23) within 0.1 pp of the March 2018 EFO (hard); PSND 2067-68 within 10 pp of the published figure less the NHS announcement's published effect, hard once every assumption is cited (7 are not: reported with the band)",
    },
    CaseInfo {
        name: "obr-headlines",
        description: "Every long-term PSND headline the OBR has published, next to the re-run of its own report where both its EFO and its population are held; the others are listed as not re-runnable, with why",
        efo: "each report's own (src/reproduce/reports.rs)",
        population: "each report's own",
        assumptions: "those of the fsr-2017 and fsr-2018 re-runs",
        tolerance: "none: a report, not a check (the re-run cases carry the checks)",
    },
];

/// One assumption a past report does not publish: its range and PSND in
/// the headline year at each end (the others at their central values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRow {
    /// The assumption.
    pub unknown: String,
    /// The scenario file's value.
    pub central: String,
    /// The low end of the range.
    pub low: String,
    /// The high end.
    pub high: String,
    /// PSND in the headline year at the low end, % of GDP.
    pub psnd_at_low: f64,
    /// At the high end.
    pub psnd_at_high: f64,
    /// Why this range.
    pub why: String,
}

/// Whether a row passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Within tolerance.
    Pass,
    /// Outside tolerance.
    Fail,
    /// No tolerance: reported only.
    Info,
}

impl Status {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Info => "info",
        }
    }
}

/// One published figure next to ours.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// What is compared.
    pub item: String,
    /// The year (fiscal year, mid-year or a label).
    pub year: String,
    /// The published value.
    pub published: f64,
    /// This model's value.
    pub ours: f64,
    /// `ours − published`.
    pub difference: f64,
    /// Unit of the three numbers.
    pub unit: String,
    /// Tolerance on |difference|, if the row has one.
    pub tolerance: Option<f64>,
    /// A hard check (fails `--strict`), or a goal / report.
    pub hard: bool,
    /// Pass, fail or info.
    pub status: Status,
}

impl Row {
    /// A row; `tolerance` with `hard` makes it a check.
    pub(crate) fn new(
        item: impl Into<String>,
        year: impl ToString,
        published: f64,
        ours: f64,
        unit: impl Into<String>,
        tolerance: Option<f64>,
        hard: bool,
    ) -> Row {
        let difference = ours - published;
        let status = match tolerance {
            Some(t) if difference.abs() < t => Status::Pass,
            Some(_) => Status::Fail,
            None => Status::Info,
        };
        Row {
            item: item.into(),
            year: year.to_string(),
            published,
            ours,
            difference,
            unit: unit.into(),
            tolerance,
            hard: hard && tolerance.is_some(),
            status,
        }
    }

    /// A hard check that failed.
    pub fn hard_failure(&self) -> bool {
        self.hard && self.status == Status::Fail
    }
}

/// A scenario a case ran, with its files' hashes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioUsed {
    /// The scenario's name.
    pub name: String,
    /// Its file (the last of its `extends` chain).
    pub file: String,
    /// SHA-256 of that file.
    pub sha256: String,
    /// Every file in the chain.
    pub chain: Vec<SourceFile>,
}

/// The results of one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseResult {
    /// The case's name.
    pub name: &'static str,
    /// What it compares.
    pub description: &'static str,
    /// Its tolerance and why.
    pub tolerance: &'static str,
    /// Scenarios it ran.
    pub scenarios: Vec<ScenarioUsed>,
    /// Data tables it read (`table`, source).
    pub data: Vec<(&'static str, String)>,
    /// The comparisons.
    pub rows: Vec<Row>,
    /// What limits the comparison, in a sentence or two each.
    pub notes: Vec<String>,
    /// A re-run's band over the assumptions its report does not publish
    /// (empty for other cases).
    pub band: Vec<BandRow>,
}

impl CaseResult {
    /// Hard checks in the case.
    pub fn hard_checks(&self) -> usize {
        self.rows.iter().filter(|r| r.hard).count()
    }

    /// Hard checks that failed.
    pub fn hard_failures(&self) -> usize {
        self.rows.iter().filter(|r| r.hard_failure()).count()
    }
}

/// What can stop a case from running.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReproduceError {
    /// A case name that is not one of [`CASES`].
    #[error("unknown case `{name}`{}; the cases are {}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default(), available)]
    UnknownCase {
        /// The name given.
        name: String,
        /// The closest case name, if any is close.
        suggestion: Option<String>,
        /// Every case name.
        available: String,
    },
    /// An embedded scenario did not load.
    #[error("case {case}: {source}")]
    Scenario {
        /// The case.
        case: &'static str,
        /// Why.
        #[source]
        source: crate::Error,
    },
    /// A data or reference table did not load.
    #[error("case {case}: {source}")]
    Data {
        /// The case.
        case: &'static str,
        /// Why.
        #[source]
        source: DataError,
    },
    /// The projection failed.
    #[error("case {case}: {source}")]
    Model {
        /// The case.
        case: &'static str,
        /// Why.
        #[source]
        source: ModelError,
    },
    /// The population projection failed.
    #[error("case {case}: {source}")]
    Demography {
        /// The case.
        case: &'static str,
        /// Why.
        #[source]
        source: DemographyError,
    },
}

impl ReproduceError {
    /// Whether the error is bad input (exit 2) rather than a failure.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            ReproduceError::UnknownCase { .. }
                | ReproduceError::Scenario { .. }
                | ReproduceError::Data { .. }
        )
    }
}

/// The cases named (all of them when `names` is empty), or an error naming
/// the first unknown one with a suggestion.
pub fn select(names: &[String]) -> Result<Vec<CaseInfo>, crate::Error> {
    Ok(select_typed(names)?)
}

fn select_typed(names: &[String]) -> Result<Vec<CaseInfo>, ReproduceError> {
    if names.is_empty() {
        return Ok(CASES.to_vec());
    }
    let mut out = Vec::new();
    for n in names {
        let Some(c) = CASES.iter().find(|c| c.name == n.as_str()) else {
            return Err(ReproduceError::UnknownCase {
                name: n.clone(),
                suggestion: crate::scenario::suggest(n, CASES.iter().map(|c| c.name))
                    .map(str::to_string),
                available: CASES.map(|c| c.name).join(", "),
            });
        };
        if !out.contains(c) {
            out.push(*c);
        }
    }
    Ok(out)
}

/// Run the cases named (all when empty), in [`CASES`] order.
pub fn run(names: &[String]) -> Result<Vec<CaseResult>, crate::Error> {
    let chosen = select_typed(names)?;
    let mut runs = cases::Runs::default();
    Ok(CASES
        .iter()
        .filter(|c| chosen.contains(c))
        .map(|c| runs.case(*c))
        .collect::<Result<_, ReproduceError>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_cases_with_distinct_names() {
        let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 8);
    }

    #[test]
    fn every_past_report_is_a_case_and_its_unknowns_are_counted() {
        for r in &reports::PAST_REPORTS {
            let c = CASES.iter().find(|c| c.name == r.case).unwrap();
            let n = r.unknowns.len().to_string();
            assert!(
                c.assumptions.contains(&n) && c.tolerance.contains(&n),
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn an_unknown_case_suggests_the_closest() {
        let e = select(&["efo-2026".into()]).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("did you mean `efo-2026-03`"), "{msg}");
        assert!(e.is_bad_input());
    }

    #[test]
    fn rows_pass_fail_and_report() {
        assert_eq!(
            Row::new("a", 1, 1.0, 1.01, "u", Some(0.05), true).status,
            Status::Pass
        );
        let f = Row::new("a", 1, 1.0, 2.0, "u", Some(0.05), true);
        assert!(f.hard_failure());
        let goal = Row::new("a", 1, 1.0, 2.0, "u", Some(0.05), false);
        assert_eq!(goal.status, Status::Fail);
        assert!(!goal.hard_failure());
        assert_eq!(
            Row::new("a", 1, 1.0, 2.0, "u", None, true).status,
            Status::Info
        );
    }
}
