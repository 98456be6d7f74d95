//! A numeric axis with exactly the ticks we choose. plotters' own
//! `with_key_points` on `f64` cannot take a mesh (no default formatter), and
//! its automatic ticks land on values like 2032.5 for fiscal years.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;

/// `lo..hi` with gridlines and labels at `ticks`.
#[derive(Clone)]
pub struct Axis {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Axis {
    /// An axis over `lo..hi` ticked at `ticks` (those outside are dropped).
    pub fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Axis {
        let ticks = ticks
            .into_iter()
            .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
            .collect();
        Axis {
            inner: (lo..hi).into(),
            ticks,
        }
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold points: one gridline per tick, no minor lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        super::style::tick(*value)
    }
}
