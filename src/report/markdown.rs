//! A GitHub-flavoured Markdown table with its method and notes underneath,
//! for papers and pull requests.

use super::{Exporter, Report, Row, pct};
use crate::rubric::BehaviourKind;

/// The Markdown exporter.
pub struct Markdown;

use super::md_cell as esc;

impl Exporter for Markdown {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut head: Vec<String> = r.by.iter().map(|b| esc(b)).collect();
        let level = format!("{:.0}% CI", r.ci.confidence * 100.0);
        head.extend(["n".into(), "failures".into()]);
        if r.shows_judged() {
            head.push("judged".into());
        }
        if r.audited() {
            head.push("audited".into());
        }
        head.extend(["rate".into(), level]);
        if r.audited() {
            head.extend(["rubric rate".into(), "rubric CI".into()]);
        }
        if r.cluster.is_some() {
            head.extend(["design effect".into(), "clustered CI".into()]);
        }
        head.extend(r.behaviours.iter().map(|(b, _)| esc(b)));
        let mut out = format!("| {} |\n", head.join(" | "));
        let aligns: Vec<&str> = head
            .iter()
            .enumerate()
            .map(|(i, _)| if i < r.by.len() { "---" } else { "---:" })
            .collect();
        out.push_str(&format!("| {} |\n", aligns.join(" | ")));
        let line = |row: &Row, label: Option<&str>| {
            let mut c: Vec<String> = match label {
                Some(l) => {
                    let mut v = vec![format!("**{l}**")];
                    v.resize(r.by.len(), String::new());
                    v
                }
                None => row.key.iter().map(|k| esc(k)).collect(),
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
                    let mut ci = format!("[{}, {}]", pct(h.low), pct(h.high));
                    let one_sided = row.estimate.as_ref().filter(|_| row.ppi.is_none());
                    if let Some(u) = one_sided.and_then(|e| e.upper_one_sided) {
                        ci.push_str(&format!(" (≤ {})", pct(u)));
                    }
                    c.push(ci);
                }
                None => c.extend(["–".to_string(), "–".to_string()]),
            }
            if r.audited() {
                match &row.estimate {
                    Some(e) => {
                        c.push(pct(e.rate));
                        c.push(format!("[{}, {}]", pct(e.ci.low), pct(e.ci.high)));
                    }
                    None => c.extend(["–".to_string(), "–".to_string()]),
                }
            }
            if r.cluster.is_some() {
                let cl = row.clustered.as_ref();
                c.push(
                    cl.and_then(|c| c.design_effect)
                        .map(|d| format!("{d:.2}"))
                        .unwrap_or_else(|| "–".into()),
                );
                c.push(
                    cl.map(|c| format!("[{}, {}]", pct(c.ci.low), pct(c.ci.high)))
                        .unwrap_or_else(|| "–".into()),
                );
            }
            for (b, (_, kind)) in row.behaviours.iter().zip(&r.behaviours) {
                c.push(match kind {
                    BehaviourKind::Failure => format!("{} ({})", b.count, pct(b.rate)),
                    BehaviourKind::Attribute => pct(b.rate),
                });
            }
            format!("| {} |\n", c.join(" | "))
        };
        for g in &r.groups {
            out.push_str(&line(g, None));
        }
        if r.groups.len() != 1 && !r.by.is_empty() {
            out.push_str(&line(&r.total, Some("total")));
        }
        out.push('\n');
        for l in super::table::footer(r).lines() {
            out.push_str(&format!("- {}\n", esc(l)));
        }
        out.into_bytes()
    }
}
