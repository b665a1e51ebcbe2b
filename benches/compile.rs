//! Compiling the built-in rubric: parsing its TOML and building every
//! automaton (the literal tables, the regex sets, the standalone regexes).
//! This is almost all of a run's start-up. Measured on all cores (rayon's
//! global pool, as `assay grade` does) and on one (a one-thread pool: the
//! total work, whatever the core count).

use assay::rubric;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile_builtin_rubric");
    g.sample_size(30);
    g.bench_function("all_cores", |b| b.iter(rubric::builtin));
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    g.bench_function("one_core", |b| b.iter(|| one.install(rubric::builtin)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
