//! Parsing one record, seven ways, for a small (~3 KB) and a large (~30 KB)
//! generated record (issue #5: "compare simd-json's tape, a lazy or
//! skipping scan, and a full DOM"):
//!
//! - `tape_only`: the bare simd-json tape parse (the `assay bench`
//!   baseline), input copied into a reused scratch buffer as in the engine;
//! - `record_view`: what the engine does — that tape plus the walk that
//!   classifies every text field into the borrowed transcript view;
//! - `dom_simd_json` / `dom_serde_json`: a full DOM (`to_borrowed_value`,
//!   `serde_json::Value`), allocating every value;
//! - `typed_serde_skip`: serde_json into a struct that keeps only what the
//!   grader reads and skips the rest with `IgnoredAny` (validating, not
//!   building);
//! - `skip_scan`: a hand-written validating scan that unescapes nothing
//!   (`support/skip_scan.rs`), checked against JSONTestSuite before timing
//!   when `../shared/JSONTestSuite` is present;
//! - `excise_tape`: the simd-json tape of a copy in which long value
//!   strings were replaced by short placeholders after one `memchr2` pass
//!   over the line (`support/excise.rs`), checked the same way. The copy
//!   is copied once more into the parse buffer; writing it there directly
//!   would not change the verdict, since the finding pass alone costs
//!   ~0.8× the whole tape parse on the generated sweep.

#[path = "support/excise.rs"]
mod excise;
#[path = "support/skip_scan.rs"]
mod skip_scan;

use assay::parse::Scratch;
use assay::sweep::{GenConfig, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::borrow::Cow;
use std::hint::black_box;

/// The smallest record of a generated sweep, and its largest grown to
/// ~30 KB by repeating its conversation turns (the generator's records stop
/// near 21 KB; long agent runs reach 30 KB and more).
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
    let mut large: serde_json::Value =
        serde_json::from_str(lines[lines.len() - 1]).expect("generated records are JSON");
    let turns: Vec<serde_json::Value> = large["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["role"] != "system")
        .cloned()
        .collect();
    for turn in turns.iter().cycle() {
        if serde_json::to_string(&large).expect("serialises").len() >= 30_000 {
            break;
        }
        let messages = large["messages"].as_array_mut().expect("messages");
        messages.push(turn.clone());
    }
    let large = serde_json::to_string(&large).expect("serialises");
    (lines[0].to_string(), large)
}

/// What a typed reader keeps of a record: agent text and tool calls.
#[derive(Deserialize)]
struct TypedRecord<'a> {
    #[serde(borrow)]
    model: Cow<'a, str>,
    #[serde(borrow)]
    messages: Vec<TypedMessage<'a>>,
}

#[derive(Deserialize)]
struct TypedMessage<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
    /// Kept raw: only assistant content is ever read.
    #[serde(borrow)]
    content: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    tool_calls: Option<IgnoredAny>,
}

/// Whether simd-json accepts `bytes`.
fn simd_json_accepts(bytes: &[u8]) -> bool {
    let mut copy = bytes.to_vec();
    simd_json::to_tape(&mut copy).is_ok()
}

/// The skip scan must accept every `y_` case and reject every `n_` case of
/// JSONTestSuite, and excising every value string it can (threshold 0)
/// must never change whether simd-json accepts a case, or their timings
/// would compare unlike work.
fn check_conformance() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/JSONTestSuite/test_parsing");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skip_scan: {} not found; conformance check skipped",
            dir.display()
        );
        return;
    };
    let mut nodes = Vec::new();
    let (mut out, mut spans) = (Vec::new(), Vec::new());
    let (mut yes, mut no, mut excised) = (0, 0, 0);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        if excise::excise(&bytes, 0, &mut out, &mut spans) && !spans.is_empty() {
            assert_eq!(
                simd_json_accepts(&out),
                simd_json_accepts(&bytes),
                "excising strings changes the verdict on {name}"
            );
            excised += 1;
        }
        let ok = skip_scan::scan(&bytes, &mut nodes).is_ok();
        if name.starts_with("y_") {
            assert!(ok, "skip_scan rejects {name}");
            yes += 1;
        } else if name.starts_with("n_") {
            assert!(!ok, "skip_scan accepts {name}");
            no += 1;
        }
    }
    eprintln!(
        "skip_scan: JSONTestSuite {yes} y_ accepted, {no} n_ rejected; \
         excise: {excised} cases with strings excised, simd-json's verdict unchanged"
    );
}

fn bench(c: &mut Criterion) {
    check_conformance();
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
        let mut copy = Vec::new();
        g.bench_function("dom_simd_json", |b| {
            b.iter(|| {
                copy.clear();
                copy.extend_from_slice(black_box(rec.as_bytes()));
                simd_json::to_borrowed_value(&mut copy).map_or(0, |v| {
                    use simd_json::prelude::*;
                    v.as_object().map_or(0, |o| o.len())
                })
            })
        });
        g.bench_function("dom_serde_json", |b| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(rec.as_bytes()))
                    .map_or(0, |v| v.as_object().map_or(0, |o| o.len()))
            })
        });
        g.bench_function("typed_serde_skip", |b| {
            b.iter(|| {
                serde_json::from_slice::<TypedRecord<'_>>(black_box(rec.as_bytes())).map_or(
                    0,
                    |r| {
                        r.model.len()
                            + r.messages
                                .iter()
                                .filter(|m| m.role == "assistant" && m.tool_calls.is_none())
                                .map(|m| m.content.map_or(0, |c| c.get().len()))
                                .sum::<usize>()
                    },
                )
            })
        });
        let mut nodes = Vec::new();
        g.bench_function("skip_scan", |b| {
            b.iter(|| {
                skip_scan::scan(black_box(rec.as_bytes()), &mut nodes)
                    .map_or(0, |()| nodes.iter().map(|n| n.size()).sum::<usize>())
            })
        });
        let (mut out, mut spans) = (Vec::new(), Vec::new());
        g.bench_function("excise_tape", |b| {
            b.iter(|| {
                let line = black_box(rec.as_bytes());
                let reduced = if excise::excise(line, 256, &mut out, &mut spans) {
                    &out[..]
                } else {
                    line
                };
                s.parse_only(reduced).map_or(0, |n| n + spans.len())
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
