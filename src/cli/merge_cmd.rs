//! `assay merge`: add tallies written by `grade --tally-out` and write the
//! reports `grade` would have written for all their inputs in one run; and
//! the `--tally-out` writer `grade` calls.

use super::flags::{FormatArg, FormatFlag};
use super::{Exit, OnArg};
use anyhow::{Context, Result};
use assay::engine::{Options, Outcome};
use assay::output::Output;
use assay::report::{Exporter, Html, Report, Svg, visible};
use assay::rubric::Rubric;
use assay::tally::shard::Shard;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `assay merge` flags: the tallies, then `grade`'s report flags.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Tally files written by `assay grade --tally-out`, in input order
    /// (files, errors and evidence are listed in this order).
    #[arg(required = true, value_name = "TALLY")]
    pub tallies: Vec<PathBuf>,

    #[command(flatten)]
    pub format: FormatFlag,

    #[command(flatten)]
    pub output: super::flags::OutputFlag,

    /// Also write the merged tally, for merging again later.
    #[arg(long, value_name = "FILE")]
    pub tally_out: Option<PathBuf>,

    #[command(flatten)]
    pub report: super::flags::ReportFlags,
}

/// `grade --tally-out`: the finished run's state, written atomically.
pub(super) fn write_tally(
    path: &Path,
    outcome: &Outcome,
    rubric: &Rubric,
    origin: &str,
    opts: &Options,
    report: &Report,
) -> Result<()> {
    let settings = assay::api::shard_settings(opts, report.ci.clone());
    let mut shard = Shard::from_outcome(outcome, rubric, origin, settings)
        .map_err(|e| anyhow::anyhow!("--tally-out: {e}"))?;
    shard.input_digests = report.input_digests.clone();
    save(path, &shard)
}

fn save(path: &Path, shard: &Shard) -> Result<()> {
    let mut out = Output::create(path)
        .with_context(|| format!("cannot create the tally file {}", path.display()))?;
    out.write_all(&shard.to_bytes())
        .with_context(|| format!("cannot write the tally file {}", path.display()))?;
    out.commit()
        .with_context(|| format!("cannot finish the tally file {}", path.display()))
}

/// Writes one report to `path` (`-`: standard output), atomically.
fn write(path: &Path, exporter: &dyn Exporter, report: &Report, what: &str) -> Result<()> {
    let mut out = Output::create(path)
        .with_context(|| format!("cannot create the {what} {}", path.display()))?;
    exporter
        .write_to(report, &mut out)
        .with_context(|| format!("cannot write the {what} {}", path.display()))?;
    out.commit()
        .with_context(|| format!("cannot finish the {what} {}", path.display()))
}

pub fn run(a: MergeArgs) -> Result<Exit> {
    if let Some(r) = a.report.fail_above
        && !(0.0..=1.0).contains(&r)
    {
        anyhow::bail!("--fail-above takes a rate between 0 and 1 (e.g. 0.05 for 5%), got {r}");
    }
    let shard = assay::api::merge_files(&a.tallies).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(p) = &a.tally_out {
        save(p, &shard)?;
    }
    let report = shard.report();
    let exporter: Box<dyn Exporter> = match a.format.format {
        FormatArg::Table => Box::new(assay::report::Table),
        FormatArg::Json => Box::new(assay::report::Json),
        FormatArg::Markdown => Box::new(assay::report::Markdown),
        FormatArg::Csv => Box::new(assay::report::Csv {
            keep_formulas: a.report.csv_formulas,
        }),
    };
    if let Some(p) = &a.report.svg {
        write(p, &Svg, &report, "chart")?;
    }
    if let Some(p) = &a.report.html {
        write(p, &Html, &report, "HTML report")?;
    }
    let out = a.output.path();
    write(out, exporter.as_ref(), &report, "report file")?;
    if !report.input_errors.is_empty() || (a.report.strict && report.errors_total > 0) {
        return Ok(Exit::Error);
    }
    let Some(limit) = a.report.fail_above else {
        return Ok(Exit::Ok);
    };
    let over: Vec<String> = report
        .groups
        .iter()
        .filter(|g| {
            g.estimate.as_ref().is_some_and(|e| match a.report.on {
                OnArg::Upper => e.ci.high > limit,
                OnArg::Point => e.rate > limit,
            })
        })
        .map(|g| report.row_label(g))
        .collect();
    if over.is_empty() {
        return Ok(Exit::Ok);
    }
    super::messages::message!(
        "{} group(s) above --fail-above {}: {}",
        over.len(),
        assay::report::pct(limit),
        visible(&over.join("; "))
    );
    Ok(Exit::Threshold)
}
