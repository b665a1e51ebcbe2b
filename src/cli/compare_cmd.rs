//! `assay compare`: every model against a baseline, cell by cell.

use super::grade::{field_paths, print_input_errors, print_malformed};
use super::messages::message;
use super::{CompareArgs, Exit};
use anyhow::{Context, Result, anyhow, bail};
use assay::compare::{compare, render};
use assay::engine::{self, Options};
use assay::input;
use assay::parse::FieldPath;
use assay::report::visible;
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// The engine's settings for `assay compare`: the one place they are built
/// from the flags. Records are grouped by cell and model, and clustered by
/// the pairing key.
fn engine_options(a: &CompareArgs, cells: &[FieldPath], pair: FieldPath) -> Options {
    let mut by = cells.to_vec();
    by.push(FieldPath::Field("model".into()));
    Options {
        by,
        cluster: Some(pair),
        threads: a.threads.count(),
        mmap: a.mmap.choice(),
        ..Options::default()
    }
}

pub fn run(a: CompareArgs, stop: &AtomicBool) -> Result<Exit> {
    let cells = field_paths(&a.by)?;
    if cells.iter().any(|c| c.label() == "model") {
        bail!(
            "--by lists the cells to compare within; the model is always compared, so leave `model` out"
        );
    }
    let pair = FieldPath::parse_list(&a.pair_by).map_err(|e| anyhow!("--pair-by: {e}"))?;
    let (rubric, _) = a.rubric.load()?;
    let opts = engine_options(&a, &cells, pair.clone());
    let (sources, discover_errors) = input::discover(&a.inputs);
    for e in &discover_errors {
        message!("{}: {}", visible(&e.path), visible(&e.reason));
    }
    let outcome = engine::run(&sources, &rubric, &opts, None, stop)?;
    if outcome.too_many_groups {
        bail!(
            "more than {} distinct groups; the run was stopped before they exhausted memory. \
             Compare by fewer or coarser fields",
            opts.max_groups
        );
    }
    print_input_errors(&outcome);
    if !a.quiet.quiet {
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
        a.confidence.confidence,
        a.correction.into(),
    ) {
        Ok(c) => c,
        Err(e) => bail!("{e}"),
    };
    let mut out = a.output.create("output file")?;
    out.write_all(&render(&c, a.format.format()))?;
    out.commit().context("cannot finish the output")?;
    if !discover_errors.is_empty() || !outcome.input_errors.is_empty() {
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}
