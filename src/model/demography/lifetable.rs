//! Period life expectancy at birth from one year's projection rates.
//!
//! The ONS rates are by age at the start of the projection year, so the rate
//! of age `a` covers, on average, exact ages `a + ½` to `a + 1½`, and the
//! "birth" rate covers a baby's first half year. Survivorship is therefore
//! built on half-year points:
//!
//! ```text
//! l(0) = 1,  l(½) = 1 − qb,  l(a + 1½) = l(a + ½) · (1 − q[a])
//! e0   = ½ · (l(0) + l(½)) / 2  +  Σ_{a=0}^{A−1} (l(a+½) + l(a+1½)) / 2  +  l(A+½) / μ
//! ```
//!
//! with trapezoids between the points and a constant force of mortality
//! `μ = −ln(1 − q[A])` in the open group.

use ndarray::ArrayView1;

use crate::data::MAX_AGE;

/// Period life expectancy at birth (years) from the birth-year rate `qb` and
/// the rates by age `q[0..=105]` of one projection year.
pub fn period_life_expectancy_at_birth(qb: f64, q: ArrayView1<f64>) -> f64 {
    period_life_expectancy_at_birth_of(qb, |a| q[a])
}

/// [`period_life_expectancy_at_birth`] with the rate at age `a` given by
/// `q(a)`, `a` in `0..=MAX_AGE` (e.g. rates scaled on the fly, without
/// building them).
pub fn period_life_expectancy_at_birth_of(qb: f64, q: impl Fn(usize) -> f64) -> f64 {
    let mut l = 1.0 - qb;
    let mut e = 0.5 * (1.0 + l) / 2.0;
    for a in 0..MAX_AGE {
        let next = l * (1.0 - q(a));
        e += (l + next) / 2.0;
        l = next;
    }
    let q_open = q(MAX_AGE).clamp(1e-9, 1.0);
    let mu = if q_open >= 1.0 {
        f64::INFINITY
    } else {
        -(1.0 - q_open).ln()
    };
    if mu.is_finite() {
        e + l / mu
    } else {
        e
    }
}

/// Period life expectancy at exact age `age` (years) from the rates by age
/// `q[0..=105]` of one projection year, trapezoids between whole ages and a
/// constant force of mortality in the open group. Used for changes in life
/// expectancy (healthy ageing), where the half-year offset of the rates
/// cancels.
pub fn period_life_expectancy_at(q: ArrayView1<f64>, age: usize) -> f64 {
    let mut l = 1.0;
    let mut e = 0.0;
    for a in age.min(MAX_AGE)..MAX_AGE {
        let next = l * (1.0 - q[a]);
        e += (l + next) / 2.0;
        l = next;
    }
    let q_open = q[MAX_AGE].clamp(1e-9, 1.0);
    if q_open < 1.0 {
        e += l / -(1.0 - q_open).ln();
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array1;

    #[test]
    fn constant_hazard_gives_its_inverse() {
        // With a constant force of mortality μ everywhere, e0 ≈ 1/μ.
        let mu: f64 = 0.02;
        let q = Array1::from_elem(MAX_AGE + 1, 1.0 - (-mu).exp());
        let qb = 1.0 - (-mu / 2.0).exp();
        let e = period_life_expectancy_at_birth(qb, q.view());
        assert!((e - 1.0 / mu).abs() < 0.05, "{e}");
    }
}
