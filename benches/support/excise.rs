//! "Excise, then parse": a way to make simd-json skip what the grader never
//! reads, written only to be measured (benches/README.md). Before the parse,
//! one pass finds every string token; a long string in value position (a
//! system prompt, an e-mail in a user turn, a tool result) whose content is
//! valid (UTF-8, no control bytes, only simple escapes) is replaced in the
//! copy handed to simd-json by a short placeholder, `"\u0000<index>"`, and
//! its span is kept for a reader to unescape on demand. A valid string token
//! replaced by another leaves the document valid exactly when it was, so
//! simd-json still validates everything else.
//!
//! It lost: generated records hold ~200 quotes and ~200 backslashes per
//! 10 KB, and finding them one `memchr2` call at a time costs nearly as much
//! as simd-json's whole parse, which finds them 64 bytes per step.

use memchr::{memchr, memchr2};
use std::io::Write;

/// Whether `s` holds no byte below 0x20 (raw control bytes are invalid in
/// JSON strings). A branch-free minimum per block, so it vectorises.
fn no_control(s: &[u8]) -> bool {
    s.chunks(64)
        .all(|c| c.iter().fold(0xff_u8, |m, &b| m.min(b)) >= 0x20)
}

/// Copies `line` into `out` with every valid value string longer than
/// `longer_than` bytes replaced by a placeholder; `spans` gets each excised
/// string's content span and whether it holds escapes. Returns `false`, with
/// `out` unspecified, when the line should be parsed as it is: a string
/// never closes, an escape is malformed, or the line itself contains
/// `\u0000` (a placeholder would be ambiguous).
pub fn excise(
    line: &[u8],
    longer_than: usize,
    out: &mut Vec<u8>,
    spans: &mut Vec<(u32, u32, bool)>,
) -> bool {
    out.clear();
    spans.clear();
    let (mut copied, mut i, mut nul) = (0, 0, false);
    while let Some(q) = memchr(b'"', &line[i..]) {
        let start = i + q;
        let (mut j, mut escaped, mut unicode) = (start + 1, false, false);
        let end = loop {
            let Some(p) = memchr2(b'"', b'\\', &line[j..]) else {
                return false;
            };
            let p = j + p;
            if line[p] == b'"' {
                break p;
            }
            escaped = true;
            match line.get(p + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => j = p + 2,
                Some(b'u') => {
                    unicode = true;
                    nul |= line.get(p + 2..p + 6) == Some(b"0000");
                    j = p + 2;
                }
                _ => return false,
            }
        };
        i = end + 1;
        let body = &line[start + 1..end];
        if body.len() <= longer_than || unicode {
            continue;
        }
        let mut k = i;
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = line.get(k) {
            k += 1;
        }
        // Keys stay: two distinct long keys must not become one.
        if line.get(k) == Some(&b':')
            || !no_control(body)
            || simdutf8::basic::from_utf8(body).is_err()
        {
            continue;
        }
        out.extend_from_slice(&line[copied..start]);
        // Writing into a Vec cannot fail.
        let _ = write!(out, "\"\\u0000{}\"", spans.len());
        spans.push((start as u32 + 1, end as u32, escaped));
        copied = end + 1;
    }
    if nul {
        return false;
    }
    out.extend_from_slice(&line[copied..]);
    true
}
