//! `assay bench`: grading speed, measured.

use super::{BenchArgs, Exit, messages};
use anyhow::{Context, Result, bail};
use assay::bench::{self, BenchConfig};
use std::io::Write;

pub fn run(a: BenchArgs) -> Result<Exit> {
    if a.input.is_none() && a.records == 0 {
        bail!("--records must be at least 1");
    }
    let (rubric, _) = a.rubric.load()?;
    let cfg = BenchConfig {
        records: a.records,
        seed: a.seed,
        input: a.input.clone(),
        threads: a.threads.count(),
        runs: a.runs,
        keep: a.keep,
    };
    let report = bench::run(&cfg, &rubric, &mut |m| messages::progress("bench", m))
        .context("the benchmark failed")?;
    let mut out = std::io::stdout().lock();
    if a.json {
        out.write_all(&bench::render_json(&report))?;
    } else {
        out.write_all(bench::render_text(&report).as_bytes())?;
        if report.generated && a.keep {
            writeln!(out, "sweep kept at {}", report.input)?;
        }
    }
    Ok(Exit::Ok)
}
