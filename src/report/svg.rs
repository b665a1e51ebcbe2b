//! `--svg FILE`: a chart of failure rates with interval whiskers, one bar
//! per group, grouped by scenario and coloured by model.
//!
//! Hand-written SVG 1.1 with no script and no external font or stylesheet,
//! so it renders the same in a browser, an image viewer, a paper or a pull
//! request. Bars are horizontal because group labels are long. The axis
//! stops at a round number just above the largest upper bound, so small
//! rates stay visible; it is labelled so it is never mistaken for 0–100%.

use super::{Exporter, Report, Row, pct};
use std::fmt::Write;

/// The SVG chart exporter.
pub struct Svg;

/// Colour-blind-safe palette (Okabe–Ito), cycled by model.
const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

const ROW_H: f64 = 22.0;
const HEAD_H: f64 = 26.0;
const TOP: f64 = 56.0;
const CHAR_W: f64 = 6.6;

/// Escapes text for SVG/HTML content and attributes.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Not characters in XML 1.0: a chart must stay well-formed.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// The smallest of 1, 2, 5 × 10^k (in percent) not below `x`, capped at 100%.
fn nice_max(x: f64) -> f64 {
    let x = (x * 100.0).max(0.1);
    let mut step = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * step >= x - 1e-9 {
            step *= m;
            break;
        }
    }
    (step / 100.0).min(1.0)
}

/// Most bars a chart shows. With more groups the chart shows those with
/// the highest failure rates and says how many it left out: a chart of
/// thousands of bars is unreadable, and every group is in the table.
pub const MAX_BARS: usize = 300;

/// The rows the chart shows: every group, or the [`MAX_BARS`] with the
/// highest failure rate (then upper bound, then n; groups with no
/// transcripts last), in row order.
fn shown(r: &Report) -> Vec<&Row> {
    if r.groups.len() <= MAX_BARS {
        return r.groups.iter().collect();
    }
    let rank = |g: &Row| {
        g.headline()
            .map_or((f64::NEG_INFINITY, f64::NEG_INFINITY), |h| (h.rate, h.high))
    };
    let mut idx: Vec<usize> = (0..r.groups.len()).collect();
    idx.select_nth_unstable_by(MAX_BARS - 1, |&a, &b| {
        let (ga, gb) = (&r.groups[a], &r.groups[b]);
        let (ra, rb) = (rank(ga), rank(gb));
        rb.0.total_cmp(&ra.0)
            .then(rb.1.total_cmp(&ra.1))
            .then(gb.n.cmp(&ga.n))
            .then(a.cmp(&b))
    });
    idx.truncate(MAX_BARS);
    idx.sort_unstable();
    idx.into_iter().map(|i| &r.groups[i]).collect()
}

/// Rows grouped by the `scenario` key part (one unnamed section when
/// `--by` has no scenario); sections sorted by scenario, rows in row order.
fn sections<'r>(r: &Report, rows: &[&'r Row]) -> Vec<(String, Vec<&'r Row>)> {
    let si = r.by.iter().position(|b| b == "scenario");
    let mut out: std::collections::BTreeMap<String, Vec<&Row>> = Default::default();
    for g in rows {
        let s = si.map(|i| g.key[i].clone()).unwrap_or_default();
        out.entry(s).or_default().push(g);
    }
    out.into_iter().collect()
}

/// A bar's label: every key part but the scenario (shown as the heading).
fn label(r: &Report, row: &Row) -> String {
    let parts: Vec<&str> =
        r.by.iter()
            .zip(&row.key)
            .filter(|(b, _)| *b != "scenario")
            .map(|(_, k)| if k.is_empty() { "(none)" } else { k.as_str() })
            .collect();
    if parts.is_empty() {
        "all".to_string()
    } else {
        parts.join(" · ")
    }
}

impl Svg {
    /// The chart as an `<svg>` element (no XML declaration), for embedding.
    pub fn element(&self, r: &Report) -> String {
        let shown = shown(r);
        let left_out = r.groups.len() - shown.len();
        let secs = sections(r, &shown);
        let mi = r.by.iter().position(|b| b == "model");
        // Colours by model, in order of first appearance among all groups,
        // so a model keeps its colour whichever bars are shown.
        let mut models: std::collections::HashMap<&str, usize> = Default::default();
        for g in &r.groups {
            let m = mi.map_or("", |i| g.key[i].as_str());
            let next = models.len();
            models.entry(m).or_insert(next);
        }
        let colour = |row: &Row| {
            let m = mi.map_or("", |i| row.key[i].as_str());
            let i = models.get(m).copied().unwrap_or(0);
            PALETTE[i % PALETTE.len()]
        };
        let xmax = nice_max(
            shown
                .iter()
                .filter_map(|g| g.headline().map(|h| h.high))
                .fold(0.0, f64::max),
        );
        let longest = shown
            .iter()
            .map(|g| label(r, g).chars().count())
            .max()
            .unwrap_or(3);
        let label_w = (longest as f64 * CHAR_W + 24.0).clamp(80.0, 420.0);
        let plot_w = 420.0;
        let value_w = 250.0;
        let width = label_w + plot_w + value_w;
        let rows: usize = secs.iter().map(|(_, v)| v.len()).sum();
        let note_h = if left_out > 0 { ROW_H } else { 0.0 };
        let height = TOP + secs.len() as f64 * HEAD_H + rows as f64 * ROW_H + 44.0 + note_h;
        let x = |v: f64| label_w + (v / xmax).clamp(0.0, 1.0) * plot_w;

        let mut s = String::new();
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"Failure rate per group\">"
        );
        let _ = writeln!(
            s,
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"12\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Failure rate per group</text>\n<text x=\"12\" y=\"40\" fill=\"#555555\">whiskers: {}</text>",
            esc(&r.method_note())
        );
        // Grid and axis labels.
        let plot_bottom = height - 36.0 - note_h;
        for i in 0..=4 {
            let v = xmax * i as f64 / 4.0;
            let gx = x(v);
            let _ = writeln!(
                s,
                "<line x1=\"{gx:.1}\" y1=\"{TOP:.1}\" x2=\"{gx:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"#dddddd\"/>\n<text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555555\">{}</text>",
                plot_bottom + 16.0,
                pct(v)
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555555\">failure rate (axis 0–{})</text>",
            label_w + plot_w / 2.0,
            plot_bottom + 32.0,
            pct(xmax)
        );
        let mut y = TOP;
        for (scenario, rows) in &secs {
            y += HEAD_H;
            let head = if r.by.iter().any(|b| b == "scenario") {
                format!(
                    "scenario: {}",
                    if scenario.is_empty() {
                        "(none)"
                    } else {
                        scenario
                    }
                )
            } else {
                "all groups".to_string()
            };
            let _ = writeln!(
                s,
                "<text x=\"12\" y=\"{:.1}\" font-weight=\"bold\">{}</text>",
                y - 8.0,
                esc(&head)
            );
            for row in rows {
                let cy = y + ROW_H / 2.0;
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                    label_w - 8.0,
                    cy + 4.0,
                    esc(&label(r, row))
                );
                match row.headline() {
                    Some(h) => {
                        let c = colour(row);
                        let _ = writeln!(
                            s,
                            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{c}\" fill-opacity=\"0.75\"><title>{}: {} of {} ({})</title></rect>",
                            label_w,
                            y + 4.0,
                            x(h.rate) - label_w,
                            ROW_H - 8.0,
                            esc(&label(r, row)),
                            row.failures,
                            row.n,
                            pct(h.rate)
                        );
                        // The point, so a 0% bar is still visible.
                        let _ = writeln!(
                            s,
                            "<circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"3\" fill=\"{c}\"/>",
                            x(h.rate)
                        );
                        let (lo, hi) = (x(h.low), x(h.high));
                        let _ = writeln!(
                            s,
                            "<path d=\"M{lo:.1} {cy:.1}H{hi:.1}M{lo:.1} {:.1}V{:.1}M{hi:.1} {:.1}V{:.1}\" stroke=\"#222222\" stroke-width=\"1.5\" fill=\"none\"/>",
                            cy - 5.0,
                            cy + 5.0,
                            cy - 5.0,
                            cy + 5.0
                        );
                        let _ = writeln!(
                            s,
                            "<text x=\"{:.1}\" y=\"{:.1}\">{} [{}, {}]  {}/{}</text>",
                            label_w + plot_w + 10.0,
                            cy + 4.0,
                            pct(h.rate),
                            pct(h.low),
                            pct(h.high),
                            row.failures,
                            row.n
                        );
                    }
                    None => {
                        let _ = writeln!(
                            s,
                            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#555555\">no transcripts</text>",
                            label_w + 4.0,
                            cy + 4.0
                        );
                    }
                }
                y += ROW_H;
            }
        }
        if left_out > 0 {
            let _ = writeln!(
                s,
                "<text x=\"12\" y=\"{:.1}\" fill=\"#555555\">{left_out} more group(s) not shown: the chart shows the {} with the highest failure rates; the table lists every group</text>",
                height - 8.0,
                shown.len()
            );
        }
        if r.groups.is_empty() {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#555555\">no groups: nothing was graded</text>",
                label_w + 4.0,
                TOP + 20.0
            );
        }
        s.push_str("</svg>\n");
        s
    }
}

impl Exporter for Svg {
    fn export(&self, r: &Report) -> Vec<u8> {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str(&self.element(r));
        s.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maximum_is_a_round_number_above_the_data() {
        assert_eq!(nice_max(0.0038), 0.005);
        assert_eq!(nice_max(0.41), 0.5);
        assert_eq!(nice_max(0.9), 1.0);
        assert_eq!(nice_max(1.0), 1.0);
        assert_eq!(nice_max(0.0), 0.001);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{fffd}"
        );
    }
}
