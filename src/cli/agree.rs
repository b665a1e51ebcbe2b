//! `assay agree`: grade labelled records and report agreement with labels.

use super::{AgreeArgs, Exit};
use anyhow::{Context, Result, bail};
use assay::agree::{self, JudgeLabels, Options};
use assay::input;
use assay::output::Output;
use assay::report::visible;
use assay::rubric;
use std::io::Write;
use std::sync::atomic::AtomicBool;

pub fn run(a: AgreeArgs, stop: &AtomicBool) -> Result<Exit> {
    if !(a.confidence > 0.0 && a.confidence < 1.0) {
        bail!(
            "--confidence must be strictly between 0 and 1 (e.g. 0.95), got {}",
            a.confidence
        );
    }
    if a.resamples == 0 {
        bail!("--resamples must be at least 1 (e.g. 2000)");
    }
    let r = match &a.rubric {
        None => rubric::builtin(),
        Some(p) => match rubric::load_file(p) {
            Ok(r) => r,
            Err(e) => {
                // The rubric is input too: its quoted lines are shown, not obeyed.
                eprint!("{}", assay::report::visible_lines(&e.to_string()));
                return Ok(Exit::Error);
            }
        },
    };
    let judge = match &a.labels {
        None => JudgeLabels::default(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read --labels {}", p.display()))?;
            JudgeLabels::parse(&p.display().to_string(), &text, &r)
                .map_err(|e| anyhow::anyhow!("--labels: {e}"))?
        }
    };
    let (sources, errors) = input::discover(&a.inputs);
    for e in &errors {
        eprintln!("assay: {}: {}", visible(&e.path), visible(&e.reason));
    }
    if sources.is_empty() {
        bail!("no input to read; give labelled .jsonl files or directories");
    }
    let opts = Options {
        confidence: a.confidence,
        resamples: a.resamples,
        seed: a.seed,
        max_disagreements: a.show,
        threads: super::grade::thread_count(None),
        ..Options::default()
    };
    let cmp = agree::compare(&sources, &r, &judge, &opts, stop);
    if cmp.labelled == 0 {
        eprintln!(
            "assay: no record carries a `label` object ({} lines read); agreement needs labelled records, e.g. from `assay gen`",
            cmp.lines
        );
    }
    let text = if a.format == "json" {
        let mut s = serde_json::to_string_pretty(&agree::render_json(&cmp, &opts))?;
        s.push('\n');
        s
    } else {
        agree::render_markdown(&cmp, &opts)
    };
    let path = a.output.as_deref().unwrap_or(std::path::Path::new("-"));
    let mut out =
        Output::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    out.write_all(text.as_bytes())?;
    out.commit()?;
    Ok(
        if errors.is_empty() && cmp.input_errors.is_empty() && cmp.labelled > 0 {
            Exit::Ok
        } else {
            Exit::Error
        },
    )
}
