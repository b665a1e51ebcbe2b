//! `assay grade`: validate flags, build the pipeline, write the report.

use super::{Exit, FormatArg, GradeArgs, OnArg};
use anyhow::{Context, Result, bail};
use assay::engine::{self, Options};
use assay::input::{self, MmapChoice};
use assay::output::Output;
use assay::parse::FieldPath;
use assay::report::{Format, Report};
use assay::rubric;
use assay::stats::{CiConfig, CiMethod};
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// How many malformed lines are printed on stderr before summarising.
const STDERR_ERRORS: usize = 10;

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
    let (rubric, origin) = match &a.rubric {
        None => (rubric::builtin(), "<built-in rubric>".to_string()),
        Some(p) => match rubric::load_file(p) {
            Ok(r) => (r, p.display().to_string()),
            Err(e) => {
                eprint!("{e}");
                return Ok(Exit::Error);
            }
        },
    };
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
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
        verdicts: a.verdicts.is_some(),
        ..Options::default()
    };

    let (sources, mut discover_errors) = input::discover(&a.inputs);
    for e in &discover_errors {
        eprintln!("assay: {}: {}", e.path, e.reason);
    }
    let mut verdicts = match &a.verdicts {
        Some(p) => Some(
            Output::create(p)
                .with_context(|| format!("cannot create the verdict file {}", p.display()))?,
        ),
        None => None,
    };
    let result = engine::run(
        &sources,
        &rubric,
        &opts,
        verdicts.as_mut().map(|v| v as &mut dyn Write),
        stop,
    );
    let mut outcome = match result {
        Ok(o) => o,
        Err(e) => {
            if let Some(v) = verdicts {
                v.abandon();
            }
            return Err(e).context("writing verdicts failed");
        }
    };
    // Read failures found by the engine; discovery problems were printed above.
    for e in &outcome.input_errors {
        eprintln!("assay: {}: {}", e.path, e.reason);
    }
    for f in &outcome.files {
        if let Some(w) = &f.warning {
            eprintln!("assay: {}: warning: {w}", f.path);
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

    if !a.quiet {
        for e in outcome.errors.iter().take(STDERR_ERRORS) {
            eprintln!(
                "assay: {}:{} (byte {}): {}",
                e.file, e.line, e.offset, e.reason
            );
        }
        if outcome.errors_total > STDERR_ERRORS as u64 {
            eprintln!(
                "assay: … and {} more malformed lines (`--format json` lists the first {})",
                outcome.errors_total - STDERR_ERRORS as u64,
                opts.max_errors_kept
            );
        }
        if outcome.errors_total > 0 && !a.strict {
            eprintln!(
                "assay: {} malformed line(s) were not graded but are counted in the report; fix them at the source, or pass --strict to make them fatal",
                outcome.errors_total
            );
        }
    }

    let labels = opts.by.iter().map(FieldPath::label).collect();
    let report = Report::build(
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
    let bytes = format.exporter().export(&report);
    if outcome.interrupted {
        // Never replace a previous report with a partial one.
        eprintln!("assay: interrupted; the report below covers only the lines read so far");
        std::io::stdout().write_all(&bytes)?;
        return Ok(Exit::Error);
    }
    let mut out = Output::create(a.output.as_deref().unwrap_or(std::path::Path::new("-")))
        .context("cannot create the report file")?;
    out.write_all(&bytes)?;
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
                eprintln!("  {o}");
            }
            return Ok(Exit::Threshold);
        }
    }
    Ok(Exit::Ok)
}
