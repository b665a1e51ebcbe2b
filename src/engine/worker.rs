//! The worker stage: a chunk (or a small file, or a batch of log samples)
//! in, one [`ChunkResult`] out. A worker splits lines, parses each record
//! once, grades it, applies a judge's verdict when one names it, and hands
//! the result to the run's sinks ([`super::sink`]); it knows no consumer.
//!
//! Everything a worker holds is its own (parse scratch, grade cache, sink
//! state), reused from chunk to chunk, so the hot loop takes no lock and, in
//! steady state, allocates nothing.

use super::order::{ChunkResult, Msg};
use super::producer::{Data, Snapshot, change_warning, cut, join_warnings};
use super::sink::{At, Graded, SinkWorker};
use super::{Options, Profile, Work};
use crate::grade::GradeCache;
use crate::input::split::{Cut, lines};
use crate::input::{Source, io_reason, mmap};
use crate::label::JudgeLabels;
use crate::parse::{FieldPath, Scratch};
use crate::rubric::Rubric;
use crate::tally::{LineCounts, Tally};
use std::sync::atomic::{AtomicBool, Ordering};

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

/// The `--labels` stage: a judge's verdict, when one names the record,
/// replaces the rubric's before any sink sees it (so it is a stage of the
/// worker, not a sink). Which verdicts matched is per worker, merged once.
pub(super) struct Judge<'r> {
    labels: &'r JudgeLabels,
    /// The record id as text, for look-ups of numeric ids.
    id: String,
    /// Bit per judge verdict: matched a record this worker graded.
    pub hits: Vec<u64>,
}

impl<'r> Judge<'r> {
    pub fn new(labels: &'r JudgeLabels) -> Judge<'r> {
        Judge {
            labels,
            id: String::new(),
            hits: vec![0; labels.len().div_ceil(64)],
        }
    }

    /// The judge's (behaviours, failure) for `rec`, if it names it.
    fn verdict(
        &mut self,
        rec: &crate::parse::Record<'_, '_>,
        rubric_mask: u64,
        failure_mask: u64,
    ) -> Option<(u64, bool)> {
        let rid: &str = match rec.id {
            crate::parse::Id::Str(s) => s,
            other => {
                self.id.clear();
                let _ = std::fmt::Write::write_fmt(&mut self.id, format_args!("{other}"));
                &self.id
            }
        };
        let i = self.labels.find(rid, rec.epoch, rec.model)?;
        self.hits[i / 64] |= 1 << (i % 64);
        Some(self.labels.apply(i, rubric_mask, failure_mask))
    }
}

/// Per-worker state, reused for every chunk.
pub(super) struct Worker<'r, W> {
    pub rubric: &'r Rubric,
    pub opts: &'r Options,
    pub scratch: Scratch,
    pub cache: GradeCache,
    /// Group key, key part and cluster buffers, reused per record.
    pub key: String,
    pub part: String,
    pub cluster: String,
    pub sources: &'r [String],
    pub profile: Option<Profile>,
    /// A log sample's record, reused.
    pub record: Vec<u8>,
    pub judge: Option<Judge<'r>>,
    /// This worker's side of the run's sinks.
    pub sinks: W,
    /// The run's stop flag (Ctrl-C, --max-groups).
    pub stop: &'r AtomicBool,
}

impl<'r, W: SinkWorker> Worker<'r, W> {
    pub fn new(
        rubric: &'r Rubric,
        opts: &'r Options,
        sources: &'r [String],
        sinks: W,
        stop: &'r AtomicBool,
    ) -> Self {
        Worker {
            rubric,
            opts,
            scratch: Scratch::new(),
            cache: GradeCache::new(rubric),
            key: String::new(),
            part: String::new(),
            cluster: String::new(),
            sources,
            profile: opts.diag.profile.then(Profile::new),
            record: Vec::new(),
            judge: opts.labels.as_deref().map(Judge::new),
            sinks,
            stop,
        }
    }

    pub fn chunk(&mut self, seq: u64, file: usize, base: u64, data: &Data) -> ChunkResult<W::Part> {
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

    /// Opens, cuts and grades a whole file ([`super::producer::Job::Open`])
    /// and sends its parts in order, each once the next exists so that the
    /// last can be marked (an empty file is one empty part); the last part,
    /// or the failure, carries the file's change warning. `false` when the
    /// consumer is gone.
    pub fn open_file(
        &mut self,
        seq: u64,
        file: usize,
        src: &Source,
        snap: Snapshot,
        tx: &crossbeam_channel::Sender<Msg<W::Part>>,
    ) -> bool {
        // Opening and reading count as the read/split stage.
        let started = self.profile.is_some().then(std::time::Instant::now);
        let opened = crate::input::open(src, self.opts.mmap);
        if let (Some(t), Some(p)) = (started, self.profile.as_mut()) {
            p.busy_ns += t.elapsed().as_nanos() as u64;
        }
        let opened = match opened {
            Ok(o) => o,
            Err(e) => return tx.send(Msg::failed(seq, 0, file, io_reason(&e))).is_ok(),
        };
        let opts = self.opts;
        let stop = self.stop;
        let mut held: Option<ChunkResult<W::Part>> = None;
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
                tx.send(Msg::failed(seq, parts, file, reason).with_warning(changed()))
                    .is_ok()
            }
        }
    }

    fn chunk_lines(
        &mut self,
        seq: u64,
        file: usize,
        base: u64,
        data: &Data,
    ) -> ChunkResult<W::Part> {
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
            sinks: self.sinks.start(),
            disk_bytes: bytes.len() as u64,
            truncated: None,
        };
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
                        self.grade(&record, file, (idx, u.offset), Some(&u.name), &mut r.sinks)
                    });
                r.count(res, idx, u.offset as usize, Some(&u.name));
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
                None => self.grade(line, file, (idx, base + off as u64), None, &mut r.sinks),
            };
            r.count(res, idx, off, None);
        }
        r
    }

    /// Parses and grades one record and hands it to the sinks. `name` is
    /// set for samples of logs.
    fn grade(
        &mut self,
        line: &[u8],
        file: usize,
        (idx, offset): (u64, u64),
        name: Option<&str>,
        part: &mut W::Part,
    ) -> Result<(), String> {
        let Worker {
            rubric,
            opts,
            scratch,
            cache,
            key,
            part: key_part,
            cluster,
            sources,
            profile,
            judge,
            sinks,
            ..
        } = self;
        if line.len() > DENSE_CHECK_BYTES {
            dense(line)?;
        }
        if opts.diag.work == Work::ParseOnly {
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
                        key_part.clear();
                        rec.lookup(other, key_part);
                        key_part
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
            let judged = judge
                .as_mut()
                .and_then(|j| j.verdict(rec, v.behaviours, rubric.failure_mask()));
            let (behaviours, failure) = judged.unwrap_or((v.behaviours, v.failure()));
            sinks.record(
                part,
                &Graded {
                    rubric,
                    record: rec,
                    verdict: v,
                    judged,
                    behaviours,
                    failure,
                    key,
                    cluster: cl,
                    at: At {
                        file,
                        input: &sources[file],
                        idx,
                        offset,
                        sample: name,
                    },
                },
            );
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

fn too_long(len: u64, max: usize) -> String {
    format!(
        "the line is {len} bytes, over --max-record-bytes {max}; it was not parsed (raise the limit to grade it)"
    )
}
