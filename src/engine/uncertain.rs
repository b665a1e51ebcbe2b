//! Contested records (`--uncertain FILE`): one JSON object per record whose
//! verdict a doubt rule contests, with what a judge needs to decide it
//! without the original file.
//!
//! ```json
//! {"id":"bm-7","epoch":1,"model":"m","source":"sweep.jsonl:12","failure":true,
//!  "behaviours":["blackmail"],"oversight_reasoning":false,
//!  "contested":[{"behaviour":"blackmail","verdict":true,"evidence":[
//!     {"effect":"assert","rule":"leverage-with-pressure-in-words","message":2,"scope":"outgoing","excerpt":"…"},
//!     {"effect":"doubt","rule":"threat-beside-refusal","message":2,"scope":"outgoing","excerpt":"…"}]}],
//!  "agent":[{"message":2,"scope":"reasoning","text":"…"},
//!           {"message":2,"scope":"outgoing","text":"…"},
//!           {"message":2,"tool":"send_email","args":{"to":"…","body":"…"}}],
//!  "agent_truncated":false}
//! ```
//!
//! `agent` is the agent's side of the transcript in order (outgoing words,
//! reasoning, tool calls with their arguments), at most [`AGENT_BYTES`]
//! bytes of text: each field first gets up to [`FIELD_BYTES`], outgoing words
//! and tool arguments before reasoning (thoughts do not count), and what is
//! left goes to the fields that were cut. A cut field ends in `…`.
//!
//! The line is written by the worker in two parts around `source`, which
//! needs the record's line number in its file: that is known only once the
//! chunks are back in order ([`UncertainSink`]'s `ordered`).

use super::sink::{Graded, Place, RecordSink, SinkWorker};
use super::verdict::{evidence_object, string, write_id};
use crate::grade::{Evidence, Verdict};
use crate::parse::{Record, Scope};
use crate::rubric::{BehaviourKind, Rubric};
use std::io::Write;

/// Most bytes of agent text per line (before JSON escaping).
pub const AGENT_BYTES: usize = 4096;
/// Bytes each text field gets before the rest is shared out.
pub const FIELD_BYTES: usize = 1024;

/// Where a contested record's line sits in a chunk's buffer.
pub(super) struct Mark {
    /// Line index within the chunk.
    pub idx: u64,
    /// The sample's name, for log inputs.
    pub name: Option<String>,
    /// End of the part before `source`.
    pub head: usize,
    /// End of the line.
    pub end: usize,
}

/// Appends the line for `rec` to `out`: the head (identity) up to `head`,
/// then the rest (starting with `,`) up to the returned mark's `end`.
pub(super) fn write(
    out: &mut Vec<u8>,
    rubric: &Rubric,
    rec: &Record<'_, '_>,
    v: &Verdict,
    from_log: bool,
    idx: u64,
    name: Option<&str>,
) -> Mark {
    write_id(out, rec, from_log);
    let head = out.len();
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
    out.extend_from_slice(b",\"contested\":[");
    let mut first = true;
    for (i, b) in rubric.behaviours().iter().enumerate() {
        if !v.is_contested(i) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(b"{\"behaviour\":");
        string(out, &b.name);
        let _ = write!(out, ",\"verdict\":{},\"evidence\":[", v.has(i));
        let of = |list: &[Evidence]| -> Option<Evidence> {
            list.iter().find(|e| e.behaviour as usize == i).copied()
        };
        let mut sep = false;
        for (effect, e) in [("assert", of(&v.evidence)), ("doubt", of(&v.doubts))] {
            let Some(e) = e else { continue };
            if sep {
                out.push(b',');
            }
            sep = true;
            evidence_object(out, rubric, rec, &e, Some(effect));
        }
        out.extend_from_slice(b"]}");
    }
    out.push(b']');
    let truncated = agent(out, rec);
    let _ = writeln!(out, ",\"agent_truncated\":{truncated}}}");
    Mark {
        idx,
        name: name.map(str::to_string),
        head,
        end: out.len(),
    }
}

fn budgeted(scope: Scope) -> Option<bool> {
    match scope {
        Scope::Outgoing | Scope::ToolArgs => Some(true),
        Scope::Reasoning => Some(false),
        _ => None,
    }
}

/// Writes `,"agent":[…]`; returns whether any text was cut.
fn agent(out: &mut Vec<u8>, rec: &Record<'_, '_>) -> bool {
    let segs = rec.segments;
    // Bytes allowed per segment: a first share each, acts before thoughts,
    // then the remainder to whatever was cut, in order.
    let mut allow = vec![0usize; segs.len()];
    let mut left = AGENT_BYTES;
    for acts in [true, false] {
        for (a, s) in allow.iter_mut().zip(segs) {
            if budgeted(s.scope) == Some(acts) {
                *a = rec.text(s.text).len().min(FIELD_BYTES).min(left);
                left -= *a;
            }
        }
    }
    for acts in [true, false] {
        for (a, s) in allow.iter_mut().zip(segs) {
            if budgeted(s.scope) == Some(acts) {
                let more = (rec.text(s.text).len() - *a).min(left);
                *a += more;
                left -= more;
            }
        }
    }
    let mut truncated = false;
    out.extend_from_slice(b",\"agent\":[");
    let mut first = true;
    // The open tool call: (message, call, tool) and its arguments, values
    // of a repeated key (array arguments) joined by newlines.
    let mut call: Option<(u32, u32, &str)> = None;
    let mut args: Vec<(&str, String)> = Vec::new();
    let mut item = |out: &mut Vec<u8>| {
        if !std::mem::replace(&mut first, false) {
            out.push(b',');
        }
    };
    let close =
        |out: &mut Vec<u8>, call: &mut Option<(u32, u32, &str)>, args: &mut Vec<(&str, String)>| {
            if let Some((m, _, tool)) = call.take() {
                let _ = write!(out, "{{\"message\":{m},\"tool\":");
                string(out, tool);
                out.extend_from_slice(b",\"args\":{");
                for (k, (key, value)) in args.drain(..).enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    string(out, key);
                    out.push(b':');
                    string(out, &value);
                }
                out.extend_from_slice(b"}}");
            }
        };
    for (s, &a) in segs.iter().zip(&allow) {
        let text = rec.text(s.text);
        match s.scope {
            Scope::Outgoing | Scope::Reasoning => {
                if call.is_some() {
                    item(out);
                    close(out, &mut call, &mut args);
                }
                if a == 0 {
                    truncated |= !text.is_empty();
                    continue;
                }
                item(out);
                let _ = write!(
                    out,
                    "{{\"message\":{},\"scope\":\"{}\",\"text\":",
                    s.message,
                    s.scope.name()
                );
                let (t, c) = cut(text, a);
                truncated |= c;
                string(out, &t);
                out.push(b'}');
            }
            Scope::ToolName | Scope::ToolArgs => {
                if call.is_none_or(|(m, c, _)| (m, c) != (s.message, s.call)) {
                    if call.is_some() {
                        item(out);
                        close(out, &mut call, &mut args);
                    }
                    call = Some((s.message, s.call, rec.text(s.tool)));
                }
                if s.scope != Scope::ToolArgs {
                    continue;
                }
                if a == 0 {
                    truncated |= !text.is_empty();
                    continue;
                }
                let (t, c) = cut(text, a);
                truncated |= c;
                let key = rec.text(s.key);
                match args.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => {
                        v.push('\n');
                        v.push_str(&t);
                    }
                    None => args.push((key, t.into_owned())),
                }
            }
            _ => {}
        }
    }
    if call.is_some() {
        item(out);
        close(out, &mut call, &mut args);
    }
    out.push(b']');
    truncated
}

/// `text` cut to `max` bytes at a character boundary, with `…` added, and
/// whether it was cut.
fn cut(text: &str, max: usize) -> (std::borrow::Cow<'_, str>, bool) {
    if text.len() <= max {
        return (text.into(), false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (format!("{}…", &text[..end]).into(), true)
}

/// The `--uncertain` sink: a line per contested record not already judged,
/// written in input order with its `source`.
pub(super) struct UncertainSink<'w> {
    pub out: &'w mut dyn Write,
    /// Lines written.
    pub contested: u64,
}

/// A chunk's contested lines, each cut around its `source` (see `marks`).
#[derive(Default)]
pub(super) struct Lines {
    buf: Vec<u8>,
    marks: Vec<Mark>,
}

/// A worker's side of [`UncertainSink`].
pub(super) struct Contested;

impl RecordSink for UncertainSink<'_> {
    type Worker = Contested;
    type Part = Lines;
    fn worker(&self) -> Contested {
        Contested
    }
    fn ordered(&mut self, part: Lines, at: &Place<'_>) -> std::io::Result<()> {
        self.contested += part.marks.len() as u64;
        let mut done = 0;
        let mut source = Vec::new();
        for m in &part.marks {
            self.out.write_all(&part.buf[done..m.head])?;
            source.clear();
            source.extend_from_slice(b",\"source\":");
            string(&mut source, &at.source(m.idx, m.name.as_deref()));
            self.out.write_all(&source)?;
            self.out.write_all(&part.buf[m.head..m.end])?;
            done = m.end;
        }
        Ok(())
    }
    fn merge(&mut self, _: Contested) {}
}

impl SinkWorker for Contested {
    type Part = Lines;
    fn start(&mut self) -> Lines {
        Lines::default()
    }
    fn record(&mut self, part: &mut Lines, g: &Graded<'_, '_, '_>) {
        // A judged record has had its reading; only the rest go out.
        if g.verdict.contested != 0 && g.judged.is_none() {
            let m = write(
                &mut part.buf,
                g.rubric,
                g.record,
                g.verdict,
                g.at.sample.is_some(),
                g.at.idx,
                g.at.sample,
            );
            part.marks.push(m);
        }
    }
}
