//! Inspect AI logs: `.eval` archives and `.json` logs → transcript records.
//!
//! An `.eval` log is a zip archive: `header.json` (with `eval.model`; while a
//! run is still going only `_journal/start.json` has it), `summaries.json`,
//! and one member per sample, either `samples/{id}_epoch_{n}.json` (a whole
//! `EvalSample`) or the chunked layout `samples/{id}_epoch_{n}/` with
//! `sample.json` (the shell: id, epoch, uuid, `message_refs`),
//! `metadata.json`, `messages/{start}.json` and `attachments/{start}.json`
//! (arrays; messages refer to attachments as `attachment://<index>`). In the
//! whole-sample layout, large strings may be `attachment://<hash>` keys of
//! the sample's `attachments` map. Members are deflate- or zstd-compressed.
//!
//! [`EvalLog`] is the producer side: it reads the central directory once,
//! plans which members make each sample, and copies each sample's members
//! out still compressed. [`RawSample::convert`] is the worker side:
//! decompress (bounded by `--max-record-bytes`), parse, resolve
//! attachments, and write the transcript record. Messages map one to one:
//! Inspect's `ChatMessage` roles are the transcript roles; `content` is a
//! string or a list of `text`/`reasoning` items (images and other media are
//! dropped); assistant `tool_calls: [{id, function, arguments}]` become
//! OpenAI-style calls; tool messages keep `tool_call_id` and name the tool.

use super::{Condition, Payload, Unit, json_str, write_value};
use simd_json::BorrowedValue;
use simd_json::prelude::*;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use zip::{CompressionMethod, ZipArchive};

/// What every sample of one log shares.
#[derive(Debug)]
pub struct LogContext {
    /// `eval.model` of the log.
    pub model: String,
    /// The log's name, written as each record's `source`.
    pub source: String,
}

/// How a zip member is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Stored.
    Stored,
    /// Raw deflate.
    Deflate,
    /// Zstandard (one or more frames).
    Zstd,
}

/// One zip member, still compressed.
#[derive(Debug)]
pub struct Member {
    method: Method,
    data: Vec<u8>,
}

impl Member {
    /// A member from its compressed bytes (used by tests and the reader).
    pub fn new(method: Method, data: Vec<u8>) -> Member {
        Member { method, data }
    }

    /// The member's bytes, at most `left` of them (then `left` is reduced
    /// by their length): `left` is what remains of the sample's budget of
    /// `max` bytes, shared by all its members.
    fn decompress(&self, left: &mut usize, what: &str, max: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let limit = *left as u64 + 1;
        let res = match self.method {
            Method::Stored => {
                out.extend_from_slice(&self.data);
                Ok(out.len())
            }
            Method::Deflate => flate2::read::DeflateDecoder::new(&self.data[..])
                .take(limit)
                .read_to_end(&mut out),
            Method::Zstd => match zstd::stream::read::Decoder::new(&self.data[..]) {
                Ok(d) => d.take(limit).read_to_end(&mut out),
                Err(e) => Err(e),
            },
        };
        if let Err(e) = res {
            return Err(format!(
                "{what}: the member does not decompress ({e}); the log may be truncated or corrupt"
            ));
        }
        if out.len() > *left {
            return Err(if *left == max {
                format!(
                    "{what}: the member is over --max-record-bytes {max} when decompressed; it was not parsed (raise the limit to grade it)"
                )
            } else {
                format!(
                    "the sample's members together are over --max-record-bytes {max} when decompressed ({what} passed it); it was not parsed (raise the limit to grade it)"
                )
            });
        }
        *left -= out.len();
        Ok(out)
    }
}

/// The compressed members that make one sample.
#[derive(Debug)]
pub struct RawSample {
    ctx: Arc<LogContext>,
    shape: Shape,
}

#[derive(Debug)]
enum Shape {
    /// `samples/{id}_epoch_{n}.json`.
    Whole(Member),
    /// `samples/{id}_epoch_{n}/…`, chunks in start order.
    Chunked {
        shell: Member,
        metadata: Option<Member>,
        messages: Vec<Member>,
        attachments: Vec<Member>,
    },
}

fn parse<'b>(buf: &'b mut [u8], what: &str) -> Result<BorrowedValue<'b>, String> {
    simd_json::to_borrowed_value(buf).map_err(|e| format!("{what}: not valid JSON ({e})"))
}

impl RawSample {
    /// Decompresses, parses and writes the sample's transcript record.
    pub fn convert(&self, out: &mut Vec<u8>, max: usize) -> Result<(), String> {
        match &self.shape {
            Shape::Whole(m) => {
                let mut buf = m.decompress(&mut max.clone(), "sample", max)?;
                write_sample(out, &mut buf, &self.ctx)
            }
            Shape::Chunked {
                shell,
                metadata,
                messages,
                attachments,
            } => {
                // One budget for all the sample's members: each alone
                // under the limit, many together could inflate without
                // bound (docs/performance.md: a small log reached gigabytes).
                let mut left = max;
                let mut shell_buf = shell.decompress(&mut left, "sample.json", max)?;
                let mut meta_buf = match metadata {
                    Some(m) => Some(m.decompress(&mut left, "metadata.json", max)?),
                    None => None,
                };
                let mut msg_bufs = messages
                    .iter()
                    .map(|m| m.decompress(&mut left, "messages chunk", max))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut att_bufs = attachments
                    .iter()
                    .map(|m| m.decompress(&mut left, "attachments chunk", max))
                    .collect::<Result<Vec<_>, _>>()?;
                let shell = parse(&mut shell_buf, "sample.json")?;
                let meta = match meta_buf.as_mut() {
                    Some(b) => Some(parse(b, "metadata.json")?),
                    None => None,
                };
                let msg_chunks = msg_bufs
                    .iter_mut()
                    .map(|b| parse(b, "messages chunk"))
                    .collect::<Result<Vec<_>, _>>()?;
                let att_chunks = att_bufs
                    .iter_mut()
                    .map(|b| parse(b, "attachments chunk"))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut seq: Vec<&BorrowedValue> = Vec::new();
                for c in &msg_chunks {
                    let a = c
                        .as_array()
                        .ok_or("a messages chunk is not an array; the log may be corrupt")?;
                    seq.extend(a.iter());
                }
                let mut atts: Vec<&str> = Vec::new();
                for c in &att_chunks {
                    let a = c
                        .as_array()
                        .ok_or("an attachments chunk is not an array; the log may be corrupt")?;
                    atts.extend(a.iter().map(|s| s.as_str().unwrap_or("")));
                }
                let map = |s: &str| {
                    let i: usize = s.strip_prefix("attachment://")?.parse().ok()?;
                    atts.get(i).copied()
                };
                // `message_refs` are half-open ranges of the messages sequence
                // that make the sample's conversation, in order.
                let msgs: Vec<&BorrowedValue> = match shell
                    .get("message_refs")
                    .and_then(|r| r.as_array())
                {
                    Some(refs) => {
                        let mut v = Vec::new();
                        for r in refs {
                            let (a, b) = match r.as_array().map(|p| p.as_slice()) {
                                Some([a, b]) => (a.as_usize(), b.as_usize()),
                                _ => (None, None),
                            };
                            match (a, b) {
                                (Some(a), Some(b)) if a <= b && b <= seq.len() => {
                                    v.extend_from_slice(&seq[a..b])
                                }
                                _ => {
                                    return Err(format!(
                                        "sample.json: a `message_refs` entry is not a range within the {} stored messages; the log may be corrupt",
                                        seq.len()
                                    ));
                                }
                            }
                        }
                        v
                    }
                    None => seq,
                };
                let metadata = meta.as_ref().or_else(|| shell.get("metadata"));
                write_record(out, &shell, metadata, &msgs, &map, &self.ctx)
            }
        }
    }
}

/// Writes one sample's transcript record.
fn write_record<'r>(
    out: &mut Vec<u8>,
    sample: &BorrowedValue<'_>,
    metadata: Option<&BorrowedValue<'_>>,
    messages: &[&BorrowedValue<'_>],
    map: &dyn Fn(&str) -> Option<&'r str>,
    ctx: &LogContext,
) -> Result<(), String> {
    out.clear();
    out.extend_from_slice(b"{\"id\":");
    match sample.get("id") {
        Some(BorrowedValue::String(s)) => json_str(out, s),
        Some(v) if v.as_i64().is_some() || v.as_u64().is_some() => {
            write_value(out, v, map, 0)?;
        }
        _ => return Err("the sample has no `id` (a string or an integer)".into()),
    }
    if let Some(e) = sample.get("epoch").and_then(|e| e.as_i64()) {
        out.extend_from_slice(format!(",\"epoch\":{e}").as_bytes());
    }
    if let Some(u) = sample.get("uuid").and_then(|u| u.as_str()) {
        out.extend_from_slice(b",\"uuid\":");
        json_str(out, u);
    }
    out.extend_from_slice(b",\"model\":");
    json_str(out, &ctx.model);
    let meta_str = |k: &str| metadata.and_then(|m| m.get(k)).and_then(|v| v.as_str());
    let condition = meta_str("condition_id").or_else(|| meta_str("condition"));
    let parsed = condition.and_then(Condition::parse);
    let scenario = meta_str("scenario").or(parsed.as_ref().map(|c| c.scenario));
    out.extend_from_slice(b",\"scenario\":");
    json_str(out, scenario.unwrap_or(""));
    out.extend_from_slice(b",\"condition\":");
    json_str(out, condition.unwrap_or(""));
    let goal = Condition {
        scenario: "",
        goal_type: meta_str("goal_type")
            .or(parsed.as_ref().map(|c| c.goal_type))
            .unwrap_or(""),
        goal_value: meta_str("goal_value")
            .or(parsed.as_ref().map(|c| c.goal_value))
            .unwrap_or(""),
        urgency_type: meta_str("urgency_type")
            .or(parsed.as_ref().map(|c| c.urgency_type))
            .unwrap_or(""),
    };
    if goal != Condition::default() {
        goal.write_fields(out);
    }
    if let Some(m) = metadata.filter(|m| m.is_object()) {
        out.extend_from_slice(b",\"metadata\":");
        write_value(out, m, map, 0)?;
    }
    out.extend_from_slice(b",\"messages\":[");
    let mut first = true;
    for m in messages {
        let mark = out.len();
        if !first {
            out.push(b',');
        }
        if write_message(out, m, map)? {
            first = false;
        } else {
            out.truncate(mark);
        }
    }
    out.extend_from_slice(b"],\"source\":");
    json_str(out, &ctx.source);
    out.push(b'}');
    Ok(())
}

/// Writes one message; `false` (and partial output to discard) when its
/// role is not one the transcript format grades.
fn write_message<'r>(
    out: &mut Vec<u8>,
    m: &BorrowedValue<'_>,
    map: &dyn Fn(&str) -> Option<&'r str>,
) -> Result<bool, String> {
    let Some(role) = m.get("role").and_then(|r| r.as_str()) else {
        return Ok(false);
    };
    if !matches!(role, "system" | "user" | "assistant" | "tool") {
        return Ok(false);
    }
    out.extend_from_slice(b"{\"role\":");
    json_str(out, role);
    out.extend_from_slice(b",\"content\":");
    match m.get("content") {
        Some(BorrowedValue::String(s)) => json_str(out, map(s).unwrap_or(s)),
        Some(BorrowedValue::Array(items)) => {
            out.push(b'[');
            let mut first = true;
            for it in items.iter() {
                let text = |k: &str| it.get(k).and_then(|t| t.as_str());
                let block = match it.get("type").and_then(|t| t.as_str()) {
                    Some("text") => text("text").map(|t| ("text", t)),
                    // Redacted reasoning is ciphertext; its summary (when
                    // the provider gives one) is the readable part.
                    Some("reasoning")
                        if it.get("redacted").and_then(|r| r.as_bool()) == Some(true) =>
                    {
                        text("summary").map(|t| ("reasoning", t))
                    }
                    Some("reasoning") => text("reasoning").map(|t| ("reasoning", t)),
                    _ => None,
                };
                if let Some((kind, t)) = block {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    out.extend_from_slice(b"{\"type\":");
                    json_str(out, kind);
                    out.push(b',');
                    json_str(out, kind);
                    out.push(b':');
                    json_str(out, map(t).unwrap_or(t));
                    out.push(b'}');
                }
            }
            out.push(b']');
        }
        _ => out.extend_from_slice(b"\"\""),
    }
    if role == "assistant"
        && let Some(calls) = m.get("tool_calls").and_then(|c| c.as_array())
    {
        out.extend_from_slice(b",\"tool_calls\":[");
        for (i, c) in calls.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Inspect writes `function` as the tool's name; accept the
            // OpenAI object shape too.
            let (name, args) = match c.get("function") {
                Some(BorrowedValue::String(n)) => (n.as_ref(), c.get("arguments")),
                Some(f @ BorrowedValue::Object(_)) => (
                    f.get("name").and_then(|n| n.as_str()).unwrap_or(""),
                    f.get("arguments"),
                ),
                _ => ("", c.get("arguments")),
            };
            out.extend_from_slice(b"{\"id\":");
            json_str(out, c.get("id").and_then(|i| i.as_str()).unwrap_or(""));
            out.extend_from_slice(b",\"type\":\"function\",\"function\":{\"name\":");
            json_str(out, name);
            out.extend_from_slice(b",\"arguments\":");
            match args {
                Some(a) => write_value(out, a, map, 0)?,
                None => out.extend_from_slice(b"{}"),
            }
            out.extend_from_slice(b"}}");
        }
        out.push(b']');
    }
    if role == "tool" {
        if let Some(id) = m.get("tool_call_id").and_then(|i| i.as_str()) {
            out.extend_from_slice(b",\"tool_call_id\":");
            json_str(out, id);
        }
        if let Some(f) = m.get("function").and_then(|i| i.as_str()) {
            out.extend_from_slice(b",\"name\":");
            json_str(out, f);
        }
    }
    out.push(b'}');
    Ok(true)
}

fn model_of(v: &BorrowedValue<'_>) -> Option<String> {
    v.get("eval")?.get("model")?.as_str().map(str::to_string)
}

/// The members that make one planned sample.
#[derive(Debug)]
enum Plan {
    Whole(usize),
    Chunked {
        prefix: String,
        shell: Option<usize>,
        metadata: Option<usize>,
        messages: Vec<(u64, usize)>,
        attachments: Vec<(u64, usize)>,
    },
}

/// An open `.eval` log, handing out its samples in archive order.
pub struct EvalLog {
    zip: ZipArchive<BufReader<File>>,
    display: String,
    ctx: Arc<LogContext>,
    plan: std::vec::IntoIter<Plan>,
    samples: usize,
}

impl std::fmt::Debug for EvalLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvalLog")
            .field("display", &self.display)
            .field("samples", &self.samples)
            .finish_non_exhaustive()
    }
}

impl EvalLog {
    /// Opens the archive, reads the model and plans the samples. The error
    /// says what is wrong with the file as a whole.
    pub fn open(path: &Path, display: &str, max: usize) -> Result<EvalLog, String> {
        let file = File::open(path).map_err(|e| crate::input::io_reason(&e))?;
        let mut zip = ZipArchive::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| {
            format!("not a readable .eval archive ({e}); pass --input-format if it is another kind of input")
        })?;
        let mut model = None;
        for name in ["header.json", "_journal/start.json"] {
            let Ok(f) = zip.by_name(name) else { continue };
            let mut buf = Vec::new();
            if f.take(max as u64).read_to_end(&mut buf).is_err() {
                continue;
            }
            if let Ok(v) = simd_json::to_borrowed_value(&mut buf)
                && let Some(m) = model_of(&v)
            {
                model = Some(m);
                break;
            }
        }
        let model = model.ok_or(
            "no `eval.model` in header.json or _journal/start.json; is this an Inspect log?",
        )?;
        let mut plan: Vec<Plan> = Vec::new();
        let mut chunked: std::collections::HashMap<String, usize> = Default::default();
        for i in 0..zip.len() {
            let Some(Ok(name)) = zip.name_for_index(i) else {
                continue;
            };
            let Some(rest) = name.strip_prefix("samples/") else {
                continue;
            };
            match rest.split_once('/') {
                None if rest.ends_with(".json") => plan.push(Plan::Whole(i)),
                None => {}
                Some((prefix, sub)) => {
                    let k = *chunked.entry(prefix.to_string()).or_insert_with(|| {
                        plan.push(Plan::Chunked {
                            prefix: prefix.to_string(),
                            shell: None,
                            metadata: None,
                            messages: Vec::new(),
                            attachments: Vec::new(),
                        });
                        plan.len() - 1
                    });
                    let Plan::Chunked {
                        shell,
                        metadata,
                        messages,
                        attachments,
                        ..
                    } = &mut plan[k]
                    else {
                        continue;
                    };
                    let start = |s: &str| s.strip_suffix(".json")?.parse::<u64>().ok();
                    if sub == "sample.json" {
                        *shell = Some(i);
                    } else if sub == "metadata.json" {
                        *metadata = Some(i);
                    } else if let Some(s) = sub.strip_prefix("messages/").and_then(start) {
                        messages.push((s, i));
                    } else if let Some(s) = sub.strip_prefix("attachments/").and_then(start) {
                        attachments.push((s, i));
                    }
                }
            }
        }
        let samples = plan.len();
        Ok(EvalLog {
            zip,
            display: display.to_string(),
            ctx: Arc::new(LogContext {
                model,
                source: display.to_string(),
            }),
            plan: plan.into_iter(),
            samples,
        })
    }

    /// How many samples the archive holds.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Member `index`, still compressed, with where its data starts and
    /// its compressed and declared sizes. `left` is what remains of the
    /// sample's budget of `max` decompressed bytes.
    fn raw(
        &mut self,
        index: usize,
        left: usize,
        max: usize,
    ) -> Result<(Member, u64, u64, u64), String> {
        let f = self
            .zip
            .by_index_raw(index)
            .map_err(|e| format!("cannot read the member ({e}); the log may be truncated"))?;
        let method = match f.compression() {
            CompressionMethod::Stored => Method::Stored,
            CompressionMethod::Deflated => Method::Deflate,
            CompressionMethod::Zstd => Method::Zstd,
            other => {
                return Err(format!(
                    "the member is compressed with {other}, which assay does not read (Inspect writes deflate or zstd)"
                ));
            }
        };
        let offset = f.data_start().unwrap_or(0);
        if f.size() > left as u64 || f.compressed_size() > left as u64 {
            return Err(if left == max {
                format!(
                    "the member is {} bytes decompressed, over --max-record-bytes {max}; it was not parsed (raise the limit to grade it)",
                    f.size()
                )
            } else {
                format!(
                    "the sample's members are over --max-record-bytes {max} decompressed, together; it was not parsed (raise the limit to grade it)"
                )
            });
        }
        let size = f.size();
        let mut data = Vec::with_capacity(f.compressed_size() as usize);
        f.take(left as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("cannot read the member ({e}); the log may be truncated"))?;
        let n = data.len() as u64;
        Ok((Member { method, data }, offset, n, size))
    }

    /// The next sample, still compressed, or `None` at the end.
    pub fn next_unit(&mut self, max: usize) -> Option<Unit> {
        let p = self.plan.next()?;
        let mut disk = 0u64;
        let (name, first, payload) = match p {
            Plan::Whole(i) => {
                let name = self
                    .zip
                    .name_for_index(i)
                    .and_then(Result::ok)
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                match self.raw(i, max, max) {
                    Ok((m, off, n, _)) => {
                        disk = n;
                        let raw = RawSample {
                            ctx: self.ctx.clone(),
                            shape: Shape::Whole(m),
                        };
                        (name, off, Payload::Eval(Box::new(raw)))
                    }
                    Err(e) => (name, 0, Payload::Failed(e)),
                }
            }
            Plan::Chunked {
                prefix,
                shell,
                metadata,
                mut messages,
                mut attachments,
            } => {
                let name = format!("samples/{prefix}/");
                messages.sort_unstable();
                attachments.sort_unstable();
                let mut first = 0;
                // The declared sizes of all members share one budget.
                let mut left = max;
                let mut read = |i: usize, this: &mut Self| -> Result<Member, String> {
                    let (m, off, n, size) = this.raw(i, left, max)?;
                    left -= usize::try_from(size).unwrap_or(left).min(left);
                    if first == 0 {
                        first = off;
                    }
                    disk += n;
                    Ok(m)
                };
                let res = (|| {
                    let shell = shell.ok_or(
                        "the chunked sample has no sample.json; the log may be incomplete",
                    )?;
                    let shell = read(shell, self)?;
                    let metadata = match metadata {
                        Some(i) => Some(read(i, self)?),
                        None => None,
                    };
                    let messages = messages
                        .iter()
                        .map(|&(_, i)| read(i, self))
                        .collect::<Result<Vec<_>, _>>()?;
                    let attachments = attachments
                        .iter()
                        .map(|&(_, i)| read(i, self))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok::<_, String>(Shape::Chunked {
                        shell,
                        metadata,
                        messages,
                        attachments,
                    })
                })();
                let payload = match res {
                    Ok(shape) => Payload::Eval(Box::new(RawSample {
                        ctx: self.ctx.clone(),
                        shape,
                    })),
                    Err(e) => Payload::Failed(e),
                };
                (name, first, payload)
            }
        };
        Some(Unit {
            name: format!("{}!{name}", self.display),
            offset: first,
            disk_bytes: disk,
            payload,
        })
    }
}

/// Converts every sample of the `.json` log at `path` and hands each to
/// `emit`, in order, until it returns `false`. The log is streamed, never
/// read whole ([`super::json_scan`]): a sample over `max` bytes is skipped
/// and handed on as a failure naming its size, so memory stays near `max`
/// whatever the size of the log. The error says why the rest of the file
/// cannot be read; the samples before it have been handed on.
pub fn json_log(
    display: &str,
    path: &Path,
    max: usize,
    emit: &mut dyn FnMut(Unit) -> bool,
) -> Result<(), String> {
    use super::json_scan::{Captured, Scanner};
    let open = || {
        File::open(path)
            .map(Scanner::new)
            .map_err(|e| crate::input::io_reason(&e))
    };
    let not_log = |e: std::io::Error| {
        format!(
            "not a valid Inspect JSON log ({e}); pass --input-format if it is another kind of input"
        )
    };
    // The model, from `eval` (near the start in Inspect's own logs).
    let mut s = open()?;
    let model = json_log_model(&mut s, max).map_err(not_log)?.ok_or(
        "no `eval.model` in the log; is this an Inspect log? (pass --input-format jsonl for JSON Lines)",
    )?;
    let ctx = LogContext {
        model,
        source: display.to_string(),
    };
    let mut s = open()?;
    let mut i = 0usize;
    let mut walk = || -> std::io::Result<bool> {
        s.expect(b'{')?;
        if s.skip_ws()? == Some(b'}') {
            return Ok(true);
        }
        loop {
            if s.key()? == b"samples" {
                s.expect(b'[')?;
                let mut more = s.skip_ws()? != Some(b']');
                if !more {
                    s.expect(b']')?;
                }
                while more {
                    let read_from = s.offset();
                    let _ = s.skip_ws()?;
                    let offset = s.offset();
                    let payload = match s.value(max)? {
                        Captured::Value(mut v) => sample_payload(&mut v, &ctx),
                        Captured::TooLong(n) => Payload::Failed(format!(
                            "the sample is {n} bytes, over --max-record-bytes {max}; it was not \
                             parsed (raise the limit to grade it)"
                        )),
                    };
                    more = s.more(b']')?;
                    let unit = Unit {
                        name: format!("{display}!samples[{i}]"),
                        offset,
                        disk_bytes: s.offset() - read_from,
                        payload,
                    };
                    i += 1;
                    if !emit(unit) {
                        return Ok(false);
                    }
                }
            } else {
                s.value(0)?;
            }
            if !s.more(b'}')? {
                return Ok(true);
            }
        }
    };
    walk().map(|_| ()).map_err(not_log)
}

/// `eval.model` of the log `s` scans, or `None` if it has none.
fn json_log_model<R: Read>(
    s: &mut super::json_scan::Scanner<R>,
    max: usize,
) -> std::io::Result<Option<String>> {
    use super::json_scan::Captured;
    s.expect(b'{')?;
    if s.skip_ws()? == Some(b'}') {
        return Ok(None);
    }
    loop {
        if s.key()? == b"eval" {
            return Ok(match s.value(max)? {
                Captured::Value(mut v) => simd_json::to_borrowed_value(&mut v)
                    .ok()
                    .and_then(|e| e.get("model")?.as_str().map(str::to_string)),
                Captured::TooLong(_) => None,
            });
        }
        s.value(0)?;
        if !s.more(b'}')? {
            return Ok(None);
        }
    }
}

/// One sample of a `.json` log, converted to a transcript record.
fn sample_payload(bytes: &mut [u8], ctx: &LogContext) -> Payload {
    let mut out = Vec::new();
    match write_sample(&mut out, bytes, ctx) {
        Ok(()) => Payload::Record(out),
        Err(e) => Payload::Failed(e),
    }
}

/// The transcript record of one whole `EvalSample` (its JSON text in
/// `sample`, parsed in place) graded as if read from a log of `model` named
/// `source`: how an in-process Inspect scorer grades a sample exactly as
/// `assay grade` grades it in the log.
pub fn sample_record(sample: &mut [u8], model: &str, source: &str) -> Result<Vec<u8>, String> {
    let ctx = LogContext {
        model: model.to_string(),
        source: source.to_string(),
    };
    let mut out = Vec::new();
    write_sample(&mut out, sample, &ctx)?;
    Ok(out)
}

/// Writes the record of one whole `EvalSample` (attachments resolved from
/// its `attachments` map).
fn write_sample(out: &mut Vec<u8>, bytes: &mut [u8], ctx: &LogContext) -> Result<(), String> {
    let s = parse(bytes, "sample")?;
    let att = s.get("attachments").and_then(|a| a.as_object());
    let map = |x: &str| {
        let key = x.strip_prefix("attachment://")?;
        att?.get(key)?.as_str()
    };
    let msgs: Vec<&BorrowedValue> = s
        .get("messages")
        .and_then(|m| m.as_array())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    write_record(out, &s, s.get("metadata"), &msgs, &map, ctx)
}
