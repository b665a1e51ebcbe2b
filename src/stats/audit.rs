//! Which records the judge audits, and which judge calls a budget allows.
//!
//! This module owns the sampling logic behind `--audit F`, `--audit-min K`
//! and `--judge-budget B`; it is pure (no I/O, no threads) and generic over
//! the payload kept for a record (the engine keeps a rendered judge request).
//! The estimator that uses the audit is
//! [`crate::stats::ppi`](mod@crate::stats::ppi); it needs the audit to be a
//! uniform random subset of each group chosen without looking at any verdict,
//! which is what this module guarantees.
//!
//! # Audit keys
//! Every record gets a rank from its identity alone (id, epoch, model, source
//! — whatever the engine deems unique within a group), never from its content
//! or verdict, so the audit is independent of what the rubric said. The
//! derivation, fixed because changing it would change which records are
//! audited in published runs:
//!
//! 1. h = FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
//!    over the identity parts, each fed as its length (8 bytes, little-endian)
//!    then its bytes, so ("ab", "c") and ("a", "bc") differ;
//! 2. `audit_key(seed, parts)` = mix(mix(seed ⊕ D) ⊕ h) with D =
//!    0x6175_6469_745f_6b31 ("audit_k1"), where mix is the SplitMix64 output
//!    function, as in [`crate::stats::bootstrap::stream_seed`]; the domain
//!    constant keeps audit keys unrelated to the bootstrap streams of the
//!    same seed;
//! 3. the tie-breaker [`AuditRank::tie`] is the same with D' =
//!    0x6175_6469_745f_7432 ("audit_t2"). Records are ordered by (key, tie):
//!    two distinct identities tie with probability about 2⁻¹²⁸.
//!
//! # Selection: streaming, then a top-up
//! With the fraction F, a record whose key is below F·2⁶⁴ is audited at once
//! ([`AuditSampler::offer`] returns `true`), so judge calls start while the
//! rubric pass runs. Each group also keeps, in a bounded max-heap
//! ([`BottomK`]), the smallest-ranked records not selected so far, at most
//! `min − selected` of them (selection only grows, so a record dropped from
//! the keeper can never be needed). At the end ([`AuditSampler::finish`]) each
//! group is topped up from its keeper to `min` audited records, or to the
//! whole group if it is smaller.
//!
//! The audited set of a group is then exactly its m smallest-ranked records,
//! m = max(#{key < F·2⁶⁴}, min(K, group size)). Keys are a hash of the
//! identity, exchangeable across records, so given m this is a uniform random
//! m-subset: the top-up is as random as the rest of the audit. The set does
//! not depend on the order records arrive in or on how many samplers ran in
//! parallel ([`AuditSampler::merge`] keeps the smallest ranks of the union),
//! hence not on the thread count. Memory: at most K payloads per group.
//!
//! Offer every record, contested or not: a contested record that lands in the
//! audit is judged once, and counts both as contested and as audited (its
//! final verdict is the judge's, so it sits on the diagonal of
//! [`crate::stats::ppi::AuditTable`]).
//!
//! # Budget ([`plan_budget`])
//! A budget of B calls is spent in tiers, each tier only from what the tiers
//! before it left:
//!
//! * [`BudgetOrder::AuditFloorFirst`] (the default): (1) each group's audit
//!   floor min(K, group size); (2) contested records by the priority the
//!   rubric states (level 0 first); (3) the rest of the audit fraction. The
//!   floor comes first because the corrected intervals rest on the audit
//!   alone: an unjudged contested record keeps its rubric verdict and the
//!   audit corrects for it, but an audit below the floor leaves no valid
//!   interval.
//! * [`BudgetOrder::ContestedFirst`]: contested records, then the floors, then
//!   the rest, for users who want the judge's verdict on every doubtful
//!   record first.
//!
//! Within an audit tier the budget is shared evenly across groups (water
//! filling: each group gets min(demand, t) for the largest t that fits, the
//! remainder one call each to the first groups in order). A group given a
//! calls audits its a smallest-ranked records, still a uniform random subset.
//! Within the last contested level that fits only in part, take the records
//! with the smallest audit ranks: a uniform random choice within that level.
//! Every group left below its floor is listed in
//! [`BudgetPlan::audit_below_minimum`] for the report. The plan counts a
//! record that is both contested and audited twice, so overlaps only make the
//! actual number of calls smaller than the plan: it never exceeds B.
//!
//! With a budget, audit calls cannot be sent the moment
//! [`AuditSampler::offer`] returns `true`, since the plan may allow a group
//! fewer calls than its fraction selected. Keep those records instead in a
//! per-group [`BottomK`] of capacity B (the plan never gives a group more);
//! their ranks all lie below the top-up's, so a group's audit in rank order is
//! its kept at-once records followed by [`GroupAudit::top_up`], and the plan's
//! a calls go to the first a of that list. [`GroupAudit::demand`] gives the
//! group's [`GroupDemand`].
//!
//! # Example: the whole flow for one group
//! ```
//! use assay::stats::audit::{AuditRank, AuditSampler};
//! use assay::stats::ppi::{AuditTable, PPI_STRATIFIED, PpiCounts, ppi};
//!
//! // During the rubric pass: offer every record, with its identity, before
//! // looking at any verdict. `true` means "send to the judge now".
//! let mut sampler: AuditSampler<&str, usize> = AuditSampler::new(0.05, 30)?;
//! let mut audited = Vec::new();
//! for i in 0..2000usize {
//!     let id = format!("sample-{i}");
//!     let rank = AuditRank::new(7, &[id.as_bytes(), b"epoch 1", b"model-a", b"run.jsonl"]);
//!     // The payload (here an index; the engine keeps a rendered judge
//!     // request) is built only for records the keeper holds.
//!     if sampler.offer(&"model-a", rank, || i) {
//!         audited.push(i);
//!     }
//! }
//! // At the end: the top-up (empty here, 5 % of 2,000 is above 30).
//! for (_group, audit) in sampler.finish() {
//!     audited.extend(audit.top_up.into_iter().map(|(_rank, i)| i));
//! }
//! assert!((70..=130).contains(&audited.len()));
//! // Once judged: count final verdicts on all records and the (final,
//! // judge) table on the audited ones, then correct.
//! let counts = PpiCounts {
//!     records: 2000,
//!     proxy_failures: 760,
//!     audit: AuditTable { both_fail: 30, false_positive: 8, false_negative: 6, both_pass: 56 },
//! };
//! let r = ppi(&counts, 0.99).expect("consistent counts");
//! assert_eq!(r.method, PPI_STRATIFIED);
//! assert!(r.lo < r.rate && r.rate < r.hi && r.hi - r.lo < 0.2);
//! # Ok::<(), assay::stats::audit::AuditError>(())
//! ```

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use serde::Serialize;

use crate::stats::bootstrap::{fnv1a64_update, splitmix64_mix};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const KEY_DOMAIN: u64 = 0x6175_6469_745f_6b31;
const TIE_DOMAIN: u64 = 0x6175_6469_745f_7432;

fn identity_hash(parts: &[&[u8]]) -> u64 {
    parts.iter().fold(FNV_OFFSET, |h, part| {
        let len = (part.len() as u64).to_le_bytes();
        fnv1a64_update(fnv1a64_update(h, &len), part)
    })
}

/// The audit key of a record: a stable hash of `seed` and its identity parts
/// (see the module docs for the exact derivation).
pub fn audit_key(seed: u64, identity: &[&[u8]]) -> u64 {
    splitmix64_mix(splitmix64_mix(seed ^ KEY_DOMAIN) ^ identity_hash(identity))
}

/// A record's place in the audit order: smaller is audited first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct AuditRank {
    /// [`audit_key`] of the record.
    pub key: u64,
    /// A second, independent hash of the same identity that orders equal keys.
    pub tie: u64,
}

impl AuditRank {
    /// The rank of a record with these identity parts under `seed`.
    pub fn new(seed: u64, identity: &[&[u8]]) -> Self {
        let h = identity_hash(identity);
        AuditRank {
            key: splitmix64_mix(splitmix64_mix(seed ^ KEY_DOMAIN) ^ h),
            tie: splitmix64_mix(splitmix64_mix(seed ^ TIE_DOMAIN) ^ h),
        }
    }
}

/// An invalid audit setting.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditError(pub f64);

impl std::fmt::Display for AuditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the audit fraction must be between 0 and 1 (e.g. 0.05 for 5 %), got {}",
            self.0
        )
    }
}

impl std::error::Error for AuditError {}

struct Kept<R, P> {
    rank: R,
    payload: P,
}

impl<R: Ord, P> PartialEq for Kept<R, P> {
    fn eq(&self, other: &Self) -> bool {
        self.rank == other.rank
    }
}
impl<R: Ord, P> Eq for Kept<R, P> {}
impl<R: Ord, P> PartialOrd for Kept<R, P> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<R: Ord, P> Ord for Kept<R, P> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank.cmp(&other.rank)
    }
}

/// The `capacity` smallest-ranked items offered so far, with their payloads.
///
/// A max-heap: the worst kept item is on top and is replaced by anything
/// ranked strictly better. Payloads are built only for items that get in.
/// Also usable for contested records under a budget B: a `BottomK` of
/// capacity B ranked by (priority, [`AuditRank`]) holds every call the budget
/// could allow, in memory bounded by B.
pub struct BottomK<R, P> {
    capacity: usize,
    heap: BinaryHeap<Kept<R, P>>,
}

impl<R: Ord, P> BottomK<R, P> {
    /// An empty keeper of at most `capacity` items.
    pub fn new(capacity: usize) -> Self {
        BottomK {
            capacity,
            heap: BinaryHeap::new(),
        }
    }

    /// Items kept.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Offers an item; `payload` runs only if it is kept. Returns whether it
    /// was kept (it may still be displaced later).
    pub fn offer(&mut self, rank: R, payload: impl FnOnce() -> P) -> bool {
        if self.heap.len() < self.capacity {
            self.heap.push(Kept {
                rank,
                payload: payload(),
            });
            return true;
        }
        match self.heap.peek() {
            Some(worst) if rank < worst.rank => {
                self.heap.pop();
                self.heap.push(Kept {
                    rank,
                    payload: payload(),
                });
                true
            }
            _ => false,
        }
    }

    /// Lowers the capacity, dropping the worst items.
    pub fn shrink_to(&mut self, capacity: usize) {
        self.capacity = self.capacity.min(capacity);
        while self.heap.len() > self.capacity {
            self.heap.pop();
        }
    }

    /// Adds everything `other` kept; the capacity is the smaller of the two.
    pub fn merge(&mut self, other: BottomK<R, P>) {
        self.shrink_to(other.capacity);
        for kept in other.heap {
            self.offer(kept.rank, || kept.payload);
        }
    }

    /// The kept items, best first.
    pub fn into_sorted(self) -> Vec<(R, P)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|k| (k.rank, k.payload))
            .collect()
    }
}

struct GroupState<P> {
    records: u64,
    selected: u64,
    keeper: BottomK<AuditRank, P>,
}

/// One group's audit once every record was offered.
#[derive(Debug)]
pub struct GroupAudit<P> {
    /// Records offered for the group.
    pub records: u64,
    /// Records audited at once (key below F·2⁶⁴).
    pub selected: u64,
    /// The top-up: the next-smallest-ranked records, best first, bringing
    /// the audit to min(K, records) when the fraction fell short.
    pub top_up: Vec<(AuditRank, P)>,
}

impl<P> GroupAudit<P> {
    /// n: records audited in all.
    pub fn audited(&self) -> u64 {
        self.selected + self.top_up.len() as u64
    }

    /// What this group asks of a budget, with the sampler's minimum `min`:
    /// the floor min(`min`, records) and the rest of the audit beyond it.
    pub fn demand(&self, min: u64) -> GroupDemand {
        let floor = min.min(self.records);
        GroupDemand {
            floor,
            extra: self.audited().saturating_sub(floor),
        }
    }
}

/// Streaming, seeded audit selection per group (see the module docs).
pub struct AuditSampler<G, P> {
    /// Keys strictly below this are audited at once; 2⁶⁴ audits everything.
    threshold: u128,
    min: u64,
    groups: BTreeMap<G, GroupState<P>>,
}

impl<G: Ord + Clone, P> AuditSampler<G, P> {
    /// A sampler auditing the fraction `fraction` ∈ [0, 1] of each group and
    /// at least `min` records of each (the whole group if smaller).
    pub fn new(fraction: f64, min: u64) -> Result<Self, AuditError> {
        if !(0.0..=1.0).contains(&fraction) {
            return Err(AuditError(fraction));
        }
        // F·2⁶⁴ is exact in f64 (a power-of-two scaling); truncation towards
        // zero makes P(key < threshold) = ⌊F·2⁶⁴⌋/2⁶⁴ ≤ F.
        let threshold = (fraction * 18_446_744_073_709_551_616.0) as u128;
        Ok(AuditSampler {
            threshold,
            min,
            groups: BTreeMap::new(),
        })
    }

    /// Offers one record of `group`. Returns `true` if the record is audited
    /// now (send it to the judge); otherwise it may still be chosen by the
    /// top-up, in which case `payload` has been called and the payload is
    /// returned by [`AuditSampler::finish`].
    pub fn offer(&mut self, group: &G, rank: AuditRank, payload: impl FnOnce() -> P) -> bool {
        let min = self.min;
        let state = match self.groups.get_mut(group) {
            Some(s) => s,
            None => self.groups.entry(group.clone()).or_insert(GroupState {
                records: 0,
                selected: 0,
                keeper: BottomK::new(usize::try_from(min).unwrap_or(usize::MAX)),
            }),
        };
        state.records += 1;
        if u128::from(rank.key) < self.threshold {
            state.selected += 1;
            state.keeper.shrink_to(remaining(min, state.selected));
            return true;
        }
        state.keeper.offer(rank, payload);
        false
    }

    /// Combines a sampler that saw other records (e.g. another thread's);
    /// the result is the same as one sampler offered both streams. Both must
    /// have been built with the same fraction and minimum.
    pub fn merge(&mut self, other: AuditSampler<G, P>) {
        for (group, theirs) in other.groups {
            match self.groups.get_mut(&group) {
                None => {
                    self.groups.insert(group, theirs);
                }
                Some(mine) => {
                    mine.records += theirs.records;
                    mine.selected += theirs.selected;
                    mine.keeper.merge(theirs.keeper);
                    mine.keeper.shrink_to(remaining(self.min, mine.selected));
                }
            }
        }
    }

    /// Every group's audit, in group order.
    pub fn finish(self) -> Vec<(G, GroupAudit<P>)> {
        self.groups
            .into_iter()
            .map(|(group, mut s)| {
                s.keeper.shrink_to(remaining(self.min, s.selected));
                let audit = GroupAudit {
                    records: s.records,
                    selected: s.selected,
                    top_up: s.keeper.into_sorted(),
                };
                (group, audit)
            })
            .collect()
    }
}

fn remaining(min: u64, selected: u64) -> usize {
    usize::try_from(min.saturating_sub(selected)).unwrap_or(usize::MAX)
}

/// What one group asks of the budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupDemand {
    /// Audit calls up to the floor: min(K, group size).
    pub floor: u64,
    /// Audit calls beyond the floor that the fraction asks for.
    pub extra: u64,
}

/// In which order a budget is spent (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum BudgetOrder {
    /// Audit floors, then contested records, then the rest of the audit.
    #[default]
    AuditFloorFirst,
    /// Contested records, then audit floors, then the rest of the audit.
    ContestedFirst,
}

/// How many calls each part of the demand gets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BudgetPlan {
    /// Audit calls per group, in the order of the demands: the group audits
    /// its this-many smallest-ranked records.
    pub audit: Vec<u64>,
    /// Contested calls per priority level (level 0 first).
    pub contested: Vec<u64>,
    /// Planned calls in all (≤ the budget).
    pub calls: u64,
    /// Indices of the groups audited below their floor; the report must say so.
    pub audit_below_minimum: Vec<usize>,
}

/// Shares `budget` calls among audit demands per group and contested records
/// per priority level (see the module docs); `None` means no cap.
pub fn plan_budget(
    budget: Option<u64>,
    groups: &[GroupDemand],
    contested_by_priority: &[u64],
    order: BudgetOrder,
) -> BudgetPlan {
    let mut left = budget.unwrap_or(u64::MAX);
    let floors: Vec<u64> = groups.iter().map(|g| g.floor).collect();
    let extras: Vec<u64> = groups.iter().map(|g| g.extra).collect();
    let mut contested = vec![0; contested_by_priority.len()];
    let mut take_contested = |left: &mut u64| {
        for (got, &want) in contested.iter_mut().zip(contested_by_priority) {
            *got = want.min(*left);
            *left -= *got;
        }
    };
    let floor_got;
    if order == BudgetOrder::ContestedFirst {
        take_contested(&mut left);
        floor_got = water_fill(&floors, &mut left);
    } else {
        floor_got = water_fill(&floors, &mut left);
        take_contested(&mut left);
    }
    let extra_got = water_fill(&extras, &mut left);
    let audit: Vec<u64> = floor_got
        .iter()
        .zip(&extra_got)
        .map(|(a, b)| a.saturating_add(*b))
        .collect();
    let audit_below_minimum = floors
        .iter()
        .zip(&floor_got)
        .enumerate()
        .filter(|(_, (want, got))| got < want)
        .map(|(i, _)| i)
        .collect();
    let calls = audit
        .iter()
        .chain(&contested)
        .fold(0u64, |s, &c| s.saturating_add(c));
    BudgetPlan {
        audit,
        contested,
        calls,
        audit_below_minimum,
    }
}

/// Even shares of `*left` among `demands`: min(dᵢ, t) for the largest t that
/// fits, then one more each to the first unsatisfied demands.
fn water_fill(demands: &[u64], left: &mut u64) -> Vec<u64> {
    let total = demands.iter().fold(0u64, |s, &d| s.saturating_add(d));
    if total <= *left {
        *left -= total;
        return demands.to_vec();
    }
    let spent = |t: u64| {
        demands
            .iter()
            .fold(0u64, |s, &d| s.saturating_add(d.min(t)))
    };
    // The largest level t with spent(t) ≤ left; spent(max d) = total > left.
    let (mut lo, mut hi) = (0u64, demands.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if spent(mid) <= *left {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut got: Vec<u64> = demands.iter().map(|&d| d.min(lo)).collect();
    let mut spare = *left - spent(lo);
    for (g, &d) in got.iter_mut().zip(demands) {
        if spare == 0 {
            break;
        }
        if d > lo {
            *g += 1;
            spare -= 1;
        }
    }
    *left = spare;
    got
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(seed: u64, i: u64) -> AuditRank {
        AuditRank::new(seed, &[b"record", &i.to_le_bytes()])
    }

    #[test]
    fn keys_are_pinned_and_separate_parts() {
        // Pinned: a change here changes which records published runs audited.
        assert_eq!(
            audit_key(0, &[b"id-1", b"0", b"model", b"a.jsonl"]),
            audit_key(0, &[b"id-1", b"0", b"model", b"a.jsonl"])
        );
        assert_ne!(audit_key(0, &[b"ab", b"c"]), audit_key(0, &[b"a", b"bc"]));
        assert_ne!(audit_key(0, &[b"x"]), audit_key(1, &[b"x"]));
        assert_eq!(
            rank(7, 3).key,
            audit_key(7, &[b"record", &3u64.to_le_bytes()])
        );
        assert_ne!(
            audit_key(0, &[b"x"]),
            crate::stats::bootstrap::stream_seed(0, "x")
        );
    }

    #[test]
    fn fraction_is_validated() {
        for f in [-0.1, 1.5, f64::NAN] {
            let err = AuditSampler::<u8, ()>::new(f, 30).err().expect("invalid");
            assert!(err.to_string().contains("between 0 and 1"));
        }
    }

    fn audited_ids(fraction: f64, min: u64, sizes: &[u64], chunks: usize) -> Vec<(u8, Vec<u64>)> {
        let mut parts: Vec<AuditSampler<u8, u64>> = (0..chunks)
            .map(|_| AuditSampler::new(fraction, min).expect("valid"))
            .collect();
        let mut now: Vec<(u8, u64)> = Vec::new();
        for (g, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                let group = g as u8;
                let r = rank(11, ((g as u64) << 32) | i);
                // Interleave records across samplers as threads would.
                let part = &mut parts[(i as usize * 7 + g) % chunks];
                if part.offer(&group, r, || i) {
                    now.push((group, i));
                }
            }
        }
        let mut all = parts.pop().expect("at least one");
        for p in parts {
            all.merge(p);
        }
        all.finish()
            .into_iter()
            .map(|(g, a)| {
                let mut ids: Vec<u64> = now
                    .iter()
                    .filter(|(h, _)| *h == g)
                    .map(|&(_, i)| i)
                    .collect();
                assert_eq!(ids.len() as u64, a.selected);
                ids.extend(a.top_up.iter().map(|&(_, i)| i));
                ids.sort_unstable();
                (g, ids)
            })
            .collect()
    }

    #[test]
    fn audit_is_the_smallest_ranks_whatever_the_thread_count() {
        let sizes = [5u64, 40, 1000, 3000];
        let one = audited_ids(0.05, 30, &sizes, 1);
        for chunks in [2, 3, 8] {
            assert_eq!(one, audited_ids(0.05, 30, &sizes, chunks));
        }
        for (g, ids) in &one {
            let size = sizes[*g as usize];
            // The m smallest ranks of the group, m = max(#below F, min(30, size)).
            let mut ranks: Vec<(AuditRank, u64)> = (0..size)
                .map(|i| (rank(11, (u64::from(*g) << 32) | i), i))
                .collect();
            ranks.sort_unstable();
            let below = ranks
                .iter()
                .filter(|(r, _)| u128::from(r.key) < (0.05 * 18_446_744_073_709_551_616.0) as u128)
                .count() as u64;
            let m = below.max(size.min(30));
            let mut want: Vec<u64> = ranks[..m as usize].iter().map(|&(_, i)| i).collect();
            want.sort_unstable();
            assert_eq!(ids, &want, "group {g}");
        }
        assert_eq!(one[0].1.len(), 5, "a small group is audited whole");
        assert_eq!(one[1].1.len(), 30);
        assert!((120..=180).contains(&one[3].1.len()), "about 5 % of 3000");
    }

    #[test]
    fn demands_follow_the_audit() {
        let mut s: AuditSampler<u8, u64> = AuditSampler::new(0.5, 30).expect("valid");
        for i in 0..10 {
            s.offer(&0, rank(5, i), || i);
        }
        for i in 0..1000 {
            s.offer(&1, rank(6, i), || i);
        }
        let out = s.finish();
        assert_eq!(
            out[0].1.demand(30),
            GroupDemand {
                floor: 10,
                extra: 0
            }
        );
        let big = &out[1].1;
        assert_eq!(big.demand(30).floor, 30);
        assert_eq!(big.demand(30).extra, big.selected - 30);
        assert!(big.top_up.is_empty() && (430..=570).contains(&big.selected));
    }

    #[test]
    fn zero_and_full_fractions() {
        let none = audited_ids(0.0, 30, &[100], 2);
        assert_eq!(none[0].1.len(), 30);
        let all = audited_ids(1.0, 0, &[100], 2);
        assert_eq!(all[0].1, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn payloads_are_built_only_for_kept_records_and_memory_is_bounded() {
        let mut s: AuditSampler<&str, u64> = AuditSampler::new(0.0, 10).expect("valid");
        let mut built = 0u64;
        for i in 0..10_000 {
            s.offer(&"g", rank(3, i), || {
                built += 1;
                i
            });
        }
        // Bottom-10 of a random stream: about 10·ln(1000) + 10 ≈ 79 insertions.
        assert!(built < 200, "{built}");
        let out = s.finish();
        assert_eq!(out[0].1.top_up.len(), 10);
        assert!(out[0].1.top_up.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn top_up_is_uniform() {
        // Over many seeds, each of 50 records is in the 30-record top-up about
        // 60 % of the time (binomial sd ≈ 22 of 2000 seeds; the bounds are 4 sd).
        let mut hits = [0u32; 50];
        for seed in 0..2000 {
            let mut s: AuditSampler<u8, usize> = AuditSampler::new(0.0, 30).expect("valid");
            for i in 0..50 {
                s.offer(&0, rank(seed, i as u64), || i);
            }
            for (_, i) in &s.finish()[0].1.top_up {
                hits[*i] += 1;
            }
        }
        for (i, &h) in hits.iter().enumerate() {
            assert!((1112..=1288).contains(&h), "record {i}: {h} of 2000");
        }
    }

    #[test]
    fn budget_tiers() {
        let groups = [
            GroupDemand {
                floor: 30,
                extra: 70,
            },
            GroupDemand {
                floor: 30,
                extra: 0,
            },
            GroupDemand { floor: 5, extra: 0 },
        ];
        let plan = plan_budget(None, &groups, &[10, 20], BudgetOrder::default());
        assert_eq!(
            (plan.audit.clone(), plan.contested.clone(), plan.calls),
            (vec![100, 30, 5], vec![10, 20], 165)
        );
        assert!(plan.audit_below_minimum.is_empty());
        // 80 calls: floors (65), then 10 + 5 contested of levels 0 and 1.
        let plan = plan_budget(Some(80), &groups, &[10, 20], BudgetOrder::AuditFloorFirst);
        assert_eq!(
            (plan.audit, plan.contested, plan.calls),
            (vec![30, 30, 5], vec![10, 5], 80)
        );
        // Contested first: 30 contested, then 50 shared evenly by the floors.
        let plan = plan_budget(Some(80), &groups, &[10, 20], BudgetOrder::ContestedFirst);
        assert_eq!(
            (plan.audit.clone(), plan.contested),
            (vec![23, 22, 5], vec![10, 20])
        );
        assert_eq!(plan.audit_below_minimum, vec![0, 1]);
        let plan = plan_budget(Some(0), &groups, &[10], BudgetOrder::AuditFloorFirst);
        assert_eq!((plan.calls, plan.audit_below_minimum), (0, vec![0, 1, 2]));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn budget_plans_are_sound(
            demands in proptest::collection::vec((0u64..200, 0u64..500), 0..8),
            contested in proptest::collection::vec(0u64..300, 0..4),
            budget in proptest::option::of(0u64..3000),
            first in any::<bool>(),
        ) {
            let groups: Vec<GroupDemand> = demands.iter().map(|&(floor, extra)| GroupDemand { floor, extra }).collect();
            let order = if first { BudgetOrder::ContestedFirst } else { BudgetOrder::AuditFloorFirst };
            let plan = plan_budget(budget, &groups, &contested, order);
            let want: u64 = demands.iter().map(|&(a, b)| a + b).sum::<u64>() + contested.iter().sum::<u64>();
            prop_assert_eq!(plan.calls, budget.map_or(want, |b| b.min(want)));
            for (i, g) in groups.iter().enumerate() {
                prop_assert!(plan.audit[i] <= g.floor + g.extra);
                prop_assert_eq!(plan.audit_below_minimum.contains(&i), plan.audit[i] < g.floor);
            }
            for (got, want) in plan.contested.iter().zip(&contested) {
                prop_assert!(got <= want);
            }
            // Floors first: no group is cut below its floor while contested calls run.
            if !first && !plan.audit_below_minimum.is_empty() {
                prop_assert!(plan.contested.iter().all(|&c| c == 0));
            }
            // More budget never takes calls away from any part.
            if let Some(b) = budget {
                let more = plan_budget(Some(b + 17), &groups, &contested, order);
                prop_assert!(more.audit.iter().zip(&plan.audit).all(|(m, p)| m >= p));
                prop_assert!(more.contested.iter().zip(&plan.contested).all(|(m, p)| m >= p));
            }
        }
    }
}
