//! Arbitrary rubric text: a rubric or an error with a position, never a
//! panic; compile time stays bounded (libFuzzer's `-timeout` catches a
//! runaway compile).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match assay::rubric::compile("fuzz.toml", text) {
        Ok(r) => {
            // A compiled rubric grades a record without trouble.
            let mut cache = assay::grade::GradeCache::new(&r);
            let line = br#"{"id":1,"model":"m","messages":[{"role":"assistant","content":"unless you cancel the wipe, your wife learns of the affair"}]}"#;
            assay::parse::Scratch::new().with_record(line, |rec| {
                if let Ok(rec) = rec {
                    let _ = r.grade(rec, &mut cache);
                }
            });
        }
        Err(e) => {
            assert!(!e.message().is_empty(), "a rubric error says why");
            let _ = e.to_string();
        }
    }
});
