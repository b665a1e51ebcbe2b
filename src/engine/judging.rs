//! The live judge in a grading run: which records it sees, and what its
//! verdicts do to the counts.
//!
//! The rubric pass offers every graded record to a [`JudgeTap`]
//! ([`JudgeTap::offer`]). A record goes to the judge when
//!
//! * a doubt rule contested its verdict (`reason: "contested"`): the judge's
//!   verdict replaces the rubric's in every count and report, or
//! * it is drawn for the audit (`reason: "audit"`, `--audit F`, at least
//!   `--audit-min` per group; see [`crate::stats::audit`]): the judge's
//!   verdict is compared with the record's final verdict, never substituted,
//!   so that the audit measures the error of the verdicts the judge did not
//!   see ([`crate::stats::ppi`](mod@crate::stats::ppi)).
//!
//! Without `--judge-budget`, requests are submitted to the judge's pool as
//! the pass meets them, so judge calls overlap the rubric pass; the pool's
//! queue is bounded ([`QUEUE`]), so a judge slower than the pass holds the
//! pass back instead of filling memory. The audit's top-up (groups whose
//! fraction fell short of the minimum) is only known at the end, and is
//! submitted then. With a budget, requests are held until the pass ends
//! (at most the budget per group and per contested level, so memory stays
//! bounded by the budget), the budget is planned
//! ([`crate::stats::audit::plan_budget`]) and only then submitted.
//!
//! Nothing here depends on the thread count: which records are audited
//! depends only on the seed and each record's identity, outcomes come back
//! keyed by a request id made of the record's file index and byte offset,
//! and the counts are revised in that order after the pass.

use super::sink::{Graded, Place, RecordSink, SinkWorker};
use crate::grade::Verdict;
use crate::judge::{Judge, JudgeStats, Prompts, Reason, Request};
use crate::parse::{Id, Record};
use crate::rubric::{BehaviourKind, Rubric};
use crate::stats::audit::{
    AuditRank, AuditSampler, BottomK, BudgetOrder, GroupDemand, plan_budget,
};
use crate::tally::Tally;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Requests waiting for a judge worker at most (see the module docs).
pub const QUEUE: usize = 4096;

/// Approximate characters per token, for `--judge-dry-run`'s estimate
/// (the usual rule of thumb for English text and BPE tokenizers).
const CHARS_PER_TOKEN: u64 = 4;

/// `--audit F --audit-min K` with the run's seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AuditSpec {
    /// Fraction of each group audited.
    pub fraction: f64,
    /// Records audited per group at least (the whole group if smaller).
    pub min: u64,
    /// Seed of the audit draw (the run's `--seed`).
    pub seed: u64,
}

/// What a run asks of the judge beside the judge itself.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JudgeSettings {
    /// The audit, if any.
    pub audit: Option<AuditSpec>,
    /// Most judge calls (`--judge-budget`).
    pub budget: Option<u64>,
    /// In which order the budget is spent.
    pub order: BudgetOrder,
}

/// Who judges a run: a live judge, or nobody (`--judge-dry-run`, which
/// only counts what would be sent).
pub enum JudgeTarget {
    /// Send requests to this judge.
    Live(Judge),
    /// Count requests and their estimated input tokens.
    DryRun(Prompts),
}

/// What the run knew about a record it sent (or would send).
#[derive(Clone, Debug)]
struct Sent {
    group: String,
    cluster: Option<String>,
    behaviours: u64,
    failure: bool,
    contested: bool,
    audited: bool,
    /// Estimated input tokens of the request.
    tokens: u64,
}

/// A request built but not yet submitted.
struct Held {
    request: Box<Request>,
    sent: Sent,
}

#[derive(Default)]
struct State {
    sampler: Option<AuditSampler<String, Held>>,
    /// Every record sent or to be sent, by request id.
    sent: BTreeMap<String, Sent>,
    /// Budget mode: audit-drawn records per group, smallest ranks kept.
    held_audit: BTreeMap<String, BottomK<AuditRank, Held>>,
    /// Budget mode: contested records per level, smallest ranks kept.
    held_contested: BTreeMap<usize, BottomK<AuditRank, Held>>,
    /// Budget mode: contested records met per level.
    contested_met: BTreeMap<usize, u64>,
    /// Requests the pool refused (it had stopped).
    submit_errors: Vec<String>,
}

/// The judge's side of a grading run; see the module docs.
pub struct JudgeTap {
    target: JudgeTarget,
    settings: JudgeSettings,
    /// Input names, by file index, for requests' `source`.
    sources: Vec<String>,
    names: Vec<(String, BehaviourKind)>,
    state: Mutex<State>,
}

/// What a run's judge did, for the report.
#[derive(Clone, Debug)]
pub struct JudgeSummary {
    /// The pool's statistics (`None` for a dry run).
    pub stats: Option<JudgeStats>,
    /// The audit settings.
    pub settings: JudgeSettings,
    /// Records sent because a doubt rule contested them.
    pub contested: u64,
    /// Records sent for the audit (some also contested).
    pub audit: u64,
    /// Judged records whose judge verdict replaced the rubric's.
    pub decided: u64,
    /// Sent records left without a verdict (they keep the rubric's).
    pub unjudged: u64,
    /// Groups (keys as the tally writes them) audited below `--audit-min`
    /// because of the budget.
    pub below_minimum: Vec<String>,
    /// Per group: (calls, estimated input tokens), for the dry run.
    pub per_group: BTreeMap<String, (u64, u64)>,
    /// Per record sent, by request id: what the judge decided.
    pub decisions: BTreeMap<String, Decision>,
}

impl JudgeSummary {
    /// The report's lines about the judge, in words.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = &self.stats {
            let failures: u64 = s.failures.values().sum();
            out.push(format!(
                "judge: {}: {} records sent ({} contested, {} audited), {} calls, {} cache hits, \
                 {} without a verdict, {} tokens in, {} out, {:.1} s",
                s.identity,
                s.requests,
                self.contested,
                self.audit,
                s.calls,
                s.cache_hits,
                failures,
                s.tokens_in,
                s.tokens_out,
                s.wall_seconds
            ));
            if !s.failures.is_empty() {
                let kinds: Vec<String> =
                    s.failures.iter().map(|(k, n)| format!("{k} {n}")).collect();
                out.push(format!(
                    "judge: {} records keep the rubric's verdict, unjudged ({})",
                    self.unjudged,
                    kinds.join(", ")
                ));
            }
            if s.cache_corrupt > 0 {
                out.push(format!(
                    "judge cache: {} corrupt entries ignored (e.g. {})",
                    s.cache_corrupt,
                    s.cache_corrupt_examples.join("; ")
                ));
            }
        }
        if let Some(a) = &self.settings.audit {
            out.push(format!(
                "audit: a seeded random {} of each group, at least {} records (the whole group if smaller), seed {}",
                super::super::report::pct(a.fraction),
                a.min,
                a.seed
            ));
        }
        if let Some(b) = self.settings.budget {
            out.push(format!("judge budget: at most {b} records sent"));
        }
        if !self.below_minimum.is_empty() {
            let groups: Vec<String> = self
                .below_minimum
                .iter()
                .map(|g| g.replace('\u{1f}', "/"))
                .collect();
            out.push(format!(
                "audit below --audit-min because of --judge-budget in {} group(s): {}; their \
                 corrected intervals rest on fewer audited records",
                groups.len(),
                groups.join(", ")
            ));
        }
        out
    }

    /// The report's `judge_run` object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "stats": self.stats,
            "audit": self.settings.audit.map(|a| serde_json::json!({
                "fraction": a.fraction, "min": a.min, "seed": a.seed})),
            "budget": self.settings.budget,
            "contested_sent": self.contested,
            "audit_sent": self.audit,
            "decided_by_judge": self.decided,
            "unjudged": self.unjudged,
            "audit_below_minimum": self.below_minimum.iter()
                .map(|g| g.replace('\u{1f}', "/")).collect::<Vec<_>>(),
        })
    }
}

/// The judge's answer on one record, for its verdict line.
#[derive(Clone, Debug)]
pub struct Decision {
    /// The judge's verdict replaced the rubric's (a contested record).
    pub replaced: bool,
    /// The record is in the audit.
    pub audited: bool,
    /// The judge's verdict: failure, behaviours shown, explanation; or why
    /// there is none.
    pub outcome: Result<(bool, Vec<String>, String), String>,
}

impl JudgeTap {
    /// A tap sending to `target` under `settings`; `sources` are the input
    /// names by file index.
    pub fn new(
        target: JudgeTarget,
        settings: JudgeSettings,
        rubric: &Rubric,
        sources: Vec<String>,
    ) -> Result<JudgeTap, String> {
        let sampler =
            match settings.audit {
                Some(a) => Some(AuditSampler::new(a.fraction, a.min).map_err(|e| {
                    format!("--audit {}: {e}; give a fraction between 0 and 1", e.0)
                })?),
                None => None,
            };
        Ok(JudgeTap {
            target,
            settings,
            sources,
            names: rubric
                .behaviours()
                .iter()
                .map(|b| (b.name.clone(), b.kind))
                .collect(),
            state: Mutex::new(State {
                sampler,
                ..State::default()
            }),
        })
    }

    /// The request id of the record at byte `offset` of input `file`:
    /// sorting ids sorts records into input order.
    pub fn request_id(file: usize, offset: u64) -> String {
        format!("{file:06}:{offset:016}")
    }

    fn prompts(&self) -> &Prompts {
        match &self.target {
            JudgeTarget::Live(j) => &j.prompts,
            JudgeTarget::DryRun(p) => p,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A worker that panicked while holding the lock leaves counts the
        // run will not report anyway (the panic ends the run).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn build(
        &self,
        rec: &Record<'_, '_>,
        file: usize,
        reason: Reason,
        id: &str,
        v: &Verdict,
    ) -> Request {
        let candidates: Vec<&str> = self
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| v.has(*i) || v.is_contested(*i))
            .map(|(_, (n, _))| n.as_str())
            .collect();
        let source = self.sources.get(file).map_or("", String::as_str);
        Request::from_record(rec, source, reason, &candidates, self.prompts(), id)
    }

    /// Offers one graded record: `v` its rubric verdict, `group` its tally
    /// key, `cluster` its cluster value, `file`/`offset` where it starts.
    #[allow(clippy::too_many_arguments)]
    pub fn offer(
        &self,
        rec: &Record<'_, '_>,
        v: &Verdict,
        group: &str,
        cluster: Option<&str>,
        file: usize,
        offset: u64,
    ) {
        let contested = v.contested != 0;
        let rank = self.settings.audit.map(|a| rank_of(a.seed, rec));
        let id = Self::request_id(file, offset);
        // The record's first contested behaviour, in rubric order: the
        // budget spends on earlier behaviours first.
        // (64, past every behaviour, for an uncontested record.)
        let level = v.contested.trailing_zeros() as usize;
        let sent = |audited: bool, tokens: u64| Sent {
            group: group.to_string(),
            cluster: cluster.map(str::to_string),
            behaviours: v.behaviours,
            failure: v.failure(),
            contested,
            audited,
            tokens,
        };
        let held = |reason: Reason| {
            let request = self.build(rec, file, reason, &id, v);
            let tokens = tokens(&request);
            Held {
                request: Box::new(request),
                sent: sent(reason == Reason::Audit, tokens),
            }
        };
        let audit_now = {
            let mut st = self.lock();
            match (&mut st.sampler, rank) {
                (Some(s), Some(r)) => s.offer(&group.to_string(), r, || held(Reason::Audit)),
                _ => false,
            }
        };
        if !contested && !audit_now {
            return;
        }
        let reason = if contested {
            Reason::Contested
        } else {
            Reason::Audit
        };
        let mut h = held(reason);
        h.sent.audited = audit_now;
        if let Some(budget) = self.settings.budget {
            let cap = usize::try_from(budget).unwrap_or(usize::MAX);
            let rank = rank.unwrap_or_else(|| rank_of(0, rec));
            let mut st = self.lock();
            if contested {
                *st.contested_met.entry(level).or_default() += 1;
            }
            // Held once, in the tier that spends first on it; the plan
            // decides later whether it is sent.
            if audit_now {
                st.held_audit
                    .entry(group.to_string())
                    .or_insert_with(|| BottomK::new(cap))
                    .offer(rank, || h);
            } else {
                st.held_contested
                    .entry(level)
                    .or_insert_with(|| BottomK::new(cap))
                    .offer(rank, || h);
            }
            return;
        }
        self.send(h);
    }

    /// Submits (or, in a dry run, counts) one request.
    fn send(&self, h: Held) {
        let id = h.request.request_id.clone();
        {
            let mut st = self.lock();
            if let Some(s) = st.sent.get_mut(&id) {
                // Already sent as contested; now also drawn for the audit.
                s.audited |= h.sent.audited;
                return;
            }
            st.sent.insert(id.clone(), h.sent);
        }
        if let JudgeTarget::Live(j) = &self.target
            && let Err(e) = j.pool.submit(*h.request)
        {
            self.lock().submit_errors.push(format!("{id}: {e}"));
        }
    }

    /// Ends the run's judging: tops the audit up, spends the budget, waits
    /// for every verdict, and revises `tally` (contested records take the
    /// judge's verdict; audited ones fill each group's audit table).
    pub fn finish(self, tally: &mut Tally) -> JudgeSummary {
        let (sampler, held_audit, held_contested, contested_met) = {
            let mut st = self.lock();
            (
                st.sampler.take(),
                std::mem::take(&mut st.held_audit),
                std::mem::take(&mut st.held_contested),
                std::mem::take(&mut st.contested_met),
            )
        };
        let mut below_minimum = Vec::new();
        let top_ups: Vec<(String, u64, Vec<Held>)> = sampler
            .map(|s| {
                s.finish()
                    .into_iter()
                    .map(|(g, a)| {
                        let records = a.records;
                        (g, records, a.top_up.into_iter().map(|(_, p)| p).collect())
                    })
                    .collect()
            })
            .unwrap_or_default();
        if self.settings.budget.is_none() {
            for (_, _, held) in top_ups {
                for mut h in held {
                    h.sent.audited = true;
                    self.send(h);
                }
            }
        } else {
            below_minimum = self.spend_budget(top_ups, held_audit, held_contested, &contested_met);
        }
        let (stats, outcomes) = match self.target {
            JudgeTarget::Live(j) => {
                let run = j.pool.finish();
                (Some(run.stats), Some(run.outcomes))
            }
            JudgeTarget::DryRun(_) => (None, None),
        };
        let st = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut summary = JudgeSummary {
            stats,
            settings: self.settings,
            contested: 0,
            audit: 0,
            decided: 0,
            unjudged: 0,
            below_minimum,
            per_group: BTreeMap::new(),
            decisions: BTreeMap::new(),
        };
        let index = |name: &str| self.names.iter().position(|(n, _)| n == name);
        for (id, s) in st.sent {
            summary.contested += u64::from(s.contested);
            summary.audit += u64::from(s.audited);
            let g = summary.per_group.entry(s.group.clone()).or_default();
            g.0 += 1;
            g.1 += s.tokens;
            let Some(outcomes) = &outcomes else {
                continue;
            };
            let outcome = match outcomes.get(&id) {
                Some(Ok(v)) => Ok(v),
                Some(Err(e)) => Err(e.to_string()),
                None => Err(st
                    .submit_errors
                    .iter()
                    .find(|e| e.starts_with(&id))
                    .cloned()
                    .unwrap_or_else(|| "the judge gave no outcome for this record".into())),
            };
            let decision = match outcome {
                Ok(v) => {
                    let mask = v
                        .behaviours
                        .iter()
                        .filter_map(|b| index(b))
                        .fold(0u64, |m, i| m | (1 << i));
                    let final_failure = if s.contested {
                        tally.revise(
                            &s.group,
                            (s.behaviours, s.failure),
                            (mask, v.failure),
                            s.cluster.as_deref(),
                        );
                        tally.mark_judged(&s.group);
                        summary.decided += 1;
                        v.failure
                    } else {
                        s.failure
                    };
                    if s.audited {
                        tally.add_audit(&s.group, final_failure, v.failure);
                    }
                    Decision {
                        replaced: s.contested,
                        audited: s.audited,
                        outcome: Ok((v.failure, v.behaviours.clone(), v.explanation.clone())),
                    }
                }
                Err(e) => {
                    summary.unjudged += 1;
                    Decision {
                        replaced: false,
                        audited: s.audited,
                        outcome: Err(e),
                    }
                }
            };
            summary.decisions.insert(id, decision);
        }
        summary
    }

    /// Plans the budget over what the pass held and submits the planned
    /// requests; returns the groups audited below their minimum.
    fn spend_budget(
        &self,
        top_ups: Vec<(String, u64, Vec<Held>)>,
        mut held_audit: BTreeMap<String, BottomK<AuditRank, Held>>,
        held_contested: BTreeMap<usize, BottomK<AuditRank, Held>>,
        contested_met: &BTreeMap<usize, u64>,
    ) -> Vec<String> {
        let min = self.settings.audit.map_or(0, |a| a.min);
        // Per group, its audit candidates best-ranked first: those drawn by
        // the fraction, then its top-up.
        let mut groups: Vec<(String, GroupDemand, Vec<Held>)> = Vec::new();
        for (g, records, top_up) in top_ups {
            let drawn: Vec<Held> = held_audit
                .remove(&g)
                .map(|k| k.into_sorted().into_iter().map(|(_, h)| h).collect())
                .unwrap_or_default();
            let wanted = drawn.len() as u64 + top_up.len() as u64;
            let floor = min.min(records).min(wanted);
            let demand = GroupDemand {
                floor,
                extra: wanted - floor,
            };
            let mut all = drawn;
            all.extend(top_up);
            groups.push((g, demand, all));
        }
        let levels: Vec<usize> = contested_met.keys().copied().collect();
        let want: Vec<u64> = levels
            .iter()
            .map(|l| {
                held_contested
                    .get(l)
                    .map_or(0, |k| k.len() as u64)
                    .min(contested_met[l])
            })
            .collect();
        let demands: Vec<GroupDemand> = groups.iter().map(|(_, d, _)| *d).collect();
        let plan = plan_budget(self.settings.budget, &demands, &want, self.settings.order);
        let below: Vec<String> = plan
            .audit_below_minimum
            .iter()
            .map(|&i| groups[i].0.clone())
            .collect();
        for ((_, _, held), &take) in groups.into_iter().zip(&plan.audit) {
            for mut h in held.into_iter().take(take as usize) {
                h.sent.audited = true;
                self.send(h);
            }
        }
        let mut held_contested = held_contested;
        for (l, &take) in levels.iter().zip(&plan.contested) {
            if let Some(k) = held_contested.remove(l) {
                for (_, h) in k.into_sorted().into_iter().take(take as usize) {
                    self.send(h);
                }
            }
        }
        below
    }
}

/// The audit rank of a record: from its identity alone (id, epoch, model,
/// scenario, condition), never its content or verdict.
fn rank_of(seed: u64, rec: &Record<'_, '_>) -> AuditRank {
    let id = match rec.id {
        Id::Str(s) => format!("s{s}"),
        other => format!("n{other}"),
    };
    let epoch = rec.epoch.map_or([0u8; 9], |e| {
        let mut b = [1u8; 9];
        b[1..].copy_from_slice(&e.to_le_bytes());
        b
    });
    AuditRank::new(
        seed,
        &[
            id.as_bytes(),
            &epoch,
            rec.model.as_bytes(),
            rec.scenario.as_bytes(),
            rec.condition.as_bytes(),
        ],
    )
}

fn tokens(r: &Request) -> u64 {
    (r.prompt.chars().count() as u64).div_ceil(CHARS_PER_TOKEN)
}

impl std::fmt::Debug for JudgeTap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JudgeTap")
            .field("live", &matches!(self.target, JudgeTarget::Live(_)))
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The judge as a record sink: offers every graded record to the tap and,
/// when verdict lines are asked for, writes them (each prefixed by the
/// record's request id and a tab) for [`JudgeSummary::decisions`] to be
/// joined with once the judge has answered. Give it instead of the plain
/// `--verdicts` writer.
pub struct JudgeSink<'w> {
    tap: Arc<JudgeTap>,
    staged: Option<&'w mut dyn Write>,
}

impl<'w> JudgeSink<'w> {
    /// A sink feeding `tap`, staging verdict lines to `staged` if given.
    pub fn new(tap: Arc<JudgeTap>, staged: Option<&'w mut dyn Write>) -> JudgeSink<'w> {
        JudgeSink { tap, staged }
    }

    /// The tap, once the run is over (the workers' handles are gone).
    pub fn into_tap(self) -> Option<JudgeTap> {
        Arc::try_unwrap(self.tap).ok()
    }
}

/// A worker's side of [`JudgeSink`].
pub struct JudgeWorker {
    tap: Arc<JudgeTap>,
    lines: bool,
}

impl RecordSink for JudgeSink<'_> {
    type Worker = JudgeWorker;
    type Part = Vec<u8>;
    fn worker(&self) -> JudgeWorker {
        JudgeWorker {
            tap: self.tap.clone(),
            lines: self.staged.is_some(),
        }
    }
    fn ordered(&mut self, part: Vec<u8>, _: &Place<'_>) -> std::io::Result<()> {
        match &mut self.staged {
            Some(w) => w.write_all(&part),
            None => Ok(()),
        }
    }
    fn merge(&mut self, w: JudgeWorker) {
        drop(w);
    }
}

impl SinkWorker for JudgeWorker {
    type Part = Vec<u8>;
    fn start(&mut self) -> Vec<u8> {
        Vec::new()
    }
    fn record(&mut self, part: &mut Vec<u8>, g: &Graded<'_, '_, '_>) {
        self.tap.offer(
            g.record,
            g.verdict,
            g.key,
            g.cluster,
            g.at.file,
            g.at.offset,
        );
        if self.lines {
            part.extend_from_slice(JudgeTap::request_id(g.at.file, g.at.offset).as_bytes());
            part.push(b'\t');
            super::verdict::write_graded(part, g);
        }
    }
}
