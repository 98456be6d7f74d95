//! The reduced-form fan's normals for eight paths at once, written with
//! AVX2 intrinsics: the xoshiro128** steps of their streams
//! ([`super::stream`]) on eight 32-bit lanes a register, then the
//! single-precision Box-Muller transform ([`super::normal`]) on eight
//! lanes a register.
//!
//! Why by hand: the compiler's vectorisation of the portable lane loops
//! moved the words between vector and general registers and through the
//! stack, and did the transform four lanes at a time. These are the same
//! integer operations and the same IEEE single-precision operations in the
//! same order (no fused multiply-add), so every normal is the portable
//! form's to the bit (`avx2_normals_equal_the_portable_ones`).
//!
//! Only [`Avx2::detect`] makes an [`Avx2`], and only on a CPU with AVX2, so
//! the intrinsics behind it run only where they exist.

// Lane loops index fixed-size arrays ([u32; LANES], [f64; LANES]) by the
// lane or by a half of them: every index is below the length.
#![allow(clippy::indexing_slicing)]

use std::arch::x86_64::{
    __m256, __m256i, _mm256_add_epi32, _mm256_add_ps, _mm256_and_si256, _mm256_blendv_ps,
    _mm256_castps256_ps128, _mm256_castps_si256, _mm256_castsi256_ps, _mm256_cmp_ps,
    _mm256_cmpeq_epi32, _mm256_cvtepi32_ps, _mm256_cvtps_pd, _mm256_div_ps, _mm256_extractf128_ps,
    _mm256_loadu_si256, _mm256_mul_ps, _mm256_mullo_epi32, _mm256_or_si256, _mm256_set1_epi32,
    _mm256_set1_ps, _mm256_slli_epi32, _mm256_sqrt_ps, _mm256_srai_epi32, _mm256_srli_epi32,
    _mm256_storeu_pd, _mm256_storeu_si256, _mm256_sub_epi32, _mm256_sub_ps, _mm256_xor_ps,
    _mm256_xor_si256, _CMP_GT_OQ,
};

use super::normal::{ATANH, COS, LN_2, SIN, SQRT_2, STEP, TWO_M31};
use super::reduced::LANES;
use super::shocks::N_SHOCKS;
use super::stream::LaneStates;

/// Proof that the CPU has AVX2: the only way to call its methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Avx2(());

impl Avx2 {
    /// `Some` on a CPU with AVX2.
    pub fn detect() -> Option<Avx2> {
        std::arch::is_x86_feature_detected!("avx2").then_some(Avx2(()))
    }

    /// The next shocked year's four normals of the eight paths whose
    /// streams are `s`, as `reduced`'s portable lanes: `z[shock][lane]`,
    /// shocks 0 and 1 from the streams' next two words, 2 and 3 from the
    /// two after.
    #[inline(always)]
    pub fn normals(self, s: &mut LaneStates<LANES>, z: &mut [[f64; LANES]; N_SHOCKS]) {
        // SAFETY: `self` exists only on a CPU with AVX2 (`detect`); the
        // states' loads and stores are of arrays of exactly eight 32-bit
        // words, and the normals' stores of four doubles each into rows of
        // eight, at 0 and 4.
        unsafe {
            let mut st = [
                _mm256_loadu_si256(s[0].as_ptr().cast()),
                _mm256_loadu_si256(s[1].as_ptr().cast()),
                _mm256_loadu_si256(s[2].as_ptr().cast()),
                _mm256_loadu_si256(s[3].as_ptr().cast()),
            ];
            let w = [
                xoshiro8(&mut st),
                xoshiro8(&mut st),
                xoshiro8(&mut st),
                xoshiro8(&mut st),
            ];
            for (dst, word) in s.iter_mut().zip(st) {
                _mm256_storeu_si256(dst.as_mut_ptr().cast(), word);
            }
            for pair in 0..N_SHOCKS / 2 {
                let (cos_z, sin_z) = box_muller8(w[2 * pair], w[2 * pair + 1]);
                for (k, x) in [(2 * pair, cos_z), (2 * pair + 1, sin_z)] {
                    _mm256_storeu_pd(
                        z[k].as_mut_ptr(),
                        _mm256_cvtps_pd(_mm256_castps256_ps128(x)),
                    );
                    _mm256_storeu_pd(
                        z[k][4..].as_mut_ptr(),
                        _mm256_cvtps_pd(_mm256_extractf128_ps::<1>(x)),
                    );
                }
            }
        }
    }
}

/// `x` rotated left by `L` bits (`R` = 32 − `L`).
#[inline(always)]
unsafe fn rotl<const L: i32, const R: i32>(x: __m256i) -> __m256i {
    _mm256_or_si256(_mm256_slli_epi32::<L>(x), _mm256_srli_epi32::<R>(x))
}

/// `stream::next_lanes` on eight lanes: the next word of each, and the
/// states moved on.
#[inline(always)]
unsafe fn xoshiro8(s: &mut [__m256i; 4]) -> __m256i {
    let out = _mm256_mullo_epi32(
        rotl::<7, 25>(_mm256_mullo_epi32(s[1], _mm256_set1_epi32(5))),
        _mm256_set1_epi32(9),
    );
    let t = _mm256_slli_epi32::<9>(s[1]);
    s[2] = _mm256_xor_si256(s[2], s[0]);
    s[3] = _mm256_xor_si256(s[3], s[1]);
    s[1] = _mm256_xor_si256(s[1], s[2]);
    s[0] = _mm256_xor_si256(s[0], s[3]);
    s[2] = _mm256_xor_si256(s[2], t);
    s[3] = rotl::<11, 21>(s[3]);
    out
}

/// One step of a series, `x · (c + acc)`: the portable form's
/// `s2 * (c + series)`.
#[inline(always)]
unsafe fn horner(x: __m256, acc: __m256, c: f32) -> __m256 {
    _mm256_mul_ps(x, _mm256_add_ps(_mm256_set1_ps(c), acc))
}

/// `normal::neg2_ln_uniform` on eight lanes.
#[inline(always)]
unsafe fn neg2_ln_uniform8(u: __m256i) -> __m256 {
    let half = _mm256_set1_ps(0.5);
    let one = _mm256_set1_ps(1.0);
    let uniform = _mm256_mul_ps(
        _mm256_add_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32::<1>(u)), half),
        _mm256_set1_ps(TWO_M31),
    );
    let bits = _mm256_castps_si256(uniform);
    let exponent = _mm256_sub_epi32(_mm256_srli_epi32::<23>(bits), _mm256_set1_epi32(127));
    let mantissa = _mm256_castsi256_ps(_mm256_or_si256(
        _mm256_and_si256(bits, _mm256_set1_epi32(0x007F_FFFF)),
        _mm256_set1_epi32(0x3F80_0000),
    ));
    let high = _mm256_cmp_ps::<_CMP_GT_OQ>(mantissa, _mm256_set1_ps(SQRT_2));
    let m = _mm256_blendv_ps(mantissa, _mm256_mul_ps(mantissa, half), high);
    // The mask is −1 where high: subtracting it adds one.
    let e = _mm256_cvtepi32_ps(_mm256_sub_epi32(exponent, _mm256_castps_si256(high)));
    let f = _mm256_sub_ps(m, one);
    let s = _mm256_div_ps(f, _mm256_add_ps(_mm256_set1_ps(2.0), f));
    let s2 = _mm256_mul_ps(s, s);
    let mut series = _mm256_mul_ps(s2, _mm256_set1_ps(ATANH[3]));
    for c in [ATANH[2], ATANH[1], ATANH[0]] {
        series = horner(s2, series, c);
    }
    let ln = _mm256_add_ps(
        _mm256_mul_ps(e, _mm256_set1_ps(LN_2)),
        _mm256_mul_ps(
            _mm256_mul_ps(_mm256_set1_ps(2.0), s),
            _mm256_add_ps(one, series),
        ),
    );
    _mm256_mul_ps(_mm256_set1_ps(-2.0), ln)
}

/// `normal::cos_sin_turn` on eight lanes.
#[inline(always)]
unsafe fn cos_sin_turn8(v: __m256i) -> (__m256, __m256) {
    let one = _mm256_set1_epi32(1);
    let two = _mm256_set1_epi32(2);
    let octant = _mm256_srli_epi32::<29>(v);
    let quadrant = _mm256_srai_epi32::<1>(_mm256_add_epi32(octant, one));
    let steps = _mm256_add_epi32(
        _mm256_slli_epi32::<24>(_mm256_sub_epi32(octant, _mm256_slli_epi32::<1>(quadrant))),
        _mm256_and_si256(_mm256_srli_epi32::<5>(v), _mm256_set1_epi32(0x00FF_FFFF)),
    );
    let a = _mm256_mul_ps(_mm256_cvtepi32_ps(steps), _mm256_set1_ps(STEP));
    let a2 = _mm256_mul_ps(a, a);
    let mut sin = _mm256_mul_ps(a2, _mm256_set1_ps(SIN[3]));
    for c in [SIN[2], SIN[1], SIN[0]] {
        sin = horner(a2, sin, c);
    }
    let sin = _mm256_mul_ps(a, _mm256_add_ps(_mm256_set1_ps(1.0), sin));
    let mut cos = _mm256_mul_ps(a2, _mm256_set1_ps(COS[4]));
    for c in [COS[3], COS[2], COS[1], COS[0]] {
        cos = horner(a2, cos, c);
    }
    let cos = _mm256_add_ps(_mm256_set1_ps(1.0), cos);
    let odd = _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(quadrant, one), one));
    let c = _mm256_blendv_ps(cos, sin, odd);
    let s = _mm256_blendv_ps(sin, cos, odd);
    let cos_sign = _mm256_slli_epi32::<30>(_mm256_and_si256(_mm256_add_epi32(quadrant, one), two));
    let sin_sign = _mm256_slli_epi32::<30>(_mm256_and_si256(quadrant, two));
    (
        _mm256_xor_ps(c, _mm256_castsi256_ps(cos_sign)),
        _mm256_xor_ps(s, _mm256_castsi256_ps(sin_sign)),
    )
}

/// `normal::pair` on eight lanes, in single precision: `(r cos φ, r sin φ)`.
#[inline(always)]
unsafe fn box_muller8(u: __m256i, v: __m256i) -> (__m256, __m256) {
    let r = _mm256_sqrt_ps(neg2_ln_uniform8(u));
    let (c, s) = cos_sin_turn8(v);
    (_mm256_mul_ps(r, c), _mm256_mul_ps(r, s))
}
