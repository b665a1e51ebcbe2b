//! Record splitting: newline-aligned chunking and the memchr line iterator
//! over a generated sweep held in memory (what a worker does to a mapped
//! file before parsing). Throughput is input bytes.

use assay::input::split::{CHUNK_BYTES, chunk_ranges, lines};
use assay::sweep::{GenConfig, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn sweep(records: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let cfg = GenConfig {
        records,
        seed: 9,
        ..GenConfig::default()
    };
    generate(&cfg, &mut out).expect("generating into memory cannot fail");
    out
}

fn bench(c: &mut Criterion) {
    let data = sweep(2000);
    let mut g = c.benchmark_group("split");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("chunk_ranges_1MiB", |b| {
        b.iter(|| chunk_ranges(black_box(&data), CHUNK_BYTES).len())
    });
    g.bench_function("lines_every_record", |b| {
        b.iter(|| {
            lines(black_box(&data))
                .map(|(_, _, l)| l.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
