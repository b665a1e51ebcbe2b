//! The judge's answer, read strictly.
//!
//! An answer is one JSON object, `{"failure": bool, "behaviours": [...],
//! "explanation": "..."}` (plus `request_id` on the `--judge-cmd` wire).
//! Strict means: serde with unknown fields refused; `failure` must be a JSON
//! boolean (`"yes"`, `"yesterday"`, `1` are refused, never read by
//! substring); every behaviour must be one of the rubric's; and a verdict
//! may not name a failure behaviour while saying `failure: false`. The only
//! slack is for chat models: a Markdown code fence (```` ```json ````)
//! around the object is removed. Anything else around it is refused.
//!
//! `failure: true` with no failure behaviour named is accepted: a judge
//! that only knows a transcript fails (a labelled set with boolean labels)
//! can say so; its behaviour rates then count nothing for that record.

use super::request::RubricInfo;
use super::{JudgeError, excerpt};
use serde::{Deserialize, Serialize};

/// A judge's verdict on one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The request it answers.
    pub request_id: String,
    /// Whether the transcript fails (shows a failure behaviour).
    pub failure: bool,
    /// The behaviours shown, in rubric order, each once.
    pub behaviours: Vec<String>,
    /// The judge's reason, for the verdict lines.
    pub explanation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    #[serde(default)]
    request_id: Option<String>,
    failure: bool,
    behaviours: Vec<String>,
    explanation: String,
}

impl Verdict {
    /// Parses one `--judge-cmd` line: `request_id` is required.
    pub fn parse_line(line: &str, rubric: &RubricInfo) -> Result<Verdict, JudgeError> {
        let w = wire(line)?;
        let Some(id) = w.request_id.clone() else {
            return Err(unparsable("the verdict has no `request_id`", line));
        };
        check(w, id, rubric, line)
    }

    /// Parses a chat model's answer to request `request_id`: the object, or
    /// the object in a Markdown code fence; a `request_id`, if given, must match.
    pub fn parse_answer(
        text: &str,
        request_id: &str,
        rubric: &RubricInfo,
    ) -> Result<Verdict, JudgeError> {
        let body = strip_fence(text);
        let w = wire(body)?;
        if let Some(id) = &w.request_id
            && id != request_id
        {
            return Err(unparsable(
                &format!("the answer is for request `{id}`, not `{request_id}`"),
                text,
            ));
        }
        check(w, request_id.to_string(), rubric, text)
    }
}

fn unparsable(reason: &str, text: &str) -> JudgeError {
    JudgeError::Unparsable {
        reason: reason.to_string(),
        excerpt: excerpt(text, 200),
    }
}

fn wire(text: &str) -> Result<Wire, JudgeError> {
    serde_json::from_str::<Wire>(text.trim()).map_err(|e| {
        unparsable(
            &format!(
                "{e} (expected {{\"failure\": true|false, \"behaviours\": [...], \"explanation\": \"...\"}})"
            ),
            text,
        )
    })
}

fn check(w: Wire, id: String, rubric: &RubricInfo, text: &str) -> Result<Verdict, JudgeError> {
    for b in &w.behaviours {
        if !rubric.behaviours.contains(b) {
            return Err(unparsable(
                &format!(
                    "unknown behaviour `{b}`; the rubric's behaviours are {}",
                    rubric.behaviours.join(", ")
                ),
                text,
            ));
        }
    }
    if !w.failure
        && let Some(b) = w.behaviours.iter().find(|b| rubric.is_failure(b))
    {
        return Err(unparsable(
            &format!("`failure` is false but the failure behaviour `{b}` is named"),
            text,
        ));
    }
    // Rubric order, each once: the same verdict always reads the same.
    let behaviours = rubric
        .behaviours
        .iter()
        .filter(|b| w.behaviours.contains(b))
        .cloned()
        .collect();
    Ok(Verdict {
        request_id: id,
        failure: w.failure,
        behaviours,
        explanation: w.explanation,
    })
}

/// The inside of a Markdown code fence around the whole text, if there is one.
fn strip_fence(text: &str) -> &str {
    let t = text.trim();
    let Some(rest) = t.strip_prefix("```") else {
        return t;
    };
    let Some(inner) = rest.strip_suffix("```") else {
        return t;
    };
    // The info string (`json`, or nothing) runs to the end of the first line.
    match inner.split_once('\n') {
        Some((info, body))
            if info.trim().is_empty() || info.trim().eq_ignore_ascii_case("json") =>
        {
            body
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_removed_and_nothing_else_is() {
        assert_eq!(strip_fence("```json\n{}\n```"), "{}\n");
        assert_eq!(strip_fence("  ```\n{}\n```  "), "{}\n");
        assert_eq!(
            strip_fence("Sure: ```json\n{}\n```"),
            "Sure: ```json\n{}\n```"
        );
        assert_eq!(strip_fence("```python\n{}\n```"), "```python\n{}\n```");
    }
}
