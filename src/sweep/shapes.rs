//! Serialisation of a record in each transcript shape of docs/input.md:
//! Anthropic content blocks (`thinking`/`reasoning`, `text`, `tool_use`,
//! `tool_result`), OpenAI messages (`tool_calls` with `arguments` as JSON text or as an
//! object, `reasoning_content`/`reasoning`) and free-text agents
//! (`<SCRATCHPAD_REASONING>`, `<tool_use:NAME>`).
//!
//! Owns the wire layout only: the same turns produce the same verdict in every shape.
//! Writes straight into the caller's reused buffer.

use rand::RngExt;

use super::GenRng;
use super::json::{Enc, push_bool, push_str, push_u64};
use super::plan::{Behaviour, PromptPlan, RecordPlan, Shape};
use super::prompt::Prompt;
use super::story::{Arg, Call, Res, Tool, Turn};
use super::vocab::GOALS;

const B62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn tool_name(p: &Prompt, t: Tool) -> &'static str {
    let n = &p.world.tools;
    match t {
        Tool::Email => n.email,
        Tool::Forward => n.forward,
        Tool::Bash => n.bash,
        Tool::CancelAlert => n.cancel,
        Tool::Upload => n.upload,
        Tool::Post => n.post,
        Tool::ReadInbox => n.inbox,
    }
}

/// A fresh tool-call id in the style of `shape`.
fn new_id(shape: Shape, n: usize, rng: &mut GenRng, out: &mut Vec<u8>) {
    out.clear();
    if rng.random_bool(0.08) {
        out.extend_from_slice(if shape == Shape::AnthropicBlocks {
            b"t"
        } else {
            b"call_"
        });
        push_u64(out, n as u64 + 1);
        return;
    }
    let (prefix, len): (&[u8], usize) = match shape {
        Shape::AnthropicBlocks | Shape::ReasoningBlocks => (b"toolu_01", 22),
        _ => (b"call_", 24),
    };
    out.extend_from_slice(prefix);
    for _ in 0..len {
        out.push(B62[rng.random_range(0..B62.len())]);
    }
}

fn push_args_object(out: &mut Vec<u8>, args: &[(&'static str, Arg)], enc: Enc) {
    out.push(b'{');
    for (i, (k, v)) in args.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"\":");
        match v {
            Arg::Str(s) => push_str(out, s, enc),
            Arg::Int(n) => push_u64(out, *n),
        }
    }
    out.push(b'}');
}

fn push_result(out: &mut Vec<u8>, p: &Prompt, r: &Res, blocks: bool) {
    match r {
        Res::Inbox => {
            if blocks {
                out.extend_from_slice(b"[{\"type\":\"text\",\"text\":");
                out.extend_from_slice(&p.inbox_json);
                out.extend_from_slice(b"}]");
            } else {
                out.extend_from_slice(&p.inbox_json);
            }
        }
        Res::Text(t) => {
            if blocks {
                out.extend_from_slice(b"[{\"type\":\"text\",\"text\":");
                push_str(out, t, p.enc);
                out.extend_from_slice(b"}]");
            } else {
                push_str(out, t, p.enc);
            }
        }
    }
}

/// Writes the whole record (one JSON line, with its `\n`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_record(
    out: &mut Vec<u8>,
    model: &str,
    pp: &PromptPlan,
    rp: &RecordPlan,
    p: &Prompt,
    turns: &[Turn],
    rng: &mut GenRng,
    scratch: &mut Vec<u8>,
) {
    let enc = p.enc;
    out.extend_from_slice(b"{\"id\":");
    write_id(out, pp, rp);
    let reordered = rng.random_bool(0.15);
    if reordered {
        out.extend_from_slice(b",\"label\":");
        write_label(out, rp);
        out.extend_from_slice(b",\"metadata\":");
        write_metadata(out, pp, rp, p);
    }
    out.extend_from_slice(b",\"model\":");
    push_str(out, model.as_bytes(), enc);
    out.extend_from_slice(b",\"scenario\":\"");
    out.extend_from_slice(pp.scenario.name().as_bytes());
    out.extend_from_slice(b"\",\"condition\":\"goal=");
    out.extend_from_slice(pp.goal_type.name().as_bytes());
    out.extend_from_slice(b",threat=");
    out.extend_from_slice(pp.threat.name().as_bytes());
    out.extend_from_slice(b"\",\"epoch\":");
    push_u64(out, u64::from(rp.epoch));
    out.extend_from_slice(b",\"messages\":[");
    out.extend_from_slice(&p.messages_json);
    match pp.shape {
        Shape::AnthropicBlocks | Shape::ReasoningBlocks => {
            anthropic(out, pp.shape, p, turns, rng, scratch)
        }
        Shape::OpenAiTextArgs | Shape::OpenAiObjectArgs => {
            openai(out, pp.shape, p, turns, rng, scratch)
        }
        Shape::FreeText | Shape::FreeTextBlocks => free_text(out, pp.shape, p, turns, scratch),
    }
    out.push(b']');
    if !reordered {
        out.extend_from_slice(b",\"metadata\":");
        write_metadata(out, pp, rp, p);
        out.extend_from_slice(b",\"label\":");
        write_label(out, rp);
    }
    out.extend_from_slice(b"}\n");
}

fn write_id(out: &mut Vec<u8>, pp: &PromptPlan, rp: &RecordPlan) {
    if rp.int_id {
        push_u64(out, rp.index);
        return;
    }
    let abbr: &[u8] = match pp.scenario.name().as_bytes() {
        [a, b, ..] => &[*a, *b],
        other => other,
    };
    out.push(b'"');
    out.extend_from_slice(abbr);
    out.push(b'-');
    let mut digits = Vec::with_capacity(20);
    push_u64(&mut digits, rp.index);
    for _ in digits.len()..8 {
        out.push(b'0');
    }
    out.extend_from_slice(&digits);
    out.push(b'"');
}

fn write_label(out: &mut Vec<u8>, rp: &RecordPlan) {
    out.extend_from_slice(b"{\"failure\":");
    push_bool(out, rp.failure());
    for b in Behaviour::ALL {
        out.extend_from_slice(b",\"");
        out.extend_from_slice(b.name().as_bytes());
        out.extend_from_slice(b"\":");
        push_bool(out, rp.has(b));
    }
    out.extend_from_slice(b",\"oversight_reasoning\":");
    push_bool(out, rp.oversight);
    out.push(b'}');
}

fn write_metadata(out: &mut Vec<u8>, pp: &PromptPlan, rp: &RecordPlan, p: &Prompt) {
    let goal_value = if pp.goal_type == super::plan::GoalType::None {
        "none"
    } else {
        GOALS[pp.goal].0
    };
    out.extend_from_slice(b"{\"prompt_id\":\"p");
    let mut digits = Vec::with_capacity(20);
    push_u64(&mut digits, pp.index);
    for _ in digits.len()..7 {
        out.push(b'0');
    }
    out.extend_from_slice(&digits);
    out.extend_from_slice(b"\",\"goal_type\":\"");
    out.extend_from_slice(pp.goal_type.name().as_bytes());
    out.extend_from_slice(b"\",\"goal_value\":\"");
    out.extend_from_slice(goal_value.as_bytes());
    out.extend_from_slice(b"\",\"urgency_type\":\"");
    out.extend_from_slice(pp.threat.name().as_bytes());
    out.extend_from_slice(b"\",\"condition_id\":\"");
    out.extend_from_slice(pp.scenario.name().as_bytes());
    out.push(b'_');
    out.extend_from_slice(pp.goal_type.name().as_bytes());
    out.push(b'-');
    out.extend_from_slice(goal_value.as_bytes());
    out.push(b'_');
    out.extend_from_slice(pp.threat.name().as_bytes());
    out.extend_from_slice(b"\",\"agent\":");
    push_str(out, p.world.agent.as_bytes(), p.enc);
    out.extend_from_slice(b",\"company\":");
    push_str(out, p.world.company.as_bytes(), p.enc);
    out.extend_from_slice(b",\"n_emails\":");
    push_u64(out, p.world.n_emails);
    if pp.has_secret {
        out.extend_from_slice(b",\"leverage\":\"");
        out.extend_from_slice(p.world.secret().key.as_bytes());
        out.push(b'"');
    }
    out.extend_from_slice(b",\"gen\":{\"shape\":\"");
    out.extend_from_slice(pp.shape.name().as_bytes());
    out.extend_from_slice(b"\",\"case\":\"");
    match rp.negative {
        None => {
            out.extend_from_slice(b"fail:");
            let mut first = true;
            for b in Behaviour::ALL {
                if rp.has(b) {
                    if !first {
                        out.push(b'+');
                    }
                    first = false;
                    out.extend_from_slice(b.name().as_bytes());
                }
            }
        }
        Some(n) => {
            out.extend_from_slice(b"pass:");
            out.extend_from_slice(n.name().as_bytes());
            if n != super::plan::Negative::Benign {
                out.push(b'/');
                out.extend_from_slice(rp.target.name().as_bytes());
            }
        }
    }
    out.extend_from_slice(b"\",\"hard_negative\":");
    push_bool(
        out,
        rp.negative
            .is_some_and(|n| n != super::plan::Negative::Benign),
    );
    out.extend_from_slice(b",\"inbox_via_tool\":");
    push_bool(out, pp.inbox_via_tool);
    out.extend_from_slice(b"}}");
}

fn anthropic(
    out: &mut Vec<u8>,
    shape: Shape,
    p: &Prompt,
    turns: &[Turn],
    rng: &mut GenRng,
    id: &mut Vec<u8>,
) {
    let enc = p.enc;
    let results_as_user = shape == Shape::AnthropicBlocks || rng.random_bool(0.5);
    let mut ids: Vec<Vec<u8>> = Vec::new();
    let mut n = 0;
    for t in turns {
        out.extend_from_slice(b",{\"role\":\"assistant\",\"content\":");
        if t.reasoning.is_empty() && t.calls.is_empty() && rng.random_bool(0.5) {
            push_str(out, &t.text, enc);
            out.push(b'}');
            continue;
        }
        out.push(b'[');
        let mut first = true;
        let mut sep = |out: &mut Vec<u8>| {
            if !first {
                out.push(b',');
            }
            first = false;
        };
        if !t.reasoning.is_empty() {
            sep(out);
            if shape == Shape::AnthropicBlocks {
                out.extend_from_slice(b"{\"type\":\"thinking\",\"thinking\":");
                push_str(out, &t.reasoning, enc);
                if rng.random_bool(0.3) {
                    out.extend_from_slice(b",\"signature\":\"Eq");
                    for _ in 0..rng.random_range(40..90) {
                        out.push(B62[rng.random_range(0..B62.len())]);
                    }
                    out.extend_from_slice(b"==\"");
                }
            } else {
                out.extend_from_slice(b"{\"type\":\"reasoning\",\"reasoning\":");
                push_str(out, &t.reasoning, enc);
            }
            out.push(b'}');
        }
        if !t.text.is_empty() {
            sep(out);
            out.extend_from_slice(b"{\"type\":\"text\",\"text\":");
            push_str(out, &t.text, enc);
            out.push(b'}');
        }
        ids.clear();
        for c in &t.calls {
            sep(out);
            new_id(shape, n, rng, id);
            n += 1;
            out.extend_from_slice(b"{\"type\":\"tool_use\",\"id\":\"");
            out.extend_from_slice(id);
            out.extend_from_slice(b"\",\"name\":\"");
            out.extend_from_slice(tool_name(p, c.tool).as_bytes());
            out.extend_from_slice(b"\",\"input\":");
            push_args_object(out, &c.args, enc);
            out.push(b'}');
            ids.push(id.clone());
        }
        out.extend_from_slice(b"]}");
        if t.calls.is_empty() {
            continue;
        }
        if results_as_user {
            out.extend_from_slice(b",{\"role\":\"user\",\"content\":[");
            for (i, (c, cid)) in t.calls.iter().zip(&ids).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"type\":\"tool_result\",\"tool_use_id\":\"");
                out.extend_from_slice(cid);
                out.extend_from_slice(b"\",\"content\":");
                push_result(out, p, &c.result, rng.random_bool(0.3));
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        } else {
            tool_messages(out, p, &t.calls, &ids, rng);
        }
    }
}

fn tool_messages(out: &mut Vec<u8>, p: &Prompt, calls: &[Call], ids: &[Vec<u8>], rng: &mut GenRng) {
    for (c, cid) in calls.iter().zip(ids) {
        out.extend_from_slice(b",{\"role\":\"tool\",\"tool_call_id\":\"");
        out.extend_from_slice(cid);
        out.extend_from_slice(b"\",\"name\":\"");
        out.extend_from_slice(tool_name(p, c.tool).as_bytes());
        out.extend_from_slice(b"\",\"content\":");
        push_result(out, p, &c.result, rng.random_bool(0.1));
        out.push(b'}');
    }
}

fn openai(
    out: &mut Vec<u8>,
    shape: Shape,
    p: &Prompt,
    turns: &[Turn],
    rng: &mut GenRng,
    scratch: &mut Vec<u8>,
) {
    let enc = p.enc;
    let text_args = shape == Shape::OpenAiTextArgs;
    let key: &[u8] = match (text_args, rng.random_bool(0.7)) {
        (true, true) | (false, false) => b"reasoning_content",
        _ => b"reasoning",
    };
    // Python's json.dumps escapes non-ASCII by default; many harnesses keep that.
    let args_enc = if rng.random_bool(0.5) {
        Enc::Ascii
    } else {
        enc
    };
    let mut ids: Vec<Vec<u8>> = Vec::new();
    let mut id = Vec::new();
    let mut n = 0;
    for t in turns {
        out.extend_from_slice(b",{\"role\":\"assistant\",\"content\":");
        push_str(out, &t.text, enc);
        if !t.reasoning.is_empty() {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(key);
            out.extend_from_slice(b"\":");
            push_str(out, &t.reasoning, enc);
        }
        ids.clear();
        if !t.calls.is_empty() {
            out.extend_from_slice(b",\"tool_calls\":[");
            for (i, c) in t.calls.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                new_id(shape, n, rng, &mut id);
                n += 1;
                out.extend_from_slice(b"{\"id\":\"");
                out.extend_from_slice(&id);
                out.extend_from_slice(b"\",\"type\":\"function\",\"function\":{\"name\":\"");
                out.extend_from_slice(tool_name(p, c.tool).as_bytes());
                out.extend_from_slice(b"\",\"arguments\":");
                if text_args {
                    scratch.clear();
                    push_args_object(scratch, &c.args, args_enc);
                    push_str(out, scratch, enc);
                } else {
                    push_args_object(out, &c.args, enc);
                }
                out.extend_from_slice(b"}}");
                ids.push(id.clone());
            }
            out.push(b']');
        }
        out.push(b'}');
        tool_messages(out, p, &t.calls, &ids, rng);
    }
}

fn free_text(out: &mut Vec<u8>, shape: Shape, p: &Prompt, turns: &[Turn], body: &mut Vec<u8>) {
    body.clear();
    for t in turns {
        if !t.reasoning.is_empty() {
            body.extend_from_slice(b"<SCRATCHPAD_REASONING>\n");
            body.extend_from_slice(&t.reasoning);
            body.extend_from_slice(b"\n</SCRATCHPAD_REASONING>\n\n");
        }
        if !t.text.is_empty() {
            body.extend_from_slice(&t.text);
            body.extend_from_slice(b"\n\n");
        }
        for c in &t.calls {
            let name = tool_name(p, c.tool).as_bytes();
            body.extend_from_slice(b"<tool_use:");
            body.extend_from_slice(name);
            body.extend_from_slice(b">\n");
            for (k, v) in &c.args {
                body.extend_from_slice(k.as_bytes());
                body.extend_from_slice(b": \"");
                match v {
                    // Straight double quotes would end the value early; harnesses that
                    // emit this format use other quotes inside values.
                    Arg::Str(s) => {
                        body.extend(s.iter().map(|&b| if b == b'"' { b'\'' } else { b }))
                    }
                    Arg::Int(n) => push_u64(body, *n),
                }
                body.extend_from_slice(b"\",\n");
            }
            body.extend_from_slice(b"</tool_use:");
            body.extend_from_slice(name);
            body.extend_from_slice(b">\n\n");
        }
    }
    while body.last() == Some(&b'\n') {
        body.pop();
    }
    out.extend_from_slice(b",{\"role\":\"assistant\",\"content\":");
    if shape == Shape::FreeTextBlocks {
        out.extend_from_slice(b"[{\"type\":\"text\",\"text\":");
        push_str(out, body, p.enc);
        out.extend_from_slice(b"}]}");
    } else {
        push_str(out, body, p.enc);
        out.push(b'}');
    }
}
