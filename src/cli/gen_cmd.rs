//! `assay gen`: write a labelled synthetic sweep.

use super::{Exit, GenArgs};
use anyhow::{Context, Result, anyhow};
use assay::sweep::{GenConfig, generate, parse_rates};
use std::io::Write;

pub fn run(a: GenArgs) -> Result<Exit> {
    let mut cfg = GenConfig {
        records: a.records,
        seed: a.seed,
        epochs: a.epochs,
        prompt_effect: a.prompt_effect,
        ..GenConfig::default()
    };
    if let Some(r) = &a.rates {
        cfg.models = parse_rates(r).map_err(|e| anyhow!("--rates: {e}"))?;
    }
    cfg.validate().map_err(|e| anyhow!("{e}"))?;
    let mut out = a.output.create("sweep file")?;
    let summary = match generate(&cfg, &mut out) {
        Ok(s) => s,
        Err(e) => {
            out.abandon();
            return Err(e).context("generating the sweep failed");
        }
    };
    out.flush()?;
    out.commit().context("cannot finish the output file")?;
    if !a.quiet.quiet {
        let mut err = std::io::stderr().lock();
        writeln!(
            err,
            "assay gen: {} records, {} bytes, seed {}",
            summary.records, summary.bytes, cfg.seed
        )?;
        for m in &summary.failures_by_model {
            writeln!(
                err,
                "  {:<20} {:>8} records {:>8} failures",
                m.model, m.records, m.failures
            )?;
        }
    }
    Ok(Exit::Ok)
}
