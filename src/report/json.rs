//! One JSON document with the shape documented in docs/output.md.

use super::{Exporter, Report, Row};
use crate::rubric::BehaviourKind;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The JSON exporter.
pub struct Json;

fn row(r: &Report, row: &Row) -> Value {
    let mut o = Map::new();
    if !row.key.is_empty() {
        let key: Map<String, Value> =
            r.by.iter()
                .cloned()
                .zip(row.key.iter().map(|k| Value::from(k.as_str())))
                .collect();
        o.insert("key".into(), Value::Object(key));
    }
    o.insert("n".into(), row.n.into());
    o.insert("failures".into(), row.failures.into());
    if r.shows_judged() {
        o.insert("judged".into(), row.judged.into());
    }
    if r.audited() {
        o.insert("audited".into(), row.audit.audited().into());
    }
    match (&row.ppi, &row.estimate) {
        (Some(p), Some(e)) => {
            o.insert("rate".into(), p.rate.into());
            o.insert(
                "ci".into(),
                json!({"low": p.lo, "high": p.hi, "method": p.method, "confidence": p.confidence}),
            );
            o.insert("upper_one_sided".into(), Value::Null);
            o.insert("lambda".into(), p.lambda.into());
            o.insert("rubric_rate".into(), e.rate.into());
            o.insert(
                "rubric_ci".into(),
                json!({"low": e.ci.low, "high": e.ci.high, "method": e.ci.method.name(),
                       "confidence": r.ci.confidence}),
            );
            let err = |x: &Option<crate::stats::ppi::ErrorRate>| match x {
                Some(x) => json!({"rate": x.rate, "low": x.lo, "high": x.hi,
                                  "errors": x.errors, "of": x.of}),
                None => Value::Null,
            };
            o.insert("rubric_fpr".into(), err(&p.fpr));
            o.insert("rubric_fnr".into(), err(&p.fnr));
            o.insert(
                "audit_table".into(),
                json!({"both_fail": row.audit.both_fail, "false_positive": row.audit.false_positive,
                       "false_negative": row.audit.false_negative, "both_pass": row.audit.both_pass}),
            );
        }
        (_, Some(e)) => {
            o.insert("rate".into(), e.rate.into());
            let mut ci = Map::new();
            ci.insert("low".into(), e.ci.low.into());
            ci.insert("high".into(), e.ci.high.into());
            ci.insert("method".into(), e.ci.method.name().into());
            ci.insert("confidence".into(), r.ci.confidence.into());
            if let Some(f) = &e.ci.fallback {
                ci.insert("fallback".into(), f.as_str().into());
            }
            o.insert("ci".into(), Value::Object(ci));
            o.insert(
                "upper_one_sided".into(),
                e.upper_one_sided.map_or(Value::Null, Value::from),
            );
        }
        (_, None) => {
            o.insert("rate".into(), Value::Null);
            o.insert("ci".into(), Value::Null);
            o.insert("upper_one_sided".into(), Value::Null);
        }
    }
    if r.cluster.is_some() {
        o.insert(
            "clustered".into(),
            match &row.clustered {
                None => Value::Null,
                Some(c) => json!({
                    "clusters": c.clusters,
                    "se": c.se,
                    "naive_se": c.naive_se,
                    "design_effect": c.design_effect,
                    "effective_n": c.effective_n,
                    "ci": {"low": c.ci.low, "high": c.ci.high, "method": c.ci.method.name(), "fallback": c.ci.fallback},
                    "upper_one_sided": c.upper_one_sided,
                    "notes": c.notes,
                }),
            },
        );
    }
    let mut b = Map::new();
    let mut attrs = Map::new();
    for (count, (name, kind)) in row.behaviours.iter().zip(&r.behaviours) {
        let v = json!({"count": count.count, "rate": count.rate});
        match kind {
            BehaviourKind::Failure => b.insert(name.clone(), v),
            BehaviourKind::Attribute => attrs.insert(name.clone(), v),
        };
    }
    o.insert("behaviours".into(), Value::Object(b));
    o.insert("attributes".into(), Value::Object(attrs));
    Value::Object(o)
}

/// Writes the document field by field, and the groups one at a time, so
/// that memory does not grow with the number of groups (a `Value` tree of
/// the whole report took gigabytes for a million groups). The bytes are those
/// `serde_json::to_writer_pretty` writes for the whole document.
struct Doc<'w> {
    w: &'w mut dyn Write,
    first: bool,
    buf: Vec<u8>,
}

impl Doc<'_> {
    /// `v`, pretty-printed, its lines after the first indented by `indent`.
    fn value(&mut self, v: &Value, indent: usize) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, v)?;
        // JSON text holds no raw newline but those between its lines.
        for (i, line) in self.buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.w.write_all(b"\n")?;
                write!(self.w, "{:indent$}", "")?;
            }
            self.w.write_all(line)?;
        }
        Ok(())
    }

    /// Starts the top-level field `key`.
    fn key(&mut self, key: &str) -> io::Result<()> {
        let sep: &[u8] = if self.first { b"{\n  " } else { b",\n  " };
        self.first = false;
        self.w.write_all(sep)?;
        serde_json::to_writer(&mut *self.w, key)?;
        self.w.write_all(b": ")
    }

    fn field(&mut self, key: &str, v: Value) -> io::Result<()> {
        self.key(key)?;
        self.value(&v, 2)
    }
}

impl Exporter for Json {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_to(r, &mut out);
        out
    }

    fn write_to(&self, r: &Report, w: &mut dyn Write) -> io::Result<()> {
        let mut d = Doc {
            w,
            first: true,
            buf: Vec::new(),
        };
        let files: Vec<Value> = r
            .files
            .iter()
            .map(|f| {
                json!({"path": f.path, "bytes": f.bytes, "lines": f.counts.lines, "graded": f.counts.graded,
                       "malformed": f.counts.malformed, "blank": f.counts.blank, "error": f.error})
            })
            .collect();
        d.field("tool", json!(r.provenance.tool))?;
        d.field(
            "rubric",
            json!({"origin": r.provenance.rubric, "hash": r.provenance.rubric_hash}),
        )?;
        d.field("by", json!(r.by))?;
        d.field(
            "statistics",
            json!({
                "method": r.ci.method.name(),
                "description": r.ci.method.describe(),
                "confidence": r.ci.confidence,
                "resamples": r.ci.resamples,
                "seed": r.ci.seed,
                "cluster": r.cluster,
            }),
        )?;
        d.field(
            "inputs",
            json!({"files": files, "lines": r.counts.lines, "graded": r.counts.graded,
                   "malformed": r.counts.malformed, "blank": r.counts.blank}),
        )?;
        d.key("groups")?;
        if r.groups.is_empty() {
            d.w.write_all(b"[]")?;
        } else {
            for (i, g) in r.groups.iter().enumerate() {
                d.w.write_all(if i == 0 { b"[\n    " } else { b",\n    " })?;
                d.value(&row(r, g), 4)?;
            }
            d.w.write_all(b"\n  ]")?;
        }
        d.field("total", row(r, &r.total))?;
        d.field("notes", json!(r.notes()))?;
        let errors: Vec<Value> = r
            .errors
            .iter()
            .map(
                |e| json!({"file": e.file, "line": e.line, "offset": e.offset, "reason": e.reason}),
            )
            .collect();
        d.field("errors", Value::Array(errors))?;
        d.field("errors_total", json!(r.errors_total))?;
        d.field(
            "input_errors",
            r.input_errors
                .iter()
                .map(|e| json!({"path": e.path, "reason": e.reason}))
                .collect(),
        )?;
        d.field("interrupted", json!(r.interrupted))?;
        if let Some(j) = &r.judge {
            d.field(
                "judge",
                json!({"verdicts": j.verdicts, "judged": j.judged, "unseen": j.unseen,
                       "unseen_first": j.unseen_first}),
            )?;
        }
        if let Some(j) = &r.judge_run {
            d.field("judge_run", j.to_json())?;
        }
        d.w.write_all(b"\n}\n")
    }
}
