//! Units of output columns, read from the column name's suffix (the house
//! naming rule: `_gbp_bn`, `_pct_gdp`, `_pct`, `_pp`, `_years`, `_persons`,
//! ...), and what follows from the unit: the decimals a CSV prints, the unit
//! name a long CSV gives, and the number format a workbook uses. One table,
//! so that CSV, long CSV and XLSX agree.

/// The unit of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Billions of pounds, cash.
    GbpBn,
    /// Per cent of GDP.
    PctGdp,
    /// Per cent (a rate or growth).
    Pct,
    /// Percentage points (a difference of percentages).
    Pp,
    /// People.
    Persons,
    /// Years (ages, durations).
    Years,
    /// Per 1,000 people.
    Per1000,
    /// Children per woman.
    ChildrenPerWoman,
    /// A share between 0 and 1.
    Share,
    /// Anything else (plain number).
    Number,
}

impl Unit {
    /// The unit of the column called `name`.
    pub fn of(name: &str) -> Unit {
        let bare = name.strip_suffix("_difference").unwrap_or(name);
        let diff = bare.len() != name.len();
        // A leading `_` so that a bare unit (`pct_gdp`) matches as a suffix.
        let n = format!("_{bare}");
        let n = n.as_str();
        let unit = if n.ends_with("_gbp_bn") {
            Unit::GbpBn
        } else if n.ends_with("_pct_gdp") {
            Unit::PctGdp
        } else if n.ends_with("_pp") {
            Unit::Pp
        } else if n.ends_with("_pct") {
            Unit::Pct
        } else if n.ends_with("_persons") || n == "_population" || n == "_employment" {
            Unit::Persons
        } else if n.ends_with("_years") {
            Unit::Years
        } else if n.ends_with("_per_1000") {
            Unit::Per1000
        } else if n.ends_with("_children_per_woman") || n == "_tfr" {
            Unit::ChildrenPerWoman
        } else if n.ends_with("_share") {
            Unit::Share
        } else {
            Unit::Number
        };
        // A difference of percentages is in percentage points.
        match unit {
            Unit::PctGdp | Unit::Pct if diff => Unit::Pp,
            u => u,
        }
    }

    /// Decimals in CSV files: £1 million, a thousandth of a per cent or
    /// point, whole people, a hundredth of a year.
    pub fn decimals(self) -> usize {
        match self {
            Unit::Persons => 0,
            Unit::Per1000 => 1,
            Unit::Years => 2,
            Unit::GbpBn | Unit::PctGdp | Unit::Pct | Unit::Pp | Unit::ChildrenPerWoman => 3,
            Unit::Share => 4,
            Unit::Number => 6,
        }
    }

    /// The unit's name in long CSV.
    pub fn key(self) -> &'static str {
        match self {
            Unit::GbpBn => "gbp_bn",
            Unit::PctGdp => "pct_gdp",
            Unit::Pct => "pct",
            Unit::Pp => "pp",
            Unit::Persons => "persons",
            Unit::Years => "years",
            Unit::Per1000 => "per_1000",
            Unit::ChildrenPerWoman => "children_per_woman",
            Unit::Share => "share",
            Unit::Number => "number",
        }
    }

    /// The unit for people reading it (reports, workbooks).
    #[cfg(feature = "reports")]
    pub fn label(self) -> &'static str {
        match self {
            Unit::GbpBn => "£bn",
            Unit::PctGdp => "% of GDP",
            Unit::Pct => "%",
            Unit::Pp => "percentage points",
            Unit::Persons => "people",
            Unit::Years => "years",
            Unit::Per1000 => "per 1,000",
            Unit::ChildrenPerWoman => "children per woman",
            Unit::Share => "share (0 to 1)",
            Unit::Number => "",
        }
    }

    /// The Excel number format: one decimal for % of GDP and £bn, people
    /// as integers with thousands separators.
    #[cfg(feature = "reports")]
    pub fn excel_format(self) -> &'static str {
        match self {
            Unit::GbpBn | Unit::PctGdp | Unit::Pp | Unit::Per1000 => "#,##0.0",
            Unit::Pct | Unit::Years | Unit::ChildrenPerWoman => "0.00",
            Unit::Persons => "#,##0",
            Unit::Share => "0.000",
            Unit::Number => "General",
        }
    }

    /// `v` with this unit's decimals, byte-stable (no `-0`).
    pub fn format(self, v: f64) -> String {
        let s = format!("{v:.*}", self.decimals());
        match s.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
            _ => s,
        }
    }
}

/// `v` formatted for the column `name`.
pub fn format(name: &str, v: f64) -> String {
    Unit::of(name).format(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_names() {
        assert_eq!(Unit::of("psnd_gbp_bn"), Unit::GbpBn);
        assert_eq!(Unit::of("psnd_pct_gdp"), Unit::PctGdp);
        assert_eq!(Unit::of("psnd_pct_gdp_difference"), Unit::Pp);
        assert_eq!(Unit::of("gilt_rate_pct"), Unit::Pct);
        assert_eq!(Unit::of("population"), Unit::Persons);
        assert_eq!(Unit::of("births_persons"), Unit::Persons);
        assert_eq!(Unit::of("pct_gdp"), Unit::PctGdp);
        assert_eq!(Unit::of("persons"), Unit::Persons);
        assert_eq!(Unit::of("tfr_children_per_woman"), Unit::ChildrenPerWoman);
        assert_eq!(format("births_persons", 679531.6), "679532");
        assert_eq!(format("psnd_pct_gdp", 94.31234), "94.312");
        assert_eq!(format("psnd_pct_gdp", -0.0001), "0.000");
        assert_eq!(format("x", 1.5), "1.500000");
    }
}
