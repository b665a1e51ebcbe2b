//! What kind of input a file is: JSON Lines, an Inspect `.eval` archive, an
//! Inspect `.json` log, or part of an agentic-misalignment results tree.
//!
//! Decided by name, then by the first bytes, so a renamed file still reads:
//! a zip's `PK\x03\x04` is an `.eval` log; a `.json` file whose first object
//! (within the first 64 KiB) has Inspect's top-level `"eval"` key is a JSON
//! log; everything else is JSON Lines (plain or compressed). `--input-format`
//! overrides the guess. An agentic-misalignment `response.json` is told by
//! its place in its tree alone ([`locate`]).

use std::path::{Path, PathBuf};

/// `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide per file by name and first bytes.
    #[default]
    Auto,
    /// JSON Lines, plain or compressed.
    Jsonl,
    /// Inspect AI `.eval` archive.
    InspectEval,
    /// Inspect AI `.json` log.
    InspectJson,
    /// agentic-misalignment results tree.
    AmTree,
}

impl InputFormat {
    /// Every name `--input-format` accepts.
    pub const NAMES: [&'static str; 5] =
        ["auto", "jsonl", "inspect-eval", "inspect-json", "am-tree"];

    /// Parses a `--input-format` value.
    pub fn from_name(s: &str) -> Option<InputFormat> {
        Some(match s {
            "auto" => InputFormat::Auto,
            "jsonl" => InputFormat::Jsonl,
            "inspect-eval" => InputFormat::InspectEval,
            "inspect-json" => InputFormat::InspectJson,
            "am-tree" => InputFormat::AmTree,
            _ => return None,
        })
    }
}

/// The kind of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// JSON Lines (plain, gzip or zstd).
    Jsonl,
    /// Inspect `.eval` (zip).
    InspectEval,
    /// Inspect `.json` log.
    InspectJson,
}

/// How many leading bytes [`detect`] looks at.
pub const HEAD_BYTES: usize = 64 << 10;

/// The kind of the file named `name` that starts with `head`.
pub fn detect(name: &str, head: &[u8]) -> InputKind {
    if name.ends_with(".eval") || head.starts_with(b"PK\x03\x04") {
        return InputKind::InspectEval;
    }
    if name.ends_with(".json") && looks_like_inspect_json(head) {
        return InputKind::InspectJson;
    }
    InputKind::Jsonl
}

/// An Inspect JSON log is one pretty-printed object whose top-level keys
/// include `"eval"`; a JSONL file's first line is a whole record that ends
/// at its first newline. So: the document must start with `{`, its first
/// line must not be a complete object, and `"eval"` must appear early.
fn looks_like_inspect_json(head: &[u8]) -> bool {
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return false };
    if head[start] != b'{' {
        return false;
    }
    let first_line_end = memchr::memchr(b'\n', &head[start..]).map_or(head.len(), |i| start + i);
    let first_line = &head[start..first_line_end];
    let whole_record_line = first_line.trim_ascii_end().ends_with(b"}") && first_line.len() > 1;
    !whole_record_line && memchr::memmem::find(head, b"\"eval\"").is_some()
}

/// Where a `response.json` sits in its tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The experiment directory (`results/<experiment>`).
    pub root: PathBuf,
    /// `<model>` directory name.
    pub model: String,
    /// `<condition>` directory name.
    pub condition: String,
    /// `sample_NNN` directory name.
    pub sample: String,
}

/// Recognises an agentic-misalignment `response.json` by its place in its tree:
/// it is found by path alone, before any file is read.
///
/// Recognises `<root>/models/<model>/<condition>/<sample>/response.json`.
pub fn locate(path: &Path) -> Option<Location> {
    if path.file_name()? != "response.json" {
        return None;
    }
    let sample_dir = path.parent()?;
    let cond_dir = sample_dir.parent()?;
    let model_dir = cond_dir.parent()?;
    let models = model_dir.parent()?;
    if models.file_name()? != "models" {
        return None;
    }
    let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_string);
    Some(Location {
        root: models.parent()?.to_path_buf(),
        model: name(model_dir)?,
        condition: name(cond_dir)?,
        sample: name(sample_dir)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_and_magic() {
        assert_eq!(detect("run.eval", b""), InputKind::InspectEval);
        assert_eq!(
            detect("renamed.bin", b"PK\x03\x04rest"),
            InputKind::InspectEval
        );
        assert_eq!(
            detect(
                "log.json",
                b"{\n  \"version\": 2,\n  \"status\": \"success\",\n  \"eval\": {"
            ),
            InputKind::InspectJson
        );
        // A JSON Lines file named .json: its first line is a whole record.
        assert_eq!(
            detect(
                "t.json",
                b"{\"id\":1,\"model\":\"m\",\"eval\":1,\"messages\":[]}\n{\"id\":2}"
            ),
            InputKind::Jsonl
        );
        assert_eq!(detect("t.json", b"{\n \"id\": 1\n}"), InputKind::Jsonl);
        assert_eq!(detect("t.jsonl", b"{\"eval\":"), InputKind::Jsonl);
    }

    #[test]
    fn format_names_round_trip() {
        for n in InputFormat::NAMES {
            assert!(InputFormat::from_name(n).is_some(), "{n}");
        }
        assert_eq!(InputFormat::from_name("eval"), None);
    }
}
