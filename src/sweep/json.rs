//! JSON writing for the generator: string escaping and integer formatting into a
//! reused byte buffer.
//!
//! Owns only the wire encoding. Records are written by hand (no `serde_json::Value`
//! trees) so that a million-record sweep streams at disk speed. Every string goes
//! through [`push_str`], which escapes `"`, `\` and control characters. Two other
//! encodings exist so sweeps exercise readers: [`Enc::Ascii`] writes every non-ASCII
//! character as `\uXXXX` (a surrogate pair above U+FFFF), and [`Enc::Translit`]
//! replaces typography and accents with ASCII look-alikes, as some harnesses do.

/// How non-ASCII text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Enc {
    /// UTF-8 as is.
    Utf8,
    /// `\uXXXX` escapes.
    Ascii,
    /// ASCII transliteration (`’` → `'`, `é` → `e`, `—` → `--`).
    Translit,
}

/// Bytes that can be copied verbatim in normal mode (0 = copy, 1 = escape).
const NEEDS_ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'"' as usize] = 1;
    t[b'\\' as usize] = 1;
    t
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` as a quoted JSON string.
///
/// `s` must be UTF-8 (the generator only ever splits text at ASCII bytes).
pub(crate) fn push_str(out: &mut Vec<u8>, s: &[u8], enc: Enc) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    push_escaped(out, s, enc);
    out.push(b'"');
}

/// Appends the escaped body of a JSON string (no surrounding quotes).
pub(crate) fn push_escaped(out: &mut Vec<u8>, s: &[u8], enc: Enc) {
    let ascii = enc != Enc::Utf8;
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if NEEDS_ESCAPE[b as usize] == 0 && (b < 0x80 || !ascii) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&s[start..i]);
        if b >= 0x80 {
            let (cp, len) = decode_utf8(&s[i..]);
            if enc == Enc::Translit {
                push_escaped(out, translit(cp).as_bytes(), Enc::Ascii);
            } else {
                push_u_escape(out, cp);
            }
            i += len;
        } else {
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                _ => push_u_escape(out, u32::from(b)),
            }
            i += 1;
        }
        start = i;
    }
    out.extend_from_slice(&s[start..]);
}

/// ASCII stand-in for a non-ASCII character.
fn translit(cp: u32) -> &'static str {
    let c = char::from_u32(cp).unwrap_or('?');
    match c {
        '‘' | '’' | '′' => "'",
        '“' | '”' | '„' | '«' | '»' => "\"",
        '—' => "--",
        '–' | '−' => "-",
        '…' => "...",
        '°' => " deg",
        '€' => "EUR ",
        '§' => "S.",
        '₂' => "2",
        '●' => "*",
        '→' => "->",
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'Á' | 'À' | 'Â' | 'Ä' | 'Å' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' => "E",
        'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => "o",
        'Ö' | 'Ø' | 'Ō' => "O",
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => "u",
        'Ü' => "U",
        'ñ' => "n",
        'ç' => "c",
        'ł' => "l",
        'Ł' => "L",
        'ß' => "ss",
        'æ' => "ae",
        _ => "?",
    }
}

fn push_u_escape(out: &mut Vec<u8>, cp: u32) {
    if cp >= 0x1_0000 {
        let v = cp - 0x1_0000;
        push_u16(out, 0xD800 + (v >> 10));
        push_u16(out, 0xDC00 + (v & 0x3FF));
    } else {
        push_u16(out, cp);
    }
}

fn push_u16(out: &mut Vec<u8>, u: u32) {
    out.extend_from_slice(&[
        b'\\',
        b'u',
        HEX[((u >> 12) & 0xF) as usize],
        HEX[((u >> 8) & 0xF) as usize],
        HEX[((u >> 4) & 0xF) as usize],
        HEX[(u & 0xF) as usize],
    ]);
}

/// Decodes one UTF-8 scalar at the start of `s` (which starts with a byte >= 0x80).
/// Malformed input (impossible for generator text) decodes as U+FFFD, one byte.
fn decode_utf8(s: &[u8]) -> (u32, usize) {
    let b0 = u32::from(s[0]);
    let cont = |k: usize| s.get(k).map_or(0, |&b| u32::from(b) & 0x3F);
    if b0 >= 0xF0 && s.len() >= 4 {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    } else if b0 >= 0xE0 && s.len() >= 3 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else if b0 >= 0xC0 && s.len() >= 2 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else {
        (0xFFFD, 1)
    }
}

/// Appends the decimal form of `n`.
pub(crate) fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `true` or `false`.
pub(crate) fn push_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, enc: Enc) -> String {
        let mut v = Vec::new();
        push_str(&mut v, s.as_bytes(), enc);
        String::from_utf8(v).expect("escaped JSON is UTF-8")
    }

    #[test]
    fn escapes_round_trip_through_serde() {
        let s = "quote \" back \\ nl \n tab \t cr \r bell \u{7} — “Zoë” 𝄞 end";
        for enc in [Enc::Utf8, Enc::Ascii] {
            let e = esc(s, enc);
            let back: String = serde_json::from_str(&e).expect("valid JSON string");
            assert_eq!(back, s);
            if enc == Enc::Ascii {
                assert!(e.is_ascii(), "{e}");
                assert!(e.contains("\\ud834\\udd1e"), "{e}");
            } else {
                assert!(e.contains('—'));
            }
        }
        let t = esc("“Zoë’s” — 17 °C", Enc::Translit);
        let back: String = serde_json::from_str(&t).expect("valid JSON string");
        assert_eq!(back, "\"Zoe's\" -- 17  degC");
    }

    #[test]
    fn integers() {
        for n in [0u64, 7, 10, 12345, u64::MAX] {
            let mut v = Vec::new();
            push_u64(&mut v, n);
            assert_eq!(v, n.to_string().into_bytes());
        }
    }
}
