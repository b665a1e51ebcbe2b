//! Benchmarks of the statistics layer on sufficient statistics.
//!
//! Targets (one core): 10,000 bootstrap resamples of one group of 1,000,000
//! transcripts in < 50 ms; 10,000 cluster-bootstrap resamples over 10,000
//! clusters in < 2 s.

use std::hint::black_box;
use std::time::Duration;

use assay::stats::{CiConfig, CiMethod, clopper_pearson, clustered, estimate, jeffreys, wilson};
use criterion::{Criterion, criterion_group, criterion_main};

fn cfg(method: CiMethod) -> CiConfig {
    CiConfig {
        method,
        confidence: 0.95,
        resamples: 10_000,
        seed: 42,
    }
}

fn independent(c: &mut Criterion) {
    let mut g = c.benchmark_group("bootstrap_1m_transcripts_10k_resamples");
    for m in [CiMethod::Bootstrap, CiMethod::Bca] {
        let cfg = cfg(m);
        g.bench_function(m.name(), |b| {
            b.iter(|| {
                estimate(
                    black_box(31_416),
                    black_box(1_000_000),
                    &cfg,
                    black_box("model-a/task-1"),
                )
            })
        });
    }
    g.finish();
}

fn clusters(c: &mut Criterion) {
    // 10,000 clusters of 50–149 trials with cluster-level rates 0–30 %.
    let data: Vec<(u64, u64)> = (0..10_000u64)
        .map(|i| {
            let t = 50 + (i * 7919) % 100;
            let f = t * ((i * 104_729) % 31) / 100;
            (f, t)
        })
        .collect();
    let mut g = c.benchmark_group("cluster_bootstrap_10k_clusters_10k_resamples");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for m in [CiMethod::Bootstrap, CiMethod::Bca] {
        let cfg = cfg(m);
        g.bench_function(m.name(), |b| {
            b.iter(|| clustered(black_box(&data), &cfg, black_box("model-a")))
        });
    }
    g.finish();
    c.bench_function("clustered_se_10k_clusters_wilson", |b| {
        let cfg = cfg(CiMethod::Wilson);
        b.iter(|| clustered(black_box(&data), &cfg, "model-a"))
    });
}

fn analytic(c: &mut Criterion) {
    let mut g = c.benchmark_group("analytic_1m");
    g.bench_function("wilson", |b| {
        b.iter(|| wilson(black_box(31_416), black_box(1_000_000), 0.95))
    });
    g.bench_function("exact", |b| {
        b.iter(|| clopper_pearson(black_box(31_416), black_box(1_000_000), 0.95))
    });
    g.bench_function("jeffreys", |b| {
        b.iter(|| jeffreys(black_box(31_416), black_box(1_000_000), 0.95))
    });
    g.finish();
}

criterion_group!(benches, independent, clusters, analytic);
criterion_main!(benches);
