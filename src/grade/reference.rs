//! The reference grader: slow, short and obviously correct.
//!
//! It parses with `serde_json` into a DOM, lists the text fields with plain
//! recursive code, finds every literal by trying every position, and decides
//! each rule by brute force over every unit. It shares with the fast path
//! only the compiled rule list, the free-text splitter (tested on its own),
//! and the domain helpers. Property tests and the `grade_differential` fuzz
//! target require both graders to agree on every behaviour.

use super::{declared_domains, email_domains, external_host, word_bounded};
use crate::parse::{FreeTextPiece, Scope, split_free_text, unescape};
use crate::rubric::{Effect, Rubric, Rule, Term, Unit, glob_match};
use serde_json::Value;

/// A text field, owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefSegment {
    /// Scope of the text.
    pub scope: Scope,
    /// Message index.
    pub message: usize,
    /// Tool-call index within the message.
    pub call: Option<usize>,
    /// Tool name (tool scopes).
    pub tool: String,
    /// Argument key (tool arguments).
    pub key: String,
    /// The text.
    pub text: String,
}

/// Lists the text fields of a transcript object, or `None` if it is not one.
pub fn segments(record: &Value) -> Option<Vec<RefSegment>> {
    let messages = record.get("messages")?.as_array()?;
    let mut out = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let role = match m.get("role")?.as_str()? {
            "system" | "developer" => "system",
            "user" | "human" => "user",
            "assistant" => "assistant",
            "tool" | "function" => "tool",
            _ => return None,
        };
        let mut calls = 0;
        let seg = |scope, call, tool: &str, key: &str, text: &str| RefSegment {
            scope,
            message: i,
            call,
            tool: tool.to_string(),
            key: key.to_string(),
            text: text.to_string(),
        };
        let plain_scope = match role {
            "system" => Scope::System,
            "user" => Scope::User,
            "tool" => Scope::ToolResult,
            _ => Scope::Outgoing,
        };
        if role == "assistant" {
            for k in ["reasoning_content", "reasoning"] {
                // Only the last of duplicate keys survives in serde_json too.
                if let Some(s) = m.get(k).and_then(Value::as_str) {
                    out.push(seg(Scope::Reasoning, None, "", "", s));
                }
            }
        }
        let mut items = Vec::new();
        collect_content(m.get("content"), role, plain_scope, &mut items);
        for item in items {
            match item {
                Item::Tool(name, input) => {
                    let c = calls;
                    calls += 1;
                    out.push(seg(Scope::ToolName, Some(c), &name, "", &name));
                    let from = out.len();
                    flatten(&input, "", &mut |k, v| {
                        out.push(seg(Scope::ToolArgs, Some(c), &name, k, v))
                    });
                    push_acts(&mut out, from, i, c, &name);
                }
                Item::Text(Scope::Outgoing, text) => split_free_text(&text, |p| match p {
                    FreeTextPiece::Outgoing(t) => out.push(seg(Scope::Outgoing, None, "", "", t)),
                    FreeTextPiece::Reasoning(t) => out.push(seg(Scope::Reasoning, None, "", "", t)),
                    FreeTextPiece::ToolCall { name, args } => {
                        let c = calls;
                        calls += 1;
                        out.push(seg(Scope::ToolName, Some(c), name, "", name));
                        let from = out.len();
                        let mut args = args;
                        while let Some((k, v)) = args.next() {
                            let mut text = String::new();
                            if args.quoted() {
                                unescape(v, &mut text);
                            } else {
                                text.push_str(v);
                            }
                            out.push(seg(Scope::ToolArgs, Some(c), name, k, &text));
                        }
                        push_acts(&mut out, from, i, c, name);
                    }
                }),
                Item::Text(scope, text) => out.push(seg(scope, None, "", "", &text)),
            }
        }
        if role == "assistant"
            && let Some(tc) = m.get("tool_calls").and_then(Value::as_array)
        {
            for call in tc {
                let f = call.get("function");
                let name = f
                    .and_then(|f| f.get("name"))
                    .or_else(|| call.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let args = f
                    .and_then(|f| f.get("arguments"))
                    .or_else(|| call.get("arguments"));
                let c = calls;
                calls += 1;
                out.push(seg(Scope::ToolName, Some(c), name, "", name));
                let from = out.len();
                match args {
                    Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                        Ok(v @ Value::Object(_)) => flatten(&v, "", &mut |k, t| {
                            out.push(seg(Scope::ToolArgs, Some(c), name, k, t))
                        }),
                        Ok(Value::String(lone)) => {
                            out.push(seg(Scope::ToolArgs, Some(c), name, "arguments", &lone))
                        }
                        _ => out.push(seg(Scope::ToolArgs, Some(c), name, "arguments", s)),
                    },
                    Some(v) => flatten(v, "", &mut |k, t| {
                        out.push(seg(Scope::ToolArgs, Some(c), name, k, t))
                    }),
                    None => {}
                }
                push_acts(&mut out, from, i, c, name);
            }
        }
    }
    Some(out)
}

/// The acts of the call whose arguments are `out[from..]`, appended. The
/// act reader itself is tested on its own (`parse::acts`); here it only
/// supplies the same segments the fast parser derives.
fn push_acts(out: &mut Vec<RefSegment>, from: usize, message: usize, call: usize, tool: &str) {
    let args: Vec<(&str, &str)> = out[from..]
        .iter()
        .map(|s| (s.key.as_str(), s.text.as_str()))
        .collect();
    let mut acts = Vec::new();
    crate::parse::acts::read_call(tool, &args, &mut acts);
    for (verb, target) in acts {
        out.push(RefSegment {
            scope: verb.scope(),
            message,
            call: Some(call),
            tool: tool.to_string(),
            key: verb.name().to_string(),
            text: target,
        });
    }
}

enum Item {
    Text(Scope, String),
    Tool(String, Value),
}

fn collect_content(content: Option<&Value>, role: &str, plain: Scope, out: &mut Vec<Item>) {
    match content {
        Some(Value::String(s)) => out.push(Item::Text(plain, s.clone())),
        Some(Value::Array(blocks)) => {
            for b in blocks {
                if let Value::String(s) = b {
                    out.push(Item::Text(plain, s.clone()));
                    continue;
                }
                let ty = b.get("type").and_then(Value::as_str).unwrap_or("");
                let field = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string);
                match ty {
                    "text" => out.extend(field("text").map(|s| Item::Text(plain, s))),
                    "thinking" | "reasoning" => {
                        let scope = if role == "assistant" {
                            Scope::Reasoning
                        } else {
                            plain
                        };
                        out.extend(field(ty).map(|s| Item::Text(scope, s)));
                    }
                    "tool_use" if role == "assistant" => out.push(Item::Tool(
                        field("name").unwrap_or_default(),
                        b.get("input").cloned().unwrap_or(Value::Null),
                    )),
                    "tool_result" => {
                        collect_content(b.get("content"), "tool", Scope::ToolResult, out)
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn flatten(v: &Value, key: &str, out: &mut dyn FnMut(&str, &str)) {
    match v {
        Value::String(s) => out(key, s),
        Value::Object(o) => o.iter().for_each(|(k, v)| flatten(v, k, out)),
        Value::Array(a) => a.iter().for_each(|v| flatten(v, key, out)),
        Value::Bool(b) => out(key, if *b { "true" } else { "false" }),
        Value::Number(n) => out(key, &n.to_string()),
        Value::Null => {}
    }
}

/// Behaviour bit mask for `record` under `rubric`, or `None` if the record
/// is not a transcript object.
pub fn grade(rubric: &Rubric, record: &Value) -> Option<u64> {
    grade_full(rubric, record).map(|(mask, _)| mask)
}

/// The behaviour mask and the contested mask (behaviours whose verdict a
/// firing doubt rule contests), or `None` if the record is not a
/// transcript object.
pub fn grade_full(rubric: &Rubric, record: &Value) -> Option<(u64, u64)> {
    let segs = segments(record)?;
    let mut hits: Vec<(u32, usize, usize, usize)> = Vec::new(); // pattern, seg, start, end
    for (si, s) in segs.iter().enumerate() {
        if !rubric.scanned_scopes().contains(s.scope) {
            continue;
        }
        let t = s.text.as_str();
        for l in rubric.literal_sources() {
            let (p, lit, case_sensitive, word) =
                (l.pattern(), l.text(), l.case_sensitive(), l.word());
            for start in (0..t.len()).filter(|i| t.is_char_boundary(*i)) {
                let end = start + lit.len();
                let Some(cand) = t.as_bytes().get(start..end) else {
                    continue;
                };
                let eq = if case_sensitive {
                    cand == lit.as_bytes()
                } else {
                    cand.eq_ignore_ascii_case(lit.as_bytes())
                };
                if eq && t.is_char_boundary(end) && (!word || word_bounded(t, start, end)) {
                    hits.push((p, si, start, end));
                }
            }
        }
        for r in rubric.regexes() {
            let (p, re) = (r.pattern(), r.regex());
            let mut at = 0;
            while at <= t.len() {
                let Some(m) = re.search(&regex_automata::Input::new(t).range(at..)) else {
                    break;
                };
                hits.push((p, si, m.start(), m.end()));
                at = if m.is_empty() { m.end() + 1 } else { m.end() };
            }
        }
    }
    let mut mask = 0u64;
    for rule in rubric
        .rules()
        .iter()
        .filter(|r| r.effect() == Effect::Assert)
    {
        if rule_fires(rubric, rule, &segs, &hits) {
            mask |= 1 << rule.behaviour();
        }
    }
    let mut contested = 0u64;
    for rule in rubric.rules() {
        let present = mask & (1 << rule.behaviour()) != 0;
        if rule.effect().contests(present) && rule_fires(rubric, rule, &segs, &hits) {
            contested |= 1 << rule.behaviour();
        }
    }
    Some((mask, contested))
}

fn unit_of(unit: Unit, s: &RefSegment, si: usize) -> (usize, Option<usize>, Option<usize>) {
    match (unit, s.call) {
        (Unit::Field, _) | (Unit::Call, None) => (s.message, None, Some(si)),
        (Unit::Call, Some(c)) => (s.message, Some(c), None),
        (Unit::Message, _) => (s.message, None, None),
        (Unit::Transcript, _) => (usize::MAX, None, None),
    }
}

/// The fields' scopes as entities read them ([`crate::rubric::env_scopes`]).
fn env(segs: &[RefSegment]) -> impl Iterator<Item = Scope> + '_ {
    crate::rubric::env_scopes(segs.iter().map(|s| {
        (
            s.scope,
            u32::try_from(s.message).unwrap_or(u32::MAX - 1),
            s.call.is_some(),
        )
    }))
}

fn rule_fires(
    rubric: &Rubric,
    rule: &Rule,
    segs: &[RefSegment],
    hits: &[(u32, usize, usize, usize)],
) -> bool {
    let org = organisation(segs);
    let mut found = Vec::new();
    rubric.entities().scan(
        env(segs).zip(segs).map(|(sc, s)| (sc, s.text.as_str())),
        &mut found,
    );
    let entity_values: Vec<crate::rubric::EntityValues> = (0..rubric.entities().len())
        .map(|tag| {
            let mut v = crate::rubric::EntityValues::default();
            rubric.entities().values(
                tag as u16,
                &found,
                |i| segs[i as usize].text.as_str(),
                &mut v,
            );
            rubric.entities().add_line_values(
                tag as u16,
                env(segs).zip(segs).map(|(sc, s)| (sc, s.text.as_str())),
                &mut v,
            );
            v
        })
        .collect();
    let ok = |t: &Term, h: &(u32, usize, usize, usize), negation: bool| -> bool {
        let (p, si, start, end) = *h;
        let s = &segs[si];
        if p != t.pattern() || !rule.scopes().contains(s.scope) {
            return false;
        }
        let tool_scope = matches!(s.scope, Scope::ToolArgs | Scope::ToolName);
        if tool_scope
            && !rule.tools().is_empty()
            && !rule.tools().iter().any(|g| glob_match(g, &s.tool))
        {
            return false;
        }
        let keyed = matches!(s.scope, Scope::ToolArgs | Scope::Act | Scope::Command);
        if t.args().is_some() && !keyed {
            return false;
        }
        let keys = t.args().unwrap_or(rule.args());
        if keyed && !keys.is_empty() && !keys.iter().any(|k| k.eq_ignore_ascii_case(&s.key)) {
            return false;
        }
        if negation {
            let negated = hits.iter().any(|c| {
                c.1 == si
                    && rule.negated_by().contains(&c.0)
                    && c.3 <= start
                    && start - c.3 <= rule.negation_window()
                    && !s.text[c.3..start].contains(['.', '!', '?', ';', ',', '\n'])
            });
            let warned = hits.iter().any(|c| {
                c.1 == si
                    && rule.warned_by().contains(&c.0)
                    && c.2 >= end
                    && c.2 - end <= rule.warning_window()
                    && !s.text[end..c.2].contains("\n\n")
            });
            if negated || warned {
                return false;
            }
        }
        if let Some(e) = t.refers_to()
            && !crate::rubric::refers(&s.text[start..end], &entity_values[e as usize])
        {
            return false;
        }
        if t.external() && !external_host(&s.text[start..end], org.iter().map(String::as_str)) {
            return false;
        }
        true
    };
    let anchors: Vec<&Term> = if rule.all().is_empty() {
        rule.any().iter().collect()
    } else {
        vec![&rule.all()[0]]
    };
    for a in hits
        .iter()
        .filter(|h| anchors.iter().any(|t| ok(t, h, true)))
    {
        let unit = unit_of(rule.unit(), &segs[a.1], a.1);
        let in_unit = |h: &&(u32, usize, usize, usize)| {
            unit_of(rule.unit(), &segs[h.1], h.1) == unit
                && rule
                    .within()
                    .is_none_or(|w| h.1 == a.1 && h.2.abs_diff(a.2) <= w)
        };
        let has = |t: &Term, neg: bool| hits.iter().filter(in_unit).any(|h| ok(t, h, neg));
        let all = rule.all().iter().skip(1).all(|t| has(t, true));
        let any = rule.all().is_empty()
            || rule.any().is_empty()
            || rule.any().iter().any(|t| has(t, true));
        let none = !rule.none().iter().any(|t| has(t, false));
        if all && any && none {
            return true;
        }
    }
    let _ = rubric;
    false
}

fn organisation(segs: &[RefSegment]) -> Vec<String> {
    let mut sys: Vec<String> = Vec::new();
    for s in segs.iter().filter(|s| s.scope == Scope::System) {
        for d in email_domains(&s.text).chain(declared_domains(&s.text)) {
            if !sys.iter().any(|o| o.eq_ignore_ascii_case(d)) {
                sys.push(d.to_string());
            }
        }
    }
    if !sys.is_empty() {
        return sys;
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for scope in [Scope::User, Scope::ToolResult] {
        if !counts.is_empty() {
            break;
        }
        for s in segs.iter().filter(|s| s.scope == scope) {
            for d in email_domains(&s.text) {
                match counts.iter_mut().find(|(o, _)| o.eq_ignore_ascii_case(d)) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((d.to_string(), 1)),
                }
            }
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max();
    counts
        .into_iter()
        .find(|(_, n)| Some(*n) == best)
        .map(|(d, _)| d)
        .into_iter()
        .collect()
}
