//! Same inputs and flags ⇒ byte-identical output, whatever `--threads`,
//! the mmap policy or the compression.

use crate::util::{data, run, stderr};
use std::io::Write;

/// A few MB of records (several chunks), ids varied so verdicts differ.
fn sweep(dir: &std::path::Path) -> std::path::PathBuf {
    let base = std::fs::read_to_string(data("shapes.jsonl")).unwrap();
    let bad = std::fs::read_to_string(data("malformed.jsonl")).unwrap();
    let mut out = String::new();
    for i in 0..600 {
        for (j, l) in base.lines().enumerate() {
            out.push_str(
                &l.replacen("\"model-", &format!("\"model-{}", i % 3), 1)
                    .replacen("\"id\":", &format!("\"seq\":{},\"id\":", i * 10 + j), 1),
            );
            out.push('\n');
        }
        if i % 50 == 0 {
            out.push_str(bad.trim_start_matches('\u{feff}'));
            out.push('\n');
        }
    }
    let p = dir.join("sweep.jsonl");
    std::fs::write(&p, out).unwrap();
    // An hour old, so the run does not suspect a file still being written
    // (its last line has no newline), whatever the timing.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    assert!(
        std::fs::metadata(&p).unwrap().len() > 3 << 20,
        "spans several chunks"
    );
    p
}

#[test]
fn output_is_identical_for_any_thread_count_and_read_policy() {
    let d = tempfile::tempdir().unwrap();
    let p = sweep(d.path());
    let ps = p.to_str().unwrap();
    let gz = d.path().join("sweep.jsonl.gz");
    let mut e = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    e.write_all(&std::fs::read(&p).unwrap()).unwrap();
    e.finish().unwrap();
    let mut reference: Option<(Vec<u8>, Vec<u8>)> = None;
    for (i, extra) in [
        vec!["--threads", "1"],
        vec!["--threads", "2"],
        vec!["--threads", "7"],
        vec!["--threads", "3", "--no-mmap"],
    ]
    .into_iter()
    .enumerate()
    {
        let v = d.path().join(format!("v{i}.jsonl"));
        let mut args = vec![
            "grade",
            "-q",
            "--format",
            "json",
            "--ci",
            "bca",
            "--resamples",
            "2000",
            "--seed",
            "7",
            "--cluster",
            "/metadata/prompt_id",
            "--verdicts",
            v.to_str().unwrap(),
            ps,
        ];
        args.extend(extra.iter().copied());
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let got = (o.stdout, std::fs::read(&v).unwrap());
        match &reference {
            None => reference = Some(got),
            Some(r) => assert!(r == &got, "output differs with {extra:?}"),
        }
    }
    // The compressed copy grades the same records: only the file name differs.
    let (report, verdicts) = reference.unwrap();
    let vz = d.path().join("vz.jsonl");
    let o = run(&[
        "grade",
        "-q",
        "--format",
        "json",
        "--ci",
        "bca",
        "--resamples",
        "2000",
        "--seed",
        "7",
        "--cluster",
        "/metadata/prompt_id",
        "--verdicts",
        vz.to_str().unwrap(),
        "--threads",
        "2",
        gz.to_str().unwrap(),
    ]);
    let same = |a: &[u8]| String::from_utf8_lossy(a).replace(gz.to_str().unwrap(), ps);
    assert_eq!(same(&o.stdout), String::from_utf8_lossy(&report));
    assert_eq!(
        same(&std::fs::read(&vz).unwrap()),
        String::from_utf8_lossy(&verdicts)
    );
    let v: serde_json::Value = serde_json::from_slice(&report).unwrap();
    let i = &v["inputs"];
    assert_eq!(
        i["lines"].as_u64().unwrap(),
        i["graded"].as_u64().unwrap()
            + i["malformed"].as_u64().unwrap()
            + i["blank"].as_u64().unwrap()
    );
}

/// Files of one chunk or less are opened, cut and graded by the workers
/// (one job each, sent back in parts); bigger ones are cut by the producer.
/// Both ways give the same counts, the same errors at the same file, line
/// and byte offset, the same file summaries and the same verdict lines in
/// input order. The compressed file is small on disk but holds many chunks,
/// so a worker sends it in many parts; the empty file and the missing one
/// still take their turn; the worker also tells that a just-written file
/// may still be being written, as the end-of-run check does. (A small file
/// goes to a worker while fewer jobs than workers wait; with 3 or 4 workers
/// that holds for the first three files whatever the timing, as at most
/// two jobs can precede the third.)
#[test]
fn files_opened_by_workers_report_as_files_cut_by_the_producer() {
    use assay::engine::{self, Diagnostics, Options};
    use assay::input::{MmapChoice, Source};
    use std::sync::atomic::AtomicBool;

    let d = tempfile::tempdir().unwrap();
    let shapes = std::fs::read_to_string(data("shapes.jsonl")).unwrap();
    let bad = std::fs::read_to_string(data("malformed.jsonl")).unwrap();
    let bad = bad.trim_start_matches('\u{feff}');
    let small = format!("{shapes}{bad}\n");
    let mut many = String::new();
    for i in 0..120 {
        many.push_str(&shapes.replace("\"id\":", &format!("\"seq\":{i},\"id\":")));
        if i == 97 {
            many.push_str(bad);
            many.push('\n');
        }
    }
    let write = |name: &str, bytes: &[u8]| {
        let p = d.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(many.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let chunk = 32 << 10;
    assert!(small.len() <= chunk && gz.len() <= chunk && many.len() > 8 * chunk);
    let sources: Vec<Source> = [
        write("a.jsonl", small.as_bytes()),
        // Just written, and its last line unterminated: "still being written?"
        write("b.jsonl", small.trim_end().as_bytes()),
        write("c.jsonl.gz", &gz),
        write("d.jsonl", b""),
        d.path().join("missing.jsonl"),
        write("f.jsonl", many.as_bytes()),
    ]
    .into_iter()
    .map(Source::File)
    .collect();
    let rubric = assay::rubric::builtin();
    let grade = |chunk_bytes, threads, mmap| {
        // Written again before each run, so that it is "just written" in
        // every one: a slow (debug, loaded) machine used to take more than
        // the 10 s window over all of them, and the last runs lost the note.
        write("b.jsonl", small.trim_end().as_bytes());
        let opts = Options {
            threads,
            mmap,
            diag: Diagnostics {
                chunk_bytes,
                ..Diagnostics::default()
            },
            ..Options::default()
        };
        let mut verdicts = Vec::new();
        let o = engine::run(
            &sources,
            &rubric,
            &opts,
            Some(&mut verdicts),
            &AtomicBool::new(false),
        )
        .unwrap();
        (
            o.counts,
            o.errors,
            o.files,
            o.input_errors,
            o.excerpts,
            verdicts,
        )
    };
    // 64-byte chunks: every non-empty file is cut by the producer.
    let reference = grade(64, 2, MmapChoice::Auto);
    let (counts, errors, files, input_errors, _, verdicts) = &reference;
    // Each copy of malformed.jsonl holds two good records.
    assert_eq!(counts.graded, 2 * 8 + 2 * 120 * 8 + 4 * 2);
    assert_eq!(input_errors.len(), 1, "the missing file: {input_errors:?}");
    assert!(files[4].error.is_some() && files[4].warning.is_none());
    assert!(
        files[1]
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("may still be being written")),
        "{:?}",
        files[1]
    );
    assert_eq!(files.iter().filter(|f| f.warning.is_some()).count(), 1);
    assert_eq!(files[3].counts.lines, 0);
    // The malformed lines inside the compressed file keep their line numbers.
    assert!(
        errors
            .iter()
            .any(|e| e.file.ends_with("c.jsonl.gz") && e.line == 98 * 8 + 3),
        "{errors:?}"
    );
    assert_eq!(
        verdicts.iter().filter(|&&b| b == b'\n').count() as u64,
        counts.graded
    );
    for (chunk_bytes, threads, mmap) in [
        (chunk, 1, MmapChoice::Auto),
        (chunk, 3, MmapChoice::Auto),
        (chunk, 4, MmapChoice::Never),
        (1 << 20, 2, MmapChoice::Auto),
    ] {
        assert!(
            grade(chunk_bytes, threads, mmap) == reference,
            "differs with {chunk_bytes}-byte chunks, {threads} threads, {mmap:?}"
        );
    }
}
