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
//! Random numbers are each path's own ([`super::stream`]): path `p`'s
//! xoshiro128** stream, seeded by its Philox block at counter `(p, 0, 0,
//! 0)` under the seed, gives four words in each shocked year, and the
//! Box-Muller transform on its two pairs the year's four normals
//! ([`super::normal`]), so a path is the same whichever block, thread or
//! lane runs it. Paths are simulated [`LANES`] at a time in plain arrays (the
//! compiler keeps each lane in a vector register), years the outer loop
//! within a block so that the summary's histograms for one year stay in
//! cache. On x86-64 the same code is also compiled for AVX2 and chosen at
//! run time, with the normals written in AVX2 intrinsics
//! ([`super::lanes_avx2`]); both builds do the same IEEE operations in the
//! same order (no fused multiply-add), so their results are identical to
//! the bit.

// The kernel indexes fixed-size lane and shock arrays ([f64; LANES],
// [f64; N_SHOCKS]) and per-year buffers built to the horizon's length; lane
// loops index several such arrays in step by the lane.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::baseline::Baseline;
use super::error::UncertaintyError;
#[cfg(target_arch = "x86_64")]
use super::lanes_avx2::Avx2;
use super::normal;
use super::philox::key_of;
use super::shocks::{ShockParams, N_SHOCKS};
use super::stream::{next_lanes, seed_lanes, LaneStates};
use super::summary::YearSink;

/// Paths per block: the unit of work handed to a thread, and the pilot
/// that sets the histogram ranges (the first block).
pub const BLOCK_PATHS: usize = 4096;
/// Paths simulated side by side.
pub const LANES: usize = 8;
/// Paths handed to the summary at a time (a multiple of [`LANES`]).
const PART_PATHS: usize = 512;

/// The ChaCha8 generator of block `block` under `seed` (the full-model fan
/// and the probabilistic interventions draw from it).
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
    key: [u32; 2],
}

/// The state of [`LANES`] paths.
#[derive(Debug, Clone, Copy)]
struct Lane {
    x: [[f64; LANES]; N_SHOCKS],
    kappa: [f64; LANES],
    debt: [f64; LANES],
    stream: LaneStates<LANES>,
}

/// Per-path state and output buffers of one block, reused between blocks.
#[derive(Debug, Default)]
pub struct Scratch {
    lanes: Vec<Lane>,
    psnd: Vec<f64>,
    psnb: Vec<f64>,
    interest: Vec<f64>,
}

/// One year's deterministic quantities, as the kernel reads them.
#[derive(Debug, Clone, Copy)]
struct Year {
    shocked: bool,
    inv_growth: f64,
    inv_inflation: f64,
    eff_rate: f64,
    pb: f64,
    pb_less_sfa: f64,
    centred_ratio: f64,
    fy_over_centred: f64,
    prev_centred_over_fy: f64,
}

/// The standard normals of path `path`'s first `draws` shocked years
/// under `seed`, one path at a time (what the lanes compute; for tests
/// and checks).
#[cfg(test)]
pub fn path_normals(seed: u64, path: u64, draws: usize) -> Vec<[f64; N_SHOCKS]> {
    let mut s = seed_lanes::<1>(key_of(seed), path);
    (0..draws)
        .map(|_| {
            let w: [u32; 4] = std::array::from_fn(|_| next_lanes(&mut s)[0]);
            let (a, b) = normal::pair(w[0], w[1]);
            let (c, d) = normal::pair(w[2], w[3]);
            [a, b, c, d]
        })
        .collect()
}

/// How a group of [`LANES`] paths draws its normals: the portable lane
/// loops, or AVX2 intrinsics (`super::lanes_avx2`), which give the same
/// normals to the bit.
trait LaneDraw: Copy {
    /// The next shocked year's normals of the paths whose streams are
    /// `s`: `z[shock][lane]`; shocks 0 and 1 from the pair of the stream's
    /// next two words, shocks 2 and 3 from the two after.
    fn normals(self, s: &mut LaneStates<LANES>, z: &mut [[f64; LANES]; N_SHOCKS]);
}

/// The portable lane loops.
#[derive(Debug, Clone, Copy)]
struct Portable;

impl LaneDraw for Portable {
    #[inline(always)]
    fn normals(self, s: &mut LaneStates<LANES>, z: &mut [[f64; LANES]; N_SHOCKS]) {
        let w: [[u32; LANES]; 4] = std::array::from_fn(|_| next_lanes(s));
        for pair in 0..N_SHOCKS / 2 {
            for l in 0..LANES {
                (z[2 * pair][l], z[2 * pair + 1][l]) =
                    normal::pair(w[2 * pair][l], w[2 * pair + 1][l]);
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
impl LaneDraw for Avx2 {
    #[inline(always)]
    fn normals(self, s: &mut LaneStates<LANES>, z: &mut [[f64; LANES]; N_SHOCKS]) {
        Avx2::normals(self, s, z);
    }
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
            key: key_of(seed),
        })
    }

    fn year(&self, t: usize) -> Year {
        let b = self.base;
        Year {
            shocked: b.shocked[t],
            inv_growth: b.inv_growth[t],
            inv_inflation: b.inv_inflation[t],
            eff_rate: b.eff_rate[t],
            pb: b.pb[t],
            pb_less_sfa: b.pb_less_sfa[t],
            centred_ratio: b.centred_ratio[t],
            fy_over_centred: b.fy_over_centred[t],
            prev_centred_over_fy: b.prev_centred_over_fy[t],
        }
    }

    /// Simulate the `n` paths from path `first_path`, handing each year's
    /// values to `sink`.
    pub fn simulate_block(
        &self,
        first_path: u64,
        n: usize,
        s: &mut Scratch,
        sink: &mut impl YearSink,
    ) {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = Avx2::detect() {
            // SAFETY: the CPU has AVX2 (`detect` checked it), the only
            // requirement of a `target_feature` function.
            unsafe { self.simulate_block_avx2(avx2, first_path, n, s, sink) };
            return;
        }
        self.simulate_block_portable(first_path, n, s, sink);
    }

    /// [`Self::simulate_block`] without run-time dispatch: the build's
    /// baseline instruction set (for tests that compare the two).
    pub fn simulate_block_portable(
        &self,
        first_path: u64,
        n: usize,
        s: &mut Scratch,
        sink: &mut impl YearSink,
    ) {
        self.kernel(Portable, first_path, n, s, sink);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn simulate_block_avx2(
        &self,
        avx2: Avx2,
        first_path: u64,
        n: usize,
        s: &mut Scratch,
        sink: &mut impl YearSink,
    ) {
        self.kernel(avx2, first_path, n, s, sink);
    }

    #[inline(always)]
    fn kernel(
        &self,
        draw: impl LaneDraw,
        first_path: u64,
        n: usize,
        s: &mut Scratch,
        sink: &mut impl YearSink,
    ) {
        let b = self.base;
        let start = Lane {
            x: [[0.0; LANES]; N_SHOCKS],
            kappa: [0.0; LANES],
            debt: [b.opening_ratio; LANES],
            stream: [[0; LANES]; 4],
        };
        s.lanes.clear();
        s.lanes.resize(n.div_ceil(LANES), start);
        for (g, lane) in s.lanes.iter_mut().enumerate() {
            lane.stream = seed_lanes(self.key, first_path + (g * LANES) as u64);
        }
        for v in [&mut s.psnd, &mut s.psnb, &mut s.interest] {
            v.clear();
            v.resize(PART_PATHS, 0.0);
        }
        sink.begin_block(n);
        for t in 0..b.len() {
            let y = self.year(t);
            // A part of the block at a time, so that its values are still
            // in the L1 cache when the sink reads them.
            for (p, lanes) in s.lanes.chunks_mut(PART_PATHS / LANES).enumerate() {
                let offset = p * PART_PATHS;
                let rows = lanes
                    .iter_mut()
                    .zip(s.psnd.chunks_exact_mut(LANES))
                    .zip(s.psnb.chunks_exact_mut(LANES))
                    .zip(s.interest.chunks_exact_mut(LANES));
                for (((lane, d), pb), int) in rows {
                    if y.shocked {
                        let mut z = [[0.0; LANES]; N_SHOCKS];
                        draw.normals(&mut lane.stream, &mut z);
                        self.shock(lane, &z);
                    }
                    // Chunks of exactly LANES: the conversions cannot fail.
                    if let (Ok(d), Ok(pb), Ok(int)) = (d.try_into(), pb.try_into(), int.try_into())
                    {
                        step(b, &y, lane, d, pb, int);
                    }
                }
                let len = (n - offset).min(PART_PATHS);
                sink.year(
                    t,
                    offset,
                    &s.psnd[..len],
                    &s.psnb[..len],
                    &s.interest[..len],
                );
            }
        }
    }

    /// `x = ρ∘x + A·z` for every lane.
    #[inline(always)]
    fn shock(&self, lane: &mut Lane, z: &[[f64; LANES]; N_SHOCKS]) {
        let (a, rho) = (&self.loading, &self.rho);
        for l in 0..LANES {
            let e0 = a[0][0] * z[0][l];
            let e1 = a[1][0] * z[0][l] + a[1][1] * z[1][l];
            let e2 = a[2][0] * z[0][l] + a[2][1] * z[1][l] + a[2][2] * z[2][l];
            let e3 = a[3][0] * z[0][l] + a[3][1] * z[1][l] + a[3][2] * z[2][l] + a[3][3] * z[3][l];
            lane.x[0][l] = rho[0] * lane.x[0][l] + e0;
            lane.x[1][l] = rho[1] * lane.x[1][l] + e1;
            lane.x[2][l] = rho[2] * lane.x[2][l] + e2;
            lane.x[3][l] = rho[3] * lane.x[3][l] + e3;
        }
    }
}

/// The year's repricing, effective rate and debt recursion for every lane,
/// writing PSND, PSNB and interest (% of GDP) to the lane's outputs.
#[inline(always)]
fn step(
    b: &Baseline,
    y: &Year,
    lane: &mut Lane,
    d_out: &mut [f64; LANES],
    pb_out: &mut [f64; LANES],
    int_out: &mut [f64; LANES],
) {
    let reprice = 1.0 / b.maturity_years;
    let (sf, sil, sc) = (b.floating_share, b.index_linked_share, b.conventional_share);
    for l in 0..LANES {
        let x = [lane.x[0][l], lane.x[1][l], lane.x[2][l], lane.x[3][l]];
        let kappa = lane.kappa[l] + (x[2] - lane.kappa[l]) * reprice;
        lane.kappa[l] = kappa;
        let i = y.eff_rate + sf * x[2] + sil * x[1] + sc * kappa;
        let r = 1.0 / ((1.0 + x[0] * y.inv_growth) * (1.0 + x[1] * y.inv_inflation));
        let debt = lane.debt[l];
        let interest = i * debt * y.prev_centred_over_fy * r;
        let next =
            debt * y.centred_ratio * (1.0 + i) * r - (y.pb_less_sfa + x[3]) * y.fy_over_centred;
        lane.debt[l] = next;
        d_out[l] = 100.0 * next;
        int_out[l] = 100.0 * interest;
        pb_out[l] = 100.0 * (interest - y.pb - x[3]);
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// The AVX2 normals are the portable ones to the bit, year after year
    /// of the streams, for paths on both sides of 2^32 (where the seed
    /// counter's high word changes within a group of lanes), and each
    /// lane's normals are its path's own.
    #[test]
    fn avx2_normals_equal_the_portable_ones() {
        let Some(avx2) = Avx2::detect() else {
            return;
        };
        let seed = 0x5EED_0000_0042;
        let key = key_of(seed);
        let years = 60;
        let firsts = (0..600u64)
            .map(|i| i * 7919 * LANES as u64)
            .chain((0..8).map(|i| (1u64 << 32) - 40 + 8 * i));
        for first in firsts {
            let mut sa = seed_lanes::<LANES>(key, first);
            let mut sp = sa;
            let own: Vec<Vec<[f64; N_SHOCKS]>> = (0..LANES)
                .map(|l| path_normals(seed, first + l as u64, years))
                .collect();
            for t in 0..years {
                let mut za = [[0.0; LANES]; N_SHOCKS];
                let mut zp = [[0.0; LANES]; N_SHOCKS];
                avx2.normals(&mut sa, &mut za);
                Portable.normals(&mut sp, &mut zp);
                assert_eq!(sa, sp, "path {first}, draw {t}");
                for l in 0..LANES {
                    for k in 0..N_SHOCKS {
                        assert_eq!(
                            za[k][l].to_bits(),
                            zp[k][l].to_bits(),
                            "path {first}+{l}, draw {t}, shock {k}"
                        );
                        assert_eq!(zp[k][l].to_bits(), own[l][t][k].to_bits());
                    }
                }
            }
        }
    }
}
