//! Probability distributions for uncertain scenario parameters, and the
//! seeded, thread-count-independent random streams that draw them.
//!
//! A distribution is written in a scenario as a small table, e.g.
//! `{ dist = "pert", low = 0.1, central = 0.2, high = 0.3 }`: triangular or
//! PERT from a low / central / high judgement, or lognormal for cost
//! overruns (right-skewed, with a fat upper tail). Every draw goes through
//! the distribution's inverse distribution function at a standard normal
//! score ([`Distribution::at_normal_score`]), so that correlated scores (a
//! Gaussian copula, `interventions::draws`) give correlated draws of any
//! shape. The model does no I/O: callers pass in a random number generator.
//!
//! Determinism: draws are made in blocks of [`BLOCK_PATHS`] paths, and each
//! block has its own ChaCha8 stream ([`block_rng`], the uncertainty engine's:
//! the seed, with the block number as the stream). Path `n` is always drawn
//! from the same stream at the same position, however many threads share
//! the blocks, so results are byte-identical on any machine and thread
//! count. Blocks are smaller than the reduced-form fan's (4,096 paths): here
//! each path is a whole projection, so 64 paths already make a block worth
//! a thread.

use rand::Rng;
use rand_distr::Distribution as _;

use crate::model::special::{beta_quantile, normal_cdf};
use serde::{Deserialize, Serialize};

/// Paths drawn from one random stream.
pub const BLOCK_PATHS: usize = 64;

/// z-score of the 95th percentile of the standard normal.
const Z95: f64 = 1.644_853_626_951_472_2;

/// The shape of a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Triangular on `low..high` with its mode at `central`.
    Triangular,
    /// PERT (a scaled beta) on `low..high` with its mode at `central`: less
    /// weight in the tails than the triangular.
    Pert,
    /// Lognormal for a non-negative uplift `x`: `1 + x` is lognormal with
    /// median `1 + central` and 95th percentile `1 + high`; `low` is a floor.
    Lognormal,
}

/// One uncertain parameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// The shape.
    pub dist: Shape,
    /// Lowest value (triangular, PERT); a floor (lognormal, optional).
    #[serde(default)]
    pub low: Option<f64>,
    /// Most likely value (triangular, PERT); the median (lognormal).
    pub central: f64,
    /// Highest value (triangular, PERT); the 95th percentile (lognormal).
    pub high: f64,
}

impl Distribution {
    /// What is wrong with the parameters, if anything (a sentence that says
    /// how to fix it). `low` must not exceed `central`, nor `central` `high`.
    pub(crate) fn problem(&self) -> Option<String> {
        let vals = [self.low.unwrap_or(self.central), self.central, self.high];
        if vals.iter().any(|v| !v.is_finite()) {
            return Some("low, central and high must be finite numbers".into());
        }
        match (self.dist, self.low) {
            (Shape::Triangular | Shape::Pert, None) => {
                Some("a triangular or PERT distribution needs low, central and high".into())
            }
            (_, Some(lo)) if lo > self.high => Some(format!(
                "low {lo} exceeds high {}: give low <= central <= high",
                self.high
            )),
            (_, Some(lo)) if lo > self.central => Some(format!(
                "low {lo} exceeds central {}: give low <= central <= high",
                self.central
            )),
            _ if self.central > self.high => Some(format!(
                "central {} exceeds high {}: give low <= central <= high",
                self.central, self.high
            )),
            (Shape::Lognormal, _) if self.central <= -1.0 => Some(format!(
                "central {} must be above -1 (the median uplift; 0.5 is +50 %)",
                self.central
            )),
            _ => None,
        }
    }

    /// The smallest and largest value a draw can take (`f64::INFINITY` for
    /// the lognormal's upper end).
    pub(crate) fn support(&self) -> (f64, f64) {
        match self.dist {
            Shape::Triangular | Shape::Pert => (self.low.unwrap_or(self.central), self.high),
            Shape::Lognormal => (self.low.unwrap_or(-1.0), f64::INFINITY),
        }
    }

    /// The value at standard normal score `z`: the `Φ(z)` quantile. Draws
    /// go through this function, so that correlated normal scores (a
    /// Gaussian copula) give draws with the same rank correlation whatever
    /// the shapes. A distribution that [`Distribution::problem`] rejects,
    /// or whose range is a single point, returns `central`.
    pub fn at_normal_score(&self, z: f64) -> f64 {
        if self.problem().is_some() {
            return self.central;
        }
        let lo = self.low.unwrap_or(self.central);
        let width = self.high - lo;
        match self.dist {
            Shape::Triangular | Shape::Pert if width <= 0.0 => self.central,
            Shape::Triangular => {
                let u = normal_cdf(z);
                let left = (self.central - lo) / width;
                if u < left {
                    lo + (u * width * (self.central - lo)).sqrt()
                } else {
                    self.high - ((1.0 - u) * width * (self.high - self.central)).sqrt()
                }
            }
            Shape::Pert => {
                let (a, b) = self.pert_shapes(lo, width);
                lo + width * beta_quantile(normal_cdf(z), a, b)
            }
            Shape::Lognormal => {
                let median = 1.0 + self.central;
                let x = median * (self.lognormal_sigma() * z).exp() - 1.0;
                self.low.map_or(x, |floor| x.max(floor))
            }
        }
    }

    /// The beta shapes of a PERT on `lo..lo + width`: `1 + 4(c − a)/(b − a)`
    /// and `1 + 4(b − c)/(b − a)`.
    fn pert_shapes(&self, lo: f64, width: f64) -> (f64, f64) {
        (
            1.0 + 4.0 * (self.central - lo) / width,
            1.0 + 4.0 * (self.high - self.central) / width,
        )
    }

    /// σ of the lognormal: `ln((1 + high)/(1 + central)) / z95`.
    fn lognormal_sigma(&self) -> f64 {
        let median = 1.0 + self.central;
        let p95 = (1.0 + self.high).max(median);
        (p95 / median).ln() / Z95
    }

    /// One independent draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let z: f64 = rand_distr::StandardNormal.sample(rng);
        self.at_normal_score(z)
    }

    /// The mean: `(a + 4c + b)/6` (PERT), `(a + c + b)/3` (triangular),
    /// `(1 + c)·exp(σ²/2) − 1` (lognormal, ignoring any floor).
    pub fn mean(&self) -> f64 {
        if self.problem().is_some() {
            return self.central;
        }
        let lo = self.low.unwrap_or(self.central);
        match self.dist {
            Shape::Pert => (lo + 4.0 * self.central + self.high) / 6.0,
            Shape::Triangular => (lo + self.central + self.high) / 3.0,
            Shape::Lognormal => {
                let s = self.lognormal_sigma();
                (1.0 + self.central) * (0.5 * s * s).exp() - 1.0
            }
        }
    }
}

/// The random stream of block `block` for `seed`: ChaCha8 seeded with the
/// seed, on stream number `block` (the uncertainty engine's generator).
pub use crate::model::uncertainty::reduced::block_rng;

/// The `q` quantile (0..1) of sorted values, interpolating linearly between
/// order statistics (Hyndman and Fan type 7, as numpy and R default to).
/// `None` for no values.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    let last = n.checked_sub(1)?;
    let h = q.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    let a = *sorted.get(lo)?;
    let b = *sorted.get(hi)?;
    Some(a + (h - lo as f64) * (b - a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(dist: Shape, low: Option<f64>, central: f64, high: f64) -> Distribution {
        Distribution {
            dist,
            low,
            central,
            high,
        }
    }

    #[test]
    fn low_above_high_is_a_problem_that_names_both() {
        let p = d(Shape::Pert, Some(0.3), 0.2, 0.1).problem().unwrap();
        assert!(p.contains("low 0.3 exceeds high 0.1"), "{p}");
        assert!(d(Shape::Pert, None, 0.2, 0.3).problem().is_some());
        assert!(d(Shape::Triangular, Some(0.1), 0.4, 0.3)
            .problem()
            .unwrap()
            .contains("central"));
        assert!(d(Shape::Pert, Some(0.1), 0.2, 0.3).problem().is_none());
    }

    #[test]
    fn draws_stay_in_range_and_centre_where_expected() {
        let mut rng = block_rng(7, 0);
        let tri = d(Shape::Triangular, Some(0.0), 0.25, 1.0);
        let pert = d(Shape::Pert, Some(0.0), 0.25, 1.0);
        let n = 20_000;
        let (mut st, mut sp) = (0.0, 0.0);
        for _ in 0..n {
            let a = tri.sample(&mut rng);
            let b = pert.sample(&mut rng);
            assert!((0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b));
            st += a;
            sp += b;
        }
        // Means: triangular (a+b+c)/3, PERT (a + 4c + b)/6.
        assert!((st / n as f64 - 1.25 / 3.0).abs() < 0.01);
        assert!((sp / n as f64 - 2.0 / 6.0).abs() < 0.01);
    }

    #[test]
    fn lognormal_median_and_95th_percentile_match_the_parameters() {
        let mut rng = block_rng(1, 3);
        let ln = d(Shape::Lognormal, None, 0.5, 2.0);
        let mut v: Vec<f64> = (0..40_000).map(|_| ln.sample(&mut rng)).collect();
        v.sort_by(f64::total_cmp);
        assert!((quantile(&v, 0.5).unwrap() - 0.5).abs() < 0.03);
        assert!((quantile(&v, 0.95).unwrap() - 2.0).abs() < 0.12);
        let floored = d(Shape::Lognormal, Some(0.0), 0.1, 1.0);
        assert!((0..1000).all(|_| floored.sample(&mut rng) >= 0.0));
    }

    #[test]
    fn block_streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| block_rng(5, 2).random()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let x: u64 = block_rng(5, 2).random();
        let y: u64 = block_rng(5, 3).random();
        assert_ne!(x, y);
    }

    #[test]
    fn quantile_interpolates() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.05), Some(1.2));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[2.0], 0.9), Some(2.0));
    }
}
