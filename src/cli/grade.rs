//! `assay grade`: validate flags, build the pipeline, write the report.

use super::messages::{detail, message, warning};
use super::progress::Progress;
use super::{Exit, GradeArgs, OnArg};
use anyhow::{Context, Result, bail};
use assay::agree::JudgeLabels;
use assay::engine::judging::JudgeSink;
use assay::engine::{self, Options, Sinks};
use assay::input;
use assay::output::Output;
use assay::parse::FieldPath;
use assay::report::{Exporter, Format, Html, Report, Svg, visible};
use assay::stats::{CiConfig, CiMethod};
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// How many malformed lines are printed on stderr before summarising.
const STDERR_ERRORS: usize = 10;

/// Evidence excerpts per behaviour shown by `--html`.
const HTML_EXCERPTS: usize = assay::api::SHARD_EXCERPTS;

/// Bytes on disk of the inputs, for the progress bar; 0 (unknown) when any
/// input is a stream or compressed, whose progress is counted decompressed.
fn total_disk_bytes(sources: &[input::Source]) -> u64 {
    let mut total = 0u64;
    for s in sources {
        match s {
            input::Source::Stdin | input::Source::Memory { .. } => return 0,
            input::Source::File(p) => {
                let name = p.to_string_lossy();
                if name.ends_with(".gz") || name.ends_with(".zst") {
                    return 0;
                }
                total += std::fs::metadata(p).map_or(0, |m| m.len());
            }
            input::Source::AmTree { files, .. } => {
                total += files
                    .iter()
                    .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
                    .sum::<u64>();
            }
        }
    }
    total
}

/// Size on disk and SHA-256 of an input (a results tree hashes each file's
/// path relative to the tree, a NUL, and its bytes, in order); `None` for
/// standard input or an unreadable input.
fn digest(s: &input::Source) -> Option<(u64, String)> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut size = 0u64;
    let mut feed = |h: &mut Sha256, p: &std::path::Path| -> std::io::Result<()> {
        use std::io::Read;
        let mut f = std::fs::File::open(p)?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            match f.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => {
                    size += n as u64;
                    h.update(&buf[..n])
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    };
    match s {
        input::Source::Stdin | input::Source::Memory { .. } => return None,
        input::Source::File(p) => feed(&mut h, p).ok()?,
        input::Source::AmTree { root, files } => {
            for f in files {
                let rel = f.strip_prefix(root).unwrap_or(f);
                h.update(rel.to_string_lossy().as_bytes());
                h.update([0u8]);
                feed(&mut h, f).ok()?;
            }
        }
    }
    let d = h.finalize();
    Some((size, d.iter().map(|b| format!("{b:02x}")).collect()))
}

/// Drops the outputs of a run that will not report: the staged verdict
/// lines are removed, the verdict and contested-record files never appear.
fn abandon(staged: Option<&std::path::Path>, verdicts: Option<Output>, uncertain: Option<Output>) {
    if let Some(p) = staged {
        let _ = std::fs::remove_file(p);
    }
    if let Some(v) = verdicts {
        v.abandon();
    }
    if let Some(u) = uncertain {
        u.abandon();
    }
}

/// Writes one extra report file atomically.
fn write_extra(
    path: &std::path::Path,
    exporter: &dyn Exporter,
    report: &Report,
    what: &str,
) -> Result<()> {
    let mut out = Output::create(path)
        .with_context(|| format!("cannot create the {what} file {}", path.display()))?;
    exporter
        .write_to(report, &mut out)
        .with_context(|| format!("cannot write the {what} file {}", path.display()))?;
    out.commit()
        .with_context(|| format!("cannot finish the {what} file {}", path.display()))
}

/// The engine's settings for `assay grade`: the one place they are built
/// from the flags.
fn engine_options(
    a: &GradeArgs,
    by: Vec<FieldPath>,
    cluster: Option<FieldPath>,
    labels: Option<std::sync::Arc<JudgeLabels>>,
    progress: Option<&Progress>,
) -> Options {
    Options {
        by,
        cluster,
        threads: a.threads.count(),
        mmap: a.mmap.choice(),
        max_record_bytes: a.max_record_bytes,
        max_groups: a.max_groups,
        labels,
        input_format: a.input_format.into(),
        progress: progress.map(Progress::hook),
        excerpts: if a.report.html.is_some() || a.tally_out.is_some() {
            HTML_EXCERPTS
        } else {
            0
        },
        ..Options::default()
    }
}

/// `--by` as field paths; all-empty (`--by ''`) means one group.
pub(super) fn field_paths(by: &[String]) -> Result<Vec<FieldPath>> {
    by.iter()
        .filter(|b| !b.trim().is_empty())
        .map(|b| FieldPath::parse(b.trim()))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("--by: {e}"))
}

pub fn run(a: GradeArgs, stop: &AtomicBool) -> Result<Exit> {
    // Build everything that can fail on bad flags before reading any input.
    let ci = CiConfig::new(
        CiMethod::from(a.ci),
        a.confidence.confidence,
        a.resamples,
        a.seed,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let by = field_paths(&a.by)?;
    let cluster = a
        .cluster
        .as_deref()
        .map(FieldPath::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--cluster: {e}"))?;
    if let Some(r) = a.report.fail_above
        && !(0.0..=1.0).contains(&r)
    {
        bail!("--fail-above takes a rate between 0 and 1 (e.g. 0.05 for 5%), got {r}");
    }
    if a.max_record_bytes == 0 {
        bail!("--max-record-bytes must be at least 1");
    }
    let (rubric, origin) = a.rubric.load()?;
    let labels = match &a.labels {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read --labels {}", p.display()))?;
            let l = JudgeLabels::parse(&p.display().to_string(), &text, &rubric)
                .map_err(|e| anyhow::anyhow!("--labels: {e}"))?;
            Some(std::sync::Arc::new(l))
        }
    };
    if a.uncertain.is_some() && rubric.doubt_rule_count() == 0 {
        warning!(
            "the rubric {origin} has no doubt rule (`effect = \"doubt\"`), so --uncertain will list no record"
        );
    }
    if a.tally_out.is_some() && a.audit.audit.is_some() {
        bail!(
            "--tally-out cannot be used with --audit: each group's audit is drawn over the whole \
             sweep (at least --audit-min records a group), so shards' audits do not add up to \
             one; audit in one run, or judge the shards' contested records without --audit"
        );
    }
    if a.tally_out.is_some() && a.labels.is_some() {
        bail!(
            "--tally-out cannot be used with --labels: which judge verdicts named no record is \
             only known over the whole sweep; grade without --labels, or in one run"
        );
    }

    let (sources, mut discover_errors) = input::discover_as(&a.inputs, a.input_format.into());
    for e in &discover_errors {
        message!("{}: {}", visible(&e.path), visible(&e.reason));
    }
    let tap = super::judging::tap(&a, &rubric, &sources)?.map(std::sync::Arc::new);
    let progress = Progress::new(|| total_disk_bytes(&sources), a.quiet.quiet);
    let opts = engine_options(&a, by, cluster, labels, progress.as_ref());
    let mut verdicts = match &a.verdicts {
        Some(p) => Some(
            Output::create(p)
                .with_context(|| format!("cannot create the verdict file {}", p.display()))?,
        ),
        None => None,
    };
    // With a judge, verdict lines are staged and joined with its decisions
    // once it has answered.
    let staging = match (&a.verdicts, &tap) {
        (Some(p), Some(_)) => {
            let path = super::judging::staging_path(p);
            let f = std::fs::File::create(&path).with_context(|| {
                format!("cannot create the staged verdict file {}", path.display())
            })?;
            Some((path, std::io::BufWriter::new(f)))
        }
        _ => None,
    };
    let mut staging = staging;
    let mut uncertain =
        match &a.uncertain {
            Some(p) => Some(Output::create(p).with_context(|| {
                format!("cannot create the contested-record file {}", p.display())
            })?),
            None => None,
        };
    // The judge is a sink of its own; it writes the (staged) verdict lines.
    let mut judge_sink =
        tap.map(|t| JudgeSink::new(t, staging.as_mut().map(|(_, w)| w as &mut dyn Write)));
    let result = engine::run_with(
        &sources,
        &rubric,
        &opts,
        Sinks {
            verdicts: match judge_sink {
                Some(_) => None,
                None => verdicts.as_mut().map(|v| v as &mut dyn Write),
            },
            uncertain: uncertain.as_mut().map(|v| v as &mut dyn Write),
        },
        &mut judge_sink,
        stop,
    );
    let judged = match judge_sink.map(JudgeSink::into_tap) {
        Some(Some(t)) => Some(t),
        Some(None) => bail!("the judge is still shared after the run; this is a bug"),
        None => None,
    };
    if let Some(p) = &progress {
        p.finish();
    }
    let mut outcome = match result {
        Ok(o) => o,
        Err(e) => {
            abandon(
                staging.as_ref().map(|(p, _)| p.as_path()),
                verdicts,
                uncertain,
            );
            return Err(e).context("writing verdicts or contested records failed");
        }
    };
    if outcome.too_many_groups {
        abandon(
            staging.as_ref().map(|(p, _)| p.as_path()),
            verdicts,
            uncertain,
        );
        let keys: Vec<String> = opts.by.iter().map(FieldPath::label).collect();
        bail!(
            "more than {} distinct groups by {} (--by); the run was stopped before they \
             exhausted memory (about {} bytes a group). Group by fewer or coarser fields, or \
             raise --max-groups if the memory is there",
            opts.max_groups,
            visible(&keys.join(", ")),
            engine::GROUP_BYTES
        );
    }
    let judge_summary = judged.map(|t| t.finish(&mut outcome.tally));
    if let (Some(s), true) = (&judge_summary, a.audit.judge_dry_run) {
        abandon(
            staging.as_ref().map(|(p, _)| p.as_path()),
            verdicts,
            uncertain,
        );
        let by: Vec<String> = opts.by.iter().map(FieldPath::label).collect();
        super::judging::print_dry_run(s, &by)?;
        return Ok(Exit::Ok);
    }
    if let (Some((path, w)), Some(v), Some(s)) = (staging.take(), verdicts.as_mut(), &judge_summary)
    {
        let joined = w
            .into_inner()
            .map_err(|e| e.into_error())
            .context("cannot write the staged verdicts")
            .and_then(|_| super::judging::join_verdicts(&path, v, &s.decisions, &rubric));
        let _ = std::fs::remove_file(&path);
        joined?;
    }
    // Read failures found by the engine; discovery problems were printed above.
    print_input_errors(&outcome);
    for f in &outcome.files {
        if let Some(w) = &f.warning {
            message!("{}: warning: {}", visible(&f.path), visible(w));
        }
    }
    outcome.input_errors.splice(0..0, discover_errors.drain(..));
    if let Some(v) = verdicts {
        if outcome.interrupted {
            v.abandon();
        } else {
            v.commit().context("cannot finish the verdict file")?;
        }
    }
    if let Some(u) = uncertain {
        if outcome.interrupted {
            u.abandon();
        } else {
            u.commit()
                .context("cannot finish the contested-record file")?;
            if !a.quiet.quiet {
                message!(
                    "{} contested record(s) written for a judge",
                    outcome.contested
                );
            }
        }
    }
    if let Some(j) = &outcome.judge
        && j.unseen > 0
    {
        message!(
            "{} judge verdict(s) in --labels named no graded record: {}{}; check their id, epoch and model",
            j.unseen,
            visible(&j.unseen_first.join(", ")),
            if j.unseen > j.unseen_first.len() as u64 {
                ", …"
            } else {
                ""
            }
        );
    }

    if !a.quiet.quiet {
        print_malformed(&outcome, a.report.strict, opts.max_errors_kept);
    }

    let labels = opts.by.iter().map(FieldPath::label).collect();
    let mut report = Report::build(
        &outcome,
        &rubric,
        &origin,
        labels,
        opts.cluster.as_ref().map(FieldPath::label),
        ci,
    );
    if let Some(mut s) = judge_summary {
        // Per-record decisions went to the verdict lines; the report counts.
        s.decisions.clear();
        report.correct(s);
    }
    let exporter: Box<dyn Exporter> = match a.format.format() {
        Format::Csv => Box::new(assay::report::Csv {
            keep_formulas: a.report.csv_formulas,
        }),
        f => f.exporter(),
    };
    if !outcome.interrupted {
        if let Some(p) = &a.report.svg {
            write_extra(p, &Svg, &report, "chart")?;
        }
        if let Some(p) = &a.report.html {
            report.input_digests = sources.iter().map(digest).collect();
            write_extra(p, &Html, &report, "HTML report")?;
        }
        if let Some(p) = &a.tally_out {
            super::merge_cmd::write_tally(p, &outcome, &rubric, &origin, &opts, &report)?;
        }
    }
    if outcome.interrupted {
        // Never replace a previous report with a partial one.
        message!("interrupted; the report below covers only the lines read so far");
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        exporter.write_to(&report, &mut stdout)?;
        stdout.flush()?;
        return Ok(Exit::Error);
    }
    let mut out = a.output.create("report file")?;
    exporter.write_to(&report, &mut out)?;
    out.commit().context("cannot finish the report")?;

    if !outcome.input_errors.is_empty() {
        return Ok(Exit::Error);
    }
    if a.report.strict && outcome.errors_total > 0 {
        message!(
            "--strict: {} malformed line(s); exiting with status 2",
            outcome.errors_total
        );
        return Ok(Exit::Error);
    }
    if let Some(limit) = a.report.fail_above {
        let over: Vec<String> = report
            .groups
            .iter()
            .filter_map(|g| {
                let e = g.estimate.as_ref()?;
                let v = match a.report.on {
                    OnArg::Upper => e.ci.high,
                    OnArg::Point => e.rate,
                };
                (v > limit).then(|| {
                    format!(
                        "{} ({} = {})",
                        report.row_label(g),
                        if a.report.on == OnArg::Upper {
                            "upper bound"
                        } else {
                            "rate"
                        },
                        assay::report::pct(v)
                    )
                })
            })
            .collect();
        if !over.is_empty() {
            message!(
                "{} group(s) above --fail-above {}:",
                over.len(),
                assay::report::pct(limit)
            );
            for o in &over {
                detail!("{}", visible(o));
            }
            return Ok(Exit::Threshold);
        }
    }
    Ok(Exit::Ok)
}

/// The read failures the engine found (discovery problems are printed as
/// they are found).
pub(super) fn print_input_errors(outcome: &engine::Outcome) {
    for e in &outcome.input_errors {
        message!("{}: {}", visible(&e.path), visible(&e.reason));
    }
}

/// The first malformed lines on stderr, and what to do about them.
pub(super) fn print_malformed(outcome: &engine::Outcome, strict: bool, kept: usize) {
    for e in outcome.errors.iter().take(STDERR_ERRORS) {
        message!(
            "{}:{} (byte {}): {}",
            visible(&e.file),
            e.line,
            e.offset,
            visible(&e.reason)
        );
    }
    if outcome.errors_total > STDERR_ERRORS as u64 {
        message!(
            "… and {} more malformed lines (`--format json` lists the first {kept})",
            outcome.errors_total - STDERR_ERRORS as u64
        );
    }
    if outcome.errors_total > 0 && !strict {
        message!(
            "{} malformed line(s) were not graded but are counted in the report; fix them at the source, or pass --strict to make them fatal",
            outcome.errors_total
        );
    }
}
