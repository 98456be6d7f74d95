//! Philox4x32-10, the counter-based random number generator of Salmon,
//! Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3"
//! (SC'11; the Random123 library). A random 128-bit block is a keyed
//! bijection of a 128-bit counter, so any draw can be made from its
//! coordinates alone: the reduced-form fan keys it by the seed and seeds
//! each path's own stream ([`super::stream`]) from the block at counter
//! `(path, 0, 0, 0)`, which makes every path's numbers independent of
//! block sizes, thread counts and the order paths are run in.
//!
//! Ten rounds of two 32×32→64-bit multiplications and a Weyl-sequence key
//! schedule; the lane form ([`philox_lanes`]) runs `L` counters side by
//! side in plain arrays, which the compiler turns into vector
//! multiplications (`pmuludq`). Checked against Random123's known-answer
//! vectors (`tests/kat_vectors`).

// Lane loops index fixed-size arrays ([u32; L], four words) by the lane,
// several arrays in step: every index is below the array's length.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

/// Round multipliers.
const M0: u32 = 0xD251_1F53;
const M1: u32 = 0xCD9E_8D57;
/// Key schedule increments (golden ratio and √3 − 1, as 32-bit fractions).
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;
/// Rounds.
const ROUNDS: usize = 10;

#[inline(always)]
fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let p = u64::from(a) * u64::from(b);
    ((p >> 32) as u32, p as u32)
}

/// The key of each round: `key`, then a Weyl sequence.
#[inline(always)]
fn round_keys(key: [u32; 2]) -> [[u32; 2]; ROUNDS] {
    let mut k = key;
    std::array::from_fn(|r| {
        if r > 0 {
            k = [k[0].wrapping_add(W0), k[1].wrapping_add(W1)];
        }
        k
    })
}

/// The counter that seeds path `path`'s stream, `(path, 0, 0, 0)`: the path
/// in the first two words, zeros in the other two.
#[inline(always)]
pub(crate) fn counter(path: u64) -> [u32; 4] {
    [path as u32, (path >> 32) as u32, 0, 0]
}

/// The seed counters of paths `first..first + L`, by word and lane (the
/// layout [`philox_lanes`] takes).
#[inline(always)]
pub(crate) fn lane_counters<const L: usize>(first: u64) -> [[u32; L]; 4] {
    let mut ctr = [[0; L]; 4];
    for l in 0..L {
        [ctr[0][l], ctr[1][l], ctr[2][l], ctr[3][l]] = counter(first + l as u64);
    }
    ctr
}

/// One 128-bit output for counter `ctr` under `key` (the lanes' reference,
/// in tests).
#[cfg(test)]
pub fn philox4x32_10(mut ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    for k in round_keys(key) {
        let (hi0, lo0) = mulhilo(M0, ctr[0]);
        let (hi1, lo1) = mulhilo(M1, ctr[2]);
        ctr = [hi1 ^ ctr[1] ^ k[0], lo1, hi0 ^ ctr[3] ^ k[1], lo0];
    }
    ctr
}

/// `L` outputs at once: counter word `w` of lane `l` is `ctr[w][l]`, the
/// same key for every lane; output word `w` of lane `l` is `out[w][l]`.
#[inline(always)]
pub fn philox_lanes<const L: usize>(mut ctr: [[u32; L]; 4], key: [u32; 2]) -> [[u32; L]; 4] {
    for k in round_keys(key) {
        let mut next = [[0u32; L]; 4];
        for l in 0..L {
            let (hi0, lo0) = mulhilo(M0, ctr[0][l]);
            let (hi1, lo1) = mulhilo(M1, ctr[2][l]);
            next[0][l] = hi1 ^ ctr[1][l] ^ k[0];
            next[1][l] = lo1;
            next[2][l] = hi0 ^ ctr[3][l] ^ k[1];
            next[3][l] = lo0;
        }
        ctr = next;
    }
    ctr
}

/// The key for a 64-bit seed.
pub fn key_of(seed: u64) -> [u32; 2] {
    [seed as u32, (seed >> 32) as u32]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random123 `tests/kat_vectors`, the three `philox4x32 10` lines:
    /// counter, key, expected output.
    const KAT: [([u32; 4], [u32; 2], [u32; 4]); 3] = [
        (
            [0, 0, 0, 0],
            [0, 0],
            [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8],
        ),
        (
            [0xffff_ffff; 4],
            [0xffff_ffff; 2],
            [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd],
        ),
        (
            [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344],
            [0xa409_3822, 0x299f_31d0],
            [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1],
        ),
    ];

    #[test]
    fn known_answers() {
        for (ctr, key, want) in KAT {
            assert_eq!(philox4x32_10(ctr, key), want);
        }
    }

    #[test]
    fn lanes_equal_the_scalar_form() {
        let mut ctr = [[0u32; 8]; 4];
        for l in 0..8 {
            for w in 0..4 {
                ctr[w][l] = KAT[l % 3].0[w].wrapping_add(l as u32 * 977);
            }
        }
        let key = [0x1234_5678, 0x9abc_def0];
        let out = philox_lanes(ctr, key);
        for l in 0..8 {
            let c = [ctr[0][l], ctr[1][l], ctr[2][l], ctr[3][l]];
            let want = philox4x32_10(c, key);
            for w in 0..4 {
                assert_eq!(out[w][l], want[w]);
            }
        }
    }
}
