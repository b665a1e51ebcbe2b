//! Renders a [`Comparison`] as a table, JSON, CSV or Markdown. Every format
//! names the baseline, the interval and test of each row, the correction and
//! the confidence level.

use super::{Comparison, Row};
use crate::report::{Format, pct};
use serde_json::{Value, json};

fn signed_pct(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", pct(x))
    } else {
        pct(x)
    }
}

fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "<0.0001".to_string()
    } else {
        format!("{p:.4}")
    }
}

fn header(c: &Comparison) -> String {
    format!(
        "p_other − p_{} per cell; {:.0}% intervals; p-values adjusted by {} across {} comparison{}; paired by {} where records pair up",
        crate::report::visible(&c.baseline),
        c.confidence * 100.0,
        c.correction.name(),
        c.rows.len(),
        if c.rows.len() == 1 { "" } else { "s" },
        c.pair_by
    )
}

fn notes(c: &Comparison) -> Vec<String> {
    // A reason shared by several rows is said once, with the rows counted.
    let mut shared: Vec<(&str, Vec<String>)> = Vec::new();
    for r in &c.rows {
        if let Some(n) = &r.note {
            let who = format!("{} / {}", cell_label(c, r), r.model);
            match shared.iter_mut().find(|(t, _)| *t == n.as_str()) {
                Some((_, rows)) => rows.push(who),
                None => shared.push((n, vec![who])),
            }
        }
    }
    let mut v: Vec<String> = shared
        .into_iter()
        .map(|(n, rows)| match rows.as_slice() {
            [one] => format!("{one}: {n}"),
            many => format!("{} comparisons: {n}", many.len()),
        })
        .collect();
    for cell in &c.cells_without_baseline {
        v.push(format!(
            "{}: no {} records, nothing compared",
            join_cell(c, cell),
            c.baseline
        ));
    }
    v
}

fn join_cell(c: &Comparison, cell: &[String]) -> String {
    if cell.is_empty() {
        return "all".into();
    }
    c.cell_labels
        .iter()
        .zip(cell)
        .map(|(l, v)| format!("{l}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cell_label(c: &Comparison, r: &Row) -> String {
    join_cell(c, &r.cell)
}

/// The comparison in `format`.
pub fn render(c: &Comparison, format: Format) -> Vec<u8> {
    match format {
        Format::Json => json_doc(c),
        Format::Csv => csv(c),
        Format::Markdown => markdown(c),
        Format::Table => table(c),
    }
}

fn cells(c: &Comparison, r: &Row) -> Vec<String> {
    let mut v: Vec<String> = r
        .cell
        .iter()
        .map(|s| if s.is_empty() { "-".into() } else { s.clone() })
        .collect();
    v.push(r.model.clone());
    let _ = c;
    v.push(format!("{}/{}", r.base.0, r.base.1));
    v.push(format!("{}/{}", r.other.0, r.other.1));
    v.push(signed_pct(r.diff));
    v.push(format!("[{}, {}]", signed_pct(r.low), signed_pct(r.high)));
    v.push(r.design.name().into());
    v.push(p_text(r.p));
    v.push(p_text(r.p_adjusted));
    v
}

fn columns(c: &Comparison) -> Vec<String> {
    let mut h = c.cell_labels.clone();
    h.push("model".into());
    h.push(format!("{} fail/n", c.baseline));
    h.push("fail/n".into());
    h.push("difference".into());
    h.push(format!("{:.0}% CI", c.confidence * 100.0));
    h.push("design".into());
    h.push("p".into());
    h.push(format!("p ({})", c.correction.name()));
    h
}

fn table(c: &Comparison) -> Vec<u8> {
    let mut rows = vec![columns(c)];
    rows.extend(c.rows.iter().map(|r| cells(c, r)));
    crate::report::escape::visible_cells(&mut rows);
    let n = rows[0].len();
    let keys = c.cell_labels.len() + 1;
    let w: Vec<usize> = (0..n)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (ri, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(w[i] - cell.chars().count());
            if i > 0 {
                line.push_str("  ");
            }
            if i < keys {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if ri == 0 {
            out.push_str(&"─".repeat(w.iter().sum::<usize>() + 2 * (n - 1)));
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&header(c));
    out.push('\n');
    for n in notes(c) {
        out.push_str(&format!("note: {}\n", crate::report::visible(&n)));
    }
    out.into_bytes()
}

fn markdown(c: &Comparison) -> Vec<u8> {
    let h = columns(c);
    let mut out = format!("| {} |\n", h.join(" | "));
    let keys = c.cell_labels.len() + 1;
    let align: Vec<&str> = (0..h.len())
        .map(|i| if i < keys { "---" } else { "---:" })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for r in &c.rows {
        out.push_str(&format!(
            "| {} |\n",
            cells(c, r)
                .iter()
                .map(|s| crate::report::md_cell(s))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out.push_str(&format!("\n- {}\n", header(c)));
    for n in notes(c) {
        out.push_str(&format!("- note: {}\n", crate::report::md_cell(&n)));
    }
    out.into_bytes()
}

fn csv_field(s: &str) -> String {
    crate::report::csv_cell(s, true)
}

fn csv(c: &Comparison) -> Vec<u8> {
    let mut h: Vec<String> = c.cell_labels.iter().map(|l| csv_field(l)).collect();
    h.extend(
        [
            "model",
            "baseline",
            "base_failures",
            "base_n",
            "failures",
            "n",
            "diff",
            "ci_low",
            "ci_high",
            "confidence",
            "design",
            "method",
            "p",
            "p_adjusted",
            "correction",
            "note",
        ]
        .map(String::from),
    );
    let mut out = h.join(",") + "\n";
    for r in &c.rows {
        let mut v: Vec<String> = r.cell.iter().map(|s| csv_field(s)).collect();
        v.extend([
            csv_field(&r.model),
            csv_field(&c.baseline),
            r.base.0.to_string(),
            r.base.1.to_string(),
            r.other.0.to_string(),
            r.other.1.to_string(),
            r.diff.to_string(),
            r.low.to_string(),
            r.high.to_string(),
            c.confidence.to_string(),
            r.design.name().into(),
            csv_field(r.design.method()),
            r.p.to_string(),
            r.p_adjusted.to_string(),
            c.correction.name().into(),
            csv_field(r.note.as_deref().unwrap_or("")),
        ]);
        out.push_str(&(v.join(",") + "\n"));
    }
    out.into_bytes()
}

fn json_doc(c: &Comparison) -> Vec<u8> {
    let rows: Vec<Value> = c
        .rows
        .iter()
        .map(|r| {
            let cell: serde_json::Map<String, Value> =
                c.cell_labels.iter().cloned().zip(r.cell.iter().map(|s| Value::from(s.as_str()))).collect();
            json!({
                "cell": cell,
                "model": r.model,
                "baseline": {"failures": r.base.0, "n": r.base.1},
                "other": {"failures": r.other.0, "n": r.other.1},
                "design": r.design.name(),
                "method": r.design.method(),
                "pairs": r.pairs.map(|t| json!({"both": t.both, "base_only": t.base_only, "other_only": t.other_only, "neither": t.neither})),
                "diff": r.diff,
                "ci": {"low": r.low, "high": r.high, "confidence": c.confidence},
                "p": r.p,
                "p_adjusted": r.p_adjusted,
                "note": r.note,
            })
        })
        .collect();
    let doc = json!({
        "baseline": c.baseline,
        "cells_by": c.cell_labels,
        "pair_by": c.pair_by,
        "confidence": c.confidence,
        "correction": c.correction.name(),
        "comparisons": rows,
        "notes": notes(c),
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
