//! Shards: a sweep graded in pieces (`grade --tally-out`) and merged
//! (`assay merge`, `tally::shard::merge`) reports exactly what one run over
//! all the pieces reports; mismatched and damaged shards are refused.

use crate::util::{run, stderr, stdout};
use assay::api::{self, Input, Settings};
use assay::report::{Exporter, Json, Markdown, Table};
use assay::stats::{CiConfig, CiMethod};
use assay::sweep::{GenConfig, generate};
use assay::tally::shard::{self, Shard};
use proptest::prelude::*;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// A small generated sweep as lines, with malformed lines mixed in.
fn sweep_lines() -> Vec<String> {
    let mut out = Vec::new();
    let cfg = GenConfig {
        records: 240,
        seed: 7,
        epochs: 3,
        ..GenConfig::default()
    };
    generate(&cfg, &mut out).unwrap();
    let mut lines: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for i in (0..lines.len()).step_by(37) {
        lines.insert(i, format!("{{\"id\":\"broken-{i}\""));
    }
    lines
}

fn grade(inputs: &[Input], s: &Settings) -> Shard {
    let rubric = assay::rubric::builtin();
    api::grade(
        inputs,
        &rubric,
        "<built-in rubric>",
        s,
        &AtomicBool::new(false),
    )
    .unwrap()
    .shard
}

fn memory(name: String, lines: &[String]) -> Input {
    let mut text = lines.join("\n");
    text.push('\n');
    Input::Records {
        name,
        jsonl: Arc::from(text.into_bytes()),
    }
}

fn rendered(s: &Shard) -> Vec<Vec<u8>> {
    let r = s.report();
    [&Json as &dyn Exporter, &Table, &Markdown]
        .iter()
        .map(|e| e.export(&r))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Any split of a sweep into files, graded apart, written, read back and
    /// merged, reports byte for byte what one run over the same files does:
    /// groups, counts, intervals (bootstrap included), clusters, errors.
    #[cfg_attr(miri, ignore)]
    #[test]
    fn merged_shards_report_as_one_run(
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
        bootstrap in any::<bool>(),
        cluster in any::<bool>(),
        by_model in any::<bool>(),
        threads in 1usize..3,
    ) {
        let lines = sweep_lines();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(lines.len() + 1)).collect();
        at.push(0);
        at.push(lines.len());
        at.sort_unstable();
        let files: Vec<Input> = at
            .windows(2)
            .enumerate()
            .map(|(i, w)| memory(format!("part-{i}.jsonl"), &lines[w[0]..w[1]]))
            .collect();
        let method = if bootstrap { CiMethod::Bootstrap } else { CiMethod::Wilson };
        let s = Settings {
            by: if by_model { vec!["model".into()] } else { Settings::default().by },
            cluster: cluster.then(|| "/metadata/prompt_id".into()),
            ci: CiConfig::new(method, 0.9, 300, 11).unwrap(),
            threads,
            ..Settings::default()
        };
        let one = grade(&files, &s);
        let shards: Vec<(String, Shard)> = files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let name = format!("shard-{i}");
                let bytes = grade(std::slice::from_ref(f), &s).to_bytes();
                (name.clone(), Shard::from_bytes(&name, &bytes).unwrap())
            })
            .collect();
        let refs: Vec<(&str, &Shard)> = shards.iter().map(|(n, s)| (n.as_str(), s)).collect();
        let merged = shard::merge(&refs).unwrap();
        prop_assert_eq!(rendered(&merged), rendered(&one));
        prop_assert_eq!(merged.to_bytes(), one.to_bytes());
    }
}

/// The sweep written to `n` files in `dir`, split at even cuts.
fn write_parts(dir: &std::path::Path, n: usize) -> Vec<String> {
    let lines = sweep_lines();
    let per = lines.len().div_ceil(n);
    lines
        .chunks(per)
        .enumerate()
        .map(|(i, c)| {
            let p = dir.join(format!("part-{i}.jsonl"));
            std::fs::write(&p, c.join("\n") + "\n").unwrap();
            p.display().to_string()
        })
        .collect()
}

#[test]
fn cli_merge_equals_one_grade_run_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let parts = write_parts(dir.path(), 3);
    let flags = [
        "--cluster",
        "/metadata/prompt_id",
        "--ci",
        "bca",
        "--resamples",
        "400",
        "--seed",
        "5",
        "-q",
    ];
    let mut tallies = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let t = dir.path().join(format!("{i}.tally"));
        let mut args = vec!["grade", p.as_str(), "--tally-out", t.to_str().unwrap()];
        args.extend(flags);
        let o = run(&args);
        assert!(o.status.code() == Some(0), "{}", stderr(&o));
        tallies.push(t.display().to_string());
    }
    for format in ["json", "table", "csv", "markdown"] {
        let mut one = vec!["grade", "--format", format];
        one.extend(parts.iter().map(String::as_str));
        one.extend(flags);
        let mut merge = vec!["merge", "--format", format];
        merge.extend(tallies.iter().map(String::as_str));
        let (a, b) = (run(&one), run(&merge));
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
        assert_eq!(stdout(&a), stdout(&b), "{format}");
    }
}

#[test]
fn cli_merge_refuses_mismatched_settings_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let parts = write_parts(dir.path(), 2);
    let t0 = dir.path().join("0.tally");
    let t1 = dir.path().join("1.tally");
    let g0 = run(&[
        "grade",
        &parts[0],
        "-q",
        "--tally-out",
        t0.to_str().unwrap(),
    ]);
    assert_eq!(g0.status.code(), Some(0), "{}", stderr(&g0));
    let g1 = run(&[
        "grade",
        &parts[1],
        "-q",
        "--seed",
        "9",
        "--tally-out",
        t1.to_str().unwrap(),
    ]);
    assert_eq!(g1.status.code(), Some(0), "{}", stderr(&g1));
    let o = run(&["merge", t0.to_str().unwrap(), t1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--seed"), "{}", stderr(&o));

    let rubric = dir.path().join("r.toml");
    let builtin = run(&["rubric", "show"]);
    std::fs::write(&rubric, stdout(&builtin) + "\n# edited\n").unwrap();
    let g2 = run(&[
        "grade",
        &parts[1],
        "-q",
        "--rubric",
        rubric.to_str().unwrap(),
        "--tally-out",
        t1.to_str().unwrap(),
    ]);
    assert_eq!(g2.status.code(), Some(0), "{}", stderr(&g2));
    let o = run(&["merge", t0.to_str().unwrap(), t1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("different rubrics"), "{}", stderr(&o));
}

#[test]
fn damaged_shards_are_clear_errors_never_partial_sums() {
    let lines = sweep_lines();
    let s = grade(&[memory("a.jsonl".into(), &lines)], &Settings::default());
    let bytes = s.to_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let cut = Shard::from_bytes("cut.tally", &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(
        cut.0.contains("cut.tally") && cut.0.contains("cut short"),
        "{cut}"
    );
    let edited = text.replacen("\"n\":", "\"n\":1", 1);
    let e = Shard::from_bytes("edited.tally", edited.as_bytes()).unwrap_err();
    assert!(e.0.contains("does not match its digest"), "{e}");
    let v2 = text.replacen("\"version\":1", "\"version\":2", 1);
    let e = Shard::from_bytes("v2.tally", v2.as_bytes()).unwrap_err();
    assert!(e.0.contains("version 2"), "{e}");
    let e = Shard::from_bytes("other.json", b"{\"groups\":[]}").unwrap_err();
    assert!(e.0.contains("not an assay tally"), "{e}");
    // Consistent JSON with a valid digest but counts that cannot be: refused too.
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    v["counts"]["graded"] = serde_json::json!(1);
    v.as_object_mut().unwrap().remove("sha256");
    let mut body = serde_json::to_vec(&v).unwrap();
    let digest = {
        use sha2::Digest;
        sha2::Sha256::digest(&body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    v["sha256"] = serde_json::json!(digest);
    body = serde_json::to_vec(&v).unwrap();
    let e = Shard::from_bytes("sums.tally", &body).unwrap_err();
    assert!(e.0.contains("do not add up"), "{e}");
}

#[test]
fn tally_out_is_refused_with_judge_labels() {
    let dir = tempfile::tempdir().unwrap();
    let parts = write_parts(dir.path(), 1);
    let labels = dir.path().join("labels.jsonl");
    std::fs::write(&labels, "{\"id\":\"x\",\"failure\":true}\n").unwrap();
    let t = dir.path().join("t.tally");
    let o = run(&[
        "grade",
        &parts[0],
        "-q",
        "--labels",
        labels.to_str().unwrap(),
        "--tally-out",
        t.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--labels"), "{}", stderr(&o));
    assert!(!t.exists());
}
