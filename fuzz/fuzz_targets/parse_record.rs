//! Arbitrary bytes as one line: the parser never panics, and a rejected
//! line always says why.
#![no_main]

use assay::parse::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut scratch = Scratch::new();
    let r = assay_fuzz::builtin();
    let mut cache = assay::grade::GradeCache::new(r);
    // Twice through the same scratch: reused buffers must not leak state.
    let first = scratch.with_record(data, |rec| match rec {
        Ok(rec) => {
            let v = r.grade(rec, &mut cache);
            Ok(v.behaviours)
        }
        Err(e) => {
            assert!(!e.reason.is_empty(), "an error says why");
            if let Some(at) = e.at {
                assert!(at <= data.len() + 64, "error offset {at} inside the line");
            }
            Err(e.to_string())
        }
    });
    let second = scratch.with_record(data, |rec| {
        rec.map(|rec| r.grade(rec, &mut cache).behaviours)
            .map_err(|e| e.to_string())
    });
    assert_eq!(first, second, "same line, same answer");
    // A line serde_json accepts as an object with the required fields is
    // one simd-json accepts too (no silent loss of valid records).
    if first.is_err()
        && let Ok(serde_json::Value::Object(o)) = serde_json::from_slice::<serde_json::Value>(data)
        && o.get("id")
            .is_some_and(|v| v.is_string() || v.is_i64() || v.is_u64())
        && o.get("model").is_some_and(|v| v.is_string())
        && o.get("messages")
            .is_some_and(|v| v.as_array().is_some_and(|a| a.is_empty()))
        && o.values()
            .all(|v| !v.is_number() || v.is_i64() || v.is_u64() || v.is_f64())
        && !data.starts_with(b"\xEF\xBB\xBF")
    {
        panic!("serde_json accepts this record but assay rejected it: {first:?}");
    }
});
