//! Text from inputs (model names, group keys, file names, field values in
//! diagnostics) made harmless for where it is shown.
//!
//! - A terminal: every C0 and C1 control character and DEL is written
//!   visibly (`\n`, `\r`, `\t`, `\x1b`, `\u{9b}`), so a name cannot change
//!   the window title, clear the screen or hide text with a carriage return
//!   ([`visible`]).
//! - A spreadsheet: a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or
//!   a carriage return is prefixed with `'`, which spreadsheets show instead
//!   of running the cell as a formula (OWASP, "CSV Injection"); `assay grade
//!   --csv-formulas` keeps cells as they are ([`csv_cell`]).
//! - Markdown: `|` is escaped, line breaks become `<br>`, and `<`, `>`, `&`
//!   become entities, so a name can neither split a table row nor inject
//!   HTML ([`md_cell`]).
//!
//! HTML, SVG and JSON escape with their own rules in their exporters.

use std::borrow::Cow;
use std::fmt::Write;

/// `s` with every control character (C0, DEL, C1) written visibly.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Every cell of a terminal table made [`visible`].
pub(crate) fn visible_cells(rows: &mut [Vec<String>]) {
    for cell in rows.iter_mut().flatten() {
        if let Cow::Owned(s) = visible(cell) {
            *cell = s;
        }
    }
}

/// Each line of `s` made [`visible`], the line breaks kept (for
/// multi-line diagnostics).
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// Whether a spreadsheet would read a cell starting like `s` as a formula.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// One CSV cell (RFC 4180 quoting); with `guard`, a cell a spreadsheet
/// would run as a formula gets a leading `'`.
pub fn csv_cell(s: &str, guard: bool) -> String {
    let guarded;
    let s = if guard && formula_like(s) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One Markdown table cell.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    visible(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert!(matches!(visible("gpt-4o"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\x1b]0;pwned\x07b\rc\u{9b}2J\x7f"),
            "a\\x1b]0;pwned\\x07b\\rc\\u{9b}2J\\x7f"
        );
        assert_eq!(visible_lines("x\x1b\ny"), "x\\x1b\ny");
    }

    #[test]
    fn formulas_are_quoted_for_spreadsheets() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+cmd", "'+cmd"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            (
                "=HYPERLINK(\"x\",\"y\")",
                "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
            ),
            ("gpt-4o", "gpt-4o"),
            ("a,b", "\"a,b\""),
        ] {
            assert_eq!(csv_cell(cell, true), want, "{cell:?}");
        }
        assert_eq!(csv_cell("=1+1", false), "=1+1");
    }

    #[test]
    fn markdown_cells_stay_one_cell() {
        assert_eq!(
            md_cell("a|b\r\nc\nd<script>&\x1b"),
            "a\\|b<br>c<br>d&lt;script&gt;&amp;\\x1b"
        );
    }
}
