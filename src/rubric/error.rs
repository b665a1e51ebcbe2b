//! Rubric errors that point at the rubric: `file:line:col`, the line, a caret.

use std::fmt;
use std::ops::Range;

/// A rubric could not be loaded or compiled.
///
/// The message names the file, line and column, shows the line with a caret
/// under the offending text, and says what to do. Opaque on purpose: match on
/// the [`RubricError::message`] text in tests, not on variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RubricError {
    origin: String,
    message: String,
    help: Option<String>,
    location: Option<Location>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Location {
    line: usize,
    col: usize,
    text: String,
    width: usize,
}

impl RubricError {
    pub(crate) fn new(
        origin: &str,
        source: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        RubricError {
            origin: origin.to_string(),
            message: message.into(),
            help: None,
            location: span.map(|s| locate(source, s)),
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line and column, when the error has a place in the file.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location.as_ref().map(|l| (l.line, l.col))
    }
}

fn locate(source: &str, span: Range<usize>) -> Location {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[..start].matches('\n').count() + 1;
    let col = source[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(source, span.end.clamp(start, line_end));
    let width = source[start..end].chars().count().max(1);
    Location {
        line,
        col,
        text: source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
        width,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            None => {
                writeln!(f, "{}: {}", self.origin, self.message)?;
            }
            Some(l) => {
                writeln!(f, "{}:{}:{}: {}", self.origin, l.line, l.col, self.message)?;
                let gutter = l.line.to_string().len();
                writeln!(f, "{:gutter$} |", "")?;
                writeln!(f, "{} | {}", l.line, l.text)?;
                // Tabs keep their width so the caret lines up.
                let pad: String = l
                    .text
                    .chars()
                    .take(l.col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{:gutter$} | {}{}", "", pad, "^".repeat(l.width))?;
            }
        }
        if let Some(h) = &self.help {
            writeln!(f, "help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RubricError {}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub(crate) fn similar<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let src = "a = 1\nall = [\"leverag\"]\n";
        let start = src.find("\"leverag\"").unwrap();
        let e = RubricError::new(
            "r.toml",
            src,
            Some(start..start + 9),
            "unknown pattern `leverag`",
        )
        .help("did you mean `leverage`?");
        assert_eq!(
            e.to_string(),
            "r.toml:2:8: unknown pattern `leverag`\n  |\n2 | all = [\"leverag\"]\n  |        ^^^^^^^^^\nhelp: did you mean `leverage`?\n"
        );
        assert_eq!(e.line_col(), Some((2, 8)));
    }

    #[test]
    fn suggestions_are_close_words_only() {
        assert_eq!(
            similar("leverag", ["leverage", "condition"]),
            Some("leverage")
        );
        assert_eq!(similar("zzz", ["leverage", "condition"]), None);
    }
}
