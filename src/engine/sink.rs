//! Record sinks: everything that consumes graded records, one trait.
//!
//! A worker parses and grades a record, then hands the same borrowed view
//! ([`Graded`]) to every sink of the run, in input order within its chunk.
//! Each sink keeps state in two places, the two ways results stay
//! independent of the thread count:
//!
//! - **per worker** ([`RecordSink::Worker`]), merged once at the end, in
//!   worker order ([`RecordSink::merge`]): sums and maps whose merge does
//!   not depend on order (the tally, agreement counts);
//! - **per chunk** ([`SinkWorker::Part`]), handed back on the caller's
//!   thread in input order ([`RecordSink::ordered`]): anything written out
//!   or kept "first N in input order" (verdict lines, contested lines,
//!   excerpts).
//!
//! # Adding a sink
//!
//! 1. A type for the caller's side (`impl RecordSink`): it owns the writer
//!    or the final result, and makes one worker state per thread
//!    ([`RecordSink::worker`], called before the workers start; the
//!    worker state must not borrow the sink).
//! 2. A type for a worker's side (`impl SinkWorker`): [`SinkWorker::start`]
//!    opens a part for a chunk; [`SinkWorker::record`] sees each record of
//!    it. The record is borrowed from the worker's parse buffers, so render
//!    whatever is needed from it (a judge's request, a line of JSON) into
//!    the part now; nothing of it lives past the call.
//! 3. The part of a chunk reaches [`RecordSink::ordered`] with its
//!    [`Place`]: the input's name and the line number of the chunk's first
//!    line, so a record's `file:line` is
//!    [`Place::source`]`(graded.at.idx, graded.at.sample)`. Parts arrive in
//!    input order whatever the thread count; an error returned there stops
//!    the run and is the run's error.
//! 4. Pass the sink to [`super::run_with`]; read its result afterwards.
//!
//! A judge sink, say, would render each contested record into a request in
//! `record` (its identity: `graded.record.id`, `.epoch`, `.model`, `at`;
//! the verdict: `graded.verdict.behaviours`, `.contested`, `.evidence`),
//! keep the requests in the part, and send them in `ordered`, where the
//! record's source line is known. A sink that is not given costs nothing:
//! `Option<S>` is a sink, and `None` does no work per record.

use crate::grade::Verdict;
use crate::parse::Record;
use crate::rubric::Rubric;
use std::io;

/// One graded record, as every sink sees it.
pub struct Graded<'g, 't, 'a> {
    /// The rubric that graded it.
    pub rubric: &'g Rubric,
    /// The parsed record (id, epoch, model, fields, messages); borrowed
    /// from the worker's buffers for the length of the call.
    pub record: &'g Record<'t, 'a>,
    /// The rubric's verdict: behaviours, which are contested, evidence.
    pub verdict: &'g Verdict,
    /// A judge's verdict from `--labels`, when one names the record:
    /// behaviour mask and failure roll-up. It replaces the rubric's in
    /// [`Graded::behaviours`] and [`Graded::failure`].
    pub judged: Option<(u64, bool)>,
    /// The behaviours that count: the judge's when judged, else the
    /// rubric's.
    pub behaviours: u64,
    /// The failure roll-up that counts.
    pub failure: bool,
    /// The record's group key (`--by`, joined by [`crate::tally::Tally::push_key_part`]).
    pub key: &'g str,
    /// Its cluster (`--cluster`), when asked for.
    pub cluster: Option<&'g str>,
    /// Where it came from.
    pub at: At<'g>,
}

/// Where a record sits, as far as a worker knows.
#[derive(Clone, Copy, Debug)]
pub struct At<'g> {
    /// Index of the input in the run's sources.
    pub file: usize,
    /// The input's name in reports.
    pub input: &'g str,
    /// The record's line (or sample) index within its chunk; its line
    /// number in the file is known in order only ([`Place::source`]).
    pub idx: u64,
    /// Where the record starts: its line's byte offset in the input, or the
    /// sample's offset in its log. Unique within an input and known to the
    /// worker, unlike the line number.
    pub offset: u64,
    /// The sample's name, for records of a log (Inspect, results tree).
    pub sample: Option<&'g str>,
}

/// Where a chunk sits, known once chunks are back in input order.
#[derive(Clone, Copy, Debug)]
pub struct Place<'p> {
    /// Index of the input in the run's sources.
    pub file: usize,
    /// The input's name in reports.
    pub input: &'p str,
    /// Lines of the input before the chunk's first.
    pub first_line: u64,
}

impl Place<'_> {
    /// A record's `source` in reports: the sample's name for a log, else
    /// `file:line` (1-based).
    pub fn source(&self, idx: u64, sample: Option<&str>) -> String {
        match sample {
            Some(s) => s.to_string(),
            None => format!("{}:{}", self.input, self.first_line + idx + 1),
        }
    }
}

/// The caller's side of a consumer of graded records (see the module doc).
pub trait RecordSink {
    /// One worker thread's state.
    type Worker: SinkWorker<Part = Self::Part>;
    /// What one chunk produces for the caller, in input order.
    type Part: Send;
    /// A worker's state; called once per worker, before the workers start.
    fn worker(&self) -> Self::Worker;
    /// Receives a chunk's part on the caller's thread, chunks in input
    /// order. An error stops the run and is returned by it.
    fn ordered(&mut self, part: Self::Part, at: &Place<'_>) -> io::Result<()>;
    /// Takes back a worker's state after the run, workers in a fixed order.
    fn merge(&mut self, worker: Self::Worker);
}

/// A worker thread's side of a sink.
pub trait SinkWorker: Send {
    /// What one chunk produces (the sink's [`RecordSink::Part`]).
    type Part: Send;
    /// Opens the part of a new chunk.
    fn start(&mut self) -> Self::Part;
    /// Sees one graded record of the chunk, in input order.
    fn record(&mut self, part: &mut Self::Part, g: &Graded<'_, '_, '_>);
}

/// No sink.
impl RecordSink for () {
    type Worker = ();
    type Part = ();
    fn worker(&self) {}
    fn ordered(&mut self, (): (), _: &Place<'_>) -> io::Result<()> {
        Ok(())
    }
    fn merge(&mut self, (): ()) {}
}

impl SinkWorker for () {
    type Part = ();
    fn start(&mut self) {}
    fn record(&mut self, (): &mut (), _: &Graded<'_, '_, '_>) {}
}

/// A sink that may be absent: `None` costs a branch per record.
impl<S: RecordSink> RecordSink for Option<S> {
    type Worker = Option<S::Worker>;
    type Part = Option<S::Part>;
    fn worker(&self) -> Self::Worker {
        self.as_ref().map(S::worker)
    }
    fn ordered(&mut self, part: Self::Part, at: &Place<'_>) -> io::Result<()> {
        match (self, part) {
            (Some(s), Some(p)) => s.ordered(p, at),
            _ => Ok(()),
        }
    }
    fn merge(&mut self, worker: Self::Worker) {
        if let (Some(s), Some(w)) = (self, worker) {
            s.merge(w);
        }
    }
}

impl<W: SinkWorker> SinkWorker for Option<W> {
    type Part = Option<W::Part>;
    fn start(&mut self) -> Self::Part {
        self.as_mut().map(W::start)
    }
    fn record(&mut self, part: &mut Self::Part, g: &Graded<'_, '_, '_>) {
        if let (Some(w), Some(p)) = (self, part) {
            w.record(p, g);
        }
    }
}

/// Two sinks, each seeing every record, the first before the second.
impl<A: RecordSink, B: RecordSink> RecordSink for (A, B) {
    type Worker = (A::Worker, B::Worker);
    type Part = (A::Part, B::Part);
    fn worker(&self) -> Self::Worker {
        (self.0.worker(), self.1.worker())
    }
    fn ordered(&mut self, part: Self::Part, at: &Place<'_>) -> io::Result<()> {
        self.0.ordered(part.0, at)?;
        self.1.ordered(part.1, at)
    }
    fn merge(&mut self, worker: Self::Worker) {
        self.0.merge(worker.0);
        self.1.merge(worker.1);
    }
}

impl<A: SinkWorker, B: SinkWorker> SinkWorker for (A, B) {
    type Part = (A::Part, B::Part);
    fn start(&mut self) -> Self::Part {
        (self.0.start(), self.1.start())
    }
    fn record(&mut self, part: &mut Self::Part, g: &Graded<'_, '_, '_>) {
        self.0.record(&mut part.0, g);
        self.1.record(&mut part.1, g);
    }
}

/// A sink borrowed for a run: the caller keeps it and reads it afterwards.
impl<S: RecordSink> RecordSink for &mut S {
    type Worker = S::Worker;
    type Part = S::Part;
    fn worker(&self) -> Self::Worker {
        (**self).worker()
    }
    fn ordered(&mut self, part: Self::Part, at: &Place<'_>) -> io::Result<()> {
        (**self).ordered(part, at)
    }
    fn merge(&mut self, worker: Self::Worker) {
        (**self).merge(worker);
    }
}
