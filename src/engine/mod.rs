//! Engine: the pipeline that ties the stages together.
//!
//! ```text
//! producer thread          N worker threads                 caller's thread
//! sources → chunks  ──▶  split → parse → grade → tally  ──▶  reorder → verdicts, errors
//!   or small files        (per-thread Scratch, GradeCache,     (by job sequence
//!          (bounded)       Tally; merged once at the end)        and part)
//! ```
//!
//! Plain files are mapped once and cut into newline-aligned chunks that
//! workers read in place; compressed files and pipes are read in blocks by
//! the producer. A file no bigger than one chunk, met while fewer jobs than
//! workers wait, is not opened by the producer at all: it goes through the
//! queue as one job that the worker opens, reads (or decompresses), grades
//! and checks for changes itself, so with thousands of small files the
//! opening and copying is spread over the cores instead of serialising on
//! the producer (which still reads such a file itself while the workers have
//! enough to do, overlapping the grading). All jobs go through one queue,
//! so many small files keep every core busy as well as one big file does.
//! Nothing is sent per record: a worker returns one small message per chunk (line counts,
//! the malformed lines, and the verdict lines when asked for), and its tally
//! once at the end. Results are put back in order — by job sequence, then by
//! part within a file a worker opened — before anything is written, so
//! output is byte-identical for every thread count.
//!
//! Other harnesses' logs ([`crate::logs`]) travel the same road: the
//! producer cuts an Inspect `.eval` archive into batches of samples (their
//! zip members still compressed), a `.json` log or an agentic-misalignment
//! tree into batches of ready records; a worker turns each sample into a
//! transcript record and grades it like a line. A sample counts as a line;
//! its errors name the sample (`run.eval!samples/3_epoch_1.json`), its line
//! number is its position in the log, and its offset is where its member's
//! data starts in the archive.

mod uncertain;
mod verdict;

pub use uncertain::{AGENT_BYTES, FIELD_BYTES};

use crate::agree::JudgeLabels;
use crate::grade::GradeCache;
use crate::input::kind::{self, InputFormat, InputKind};
use crate::input::split::{BlockReader, CHUNK_BYTES, Cut, chunk_ranges, lines};
use crate::input::{InputError, MmapChoice, Opened, Source, io_reason, mmap};
use crate::logs::{Unit, am, inspect};
use crate::parse::{FieldPath, Scratch};
use crate::rubric::Rubric;
use crate::tally::{LineCounts, Tally};
use crossbeam_channel::{bounded, unbounded};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Default for `--max-record-bytes`: lines longer than this are reported as
/// malformed without being parsed.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// How to run a grading pass.
#[derive(Clone, Debug)]
pub struct Options {
    /// Group-key fields (`--by`).
    pub by: Vec<FieldPath>,
    /// Cluster field (`--cluster`), for clustered statistics.
    pub cluster: Option<FieldPath>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Memory-map policy.
    pub mmap: MmapChoice,
    /// Longest line that is parsed.
    pub max_record_bytes: usize,
    /// Whether to produce verdict lines.
    pub verdicts: bool,
    /// How many malformed-line reports to keep (all are counted).
    pub max_errors_kept: usize,
    /// What each worker does with a line.
    pub work: Work,
    /// Measure time per stage and per-record latency (`assay bench`).
    pub profile: bool,
    /// `--input-format`: how to read each input.
    pub input_format: InputFormat,
    /// Evidence excerpts to keep per behaviour (the first ones in input
    /// order); 0 keeps none.
    pub excerpts: usize,
    /// Called on the caller's thread as results arrive, in order.
    pub progress: Option<ProgressHook>,
    /// Target chunk size ([`CHUNK_BYTES`]). Output never depends on it; the
    /// `split_records` fuzz target and tests vary it to prove that.
    pub chunk_bytes: usize,
    /// Whether to produce contested-record lines (`--uncertain`).
    pub uncertain: bool,
    /// Judge verdicts that replace the rubric's for the records they name
    /// (`--labels`).
    pub labels: Option<Arc<JudgeLabels>>,
    /// Most distinct groups (`--max-groups`); past it the run stops and
    /// [`Outcome::too_many_groups`] is set. Each worker holds at most this
    /// many plus one, so memory stays near `threads × max_groups ×` the
    /// size of a group (see [`GROUP_BYTES`]).
    pub max_groups: usize,
}

/// Default for `--max-groups`.
pub const DEFAULT_MAX_GROUPS: usize = 1_000_000;

/// Peak memory per distinct group of a run, measured: a million groups by
/// `model` with the built-in rubric peaked at 1.11 GB (JSON report, 2
/// threads), about 1.1 KB a group for the tally, the report rows and the
/// output. More behaviours or longer keys cost more.
pub const GROUP_BYTES: usize = 1_100;

/// What a worker does with each line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Work {
    /// Parse, grade and tally (the product).
    #[default]
    Grade,
    /// Only the simd-json tape parse: a speed baseline for `assay bench`.
    ParseOnly,
}

/// Where worker time went, summed over workers (`Options::profile`).
#[derive(Clone, Debug)]
pub struct Profile {
    /// Nanoseconds in simd-json parsing and the record walk.
    pub parse_ns: u64,
    /// Nanoseconds grading.
    pub grade_ns: u64,
    /// Nanoseconds tallying and writing verdict lines.
    pub tally_ns: u64,
    /// Nanoseconds workers spent on chunks in all (the rest is splitting,
    /// blank-line checks and reading the input's pages).
    pub busy_ns: u64,
    /// Per-record parse + grade + tally latency, nanoseconds.
    pub latency: hdrhistogram::Histogram<u64>,
}

impl Profile {
    fn new() -> Profile {
        Profile {
            parse_ns: 0,
            grade_ns: 0,
            tally_ns: 0,
            busy_ns: 0,
            // 3 significant figures from 1 ns to 1 minute: fixed-size, no allocation per record.
            latency: hdrhistogram::Histogram::new_with_bounds(1, 60_000_000_000, 3).unwrap_or_else(
                |_| {
                    hdrhistogram::Histogram::new(3)
                        .unwrap_or_else(|_| unreachable!("valid histogram bounds"))
                },
            ),
        }
    }

    fn merge(&mut self, o: &Profile) {
        self.parse_ns += o.parse_ns;
        self.grade_ns += o.grade_ns;
        self.tally_ns += o.tally_ns;
        self.busy_ns += o.busy_ns;
        // Same bounds on both sides, so adding cannot fail.
        let _ = self.latency.add(&o.latency);
    }
}

/// A progress callback: `(bytes read, records read)` since the last call.
#[derive(Clone)]
pub struct ProgressHook(pub Arc<dyn Fn(u64, u64) + Send + Sync>);

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}

/// One piece of evidence kept for reports (`--html`): which record showed
/// which behaviour, and the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// Behaviour index (rubric order).
    pub behaviour: usize,
    /// The record's id.
    pub id: String,
    /// The record's model.
    pub model: String,
    /// Where it came from: `file:line`, or the sample's name in a log.
    pub source: String,
    /// The rule that matched.
    pub rule: String,
    /// The scope of the matched text (`outgoing`, `tool_args`, ...).
    pub scope: String,
    /// The tool, for tool scopes.
    pub tool: String,
    /// The matched text with context.
    pub text: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            by: ["model", "scenario", "condition"]
                .iter()
                .map(|f| FieldPath::Field((*f).into()))
                .collect(),
            cluster: None,
            threads: 1,
            mmap: MmapChoice::Auto,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            verdicts: false,
            max_errors_kept: 1000,
            work: Work::Grade,
            profile: false,
            input_format: InputFormat::Auto,
            excerpts: 0,
            progress: None,
            chunk_bytes: CHUNK_BYTES,
            uncertain: false,
            labels: None,
            max_groups: DEFAULT_MAX_GROUPS,
        }
    }
}

/// A line that could not be graded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The input it came from.
    pub file: String,
    /// 1-based line number.
    pub line: u64,
    /// Byte offset of the start of the line in its (decompressed) file.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
}

/// What was read from one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    /// The input's name.
    pub path: String,
    /// Bytes read (decompressed).
    pub bytes: u64,
    /// Line accounting.
    pub counts: LineCounts,
    /// Set when the input could not be read (wholly or partly).
    pub error: Option<String>,
    /// Set when the file changed while it was read, or looks like it is
    /// still being written (see [`STILL_WRITTEN_SECS`]). Reported as a note.
    pub warning: Option<String>,
}

/// What a plain file looked like when it was opened.
#[derive(Clone, Copy, Debug)]
struct Snapshot {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// How recently a file must have been modified, with no newline at its end,
/// to be suspected of being written still.
pub const STILL_WRITTEN_SECS: u64 = 10;

/// Compares a file now with its snapshot at open: a changed size or
/// modification time means the run graded a moving target (with a memory
/// map, a file truncated underneath can even kill the process with
/// SIGBUS). A file whose last line has no newline and that was modified in
/// the last [`STILL_WRITTEN_SECS`] seconds is probably still being written.
/// Either way the grade stands, with a warning saying what to do.
/// `unterminated`: the bytes graded did not end with a newline; when they
/// did, the file (unchanged) does too, and it is not opened again to look.
fn change_warning(path: &std::path::Path, at_open: Snapshot, unterminated: bool) -> Option<String> {
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

/// Everything a report needs from a grading pass.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Merged per-group counts.
    pub tally: Tally,
    /// Per input, in order.
    pub files: Vec<FileSummary>,
    /// Totals over all inputs.
    pub counts: LineCounts,
    /// The first `max_errors_kept` malformed lines, in input order.
    pub errors: Vec<RecordError>,
    /// All malformed lines.
    pub errors_total: u64,
    /// Inputs that could not be read at all, or failed part-way.
    pub input_errors: Vec<InputError>,
    /// Whether the run was interrupted before the end.
    pub interrupted: bool,
    /// Stage times, when `Options::profile` was set.
    pub profile: Option<Profile>,
    /// The first [`Options::excerpts`] pieces of evidence per behaviour,
    /// in input order, behaviours in rubric order.
    pub excerpts: Vec<Excerpt>,
    /// Records written as contested lines (`Options::uncertain`).
    pub contested: u64,
    /// How the judge verdicts were used, when `Options::labels` was given.
    pub judge: Option<JudgeUse>,
    /// More distinct groups than [`Options::max_groups`]: the run stopped
    /// early and its counts are incomplete; no report should be written.
    pub too_many_groups: bool,
}

/// How many judge verdicts (`--labels`) were used, and which named records
/// never seen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JudgeUse {
    /// Verdicts in the file.
    pub verdicts: u64,
    /// Graded records whose verdict came from the file.
    pub judged: u64,
    /// Verdicts that matched no graded record.
    pub unseen: u64,
    /// The first [`UNSEEN_KEPT`] of them, as the file names them, in file order.
    pub unseen_first: Vec<String>,
}

/// Unseen judge verdicts named in reports (all are counted).
pub const UNSEEN_KEPT: usize = 10;

enum Data {
    Shared(Arc<mmap::Regions>, Range<usize>),
    /// Bytes read from a stream, lines cut short, and how many bytes of the
    /// stream they stand for.
    Owned(Vec<u8>, Vec<Cut>, u64),
    /// Samples of a log, one "line" each.
    Log(Vec<Unit>),
}

impl Data {
    fn bytes(&self) -> &[u8] {
        match self {
            Data::Shared(b, r) => &b.as_slice()[r.clone()],
            Data::Owned(v, ..) => v,
            Data::Log(_) => &[],
        }
    }
}

/// A malformed line (or sample) within a chunk.
struct ChunkError {
    /// Line index within the chunk.
    idx: u64,
    /// Offset within the chunk (lines) or in the file (samples).
    off: usize,
    /// The sample's name, for log inputs.
    name: Option<String>,
    reason: String,
}

/// Evidence found in a chunk, before its source is known.
struct ChunkExcerpt {
    idx: u64,
    name: Option<String>,
    e: Excerpt,
}

enum Job {
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

/// A worker's or the producer's report, in input order by (sequence
/// number, part): a job cut by the producer is one part; a file opened by
/// a worker ([`Job::Open`]) is as many parts as it has chunks, the last one
/// marked.
enum Msg {
    Chunk(ChunkResult),
    /// Always the last part of its sequence number.
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

impl Msg {
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

/// Cuts an opened input into chunks in file order and hands each, with
/// the file offset it starts at, to `each` (which returns `false` to stop).
/// `Ok(false)` when stopped (Ctrl-C, or `each` said so); `Err` with the
/// reason when a stream fails part way, after every byte read before the
/// failure has been handed on (its cut last line marked torn). A
/// compressed stream that ended in bytes that are not compressed data sets
/// `warning`.
fn cut(
    opened: Opened,
    opts: &Options,
    stop: &AtomicBool,
    each: &mut dyn FnMut(u64, Data) -> bool,
    warning: &mut Option<String>,
) -> Result<bool, String> {
    match opened {
        Opened::Whole(bytes) => {
            let bytes = Arc::new(mmap::Regions::new(bytes));
            for r in chunk_ranges(bytes.as_slice(), opts.chunk_bytes) {
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
                opts.chunk_bytes,
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

struct ChunkResult {
    seq: u64,
    /// Part of a file a worker opened ([`Job::Open`]); 0 otherwise.
    part: u64,
    /// The last part of its sequence number.
    last: bool,
    /// On the last part of a file a worker opened: whether the file changed
    /// while it was read.
    warning: Option<String>,
    /// The chunk's bytes end without a newline (only the last chunk of a
    /// file can), for [`change_warning`].
    unterminated: bool,
    file: usize,
    base: u64,
    bytes: u64,
    counts: LineCounts,
    errors: Vec<ChunkError>,
    verdicts: Vec<u8>,
    excerpts: Vec<ChunkExcerpt>,
    /// Contested-record lines, each cut around its `source` (see `marks`).
    uncertain: Vec<u8>,
    marks: Vec<uncertain::Mark>,
    /// Bytes of input read from disk for this chunk (progress).
    disk_bytes: u64,
    /// The mapped file was truncated while read: the offset of the first
    /// line dropped (it and every later line read zeros, not the file).
    truncated: Option<u64>,
}

/// Per-worker state, reused for every chunk.
struct Worker<'r> {
    rubric: &'r Rubric,
    opts: &'r Options,
    scratch: Scratch,
    cache: GradeCache,
    tally: Tally,
    key: String,
    part: String,
    cluster: String,
    sources: &'r [String],
    profile: Option<Profile>,
    record: Vec<u8>,
    excerpt_counts: Vec<usize>,
    /// The record id as text, for judge look-ups of numeric ids.
    id: String,
    /// Bit per judge verdict: matched a record this worker graded.
    label_hits: Vec<u64>,
    /// Set when this worker's groups passed [`Options::max_groups`].
    groups_over: &'r AtomicBool,
    /// The run's stop flag, set then.
    stop: &'r AtomicBool,
}

impl<'r> Worker<'r> {
    fn chunk(&mut self, seq: u64, file: usize, base: u64, data: &Data) -> ChunkResult {
        let started = self.profile.is_some().then(std::time::Instant::now);
        let r = self.chunk_lines(seq, file, base, data);
        if let Data::Shared(b, range) = data {
            b.graded(range.clone());
        }
        if let (Some(t), Some(p)) = (started, self.profile.as_mut()) {
            p.busy_ns += t.elapsed().as_nanos() as u64;
        }
        r
    }

    /// Opens, cuts and grades a whole file ([`Job::Open`]) and sends its
    /// parts in order, each once the next exists so that the last can be
    /// marked (an empty file is one empty part); the last part, or the
    /// failure, carries the file's change warning. `false` when the
    /// consumer is gone.
    fn open_file(
        &mut self,
        seq: u64,
        file: usize,
        src: &Source,
        snap: Snapshot,
        stop: &AtomicBool,
        tx: &crossbeam_channel::Sender<Msg>,
    ) -> bool {
        // Opening and reading count as the read/split stage.
        let started = self.profile.is_some().then(std::time::Instant::now);
        let opened = crate::input::open(src, self.opts.mmap);
        if let (Some(t), Some(p)) = (started, self.profile.as_mut()) {
            p.busy_ns += t.elapsed().as_nanos() as u64;
        }
        let opened = match opened {
            Ok(o) => o,
            Err(e) => {
                return tx
                    .send(Msg::FileFailed {
                        seq,
                        part: 0,
                        file,
                        reason: io_reason(&e),
                        warning: None,
                    })
                    .is_ok();
            }
        };
        let opts = self.opts;
        let mut held: Option<ChunkResult> = None;
        let mut parts = 0u64;
        let mut sent = true;
        let mut trailing = None;
        let mut each = |base, data| {
            let mut r = self.chunk(seq, file, base, &data);
            r.part = parts;
            parts += 1;
            if let Some(mut h) = held.replace(r) {
                h.last = false;
                sent = tx.send(Msg::Chunk(h)).is_ok();
            }
            sent
        };
        let res = cut(opened, opts, stop, &mut each, &mut trailing);
        // Read whole by now, so whether it changed is checked here, on this
        // worker, not by the caller's thread after the run, file by file.
        // After a read error the last bytes graded are not the file's end.
        let unterminated = res.is_err() || held.as_ref().is_some_and(|h| h.unterminated);
        let changed = || match src {
            Source::File(p) => change_warning(p, snap, unterminated),
            _ => None,
        };
        match res {
            Ok(true) => {
                let mut r = held.unwrap_or_else(|| {
                    self.chunk(seq, file, 0, &Data::Owned(Vec::new(), Vec::new(), 0))
                });
                r.warning = join_warnings(trailing, changed());
                tx.send(Msg::Chunk(r)).is_ok()
            }
            // Stopped: what is not sent is not reported (the run is cut short).
            Ok(false) => sent,
            Err(reason) => {
                if let Some(mut h) = held {
                    h.last = false;
                    if tx.send(Msg::Chunk(h)).is_err() {
                        return false;
                    }
                }
                tx.send(Msg::FileFailed {
                    seq,
                    part: parts,
                    file,
                    reason,
                    warning: changed(),
                })
                .is_ok()
            }
        }
    }

    fn chunk_lines(&mut self, seq: u64, file: usize, base: u64, data: &Data) -> ChunkResult {
        let bytes = data.bytes();
        let (oversized, span): (&[Cut], u64) = match data {
            Data::Owned(_, o, span) => (o, *span),
            _ => (&[], bytes.len() as u64),
        };
        let mut r = ChunkResult {
            seq,
            part: 0,
            last: true,
            warning: None,
            // A line cut short by the record limit leaves the block's bytes
            // without the file's own ending: then assume the worst.
            unterminated: bytes.last().is_some_and(|&b| b != b'\n') || !oversized.is_empty(),
            file,
            base,
            bytes: span,
            counts: LineCounts::default(),
            errors: Vec::new(),
            verdicts: Vec::new(),
            excerpts: Vec::new(),
            uncertain: Vec::new(),
            marks: Vec::new(),
            disk_bytes: bytes.len() as u64,
            truncated: None,
        };
        self.excerpt_counts.clear();
        self.excerpt_counts
            .resize(self.rubric.behaviours().len(), 0);
        if let Data::Log(units) = data {
            r.bytes = 0;
            r.disk_bytes = 0;
            let mut record = std::mem::take(&mut self.record);
            let stop = self.stop;
            for (idx, u) in units.iter().enumerate() {
                // Stopped (Ctrl-C, --max-groups): the rest is not graded,
                // so a stop does not wait for the jobs already queued.
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let idx = idx as u64;
                r.counts.lines += 1;
                r.disk_bytes += u.disk_bytes;
                let res = u
                    .payload
                    .record_into(&mut record, self.opts.max_record_bytes)
                    .and_then(|()| {
                        r.bytes += record.len() as u64;
                        self.grade(&record, file, idx, Some(&u.name), &mut r)
                    });
                match res {
                    Ok(()) => r.counts.graded += 1,
                    Err(reason) => {
                        r.counts.malformed += 1;
                        r.errors.push(ChunkError {
                            idx,
                            off: u.offset as usize,
                            name: Some(u.name.clone()),
                            reason,
                        });
                    }
                }
            }
            self.record = record;
            return r;
        }
        let mapped = match data {
            Data::Shared(b, _) => Some(&**b),
            _ => None,
        };
        let stop = self.stop;
        for (idx, off, mut line) in lines(bytes) {
            // Stopped: as for log samples above.
            if stop.load(Ordering::Relaxed) {
                break;
            }
            // A mapped file truncated under us: lines that reach the first
            // page that faulted read zeros, not the file; drop them.
            if let Some(f) = mapped.and_then(mmap::Regions::fault)
                && base + (off + line.len()) as u64 > f
            {
                r.truncated = Some(base + off as u64);
                break;
            }
            r.counts.lines += 1;
            let mut bom = 0;
            if base == 0 && off == 0 && line.starts_with(b"\xEF\xBB\xBF") {
                line = &line[3..];
                bom = 3;
            }
            let cut = oversized.iter().find(|c| c.at == off);
            if line.iter().all(u8::is_ascii_whitespace) && cut.is_none_or(|c| c.rest_blank) {
                r.counts.blank += 1;
                continue;
            }
            let too_long_reason = if let Some(c) = cut.filter(|c| c.torn) {
                Some(format!(
                    "the line is incomplete: reading the input failed {} bytes into it, \
                     before its newline (the failure is reported for the file)",
                    c.len
                ))
            } else if let Some(c) = cut {
                Some(too_long(
                    c.len.saturating_sub(bom),
                    self.opts.max_record_bytes,
                ))
            } else if line.len() > self.opts.max_record_bytes {
                Some(too_long(line.len() as u64, self.opts.max_record_bytes))
            } else {
                None
            };
            let res = match too_long_reason {
                Some(reason) => Err(reason),
                None => self.grade(line, file, idx, None, &mut r),
            };
            match res {
                Ok(()) => r.counts.graded += 1,
                Err(reason) => {
                    r.counts.malformed += 1;
                    r.errors.push(ChunkError {
                        idx,
                        off,
                        name: None,
                        reason,
                    });
                }
            }
        }
        r
    }

    /// Parses and grades one record, adding it to the tally, the verdict
    /// lines and the kept excerpts. `name` is set for samples of logs.
    fn grade(
        &mut self,
        line: &[u8],
        file: usize,
        idx: u64,
        name: Option<&str>,
        r: &mut ChunkResult,
    ) -> Result<(), String> {
        let nb = self.rubric.behaviours().len();
        let Worker {
            rubric,
            opts,
            scratch,
            cache,
            tally,
            key,
            part,
            cluster,
            sources,
            excerpt_counts,
            profile,
            id,
            label_hits,
            groups_over,
            stop,
            ..
        } = self;
        if line.len() > DENSE_CHECK_BYTES {
            dense(line)?;
        }
        if opts.work == Work::ParseOnly {
            return scratch
                .parse_only(line)
                .map(|_| ())
                .map_err(|e| e.to_string());
        }
        let t0 = profile.is_some().then(std::time::Instant::now);
        scratch.with_record(line, |rec| {
            let t1 = t0.map(|_| std::time::Instant::now());
            let rec = rec.map_err(|e| e.to_string())?;
            let v = rubric.grade(rec, cache);
            let t2 = t0.map(|_| std::time::Instant::now());
            key.clear();
            for f in &opts.by {
                // The record's own fields are already parsed; others are
                // looked up on the tape into a reused buffer.
                let p: &str = match f {
                    FieldPath::Field(n) if n == "model" => rec.model,
                    FieldPath::Field(n) if n == "scenario" => rec.scenario,
                    FieldPath::Field(n) if n == "condition" => rec.condition,
                    other => {
                        part.clear();
                        rec.lookup(other, part);
                        part
                    }
                };
                Tally::push_key_part(key, p);
            }
            let cl = match &opts.cluster {
                Some(c) => {
                    cluster.clear();
                    if !rec.lookup(c, cluster) {
                        cluster.push_str("(missing)");
                    }
                    Some(cluster.as_str())
                }
                None => None,
            };
            // A judge's verdict, when one names this record, is the one
            // that counts; without --labels nothing here allocates.
            let judged = opts.labels.as_deref().and_then(|l| {
                let rid: &str = match rec.id {
                    crate::parse::Id::Str(s) => s,
                    other => {
                        id.clear();
                        let _ = std::fmt::Write::write_fmt(id, format_args!("{other}"));
                        id
                    }
                };
                let i = l.find(rid, rec.epoch, rec.model)?;
                label_hits[i / 64] |= 1 << (i % 64);
                Some(l.apply(i, v.behaviours, rubric.failure_mask()))
            });
            match judged {
                Some((mask, failure)) => {
                    tally.add(key, nb, mask, failure, cl);
                    tally.mark_judged(key);
                }
                None => tally.add(key, nb, v.behaviours, v.failure(), cl),
            }
            // Past --max-groups: stop the run before the groups exhaust
            // memory (checked per worker; the merged count after the run).
            if tally.len() > opts.max_groups && !groups_over.swap(true, Ordering::Relaxed) {
                stop.store(true, Ordering::Relaxed);
            }
            if opts.verdicts {
                verdict::write(
                    &mut r.verdicts,
                    rubric,
                    rec,
                    v,
                    judged,
                    &sources[file],
                    name.is_some(),
                );
            }
            // A judged record has had its reading; only the rest go out.
            if opts.uncertain && v.contested != 0 && judged.is_none() {
                let m =
                    uncertain::write(&mut r.uncertain, rubric, rec, v, name.is_some(), idx, name);
                r.marks.push(m);
            }
            if opts.excerpts > 0 {
                // One excerpt per behaviour per record: the kept evidence
                // should show different transcripts.
                let mut seen = 0u64;
                for e in &v.evidence {
                    let b = e.behaviour as usize;
                    if excerpt_counts[b] >= opts.excerpts || seen & (1 << b) != 0 {
                        continue;
                    }
                    seen |= 1 << b;
                    excerpt_counts[b] += 1;
                    r.excerpts.push(ChunkExcerpt {
                        idx,
                        name: name.map(str::to_string),
                        e: verdict::excerpt_of(rubric, rec, e),
                    });
                }
            }
            if let (Some(t0), Some(t1), Some(t2), Some(p)) = (t0, t1, t2, profile.as_mut()) {
                let t3 = std::time::Instant::now();
                p.parse_ns += (t1 - t0).as_nanos() as u64;
                p.grade_ns += (t2 - t1).as_nanos() as u64;
                p.tally_ns += (t3 - t2).as_nanos() as u64;
                p.latency
                    .saturating_record(((t3 - t0).as_nanos() as u64).max(1));
            }
            Ok::<(), String>(())
        })
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

impl Batch {
    /// Adds a unit, sending the batch when full; `false` when the run
    /// should stop (Ctrl-C, or the workers are gone).
    fn push(
        &mut self,
        u: Unit,
        file: usize,
        tx: &crossbeam_channel::Sender<Job>,
        next: &mut impl FnMut() -> u64,
        stop: &AtomicBool,
    ) -> bool {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        self.bytes += u.disk_bytes;
        self.units.push(u);
        if self.units.len() >= BATCH_UNITS || self.bytes >= BATCH_BYTES {
            return self.flush(file, tx, next);
        }
        true
    }

    fn flush(
        &mut self,
        file: usize,
        tx: &crossbeam_channel::Sender<Job>,
        next: &mut impl FnMut() -> u64,
    ) -> bool {
        if self.units.is_empty() {
            return true;
        }
        self.bytes = 0;
        let job = Job::Chunk {
            seq: next(),
            file,
            base: 0,
            data: Data::Log(std::mem::take(&mut self.units)),
        };
        tx.send(job).is_ok()
    }
}

fn send_units(
    units: &mut dyn Iterator<Item = Unit>,
    file: usize,
    tx: &crossbeam_channel::Sender<Job>,
    next: &mut impl FnMut() -> u64,
    stop: &AtomicBool,
) -> bool {
    let mut b = Batch::default();
    for u in units {
        if !b.push(u, file, tx, next, stop) {
            return false;
        }
    }
    b.flush(file, tx, next)
}

/// The first bytes of a file, for [`kind::detect`]; empty when unreadable
/// (the open that follows reports why) or not `regular`: opening a
/// FIFO to peek would consume its writer, and the real read would then
/// wait for a partner forever.
fn head_of(p: &std::path::Path, name: &str, regular: bool) -> Vec<u8> {
    use std::io::Read;
    // Only a `.json` name needs the long head (to tell an Inspect log from
    // JSONL); any other kind is told by its first four bytes. Reading 64 KiB
    // of every file of a 10,000-file sweep cost more than grading it.
    let want = if name.ends_with(".json") {
        kind::HEAD_BYTES
    } else {
        4
    };
    let mut buf = Vec::with_capacity(want);
    if !regular {
        return buf;
    }
    if let Ok(f) = std::fs::File::open(p) {
        let _ = f.take(want as u64).read_to_end(&mut buf);
    }
    buf
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

/// Writes a chunk's contested-record lines, each with its `source`: the
/// sample's name, or `file:line` (known only now, in input order).
fn write_uncertain(
    w: &mut dyn Write,
    buf: &[u8],
    marks: &[uncertain::Mark],
    file: &str,
    first_line: u64,
) -> io::Result<()> {
    let mut at = 0;
    let mut source = Vec::new();
    for m in marks {
        w.write_all(&buf[at..m.head])?;
        source.clear();
        source.extend_from_slice(b",\"source\":");
        match &m.name {
            Some(n) => verdict::string(&mut source, n),
            None => verdict::string(&mut source, &format!("{file}:{}", first_line + m.idx + 1)),
        }
        w.write_all(&source)?;
        w.write_all(&buf[m.head..m.end])?;
        at = m.end;
    }
    Ok(())
}

/// Records longer than this are checked by `dense` before they are
/// parsed; shorter ones cannot reach its floor.
pub const DENSE_CHECK_BYTES: usize = 1 << 20;

/// Memory a record may take while parsed and graded, as a multiple of its
/// size (issue #23: a 60 MB line of 15 M tiny strings took 38×).
pub const RECORD_MEMORY_FACTOR: usize = 10;

/// ... but never less than this: a 20 MB transcript of many short messages
/// is fine.
pub const RECORD_MEMORY_FLOOR: usize = 256 << 20;

/// Bytes a parsed JSON value costs beyond the record's own bytes: the
/// parse tape's node, the structural index, the text segment the grader
/// walks, and the slack of the vectors that hold them. With
/// [`LINE_COPIES`], fitted to two measured shapes (one thread, peak
/// anonymous memory): a 60 MB line of 15 M one-letter strings, 2.34 GB; a
/// 60 MB line of 2.6 M 20-letter strings, 0.71 GB.
pub const BYTES_PER_VALUE: usize = 144;

/// The record's bytes are held this many times over while it is parsed and
/// graded (the padded copy, simd-json's string buffer, the grader's text).
pub const LINE_COPIES: usize = 6;

/// Refuses a record whose values are so many for its size that parsing and
/// grading it would take over [`RECORD_MEMORY_FACTOR`] times its size (and
/// over [`RECORD_MEMORY_FLOOR`]). Values are estimated by [`count_values`],
/// for records of more than [`DENSE_CHECK_BYTES`] only.
fn dense(line: &[u8]) -> Result<(), String> {
    let values = count_values(line);
    let need = LINE_COPIES * line.len() + BYTES_PER_VALUE * values;
    let bound = (RECORD_MEMORY_FACTOR * line.len()).max(RECORD_MEMORY_FLOOR);
    if need <= bound {
        return Ok(());
    }
    Err(format!(
        "the record holds about {values} JSON values in {} bytes (one every {} bytes); \
         parsing and grading it would take about {} MB of memory, over {} MB \
         ({RECORD_MEMORY_FACTOR}× its size), so it was not parsed. Such records are \
         usually generated data in tool arguments; store it outside the transcript",
        line.len(),
        line.len() / values.max(1),
        need >> 20,
        bound >> 20
    ))
}

/// About how many JSON values `line` holds: the `,` and `:` outside
/// strings (one a value in arrays and objects). Text inside strings is
/// skipped with memchr, so a tool result that is a long JSON dump in a
/// string counts as the one value it is, and a prose record costs a few
/// memchr calls per string.
fn count_values(line: &[u8]) -> usize {
    let mut values = 0;
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        let quote = memchr::memchr(b'"', rest).unwrap_or(rest.len());
        values += rest[..quote]
            .iter()
            .filter(|&&b| b == b',' || b == b':')
            .count();
        // Past the string that starts at the quote, escapes and all.
        at += quote + 1;
        while at < line.len() {
            match memchr::memchr2(b'"', b'\\', &line[at..]) {
                Some(i) if line[at + i] == b'\\' => at += i + 2,
                Some(i) => {
                    at += i + 1;
                    break;
                }
                None => at = line.len(),
            }
        }
    }
    values
}

/// Both warnings, or either.
fn join_warnings(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

fn too_long(len: u64, max: usize) -> String {
    format!(
        "the line is {len} bytes, over --max-record-bytes {max}; it was not parsed (raise the limit to grade it)"
    )
}

/// Grades `sources` with `rubric`, writing verdict lines to `verdicts` when
/// given. `stop` is polled between chunks (Ctrl-C); once set, no new chunk
/// starts and the outcome is marked interrupted.
pub fn run(
    sources: &[Source],
    rubric: &Rubric,
    opts: &Options,
    verdicts: Option<&mut dyn Write>,
    stop: &AtomicBool,
) -> io::Result<Outcome> {
    run_to(
        sources,
        rubric,
        opts,
        Sinks {
            verdicts,
            uncertain: None,
        },
        stop,
    )
}

/// Where the per-record lines of a run go, in input order.
#[derive(Default)]
pub struct Sinks<'w> {
    /// Verdict lines (`Options::verdicts`).
    pub verdicts: Option<&'w mut dyn Write>,
    /// Contested-record lines (`Options::uncertain`).
    pub uncertain: Option<&'w mut dyn Write>,
}

/// [`run`], with every kind of per-record line.
pub fn run_to(
    sources: &[Source],
    rubric: &Rubric,
    opts: &Options,
    sinks: Sinks<'_>,
    stop: &AtomicBool,
) -> io::Result<Outcome> {
    let Sinks {
        mut verdicts,
        mut uncertain,
    } = sinks;
    let label_words = opts.labels.as_ref().map_or(0, |l| l.len().div_ceil(64));
    let threads = opts.threads.max(1);
    let names: Vec<String> = sources.iter().map(Source::display).collect();
    let (job_tx, job_rx) = bounded::<Job>(threads * 4);
    let (msg_tx, msg_rx) = unbounded::<Msg>();
    let mut out = Outcome {
        files: names
            .iter()
            .map(|p| FileSummary {
                path: p.clone(),
                bytes: 0,
                counts: LineCounts::default(),
                error: None,
                warning: None,
            })
            .collect(),
        ..Outcome::default()
    };
    let mut write_error: Option<io::Error> = None;
    let groups_over = &AtomicBool::new(false);
    let tallies: Vec<(Tally, Option<Profile>, Vec<u64>)> = std::thread::scope(|s| {
        // Producer: opens inputs in order and cuts them into chunks.
        let producer_msgs = msg_tx.clone();
        let producer_names = &names;
        let producer = s.spawn(move || {
            let names = producer_names;
            let mut snapshots: Vec<Option<Snapshot>> = vec![None; sources.len()];
            let mut seq = 0u64;
            let mut next = move || {
                seq += 1;
                seq - 1
            };
            'files: for (file, src) in sources.iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                // One `statx` per file serves the kind sniffing (a regular
                // file?), the choice of who reads it, and the change check.
                let snap = snapshot(src);
                let kind = match (src, opts.input_format) {
                    (Source::AmTree { files, .. }, _) => {
                        let mut reader = am::TreeReader::new();
                        let mut units = files
                            .iter()
                            .map(|f| reader.unit(f, opts.max_record_bytes));
                        if !send_units(&mut units, file, &job_tx, &mut next, stop) {
                            break 'files;
                        }
                        continue;
                    }
                    (_, InputFormat::Jsonl) => InputKind::Jsonl,
                    (_, InputFormat::InspectEval) => InputKind::InspectEval,
                    (_, InputFormat::InspectJson) => InputKind::InspectJson,
                    (Source::Stdin | Source::Memory { .. }, _) => InputKind::Jsonl,
                    (Source::File(p), _) => {
                        kind::detect(&names[file], &head_of(p, &names[file], snap.is_some()))
                    }
                };
                let path = match src {
                    Source::File(p) => Some(p),
                    _ => None,
                };
                match (kind, path) {
                    (InputKind::Jsonl, _) => {}
                    (_, None) => {
                        let _ = producer_msgs.send(Msg::FileFailed {
                            seq: next(),
                            part: 0,
                            warning: None,
                            file,
                            reason: "Inspect logs are read from files, not standard input; save it to a file first".into(),
                        });
                        continue;
                    }
                    (InputKind::InspectEval, Some(p)) => {
                        match inspect::EvalLog::open(p, &names[file], opts.max_record_bytes) {
                            // Taken for an archive by its first bytes alone
                            // ("PK\x03\x04"), a file that is none is graded
                            // as text, so its lines are counted and reported
                            // one by one instead of lost with the whole file
                            // (regression r_fake_zip_magic, as r_fake_magic
                            // for compression).
                            Err(_)
                                if opts.input_format == InputFormat::Auto
                                    && !names[file].ends_with(".eval") => {}
                            Err(reason) => {
                                let _ = producer_msgs.send(Msg::FileFailed {
                                    seq: next(),
                                    part: 0,
                                    warning: None,
                                    file,
                                    reason,
                                });
                                continue;
                            }
                            Ok(mut log) => {
                                let mut units = std::iter::from_fn(|| log.next_unit(opts.max_record_bytes));
                                if !send_units(&mut units, file, &job_tx, &mut next, stop) {
                                    break 'files;
                                }
                                continue;
                            }
                        }
                    }
                    (InputKind::InspectJson, Some(p)) => {
                        // Streamed: each sample is converted and batched as
                        // it is read, at most --max-record-bytes of it held.
                        let mut batch = Batch::default();
                        let mut ok = true;
                        let res = inspect::json_log(
                            &names[file],
                            p,
                            opts.max_record_bytes,
                            &mut |u| {
                                ok = batch.push(u, file, &job_tx, &mut next, stop);
                                ok
                            },
                        );
                        // The samples read before a failure are graded.
                        if !ok || !batch.flush(file, &job_tx, &mut next) {
                            break 'files;
                        }
                        if let Err(reason) = res {
                            let _ = producer_msgs.send(Msg::FileFailed {
                                seq: next(),
                                part: 0,
                                warning: None,
                                file,
                                reason,
                            });
                        }
                        continue;
                    }
                }
                // A file of one chunk or less is opened, read and graded by
                // a worker when the workers are short of jobs: with
                // thousands of small files, opening and copying them here
                // made this thread the bottleneck (1.87× the time of one big
                // file at 16 threads, 1.14× at 1,000 files). While the queue
                // still holds a job per worker this thread has time to
                // spare, and reading here overlaps the grading (with one
                // worker, handing every file over cost 25 % in wall time).
                // Either way the output is the same. Bigger files are cut
                // here, so their chunks spread over all workers.
                if let Some(small) = snap.filter(|s| s.len <= opts.chunk_bytes as u64)
                    && job_tx.len() < threads
                {
                    let job = Job::Open {
                        seq: next(),
                        file,
                        snap: small,
                    };
                    if job_tx.send(job).is_err() {
                        break 'files;
                    }
                    continue;
                }
                match crate::input::open(src, opts.mmap) {
                    Err(e) => {
                        let _ = producer_msgs.send(Msg::FileFailed {
                            seq: next(),
                            part: 0,
                            file,
                            reason: io_reason(&e),
                            warning: None,
                        });
                    }
                    Ok(opened) => {
                        snapshots[file] = snap;
                        let mut send = |base, data| {
                            let job = Job::Chunk {
                                seq: next(),
                                file,
                                base,
                                data,
                            };
                            job_tx.send(job).is_ok()
                        };
                        let mut trailing = None;
                        match cut(opened, opts, stop, &mut send, &mut trailing) {
                            Ok(true) => {
                                if let Some(warning) = trailing {
                                    let _ = producer_msgs.send(Msg::FileNote {
                                        seq: next(),
                                        file,
                                        warning,
                                    });
                                }
                            }
                            Ok(false) => break 'files,
                            Err(reason) => {
                                let _ = producer_msgs.send(Msg::FileFailed {
                                    seq: next(),
                                    part: 0,
                                    file,
                                    reason,
                                    warning: None,
                                });
                            }
                        }
                    }
                }
            }
            drop(job_tx);
            snapshots
        });
        // Workers.
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let job_rx = job_rx.clone();
                let msg_tx = msg_tx.clone();
                let names = &names;
                s.spawn(move || {
                    let mut w = Worker {
                        rubric,
                        opts,
                        scratch: Scratch::new(),
                        cache: GradeCache::new(rubric),
                        tally: Tally::default(),
                        key: String::new(),
                        part: String::new(),
                        cluster: String::new(),
                        sources: names,
                        profile: opts.profile.then(Profile::new),
                        record: Vec::new(),
                        excerpt_counts: Vec::new(),
                        id: String::new(),
                        label_hits: vec![0; label_words],
                        groups_over,
                        stop,
                    };
                    for job in job_rx.iter() {
                        let sent = match job {
                            Job::Chunk {
                                seq,
                                file,
                                base,
                                data,
                            } => {
                                let r = w.chunk(seq, file, base, &data);
                                drop(data);
                                msg_tx.send(Msg::Chunk(r)).is_ok()
                            }
                            Job::Open { seq, file, snap } => {
                                w.open_file(seq, file, &sources[file], snap, stop, &msg_tx)
                            }
                        };
                        if !sent {
                            break;
                        }
                    }
                    (w.tally, w.profile, w.label_hits)
                })
            })
            .collect();
        drop(msg_tx);
        drop(job_rx);

        // Consumer: put results back in order as they arrive.
        let mut pending: BTreeMap<(u64, u64), Msg> = BTreeMap::new();
        let mut next = (0u64, 0u64);
        let mut file_lines: Vec<u64> = vec![0; sources.len()];
        let mut unterminated = vec![false; sources.len()];
        let mut excerpt_counts: Vec<usize> = vec![0; rubric.behaviours().len()];
        for m in msg_rx.iter() {
            pending.insert(m.key(), m);
            while let Some(m) = pending.remove(&next) {
                next = if m.last() {
                    (next.0 + 1, 0)
                } else {
                    (next.0, next.1 + 1)
                };
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
                            unterminated[c.file] = c.unterminated;
                        }
                        f.bytes += c.bytes;
                        f.counts += c.counts;
                        out.counts += c.counts;
                        let first_line = file_lines[c.file];
                        file_lines[c.file] += c.counts.lines;
                        if let Some(p) = &opts.progress {
                            (p.0)(c.disk_bytes, c.counts.lines);
                        }
                        for e in c.errors {
                            out.errors_total += 1;
                            if out.errors.len() < opts.max_errors_kept {
                                out.errors.push(RecordError {
                                    file: e.name.unwrap_or_else(|| names[c.file].clone()),
                                    line: first_line + e.idx + 1,
                                    offset: c.base + e.off as u64,
                                    reason: e.reason,
                                });
                            }
                        }
                        for x in c.excerpts {
                            let b = x.e.behaviour;
                            if excerpt_counts[b] < opts.excerpts {
                                excerpt_counts[b] += 1;
                                let mut e = x.e;
                                e.source = x.name.unwrap_or_else(|| {
                                    format!("{}:{}", names[c.file], first_line + x.idx + 1)
                                });
                                out.excerpts.push(e);
                            }
                        }
                        if let Some(w) = verdicts.as_mut()
                            && write_error.is_none()
                            && let Err(e) = w.write_all(&c.verdicts)
                        {
                            // Stop producing; the error is returned below.
                            stop.store(true, Ordering::Relaxed);
                            write_error = Some(e);
                        }
                        out.contested += c.marks.len() as u64;
                        if let Some(w) = uncertain.as_mut()
                            && write_error.is_none()
                            && let Err(e) = write_uncertain(
                                &mut **w,
                                &c.uncertain,
                                &c.marks,
                                &names[c.file],
                                first_line,
                            )
                        {
                            stop.store(true, Ordering::Relaxed);
                            write_error = Some(e);
                        }
                    }
                }
            }
        }
        let snapshots = producer.join().ok()?;
        for (file, snap) in snapshots.into_iter().enumerate() {
            if let (Some(snap), Source::File(p)) = (snap, &sources[file]) {
                let w = &mut out.files[file].warning;
                *w = join_warnings(w.take(), change_warning(p, snap, unterminated[file]));
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().ok())
            .collect::<Option<Vec<(Tally, Option<Profile>, Vec<u64>)>>>()
    })
    // A worker can only panic on a bug; never report partial counts as whole.
    .ok_or_else(|| {
        io::Error::other("a worker thread panicked (a bug in assay; please report it)")
    })?;
    if let Some(e) = write_error {
        return Err(e);
    }
    let mut hits = vec![0u64; label_words];
    for (t, p, h) in &tallies {
        for (a, b) in hits.iter_mut().zip(h) {
            *a |= b;
        }
        out.tally.merge(t);
        if let Some(p) = p {
            match &mut out.profile {
                Some(mine) => mine.merge(p),
                None => out.profile = Some(p.clone()),
            }
        }
    }
    // Input order within each behaviour; behaviours in rubric order.
    out.excerpts.sort_by_key(|e| e.behaviour);
    if let Some(l) = &opts.labels {
        let mut u = JudgeUse {
            verdicts: l.len() as u64,
            judged: out.tally.judged(),
            ..JudgeUse::default()
        };
        for i in (0..l.len()).filter(|i| hits[i / 64] & (1 << (i % 64)) == 0) {
            u.unseen += 1;
            if u.unseen_first.len() < UNSEEN_KEPT {
                u.unseen_first.push(l.describe(i));
            }
        }
        out.judge = Some(u);
    }
    out.too_many_groups = groups_over.load(Ordering::Relaxed) || out.tally.len() > opts.max_groups;
    // A run stopped for too many groups was not interrupted by the user.
    out.interrupted = stop.load(Ordering::Relaxed) && !groups_over.load(Ordering::Relaxed);
    Ok(out)
}
