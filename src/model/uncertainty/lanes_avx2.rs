//! The reduced-form fan's random normals for eight paths at once, written
//! with AVX2 intrinsics: the Philox4x32-10 rounds ([`super::philox`]) on
//! eight 32-bit lanes a register, and the ziggurat's fast path
//! ([`super::normal::fast`]) with its two tables read by gathers.
//!
//! Why by hand: the compiler's vectorisation of the portable lane loops
//! (`philox_lanes`, then `normal::fast` a lane at a time) moved every word
//! between vector and general registers and through the stack, so the
//! normals took half of the fan's CPU. These are the same integer
//! operations and the same IEEE multiplication (a 24-bit integer, exactly
//! converted, times the layer's width), so every draw is identical to the
//! bit to the portable form's (`avx2_normals_equal_the_portable_ones`).
//!
//! Only [`Avx2::detect`] makes an [`Avx2`], and only on a CPU with AVX2, so
//! the intrinsics behind it run only where they exist.

// Lane loops index fixed-size arrays ([u32; LANES], [f64; LANES]) by the
// lane: every index is below the length.
#![allow(clippy::indexing_slicing)]

use std::arch::x86_64::{
    __m256i, _mm256_abs_epi32, _mm256_and_si256, _mm256_blend_epi32, _mm256_castsi256_ps,
    _mm256_castsi256_si128, _mm256_cmpgt_epi32, _mm256_cvtepi32_pd, _mm256_extracti128_si256,
    _mm256_i32gather_epi32, _mm256_i32gather_pd, _mm256_loadu_si256, _mm256_movemask_ps,
    _mm256_mul_epu32, _mm256_mul_pd, _mm256_set1_epi32, _mm256_slli_epi64, _mm256_srai_epi32,
    _mm256_srli_epi64, _mm256_storeu_pd, _mm256_storeu_si256, _mm256_xor_si256,
};

use super::normal::Tables;
use super::philox::{M0, M1, ROUNDS, W0, W1};
use super::reduced::LANES;
use super::shocks::N_SHOCKS;

/// Proof that the CPU has AVX2: the only way to call [`Avx2::lane_normals`].
#[derive(Debug, Clone, Copy)]
pub struct Avx2(());

impl Avx2 {
    /// `Some` on a CPU with AVX2.
    pub fn detect() -> Option<Avx2> {
        std::arch::is_x86_feature_detected!("avx2").then_some(Avx2(()))
    }

    /// As `reduced::lane_normals`' first part: the Philox words of paths
    /// `first..first + 8` in year `t` (round 0) into `bits[word][lane]`,
    /// their fast-path normals into `z[shock][lane]`, and the bit mask of
    /// lanes with a draw outside its layer's rectangle.
    #[inline(always)]
    pub fn lane_normals(
        self,
        tab: &Tables,
        key: [u32; 2],
        first: u64,
        t: usize,
        bits: &mut [[u32; LANES]; 4],
        z: &mut [[f64; LANES]; N_SHOCKS],
    ) -> u32 {
        // SAFETY: `self` exists only on a CPU with AVX2 (`detect`); the
        // loads and stores are of arrays of exactly eight 32-bit words or
        // four doubles, and the gathers read the 256-entry tables at an
        // index masked to 0..=255.
        unsafe { lane_normals_avx2(tab, key, first, t, bits, z) }
    }
}

/// The high and low halves of the eight 32×32-bit products `m · a`.
#[inline(always)]
unsafe fn mulhilo(m: __m256i, a: __m256i) -> (__m256i, __m256i) {
    let even = _mm256_mul_epu32(a, m);
    let odd = _mm256_mul_epu32(_mm256_srli_epi64::<32>(a), m);
    let lo = _mm256_blend_epi32::<0b1010_1010>(even, _mm256_slli_epi64::<32>(odd));
    let hi = _mm256_blend_epi32::<0b1010_1010>(_mm256_srli_epi64::<32>(even), odd);
    (hi, lo)
}

/// Philox4x32-10 on eight counters (`ctr[word]`, a lane a path).
#[inline(always)]
unsafe fn philox8(mut ctr: [__m256i; 4], key: [u32; 2]) -> [__m256i; 4] {
    let (m0, m1) = (_mm256_set1_epi32(M0 as i32), _mm256_set1_epi32(M1 as i32));
    let mut k = key;
    for r in 0..ROUNDS {
        if r > 0 {
            k[0] = k[0].wrapping_add(W0);
            k[1] = k[1].wrapping_add(W1);
        }
        let (hi0, lo0) = mulhilo(m0, ctr[0]);
        let (hi1, lo1) = mulhilo(m1, ctr[2]);
        let k0 = _mm256_set1_epi32(k[0] as i32);
        let k1 = _mm256_set1_epi32(k[1] as i32);
        ctr = [
            _mm256_xor_si256(_mm256_xor_si256(hi1, ctr[1]), k0),
            lo1,
            _mm256_xor_si256(_mm256_xor_si256(hi0, ctr[3]), k1),
            lo0,
        ];
    }
    ctr
}

#[inline(always)]
unsafe fn load8(xs: &[u32; LANES]) -> __m256i {
    _mm256_loadu_si256(xs.as_ptr().cast())
}

#[inline(always)]
unsafe fn lane_normals_avx2(
    tab: &Tables,
    key: [u32; 2],
    first: u64,
    t: usize,
    bits: &mut [[u32; LANES]; 4],
    z: &mut [[f64; LANES]; N_SHOCKS],
) -> u32 {
    let (mut lo, mut hi) = ([0u32; LANES], [0u32; LANES]);
    for l in 0..LANES {
        let p = first + l as u64;
        lo[l] = p as u32;
        hi[l] = (p >> 32) as u32;
    }
    let ctr = [
        load8(&lo),
        load8(&hi),
        _mm256_set1_epi32(t as u32 as i32),
        _mm256_set1_epi32(0),
    ];
    let words = philox8(ctr, key);
    let (k_table, w_table) = tab.raw();
    let mut accepted = 0xFFu32;
    for (w, word) in words.iter().enumerate() {
        _mm256_storeu_si256(bits[w].as_mut_ptr().cast(), *word);
        let layer = _mm256_and_si256(*word, _mm256_set1_epi32(255));
        let hz = _mm256_srai_epi32::<8>(*word);
        let k = _mm256_i32gather_epi32::<4>(k_table.as_ptr().cast(), layer);
        let inside = _mm256_cmpgt_epi32(k, _mm256_abs_epi32(hz));
        accepted &= _mm256_movemask_ps(_mm256_castsi256_ps(inside)) as u32;
        let halves = [
            (_mm256_castsi256_si128(layer), _mm256_castsi256_si128(hz)),
            (
                _mm256_extracti128_si256::<1>(layer),
                _mm256_extracti128_si256::<1>(hz),
            ),
        ];
        for (h, (layer, hz)) in halves.into_iter().enumerate() {
            let width = _mm256_i32gather_pd::<8>(w_table.as_ptr(), layer);
            let x = _mm256_mul_pd(_mm256_cvtepi32_pd(hz), width);
            _mm256_storeu_pd(z[w][4 * h..].as_mut_ptr(), x);
        }
    }
    !accepted & 0xFF
}
