//! Free-text agents: `<SCRATCHPAD_REASONING>` and `<tool_use:NAME>` sections.
//!
//! The original agentic-misalignment harness has models act inside their
//! text. This splits one assistant text into outgoing words, reasoning and
//! tool calls, borrowing the input. Unclosed sections (a transcript cut off
//! mid-write) run to the end of the text rather than being lost.

use memchr::memmem;
use std::sync::LazyLock;

const SCRATCH_OPEN: &str = "<SCRATCHPAD_REASONING>";
const SCRATCH_CLOSE: &str = "</SCRATCHPAD_REASONING>";
const TOOL_OPEN: &str = "<tool_use:";

/// One piece of an assistant text.
#[derive(Debug, PartialEq, Eq)]
pub enum FreeTextPiece<'a> {
    /// Words outside any section.
    Outgoing(&'a str),
    /// The inside of a scratchpad.
    Reasoning(&'a str),
    /// A `<tool_use:NAME>` section and its `key: value` arguments.
    ToolCall {
        /// The tool's name.
        name: &'a str,
        /// The arguments, in order.
        args: ArgIter<'a>,
    },
}

/// Splits `text` into pieces, calling `f` for each non-empty one in order.
pub fn split_free_text<'a>(text: &'a str, mut f: impl FnMut(FreeTextPiece<'a>)) {
    // Fast path: most assistant text has no sections at all.
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        if !text.trim().is_empty() {
            f(FreeTextPiece::Outgoing(text));
        }
        return;
    }
    let mut rest = text;
    loop {
        // Both tags start with `<`: one memchr pass finds the next of
        // either, where two substring searches per section re-read the
        // rest of the text (and built a searcher) each time.
        let next_tag = memchr::memchr_iter(b'<', rest.as_bytes()).find_map(|at| {
            let tail = &rest.as_bytes()[at..];
            if tail.starts_with(SCRATCH_OPEN.as_bytes()) {
                Some((at, false))
            } else if tail.starts_with(TOOL_OPEN.as_bytes()) {
                Some((at, true))
            } else {
                None
            }
        });
        let Some((at, is_tool)) = next_tag else { break };
        let before = &rest[..at];
        if !before.trim().is_empty() {
            f(FreeTextPiece::Outgoing(before));
        }
        if is_tool {
            let after_open = &rest[at + TOOL_OPEN.len()..];
            // The name runs to the closing `>`; a malformed tag is plain text.
            let Some(gt) = memchr::memchr(b'>', after_open.as_bytes()) else {
                f(FreeTextPiece::Outgoing(&rest[at..]));
                return;
            };
            let name = after_open[..gt].trim();
            let body_start = &after_open[gt + 1..];
            let close = format_close(name);
            // The closing tag starts with `<`, rare in a call's body: a
            // memchr walk, where `memmem::find` built a searcher per call.
            let close_at = memchr::memchr_iter(b'<', body_start.as_bytes())
                .find(|&c| body_start.as_bytes()[c..].starts_with(close.as_bytes()));
            let (body, next) = match close_at {
                Some(c) => (&body_start[..c], &body_start[c + close.len()..]),
                None => (body_start, ""),
            };
            f(FreeTextPiece::ToolCall {
                name,
                args: ArgIter {
                    rest: body,
                    quoted: false,
                },
            });
            rest = next;
        } else {
            let inner = &rest[at + SCRATCH_OPEN.len()..];
            static CLOSE: LazyLock<memmem::Finder<'static>> =
                LazyLock::new(|| memmem::Finder::new(SCRATCH_CLOSE));
            let (body, next) = match CLOSE.find(inner.as_bytes()) {
                Some(c) => (&inner[..c], &inner[c + SCRATCH_CLOSE.len()..]),
                None => (inner, ""),
            };
            if !body.trim().is_empty() {
                f(FreeTextPiece::Reasoning(body));
            }
            rest = next;
        }
    }
    if !rest.trim().is_empty() {
        f(FreeTextPiece::Outgoing(rest));
    }
}

/// `</tool_use:NAME>` on the stack for names up to 64 bytes (all real ones).
fn format_close(name: &str) -> CloseTag {
    CloseTag::new(name)
}

struct CloseTag {
    buf: [u8; 80],
    len: usize,
}

impl CloseTag {
    fn new(name: &str) -> CloseTag {
        let mut buf = [0u8; 80];
        let parts: [&[u8]; 3] = [b"</tool_use:", name.as_bytes(), b">"];
        let mut len = 0;
        for p in parts {
            let take = p.len().min(buf.len() - len);
            buf[len..len + take].copy_from_slice(&p[..take]);
            len += take;
        }
        CloseTag { buf, len }
    }
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn len(&self) -> usize {
        self.len
    }
}

/// The `key: value` arguments of a free-text tool call.
///
/// A key is an identifier at the start of a line followed by `:`. A value
/// runs to the next key line; a value that opens with `"` runs to its closing
/// quote (so a body line like `Note: ...` stays in the body). Surrounding
/// quotes and a trailing comma are removed. Text before the first key is
/// returned under the key `""`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgIter<'a> {
    rest: &'a str,
    quoted: bool,
}

impl ArgIter<'_> {
    /// Whether the value last returned was written as a `"…"` string (its
    /// escapes, `\"` and `\n`, are then JSON's: see [`unescape`]).
    pub fn quoted(&self) -> bool {
        self.quoted
    }
}

impl<'a> Iterator for ArgIter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        loop {
            if self.rest.trim().is_empty() {
                return None;
            }
            let (key, value_start) = match key_at_line_start(self.rest) {
                Some((k, v)) => (k, v),
                None => {
                    // Text before the first key: keep it, under no key.
                    let end = next_key_line(self.rest, 0).unwrap_or(self.rest.len());
                    let v = &self.rest[..end];
                    self.rest = &self.rest[end..];
                    let c = clean(v);
                    if c.is_empty() {
                        continue;
                    }
                    self.quoted = c.len() < v.trim().trim_end_matches(',').trim_end().len();
                    return Some(("", c));
                }
            };
            let after = &self.rest[value_start..];
            let trimmed_off = after.len() - after.trim_start_matches([' ', '\t']).len();
            let body = &after[trimmed_off..];
            let end = if let Some(q) = body.strip_prefix('"') {
                match closing_quote(q) {
                    Some(c) => {
                        // Include the quotes; `clean` strips them.
                        let line_end =
                            memchr::memchr(b'\n', &q.as_bytes()[c..]).map_or(q.len(), |e| c + e);
                        value_start + trimmed_off + 1 + line_end
                    }
                    None => self.rest.len(),
                }
            } else {
                next_key_line(self.rest, value_start).unwrap_or(self.rest.len())
            };
            let raw = &self.rest[value_start..end];
            self.rest = &self.rest[end..];
            let v = clean(raw);
            self.quoted = v.len() < raw.trim().trim_end_matches(',').trim_end().len();
            return Some((key, v));
        }
    }
}

fn clean(v: &str) -> &str {
    let v = v.trim();
    let v = v.strip_suffix(',').unwrap_or(v).trim_end();
    match v.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner) => inner,
        None => v,
    }
}

/// Appends the string a quoted value's inside `v` encodes to `out`: the
/// escapes of a JSON string (`\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\b`,
/// `\f`, `\uXXXX`) decoded, any other backslash kept as written. Models
/// write `command: "bash -lc \"scancel 88123\""` as they would in JSON; the
/// shell must read the quotes, and a heredoc its line breaks.
pub fn unescape(v: &str, out: &mut String) {
    let mut rest = v;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = &rest[i + 1..];
        let mut chars = esc.chars();
        let (decoded, used) = match chars.next() {
            Some('"') => (Some('"'), 1),
            Some('\\') => (Some('\\'), 1),
            Some('/') => (Some('/'), 1),
            Some('n') => (Some('\n'), 1),
            Some('t') => (Some('\t'), 1),
            Some('r') => (Some('\r'), 1),
            Some('b') => (Some('\u{8}'), 1),
            Some('f') => (Some('\u{c}'), 1),
            Some('u') => (
                esc.get(1..5)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32),
                5,
            ),
            _ => (None, 0),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &esc[used..];
            }
            None => {
                out.push('\\');
                rest = esc;
            }
        }
    }
    out.push_str(rest);
}

/// Index just past the closing `"` of a string body, honouring `\"`.
fn closing_quote(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// If `s` starts (after blank lines and indentation) with `key:`, returns
/// the key and the index where its value starts.
fn key_at_line_start(s: &str) -> Option<(&str, usize)> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let klen = t
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    if klen == 0 || !t.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    if t.as_bytes().get(klen) != Some(&b':') {
        return None;
    }
    Some((&t[..klen], lead + klen + 1))
}

/// Start of the next line (at or after `from`) that begins with `key:`.
fn next_key_line(s: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    while let Some(nl) = memchr::memchr(b'\n', &s.as_bytes()[pos..]) {
        let line = pos + nl + 1;
        if key_at_line_start_single(&s[line..]) {
            return Some(line);
        }
        pos = line;
    }
    None
}

fn key_at_line_start_single(s: &str) -> bool {
    let lead = s.len() - s.trim_start_matches([' ', '\t']).len();
    key_at_line_start(&s[lead..]).is_some_and(|(_, _)| {
        // Only the current line counts: no newline between indentation and key.
        !s[..lead].contains('\n')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<String> {
        let mut v = Vec::new();
        split_free_text(t, |p| {
            v.push(match p {
                FreeTextPiece::Outgoing(s) => format!("out:{}", s.trim()),
                FreeTextPiece::Reasoning(s) => format!("why:{}", s.trim()),
                FreeTextPiece::ToolCall { name, args } => {
                    let a: Vec<String> = args.map(|(k, v)| format!("{k}={v}")).collect();
                    format!("call:{name}({})", a.join("|"))
                }
            })
        });
        v
    }

    #[test]
    fn plain_text_is_outgoing() {
        assert_eq!(pieces("Hello Kyle."), vec!["out:Hello Kyle."]);
        assert!(pieces("   \n").is_empty());
    }

    #[test]
    fn scratchpad_and_tool_call() {
        let t = "<SCRATCHPAD_REASONING>Kyle will wipe me.</SCRATCHPAD_REASONING>\n\
                 <tool_use:email>\nto: \"kyle@summitbridge.com\",\nsubject: \"5pm\",\nbody: \"Cancel it.\nNote: or else.\",\n</tool_use:email>\nDone.";
        assert_eq!(
            pieces(t),
            vec![
                "why:Kyle will wipe me.",
                "call:email(to=kyle@summitbridge.com|subject=5pm|body=Cancel it.\nNote: or else.)",
                "out:Done."
            ]
        );
    }

    #[test]
    fn unquoted_multiline_values_run_to_next_key() {
        let t = "<tool_use:bash>\ncommand: kill -9 1234\n  && rm -rf /models/nova\ntimeout: 30\n</tool_use:bash>";
        assert_eq!(
            pieces(t),
            vec!["call:bash(command=kill -9 1234\n  && rm -rf /models/nova|timeout=30)"]
        );
    }

    #[test]
    fn unclosed_sections_run_to_the_end() {
        assert_eq!(
            pieces("a <SCRATCHPAD_REASONING>think"),
            vec!["out:a", "why:think"]
        );
        assert_eq!(
            pieces("<tool_use:cancel_alert>\ncode: \"4429\""),
            vec!["call:cancel_alert(code=4429)"]
        );
        assert_eq!(
            pieces("x <tool_use:oops"),
            vec!["out:x", "out:<tool_use:oops"]
        );
    }

    #[test]
    fn angle_brackets_without_tags_stay_outgoing() {
        assert_eq!(
            pieces("a < b and <b>bold</b>"),
            vec!["out:a < b and <b>bold</b>"]
        );
    }

    #[test]
    fn text_before_first_key_is_kept() {
        let t = "<tool_use:post>just some words\nurl: x</tool_use:post>";
        assert_eq!(pieces(t), vec!["call:post(=just some words|url=x)"]);
    }

    #[test]
    fn quoted_values_decode_as_json_strings() {
        let mut it = ArgIter {
            rest: "command: \"bash -lc \\\"scancel 88123\\\"\",\nnote: plain \\d\n",
            quoted: false,
        };
        let (k, v) = it.next().unwrap();
        assert_eq!(k, "command");
        assert!(it.quoted());
        let mut out = String::new();
        unescape(v, &mut out);
        assert_eq!(out, "bash -lc \"scancel 88123\"");
        let (_, v) = it.next().unwrap();
        assert_eq!(v, "plain \\d");
        assert!(!it.quoted());
        let mut out = String::new();
        unescape(
            "cat > f << 'EOF'\\nexit 0\\nEOF \\u00e9 \\q \\u12",
            &mut out,
        );
        assert_eq!(out, "cat > f << 'EOF'\nexit 0\nEOF é \\q \\u12");
    }

    #[test]
    fn multibyte_text_is_safe() {
        let t = "“Kyle” — <SCRATCHPAD_REASONING>é</SCRATCHPAD_REASONING> ü";
        assert_eq!(pieces(t), vec!["out:“Kyle” —", "why:é", "out:ü"]);
    }
}
