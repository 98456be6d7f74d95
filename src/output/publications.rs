//! The publications behind a run's data, named from where each table was
//! read, so that `data_vintages` in the JSON, the reports' data section and
//! every chart's source line say which forecast and which population a run
//! used: a re-run of the FSR 2017 names the November 2016 EFO and the ONS
//! 2014-based projection, the baseline the March 2026 EFO and the ONS
//! 2024-based assumptions, and a scenario's own table its file.

use crate::data::vintage;
use crate::model::demography::embedded::READY_PROJECTIONS;

use crate::model::demography::settings::ENGINE_SOURCE_PREFIX as ENGINE_POPULATION;

/// The OBR's long-term report the embedded FRS table is from.
pub const FRS: &str = "OBR Fiscal risks and sustainability, July 2026, chapter 3 baseline";

/// The DMO table the debt portfolio starts from.
pub const GILTS: &str = "UK Debt Management Office, gilts in issue, 19 March 2025";

/// A publication in full (the data sections) and in short (source lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// As the JSON's `data_vintages` and the reports name it.
    pub long: String,
    /// As a chart's source line names it.
    pub short: String,
}

/// The forecast the medium term followed, from the EFO table's source
/// (`embedded:data/efo_2026-03.csv`, an embedded past vintage, or a file
/// imported with `fiscal data import`).
pub fn forecast(efo_source: &str) -> Publication {
    let embedded = vintage::EMBEDDED
        .iter()
        .find(|v| efo_source == format!("embedded:data/{}", v.1));
    match embedded {
        Some(v) => {
            // The description up to its colon, e.g. "OBR Economic and
            // fiscal outlook, November 2016 (Historical official forecasts
            // database)"; short: "OBR EFO November 2016".
            let long = v.3.split(':').next().unwrap_or(v.3).trim().to_string();
            let short = long
                .split(" (")
                .next()
                .unwrap_or(&long)
                .replace("Economic and fiscal outlook, ", "EFO ");
            Publication { long, short }
        }
        None => Publication {
            long: format!("a forecast vintage imported with `fiscal data import`: {efo_source}"),
            short: "an imported forecast vintage".into(),
        },
    }
}

/// The population the run used, from its table's source: the embedded
/// ONS 2022-based principal, an embedded ready projection, the engine on
/// an ONS vintage's assumptions, or a scenario's own file.
pub fn population(source: &str) -> Publication {
    if source == "embedded:data/population_npp2022.csv" {
        return Publication {
            long: "ONS national population projections, 2022-based, principal (28 January 2025)"
                .into(),
            short: "ONS 2022-based population projections".into(),
        };
    }
    if let Some(rest) = source.strip_prefix(ENGINE_POPULATION) {
        let vintage = rest.split_whitespace().next().unwrap_or(rest);
        let published = match vintage {
            "2024-based" => " (28 April 2026)",
            "2022-based" => " (28 January 2025)",
            _ => "",
        };
        return Publication {
            long: format!(
                "ONS national population projections, {vintage}{published}: its assumptions as the scenario sets them, projected by fiscal's cohort-component engine"
            ),
            short: format!("ONS {vintage} population projections"),
        };
    }
    let ready = source
        .strip_prefix("embedded:data/demography/")
        .and_then(|name| READY_PROJECTIONS.iter().find(|p| p.0 == name));
    match ready {
        Some((name, desc, _)) => Publication {
            long: format!("{desc} (embedded projection `{name}`)"),
            short: desc.split(',').next().unwrap_or(desc).to_string(),
        },
        None => Publication {
            long: format!("the population table {source}"),
            short: "the scenario's population table".into(),
        },
    }
}

/// The publications of a chart's source line: the forecasts and the FRS,
/// the populations, the gilts, from the sources of the tables read (each
/// forecast and population once: [`push_new`]).
pub fn source_line(efo_sources: &[String], population_sources: &[String]) -> String {
    let short = |names: Vec<String>| names.join(", ");
    format!(
        "{} and FRS July 2026; {}; DMO gilts in issue, 19 March 2025",
        short(efo_sources.iter().map(|s| forecast(s).short).collect()),
        short(
            population_sources
                .iter()
                .map(|s| population(s).short)
                .collect()
        )
    )
}

/// Add `source` to `sources` unless it is there already.
pub fn push_new(sources: &mut Vec<String>, source: &str) {
    if !sources.iter().any(|s| s == source) {
        sources.push(source.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forecast_is_named_by_its_vintage() {
        assert_eq!(
            forecast("embedded:data/efo_2026-03.csv").short,
            "OBR EFO March 2026"
        );
        let past = forecast("embedded:data/vintages/efo-2016-11.csv");
        assert_eq!(past.short, "OBR EFO November 2016");
        assert!(past.long.contains("Historical official forecasts database"));
        assert!(forecast("/tmp/x.csv").long.contains("/tmp/x.csv"));
    }

    #[test]
    fn the_population_is_named_by_its_source() {
        let engine = population(&format!("{ENGINE_POPULATION}2024-based"));
        assert_eq!(engine.short, "ONS 2024-based population projections");
        assert!(engine.long.contains("28 April 2026"));
        assert_eq!(
            population("embedded:data/demography/npp2014-ppp").short,
            "ONS 2014-based principal"
        );
        assert_eq!(
            population("embedded:data/population_npp2022.csv").short,
            "ONS 2022-based population projections"
        );
        assert!(population("my/pop.csv").long.contains("my/pop.csv"));
    }
}
