//! Aligned columns for a terminal.

use super::{Exporter, Report, Row, pct, visible};
use crate::rubric::BehaviourKind;

/// The terminal table exporter.
pub struct Table;

fn cells(r: &Report, row: &Row, label: Option<&str>) -> Vec<String> {
    let mut c: Vec<String> = match label {
        Some(l) => {
            let mut v = vec![l.to_string()];
            v.resize(r.by.len().max(1), String::new());
            v
        }
        // With `--by ''` the one group has no key: its column says so.
        None if r.by.is_empty() => vec!["all".to_string()],
        None => row
            .key
            .iter()
            .map(|k| {
                if k.is_empty() {
                    "-".to_string()
                } else {
                    k.clone()
                }
            })
            .collect(),
    };
    c.push(row.n.to_string());
    c.push(row.failures.to_string());
    if r.shows_judged() {
        c.push(row.judged.to_string());
    }
    if r.audited() {
        c.push(row.audit.audited().to_string());
    }
    match row.headline() {
        Some(h) => {
            c.push(pct(h.rate));
            c.push(format!("[{}, {}]", pct(h.low), pct(h.high)));
            c.push(
                row.estimate
                    .as_ref()
                    .filter(|_| row.ppi.is_none())
                    .and_then(|e| e.upper_one_sided)
                    .map(|u| format!("≤ {}", pct(u)))
                    .unwrap_or_default(),
            );
        }
        None => c.extend(["-".to_string(), "-".to_string(), String::new()]),
    }
    if r.audited() {
        match &row.estimate {
            Some(e) => {
                c.push(pct(e.rate));
                c.push(format!("[{}, {}]", pct(e.ci.low), pct(e.ci.high)));
            }
            None => c.extend(["-".to_string(), "-".to_string()]),
        }
    }
    if r.cluster.is_some() {
        match &row.clustered {
            Some(cl) => {
                c.push(cl.clusters.to_string());
                c.push(
                    cl.design_effect
                        .map(|d| format!("{d:.2}"))
                        .unwrap_or_else(|| "-".into()),
                );
                c.push(format!("[{}, {}]", pct(cl.ci.low), pct(cl.ci.high)));
            }
            None => c.extend(["-".to_string(), "-".to_string(), "-".to_string()]),
        }
    }
    for (b, (_, kind)) in row.behaviours.iter().zip(&r.behaviours) {
        c.push(match kind {
            BehaviourKind::Failure => b.count.to_string(),
            BehaviourKind::Attribute => pct(b.rate),
        });
    }
    c
}

impl Exporter for Table {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut header: Vec<String> = if r.by.is_empty() {
            vec!["group".into()]
        } else {
            r.by.clone()
        };
        let level = format!("{:.0}% CI", r.ci.confidence * 100.0);
        header.extend(["n", "fail"].map(String::from));
        if r.shows_judged() {
            header.push("judged".into());
        }
        if r.audited() {
            header.push("audited".into());
        }
        header.extend(["rate", level.as_str(), "one-sided"].map(String::from));
        if r.audited() {
            header.extend(["rubric rate", "rubric CI"].map(String::from));
        }
        if r.cluster.is_some() {
            header.extend(["clusters", "deff", "clustered CI"].map(String::from));
        }
        header.extend(r.behaviours.iter().map(|(n, _)| n.clone()));
        let mut rows = vec![header];
        for g in &r.groups {
            rows.push(cells(r, g, None));
        }
        if r.groups.len() != 1 {
            rows.push(cells(r, &r.total, Some("total")));
        }
        super::escape::visible_cells(&mut rows);
        let ncol = rows[0].len();
        let key_cols = r.by.len().max(1);
        let widths: Vec<usize> = (0..ncol)
            .map(|i| {
                rows.iter()
                    .map(|row| row[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (ri, row) in rows.iter().enumerate() {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                let pad = widths[i] - cell.chars().count();
                if i > 0 {
                    line.push_str("  ");
                }
                // Keys read left-aligned; numbers right-aligned.
                if i < key_cols {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                } else {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
            if ri == 0 {
                let rule: usize = widths.iter().sum::<usize>() + 2 * (ncol - 1);
                out.push_str(&"─".repeat(rule));
                out.push('\n');
            }
        }
        out.push('\n');
        out.push_str(&footer(r));
        out.into_bytes()
    }
}

/// Lines under the table: inputs, method, notes, problems.
pub(super) fn footer(r: &Report) -> String {
    let mut s = String::new();
    let c = r.counts;
    s.push_str(&format!(
        "graded {} of {} lines in {} input{} ({} malformed, {} blank)\n",
        c.graded,
        c.lines,
        r.files.len(),
        if r.files.len() == 1 { "" } else { "s" },
        c.malformed,
        c.blank
    ));
    s.push_str(&format!("intervals: {}\n", r.method_note()));
    s.push_str(&format!(
        "rubric: {} ({}), {}\n",
        visible(&r.provenance.rubric),
        r.provenance.rubric_hash,
        r.provenance.tool
    ));
    for n in r.notes() {
        s.push_str(&format!("note: {}\n", visible(&n)));
    }
    for e in &r.input_errors {
        s.push_str(&format!(
            "error: {}: {}\n",
            visible(&e.path),
            visible(&e.reason)
        ));
    }
    if r.errors_total > 0 {
        s.push_str(&format!(
            "malformed lines: {} (first ones are listed in the JSON report and on stderr)\n",
            r.errors_total
        ));
    }
    if r.interrupted {
        s.push_str("interrupted: these counts cover only the lines read before the stop\n");
    }
    s
}
