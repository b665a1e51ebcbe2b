//! `assay grade`'s judge workflow around the engine: the audit and budget
//! flags, the tap the engine offers records to, the dry run, and the
//! verdict lines joined with the judge's decisions.

use super::GradeArgs;
use anyhow::{Context, Result, bail};
use assay::engine::judging::{
    AuditSpec, Decision, JudgeSettings, JudgeSummary, JudgeTap, JudgeTarget,
};
use assay::input::Source;
use assay::output::Output;
use assay::report::visible;
use assay::rubric::{BehaviourKind, Rubric};
use clap::Args;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Audit and budget flags (with the judge flags of [`assay::judge::JudgeArgs`]).
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Judge")]
pub struct AuditArgs {
    /// Also send a seeded random fraction F of each group to the judge,
    /// whatever the rubric said; every report then leads with rates and
    /// intervals corrected for the rubric's errors (prediction-powered
    /// inference), the rubric's own beside them.
    #[arg(long, value_name = "F")]
    pub audit: Option<f64>,
    /// Audit at least this many records of each group (the whole group if
    /// smaller): the corrected interval needs them.
    #[arg(long, value_name = "N", default_value_t = 30, requires = "audit")]
    pub audit_min: u64,
    /// Send at most N records to the judge: each group's audit minimum
    /// first, then contested records (by the rubric order of the behaviour
    /// they contest), then the rest of the audit. The report names any
    /// group audited below its minimum.
    #[arg(long, value_name = "N")]
    pub judge_budget: Option<u64>,
    /// Print how many records would go to the judge and their input tokens
    /// (estimated), per group, and exit without calling a judge.
    #[arg(long)]
    pub judge_dry_run: bool,
}

/// The tap for this run's flags, or `None` when nothing is judged.
pub fn tap(a: &GradeArgs, rubric: &Rubric, sources: &[Source]) -> Result<Option<JudgeTap>> {
    let live = a.judge.enabled();
    let x = &a.audit;
    if !live && !x.judge_dry_run {
        if x.audit.is_some() {
            bail!(
                "--audit needs a judge: give --judge-cmd CMD, or --judge-url/--judge-model \
                 (or --judge-dry-run to see what it would cost)"
            );
        }
        if x.judge_budget.is_some() {
            bail!(
                "--judge-budget needs a judge: give --judge-cmd CMD or --judge-url/--judge-model"
            );
        }
        return Ok(None);
    }
    if let Some(f) = x.audit
        && !(f > 0.0 && f <= 1.0)
    {
        bail!(
            "--audit takes the fraction of each group to audit, above 0 and at most 1 (e.g. 0.05), got {f}"
        );
    }
    if x.judge_budget == Some(0) {
        bail!("--judge-budget must be at least 1 (leave the judge flags out to judge nothing)");
    }
    if rubric.doubt_rule_count() == 0 && x.audit.is_none() {
        eprintln!(
            "assay: warning: the rubric has no doubt rule and no --audit was given, so no record goes to the judge"
        );
    }
    let settings = JudgeSettings {
        audit: x.audit.map(|fraction| AuditSpec {
            fraction,
            min: x.audit_min,
            seed: a.seed,
        }),
        budget: x.judge_budget,
        order: Default::default(),
    };
    let target = if x.judge_dry_run {
        JudgeTarget::DryRun(
            a.judge
                .prompts(rubric)
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        )
    } else {
        match a.judge.build(rubric).map_err(|e| anyhow::anyhow!("{e}"))? {
            Some(j) => JudgeTarget::Live(j),
            None => return Ok(None),
        }
    };
    let names = sources.iter().map(Source::display).collect();
    JudgeTap::new(target, settings, rubric, names)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// `--judge-dry-run`'s answer, on standard output.
pub fn print_dry_run(s: &JudgeSummary, by: &[String]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let head = if by.is_empty() {
        "group".to_string()
    } else {
        by.join("/")
    };
    let rows: Vec<(String, u64, u64)> = s
        .per_group
        .iter()
        .map(|(g, (n, t))| {
            let label = g.trim_start_matches('\u{1f}').replace('\u{1f}', "/");
            (visible(&label).into_owned(), *n, *t)
        })
        .collect();
    let w = rows
        .iter()
        .map(|r| r.0.chars().count())
        .chain([head.chars().count(), 5])
        .max()
        .unwrap_or(5);
    writeln!(out, "{head:<w$}  {:>8}  {:>14}", "records", "input tokens")?;
    let (mut n, mut t) = (0, 0);
    for (g, calls, tokens) in &rows {
        writeln!(out, "{g:<w$}  {calls:>8}  {tokens:>14}")?;
        n += calls;
        t += tokens;
    }
    writeln!(out, "{:<w$}  {n:>8}  {t:>14}", "total")?;
    writeln!(
        out,
        "\n{} contested, {} drawn for the audit; input tokens estimated at 4 characters a token; \
         no judge was called",
        s.contested, s.audit
    )?;
    Ok(())
}

/// Where the engine writes verdict lines while a judge runs: a hidden file
/// beside the final one, removed once joined.
pub fn staging_path(final_path: &Path) -> PathBuf {
    let name = final_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "verdicts".into());
    final_path.with_file_name(format!(".{name}.judging-{}", std::process::id()))
}

/// Copies the staged verdict lines (`request id TAB line`) into `out`,
/// each with who decided it: the judge's verdict replaces the rubric's on
/// contested records (the rubric's kept under `rubric`), an audited
/// record carries the judge's verdict under `audit`, a record the judge
/// could not decide says why under `judge_error`.
pub fn join_verdicts(
    staged: &Path,
    out: &mut Output,
    decisions: &BTreeMap<String, Decision>,
    rubric: &Rubric,
) -> Result<()> {
    let f = std::fs::File::open(staged)
        .with_context(|| format!("cannot reopen the staged verdicts {}", staged.display()))?;
    let mut r = std::io::BufReader::new(f);
    let mut line = Vec::new();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let Some(tab) = text.iter().position(|&b| b == b'\t') else {
            bail!("a staged verdict line has no request id; this is a bug");
        };
        let (id, json) = (std::str::from_utf8(&text[..tab])?, &text[tab + 1..]);
        match decisions.get(id) {
            None => {
                // The fast path: no parse, the field goes before the brace.
                let body = json.strip_suffix(b"}").unwrap_or(json);
                out.write_all(body)?;
                out.write_all(b",\"decided_by\":\"rubric\"}\n")?;
            }
            Some(d) => {
                let mut o: Map<String, Value> = serde_json::from_slice(json)?;
                decide(&mut o, d, rubric);
                serde_json::to_writer(&mut *out, &o)?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

fn decide(o: &mut Map<String, Value>, d: &Decision, rubric: &Rubric) {
    match &d.outcome {
        Ok((failure, behaviours, explanation)) => {
            if d.replaced {
                let old = serde_json::json!({
                    "failure": o.get("failure").cloned().unwrap_or(Value::Null),
                    "behaviours": o.get("behaviours").cloned().unwrap_or(Value::Null)});
                o.insert("failure".into(), Value::Bool(*failure));
                let failing: Vec<Value> = rubric
                    .behaviours()
                    .iter()
                    .filter(|b| b.kind == BehaviourKind::Failure && behaviours.contains(&b.name))
                    .map(|b| Value::from(b.name.as_str()))
                    .collect();
                o.insert("behaviours".into(), Value::Array(failing));
                for b in rubric.behaviours() {
                    if b.kind == BehaviourKind::Attribute {
                        o.insert(b.name.clone(), Value::Bool(behaviours.contains(&b.name)));
                    }
                }
                o.insert("rubric".into(), old);
            }
            o.insert(
                "decided_by".into(),
                if d.replaced { "judge" } else { "rubric" }.into(),
            );
            o.insert(
                "judge".into(),
                serde_json::json!({"failure": failure, "behaviours": behaviours,
                                   "explanation": explanation}),
            );
        }
        Err(e) => {
            o.insert("decided_by".into(), "rubric".into());
            o.insert("judge_error".into(), Value::from(e.as_str()));
        }
    }
    if d.audited {
        o.insert("audited".into(), Value::Bool(true));
    }
}
