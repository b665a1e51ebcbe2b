//! Compressed input: gzip and zstd of arbitrary bytes grade exactly as the
//! plain bytes do; a stream cut short grades every complete line decoded
//! before the cut and reports the failure; junk after a complete stream is
//! a warning, nothing lost; arbitrary bytes named `.gz`/`.zst` (corrupt
//! streams) are reported as input errors, never a panic or a hang.
#![no_main]

use assay::input::MmapChoice;
use assay_fuzz::{file, run};
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};

/// What a decoder gives of `bytes` before it fails, as `zcat` prints it.
fn recover(bytes: &[u8], zst: bool) -> Vec<u8> {
    let mut r: Box<dyn Read> = if zst {
        match zstd::stream::read::Decoder::new(bytes) {
            Ok(d) => Box::new(d),
            Err(_) => return Vec::new(),
        }
    } else {
        Box::new(flate2::read::MultiGzDecoder::new(bytes))
    };
    let (mut out, mut buf) = (Vec::new(), [0u8; 4096]);
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

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

    // A truncated stream: every complete line decoded before the cut is
    // graded as the plain bytes are, and the failure is reported.
    for (name, stream) in [("t.jsonl.gz", &gz), ("t.jsonl.zst", &zst)] {
        if stream.len() <= 20 {
            continue;
        }
        let cut = &stream[..stream.len() - 1 - (chunk % 8)];
        let recovered = recover(cut, name.ends_with(".zst"));
        let complete = &recovered[..recovered
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)];
        let plain = run(&file("p.jsonl", complete), 1, MmapChoice::Auto, 1 << 20, 1 << 20);
        let seen = run(&file(name, cut), 2, MmapChoice::Auto, chunk, 1 << 20);
        assert_eq!(plain.counts.graded, seen.counts.graded);
        assert!(seen.counts.lines <= plain.counts.lines + 1);
        assert_eq!(seen.input_errors.len(), 1);
    }
    // Junk after a complete stream: a warning, the lines all graded.
    for (name, stream) in [("j.jsonl.gz", &gz), ("j.jsonl.zst", &zst)] {
        let mut junk = stream.clone();
        junk.extend_from_slice(b"{\"id\":\"junk\"}\n");
        let seen = run(&file(name, &junk), 2, MmapChoice::Auto, chunk, 1 << 20);
        assert_eq!(plain.counts, seen.counts);
        assert!(seen.input_errors.is_empty());
        assert!(seen.warnings[0].as_deref().is_some_and(|w| w.contains("not compressed data")));
    }
    // The raw bytes as a corrupt compressed stream.
    for name in ["r.jsonl.gz", "r.jsonl.zst"] {
        let _ = run(&file(name, body), 1, MmapChoice::Auto, chunk, 1 << 20);
    }
});
