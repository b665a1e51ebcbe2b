//! `assay compare`: every model against a baseline, cell by cell.

use super::grade::{load_rubric, print_malformed, thread_count};
use super::{CompareArgs, Exit, FormatArg};
use anyhow::{Context, Result, anyhow, bail};
use assay::compare::{compare, render};
use assay::engine::{self, Options};
use assay::input::{self, MmapChoice};
use assay::output::Output;
use assay::parse::FieldPath;
use assay::report::{Format, visible};
use assay::stats::Correction;
use std::io::Write;
use std::sync::atomic::AtomicBool;

pub fn run(a: CompareArgs, stop: &AtomicBool) -> Result<Exit> {
    let correction = Correction::from_name(&a.correction).with_context(|| {
        format!(
            "unknown correction `{}`; use holm, bh or none",
            a.correction
        )
    })?;
    if !(a.confidence > 0.0 && a.confidence < 1.0) {
        bail!(
            "--confidence must be strictly between 0 and 1 (e.g. 0.95), got {}",
            a.confidence
        );
    }
    if a.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    let cells: Vec<FieldPath> =
        a.by.iter()
            .filter(|b| !b.trim().is_empty())
            .map(|b| FieldPath::parse(b.trim()))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow!("--by: {e}"))?;
    if cells.iter().any(|c| c.label() == "model") {
        bail!(
            "--by lists the cells to compare within; the model is always compared, so leave `model` out"
        );
    }
    let pair = FieldPath::parse_list(&a.pair_by).map_err(|e| anyhow!("--pair-by: {e}"))?;
    let Some((rubric, _)) = load_rubric(a.rubric.as_deref()) else {
        return Ok(Exit::Error);
    };
    let mut by = cells.clone();
    by.push(FieldPath::Field("model".into()));
    let opts = Options {
        by,
        cluster: Some(pair.clone()),
        threads: thread_count(a.threads),
        mmap: if a.no_mmap {
            MmapChoice::Never
        } else {
            MmapChoice::Auto
        },
        ..Options::default()
    };
    let (sources, discover_errors) = input::discover(&a.inputs);
    for e in &discover_errors {
        eprintln!("assay: {}: {}", visible(&e.path), visible(&e.reason));
    }
    let outcome = engine::run(&sources, &rubric, &opts, None, stop)?;
    if outcome.too_many_groups {
        bail!(
            "more than {} distinct groups; the run was stopped before they exhausted memory. \
             Compare by fewer or coarser fields",
            opts.max_groups
        );
    }
    for e in &outcome.input_errors {
        eprintln!("assay: {}: {}", visible(&e.path), visible(&e.reason));
    }
    if !a.quiet {
        print_malformed(&outcome, false, opts.max_errors_kept);
    }
    if outcome.interrupted {
        bail!("interrupted before the end of the input; nothing compared");
    }
    let labels = cells.iter().map(FieldPath::label).collect();
    let c = match compare(
        &outcome,
        labels,
        pair.label(),
        &a.baseline,
        a.confidence,
        correction,
    ) {
        Ok(c) => c,
        Err(e) => bail!("{e}"),
    };
    let format = match a.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
    };
    let mut out = Output::create(a.output.as_deref().unwrap_or(std::path::Path::new("-")))
        .context("cannot create the output file")?;
    out.write_all(&render(&c, format))?;
    out.commit().context("cannot finish the output")?;
    if !discover_errors.is_empty() || !outcome.input_errors.is_empty() {
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}
