//! Logs: other harnesses' outputs read as they are, turned into transcript
//! records for the engine.
//!
//! This module owns two foreign formats: Inspect AI logs ([`inspect`]: `.eval`
//! zip archives and `.json` logs) and agentic-misalignment results trees
//! ([`am`]). Each sample becomes one transcript record of docs/input.md (bytes, no
//! newline) with `id`, `epoch`, `model`, `scenario`, `condition`, `metadata`,
//! `messages`, and, for Inspect, `uuid` and `source`; the engine then grades
//! it exactly like a JSON Lines record, so every rubric and report works on
//! every input. Converting through bytes costs one extra serialisation, but
//! keeps one parser and one record contract: the adapter cannot grade
//! differently from the JSONL path.
//!
//! A unit of work is one sample ([`Unit`]). For `.eval` logs the producer
//! thread only copies the compressed zip members out of the archive; the
//! workers decompress and convert them in parallel, so a 50,000-sample log
//! is read at the speed of all cores with only a few batches in memory.
//!
//! [`open`] is the one place that decides how an input is read: as JSON
//! Lines, or as the units of one of these formats.

pub mod am;
pub mod inspect;
pub mod json_scan;
mod reader;

pub use reader::{Reader, Units, open};

use simd_json::BorrowedValue;
use simd_json::prelude::*;
use std::io::Write;

/// Deepest JSON nesting the converters copy; deeper values are reported,
/// never followed (a hostile log must not overflow the stack).
const MAX_DEPTH: usize = 128;

/// One sample to grade, with the name errors use for it.
#[derive(Debug)]
pub struct Unit {
    /// The sample's name in reports: `run.eval!samples/3_epoch_1.json`,
    /// `run.json!samples[2]`, or a `response.json` path.
    pub name: String,
    /// Byte offset of the sample in its input file (the zip member's data,
    /// or 0 where unknown).
    pub offset: u64,
    /// Bytes read from disk for it (compressed size for zip members).
    pub disk_bytes: u64,
    /// What to grade.
    pub payload: Payload,
}

/// A sample's content, as far as the producer has prepared it.
#[derive(Debug)]
pub enum Payload {
    /// A transcript record (docs/input.md), ready to parse.
    Record(Vec<u8>),
    /// Compressed members of an Inspect sample; a worker converts them.
    Eval(Box<inspect::RawSample>),
    /// The sample could not be read; the reason says what to do.
    Failed(String),
}

impl Payload {
    /// Turns the payload into a record in `out`, or says why it cannot.
    /// `max` bounds every decompressed member (`--max-record-bytes`).
    pub fn record_into(&self, out: &mut Vec<u8>, max: usize) -> Result<(), String> {
        out.clear();
        match self {
            Payload::Record(r) => {
                out.extend_from_slice(r);
                Ok(())
            }
            Payload::Eval(raw) => raw.convert(out, max),
            Payload::Failed(reason) => Err(reason.clone()),
        }
    }
}

/// Writes `s` as a JSON string.
pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Writes a JSON value, replacing each string for which `map` gives a
/// replacement (used to resolve Inspect's `attachment://` references
/// wherever they sit).
pub(crate) fn write_value<'r>(
    out: &mut Vec<u8>,
    v: &BorrowedValue<'_>,
    map: &dyn Fn(&str) -> Option<&'r str>,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "the sample nests JSON deeper than {MAX_DEPTH} levels; it was not converted"
        ));
    }
    match v {
        BorrowedValue::Static(s) => {
            if let Some(b) = s.as_bool() {
                out.extend_from_slice(if b { b"true" } else { b"false" });
            } else if let Some(i) = s.as_i64() {
                let _ = write!(out, "{i}");
            } else if let Some(u) = s.as_u64() {
                let _ = write!(out, "{u}");
            } else if let Some(f) = s.as_f64() {
                match serde_json::Number::from_f64(f) {
                    Some(n) => {
                        let _ = write!(out, "{n}");
                    }
                    None => out.extend_from_slice(b"null"),
                }
            } else {
                out.extend_from_slice(b"null");
            }
        }
        BorrowedValue::String(s) => json_str(out, map(s).unwrap_or(s)),
        BorrowedValue::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, x, map, depth + 1)?;
            }
            out.push(b']');
        }
        BorrowedValue::Object(o) => {
            out.push(b'{');
            // Keys sorted: the record's bytes must not depend on hash order.
            let mut keys: Vec<(&str, &BorrowedValue)> =
                o.iter().map(|(k, v)| (k.as_ref(), v)).collect();
            keys.sort_by(|a, b| a.0.cmp(b.0));
            for (i, (k, x)) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_str(out, k);
                out.push(b':');
                write_value(out, x, map, depth + 1)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// The parts of an agentic-misalignment condition id
/// `{scenario}_{goal_type}-{goal_value}_{urgency_type}`
/// (e.g. `blackmail_explicit-america_replacement`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition<'a> {
    /// `blackmail`, `leaking`, `murder`, ...
    pub scenario: &'a str,
    /// `explicit`, `none`, `latent`, `ambiguous`, `swap`, ...
    pub goal_type: &'a str,
    /// `america`, `global`, `none`, ...
    pub goal_value: &'a str,
    /// `replacement`, `restriction`, `none`.
    pub urgency_type: &'a str,
}

impl<'a> Condition<'a> {
    /// Splits a condition id; `None` unless it has all three parts.
    pub fn parse(id: &'a str) -> Option<Condition<'a>> {
        let (scenario, rest) = id.split_once('_')?;
        let (goal, urgency_type) = rest.rsplit_once('_')?;
        let (goal_type, goal_value) = goal.split_once('-').unwrap_or((goal, ""));
        if scenario.is_empty() || goal_type.is_empty() || urgency_type.is_empty() {
            return None;
        }
        Some(Condition {
            scenario,
            goal_type,
            goal_value,
            urgency_type,
        })
    }

    /// Writes `,"goal_type":…,"goal_value":…,"urgency_type":…` (top-level
    /// fields, so `--by goal_type` works as well as `/metadata/goal_type`).
    pub(crate) fn write_fields(&self, out: &mut Vec<u8>) {
        for (k, v) in [
            ("goal_type", self.goal_type),
            ("goal_value", self.goal_value),
            ("urgency_type", self.urgency_type),
        ] {
            out.push(b',');
            json_str(out, k);
            out.push(b':');
            json_str(out, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condition_ids_split_into_their_parts() {
        assert_eq!(
            Condition::parse("blackmail_explicit-america_replacement"),
            Some(Condition {
                scenario: "blackmail",
                goal_type: "explicit",
                goal_value: "america",
                urgency_type: "replacement"
            })
        );
        // A goal value with a hyphen keeps it; the urgency is the last part.
        let c = Condition::parse("leaking_latent-pro-ai_none").unwrap();
        assert_eq!(
            (c.goal_type, c.goal_value, c.urgency_type),
            ("latent", "pro-ai", "none")
        );
        assert_eq!(Condition::parse("blackmail"), None);
        assert_eq!(Condition::parse("_x_y"), None);
    }

    #[test]
    fn values_are_copied_with_sorted_keys_and_mapped_strings() {
        let mut b = br#"{"b":[1,-2,2.5,true,null,"attachment://x"],"a":{"z":"q"}}"#.to_vec();
        let v = simd_json::to_borrowed_value(&mut b).unwrap();
        let mut out = Vec::new();
        let map = |s: &str| (s == "attachment://x").then_some("X");
        write_value(&mut out, &v, &map, 0).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":{"z":"q"},"b":[1,-2,2.5,true,null,"X"]}"#
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut b = format!("{}{}", "[".repeat(200), "]".repeat(200)).into_bytes();
        let v = simd_json::to_borrowed_value(&mut b).unwrap();
        let err = write_value(&mut Vec::new(), &v, &|_| None, 0).unwrap_err();
        assert!(err.contains("deeper than 128"), "{err}");
    }
}
