//! Solving for the size of a fiscal adjustment.
//!
//! Every indicator asks for the step `x` (pp of GDP) at which some residual
//! `f(x)` (e.g. PSND in the target year minus the target) is zero. With the
//! model's debt ladder, interest responds to the debt linearly as long as the
//! gilt ladder only grows, so `f` is affine in `x` and two evaluations give
//! the exact answer. The ladder's pro-rata buyback (when nominal debt falls)
//! is not linear, so the linear answer is always re-evaluated, and when it
//! misses by more than the tolerance the solver falls back to Brent's method
//! on a bracket: first a narrow one around the linear guess (cheap when the
//! model is nearly linear), then the full bounds.

/// How a root was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Two evaluations and an exact linear solve, verified by a third.
    Linear,
    /// Brent's bracketed root finding (the linear solve missed).
    Bracketed,
    /// Secant steps from a hint (a nearby problem's root), see [`solve_near`].
    Secant,
}

/// A solved step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Root {
    /// The step, in the units of the lever (pp of GDP).
    pub x: f64,
    /// The residual at `x`, from a fresh evaluation.
    pub residual: f64,
    /// How it was found.
    pub method: Method,
    /// Evaluations of `f` used.
    pub evaluations: u32,
}

/// Why no root was returned.
#[derive(Debug)]
pub enum SolveError<E> {
    /// `f` failed.
    Eval(E),
    /// `f` has the same sign at both bounds: no root in between.
    NoRoot {
        /// Residual at the lower bound.
        at_lo: f64,
        /// Residual at the upper bound.
        at_hi: f64,
    },
    /// A bracket was found but the tolerance was not reached.
    NotConverged {
        /// Best step.
        x: f64,
        /// Its residual.
        residual: f64,
    },
}

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Lowest step tried, pp.
    pub lo: f64,
    /// Highest step tried, pp.
    pub hi: f64,
    /// Largest acceptable |residual|.
    pub tolerance: f64,
    /// Most Brent iterations per bracket.
    pub max_iterations: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lo: -30.0,
            hi: 30.0,
            tolerance: 1e-6,
            max_iterations: 100,
        }
    }
}

/// Find `x` in `[s.lo, s.hi]` with `|f(x)| <= s.tolerance`. `f0`, when given,
/// is `f(0)` already known (the unadjusted projection).
pub fn solve<E>(
    mut f: impl FnMut(f64) -> Result<f64, E>,
    f0: Option<f64>,
    s: &Settings,
) -> Result<Root, SolveError<E>> {
    let mut evaluations = 0u32;
    let mut eval = |x: f64, n: &mut u32| -> Result<f64, SolveError<E>> {
        *n += 1;
        f(x).map_err(SolveError::Eval)
    };
    let r0 = match f0 {
        Some(v) => v,
        None => eval(0.0, &mut evaluations)?,
    };
    if r0.abs() <= s.tolerance && s.lo <= 0.0 && 0.0 <= s.hi {
        return Ok(Root {
            x: 0.0,
            residual: r0,
            method: Method::Linear,
            evaluations,
        });
    }
    let r1 = eval(1.0, &mut evaluations)?;
    let slope = r1 - r0;
    let mut guess = None;
    if slope != 0.0 && slope.is_finite() {
        let x = -r0 / slope;
        if x.is_finite() && s.lo <= x && x <= s.hi {
            let r = eval(x, &mut evaluations)?;
            if r.abs() <= s.tolerance {
                return Ok(Root {
                    x,
                    residual: r,
                    method: Method::Linear,
                    evaluations,
                });
            }
            guess = Some((x, r));
        }
    }
    // Fallback: a narrow bracket around the linear guess, widened a few
    // times, then the full bounds.
    if let Some(g) = guess {
        let (x, _) = g;
        let mut half = 0.25_f64.max(x.abs() * 0.05);
        for _ in 0..3 {
            let a = (x - half).max(s.lo);
            let b = (x + half).min(s.hi);
            let fa = eval(a, &mut evaluations)?;
            let fb = eval(b, &mut evaluations)?;
            if fa.signum() != fb.signum() || fa == 0.0 || fb == 0.0 {
                return brent(&mut eval, (a, fa), (b, fb), s, &mut evaluations);
            }
            half *= 4.0;
        }
    }
    let flo = eval(s.lo, &mut evaluations)?;
    let fhi = eval(s.hi, &mut evaluations)?;
    if flo.signum() == fhi.signum() && flo != 0.0 && fhi != 0.0 {
        return Err(SolveError::NoRoot {
            at_lo: flo,
            at_hi: fhi,
        });
    }
    brent(&mut eval, (s.lo, flo), (s.hi, fhi), s, &mut evaluations)
}

/// Secant steps tried from `hint` before [`solve`] takes over.
const SECANT_STEPS: u32 = 6;

/// Distance of the second starting point from `hint` when the secant
/// through `f(0)` gives none, pp.
const SECANT_START_PP: f64 = 0.05;

/// [`solve`], started from `hint`, the root of a nearby problem (an
/// appraisal path's fiscal gap next to the gap without interventions):
/// secant steps from `hint` and a second point, the secant through `f0`
/// when it lands within 1 pp of the hint, else `hint + 0.05`. On the
/// model's nearly affine residual they meet the tolerance in three or four
/// evaluations, against seven for the linear solve and its bracket when
/// buybacks bend the residual between 0 and the root. If they do not, or
/// leave the bounds, [`solve`] runs as without a hint. Either way the root
/// meets the same tolerance.
pub fn solve_near<E>(
    mut f: impl FnMut(f64) -> Result<f64, E>,
    f0: Option<f64>,
    hint: f64,
    s: &Settings,
) -> Result<Root, SolveError<E>> {
    let mut evaluations = 0u32;
    if hint.is_finite() && s.lo <= hint && hint <= s.hi {
        let mut eval = |x: f64, n: &mut u32| -> Result<f64, SolveError<E>> {
            *n += 1;
            f(x).map_err(SolveError::Eval)
        };
        let (mut a, mut fa) = (hint, eval(hint, &mut evaluations)?);
        let through_zero = f0
            .filter(|r0| hint != 0.0 && fa != *r0)
            .map(|r0| hint - fa * hint / (fa - r0))
            .filter(|x| x.is_finite() && (x - hint).abs() < 1.0 && s.lo <= *x && *x <= s.hi);
        let mut b = through_zero.unwrap_or((hint + SECANT_START_PP).min(s.hi));
        let found = |x: f64, residual: f64, evaluations: u32| Root {
            x,
            residual,
            method: Method::Secant,
            evaluations,
        };
        for _ in 0..SECANT_STEPS {
            if fa.abs() <= s.tolerance {
                return Ok(found(a, fa, evaluations));
            }
            let fb = eval(b, &mut evaluations)?;
            if fb.abs() <= s.tolerance {
                return Ok(found(b, fb, evaluations));
            }
            let next = b - fb * (b - a) / (fb - fa);
            if !(next.is_finite() && s.lo <= next && next <= s.hi) {
                break;
            }
            (a, fa) = (b, fb);
            b = next;
        }
    }
    let mut root = solve(f, f0, s)?;
    root.evaluations += evaluations;
    Ok(root)
}

/// Brent's method on a bracket `(a, fa)`, `(b, fb)` with opposite signs.
fn brent<E>(
    eval: &mut impl FnMut(f64, &mut u32) -> Result<f64, SolveError<E>>,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
    s: &Settings,
    evaluations: &mut u32,
) -> Result<Root, SolveError<E>> {
    let done = |x: f64, r: f64, n: u32| Root {
        x,
        residual: r,
        method: Method::Bracketed,
        evaluations: n,
    };
    if fa.abs() <= s.tolerance {
        return Ok(done(a, fa, *evaluations));
    }
    if fb.abs() <= s.tolerance {
        return Ok(done(b, fb, *evaluations));
    }
    if fa.abs() < fb.abs() {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut fa, &mut fb);
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut bisected = true;
    for _ in 0..s.max_iterations {
        let mut x = if fa != fc && fb != fc {
            // Inverse quadratic interpolation.
            a * fb * fc / ((fa - fb) * (fa - fc))
                + b * fa * fc / ((fb - fa) * (fb - fc))
                + c * fa * fb / ((fc - fa) * (fc - fb))
        } else {
            // Secant.
            b - fb * (b - a) / (fb - fa)
        };
        let lo = (3.0 * a + b) / 4.0;
        let between = (x > lo.min(b)) && (x < lo.max(b));
        let tiny = 1e-12_f64.max(f64::EPSILON * b.abs());
        if !between
            || (bisected && (x - b).abs() >= (b - c).abs() / 2.0)
            || (!bisected && (x - b).abs() >= (c - d).abs() / 2.0)
            || (bisected && (b - c).abs() < tiny)
            || (!bisected && (c - d).abs() < tiny)
        {
            x = (a + b) / 2.0;
            bisected = true;
        } else {
            bisected = false;
        }
        let fx = eval(x, evaluations)?;
        d = c;
        c = b;
        fc = fb;
        if fx.abs() <= s.tolerance {
            return Ok(done(x, fx, *evaluations));
        }
        if fa.signum() != fx.signum() {
            b = x;
            fb = fx;
        } else {
            a = x;
            fa = fx;
        }
        if fa.abs() < fb.abs() {
            std::mem::swap(&mut a, &mut b);
            std::mem::swap(&mut fa, &mut fb);
        }
        if (b - a).abs() < tiny {
            break;
        }
    }
    Err(SolveError::NotConverged { x: b, residual: fb })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(x: f64) -> Result<f64, ()> {
        Ok(x)
    }

    #[test]
    fn affine_functions_solve_linearly_in_three_evaluations() {
        let r = solve(|x| ok(3.0 * x - 7.5), None, &Settings::default()).unwrap();
        assert_eq!(r.method, Method::Linear);
        assert!((r.x - 2.5).abs() < 1e-12);
        assert_eq!(r.evaluations, 3);
        let r = solve(|x| ok(3.0 * x - 7.5), Some(-7.5), &Settings::default()).unwrap();
        assert_eq!(r.evaluations, 2);
    }

    #[test]
    fn nonlinear_functions_fall_back_to_brent() {
        let f = |x: f64| ok((x - 4.0) * (x + 40.0) * (1.0 + 0.1 * x * x));
        let r = solve(f, None, &Settings::default()).unwrap();
        assert_eq!(r.method, Method::Bracketed);
        assert!(r.residual.abs() <= 1e-6, "{r:?}");
        assert!((r.x - 4.0).abs() < 1e-6, "{r:?}");
        // A kink: linear on one side only.
        let g = |x: f64| ok(if x < 2.0 { x - 3.0 } else { 5.0 * x - 11.0 });
        let r = solve(g, None, &Settings::default()).unwrap();
        assert!((r.x - 2.2).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn a_hint_near_the_root_takes_few_evaluations() {
        // Nearly affine: the secant from the hint meets the tolerance fast.
        let f = |x: f64| ok(3.0 * x - 7.5 + 0.01 * (x - 2.0).powi(2));
        let r = solve_near(f, Some(-7.46), 2.4, &Settings::default()).unwrap();
        assert_eq!(r.method, Method::Secant);
        assert!(r.residual.abs() <= 1e-6, "{r:?}");
        assert!(r.evaluations <= 4, "{r:?}");
        // A hint outside the bounds, or one the secant cannot use, falls
        // back to the solve without it.
        let r = solve_near(|x| ok(3.0 * x - 7.5), None, 99.0, &Settings::default()).unwrap();
        assert_eq!(r.method, Method::Linear);
        let g = |x: f64| ok(if x < 2.0 { -1.0 } else { x - 2.5 });
        let r = solve_near(g, None, 0.0, &Settings::default()).unwrap();
        assert!((r.x - 2.5).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn no_root_within_bounds_is_reported() {
        match solve(|x| ok(x + 100.0), None, &Settings::default()) {
            Err(SolveError::NoRoot { at_lo, at_hi }) => {
                assert_eq!(at_lo, 70.0);
                assert_eq!(at_hi, 130.0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_jump_does_not_converge() {
        let r = solve(
            |x| ok(if x < 2.0 { -1.0 } else { 1.0 }),
            None,
            &Settings::default(),
        );
        assert!(matches!(r, Err(SolveError::NotConverged { .. })), "{r:?}");
    }
}
