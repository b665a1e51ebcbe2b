//! The ordering stage, on the caller's thread: workers' results arrive in
//! any order and are put back in input order (by job sequence number, then
//! by part within a file a worker opened) before anything is counted into
//! the per-file summaries, reported, or handed to a sink's
//! [`RecordSink::ordered`]. This is what makes every output byte-identical
//! for every thread count.

use super::producer::join_warnings;
use super::sink::{Place, RecordSink};
use super::{Options, Outcome, RecordError};
use crate::input::InputError;
use crate::tally::LineCounts;
use crossbeam_channel::Receiver;
use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

/// A malformed line (or sample) within a chunk.
pub(super) struct ChunkError {
    /// Line index within the chunk.
    pub idx: u64,
    /// Offset within the chunk (lines) or in the file (samples).
    pub off: usize,
    /// The sample's name, for log inputs.
    pub name: Option<String>,
    pub reason: String,
}

/// What a worker made of one chunk.
pub(super) struct ChunkResult<P> {
    pub seq: u64,
    /// Part of a file a worker opened ([`super::producer::Job::Open`]); 0
    /// otherwise.
    pub part: u64,
    /// The last part of its sequence number.
    pub last: bool,
    /// On the last part of a file a worker opened: whether the file changed
    /// while it was read.
    pub warning: Option<String>,
    /// The chunk's bytes end without a newline (only the last chunk of a
    /// file can), for [`super::producer::change_warning`].
    pub unterminated: bool,
    pub file: usize,
    pub base: u64,
    pub bytes: u64,
    pub counts: LineCounts,
    pub errors: Vec<ChunkError>,
    /// The sinks' output for the chunk.
    pub sinks: P,
    /// Bytes of input read from disk for this chunk (progress).
    pub disk_bytes: u64,
    /// The mapped file was truncated while read: the offset of the first
    /// line dropped (it and every later line read zeros, not the file).
    pub truncated: Option<u64>,
}

impl<P> ChunkResult<P> {
    /// Counts one line's (or sample's) outcome: graded, or malformed with
    /// the reason, at `idx` and `off` (see [`ChunkError`]).
    pub fn count(&mut self, res: Result<(), String>, idx: u64, off: usize, name: Option<&str>) {
        match res {
            Ok(()) => self.counts.graded += 1,
            Err(reason) => {
                self.counts.malformed += 1;
                self.errors.push(ChunkError {
                    idx,
                    off,
                    name: name.map(str::to_string),
                    reason,
                });
            }
        }
    }
}

/// A worker's or the producer's report, in input order by (sequence
/// number, part): a job cut by the producer is one part; a file opened by
/// a worker is as many parts as it has chunks, the last one marked.
pub(super) enum Msg<P> {
    Chunk(ChunkResult<P>),
    /// Always the last part of its sequence number. Made by
    /// [`Msg::failed`].
    FileFailed {
        seq: u64,
        part: u64,
        file: usize,
        reason: String,
        /// For a file a worker opened: whether it changed while read.
        warning: Option<String>,
    },
    /// A warning about a file the producer read (trailing bytes after a
    /// compressed stream), after its last chunk.
    FileNote {
        seq: u64,
        file: usize,
        warning: String,
    },
}

impl<P> Msg<P> {
    /// Input `file` could not be read (wholly, or from `part` on), for
    /// `reason`.
    pub fn failed(seq: u64, part: u64, file: usize, reason: String) -> Msg<P> {
        Msg::FileFailed {
            seq,
            part,
            file,
            reason,
            warning: None,
        }
    }

    /// The same failure, with the file's change warning.
    pub fn with_warning(mut self, w: Option<String>) -> Msg<P> {
        if let Msg::FileFailed { warning, .. } = &mut self {
            *warning = w;
        }
        self
    }

    fn key(&self) -> (u64, u64) {
        match self {
            Msg::Chunk(c) => (c.seq, c.part),
            Msg::FileFailed { seq, part, .. } => (*seq, *part),
            Msg::FileNote { seq, .. } => (*seq, 0),
        }
    }

    fn last(&self) -> bool {
        match self {
            Msg::Chunk(c) => c.last,
            Msg::FileFailed { .. } | Msg::FileNote { .. } => true,
        }
    }
}

/// The ordering stage's state.
pub(super) struct Order<'a, S> {
    pub names: &'a [String],
    pub opts: &'a Options,
    pub stop: &'a AtomicBool,
    pub sink: &'a mut S,
    /// Per input: lines seen so far (the next chunk's first line).
    file_lines: Vec<u64>,
    /// Per input: whether its last bytes read lacked a newline.
    pub unterminated: Vec<bool>,
    /// The first error a sink returned; the run stops and returns it.
    pub write_error: Option<io::Error>,
}

impl<'a, S: RecordSink> Order<'a, S> {
    pub fn new(
        names: &'a [String],
        opts: &'a Options,
        stop: &'a AtomicBool,
        sink: &'a mut S,
    ) -> Self {
        Order {
            names,
            opts,
            stop,
            sink,
            file_lines: vec![0; names.len()],
            unterminated: vec![false; names.len()],
            write_error: None,
        }
    }

    /// Receives every message until the workers and the producer are done,
    /// handling each in input order.
    pub fn run(&mut self, msgs: &Receiver<Msg<S::Part>>, out: &mut Outcome) {
        let mut pending: BTreeMap<(u64, u64), Msg<S::Part>> = BTreeMap::new();
        let mut next = (0u64, 0u64);
        for m in msgs.iter() {
            pending.insert(m.key(), m);
            while let Some(m) = pending.remove(&next) {
                next = if m.last() {
                    (next.0 + 1, 0)
                } else {
                    (next.0, next.1 + 1)
                };
                self.handle(m, out);
            }
        }
    }

    fn handle(&mut self, m: Msg<S::Part>, out: &mut Outcome) {
        let names = self.names;
        match m {
            Msg::FileNote { file, warning, .. } => {
                let w = &mut out.files[file].warning;
                *w = join_warnings(w.take(), Some(warning));
            }
            Msg::FileFailed {
                file,
                reason,
                warning,
                ..
            } => {
                if warning.is_some() {
                    out.files[file].warning = warning;
                }
                out.files[file].error = Some(reason.clone());
                out.input_errors.push(InputError {
                    path: names[file].clone(),
                    reason,
                });
            }
            Msg::Chunk(c) => {
                let f = &mut out.files[c.file];
                if let Some(at) = c.truncated
                    && f.error.is_none()
                {
                    let reason = format!(
                        "the file was truncated while it was read (it is memory-mapped); \
                         the lines before byte {at} were graded, the rest could not be \
                         read. Grade it again once it is complete, with --no-mmap if it \
                         may still change"
                    );
                    f.error = Some(reason.clone());
                    out.input_errors.push(InputError {
                        path: names[c.file].clone(),
                        reason,
                    });
                }
                if c.warning.is_some() {
                    f.warning = c.warning;
                }
                if c.disk_bytes > 0 {
                    self.unterminated[c.file] = c.unterminated;
                }
                f.bytes += c.bytes;
                f.counts += c.counts;
                out.counts += c.counts;
                let first_line = self.file_lines[c.file];
                self.file_lines[c.file] += c.counts.lines;
                if let Some(p) = &self.opts.progress {
                    (p.0)(c.disk_bytes, c.counts.lines);
                }
                for e in c.errors {
                    out.errors_total += 1;
                    if out.errors.len() < self.opts.max_errors_kept {
                        out.errors.push(RecordError {
                            file: e.name.unwrap_or_else(|| names[c.file].clone()),
                            line: first_line + e.idx + 1,
                            offset: c.base + e.off as u64,
                            reason: e.reason,
                        });
                    }
                }
                if self.write_error.is_some() {
                    return;
                }
                let place = Place {
                    file: c.file,
                    input: &names[c.file],
                    first_line,
                };
                if let Err(e) = self.sink.ordered(c.sinks, &place) {
                    // Stop producing; the error is returned by the run.
                    self.stop.store(true, Ordering::Relaxed);
                    self.write_error = Some(e);
                }
            }
        }
    }
}
