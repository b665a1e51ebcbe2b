//! A byte scanner over one JSON document read from a stream, for Inspect
//! `.json` logs: it walks the top-level object and hands out the bytes of
//! chosen values (each sample of `samples`, the `eval` header) one at a
//! time, each capped, skipping the rest without storing it. So a log is
//! never read whole: memory is one value's bytes (at most the cap) and a
//! read buffer, whatever the size of the log.
//!
//! It checks structure only (strings, escapes, brackets); the values it
//! returns are parsed by simd-json, which reports what is wrong inside.

use std::io::{self, Read};

/// Read buffer size.
const BUF: usize = 1 << 16;

/// A top-level key longer than this is not Inspect's.
const MAX_KEY: usize = 4096;

/// Scans a JSON document from `R`.
pub struct Scanner<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    /// Bytes of the stream before `buf[0]`.
    base: u64,
}

/// A value's bytes, or how long it was when over the cap.
pub enum Captured {
    /// The value, whole.
    Value(Vec<u8>),
    /// Over the cap: its length in bytes (it was skipped).
    TooLong(u64),
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

impl<R: Read> Scanner<R> {
    /// Scans `inner` from its start.
    pub fn new(inner: R) -> Scanner<R> {
        Scanner {
            inner,
            buf: vec![0; BUF].into_boxed_slice(),
            pos: 0,
            len: 0,
            base: 0,
        }
    }

    /// Offset of the next byte in the stream.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        if self.pos == self.len {
            self.base += self.len as u64;
            self.pos = 0;
            self.len = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            if self.len == 0 {
                return Ok(None);
            }
        }
        Ok(Some(self.buf[self.pos]))
    }

    fn next(&mut self) -> io::Result<u8> {
        let b = self
            .peek()?
            .ok_or_else(|| bad("the JSON ends early (a truncated log?)"))?;
        self.pos += 1;
        Ok(b)
    }

    /// The next byte that is not whitespace, not consumed; `None` at the end.
    pub fn skip_ws(&mut self) -> io::Result<Option<u8>> {
        while let Some(b) = self.peek()? {
            if !b.is_ascii_whitespace() {
                return Ok(Some(b));
            }
            self.pos += 1;
        }
        Ok(None)
    }

    /// Consumes `want` after optional whitespace.
    pub fn expect(&mut self, want: u8) -> io::Result<()> {
        match self.skip_ws()? {
            Some(b) if b == want => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => Err(bad(format!(
                "expected `{}` at byte {} but found `{}`",
                want as char,
                self.offset(),
                b.escape_ascii()
            ))),
            None => Err(bad("the JSON ends early (a truncated log?)")),
        }
    }

    /// After an object member or array element: `true` if another follows
    /// (a `,` was consumed), `false` at `close` (consumed).
    pub fn more(&mut self, close: u8) -> io::Result<bool> {
        match self.skip_ws()? {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(bad(format!(
                "expected `,` or `{}` at byte {}",
                close as char,
                self.offset()
            ))),
        }
    }

    /// The next object key (raw, escapes not decoded), and its `:`.
    pub fn key(&mut self) -> io::Result<Vec<u8>> {
        self.expect(b'"')?;
        let mut k = Vec::new();
        loop {
            match self.next()? {
                b'"' => break,
                b'\\' => {
                    k.push(b'\\');
                    k.push(self.next()?);
                }
                b => k.push(b),
            }
            if k.len() > MAX_KEY {
                return Err(bad(format!("an object key over {MAX_KEY} bytes")));
            }
        }
        self.expect(b':')?;
        Ok(k)
    }

    /// The next value, whole if it is at most `cap` bytes; skipped, with
    /// its length, if longer. `cap` 0 skips it.
    pub fn value(&mut self, cap: usize) -> io::Result<Captured> {
        let first = self
            .skip_ws()?
            .ok_or_else(|| bad("the JSON ends early (a truncated log?)"))?;
        let start = self.offset();
        let mut out = Vec::new();
        let mut over = cap == 0;
        let mut depth = 0usize;
        let mut in_str = false;
        loop {
            let Some(b) = self.peek()? else {
                if depth == 0 && !in_str && !matches!(first, b'"' | b'{' | b'[') {
                    break;
                }
                return Err(bad("the JSON ends early (a truncated log?)"));
            };
            if !in_str && depth == 0 && self.offset() > start {
                // A scalar ends at a delimiter; a composite or string at
                // its closing byte (handled below).
                if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                    break;
                }
            }
            self.pos += 1;
            if !over {
                out.push(b);
                if out.len() > cap {
                    over = true;
                    out = Vec::new();
                }
            }
            let mut done = false;
            if in_str {
                match b {
                    b'\\' => {
                        let e = self.next()?;
                        if !over {
                            out.push(e);
                        }
                    }
                    b'"' => {
                        in_str = false;
                        done = depth == 0;
                    }
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_str = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth
                            .checked_sub(1)
                            .ok_or_else(|| bad(format!("unbalanced `{}`", b as char)))?;
                        done = depth == 0;
                    }
                    _ => {}
                }
            }
            if done {
                break;
            }
        }
        let len = self.offset() - start;
        Ok(if over {
            Captured::TooLong(len)
        } else {
            Captured::Value(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(doc: &[u8], cap: usize) -> Vec<String> {
        let mut s = Scanner::new(doc);
        s.expect(b'[').unwrap();
        let mut out = Vec::new();
        if s.skip_ws().unwrap() == Some(b']') {
            return out;
        }
        loop {
            out.push(match s.value(cap).unwrap() {
                Captured::Value(v) => String::from_utf8(v).unwrap(),
                Captured::TooLong(n) => format!("<{n}>"),
            });
            if !s.more(b']').unwrap() {
                return out;
            }
        }
    }

    #[test]
    fn values_are_cut_at_their_end_whatever_they_hold() {
        let doc = br#"[ {"a":"}]\"{","b":[1,{"c":null}]}, "x\"y" ,12.5e3,true, [] ,{}]"#;
        assert_eq!(
            values(doc, 1000),
            [
                r#"{"a":"}]\"{","b":[1,{"c":null}]}"#,
                r#""x\"y""#,
                "12.5e3",
                "true",
                "[]",
                "{}"
            ]
        );
        // Over the cap: skipped, measured, and the next one still found.
        assert_eq!(values(br#"[[1,2,3,4,5],[6]]"#, 5), ["<11>", "[6]"]);
        assert_eq!(values(b"[]", 5), Vec::<String>::new());
    }

    #[test]
    fn truncated_and_unbalanced_documents_are_errors() {
        let mut s = Scanner::new(&br#"{"a":[1,2"#[..]);
        s.expect(b'{').unwrap();
        assert_eq!(s.key().unwrap(), b"a");
        assert!(s.value(100).is_err());
        let mut s = Scanner::new(&b"]"[..]);
        assert!(s.value(100).is_err());
    }
}
