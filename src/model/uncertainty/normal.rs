//! Standard normal draws for the reduced-form fan: the Box-Muller transform
//! (Box and Muller, "A note on the generation of random normal deviates",
//! Ann. Math. Statist. 29(2), 1958) on pairs of 32-bit random words, two
//! normals a pair, with no rejection, no table and no branch, so that lanes
//! of paths vectorise (eight in a 256-bit register).
//!
//! For words `u` and `v`: `U = (⌊u/2⌋ + ½)·2^-31` in (0, 1], `φ = 2π·v/2^32`,
//! `r = √(−2 ln U)`, and the normals are `r cos φ` and `r sin φ`.
//!
//! In single precision, with our own polynomials (not the platform's
//! `ln`, `sin` and `cos`), so that every machine and every build (portable
//! or AVX2) does the same IEEE operations in the same order and gets the
//! same bits:
//!
//! - `ln U`: `U = m·2^e` with `m` in [√½, √2), and `ln m = 2 atanh s` with
//!   `s = (m − 1)/(m + 1)`, |s| ≤ 0.172, by its series to `s⁹/9` (the next
//!   term is below 2.3e-9 of the value);
//! - `sin` and `cos` of `φ`: the top three bits of `v` pick the octant, the
//!   next 24 the angle `a` within ±π/4 of a multiple of π/2 (exact), and
//!   Taylor series to `a⁹` and `a¹⁰` (remainders below 2e-9) give `sin a`
//!   and `cos a`, turned to the quadrant by swapping and signs.
//!
//! Measured against double precision on the same words (tests): `−2 ln U`
//! within 1.5e-7 of its value (absolutely below 1), `sin` and `cos` within
//! 1.5e-7, and the normals within 3e-7 (of the value, above 1) wherever the
//! radius `r` is at least 0.1; below, rounding `U` near 1 to single
//! precision leaves `r` within about 1e-7 / (2r): 3e-6 for `r` in 0.01 to
//! 0.1 (one draw in 200) and 2e-5 below (one in 20,000). The ziggurat of
//! method version 3 resolved 2^-23 of its layer's width. The largest
//! normal the words can give is √(64 ln 2) ≈ 6.66: the chance of a
//! standard normal beyond it is 2.7e-11, about one draw in the 2·10^10 of
//! the largest fan.

/// 2^-31.
pub(crate) const TWO_M31: f32 = 1.0 / 2_147_483_648.0;
/// √2, the upper end of the mantissa's range.
pub(crate) const SQRT_2: f32 = std::f32::consts::SQRT_2;
/// ln 2.
pub(crate) const LN_2: f32 = std::f32::consts::LN_2;
/// π/4 over 2^24: the angle of one step of the 24 bits within an octant.
pub(crate) const STEP: f32 = std::f32::consts::FRAC_PI_4 / 16_777_216.0;
/// The atanh series' coefficients: 1/3, 1/5, 1/7, 1/9.
pub(crate) const ATANH: [f32; 4] = [1.0 / 3.0, 1.0 / 5.0, 1.0 / 7.0, 1.0 / 9.0];
/// Taylor coefficients of `sin a / a` after 1: −1/3!, 1/5!, −1/7!, 1/9!.
pub(crate) const SIN: [f32; 4] = [-1.0 / 6.0, 1.0 / 120.0, -1.0 / 5_040.0, 1.0 / 362_880.0];
/// Taylor coefficients of `cos a` after 1: −1/2!, 1/4!, −1/6!, 1/8!, −1/10!.
pub(crate) const COS: [f32; 5] = [
    -0.5,
    1.0 / 24.0,
    -1.0 / 720.0,
    1.0 / 40_320.0,
    -1.0 / 3_628_800.0,
];

// The AVX2 form (`lanes_avx2`) does these operations in this order, so
// each step is written out as one IEEE operation.

/// `−2 ln U` for `U = (⌊u/2⌋ + ½)·2^-31`, in (0, 1]: from 0 (at `U = 1`)
/// to 44.4 (at `U = 2^-32`).
#[inline(always)]
pub fn neg2_ln_uniform(u: u32) -> f32 {
    // Below 2^31, so the conversion from a signed integer (a vector
    // instruction) is the unsigned one; correctly rounded from 2^24 on.
    let uniform = (((u >> 1) as i32) as f32 + 0.5) * TWO_M31;
    let bits = uniform.to_bits();
    // A normal number in (0, 1]: the exponent is its biased field less 127.
    let exponent = ((bits >> 23) as i32) - 127;
    let mantissa = f32::from_bits((bits & 0x007F_FFFF) | 0x3F80_0000);
    let high = mantissa > SQRT_2;
    let m = if high { mantissa * 0.5 } else { mantissa };
    let e = (exponent + i32::from(high)) as f32;
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let s2 = s * s;
    let mut series = s2 * ATANH[3];
    for c in [ATANH[2], ATANH[1], ATANH[0]] {
        series = s2 * (c + series);
    }
    let ln = e * LN_2 + 2.0 * s * (1.0 + series);
    -2.0 * ln
}

/// `(cos φ, sin φ)` for `φ = 2π·v/2^32` (to 2^-27 of a turn).
#[inline(always)]
pub fn cos_sin_turn(v: u32) -> (f32, f32) {
    let octant = (v >> 29) as i32;
    // The nearest multiple of π/2 below or above: 0 to 4 (4 is 0 again).
    let quadrant = (octant + 1) >> 1;
    let steps = ((octant - 2 * quadrant) << 24) + ((v >> 5) & 0x00FF_FFFF) as i32;
    // |steps| ≤ 2^24: exact in single precision.
    let a = steps as f32 * STEP;
    let a2 = a * a;
    let mut sin = a2 * SIN[3];
    for c in [SIN[2], SIN[1], SIN[0]] {
        sin = a2 * (c + sin);
    }
    let sin = a * (1.0 + sin);
    let mut cos = a2 * COS[4];
    for c in [COS[3], COS[2], COS[1], COS[0]] {
        cos = a2 * (c + cos);
    }
    let cos = 1.0 + cos;
    // Quadrant q turns (cos a, sin a) by q·π/2: odd quadrants swap the two,
    // quadrants 1 and 2 negate the cosine, 2 and 3 the sine.
    let odd = quadrant & 1 == 1;
    let (c, s) = if odd { (sin, cos) } else { (cos, sin) };
    let cos_sign = (((quadrant + 1) & 2) as u32) << 30;
    let sin_sign = ((quadrant & 2) as u32) << 30;
    (
        f32::from_bits(c.to_bits() ^ cos_sign),
        f32::from_bits(s.to_bits() ^ sin_sign),
    )
}

/// The two standard normals of the words `u` and `v`.
#[inline(always)]
pub fn pair(u: u32, v: u32) -> (f64, f64) {
    let r = neg2_ln_uniform(u).sqrt();
    let (c, s) = cos_sin_turn(v);
    (f64::from(r * c), f64::from(r * s))
}

#[cfg(test)]
mod tests {
    use super::super::philox::{key_of, philox4x32_10};
    use super::*;

    /// `n` draws from Philox counters `(i, 0, 0, 0)` under key 11.
    fn draws(n: usize) -> Vec<f64> {
        let key = key_of(11);
        let mut out = Vec::with_capacity(n);
        for i in 0..n.div_ceil(4) {
            let w = philox4x32_10([i as u32, 0, 0, 0], key);
            for (u, v) in [(w[0], w[1]), (w[2], w[3])] {
                let (a, b) = pair(u, v);
                out.extend([a, b]);
            }
        }
        out.truncate(n);
        out
    }

    #[test]
    fn moments_and_tails_are_those_of_a_standard_normal() {
        let n = 2_000_000;
        let (mut s1, mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0, 0.0);
        let (mut beyond2, mut beyond3, mut beyond4, mut below_half) = (0, 0, 0, 0);
        for x in draws(n) {
            s1 += x;
            s2 += x * x;
            s3 += x * x * x;
            s4 += x * x * x * x;
            beyond2 += usize::from(x.abs() > 2.0);
            beyond3 += usize::from(x.abs() > 3.0);
            beyond4 += usize::from(x.abs() > 4.0);
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
            (beyond4, 0.000_063_34),
            (below_half, 0.691_462_46),
        ] {
            let se = (p * (1.0 - p) / nf).sqrt();
            assert!((count as f64 / nf - p).abs() < 5.0 * se, "{count} vs {p}");
        }
    }

    #[test]
    fn the_logarithm_is_within_single_precision_of_the_double() {
        // Every 2^-12 of the range, the extremes and the words near √2
        // mantissas and powers of two.
        let words = (0..=1u64 << 20)
            .map(|i| (i << 12) as u32)
            .chain([0, 1, 2, 3, u32::MAX, u32::MAX - 1, 1 << 31, (1 << 31) - 1])
            .chain((0..32).flat_map(|b| {
                let p = 1u64 << b;
                [p, p + 1, p.saturating_sub(1)].map(|x| x.min(u64::from(u32::MAX)) as u32)
            }));
        let mut worst = 0.0f64;
        for u in words {
            let uniform = ((u >> 1) as f64 + 0.5) / 2_147_483_648.0;
            let exact = -2.0 * uniform.ln();
            let ours = f64::from(neg2_ln_uniform(u));
            // Relative above 1; absolute below, where rounding U (near 1)
            // to single precision dominates.
            let err = (ours - exact).abs() / exact.max(1.0);
            worst = worst.max(err);
        }
        assert!(worst < 1.5e-7, "{worst}");
        assert_eq!(neg2_ln_uniform(u32::MAX), 0.0);
        let largest = f64::from(neg2_ln_uniform(0));
        assert!(
            (largest - 64.0 * std::f64::consts::LN_2).abs() < 1e-5,
            "{largest}"
        );
    }

    #[test]
    fn cosine_and_sine_are_within_single_precision_of_the_double() {
        let mut worst = 0.0f64;
        for i in 0..=1u64 << 20 {
            // Every 2^12-th word, and its neighbours at the octant edges.
            for v in [(i << 12) as u32, ((i << 12) as u32).wrapping_sub(1)] {
                let phi = std::f64::consts::TAU * f64::from(v >> 5) / 134_217_728.0;
                let (c, s) = cos_sin_turn(v);
                worst = worst
                    .max((f64::from(c) - phi.cos()).abs())
                    .max((f64::from(s) - phi.sin()).abs());
            }
        }
        assert!(worst < 1.5e-7, "{worst}");
        assert_eq!(cos_sin_turn(0), (1.0, 0.0));
    }

    /// The pair against Box-Muller in double precision on the same words:
    /// the error is single precision's, except for the radii near zero,
    /// where rounding `U` (near 1) to single precision leaves `−2 ln U`
    /// within about 1e-7 and so the radius within about 1e-7 / (2r).
    #[test]
    fn pairs_are_the_double_precision_transform_to_single_precision() {
        let key = key_of(3);
        // Worst error by radius: below 0.01, 0.01 to 0.1, from 0.1 (the
        // last relative to the radius where it exceeds 1).
        let mut worst = [0.0f64; 3];
        for i in 0..1_000_000u32 {
            let w = philox4x32_10([i, 7, 0, 0], key);
            let uniform = ((w[0] >> 1) as f64 + 0.5) / 2_147_483_648.0;
            let r = (-2.0 * uniform.ln()).sqrt();
            let phi = std::f64::consts::TAU * f64::from(w[1] >> 5) / 134_217_728.0;
            let (a, b) = pair(w[0], w[1]);
            let err = (a - r * phi.cos()).abs().max((b - r * phi.sin()).abs());
            let band = usize::from(r >= 0.01) + usize::from(r >= 0.1);
            worst[band] = worst[band].max(err / r.max(1.0));
        }
        // Measured: 2.9e-7, 2.8e-6 and 2.0e-5.
        assert!(worst[2] < 5e-7, "{worst:?}");
        assert!(worst[1] < 5e-6, "{worst:?}");
        assert!(worst[0] < 5e-5, "{worst:?}");
    }
}
