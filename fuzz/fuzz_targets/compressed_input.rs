//! Compressed input: gzip and zstd of arbitrary bytes grade exactly as the
//! plain bytes do; arbitrary bytes named `.gz`/`.zst` (corrupt streams) are
//! reported as input errors, never a panic or a hang.
#![no_main]

use assay::input::MmapChoice;
use assay_fuzz::{file, run};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let chunk = 1 + data[0] as usize;
    let body = &data[1..];
    let plain = run(
        &file("c.jsonl", body),
        1,
        MmapChoice::Auto,
        1 << 20,
        1 << 20,
    );

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(body).unwrap();
    let gz = gz.finish().unwrap();
    let seen = run(
        &file("c.jsonl.gz", &gz),
        2,
        MmapChoice::Auto,
        chunk,
        1 << 20,
    );
    assert_eq!(plain.counts, seen.counts);
    assert_eq!(plain.errors, seen.errors);
    // Verdict lines name their file; otherwise they are the same.
    let renamed = String::from_utf8_lossy(&seen.verdicts).replace("c.jsonl.gz", "c.jsonl");
    assert_eq!(String::from_utf8_lossy(&plain.verdicts), renamed);
    assert!(seen.input_errors.is_empty());

    let zst = zstd::encode_all(body, 1).unwrap();
    let seen = run(
        &file("c.jsonl.zst", &zst),
        2,
        MmapChoice::Auto,
        chunk,
        1 << 20,
    );
    assert_eq!(plain.counts, seen.counts);
    assert_eq!(plain.errors, seen.errors);
    assert!(seen.input_errors.is_empty());

    // A truncated gzip stream: what was decoded is graded, the rest reported.
    if gz.len() > 20 {
        let cut = &gz[..gz.len() - 1 - (chunk % 8)];
        let _ = run(
            &file("t.jsonl.gz", cut),
            1,
            MmapChoice::Auto,
            chunk,
            1 << 20,
        );
    }
    // The raw bytes as a corrupt compressed stream.
    for name in ["r.jsonl.gz", "r.jsonl.zst"] {
        let _ = run(&file(name, body), 1, MmapChoice::Auto, chunk, 1 << 20);
    }
});
