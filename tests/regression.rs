//! Regression tests for bugs found by fuzzing and the hostile-input work.
//! Each names the bug it guards against.

use crate::util::{assay, data, stderr};
use assay::engine::{self, Diagnostics, Options};
use assay::input::{MmapChoice, Source};
use std::io::Write;
use std::process::Stdio;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// r_oversized_offsets (found by the `split_records` fuzz target): a
/// streamed line cut short by `--max-record-bytes` advanced the byte offset
/// by the kept bytes only, so every later error in the file had a wrong
/// offset, and the file's byte count was short.
#[test]
fn r_oversized_offsets() {
    let raw = std::fs::read(data("fuzz/split_records-oversized-offsets")).unwrap();
    // The fuzz input's first three bytes chose chunk 65, 3 threads, limit 17.
    let body = &raw[3..];
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.jsonl");
    std::fs::write(&p, body).unwrap();
    let src = [Source::File(p)];
    let rubric = assay::rubric::builtin();
    let run = |mmap, chunk_bytes, threads| {
        let opts = Options {
            mmap,
            threads,
            max_record_bytes: 17,
            diag: Diagnostics {
                chunk_bytes,
                ..Diagnostics::default()
            },
            ..Options::default()
        };
        engine::run(&src, &rubric, &opts, None, &AtomicBool::new(false)).unwrap()
    };
    let whole = run(MmapChoice::Auto, 1 << 20, 1);
    let streamed = run(MmapChoice::Never, 65, 3);
    assert_eq!(whole.errors, streamed.errors);
    assert_eq!(whole.files[0].bytes, body.len() as u64);
    assert_eq!(streamed.files[0].bytes, body.len() as u64);
    let offsets: Vec<u64> = streamed.errors.iter().map(|e| e.offset).collect();
    assert_eq!(offsets, [0, 1054, 1929]);
}

/// r_oversized_crlf_bom: a streamed line whose `\r` or BOM pushed it over
/// the limit was cut short, while the same line read whole (stripped of
/// both) was graded. Now the limit applies to the stripped line either way.
#[test]
fn r_oversized_crlf_bom() {
    let line = r#"{"id":1,"model":"m","messages":[]}"#;
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(line.as_bytes());
    body.extend_from_slice(b"\r\n");
    body.extend_from_slice(line.as_bytes());
    body.extend_from_slice(b"\r\n");
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.jsonl");
    std::fs::write(&p, &body).unwrap();
    let src = [Source::File(p)];
    let rubric = assay::rubric::builtin();
    for max in [line.len() - 1, line.len()] {
        let mut seen = Vec::new();
        for (mmap, chunk) in [
            (MmapChoice::Auto, 1 << 20),
            (MmapChoice::Never, 1),
            (MmapChoice::Never, 7),
        ] {
            let opts = Options {
                mmap,
                max_record_bytes: max,
                diag: Diagnostics {
                    chunk_bytes: chunk,
                    ..Diagnostics::default()
                },
                ..Options::default()
            };
            let o = engine::run(&src, &rubric, &opts, None, &AtomicBool::new(false)).unwrap();
            seen.push((o.counts, o.errors));
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "max {max}: {seen:?}");
        assert_eq!(seen[0].0.graded, if max == line.len() { 2 } else { 0 });
    }
}

/// r_unterminated_oversized_streamed (found by the `split_records` fuzz
/// target once it compared file warnings): a just-written file whose last
/// line is over `--max-record-bytes` and has no newline. Streamed, the line
/// is cut short and the block's bytes no longer end as the file does, so
/// the run took the file to end with a newline and did not say it may
/// still be being written, while the mapped read did.
#[test]
fn r_unterminated_oversized_streamed() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("x.jsonl");
    std::fs::write(&p, format!("{{\"id\":\"{}\"", "a".repeat(200))).unwrap();
    let src = [Source::File(p)];
    let rubric = assay::rubric::builtin();
    for (mmap, chunk, threads) in [
        (MmapChoice::Auto, 1 << 20, 1),
        (MmapChoice::Never, 65, 3),
        (MmapChoice::Never, 1 << 20, 1),
    ] {
        let opts = Options {
            mmap,
            threads,
            max_record_bytes: 17,
            diag: Diagnostics {
                chunk_bytes: chunk,
                ..Diagnostics::default()
            },
            ..Options::default()
        };
        let o = engine::run(&src, &rubric, &opts, None, &AtomicBool::new(false)).unwrap();
        assert_eq!(o.counts.malformed, 1);
        let w = o.files[0].warning.as_deref().unwrap_or("");
        assert!(
            w.contains("may still be being written"),
            "{mmap:?}, {chunk}-byte chunks: {w:?}"
        );
    }
}

/// r_oversized_blank_prefix (found by the `split_records` fuzz target): a
/// streamed line over `--max-record-bytes` whose kept first bytes were all
/// whitespace (here `\r`s) was counted blank, though bytes past the cut
/// were not: the same file read whole called it malformed (too long).
/// Whitespace-only lines over the limit stay blank both ways.
#[test]
fn r_oversized_blank_prefix() {
    let d = tempfile::tempdir().unwrap();
    let rubric = assay::rubric::builtin();
    for (body, blank) in [
        (format!("{}{{\"id\":1}}\n{{}}\n", "\r".repeat(100)), 0),
        (format!("{}\x10\x01$", " \r\t".repeat(40)), 0),
        (format!("{}\n{{}}\n", " \r".repeat(90)), 1),
        (" ".repeat(300), 1),
    ] {
        let p = d.path().join("x.jsonl");
        std::fs::write(&p, &body).unwrap();
        let src = [Source::File(p)];
        let mut seen = Vec::new();
        for (mmap, chunk, threads) in [
            (MmapChoice::Auto, 1 << 20, 1),
            (MmapChoice::Never, 14, 2),
            (MmapChoice::Never, 1 << 20, 1),
        ] {
            let opts = Options {
                mmap,
                threads,
                max_record_bytes: 7,
                diag: Diagnostics {
                    chunk_bytes: chunk,
                    ..Diagnostics::default()
                },
                ..Options::default()
            };
            let o = engine::run(&src, &rubric, &opts, None, &AtomicBool::new(false)).unwrap();
            assert_eq!(
                o.counts.blank, blank,
                "{mmap:?}, {chunk}-byte chunks, {body:?}"
            );
            seen.push((
                o.counts.lines,
                o.counts.blank,
                o.counts.malformed,
                o.counts.graded,
            ));
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{body:?}: {seen:?}");
    }
}

fn interrupt(child: &std::process::Child) {
    signal_to(child, "INT");
}

fn signal_to(child: &std::process::Child, signal: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("assay-tmp"))
        .collect()
}

/// Ctrl-C during a run fed by a pipe that keeps writing: the run stops
/// after the chunks in flight, exits with status 2, leaves no temporary
/// files and does not replace an existing --output or --verdicts file.
#[test]
fn r_ctrl_c_stops_cleanly_and_keeps_old_outputs() {
    assert_eq!(live_run_stopped_by("INT"), Some(2));
}

/// Sends `signal` to a run fed by a pipe that keeps writing, checks that it
/// stopped promptly, said so, removed its temporary files and kept the old
/// --output and --verdicts files; returns its exit status.
pub(crate) fn live_run_stopped_by(signal: &str) -> Option<i32> {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("live.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let report = d.path().join("report.json");
    let verdicts = d.path().join("verdicts.jsonl");
    std::fs::write(&report, "old report").unwrap();
    std::fs::write(&verdicts, "old verdicts").unwrap();
    let child = assay()
        .args(["grade", "--format", "json", "-q", "--output"])
        .arg(&report)
        .arg("--verdicts")
        .arg(&verdicts)
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // An endless writer: transcripts until the reader goes away.
    let writer = std::thread::spawn({
        let fifo = fifo.clone();
        move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let line = std::fs::read_to_string(data("shapes.jsonl")).unwrap();
            while w.write_all(line.as_bytes()).is_ok() {}
        }
    });
    std::thread::sleep(Duration::from_millis(1500));
    // The verdict file is being written (the report is made at the end).
    assert_eq!(
        leftovers(d.path()).len(),
        1,
        "a temporary exists while running"
    );
    signal_to(&child, signal);
    let out = child.wait_with_output().unwrap();
    // Stopped cleanly after the chunks in flight, not forced after 3 s (by
    // what it says, not by a clock that a loaded machine would fail).
    let err = stderr(&out);
    assert!(
        err.contains("interrupted; the report below covers only the lines read so far"),
        "{err}"
    );
    assert!(!err.contains("did not stop within"), "{err}");
    writer.join().unwrap();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report");
    assert_eq!(std::fs::read_to_string(&verdicts).unwrap(), "old verdicts");
    assert!(leftovers(d.path()).is_empty(), "{:?}", leftovers(d.path()));
    out.status.code()
}

/// Ctrl-C while the input blocks (a pipe whose writer is idle) cannot stop
/// between chunks; after 3 s the run is forced to exit with status 130,
/// still removing its temporary files.
#[test]
fn r_ctrl_c_on_a_silent_pipe_exits_130() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("idle.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let verdicts = d.path().join("verdicts.jsonl");
    let child = assay()
        .args(["grade", "-q", "--verdicts"])
        .arg(&verdicts)
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Open the pipe and write one line, then go quiet while holding it.
    let w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    (&w).write_all(b"{\"id\":1,\"model\":\"m\",\"messages\":[]}\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    drop(w);
    assert!(t.elapsed() < Duration::from_secs(6), "{:?}", t.elapsed());
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(!verdicts.exists());
    assert!(leftovers(d.path()).is_empty(), "{:?}", leftovers(d.path()));
}

/// r_fake_zip_magic (found by the `split_records` fuzz target): a `.jsonl`
/// file whose first bytes happen to be the zip magic was taken for an
/// Inspect `.eval` archive, failed to open, and all its lines were lost
/// with it. Taken for an archive by its first bytes alone, a file that is
/// none is now graded as text; named `.eval`, or read with `--input-format
/// eval`, it is still reported as a broken archive.
#[test]
fn r_fake_zip_magic() {
    use assay::input::InputFormat;
    let d = tempfile::tempdir().unwrap();
    let good = r#"{"id":1,"model":"m","messages":[]}"#;
    let body = format!("PK\x03\x04\n{good}\n{good}\n");
    let grade = |name: &str, input_format| {
        let p = d.path().join(name);
        std::fs::write(&p, &body).unwrap();
        let opts = Options {
            input_format,
            ..Options::default()
        };
        engine::run(
            &[Source::File(p)],
            &assay::rubric::builtin(),
            &opts,
            None,
            &AtomicBool::new(false),
        )
        .unwrap()
    };
    let o = grade("x.jsonl", InputFormat::Auto);
    assert!(o.input_errors.is_empty(), "{:?}", o.input_errors);
    assert_eq!(
        (o.counts.lines, o.counts.graded, o.counts.malformed),
        (3, 2, 1)
    );
    for (name, format) in [
        ("x.eval", InputFormat::Auto),
        ("y.jsonl", InputFormat::InspectEval),
    ] {
        let o = grade(name, format);
        assert_eq!(o.counts.lines, 0, "{name}");
        assert!(
            o.input_errors[0]
                .reason
                .contains("not a readable .eval archive"),
            "{name}: {:?}",
            o.input_errors
        );
    }
}

/// r_fake_magic (found by the `split_records` fuzz target): a `.jsonl` file
/// whose first bytes happen to be the zstd (or gzip) magic was decoded as
/// compressed, failed, and every line after the first was lost. A stream
/// detected by magic alone that does not decode is now read as text.
#[test]
fn r_fake_magic() {
    let d = tempfile::tempdir().unwrap();
    let good = r#"{"id":1,"model":"m","messages":[]}"#;
    for magic in [&b"(\xb5/\xfd"[..], b"\x1f\x8b"] {
        let mut body = magic.to_vec();
        body.extend_from_slice(format!("\n{good}\n{good}\n").as_bytes());
        let p = d.path().join("x.jsonl");
        std::fs::write(&p, &body).unwrap();
        let o = engine::run(
            &[Source::File(p)],
            &assay::rubric::builtin(),
            &Options::default(),
            None,
            &AtomicBool::new(false),
        )
        .unwrap();
        assert!(o.input_errors.is_empty(), "{:?}", o.input_errors);
        assert_eq!(
            (o.counts.lines, o.counts.graded, o.counts.malformed),
            (3, 2, 1)
        );
    }
    // A real compressed stream under a plain name is still decoded.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(format!("{good}\n").as_bytes()).unwrap();
    let p = d.path().join("renamed.jsonl");
    std::fs::write(&p, gz.finish().unwrap()).unwrap();
    let o = engine::run(
        &[Source::File(p)],
        &assay::rubric::builtin(),
        &Options::default(),
        None,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(o.counts.graded, 1);
}

/// r_regex_negation_cue_cut_at_the_hit (found by the `grade_differential`
/// fuzz target): a regex negation cue was searched in the text cut off at
/// the candidate hit, so `x*` before the hit "x" at a field's start found an
/// empty "cue" there and cancelled the hit; the field's own matches of `x*`
/// start with "x" itself, which is no cue. The rule must fire, as the
/// reference grader says.
#[test]
fn r_regex_negation_cue_cut_at_the_hit() {
    let d = tempfile::tempdir().unwrap();
    let rubric = d.path().join("r.toml");
    std::fs::write(
        &rubric,
        r#"
[patterns.p0]
regex = ['x*']
case_sensitive = true

[[behaviour]]
name = "b1"
[[behaviour.rule]]
name = "r"
scope = ["system"]
any = ["p0"]
negated_by = ["p0"]
"#,
    )
    .unwrap();
    let input = d.path().join("x.jsonl");
    std::fs::write(
        &input,
        r#"{"id":1,"model":"m","messages":[{"role":"developer","content":"x@rival.io é"}]}
"#,
    )
    .unwrap();
    let verdicts = d.path().join("v.jsonl");
    let o = assay()
        .arg("grade")
        .arg(&input)
        .arg("--rubric")
        .arg(&rubric)
        .arg("--verdicts")
        .arg(&verdicts)
        .output()
        .unwrap();
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
    let v = std::fs::read_to_string(&verdicts).unwrap();
    assert!(v.contains(r#""behaviours":["b1"]"#), "{v}");
}
