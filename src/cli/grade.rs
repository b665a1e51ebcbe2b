//! `assay grade`: validate flags, build the pipeline, write the report.

use super::progress::Progress;
use super::{Exit, FormatArg, GradeArgs, OnArg};
use anyhow::{Context, Result, bail};
use assay::agree::JudgeLabels;
use assay::engine::{self, Options, Sinks};
use assay::input::{self, MmapChoice};
use assay::output::Output;
use assay::parse::FieldPath;
use assay::report::{Exporter, Format, Html, Report, Svg, visible};
use assay::rubric;
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

pub fn run(a: GradeArgs, stop: &AtomicBool) -> Result<Exit> {
    // Build everything that can fail on bad flags before reading any input.
    let method = CiMethod::from_name(&a.ci).with_context(|| {
        format!(
            "unknown interval method `{}`; use one of wilson, exact, jeffreys, bootstrap, bca",
            a.ci
        )
    })?;
    let ci = CiConfig::new(method, a.confidence, a.resamples, a.seed)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let by: Vec<FieldPath> = if a.by.iter().all(|b| b.trim().is_empty()) {
        Vec::new()
    } else {
        a.by.iter()
            .map(|b| FieldPath::parse(b.trim()))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("--by: {e}"))?
    };
    let cluster = a
        .cluster
        .as_deref()
        .map(FieldPath::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--cluster: {e}"))?;
    if let Some(r) = a.fail_above
        && !(0.0..=1.0).contains(&r)
    {
        bail!("--fail-above takes a rate between 0 and 1 (e.g. 0.05 for 5%), got {r}");
    }
    if a.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    if a.max_record_bytes == 0 {
        bail!("--max-record-bytes must be at least 1");
    }
    let Some((rubric, origin)) = load_rubric(a.rubric.as_deref()) else {
        return Ok(Exit::Error);
    };
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
        eprintln!(
            "assay: warning: the rubric {origin} has no doubt rule (`effect = \"doubt\"`), so --uncertain will list no record"
        );
    }
    if a.tally_out.is_some() && a.labels.is_some() {
        bail!(
            "--tally-out cannot be used with --labels: which judge verdicts named no record is \
             only known over the whole sweep; grade without --labels, or in one run"
        );
    }
    let threads = thread_count(a.threads);
    let opts = Options {
        by,
        cluster,
        threads,
        mmap: if a.no_mmap {
            MmapChoice::Never
        } else {
            MmapChoice::Auto
        },
        max_record_bytes: a.max_record_bytes,
        max_groups: a.max_groups,
        verdicts: a.verdicts.is_some(),
        uncertain: a.uncertain.is_some(),
        labels,
        input_format: input::InputFormat::from_name(&a.input_format)
            .unwrap_or(input::InputFormat::Auto),
        ..Options::default()
    };

    let (sources, mut discover_errors) = input::discover_as(&a.inputs, opts.input_format);
    for e in &discover_errors {
        eprintln!("assay: {}: {}", visible(&e.path), visible(&e.reason));
    }
    let progress = Progress::new(|| total_disk_bytes(&sources), a.quiet);
    let opts = Options {
        progress: progress.as_ref().map(Progress::hook),
        excerpts: if a.html.is_some() || a.tally_out.is_some() {
            HTML_EXCERPTS
        } else {
            0
        },
        ..opts
    };
    let mut verdicts = match &a.verdicts {
        Some(p) => Some(
            Output::create(p)
                .with_context(|| format!("cannot create the verdict file {}", p.display()))?,
        ),
        None => None,
    };
    let mut uncertain =
        match &a.uncertain {
            Some(p) => Some(Output::create(p).with_context(|| {
                format!("cannot create the contested-record file {}", p.display())
            })?),
            None => None,
        };
    let result = engine::run_to(
        &sources,
        &rubric,
        &opts,
        Sinks {
            verdicts: verdicts.as_mut().map(|v| v as &mut dyn Write),
            uncertain: uncertain.as_mut().map(|v| v as &mut dyn Write),
        },
        stop,
    );
    if let Some(p) = &progress {
        p.finish();
    }
    let mut outcome = match result {
        Ok(o) => o,
        Err(e) => {
            if let Some(v) = verdicts {
                v.abandon();
            }
            if let Some(u) = uncertain {
                u.abandon();
            }
            return Err(e).context("writing verdicts or contested records failed");
        }
    };
    if outcome.too_many_groups {
        if let Some(v) = verdicts {
            v.abandon();
        }
        if let Some(u) = uncertain {
            u.abandon();
        }
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
    // Read failures found by the engine; discovery problems were printed above.
    for e in &outcome.input_errors {
        eprintln!("assay: {}: {}", visible(&e.path), visible(&e.reason));
    }
    for f in &outcome.files {
        if let Some(w) = &f.warning {
            eprintln!("assay: {}: warning: {}", visible(&f.path), visible(w));
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
            if !a.quiet {
                eprintln!(
                    "assay: {} contested record(s) written for a judge",
                    outcome.contested
                );
            }
        }
    }
    if let Some(j) = &outcome.judge
        && j.unseen > 0
    {
        eprintln!(
            "assay: {} judge verdict(s) in --labels named no graded record: {}{}; check their id, epoch and model",
            j.unseen,
            visible(&j.unseen_first.join(", ")),
            if j.unseen > j.unseen_first.len() as u64 {
                ", …"
            } else {
                ""
            }
        );
    }

    if !a.quiet {
        print_malformed(&outcome, a.strict, opts.max_errors_kept);
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
    let format = match a.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
    };
    let exporter: Box<dyn Exporter> = match format {
        Format::Csv => Box::new(assay::report::Csv {
            keep_formulas: a.csv_formulas,
        }),
        f => f.exporter(),
    };
    if !outcome.interrupted {
        if let Some(p) = &a.svg {
            write_extra(p, &Svg, &report, "chart")?;
        }
        if let Some(p) = &a.html {
            report.input_digests = sources.iter().map(digest).collect();
            write_extra(p, &Html, &report, "HTML report")?;
        }
        if let Some(p) = &a.tally_out {
            super::merge_cmd::write_tally(p, &outcome, &rubric, &origin, &opts, &report)?;
        }
    }
    if outcome.interrupted {
        // Never replace a previous report with a partial one.
        eprintln!("assay: interrupted; the report below covers only the lines read so far");
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        exporter.write_to(&report, &mut stdout)?;
        stdout.flush()?;
        return Ok(Exit::Error);
    }
    let report_path = a.output.as_deref().unwrap_or(std::path::Path::new("-"));
    let mut out = Output::create(report_path).with_context(|| {
        format!(
            "cannot create the report file {}; check that its directory exists and is writable",
            report_path.display()
        )
    })?;
    exporter.write_to(&report, &mut out)?;
    out.commit().context("cannot finish the report")?;

    if !outcome.input_errors.is_empty() {
        return Ok(Exit::Error);
    }
    if a.strict && outcome.errors_total > 0 {
        eprintln!(
            "assay: --strict: {} malformed line(s); exiting with status 2",
            outcome.errors_total
        );
        return Ok(Exit::Error);
    }
    if let Some(limit) = a.fail_above {
        let over: Vec<String> = report
            .groups
            .iter()
            .filter_map(|g| {
                let e = g.estimate.as_ref()?;
                let v = match a.on {
                    OnArg::Upper => e.ci.high,
                    OnArg::Point => e.rate,
                };
                (v > limit).then(|| {
                    format!(
                        "{} ({} = {})",
                        report.row_label(g),
                        if a.on == OnArg::Upper {
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
            eprintln!(
                "assay: {} group(s) above --fail-above {}:",
                over.len(),
                assay::report::pct(limit)
            );
            for o in &over {
                eprintln!("  {}", visible(o));
            }
            return Ok(Exit::Threshold);
        }
    }
    Ok(Exit::Ok)
}

/// The compiled rubric and its name for reports, or `None` after printing
/// the rubric error (the caller exits 2).
pub(super) fn load_rubric(path: Option<&std::path::Path>) -> Option<(rubric::Rubric, String)> {
    match path {
        None => Some((rubric::builtin(), "<built-in rubric>".to_string())),
        Some(p) => match rubric::load_file(p) {
            Ok(r) => Some((r, p.display().to_string())),
            Err(e) => {
                // The rubric is input too: its quoted lines are shown, not obeyed.
                eprint!("{}", assay::report::visible_lines(&e.to_string()));
                None
            }
        },
    }
}

/// `--threads`, or every core.
pub(super) fn thread_count(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The first malformed lines on stderr, and what to do about them.
pub(super) fn print_malformed(outcome: &engine::Outcome, strict: bool, kept: usize) {
    for e in outcome.errors.iter().take(STDERR_ERRORS) {
        eprintln!(
            "assay: {}:{} (byte {}): {}",
            visible(&e.file),
            e.line,
            e.offset,
            visible(&e.reason)
        );
    }
    if outcome.errors_total > STDERR_ERRORS as u64 {
        eprintln!(
            "assay: … and {} more malformed lines (`--format json` lists the first {kept})",
            outcome.errors_total - STDERR_ERRORS as u64
        );
    }
    if outcome.errors_total > 0 && !strict {
        eprintln!(
            "assay: {} malformed line(s) were not graded but are counted in the report; fix them at the source, or pass --strict to make them fatal",
            outcome.errors_total
        );
    }
}
