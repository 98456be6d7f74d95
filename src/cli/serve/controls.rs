//! The page's controls: which scenario fields it offers, with what labels,
//! units and ranges. A control names a field by its dotted path in the
//! scenario file (`economy.productivity_growth_pct`), so a page setting is
//! laid over the scenario exactly as that key in a file would be.
//!
//! The ranges are the page's own bounds (a request outside them is refused
//! before any work); they sit inside the model's validation ranges, which
//! still check every value as a scenario file's would be.

use serde::Serialize;

/// One numeric control.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Control {
    /// The field's dotted path in a scenario file.
    pub key: &'static str,
    /// The group it is shown in.
    pub group: &'static str,
    /// Label in the page.
    pub label: &'static str,
    /// Unit after the value.
    pub unit: &'static str,
    /// Lowest value the page accepts.
    pub min: f64,
    /// Highest value the page accepts.
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// Where the slider starts when the scenario leaves the field unset
    /// (the ONS principal's long-run level for the population fields).
    pub unset_shows: f64,
    /// What an unset field means.
    pub unset_means: &'static str,
}

const fn c(
    key: &'static str,
    group: &'static str,
    label: &'static str,
    unit: &'static str,
    range: (f64, f64, f64),
    unset: (f64, &'static str),
) -> Control {
    Control {
        key,
        group,
        label,
        unit,
        min: range.0,
        max: range.1,
        step: range.2,
        unset_shows: unset.0,
        unset_means: unset.1,
    }
}

const SET: (f64, &str) = (0.0, "");

/// The main assumptions (issue 24's list), in page order.
pub const CONTROLS: &[Control] = &[
    c(
        "economy.productivity_growth_pct",
        "Economy",
        "Productivity growth",
        "% a year",
        (0.0, 3.0, 0.05),
        SET,
    ),
    c(
        "economy.cpi_inflation_pct",
        "Economy",
        "CPI inflation",
        "% a year",
        (0.0, 6.0, 0.1),
        SET,
    ),
    c(
        "economy.gdp_deflator_growth_pct",
        "Economy",
        "GDP deflator growth",
        "% a year",
        (0.0, 6.0, 0.1),
        SET,
    ),
    c(
        "population.net_migration_persons",
        "Population",
        "Net migration from 2026",
        "people a year",
        (-100_000.0, 800_000.0, 5_000.0),
        (
            230_000.0,
            "the ONS 2024-based principal (230,000 a year in the long run)",
        ),
    ),
    c(
        "population.tfr_children_per_woman",
        "Population",
        "Fertility (TFR by 2047)",
        "children per woman",
        (1.0, 2.2, 0.01),
        (1.41, "the ONS 2024-based principal (about 1.41)"),
    ),
    c(
        "population.life_expectancy_shift_years",
        "Population",
        "Life expectancy shift by 2047",
        "years",
        (-5.0, 5.0, 0.1),
        (0.0, "the ONS 2024-based principal"),
    ),
    c(
        "spending.health_healthy_ageing_share",
        "Health and care",
        "Healthy ageing",
        "share of life-expectancy gain in good health",
        (0.0, 1.0, 0.05),
        SET,
    ),
    c(
        "spending.health_other_cost_pressures_start_pp",
        "Health and care",
        "Health cost pressures, first long-term year",
        "pp a year over earnings",
        (0.0, 3.0, 0.05),
        SET,
    ),
    c(
        "spending.health_other_cost_pressures_end_pp",
        "Health and care",
        "Health cost pressures, after the taper",
        "pp a year over earnings",
        (0.0, 3.0, 0.05),
        SET,
    ),
    c(
        "spending.adult_social_care_cost_premium_pp",
        "Health and care",
        "Adult social care unit costs",
        "pp a year over earnings",
        (-1.0, 2.0, 0.05),
        SET,
    ),
    c(
        "spending.triple_lock_premium_pp",
        "State Pension",
        "State Pension uprating over earnings (triple lock)",
        "pp a year",
        (0.0, 2.0, 0.05),
        SET,
    ),
    c(
        "rates.gilt_rate_medium_term_pct",
        "Interest rates",
        "Gilt rate to 2030-31",
        "%",
        (0.0, 10.0, 0.05),
        SET,
    ),
    c(
        "rates.gilt_rate_long_run_over_growth_pp",
        "Interest rates",
        "Long-run gilt rate over nominal GDP growth",
        "pp",
        (-2.0, 4.0, 0.05),
        (0.2, "the scenario's absolute long-run rate"),
    ),
    c(
        "rates.bank_rate_long_run_over_growth_pp",
        "Interest rates",
        "Long-run Bank Rate over nominal GDP growth",
        "pp",
        (-2.0, 4.0, 0.05),
        (0.2, "the scenario's absolute long-run rate"),
    ),
];

/// The control for `key`.
pub fn find(key: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.key == key)
}

/// The State Pension age paths the page offers, besides the scenario's own.
pub const SPA_PATHS: &[(&str, &str, &str)] = &[
    (
        "obr",
        "baseline",
        "The OBR's path: 68 from 2039-40, 69 by 2075-76 (the baseline)",
    ),
    (
        "legislated",
        "legislated_spa",
        "The legislated timetable: 68 over 2044-46, no later rise",
    ),
];

/// Bounds of an intervention's page settings: (min, max) of the scale
/// (multiple of its size: savings and costs), Exchequer retention
/// (`exchequer_retention_share`) and persistence (`decay_pct`, % a year).
pub const SCALE_RANGE: (f64, f64) = (0.0, 3.0);
/// See [`SCALE_RANGE`].
pub const RETENTION_RANGE: (f64, f64) = (0.0, 1.0);
/// See [`SCALE_RANGE`].
pub const DECAY_RANGE_PCT: (f64, f64) = (0.0, 30.0);
