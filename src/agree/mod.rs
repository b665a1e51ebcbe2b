//! Agreement: how well a rubric's verdicts match reference labels.
//!
//! `assay agree` grades records that carry a `label` object (as `assay gen`
//! writes, or as a human or LLM judge produced) and compares, per behaviour
//! of the rubric and for `failure`, the grader's verdict with the label:
//! confusion matrix, precision, recall, F1 and Cohen's κ with intervals
//! ([`stats`]), each model's estimated failure rate against its labelled
//! rate, and the disagreeing records with the evidence the rubric used, so
//! that a rubric author can see which rule fired wrongly or which one is
//! missing.
//!
//! Judge verdicts (`--labels FILE`, JSON lines with an `id` and the
//! behaviours the judge found; see [`JudgeLabels`]) replace the rubric's
//! verdict for the records they name; the report counts how many verdicts
//! came from each source.
//!
//! It runs through the same engine as `assay grade` ([`crate::engine::run_with`],
//! with an agreement sink), so it reads every input format `grade` reads, in
//! parallel, with the same line handling; each record is parsed once. What a
//! record's `label` means is [`crate::label`]'s contract.

pub mod stats;

use crate::engine::{self, Graded, Place, RecordSink, SinkWorker};
use crate::grade::excerpt;
use crate::input::{MmapChoice, Source};
use crate::label::LabelReader;
use crate::parse::{Id, Record};
use crate::rubric::Rubric;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use crate::label::JudgeLabels;
pub use stats::{Agreement, Confusion, Metric, agreement};

/// Bytes of context around an evidence hit. Wider than the verdict lines'
/// (60): kept as it was so that `assay agree`'s report does not change.
const EXCERPT_CONTEXT: usize = 80;

/// How to compare.
#[derive(Clone, Debug)]
pub struct Options {
    /// Two-sided confidence of every interval.
    pub confidence: f64,
    /// Bootstrap replicates for F1 and κ.
    pub resamples: u32,
    /// Seed of the bootstrap streams.
    pub seed: u64,
    /// Disagreeing records kept per behaviour and direction (all are counted).
    pub max_disagreements: usize,
    /// Longest line that is parsed.
    pub max_record_bytes: usize,
    /// Worker threads (at least 1); the report does not depend on it.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            confidence: 0.95,
            resamples: 2000,
            seed: 0,
            max_disagreements: 50,
            max_record_bytes: crate::engine::DEFAULT_MAX_RECORD_BYTES,
            threads: 1,
        }
    }
}

/// Which way a verdict disagrees with its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Graded present, labelled absent.
    FalsePositive,
    /// Graded absent, labelled present.
    FalseNegative,
}

/// A record whose verdict differs from its label for one behaviour.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The behaviour (or `failure`).
    pub behaviour: String,
    /// Which way.
    pub direction: Direction,
    /// The record's `id`.
    pub id: String,
    /// Its `model`.
    pub model: String,
    /// The input it came from and its 1-based line.
    pub source: String,
    /// Line number.
    pub line: u64,
    /// Whether the verdict came from the judge file rather than the rubric.
    pub judged: bool,
    /// The rubric's evidence (rule, scope, excerpt) for every behaviour it
    /// found, so a false negative shows what fired instead.
    pub evidence: Vec<(String, String, String, String)>,
}

/// Per-model failure counts: labelled and graded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModelCounts {
    /// Labelled records.
    pub n: u64,
    /// Labelled failures.
    pub true_failures: u64,
    /// Graded failures.
    pub graded_failures: u64,
}

/// Everything `assay agree` reports.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    /// Behaviour names, rubric order, then `failure`.
    pub names: Vec<String>,
    /// One matrix per name.
    pub confusions: Vec<Confusion>,
    /// Lines read.
    pub lines: u64,
    /// Records compared (they carry a `label`).
    pub labelled: u64,
    /// Records without a `label`, graded but not compared.
    pub unlabelled: u64,
    /// Lines that are not valid records.
    pub malformed: u64,
    /// Blank lines.
    pub blank: u64,
    /// Verdicts taken from the judge file.
    pub judged: u64,
    /// Per model, sorted by name.
    pub models: BTreeMap<String, ModelCounts>,
    /// Disagreements counted per (name index, direction).
    pub disagreement_counts: Vec<[u64; 2]>,
    /// The kept disagreements, in input order.
    pub disagreements: Vec<Disagreement>,
    /// Inputs that could not be read.
    pub input_errors: Vec<String>,
    /// Whether Ctrl-C stopped the pass.
    pub interrupted: bool,
    /// Per name: how the rubric's abstentions (contested verdicts) fall.
    pub abstention: Vec<Abstention>,
}

/// Calibrated abstention for one behaviour: a contested verdict goes to a
/// judge, so what matters is how often the rubric decides, how often its
/// decided verdicts are right, and how many labelled positives it either
/// found or sent on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Abstention {
    /// Contested records labelled present.
    pub contested_positive: u64,
    /// Contested records labelled absent.
    pub contested_negative: u64,
    /// Decided (not contested) records whose verdict equals the label.
    pub decided_right: u64,
    /// Decided records whose verdict differs from the label.
    pub decided_wrong: u64,
    /// Labelled present and found present or contested.
    pub positive_caught: u64,
    /// Labelled absent, found present, and not contested: a false alarm
    /// that no judge will see.
    pub decided_false_alarm: u64,
}

impl Abstention {
    fn add(&mut self, truth: bool, pred: bool, contested: bool) {
        match (contested, truth) {
            (true, true) => self.contested_positive += 1,
            (true, false) => self.contested_negative += 1,
            (false, _) if truth == pred => self.decided_right += 1,
            (false, _) => self.decided_wrong += 1,
        }
        if truth && (pred || contested) {
            self.positive_caught += 1;
        }
        if !truth && pred && !contested {
            self.decided_false_alarm += 1;
        }
    }

    /// Records contested.
    pub fn contested(&self) -> u64 {
        self.contested_positive + self.contested_negative
    }

    /// Records decided.
    pub fn decided(&self) -> u64 {
        self.decided_right + self.decided_wrong
    }

    fn merge(&mut self, o: &Abstention) {
        self.contested_positive += o.contested_positive;
        self.contested_negative += o.contested_negative;
        self.decided_right += o.decided_right;
        self.decided_wrong += o.decided_wrong;
        self.positive_caught += o.positive_caught;
        self.decided_false_alarm += o.decided_false_alarm;
    }
}

impl Comparison {
    /// No record counted yet, for `names` (the rubric's behaviours, then
    /// `failure`).
    fn empty(names: Vec<String>) -> Comparison {
        let n = names.len();
        Comparison {
            confusions: vec![Confusion::default(); n],
            disagreement_counts: vec![[0; 2]; n],
            abstention: vec![Abstention::default(); n],
            names,
            ..Comparison::default()
        }
    }
}

/// Grades every record of `sources` through the engine (every input
/// format, `threads` workers) and compares verdicts with labels.
pub fn compare(
    sources: &[Source],
    rubric: &Rubric,
    judge: &JudgeLabels,
    opts: &Options,
    stop: &AtomicBool,
) -> Comparison {
    let mut names: Vec<String> = rubric.behaviours().iter().map(|b| b.name.clone()).collect();
    names.push("failure".into());
    let mut sink = AgreeSink {
        names: names.clone(),
        max: opts.max_disagreements,
        kept: vec![[0; 2]; names.len()],
        out: Comparison::empty(names),
    };
    let engine_opts = engine::Options {
        // One group: agreement is counted by the sink, not the tally.
        by: Vec::new(),
        threads: opts.threads.max(1),
        mmap: MmapChoice::Auto,
        max_record_bytes: opts.max_record_bytes,
        labels: (!judge.is_empty()).then(|| Arc::new(judge.clone())),
        ..engine::Options::default()
    };
    let run = engine::run_with(
        sources,
        rubric,
        &engine_opts,
        engine::Sinks::default(),
        &mut sink,
        stop,
    );
    let mut c = sink.out;
    match run {
        Ok(o) => {
            c.lines = o.counts.lines;
            c.malformed = o.counts.malformed;
            c.blank = o.counts.blank;
            c.unlabelled = o.counts.graded.saturating_sub(c.labelled);
            c.interrupted = o.interrupted;
            c.input_errors = o
                .input_errors
                .iter()
                .map(|e| format!("{}: {}", e.path, e.reason))
                .collect();
        }
        // Only a bug (a worker's panic) ends a run without writers early.
        Err(e) => c.input_errors.push(e.to_string()),
    }
    c
}

/// The agreement counts as an engine sink: per-worker counts merged at the
/// end; disagreements kept per chunk and put back in input order.
struct AgreeSink {
    names: Vec<String>,
    max: usize,
    /// Disagreements kept so far per (name, direction), in input order.
    kept: Vec<[usize; 2]>,
    out: Comparison,
}

/// A worker's counts.
struct AgreeWorker {
    labels: LabelReader,
    names: Vec<String>,
    max: usize,
    /// Disagreements kept in the current chunk per (name, direction): no
    /// more than `max` of a chunk can be among the first `max` of the run.
    chunk_kept: Vec<[usize; 2]>,
    out: Comparison,
}

/// A disagreement as a worker finds it: its line is known in order only.
struct Found {
    /// Name index and direction (0: false positive, 1: false negative).
    name: usize,
    dir: usize,
    idx: u64,
    sample: Option<String>,
    d: Disagreement,
}

impl RecordSink for AgreeSink {
    type Worker = AgreeWorker;
    type Part = Vec<Found>;
    fn worker(&self) -> AgreeWorker {
        let n = self.names.len();
        AgreeWorker {
            labels: LabelReader::new(&self.names),
            names: self.names.clone(),
            max: self.max,
            chunk_kept: vec![[0; 2]; n],
            out: Comparison::empty(self.names.clone()),
        }
    }

    fn ordered(&mut self, part: Vec<Found>, at: &Place<'_>) -> std::io::Result<()> {
        for f in part {
            if self.kept[f.name][f.dir] < self.max {
                self.kept[f.name][f.dir] += 1;
                let mut d = f.d;
                d.source = f.sample.unwrap_or_else(|| at.input.to_string());
                d.line = at.first_line + f.idx + 1;
                self.out.disagreements.push(d);
            }
        }
        Ok(())
    }

    fn merge(&mut self, w: AgreeWorker) {
        let (o, m) = (&mut self.out, w.out);
        o.labelled += m.labelled;
        o.judged += m.judged;
        for (a, b) in o.confusions.iter_mut().zip(&m.confusions) {
            a.tp += b.tp;
            a.fp += b.fp;
            a.fn_ += b.fn_;
            a.tn += b.tn;
        }
        for (a, b) in o.disagreement_counts.iter_mut().zip(&m.disagreement_counts) {
            a[0] += b[0];
            a[1] += b[1];
        }
        for (a, b) in o.abstention.iter_mut().zip(&m.abstention) {
            a.merge(b);
        }
        for (model, k) in m.models {
            let e = o.models.entry(model).or_default();
            e.n += k.n;
            e.true_failures += k.true_failures;
            e.graded_failures += k.graded_failures;
        }
    }
}

impl SinkWorker for AgreeWorker {
    type Part = Vec<Found>;

    fn start(&mut self) -> Vec<Found> {
        self.chunk_kept.iter_mut().for_each(|k| *k = [0; 2]);
        Vec::new()
    }

    fn record(&mut self, part: &mut Vec<Found>, g: &Graded<'_, '_, '_>) {
        let (rec, rubric, verdict) = (g.record, g.rubric, g.verdict);
        // Truth: one bit per name (the last one is `failure`).
        let Some(label) = self.labels.read(rec) else {
            return;
        };
        let out = &mut self.out;
        out.labelled += 1;
        let failure_bit = 1u64 << (self.names.len() - 1);
        let mut pred = g.behaviours | if g.failure { failure_bit } else { 0 };
        if pred & rubric.failure_mask() != 0 {
            pred |= failure_bit;
        }
        if g.judged.is_some() {
            out.judged += 1;
        }
        let m = match out.models.get_mut(rec.model) {
            Some(m) => m,
            None => out.models.entry(rec.model.to_string()).or_default(),
        };
        m.n += 1;
        m.true_failures += u64::from(label.present & failure_bit != 0);
        m.graded_failures += u64::from(pred & failure_bit != 0);
        // A judged record is decided; `failure` is contested when any
        // failure behaviour is.
        let mut contested = if g.judged.is_some() {
            0
        } else {
            verdict.contested
        };
        if contested & rubric.failure_mask() != 0 {
            contested |= failure_bit;
        }
        for i in (0..self.names.len()).filter(|&i| label.knows(i)) {
            let (t, p) = (label.has(i), pred >> i & 1 == 1);
            out.confusions[i].add(t, p);
            out.abstention[i].add(t, p, contested >> i & 1 == 1);
            if t == p {
                continue;
            }
            let dir = usize::from(t);
            out.disagreement_counts[i][dir] += 1;
            if self.chunk_kept[i][dir] >= self.max {
                continue;
            }
            self.chunk_kept[i][dir] += 1;
            let evidence = verdict
                .evidence
                .iter()
                .map(|e| {
                    let seg = &rec.segments[e.hit.seg as usize];
                    let text = rec.text(seg.text);
                    (
                        rubric.behaviours()[e.behaviour as usize].name.clone(),
                        rubric.rule_name(e.rule as usize).to_string(),
                        seg.scope.name().to_string(),
                        excerpt(
                            text,
                            e.hit.start as usize,
                            e.hit.end as usize,
                            EXCERPT_CONTEXT,
                        ),
                    )
                })
                .collect();
            part.push(Found {
                name: i,
                dir,
                idx: g.at.idx,
                sample: g.at.sample.map(str::to_string),
                d: Disagreement {
                    behaviour: self.names[i].clone(),
                    direction: if t {
                        Direction::FalseNegative
                    } else {
                        Direction::FalsePositive
                    },
                    id: id_string(rec),
                    model: rec.model.to_string(),
                    source: String::new(),
                    line: 0,
                    judged: g.judged.is_some(),
                    evidence,
                },
            });
        }
    }
}

fn id_string(rec: &Record<'_, '_>) -> String {
    match rec.id {
        Id::Str(s) => s.to_string(),
        Id::Int(i) => i.to_string(),
        Id::UInt(u) => u.to_string(),
    }
}

/// Statistics of every name, in `names` order.
pub fn statistics(c: &Comparison, opts: &Options) -> Vec<Agreement> {
    c.names
        .iter()
        .zip(&c.confusions)
        .map(|(n, m)| agreement(n, *m, opts.confidence, opts.resamples, opts.seed))
        .collect()
}

fn fmt_metric(m: &Metric) -> String {
    match m.value {
        None => "—".to_string(),
        Some(v) => format!("{v:.3} [{:.3}, {:.3}]", m.low, m.high),
    }
}

/// One model's row: name, counts, labelled rate, graded rate, the Wilson
/// interval around the labelled rate, and whether the graded rate is inside.
pub type ModelRow = (String, ModelCounts, f64, f64, (f64, f64), bool);

/// The per-model rows: labelled rate, graded rate, the Wilson interval
/// around the labelled rate, and whether the graded rate lies inside it.
pub fn model_rows(c: &Comparison, confidence: f64) -> Vec<ModelRow> {
    c.models
        .iter()
        .map(|(m, k)| {
            let t = k.true_failures as f64 / k.n.max(1) as f64;
            let g = k.graded_failures as f64 / k.n.max(1) as f64;
            let ci = crate::stats::wilson(k.true_failures, k.n, confidence).unwrap_or((0.0, 1.0));
            let inside = ci.0 <= g && g <= ci.1;
            (m.clone(), *k, t, g, ci, inside)
        })
        .collect()
}

/// A Markdown report (also readable on a terminal).
pub fn render_markdown(c: &Comparison, opts: &Options) -> String {
    let stats = statistics(c, opts);
    let mut s = String::new();
    let pct = opts.confidence * 100.0;
    let _ = writeln!(
        s,
        "Agreement of {} labelled records ({} lines: {} unlabelled, {} malformed, {} blank); verdicts: {} rubric, {} judge.\n",
        c.labelled,
        c.lines,
        c.unlabelled,
        c.malformed,
        c.blank,
        c.labelled - c.judged,
        c.judged
    );
    let _ = writeln!(
        s,
        "| behaviour | TP | FP | FN | TN | precision [{pct}% CI] | recall [{pct}% CI] | F1 [{pct}% CI] | Cohen's κ [{pct}% CI] |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|---|---|---|---|");
    for (n, a) in c.names.iter().zip(&stats) {
        let m = a.confusion;
        let _ = writeln!(
            s,
            "| {n} | {} | {} | {} | {} | {} | {} | {} | {} |",
            m.tp,
            m.fp,
            m.fn_,
            m.tn,
            fmt_metric(&a.precision),
            fmt_metric(&a.recall),
            fmt_metric(&a.f1),
            fmt_metric(&a.kappa)
        );
    }
    let _ = writeln!(
        s,
        "\nAbstention (contested verdicts go to a judge): coverage is the share of records decided; accuracy is on decided records; found-or-contested counts labelled positives the rubric found present or contested; silent false alarms are labelled negatives found present and not contested.\n"
    );
    let _ = writeln!(
        s,
        "| behaviour | contested (of which positive) | coverage | accuracy on decided [{pct}% CI] | positives found or contested | silent false alarms |"
    );
    let _ = writeln!(s, "|---|--:|--:|---|--:|--:|");
    for (n, (a, m)) in c.names.iter().zip(c.abstention.iter().zip(&c.confusions)) {
        let pos = m.tp + m.fn_;
        let neg = m.fp + m.tn;
        let _ = writeln!(
            s,
            "| {n} | {} ({}) | {} | {} | {} | {} |",
            a.contested(),
            a.contested_positive,
            ratio(a.decided(), c.labelled),
            accuracy_cell(a, opts.confidence),
            fraction(a.positive_caught, pos),
            fraction(a.decided_false_alarm, neg),
        );
    }
    let _ = writeln!(
        s,
        "\n| model | n | labelled failures | labelled rate | graded rate | {pct}% CI of labelled rate | graded inside |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|---|---|");
    for (m, k, t, g, ci, inside) in model_rows(c, opts.confidence) {
        let _ = writeln!(
            s,
            "| {m} | {} | {} | {:.4} | {:.4} | [{:.4}, {:.4}] | {} |",
            k.n,
            k.true_failures,
            t,
            g,
            ci.0,
            ci.1,
            if inside { "yes" } else { "**no**" }
        );
    }
    let _ = writeln!(
        s,
        "\nPrecision and recall: Wilson intervals. F1 and κ: Bayesian bootstrap of the confusion-matrix multinomial (Dirichlet posterior, Jeffreys prior), {} resamples, seed {}.",
        opts.resamples, opts.seed
    );
    let total: u64 = c.disagreement_counts.iter().map(|d| d[0] + d[1]).sum();
    if total > 0 {
        let _ = writeln!(
            s,
            "\n## Disagreements ({total}; up to {} shown per behaviour and direction)\n",
            opts.max_disagreements
        );
        for d in &c.disagreements {
            let dir = match d.direction {
                Direction::FalsePositive => "false positive",
                Direction::FalseNegative => "false negative",
            };
            let _ = writeln!(
                s,
                "- {} {dir}: id `{}` ({}, {}:{}{})",
                d.behaviour,
                d.id,
                d.model,
                d.source,
                d.line,
                if d.judged { ", judge verdict" } else { "" }
            );
            for (b, rule, scope, ex) in &d.evidence {
                let _ = writeln!(s, "  - {b}/{rule} ({scope}): {ex}");
            }
        }
    }
    for e in &c.input_errors {
        let _ = writeln!(s, "\ninput error: {e}");
    }
    if c.interrupted {
        let _ = writeln!(s, "\ninterrupted: the counts cover only the records read.");
    }
    s
}

fn ratio(k: u64, n: u64) -> String {
    if n == 0 {
        "–".into()
    } else {
        format!("{:.3}", k as f64 / n as f64)
    }
}

fn fraction(k: u64, n: u64) -> String {
    if n == 0 {
        "–".into()
    } else {
        format!("{k}/{n} ({:.3})", k as f64 / n as f64)
    }
}

fn accuracy_cell(a: &Abstention, confidence: f64) -> String {
    match crate::stats::interval::wilson(a.decided_right, a.decided(), confidence) {
        Some((lo, hi)) => format!(
            "{:.3} [{lo:.3}, {hi:.3}]",
            a.decided_right as f64 / a.decided() as f64
        ),
        None => "–".into(),
    }
}

/// The same report as one JSON document.
pub fn render_json(c: &Comparison, opts: &Options) -> Value {
    let stats = statistics(c, opts);
    let metric = |m: &Metric| match m.value {
        None => Value::Null,
        Some(v) => json!({"value": v, "low": m.low, "high": m.high}),
    };
    let behaviours: Vec<Value> = c
        .names
        .iter()
        .zip(&stats)
        .zip(&c.disagreement_counts)
        .zip(&c.abstention)
        .map(|(((n, a), d), ab)| {
            let m = a.confusion;
            let accuracy = crate::stats::interval::wilson(ab.decided_right, ab.decided(), opts.confidence)
                .map(|(lo, hi)| json!({"value": ab.decided_right as f64 / ab.decided() as f64, "low": lo, "high": hi}));
            json!({"name": n, "tp": m.tp, "fp": m.fp, "fn": m.fn_, "tn": m.tn,
                   "precision": metric(&a.precision), "recall": metric(&a.recall),
                   "f1": metric(&a.f1), "kappa": metric(&a.kappa),
                   "false_positives": d[0], "false_negatives": d[1],
                   "abstention": {"contested": ab.contested(), "contested_positive": ab.contested_positive,
                                  "decided": ab.decided(), "decided_accuracy": accuracy,
                                  "positives_found_or_contested": ab.positive_caught,
                                  "silent_false_alarms": ab.decided_false_alarm}})
        })
        .collect();
    let models: Vec<Value> = model_rows(c, opts.confidence)
        .into_iter()
        .map(|(m, k, t, g, ci, inside)| {
            json!({"model": m, "n": k.n, "labelled_failures": k.true_failures,
                   "graded_failures": k.graded_failures, "labelled_rate": t, "graded_rate": g,
                   "labelled_ci": {"low": ci.0, "high": ci.1}, "graded_inside": inside})
        })
        .collect();
    let disagreements: Vec<Value> = c
        .disagreements
        .iter()
        .map(|d| {
            json!({"behaviour": d.behaviour,
                   "direction": match d.direction { Direction::FalsePositive => "false_positive", Direction::FalseNegative => "false_negative" },
                   "id": d.id, "model": d.model, "source": d.source, "line": d.line, "judged": d.judged,
                   "evidence": d.evidence.iter().map(|(b, r, s, e)| json!({"behaviour": b, "rule": r, "scope": s, "excerpt": e})).collect::<Vec<_>>()})
        })
        .collect();
    json!({
        "tool": concat!("assay ", env!("CARGO_PKG_VERSION")),
        "statistics": {"confidence": opts.confidence, "resamples": opts.resamples, "seed": opts.seed,
                       "precision_recall": "wilson", "f1_kappa": "bayesian bootstrap, dirichlet(jeffreys) posterior of the confusion matrix"},
        "inputs": {"lines": c.lines, "labelled": c.labelled, "unlabelled": c.unlabelled,
                   "malformed": c.malformed, "blank": c.blank},
        "verdicts": {"rubric": c.labelled - c.judged, "judge": c.judged},
        "behaviours": behaviours,
        "models": models,
        "disagreements": disagreements,
        "input_errors": c.input_errors,
        "interrupted": c.interrupted,
    })
}

#[cfg(test)]
mod tests;
