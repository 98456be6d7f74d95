//! Fiscal years (April to March), written `2025-26` as the OBR and ONS do.
//!
//! A [`FiscalYear`] is stored as the calendar year in which it starts, so
//! `FiscalYear(2025)` is 2025-26. Population figures are mid-year (30 June)
//! estimates of that same calendar year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A UK fiscal year, identified by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The calendar year in which the fiscal year starts (and whose mid-year
    /// population it uses).
    pub fn start(self) -> i32 {
        self.0
    }

    /// The following fiscal year.
    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    /// The preceding fiscal year.
    pub fn prev(self) -> FiscalYear {
        FiscalYear(self.0 - 1)
    }

    /// Years from `self` to `other` (negative when `other` is earlier).
    pub fn years_until(self, other: FiscalYear) -> i32 {
        other.0 - self.0
    }
}

/// Why a fiscal-year label could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a fiscal year: write it as `2025-26` (start year, dash, last two digits of the next year)")]
pub struct FiscalYearError {
    /// The text that failed to parse.
    pub text: String,
}

impl FromStr for FiscalYear {
    type Err = FiscalYearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || FiscalYearError {
            text: s.to_string(),
        };
        let t = s.trim();
        let (a, b) = t.split_once('-').ok_or_else(err)?;
        if a.len() != 4 || b.len() != 2 {
            return Err(err());
        }
        let start: i32 = a.parse().map_err(|_| err())?;
        let end: i32 = b.parse().map_err(|_| err())?;
        if (start + 1).rem_euclid(100) != end {
            return Err(err());
        }
        Ok(FiscalYear(start))
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let y: FiscalYear = "2025-26".parse().unwrap();
        assert_eq!(y, FiscalYear(2025));
        assert_eq!(y.to_string(), "2025-26");
        assert_eq!(FiscalYear(1999).to_string(), "1999-00");
        assert_eq!("1999-00".parse::<FiscalYear>().unwrap(), FiscalYear(1999));
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["2025", "2025-27", "25-26", "2025/26", "abcd-ef", ""] {
            assert!(bad.parse::<FiscalYear>().is_err(), "{bad}");
        }
    }
}
