//! Streaming summaries of many paths: percentiles by year, threshold
//! probabilities and the chance that debt falls over the final decade.
//!
//! Two accumulators share one interface ([`YearSink`]):
//!
//! - [`Histogram`] (reduced form, any number of paths): per variable and
//!   year a histogram of [`BINS`] equal bins over a range fixed in advance
//!   from a pilot block (the pilot's 1st to 99th percentiles, widened by
//!   [`MARGIN`] of that span each side), plus the exact minimum and
//!   maximum. Counts go first to 16-bit counters (24 KB a year for the
//!   three variables, so one year's histograms sit in the L1 cache while a
//!   block of paths passes through it; 1.2 MB for 51 years), which are
//!   added to 32-bit totals before they could overflow. A percentile is
//!   interpolated within the bin holding the order statistic at its rank,
//!   so it is within that bin's width of it (reported as `resolution_pp`,
//!   the widest such bin of the seven percentiles; an edge bin reaches to
//!   the exact extreme), and clamped to the exact extremes, so a path set
//!   without spread gives its value exactly. Counts are integers, so the
//!   result does not depend on how paths were split between threads.
//! - [`Exact`] (the full model's few thousand paths, and the pilot): keeps
//!   every value and sorts.
//!
//! Threshold probabilities and the final-decade test are exact counts in
//! both. Percentiles use the linear definition (numpy's default): the value
//! at rank `(n − 1)·p/100` of the sorted sample.

// Per-year histograms and percentile rows are fixed-size arrays built to the
// horizon's length before any path runs: every index is in range.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

/// Percentiles reported, %.
pub const PERCENTILES: [f64; 7] = [5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0];
/// PSND thresholds whose exceedance probability is reported, % of GDP.
pub const THRESHOLDS_PCT_GDP: [f64; 3] = [100.0, 150.0, 200.0];
/// Histogram bins per variable and year.
pub const BINS: usize = 4_096;
/// Margin of the histogram range beyond the pilot's 1st and 99th
/// percentiles, as a share of their distance, each side.
pub const MARGIN: f64 = 1.0 / 16.0;
/// Variables summarised.
pub const N_VARS: usize = 3;
/// Their names, in order.
pub const VAR_NAMES: [&str; N_VARS] = ["psnd_pct_gdp", "psnb_pct_gdp", "interest_pct_gdp"];
/// Years over which "debt is falling in the final decade" is judged.
pub const FINAL_DECADE_YEARS: usize = 10;

/// Something that takes the values of blocks of paths, one year at a time:
/// [`YearSink::begin_block`], then for each year in order from 0 the
/// block's paths in order, in one or more parts.
pub trait YearSink {
    /// A block of `n` paths begins.
    fn begin_block(&mut self, n: usize);
    /// Values in year `t` of the block's paths `offset..offset + psnd.len()`:
    /// PSND, PSNB and interest, % of GDP.
    fn year(&mut self, t: usize, offset: usize, psnd: &[f64], psnb: &[f64], interest: &[f64]);
}

/// Exact counts kept by both accumulators.
#[derive(Debug, Clone, PartialEq)]
struct Counts {
    n_years: usize,
    /// Paths seen (counted in year 0).
    paths: u64,
    /// Per year and threshold: paths with PSND above it in that year.
    above_in_year: Vec<[u64; 3]>,
    /// Per year and threshold: paths above it in that year or any earlier.
    above_by_year: Vec<[u64; 3]>,
    /// Paths with PSND lower in the final year than ten years before.
    falling_final_decade: u64,
    // Per-path state of the current block, by the path's offset in it.
    running_max: Vec<f64>,
    decade_start: Vec<f64>,
    /// AVX2, when the CPU has it: the counts, and a histogram's bins and
    /// extremes, each in one pass over the values (`summary_avx2`).
    #[cfg(target_arch = "x86_64")]
    avx2: Option<super::lanes_avx2::Avx2>,
}

impl Counts {
    fn new(n_years: usize) -> Counts {
        Counts {
            n_years,
            paths: 0,
            above_in_year: vec![[0; 3]; n_years],
            above_by_year: vec![[0; 3]; n_years],
            falling_final_decade: 0,
            running_max: Vec::new(),
            decade_start: Vec::new(),
            #[cfg(target_arch = "x86_64")]
            avx2: super::lanes_avx2::Avx2::detect(),
        }
    }

    fn begin_block(&mut self, n: usize) {
        self.paths += n as u64;
        self.running_max.clear();
        self.running_max.resize(n, f64::NEG_INFINITY);
        self.decade_start.clear();
        self.decade_start.resize(n, f64::NAN);
    }

    #[inline(always)]
    fn year(&mut self, t: usize, offset: usize, psnd: &[f64]) {
        #[cfg(target_arch = "x86_64")]
        let avx2 = self.avx2;
        let span = offset..offset + psnd.len();
        let (Some(in_year), Some(by_year), Some(running_max), Some(decade_start)) = (
            self.above_in_year.get_mut(t),
            self.above_by_year.get_mut(t),
            self.running_max.get_mut(span.clone()),
            self.decade_start.get_mut(span),
        ) else {
            return;
        };
        let (above_in_year, above_by_year) = Counts::threshold_counts(
            #[cfg(target_arch = "x86_64")]
            avx2,
            t == 0,
            psnd,
            running_max,
        );
        for k in 0..3 {
            in_year[k] += above_in_year[k];
            by_year[k] += above_by_year[k];
        }
        if self.n_years > FINAL_DECADE_YEARS {
            let start = self.n_years - 1 - FINAL_DECADE_YEARS;
            if t == start {
                decade_start.copy_from_slice(psnd);
            } else if t == self.n_years - 1 {
                self.falling_final_decade += psnd
                    .iter()
                    .zip(decade_start.iter())
                    .map(|(e, s)| u64::from(e < s))
                    .sum::<u64>();
            }
        }
    }

    /// How many of `psnd` and of the paths' running maxima (moved on over
    /// `psnd`; set to it in the first year) are above each threshold.
    #[inline(always)]
    fn threshold_counts(
        #[cfg(target_arch = "x86_64")] avx2: Option<super::lanes_avx2::Avx2>,
        first_year: bool,
        psnd: &[f64],
        running_max: &mut [f64],
    ) -> ([u64; 3], [u64; 3]) {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = avx2 {
            return avx2.threshold_counts(first_year, psnd, running_max, THRESHOLDS_PCT_GDP);
        }
        threshold_counts_portable(first_year, psnd, running_max)
    }

    fn merge(&mut self, o: &Counts) {
        self.paths += o.paths;
        for t in 0..self.n_years.min(o.n_years) {
            for k in 0..3 {
                self.above_in_year[t][k] += o.above_in_year[t][k];
                self.above_by_year[t][k] += o.above_by_year[t][k];
            }
        }
        self.falling_final_decade += o.falling_final_decade;
    }
}

/// [`Counts::threshold_counts`] in plain loops (the AVX2 form's
/// reference).
#[inline(always)]
pub(super) fn threshold_counts_portable(
    first_year: bool,
    psnd: &[f64],
    running_max: &mut [f64],
) -> ([u64; 3], [u64; 3]) {
    for (m, &v) in running_max.iter_mut().zip(psnd) {
        *m = if first_year || v > *m { v } else { *m };
    }
    let count = |xs: &[f64], th: f64| xs.iter().map(|&v| u64::from(v > th)).sum::<u64>();
    (
        THRESHOLDS_PCT_GDP.map(|th| count(psnd, th)),
        THRESHOLDS_PCT_GDP.map(|th| count(running_max, th)),
    )
}

/// Fixed histogram ranges, per year and variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranges {
    lo: Vec<[f64; N_VARS]>,
    width: Vec<[f64; N_VARS]>,
}

impl Ranges {
    /// Ranges covering the pilot's 1st to 99th percentiles with a margin of
    /// [`MARGIN`] of that span on each side. The 5th to 95th percentiles of
    /// all paths lie inside with overwhelming probability (a pilot of 4,096
    /// paths puts its 1st percentile within about 0.2 percentage points of
    /// probability of the true one, 25 standard errors from the 5th);
    /// values outside land in the edge bins, and a percentile that did would
    /// say so in its `resolution_pp` (the edge bin reaches to the extreme).
    pub fn from_pilot(pilot: &Exact) -> Ranges {
        let n = pilot.counts.n_years;
        let mut r = Ranges {
            lo: vec![[0.0; N_VARS]; n],
            width: vec![[1.0; N_VARS]; n],
        };
        for t in 0..n {
            for v in 0..N_VARS {
                let mut xs: Vec<f64> = pilot.values[t][v]
                    .iter()
                    .copied()
                    .filter(|x| x.is_finite())
                    .collect();
                let (lo, hi) = (
                    selected_percentile(&mut xs, 1.0),
                    selected_percentile(&mut xs, 99.0),
                );
                let (lo, hi) = if xs.is_empty() { (0.0, 0.0) } else { (lo, hi) };
                let span = (hi - lo).max(1e-6 * lo.abs().max(1.0));
                r.lo[t][v] = lo - span * MARGIN;
                r.width[t][v] = (1.0 + 2.0 * MARGIN) * span / BINS as f64;
            }
        }
        r
    }
}

/// The bin of a value `scaled` bin widths from the range's start: its
/// integer part, clamped to the bins (NaN to the first). The same number as
/// `scaled.max(0.0).min(LAST) as u32`, written so that lanes of values
/// vectorise: that saturating float-to-integer cast compiled to four scalar
/// conversions per vector, while an integral double below 2^52 plus 2^52
/// holds the integer in its low mantissa bits.
#[inline(always)]
pub(super) fn bin_of(scaled: f64) -> u32 {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    let clamped = scaled.max(0.0).min((BINS - 1) as f64).floor();
    (clamped + TWO_52).to_bits() as u32
}

/// Lanes of the running extremes: value `j` of a pass goes to lane
/// `j mod 8`, the last `len mod 8` to lane 0.
pub(super) const EXTREME_LANES: usize = 8;

/// The running smallest and largest values, by lane (NaN ignored).
pub(super) type ExtremeLanes = ([f64; EXTREME_LANES], [f64; EXTREME_LANES]);

/// Extremes' lanes with nothing seen yet.
const NO_EXTREMES: ExtremeLanes = (
    [f64::INFINITY; EXTREME_LANES],
    [f64::NEG_INFINITY; EXTREME_LANES],
);

/// The bin of each of `xs` (`bin_of((x − lo)·inv)`) into `idx`, and the
/// extremes' lanes moved on over `xs`: in one AVX2 pass when the CPU has
/// it (`summary_avx2`), else by [`bins_and_extremes_portable`], the same
/// numbers to the bit. Only the first `idx.len()` of `xs` are read if
/// `idx` is shorter.
#[inline(always)]
fn bins_and_extremes(
    #[cfg(target_arch = "x86_64")] avx2: Option<super::lanes_avx2::Avx2>,
    xs: &[f64],
    range: (f64, f64),
    idx: &mut [u32],
    lanes: &mut ExtremeLanes,
) {
    #[cfg(target_arch = "x86_64")]
    if let Some(avx2) = avx2 {
        return avx2.bins_and_extremes(xs, range, idx, lanes);
    }
    bins_and_extremes_portable(xs, range, idx, lanes);
}

/// [`bins_and_extremes`] in plain loops. The bins are one loop the
/// compiler vectorises. Eight lanes of extremes let it use vector min/max
/// (`vminpd`, whose operand order ignores a NaN in `xs`) instead of one
/// long dependency chain through `f64::min`; the two searches are separate
/// loops because, fused, LLVM's vectoriser turned the pair of selects into
/// a compare, pack and blend sequence a vector, which made this the fan's
/// hottest loop.
#[inline(always)]
pub(super) fn bins_and_extremes_portable(
    xs: &[f64],
    (lo, inv): (f64, f64),
    idx: &mut [u32],
    (lo_lanes, hi_lanes): &mut ExtremeLanes,
) {
    let xs = xs.get(..idx.len()).unwrap_or(xs);
    for (i, &x) in idx.iter_mut().zip(xs) {
        *i = bin_of((x - lo) * inv);
    }
    for c in xs.chunks_exact(EXTREME_LANES) {
        for k in 0..EXTREME_LANES {
            lo_lanes[k] = if c[k] < lo_lanes[k] {
                c[k]
            } else {
                lo_lanes[k]
            };
        }
    }
    for c in xs.chunks_exact(EXTREME_LANES) {
        for k in 0..EXTREME_LANES {
            hi_lanes[k] = if c[k] > hi_lanes[k] {
                c[k]
            } else {
                hi_lanes[k]
            };
        }
    }
    for &x in xs.chunks_exact(EXTREME_LANES).remainder() {
        lo_lanes[0] = if x < lo_lanes[0] { x } else { lo_lanes[0] };
        hi_lanes[0] = if x > hi_lanes[0] { x } else { hi_lanes[0] };
    }
}

/// Percentiles and probabilities by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Paths summarised.
    pub paths: u64,
    /// `[year][variable][percentile]`, % of GDP, percentiles as [`PERCENTILES`].
    pub percentiles: Vec<[[f64; 7]; N_VARS]>,
    /// `[year][variable]`: the largest error of a reported percentile, pp
    /// (one histogram bin; 0 when exact).
    pub resolution_pp: Vec<[f64; N_VARS]>,
    /// `[year][threshold]`: share of paths with PSND above the threshold in the year.
    pub p_above_in_year: Vec<[f64; 3]>,
    /// `[year][threshold]`: share of paths above it in the year or earlier.
    pub p_above_by_year: Vec<[f64; 3]>,
    /// Share of paths with PSND lower in the final year than ten years
    /// before (`None` for horizons of ten years or less).
    pub p_falling_final_decade: Option<f64>,
}

impl Counts {
    fn finish(&self, percentiles: Vec<[[f64; 7]; N_VARS]>, res: Vec<[f64; N_VARS]>) -> Summary {
        let n = self.paths.max(1) as f64;
        let share = |v: &Vec<[u64; 3]>| v.iter().map(|a| a.map(|c| c as f64 / n)).collect();
        Summary {
            paths: self.paths,
            percentiles,
            resolution_pp: res,
            p_above_in_year: share(&self.above_in_year),
            p_above_by_year: share(&self.above_by_year),
            p_falling_final_decade: (self.n_years > FINAL_DECADE_YEARS)
                .then(|| self.falling_final_decade as f64 / n),
        }
    }
}

/// Every value kept; exact percentiles.
#[derive(Debug, Clone, PartialEq)]
pub struct Exact {
    counts: Counts,
    /// `[year][variable]` values.
    values: Vec<[Vec<f64>; N_VARS]>,
}

impl Exact {
    /// An empty accumulator for `n_years` years.
    pub fn new(n_years: usize) -> Exact {
        Exact {
            counts: Counts::new(n_years),
            values: (0..n_years).map(|_| Default::default()).collect(),
        }
    }

    /// Percentiles and probabilities.
    pub fn summary(mut self) -> Summary {
        let mut pct = Vec::with_capacity(self.values.len());
        for vars in &mut self.values {
            let mut row = [[0.0; 7]; N_VARS];
            for (v, xs) in vars.iter_mut().enumerate() {
                xs.sort_by(f64::total_cmp);
                for (k, p) in PERCENTILES.iter().enumerate() {
                    row[v][k] = sorted_percentile(xs, *p);
                }
            }
            pct.push(row);
        }
        let res = vec![[0.0; N_VARS]; pct.len()];
        self.counts.finish(pct, res)
    }
}

/// The linear-interpolation percentile of `xs` (NaN when empty), as
/// [`sorted_percentile`] of the sorted values, by selection (reorders `xs`).
pub fn selected_percentile(xs: &mut [f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let h = (xs.len() - 1) as f64 * p / 100.0;
    let i = (h.floor() as usize).min(xs.len() - 1);
    let (_, &mut lo, right) = xs.select_nth_unstable_by(i, f64::total_cmp);
    let hi = right.iter().copied().min_by(f64::total_cmp).unwrap_or(lo);
    lo + (h - i as f64) * (hi - lo)
}

/// The linear-interpolation percentile of sorted `xs` (NaN when empty).
pub fn sorted_percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let h = (xs.len() - 1) as f64 * p / 100.0;
    let i = h.floor() as usize;
    let lo = xs[i.min(xs.len() - 1)];
    let hi = xs[(i + 1).min(xs.len() - 1)];
    lo + (h - i as f64) * (hi - lo)
}

impl YearSink for Exact {
    fn begin_block(&mut self, n: usize) {
        self.counts.begin_block(n);
    }

    fn year(&mut self, t: usize, offset: usize, psnd: &[f64], psnb: &[f64], interest: &[f64]) {
        self.counts.year(t, offset, psnd);
        if let Some(v) = self.values.get_mut(t) {
            v[0].extend_from_slice(psnd);
            v[1].extend_from_slice(psnb);
            v[2].extend_from_slice(interest);
        }
    }
}

/// Fixed-size histograms; see the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram<'r> {
    ranges: &'r Ranges,
    counts: Counts,
    /// 16-bit counts since the last flush, `[(year · N_VARS + variable) · BINS + bin]`.
    recent: Vec<u16>,
    /// Paths counted in `recent` by year.
    recent_paths: Vec<u32>,
    /// Totals, laid out as `recent`.
    bins: Vec<u32>,
    min: Vec<[f64; N_VARS]>,
    max: Vec<[f64; N_VARS]>,
}

impl<'r> Histogram<'r> {
    /// An empty histogram over `ranges`.
    pub fn new(ranges: &'r Ranges) -> Histogram<'r> {
        let n = ranges.lo.len();
        Histogram {
            ranges,
            counts: Counts::new(n),
            recent: vec![0; n * N_VARS * BINS],
            recent_paths: vec![0; n],
            bins: vec![0; n * N_VARS * BINS],
            min: vec![[f64::INFINITY; N_VARS]; n],
            max: vec![[f64::NEG_INFINITY; N_VARS]; n],
        }
    }

    /// Add year `t`'s 16-bit counts to the totals.
    fn flush(&mut self, t: usize) {
        let span = t * N_VARS * BINS..(t + 1) * N_VARS * BINS;
        if let (Some(r), Some(b)) = (self.recent.get_mut(span.clone()), self.bins.get_mut(span)) {
            for (r, b) in r.iter_mut().zip(b) {
                *b += u32::from(*r);
                *r = 0;
            }
        }
        self.recent_paths[t] = 0;
    }

    /// Add another worker's counts (the order of merging does not matter).
    pub fn merge(&mut self, o: &Histogram<'_>) {
        self.counts.merge(&o.counts);
        for (a, b) in self.bins.iter_mut().zip(&o.bins) {
            *a += b;
        }
        for (a, b) in self.bins.iter_mut().zip(&o.recent) {
            *a += u32::from(*b);
        }
        for t in 0..self.min.len() {
            for v in 0..N_VARS {
                self.min[t][v] = self.min[t][v].min(o.min[t][v]);
                self.max[t][v] = self.max[t][v].max(o.max[t][v]);
            }
        }
    }

    /// Count `xs` (at most `u16::MAX` values) in year `t`'s 16-bit counters.
    #[inline(always)]
    fn add_year(&mut self, t: usize, vars: [&[f64]; N_VARS]) {
        let n = vars[0].len() as u32;
        if self.recent_paths[t] + n > u32::from(u16::MAX) {
            self.flush(t);
        }
        self.recent_paths[t] += n;
        #[cfg(target_arch = "x86_64")]
        let avx2 = self.counts.avx2;
        for (v, xs) in vars.into_iter().enumerate() {
            let lo = self.ranges.lo[t][v];
            let inv = 1.0 / self.ranges.width[t][v];
            let start = (t * N_VARS + v) * BINS;
            let Some(h) = self.recent.get_mut(start..start + BINS) else {
                return;
            };
            let Ok(h): Result<&mut [u16; BINS], _> = h.try_into() else {
                return;
            };
            // Bin numbers a few hundred at a time, then the counts.
            // Clamped before the conversion (NaN to the first bin), so
            // out-of-range values land in the edge bins. Parts of 256 keep
            // each value in the lane the whole pass would give it.
            let mut idx = [0u32; 256];
            let mut lanes = NO_EXTREMES;
            for part in xs.chunks(idx.len()) {
                bins_and_extremes(
                    #[cfg(target_arch = "x86_64")]
                    avx2,
                    part,
                    (lo, inv),
                    &mut idx,
                    &mut lanes,
                );
                for &i in idx.iter().take(part.len()) {
                    h[i as usize & (BINS - 1)] += 1;
                }
            }
            let mn = lanes.0.iter().copied().fold(f64::INFINITY, f64::min);
            let mx = lanes.1.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            self.min[t][v] = self.min[t][v].min(mn);
            self.max[t][v] = self.max[t][v].max(mx);
        }
    }

    /// Percentiles and probabilities.
    pub fn summary(&self) -> Summary {
        let n_years = self.min.len();
        let n = self.counts.paths;
        let mut pct = Vec::with_capacity(n_years);
        let mut res = Vec::with_capacity(n_years);
        for t in 0..n_years {
            let mut row = [[f64::NAN; 7]; N_VARS];
            let mut r = [0.0; N_VARS];
            for (v, out) in row.iter_mut().enumerate() {
                let (lo, w) = (self.ranges.lo[t][v], self.ranges.width[t][v]);
                let start = (t * N_VARS + v) * BINS;
                let totals = &self.bins[start..start + BINS];
                let recent = &self.recent[start..start + BINS];
                let (mn, mx) = (self.min[t][v], self.max[t][v]);
                let mut cum = 0u64;
                let mut k = 0;
                for (b, (&c, &c16)) in totals.iter().zip(recent).enumerate() {
                    let c = u64::from(c) + u64::from(c16);
                    while k < PERCENTILES.len() && c > 0 {
                        let rank = (n.saturating_sub(1)) as f64 * PERCENTILES[k] / 100.0;
                        if rank >= (cum + c) as f64 {
                            break;
                        }
                        let frac = (rank - cum as f64 + 0.5) / c as f64;
                        out[k] = (lo + (b as f64 + frac) * w).clamp(mn, mx);
                        // The bin's extent among the values (edge bins
                        // reach to the extremes).
                        let left = if b == 0 {
                            mn
                        } else {
                            (lo + b as f64 * w).max(mn)
                        };
                        let right = if b == BINS - 1 {
                            mx
                        } else {
                            (lo + (b + 1) as f64 * w).min(mx)
                        };
                        r[v] = f64::max(r[v], right - left);
                        k += 1;
                    }
                    cum += c;
                }
            }
            pct.push(row);
            res.push(r);
        }
        self.counts.finish(pct, res)
    }
}

impl YearSink for Histogram<'_> {
    fn begin_block(&mut self, n: usize) {
        self.counts.begin_block(n);
    }

    // Inlined into the simulation kernel, so it is compiled for the same
    // instruction set.
    #[inline(always)]
    fn year(&mut self, t: usize, offset: usize, psnd: &[f64], psnb: &[f64], interest: &[f64]) {
        if t >= self.min.len() {
            return;
        }
        self.counts.year(t, offset, psnd);
        const CHUNK: usize = u16::MAX as usize;
        for ((d, b), i) in psnd
            .chunks(CHUNK)
            .zip(psnb.chunks(CHUNK))
            .zip(interest.chunks(CHUNK))
        {
            self.add_year(t, [d, b, i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_of_is_the_clamped_integer_part() {
        let cast = |x: f64| x.max(0.0).min((BINS - 1) as f64) as u32;
        let mut xs = vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            0.0,
            -1e-300,
            1e300,
            (BINS - 1) as f64,
            BINS as f64,
            (BINS - 1) as f64 - 1e-12,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            xs.push((state >> 11) as f64 / (1u64 << 53) as f64 * 5000.0 - 500.0);
        }
        for k in 0..BINS {
            xs.extend([k as f64, k as f64 - 1e-9, k as f64 + 1e-9]);
        }
        for x in xs {
            assert_eq!(bin_of(x), cast(x), "{x}");
        }
    }

    fn feed(sink: &mut impl YearSink, years: usize, n: usize, f: impl Fn(usize, usize) -> f64) {
        sink.begin_block(n);
        for t in 0..years {
            let xs: Vec<f64> = (0..n).map(|p| f(t, p)).collect();
            // In two parts, as the engine hands them over.
            let (a, b) = xs.split_at(n / 3);
            sink.year(t, 0, a, a, a);
            sink.year(t, a.len(), b, b, b);
        }
    }

    #[test]
    fn histogram_percentiles_are_within_one_bin_of_exact() {
        // A low-discrepancy sequence: distinct values about 100/n apart.
        let f = |t: usize, p: usize| {
            ((p as f64 * 0.618_033_988_75 + t as f64 * 0.1).fract()) * 100.0 + t as f64
        };
        let mut pilot = Exact::new(12);
        feed(&mut pilot, 12, 200, f);
        let ranges = Ranges::from_pilot(&pilot);
        let mut h = Histogram::new(&ranges);
        let mut e = Exact::new(12);
        feed(&mut h, 12, 5000, f);
        feed(&mut e, 12, 5000, f);
        let (hs, es) = (h.summary(), e.summary());
        for t in 0..12 {
            for k in 0..7 {
                let d = (hs.percentiles[t][0][k] - es.percentiles[t][0][k]).abs();
                // One bin, plus the gap between neighbouring order
                // statistics (exact interpolation spans it; about 100/n here).
                let tol = hs.resolution_pp[t][0] + 2.0 * 100.0 / 5000.0;
                assert!(d <= tol, "{t} {k}: {d} > {tol}");
            }
            assert!(hs.percentiles[t][0].windows(2).all(|w| w[0] <= w[1]));
        }
        assert_eq!(hs.p_above_in_year, es.p_above_in_year);
        assert_eq!(hs.p_falling_final_decade, es.p_falling_final_decade);
    }

    #[test]
    fn constant_values_give_exact_percentiles_and_probabilities() {
        let mut pilot = Exact::new(3);
        feed(&mut pilot, 3, 10, |t, _| 90.0 + 35.0 * t as f64);
        let ranges = Ranges::from_pilot(&pilot);
        let mut h = Histogram::new(&ranges);
        feed(&mut h, 3, 10, |t, _| 90.0 + 35.0 * t as f64);
        let s = h.summary();
        assert_eq!(s.percentiles[1][0], [125.0; 7]);
        assert_eq!(s.p_above_in_year[1], [1.0, 0.0, 0.0]);
        assert_eq!(s.p_above_by_year[2], [1.0, 1.0, 0.0]);
        assert_eq!(sorted_percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), 2.5);
        let mut xs = [4.0, 1.0, 3.0, 2.0, 9.0, -1.0];
        for p in [0.0, 1.0, 37.5, 50.0, 99.0, 100.0] {
            let mut sorted = xs;
            sorted.sort_by(f64::total_cmp);
            assert_eq!(
                selected_percentile(&mut xs, p),
                sorted_percentile(&sorted, p)
            );
        }
    }
}
