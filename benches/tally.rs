//! Tallies: counting a record into its group (the per-record cost every
//! worker pays) and merging per-thread tallies at the end (paid once per
//! thread), for 600 groups with 200 clusters each.

use assay::tally::Tally;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn key(m: usize, s: usize, c: usize) -> String {
    let mut k = String::new();
    for p in [
        format!("model-{m}"),
        format!("scenario-{s}"),
        format!("cond-{c}"),
    ] {
        Tally::push_key_part(&mut k, &p);
    }
    k
}

fn filled(seed: usize) -> Tally {
    let mut t = Tally::default();
    for i in 0..120_000 {
        let k = key(i % 6, (i / 6) % 10, (i / 60) % 10);
        t.add(
            &k,
            7,
            (i as u64 * 2654435761 + seed as u64) & 0x7f,
            i % 3 == 0,
            Some(&format!("p{}", i % 200)),
        );
    }
    t
}

fn bench(c: &mut Criterion) {
    let keys: Vec<String> = (0..600).map(|i| key(i % 6, (i / 6) % 10, i / 60)).collect();
    c.bench_function("tally_add_existing_group", |b| {
        let mut t = Tally::default();
        let mut i = 0usize;
        b.iter(|| {
            i = i.wrapping_add(1);
            t.add(black_box(&keys[i % keys.len()]), 7, 0b101, true, None);
        })
    });
    let (a, other) = (filled(1), filled(2));
    c.bench_function("tally_merge_600_groups_200_clusters", |b| {
        b.iter_batched_ref(
            || a.clone(),
            |t| t.merge(black_box(&other)),
            BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
