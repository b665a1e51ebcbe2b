//! Parsing one record into the borrowed transcript view (simd-json tape
//! into reused scratch buffers, then the walk that classifies every text
//! field), against the bare simd-json tape parse of the same bytes, for a
//! small (~3 KB) and a large (~30 KB) record. The input is copied into the
//! scratch buffer on every iteration, as in the engine.

use assay::parse::Scratch;
use assay::sweep::{GenConfig, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// The smallest and the largest record of a generated sweep.
fn records() -> (String, String) {
    let mut out = Vec::new();
    generate(
        &GenConfig {
            records: 500,
            seed: 4,
            ..GenConfig::default()
        },
        &mut out,
    )
    .expect("in-memory generation");
    let text = String::from_utf8(out).expect("the generator writes UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| l.len());
    (lines[0].to_string(), lines[lines.len() - 1].to_string())
}

fn bench(c: &mut Criterion) {
    let (small, large) = records();
    for (name, rec) in [("small", &small), ("large", &large)] {
        let mut g = c.benchmark_group(format!("parse_{name}_{}KB", rec.len() / 1000));
        g.throughput(Throughput::Bytes(rec.len() as u64));
        let mut s = Scratch::new();
        g.bench_function("tape_only", |b| {
            b.iter(|| s.parse_only(black_box(rec.as_bytes())).map_or(0, |n| n))
        });
        g.bench_function("record_view", |b| {
            b.iter(|| {
                s.with_record(black_box(rec.as_bytes()), |r| {
                    r.map_or(0, |r| r.segments.len())
                })
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
