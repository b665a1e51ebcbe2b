//! Grading a whole sweep in memory, record after record, with each record
//! parsed just before it is graded (outside the timed region), as a worker
//! does: so the automata are as cold as they are in a real run, which the
//! one-record `grade` bench (the same record over and over) cannot show.
//! Reports the grading time per pass, the minimum and median of five.
//!
//! `cargo bench --bench grade_sweep` grades 20,000 generated records
//! (`assay gen --records 20000 --seed 1`, ~200 MB, generated in memory);
//! `ASSAY_SWEEP=FILE cargo bench --bench grade_sweep` grades FILE instead.
//! Compare builds by running it on each, alternating: this VM's speed
//! drifts by several per cent from minute to minute.

use assay::grade::GradeCache;
use assay::parse::Scratch;
use assay::rubric;
use assay::sweep::{GenConfig, generate};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let data = match std::env::var_os("ASSAY_SWEEP") {
        Some(path) => std::fs::read(&path).expect("ASSAY_SWEEP names a readable file"),
        None => {
            let mut out = Vec::new();
            let cfg = GenConfig {
                records: 20_000,
                seed: 1,
                ..GenConfig::default()
            };
            generate(&cfg, &mut out).expect("generating into memory cannot fail");
            out
        }
    };
    let lines: Vec<&[u8]> = data
        .split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let r = rubric::builtin();
    let mut scratch = Scratch::new();
    let mut cache = GradeCache::new(&r);
    let mut passes: Vec<Duration> = Vec::new();
    let mut found = 0u64;
    for _ in 0..5 {
        let mut t = Duration::ZERO;
        for line in &lines {
            scratch.with_record(line, |rec| {
                if let Ok(rec) = rec {
                    let at = Instant::now();
                    found += u64::from(black_box(r.grade(rec, &mut cache)).failure());
                    t += at.elapsed();
                }
            });
        }
        passes.push(t);
    }
    passes.sort();
    let mb = data.len() as f64 / 1e6;
    println!(
        "grade_sweep: {} records, {mb:.0} MB: grading {:.4} s min, {:.4} s median of 5 passes ({:.0} MB/s of input at the median; {} failures a pass)",
        lines.len(),
        passes[0].as_secs_f64(),
        passes[2].as_secs_f64(),
        mb / passes[2].as_secs_f64(),
        found / 5
    );
}
