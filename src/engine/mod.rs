//! Engine: the pipeline that ties the stages together.
//!
//! ```text
//! producer thread          N worker threads                 caller's thread
//! inputs → jobs     ──▶  split → parse → grade → sinks  ──▶  reorder → sinks, errors
//!   (logs::open:          (per-thread Scratch, GradeCache,    (by job sequence
//!    lines or units;       sink state; merged at the end)      and part)
//!    bounded queue)
//! ```
//!
//! Three stages, one module each:
//!
//! - the producer (`producer.rs`): walks the inputs in order, asks
//!   [`crate::logs::open`] how each is read, and turns it into numbered
//!   jobs: newline-aligned chunks of a mapped or streamed JSON Lines file,
//!   batches of log samples, or a whole small file for a worker to open
//!   itself.
//! - the workers (`worker.rs`): per job, split lines, parse each record
//!   once, grade it, apply a judge's verdict (`--labels`), and hand the
//!   record to every sink ([`sink`]); each sends back one small message per
//!   chunk (line counts, malformed lines, the sinks' parts), never one per
//!   record.
//! - the ordering stage (`order.rs`): puts messages back in input order
//!   before anything is counted or written, so output is byte-identical
//!   for every thread count.
//!
//! Everything a run produces per record is a [`RecordSink`]: the tally, the
//! verdict lines (`--verdicts`), the contested lines (`--uncertain`), the
//! evidence excerpts (`--html`), and callers' own (`assay agree`'s
//! agreement counts, see [`run_with`]). A sink that is not given does no
//! work.
//!
//! Other harnesses' logs ([`crate::logs`]) travel the same road: a worker
//! turns each sample into a transcript record and grades it like a line. A
//! sample counts as a line; its errors name the sample
//! (`run.eval!samples/3_epoch_1.json`), its line number is its position in
//! the log, and its offset is where its member's data starts in the
//! archive.

pub mod judging;
mod order;
mod producer;
pub mod sink;
mod uncertain;
mod verdict;
mod worker;

pub use sink::{At, Graded, Place, RecordSink, SinkWorker};
pub use uncertain::{AGENT_BYTES, FIELD_BYTES};
pub use worker::{
    BYTES_PER_VALUE, DENSE_CHECK_BYTES, LINE_COPIES, RECORD_MEMORY_FACTOR, RECORD_MEMORY_FLOOR,
};

use crate::input::split::CHUNK_BYTES;
use crate::input::{InputError, InputFormat, MmapChoice, Source};
use crate::label::JudgeLabels;
use crate::parse::FieldPath;
use crate::rubric::Rubric;
use crate::tally::{LineCounts, Tally};
use crossbeam_channel::{bounded, unbounded};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Default for `--max-record-bytes`: lines longer than this are reported as
/// malformed without being parsed.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// How to run a grading pass: the product's settings. What the run
/// produces per record is decided by the sinks given to [`run_to`] /
/// [`run_with`], not by flags here.
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
    /// How many malformed-line reports to keep (all are counted).
    pub max_errors_kept: usize,
    /// `--input-format`: how to read each input.
    pub input_format: InputFormat,
    /// Evidence excerpts to keep per behaviour (the first ones in input
    /// order); 0 keeps none.
    pub excerpts: usize,
    /// Called on the caller's thread as results arrive, in order.
    pub progress: Option<ProgressHook>,
    /// Judge verdicts that replace the rubric's for the records they name
    /// (`--labels`).
    pub labels: Option<Arc<JudgeLabels>>,
    /// Most distinct groups (`--max-groups`); past it the run stops and
    /// [`Outcome::too_many_groups`] is set. Each worker holds at most this
    /// many plus one, so memory stays near `threads × max_groups ×` the
    /// size of a group (see [`GROUP_BYTES`]).
    pub max_groups: usize,
    /// Benchmark and test settings; the defaults are the product's.
    pub diag: Diagnostics,
}

/// Settings for `assay bench` and tests, never for output: the same input
/// gives the same report whatever they are (except [`Work::ParseOnly`],
/// which grades nothing).
#[derive(Clone, Debug)]
pub struct Diagnostics {
    /// What each worker does with a line.
    pub work: Work,
    /// Measure time per stage and per-record latency (`assay bench`).
    pub profile: bool,
    /// Target chunk size ([`CHUNK_BYTES`]). Output never depends on it; the
    /// `split_records` fuzz target and tests vary it to prove that.
    pub chunk_bytes: usize,
}

impl Default for Diagnostics {
    fn default() -> Self {
        Diagnostics {
            work: Work::Grade,
            profile: false,
            chunk_bytes: CHUNK_BYTES,
        }
    }
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

/// Where worker time went, summed over workers (`Diagnostics::profile`).
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
            max_errors_kept: 1000,
            input_format: InputFormat::Auto,
            excerpts: 0,
            progress: None,
            labels: None,
            max_groups: DEFAULT_MAX_GROUPS,
            diag: Diagnostics::default(),
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

/// How recently a file must have been modified, with no newline at its end,
/// to be suspected of being written still.
pub const STILL_WRITTEN_SECS: u64 = 10;

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
    /// Stage times, when `Diagnostics::profile` was set.
    pub profile: Option<Profile>,
    /// The first [`Options::excerpts`] pieces of evidence per behaviour,
    /// in input order, behaviours in rubric order.
    pub excerpts: Vec<Excerpt>,
    /// Records written as contested lines (`Sinks::uncertain`).
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

/// The tally as a sink: per-worker counts per group, merged once at the
/// end. It also enforces `--max-groups`, stopping the run before the
/// groups exhaust memory (checked per worker; the merged count after the
/// run).
struct TallySink<'r> {
    tally: Tally,
    max_groups: usize,
    groups_over: &'r AtomicBool,
    stop: &'r AtomicBool,
}

/// A worker's side of [`TallySink`].
struct TallyWorker<'r> {
    tally: Tally,
    max_groups: usize,
    groups_over: &'r AtomicBool,
    stop: &'r AtomicBool,
}

impl<'r> RecordSink for TallySink<'r> {
    type Worker = TallyWorker<'r>;
    type Part = ();
    fn worker(&self) -> TallyWorker<'r> {
        TallyWorker {
            tally: Tally::default(),
            max_groups: self.max_groups,
            groups_over: self.groups_over,
            stop: self.stop,
        }
    }
    fn ordered(&mut self, (): (), _: &Place<'_>) -> io::Result<()> {
        Ok(())
    }
    fn merge(&mut self, w: TallyWorker<'r>) {
        self.tally.merge(&w.tally);
    }
}

impl SinkWorker for TallyWorker<'_> {
    type Part = ();
    fn start(&mut self) {}
    fn record(&mut self, (): &mut (), g: &Graded<'_, '_, '_>) {
        let nb = g.rubric.behaviours().len();
        self.tally
            .add(g.key, nb, g.behaviours, g.failure, g.cluster);
        if g.judged.is_some() {
            self.tally.mark_judged(g.key);
        }
        if self.tally.len() > self.max_groups && !self.groups_over.swap(true, Ordering::Relaxed) {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
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

/// Where the per-record lines of a run go, in input order. A writer given
/// is what asks for its lines.
#[derive(Default)]
pub struct Sinks<'w> {
    /// Verdict lines (`--verdicts`).
    pub verdicts: Option<&'w mut dyn Write>,
    /// Contested-record lines (`--uncertain`).
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
    run_with(sources, rubric, opts, sinks, &mut (), stop)
}

/// [`run_to`], with a caller's own sink as well, which sees every graded
/// record after the built-in ones (see [`sink`] for how to write one).
/// Read its result from it after the run.
pub fn run_with<S: RecordSink>(
    sources: &[Source],
    rubric: &Rubric,
    opts: &Options,
    sinks: Sinks<'_>,
    extra: &mut S,
    stop: &AtomicBool,
) -> io::Result<Outcome> {
    let threads = opts.threads.max(1);
    let names: Vec<String> = sources.iter().map(Source::display).collect();
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
    let groups_over = &AtomicBool::new(false);
    // Built-in sinks first, in the order their lines were always written.
    let mut all = (
        TallySink {
            tally: Tally::default(),
            max_groups: opts.max_groups,
            groups_over,
            stop,
        },
        (
            sinks.verdicts.map(|out| verdict::VerdictSink { out }),
            (
                sinks
                    .uncertain
                    .map(|out| uncertain::UncertainSink { out, contested: 0 }),
                (
                    (opts.excerpts > 0).then(|| {
                        verdict::ExcerptSink::new(opts.excerpts, rubric.behaviours().len())
                    }),
                    extra,
                ),
            ),
        ),
    );
    let sink_workers: Vec<_> = (0..threads).map(|_| all.worker()).collect();
    let (job_tx, job_rx) = bounded::<producer::Job>(threads * 4);
    let (msg_tx, msg_rx) = unbounded();
    let mut order = order::Order::new(&names, opts, stop, &mut all);
    let ended = std::thread::scope(|s| {
        let producer = s.spawn({
            let p = producer::Producer {
                sources,
                names: &names,
                opts,
                threads,
                stop,
                jobs: job_tx,
                msgs: msg_tx.clone(),
                seq: 0,
            };
            move || p.run()
        });
        let handles: Vec<_> = sink_workers
            .into_iter()
            .map(|sinks| {
                let job_rx = job_rx.clone();
                let msg_tx = msg_tx.clone();
                let names = &names;
                s.spawn(move || {
                    let mut w = worker::Worker::new(rubric, opts, names, sinks, stop);
                    for job in job_rx.iter() {
                        let sent = match job {
                            producer::Job::Chunk {
                                seq,
                                file,
                                base,
                                data,
                            } => {
                                let r = w.chunk(seq, file, base, &data);
                                drop(data);
                                msg_tx.send(order::Msg::Chunk(r)).is_ok()
                            }
                            producer::Job::Open { seq, file, snap } => {
                                w.open_file(seq, file, &sources[file], snap, &msg_tx)
                            }
                        };
                        if !sent {
                            break;
                        }
                    }
                    (w.sinks, w.profile, w.judge.map(|j| j.hits))
                })
            })
            .collect();
        drop(msg_tx);
        drop(job_rx);
        order.run(&msg_rx, &mut out);
        let snapshots = producer.join().ok()?;
        for (file, snap) in snapshots.into_iter().enumerate() {
            if let (Some(snap), Source::File(p)) = (snap, &sources[file]) {
                let w = &mut out.files[file].warning;
                *w = producer::join_warnings(
                    w.take(),
                    producer::change_warning(p, snap, order.unterminated[file]),
                );
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().ok())
            .collect::<Option<Vec<_>>>()
    })
    // A worker can only panic on a bug; never report partial counts as whole.
    .ok_or_else(|| {
        io::Error::other("a worker thread panicked (a bug in assay; please report it)")
    })?;
    if let Some(e) = order.write_error {
        return Err(e);
    }
    let label_words = opts.labels.as_ref().map_or(0, |l| l.len().div_ceil(64));
    let mut hits = vec![0u64; label_words];
    for (w, p, h) in ended {
        for (a, b) in hits.iter_mut().zip(h.iter().flatten()) {
            *a |= b;
        }
        all.merge(w);
        if let Some(p) = p {
            match &mut out.profile {
                Some(mine) => mine.merge(&p),
                None => out.profile = Some(p),
            }
        }
    }
    let (tally, (_, (uncertain, (excerpts, _)))) = all;
    out.tally = tally.tally;
    out.contested = uncertain.map_or(0, |u| u.contested);
    // Input order within each behaviour; behaviours in rubric order.
    out.excerpts = excerpts.map(|e| e.kept).unwrap_or_default();
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

#[cfg(test)]
mod tests;
