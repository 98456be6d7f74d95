//! Resource limits, stated and checked before any work: worker threads
//! (at most the cores available), the estimated run time of a fan,
//! appraisal or sweep (refused above [`MAX_SECONDS`] unless `--force`),
//! and the size of a streamed output (checked against the free disk space,
//! and refused above [`MAX_STREAM_BYTES`] unless `--force`).
//!
//! The time estimates are deliberately pessimistic rates, three to five
//! times those measured on the project's reference machine, so that a
//! slower machine is not surprised. Measured (CPU, two threads;
//! docs/performance.md) on 7 December 2026: a full-model path 2.7 ms, a
//! sweep point 0.8 ms; on 8 December: a reduced-form path-year 11 ns (fan
//! method version 5), an appraisal path of the seven-intervention
//! smarter-state package 0.1 ms, 0.15 ms with its fiscal gap.

use std::io::IsTerminal;

use super::UsageError;

/// Longest estimated run (wall-clock seconds) started without `--force`.
pub const MAX_SECONDS: f64 = 300.0;

/// Largest streamed output (bytes) started without `--force`.
pub const MAX_STREAM_BYTES: u64 = 2_000_000_000;

/// CPU seconds per reduced-form path-year (measured 11 ns).
pub const REDUCED_PATH_YEAR_S: f64 = 4e-8;
/// CPU seconds per full-model path (measured 2.7 ms).
pub const FULL_PATH_S: f64 = 8e-3;
/// CPU seconds per sweep point (measured 0.8 ms).
pub const SWEEP_POINT_S: f64 = 2.5e-3;
/// CPU seconds per appraisal path without, and with, its fiscal gap
/// (measured 0.1 ms and 0.15 ms for seven interventions).
pub const APPRAISAL_PATH_S: (f64, f64) = (5e-4, 6e-4);

/// The cores this process may use (1 when it cannot be told).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The worker threads for `--threads`: the cores when not given; refused
/// above the cores available (before any thread is started).
pub fn threads(asked: Option<usize>) -> Result<usize, UsageError> {
    let cores = cores();
    match asked {
        None | Some(0) => Ok(cores),
        Some(n) if n > cores => Err(UsageError(format!(
            "--threads {n} is more than the {cores} cores available: give at most {cores} (the output does not depend on it)"
        ))),
        Some(n) => Ok(n),
    }
}

/// Seconds as a short human figure.
pub fn human_seconds(s: f64) -> String {
    if s >= 3600.0 {
        format!("{:.1} hours", s / 3600.0)
    } else if s >= 120.0 {
        format!("{:.0} minutes", s / 60.0)
    } else {
        format!("{:.0} s", s.max(1.0))
    }
}

/// Check an estimated run of `cpu_seconds` over `threads` workers: refused
/// above [`MAX_SECONDS`] without `force`; a line on standard error with
/// the estimate when it is over a few seconds (the run then shows a
/// progress bar with its ETA on a terminal). `what` names the request and
/// `fewer` says how to ask for less.
pub fn check_time(
    cpu_seconds: f64,
    threads: usize,
    force: bool,
    what: &str,
    fewer: &str,
) -> Result<(), UsageError> {
    let wall = cpu_seconds / threads.max(1) as f64;
    let on = if threads == 1 {
        "1 thread".to_string()
    } else {
        format!("{threads} threads")
    };
    if !wall.is_finite() || (wall > MAX_SECONDS && !force) {
        return Err(UsageError(format!(
            "{what} would take about {} on {on}, over the limit of {}: {fewer}, or add --force to run it anyway",
            human_seconds(wall),
            human_seconds(MAX_SECONDS)
        )));
    }
    if wall >= 3.0 && !super::quiet() {
        super::note(&format!(
            "{what}: estimated {} on {on}",
            human_seconds(wall)
        ));
    }
    Ok(())
}

/// Check a streamed output of about `bytes` into `file`: refused when the
/// disk holding it has less free, or above [`MAX_STREAM_BYTES`] without
/// `force`.
pub fn check_stream(
    file: &std::path::Path,
    bytes: u64,
    force: bool,
    what: &str,
) -> Result<(), UsageError> {
    if bytes > MAX_STREAM_BYTES && !force {
        return Err(UsageError(format!(
            "{what} would be about {}, over the limit of {}: ask for fewer paths, or add --force to write it anyway",
            super::atomic::human_bytes(bytes),
            super::atomic::human_bytes(MAX_STREAM_BYTES)
        )));
    }
    super::atomic::ensure_space(super::parent_dir(file), bytes, what)
}

/// A progress bar with an ETA on standard error when it is a terminal and
/// the run is estimated to take a few seconds or more; hidden otherwise,
/// and with `--quiet`.
pub fn progress_bar(len: u64, wall_seconds: f64, unit: &str) -> indicatif::ProgressBar {
    if wall_seconds < 1.0 || super::quiet() || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {unit}, {{eta}} left"
    )) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_capped_at_the_cores() {
        assert_eq!(threads(None).unwrap(), cores());
        assert!(threads(Some(cores() + 1)).is_err());
        assert!(threads(Some(100_000))
            .unwrap_err()
            .0
            .contains("cores available"));
    }

    #[test]
    fn long_runs_need_force() {
        assert!(check_time(1e6, 2, false, "x", "fewer").is_err());
        assert!(check_time(1e6, 2, true, "x", "fewer").is_ok());
        assert!(check_time(f64::INFINITY, 2, true, "x", "fewer").is_err());
        assert!(check_time(1.0, 2, false, "x", "fewer").is_ok());
    }
}
