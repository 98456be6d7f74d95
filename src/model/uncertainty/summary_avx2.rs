//! One pass of the histograms' work over a variable's values, written with
//! AVX2 intrinsics: each value's bin and the running extremes, four values
//! a register. The portable form (`summary::bins_and_extremes_portable`)
//! reads the values three times and converts each bin with a floor, an
//! addition and two shuffles; here one load serves all three and
//! the bin is one truncating conversion (`vcvttpd2dq`), which equals the
//! floor because the value is clamped to `0..=BINS − 1` first.
//!
//! The same numbers to the bit: the bins are the same integers; the
//! extremes are kept in the same eight lanes (value `j` in lane `j mod 8`,
//! the last `len mod 8` values in lane 0) with the same comparison
//! (`vminpd(x, m)` is `x < m ? x : m`, the portable form's select), so
//! NaN and signed zeros come out alike (`bins_and_extremes_equal_the_portable_ones`).

// Loops index fixed-size arrays (two halves of eight lanes, three
// thresholds) and slices cut first to the shorter of the two they walk:
// every index is below the length.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

use std::arch::x86_64::{
    __m256i, _mm256_castpd_si256, _mm256_cmp_pd, _mm256_cvttpd_epi32, _mm256_loadu_pd,
    _mm256_max_pd, _mm256_min_pd, _mm256_mul_pd, _mm256_set1_pd, _mm256_setzero_si256,
    _mm256_storeu_pd, _mm256_storeu_si256, _mm256_sub_epi64, _mm256_sub_pd, _mm_storeu_si128,
    _CMP_GT_OQ,
};

use super::lanes_avx2::Avx2;
use super::summary::{bin_of, ExtremeLanes, BINS, EXTREME_LANES};

impl Avx2 {
    /// `summary::bins_and_extremes_portable` in one pass: the bin of each
    /// of `xs` into `idx`, and the extremes' lanes moved on over `xs`.
    /// Only the first `idx.len()` of `xs` are read if `idx` is shorter.
    #[inline(always)]
    pub fn bins_and_extremes(
        self,
        xs: &[f64],
        (lo, inv): (f64, f64),
        idx: &mut [u32],
        (lo_lanes, hi_lanes): &mut ExtremeLanes,
    ) {
        let n = xs.len().min(idx.len());
        let (xs, idx) = (&xs[..n], &mut idx[..n]);
        let whole = n / EXTREME_LANES * EXTREME_LANES;
        // SAFETY: `self` exists only on a CPU with AVX2 (`Avx2::detect`);
        // the loads read `xs[j..j + 8]` with `j + 8 ≤ whole ≤ xs.len()`,
        // the stores write four words at `idx[j]` and `idx[j + 4]` with
        // `j + 8 ≤ idx.len()`, and the lanes' loads and stores are of
        // arrays of eight doubles at 0 and 4.
        unsafe {
            let (vlo, vinv) = (_mm256_set1_pd(lo), _mm256_set1_pd(inv));
            let (zero, top) = (_mm256_set1_pd(0.0), _mm256_set1_pd((BINS - 1) as f64));
            let mut mn = [
                _mm256_loadu_pd(lo_lanes.as_ptr()),
                _mm256_loadu_pd(lo_lanes[4..].as_ptr()),
            ];
            let mut mx = [
                _mm256_loadu_pd(hi_lanes.as_ptr()),
                _mm256_loadu_pd(hi_lanes[4..].as_ptr()),
            ];
            for j in (0..whole).step_by(EXTREME_LANES) {
                for h in 0..2 {
                    let x = _mm256_loadu_pd(xs.as_ptr().add(j + 4 * h));
                    mn[h] = _mm256_min_pd(x, mn[h]);
                    mx[h] = _mm256_max_pd(x, mx[h]);
                    let scaled = _mm256_mul_pd(_mm256_sub_pd(x, vlo), vinv);
                    let clamped = _mm256_min_pd(_mm256_max_pd(scaled, zero), top);
                    _mm_storeu_si128(
                        idx.as_mut_ptr().add(j + 4 * h).cast(),
                        _mm256_cvttpd_epi32(clamped),
                    );
                }
            }
            _mm256_storeu_pd(lo_lanes.as_mut_ptr(), mn[0]);
            _mm256_storeu_pd(lo_lanes[4..].as_mut_ptr(), mn[1]);
            _mm256_storeu_pd(hi_lanes.as_mut_ptr(), mx[0]);
            _mm256_storeu_pd(hi_lanes[4..].as_mut_ptr(), mx[1]);
        }
        for (i, &x) in idx[whole..].iter_mut().zip(&xs[whole..]) {
            *i = bin_of((x - lo) * inv);
            lo_lanes[0] = if x < lo_lanes[0] { x } else { lo_lanes[0] };
            hi_lanes[0] = if x > hi_lanes[0] { x } else { hi_lanes[0] };
        }
    }

    /// `summary::threshold_counts_portable` in one pass: each
    /// path's running maximum of `psnd` moved on (set to the value in year
    /// 0), and how many of `psnd` and of the running maxima are above each
    /// threshold. The same integers as the portable passes (a comparison
    /// is `>`, false for NaN, and the running maximum keeps the old value
    /// unless the new one is greater, as `vmaxpd(v, m)` does).
    #[inline(always)]
    pub fn threshold_counts(
        self,
        first_year: bool,
        psnd: &[f64],
        running_max: &mut [f64],
        thresholds: [f64; 3],
    ) -> ([u64; 3], [u64; 3]) {
        let n = psnd.len().min(running_max.len());
        let whole = n / 4 * 4;
        let mut in_year = [0u64; 3];
        let mut by_year = [0u64; 3];
        // SAFETY: `self` exists only on a CPU with AVX2 (`Avx2::detect`);
        // the loads and stores are of four doubles at `j` with
        // `j + 4 ≤ whole ≤` both slices' lengths, and the counts' stores of
        // four 64-bit words into arrays of four.
        unsafe {
            let th = thresholds.map(|x| _mm256_set1_pd(x));
            let mut acc_in: [__m256i; 3] = [_mm256_setzero_si256(); 3];
            let mut acc_by: [__m256i; 3] = [_mm256_setzero_si256(); 3];
            for j in (0..whole).step_by(4) {
                let v = _mm256_loadu_pd(psnd.as_ptr().add(j));
                let m = if first_year {
                    v
                } else {
                    _mm256_max_pd(v, _mm256_loadu_pd(running_max.as_ptr().add(j)))
                };
                _mm256_storeu_pd(running_max.as_mut_ptr().add(j), m);
                for k in 0..3 {
                    // A comparison's lane is all ones (−1) where true.
                    let above = _mm256_castpd_si256(_mm256_cmp_pd::<_CMP_GT_OQ>(v, th[k]));
                    acc_in[k] = _mm256_sub_epi64(acc_in[k], above);
                    let above = _mm256_castpd_si256(_mm256_cmp_pd::<_CMP_GT_OQ>(m, th[k]));
                    acc_by[k] = _mm256_sub_epi64(acc_by[k], above);
                }
            }
            for k in 0..3 {
                let mut lanes = [0u64; 4];
                _mm256_storeu_si256(lanes.as_mut_ptr().cast(), acc_in[k]);
                in_year[k] = lanes.iter().sum();
                _mm256_storeu_si256(lanes.as_mut_ptr().cast(), acc_by[k]);
                by_year[k] = lanes.iter().sum();
            }
        }
        for (m, &v) in running_max[whole..n].iter_mut().zip(&psnd[whole..n]) {
            *m = if first_year || v > *m { v } else { *m };
            for k in 0..3 {
                in_year[k] += u64::from(v > thresholds[k]);
                by_year[k] += u64::from(*m > thresholds[k]);
            }
        }
        (in_year, by_year)
    }
}

#[cfg(test)]
mod tests {
    use super::super::summary::{
        bins_and_extremes_portable, threshold_counts_portable, THRESHOLDS_PCT_GDP,
    };
    use super::*;

    /// Values that test the edges: NaN, infinities, signed zeros, values
    /// at and either side of the thresholds and the range's ends, and a
    /// spread of ordinary ones.
    fn awkward(n: usize) -> Vec<f64> {
        let special = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            100.0,
            150.0,
            200.0,
            100.0 + 1e-13,
            200.0 - 1e-13,
            -40.0,
            1e300,
        ];
        (0..n)
            .map(|i| match i % 7 {
                0 => special[(i / 7) % special.len()],
                _ => ((i * 7919) % 997) as f64 * 0.37 - 30.0,
            })
            .collect()
    }

    #[test]
    fn bins_and_extremes_equal_the_portable_ones() {
        let Some(avx2) = Avx2::detect() else {
            return;
        };
        let range = (-10.0, 4096.0 / 400.0);
        for n in [0, 1, 7, 8, 9, 255, 256, 257, 300] {
            for start in [0, 3, 12] {
                let xs = &awkward(n + start)[start..];
                let mut idx = vec![0u32; n];
                let mut lanes = ([f64::INFINITY; 8], [f64::NEG_INFINITY; 8]);
                avx2.bins_and_extremes(xs, range, &mut idx, &mut lanes);
                let (lo, inv) = range;
                let bins: Vec<u32> = xs.iter().map(|&x| bin_of((x - lo) * inv)).collect();
                assert_eq!(idx, bins, "n {n} from {start}");
                // The portable form's lanes.
                let mut want = ([f64::INFINITY; 8], [f64::NEG_INFINITY; 8]);
                bins_and_extremes_portable(xs, range, &mut vec![0u32; n], &mut want);
                assert_eq!(lanes.0.map(f64::to_bits), want.0.map(f64::to_bits));
                assert_eq!(lanes.1.map(f64::to_bits), want.1.map(f64::to_bits));
            }
        }
    }

    #[test]
    fn threshold_counts_equal_the_portable_ones() {
        let Some(avx2) = Avx2::detect() else {
            return;
        };
        for n in [0, 1, 3, 4, 5, 64, 511, 512] {
            let psnd = awkward(n);
            let before: Vec<f64> = awkward(n + 5)[5..].to_vec();
            for first_year in [true, false] {
                let mut m = before.clone();
                let (i, b) = avx2.threshold_counts(first_year, &psnd, &mut m, THRESHOLDS_PCT_GDP);
                let mut want_m = before.clone();
                threshold_counts_portable(first_year, &psnd, &mut want_m);
                let count = |xs: &[f64], th: f64| xs.iter().filter(|&&v| v > th).count() as u64;
                assert_eq!(
                    m.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                    want_m.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                    "n {n}"
                );
                assert_eq!(i, THRESHOLDS_PCT_GDP.map(|th| count(&psnd, th)), "n {n}");
                assert_eq!(b, THRESHOLDS_PCT_GDP.map(|th| count(&want_m, th)), "n {n}");
            }
        }
    }
}
