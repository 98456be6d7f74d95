//! The OBR's long-term reports: which forecast and which population each
//! started from, which of them `fiscal reproduce` can re-run (both inputs
//! held), and for those, the assumptions whose values the report does not
//! publish, each with the range the band runs over.
//!
//! A report's inputs are those of its time: its medium term is the EFO
//! before it, its population the latest ONS projection published before it
//! (the ONS dates: 2008-based October 2009, 2010-based October 2011,
//! 2012-based November 2013, 2014-based October 2015, 2016-based October
//! 2017, 2018-based October 2019, 2020-based interim January 2022,
//! 2021-based interim January 2024, 2022-based January 2025). Where no
//! source states them this is inferred from those dates and said so.

use crate::model::assumptions::{Assumptions, FuelDutyPath, SpaStep, TobaccoDutyPath};
use crate::years::FiscalYear;

/// One end of an unknown assumption's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The low end of the range as written (not necessarily the lower debt).
    Low,
    /// The high end.
    High,
}

/// An assumption the report does not publish: the value the scenario file
/// chose and the range the band runs over.
#[derive(Debug, Clone, Copy)]
pub struct Unknown {
    /// What it is.
    pub name: &'static str,
    /// The scenario's value.
    pub central: &'static str,
    /// The low and high ends, as text.
    pub low: &'static str,
    /// See `low`.
    pub high: &'static str,
    /// Why this range.
    pub why: &'static str,
    /// Set the assumption to one end.
    pub set: fn(&mut Assumptions, Bound),
}

/// A past report that `fiscal reproduce` re-runs.
#[derive(Debug, Clone, Copy)]
pub struct PastReport {
    /// The case name (`fsr-2017`).
    pub case: &'static str,
    /// The report as `obr_headlines.csv` names it (`FSR 2017`).
    pub report: &'static str,
    /// The scenario file's text (embedded).
    pub scenario_toml: &'static str,
    /// Its name in messages and hashes.
    pub scenario_name: &'static str,
    /// The last year of its medium term, where the start point is checked.
    pub start_year: FiscalYear,
    /// The headline year.
    pub headline_year: FiscalYear,
    /// The item in `obr_headlines.csv` of an effect on the headline PSND
    /// that the report added after its EFO and the re-run leaves out (the
    /// comparison is then with the headline less it).
    pub excluded_effect: Option<&'static str>,
    /// The assumptions it does not publish.
    pub unknowns: &'static [Unknown],
}

/// A long-term report and the inputs it started from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInputs {
    /// As `obr_headlines.csv` names it.
    pub report: &'static str,
    /// The EFO its medium term came from, and whether the historical
    /// forecasts database holds it.
    pub efo: &'static str,
    /// The ONS projection it used.
    pub population: &'static str,
    /// The case that re-runs it, or why none can.
    pub rerun: Result<&'static str, &'static str>,
}

const NO_POP_2008: &str = "its population (the ONS 2008-based projection) is not in shared/";
const NO_POP_2010: &str = "its population (the ONS 2010-based projection) is not in shared/";
const NO_POP_2012: &str = "its population (the ONS 2012-based projection) is not in shared/";
const NO_POP_2018: &str = "its population (the ONS 2018-based projection) is not in shared/";
const NO_POP_2020: &str =
    "its population (the ONS 2020-based interim projection) is not in shared/";
const NO_POP_2021: &str =
    "its population (the ONS 2021-based interim projection) is not in shared/";

/// Every long-term report with a headline in `obr_headlines.csv`, with its
/// inputs (the EFO before it; the ONS projection by publication date).
pub const REPORT_INPUTS: &[ReportInputs] = &[
    ReportInputs {
        report: "FSR 2011",
        efo: "March 2011 (held)",
        population: "ONS 2008-based (inferred)",
        rerun: Err(NO_POP_2008),
    },
    ReportInputs {
        report: "FSR 2012",
        efo: "March 2012 (held)",
        population: "ONS 2010-based (inferred)",
        rerun: Err(NO_POP_2010),
    },
    ReportInputs {
        report: "FSR 2013",
        efo: "March 2013 (held)",
        population: "ONS 2010-based (inferred: the 2012-based came out in November 2013)",
        rerun: Err(NO_POP_2010),
    },
    ReportInputs {
        report: "FSR 2014",
        efo: "March 2014 (held)",
        population: "ONS 2012-based (inferred)",
        rerun: Err(NO_POP_2012),
    },
    ReportInputs {
        report: "FSR 2015",
        efo: "March 2015 (held)",
        population: "ONS 2012-based (inferred: the 2014-based came out in October 2015)",
        rerun: Err(NO_POP_2012),
    },
    ReportInputs {
        report: "FSR 2017",
        efo: "November 2016 (held)",
        population: "ONS 2014-based (inferred, long_term_assumptions.csv)",
        rerun: Ok("fsr-2017"),
    },
    ReportInputs {
        report: "FSR 2018",
        efo: "March 2018 (held)",
        population: "ONS 2016-based (inferred, shared/data/MANIFEST.md)",
        rerun: Ok("fsr-2018"),
    },
    ReportInputs {
        report: "FSR 2020",
        efo: "March 2020 (held)",
        population: "ONS 2018-based (inferred)",
        rerun: Err("the OBR did not update its long-term projections in 2020 (obr.uk)"),
    },
    ReportInputs {
        report: "FRS 2021",
        efo: "March 2021 (held)",
        population: "ONS 2018-based (inferred)",
        rerun: Err(NO_POP_2018),
    },
    ReportInputs {
        report: "FRS 2022",
        efo: "March 2022 (held)",
        population: "ONS 2020-based interim (inferred)",
        rerun: Err(NO_POP_2020),
    },
    ReportInputs {
        report: "FRS 2023",
        efo: "March 2023 (held)",
        population: "ONS 2020-based interim (inferred)",
        rerun: Err(NO_POP_2020),
    },
    ReportInputs {
        report: "FRS 2024",
        efo: "March 2024 (held)",
        population: "ONS 2021-based interim (inferred)",
        rerun: Err(NO_POP_2021),
    },
    ReportInputs {
        report: "FRS 2025",
        efo: "March 2025 (not held: the database ends in October 2024)",
        population: "ONS 2022-based (held)",
        rerun: Err("its medium term (the March 2025 EFO) is not in the historical forecasts database, whose last vintage is October 2024"),
    },
];

fn productivity_2017(a: &mut Assumptions, b: Bound) {
    a.economy.productivity_growth_pct = match b {
        Bound::Low => 2.0,
        Bound::High => 2.2,
    };
}

fn productivity_2018(a: &mut Assumptions, b: Bound) {
    a.economy.productivity_growth_pct = match b {
        Bound::Low => 1.9,
        Bound::High => 2.0,
    };
}

fn deflator(a: &mut Assumptions, b: Bound) {
    a.economy.gdp_deflator_growth_pct = match b {
        Bound::Low => 2.0,
        Bound::High => 2.5,
    };
}

fn rpi_wedge(a: &mut Assumptions, b: Bound) {
    a.economy.rpi_cpi_wedge_pp = match b {
        Bound::Low => 1.0,
        Bound::High => 1.2,
    };
}

fn rate_spread(a: &mut Assumptions, b: Bound) {
    let v = match b {
        Bound::Low => -0.1,
        Bound::High => 0.5,
    };
    a.rates.gilt_rate_long_run_over_growth_pp = Some(v);
    a.rates.bank_rate_long_run_over_growth_pp = Some(v);
}

fn new_gilt_maturity(a: &mut Assumptions, b: Bound) {
    a.debt.new_issuance_average_maturity_years = match b {
        Bound::Low => 10,
        Bound::High => 18,
    };
}

fn health_pressures(a: &mut Assumptions, b: Bound) {
    let v = match b {
        Bound::Low => 0.5,
        Bound::High => 1.0,
    };
    a.spending.health_other_cost_pressures_start_pp = v;
    a.spending.health_other_cost_pressures_end_pp = v;
}

fn healthy_ageing(a: &mut Assumptions, b: Bound) {
    a.spending.health_healthy_ageing_share = match b {
        Bound::Low => 0.0,
        Bound::High => 1.0,
    };
}

fn fuel_duty(a: &mut Assumptions, b: Bound) {
    match b {
        Bound::Low => a.receipts.fuel_duty_path = FuelDutyPath::Hold,
        Bound::High => {
            a.receipts.fuel_duty_path = FuelDutyPath::Electrify;
            a.receipts.fuel_duty_zero_by = Some(a.horizon.end_year);
        }
    }
}

fn tobacco_duty(a: &mut Assumptions, b: Bound) {
    a.receipts.tobacco_duty_path = match b {
        Bound::Low => TobaccoDutyPath::Decline,
        Bound::High => TobaccoDutyPath::Hold,
    };
}

/// The State Pension age path kept to the step of `reached_68` (the year
/// it reaches 68), then, when `rise_from` is given, 69 in two half-year
/// steps from that year (the Pensions Acts phase each year of rise over
/// two years).
fn rise_from_68(a: &mut Assumptions, reached_68: i32, rise_from: Option<i32>) {
    let steps = &mut a.state_pension_age.steps;
    steps.retain(|s| s.from.0 <= reached_68);
    let half_years = rise_from
        .into_iter()
        .flat_map(|y| [(y, 68.5), (y + 1, 69.0)]);
    steps.extend(half_years.map(|(y, age)| SpaStep {
        from: FiscalYear(y),
        age_years: age,
    }));
}

/// When the State Pension age rises from 68 (2046-47) to 69 (2059-60, the
/// IFS's reading of the OBR's projections of January 2017): the scenario
/// spreads it evenly; the two ends put the whole rise straight after
/// 2046-47 or just before 2059-60.
fn spa_69_timing(a: &mut Assumptions, b: Bound) {
    let first = match b {
        Bound::Low => 2047,
        Bound::High => 2058,
    };
    rise_from_68(a, 2046, Some(first));
}

/// The State Pension age after 68 (2039-40 in the FSR 2018 re-run): the
/// scenario rises to 69 by 2052-53; the ends hold 68, or reach 69 by
/// 2047-48 (the late 2040s of the Government's December 2013 path).
fn spa_69_after_2039(a: &mut Assumptions, b: Bound) {
    let rise = match b {
        Bound::Low => Some(2046),
        Bound::High => None,
    };
    rise_from_68(a, 2039, rise);
}

const HEALTH: Unknown = Unknown {
    name: "health other cost pressures",
    central: "1.0 → 0.5 pp over 30 years",
    low: "0.5 pp throughout",
    high: "1.0 pp throughout",
    why: "the size is not found (long_term_assumptions.csv); the range holds the central path's end and start values throughout",
    set: health_pressures,
};

const HEALTHY_AGEING: Unknown = Unknown {
    name: "healthy ageing (share of life-expectancy gains in good health)",
    central: "0.5",
    low: "0",
    high: "1",
    why: "the report's treatment is not found; 0 is pure ageing, 1 all gains in good health, 0.5 the European Commission's reference",
    set: healthy_ageing,
};

const RATE_SPREAD: Unknown = Unknown {
    name: "gilt rate and Bank Rate over nominal GDP growth, pp",
    central: "0.2",
    low: "-0.1",
    high: "0.5",
    why: "0.2 is the 2019 determinants' convention; the report's own spread is not found: 0.3 pp either side",
    set: rate_spread,
};

const MATURITY: Unknown = Unknown {
    name: "average maturity of new gilts, years",
    central: "14",
    low: "10",
    high: "18",
    why: "the report's debt structure is not in shared/; 14 years is the average maturity of gilts in issue (MODEL.md)",
    set: new_gilt_maturity,
};

const DEFLATOR: Unknown = Unknown {
    name: "GDP deflator, % a year",
    central: "2.3",
    low: "2.0",
    high: "2.5",
    why: "2.3: OBR long-term determinants, March 2019; 2.0: the EFO's own last year; 2.5 symmetric about 2.3",
    set: deflator,
};

const RPI_WEDGE: Unknown = Unknown {
    name: "RPI less CPI, pp",
    central: "1.0",
    low: "1.0",
    high: "1.2",
    why: "1.0: OBR long-term determinants, March 2019; 1.2: the November 2016 EFO's last year",
    set: rpi_wedge,
};

const FUEL: Unknown = Unknown {
    name: "fuel duty after the medium term",
    central: "held (share of GDP)",
    low: "held",
    high: "falling to zero by the end year",
    why: "the report's assumption is not found; the policies behind today's fall to zero postdate it, so a fall to zero by the horizon is the far end",
    set: fuel_duty,
};

const TOBACCO: Unknown = Unknown {
    name: "tobacco duty after the medium term",
    central: "flat in cash",
    low: "flat in cash",
    high: "held as a share of GDP",
    why: "the report's assumption is not found",
    set: tobacco_duty,
};

/// The FSR January 2017's unknowns.
pub const FSR_2017_UNKNOWNS: &[Unknown] = &[
    Unknown {
        name: "productivity growth, % a year",
        central: "2.2",
        low: "2.0",
        high: "2.2",
        why: "2.2 is inferred (Treasury Committee: assumed \"until 2016\"); 2.0 is the next report's",
        set: productivity_2017,
    },
    DEFLATOR,
    RPI_WEDGE,
    RATE_SPREAD,
    MATURITY,
    HEALTH,
    HEALTHY_AGEING,
    Unknown {
        name: "State Pension age: when 68 becomes 69",
        central: "evenly, 2049-50 to 2059-60",
        low: "2047-48 to 2048-49",
        high: "2058-59 to 2059-60",
        why: "cited: 68 in 2046-47 (House of Commons Library) and 69 in 2060 (IFS, February 2017, on the OBR's projections); the timing between is not found",
        set: spa_69_timing,
    },
    FUEL,
    TOBACCO,
];

/// The FSR July 2018's unknowns. Its economic determinants (productivity,
/// the deflator, CPI, the RPI wedge, the triple lock premium, rates as
/// nominal growth + 0.2 pp) are the OBR's as published in March 2019, when
/// the July 2018 report was the latest: cited, not in the band.
pub const FSR_2018_UNKNOWNS: &[Unknown] = &[
    Unknown {
        name: "productivity growth, % a year",
        central: "2.0",
        low: "1.9",
        high: "2.0",
        why: "2.0 is the OBR's (long-term determinants); the OBR reaches it in 2030-31 from the EFO's 1.2 % in 2022, which a single long-run rate cannot follow: 1.9 spreads that shortfall over the horizon",
        set: productivity_2018,
    },
    MATURITY,
    HEALTH,
    HEALTHY_AGEING,
    Unknown {
        name: "State Pension age after 2039-40",
        central: "69 by 2052-53, evenly",
        low: "69 by 2047-48",
        high: "68 held",
        why: "the report's path is not found; the OBR's convention since FSR 2014 is to follow the Government's link to life expectancy beyond the legislated timetable (FSR 2014, quoted by Pensions & Investments, 11 July 2014: \"introduces rises to 69 and 70 within the projection horizon\"): the scenario takes the FSR 2017 path's pace (69 thirteen years after 68), the low end the late 2040s of the Government's December 2013 path, the high end no rise",
        set: spa_69_after_2039,
    },
    FUEL,
    TOBACCO,
];

/// The reports `fiscal reproduce` re-runs.
pub const PAST_REPORTS: [PastReport; 2] = [
    PastReport {
        case: "fsr-2017",
        report: "FSR 2017",
        scenario_toml: include_str!("../../scenarios/published/fsr_2017.toml"),
        scenario_name: "embedded:scenarios/published/fsr_2017.toml",
        start_year: FiscalYear(2021),
        headline_year: FiscalYear(2066),
        excluded_effect: None,
        unknowns: FSR_2017_UNKNOWNS,
    },
    PastReport {
        case: "fsr-2018",
        report: "FSR 2018",
        scenario_toml: include_str!("../../scenarios/published/fsr_2018.toml"),
        scenario_name: "embedded:scenarios/published/fsr_2018.toml",
        start_year: FiscalYear(2022),
        headline_year: FiscalYear(2067),
        excluded_effect: Some("nhs_june2018_pledge_effect_on_psnd"),
        unknowns: FSR_2018_UNKNOWNS,
    },
];

/// The re-run of report `case`, if there is one.
pub fn past_report(case: &str) -> Option<&'static PastReport> {
    PAST_REPORTS.iter().find(|r| r.case == case)
}

/// The inputs of report `report` (`FSR 2011`), if it is listed.
pub fn inputs_of(report: &str) -> Option<&'static ReportInputs> {
    REPORT_INPUTS.iter().find(|r| r.report == report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rerun_names_a_past_report_and_every_past_report_is_listed() {
        for r in REPORT_INPUTS {
            if let Ok(case) = r.rerun {
                assert_eq!(past_report(case).map(|p| p.report), Some(r.report));
            }
        }
        for p in &PAST_REPORTS {
            assert_eq!(inputs_of(p.report).and_then(|r| r.rerun.ok()), Some(p.case));
        }
    }

    #[test]
    fn each_bound_moves_the_assumption() {
        let base: Assumptions = toml::from_str(crate::scenario::DEFAULT_TOML).unwrap();
        for u in FSR_2017_UNKNOWNS.iter().chain(FSR_2018_UNKNOWNS) {
            let (mut lo, mut hi) = (base.clone(), base.clone());
            (u.set)(&mut lo, Bound::Low);
            (u.set)(&mut hi, Bound::High);
            assert_ne!(lo, hi, "{}: the two ends are the same", u.name);
        }
    }
}
