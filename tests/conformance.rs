//! JSON conformance: every case of JSONTestSuite's `test_parsing` through the
//! record parser. `y_` (must accept) cases go in as a record field's value
//! and must grade; `n_` (must reject) cases are the line itself and must be
//! malformed with a reason; `i_` (either) cases go in both ways and must only
//! be answered without a panic. The suite is not part of this repository:
//! the test reads a checkout of it beside the repository
//! (`../shared/JSONTestSuite`) and skips with a message where it is absent.

use assay::parse::Scratch;
use std::path::Path;

fn parse(scratch: &mut Scratch, line: &[u8]) -> Result<(), String> {
    scratch.with_record(line, |r| r.map(|_| ()).map_err(|e| e.to_string()))
}

fn as_field(value: &[u8]) -> Vec<u8> {
    let mut line = br#"{"id":1,"model":"m","messages":[],"x":"#.to_vec();
    line.extend_from_slice(value);
    line.push(b'}');
    line
}

#[test]
fn json_test_suite_test_parsing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/JSONTestSuite/test_parsing");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut names: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    let mut scratch = Scratch::new();
    let (mut y, mut n, mut i) = (0, 0, 0);
    let mut wrong = Vec::new();
    for p in &names {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(p).unwrap();
        if name.starts_with("y_") {
            y += 1;
            if let Err(e) = parse(&mut scratch, &as_field(&bytes)) {
                wrong.push(format!("{name}: valid JSON rejected: {e}"));
            }
        } else if name.starts_with("n_") {
            n += 1;
            match parse(&mut scratch, &bytes) {
                Ok(()) => wrong.push(format!("{name}: invalid JSON accepted")),
                Err(e) if e.trim().is_empty() => wrong.push(format!("{name}: no reason given")),
                Err(_) => {}
            }
        } else if name.starts_with("i_") {
            i += 1;
            let _ = parse(&mut scratch, &bytes);
            let _ = parse(&mut scratch, &as_field(&bytes));
        }
    }
    assert!(
        y > 90 && n > 180 && i > 30,
        "the suite has {y} y_, {n} n_, {i} i_ cases"
    );
    assert!(
        wrong.is_empty(),
        "{} cases wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
