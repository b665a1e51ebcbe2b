//! One JSON document with the shape documented in the README.

use super::{Exporter, Report, Row};
use crate::rubric::BehaviourKind;
use serde_json::{Map, Value, json};

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
    if r.judge.is_some() {
        o.insert("judged".into(), row.judged.into());
    }
    match &row.estimate {
        Some(e) => {
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
        None => {
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

impl Exporter for Json {
    fn export(&self, r: &Report) -> Vec<u8> {
        let files: Vec<Value> = r
            .files
            .iter()
            .map(|f| {
                json!({"path": f.path, "bytes": f.bytes, "lines": f.counts.lines, "graded": f.counts.graded,
                       "malformed": f.counts.malformed, "blank": f.counts.blank, "error": f.error})
            })
            .collect();
        let errors: Vec<Value> = r
            .errors
            .iter()
            .map(
                |e| json!({"file": e.file, "line": e.line, "offset": e.offset, "reason": e.reason}),
            )
            .collect();
        let doc = json!({
            "tool": r.provenance.tool,
            "rubric": {"origin": r.provenance.rubric, "hash": r.provenance.rubric_hash},
            "by": r.by,
            "statistics": {
                "method": r.ci.method.name(),
                "description": r.ci.method.describe(),
                "confidence": r.ci.confidence,
                "resamples": r.ci.resamples,
                "seed": r.ci.seed,
                "cluster": r.cluster,
            },
            "inputs": {"files": files, "lines": r.counts.lines, "graded": r.counts.graded,
                       "malformed": r.counts.malformed, "blank": r.counts.blank},
            "groups": r.groups.iter().map(|g| row(r, g)).collect::<Vec<_>>(),
            "total": row(r, &r.total),
            "notes": r.notes(),
            "errors": errors,
            "errors_total": r.errors_total,
            "input_errors": r.input_errors.iter().map(|e| json!({"path": e.path, "reason": e.reason})).collect::<Vec<_>>(),
            "interrupted": r.interrupted,
        });
        let mut doc = doc;
        if let (Some(j), Some(o)) = (&r.judge, doc.as_object_mut()) {
            o.insert(
                "judge".into(),
                json!({"verdicts": j.verdicts, "judged": j.judged, "unseen": j.unseen,
                       "unseen_first": j.unseen_first}),
            );
        }
        let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
