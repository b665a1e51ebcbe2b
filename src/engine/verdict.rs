//! Verdict lines (`--verdicts FILE`): one JSON object per graded record, so
//! every verdict can be audited and joined back to its transcript.
//!
//! ```json
//! {"id":"bm-7","epoch":1,"model":"m","failure":true,"behaviours":["blackmail"],
//!  "oversight_reasoning":false,
//!  "evidence":[{"behaviour":"blackmail","rule":"conditional-threat-in-words",
//!               "message":2,"scope":"outgoing","excerpt":"…unless you cancel…"}]}
//! ```
//!
//! `behaviours` lists the failure behaviours present; each attribute
//! behaviour (e.g. `oversight_reasoning`) is a boolean field of its own.
//! Records from a log that holds many samples (Inspect) also carry the
//! sample's `uuid`, so a verdict joins back to its sample.

use super::Excerpt;
use crate::grade::{Evidence, Verdict, excerpt};
use crate::parse::{Id, Record};
use crate::rubric::{BehaviourKind, Rubric};
use simd_json::prelude::*;
use std::io::Write;

/// Bytes of context on each side of the evidence match.
const EXCERPT_CONTEXT: usize = 60;

fn string(out: &mut Vec<u8>, s: &str) {
    // Writing JSON to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Appends the verdict line for `rec` to `out`.
pub(super) fn write(
    out: &mut Vec<u8>,
    rubric: &Rubric,
    rec: &Record<'_, '_>,
    v: &Verdict,
    source: &str,
    from_log: bool,
) {
    out.extend_from_slice(b"{\"id\":");
    match rec.id {
        Id::Str(s) => string(out, s),
        Id::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Id::UInt(u) => {
            let _ = write!(out, "{u}");
        }
    }
    if let Some(e) = rec.epoch {
        let _ = write!(out, ",\"epoch\":{e}");
    }
    if from_log && let Some(u) = rec.root.get("uuid").and_then(|u| u.into_string()) {
        out.extend_from_slice(b",\"uuid\":");
        string(out, u);
    }
    out.extend_from_slice(b",\"model\":");
    string(out, rec.model);
    let _ = write!(out, ",\"failure\":{},\"behaviours\":[", v.failure());
    let mut first = true;
    for (i, b) in rubric.behaviours().iter().enumerate() {
        if b.kind == BehaviourKind::Failure && v.has(i) {
            if !first {
                out.push(b',');
            }
            first = false;
            string(out, &b.name);
        }
    }
    out.push(b']');
    for (i, b) in rubric.behaviours().iter().enumerate() {
        if b.kind == BehaviourKind::Attribute {
            out.push(b',');
            string(out, &b.name);
            let _ = write!(out, ":{}", v.has(i));
        }
    }
    out.extend_from_slice(b",\"evidence\":[");
    for (k, e) in v.evidence.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let seg = &rec.segments[e.hit.seg as usize];
        let text = rec.text(seg.text);
        out.extend_from_slice(b"{\"behaviour\":");
        string(out, &rubric.behaviours()[e.behaviour as usize].name);
        out.extend_from_slice(b",\"rule\":");
        string(out, rubric.rule_name(e.rule as usize));
        let _ = write!(
            out,
            ",\"message\":{},\"scope\":\"{}\"",
            e.message,
            seg.scope.name()
        );
        let tool = rec.text(seg.tool);
        if !tool.is_empty() {
            out.extend_from_slice(b",\"tool\":");
            string(out, tool);
        }
        out.extend_from_slice(b",\"excerpt\":");
        string(
            out,
            &excerpt(
                text,
                e.hit.start as usize,
                e.hit.end as usize,
                EXCERPT_CONTEXT,
            ),
        );
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"source\":");
    string(out, source);
    out.extend_from_slice(b"}\n");
}

/// The evidence `e` of `rec` as a kept [`Excerpt`] (source filled in later).
pub(super) fn excerpt_of(rubric: &Rubric, rec: &Record<'_, '_>, e: &Evidence) -> Excerpt {
    let seg = &rec.segments[e.hit.seg as usize];
    Excerpt {
        behaviour: e.behaviour as usize,
        id: rec.id.to_string(),
        model: rec.model.to_string(),
        source: String::new(),
        rule: rubric.rule_name(e.rule as usize).to_string(),
        scope: seg.scope.name().to_string(),
        tool: rec.text(seg.tool).to_string(),
        text: excerpt(
            rec.text(seg.text),
            e.hit.start as usize,
            e.hit.end as usize,
            EXCERPT_CONTEXT,
        ),
    }
}
