//! Each reduced-form path's own random stream (fan method version 5):
//! xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number
//! generators", ACM Trans. Math. Softw. 47(4), 2021), seeded by the
//! path's Philox4x32-10 block ([`super::philox`]) at counter `(path, 0, 0,
//! 0)` under the seed.
//!
//! Why two generators: Philox makes every path's stream a function of the
//! seed and the path number alone, so a path's numbers do not depend on
//! block sizes, thread counts or the order paths run in; but ten rounds of
//! it for every path-year were about a seventh of the fan's time. A path
//! runs its years in order, so within it a sequential generator does: four
//! xoshiro128** words cost about a third of one Philox block. xoshiro128**
//! passes BigCrush (its authors' tests), has a period of 2^128 − 1, and
//! its 128-bit state is seeded with the Philox block's 128 random bits (a
//! state of all zeros, the one it must not have, is replaced by `(1, 0, 0,
//! 0)`). Streams of different paths start at independent random points
//! of the period: that any two of N streams of L words overlap has a
//! chance of about N²·L/2^128, below 2^-66 for the largest fan (10^8
//! paths of 204 words).
//!
//! The lane form runs `L` paths side by side in plain arrays (vectorised
//! by the compiler; `super::lanes_avx2` writes the same operations with
//! AVX2 intrinsics).

// Lane loops index fixed-size arrays ([u32; L], four words) by the lane:
// every index is below the array's length.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

use super::philox::{lane_counters, philox_lanes};

/// The xoshiro128** states of `L` paths: word `w` of lane `l` is `s[w][l]`.
pub type LaneStates<const L: usize> = [[u32; L]; 4];

/// The states of paths `first..first + L` under `key`: each path's Philox
/// block at counter `(path, 0, 0, 0)`, all zeros made `(1, 0, 0, 0)`.
#[inline(always)]
pub fn seed_lanes<const L: usize>(key: [u32; 2], first: u64) -> LaneStates<L> {
    let mut s = philox_lanes(lane_counters::<L>(first), key);
    make_nonzero(&mut s);
    s
}

/// A state of all zeros (xoshiro's fixed point) made `(1, 0, 0, 0)`.
#[inline(always)]
fn make_nonzero<const L: usize>(s: &mut LaneStates<L>) {
    for l in 0..L {
        let zero = (s[0][l] | s[1][l] | s[2][l] | s[3][l]) == 0;
        s[0][l] |= u32::from(zero);
    }
}

/// The next word of each lane's stream, and the states moved on.
#[inline(always)]
pub fn next_lanes<const L: usize>(s: &mut LaneStates<L>) -> [u32; L] {
    let mut out = [0u32; L];
    for l in 0..L {
        out[l] = s[1][l].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1][l] << 9;
        s[2][l] ^= s[0][l];
        s[3][l] ^= s[1][l];
        s[1][l] ^= s[2][l];
        s[0][l] ^= s[3][l];
        s[2][l] ^= t;
        s[3][l] = s[3][l].rotate_left(11);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::philox::{counter, philox4x32_10};
    use super::*;

    /// xoshiro128** as its authors' reference C code writes it, one state.
    fn reference_next(s: &mut [u32; 4]) -> u32 {
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(11);
        result
    }

    /// From the state (1, 2, 3, 4) the reference code's first outputs are
    /// 11520, 0, 5927040, 70819200 (worked by hand from its six lines: the
    /// first is rotl(2·5, 7)·9 = 1280·9).
    #[test]
    fn known_first_outputs() {
        let mut s = [1u32, 2, 3, 4];
        let got: Vec<u32> = (0..4).map(|_| reference_next(&mut s)).collect();
        assert_eq!(got[0], 11_520);
        assert_eq!(got[1], 0);
        assert_eq!(got[2], 5_927_040);
        assert_eq!(got[3], 70_819_200);
    }

    #[test]
    fn lanes_are_each_paths_own_seeded_stream() {
        let key = [0x1234_5678, 0x9abc_def0];
        for first in [0u64, 8, (1 << 32) - 4] {
            let mut lanes = seed_lanes::<8>(key, first);
            let mut own: Vec<[u32; 4]> = (0..8)
                .map(|l| philox4x32_10(counter(first + l as u64), key))
                .collect();
            for _ in 0..40 {
                let words = next_lanes(&mut lanes);
                for (l, s) in own.iter_mut().enumerate() {
                    assert_eq!(words[l], reference_next(s), "path {first}+{l}");
                }
            }
        }
    }

    #[test]
    fn a_zero_seed_is_replaced() {
        let mut s: LaneStates<2> = [[0, 0], [0, 5], [0, 0], [0, 0]];
        make_nonzero(&mut s);
        assert_eq!(s, [[1, 0], [0, 5], [0, 0], [0, 0]]);
        // And the stream then moves.
        assert!((0..8).map(|_| next_lanes(&mut s)[0]).any(|w| w != 0));
    }
}
