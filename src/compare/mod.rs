//! Compare: each model against a baseline model, cell by cell.
//!
//! A *cell* is one combination of the non-model grouping fields (by default
//! scenario × condition). In each cell every other model is compared with the
//! baseline on the difference of failure rates, p_other − p_base:
//!
//! * **Paired** when the records pair up one to one by the pairing key
//!   (`--pair-by`, default `id,epoch`: the same prompt graded under both
//!   models): Newcombe (1998b) method 10 interval and McNemar's exact test.
//! * **Unpaired** otherwise: Newcombe (1998a) hybrid score interval and a
//!   two-sided Fisher exact test. A note says how many records did pair.
//!
//! p-values are then adjusted across all comparisons of the sweep (Holm by
//! default, Benjamini–Hochberg or none), because a sweep of many cells tested
//! at 5 % each will find "significant" differences by chance.
//!
//! Everything is computed from sufficient statistics the engine already
//! tallies: per (cell, model) group, the pairing key is the cluster key, so a
//! paired table is the match of two groups' per-key outcomes. No record is
//! kept or copied.

mod render;

use crate::engine::Outcome;
use crate::stats::{self, Correction, PairedCounts};
use crate::tally::GroupTally;

pub use render::render;

/// How one comparison was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    /// Records paired one to one (McNemar, Newcombe 1998b).
    Paired,
    /// Independent groups (Fisher, Newcombe 1998a).
    Unpaired,
}

impl Design {
    /// `paired` / `unpaired`.
    pub fn name(self) -> &'static str {
        match self {
            Design::Paired => "paired",
            Design::Unpaired => "unpaired",
        }
    }
    /// Interval and test used.
    pub fn method(self) -> &'static str {
        match self {
            Design::Paired => "Newcombe 1998b method 10 + McNemar exact",
            Design::Unpaired => "Newcombe 1998a hybrid score + Fisher exact",
        }
    }
}

/// One model against the baseline in one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The cell's key values.
    pub cell: Vec<String>,
    /// The compared model.
    pub model: String,
    /// Baseline failures and n.
    pub base: (u64, u64),
    /// This model's failures and n.
    pub other: (u64, u64),
    /// Paired or not.
    pub design: Design,
    /// The paired table, when paired.
    pub pairs: Option<PairedCounts>,
    /// p_other − p_base.
    pub diff: f64,
    /// Interval for the difference.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
    /// Unadjusted two-sided p-value.
    pub p: f64,
    /// p-value adjusted across every row.
    pub p_adjusted: f64,
    /// Why the design or interval is what it is, when it is not obvious.
    pub note: Option<String>,
}

/// All comparisons of a sweep.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The baseline model.
    pub baseline: String,
    /// Labels of the cell fields.
    pub cell_labels: Vec<String>,
    /// The pairing key's label.
    pub pair_by: String,
    /// Two-sided confidence level.
    pub confidence: f64,
    /// Multiple-comparison correction.
    pub correction: Correction,
    /// One row per (cell, other model), sorted by cell then model.
    pub rows: Vec<Row>,
    /// Cells with no baseline records (nothing to compare), by key.
    pub cells_without_baseline: Vec<Vec<String>>,
}

/// Builds every comparison from an outcome whose groups are keyed by the
/// cell fields followed by the model, with the pairing key as cluster key.
pub fn compare(
    outcome: &Outcome,
    cell_labels: Vec<String>,
    pair_by: String,
    baseline: &str,
    confidence: f64,
    correction: Correction,
) -> Result<Comparison, String> {
    let parts = cell_labels.len() + 1;
    let groups = outcome.tally.sorted_groups(parts);
    if !groups.iter().any(|(k, _)| k[parts - 1] == baseline) {
        let mut models: Vec<&str> = groups.iter().map(|(k, _)| k[parts - 1]).collect();
        models.sort_unstable();
        models.dedup();
        return Err(format!(
            "no graded records of baseline model `{baseline}`; models in these inputs: {}",
            models.join(", ")
        ));
    }
    let mut rows = Vec::new();
    let mut cells_without_baseline = Vec::new();
    // Groups are sorted by key, so each cell's models are contiguous.
    let mut i = 0;
    while i < groups.len() {
        let cell = &groups[i].0[..parts - 1];
        let mut j = i;
        while j < groups.len() && &groups[j].0[..parts - 1] == cell {
            j += 1;
        }
        let members = &groups[i..j];
        match members.iter().find(|(k, _)| k[parts - 1] == baseline) {
            None => cells_without_baseline.push(cell.iter().map(|s| s.to_string()).collect()),
            Some((_, base)) => {
                for (k, other) in members.iter().filter(|(k, _)| k[parts - 1] != baseline) {
                    if let Some(r) = row(cell, k[parts - 1], base, other, confidence) {
                        rows.push(r);
                    }
                }
            }
        }
        i = j;
    }
    let p: Vec<f64> = rows.iter().map(|r| r.p).collect();
    for (r, a) in rows.iter_mut().zip(stats::adjust(&p, correction)) {
        r.p_adjusted = a;
    }
    Ok(Comparison {
        baseline: baseline.to_string(),
        cell_labels,
        pair_by,
        confidence,
        correction,
        rows,
        cells_without_baseline,
    })
}

/// The paired table, if every record of both groups has exactly one partner.
fn pair_up(base: &GroupTally, other: &GroupTally) -> Result<PairedCounts, String> {
    let single = |g: &GroupTally| g.clusters.values().all(|&(_, t)| t == 1);
    let matched = base
        .clusters
        .keys()
        .filter(|k| other.clusters.contains_key(*k))
        .count();
    if !single(base) || !single(other) {
        return Err("the pairing key repeats within a model; pass --pair-by with a unique key (e.g. id,epoch)".to_string());
    }
    if matched == 0 {
        return Err("no records pair up by the pairing key".to_string());
    }
    if matched != base.clusters.len() || matched != other.clusters.len() {
        return Err(format!(
            "{matched} of {} baseline and {} other records pair up by the pairing key",
            base.clusters.len(),
            other.clusters.len()
        ));
    }
    let mut t = PairedCounts::default();
    // Sorted iteration keeps this independent of hash order (it is a sum,
    // but sorted is cheap and obviously deterministic).
    let mut keys: Vec<&String> = base.clusters.keys().collect();
    keys.sort_unstable();
    for k in keys {
        let b = base.clusters[k].0 > 0;
        let o = other.clusters.get(k).is_some_and(|c| c.0 > 0);
        match (b, o) {
            (true, true) => t.both += 1,
            (true, false) => t.base_only += 1,
            (false, true) => t.other_only += 1,
            (false, false) => t.neither += 1,
        }
    }
    Ok(t)
}

fn row(
    cell: &[&str],
    model: &str,
    base: &GroupTally,
    other: &GroupTally,
    confidence: f64,
) -> Option<Row> {
    let mut r = Row {
        cell: cell.iter().map(|s| s.to_string()).collect(),
        model: model.to_string(),
        base: (base.failures, base.n),
        other: (other.failures, other.n),
        design: Design::Unpaired,
        pairs: None,
        diff: 0.0,
        low: 0.0,
        high: 0.0,
        p: 1.0,
        p_adjusted: 1.0,
        note: None,
    };
    match pair_up(base, other) {
        Ok(t) => {
            let d = stats::paired_diff(&t, confidence)?;
            r.design = Design::Paired;
            r.pairs = Some(t);
            (r.diff, r.low, r.high, r.p) = (d.diff, d.low, d.high, d.p_value);
            r.note = d.fallback;
        }
        Err(why) => {
            let d = stats::compare_unpaired(
                base.failures,
                base.n,
                other.failures,
                other.n,
                confidence,
            )?;
            (r.diff, r.low, r.high, r.p) = (d.diff, d.low, d.high, d.p_value);
            r.note = Some(format!("{why}; compared as independent groups"));
        }
    }
    Some(r)
}

#[cfg(test)]
mod tests;
