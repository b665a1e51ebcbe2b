//! `assay power`: sample sizes and detectable differences for planning.

use super::{Exit, PowerArgs};
use anyhow::{Result, bail};
use assay::report::pct;
use assay::stats::{detectable_difference, sample_size};
use std::io::Write;

pub fn run(a: PowerArgs) -> Result<Exit> {
    let confidence = a.confidence.confidence;
    if !(a.rate > 0.0 && a.rate < 1.0) {
        bail!(
            "--rate must be a fraction strictly between 0 and 1 (e.g. 0.18 for 18%), got {}; for a 0% base rate plan with a small rate such as 0.001",
            a.rate
        );
    }
    let method =
        "two-sided two-proportion z-test, equal groups (Fleiss, Levin & Paik 2003, eq. 4.14)";
    let mut out = std::io::stdout().lock();
    match (a.delta, a.n) {
        (_, Some(n)) => {
            let up = detectable_difference(n, a.rate, confidence, a.power);
            // The formula is symmetric under p → 1 − p: a drop from p is a rise from 1 − p.
            let down = detectable_difference(n, 1.0 - a.rate, confidence, a.power);
            let show = |d: Option<f64>| {
                d.map_or_else(
                    || "none within [0, 1]".to_string(),
                    |d| format!("{} points", pct(d).trim_end_matches('%')),
                )
            };
            writeln!(
                out,
                "with {n} transcripts per group and base rate {}:",
                pct(a.rate)
            )?;
            writeln!(out, "  smallest detectable increase: {}", show(up))?;
            writeln!(out, "  smallest detectable decrease: {}", show(down))?;
        }
        (Some(d), None) => {
            if a.rate + d <= 0.0 || a.rate + d >= 1.0 || a.rate <= 0.0 || a.rate >= 1.0 || d == 0.0
            {
                bail!(
                    "--rate {} and --rate + --delta {} must both lie strictly between 0 and 1, and --delta must not be 0",
                    a.rate,
                    a.rate + d
                );
            }
            match sample_size(a.rate, d, confidence, a.power) {
                Some(n) => writeln!(
                    out,
                    "{n} transcripts per group to detect {} → {}",
                    pct(a.rate),
                    pct(a.rate + d)
                )?,
                None => bail!("no sample size exists for these settings"),
            }
        }
        (None, None) => bail!("give --delta (to get n) or --n (to get the detectable difference)"),
    }
    writeln!(
        out,
        "  at {:.0}% confidence and {:.0}% power; {method}",
        confidence * 100.0,
        a.power * 100.0
    )?;
    Ok(Exit::Ok)
}
