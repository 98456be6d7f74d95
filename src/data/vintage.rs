//! Forecast vintages: the table of OBR aggregates (outturn and forecast)
//! that a projection's medium term follows, chosen by name with
//! `[horizon] vintage`. Four are embedded (the March 2026 EFO, the 2016-17
//! outturn, and the November 2016 and March 2018 EFOs from the OBR's
//! historical forecasts database); `fiscal data import --vintage NAME --efo
//! FILE` or `fiscal data import hofd --vintage LABEL` adds another as
//! `vintages/NAME.csv` under a data directory that a scenario names with
//! `[data] vintage_dir`. A vintage may hold
//! outturn only: the long term then starts the year after it.

use std::path::Path;

use super::{DataError, SeriesTable};

/// The vintage a scenario uses when it names none.
pub const DEFAULT: &str = "efo-2026-03";

/// Embedded vintages: (name, file under `data/`, text, description).
pub const EMBEDDED: &[(&str, &str, &str, &str)] = &[
    (
        "efo-2026-03",
        "efo_2026-03.csv",
        include_str!("../../data/efo_2026-03.csv"),
        "OBR Economic and fiscal outlook, March 2026: outturn 2024-25, forecast 2025-26..2030-31",
    ),
    (
        "outturn-2016-17",
        "vintages/outturn-2016-17.csv",
        include_str!("../../data/vintages/outturn-2016-17.csv"),
        "Outturn 2015-16 and 2016-17 (OBR historical public finances database, DWP): no forecast years",
    ),
    (
        "efo-2016-11",
        "vintages/efo-2016-11.csv",
        include_str!("../../data/vintages/efo-2016-11.csv"),
        "OBR Economic and fiscal outlook, November 2016 (Historical official forecasts database): 2015-16..2021-22, the FSR January 2017's medium term",
    ),
    (
        "efo-2018-03",
        "vintages/efo-2018-03.csv",
        include_str!("../../data/vintages/efo-2018-03.csv"),
        "OBR Economic and fiscal outlook, March 2018 (Historical official forecasts database): 2016-17..2022-23, the FSR July 2018's medium term",
    ),
];

/// Series every vintage must carry in each of its years (the medium-term
/// builder and the long-term calibration read them).
pub const REQUIRED: &[&str] = &[
    "fiscal.psnb",
    "fiscal.psnd",
    "macro.nominal_gdp",
    "macro.nominal_gdp_centred_end_march",
    "spending.debt_interest",
    "spending.tme",
    "receipts.total",
];

/// Check that `t` carries every required series.
pub fn check(t: &SeriesTable) -> Result<(), DataError> {
    for s in REQUIRED {
        if !t.series.contains_key(*s) {
            return Err(DataError::invalid(
                &t.source,
                0,
                format!(
                    "vintage table is missing the required series `{s}` (every vintage needs {}): add it to the EFO table and re-run `fiscal data import`",
                    REQUIRED.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Names of the vintages available: the embedded ones, then those imported
/// under `dir/vintages/`.
pub fn available(dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = EMBEDDED.iter().map(|v| v.0.to_string()).collect();
    if let Some(d) = dir {
        let mut extra: Vec<String> = std::fs::read_dir(d.join("vintages"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                (p.extension()? == "csv").then(|| p.file_stem()?.to_str().map(str::to_string))?
            })
            .filter(|n| !names.contains(n))
            .collect();
        extra.sort();
        names.extend(extra);
    }
    names
}

/// Load vintage `name`: from `dir/vintages/NAME.csv` when `dir` is given and
/// the file exists, else an embedded vintage. `set_at` names where the
/// vintage was chosen (file and line), for the message when it is unknown.
pub fn load(name: &str, dir: Option<&Path>, set_at: &str) -> Result<SeriesTable, DataError> {
    if let Some(d) = dir {
        let path = d.join("vintages").join(format!("{name}.csv"));
        if path.is_file() {
            let text = super::read_table_text(&path)?;
            let t = SeriesTable::parse(&path.display().to_string(), &text)?;
            check(&t)?;
            return Ok(t);
        }
    }
    let Some((_, file, text, _)) = EMBEDDED.iter().find(|v| v.0 == name) else {
        return Err(DataError::UnknownVintage {
            set_at: set_at.to_string(),
            name: name.to_string(),
            available: available(dir).join(", "),
        });
    };
    let t = SeriesTable::parse(&format!("embedded:data/{file}"), text)?;
    check(&t)?;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_vintages_load_and_carry_the_required_series() {
        for (name, ..) in EMBEDDED {
            let t = load(name, None, "t").unwrap();
            assert!(t.get("fiscal.psnd", t.years("fiscal.psnd")[0]).is_ok());
        }
    }

    #[test]
    fn an_unknown_vintage_lists_the_available_ones() {
        let e = load("efo-2099-03", None, "t").unwrap_err().to_string();
        assert!(e.contains("unknown vintage `efo-2099-03`"), "{e}");
        assert!(
            e.contains("efo-2026-03") && e.contains("outturn-2016-17"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_series_is_named() {
        let t = SeriesTable::parse(
            "v.csv",
            "series,year,value,unit\nfiscal.psnb,2030-31,1,gbp_bn\n",
        )
        .unwrap();
        let e = check(&t).unwrap_err().to_string();
        assert!(e.contains("v.csv") && e.contains("`fiscal.psnd`"), "{e}");
    }
}
