//! Special functions for drawing correlated values through their inverse
//! distribution functions: the standard normal distribution function, the
//! log gamma function and the regularised incomplete beta function and its
//! inverse (for PERT, a scaled beta).
//!
//! Methods (written from the formulas, each checked in the tests against
//! closed forms): the normal distribution function from the error
//! function's Maclaurin series for |x| < 3 and its continued fraction
//! beyond (Abramowitz and Stegun 7.1.5 and 7.1.14); ln Γ by the recurrence
//! Γ(x + 1) = x Γ(x) up to x ≥ 10, then Stirling's series to the x⁻⁹ term
//! (A&S 6.1.40); the incomplete beta by its continued fraction (A&S 26.5.8)
//! evaluated with the modified Lentz method, on the side of the mean where
//! it converges fast (the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)); the
//! inverse by Newton steps kept inside a shrinking bisection bracket,
//! started from a table of each distribution's quantiles.

use std::f64::consts::PI;

/// The standard normal distribution function Φ(x).
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let t = x / std::f64::consts::SQRT_2;
    if t.abs() < 3.0 {
        0.5 * (1.0 + erf_series(t))
    } else if t > 0.0 {
        1.0 - 0.5 * erfc_fraction(t)
    } else {
        0.5 * erfc_fraction(-t)
    }
}

/// erf(t) = 2/√π Σ (−1)ⁿ t^(2n+1) / (n! (2n+1)), for |t| < 3.
fn erf_series(t: f64) -> f64 {
    let t2 = t * t;
    let mut term = t; // (−1)ⁿ t^(2n+1) / n!
    let mut sum = t;
    for n in 1..200 {
        term *= -t2 / f64::from(n);
        let add = term / f64::from(2 * n + 1);
        sum += add;
        if add.abs() < 1e-17 * sum.abs() {
            break;
        }
    }
    2.0 / PI.sqrt() * sum
}

/// erfc(t) for t ≥ 3: e^(−t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))),
/// evaluated from the tail upwards.
fn erfc_fraction(t: f64) -> f64 {
    let mut f = t;
    for k in (1..=60).rev() {
        f = t + f64::from(k) / 2.0 / f;
    }
    (-t * t).exp() / PI.sqrt() / f
}

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= x.ln();
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // Stirling: (x − ½) ln x − x + ½ ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹)
    let series = inv
        * (1.0 / 12.0
            + inv2
                * (-1.0 / 360.0 + inv2 * (1.0 / 1260.0 + inv2 * (-1.0 / 1680.0 + inv2 / 1188.0))));
    shift + (x - 0.5) * x.ln() - x + 0.5 * (2.0 * PI).ln() + series
}

/// ln B(a, b).
fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The regularised incomplete beta function I_x(a, b) (the beta
/// distribution function), for a, b > 0.
#[cfg(test)]
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    beta_cdf_with(x, a, b, ln_beta(a, b))
}

/// [`beta_cdf`] given `lb` = ln B(a, b), which is symmetric (the same
/// double for (b, a)), so a quantile search computes it once.
fn beta_cdf_with(x: f64, a: f64, b: f64, lb: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - beta_cdf_with(1.0 - x, b, a, lb);
    }
    let front = (a * x.ln() + b * (1.0 - x).ln() - lb).exp() / a;
    front * beta_fraction(x, a, b)
}

/// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of A&S 26.5.8: its
/// denominator g = 1 + d₁/(1 + d₂/(1 + …)) by the modified Lentz method.
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut g = 1.0;
    let mut c = 1.0;
    let mut d = 0.0;
    for k in 1..400 {
        let m = f64::from(k / 2);
        let dk = if k % 2 == 0 {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        } else {
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        };
        d = 1.0 + dk * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + dk / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = c * d;
        g *= step;
        if (step - 1.0).abs() < 1e-15 {
            break;
        }
    }
    1.0 / g
}

/// The beta density at `x`, given `lb` = ln B(a, b).
fn beta_pdf_with(x: f64, a: f64, b: f64, lb: f64) -> f64 {
    if x <= 0.0 || x >= 1.0 {
        return 0.0;
    }
    ((a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln() - lb).exp()
}

/// The `u` quantile of the beta distribution with shapes a, b > 0.
///
/// Newton steps on `I_x(a, b) − u` kept inside a shrinking bisection
/// bracket, stopped when `|I_x − u| < 1e-14` or the bracket is narrower
/// than 1e-15. The bracket and the first point come from the
/// distribution's [`QuantileTable`]: the nodes on either side of `u`, and
/// the cubic through them with the quantile's slopes there (one over the
/// density), so that one or two evaluations of the distribution function
/// usually finish the search (4.5 from the mean, as before).
pub fn beta_quantile(u: f64, a: f64, b: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    if u >= 1.0 {
        return 1.0;
    }
    QuantileTable::with(a, b, |t| t.quantile(u))
}

/// Newton steps from `x` inside the bracket `(lo, hi)` (the distribution
/// function below `u` at `lo` and above it at `hi`) to the `u` quantile.
fn newton_in_bracket(
    u: f64,
    a: f64,
    b: f64,
    lb: f64,
    mut x: f64,
    (mut lo, mut hi): (f64, f64),
) -> f64 {
    for _ in 0..100 {
        let f = beta_cdf_with(x, a, b, lb) - u;
        if f.abs() < 1e-14 {
            break;
        }
        if f > 0.0 {
            hi = x;
        } else {
            lo = x;
        }
        let pdf = beta_pdf_with(x, a, b, lb);
        let newton = if pdf > 0.0 { x - f / pdf } else { f64::NAN };
        x = if newton.is_finite() && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if hi - lo < 1e-15 {
            break;
        }
    }
    x
}

/// Intervals of the quantile table: nodes at `u = k / TABLE_INTERVALS`.
const TABLE_INTERVALS: usize = 64;

/// One beta distribution's quantiles at `u = k / TABLE_INTERVALS`, with
/// the distribution function and density there: the bracket and first
/// point of every later search. Built by the same search from the mean
/// (about 300 evaluations of the distribution function, what some 70
/// quantiles cost without it; an appraisal draws each distribution once a
/// path). The last few distributions' tables are kept a thread; a table
/// depends only on `(a, b)`, so a kept one gives the quantiles a fresh one
/// would.
struct QuantileTable {
    a: f64,
    b: f64,
    ln_beta: f64,
    /// `(x, I_x, density at x)` at each node, from `(0, 0, ·)` to `(1, 1, ·)`.
    nodes: Vec<(f64, f64, f64)>,
}

/// How many distributions' tables each thread keeps (a package of seven
/// programmes draws about sixty PERT fields, with fewer distinct shapes).
const KEPT_TABLES: usize = 256;

impl QuantileTable {
    fn new(a: f64, b: f64) -> QuantileTable {
        let lb = ln_beta(a, b);
        let mean = a / (a + b);
        let nodes = (0..=TABLE_INTERVALS)
            .map(|k| {
                let x = match k {
                    0 => 0.0,
                    TABLE_INTERVALS => 1.0,
                    _ => {
                        let u = k as f64 / TABLE_INTERVALS as f64;
                        newton_in_bracket(u, a, b, lb, mean, (0.0, 1.0))
                    }
                };
                (x, beta_cdf_with(x, a, b, lb), beta_pdf_with(x, a, b, lb))
            })
            .collect();
        QuantileTable {
            a,
            b,
            ln_beta: lb,
            nodes,
        }
    }

    /// Run `f` on the table of `(a, b)`, kept or made.
    fn with<T>(a: f64, b: f64, f: impl FnOnce(&QuantileTable) -> T) -> T {
        use std::cell::RefCell;
        /// The kept tables, and where the next is likely to be: draws ask
        /// for the same shapes in the same order path after path.
        type Kept = (Vec<((u64, u64), QuantileTable)>, usize);
        thread_local! {
            static KEPT: RefCell<Kept> = const { RefCell::new((Vec::new(), 0)) };
        }
        let key = (a.to_bits(), b.to_bits());
        KEPT.with(|k| {
            let (kept, next) = &mut *k.borrow_mut();
            let at = match kept.get(*next) {
                Some((k, _)) if *k == key => Some(*next),
                _ => kept.iter().position(|(k, _)| *k == key),
            };
            if let Some((i, (_, t))) = at.and_then(|i| Some((i, kept.get(i)?))) {
                *next = i + 1;
                return f(t);
            }
            let t = QuantileTable::new(a, b);
            let out = f(&t);
            if kept.len() == KEPT_TABLES {
                kept.remove(0);
            }
            kept.push((key, t));
            *next = kept.len();
            out
        })
    }

    /// The `u` quantile, `u` in (0, 1).
    fn quantile(&self, u: f64) -> f64 {
        let (a, b) = (self.a, self.b);
        let n = self.nodes.len();
        // The node at or below `u` by the distribution function's values
        // there (within 1e-14 of k / TABLE_INTERVALS), so that the
        // bracket holds the answer.
        let mut k = ((u * TABLE_INTERVALS as f64) as usize).min(n.saturating_sub(2));
        while k > 0 && self.nodes.get(k).is_some_and(|nd| nd.1 > u) {
            k -= 1;
        }
        while self.nodes.get(k + 1).is_some_and(|nd| nd.1 <= u) && k + 2 < n {
            k += 1;
        }
        let (Some(&(x0, c0, p0)), Some(&(x1, c1, p1))) = (self.nodes.get(k), self.nodes.get(k + 1))
        else {
            return newton_in_bracket(u, a, b, self.ln_beta, a / (a + b), (0.0, 1.0));
        };
        if c0 == u {
            return x0;
        }
        let guess = hermite(u, (c0, x0, p0), (c1, x1, p1));
        let x = if guess > x0 && guess < x1 {
            guess
        } else {
            0.5 * (x0 + x1)
        };
        newton_in_bracket(u, a, b, self.ln_beta, x, (x0, x1))
    }
}

/// The quantile at `u` between two nodes `(I_x, x, density)`: the cubic
/// with the quantile's values and slopes (one over the density) at both,
/// or the straight line where a density is zero or infinite (the ends of
/// the range).
fn hermite(u: f64, (c0, x0, p0): (f64, f64, f64), (c1, x1, p1): (f64, f64, f64)) -> f64 {
    let h = c1 - c0;
    let t = (u - c0) / h;
    let linear = x0 + t * (x1 - x0);
    let usable = |p: f64| p.is_finite() && p > 0.0;
    if !(h > 0.0 && usable(p0) && usable(p1)) {
        return linear;
    }
    let (m0, m1) = (h / p0, h / p1);
    let t2 = t * t;
    let t3 = t2 * t;
    (2.0 * t3 - 3.0 * t2 + 1.0) * x0
        + (t3 - 2.0 * t2 + t) * m0
        + (-2.0 * t3 + 3.0 * t2) * x1
        + (t3 - t2) * m1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_known_values() {
        // Φ(0) = ½; Φ(1.959964) = 0.975; Φ(−3) = 0.0013498980316301; Φ(5) = 1 − 2.8665e-7.
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-12);
        assert!((normal_cdf(-3.0) - 0.001_349_898_031_630_1).abs() < 1e-13);
        assert!((normal_cdf(5.0) - (1.0 - 2.866_515_718_791_9e-7)).abs() < 1e-13);
        assert!((normal_cdf(4.2) + normal_cdf(-4.2) - 1.0).abs() < 1e-14);
        // Continuity where the methods meet (t = 3, x = 3√2).
        let x = 3.0 * std::f64::consts::SQRT_2;
        assert!((normal_cdf(x - 1e-9) - normal_cdf(x + 1e-9)).abs() < 1e-12);
    }

    #[test]
    fn ln_gamma_matches_factorials_and_half() {
        assert!((ln_gamma(1.0)).abs() < 1e-13);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((ln_gamma(0.5) - PI.sqrt().ln()).abs() < 1e-13);
        assert!((ln_gamma(30.0) - (1..30).map(|k| f64::from(k).ln()).sum::<f64>()).abs() < 1e-10);
    }

    #[test]
    fn beta_cdf_matches_closed_forms() {
        for x in [0.01, 0.2, 0.5, 0.7, 0.99] {
            // Beta(2, 2): 3x² − 2x³. Beta(1, b): 1 − (1 − x)^b. Beta(a, 1): x^a.
            assert!((beta_cdf(x, 2.0, 2.0) - (3.0 * x * x - 2.0 * x * x * x)).abs() < 1e-13);
            assert!((beta_cdf(x, 1.0, 3.5) - (1.0 - (1.0 - x).powf(3.5))).abs() < 1e-13);
            assert!((beta_cdf(x, 4.2, 1.0) - x.powf(4.2)).abs() < 1e-13);
        }
    }

    #[test]
    fn ln_beta_is_the_same_double_either_way_round() {
        for (a, b) in [(0.7, 3.2), (2.0, 5.0), (11.5, 0.3), (1e-3, 40.0)] {
            assert_eq!(ln_beta(a, b).to_bits(), ln_beta(b, a).to_bits());
        }
    }

    #[test]
    fn kept_tables_give_the_quantiles_of_fresh_ones() {
        // More distributions than a thread keeps, twice over: the second
        // round (in reverse) finds some tables kept and re-makes the rest.
        let shapes: Vec<(f64, f64)> = (1..=KEPT_TABLES + 20)
            .map(|i| (1.0 + 0.01 * i as f64, 2.5))
            .collect();
        let first: Vec<u64> = shapes
            .iter()
            .map(|&(a, b)| beta_quantile(0.3, a, b).to_bits())
            .collect();
        let again: Vec<u64> = shapes
            .iter()
            .rev()
            .map(|&(a, b)| beta_quantile(0.3, a, b).to_bits())
            .collect();
        assert_eq!(first, again.into_iter().rev().collect::<Vec<_>>());
    }

    /// The table's bracket and cubic start change only where the search
    /// stops within its tolerance: the quantiles are those of the plain
    /// search from the mean to within what `|I_x − u| < 1e-14` allows
    /// (2e-14 over the density, and 1e-12 at least), over the body and both
    /// tails, for the shapes a PERT has (both at least 1: the density zero
    /// or finite at the ends).
    #[test]
    fn table_started_quantiles_are_the_plain_searches() {
        let shapes = [
            (1.0, 5.0),
            (3.0, 3.0),
            (4.6, 1.4),
            (1.0, 1.0),
            (5.0, 1.0),
            (2.6, 3.4),
        ];
        let us = (1..1000).map(|k| f64::from(k) / 1000.0).chain([
            1e-12,
            1e-6,
            0.015_625,
            0.5,
            0.984_375,
            1.0 - 1e-6,
            1.0 - 1e-12,
        ]);
        for u in us {
            for (a, b) in shapes {
                let lb = ln_beta(a, b);
                let plain = newton_in_bracket(u, a, b, lb, a / (a + b), (0.0, 1.0));
                let x = beta_quantile(u, a, b);
                let allowed = (2e-14 / beta_pdf_with(x, a, b, lb)).max(1e-12);
                assert!(
                    (x - plain).abs() < allowed,
                    "a {a} b {b} u {u}: {x} vs {plain}"
                );
                assert!((beta_cdf(x, a, b) - u).abs() < 1e-11, "a {a} b {b} u {u}");
            }
        }
    }

    #[test]
    fn beta_quantile_inverts_the_cdf() {
        for (a, b) in [(1.0, 5.0), (3.0, 3.0), (4.6, 1.4), (1.1, 1.0), (2.6, 3.4)] {
            for u in [1e-6, 0.05, 0.3, 0.5, 0.9, 0.999_999] {
                let x = beta_quantile(u, a, b);
                assert!((beta_cdf(x, a, b) - u).abs() < 1e-11, "a {a} b {b} u {u}");
            }
        }
    }
}
