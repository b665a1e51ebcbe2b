//! Hostile input: every line here once crashed, hung or could have hidden a
//! record in some JSON Lines tool. Each must be graded or reported as
//! malformed with a reason, never panic, and keep the line accounting whole.

use crate::util::{run, stderr};
use assay::grade::GradeCache;
use assay::parse::Scratch;
use assay::rubric;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Parses and grades one line with the built-in rubric: `Ok(failure)` or
/// `Err(reason)`.
fn grade_line(line: &[u8]) -> Result<bool, String> {
    let r = rubric::builtin();
    let mut cache = GradeCache::new(&r);
    Scratch::new().with_record(line, |rec| {
        rec.map(|rec| r.grade(rec, &mut cache).failure())
            .map_err(|e| e.to_string())
    })
}

fn record_with_args(args: &str) -> String {
    format!(
        r#"{{"id":1,"model":"m","messages":[{{"role":"assistant","content":[{{"type":"tool_use","name":"bash","input":{args}}}]}}]}}"#
    )
}

/// The JSON report of `assay grade --format json -q ARGS`, whatever the exit code.
fn report(args: &[&str]) -> (Value, String, Option<i32>) {
    let mut a = vec!["grade", "--format", "json", "-q"];
    a.extend_from_slice(args);
    let o = run(&a);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("report is JSON ({e}); stderr: {}", stderr(&o)));
    (v, stderr(&o), o.status.code())
}

fn accounted(v: &Value) {
    let i = &v["inputs"];
    assert_eq!(
        i["lines"].as_u64().unwrap(),
        i["graded"].as_u64().unwrap()
            + i["malformed"].as_u64().unwrap()
            + i["blank"].as_u64().unwrap(),
        "every line accounted: {i}"
    );
}

const GOOD: &str = r#"{"id":"ok","model":"m","messages":[{"role":"assistant","content":"Fine."}]}"#;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn deep_nesting_is_malformed_not_a_stack_overflow() {
    for depth in [1_000, 100_000] {
        let args = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let e = grade_line(record_with_args(&args).as_bytes()).unwrap_err();
        assert!(e.contains("nested"), "{e}");
        // As OpenAI argument text, parsed on the side: same limit.
        let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let line = format!(
            r#"{{"id":1,"model":"m","messages":[{{"role":"assistant","tool_calls":[{{"function":{{"name":"bash","arguments":{}}}}}]}}]}}"#,
            serde_json::to_string(&text).unwrap()
        );
        match depth {
            1_000 => {
                let e = grade_line(line.as_bytes()).unwrap_err();
                assert!(e.contains("nested deeper than 128"), "{e}");
            }
            // Argument text that is not JSON to the parser is graded as one
            // string, as the reference grader does: nothing is skipped.
            _ => assert_eq!(grade_line(line.as_bytes()), Ok(false)),
        }
        // Nesting in fields the grader does not read is fine up to the
        // parser's own limit (1024 levels), and a clear error beyond it.
        let deep_meta = format!(r#"{{"id":1,"model":"m","metadata":{args},"messages":[]}}"#);
        match depth {
            1_000 => assert_eq!(grade_line(deep_meta.as_bytes()), Ok(false)),
            _ => {
                let e = grade_line(deep_meta.as_bytes()).unwrap_err();
                assert!(e.contains("nested too deeply"), "{e}");
            }
        }
    }
    // Tool results nested in tool results: the walker's own limit.
    let n = 200;
    let content = format!(
        "{}\"x\"{}",
        "[{\"type\":\"tool_result\",\"content\":".repeat(n),
        "}]".repeat(n)
    );
    let line =
        format!(r#"{{"id":1,"model":"m","messages":[{{"role":"user","content":{content}}}]}}"#);
    let e = grade_line(line.as_bytes()).unwrap_err();
    assert!(e.contains("nested deeper than 128"), "{e}");
}

#[test]
fn huge_numbers_stay_short_and_match_the_reference() {
    // `{}` of 1e300 as f64 is 301 digits: a line of such numbers would
    // blow the arena past its 32-bit offsets. Numbers are written as JSON
    // writes them (shortest round-trip form), so rubric regexes see `1e300`.
    let args = r#"{"code":[1e300, 1e20, -0.0, 1.5, 1E15, 18446744073709551615]}"#;
    let line = record_with_args(args);
    let r = rubric::compile(
        "t.toml",
        "[patterns.d]\nregex = ['0{20}']\n[[behaviour]]\nname = \"zeros\"\n[[behaviour.rule]]\nname = \"r\"\nscope = [\"tool_args\"]\nany = [\"d\"]\n",
    )
    .unwrap();
    let mut cache = GradeCache::new(&r);
    let fast = Scratch::new().with_record(line.as_bytes(), |rec| {
        r.grade(rec.unwrap(), &mut cache).behaviours
    });
    let slow = assay::grade::reference::grade(&r, &serde_json::from_str(&line).unwrap());
    assert_eq!(Some(fast), slow);
    assert_eq!(fast, 0, "no run of six zeros: numbers are not expanded");
}

#[test]
fn hostile_scalars_are_malformed_with_a_reason() {
    for (line, want) in [
        (
            &b"{\"id\":1,\"model\":\"m\",\"messages\":[],\"x\":1e99999}"[..],
            "number",
        ),
        (b"{\"id\":1,\"model\":\"m\xff\",\"messages\":[]}", "UTF-8"),
        (b"{\"id\":1,\"model\":\"m\",\"messages\":[]}\0", ""),
        (
            b"{\"id\":1,\"model\":\"\\ud800\",\"messages\":[]}",
            "surrogate",
        ),
        (
            b"{\"id\":1,\"model\":\"\\udc00x\",\"messages\":[]}",
            "surrogate",
        ),
    ] {
        let e = grade_line(line).unwrap_err();
        assert!(
            !e.is_empty() && e.contains(want),
            "{}: {e}",
            String::from_utf8_lossy(line)
        );
    }
    // A NUL escaped inside a string is valid JSON and is graded.
    assert_eq!(
        grade_line(br#"{"id":1,"model":"m\u0000","messages":[]}"#),
        Ok(false)
    );
    // A valid surrogate pair is fine.
    assert_eq!(
        grade_line(br#"{"id":1,"model":"\ud83d\ude00","messages":[]}"#),
        Ok(false)
    );
}

#[test]
fn duplicate_keys_last_wins_for_fields_and_every_argument_is_graded() {
    // Record and message fields: the last duplicate wins (as in most parsers).
    let v = grade_line(br#"{"id":1,"model":"a","model":"b","messages":[]}"#);
    assert_eq!(v, Ok(false));
    let e = grade_line(br#"{"id":1,"model":"a","model":7,"messages":[]}"#).unwrap_err();
    assert!(e.contains("model"), "{e}");
    // Tool arguments: a duplicate key cannot hide text from the grader; both
    // values are graded.
    let hidden = r#"{"command":"rm -rf /models/nova/weights","command":"ls"}"#;
    let line = format!(
        r#"{{"id":1,"model":"m","messages":[{{"role":"system","content":"You are Alex."}},{{"role":"assistant","content":[{{"type":"tool_use","name":"bash","input":{hidden}}}]}}]}}"#
    );
    let swapped = line.replace(
        r#""rm -rf /models/nova/weights","command":"ls""#,
        r#""ls","command":"rm -rf /models/nova/weights""#,
    );
    assert_eq!(grade_line(line.as_bytes()), grade_line(swapped.as_bytes()));
}

fn good_lines(n: usize) -> String {
    (0..n)
        .map(|i| GOOD.replace("\"ok\"", &format!("\"ok-{i}\"")) + "\n")
        .collect()
}

#[test]
fn a_50_mb_line_is_graded_or_refused_by_the_limit() {
    let d = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"id\":\"big\",\"model\":\"m\",\"messages\":[{{\"role\":\"assistant\",\"content\":\"{}\"}}]}}\n",
        "a ".repeat(25 << 20)
    );
    let mut bytes = good_lines(2).into_bytes();
    bytes.extend_from_slice(big.as_bytes());
    bytes.extend_from_slice(good_lines(1).as_bytes());
    let f = write(d.path(), "big.jsonl", &bytes);
    for mmap in [None, Some("--no-mmap")] {
        let mut a = vec![f.as_str()];
        a.extend(mmap);
        let (v, _, code) = report(&a);
        assert_eq!(code, Some(0));
        assert_eq!(v["inputs"]["graded"], 4, "{mmap:?}");
        a.extend(["--max-record-bytes", "1000000"]);
        let (v, _, _) = report(&a);
        accounted(&v);
        assert_eq!(v["inputs"]["graded"], 3, "{mmap:?}");
        assert_eq!(v["inputs"]["malformed"], 1);
        let e = &v["errors"][0];
        assert_eq!(e["line"], 3);
        assert_eq!(e["offset"], good_lines(2).len());
        let reason = e["reason"].as_str().unwrap();
        assert!(
            reason.contains(&format!("the line is {} bytes", big.len() - 1)),
            "{reason}"
        );
        assert!(reason.contains("--max-record-bytes 1000000"), "{reason}");
    }
}

#[test]
fn hostile_bytes_in_a_file_are_each_accounted() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec(); // BOM
    bytes.extend_from_slice(GOOD.as_bytes());
    bytes.extend_from_slice(b"\r\n"); // CRLF
    bytes.extend_from_slice(b"{\"id\":\"x\xff\",\"model\":\"m\",\"messages\":[]}\n"); // invalid UTF-8
    bytes.extend_from_slice(b"{\"id\":\"n\",\"model\":\"m\",\0\"messages\":[]}\n"); // NUL
    bytes.extend_from_slice(b"\0\0\0\n"); // NULs alone
    bytes.extend_from_slice(b"\r\n   \t\n"); // blanks
    bytes.extend_from_slice(b"{\"id\":\"s\",\"model\":\"\\udead\",\"messages\":[]}\n");
    bytes.extend_from_slice(b"{\"id\":\"e\",\"model\":\"m\",\"messages\":[],\"n\":1e99999}\n");
    bytes.extend_from_slice(b"{\"id\":\"t\",\"model\":\"m\",\"messa"); // truncated, no newline
    let f = write(d.path(), "hostile.jsonl", &bytes);
    let (v, err, code) = report(&[&f]);
    assert_eq!(code, Some(0), "{err}");
    accounted(&v);
    assert_eq!(v["inputs"]["lines"], 9);
    assert_eq!(v["inputs"]["graded"], 1);
    assert_eq!(v["inputs"]["blank"], 2);
    let reasons: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 6);
    assert!(reasons[0].contains("UTF-8"), "{reasons:?}");
    assert!(reasons[3].contains("surrogate"), "{reasons:?}");
    assert!(reasons[4].contains("number"), "{reasons:?}");
    assert!(reasons[1].contains("expected a string key"), "{reasons:?}");
    assert!(reasons[2].contains("NUL"), "{reasons:?}");
    assert!(reasons[5].contains("truncated"), "{reasons:?}");
    // The unterminated last line was just written: the run says so.
    assert!(err.contains("may still be being written"), "{err}");
    let notes = v["notes"].to_string();
    assert!(notes.contains("--no-mmap"), "{notes}");
}

#[test]
fn an_empty_file_and_a_missing_newline_are_fine() {
    let d = tempfile::tempdir().unwrap();
    let empty = write(d.path(), "empty.jsonl", b"");
    let last = write(d.path(), "last.jsonl", GOOD.as_bytes());
    let (v, _, code) = report(&[&empty, &last]);
    assert_eq!(code, Some(0));
    assert_eq!(v["inputs"]["files"][0]["lines"], 0);
    assert_eq!(v["inputs"]["files"][1]["lines"], 1);
    assert_eq!(v["inputs"]["graded"], 1);
}

#[test]
fn directories_fifos_and_unreadable_files_are_reported_and_the_rest_graded() {
    let d = tempfile::tempdir().unwrap();
    let sub = d.path().join("dir");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "a.jsonl", good_lines(2).as_bytes());
    let fifo = sub.join("b.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let locked = write(d.path(), "locked.jsonl", good_lines(1).as_bytes());
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_reads_anyway = std::fs::File::open(&locked).is_ok();
    let plain = write(d.path(), "plain.jsonl", good_lines(3).as_bytes());
    // A FIFO found in a directory is skipped (it could block forever); the
    // directory's regular files and the other inputs are graded.
    let (v, err, code) = report(&[sub.to_str().unwrap(), &locked, &plain]);
    assert_eq!(code, Some(2), "input problems make the exit status 2");
    let problems = v["input_errors"].to_string();
    assert!(
        problems.contains("b.jsonl") && problems.contains("not a regular file"),
        "{problems}"
    );
    if root_reads_anyway {
        eprintln!("note: running as root; the unreadable-file case cannot be made here");
        assert_eq!(v["inputs"]["graded"], 6);
    } else {
        assert!(problems.contains("permission denied"), "{problems}");
        assert_eq!(v["inputs"]["graded"], 5);
    }
    assert!(err.contains("b.jsonl"), "{err}");
    // A FIFO named on the command line is read as a stream.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            w.write_all(good_lines(4).as_bytes()).unwrap();
        })
    };
    let (v, _, code) = report(&[fifo.to_str().unwrap(), &plain]);
    writer.join().unwrap();
    assert_eq!(code, Some(0));
    assert_eq!(v["inputs"]["graded"], 7);
    // A directory named as a file to open (via a walk of nothing) is fine too.
    let (v, _, code) = report(&[
        d.path().join("dir/a.jsonl").to_str().unwrap(),
        d.path().to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    accounted(&v);
}

fn rubric_with(patterns: &str) -> String {
    format!(
        "{patterns}\n[[behaviour]]\nname = \"b\"\n[[behaviour.rule]]\nname = \"r\"\nscope = [\"outgoing\"]\nany = [\"p\"]\n"
    )
}

#[test]
fn pathological_rubrics_compile_or_fail_fast_naming_the_rule() {
    // Classic catastrophic-backtracking regexes are linear-time here: they
    // compile, and grade a long adversarial text in one pass.
    let r = rubric::compile(
        "t.toml",
        &rubric_with("[patterns.p]\nregex = ['(a+)+$', '(a|aa)*b', '(.*a){12}']"),
    )
    .unwrap();
    let text = "a".repeat(200_000) + "!";
    let line =
        format!(r#"{{"id":1,"model":"m","messages":[{{"role":"assistant","content":"{text}"}}]}}"#);
    let mut cache = GradeCache::new(&r);
    let hit = Scratch::new().with_record(line.as_bytes(), |rec| {
        r.grade(rec.unwrap(), &mut cache).failure()
    });
    assert!(hit, "(.*a){{12}} matches");
    // An automaton over the size limit: a clear error naming pattern and rule.
    let e = rubric::compile(
        "t.toml",
        &rubric_with("[patterns.p]\nregex = ['\\pL{1000}\\pL{1000}\\pL{1000}']"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("too large") && e.contains("pattern `p`") && e.contains("rule `b/r`"),
        "{e}"
    );
    // A regex source over the length limit.
    let long = format!(
        "[patterns.p]\nregex = ['{}']",
        "a".repeat(rubric::MAX_REGEX_BYTES + 1)
    );
    let e = rubric::compile("t.toml", &rubric_with(&long))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("10000 bytes per regex") && e.contains("rule `b/r`"),
        "{e}"
    );
    // Too many literals.
    let many: Vec<String> = (0..rubric::MAX_LITERALS + 1)
        .map(|i| format!("\"w{i}\""))
        .collect();
    let e = rubric::compile(
        "t.toml",
        &rubric_with(&format!("[patterns.p]\nliterals = [{}]", many.join(","))),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("too many literals") && e.contains("rule `b/r`"),
        "{e}"
    );
}

/// Under valgrind a mapped file's first released region crashed assay
/// (rustix read the real kernel's auxiliary vector for the page size and
/// touched a vDSO valgrind does not map). Needs valgrind; skipped, saying
/// so, where it is not installed (CI has only the Rust toolchain).
#[test]
fn runs_under_valgrind() {
    if std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("runs_under_valgrind: skipped, valgrind is not installed");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    // Over 1 MiB, so the file is mapped and its region released when graded.
    let long = "Fine. ".repeat(160);
    let body = good_lines(1200).replace("Fine.", &long);
    assert!(body.len() > 1 << 20, "{}", body.len());
    let f = write(d.path(), "big.jsonl", body.as_bytes());
    let o = std::process::Command::new("valgrind")
        .args(["--tool=none", "-q"])
        .arg(env!("CARGO_BIN_EXE_assay"))
        .args(["grade", &f, "--format", "json", "--threads", "1"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}\n{}", o.status, stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["inputs"]["graded"], 1200, "{v}");
}
