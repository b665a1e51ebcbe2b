//! Engine: the pipeline that ties the stages together.
//!
//! ```text
//! producer thread          N worker threads                 caller's thread
//! sources → chunks  ──▶  split → parse → grade → tally  ──▶  reorder → verdicts, errors
//!          (bounded)      (per-thread Scratch, GradeCache,     (by chunk sequence)
//!                          Tally; merged once at the end)
//! ```
//!
//! Plain files are mapped once and cut into newline-aligned chunks that
//! workers read in place; compressed files and pipes are read in blocks by
//! the producer. All files' chunks go through one queue, so many small files
//! keep every core busy as well as one big file does. Nothing is sent per
//! record: a worker returns one small message per chunk (line counts, the
//! malformed lines, and the verdict lines when asked for), and its tally once
//! at the end. Results are put back in chunk order before anything is
//! written, so output is byte-identical for every thread count.

mod verdict;

use crate::grade::GradeCache;
use crate::input::split::{BlockReader, CHUNK_BYTES, chunk_ranges, lines};
use crate::input::{InputError, MmapChoice, Opened, Source, io_reason, mmap};
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
    /// Target chunk size ([`CHUNK_BYTES`]). Output never depends on it; the
    /// `split_records` fuzz target and tests vary it to prove that.
    pub chunk_bytes: usize,
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
            chunk_bytes: CHUNK_BYTES,
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
fn change_warning(path: &std::path::Path, at_open: Snapshot) -> Option<String> {
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
    if now.len() > 0 && age.as_secs() < STILL_WRITTEN_SECS {
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
}

enum Data {
    Shared(Arc<mmap::Bytes>, Range<usize>),
    /// Bytes read from a stream, lines cut short, and how many bytes of the
    /// stream they stand for.
    Owned(Vec<u8>, Vec<(usize, u64)>, u64),
}

impl Data {
    fn bytes(&self) -> &[u8] {
        match self {
            Data::Shared(b, r) => &b.as_slice()[r.clone()],
            Data::Owned(v, ..) => v,
        }
    }
}

enum Job {
    Chunk {
        seq: u64,
        file: usize,
        base: u64,
        data: Data,
    },
}

enum Msg {
    Chunk(ChunkResult),
    FileFailed {
        seq: u64,
        file: usize,
        reason: String,
    },
}

impl Msg {
    fn seq(&self) -> u64 {
        match self {
            Msg::Chunk(c) => c.seq,
            Msg::FileFailed { seq, .. } => *seq,
        }
    }
}

struct ChunkResult {
    seq: u64,
    file: usize,
    base: u64,
    bytes: u64,
    counts: LineCounts,
    /// (line index within chunk, offset within chunk, reason)
    errors: Vec<(u64, usize, String)>,
    verdicts: Vec<u8>,
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
}

impl<'r> Worker<'r> {
    fn chunk(&mut self, seq: u64, file: usize, base: u64, data: &Data) -> ChunkResult {
        let bytes = data.bytes();
        let (oversized, span): (&[(usize, u64)], u64) = match data {
            Data::Owned(_, o, span) => (o, *span),
            Data::Shared(..) => (&[], bytes.len() as u64),
        };
        let mut r = ChunkResult {
            seq,
            file,
            base,
            bytes: span,
            counts: LineCounts::default(),
            errors: Vec::new(),
            verdicts: Vec::new(),
        };
        let nb = self.rubric.behaviours().len();
        for (idx, off, mut line) in lines(bytes) {
            r.counts.lines += 1;
            let mut bom = 0;
            if base == 0 && off == 0 && line.starts_with(b"\xEF\xBB\xBF") {
                line = &line[3..];
                bom = 3;
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                r.counts.blank += 1;
                continue;
            }
            if let Some((_, total)) = oversized.iter().find(|(o, _)| *o == off) {
                r.counts.malformed += 1;
                let total = total.saturating_sub(bom);
                r.errors
                    .push((idx, off, too_long(total, self.opts.max_record_bytes)));
                continue;
            }
            if line.len() > self.opts.max_record_bytes {
                r.counts.malformed += 1;
                r.errors.push((
                    idx,
                    off,
                    too_long(line.len() as u64, self.opts.max_record_bytes),
                ));
                continue;
            }
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
            } = self;
            let res = scratch.with_record(line, |rec| {
                let rec = rec.map_err(|e| e.to_string())?;
                let v = rubric.grade(rec, cache);
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
                tally.add(key, nb, v.behaviours, v.failure(), cl);
                if opts.verdicts {
                    verdict::write(&mut r.verdicts, rubric, rec, v, &sources[file]);
                }
                Ok::<(), String>(())
            });
            match res {
                Ok(()) => r.counts.graded += 1,
                Err(reason) => {
                    r.counts.malformed += 1;
                    r.errors.push((idx, off, reason));
                }
            }
        }
        r
    }
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
    mut verdicts: Option<&mut dyn Write>,
    stop: &AtomicBool,
) -> io::Result<Outcome> {
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
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        // Producer: opens inputs in order and cuts them into chunks.
        let producer_msgs = msg_tx.clone();
        let producer = s.spawn(move || {
            let mut snapshots: Vec<Option<Snapshot>> = vec![None; sources.len()];
            let mut seq = 0u64;
            let mut next = || {
                seq += 1;
                seq - 1
            };
            'files: for (file, src) in sources.iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match crate::input::open(src, opts.mmap) {
                    Err(e) => {
                        let _ = producer_msgs.send(Msg::FileFailed {
                            seq: next(),
                            file,
                            reason: io_reason(&e),
                        });
                    }
                    Ok(Opened::Whole(bytes)) => {
                        snapshots[file] = snapshot(src);
                        let bytes = Arc::new(bytes);
                        for r in chunk_ranges(bytes.as_slice(), opts.chunk_bytes) {
                            if stop.load(Ordering::Relaxed) {
                                break 'files;
                            }
                            let job = Job::Chunk {
                                seq: next(),
                                file,
                                base: r.start as u64,
                                data: Data::Shared(bytes.clone(), r),
                            };
                            if job_tx.send(job).is_err() {
                                break 'files;
                            }
                        }
                    }
                    Ok(Opened::Stream(reader)) => {
                        snapshots[file] = snapshot(src);
                        // Slack of 5 bytes for a BOM and a `\r`, which the
                        // worker strips before measuring: only a line whose
                        // stripped length is over the limit may be cut short
                        // (regression r_oversized_crlf_bom).
                        let mut br = BlockReader::with_block_bytes(
                            reader,
                            opts.max_record_bytes.saturating_add(5),
                            opts.chunk_bytes,
                        );
                        let mut base = 0u64;
                        loop {
                            if stop.load(Ordering::Relaxed) {
                                break 'files;
                            }
                            match br.next_block() {
                                Ok(None) => break,
                                Ok(Some(b)) => {
                                    let len = b.stream_bytes;
                                    let job = Job::Chunk {
                                        seq: next(),
                                        file,
                                        base,
                                        data: Data::Owned(b.bytes, b.oversized, len),
                                    };
                                    if job_tx.send(job).is_err() {
                                        break 'files;
                                    }
                                    base += len;
                                }
                                Err(e) => {
                                    let reason = format!(
                                        "read failed after {base} bytes: {}",
                                        io_reason(&e)
                                    );
                                    let _ = producer_msgs.send(Msg::FileFailed {
                                        seq: next(),
                                        file,
                                        reason,
                                    });
                                    break;
                                }
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
                    };
                    for Job::Chunk {
                        seq,
                        file,
                        base,
                        data,
                    } in job_rx.iter()
                    {
                        let r = w.chunk(seq, file, base, &data);
                        drop(data);
                        if msg_tx.send(Msg::Chunk(r)).is_err() {
                            break;
                        }
                    }
                    w.tally
                })
            })
            .collect();
        drop(msg_tx);
        drop(job_rx);

        // Consumer: put results back in order as they arrive.
        let mut pending: BTreeMap<u64, Msg> = BTreeMap::new();
        let mut next_seq = 0u64;
        let mut file_lines: Vec<u64> = vec![0; sources.len()];
        for m in msg_rx.iter() {
            pending.insert(m.seq(), m);
            while let Some(m) = pending.remove(&next_seq) {
                next_seq += 1;
                match m {
                    Msg::FileFailed { file, reason, .. } => {
                        out.files[file].error = Some(reason.clone());
                        out.input_errors.push(InputError {
                            path: names[file].clone(),
                            reason,
                        });
                    }
                    Msg::Chunk(c) => {
                        let f = &mut out.files[c.file];
                        f.bytes += c.bytes;
                        f.counts += c.counts;
                        out.counts += c.counts;
                        let first_line = file_lines[c.file];
                        file_lines[c.file] += c.counts.lines;
                        for (idx, off, reason) in c.errors {
                            out.errors_total += 1;
                            if out.errors.len() < opts.max_errors_kept {
                                out.errors.push(RecordError {
                                    file: names[c.file].clone(),
                                    line: first_line + idx + 1,
                                    offset: c.base + off as u64,
                                    reason,
                                });
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
                    }
                }
            }
        }
        let snapshots = producer.join().ok()?;
        for (file, snap) in snapshots.into_iter().enumerate() {
            if let (Some(snap), Source::File(p)) = (snap, &sources[file]) {
                out.files[file].warning = change_warning(p, snap);
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().ok())
            .collect::<Option<Vec<Tally>>>()
    })
    // A worker can only panic on a bug; never report partial counts as whole.
    .ok_or_else(|| {
        io::Error::other("a worker thread panicked (a bug in assay; please report it)")
    })?;
    if let Some(e) = write_error {
        return Err(e);
    }
    for t in &tallies {
        out.tally.merge(t);
    }
    out.interrupted = stop.load(Ordering::Relaxed);
    Ok(out)
}
