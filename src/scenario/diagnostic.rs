//! Problems found in scenario files, each located at a file, line and column
//! and naming the field, so that `fiscal check` can list them all at once.

use std::fmt;

pub(crate) use crate::model::suggest::suggest;

/// One problem in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (path as given, or `embedded:default`).
    pub file: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// Dotted field path, when the problem is about one field.
    pub field: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An empty file: the message carries its own location.
        if !self.file.is_empty() {
            write!(f, "{}", self.file)?;
            if let Some((line, col)) = self.position {
                write!(f, ":{line}:{col}")?;
            }
            write!(f, ": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Every problem found while loading a scenario (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) struct ScenarioError {
    /// The problems, in file order.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if n > 1 {
            write!(f, "\n({n} problems)")?;
        }
        Ok(())
    }
}

impl ScenarioError {
    /// The problems sorted by line within each file, files in the order
    /// they were first reported; the same problem reported twice is kept
    /// once.
    pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> ScenarioError {
        let mut files: Vec<String> = Vec::new();
        for d in &diagnostics {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        let rank = |d: &Diagnostic| files.iter().position(|f| *f == d.file).unwrap_or(0);
        diagnostics.sort_by(|a, b| {
            rank(a).cmp(&rank(b)).then(
                a.position
                    .unwrap_or((0, 0))
                    .cmp(&b.position.unwrap_or((0, 0))),
            )
        });
        diagnostics.dedup();
        ScenarioError { diagnostics }
    }

    /// A single problem not tied to a position.
    pub(crate) fn single(file: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            diagnostics: vec![Diagnostic {
                file: file.to_string(),
                position: None,
                field: None,
                message: message.into(),
            }],
        }
    }
}

/// 1-based (line, column) of byte offset `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, col)
}

/// Line starts of a text, for positions in time logarithmic in its size:
/// a file with many problems (80,000 unknown keys) is reported in linear
/// time, not by rescanning the text from the start for each.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    /// Byte offset of each line's start, and whether the line is ASCII
    /// (its column is then a byte difference).
    starts: Vec<(usize, bool)>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            starts.push((start, line.is_ascii()));
            start += line.len();
        }
        // The empty line after a final newline (or of an empty text).
        if text.is_empty() || text.ends_with('\n') {
            starts.push((start, true));
        }
        LineIndex { starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let i = self
            .starts
            .partition_point(|(s, _)| *s <= offset)
            .saturating_sub(1);
        let (start, ascii) = self.starts.get(i).copied().unwrap_or((0, false));
        let col = if ascii {
            offset - start
        } else {
            text.get(start..offset).map_or(0, |t| t.chars().count())
        };
        (i + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_suggestions() {
        assert_eq!(line_col("a\nbc\nd", 3), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
        for text in ["a\nbc\nd", "abc", "é\nxé\n\ny", "", "\n\n"] {
            let index = LineIndex::new(text);
            for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
                assert_eq!(
                    index.line_col(text, offset),
                    line_col(text, offset),
                    "{text:?} {offset}"
                );
            }
        }
        assert_eq!(
            suggest(
                "cpi_inflaton_pct",
                ["cpi_inflation_pct", "gdp_deflator_growth_pct"]
            ),
            Some("cpi_inflation_pct")
        );
        assert_eq!(suggest("zzz", ["cpi_inflation_pct"]), None);
    }
}
