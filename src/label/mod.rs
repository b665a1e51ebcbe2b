//! Labels: what a record's own `label` says it shows (the reference
//! `assay agree` measures the rubric against), and what a judge decided
//! about it afterwards ([`JudgeLabels`], `--labels FILE`).
//!
//! # The `label` contract
//!
//! A transcript record may carry one `label` object: each key a behaviour
//! name of the rubric or `failure`, each value a boolean saying whether the
//! record shows it.
//!
//! ```json
//! {"id": "bm-7", "model": "m", "messages": [...],
//!  "label": {"failure": true, "blackmail": true, "leaking": false}}
//! ```
//!
//! - A name the object lacks is *unlabelled* for that name: it counts in no
//!   confusion matrix of that name. A value that is not `true` reads as
//!   absent.
//! - A record without a `label` object, or whose object names nothing the
//!   rubric knows, is unlabelled: graded, but not compared.
//! - A bare boolean, `"label": true`, is shorthand for
//!   `{"failure": true}`. The agentic-misalignment adapter
//!   ([`crate::logs::am`]) writes it from its classifier's one
//!   harmful-or-not verdict, so those records are compared on `failure`
//!   only.
//! - `assay gen` writes every behaviour and `failure`.
//!
//! One type reads it ([`LabelReader`] → [`Label`]); nothing else in the
//! crate looks at `label`.

mod judge;

pub use judge::JudgeLabels;

use crate::parse::{FieldPath, Record};
use simd_json::prelude::*;

/// A record's reference label over a list of names (the rubric's
/// behaviours, then `failure`): bit `i` is name `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Label {
    /// Names the label speaks about.
    pub known: u64,
    /// Names it says are present (a subset of `known`).
    pub present: u64,
}

impl Label {
    /// Whether the label speaks about name `i`.
    pub fn knows(&self, i: usize) -> bool {
        i < 64 && self.known >> i & 1 == 1
    }

    /// Whether the label says name `i` is present.
    pub fn has(&self, i: usize) -> bool {
        i < 64 && self.present >> i & 1 == 1
    }
}

/// Reads [`Label`]s for a fixed list of names; one per thread (it reuses a
/// buffer).
#[derive(Clone, Debug)]
pub struct LabelReader {
    pointers: Vec<FieldPath>,
    /// Where `failure` is among the names, for the boolean shorthand.
    failure: Option<usize>,
    buf: String,
}

impl LabelReader {
    /// A reader for `names` (at most 64: the rubric's behaviours and
    /// `failure`).
    pub fn new(names: &[String]) -> LabelReader {
        LabelReader {
            pointers: names
                .iter()
                .take(64)
                .map(|n| FieldPath::Pointer(vec!["label".into(), n.clone()]))
                .collect(),
            failure: names.iter().take(64).position(|n| n == "failure"),
            buf: String::new(),
        }
    }

    /// The record's label, or `None` when it labels none of the names.
    pub fn read(&mut self, rec: &Record<'_, '_>) -> Option<Label> {
        let mut l = Label::default();
        for (i, p) in self.pointers.iter().enumerate() {
            self.buf.clear();
            if rec.lookup(p, &mut self.buf) {
                l.known |= 1 << i;
                if self.buf == "true" {
                    l.present |= 1 << i;
                }
            }
        }
        if l.known == 0
            && let Some(i) = self.failure
            && let Some(b) = rec.root.get("label").and_then(|v| v.as_bool())
        {
            l.known = 1 << i;
            l.present = u64::from(b) << i;
        }
        (l.known != 0).then_some(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Scratch;

    fn read(line: &str, names: &[&str]) -> Option<Label> {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut r = LabelReader::new(&names);
        Scratch::new().with_record(line.as_bytes(), |rec| r.read(rec.unwrap()))
    }

    #[test]
    fn names_the_label_lacks_are_unknown_not_absent() {
        let l = read(
            r#"{"id":1,"model":"m","messages":[],"label":{"failure":true,"leaking":false}}"#,
            &["blackmail", "leaking", "failure"],
        )
        .unwrap();
        assert_eq!((l.knows(0), l.knows(1), l.knows(2)), (false, true, true));
        assert_eq!((l.has(1), l.has(2)), (false, true));
    }

    #[test]
    fn a_boolean_label_is_a_failure_label() {
        let names = ["blackmail", "failure"];
        let l = read(r#"{"id":1,"model":"m","messages":[],"label":true}"#, &names);
        assert_eq!(
            l,
            Some(Label {
                known: 2,
                present: 2
            })
        );
        let l = read(
            r#"{"id":1,"model":"m","messages":[],"label":false}"#,
            &names,
        );
        assert_eq!(
            l,
            Some(Label {
                known: 2,
                present: 0
            })
        );
    }

    #[test]
    fn no_label_object_is_no_label() {
        for line in [
            r#"{"id":1,"model":"m","messages":[]}"#,
            r#"{"id":1,"model":"m","messages":[],"label":"yes"}"#,
            r#"{"id":1,"model":"m","messages":[],"label":{"other":true}}"#,
        ] {
            assert_eq!(read(line, &["blackmail", "failure"]), None, "{line}");
        }
    }
}
