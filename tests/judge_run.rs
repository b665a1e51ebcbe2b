//! `assay grade` with a live judge: what goes to it, what its verdicts do to
//! the counts, the corrected intervals, the verdict lines, the budget and
//! the dry run. The judge is `scripts/mock-judge.py`, answering from the
//! bundled sample's labels (an "always right" judge); tests skip where
//! python3 is missing.

use crate::util::{data, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn python() -> bool {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: python3 is not installed (the mock judge is a Python script)");
    }
    ok
}

fn mock(extra: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mock-judge.py");
    format!(
        "python3 {} --truth {} {extra}",
        script.display(),
        data("sample-sweep.jsonl").display()
    )
}

fn sample() -> String {
    data("sample-sweep.jsonl").display().to_string()
}

/// Runs a judged grade of the sample; returns (JSON report, verdict lines, stderr).
fn judged(extra: &[&str], judge: &str) -> (Value, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let verdicts = dir.path().join("v.jsonl");
    let mut args = vec![
        "grade",
        &sample(),
        "--by",
        "model",
        "--format",
        "json",
        "--no-judge-cache",
        "--quiet",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    args.extend(["--judge-cmd".into(), judge.to_string()]);
    args.extend(["--verdicts".into(), verdicts.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&a);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines = std::fs::read_to_string(&verdicts)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The staged verdicts are removed once joined.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    (report, lines, stderr(&o))
}

#[test]
fn contested_records_take_the_judges_verdict() {
    if !python() {
        return;
    }
    let (report, lines, _) = judged(&[], &mock(""));
    assert_eq!(lines.len(), 200, "one verdict line per graded record");
    let by_judge: Vec<&Value> = lines
        .iter()
        .filter(|l| l["decided_by"] == "judge")
        .collect();
    let run = &report["judge_run"];
    assert_eq!(run["contested_sent"], by_judge.len());
    assert!(!by_judge.is_empty(), "the sample has contested records");
    for l in &by_judge {
        // The judge answers from the labels, so the final verdict is the label.
        assert_eq!(l["failure"], l["judge"]["failure"]);
        assert!(l["rubric"].is_object(), "the rubric's verdict is kept: {l}");
    }
    assert!(lines.iter().all(|l| l["decided_by"].is_string()));
    // Counts: failures = records whose final verdict fails.
    let fails = lines.iter().filter(|l| l["failure"] == true).count();
    assert_eq!(report["total"]["failures"], fails);
    assert_eq!(report["total"]["judged"], by_judge.len());
    // No audit: no corrected rates.
    assert!(report["groups"][0].get("rubric_rate").is_none());
    assert_eq!(run["stats"]["requests"], by_judge.len());
    assert_eq!(run["stats"]["identity"]["backend"], "cmd");
}

#[test]
fn an_audit_corrects_every_group() {
    if !python() {
        return;
    }
    let (report, lines, _) = judged(&["--audit", "0.05", "--confidence", "0.99"], &mock(""));
    for g in report["groups"].as_array().unwrap() {
        let n = g["n"].as_u64().unwrap();
        assert_eq!(g["audited"].as_u64().unwrap(), n.min(30), "{g}");
        let method = g["ci"]["method"].as_str().unwrap();
        assert!(
            method.starts_with("ppi") || method.starts_with("audit"),
            "{method}"
        );
        let (lo, hi) = (
            g["ci"]["low"].as_f64().unwrap(),
            g["ci"]["high"].as_f64().unwrap(),
        );
        assert!(
            (0.0..=1.0).contains(&lo) && lo <= hi && hi <= 1.0 && hi > 0.0,
            "{g}"
        );
        assert!(g["rubric_rate"].is_number() && g["rubric_ci"].is_object());
        // The judge is always right: the group's labelled rate is inside.
        let model = g["key"]["model"].as_str().unwrap();
        let truth = lines
            .iter()
            .filter(|l| l["model"] == model)
            .filter(|l| l["failure"] == true)
            .count() as f64
            / n as f64;
        assert!(
            lo <= truth && truth <= hi,
            "{model}: {truth} not in [{lo}, {hi}]"
        );
    }
    let audited = lines.iter().filter(|l| l["audited"] == true).count();
    assert_eq!(report["judge_run"]["audit_sent"], audited);
}

#[test]
fn judged_runs_are_the_same_whatever_the_thread_count() {
    if !python() {
        return;
    }
    // Wall time is the one figure that varies (in the stats and the note).
    let strip = |mut v: Value| {
        v["judge_run"]["stats"]["wall_seconds"] = Value::Null;
        for n in v["notes"].as_array_mut().unwrap() {
            let s = n.as_str().unwrap();
            let cut = s.rfind(" out, ").map_or(s.len(), |i| i + 4);
            *n = Value::from(&s[..cut]);
        }
        v
    };
    // Answers arrive in a different order in each run (delayed, concurrent).
    let judge = mock("--delay-ms 5");
    let (a, la, _) = judged(&["--audit", "0.1", "-j", "1", "--seed", "7"], &judge);
    let (b, lb, _) = judged(&["--audit", "0.1", "-j", "2", "--seed", "7"], &judge);
    assert_eq!(strip(a), strip(b));
    assert_eq!(la, lb);
}

#[test]
fn judge_failures_keep_the_rubric_verdict() {
    if !python() {
        return;
    }
    let (report, lines, _) = judged(&[], &mock("--error-rate 0.5 --seed 3"));
    let errors = lines
        .iter()
        .filter(|l| l.get("judge_error").is_some())
        .count();
    assert!(errors > 0, "half the answers are invalid");
    assert_eq!(report["judge_run"]["unjudged"], errors);
    for l in lines.iter().filter(|l| l.get("judge_error").is_some()) {
        assert_eq!(l["decided_by"], "rubric");
    }
}

#[test]
fn a_budget_caps_the_calls_and_says_which_audits_fell_short() {
    if !python() {
        return;
    }
    let (report, lines, _) = judged(&["--audit", "0.05", "--judge-budget", "60"], &mock(""));
    let sent = lines
        .iter()
        .filter(|l| l.get("judge").is_some() || l.get("judge_error").is_some())
        .count();
    assert!(sent <= 60, "{sent} records sent");
    assert_eq!(report["judge_run"]["stats"]["requests"], sent);
    // Six groups want 30 each: all fall below the minimum of 30.
    assert_eq!(
        report["judge_run"]["audit_below_minimum"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    let notes = report["notes"].to_string();
    assert!(notes.contains("audit below --audit-min"), "{notes}");
}

#[test]
fn the_dry_run_counts_and_calls_nothing() {
    let o = run(&[
        "grade",
        &sample(),
        "--by",
        "model",
        "--audit",
        "0.05",
        "--judge-dry-run",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("input tokens"), "{out}");
    assert!(out.contains("no judge was called"), "{out}");
    let total = out.lines().find(|l| l.starts_with("total")).unwrap();
    let records: u64 = total.split_whitespace().nth(1).unwrap().parse().unwrap();
    // 180 audited (30 a model) and the contested ones, some overlapping.
    assert!((180..=200).contains(&records), "{total}");
}

#[test]
fn an_audit_without_a_judge_is_an_error() {
    let o = run(&["grade", &sample(), "--audit", "0.05"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--audit needs a judge"),
        "{}",
        stderr(&o)
    );
    let o = run(&["grade", &sample(), "--judge-cmd", "true", "--audit", "1.5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most 1"), "{}", stderr(&o));
}

#[test]
fn every_format_leads_with_the_corrected_rate() {
    if !python() {
        return;
    }
    for (format, needle) in [
        ("table", "rubric rate"),
        ("markdown", "rubric rate"),
        ("csv", "rubric_ci_low"),
    ] {
        let o = run(&[
            "grade",
            &sample(),
            "--by",
            "model",
            "--format",
            format,
            "--no-judge-cache",
            "--quiet",
            "--audit",
            "0.05",
            "--judge-cmd",
            &mock(""),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(needle), "{format}: {out}");
        if format != "csv" {
            assert!(out.contains("prediction-powered"), "{format}: {out}");
            assert!(out.contains("cmd judge"), "{format}: {out}");
        } else {
            assert!(out.contains(",ppi"), "{out}");
        }
    }
}
