//! Decompression of concatenated gzip members and zstd frames, member by
//! member, so that the end of the last complete one is known.
//!
//! `flate2`'s `MultiGzDecoder` and `zstd`'s multi-frame decoder fail on
//! bytes after the last member (a stray newline appended by a script, a
//! second file cat-ed on that is not compressed) exactly as they fail on a
//! corrupt member, and the engine then dropped the file. Here each member
//! is decoded on its own; after one ends, the next bytes either start
//! another member (gzip magic `1f 8b`, a zstd frame or skippable frame) or
//! are trailing bytes: the stream ends there, every line before them is
//! graded, and [`Trailing`] holds a warning that names their offset. A
//! member that fails part-way is an error, after all the data decoded
//! before the failure has been returned; its message names the byte of the
//! compressed file where decoding stopped.

use super::Compression;
use std::io::{self, BufRead, Read};
use std::sync::{Arc, OnceLock};

/// Set, once, when a stream ended in bytes that are not compressed data:
/// the warning to show for the file.
pub type Trailing = Arc<OnceLock<String>>;

/// A `BufRead` that counts the bytes consumed from it: the offset in the
/// compressed file of what the decoder reads next.
struct Counted<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let have = self.fill_buf()?;
            let n = have.len().min(buf.len());
            buf[..n].copy_from_slice(&have[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

enum Member<R: BufRead> {
    Gzip(flate2::bufread::GzDecoder<Counted<R>>),
    Zstd(zstd::stream::read::Decoder<'static, Counted<R>>),
}

enum State<R: BufRead> {
    /// Decoding a member.
    Member(Member<R>),
    /// Between members (or before the first): what comes next decides.
    Between(Counted<R>),
    /// The end: no more output.
    Done,
}

/// Decodes a stream of concatenated gzip members or zstd frames.
pub struct Concatenated<R: BufRead> {
    state: State<R>,
    kind: Compression,
    members: u64,
    trailing: Trailing,
}

impl<R: BufRead> Concatenated<R> {
    /// Decodes `inner` as `kind` (gzip or zstd). Trailing bytes after the
    /// last complete member end the stream and set `trailing`.
    pub fn new(inner: R, kind: Compression, trailing: Trailing) -> Concatenated<R> {
        Concatenated {
            state: State::Between(Counted { inner, consumed: 0 }),
            kind,
            members: 0,
            trailing,
        }
    }

    fn what(&self) -> &'static str {
        match self.kind {
            Compression::Zstd => "zstd frame",
            _ => "gzip member",
        }
    }

    /// Whether `head` (possibly short) can start a member.
    fn starts_member(&self, head: &[u8]) -> bool {
        let magic: &[u8] = match self.kind {
            Compression::Zstd => &[0x28, 0xb5, 0x2f, 0xfd],
            _ => &[0x1f, 0x8b],
        };
        let n = head.len().min(magic.len());
        // A zstd skippable frame: magic 0x184D2A5? little-endian.
        let skippable = self.kind == Compression::Zstd
            && head.first().is_some_and(|b| b & 0xf0 == 0x50)
            && head
                .get(1..n)
                .is_some_and(|h| [0x2a, 0x4d, 0x18][..n - 1] == *h);
        head[..n] == magic[..n] || skippable
    }

    /// Begins a member on `r`.
    fn begin(&self, r: Counted<R>) -> io::Result<Member<R>> {
        Ok(match self.kind {
            Compression::Zstd => {
                Member::Zstd(zstd::stream::read::Decoder::with_buffer(r)?.single_frame())
            }
            _ => Member::Gzip(flate2::bufread::GzDecoder::new(r)),
        })
    }
}

impl<R: BufRead> Read for Concatenated<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Member(mut m) => {
                    let (res, at) = match &mut m {
                        Member::Gzip(d) => (d.read(buf), d.get_ref().consumed),
                        Member::Zstd(d) => (d.read(buf), d.get_ref().consumed),
                    };
                    match res {
                        Ok(0) => {
                            self.members += 1;
                            self.state = State::Between(match m {
                                Member::Gzip(d) => d.into_inner(),
                                Member::Zstd(mut d) => {
                                    d.finish_frame()?;
                                    d.finish()
                                }
                            });
                        }
                        Ok(n) => {
                            self.state = State::Member(m);
                            return Ok(n);
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                            self.state = State::Member(m);
                        }
                        Err(e) => {
                            let what = self.what();
                            return Err(io::Error::new(
                                e.kind(),
                                format!(
                                    "the {what} that starts after {} complete one(s) is \
                                     corrupt or cut short ({e}), about byte {at} of the \
                                     compressed file",
                                    self.members
                                ),
                            ));
                        }
                    }
                }
                State::Between(mut r) => {
                    let at = r.consumed;
                    let head = match r.fill_buf() {
                        Ok(h) => h,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                            self.state = State::Between(r);
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    if head.is_empty() {
                        return Ok(0);
                    }
                    if self.starts_member(head) {
                        self.state = State::Member(self.begin(r)?);
                        continue;
                    }
                    let what = self.what();
                    if self.members == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!(
                                "it does not start with a {what} (its first bytes are not the \
                                 magic number); if it is plain text, rename it or pass it \
                                 through `cat`"
                            ),
                        ));
                    }
                    let _ = self.trailing.set(format!(
                        "the bytes from byte {at} of the compressed file on, after {} complete \
                         {what}(s), are not compressed data and were ignored; every line \
                         before them was graded. Remove them (e.g. `head -c {at}`) to silence \
                         this warning",
                        self.members
                    ));
                    return Ok(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn decode(bytes: &[u8], kind: Compression) -> (Vec<u8>, io::Result<()>, Option<String>) {
        let t = Trailing::default();
        let mut d = Concatenated::new(bytes, kind, t.clone());
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        let res = loop {
            match d.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => break Err(e),
            }
        };
        (out, res, t.get().cloned())
    }

    #[test]
    fn members_and_frames_concatenate() {
        let mut two = gz(b"a\nb\n");
        two.extend(gz(b"c\n"));
        let (out, res, t) = decode(&two, Compression::Gzip);
        assert_eq!(out, b"a\nb\nc\n");
        assert!(res.is_ok() && t.is_none());
        let mut z = zstd::encode_all(&b"x\n"[..], 1).unwrap();
        z.extend(zstd::encode_all(&b"y\n"[..], 1).unwrap());
        let (out, res, t) = decode(&z, Compression::Zstd);
        assert_eq!(out, b"x\ny\n");
        assert!(res.is_ok() && t.is_none());
    }

    #[test]
    fn trailing_bytes_end_the_stream_with_a_warning_naming_their_offset() {
        for kind in [Compression::Gzip, Compression::Zstd] {
            let mut s = match kind {
                Compression::Zstd => zstd::encode_all(&b"a\nb\n"[..], 1).unwrap(),
                _ => gz(b"a\nb\n"),
            };
            let at = s.len();
            s.extend_from_slice(b"junk\n");
            let (out, res, t) = decode(&s, kind);
            assert_eq!(out, b"a\nb\n");
            assert!(res.is_ok());
            let t = t.expect("a warning");
            assert!(t.contains(&format!("from byte {at} ")), "{t}");
        }
    }

    #[test]
    fn a_cut_member_returns_its_data_then_fails() {
        let data: Vec<u8> = (0..2000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let s = gz(&data);
        let (out, res, _) = decode(&s[..s.len() / 2], Compression::Gzip);
        assert!(data.starts_with(&out) && out.len() > 1000, "{}", out.len());
        let e = res.unwrap_err().to_string();
        assert!(e.contains("cut short"), "{e}");
        // Not compressed at all: an error, not a warning.
        let (out, res, t) = decode(b"{\"a\":1}\n", Compression::Gzip);
        assert!(out.is_empty() && t.is_none());
        assert!(res.unwrap_err().to_string().contains("magic"));
    }
}
