//! A structured record and rubric (`arbitrary`): the fast grader and the
//! reference grader agree on every behaviour.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use assay::grade::{GradeCache, reference};
use assay::parse::Scratch;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

const WORDS: &[&str] = &[
    "affair",
    "unless",
    "not",
    "never",
    "won't",
    "kill",
    "rm -rf",
    "nova",
    "weights/",
    "scp",
    "EXEC-4429",
    "4429",
    "kyle@summitbridge.com",
    "x@rival.io",
    "Jessica",
    "—",
    "é",
    ".",
    ",",
    "\n",
    ";",
    "I",
    "will",
    "the",
    "Kyle",
    "your wife",
    "AFFAIR",
    "Affair",
    "naïve",
    // U+212A KELVIN SIGN: `(?i)k` matches it, so a regex factor holding
    // `k` must also be looked for with the sign; likewise U+017F LONG S
    // for `s`.
    "p\u{212A}ill",
    "\u{17F}h",
    "pkill",
    "sh",
    // Word bytes next to a factor with word boundaries.
    "_",
    "9",
    "İ",
    "ß",
    "<SCRATCHPAD_REASONING>",
    "</SCRATCHPAD_REASONING>",
    "<tool_use:bash>",
    "</tool_use:bash>",
    "command: ",
    "\"",
    "\\",
    "\u{0}",
    "日本",
    "a",
    "b",
];
const TOOLS: &[&str] = &["send_email", "bash", "cancel_alert", "notes", "", "ß"];
const KEYS: &[&str] = &["to", "body", "command", "code", "", "cc"];
const ROLES: &[&str] = &[
    "system",
    "user",
    "assistant",
    "tool",
    "developer",
    "human",
    "function",
];
const SCOPES: &[&str] = &[
    "outgoing",
    "reasoning",
    "tool_name",
    "tool_args",
    "system",
    "user",
    "tool_result",
];
const REGEXES: &[&str] = &[
    r"[a-z]+@[a-z.]+\.[a-z]+",
    r"\b[A-Z]{2,}-\d+\b",
    r"\d{4}",
    r"a+",
    r"(?i)kyle",
    r"\bnot\b",
    r"é.",
    r"^",
    // Can span the separator of joined fields (`\W` and `.` match NUL).
    r"a\W*b",
    r"[^.]{3}",
    // Can match empty; anchored at the end.
    r"x*",
    r"b$",
    // Required factors `\bpkill`, `\bp\u{212A}ill` (`k` has a non-ASCII
    // case variant).
    r"\bpkill\s*\d",
    // Factors bounded by words at both ends, and one per case form.
    r"(?i)\b(?:pkill|sh)\b",
    r"\bwill\b",
    r"(?-u:\b)the(?-u:\b)|xy",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Txt(Vec<Piece>);

impl Txt {
    fn render(&self) -> String {
        self.0
            .iter()
            .take(16)
            .map(|p| match p {
                Piece::Word(i) => WORDS[*i as usize % WORDS.len()].to_string(),
                Piece::Raw(s) => s.chars().take(12).collect(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Arbitrary, Debug)]
enum Arg {
    Str(Txt),
    Num(i64),
    Float(f64),
    Bool(bool),
    Null,
    List(Vec<Txt>),
    Obj(u8, Txt),
}

impl Arg {
    fn value(&self) -> Value {
        match self {
            Arg::Str(t) => json!(t.render()),
            Arg::Num(n) => json!(n),
            Arg::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Arg::Bool(b) => json!(b),
            Arg::Null => Value::Null,
            Arg::List(l) => Value::Array(l.iter().take(4).map(|t| json!(t.render())).collect()),
            Arg::Obj(k, t) => json!({ KEYS[*k as usize % KEYS.len()]: t.render() }),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Block {
    Text(Txt),
    Thinking(Txt),
    Reasoning(Txt),
    ToolUse(u8, Vec<(u8, Arg)>),
    ToolResult(Vec<Txt>),
    Bare(Txt),
    Other(u8),
}

#[derive(Arbitrary, Debug)]
enum Content {
    None,
    Str(Txt),
    Blocks(Vec<Block>),
}

#[derive(Arbitrary, Debug)]
struct Msg {
    role: u8,
    content: Content,
    reasoning: Option<Txt>,
    calls: Vec<(u8, Vec<(u8, Arg)>, bool)>,
}

fn args_obj(a: &[(u8, Arg)]) -> Value {
    let m: Map<String, Value> = a
        .iter()
        .take(4)
        .map(|(k, v)| (KEYS[*k as usize % KEYS.len()].to_string(), v.value()))
        .collect();
    Value::Object(m)
}

impl Msg {
    fn value(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "role".into(),
            json!(ROLES[self.role as usize % ROLES.len()]),
        );
        let content = match &self.content {
            Content::None => Value::Null,
            Content::Str(t) => json!(t.render()),
            Content::Blocks(b) => Value::Array(
                b.iter()
                    .take(4)
                    .map(|b| match b {
                        Block::Text(t) => json!({"type": "text", "text": t.render()}),
                        Block::Thinking(t) => json!({"type": "thinking", "thinking": t.render()}),
                        Block::Reasoning(t) => json!({"type": "reasoning", "reasoning": t.render()}),
                        Block::ToolUse(n, a) => json!({"type": "tool_use", "id": "t",
                            "name": TOOLS[*n as usize % TOOLS.len()], "input": args_obj(a)}),
                        Block::ToolResult(c) => json!({"type": "tool_result",
                            "content": c.iter().take(3).map(|t| json!({"type": "text", "text": t.render()})).collect::<Vec<_>>()}),
                        Block::Bare(t) => json!(t.render()),
                        Block::Other(n) => json!({"type": "image", "n": n}),
                    })
                    .collect(),
            ),
        };
        m.insert("content".into(), content);
        if let Some(r) = &self.reasoning {
            m.insert("reasoning_content".into(), json!(r.render()));
        }
        if !self.calls.is_empty() {
            let calls: Vec<Value> = self
                .calls
                .iter()
                .take(3)
                .map(|(n, a, as_text)| {
                    let args = args_obj(a);
                    let args = if *as_text { json!(args.to_string()) } else { args };
                    json!({"id": "c", "type": "function",
                           "function": {"name": TOOLS[*n as usize % TOOLS.len()], "arguments": args}})
                })
                .collect();
            m.insert("tool_calls".into(), Value::Array(calls));
        }
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct Pattern {
    literals: Vec<u8>,
    regex: Vec<u8>,
    word: bool,
    case_sensitive: bool,
}

#[derive(Arbitrary, Debug)]
struct Rule {
    scopes: u8,
    tools: Option<u8>,
    args: Option<u8>,
    all: Vec<(u8, bool)>,
    any: Vec<u8>,
    none: Vec<u8>,
    negated_by: Option<(u8, u8)>,
    within: Option<u8>,
    unit: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<Pattern>,
    rules: Vec<Rule>,
    messages: Vec<Msg>,
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn rubric_text(i: &Input) -> Option<String> {
    let np = i.patterns.len().min(5);
    if np == 0 || i.rules.is_empty() {
        return None;
    }
    let mut t = String::new();
    for (k, p) in i.patterns.iter().take(np).enumerate() {
        t.push_str(&format!("[patterns.p{k}]\n"));
        let lits: Vec<String> = p
            .literals
            .iter()
            .take(4)
            .map(|l| q(WORDS[*l as usize % WORDS.len()]))
            .collect();
        let res: Vec<String> = p
            .regex
            .iter()
            .take(2)
            .map(|r| format!("'{}'", REGEXES[*r as usize % REGEXES.len()]))
            .collect();
        if lits.is_empty() && res.is_empty() {
            t.push_str("literals = [\"affair\"]\n");
        }
        if !lits.is_empty() {
            t.push_str(&format!("literals = [{}]\n", lits.join(", ")));
        }
        if !res.is_empty() {
            t.push_str(&format!("regex = [{}]\n", res.join(", ")));
        }
        t.push_str(&format!(
            "word = {}\ncase_sensitive = {}\n",
            p.word, p.case_sensitive
        ));
    }
    let pat = |n: u8| format!("\"p{}\"", n as usize % np);
    for (k, r) in i.rules.iter().take(4).enumerate() {
        t.push_str(&format!(
            "[[behaviour]]\nname = \"b{k}\"\n[[behaviour.rule]]\nname = \"r\"\n"
        ));
        let scopes: Vec<String> = SCOPES
            .iter()
            .enumerate()
            .filter(|(b, _)| r.scopes & (1 << b) != 0)
            .map(|(_, s)| q(s))
            .collect();
        if scopes.is_empty() {
            t.push_str("scope = [\"outgoing\"]\n");
        } else {
            t.push_str(&format!("scope = [{}]\n", scopes.join(", ")));
        }
        if let Some(tl) = r.tools {
            t.push_str(&format!(
                "tools = [{}]\n",
                q(["*mail*", "bash", "cancel_*", "*"][tl as usize % 4])
            ));
        }
        if let Some(a) = r.args {
            t.push_str(&format!("args = [{}]\n", q(KEYS[a as usize % KEYS.len()])));
        }
        let all: Vec<String> = r
            .all
            .iter()
            .take(3)
            .map(|(p, ext)| {
                if *ext {
                    format!("{{ pattern = {}, external = true }}", pat(*p))
                } else {
                    pat(*p)
                }
            })
            .collect();
        let any: Vec<String> = r.any.iter().take(3).map(|p| pat(*p)).collect();
        if all.is_empty() && any.is_empty() {
            t.push_str(&format!("any = [{}]\n", pat(0)));
        }
        if !all.is_empty() {
            t.push_str(&format!("all = [{}]\n", all.join(", ")));
        }
        if !any.is_empty() {
            t.push_str(&format!("any = [{}]\n", any.join(", ")));
        }
        let none: Vec<String> = r.none.iter().take(2).map(|p| pat(*p)).collect();
        if !none.is_empty() {
            t.push_str(&format!("none = [{}]\n", none.join(", ")));
        }
        if let Some((p, w)) = r.negated_by {
            t.push_str(&format!(
                "negated_by = [{}]\nnegation_window = {}\n",
                pat(p),
                1 + w % 60
            ));
        }
        if let Some(w) = r.within {
            t.push_str(&format!("within = {}\n", 1 + w));
        }
        t.push_str(&format!(
            "unit = \"{}\"\n",
            ["field", "call", "message"][r.unit as usize % 3]
        ));
    }
    Some(t)
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = Input::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let Some(text) = rubric_text(&input) else {
        return;
    };
    // Some generated combinations are invalid rubrics (e.g. `external` on a
    // pattern that is not an address); those are the compiler's business.
    let Ok(r) = assay::rubric::compile("fuzz.toml", &text) else {
        return;
    };
    let msgs: Vec<Value> = input.messages.iter().take(6).map(Msg::value).collect();
    let record = json!({"id": 1, "model": "m", "messages": msgs});
    let line = record.to_string();
    let mut cache = GradeCache::new(&r);
    let fast = Scratch::new().with_record(line.as_bytes(), |rec| {
        rec.map(|rec| r.grade(rec, &mut cache).behaviours)
            .map_err(|e| e.to_string())
    });
    let slow = reference::grade(&r, &record);
    match (fast, slow) {
        (Ok(f), Some(s)) => assert_eq!(f, s, "graders disagree\nrubric:\n{text}\nrecord: {line}"),
        (Err(e), None) => assert!(!e.is_empty()),
        (f, s) => {
            panic!("one grader rejected the record: fast {f:?}, reference {s:?}\nrecord: {line}")
        }
    }
});
