//! Report: statistics per group, rendered by one of several exporters.
//!
//! [`Report::build`] turns a grading [`Outcome`] into rows (one per group,
//! sorted by key, plus a total) with each group's failure-rate interval from
//! [`crate::stats`]. Every output format implements [`Exporter`] and renders
//! the same [`Report`]: an aligned table for terminals, JSON, CSV and
//! Markdown. Each states the interval method, confidence level, seed and
//! resample count, so a number never travels without its method. Two
//! writers for people rather than programs sit beside them: [`Svg`] (a chart
//! of rates with interval whiskers, `--svg`) and [`Html`] (one
//! self-contained page with table, chart, evidence and provenance, `--html`).

mod csv;
pub(crate) mod escape;
mod html;
mod json;
mod markdown;
mod svg;
mod table;

use crate::engine::judging::JudgeSummary;
use crate::engine::{Excerpt, FileSummary, JudgeUse, Outcome, RecordError};
use crate::input::InputError;
use crate::rubric::{BehaviourKind, Rubric};
use crate::stats::ppi::{AuditTable, Ppi, PpiCounts};
use crate::stats::{self, CiConfig, Clustered, Estimate};
use crate::tally::{GroupTally, LineCounts};

pub use csv::Csv;
pub use escape::{csv_cell, md_cell, visible, visible_lines};
pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use svg::Svg;
pub use table::Table;

/// Renders a [`Report`] to bytes.
pub trait Exporter {
    /// The rendered report.
    fn export(&self, report: &Report) -> Vec<u8>;

    /// The rendered report, written to `w`. Formats whose size grows with
    /// the number of groups (JSON, CSV, HTML) write group by group instead
    /// of building the whole text first.
    fn write_to(&self, report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        w.write_all(&self.export(report))
    }
}

/// Output formats of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON document.
    Json,
    /// Comma-separated values, one row per group.
    Csv,
    /// A GitHub-flavoured Markdown table with notes.
    Markdown,
}

impl Format {
    /// The exporter for this format.
    pub fn exporter(self) -> Box<dyn Exporter> {
        match self {
            Format::Table => Box::new(Table),
            Format::Json => Box::new(Json),
            Format::Csv => Box::new(Csv::default()),
            Format::Markdown => Box::new(Markdown),
        }
    }
}

/// Per-behaviour result in a group.
#[derive(Clone, Debug, PartialEq)]
pub struct BehaviourCount {
    /// Transcripts showing the behaviour.
    pub count: u64,
    /// count / n.
    pub rate: f64,
}

/// One row: a group (or the total).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Key values, in `--by` order.
    pub key: Vec<String>,
    /// Graded transcripts.
    pub n: u64,
    /// Failing transcripts.
    pub failures: u64,
    /// Failure rate and interval; `None` when n = 0.
    pub estimate: Option<Estimate>,
    /// Clustered statistics when `--cluster` was given.
    pub clustered: Option<Clustered>,
    /// Per behaviour, rubric order.
    pub behaviours: Vec<BehaviourCount>,
    /// Transcripts whose verdict came from a judge (`--labels`, or a live
    /// judge on contested records).
    pub judged: u64,
    /// The judge's audit of the group: (final verdict, judge verdict) pairs.
    pub audit: AuditTable,
    /// The failure rate corrected by the audit (prediction-powered
    /// inference, [`crate::stats::ppi`](mod@crate::stats::ppi)); set by [`Report::correct`]. When
    /// set, every format shows it as the rate and interval, and `estimate`
    /// beside it as the rubric's uncorrected figures.
    pub ppi: Option<Ppi>,
}

/// A row's headline figures: the corrected ones when there are, else the
/// rubric's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline<'a> {
    /// The failure rate.
    pub rate: f64,
    /// Interval low end.
    pub low: f64,
    /// Interval high end.
    pub high: f64,
    /// The interval method's name (`wilson`, `ppi++`, …).
    pub method: &'a str,
}

impl Row {
    /// The rate and interval every format leads with.
    pub fn headline(&self) -> Option<Headline<'_>> {
        match (&self.ppi, &self.estimate) {
            (Some(p), _) => Some(Headline {
                rate: p.rate,
                low: p.lo,
                high: p.hi,
                method: p.method,
            }),
            (None, Some(e)) => Some(Headline {
                rate: e.rate,
                low: e.ci.low,
                high: e.ci.high,
                method: e.ci.method.name(),
            }),
            (None, None) => None,
        }
    }
}

/// Where the numbers came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// `assay x.y.z`.
    pub tool: String,
    /// The rubric's origin (a path or `<built-in rubric>`).
    pub rubric: String,
    /// FNV-1a 64 of the rubric text, hex.
    pub rubric_hash: String,
}

/// Everything every exporter shows.
#[derive(Clone, Debug)]
pub struct Report {
    /// Tool and rubric identity.
    pub provenance: Provenance,
    /// Group-key labels (`model`, `/metadata/goal`).
    pub by: Vec<String>,
    /// Cluster field label, when clustering.
    pub cluster: Option<String>,
    /// Interval settings.
    pub ci: CiConfig,
    /// Behaviour names and kinds, rubric order.
    pub behaviours: Vec<(String, BehaviourKind)>,
    /// Per input.
    pub files: Vec<FileSummary>,
    /// Totals.
    pub counts: LineCounts,
    /// One row per group, sorted by key.
    pub groups: Vec<Row>,
    /// All groups together.
    pub total: Row,
    /// Kept malformed-line reports.
    pub errors: Vec<RecordError>,
    /// All malformed lines.
    pub errors_total: u64,
    /// Unreadable inputs.
    pub input_errors: Vec<InputError>,
    /// Whether the run was interrupted.
    pub interrupted: bool,
    /// Kept evidence excerpts, behaviours in rubric order (see
    /// [`crate::engine::Options::excerpts`]).
    pub excerpts: Vec<Excerpt>,
    /// Size on disk and SHA-256 (hex) of each input, parallel to `files`,
    /// where the caller computed them (`--html`); `None` for standard input.
    pub input_digests: Vec<Option<(u64, String)>>,
    /// Judge verdicts used (`--labels`): every format then shows how many
    /// verdicts per group came from the judge.
    pub judge: Option<JudgeUse>,
    /// What a live judge did (`--judge-*`), when one ran.
    pub judge_run: Option<JudgeSummary>,
}

impl Report {
    /// Attaches what a live judge did and, when it audited, replaces each
    /// group's headline rate and interval by the prediction-powered ones
    /// (the rubric's stay beside them). The total is corrected only when
    /// there is one group: groups are audited apart (each to its own
    /// minimum), so their audits do not pool into one uniform sample.
    pub fn correct(&mut self, summary: JudgeSummary) {
        if summary.settings.audit.is_some() {
            let confidence = self.ci.confidence;
            for r in &mut self.groups {
                r.ppi = ppi_of(r, confidence);
            }
            if self.groups.len() == 1 {
                self.total.ppi = self.groups[0].ppi.clone();
            }
        }
        self.judge_run = Some(summary);
    }

    /// Computes statistics for every group of `outcome`.
    pub fn build(
        outcome: &Outcome,
        rubric: &Rubric,
        rubric_origin: &str,
        by: Vec<String>,
        cluster: Option<String>,
        ci: CiConfig,
    ) -> Report {
        Report::assemble(
            outcome,
            Provenance {
                tool: format!("assay {}", env!("CARGO_PKG_VERSION")),
                rubric: rubric_origin.to_string(),
                rubric_hash: format!("{:016x}", rubric.hash()),
            },
            rubric
                .behaviours()
                .iter()
                .map(|b| (b.name.clone(), b.kind))
                .collect(),
            by,
            cluster,
            ci,
        )
    }

    /// [`Report::build`] from a rubric's identity and behaviours alone, as a
    /// shard keeps them ([`crate::tally::shard`]): merged shards need no
    /// rubric to be reported.
    pub fn assemble(
        outcome: &Outcome,
        provenance: Provenance,
        behaviours: Vec<(String, BehaviourKind)>,
        by: Vec<String>,
        cluster: Option<String>,
        ci: CiConfig,
    ) -> Report {
        let nb = behaviours.len();
        let mut total = GroupTally {
            behaviours: vec![0; nb],
            ..GroupTally::default()
        };
        let mut groups = Vec::new();
        for (key, g) in outcome.tally.sorted_groups(by.len()) {
            total.n += g.n;
            total.failures += g.failures;
            total.judged += g.judged;
            total.audit.both_fail += g.audit.both_fail;
            total.audit.false_positive += g.audit.false_positive;
            total.audit.false_negative += g.audit.false_negative;
            total.audit.both_pass += g.audit.both_pass;
            for (t, c) in total.behaviours.iter_mut().zip(&g.behaviours) {
                *t += c;
            }
            for (c, (f, n)) in &g.clusters {
                // Cluster ids are only unique within a group; qualify them.
                let e = total
                    .clusters
                    .entry(format!("{}\u{1f}{c}", key.join("\u{1f}")))
                    .or_default();
                e.0 += f;
                e.1 += n;
            }
            let key: Vec<String> = key.iter().map(|s| s.to_string()).collect();
            groups.push(row(key, g, &by, cluster.is_some(), &ci));
        }
        let total = row(Vec::new(), &total, &[], cluster.is_some(), &ci);
        Report {
            provenance,
            by,
            cluster,
            ci,
            behaviours,
            files: outcome.files.clone(),
            counts: outcome.counts,
            groups,
            total,
            errors: outcome.errors.clone(),
            errors_total: outcome.errors_total,
            input_errors: outcome.input_errors.clone(),
            interrupted: outcome.interrupted,
            excerpts: outcome.excerpts.clone(),
            input_digests: Vec::new(),
            judge: outcome.judge.clone(),
            judge_run: None,
        }
    }

    /// Whether a judge verdict count goes in every row (`--labels` or a
    /// live judge).
    pub fn shows_judged(&self) -> bool {
        self.judge.is_some() || self.judge_run.is_some()
    }

    /// Whether a live judge audited the run: rows then lead with corrected
    /// rates and show the rubric's beside them.
    pub fn audited(&self) -> bool {
        self.judge_run
            .as_ref()
            .is_some_and(|j| j.settings.audit.is_some())
    }

    /// One line naming the interval method and its settings.
    pub fn method_note(&self) -> String {
        let mut s = format!(
            "{:.0}% {} ({})",
            self.ci.confidence * 100.0,
            self.ci.method.describe(),
            self.ci.method.name()
        );
        if self.ci.method.is_bootstrap() {
            s.push_str(&format!(
                ", {} resamples, seed {}",
                self.ci.resamples, self.ci.seed
            ));
        } else {
            s.push_str(&format!(", seed {}", self.ci.seed));
        }
        if let Some(c) = &self.cluster {
            s.push_str(&format!("; clustered by {c}"));
        }
        s
    }

    /// Notes on fallbacks and one-sided bounds, deduplicated, in row order.
    pub fn notes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // A million groups may each have a note: deduplicate by hash, not
        // by a linear search per note.
        let mut seen = std::collections::HashSet::new();
        let mut push = |s: String| {
            if seen.insert(s.clone()) {
                out.push(s);
            }
        };
        for f in &self.files {
            if let Some(w) = &f.warning {
                push(format!("{}: {w}", f.path));
            }
        }
        for r in self.groups.iter().chain(std::iter::once(&self.total)) {
            if let Some(e) = &r.estimate
                && let Some(f) = &e.ci.fallback
            {
                push(format!("{}: {f}", self.row_label(r)));
            }
            if let Some(c) = &r.clustered {
                for n in &c.notes {
                    push(format!("{}: {n}", self.row_label(r)));
                }
            }
        }
        if let Some(j) = &self.judge {
            push(format!(
                "judged: {} of {} verdicts came from the judge file ({} verdicts in it), the rest from the rubric",
                self.total.judged, self.total.n, j.verdicts
            ));
            if j.unseen > 0 {
                push(format!(
                    "{} judge verdict{} named no graded record: {}{}",
                    j.unseen,
                    if j.unseen == 1 { "" } else { "s" },
                    j.unseen_first.join(", "),
                    if j.unseen > j.unseen_first.len() as u64 {
                        ", …"
                    } else {
                        ""
                    }
                ));
            }
        }
        if let Some(j) = &self.judge_run {
            for line in j.describe() {
                push(line);
            }
            if self.audited() {
                push(
                    "rate and CI: prediction-powered estimates (Angelopoulos et al. 2023), the rubric's \
                     rate corrected by the judge's audit; the interval combines exact limits per \
                     verdict stratum (ppi-stratified-mover) or rests on the audit alone \
                     (audit-only-exact); rubric rate and CI: the final verdicts alone, \
                     uncorrected"
                        .to_string(),
                );
                if self.groups.len() > 1 {
                    push(
                        "total: uncorrected; each group was audited apart, so read the \
                         corrected rates per group"
                            .to_string(),
                    );
                }
            }
        }
        if self.groups.iter().any(|r| {
            r.estimate
                .as_ref()
                .is_some_and(|e| e.upper_one_sided.is_some())
        }) {
            push(format!(
                "≤ column: with 0 failures in n, the one-sided {:.0}% upper bound 1 − α^(1/n) (e.g. ≤ 0.30% for 0/1000)",
                self.ci.confidence * 100.0
            ));
        }
        out
    }

    /// `model=m, scenario=s` or `total`.
    pub fn row_label(&self, r: &Row) -> String {
        if r.key.is_empty() {
            return "total".to_string();
        }
        self.by
            .iter()
            .zip(&r.key)
            .map(|(b, k)| format!("{b}={k}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn row(key: Vec<String>, g: &GroupTally, by: &[String], clustering: bool, ci: &CiConfig) -> Row {
    // The random stream of a group depends on its key, never on its position.
    let stream_key = if key.is_empty() {
        "\u{1f}total".to_string()
    } else {
        by.iter()
            .zip(&key)
            .map(|(b, k)| format!("{b}={k}"))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let estimate = stats::estimate(g.failures, g.n, ci, &stream_key);
    let clustered = if clustering {
        let cl: Vec<(u64, u64)> = g
            .sorted_clusters()
            .into_iter()
            .map(|(_, f, t)| (f, t))
            .collect();
        stats::clustered(&cl, ci, &stream_key)
    } else {
        None
    };
    Row {
        key,
        n: g.n,
        failures: g.failures,
        judged: g.judged,
        audit: g.audit,
        ppi: None,
        estimate,
        clustered,
        behaviours: g
            .behaviours
            .iter()
            .map(|&c| BehaviourCount {
                count: c,
                rate: if g.n == 0 { 0.0 } else { c as f64 / g.n as f64 },
            })
            .collect(),
    }
}

fn ppi_of(r: &Row, confidence: f64) -> Option<Ppi> {
    stats::ppi::ppi(
        &PpiCounts {
            records: r.n,
            proxy_failures: r.failures,
            audit: r.audit,
        },
        confidence,
    )
}

/// `12.3%` with enough decimals to tell small rates apart.
pub fn pct(x: f64) -> String {
    let p = x * 100.0;
    if p != 0.0 && p.abs() < 1.0 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

#[cfg(test)]
mod tests;
