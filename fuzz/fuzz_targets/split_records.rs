//! Arbitrary file bytes: every line accounted, and the same lines, errors
//! and verdicts whatever the chunk size, thread count or read path (mapped
//! or read whole vs streamed in blocks).
#![no_main]

use assay::input::MmapChoice;
use assay_fuzz::{expected_lines, file, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let chunk = 1 + data[0] as usize;
    let threads = 1 + (data[1] % 3) as usize;
    // A small record limit too, so oversized lines are exercised.
    let max = if data[2] & 1 == 0 {
        1 << 20
    } else {
        1 + (data[2] >> 1) as usize
    };
    let body = &data[3..];
    let src = file("split.jsonl", body);
    let base = run(&src, 1, MmapChoice::Auto, 1 << 20, max);
    assert_eq!(base.counts.lines, expected_lines(body), "line count");
    let chunked = run(&src, threads, MmapChoice::Auto, chunk, max);
    assert_eq!(base, chunked, "chunk {chunk}, {threads} threads");
    let streamed = run(&src, threads, MmapChoice::Never, chunk, max);
    assert_eq!(base, streamed, "streamed, block {chunk}, {threads} threads");
});
