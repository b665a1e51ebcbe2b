//! Plan: the checked program → which automaton scans what, and the bit
//! layout the grader's per-record bookkeeping uses. Nothing is built here
//! and nothing can fail: every decision the build stage and the grader rely
//! on is made, and named, in a [`Plan`].
//!
//! - **Matchers.** Each scope is scanned only for the patterns its rules
//!   can use, so reasoning text (large, read by few rules) meets a small
//!   automaton; scopes that need the same patterns share a matcher. The
//!   `negated_by` cues of rules get matchers of their own, searched lazily
//!   just before a candidate hit: they are common words ("not") that would
//!   otherwise dominate the scan.
//! - **Regex groups.** A matcher's regexes are grouped by where they must
//!   run ([`GroupPlan`]): over a record's fields joined, field by field, or
//!   only in some arguments (of some tools, under some keys: an address
//!   regex read only in `to`/`cc` is not run over a mail's body); a group
//!   whose regexes all have required factors runs only where one of them
//!   occurred.
//! - **Layout.** Rules' terms as bit sets over patterns, and the order the
//!   grader runs the groups in ([`Layout`]).

use super::check::{CheckedRule, Literal, Patterns, Program, RegexSource};
use super::compile::{Gate, LiteralOwner, Negation, Trigger};
use super::factors::{Factor, required_factors};
use crate::parse::Scope;
use rayon::prelude::*;
use std::collections::HashMap;

/// The checked program and every decision about its automata.
pub(super) struct Plan {
    /// The behaviours and rules, each rule's `negation` placed.
    pub program: Program,
    /// Which matcher scans text of each scope (`None`: not scanned).
    pub scope_matcher: [Option<u8>; Scope::ALL.len()],
    /// The matchers: `0..scope_matchers` scan fields, the rest find
    /// negation cues.
    pub matchers: Vec<MatcherPlan>,
    pub scope_matchers: usize,
    /// The distinct `tools` lists of rules, for [`Gate::tools`] (at most
    /// 64; a rubric with more runs every regex on every tool field).
    pub tool_filters: Vec<Vec<String>>,
    /// The distinct argument-key lists of terms of tool-argument rules, for
    /// [`Gate::keys`] (at most 64; past that no regex is gated by key).
    pub key_filters: Vec<Vec<String>>,
    pub layout: Layout,
}

/// One matcher's literal lists and regex groups, before any automaton.
pub(super) struct MatcherPlan {
    /// Its ASCII case-folded literals (lower-cased, distinct), then the
    /// required factors of its regex groups that are not literals already.
    pub folded: Vec<String>,
    /// For each folded literal, the patterns it belongs to.
    pub folded_owners: Vec<Vec<LiteralOwner>>,
    /// For each folded literal, the regex groups it triggers.
    pub folded_triggers: Vec<Vec<Trigger>>,
    /// Its case-sensitive literals (distinct).
    pub exact: Vec<String>,
    /// For each exact literal, the patterns it belongs to.
    pub exact_owners: Vec<Vec<LiteralOwner>>,
    /// Its regexes, grouped by where they must run, in rubric order.
    pub groups: Vec<GroupPlan>,
}

/// Some of a matcher's regexes that run as one set, and where.
pub(super) struct GroupPlan {
    /// Indices into the rubric's regexes ([`Patterns::regexes`]).
    pub regexes: Vec<usize>,
    /// The patterns whose regexes these are (distinct, in order).
    pub patterns: Vec<u32>,
    /// Run once over all fields joined (see `RegexGroup::joined`).
    pub joined: bool,
    /// Only tool fields some of these gates pass need this group (see
    /// [`Gate`]); `None`: every field.
    pub gates: Option<Vec<Gate>>,
    /// A term that is no rule's anchor needs these patterns in fields
    /// `gates` leave out: the grader searches those of a unit on demand.
    pub deferred: bool,
    /// Every regex has required factors among the folded literals: the
    /// group runs only where one occurred.
    pub triggered: bool,
    /// The rules that read one of these patterns in a scope of this
    /// matcher (see [`group_users`]).
    pub users: Vec<u32>,
}

/// The bit-set layout of the grader's per-record bookkeeping.
pub(super) struct Layout {
    /// Pattern sets are bit sets of this many words.
    pub pattern_words: usize,
    /// Per rule, `pattern_words` words: the patterns of its `all` terms.
    pub rule_all: Vec<u64>,
    /// Per rule, `pattern_words` words: the patterns of its `any` terms.
    pub rule_any: Vec<u64>,
    /// The patterns with regexes in `group_order`, as a bit set.
    pub regex_open: Vec<u64>,
    /// For each pattern, how many groups of `group_order` hold its regexes.
    pub regex_pending: Vec<u16>,
    /// The scope matchers' regex groups, fewest regexes first.
    pub group_order: Vec<GroupRef>,
}

/// A regex group of a matcher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GroupRef {
    matcher: u8,
    group: u16,
}

impl GroupRef {
    /// The matcher's index.
    #[inline]
    pub(crate) fn matcher(self) -> usize {
        usize::from(self.matcher)
    }

    /// The group's index in the matcher.
    #[inline]
    pub(crate) fn group(self) -> usize {
        usize::from(self.group)
    }
}

/// Which patterns a matcher scans for: `want[p]` for pattern `p`.
type PatternMask = Vec<bool>;

/// Where a regex runs: the key its group is formed by.
#[derive(Clone, Debug, PartialEq, Eq)]
struct GroupKey {
    joined: bool,
    gates: Option<Vec<Gate>>,
    deferred: bool,
    /// The pattern, for a scope matcher (each pattern's regexes apart);
    /// `None` for a negation matcher (one set).
    pattern: Option<u32>,
}

/// A required factor of a group's regexes, and which of them hold it
/// (bit `i`: the group's `i`-th regex; all bits past 64 regexes).
struct GroupFactor {
    factor: Factor,
    regexes: u64,
}

/// Plans the automata of a checked program.
pub(super) fn plan(mut program: Program, patterns: &Patterns) -> Plan {
    let n = patterns.names.len();
    // Each scope is scanned only for the patterns its rules can use. A
    // term with its own `args` matches only in the keyed scopes (tool
    // arguments, acts, commands): a rule that also reads reasoning or
    // outgoing text does not ask those scopes for it (an `act_target`
    // that matches any text would otherwise be searched over all of a
    // record's reasoning, its hits never used).
    let mut sets: Vec<PatternMask> = Vec::new();
    let mut scope_matcher = [None; Scope::ALL.len()];
    for scope in Scope::ALL {
        let keyed = keyed(scope);
        let mut want = vec![false; n];
        for r in program
            .rules
            .iter()
            .filter(|r| r.rule.scopes.contains(scope))
        {
            for t in terms(r) {
                if keyed || t.args.is_none() {
                    want[t.pattern as usize] = true;
                }
            }
        }
        if !want.iter().any(|w| *w) {
            continue;
        }
        scope_matcher[scope as usize] = Some(position_or_push(&mut sets, want) as u8);
    }
    // Negation cues: matchers of their own, searched lazily.
    let mut neg_sets: Vec<PatternMask> = Vec::new();
    for cr in program
        .rules
        .iter_mut()
        .filter(|r| !r.rule.negated_by.is_empty())
    {
        let r = &mut cr.rule;
        let mut want = vec![false; n];
        for &p in &r.negated_by {
            want[p as usize] = true;
        }
        let has_regex = patterns.regexes.iter().any(|re| want[re.pattern as usize]);
        let longest = patterns
            .literals
            .iter()
            .filter(|l| want[l.pattern as usize])
            .map(|l| l.text.len())
            .max()
            .unwrap_or(0);
        let back = if has_regex {
            usize::MAX
        } else {
            r.negation_window + longest
        };
        let idx = position_or_push(&mut neg_sets, want);
        r.negation = Some(Negation {
            matcher: sets.len() + idx,
            back,
        });
    }
    let tool_filters = tool_filters(&program.rules);
    let key_filters = key_filters(&program.rules);
    let regex_gates = regex_gates(
        &program.rules,
        &sets,
        &scope_matcher,
        (&tool_filters, &key_filters),
        n,
    );
    let scope_matchers = sets.len();
    sets.extend(neg_sets);
    let mut matchers: Vec<MatcherPlan> = sets
        .par_iter()
        .enumerate()
        .map(|(mi, want)| {
            plan_matcher(
                want,
                regex_gates.get(mi).map(Vec::as_slice),
                &patterns.literals,
                &patterns.regexes,
            )
        })
        .collect();
    group_users(
        &program.rules,
        &scope_matcher,
        &mut matchers[..scope_matchers],
    );
    let layout = layout(&program.rules, &matchers[..scope_matchers], n);
    Plan {
        program,
        scope_matcher,
        matchers,
        scope_matchers,
        tool_filters,
        key_filters,
        layout,
    }
}

/// Scopes whose fields have keys (an argument's name, an act's verb): only
/// there does a term with its own `args` match.
fn keyed(scope: Scope) -> bool {
    matches!(scope, Scope::ToolArgs | Scope::Act | Scope::Command)
}

/// Every term of a rule: `all`, `any`, then `none`.
fn terms(r: &CheckedRule) -> impl Iterator<Item = &super::compile::Term> {
    r.rule.all.iter().chain(&r.rule.any).chain(&r.rule.none)
}

/// The index of `item` in `list`, appended if it is not there.
fn position_or_push<T: PartialEq>(list: &mut Vec<T>, item: T) -> usize {
    match list.iter().position(|s| *s == item) {
        Some(i) => i,
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

/// The distinct `tools` lists of rules; none past 64 (one bit each).
fn tool_filters(rules: &[CheckedRule]) -> Vec<Vec<String>> {
    let mut filters: Vec<Vec<String>> = Vec::new();
    for r in rules.iter().filter(|r| !r.rule.tools.is_empty()) {
        if !filters.contains(&r.rule.tools) {
            filters.push(r.rule.tools.clone());
        }
    }
    if filters.len() > 64 {
        filters.clear();
    }
    filters
}

/// The distinct argument-key lists that terms of rules reading tool
/// arguments ask for (a term's own `args`, else its rule's); none past 64.
fn key_filters(rules: &[CheckedRule]) -> Vec<Vec<String>> {
    let mut filters: Vec<Vec<String>> = Vec::new();
    for cr in rules
        .iter()
        .filter(|r| r.rule.scopes.contains(Scope::ToolArgs))
    {
        for t in terms(cr) {
            let keys = t.args.as_ref().unwrap_or(&cr.rule.args);
            if !keys.is_empty() && !filters.contains(keys) {
                filters.push(keys.clone());
            }
        }
    }
    if filters.len() > 64 {
        filters.clear();
    }
    filters
}

/// Where a pattern's regexes run in one matcher: the gates of the fields
/// searched up front (`None`: all), and whether some term needs it in the
/// others too, searched on demand ([`GroupPlan::deferred`]).
type Where = (Option<Vec<Gate>>, bool);

/// Which fields each scope matcher's regexes are needed in, per pattern.
/// A pattern that some rule reads through a scope other than the tool
/// scopes (filters do not apply there), or with neither a tool filter nor
/// argument keys, is needed everywhere (`None`); otherwise only in the
/// fields some of its terms' [`Gate`]s pass: a tool the rule's filter
/// accepts, an argument key the term asks for.
///
/// Only a rule's anchor terms (its first `all` term, or its `any` terms
/// when it has no `all`) are looked for everywhere: the rest are read only
/// in the unit (call, message) where an anchor already holds. So they do
/// not widen where a regex runs up front: when they would (an unkeyed term
/// beside a keyed or tool-filtered anchor), the regex runs where the
/// anchors need it, and the grader searches the rest of a unit's fields
/// for such a term when it gets there (`deferred`: the second of each
/// pair). Verdicts are the same; an unkeyed `none` term, or an incident id
/// looked for beside a console's `action: cancel`, no longer sends a regex
/// over every tool argument of every record.
fn regex_gates(
    rules: &[CheckedRule],
    sets: &[PatternMask],
    scope_matcher: &[Option<u8>],
    (tool_filters, key_filters): (&[Vec<String>], &[Vec<String>]),
    patterns: usize,
) -> Vec<Vec<Where>> {
    (0..sets.len())
        .map(|mi| {
            // Where the anchor terms need each pattern, and where every
            // term does.
            let mut needs: Vec<Option<Vec<Gate>>> = vec![Some(Vec::new()); patterns];
            let mut wide: Vec<Option<Vec<Gate>>> = vec![Some(Vec::new()); patterns];
            for cr in rules {
                let r = &cr.rule;
                let here: Vec<Scope> = Scope::ALL
                    .into_iter()
                    .filter(|&sc| {
                        r.scopes.contains(sc) && scope_matcher[sc as usize] == Some(mi as u8)
                    })
                    .collect();
                if here.is_empty() {
                    continue;
                }
                let tool_only = here
                    .iter()
                    .all(|sc| matches!(sc, Scope::ToolArgs | Scope::ToolName));
                let tools = if r.tools.is_empty() {
                    0
                } else {
                    tool_filters
                        .iter()
                        .position(|f| *f == r.tools)
                        .map_or(0, |b| 1u64 << b)
                };
                // `terms` lists `all`, then `any`, then `none`.
                let anchors = if r.all.is_empty() { r.any.len() } else { 1 };
                for (k, t) in terms(cr).enumerate() {
                    let keys = t.args.as_ref().unwrap_or(&r.args);
                    let keys = if keys.is_empty() {
                        0
                    } else {
                        key_filters
                            .iter()
                            .position(|f| f == keys)
                            .map_or(0, |b| 1u64 << b)
                    };
                    let gate = (tool_only && (tools | keys) != 0).then_some(Gate { tools, keys });
                    let lists = if k < anchors {
                        &mut [&mut needs, &mut wide][..]
                    } else {
                        &mut [&mut wide][..]
                    };
                    for list in lists {
                        let n = &mut list[t.pattern as usize];
                        match (n, gate) {
                            (Some(gates), Some(g)) => {
                                if !gates.contains(&g) {
                                    gates.push(g);
                                    gates.sort_unstable();
                                }
                            }
                            (n, _) => *n = None,
                        }
                    }
                }
            }
            needs
                .into_iter()
                .zip(wide)
                .map(|(needs, wide)| {
                    let deferred = needs != wide;
                    (needs, deferred)
                })
                .collect()
        })
        .collect()
}

/// Whether regex `src` must run field by field: it uses a text or line
/// anchor (`^`, `$`, `\A`, `\z`), or it can match the empty string.
fn field_only(src: &str) -> bool {
    use regex_syntax::hir::Look;
    regex_syntax::Parser::new().parse(src).map_or(true, |h| {
        let props = h.properties();
        let looks = props.look_set();
        props.minimum_len() == Some(0)
            || [
                Look::Start,
                Look::End,
                Look::StartLF,
                Look::EndLF,
                Look::StartCRLF,
                Look::EndCRLF,
            ]
            .into_iter()
            .any(|l| looks.contains(l))
    })
}

/// One matcher's literal lists and regex groups. `gates[p]` says which
/// fields pattern `p`'s regexes are needed in (see [`GroupPlan::gates`]);
/// `None` for negation matchers, whose regexes all run in one
/// field-by-field set.
fn plan_matcher(
    want: &[bool],
    gates: Option<&[Where]>,
    literals: &[Literal],
    regexes: &[RegexSource],
) -> MatcherPlan {
    let mut folded: Vec<String> = Vec::new();
    let mut folded_owners: Vec<Vec<LiteralOwner>> = Vec::new();
    let mut exact: Vec<String> = Vec::new();
    let mut exact_owners: Vec<Vec<LiteralOwner>> = Vec::new();
    let mut index: HashMap<(bool, String), usize> = HashMap::new();
    for lit in literals.iter().filter(|l| want[l.pattern as usize]) {
        let owner = LiteralOwner {
            pattern: lit.pattern,
            word: lit.word,
        };
        let (list, owners) = if lit.case_sensitive {
            (&mut exact, &mut exact_owners)
        } else {
            (&mut folded, &mut folded_owners)
        };
        let key = if lit.case_sensitive {
            lit.text.clone()
        } else {
            lit.text.to_ascii_lowercase()
        };
        let i = *index
            .entry((lit.case_sensitive, key.clone()))
            .or_insert_with(|| {
                list.push(key);
                owners.push(Vec::new());
                list.len() - 1
            });
        owners[i].push(owner);
    }
    // Groups keep rubric order. A scope matcher keeps each pattern's
    // regexes apart, so a pattern no rule can use in a record is skipped
    // whole (see `Rubric::group_order`); negation matchers keep one set.
    let mut keys: Vec<GroupKey> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, r) in regexes
        .iter()
        .enumerate()
        .filter(|(_, r)| want[r.pattern as usize])
    {
        let key = match gates {
            None => GroupKey {
                joined: false,
                gates: None,
                deferred: false,
                pattern: None,
            },
            Some(t) => {
                let (gates, deferred) = t[r.pattern as usize].clone();
                GroupKey {
                    joined: gates.is_none() && !field_only(&r.source),
                    gates,
                    deferred,
                    pattern: Some(r.pattern),
                }
            }
        };
        match keys.iter().position(|k| *k == key) {
            Some(g) => members[g].push(i),
            None => {
                keys.push(key);
                members.push(vec![i]);
            }
        }
    }
    // A group searched field by field costs a search call per field. When
    // every regex of the group has required factors (see
    // [`factors`](super::factors)), the group is searched only in the
    // fields where one of them occurs; a joined group, one pass over the
    // record's fields, only in records where one occurs (the pressure
    // regex's `or the` and `or I` are rare; every record ran it before).
    //
    // Each factor also says which of the group's regexes it belongs to,
    // so a field (or record) where only `\brm\b` occurred searches for
    // that one regex rather than running the group's whole set.
    let factors: Vec<Option<Vec<GroupFactor>>> = keys
        .iter()
        .zip(&members)
        .map(|(key, ids)| {
            // A negation matcher's group (no pattern) is never gated.
            key.pattern?;
            let mut all: Vec<GroupFactor> = Vec::new();
            for (k, &i) in ids.iter().enumerate() {
                // Past 64 regexes a bit no longer names one: every
                // occurrence then stands for all of them.
                let bit = if ids.len() <= 64 { 1u64 << k } else { u64::MAX };
                for f in required_factors(&regexes[i].source)? {
                    // One text, two regexes: an occurrence counts if it
                    // has the boundaries either asks for, for both.
                    match all.iter_mut().find(|g| g.factor.text == f.text) {
                        Some(g) => {
                            g.factor.left &= f.left;
                            g.factor.right &= f.right;
                            g.regexes |= bit;
                        }
                        None => all.push(GroupFactor {
                            factor: f,
                            regexes: bit,
                        }),
                    }
                }
            }
            Some(all)
        })
        .collect();
    // Each factor joins the folded literals, owned by its group.
    let mut folded_triggers: Vec<Vec<Trigger>> = vec![Vec::new(); folded.len()];
    for (gi, f) in factors.iter().enumerate() {
        let Some(f) = f else { continue };
        for g in f {
            let i = *index
                .entry((false, g.factor.text.clone()))
                .or_insert_with(|| {
                    folded.push(g.factor.text.clone());
                    folded_owners.push(Vec::new());
                    folded_triggers.push(Vec::new());
                    folded.len() - 1
                });
            folded_triggers[i].push(Trigger {
                group: gi as u16,
                left: g.factor.left,
                right: g.factor.right,
                regexes: g.regexes,
            });
        }
    }
    let groups = keys
        .into_iter()
        .zip(members)
        .zip(&factors)
        .map(|((key, ids), f)| {
            let mut patterns: Vec<u32> = ids.iter().map(|&i| regexes[i].pattern).collect();
            patterns.dedup();
            GroupPlan {
                regexes: ids,
                patterns,
                joined: key.joined,
                gates: key.gates,
                deferred: key.deferred,
                triggered: f.is_some(),
                users: Vec::new(),
            }
        })
        .collect();
    MatcherPlan {
        folded,
        folded_owners,
        folded_triggers,
        exact,
        exact_owners,
        groups,
    }
}

/// For each regex group of each scope matcher, the rules that read one of
/// its patterns in one of the scopes that matcher serves. A pattern read in
/// two scopes is scanned in both (`act_target` over acts, and over the tool
/// arguments one rule keys): its group in one scope runs only while a rule
/// reading it *there* can still fire, for hits in one scope are never read
/// by a rule of another.
fn group_users(
    rules: &[CheckedRule],
    scope_matcher: &[Option<u8>; Scope::ALL.len()],
    matchers: &mut [MatcherPlan],
) {
    for (mi, m) in matchers.iter_mut().enumerate() {
        let scopes: Vec<Scope> = Scope::ALL
            .into_iter()
            .filter(|s| scope_matcher[*s as usize] == Some(mi as u8))
            .collect();
        for g in &mut m.groups {
            g.users = rules
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    scopes.iter().any(|&scope| {
                        r.rule.scopes.contains(scope)
                            && terms(r).any(|t| {
                                (keyed(scope) || t.args.is_none())
                                    && g.patterns.contains(&t.pattern)
                            })
                    })
                })
                .map(|(ri, _)| ri as u32)
                .collect();
        }
    }
}

/// Rules' terms as bit sets, so that whether a rule can still fire is a
/// few word operations per record, not a walk over its terms; and the
/// order the scope matchers' regex groups run in.
fn layout(rules: &[CheckedRule], scope_matchers: &[MatcherPlan], patterns: usize) -> Layout {
    let mut group_order: Vec<GroupRef> = Vec::new();
    let mut regex_pending: Vec<u16> = vec![0; patterns];
    for (mi, m) in scope_matchers.iter().enumerate() {
        for (gi, g) in m.groups.iter().enumerate() {
            group_order.push(GroupRef {
                matcher: mi as u8,
                group: gi as u16,
            });
            for &p in &g.patterns {
                regex_pending[p as usize] += 1;
            }
        }
    }
    let pattern_words = patterns.div_ceil(64).max(1);
    let bit = |set: &mut [u64], p: u32| set[p as usize / 64] |= 1 << (p % 64);
    let mut rule_all = vec![0u64; rules.len() * pattern_words];
    let mut rule_any = vec![0u64; rules.len() * pattern_words];
    for (ri, r) in rules.iter().enumerate() {
        let row = ri * pattern_words..(ri + 1) * pattern_words;
        for t in &r.rule.all {
            bit(&mut rule_all[row.clone()], t.pattern);
        }
        for t in &r.rule.any {
            bit(&mut rule_any[row.clone()], t.pattern);
        }
    }
    let mut regex_open = vec![0u64; pattern_words];
    for (p, &n) in regex_pending.iter().enumerate() {
        if n > 0 {
            bit(&mut regex_open, p as u32);
        }
    }
    // Cheap groups run first, and may show that a costly one is not needed
    // in a record. Stable: ties keep matcher and group order, so grading is
    // the same on every run.
    group_order.sort_by_key(|g| scope_matchers[g.matcher()].groups[g.group()].regexes.len());
    Layout {
        pattern_words,
        rule_all,
        rule_any,
        regex_open,
        regex_pending,
        group_order,
    }
}
