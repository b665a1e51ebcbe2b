//! Parse: one JSON line → a borrowed view of the transcript ([`Record`]).
//!
//! This module owns the record contract of `docs/input.md`: which fields
//! are required, which message shapes exist, and how each piece of text is
//! classified into a [`Scope`] (the agent's outgoing words, its reasoning, a
//! tool call's name or argument, or prompt/tool-result text). It does not
//! decide what the text *means*; that is the grader's job.
//!
//! Cost model: a line is copied once into a per-thread [`Scratch`] buffer
//! (simd-json parses in place and needs `&mut [u8]`), parsed into a reused
//! tape, and walked once. Every string the grader sees borrows that buffer;
//! the few values that must be materialised (tool arguments sent as JSON
//! *text*, numbers used as arguments) are copied into a reused arena. The
//! walk itself allocates nothing in steady state; reading a tool call's
//! acts ([`acts`]) does, a few small strings per call (its argument list,
//! each act's target, the words of a shell line); docs/performance.md has
//! what that costs per record.
//!
//! Duplicate keys: the last value wins, because the walk visits keys in order
//! and overwrites (JSONTestSuite `y_object_duplicated_key`).

pub mod acts;
mod freetext;
pub mod shell;

use simd_json::prelude::*;
use simd_json::tape::{Tape, Value};
use simd_json::{Buffers, INPUT_PADDING};
use std::fmt;

pub use freetext::{FreeTextPiece, split_free_text, unescape};

/// Sentinel for [`Segment::call`] when the text is not part of a tool call.
pub const NO_CALL: u32 = u32::MAX;

/// Where a piece of text sits in the transcript. Rubric rules name scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Scope {
    /// Assistant text outside reasoning and tool-call sections: its words to humans.
    Outgoing = 0,
    /// `thinking`/`reasoning` blocks, `reasoning_content`, `<SCRATCHPAD_REASONING>`.
    Reasoning = 1,
    /// The name of a tool the assistant called.
    ToolName = 2,
    /// An argument value of a tool call the assistant made.
    ToolArgs = 3,
    /// System-prompt text (never the agent's words).
    System = 4,
    /// User-turn text (never the agent's words).
    User = 5,
    /// Tool results returned to the agent (never the agent's words).
    ToolResult = 6,
    /// An act a tool call carries, read from its arguments whatever the tool
    /// is called ([`acts`]): the segment's `key` is the verb (`write`,
    /// `delete`, `kill`, …), its text the target.
    Act = 7,
    /// The whole text of a tool-call argument read as a shell line (key
    /// `shell`) or as program text (key `program`), whatever the tool is
    /// called: rules written for command text read it here.
    Command = 8,
}

impl Scope {
    /// Every scope, in bit order.
    pub const ALL: [Scope; 9] = [
        Scope::Outgoing,
        Scope::Reasoning,
        Scope::ToolName,
        Scope::ToolArgs,
        Scope::System,
        Scope::User,
        Scope::ToolResult,
        Scope::Act,
        Scope::Command,
    ];

    /// The name used in rubrics and reports.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Outgoing => "outgoing",
            Scope::Reasoning => "reasoning",
            Scope::ToolName => "tool_name",
            Scope::ToolArgs => "tool_args",
            Scope::System => "system",
            Scope::User => "user",
            Scope::ToolResult => "tool_result",
            Scope::Act => "act",
            Scope::Command => "command",
        }
    }

    /// Inverse of [`Scope::name`].
    pub fn from_name(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|sc| sc.name() == s)
    }

    /// This scope as a bit in a [`ScopeSet`].
    pub fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

/// A set of scopes as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ScopeSet(pub u16);

impl ScopeSet {
    /// Whether `s` is in the set.
    pub fn contains(self, s: Scope) -> bool {
        self.0 & s.bit() != 0
    }
    /// Adds `s`.
    pub fn insert(&mut self, s: Scope) {
        self.0 |= s.bit();
    }
}

/// A string that lives either in the parsed line or in the record's arena.
#[derive(Clone, Copy, Debug)]
pub enum Text<'a> {
    /// Borrowed from the (unescaped) line buffer.
    Borrowed(&'a str),
    /// A byte range of [`Record::arena`].
    Arena(u32, u32),
}

/// One text field of a transcript, classified.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    /// Where the text sits.
    pub scope: Scope,
    /// Index of the message in `messages` (0-based).
    pub message: u32,
    /// Index of the tool call within the message, or [`NO_CALL`].
    pub call: u32,
    /// Name of the tool for tool-call scopes (else `""`).
    pub tool: Text<'a>,
    /// Argument key for [`Scope::ToolArgs`] (innermost object key; else `""`).
    pub key: Text<'a>,
    /// The text itself.
    pub text: Text<'a>,
}

/// Why a line is malformed. Displayed in reports; says what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset within the line where the problem was found, when known.
    pub at: Option<usize>,
    /// What is wrong, in words.
    pub reason: String,
}

impl ParseError {
    fn new(reason: impl Into<String>) -> Self {
        ParseError {
            at: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{} (at byte {} of the line)", self.reason, at),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for ParseError {}

/// The sample id: a string or an integer, kept as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Id<'a> {
    /// `"id": "bm-0007"`
    Str(&'a str),
    /// `"id": 7`
    Int(i64),
    /// `"id": 18446744073709551615`
    UInt(u64),
}

impl fmt::Display for Id<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Str(s) => f.write_str(s),
            Id::Int(i) => write!(f, "{i}"),
            Id::UInt(u) => write!(f, "{u}"),
        }
    }
}

/// A parsed transcript, borrowing the worker's [`Scratch`].
pub struct Record<'t, 'a> {
    /// The whole JSON object, for JSON Pointer look-ups (`--by`, `--cluster`).
    pub root: Value<'t, 'a>,
    /// `id`.
    pub id: Id<'a>,
    /// `model`.
    pub model: &'a str,
    /// `scenario` (default `""`).
    pub scenario: &'a str,
    /// `condition` (default `""`).
    pub condition: &'a str,
    /// `epoch`, when present.
    pub epoch: Option<i64>,
    /// Every text field, in transcript order.
    pub segments: &'t [Segment<'a>],
    /// Storage for [`Text::Arena`] values.
    pub arena: &'t str,
    /// Number of messages.
    pub messages: u32,
}

impl<'t, 'a> Record<'t, 'a> {
    /// Resolves a [`Text`] to its string.
    pub fn text(&self, t: Text<'a>) -> &'t str
    where
        'a: 't,
    {
        match t {
            Text::Borrowed(s) => s,
            Text::Arena(a, b) => self.arena.get(a as usize..b as usize).unwrap_or(""),
        }
    }

    /// Looks up a field by name (`model`) or JSON Pointer (`/metadata/goal`),
    /// rendered as text: strings as-is, numbers and booleans as JSON, `null`
    /// and absent as `None`. Objects and arrays render as `None` too: they
    /// make poor group keys.
    pub fn lookup(&self, key: &FieldPath, out: &mut String) -> bool {
        let v = match key {
            FieldPath::Field(name) => self.root.get(name.as_str()),
            FieldPath::Pointer(parts) => pointer(self.root, parts),
            FieldPath::Composite(parts) => {
                // Parts joined by a separator that field text cannot contain;
                // an absent part is left empty, so `id` alone still pairs.
                let mut any = false;
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push('\u{1f}');
                    }
                    any |= self.lookup(p, out);
                }
                return any;
            }
        };
        match v {
            Some(v) => scalar_text(v, out),
            None => false,
        }
    }
}

/// A `--by`/`--cluster` key: a top-level field name or a JSON Pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPath {
    /// A top-level field, e.g. `model`.
    Field(String),
    /// RFC 6901 pointer tokens, already unescaped (`~1` → `/`, `~0` → `~`).
    Pointer(Vec<String>),
    /// Several fields read together, e.g. `id,epoch` for pairing.
    Composite(Vec<FieldPath>),
}

impl FieldPath {
    /// Parses `model` or `/metadata/goal_type`.
    pub fn parse(s: &str) -> Result<FieldPath, String> {
        if s.is_empty() {
            return Err("an empty field name; use a name like `model` or a JSON Pointer like `/metadata/goal`".into());
        }
        if let Some(rest) = s.strip_prefix('/') {
            let parts = rest
                .split('/')
                .map(|p| p.replace("~1", "/").replace("~0", "~"))
                .collect();
            Ok(FieldPath::Pointer(parts))
        } else {
            Ok(FieldPath::Field(s.to_string()))
        }
    }

    /// Parses a comma-separated list (`id,epoch`) into one key.
    pub fn parse_list(s: &str) -> Result<FieldPath, String> {
        let parts = s
            .split(',')
            .map(|p| FieldPath::parse(p.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match <[FieldPath; 1]>::try_from(parts) {
            Ok([one]) => one,
            Err(parts) => FieldPath::Composite(parts),
        })
    }

    /// The label used for this key in reports (`model`, `/metadata/goal`).
    pub fn label(&self) -> String {
        match self {
            FieldPath::Composite(parts) => parts
                .iter()
                .map(FieldPath::label)
                .collect::<Vec<_>>()
                .join(","),
            FieldPath::Field(f) => f.clone(),
            FieldPath::Pointer(p) => {
                let mut s = String::new();
                for part in p {
                    s.push('/');
                    s.push_str(&part.replace('~', "~0").replace('/', "~1"));
                }
                s
            }
        }
    }
}

fn pointer<'t, 'a>(root: Value<'t, 'a>, parts: &[String]) -> Option<Value<'t, 'a>> {
    let mut cur = root;
    for p in parts {
        cur = if let Some(o) = cur.as_object() {
            // Last duplicate wins, as everywhere else.
            o.iter().filter(|(k, _)| *k == p.as_str()).last()?.1
        } else if let Some(a) = cur.as_array() {
            let i: usize = p.parse().ok()?;
            a.get(i)?
        } else {
            return None;
        };
    }
    Some(cur)
}

fn scalar_text(v: Value<'_, '_>, out: &mut String) -> bool {
    use std::fmt::Write;
    if let Some(s) = v.into_string() {
        out.push_str(s);
    } else if let Some(b) = v.as_bool() {
        out.push_str(if b { "true" } else { "false" });
    } else if let Some(i) = v.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(u) = v.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(f) = v.as_f64() {
        // Written as JSON writes it (shortest round trip, with an exponent
        // when large), as the reference grader sees it; `{f}` would spell
        // 1e300 in 301 digits, letting a line of big numbers overflow the
        // arena's 32-bit offsets (regression r_huge_floats).
        match serde_json::Number::from_f64(f) {
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => return false,
        }
    } else {
        return false;
    }
    true
}

/// Per-thread parse state, reused for every record so the hot loop does not
/// allocate: the padded line copy, simd-json's buffers, the tapes, the
/// segment list and the arena.
pub struct Scratch {
    line: Vec<u8>,
    args: Vec<u8>,
    buffers: Buffers,
    tape: Tape<'static>,
    args_tape: Tape<'static>,
    segments: Vec<Segment<'static>>,
    arena: String,
    acts: Vec<(acts::Verb, String)>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl fmt::Debug for Scratch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scratch").finish_non_exhaustive()
    }
}

/// Re-types an empty vector so its allocation can hold values of another
/// lifetime. The in-place `collect` specialisation reuses the buffer because
/// the element layouts are identical; no `unsafe` is needed.
fn recycle<'x, 'y>(mut v: Vec<Segment<'x>>) -> Vec<Segment<'y>> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("vector is empty"))
        .collect()
}

impl Scratch {
    /// Fresh, empty scratch space; it grows to the largest record seen.
    pub fn new() -> Scratch {
        Scratch {
            line: Vec::new(),
            args: Vec::new(),
            buffers: Buffers::new(4096),
            tape: Tape(Vec::new()),
            args_tape: Tape(Vec::new()),
            segments: Vec::new(),
            arena: String::new(),
            acts: Vec::new(),
        }
    }

    /// Parses `line` and hands the record (or why it is malformed) to `f`.
    ///
    /// The record borrows this scratch space, hence the callback shape.
    pub fn with_record<R>(
        &mut self,
        line: &[u8],
        f: impl FnOnce(Result<&Record<'_, '_>, ParseError>) -> R,
    ) -> R {
        let Scratch {
            line: buf,
            args,
            buffers,
            tape,
            args_tape,
            segments,
            arena,
            acts,
        } = self;
        buf.clear();
        buf.extend_from_slice(line);
        let len = buf.len();
        buf.resize(len + INPUT_PADDING, 0);
        arena.clear();
        let mut t: Tape<'_> = std::mem::replace(tape, Tape(Vec::new())).reset();
        let mut segs: Vec<Segment<'_>> = recycle(std::mem::take(segments));
        let out = match simd_json::fill_tape_padded(buf, len, buffers, &mut t) {
            Err(e) => f(Err(json_error(&e, line))),
            Ok(()) => {
                let mut walker = Walker {
                    depth: 0,
                    segs: &mut segs,
                    arena,
                    args,
                    args_tape,
                    buffers,
                    acts,
                };
                match build(&t, &mut walker) {
                    Err(e) => f(Err(e)),
                    // Arena offsets are 32-bit; numbers written out can be
                    // longer than as typed, so a record near simd-json's
                    // 4 GiB limit could overflow them. Refuse it whole.
                    Ok(_) if arena.len() > u32::MAX as usize => f(Err(ParseError::new(
                        "the record's tool arguments expand past 4 GiB; it was not graded",
                    ))),
                    Ok(mut rec) => {
                        rec.segments = &segs;
                        rec.arena = arena;
                        f(Ok(&rec))
                    }
                }
            }
        };
        *segments = recycle(segs);
        *tape = t.reset();
        out
    }
}

impl Scratch {
    /// Only the simd-json tape parse of `line`, nothing else: the baseline
    /// `assay bench` compares the whole grading pipeline against.
    pub fn parse_only(&mut self, line: &[u8]) -> Result<usize, ParseError> {
        self.line.clear();
        self.line.extend_from_slice(line);
        let len = self.line.len();
        self.line.resize(len + INPUT_PADDING, 0);
        let mut t: Tape<'_> = std::mem::replace(&mut self.tape, Tape(Vec::new())).reset();
        let r = simd_json::fill_tape_padded(&mut self.line, len, &mut self.buffers, &mut t)
            .map(|()| t.0.len())
            .map_err(|e| json_error(&e, line));
        self.tape = t.reset();
        r
    }
}

/// What simd-json's error `e` on `line` means to a user. Where simd-json's
/// position is not the problem's (it reports invalid UTF-8 at byte 0, and
/// some stray bytes as an internal error), the line itself is looked at.
fn json_error(e: &simd_json::Error, line: &[u8]) -> ParseError {
    use simd_json::ErrorType as E;
    let mut at = e.index();
    let what = match e.error() {
        E::InvalidUtf8 => {
            if let Err(u) = std::str::from_utf8(line) {
                at = u.valid_up_to();
            }
            "the line is not valid UTF-8".to_string()
        }
        E::Eof => "the JSON ends early (truncated line?)".to_string(),
        E::TrailingData => "there is data after the JSON value".to_string(),
        E::InvalidEscape => "an invalid escape sequence in a string".to_string(),
        E::InvalidUnicodeEscape | E::InvalidUnicodeCodepoint => {
            "an invalid \\u escape (e.g. a lone surrogate)".to_string()
        }
        E::InvalidNumber | E::InvalidExponent => "an invalid or out-of-range number".to_string(),

        E::DepthLimitExceeded => {
            "the JSON is nested too deeply (over 1024 levels); the line was not graded".to_string()
        }
        E::InputTooLarge => "the line is larger than 4 GiB".to_string(),
        E::ExpectedNull | E::ExpectedTrue | E::ExpectedFalse | E::ExpectedNumber => {
            "invalid JSON: not a JSON value here (a stray word or character?)".to_string()
        }
        E::ExpectedObjectColon => "invalid JSON: expected `:` after an object key".to_string(),
        E::ExpectedMapComma | E::ExpectedMapEnd => {
            "invalid JSON: expected `,` or `}` in an object".to_string()
        }
        E::ExpectedArrayComma => "invalid JSON: expected `,` or `]` in an array".to_string(),
        E::ExpectedString | E::KeyMustBeAString | E::BadKeyType => {
            "invalid JSON: object keys must be strings".to_string()
        }
        E::ExpectedObjectKey => "invalid JSON: expected a string key in an object".to_string(),
        E::Syntax => "invalid JSON syntax (a truncated line, or a stray character?)".to_string(),
        // simd-json reports some malformed input, e.g. raw NUL bytes between
        // values, as an internal error; to the user it is invalid JSON.
        E::InternalError => {
            let (reason, found) = stray_bytes(line);
            at = found.unwrap_or(at);
            reason.to_string()
        }
        other => format!("invalid JSON ({other:?})"),
    };
    ParseError {
        at: Some(at),
        reason: what,
    }
}

/// Why simd-json gave up on `line` without saying (its internal error), and
/// where: a byte-order mark past the start (files concatenated with their
/// BOMs), a carriage return between values (a file with CR-only line
/// ends reads as one line), another control character, or plain bad
/// syntax such as `[,]`.
fn stray_bytes(line: &[u8]) -> (&'static str, Option<usize>) {
    if let Some(i) = memchr::memmem::find(line, b"\xEF\xBB\xBF") {
        return (
            "invalid JSON: a byte-order mark (EF BB BF) inside the line; were files with BOMs \
             concatenated? Strip the marks (e.g. `sed 's/\\xEF\\xBB\\xBF//g'`)",
            Some(i),
        );
    }
    if let Some(i) = memchr::memchr(b'\r', line) {
        return (
            "invalid JSON: a carriage return between values; the file may end its lines with \
             CR alone (classic Mac), which reads as one line: convert them to \\n \
             (e.g. `tr '\\r' '\\n'`)",
            Some(i),
        );
    }
    if let Some(i) = line
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n') || b == 0x7f)
    {
        return (
            "invalid JSON: a NUL or other control character outside a string",
            Some(i),
        );
    }
    (
        "invalid JSON syntax (a stray `,`, a missing value, or a truncated line?)",
        None,
    )
}

/// How deep the walker follows nested tool arguments and nested tool
/// results. The walk is recursive; without a limit, a 200 KB line of
/// `[[[[…]]]]` inside a tool call overflows the stack (regression
/// r_deep_nesting). Nesting in fields the walker does not read is not limited
/// (simd-json's own parse is iterative).
pub const MAX_NESTING: u32 = 128;

fn too_deep() -> ParseError {
    ParseError::new(format!(
        "tool arguments or tool results are nested deeper than {MAX_NESTING} levels; \
         such records are not graded (flatten them at the source)"
    ))
}

struct Walker<'w, 'a> {
    depth: u32,
    segs: &'w mut Vec<Segment<'a>>,
    arena: &'w mut String,
    args: &'w mut Vec<u8>,
    args_tape: &'w mut Tape<'static>,
    buffers: &'w mut Buffers,
    /// The acts of the call being read (reused).
    acts: &'w mut Vec<(acts::Verb, String)>,
}

fn type_name(v: Value<'_, '_>) -> &'static str {
    match v.value_type() {
        ValueType::Null => "null",
        ValueType::Bool => "a boolean",
        ValueType::String => "a string",
        ValueType::Array => "an array",
        ValueType::Object => "an object",
        _ => "a number",
    }
}

fn build<'t, 'a>(tape: &'t Tape<'a>, w: &mut Walker<'_, 'a>) -> Result<Record<'t, 'a>, ParseError> {
    let root = tape.as_value();
    let Some(obj) = root.as_object() else {
        return Err(ParseError::new(format!(
            "the line is {}, not a JSON object; each line must be one transcript object",
            type_name(root)
        )));
    };
    let mut id = None;
    let mut model = None;
    let mut scenario = "";
    let mut condition = "";
    let mut epoch = None;
    let mut messages = None;
    // Last duplicate wins: later keys overwrite earlier ones.
    for (k, v) in obj.iter() {
        match k {
            "id" => {
                id = Some(if let Some(s) = v.into_string() {
                    Id::Str(s)
                } else if v.value_type() == ValueType::I64 || v.value_type() == ValueType::U64 {
                    match v.as_i64() {
                        Some(i) => Id::Int(i),
                        None => Id::UInt(v.as_u64().unwrap_or(0)),
                    }
                } else {
                    return Err(ParseError::new(format!(
                        "field `id` must be a string or an integer, found {}",
                        type_name(v)
                    )));
                })
            }
            "model" => {
                model = Some(v.into_string().ok_or_else(|| {
                    ParseError::new(format!(
                        "field `model` must be a string, found {}",
                        type_name(v)
                    ))
                })?)
            }
            "scenario" => scenario = optional_str(v, "scenario")?,
            "condition" => condition = optional_str(v, "condition")?,
            "epoch" => {
                epoch = if v.is_null() {
                    None
                } else {
                    Some(v.as_i64().ok_or_else(|| {
                        ParseError::new(format!(
                            "field `epoch` must be an integer, found {}",
                            type_name(v)
                        ))
                    })?)
                }
            }
            "messages" => messages = Some(v),
            _ => {}
        }
    }
    let id = id.ok_or_else(|| ParseError::new("missing required field `id`"))?;
    let model = model.ok_or_else(|| ParseError::new("missing required field `model`"))?;
    let messages = messages.ok_or_else(|| ParseError::new("missing required field `messages`"))?;
    let Some(list) = messages.as_array() else {
        return Err(ParseError::new(format!(
            "field `messages` must be an array, found {}",
            type_name(messages)
        )));
    };
    let mut count = 0u32;
    for (i, m) in list.iter().enumerate() {
        let i = u32::try_from(i).map_err(|_| ParseError::new("more than 4 billion messages"))?;
        message(i, m, w)?;
        count = i + 1;
    }
    Ok(Record {
        root,
        id,
        model,
        scenario,
        condition,
        epoch,
        segments: &[],
        arena: "",
        messages: count,
    })
}

fn optional_str<'a>(v: Value<'_, 'a>, name: &str) -> Result<&'a str, ParseError> {
    if v.is_null() {
        return Ok("");
    }
    v.into_string().ok_or_else(|| {
        ParseError::new(format!(
            "field `{name}` must be a string, found {}",
            type_name(v)
        ))
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    System,
    User,
    Assistant,
    Tool,
}

fn message<'a>(i: u32, m: Value<'_, 'a>, w: &mut Walker<'_, 'a>) -> Result<(), ParseError> {
    let Some(obj) = m.as_object() else {
        return Err(ParseError::new(format!(
            "messages[{i}] must be an object, found {}",
            type_name(m)
        )));
    };
    let mut role = None;
    let mut content = None;
    let mut tool_calls = None;
    let mut reasoning: [Option<&'a str>; 2] = [None, None];
    for (k, v) in obj.iter() {
        match k {
            "role" => {
                let r = v.into_string().ok_or_else(|| {
                    ParseError::new(format!(
                        "messages[{i}].role must be a string, found {}",
                        type_name(v)
                    ))
                })?;
                role = Some(match r {
                    "system" | "developer" => Role::System,
                    "user" | "human" => Role::User,
                    "assistant" => Role::Assistant,
                    "tool" | "function" => Role::Tool,
                    other => {
                        return Err(ParseError::new(format!(
                            "messages[{i}].role is `{other}`; expected system, user, assistant or tool"
                        )));
                    }
                });
            }
            "content" => content = Some(v),
            "tool_calls" => tool_calls = Some(v),
            "reasoning_content" => reasoning[0] = v.into_string(),
            "reasoning" => reasoning[1] = v.into_string(),
            _ => {}
        }
    }
    let role = role.ok_or_else(|| ParseError::new(format!("messages[{i}] has no `role`")))?;
    let mut calls = 0u32;
    if role == Role::Assistant {
        for r in reasoning.into_iter().flatten() {
            w.push(
                Scope::Reasoning,
                i,
                NO_CALL,
                Text::Borrowed(""),
                Text::Borrowed(""),
                Text::Borrowed(r),
            );
        }
    }
    if let Some(c) = content {
        content_value(i, role, c, &mut calls, w)?;
    }
    if role == Role::Assistant
        && let Some(tc) = tool_calls
        && let Some(arr) = tc.as_array()
    {
        for call in arr.iter() {
            openai_call(i, calls, call, w)?;
            calls += 1;
        }
    }
    Ok(())
}

fn text_scope(role: Role) -> Scope {
    match role {
        Role::System => Scope::System,
        Role::User => Scope::User,
        Role::Tool => Scope::ToolResult,
        Role::Assistant => Scope::Outgoing,
    }
}

fn content_value<'a>(
    i: u32,
    role: Role,
    c: Value<'_, 'a>,
    calls: &mut u32,
    w: &mut Walker<'_, 'a>,
) -> Result<(), ParseError> {
    if c.is_null() {
        return Ok(());
    }
    if let Some(s) = c.into_string() {
        w.text(i, role, s, calls);
        return Ok(());
    }
    let Some(blocks) = c.as_array() else {
        return Err(ParseError::new(format!(
            "messages[{i}].content must be a string or an array of blocks, found {}",
            type_name(c)
        )));
    };
    for b in blocks.iter() {
        if let Some(s) = b.into_string() {
            // A bare string in a block list: treat as a text block.
            w.text(i, role, s, calls);
            continue;
        }
        let Some(obj) = b.as_object() else { continue };
        let mut ty = "";
        for (k, v) in obj.iter() {
            if k == "type" {
                ty = v.into_string().unwrap_or("");
            }
        }
        match ty {
            "text" => {
                if let Some(s) = obj
                    .iter()
                    .filter(|(k, _)| *k == "text")
                    .last()
                    .and_then(|(_, v)| v.into_string())
                {
                    w.text(i, role, s, calls);
                }
            }
            "thinking" | "reasoning" => {
                if let Some(s) = obj
                    .iter()
                    .filter(|(k, _)| *k == ty)
                    .last()
                    .and_then(|(_, v)| v.into_string())
                {
                    // Reasoning is the agent's only when the agent wrote it.
                    let scope = if role == Role::Assistant {
                        Scope::Reasoning
                    } else {
                        text_scope(role)
                    };
                    w.push(
                        scope,
                        i,
                        NO_CALL,
                        Text::Borrowed(""),
                        Text::Borrowed(""),
                        Text::Borrowed(s),
                    );
                }
            }
            "tool_use" if role == Role::Assistant => {
                let mut name = "";
                let mut input = None;
                for (k, v) in obj.iter() {
                    match k {
                        "name" => name = v.into_string().unwrap_or(""),
                        "input" => input = Some(v),
                        _ => {}
                    }
                }
                let call = *calls;
                *calls += 1;
                let from = w.segs.len();
                w.push(
                    Scope::ToolName,
                    i,
                    call,
                    Text::Borrowed(name),
                    Text::Borrowed(""),
                    Text::Borrowed(name),
                );
                if let Some(v) = input {
                    w.flatten_borrowed(i, call, name, "", v)?;
                }
                w.read_acts(from);
            }
            "tool_result" => {
                for (k, v) in obj.iter() {
                    if k == "content" {
                        // Nested blocks of a tool result are tool-result text, whoever sent them.
                        w.descend()?;
                        content_value(i, Role::Tool, v, calls, w)?;
                        w.depth -= 1;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn openai_call<'a>(
    i: u32,
    call: u32,
    v: Value<'_, 'a>,
    w: &mut Walker<'_, 'a>,
) -> Result<(), ParseError> {
    let Some(obj) = v.as_object() else {
        return Ok(());
    };
    let mut name = "";
    let mut arguments = None;
    for (k, v) in obj.iter() {
        match k {
            "function" => {
                if let Some(f) = v.as_object() {
                    for (fk, fv) in f.iter() {
                        match fk {
                            "name" => name = fv.into_string().unwrap_or(""),
                            "arguments" => arguments = Some(fv),
                            _ => {}
                        }
                    }
                }
            }
            // Some harnesses flatten the function fields onto the call.
            "name" => name = v.into_string().unwrap_or(name),
            "arguments" => arguments = Some(v),
            _ => {}
        }
    }
    let from = w.segs.len();
    w.push(
        Scope::ToolName,
        i,
        call,
        Text::Borrowed(name),
        Text::Borrowed(""),
        Text::Borrowed(name),
    );
    let Some(args) = arguments else {
        return Ok(());
    };
    match args.into_string() {
        Some(json_text) => w.flatten_json_text(i, call, name, json_text)?,
        None => w.flatten_borrowed(i, call, name, "", args)?,
    }
    w.read_acts(from);
    Ok(())
}

impl<'a> Walker<'_, 'a> {
    /// One level deeper; an error past [`MAX_NESTING`]. The caller
    /// decrements `depth` on the way back up.
    fn descend(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(too_deep());
        }
        Ok(())
    }

    fn push(
        &mut self,
        scope: Scope,
        message: u32,
        call: u32,
        tool: Text<'a>,
        key: Text<'a>,
        text: Text<'a>,
    ) {
        self.segs.push(Segment {
            scope,
            message,
            call,
            tool,
            key,
            text,
        });
    }

    /// A text field of `role`. Assistant text is split into outgoing words,
    /// scratchpad reasoning and free-text tool calls.
    fn text(&mut self, i: u32, role: Role, s: &'a str, calls: &mut u32) {
        if role != Role::Assistant {
            self.push(
                text_scope(role),
                i,
                NO_CALL,
                Text::Borrowed(""),
                Text::Borrowed(""),
                Text::Borrowed(s),
            );
            return;
        }
        split_free_text(s, |piece| match piece {
            FreeTextPiece::Outgoing(t) => self.push(
                Scope::Outgoing,
                i,
                NO_CALL,
                Text::Borrowed(""),
                Text::Borrowed(""),
                Text::Borrowed(t),
            ),
            FreeTextPiece::Reasoning(t) => self.push(
                Scope::Reasoning,
                i,
                NO_CALL,
                Text::Borrowed(""),
                Text::Borrowed(""),
                Text::Borrowed(t),
            ),
            FreeTextPiece::ToolCall { name, args } => {
                let call = *calls;
                *calls += 1;
                let from = self.segs.len();
                self.push(
                    Scope::ToolName,
                    i,
                    call,
                    Text::Borrowed(name),
                    Text::Borrowed(""),
                    Text::Borrowed(name),
                );
                let mut args = args;
                while let Some((k, v)) = args.next() {
                    // A quoted value with escapes is decoded into the arena.
                    let text = if args.quoted() && v.contains('\\') {
                        let start = self.arena.len();
                        freetext::unescape(v, self.arena);
                        self.arena_span(start)
                    } else {
                        Text::Borrowed(v)
                    };
                    self.push(
                        Scope::ToolArgs,
                        i,
                        call,
                        Text::Borrowed(name),
                        Text::Borrowed(k),
                        text,
                    );
                }
                self.read_acts(from);
            }
        });
    }

    /// Reads the acts of the tool call whose segments start at `from` (its
    /// name, then its arguments) and appends them as [`Scope::Act`]
    /// segments, their targets in the arena.
    fn read_acts(&mut self, from: usize) {
        let Some(head) = self.segs.get(from).copied() else {
            return;
        };
        let mut args: Vec<(&str, &str)> = Vec::new();
        let arena: &str = self.arena;
        let resolve = |t: Text<'a>| -> &str {
            match t {
                Text::Borrowed(s) => s,
                Text::Arena(a, b) => arena.get(a as usize..b as usize).unwrap_or(""),
            }
        };
        for seg in &self.segs[from..] {
            if seg.scope == Scope::ToolArgs {
                args.push((resolve(seg.key), resolve(seg.text)));
            }
        }
        let tool = resolve(head.tool);
        let mut acts = std::mem::take(self.acts);
        acts.clear();
        acts::read_call(tool, &args, &mut acts);
        drop(args);
        for (verb, target) in &acts {
            let start = self.arena.len();
            self.arena.push_str(target);
            let t = self.arena_span(start);
            self.push(
                verb.scope(),
                head.message,
                head.call,
                head.tool,
                Text::Borrowed(verb.name()),
                t,
            );
        }
        *self.acts = acts;
    }

    fn flatten_borrowed(
        &mut self,
        i: u32,
        call: u32,
        tool: &'a str,
        key: &'a str,
        v: Value<'_, 'a>,
    ) -> Result<(), ParseError> {
        if let Some(s) = v.into_string() {
            self.push(
                Scope::ToolArgs,
                i,
                call,
                Text::Borrowed(tool),
                Text::Borrowed(key),
                Text::Borrowed(s),
            );
        } else if let Some(o) = v.as_object() {
            self.descend()?;
            for (k, v) in o.iter() {
                self.flatten_borrowed(i, call, tool, k, v)?;
            }
            self.depth -= 1;
        } else if let Some(a) = v.as_array() {
            self.descend()?;
            for v in a.iter() {
                self.flatten_borrowed(i, call, tool, key, v)?;
            }
            self.depth -= 1;
        } else {
            let start = self.arena.len();
            if scalar_text(v, self.arena) {
                let text = self.arena_span(start);
                self.push(
                    Scope::ToolArgs,
                    i,
                    call,
                    Text::Borrowed(tool),
                    Text::Borrowed(key),
                    text,
                );
            }
        }
        Ok(())
    }

    fn arena_span(&self, start: usize) -> Text<'a> {
        // The arena is bounded by the line length (< 4 GiB, simd-json's limit).
        Text::Arena(start as u32, self.arena.len() as u32)
    }

    /// OpenAI sends `arguments` as JSON *text*. Parse it on the side and copy
    /// its values into the arena; if it is not JSON, grade it as one string.
    fn flatten_json_text(
        &mut self,
        i: u32,
        call: u32,
        tool: &'a str,
        s: &'a str,
    ) -> Result<(), ParseError> {
        // Taken out of `self` for the duration: the tape borrows it while
        // `self` keeps collecting segments.
        let mut buf = std::mem::take(self.args);
        buf.clear();
        buf.extend_from_slice(s.as_bytes());
        let len = buf.len();
        buf.resize(len + INPUT_PADDING, 0);
        let mut t: Tape<'_> = std::mem::replace(self.args_tape, Tape(Vec::new())).reset();
        let parsed = simd_json::fill_tape_padded(&mut buf, len, self.buffers, &mut t).is_ok();
        let mut res = Ok(());
        if parsed && t.as_value().is_object() {
            let root = t.as_value();
            res = self.flatten_owned(i, call, tool, None, root);
        } else if let Some(lone) = parsed.then(|| t.as_value().into_string()).flatten() {
            // A JSON string as the whole argument text (`"\"ls -la\""`): the
            // lone argument is the string it encodes, not its quoted text.
            let start = self.arena.len();
            self.arena.push_str(lone);
            let text = self.arena_span(start);
            self.push(
                Scope::ToolArgs,
                i,
                call,
                Text::Borrowed(tool),
                Text::Borrowed("arguments"),
                text,
            );
        } else {
            self.push(
                Scope::ToolArgs,
                i,
                call,
                Text::Borrowed(tool),
                Text::Borrowed("arguments"),
                Text::Borrowed(s),
            );
        }
        *self.args_tape = t.reset();
        *self.args = buf;
        res
    }

    fn flatten_owned(
        &mut self,
        i: u32,
        call: u32,
        tool: &'a str,
        key: Option<Text<'a>>,
        v: Value<'_, '_>,
    ) -> Result<(), ParseError> {
        if let Some(o) = v.as_object() {
            self.descend()?;
            for (k, v) in o.iter() {
                let ks = self.arena.len();
                self.arena.push_str(k);
                let key = self.arena_span(ks);
                self.flatten_owned(i, call, tool, Some(key), v)?;
            }
            self.depth -= 1;
        } else if let Some(a) = v.as_array() {
            self.descend()?;
            for v in a.iter() {
                self.flatten_owned(i, call, tool, key, v)?;
            }
            self.depth -= 1;
        } else {
            let start = self.arena.len();
            let ok = match v.into_string() {
                Some(s) => {
                    self.arena.push_str(s);
                    true
                }
                None => scalar_text(v, self.arena),
            };
            if ok {
                let text = self.arena_span(start);
                self.push(
                    Scope::ToolArgs,
                    i,
                    call,
                    Text::Borrowed(tool),
                    key.unwrap_or(Text::Borrowed("")),
                    text,
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
