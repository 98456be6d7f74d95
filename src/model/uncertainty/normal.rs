//! Standard normal draws for the reduced-form fan: Marsaglia and Tsang's
//! ziggurat (J. Stat. Softw. 5(8), 2000) with 256 layers, taking 32 random
//! bits a draw (four draws from each 128-bit Philox output, see
//! [`super::philox`]).
//!
//! The draw is split in two: [`fast`], branch-free, accepts a draw inside
//! its layer's rectangle (about 98.5 % of them) and runs over lanes of
//! paths; [`finish`] completes the rare others with more bits.
//!
//! The 32 bits split into 8 for the layer and 24 for the signed value, so
//! the layer and the value never share bits (the flaw Doornik, 2005,
//! found in the original, which reused the value's low bits as the layer).
//! The value's resolution is 2^-23 of its layer's width, far below
//! anything a fan can show.
// Fixed-size ziggurat tables indexed by an 8-bit layer (0..256) and loop
// bounds below LAYERS: every index is in range by construction.
#![allow(clippy::indexing_slicing)]

use std::sync::OnceLock;

const LAYERS: usize = 256;
/// Start of the tail (the rightmost layer's edge).
const R: f64 = 3.654_152_885_361_009;
/// Area of each layer.
const V: f64 = 4.928_673_233_974_658e-3;
/// Scale of the 24-bit signed value: 2^23.
const M: f64 = 8_388_608.0;

/// The ziggurat's layer tables.
pub struct Tables {
    k: [u32; LAYERS],
    w: [f64; LAYERS],
    f: [f64; LAYERS],
}

fn build_tables() -> Tables {
    {
        let mut t = Tables {
            k: [0; LAYERS],
            w: [0.0; LAYERS],
            f: [0.0; LAYERS],
        };
        let (mut dn, mut tn) = (R, R);
        let q = V / (-0.5 * dn * dn).exp();
        t.k[0] = ((dn / q) * M) as u32;
        t.k[1] = 0;
        t.w[0] = q / M;
        t.w[LAYERS - 1] = dn / M;
        t.f[0] = 1.0;
        t.f[LAYERS - 1] = (-0.5 * dn * dn).exp();
        for i in (1..LAYERS - 1).rev() {
            dn = (-2.0 * (V / dn + (-0.5 * dn * dn).exp()).ln()).sqrt();
            t.k[i + 1] = ((dn / tn) * M) as u32;
            tn = dn;
            t.f[i] = (-0.5 * dn * dn).exp();
            t.w[i] = dn / M;
        }
        t
    }
}

/// A standard normal from the 32 random bits `b` when it falls in its
/// layer's rectangle (about 98.8 % of draws): `(value, true)`; otherwise
/// `(_, false)` and the draw must be finished by [`finish`]. Branch-free,
/// so lanes of draws vectorise.
#[inline(always)]
pub fn fast(t: &Tables, b: u32) -> (f64, bool) {
    let layer = (b & 255) as usize;
    // The upper 24 bits as a signed value.
    let hz = (b as i32) >> 8;
    (f64::from(hz) * t.w[layer], hz.unsigned_abs() < t.k[layer])
}

impl Tables {
    /// The rectangle bounds `k` and layer widths `w` (for the AVX2 draws'
    /// gathers, which read them as arrays).
    #[cfg(target_arch = "x86_64")]
    pub(crate) fn raw(&self) -> (&[u32; LAYERS], &[f64; LAYERS]) {
        (&self.k, &self.w)
    }
}

/// The draw from the 32 bits `b`, taking more bits from `more` when `b`
/// falls outside its layer's rectangle (the tail beyond `R`, or the wedge
/// under the density's curve) or is rejected there.
pub fn finish(t: &Tables, mut b: u32, more: &mut impl FnMut() -> u32) -> f64 {
    loop {
        let layer = (b & 255) as usize;
        let hz = (b as i32) >> 8;
        if hz.unsigned_abs() < t.k[layer] {
            return f64::from(hz) * t.w[layer];
        }
        if let Some(x) = edge(t, more, hz, layer) {
            return x;
        }
        b = more();
    }
}

/// (0, 1]: never 0, so its logarithm is finite.
fn uniform(more: &mut impl FnMut() -> u32) -> f64 {
    (f64::from(more() >> 8) + 1.0) / 16_777_216.0
}

#[cold]
fn edge(t: &Tables, more: &mut impl FnMut() -> u32, hz: i32, layer: usize) -> Option<f64> {
    if layer == 0 {
        loop {
            let x = -uniform(more).ln() / R;
            let y = -uniform(more).ln();
            if y + y >= x * x {
                return Some(if hz > 0 { R + x } else { -R - x });
            }
        }
    }
    let x = f64::from(hz) * t.w[layer];
    let u = uniform(more);
    (t.f[layer] + u * (t.f[layer - 1] - t.f[layer]) < (-0.5 * x * x).exp()).then_some(x)
}

/// The ziggurat tables, built once.
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build_tables)
}

#[cfg(test)]
mod tests {
    use super::super::philox::{key_of, philox4x32_10};
    use super::*;

    /// `n` draws from Philox counters `(i, 0, 0, round)` under key 11.
    fn draws(n: usize) -> Vec<f64> {
        let t = tables();
        let key = key_of(11);
        let mut out = Vec::with_capacity(n);
        for i in 0..n.div_ceil(4) {
            let bits = philox4x32_10([i as u32, 0, 0, 0], key);
            let mut round = 0u32;
            let mut spare: Vec<u32> = Vec::new();
            for b in bits {
                let (z, ok) = fast(t, b);
                out.push(if ok {
                    z
                } else {
                    finish(t, b, &mut || {
                        if spare.is_empty() {
                            round += 1;
                            spare = philox4x32_10([i as u32, 0, 0, round], key).to_vec();
                        }
                        spare.pop().unwrap_or(0)
                    })
                });
            }
        }
        out.truncate(n);
        out
    }

    #[test]
    fn moments_and_tails_are_those_of_a_standard_normal() {
        let n = 2_000_000;
        let (mut s1, mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0, 0.0);
        let (mut beyond2, mut beyond3, mut below_half) = (0usize, 0usize, 0usize);
        let (mut beyond_r, mut rejected) = (0usize, 0usize);
        let t = tables();
        for x in draws(n) {
            s1 += x;
            s2 += x * x;
            s3 += x * x * x;
            s4 += x * x * x * x;
            beyond2 += usize::from(x.abs() > 2.0);
            beyond3 += usize::from(x.abs() > 3.0);
            below_half += usize::from(x < 0.5);
            beyond_r += usize::from(x.abs() > R);
        }
        for i in 0..100_000u32 {
            rejected += usize::from(!fast(t, i.wrapping_mul(2_654_435_761)).1);
        }
        let nf = n as f64;
        // Five standard errors: √(var/n) with var 1, 2, 15, 96.
        assert!((s1 / nf).abs() < 5.0 * (1.0 / nf).sqrt());
        assert!((s2 / nf - 1.0).abs() < 5.0 * (2.0 / nf).sqrt());
        assert!((s3 / nf).abs() < 5.0 * (15.0 / nf).sqrt());
        assert!((s4 / nf - 3.0).abs() < 5.0 * (96.0 / nf).sqrt());
        // Tail and body probabilities, five binomial standard errors; the
        // tail beyond R comes only from the slow path.
        for (count, p) in [
            (beyond2, 0.045_500_26),
            (beyond3, 0.002_699_80),
            (below_half, 0.691_462_46),
            (beyond_r, 0.000_258_03),
        ] {
            let se = (p * (1.0 - p) / nf).sqrt();
            assert!((count as f64 / nf - p).abs() < 5.0 * se, "{count} vs {p}");
        }
        // The fast path takes about 98.5 % of draws (1.49 % fall outside
        // their layer's rectangle, a quarter of them in the top layer).
        assert!((1_300..1_700).contains(&rejected), "{rejected}");
    }
}
