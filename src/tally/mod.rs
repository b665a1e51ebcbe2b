//! Tally: per-group counts, kept per thread and merged once at the end.
//!
//! A [`Tally`] holds plain counts that add: n, failures, per-behaviour counts
//! and, when clustering is asked for, per-cluster (failures, trials). Adding
//! two tallies is the same as tallying the union of their records, in any
//! order, so shards of a sweep (threads, files, machines) merge exactly.
//! Nothing here depends on hash order: reports sort groups by key.

pub mod shard;

use crate::stats::ppi::AuditTable;
use std::collections::HashMap;

/// Separates group-key parts in the map key; it cannot occur in JSON text
/// that a user would put in a field (it is a control character).
const SEP: char = '\u{1f}';

/// Counts for one group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupTally {
    /// Graded transcripts.
    pub n: u64,
    /// Transcripts with at least one failure behaviour.
    pub failures: u64,
    /// Per behaviour (rubric order): transcripts showing it.
    pub behaviours: Vec<u64>,
    /// Per cluster value: (failures, trials). Empty unless clustering.
    pub clusters: HashMap<String, (u64, u64)>,
    /// Transcripts whose verdict came from a judge (`--labels`, or a live
    /// judge on a contested record), not the rubric.
    pub judged: u64,
    /// The judge's audit of this group: (final verdict, judge verdict) of
    /// each audited record, for the prediction-powered estimate.
    pub audit: AuditTable,
}

impl GroupTally {
    fn merge(&mut self, o: &GroupTally) {
        self.n += o.n;
        self.failures += o.failures;
        self.judged += o.judged;
        self.audit.both_fail += o.audit.both_fail;
        self.audit.false_positive += o.audit.false_positive;
        self.audit.false_negative += o.audit.false_negative;
        self.audit.both_pass += o.audit.both_pass;
        if self.behaviours.len() < o.behaviours.len() {
            self.behaviours.resize(o.behaviours.len(), 0);
        }
        for (a, b) in self.behaviours.iter_mut().zip(&o.behaviours) {
            *a += b;
        }
        for (k, (f, t)) in &o.clusters {
            let e = self.clusters.entry(k.clone()).or_default();
            e.0 += f;
            e.1 += t;
        }
    }

    /// Clusters sorted by their value, for deterministic statistics.
    pub fn sorted_clusters(&self) -> Vec<(&str, u64, u64)> {
        let mut v: Vec<(&str, u64, u64)> = self
            .clusters
            .iter()
            .map(|(k, (f, t))| (k.as_str(), *f, *t))
            .collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    }
}

/// Line accounting for one input: `graded + malformed + blank = lines`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineCounts {
    /// Lines read.
    pub lines: u64,
    /// Lines graded.
    pub graded: u64,
    /// Lines that were not a valid transcript.
    pub malformed: u64,
    /// Empty or whitespace-only lines.
    pub blank: u64,
}

impl std::ops::AddAssign for LineCounts {
    fn add_assign(&mut self, o: LineCounts) {
        self.lines += o.lines;
        self.graded += o.graded;
        self.malformed += o.malformed;
        self.blank += o.blank;
    }
}

/// Per-group counts for a set of records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    groups: HashMap<String, GroupTally, foldhash::fast::RandomState>,
}

impl Tally {
    /// Counts one graded record in the group whose key parts were written to
    /// `key` with [`Tally::push_key_part`]. `behaviours` is the verdict's bit
    /// mask over `behaviour_count` behaviours. Allocates only for a new group
    /// or cluster.
    pub fn add(
        &mut self,
        key: &str,
        behaviour_count: usize,
        behaviours: u64,
        failure: bool,
        cluster: Option<&str>,
    ) {
        let g = match self.groups.get_mut(key) {
            Some(g) => g,
            None => self
                .groups
                .entry(key.to_string())
                .or_insert_with(|| GroupTally {
                    behaviours: vec![0; behaviour_count],
                    ..GroupTally::default()
                }),
        };
        g.n += 1;
        g.failures += u64::from(failure);
        let mut bits = behaviours;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            if let Some(c) = g.behaviours.get_mut(i) {
                *c += 1;
            }
            bits &= bits - 1;
        }
        if let Some(c) = cluster {
            match g.clusters.get_mut(c) {
                Some(e) => {
                    e.0 += u64::from(failure);
                    e.1 += 1;
                }
                None => {
                    g.clusters.insert(c.to_string(), (u64::from(failure), 1));
                }
            }
        }
    }

    /// Marks the record just counted in group `key` (with [`Tally::add`]) as
    /// judged: its verdict came from a judge, not the rubric.
    pub fn mark_judged(&mut self, key: &str) {
        if let Some(g) = self.groups.get_mut(key) {
            g.judged += 1;
        }
    }

    /// Replaces the verdict a record of group `key` was counted with by
    /// [`Tally::add`] (`old_*`) with another (`new_*`), as when a judge
    /// decides a record the rubric contested. The record stays counted once.
    pub fn revise(
        &mut self,
        key: &str,
        (old_behaviours, old_failure): (u64, bool),
        (new_behaviours, new_failure): (u64, bool),
        cluster: Option<&str>,
    ) {
        let Some(g) = self.groups.get_mut(key) else {
            return;
        };
        g.failures = (g.failures + u64::from(new_failure)).saturating_sub(u64::from(old_failure));
        for (i, c) in g.behaviours.iter_mut().enumerate() {
            let bit = 1u64 << i;
            *c = (*c + u64::from(new_behaviours & bit != 0))
                .saturating_sub(u64::from(old_behaviours & bit != 0));
        }
        if let Some(e) = cluster.and_then(|c| g.clusters.get_mut(c)) {
            e.0 = (e.0 + u64::from(new_failure)).saturating_sub(u64::from(old_failure));
        }
    }

    /// Counts one audited record of group `key`: its final verdict and the
    /// judge's.
    pub fn add_audit(&mut self, key: &str, final_failure: bool, judge_failure: bool) {
        if let Some(g) = self.groups.get_mut(key) {
            g.audit.add(final_failure, judge_failure);
        }
    }

    /// Audited records over all groups.
    pub fn audited(&self) -> u64 {
        self.groups.values().map(|g| g.audit.audited()).sum()
    }

    /// Judged records over all groups.
    pub fn judged(&self) -> u64 {
        self.groups.values().map(|g| g.judged).sum()
    }

    /// Appends one part of a group key to `key` (parts are joined by a
    /// separator that cannot collide with field text).
    pub fn push_key_part(key: &mut String, part: &str) {
        if !key.is_empty() || part.is_empty() {
            key.push(SEP);
        }
        key.push_str(part);
    }

    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: &Tally) {
        for (k, g) in &other.groups {
            match self.groups.get_mut(k) {
                Some(mine) => mine.merge(g),
                None => {
                    self.groups.insert(k.clone(), g.clone());
                }
            }
        }
    }

    /// Adds a group's counts under the key made of `parts` (a group read
    /// back from a shard, see [`shard`]); an existing group adds up.
    pub fn add_group(&mut self, parts: &[&str], g: &GroupTally) {
        let mut key = String::new();
        for p in parts {
            Tally::push_key_part(&mut key, p);
        }
        match self.groups.get_mut(&key) {
            Some(mine) => mine.merge(g),
            None => {
                self.groups.insert(key, g.clone());
            }
        }
    }

    /// Groups sorted by key; each key split back into its `parts` parts.
    pub fn sorted_groups(&self, parts: usize) -> Vec<(Vec<&str>, &GroupTally)> {
        let mut v: Vec<(Vec<&str>, &GroupTally)> = self
            .groups
            .iter()
            .map(|(k, g)| (split_key(k, parts), g))
            .collect();
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no record was counted.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

fn split_key(k: &str, parts: usize) -> Vec<&str> {
    if parts == 0 {
        return Vec::new();
    }
    // A key is either `p1 SEP p2 ...` or starts with SEP when p1 is empty.
    let mut v: Vec<&str> = k.split(SEP).collect();
    if v.len() > parts && v.first() == Some(&"") {
        v.remove(0);
    }
    v.resize(parts, "");
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(parts: &[&str]) -> String {
        let mut k = String::new();
        for p in parts {
            Tally::push_key_part(&mut k, p);
        }
        k
    }

    #[test]
    fn keys_round_trip_with_empty_parts() {
        for parts in [
            vec!["a", "b", "c"],
            vec!["", "b", ""],
            vec!["", "", ""],
            vec!["x"],
            vec![""],
        ] {
            let mut t = Tally::default();
            t.add(&key(&parts), 0, 0, false, None);
            let g = t.sorted_groups(parts.len());
            assert_eq!(g[0].0, parts, "{parts:?}");
        }
    }

    #[test]
    fn counts_behaviours_failures_and_clusters() {
        let mut t = Tally::default();
        let k = key(&["m"]);
        t.add(&k, 3, 0b101, true, Some("p1"));
        t.add(&k, 3, 0b100, false, Some("p1"));
        t.add(&k, 3, 0, false, Some("p2"));
        let g = t.sorted_groups(1);
        let g = g[0].1;
        assert_eq!((g.n, g.failures), (3, 1));
        assert_eq!(g.behaviours, [1, 0, 2]);
        assert_eq!(g.sorted_clusters(), [("p1", 1, 2), ("p2", 0, 1)]);
    }

    proptest! {
        /// Merging shards in any order equals tallying everything at once.
        #[cfg_attr(miri, ignore)] // too slow under Miri
        #[test]
        fn merge_is_order_independent(recs in prop::collection::vec((0u8..4, 0u64..8, any::<bool>(), 0u8..3), 0..200), cut in 0usize..200, rev in any::<bool>()) {
            let tally = |rs: &[(u8, u64, bool, u8)]| {
                let mut t = Tally::default();
                for (g, b, f, c) in rs {
                    t.add(&key(&[&g.to_string()]), 3, *b, *f, Some(&c.to_string()));
                }
                t
            };
            let whole = tally(&recs);
            let cut = cut.min(recs.len());
            let (a, b) = (tally(&recs[..cut]), tally(&recs[cut..]));
            let mut merged = Tally::default();
            if rev { merged.merge(&b); merged.merge(&a); } else { merged.merge(&a); merged.merge(&b); }
            prop_assert_eq!(merged, whole);
        }
    }
}
