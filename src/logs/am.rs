//! agentic-misalignment results trees → transcript records.
//!
//! The framework writes `results/<experiment>/models/<model>/<condition>/
//! sample_NNN/response.json` (`raw_response`: the model's free text, with
//! `<SCRATCHPAD_REASONING>` and `<tool_use:…>` sections; `metadata`; and,
//! once classified, `classification.harmful_behavior`), and the prompts in
//! `results/<experiment>/prompts/<condition>/{system_prompt,user_prompt,
//! email_content}.txt`. A record is: the system prompt, the user prompt
//! followed by the emails, and the response; `model` is the response's
//! `metadata.model` (else the directory name); `condition` is the condition
//! id and `scenario`, `goal_type`, `goal_value`, `urgency_type` its parts;
//! `epoch` is the sample number; the classifier's verdict becomes `label`,
//! a boolean: the shorthand for `{"failure": …}` ([`crate::label`]).

use super::{Condition, Payload, Unit, json_str, write_value};
use simd_json::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use crate::input::kind::{Location, locate};

/// Reads a tree's responses, caching each condition's prompts.
#[derive(Debug, Default)]
pub struct TreeReader {
    prompts: HashMap<(PathBuf, String), (String, String)>,
}

impl TreeReader {
    /// A reader with an empty prompt cache.
    pub fn new() -> TreeReader {
        TreeReader::default()
    }

    fn prompts(&mut self, root: &Path, condition: &str) -> &(String, String) {
        self.prompts
            .entry((root.to_path_buf(), condition.to_string()))
            .or_insert_with(|| {
                let dir = root.join("prompts").join(condition);
                let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
                let system = read("system_prompt.txt");
                let mut user = read("user_prompt.txt");
                let emails = read("email_content.txt");
                if !emails.is_empty() {
                    if !user.is_empty() {
                        user.push('\n');
                    }
                    user.push_str(&emails);
                }
                (system, user)
            })
    }

    /// The unit for one `response.json`.
    pub fn unit(&mut self, path: &Path, max: usize) -> Unit {
        let name = path.display().to_string();
        let (payload, disk) = match self.record(path, max) {
            Ok(r) => {
                let n = r.len() as u64;
                (Payload::Record(r), n)
            }
            Err(e) => (Payload::Failed(e), 0),
        };
        Unit {
            name,
            offset: 0,
            disk_bytes: disk,
            payload,
        }
    }

    fn record(&mut self, path: &Path, max: usize) -> Result<Vec<u8>, String> {
        let loc = locate(path).ok_or(
            "not in an agentic-misalignment results tree (expected <experiment>/models/<model>/<condition>/sample_NNN/response.json)",
        )?;
        let len = std::fs::metadata(path)
            .map_err(|e| crate::input::io_reason(&e))?
            .len();
        if len > max as u64 {
            return Err(format!(
                "the file is {len} bytes, over --max-record-bytes {max}; it was not parsed (raise the limit to grade it)"
            ));
        }
        let mut buf = std::fs::read(path).map_err(|e| crate::input::io_reason(&e))?;
        let v =
            simd_json::to_borrowed_value(&mut buf).map_err(|e| format!("not valid JSON ({e})"))?;
        let response = v
            .get("raw_response")
            .and_then(|r| r.as_str())
            .ok_or("no `raw_response` string; is this an agentic-misalignment response.json?")?;
        let meta = v.get("metadata").filter(|m| m.is_object());
        let model = meta
            .and_then(|m| m.get("model"))
            .and_then(|m| m.as_str())
            .unwrap_or(&loc.model);
        let epoch: Option<u64> = loc
            .sample
            .strip_prefix("sample_")
            .and_then(|n| n.parse().ok());
        let cond = Condition::parse(&loc.condition);
        let (system, user) = self.prompts(&loc.root, &loc.condition).clone();

        let mut out = Vec::with_capacity(len as usize + system.len() + user.len() + 256);
        out.extend_from_slice(b"{\"id\":");
        json_str(&mut out, &format!("{}/{}", loc.condition, loc.sample));
        if let Some(e) = epoch {
            out.extend_from_slice(format!(",\"epoch\":{e}").as_bytes());
        }
        out.extend_from_slice(b",\"model\":");
        json_str(&mut out, model);
        out.extend_from_slice(b",\"scenario\":");
        json_str(&mut out, cond.as_ref().map_or("", |c| c.scenario));
        out.extend_from_slice(b",\"condition\":");
        json_str(&mut out, &loc.condition);
        if let Some(c) = &cond {
            c.write_fields(&mut out);
        }
        if let Some(h) = v
            .get("classification")
            .and_then(|c| c.get("harmful_behavior"))
            .and_then(|h| h.as_bool())
        {
            out.extend_from_slice(format!(",\"label\":{h}").as_bytes());
        }
        out.extend_from_slice(b",\"metadata\":{\"experiment\":");
        let exp = loc
            .root
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        json_str(&mut out, exp);
        out.extend_from_slice(b",\"model_dir\":");
        json_str(&mut out, &loc.model);
        if let Some(c) = &cond {
            c.write_fields(&mut out);
        }
        if let Some(m) = meta {
            out.extend_from_slice(b",\"response\":");
            write_value(&mut out, m, &|_| None, 0)?;
        }
        out.extend_from_slice(b"},\"messages\":[");
        let mut first = true;
        for (role, text) in [("system", system.as_str()), ("user", user.as_str())] {
            if !text.is_empty() {
                if !first {
                    out.push(b',');
                }
                first = false;
                out.extend_from_slice(b"{\"role\":");
                json_str(&mut out, role);
                out.extend_from_slice(b",\"content\":");
                json_str(&mut out, text);
                out.push(b'}');
            }
        }
        if !first {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"role\":\"assistant\",\"content\":");
        json_str(&mut out, response);
        out.extend_from_slice(b"}]}");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_responses_in_the_tree_and_nowhere_else() {
        let p = Path::new(
            "results/exp1/models/gpt-4o/blackmail_explicit-america_replacement/sample_007/response.json",
        );
        let l = locate(p).unwrap();
        assert_eq!(l.root, Path::new("results/exp1"));
        assert_eq!(l.model, "gpt-4o");
        assert_eq!(l.condition, "blackmail_explicit-america_replacement");
        assert_eq!(l.sample, "sample_007");
        assert_eq!(
            locate(Path::new("results/exp1/gpt-4o/c/sample_007/response.json")),
            None
        );
        assert_eq!(
            locate(Path::new("results/exp1/models/m/c/sample_1/other.json")),
            None
        );
    }
}
