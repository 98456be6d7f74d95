//! `--from` / `--to`: a chart cut to a range of fiscal years.
//!
//! Charts drawn from projections are cut before they are built (the
//! projection's years are filtered, so the decomposition's periods and the
//! pyramid's default years follow the range); charts drawn from other runs
//! (the fan, the interventions' effects) are cut here, after.

use super::{Body, Chart, ChartError};
use crate::model::Projection;
use crate::years::FiscalYear;

fn inside(y: FiscalYear, from: Option<FiscalYear>, to: Option<FiscalYear>) -> bool {
    from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)
}

/// Refuse a range that ends before it starts.
pub(crate) fn check_range(
    from: Option<FiscalYear>,
    to: Option<FiscalYear>,
) -> Result<(), ChartError> {
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(ChartError::BadOption(format!(
                "--to {t} is before --from {f}; give the earlier year to --from"
            )));
        }
    }
    Ok(())
}

/// `p` with only the years in range; an error naming the projection's
/// span when none is.
pub(crate) fn projection_within(
    p: &Projection,
    from: Option<FiscalYear>,
    to: Option<FiscalYear>,
) -> Result<Projection, ChartError> {
    check_range(from, to)?;
    let mut q = p.clone();
    q.years.retain(|y| inside(y.year, from, to));
    if q.years.is_empty() {
        let span = match (p.years.first(), p.years.last()) {
            (Some(a), Some(b)) => format!("{} to {}", a.year, b.year),
            _ => "no years".into(),
        };
        return Err(ChartError::BadOption(format!(
            "no projection year of `{}` is in the range asked for; it covers {span}",
            p.name
        )));
    }
    Ok(q)
}

fn keep<T: Clone>(v: &[T], mask: &[bool]) -> Vec<T> {
    v.iter()
        .zip(mask)
        .filter(|(_, &k)| k)
        .map(|(x, _)| x.clone())
        .collect()
}

fn cut_points(
    points: &mut Vec<(FiscalYear, f64)>,
    from: Option<FiscalYear>,
    to: Option<FiscalYear>,
) {
    points.retain(|(y, _)| inside(*y, from, to));
}

/// Cut `chart`'s body to the years in range.
pub(crate) fn restrict(
    chart: &mut Chart,
    from: Option<FiscalYear>,
    to: Option<FiscalYear>,
) -> Result<(), ChartError> {
    check_range(from, to)?;
    let kind = chart.kind.key();
    let empty = match &mut chart.body {
        Body::Lines(l) => {
            l.series.iter_mut().for_each(|s| cut_points(&mut s.points, from, to));
            if l.shaded.is_some_and(|(_, end)| !inside(end, from, to)) {
                l.shaded = None;
            }
            l.series.iter().all(|s| s.points.is_empty())
        }
        Body::Stacked(st) => {
            let mask: Vec<bool> = st.years.iter().map(|y| inside(*y, from, to)).collect();
            st.years = keep(&st.years, &mask);
            for layer in &mut st.layers {
                layer.values = keep(&layer.values, &mask);
            }
            if st.boundary.is_some_and(|b| !inside(b, from, to)) {
                st.boundary = None;
            }
            st.years.is_empty()
        }
        Body::Fan(f) => {
            let mask: Vec<bool> = f.years.iter().map(|y| inside(*y, from, to)).collect();
            f.years = keep(&f.years, &mask);
            f.percentiles = keep(&f.percentiles, &mask);
            f.deterministic = keep(&f.deterministic, &mask);
            for (_, v) in &mut f.variants {
                *v = keep(v, &mask);
            }
            f.years.is_empty()
        }
        Body::Interventions(i) => {
            for p in i.interventions.iter_mut().chain(std::iter::once(&mut i.package)) {
                cut_points(&mut p.net_saving_pct_gdp, from, to);
                cut_points(&mut p.psnd_change_pp_gdp, from, to);
            }
            i.package.net_saving_pct_gdp.is_empty()
        }
        // Built from the projection already cut (see the module docs).
        Body::Decomposition(_) | Body::Pyramid(_) => false,
        Body::Tornado(_) | Body::Heatmap(_) | Body::PackageFan(_) => {
            return Err(ChartError::BadOption(format!(
                "the `{kind}` chart has no year axis, so --from and --to do not apply to it; drop them"
            )))
        }
    };
    if empty {
        return Err(ChartError::BadOption(format!(
            "the `{kind}` chart has no year in the range asked for"
        )));
    }
    Ok(())
}
