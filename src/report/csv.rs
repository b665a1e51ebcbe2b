//! One CSV row per group (and a `total` row), settings repeated per row so a
//! row never travels without its method.

use super::{Exporter, Report, Row};

/// The CSV exporter. Cells a spreadsheet would run as formulas get a
/// leading `'` unless `keep_formulas` (see [`super::csv_cell`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Csv {
    /// Write cells that start with `=`, `+`, `-`, `@`, tab or CR as they
    /// are (`--csv-formulas`).
    pub keep_formulas: bool,
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

impl Exporter for Csv {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_to(r, &mut out);
        out
    }

    /// Row by row: the text of a million groups is never held whole.
    fn write_to(&self, r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let field = |s: &str| super::csv_cell(s, !self.keep_formulas);
        let mut head: Vec<String> = r.by.iter().map(|b| field(b)).collect();
        head.push("group".into());
        head.extend(["n".into(), "failures".into()]);
        if r.shows_judged() {
            head.push("judged".into());
        }
        if r.audited() {
            head.push("audited".into());
        }
        for h in [
            "rate",
            "ci_low",
            "ci_high",
            "ci_method",
            "confidence",
            "resamples",
            "seed",
            "upper_one_sided",
        ] {
            head.push(h.into());
        }
        if r.audited() {
            for h in [
                "rubric_rate",
                "rubric_ci_low",
                "rubric_ci_high",
                "rubric_fpr",
                "rubric_fnr",
            ] {
                head.push(h.into());
            }
        }
        if r.cluster.is_some() {
            for h in [
                "clusters",
                "clustered_se",
                "design_effect",
                "clustered_ci_low",
                "clustered_ci_high",
            ] {
                head.push(h.into());
            }
        }
        for (b, _) in &r.behaviours {
            head.push(field(&format!("{b}_count")));
            head.push(field(&format!("{b}_rate")));
        }
        let mut out = head.join(",");
        out.push('\n');
        let line = |row: &Row, label: &str| {
            let mut c: Vec<String> = if row.key.is_empty() {
                vec![String::new(); r.by.len()]
            } else {
                row.key.iter().map(|k| field(k)).collect()
            };
            c.push(label.into());
            c.push(row.n.to_string());
            c.push(row.failures.to_string());
            if r.shows_judged() {
                c.push(row.judged.to_string());
            }
            if r.audited() {
                c.push(row.audit.audited().to_string());
            }
            let e = row.estimate.as_ref();
            let h = row.headline();
            c.push(num(h.map(|h| h.rate)));
            c.push(num(h.map(|h| h.low)));
            c.push(num(h.map(|h| h.high)));
            c.push(h.map(|h| h.method.to_string()).unwrap_or_default());
            c.push(r.ci.confidence.to_string());
            c.push(r.ci.resamples.to_string());
            c.push(r.ci.seed.to_string());
            c.push(num(e
                .filter(|_| row.ppi.is_none())
                .and_then(|e| e.upper_one_sided)));
            if r.audited() {
                c.push(num(e.map(|e| e.rate)));
                c.push(num(e.map(|e| e.ci.low)));
                c.push(num(e.map(|e| e.ci.high)));
                let p = row.ppi.as_ref();
                c.push(num(p.and_then(|p| p.fpr.map(|f| f.rate))));
                c.push(num(p.and_then(|p| p.fnr.map(|f| f.rate))));
            }
            if r.cluster.is_some() {
                let cl = row.clustered.as_ref();
                c.push(cl.map(|c| c.clusters.to_string()).unwrap_or_default());
                c.push(num(cl.and_then(|c| c.se)));
                c.push(num(cl.and_then(|c| c.design_effect)));
                c.push(num(cl.map(|c| c.ci.low)));
                c.push(num(cl.map(|c| c.ci.high)));
            }
            for b in &row.behaviours {
                c.push(b.count.to_string());
                c.push(b.rate.to_string());
            }
            c.join(",") + "\n"
        };
        w.write_all(out.as_bytes())?;
        for g in &r.groups {
            w.write_all(line(g, "group").as_bytes())?;
        }
        w.write_all(line(&r.total, "total").as_bytes())
    }
}
