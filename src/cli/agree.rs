//! `assay agree`: grade labelled records and report agreement with labels.

use super::flags::AgreeFormat;
use super::messages::message;
use super::{AgreeArgs, Exit};
use anyhow::{Context, Result, bail};
use assay::agree::{self, JudgeLabels, Options};
use assay::input;
use assay::report::visible;
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// The agreement settings for `assay agree`: the one place they are built
/// from the flags.
fn agree_options(a: &AgreeArgs) -> Options {
    Options {
        confidence: a.confidence.confidence,
        resamples: a.resamples,
        seed: a.seed,
        max_disagreements: a.show,
        threads: a.threads.count(),
        ..Options::default()
    }
}

pub fn run(a: AgreeArgs, stop: &AtomicBool) -> Result<Exit> {
    if a.resamples == 0 {
        bail!("--resamples must be at least 1 (e.g. 2000)");
    }
    let (r, _) = a.rubric.load()?;
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
        message!("{}: {}", visible(&e.path), visible(&e.reason));
    }
    if sources.is_empty() {
        bail!("no input to read; give labelled .jsonl files or directories");
    }
    let opts = agree_options(&a);
    let cmp = agree::compare(&sources, &r, &judge, &opts, stop);
    if cmp.labelled == 0 {
        message!(
            "no record carries a `label` object ({} lines read); agreement needs labelled records, e.g. from `assay gen`",
            cmp.lines
        );
    }
    let text = match a.format {
        AgreeFormat::Json => {
            let mut s = serde_json::to_string_pretty(&agree::render_json(&cmp, &opts))?;
            s.push('\n');
            s
        }
        AgreeFormat::Markdown => agree::render_markdown(&cmp, &opts),
    };
    let mut out = a.output.create("report file")?;
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
