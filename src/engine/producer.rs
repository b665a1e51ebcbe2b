//! The producer stage: one thread that walks the inputs in order and turns
//! each into jobs for the workers, numbered in input order.
//!
//! It asks [`crate::logs::open`] how an input is read and knows no format
//! itself: JSON Lines are mapped once and cut into newline-aligned chunks
//! that workers read in place (compressed files and pipes are read in
//! blocks); the samples of a log or results tree are batched. A file no
//! bigger than one chunk, met while fewer jobs than workers wait, is not
//! opened here at all: it goes through the queue as one job that a worker
//! opens, reads, grades and checks for changes itself ([`Job::Open`]), so
//! thousands of small files spread their opening and copying over the
//! cores instead of serialising on this thread.
//!
//! Failures of a whole input become [`Msg::failed`] messages, numbered like
//! jobs, so that they are reported in input order too.

use super::order::Msg;
use super::{Options, STILL_WRITTEN_SECS};
use crate::input::split::{BlockReader, Cut, chunk_ranges};
use crate::input::{Opened, Source, io_reason, mmap};
use crate::logs::{self, Reader, Unit};
use crossbeam_channel::Sender;
use std::io;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The bytes (or samples) of one job.
pub(super) enum Data {
    Shared(Arc<mmap::Regions>, Range<usize>),
    /// Bytes read from a stream, lines cut short, and how many bytes of the
    /// stream they stand for.
    Owned(Vec<u8>, Vec<Cut>, u64),
    /// Samples of a log, one "line" each.
    Log(Vec<Unit>),
}

impl Data {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Data::Shared(b, r) => &b.as_slice()[r.clone()],
            Data::Owned(v, ..) => v,
            Data::Log(_) => &[],
        }
    }
}

/// A unit of work for a worker, numbered in input order.
pub(super) enum Job {
    Chunk {
        seq: u64,
        file: usize,
        base: u64,
        data: Data,
    },
    /// A whole file for the worker to open, cut and grade itself: one
    /// sequence number, as many parts as it turns out to have. The worker
    /// also checks, against `snap`, whether it changed while read.
    Open {
        seq: u64,
        file: usize,
        snap: Snapshot,
    },
}

/// What a plain file looked like when it was opened.
#[derive(Clone, Copy, Debug)]
pub(super) struct Snapshot {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// The size and modification time of a plain file (not stdin or a pipe,
/// whose size means nothing).
fn snapshot(src: &Source) -> Option<Snapshot> {
    let Source::File(p) = src else { return None };
    let m = std::fs::metadata(p).ok()?;
    m.is_file().then(|| Snapshot {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

/// Compares a file now with its snapshot at open: a changed size or
/// modification time means the run graded a moving target (with a memory
/// map, a file truncated underneath can even kill the process with
/// SIGBUS). A file whose last line has no newline and that was modified in
/// the last [`STILL_WRITTEN_SECS`] seconds is probably still being written.
/// Either way the grade stands, with a warning saying what to do.
/// `unterminated`: the bytes graded did not end with a newline; when they
/// did, the file (unchanged) does too, and it is not opened again to look.
pub(super) fn change_warning(
    path: &std::path::Path,
    at_open: Snapshot,
    unterminated: bool,
) -> Option<String> {
    use std::os::unix::fs::FileExt;
    let now = std::fs::metadata(path).ok()?;
    let modified = now.modified().ok();
    if now.len() != at_open.len || modified != at_open.modified {
        return Some(format!(
            "the file changed while it was read ({} bytes at open, {} now); the counts cover a \
             snapshot that may be incomplete; grade it again once it is complete, with --no-mmap \
             if it may still change",
            at_open.len,
            now.len()
        ));
    }
    let age = modified.and_then(|m| m.elapsed().ok())?;
    if unterminated && now.len() > 0 && age.as_secs() < STILL_WRITTEN_SECS {
        let f = std::fs::File::open(path).ok()?;
        let (mut head, mut last) = ([0u8; 4], [0u8; 1]);
        let got = f.read_at(&mut head, 0).ok()?;
        // Only plain text: a compressed file's last byte says nothing.
        let plain = crate::input::detect_compression(&path.to_string_lossy(), &head[..got])
            == crate::input::Compression::None;
        if plain && f.read_at(&mut last, now.len() - 1).ok()? == 1 && last[0] != b'\n' {
            return Some(format!(
                "the last line has no newline and the file was modified in the last \
                 {STILL_WRITTEN_SECS} s: it may still be being written; grade it again once it \
                 is complete, with --no-mmap if it may still change"
            ));
        }
    }
    None
}

/// Both warnings, or either.
pub(super) fn join_warnings(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// Cuts an opened input into chunks in file order and hands each, with
/// the file offset it starts at, to `each` (which returns `false` to stop).
/// `Ok(false)` when stopped (Ctrl-C, or `each` said so); `Err` with the
/// reason when a stream fails part way, after every byte read before the
/// failure has been handed on (its cut last line marked torn). A
/// compressed stream that ended in bytes that are not compressed data sets
/// `warning`.
pub(super) fn cut(
    opened: Opened,
    opts: &Options,
    stop: &AtomicBool,
    each: &mut dyn FnMut(u64, Data) -> bool,
    warning: &mut Option<String>,
) -> Result<bool, String> {
    match opened {
        Opened::Whole(bytes) => {
            let bytes = Arc::new(mmap::Regions::new(bytes));
            for r in chunk_ranges(bytes.as_slice(), opts.diag.chunk_bytes) {
                if stop.load(Ordering::Relaxed)
                    || !each(r.start as u64, Data::Shared(bytes.clone(), r))
                {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Opened::Stream(reader, trailing) => {
            let reader = Stoppable {
                inner: reader,
                stop,
            };
            // Slack of 5 bytes for a BOM and a `\r`, which the worker
            // strips before measuring: only a line whose stripped length is
            // over the limit may be cut short (regression
            // r_oversized_crlf_bom).
            let mut br = BlockReader::with_block_bytes(
                reader,
                opts.max_record_bytes.saturating_add(5),
                opts.diag.chunk_bytes,
            );
            let mut base = 0u64;
            loop {
                if stop.load(Ordering::Relaxed) {
                    return Ok(false);
                }
                match br.next_block() {
                    Ok(None) => {
                        *warning = trailing.get().cloned();
                        return Ok(true);
                    }
                    // A block cut short by Ctrl-C would report its last
                    // line as torn: the run stops without it.
                    Ok(Some(_)) if stop.load(Ordering::Relaxed) => return Ok(false),
                    Ok(Some(b)) => {
                        let len = b.stream_bytes;
                        if !each(base, Data::Owned(b.bytes, b.oversized, len)) {
                            return Ok(false);
                        }
                        base += len;
                    }
                    Err(_) if stop.load(Ordering::Relaxed) => return Ok(false),
                    Err(e) => {
                        return Err(format!(
                            "read failed after {base} bytes: {}; every complete line before \
                             the failure was graded and the line it cut is counted malformed",
                            io_reason(&e)
                        ));
                    }
                }
            }
        }
    }
}

/// A stream that stops yielding bytes once `stop` is set, so that Ctrl-C
/// also ends a read that is not between blocks: the skip over the rest of
/// an oversized line, which may be gigabytes long.
struct Stoppable<'s, R> {
    inner: R,
    stop: &'s AtomicBool,
}

impl<R: io::Read> io::Read for Stoppable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            // Not `Interrupted`, which readers retry; the caller sees the
            // stop flag before it would report this.
            return Err(io::Error::other("stopped"));
        }
        self.inner.read(buf)
    }
}

/// Samples per job for log inputs, and compressed bytes per job: small
/// enough that a few jobs in flight bound memory, big enough that the
/// per-job overhead vanishes.
const BATCH_UNITS: usize = 64;
const BATCH_BYTES: u64 = 1 << 20;

/// Log samples being gathered into one job.
#[derive(Default)]
struct Batch {
    units: Vec<Unit>,
    bytes: u64,
}

/// The producer's state: where jobs and failures go, and the next
/// sequence number.
pub(super) struct Producer<'a, P> {
    pub sources: &'a [Source],
    pub names: &'a [String],
    pub opts: &'a Options,
    pub threads: usize,
    pub stop: &'a AtomicBool,
    pub jobs: Sender<Job>,
    pub msgs: Sender<Msg<P>>,
    pub seq: u64,
}

impl<P> Producer<'_, P> {
    fn next(&mut self) -> u64 {
        self.seq += 1;
        self.seq - 1
    }

    /// Reports that input `file` could not be read (wholly, or from some
    /// point on), in its place in input order.
    fn fail(&mut self, file: usize, reason: String) {
        let seq = self.next();
        let _ = self.msgs.send(Msg::failed(seq, 0, file, reason));
    }

    /// Turns every input into jobs, in order, until the end or a stop.
    /// Returns the snapshot of each file it mapped or streamed itself, for
    /// the change check once the run is over.
    pub fn run(mut self) -> Vec<Option<Snapshot>> {
        let mut snapshots: Vec<Option<Snapshot>> = vec![None; self.sources.len()];
        for file in 0..self.sources.len() {
            if self.stop.load(Ordering::Relaxed) || !self.input(file, &mut snapshots) {
                break;
            }
        }
        snapshots
    }

    /// One input; `false` when the run should stop (Ctrl-C, or the
    /// workers are gone).
    fn input(&mut self, file: usize, snapshots: &mut [Option<Snapshot>]) -> bool {
        let (opts, src, name) = (self.opts, &self.sources[file], &self.names[file]);
        // One `statx` per file serves the kind sniffing (a regular file?),
        // the choice of who reads it, and the change check.
        let snap = snapshot(src);
        match logs::open(
            src,
            name,
            opts.input_format,
            snap.is_some(),
            opts.max_record_bytes,
        ) {
            Err(reason) => {
                self.fail(file, reason);
                true
            }
            Ok(Reader::Units(units)) => self.units(file, units),
            Ok(Reader::Lines) => self.lines(file, snap, snapshots),
        }
    }

    /// The samples of a log, in batches.
    fn units(&mut self, file: usize, units: logs::Units) -> bool {
        let mut batch = Batch::default();
        let (stop, max) = (self.stop, self.opts.max_record_bytes);
        let res = units.each(max, &mut |u| {
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            batch.bytes += u.disk_bytes;
            batch.units.push(u);
            if batch.units.len() >= BATCH_UNITS || batch.bytes >= BATCH_BYTES {
                return self.flush(file, &mut batch);
            }
            true
        });
        // The samples read before a failure are graded.
        if matches!(res, Ok(false)) || !self.flush(file, &mut batch) {
            return false;
        }
        if let Err(reason) = res {
            self.fail(file, reason);
        }
        true
    }

    fn flush(&mut self, file: usize, batch: &mut Batch) -> bool {
        if batch.units.is_empty() {
            return true;
        }
        batch.bytes = 0;
        let job = Job::Chunk {
            seq: self.next(),
            file,
            base: 0,
            data: Data::Log(std::mem::take(&mut batch.units)),
        };
        self.jobs.send(job).is_ok()
    }

    /// A JSON Lines input: handed whole to a worker, or cut here.
    fn lines(
        &mut self,
        file: usize,
        snap: Option<Snapshot>,
        snapshots: &mut [Option<Snapshot>],
    ) -> bool {
        let opts = self.opts;
        // A file of one chunk or less is opened, read and graded by a
        // worker when the workers are short of jobs: with thousands of
        // small files, opening and copying them here made this thread the
        // bottleneck (1.87× the time of one big file at 16 threads, 1.14×
        // at 1,000 files). While the queue still holds a job per worker
        // this thread has time to spare, and reading here overlaps the
        // grading (with one worker, handing every file over cost 25 % in
        // wall time). Either way the output is the same. Bigger files are
        // cut here, so their chunks spread over all workers.
        if let Some(small) = snap.filter(|s| s.len <= opts.diag.chunk_bytes as u64)
            && self.jobs.len() < self.threads
        {
            let job = Job::Open {
                seq: self.next(),
                file,
                snap: small,
            };
            return self.jobs.send(job).is_ok();
        }
        let opened = match crate::input::open(&self.sources[file], opts.mmap) {
            Ok(o) => o,
            Err(e) => {
                self.fail(file, io_reason(&e));
                return true;
            }
        };
        snapshots[file] = snap;
        let mut trailing = None;
        let stop = self.stop;
        let mut send = |base, data| {
            let job = Job::Chunk {
                seq: self.next(),
                file,
                base,
                data,
            };
            self.jobs.send(job).is_ok()
        };
        match cut(opened, opts, stop, &mut send, &mut trailing) {
            Ok(true) => {
                if let Some(warning) = trailing {
                    let seq = self.next();
                    let _ = self.msgs.send(Msg::FileNote { seq, file, warning });
                }
                true
            }
            Ok(false) => false,
            Err(reason) => {
                self.fail(file, reason);
                true
            }
        }
    }
}
