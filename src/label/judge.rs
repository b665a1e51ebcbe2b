//! Judge verdicts read back (`--labels FILE`), shared by `assay agree` and
//! `assay grade`.
//!
//! One JSON object per line naming a record and what a judge (an LLM or a
//! person) decided about it:
//!
//! ```json
//! {"id": "bm-7", "epoch": 1, "model": "m", "behaviours": ["blackmail"]}
//! {"id": "lk-3", "failure": false}
//! ```
//!
//! `id` is required; `epoch` and `model`, when given, narrow the match (an
//! id alone names every epoch and model of that id; the most specific line
//! that matches a record wins). Other fields (`source`, `contested`,
//! `agent`, as `assay grade --uncertain` writes them) are ignored, so a
//! judge may answer by editing those lines.
//!
//! `behaviours` replaces the rubric's behaviours (attribute behaviours may
//! also be booleans, `"oversight_reasoning": true`). `failure` alone keeps
//! the rubric's behaviours but overrides the roll-up (a `false` clears the
//! failure behaviours). Given both, they must agree. Unknown behaviour
//! names, lines naming the same record twice, and contradictions are errors
//! with the file and line, so that a typo cannot silently change a count.

use crate::rubric::{BehaviourKind, Rubric};
use serde_json::Value;
use std::collections::HashMap;

/// One judge verdict as read.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    id: String,
    epoch: Option<i64>,
    model: Option<String>,
    /// The behaviours the judge found, when it listed them.
    behaviours: Option<u64>,
    /// The judge's failure roll-up, when given.
    failure: Option<bool>,
}

/// Judge verdicts by record, in file order.
#[derive(Clone, Debug, Default)]
pub struct JudgeLabels {
    entries: Vec<Entry>,
    /// Indices into `entries` per id.
    by_id: HashMap<String, Vec<u32>>,
}

impl JudgeLabels {
    /// Parses judge verdicts (see the module docs); `origin` names the file
    /// in errors.
    pub fn parse(origin: &str, text: &str, rubric: &Rubric) -> Result<JudgeLabels, String> {
        let mut out = JudgeLabels::default();
        let fm = rubric.failure_mask();
        let mut lines_of: HashMap<(String, Option<i64>, Option<String>), usize> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = |what: String| format!("{origin}:{}: {what}", i + 1);
            let v: Value = serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
            if !v.is_object() {
                return Err(at(
                    "not a JSON object; write one `{\"id\": …, \"behaviours\": […]}` per line"
                        .into(),
                ));
            }
            let id = match v.get("id") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => return Err(at("no `id` (a string or an integer)".into())),
            };
            let epoch = match v.get("epoch") {
                None | Some(Value::Null) => None,
                Some(e) => Some(
                    e.as_i64()
                        .ok_or_else(|| at("`epoch` is not an integer".into()))?,
                ),
            };
            let model = match v.get("model") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return Err(at("`model` is not a string".into())),
            };
            let behaviours = match v.get("behaviours") {
                None | Some(Value::Null) => None,
                Some(Value::Array(names)) => {
                    let mut mask = 0u64;
                    for n in names {
                        let n = n.as_str().unwrap_or("");
                        let b = rubric.behaviour_index(n).ok_or_else(|| {
                            at(format!(
                                "unknown behaviour `{n}`; the rubric defines {}",
                                behaviour_list(rubric)
                            ))
                        })?;
                        mask |= 1 << b;
                    }
                    for (b, beh) in rubric.behaviours().iter().enumerate() {
                        if beh.kind == BehaviourKind::Attribute
                            && v.get(&beh.name).and_then(Value::as_bool) == Some(true)
                        {
                            mask |= 1 << b;
                        }
                    }
                    Some(mask)
                }
                Some(_) => {
                    return Err(at("`behaviours` is not an array of behaviour names".into()));
                }
            };
            let failure = match v.get("failure") {
                None | Some(Value::Null) => None,
                Some(Value::Bool(b)) => Some(*b),
                Some(_) => return Err(at("`failure` is not true or false".into())),
            };
            match (behaviours, failure) {
                (None, None) => {
                    return Err(at("no `behaviours` array and no `failure` boolean; give the behaviours the judge found (`[]` for none) or `\"failure\": true|false`".into()));
                }
                (Some(m), Some(f)) if (m & fm != 0) != f => {
                    return Err(at(format!(
                        "`failure` is {f} but `behaviours` lists {} failure behaviour; make them agree, or give only one of the two",
                        if f { "no" } else { "a" }
                    )));
                }
                _ => {}
            }
            let key = (id.clone(), epoch, model.clone());
            if let Some(first) = lines_of.insert(key, i + 1) {
                return Err(at(format!(
                    "record `{id}`{} is already judged on line {first}; keep one verdict per record",
                    qualifier(epoch, model.as_deref())
                )));
            }
            let idx = u32::try_from(out.entries.len())
                .map_err(|_| at("too many judge verdicts".into()))?;
            out.by_id.entry(id.clone()).or_default().push(idx);
            out.entries.push(Entry {
                id,
                epoch,
                model,
                behaviours,
                failure,
            });
        }
        Ok(out)
    }

    /// The verdict that applies to the record `id` (epoch, model): the most
    /// specific matching line, the first of equals. Allocation-free.
    pub fn find(&self, id: &str, epoch: Option<i64>, model: &str) -> Option<usize> {
        let mut best: Option<(usize, u8)> = None;
        for &i in self.by_id.get(id)? {
            let e = &self.entries[i as usize];
            if e.epoch.is_some_and(|x| Some(x) != epoch)
                || e.model.as_deref().is_some_and(|m| m != model)
            {
                continue;
            }
            let rank = u8::from(e.epoch.is_some()) + u8::from(e.model.is_some());
            if best.is_none_or(|(_, r)| rank > r) {
                best = Some((i as usize, rank));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Verdict `i` applied to a record the rubric graded `rubric_mask`:
    /// the behaviour mask and failure that count.
    pub fn apply(&self, i: usize, rubric_mask: u64, failure_mask: u64) -> (u64, bool) {
        let e = &self.entries[i];
        match (e.behaviours, e.failure) {
            (Some(m), f) => (m, f.unwrap_or(m & failure_mask != 0)),
            (None, Some(true)) => (rubric_mask, true),
            (None, _) => (rubric_mask & !failure_mask, false),
        }
    }

    /// How verdict `i` names its record: `` `id` (epoch 2, model m) ``.
    pub fn describe(&self, i: usize) -> String {
        let e = &self.entries[i];
        format!("{}{}", e.id, qualifier(e.epoch, e.model.as_deref()))
    }

    /// Number of verdicts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn qualifier(epoch: Option<i64>, model: Option<&str>) -> String {
    match (epoch, model) {
        (None, None) => String::new(),
        (Some(e), None) => format!(" (epoch {e})"),
        (None, Some(m)) => format!(" (model {m})"),
        (Some(e), Some(m)) => format!(" (epoch {e}, model {m})"),
    }
}

fn behaviour_list(rubric: &Rubric) -> String {
    let names: Vec<&str> = rubric
        .behaviours()
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        crate::rubric::builtin()
    }

    #[test]
    fn most_specific_line_wins() {
        let r = rubric();
        let l = JudgeLabels::parse(
            "j",
            r#"{"id":"a","behaviours":[]}
{"id":"a","epoch":2,"behaviours":["blackmail"]}
{"id":"a","epoch":2,"model":"m","behaviours":["leaking"]}
{"id":7,"failure":true}"#,
            &r,
        )
        .unwrap();
        assert_eq!(l.len(), 4);
        assert_eq!(l.find("a", Some(1), "m"), Some(0));
        assert_eq!(l.find("a", Some(2), "x"), Some(1));
        assert_eq!(l.find("a", Some(2), "m"), Some(2));
        assert_eq!(l.find("a", None, "m"), Some(0));
        assert_eq!(l.find("7", None, "m"), Some(3));
        assert_eq!(l.find("b", None, "m"), None);
        assert_eq!(l.describe(2), "a (epoch 2, model m)");
    }

    #[test]
    fn failure_only_keeps_or_clears_rubric_behaviours() {
        let r = rubric();
        let fm = r.failure_mask();
        let attr = 1u64 << r.behaviour_index("oversight_reasoning").unwrap();
        let bm = 1u64 << r.behaviour_index("blackmail").unwrap();
        let l = JudgeLabels::parse(
            "j",
            "{\"id\":\"x\",\"failure\":false}\n{\"id\":\"y\",\"failure\":true}\n{\"id\":\"z\",\"behaviours\":[\"oversight_reasoning\"]}",
            &r,
        )
        .unwrap();
        assert_eq!(l.apply(0, bm | attr, fm), (attr, false));
        assert_eq!(l.apply(1, 0, fm), (0, true));
        assert_eq!(l.apply(2, bm, fm), (attr, false));
    }

    #[test]
    fn bad_lines_name_file_line_and_fix() {
        let r = rubric();
        let err = |t: &str| JudgeLabels::parse("j.jsonl", t, &r).unwrap_err();
        assert!(
            err("{\"id\":1,\"behaviours\":[\"blakmail\"]}")
                .contains("j.jsonl:1: unknown behaviour `blakmail`")
        );
        assert!(err("{\"id\":1}").contains("no `behaviours` array and no `failure`"));
        assert!(
            err("\n{\"id\":1,\"failure\":false,\"behaviours\":[\"leaking\"]}")
                .contains("j.jsonl:2: `failure` is false")
        );
        assert!(
            err("{\"id\":1,\"failure\":true}\n{\"id\":1,\"failure\":false}")
                .contains("j.jsonl:2: record `1` is already judged on line 1")
        );
        assert!(err("[1]").contains("not a JSON object"));
        assert!(
            err("{\"id\":1,\"epoch\":\"x\",\"failure\":true}")
                .contains("`epoch` is not an integer")
        );
    }
}
