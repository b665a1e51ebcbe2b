//! `--html FILE`: one self-contained page to read and share: the table, the
//! chart, the first evidence excerpts per behaviour, and the provenance
//! (tool version, rubric and its hash, statistics settings and seed, every
//! input with its size and SHA-256).
//!
//! No script, no external stylesheet, font or image: the CSS and the SVG
//! are inline, so the file can be mailed, attached to a CI run or archived
//! and still show the same thing.

use super::svg::{Svg, esc};
use super::{Exporter, Report, Row, pct};
use crate::rubric::BehaviourKind;
use std::fmt::Write;

/// The HTML page exporter.
pub struct Html;

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1400px;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;font-size:.85em}th,td{padding:.3em .6em;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}.wide{overflow-x:auto}\
th{background:#f5f5f5}td.k,th.k{text-align:left}tr.total td{font-weight:bold;border-top:2px solid #999}\
.muted{color:#666}.ev{margin:.6em 0;padding:.5em .8em;border-left:4px solid #0072B2;background:#f7f9fc}\
.ev q{display:block;font-family:Menlo,Consolas,monospace;font-size:.9em;white-space:pre-wrap;quotes:none}\
.ev .meta{font-size:.8em;color:#555;margin-top:.3em}code{font-size:.9em}.chart{overflow-x:auto}";

fn row_html(r: &Report, row: &Row, total: bool) -> String {
    let mut s = String::from(if total {
        "<tr class=\"total\">"
    } else {
        "<tr>"
    });
    if total {
        let _ = write!(
            s,
            "<td class=\"k\" colspan=\"{}\">total</td>",
            r.by.len().max(1)
        );
    } else {
        for k in &row.key {
            let _ = write!(s, "<td class=\"k\">{}</td>", esc(k));
        }
    }
    let _ = write!(s, "<td>{}</td><td>{}</td>", row.n, row.failures);
    if r.shows_judged() {
        let _ = write!(s, "<td>{}</td>", row.judged);
    }
    if r.audited() {
        let _ = write!(s, "<td>{}</td>", row.audit.audited());
    }
    match row.headline() {
        Some(h) => {
            let one_sided = row.estimate.as_ref().filter(|_| row.ppi.is_none());
            let _ = write!(
                s,
                "<td>{}</td><td>[{}, {}]</td><td>{}</td>",
                pct(h.rate),
                pct(h.low),
                pct(h.high),
                one_sided
                    .and_then(|e| e.upper_one_sided)
                    .map(|u| format!("≤ {}", pct(u)))
                    .unwrap_or_default()
            );
        }
        None => s.push_str("<td>–</td><td>–</td><td></td>"),
    }
    if r.audited() {
        match &row.estimate {
            Some(e) => {
                let _ = write!(
                    s,
                    "<td>{}</td><td>[{}, {}]</td>",
                    pct(e.rate),
                    pct(e.ci.low),
                    pct(e.ci.high)
                );
            }
            None => s.push_str("<td>–</td><td>–</td>"),
        }
    }
    for (b, (_, kind)) in row.behaviours.iter().zip(&r.behaviours) {
        let _ = match kind {
            BehaviourKind::Failure => write!(s, "<td>{}</td>", b.count),
            BehaviourKind::Attribute => write!(s, "<td>{}</td>", pct(b.rate)),
        };
    }
    s.push_str("</tr>\n");
    s
}

impl Exporter for Html {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_to(r, &mut out);
        out
    }

    /// The table's rows are written one at a time, the rest of the page
    /// as it is built.
    fn write_to(&self, r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut s = String::new();
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Assay report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Assay report</h1>\n"
        );
        let _ = writeln!(
            s,
            "<p>Graded {} of {} lines in {} input(s) ({} malformed, {} blank). Intervals: {}.</p>",
            r.counts.graded,
            r.counts.lines,
            r.files.len(),
            r.counts.malformed,
            r.counts.blank,
            esc(&r.method_note())
        );
        if r.interrupted {
            s.push_str("<p><strong>Interrupted: these numbers cover only the lines read before the run stopped.</strong></p>\n");
        }

        s.push_str("<h2>Failure rates</h2>\n<div class=\"wide\"><table>\n<tr>");
        if r.by.is_empty() {
            s.push_str("<th class=\"k\">group</th>");
        }
        for b in &r.by {
            let _ = write!(s, "<th class=\"k\">{}</th>", esc(b));
        }
        s.push_str("<th>n</th><th>failures</th>");
        if r.shows_judged() {
            s.push_str("<th>judged</th>");
        }
        if r.audited() {
            s.push_str("<th>audited</th>");
        }
        let _ = write!(
            s,
            "<th>rate</th><th>{:.0}% CI</th><th>one-sided</th>",
            r.ci.confidence * 100.0
        );
        if r.audited() {
            s.push_str("<th>rubric rate</th><th>rubric CI</th>");
        }
        for (b, _) in &r.behaviours {
            let _ = write!(s, "<th>{}</th>", esc(b));
        }
        s.push_str("</tr>\n");
        w.write_all(s.as_bytes())?;
        s.clear();
        for g in &r.groups {
            w.write_all(row_html(r, g, false).as_bytes())?;
        }
        s.push_str(&row_html(r, &r.total, true));
        s.push_str("</table></div>\n");
        let notes = r.notes();
        if !notes.is_empty() {
            s.push_str("<ul class=\"muted\">\n");
            for n in notes {
                let _ = writeln!(s, "<li>{}</li>", esc(&n));
            }
            s.push_str("</ul>\n");
        }

        s.push_str("<h2>Chart</h2>\n<div class=\"chart\">\n");
        s.push_str(&Svg.element(r));
        s.push_str("</div>\n");

        s.push_str("<h2>Evidence</h2>\n");
        if r.excerpts.is_empty() {
            s.push_str("<p class=\"muted\">No behaviour was found in any transcript.</p>\n");
        }
        for (bi, (name, kind)) in r.behaviours.iter().enumerate() {
            let ex: Vec<_> = r.excerpts.iter().filter(|e| e.behaviour == bi).collect();
            if ex.is_empty() {
                continue;
            }
            let total = r.total.behaviours.get(bi).map_or(0, |b| b.count);
            let _ = writeln!(
                s,
                "<h3>{}{} <span class=\"muted\">({} transcript(s); the first {} in input order)</span></h3>",
                esc(name),
                if *kind == BehaviourKind::Attribute {
                    " (attribute, not a failure)"
                } else {
                    ""
                },
                total,
                ex.len()
            );
            for e in ex {
                let place = if e.tool.is_empty() {
                    e.scope.clone()
                } else {
                    format!("{} of {}", e.scope, e.tool)
                };
                let _ = writeln!(
                    s,
                    "<div class=\"ev\"><q>{}</q><div class=\"meta\">id <code>{}</code> · model {} · rule <code>{}</code> · {} · <code>{}</code></div></div>",
                    esc(&e.text),
                    esc(&e.id),
                    esc(&e.model),
                    esc(&e.rule),
                    esc(&place),
                    esc(&e.source)
                );
            }
        }

        if r.errors_total > 0 || !r.input_errors.is_empty() {
            s.push_str("<h2>Problems</h2>\n<ul>\n");
            for e in &r.input_errors {
                let _ = writeln!(
                    s,
                    "<li><code>{}</code>: {}</li>",
                    esc(&e.path),
                    esc(&e.reason)
                );
            }
            for e in &r.errors {
                let _ = writeln!(
                    s,
                    "<li><code>{}:{}</code> (byte {}): {}</li>",
                    esc(&e.file),
                    e.line,
                    e.offset,
                    esc(&e.reason)
                );
            }
            if r.errors_total > r.errors.len() as u64 {
                let _ = writeln!(
                    s,
                    "<li>… and {} more malformed lines</li>",
                    r.errors_total - r.errors.len() as u64
                );
            }
            s.push_str("</ul>\n");
        }

        s.push_str("<h2>Provenance</h2>\n<table>\n");
        let kv = |s: &mut String, k: &str, v: &str| {
            let _ = writeln!(
                s,
                "<tr><td class=\"k\">{k}</td><td class=\"k\">{v}</td></tr>"
            );
        };
        kv(&mut s, "tool", &esc(&r.provenance.tool));
        kv(
            &mut s,
            "rubric",
            &format!(
                "{} (FNV-1a 64 <code>{}</code>)",
                esc(&r.provenance.rubric),
                esc(&r.provenance.rubric_hash)
            ),
        );
        kv(
            &mut s,
            "statistics",
            &format!(
                "{} at {:.0}%, seed {}, {} resamples",
                esc(r.ci.method.name()),
                r.ci.confidence * 100.0,
                r.ci.seed,
                r.ci.resamples
            ),
        );
        kv(
            &mut s,
            "grouped by",
            &esc(&if r.by.is_empty() {
                "(one group)".to_string()
            } else {
                r.by.join(", ")
            }),
        );
        s.push_str("</table>\n<div class=\"wide\"><table>\n<tr><th class=\"k\">input</th><th>size</th><th>bytes graded</th><th>records</th><th>graded</th><th>malformed</th><th class=\"k\">SHA-256</th></tr>\n");
        for (i, f) in r.files.iter().enumerate() {
            let (size, digest) = match r.input_digests.get(i).and_then(|d| d.as_ref()) {
                Some((n, d)) => (n.to_string(), d.as_str()),
                None => ("–".to_string(), "–"),
            };
            let _ = writeln!(
                s,
                "<tr><td class=\"k\"><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"k\"><code>{}</code></td></tr>",
                esc(&f.path),
                size,
                f.bytes,
                f.counts.lines,
                f.counts.graded,
                f.counts.malformed,
                esc(digest)
            );
        }
        s.push_str("</table></div>\n</body>\n</html>\n");
        w.write_all(s.as_bytes())
    }
}
