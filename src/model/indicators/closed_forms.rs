//! S1 (phased in over five years) and S2 computed by the European
//! Commission's closed forms from the projection's own paths must match the
//! values the solvers find by re-running the model, within 0.01 pp.
//!
//! With `R[t] = (Yc[t−1]/Yc[t]) · (1 + I[t]/D[t−1])` the ratio identity is
//! `d[t] = R[t] d[t−1] − b[t]`, `b = 100 (PB − SFA)/Yc`. A step `x` phased by
//! `f[t]` adds `x f[t] Y[t]/Yc[t]` to `b[t]`, so (with the solved path's own
//! `R`, the baseline's `b`):
//!
//! - S1: `d[T₁] = 60`  ⇒  `x = (d[s−1] ΠR − Σ b[t] Π_{j>t}R − 60) / Σ f[t] (Y/Yc)[t] Π_{j>t}R`;
//! - S2: `d[s−1] = Σ b[t] D[t] + b[T] A D[T]`, `D[t] = Π_{j≤t} 1/R[j]`,
//!   `A = q/(1−q)` the solver's terminal annuity.

use super::{intertemporal_assumptions, GapSolver, Profile, S1_PHASE_IN_YEARS};
use crate::model::{Adjustments, Projection};
use crate::scenario::Scenario;
use crate::years::FiscalYear;

/// `R[k]` of the projection for every year.
fn growth_factors(p: &Projection) -> Vec<f64> {
    let mut out = Vec::new();
    let (mut d_prev, mut yc_prev) = (p.opening_psnd_gbp_bn, p.opening_gdp_centred_gbp_bn);
    for y in &p.years {
        out.push(yc_prev / y.gdp_centred_gbp_bn * (1.0 + y.interest_gbp_bn / d_prev));
        d_prev = y.psnd_gbp_bn;
        yc_prev = y.gdp_centred_gbp_bn;
    }
    out
}

fn balance(p: &Projection, k: usize) -> f64 {
    let y = &p.years[k];
    100.0 * (y.primary_balance_gbp_bn - y.other_interest_gbp_bn - y.stock_flow_gbp_bn)
        / y.gdp_centred_gbp_bn
}

fn gdp_ratio(p: &Projection, k: usize) -> f64 {
    p.years[k].gdp_gbp_bn / p.years[k].gdp_centred_gbp_bn
}

fn index(p: &Projection, y: FiscalYear) -> usize {
    p.years.iter().position(|r| r.year == y).unwrap()
}

#[test]
fn s1_phased_matches_its_closed_form() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let a = &s.assumptions;
    let solver = GapSolver::new(a, &d, Adjustments::none()).unwrap();
    let start = a.horizon.medium_term_end.next();
    let by = solver.s1_default_year();
    let solved = solver.s1_phased(start, by).unwrap();
    let path = solver
        .project_step(
            start,
            Profile::PhasedIn {
                years: S1_PHASE_IN_YEARS,
            },
            solved.step_pct_gdp,
        )
        .unwrap();
    let base = solver.baseline();
    let r = growth_factors(&path);
    let (ks, kt) = (index(base, start), index(base, by));
    let d_before = base.years[ks - 1].psnd_pct_gdp;
    let tail = |t: usize| r[t + 1..=kt].iter().product::<f64>();
    let mut num = d_before * r[ks..=kt].iter().product::<f64>() - 60.0;
    let mut den = 0.0;
    for t in ks..=kt {
        num -= balance(base, t) * tail(t);
        let f = Profile::PhasedIn {
            years: S1_PHASE_IN_YEARS,
        }
        .in_force((t - ks) as i32);
        den += f * gdp_ratio(base, t) * tail(t);
    }
    let closed = num / den;
    assert!(
        (closed - solved.step_pct_gdp).abs() < 0.01,
        "closed form {closed:.4} vs solved {:.4}",
        solved.step_pct_gdp
    );
    // The phase-in asks for more than the upfront S1.
    let upfront = solver.s1(start, by).unwrap().step_pct_gdp;
    assert!(solved.step_pct_gdp > upfront);
}

#[test]
fn s2_matches_its_closed_form_on_the_extended_projection() {
    let s = Scenario::default_scenario().unwrap();
    let d = s.dataset().unwrap();
    let ext = intertemporal_assumptions(&s.assumptions, &d);
    assert_eq!(ext.horizon.end_year, FiscalYear(2121));
    let solver = GapSolver::new(&ext, &d, Adjustments::none()).unwrap();
    let start = ext.horizon.medium_term_end.next();
    let solved = solver.s2().unwrap();
    let path = solver
        .project_step(start, Profile::OneOff, solved.step_pct_gdp)
        .unwrap();
    let base = solver.baseline();
    let q = solver.terminal_discount().unwrap();
    let annuity = q / (1.0 - q);
    let r = growth_factors(&path);
    let ks = index(base, start);
    let kt = base.years.len() - 1;
    let mut disc = 1.0;
    let (mut num, mut den) = (base.years[ks - 1].psnd_pct_gdp, 0.0);
    for (t, rt) in r.iter().enumerate().take(kt + 1).skip(ks) {
        disc /= rt;
        let terminal = if t == kt { 1.0 + annuity } else { 1.0 };
        num -= balance(base, t) * disc * terminal;
        den += gdp_ratio(base, t) * disc * terminal;
    }
    let closed = num / den;
    assert!(
        (closed - solved.step_pct_gdp).abs() < 0.01,
        "closed form {closed:.4} vs solved {:.4}",
        solved.step_pct_gdp
    );
}
