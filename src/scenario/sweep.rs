//! Sweeps: a scenario run over a grid of values of any numeric scenario
//! fields (`--vary economy.productivity_growth_pct=1.0..2.0:0.25`), every
//! point in parallel. Field names are checked against the scenario schema,
//! with a "did you mean" suggestion; each point is validated as a whole
//! scenario would be.

use serde::Serialize;
use toml::Value;

use super::{schema, suggest, Diagnostic, Scenario, ScenarioError};
use crate::data::Dataset;
use crate::model::uncertainty::fan::{default_wave, stream_blocks};
use crate::model::{self, validate, Assumptions};
use crate::Error;

/// Most points a sweep may have.
pub const MAX_POINTS: usize = 1_000_000;

/// One `--vary` option: a field and its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vary {
    /// Dotted field path.
    pub field: String,
    /// Values, in order.
    pub values: Vec<f64>,
    /// Whether the field takes whole numbers.
    pub integer: bool,
}

fn bad(field: Option<&str>, message: String) -> ScenarioError {
    ScenarioError {
        diagnostics: vec![Diagnostic {
            file: "--vary".into(),
            position: None,
            field: field.map(str::to_string),
            message,
        }],
    }
}

/// Which interventions an intervention field names: `intervention[2].f`
/// (by position), `intervention.ID.f` (by `id`) or `intervention.*.f`
/// (every one at once).
#[derive(Debug, Clone, PartialEq)]
enum Which {
    Index(usize),
    Id(String),
    All,
}

/// An intervention field's target and numeric field, if `field` names one.
fn intervention_field(
    field: &str,
) -> Option<Result<(Which, &'static crate::model::interventions::fields::Field), ScenarioError>> {
    use crate::model::interventions::fields;
    let (which, name) = if let Some(rest) = field.strip_prefix("intervention[") {
        let (index, name) = rest.split_once("].")?;
        let Ok(i) = index.parse::<usize>() else {
            return Some(Err(bad(
                Some(field),
                format!(
                    "`{index}` is not an intervention number: write intervention[0].cashable_share"
                ),
            )));
        };
        (Which::Index(i), name)
    } else {
        let rest = field.strip_prefix("intervention.")?;
        let (id, name) = rest.split_once('.')?;
        if id == "*" {
            (Which::All, name)
        } else {
            (Which::Id(id.to_string()), name)
        }
    };
    Some(match fields::field(name) {
        Some(f) => Ok((which, f)),
        None => {
            let hint = suggest(name, fields::names()).map_or_else(
                || {
                    format!(
                        "numeric intervention fields: {}",
                        fields::names().collect::<Vec<_>>().join(", ")
                    )
                },
                |s| format!("did you mean `{s}`?"),
            );
            Err(bad(
                Some(field),
                format!("`{name}` is not a numeric intervention field; {hint}"),
            ))
        }
    })
}

/// Whether `field` is a numeric scenario field (`Ok(true)` for whole
/// numbers); an error with a suggestion otherwise. Intervention fields are
/// named `intervention[N].FIELD`, `intervention.ID.FIELD` or
/// `intervention.*.FIELD` (every intervention at once).
pub(crate) fn check_field(field: &str) -> Result<bool, ScenarioError> {
    if let Some(r) = intervention_field(field) {
        return r.map(|_| false);
    }
    let schema = schema();
    let mut table = &schema;
    let parts: Vec<&str> = field.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let here = parts.get(..i).unwrap_or_default().join(".");
        let Some(v) = table.get(*part) else {
            let hint = match suggest(part, table.keys().map(String::as_str)) {
                Some(s) if here.is_empty() => format!("did you mean `{s}`?"),
                Some(s) => format!("did you mean `{here}.{s}`?"),
                None => {
                    let mut keys: Vec<&str> = table.keys().map(String::as_str).collect();
                    keys.sort_unstable();
                    format!(
                        "known keys{}: {}",
                        if here.is_empty() {
                            String::new()
                        } else {
                            format!(" in `{here}`")
                        },
                        keys.join(", ")
                    )
                }
            };
            return Err(bad(Some(field), format!("no such scenario field; {hint}")));
        };
        let last = i + 1 == parts.len();
        match (v, last) {
            (Value::Table(t), false) => table = t,
            (Value::Float(_), true) => return Ok(false),
            (Value::Integer(_), true) => return Ok(true),
            (Value::Table(_), true) => {
                return Err(bad(Some(field), "is a table, not a number: name one of its fields".into()))
            }
            _ => {
                return Err(bad(Some(field), "only numeric fields of tables can be swept (not text, switches or arrays); an intervention's field is intervention[N].FIELD or intervention.ID.FIELD".into()))
            }
        }
    }
    Err(bad(Some(field), "empty field name".into()))
}

/// Parse `field=a..b:step` (or `field=a` for one value).
pub fn parse_vary(spec: &str) -> Result<Vary, Error> {
    Ok(parse_vary_typed(spec)?)
}

fn parse_vary_typed(spec: &str) -> Result<Vary, ScenarioError> {
    let Some((field, range)) = spec.split_once('=') else {
        return Err(bad(None, format!("`{spec}`: write FIELD=FROM..TO:STEP, e.g. economy.productivity_growth_pct=1.0..2.0:0.25")));
    };
    let field = field.trim();
    let integer = check_field(field)?;
    let num = |s: &str, what: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                bad(
                    Some(field),
                    format!("{what} `{}` is not a number", s.trim()),
                )
            })
    };
    let values = match range.split_once("..") {
        None => vec![num(range, "value")?],
        Some((from, rest)) => {
            let Some((to, step)) = rest.split_once(':') else {
                return Err(bad(
                    Some(field),
                    format!("`{range}`: give a step, FROM..TO:STEP"),
                ));
            };
            let (from, to, step) = (num(from, "start")?, num(to, "end")?, num(step, "step")?);
            if step <= 0.0 {
                return Err(bad(
                    Some(field),
                    format!("step {step} must be greater than zero"),
                ));
            }
            if to < from {
                return Err(bad(
                    Some(field),
                    format!(
                        "the end {to} is below the start {from}: write the smaller value first"
                    ),
                ));
            }
            // Counted in floating point first: a tiny step (1e-300) or a
            // huge range overflows any integer, and must be refused, not
            // wrapped round to a small count.
            let count = ((to - from) / step + 1e-9).floor() + 1.0;
            if !count.is_finite() || count > MAX_POINTS as f64 {
                return Err(bad(
                    Some(field),
                    format!(
                        "`{}` is more than {MAX_POINTS} values (about {count:.1e}): take a larger step",
                        range.trim()
                    ),
                ));
            }
            let n = count as usize;
            if n < 1 || from + (n - 1) as f64 * step == from && n > 1 {
                return Err(bad(
                    Some(field),
                    format!("step {step} is too small to move from {from}: take a larger step"),
                ));
            }
            // From the start by whole steps, so values do not drift.
            (0..n).map(|k| from + k as f64 * step).collect()
        }
    };
    if integer && values.iter().any(|v| v.fract() != 0.0) {
        return Err(bad(
            Some(field),
            "takes whole numbers: give whole start, end and step".into(),
        ));
    }
    Ok(Vary {
        field: field.to_string(),
        values,
        integer,
    })
}

/// `a` with intervention field `f` of `which` set to `value`.
fn apply_intervention(
    a: &Assumptions,
    field: &str,
    which: &Which,
    f: &crate::model::interventions::fields::Field,
    value: f64,
) -> Result<Assumptions, ScenarioError> {
    let mut out = a.clone();
    let n = out.intervention.len();
    let targets: Vec<usize> = match which {
        Which::All => (0..n).collect(),
        Which::Index(i) if *i < n => vec![*i],
        Which::Index(i) => {
            return Err(bad(
                Some(field),
                format!("the scenario has {n} interventions (intervention[0] to intervention[{}]), not intervention[{i}]", n.saturating_sub(1)),
            ))
        }
        Which::Id(id) => match out.intervention.iter().position(|x| x.id.as_deref() == Some(id)) {
            Some(i) => vec![i],
            None => {
                let ids: Vec<&str> = a.intervention.iter().filter_map(|x| x.id.as_deref()).collect();
                return Err(bad(
                    Some(field),
                    format!("no intervention has id `{id}` (ids: {})", if ids.is_empty() { "none".to_string() } else { ids.join(", ") }),
                ));
            }
        },
    };
    if targets.is_empty() {
        return Err(bad(
            Some(field),
            "the scenario has no [[intervention]] tables".into(),
        ));
    }
    for i in targets {
        if let Some(x) = out.intervention.get_mut(i) {
            (f.set)(x, value);
            // A swept field is fixed at each value: its distribution (and
            // any correlation of it) does not apply.
            if let Some(u) = x.uncertainty.as_mut() {
                u.remove(f.name);
            }
            let reference = format!("{}.{}", x.id.clone().unwrap_or_default(), f.name);
            out.intervention_correlation
                .retain(|c| !c.between.contains(&reference));
        }
    }
    if let Some(p) = validate::check(&out).into_iter().next() {
        return Err(bad(
            Some(&p.field),
            format!("with {field} = {value}: {}", p.message),
        ));
    }
    Ok(out)
}

/// `a` with `field` set to `value`, validated.
pub(crate) fn apply(
    a: &Assumptions,
    field: &str,
    value: f64,
    integer: bool,
) -> Result<Assumptions, ScenarioError> {
    if let Some(r) = intervention_field(field) {
        let (which, f) = r?;
        return apply_intervention(a, field, &which, f, value);
    }
    let mut root = Value::try_from(a)
        .map_err(|e| bad(Some(field), format!("cannot represent the scenario: {e}")))?;
    let mut cur = &mut root;
    let parts: Vec<&str> = field.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let Value::Table(t) = cur else {
            return Err(bad(Some(field), "is not inside a table".into()));
        };
        if i + 1 == parts.len() {
            let v = if integer {
                Value::Integer(value as i64)
            } else {
                Value::Float(value)
            };
            t.insert((*part).to_string(), v);
            break;
        }
        cur = t
            .entry((*part).to_string())
            .or_insert_with(|| Value::Table(toml::Table::new()));
    }
    let out: Assumptions = root.try_into().map_err(|e: toml::de::Error| {
        bad(Some(field), format!("{value}: {}", e.message().trim()))
    })?;
    if let Some(p) = validate::check(&out).into_iter().next() {
        return Err(bad(
            Some(&p.field),
            format!("with {field} = {value}: {}", p.message),
        ));
    }
    Ok(out)
}

/// The grid: every combination of the values, the first `--vary`
/// outermost, made point by point on demand (a grid of 10^6 points is
/// never held in memory).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid<'v> {
    varies: &'v [Vary],
    len: usize,
}

impl<'v> Grid<'v> {
    /// The grid of `varies`, refused above [`MAX_POINTS`] points.
    pub fn new(varies: &'v [Vary]) -> Result<Grid<'v>, ScenarioError> {
        let n = varies
            .iter()
            .try_fold(1usize, |n, v| n.checked_mul(v.values.len()));
        match n {
            Some(len) if len <= MAX_POINTS => Ok(Grid { varies, len }),
            _ => Err(bad(
                None,
                format!(
                    "the grid has more than {MAX_POINTS} points: take larger steps or fewer fields"
                ),
            )),
        }
    }

    /// Points in the grid.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Point `i`'s values, in `--vary` order (mixed-radix digits of `i`,
    /// the last field fastest).
    pub fn point(&self, i: usize) -> Vec<f64> {
        let mut out = vec![0.0; self.varies.len()];
        let mut rest = i;
        for (slot, v) in out.iter_mut().zip(self.varies).rev() {
            let n = v.values.len().max(1);
            *slot = v.values.get(rest % n).copied().unwrap_or(f64::NAN);
            rest /= n;
        }
        out
    }
}

/// Every point of the grid, in order (for tests).
#[cfg(test)]
fn grid(varies: &[Vary]) -> Result<Vec<Vec<f64>>, ScenarioError> {
    let g = Grid::new(varies)?;
    Ok((0..g.len()).map(|i| g.point(i)).collect())
}

/// Results of one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The values, in `--vary` order.
    pub values: Vec<f64>,
    /// PSND in the final year, % of GDP.
    pub final_psnd_pct_gdp: f64,
    /// Highest PSND over the horizon, % of GDP.
    pub max_psnd_pct_gdp: f64,
    /// PSNB in the final year, % of GDP.
    pub final_psnb_pct_gdp: f64,
    /// Debt interest in the final year, % of GDP.
    pub final_interest_pct_gdp: f64,
}

/// The number of points of the grid of `varies`; an error above
/// [`MAX_POINTS`] (or when the product overflows).
pub fn points(varies: &[Vary]) -> Result<usize, Error> {
    Ok(Grid::new(varies)?.len())
}

/// Check the smallest and largest value of every field on `scenario`
/// (each validated as a scenario setting it would be, with the same
/// ranges and unit hints), before the whole grid is checked or run.
pub fn check_ends(scenario: &Scenario, varies: &[Vary]) -> Result<(), Error> {
    for v in varies {
        for x in [v.values.first(), v.values.last()].into_iter().flatten() {
            apply(&scenario.assumptions, &v.field, *x, v.integer)?;
        }
    }
    Ok(())
}

/// Points per piece of work: checked or run in parallel, handed on in order.
const CHUNK_POINTS: usize = 256;

/// Run every point of the grid over `scenario` (data loaded once; the
/// population is re-projected only at points that change it).
pub fn run(scenario: &Scenario, data: &Dataset, varies: &[Vary]) -> Result<Vec<Point>, Error> {
    let mut out = Vec::new();
    let kept = run_each(scenario, data, varies, &mut |p| {
        out.push(p);
        Ok::<(), std::convert::Infallible>(())
    })?;
    match kept {
        Ok(()) => Ok(out),
        Err(never) => match never {},
    }
}

/// Why [`run_each`] stopped: the model, or the caller's `each`.
enum Stop<E> {
    Model(Error),
    Each(E),
}

/// [`run`], handing each point's results to `each` in grid order instead
/// of keeping them: memory stays flat in the number of points (the grid is
/// made on demand, and points are checked and run a few chunks at a time).
/// Every point is checked before any is run, so a bad value is reported at
/// once. The inner result is `each`'s (the first error it returned).
pub fn run_each<E>(
    scenario: &Scenario,
    data: &Dataset,
    varies: &[Vary],
    each: &mut dyn FnMut(Point) -> Result<(), E>,
) -> Result<Result<(), E>, Error> {
    let grid = Grid::new(varies)?;
    let chunks = grid.len().div_ceil(CHUNK_POINTS) as u64;
    let span = |c: u64| {
        let first = c as usize * CHUNK_POINTS;
        first..(first + CHUNK_POINTS).min(grid.len())
    };
    let assumptions = |i: usize| -> Result<(Vec<f64>, Assumptions), ScenarioError> {
        let values = grid.point(i);
        let mut a = scenario.assumptions.clone();
        for (v, x) in varies.iter().zip(&values) {
            a = apply(&a, &v.field, *x, v.integer)?;
        }
        Ok((values, a))
    };
    // Check: the first bad point in grid order is the error.
    let check = |c: u64| span(c).try_for_each(|i| assumptions(i).map(|_| ()));
    stream_blocks(chunks, default_wave(), &check, &mut |r| r)?;
    let population_varies = varies.iter().any(|v| v.field.starts_with("population."));
    let point = |i: usize| -> Result<Point, Error> {
        let (values, a) = assumptions(i)?;
        let owned;
        let d = if population_varies {
            let mut s = scenario.clone();
            s.assumptions = a.clone();
            owned = s.dataset()?;
            &owned
        } else {
            data
        };
        let proj = model::project(&a, d)?;
        let last = proj
            .last()
            .ok_or_else(|| Error::failure("empty projection"))?;
        Ok(Point {
            values,
            final_psnd_pct_gdp: last.psnd_pct_gdp,
            max_psnd_pct_gdp: proj
                .years
                .iter()
                .map(|y| y.psnd_pct_gdp)
                .fold(f64::NEG_INFINITY, f64::max),
            final_psnb_pct_gdp: last.pct_gdp(last.psnb_gbp_bn),
            final_interest_pct_gdp: last.pct_gdp(last.interest_gbp_bn),
        })
    };
    let produce = |c: u64| span(c).map(point).collect::<Result<Vec<Point>, Error>>();
    let streamed = stream_blocks(chunks, default_wave(), &produce, &mut |r| {
        r.map_err(Stop::Model)?
            .into_iter()
            .try_for_each(|p| each(p).map_err(Stop::Each))
    });
    match streamed {
        Ok(()) => Ok(Ok(())),
        Err(Stop::Model(e)) => Err(e),
        Err(Stop::Each(e)) => Ok(Err(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_made_point_by_point_first_field_outermost() {
        let varies = [
            parse_vary("economy.productivity_growth_pct=1..2:0.5").unwrap(),
            parse_vary("rates.gilt_rate_long_run_pct=3..4:1").unwrap(),
        ];
        let g = Grid::new(&varies).unwrap();
        assert_eq!(g.len(), 6);
        let points: Vec<Vec<f64>> = (0..g.len()).map(|i| g.point(i)).collect();
        assert_eq!(
            points,
            [
                [1.0, 3.0],
                [1.0, 4.0],
                [1.5, 3.0],
                [1.5, 4.0],
                [2.0, 3.0],
                [2.0, 4.0]
            ]
        );
    }

    #[test]
    fn fields_are_checked_with_suggestions() {
        assert!(!check_field("economy.productivity_growth_pct").unwrap());
        assert!(check_field("rates.convergence_years").unwrap());
        let e = check_field("economy.productivity_growth_pc")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("did you mean `economy.productivity_growth_pct`"),
            "{e}"
        );
        assert!(check_field("economy").is_err());
        assert!(check_field("spending.welfare_uprating").is_err());
    }

    #[test]
    fn ranges_parse_and_bad_steps_are_refused() {
        let v = parse_vary("economy.productivity_growth_pct=1.0..2.0:0.25").unwrap();
        assert_eq!(v.values, vec![1.0, 1.25, 1.5, 1.75, 2.0]);
        assert_eq!(
            parse_vary("economy.productivity_growth_pct=1.5")
                .unwrap()
                .values,
            vec![1.5]
        );
        for s in [
            "economy.productivity_growth_pct=1..2:0",
            "economy.productivity_growth_pct=1..2:-1",
        ] {
            assert!(parse_vary(s)
                .unwrap_err()
                .to_string()
                .contains("greater than zero"));
        }
        assert!(parse_vary("rates.convergence_years=1..2:0.5").is_err());
    }

    #[test]
    fn apply_sets_and_validates() {
        let s = Scenario::default_scenario().unwrap();
        let a = apply(
            &s.assumptions,
            "economy.productivity_growth_pct",
            1.1,
            false,
        )
        .unwrap();
        assert_eq!(a.economy.productivity_growth_pct, 1.1);
        let a = apply(&s.assumptions, "rates.convergence_years", 3.0, true).unwrap();
        assert_eq!(a.rates.convergence_years, 3);
        assert!(apply(&s.assumptions, "economy.cpi_inflation_pct", 0.02, false).is_err());
        let g = grid(&[
            parse_vary("economy.productivity_growth_pct=1..2:0.5").unwrap(),
            parse_vary("rates.gilt_rate_long_run_pct=4..5:1").unwrap(),
        ])
        .unwrap();
        assert_eq!(g.len(), 6);
        assert_eq!(g[1], vec![1.0, 5.0]);
    }
}
