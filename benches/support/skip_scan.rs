//! A validating "skip scan" of one JSON line, written only to be measured
//! against simd-json (issue #5 asks to compare a tape, a DOM and a lazy or
//! skipping scan). It checks everything RFC 8259 asks of a document —
//! UTF-8, structure, string escapes, no raw control bytes, number grammar,
//! nesting depth — but builds no values: each string becomes a span of the
//! input and a flag saying whether it holds escapes, to be unescaped only
//! if a reader ever asks for it. Strings are skipped eight bytes at a time
//! (SWAR: a quote, a backslash or a control byte stops the loop).
//!
//! It lost: on generated sweeps it runs ~15–20 % faster than simd-json's
//! tape, not enough to pay for a second JSON parser in the product (see
//! benches/README.md), so it lives here and nowhere else.

/// One value or key of the scanned line.
#[derive(Clone, Copy, Debug)]
pub enum Node {
    Object(u32),
    Array(u32),
    /// Byte span of the raw string (between the quotes); `true` when it
    /// contains escapes.
    Str(u32, u32, bool),
    Number(u32, u32),
    Literal,
}

impl Node {
    /// Bytes of text the node covers (strings and numbers) or entries it
    /// holds (objects and arrays): something for a caller to read, so the
    /// benchmark consumes what the scan produced.
    pub fn size(self) -> usize {
        match self {
            Node::Object(n) | Node::Array(n) => n as usize,
            Node::Str(a, b, escaped) => (b - a) as usize + usize::from(escaped),
            Node::Number(a, b) => (b - a) as usize,
            Node::Literal => 1,
        }
    }
}

/// Why a line is not a JSON document: the byte offset of the fault.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid(pub usize);

const MAX_DEPTH: u32 = 1024;
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `x`, exactly (no false positives).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGH).wrapping_add(!HIGH)) | x) & HIGH
}

/// Scans `line` into `nodes` (cleared first).
pub fn scan(line: &[u8], nodes: &mut Vec<Node>) -> Result<(), Invalid> {
    nodes.clear();
    if let Err(e) = simdutf8::compat::from_utf8(line) {
        return Err(Invalid(e.valid_up_to()));
    }
    let mut s = Scanner {
        b: line,
        i: 0,
        nodes,
    };
    s.value(0)?;
    s.ws();
    if s.i != line.len() {
        return Err(Invalid(s.i));
    }
    Ok(())
}

struct Scanner<'a, 'n> {
    b: &'a [u8],
    i: usize,
    nodes: &'n mut Vec<Node>,
}

impl Scanner<'_, '_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Result<u8, Invalid> {
        self.b.get(self.i).copied().ok_or(Invalid(self.i))
    }

    fn expect(&mut self, c: u8) -> Result<(), Invalid> {
        self.ws();
        if self.peek()? != c {
            return Err(Invalid(self.i));
        }
        self.i += 1;
        Ok(())
    }

    fn string(&mut self) -> Result<(), Invalid> {
        let b = self.b;
        let start = self.i + 1;
        let mut j = start;
        let mut escaped = false;
        loop {
            let mut stop = None;
            while j + 8 <= b.len() {
                let w = u64::from_le_bytes(b[j..j + 8].try_into().expect("8 bytes"));
                let m = zero_bytes(w ^ (ONES * 0x22))
                    | zero_bytes(w ^ (ONES * 0x5c))
                    | zero_bytes(w & (ONES * 0xe0));
                if m != 0 {
                    stop = Some(j + (m.trailing_zeros() / 8) as usize);
                    break;
                }
                j += 8;
            }
            let p = match stop {
                Some(p) => p,
                None => {
                    let tail = b[j..]
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\' || c < 0x20);
                    j + tail.ok_or(Invalid(b.len()))?
                }
            };
            match b[p] {
                b'"' => {
                    self.nodes.push(Node::Str(start as u32, p as u32, escaped));
                    self.i = p + 1;
                    return Ok(());
                }
                b'\\' => {
                    escaped = true;
                    j = match b.get(p + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => p + 2,
                        Some(b'u') => match b.get(p + 2..p + 6) {
                            Some(h) if h.iter().all(u8::is_ascii_hexdigit) => p + 6,
                            _ => return Err(Invalid(p)),
                        },
                        _ => return Err(Invalid(p)),
                    };
                }
                _ => return Err(Invalid(p)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - from
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<(), Invalid> {
        let start = self.i;
        if self.peek()? == b'-' {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return Err(Invalid(self.i)),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(Invalid(self.i));
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(Invalid(self.i));
            }
        }
        self.nodes.push(Node::Number(start as u32, self.i as u32));
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Invalid> {
        if !self.b[self.i..].starts_with(word) {
            return Err(Invalid(self.i));
        }
        self.i += word.len();
        self.nodes.push(Node::Literal);
        Ok(())
    }

    fn value(&mut self, depth: u32) -> Result<(), Invalid> {
        if depth > MAX_DEPTH {
            return Err(Invalid(self.i));
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string(),
            b'{' => {
                let at = self.nodes.len();
                self.nodes.push(Node::Object(0));
                self.i += 1;
                self.ws();
                let mut n = 0;
                if self.peek()? == b'}' {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.peek()? != b'"' {
                            return Err(Invalid(self.i));
                        }
                        self.string()?;
                        self.expect(b':')?;
                        self.value(depth + 1)?;
                        n += 1;
                        self.ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b'}' => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(Invalid(self.i)),
                        }
                    }
                }
                self.nodes[at] = Node::Object(n);
                Ok(())
            }
            b'[' => {
                let at = self.nodes.len();
                self.nodes.push(Node::Array(0));
                self.i += 1;
                self.ws();
                let mut n = 0;
                if self.peek()? == b']' {
                    self.i += 1;
                } else {
                    loop {
                        self.value(depth + 1)?;
                        n += 1;
                        self.ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(Invalid(self.i)),
                        }
                    }
                }
                self.nodes[at] = Node::Array(n);
                Ok(())
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }
}
