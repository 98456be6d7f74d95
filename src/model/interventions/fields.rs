//! The numeric fields of an intervention in one table: their name, their
//! range, how to read and set them. Uncertainty draws, switching values,
//! sweeps, sensitivities and the check that a point value lies within its
//! own distribution all go through this table, so a field added here is
//! usable everywhere at once.

use super::spec::{default_take_up, Intervention};

/// What a field measures, which bounds the values it can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A fraction 0..1.
    Share,
    /// Years, at least 0.
    Years,
    /// £bn, at least 0.
    GbpBn,
    /// Percentage points a year, −5..5.
    Pp,
    /// An uplift on a cost, above −1 (−0.5 halves it).
    Uplift,
    /// A multiple, at least 0.
    Multiple,
    /// Percent a year, 0..100.
    Pct,
    /// A count of the programme's own units, at least 0.
    Quantity,
    /// A rate per year, above 0.
    Rate,
}

impl Kind {
    /// The smallest and largest value the model accepts.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Kind::Share => (0.0, 1.0),
            Kind::Years => (0.0, 200.0),
            Kind::GbpBn => (0.0, 1000.0),
            Kind::Pp => (-5.0, 5.0),
            Kind::Uplift => (-0.99, 10.0),
            Kind::Multiple => (0.0, 20.0),
            Kind::Pct => (0.0, 100.0),
            Kind::Quantity => (0.0, 1.0e9),
            Kind::Rate => (0.01, 20.0),
        }
    }

    /// `v` brought within the bounds.
    pub fn clamp(self, v: f64) -> f64 {
        let (lo, hi) = self.bounds();
        if v.is_nan() {
            lo
        } else {
            v.clamp(lo, hi)
        }
    }
}

/// One numeric field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name in the scenario file.
    pub name: &'static str,
    /// What it measures.
    pub kind: Kind,
    /// Its value in force (defaults applied).
    pub get: fn(&Intervention) -> f64,
    /// Set it (the value is clamped to the kind's bounds first).
    pub set: fn(&mut Intervention, f64),
}

impl Field {
    /// Set the field of `i` to `v`, brought within bounds.
    pub fn put(&self, i: &mut Intervention, v: f64) {
        (self.set)(i, self.kind.clamp(v));
    }
}

macro_rules! plain {
    ($name:ident, $kind:expr) => {
        Field {
            name: stringify!($name),
            kind: $kind,
            get: |i| i.$name,
            set: |i, v| i.$name = v,
        }
    };
}

macro_rules! optional {
    ($name:ident, $kind:expr, $default:expr) => {
        Field {
            name: stringify!($name),
            kind: $kind,
            get: |i| i.$name.unwrap_or($default),
            set: |i, v| i.$name = Some(v),
        }
    };
}

/// Every numeric field that can be drawn, swept or switched, in the fixed
/// order in which a probabilistic path draws them.
pub const FIELDS: &[Field] = &[
    plain!(saving_share, Kind::Share),
    plain!(saving_gbp_bn, Kind::GbpBn),
    plain!(units_quantity, Kind::Quantity),
    plain!(saving_gbp_bn_per_unit, Kind::GbpBn),
    plain!(productivity_growth_pp, Kind::Pp),
    plain!(productivity_years, Kind::Years),
    plain!(delay_years, Kind::Years),
    optional!(
        adoption_midpoint_years,
        Kind::Years,
        default_take_up::MIDPOINT_YEARS
    ),
    optional!(adoption_steepness, Kind::Rate, default_take_up::STEEPNESS),
    optional!(ramp_years, Kind::Rate, default_take_up::RAMP_YEARS),
    plain!(take_up_cap_share, Kind::Share),
    plain!(upfront_cost_gbp_bn, Kind::GbpBn),
    plain!(upfront_cost_gbp_bn_per_unit, Kind::GbpBn),
    plain!(running_cost_gbp_bn, Kind::GbpBn),
    plain!(running_cost_gbp_bn_per_unit, Kind::GbpBn),
    plain!(refresh_cost_share, Kind::Share),
    plain!(optimism_bias_cost_uplift_share, Kind::Uplift),
    plain!(optimism_bias_duration_uplift_share, Kind::Uplift),
    plain!(benefit_haircut_share, Kind::Share),
    plain!(probability_of_success_share, Kind::Share),
    plain!(cashable_share, Kind::Share),
    optional!(exchequer_retention_share, Kind::Share, 0.0),
    plain!(decay_pct, Kind::Pct),
    optional!(asset_life_years, Kind::Years, f64::INFINITY),
    plain!(saving_in_baseline_share, Kind::Share),
    plain!(upfront_cost_in_baseline_share, Kind::Share),
    plain!(running_cost_in_baseline_share, Kind::Share),
    plain!(deadweight_share, Kind::Share),
    plain!(displacement_share, Kind::Share),
    plain!(rebound_share, Kind::Share),
    plain!(exit_cost_multiple, Kind::Multiple),
    plain!(citizen_time_saving_gbp_bn, Kind::GbpBn),
];

/// The field called `name`.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// Every field name, for suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|f| f.name)
}

/// The fields that carry an intervention's saving to the public finances:
/// its size, realisation, cash, retention and persistence, and its main
/// costs. Their evidence grades make its grade, and they get switching
/// values.
pub const KEY_FIELDS: &[&str] = &[
    "saving_share",
    "saving_gbp_bn",
    "units_quantity",
    "saving_gbp_bn_per_unit",
    "productivity_growth_pp",
    "productivity_years",
    "benefit_haircut_share",
    "probability_of_success_share",
    "cashable_share",
    "exchequer_retention_share",
    "decay_pct",
    "asset_life_years",
    "saving_in_baseline_share",
    "upfront_cost_gbp_bn",
    "running_cost_gbp_bn",
    "optimism_bias_cost_uplift_share",
];

/// The key fields that apply to `i`: a size field only when it is set
/// (a saving given as a share has no `saving_gbp_bn` to switch).
pub fn key_fields_of(i: &Intervention) -> Vec<&'static Field> {
    let sizes = [
        "saving_share",
        "saving_gbp_bn",
        "units_quantity",
        "saving_gbp_bn_per_unit",
        "productivity_growth_pp",
        "productivity_years",
        "upfront_cost_gbp_bn",
        "running_cost_gbp_bn",
    ];
    KEY_FIELDS
        .iter()
        .filter_map(|n| field(n))
        .filter(|f| !sizes.contains(&f.name) || (f.get)(i) != 0.0)
        .filter(|f| match f.name {
            // A productivity programme's years matter only with its growth.
            "productivity_years" => i.productivity_growth_pp != 0.0,
            "saving_gbp_bn_per_unit" => i.units_quantity != 0.0,
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_was_set() {
        let mut i: Intervention = toml::from_str(
            "name = \"x\"\ntarget = \"health\"\nstart_year = \"2026-27\"\nexchequer_retention_share = 0.5\n",
        )
        .unwrap();
        for (k, f) in FIELDS.iter().enumerate() {
            let (lo, hi) = f.kind.bounds();
            let v = (lo + 0.37 * (hi.min(50.0) - lo)).max(lo + 0.01 * k as f64);
            f.put(&mut i, v);
            assert_eq!((f.get)(&i), f.kind.clamp(v), "{}", f.name);
        }
        let names: Vec<&str> = names().collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "names are unique");
        assert!(KEY_FIELDS.iter().all(|k| field(k).is_some()));
    }

    #[test]
    fn clamping_keeps_values_usable() {
        assert_eq!(Kind::Share.clamp(1.4), 1.0);
        assert_eq!(Kind::Share.clamp(f64::NAN), 0.0);
        assert_eq!(Kind::Rate.clamp(0.0), 0.01);
        assert_eq!(Kind::Uplift.clamp(-3.0), -0.99);
    }
}
