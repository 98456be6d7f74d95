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
//! inverse by Newton steps kept inside a shrinking bisection bracket.

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
pub fn beta_quantile(u: f64, a: f64, b: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    if u >= 1.0 {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut x = a / (a + b);
    let start = StartPoint::of(a, b);
    let lb = start.ln_beta;
    for i in 0..100 {
        let cdf = if i == 0 {
            start.cdf
        } else {
            beta_cdf_with(x, a, b, lb)
        };
        let f = cdf - u;
        if f.abs() < 1e-14 {
            break;
        }
        if f > 0.0 {
            hi = x;
        } else {
            lo = x;
        }
        let pdf = if i == 0 {
            start.pdf
        } else {
            beta_pdf_with(x, a, b, lb)
        };
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

/// What every quantile search of one beta distribution starts from: ln
/// B(a, b) and the distribution function and density at the mean, the
/// first Newton point whatever the quantile. The last few distributions'
/// are kept a thread (an appraisal draws the same few for every path); the
/// numbers are those computed afresh.
#[derive(Clone, Copy)]
struct StartPoint {
    ln_beta: f64,
    cdf: f64,
    pdf: f64,
}

/// How many distributions' start points each thread keeps (a package of
/// seven programmes draws about sixty PERT fields, with fewer distinct
/// shapes).
const KEPT_START_POINTS: usize = 256;

impl StartPoint {
    fn of(a: f64, b: f64) -> StartPoint {
        use std::cell::RefCell;
        /// The kept points, and where the next is likely to be: draws ask
        /// for the same shapes in the same order path after path.
        type Kept = (Vec<((u64, u64), StartPoint)>, usize);
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
            if let Some((i, (_, p))) = at.and_then(|i| Some((i, kept.get(i)?))) {
                *next = i + 1;
                return *p;
            }
            let lb = ln_beta(a, b);
            let x = a / (a + b);
            let p = StartPoint {
                ln_beta: lb,
                cdf: beta_cdf_with(x, a, b, lb),
                pdf: beta_pdf_with(x, a, b, lb),
            };
            if kept.len() == KEPT_START_POINTS {
                kept.remove(0);
            }
            kept.push((key, p));
            *next = kept.len();
            p
        })
    }
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
    fn kept_start_points_give_the_quantiles_of_fresh_ones() {
        // More distributions than a thread keeps, twice over: the second
        // round starts from kept and re-made points alike.
        let shapes: Vec<(f64, f64)> = (1..=20).map(|i| (1.0 + 0.37 * i as f64, 2.5)).collect();
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
