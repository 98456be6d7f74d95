//! The reduced-form engine (the European Commission's stochastic debt
//! method): correlated persistent shocks ([`super::shocks`]) around the
//! scenario's deterministic path ([`super::baseline`]), the effective
//! interest rate following the market rate through the debt's structure,
//! and the debt-ratio recursion each year.
//!
//! The effective rate's deviation from its deterministic path is
//! `δ[t] = s_f·u[t] + s_il·επ[t] + s_c·κ[t]`, with `u` the market-rate shock
//! (Bank Rate and gilt yields move together), `επ` the inflation shock
//! (index-linked gilts are uplifted at once), and `κ[t] = κ[t−1] +
//! (u[t] − κ[t−1])/m` the conventional stock repricing at one over its
//! average maturity `m` a year (as `peer_fan.py`).
//!
//! Paths come in blocks of [`BLOCK_PATHS`]; block `b` draws from its own
//! ChaCha8 stream `b` of the seed, so results never depend on which thread
//! ran which block. Within a block the years are the outer loop, so the
//! summary's histograms for one year stay in cache.

// The kernel indexes fixed-size shock arrays ([f64; N_SHOCKS]) and per-year
// buffers built to the horizon's length.
#![allow(clippy::indexing_slicing)]

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::baseline::Baseline;
use super::error::UncertaintyError;
use super::normal::Normals;
use super::shocks::{draw_innovation, ShockParams, N_SHOCKS};
use super::summary::YearSink;

/// Paths per block (one random stream each).
pub const BLOCK_PATHS: usize = 4096;

/// The ChaCha8 generator of block `block` under `seed`.
pub fn block_rng(seed: u64, block: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(block);
    rng
}

/// A reduced-form model ready to simulate.
#[derive(Debug, Clone)]
pub struct Reduced<'a> {
    base: &'a Baseline,
    loading: [[f64; N_SHOCKS]; N_SHOCKS],
    rho: [f64; N_SHOCKS],
    seed: u64,
}

/// Per-path state and output buffers of one block, reused between blocks.
#[derive(Debug, Default)]
pub struct Scratch {
    x: Vec<[f64; N_SHOCKS]>,
    kappa: Vec<f64>,
    debt: Vec<f64>,
    psnd: Vec<f64>,
    psnb: Vec<f64>,
    interest: Vec<f64>,
}

impl<'a> Reduced<'a> {
    /// The model for `base` with `shocks` (validated here) and `seed`.
    pub fn new(
        base: &'a Baseline,
        shocks: &ShockParams,
        seed: u64,
    ) -> Result<Self, UncertaintyError> {
        shocks.validate()?;
        Ok(Reduced {
            base,
            loading: shocks.loading()?,
            rho: shocks.persistence,
            seed,
        })
    }

    /// Simulate `n` paths of block `block`, handing each year's values to `sink`.
    pub fn simulate_block(&self, block: u64, n: usize, s: &mut Scratch, sink: &mut impl YearSink) {
        let b = self.base;
        let mut rng = block_rng(self.seed, block);
        let mut normals = Normals::default();
        s.x.clear();
        s.x.resize(n, [0.0; N_SHOCKS]);
        s.kappa.clear();
        s.kappa.resize(n, 0.0);
        s.debt.clear();
        s.debt.resize(n, b.opening_ratio);
        for v in [&mut s.psnd, &mut s.psnb, &mut s.interest] {
            v.clear();
            v.resize(n, 0.0);
        }
        let reprice = 1.0 / b.maturity_years;
        let (sf, sil, sc) = (b.floating_share, b.index_linked_share, b.conventional_share);
        let (a, rho) = (&self.loading, &self.rho);
        for t in 0..b.len() {
            let shocked = b.shocked[t];
            let (ig, ii, eff) = (b.inv_growth[t], b.inv_inflation[t], b.eff_rate[t]);
            let (pb, pbls) = (b.pb[t], b.pb_less_sfa[t]);
            let (cr, fyc, pcf) = (
                b.centred_ratio[t],
                b.fy_over_centred[t],
                b.prev_centred_over_fy[t],
            );
            let mut e = [0.0; N_SHOCKS];
            // Slices of one length, so the loop carries no bounds checks.
            let rows = s.x[..n]
                .iter_mut()
                .zip(&mut s.kappa[..n])
                .zip(&mut s.debt[..n])
                .zip(&mut s.psnd[..n])
                .zip(&mut s.psnb[..n])
                .zip(&mut s.interest[..n]);
            for (((((xp, kp), dp), psnd), psnb), int_out) in rows {
                let mut x = *xp;
                if shocked {
                    draw_innovation(a, &mut normals, &mut rng, &mut e);
                    for k in 0..N_SHOCKS {
                        x[k] = rho[k] * x[k] + e[k];
                    }
                    *xp = x;
                }
                let kappa = *kp + (x[2] - *kp) * reprice;
                *kp = kappa;
                let i = eff + sf * x[2] + sil * x[1] + sc * kappa;
                let r = 1.0 / ((1.0 + x[0] * ig) * (1.0 + x[1] * ii));
                let d = *dp;
                let interest = i * d * pcf * r;
                let next = d * cr * (1.0 + i) * r - (pbls + x[3]) * fyc;
                *dp = next;
                *psnd = 100.0 * next;
                *int_out = 100.0 * interest;
                *psnb = 100.0 * (interest - pb - x[3]);
            }
            sink.year(t, &s.psnd, &s.psnb, &s.interest);
        }
    }
}
