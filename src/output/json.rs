//! `projection.json`: the projection with everything needed to trace it,
//! in the common envelope ([`super::envelope`]): tool version, scenario
//! files and their hashes, data vintages, and under `results` the effective
//! assumptions and the projection.

use serde::Serialize;

use super::envelope::Envelope;
use crate::data::Dataset;
use crate::model::demography::SummaryRow;
use crate::model::indicators::Sustainability;
use crate::model::interventions::InterventionResults;
use crate::model::{Assumptions, Projection};
use crate::scenario::Scenario;

/// Names and vintages of the data tables used.
#[derive(Debug, Serialize)]
pub(crate) struct DataVintage {
    /// What the table holds.
    pub table: &'static str,
    /// The publication it was imported from.
    pub publication: String,
    /// The table actually read (embedded or a file).
    pub source: String,
}

/// The tables a projection used, with their publications (the forecast
/// and population named from where they were read: `super::publications`).
pub(crate) fn vintages(d: &Dataset) -> Vec<DataVintage> {
    use super::publications;
    let fixed = |table: &'static str, publication: &str, source: &str| DataVintage {
        table,
        publication: publication.to_string(),
        source: source.to_string(),
    };
    vec![
        fixed(
            "population",
            &publications::population(&d.population.source).long,
            &d.population.source,
        ),
        fixed(
            "efo",
            &publications::forecast(&d.efo.source).long,
            &d.efo.source,
        ),
        fixed("frs", publications::FRS, &d.frs.source),
        fixed(
            "profiles",
            "fiscal's age profiles, derived from published evidence (data/SOURCES.md)",
            &d.profiles.source,
        ),
        fixed(
            "participation",
            "fiscal's participation profile, derived from ONS LFS evidence (data/SOURCES.md)",
            &d.participation.source,
        ),
        fixed("gilts", publications::GILTS, &d.gilts.source),
    ]
}

/// A projection as JSON in the vocabulary of `projection.csv`: each year an
/// object whose keys are the CSV's columns (`year`, `phase`, then
/// `health_gbp_bn`, `health_pct_gdp`, ..., `psnd_pct_gdp`), so spending and
/// receipts by line are named, never positions in an array; the projection's
/// name, opening position and calibration beside them.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionJson<'a>(pub &'a Projection);

impl Serialize for ProjectionJson<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = self.0;
        let mut st = ser.serialize_struct("Projection", 5)?;
        st.serialize_field("name", &p.name)?;
        st.serialize_field("opening_psnd_gbp_bn", &p.opening_psnd_gbp_bn)?;
        st.serialize_field("opening_gdp_centred_gbp_bn", &p.opening_gdp_centred_gbp_bn)?;
        st.serialize_field("years", &YearsJson(&p.years))?;
        st.serialize_field("calibration", &p.calibration)?;
        st.end()
    }
}

struct YearsJson<'a>(&'a [crate::model::YearResult]);

impl Serialize for YearsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = ser.serialize_seq(Some(self.0.len()))?;
        for y in self.0 {
            let values = super::csv::named_values(y);
            let row = YearRow {
                year: y.year.to_string(),
                phase: y.phase,
                values,
            };
            seq.serialize_element(&row)?;
        }
        seq.end()
    }
}

struct YearRow {
    year: String,
    phase: crate::model::Phase,
    values: Vec<(String, f64)>,
}

impl Serialize for YearRow {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(Some(self.values.len() + 2))?;
        m.serialize_entry("year", &self.year)?;
        m.serialize_entry("phase", &self.phase)?;
        for (k, v) in &self.values {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// What `fiscal run --format json` puts under `results`.
#[derive(Serialize)]
struct RunResults<'a> {
    licence: &'static str,
    description: &'a str,
    assumptions: &'a Assumptions,
    projection: ProjectionJson<'a>,
    /// Warnings the numbers come with (empty when none).
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interventions: Option<&'a InterventionResults>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicators: Option<&'a Sustainability>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    population: &'a [SummaryRow],
}

/// The attribution every output that shows official data carries.
pub const OGL_ATTRIBUTION: &str =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

/// The projection and its metadata as pretty JSON.
pub fn projection_json(
    s: &Scenario,
    d: &Dataset,
    p: &Projection,
    interventions: Option<&InterventionResults>,
    indicators: Option<&Sustainability>,
    population: &[SummaryRow],
) -> String {
    let results = RunResults {
        licence: OGL_ATTRIBUTION,
        description: &s.assumptions.description,
        assumptions: &s.assumptions,
        projection: ProjectionJson(p),
        warnings: p.warnings(),
        interventions,
        indicators,
        population,
    };
    Envelope::new("run", results)
        .scenarios([s])
        .data(d)
        .to_json()
}
