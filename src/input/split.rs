//! Splitting bytes into records: chunks cut at newlines, lines by memchr.
//!
//! A raw `\n` cannot occur inside a valid JSON string, so cutting at `\n`
//! is exact; a line that is not valid JSON is reported as malformed by the
//! parser, never merged with its neighbour. Chunk boundaries depend only on
//! the bytes and [`CHUNK_BYTES`], never on the thread count, which keeps
//! output identical for any `--threads`.

use memchr::memchr_iter;
use std::io::{self, Read};
use std::ops::Range;

/// Target chunk size: big enough to amortise scheduling, small enough that
/// every core stays busy to the end of a file.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Cuts `bytes` into ranges of about `target` bytes, each ending just after
/// a `\n` (or at the end of the input).
pub fn chunk_ranges(bytes: &[u8], target: usize) -> Vec<Range<usize>> {
    let target = target.max(1);
    let mut out = Vec::with_capacity(bytes.len() / target + 1);
    let mut start = 0;
    while start < bytes.len() {
        let want = start.saturating_add(target).min(bytes.len());
        let end = if want == bytes.len() {
            want
        } else {
            match memchr::memchr(b'\n', &bytes[want..]) {
                Some(i) => want + i + 1,
                None => bytes.len(),
            }
        };
        out.push(start..end);
        start = end;
    }
    out
}

/// The lines of a chunk: `(index within the chunk, byte offset within the
/// chunk, line without its `\n` or `\r\n`)`.
pub fn lines(chunk: &[u8]) -> impl Iterator<Item = (u64, usize, &[u8])> {
    let mut start = 0;
    let mut ends = memchr_iter(b'\n', chunk);
    let mut idx = 0u64;
    std::iter::from_fn(move || {
        let (line, next) = match ends.next() {
            Some(e) => (&chunk[start..e], e + 1),
            None if start < chunk.len() => (&chunk[start..], chunk.len()),
            None => return None,
        };
        let item = (idx, start, line.strip_suffix(b"\r").unwrap_or(line));
        idx += 1;
        start = next;
        Some(item)
    })
}

/// Reads a stream in blocks that end at a newline (except the last).
///
/// Each block is at least [`CHUNK_BYTES`] unless the stream ends; a line
/// longer than that grows the block until its newline arrives, up to
/// `max_line` bytes past which the line's remaining bytes are discarded and
/// the line is marked oversized (so a hostile stream cannot exhaust memory).
///
/// A read error (a corrupt or truncated compressed stream) loses nothing
/// read before it: the bytes read so far come out as a last block, whose
/// unfinished last line is marked [`Cut::torn`], and the error comes from
/// the call after it.
pub struct BlockReader<R> {
    inner: R,
    block: usize,
    carry: Vec<u8>,
    eof: bool,
    max_line: usize,
    /// A read error, returned once the bytes before it have been.
    failed: Option<io::Error>,
}

/// A block of whole lines from a stream.
pub struct Block {
    /// The bytes; every line but possibly the last ends in `\n`.
    pub bytes: Vec<u8>,
    /// Lines that were cut short because they exceeded the line limit.
    pub oversized: Vec<Cut>,
    /// How many bytes of the stream the block covers: `bytes.len()` unless a
    /// line was cut short. Offsets of later lines count from here.
    pub stream_bytes: u64,
}

/// A line of a [`Block`] cut short because it exceeded the line limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Offset of the line within the block's bytes.
    pub at: usize,
    /// The line's true length, without its `\n` (or a `\r` before it).
    pub len: u64,
    /// Every byte dropped from it was ASCII whitespace, so the line is
    /// blank exactly when what was kept is (regression
    /// r_oversized_blank_prefix: a kept run of `\r`s made a line with text
    /// past the cut look blank).
    pub rest_blank: bool,
    /// The line was cut by a read error before its newline, not by the
    /// line limit: it is incomplete, whatever its length.
    pub torn: bool,
}

impl<R: Read> BlockReader<R> {
    /// Wraps `inner`. Lines longer than `max_line` are truncated and flagged.
    pub fn new(inner: R, max_line: usize) -> Self {
        Self::with_block_bytes(inner, max_line, CHUNK_BYTES)
    }

    /// Like [`BlockReader::new`] with blocks of about `block` bytes instead
    /// of [`CHUNK_BYTES`] (tests and fuzzing vary it).
    pub fn with_block_bytes(inner: R, max_line: usize, block: usize) -> Self {
        BlockReader {
            inner,
            block: block.max(1),
            carry: Vec::new(),
            eof: false,
            max_line: max_line.max(1),
            failed: None,
        }
    }

    /// Ends the stream at a read error, kept to be returned after the
    /// bytes read before it.
    fn fail(&mut self, e: io::Error) {
        self.eof = true;
        self.failed = Some(e);
    }

    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
        let start = buf.len();
        buf.resize(start + want, 0);
        let mut got = 0;
        while got < want {
            match self.inner.read(&mut buf[start + got..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.fail(e);
                    break;
                }
            }
        }
        buf.truncate(start + got);
        Ok(())
    }

    /// The next block, or `None` at the end of the stream.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        let mut bytes = std::mem::take(&mut self.carry);
        let mut oversized = Vec::new();
        let mut cut = 0u64;
        if !self.eof && bytes.len() < self.block {
            let want = self.block - bytes.len();
            self.fill(&mut bytes, want)?;
        }
        loop {
            if let Some(last_nl) = memchr::memrchr(b'\n', &bytes) {
                if !self.eof {
                    self.carry = bytes.split_off(last_nl + 1);
                }
                break;
            }
            if self.eof {
                break;
            }
            // No newline yet: one line longer than the block so far.
            if bytes.len() >= self.max_line {
                let kept = bytes.len();
                let (skipped, last, newline, skipped_blank) = self.skip_line()?;
                // The length excludes a `\r` before the `\n`, as `lines` does.
                let cr = last.or(bytes.last().copied()) == Some(b'\r');
                let total = kept as u64 + skipped - u64::from(cr);
                let keep = self.max_line.min(kept);
                oversized.push(Cut {
                    at: 0,
                    len: total,
                    rest_blank: skipped_blank && bytes[keep..].iter().all(u8::is_ascii_whitespace),
                    torn: false,
                });
                bytes.truncate(keep);
                // The stream had `kept + skipped (+ 1 newline)` bytes; the
                // block keeps `bytes.len() + 1` (regression r_oversized_offsets).
                cut = (kept as u64 + skipped + u64::from(newline)) - (bytes.len() as u64 + 1);
                bytes.push(b'\n');
                break;
            }
            let want = (self.max_line - bytes.len()).min(self.block.max(bytes.len()));
            self.fill(&mut bytes, want)?;
        }
        if bytes.is_empty() && self.eof {
            return match self.failed.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        }
        if self.failed.is_some() && oversized.is_empty() && bytes.last() != Some(&b'\n') {
            // The error cut the last line before its newline.
            let at = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
            oversized.push(Cut {
                at,
                len: (bytes.len() - at) as u64,
                rest_blank: true,
                torn: true,
            });
        }
        let stream_bytes = bytes.len() as u64 + cut;
        Ok(Some(Block {
            bytes,
            oversized,
            stream_bytes,
        }))
    }

    /// Discards input up to and including the next `\n`; returns the bytes
    /// discarded before it, the last of them (`None` if none), whether a
    /// newline ended them, and whether they were all ASCII whitespace.
    /// Anything after the newline is kept for later.
    fn skip_line(&mut self) -> io::Result<(u64, Option<u8>, bool, bool)> {
        let mut skipped = 0u64;
        let mut last = None;
        let mut blank = true;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match self.inner.read(&mut buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok((skipped, last, false, blank));
                }
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.fail(e);
                    return Ok((skipped, last, false, blank));
                }
            };
            let end = memchr::memchr(b'\n', &buf[..n]);
            let line = &buf[..end.unwrap_or(n)];
            blank = blank && line.iter().all(u8::is_ascii_whitespace);
            if let Some(i) = end {
                skipped += i as u64;
                if i > 0 {
                    last = Some(buf[i - 1]);
                }
                self.carry.extend_from_slice(&buf[i + 1..n]);
                return Ok((skipped, last, true, blank));
            }
            skipped += n as u64;
            last = Some(buf[n - 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lines_strip_crlf_and_keep_last_unterminated() {
        let v: Vec<(u64, usize, &[u8])> = lines(b"a\r\n\nbc").collect();
        assert_eq!(v, [(0, 0, &b"a"[..]), (1, 3, &b""[..]), (2, 4, &b"bc"[..])]);
        assert_eq!(lines(b"").count(), 0);
        assert_eq!(lines(b"\n").count(), 1);
    }

    proptest! {
        /// Any chunking sees the same lines at the same offsets.
        #[cfg_attr(miri, ignore)] // proptest's many cases are too slow under Miri
        #[test]
        fn chunking_preserves_every_line(bytes in prop::collection::vec(prop_oneof![Just(b'\n'), Just(b'a'), Just(b'\r')], 0..300), target in 1usize..50) {
            let whole: Vec<(usize, Vec<u8>)> = lines(&bytes).map(|(_, o, l)| (o, l.to_vec())).collect();
            let mut pieces = Vec::new();
            for r in chunk_ranges(&bytes, target) {
                for (_, o, l) in lines(&bytes[r.clone()]) {
                    pieces.push((r.start + o, l.to_vec()));
                }
            }
            prop_assert_eq!(pieces, whole);
        }

        /// Streamed blocks, concatenated, are the input, whatever the reads.
        #[cfg_attr(miri, ignore)] // proptest's many cases are too slow under Miri
        #[test]
        fn blocks_reassemble_the_stream(lens in prop::collection::vec(0usize..3000, 0..40)) {
            let mut input = Vec::new();
            for (i, l) in lens.iter().enumerate() {
                input.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, *l));
                input.push(b'\n');
            }
            let mut r = BlockReader::new(&input[..], usize::MAX);
            let mut out = Vec::new();
            while let Some(b) = r.next_block().unwrap() {
                prop_assert!(b.oversized.is_empty());
                prop_assert!(b.bytes.ends_with(b"\n"));
                out.extend(b.bytes);
            }
            prop_assert_eq!(out, input);
        }
    }

    /// Small enough for Miri: tiny blocks, a cut line ending in `\r\n`,
    /// and the stream length each block stands for (r_oversized_offsets).
    #[test]
    fn small_blocks_cut_long_lines_and_account_for_every_byte() {
        let input = b"ab\nxxxxxxxxxx\r\ncd\nyyyyyyy";
        let mut r = BlockReader::with_block_bytes(&input[..], 5, 2);
        let mut seen = Vec::new();
        while let Some(b) = r.next_block().unwrap() {
            seen.push((b.bytes, b.oversized, b.stream_bytes));
        }
        let total: u64 = seen.iter().map(|s| s.2).sum();
        assert_eq!(total, input.len() as u64);
        let cut: Vec<_> = seen.iter().filter(|s| !s.1.is_empty()).collect();
        assert_eq!(cut.len(), 2);
        let cut_at = |at, len| Cut {
            at,
            len,
            rest_blank: false,
            torn: false,
        };
        assert_eq!(cut[0].1, [cut_at(0, 10)], "the length excludes the \\r");
        assert_eq!(cut[0].2, 12);
        assert_eq!(cut[1].1, [cut_at(0, 7)], "a last line without a newline");
    }

    /// A cut line says whether what was dropped was all whitespace, the
    /// bytes dropped from the block as well as those never kept
    /// (r_oversized_blank_prefix).
    #[test]
    fn a_cut_line_says_whether_its_dropped_bytes_were_blank() {
        for (input, rest_blank) in [
            (&b"\r\r\r\r\r\r\r\r\r\r{}\n"[..], false),
            (b"\r\r\r\r\r\r x\r\r\r\r\r\r\r\r\r\r\r\n", false),
            (b" \t\r \t\r \t\r \t\r \t\r\r\n{}\n", true),
            (b"            ", true),
        ] {
            let mut r = BlockReader::with_block_bytes(input, 4, 2);
            let b = r.next_block().unwrap().unwrap();
            assert_eq!(b.oversized.len(), 1, "{input:?}");
            assert_eq!(b.oversized[0].rest_blank, rest_blank, "{input:?}");
        }
    }

    #[cfg_attr(miri, ignore)] // 3 MiB through Miri takes minutes
    #[test]
    fn oversized_lines_are_cut_and_flagged() {
        let mut input = vec![b'x'; 3 * CHUNK_BYTES];
        input.extend_from_slice(b"\n{\"ok\":1}\n");
        let mut r = BlockReader::new(&input[..], CHUNK_BYTES + 10);
        let b = r.next_block().unwrap().unwrap();
        let cut = Cut {
            at: 0,
            len: 3 * CHUNK_BYTES as u64,
            rest_blank: false,
            torn: false,
        };
        assert_eq!(b.oversized, [cut]);
        assert_eq!(b.bytes.len(), CHUNK_BYTES + 11);
        let b = r.next_block().unwrap().unwrap();
        assert_eq!(b.bytes, b"{\"ok\":1}\n");
        assert!(r.next_block().unwrap().is_none());
    }
}
