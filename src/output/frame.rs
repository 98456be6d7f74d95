//! Tables as named columns of unrounded values: what a caller that wants
//! data rather than text (the Python package's pandas DataFrames) reads.
//! Each frame has the columns of its CSV file, in the same order, taken
//! from the same definitions, so a frame and its CSV agree to the CSV's
//! printed precision (tested in `python/tests`). Text is not neutralised
//! for spreadsheets as the CSV's is; a missing number is NaN.

use super::compare::MEASURES;
use super::interventions::{grade, FIELDS};
use crate::model::indicators::{Headline, Sustainability};
use crate::model::interventions::InterventionResults;
use crate::model::uncertainty::summary::VAR_NAMES;
use crate::model::uncertainty::{FanRun, PERCENTILES};
use crate::model::{Phase, Projection};
use crate::FiscalYear;

/// One column's values, one per row.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text (names, fiscal years as `2025-26`, phases).
    Text(Vec<String>),
    /// Numbers, unrounded; NaN where there is none.
    Number(Vec<f64>),
}

/// A table: named columns of equal length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    /// The columns, in the CSV's order.
    pub columns: Vec<(String, Values)>,
}

impl Frame {
    fn text(&mut self, name: &str, v: Vec<String>) {
        self.columns.push((name.to_string(), Values::Text(v)));
    }

    fn number(&mut self, name: &str, v: Vec<f64>) {
        self.columns.push((name.to_string(), Values::Number(v)));
    }

    /// The column names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Rows (the length of the first column; 0 without columns).
    pub fn rows(&self) -> usize {
        match self.columns.first() {
            Some((_, Values::Text(v))) => v.len(),
            Some((_, Values::Number(v))) => v.len(),
            None => 0,
        }
    }
}

fn years(ys: impl Iterator<Item = FiscalYear>) -> Vec<String> {
    ys.map(|y| y.to_string()).collect()
}

/// `projection.csv`: `scenario`, `year`, `phase`, then every column of
/// [`super::csv::projection_csv`].
pub fn projection(p: &Projection) -> Frame {
    let mut f = Frame::default();
    f.text("scenario", vec![p.name.clone(); p.years.len()]);
    f.text("year", years(p.years.iter().map(|y| y.year)));
    f.text(
        "phase",
        p.years
            .iter()
            .map(|y| match y.phase {
                Phase::Efo => "efo".to_string(),
                Phase::Projection => "projection".to_string(),
            })
            .collect(),
    );
    for (name, col) in super::csv::columns() {
        f.number(&name, p.years.iter().map(&col).collect());
    }
    f
}

/// `interventions.csv`: each intervention's path, then the package's.
pub fn interventions(r: &InterventionResults) -> Frame {
    let effects: Vec<_> = r
        .interventions
        .iter()
        .chain(std::iter::once(&r.package))
        .collect();
    let per_row = |f: &dyn Fn(&crate::model::interventions::Effect) -> String| -> Vec<String> {
        effects
            .iter()
            .flat_map(|e| e.years.iter().map(|_| f(e)))
            .collect()
    };
    let rows = || effects.iter().flat_map(|e| e.years.iter());
    let mut f = Frame::default();
    f.text("intervention", per_row(&|e| e.name.clone()));
    f.text(
        "evidence_grade",
        per_row(&|e| grade(e.evidence_grade).to_string()),
    );
    f.text("year", years(rows().map(|y| y.year)));
    for (name, get) in FIELDS {
        f.number(name, rows().map(get).collect());
    }
    f
}

/// The headline indicators: one row with the scenario's interventions in
/// force (`case` "scenario") and, when it has any, one without them
/// ("without interventions"); the columns of `fiscal compare`'s indicators
/// CSV with S1 phased, S2's horizon and the share of the gap closed.
pub fn indicators(s: &Sustainability) -> Frame {
    let mut rows: Vec<(&str, &Headline, Option<f64>)> = vec![(
        "scenario",
        &s.headline,
        s.share_of_gap_closed_by_interventions,
    )];
    if let Some(w) = &s.without_interventions {
        rows.push(("without interventions", w, None));
    }
    let num = |g: fn(&Headline) -> Option<f64>| -> Vec<f64> {
        rows.iter().map(|r| g(r.1).unwrap_or(f64::NAN)).collect()
    };
    let mut f = Frame::default();
    f.text("case", rows.iter().map(|r| r.0.to_string()).collect());
    f.number("target_pct_gdp", num(|h| Some(h.target_pct_gdp)));
    f.text("target_year", years(rows.iter().map(|r| r.1.target_year)));
    f.text("start_year", years(rows.iter().map(|r| r.1.start_year)));
    f.number("fiscal_gap_pct_gdp", num(|h| h.fiscal_gap_pct_gdp));
    f.number(
        "staged_gap_pct_gdp_per_decade",
        num(|h| h.staged_gap_pct_gdp_per_decade),
    );
    f.number("s1_pct_gdp", num(|h| h.s1_pct_gdp));
    f.number("s1_phased_pct_gdp", num(|h| h.s1_phased_pct_gdp));
    f.number("s2_pct_gdp", num(|h| h.s2_pct_gdp));
    f.text(
        "s2_horizon_end",
        years(rows.iter().map(|r| r.1.s2_horizon_end)),
    );
    f.number(
        "share_of_gap_closed",
        rows.iter().map(|r| r.2.unwrap_or(f64::NAN)).collect(),
    );
    f.text("notes", rows.iter().map(|r| r.1.notes.join("; ")).collect());
    f
}

/// The share of the fiscal gap each intervention closes on its own.
pub fn gap_shares(s: &Sustainability) -> Frame {
    let e = &s.share_of_gap_closed_by_each;
    let mut f = Frame::default();
    f.text("intervention", e.iter().map(|g| g.name.clone()).collect());
    f.number(
        "fiscal_gap_pct_gdp",
        e.iter()
            .map(|g| g.fiscal_gap_pct_gdp.unwrap_or(f64::NAN))
            .collect(),
    );
    f.number(
        "share_closed",
        e.iter()
            .map(|g| g.share_closed.unwrap_or(f64::NAN))
            .collect(),
    );
    f
}

/// `compare.csv`: each projection's key measures by year and their
/// difference from the first projection's.
pub fn compare(projections: &[&Projection]) -> Frame {
    let rows = || {
        projections
            .iter()
            .flat_map(|p| p.years.iter().map(move |y| (p, y)))
    };
    let mut f = Frame::default();
    f.text("scenario", rows().map(|(p, _)| p.name.clone()).collect());
    f.text("year", years(rows().map(|(_, y)| y.year)));
    let reference = projections.first();
    for (_, col, get) in MEASURES {
        f.number(col, rows().map(|(_, y)| get(y)).collect());
        f.number(
            &format!("{col}_difference"),
            rows()
                .map(|(_, y)| {
                    reference
                        .and_then(|r| r.year(y.year))
                        .map_or(f64::NAN, |r| get(y) - get(r))
                })
                .collect(),
        );
    }
    f
}

/// `fan.csv`: by year and variable, the deterministic path, the
/// percentiles and their resolution (% of GDP).
pub fn fan(run: &FanRun) -> Frame {
    let rows: Vec<(usize, usize)> = (0..run.years.len())
        .flat_map(|t| (0..VAR_NAMES.len()).map(move |v| (t, v)))
        .collect();
    let mut f = Frame::default();
    f.text(
        "year",
        rows.iter()
            .map(|&(t, _)| {
                run.years
                    .get(t)
                    .map(ToString::to_string)
                    .unwrap_or_default()
            })
            .collect(),
    );
    f.text(
        "variable",
        rows.iter()
            .map(|&(_, v)| VAR_NAMES.get(v).copied().unwrap_or_default().to_string())
            .collect(),
    );
    f.number(
        "deterministic",
        rows.iter()
            .map(|&(t, v)| {
                run.deterministic
                    .get(t)
                    .and_then(|d| d.get(v))
                    .copied()
                    .unwrap_or(f64::NAN)
            })
            .collect(),
    );
    for (k, p) in PERCENTILES.iter().enumerate() {
        f.number(
            &format!("p{p:.0}"),
            rows.iter()
                .map(|&(t, v)| {
                    run.summary
                        .percentiles
                        .get(t)
                        .and_then(|y| y.get(v))
                        .and_then(|ps| ps.get(k))
                        .copied()
                        .unwrap_or(f64::NAN)
                })
                .collect(),
        );
    }
    f.number(
        "resolution_pp",
        rows.iter()
            .map(|&(t, v)| {
                run.summary
                    .resolution_pp
                    .get(t)
                    .and_then(|r| r.get(v))
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect(),
    );
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_frame_has_the_csvs_columns_in_order() {
        let run = crate::Run::project(crate::Scenario::default_scenario().unwrap()).unwrap();
        let p = run.projection();
        let f = projection(p);
        let csv = super::super::csv::projection_csv(p);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert_eq!(f.names(), header);
        assert_eq!(f.rows(), p.years.len());
        let shares = gap_shares(run.indicators());
        assert_eq!(shares.rows(), 0);
        let c = compare(&[p, p]);
        let header = super::super::compare::csv(&[p, p]);
        assert_eq!(
            c.names(),
            header
                .lines()
                .next()
                .unwrap()
                .split(',')
                .collect::<Vec<_>>()
        );
    }
}
