//! Standard normal draws for the reduced-form fan: Marsaglia and Tsang's
//! ziggurat (J. Stat. Softw. 5(8), 2000) with 128 layers, taking 32 random
//! bits a draw (two draws from each 64-bit ChaCha output).
//!
//! The 32 bits split into 7 for the layer and 25 for the signed value, so
//! the layer and the value never share bits (the flaw Doornik, 2005,
//! found in the original, which reused the value's low bits as the layer).
//! The value's resolution is 2^-24 of its layer's width, far below
//! anything a fan can show. Half the random bits of `rand_distr`'s 64-bit
//! ziggurat is what makes it worth having: generating random bits is a
//! third of the fan's time.
// Fixed-size ziggurat tables indexed by a 7-bit layer (0..128) and loop
// bounds below LAYERS: every index is in range by construction.
#![allow(clippy::indexing_slicing)]

use std::sync::OnceLock;

use rand::RngCore;

const LAYERS: usize = 128;
/// Start of the tail (the rightmost layer's edge).
const R: f64 = 3.442_619_855_899;
/// Area of each layer.
const V: f64 = 9.912_563_035_262_17e-3;
/// Scale of the 25-bit signed value: 2^24.
const M: f64 = 16_777_216.0;

struct Tables {
    k: [u32; LAYERS],
    w: [f64; LAYERS],
    f: [f64; LAYERS],
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
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
    })
}

/// A source of standard normals that uses each 64-bit output twice.
#[derive(Clone)]
pub struct Normals {
    spare: Option<u32>,
    t: &'static Tables,
}

impl Default for Normals {
    fn default() -> Self {
        Normals {
            spare: None,
            t: tables(),
        }
    }
}

impl std::fmt::Debug for Normals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normals")
            .field("spare", &self.spare)
            .finish()
    }
}

impl Normals {
    #[inline(always)]
    fn bits<R: RngCore + ?Sized>(&mut self, rng: &mut R) -> u32 {
        match self.spare.take() {
            Some(b) => b,
            None => {
                let u = rng.next_u64();
                self.spare = Some((u >> 32) as u32);
                u as u32
            }
        }
    }

    fn uniform<R: RngCore + ?Sized>(&mut self, rng: &mut R) -> f64 {
        // (0, 1]: never 0, so its logarithm is finite.
        (f64::from(self.bits(rng) >> 8) + 1.0) / 16_777_216.0
    }

    /// One standard normal draw.
    #[cfg(test)]
    #[inline(always)]
    pub fn sample<R: RngCore + ?Sized>(&mut self, rng: &mut R) -> f64 {
        let b = self.bits(rng);
        self.sample_with(b, rng)
    }

    /// Four standard normal draws, from one pair of 64-bit outputs except
    /// in the rare rejections (which draw more).
    #[inline(always)]
    pub fn sample4<R: RngCore + ?Sized>(&mut self, rng: &mut R) -> [f64; 4] {
        let (u, v) = (rng.next_u64(), rng.next_u64());
        [
            self.sample_with(u as u32, rng),
            self.sample_with((u >> 32) as u32, rng),
            self.sample_with(v as u32, rng),
            self.sample_with((v >> 32) as u32, rng),
        ]
    }

    /// A draw from the 32 bits `b`, drawing more from `rng` if rejected.
    #[inline(always)]
    fn sample_with<R: RngCore + ?Sized>(&mut self, mut b: u32, rng: &mut R) -> f64 {
        let t = self.t;
        loop {
            let layer = (b & 127) as usize;
            // The upper 25 bits as a signed value.
            let hz = (b as i32) >> 7;
            if hz.unsigned_abs() < t.k[layer] {
                return f64::from(hz) * t.w[layer];
            }
            if let Some(x) = self.edge(rng, hz, layer) {
                return x;
            }
            b = self.bits(rng);
        }
    }

    /// The rare draws outside a layer's rectangle: the tail beyond `R`, or
    /// the wedge under the density's curve.
    #[cold]
    fn edge<R: RngCore + ?Sized>(&mut self, rng: &mut R, hz: i32, layer: usize) -> Option<f64> {
        let t = self.t;
        if layer == 0 {
            loop {
                let x = -self.uniform(rng).ln() / R;
                let y = -self.uniform(rng).ln();
                if y + y >= x * x {
                    return Some(if hz > 0 { R + x } else { -R - x });
                }
            }
        }
        let x = f64::from(hz) * t.w[layer];
        let u = self.uniform(rng);
        (t.f[layer] + u * (t.f[layer - 1] - t.f[layer]) < (-0.5 * x * x).exp()).then_some(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn moments_and_tails_are_those_of_a_standard_normal() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut z = Normals::default();
        let n = 2_000_000;
        let (mut s1, mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0, 0.0);
        let (mut beyond2, mut beyond3, mut below_half) = (0usize, 0usize, 0usize);
        for _ in 0..n {
            let x = z.sample(&mut rng);
            s1 += x;
            s2 += x * x;
            s3 += x * x * x;
            s4 += x * x * x * x;
            beyond2 += usize::from(x.abs() > 2.0);
            beyond3 += usize::from(x.abs() > 3.0);
            below_half += usize::from(x < 0.5);
        }
        let nf = n as f64;
        // Five standard errors: √(var/n) with var 1, 2, 15, 96.
        assert!((s1 / nf).abs() < 5.0 * (1.0 / nf).sqrt());
        assert!((s2 / nf - 1.0).abs() < 5.0 * (2.0 / nf).sqrt());
        assert!((s3 / nf).abs() < 5.0 * (15.0 / nf).sqrt());
        assert!((s4 / nf - 3.0).abs() < 5.0 * (96.0 / nf).sqrt());
        // Tail and body probabilities, five binomial standard errors.
        for (count, p) in [
            (beyond2, 0.045_500_26),
            (beyond3, 0.002_699_80),
            (below_half, 0.691_462_46),
        ] {
            let se = (p * (1.0 - p) / nf).sqrt();
            assert!((count as f64 / nf - p).abs() < 5.0 * se, "{count} vs {p}");
        }
    }
}
