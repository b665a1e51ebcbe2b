//! Build: the plan's automata, on all cores.
//!
//! Every literal list of a [`MatcherPlan`] becomes a [`LiteralSet`] (one per
//! case mode), every [`GroupPlan`] one multi-pattern meta regex (match kind
//! `All`, to learn which regexes matched), every regex also a standalone
//! meta regex (to locate a match the set found), every rule's `warned_by`
//! cues an Aho–Corasick automaton, and the entity tags their cue automaton.
//! The automata are independent, so they are built side by side; the only
//! errors left are automata over their size limit.

use super::check::{Ctx, EntityTags, Patterns, first_line};
use super::compile::{Matcher, PatternRegex, RegexGroup, Rule, Warnings};
use super::entities::{Entities, EntitySpec};
use super::error::RubricError;
use super::literals::LiteralSet;
use super::plan::{GroupPlan, MatcherPlan, Plan};
use rayon::prelude::*;
use regex_automata::{MatchKind, meta};

/// Compiled automata beyond this many bytes are refused (per automaton).
pub const AUTOMATON_SIZE_LIMIT: usize = 64 << 20;

/// The automata of a plan, besides the standalone regexes.
pub(super) struct Automata {
    /// The rules, each with its `warned_by` automaton.
    pub rules: Vec<Rule>,
    /// The matchers, in plan order.
    pub matchers: Vec<Matcher>,
    pub entities: Entities,
}

/// Every regex on its own, in rubric order. `uses(p)` says which rules use
/// pattern `p`, for the error. Built on all cores; the error reported is the
/// first in rubric order, whichever thread finds it first.
pub(super) fn regexes(
    cx: &Ctx<'_>,
    patterns: &Patterns,
    uses: impl Fn(&str) -> String + Sync,
) -> Result<Vec<PatternRegex>, RubricError> {
    patterns
        .regexes
        .par_iter()
        .map(|re| {
            meta::Regex::builder()
                .configure(meta::Config::new().nfa_size_limit(Some(AUTOMATON_SIZE_LIMIT)).hybrid_cache_capacity(2 << 20))
                .build(&re.source)
                .map(|regex| PatternRegex { pattern: re.pattern, regex })
                .map_err(|e| {
                    let name = &patterns.names[re.pattern as usize];
                    cx.err(re.span.clone(), format!("regex in pattern `{name}` ({}) is too large or invalid: {}", uses(name), first_line(&e.to_string())))
                        .help("simplify it: bounded repetitions like {1000} and large Unicode classes multiply automaton size")
                })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The matchers, the rules' warning automata and the entity tags' automata.
pub(super) fn automata(
    cx: &Ctx<'_>,
    plan: &mut Plan,
    patterns: &Patterns,
    entities: EntityTags,
) -> Result<Automata, RubricError> {
    let matchers = std::mem::take(&mut plan.matchers)
        .into_par_iter()
        .map(|m| matcher(m, patterns))
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| cx.whole(e).help("use fewer or simpler patterns"))?;
    let mut rules = Vec::with_capacity(plan.program.rules.len());
    for cr in std::mem::take(&mut plan.program.rules) {
        let mut rule = cr.rule;
        if !cr.warned_by.is_empty() {
            rule.warnings = Some(Warnings {
                ac: aho_corasick::AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(cr.warned_by.iter().map(|l| l.text.as_str()))
                    .map_err(|e| {
                        cx.err(
                            cr.span,
                            format!("`warned_by` of rule `{}`: {e}", cr.full_name),
                        )
                    })?,
                lits: cr.warned_by,
            });
        }
        rules.push(rule);
    }
    // Entity cues match ASCII case-insensitively, whatever the pattern says.
    let text_and_word = |lits: &[super::check::Literal]| -> Vec<(String, bool)> {
        lits.iter().map(|l| (l.text.clone(), l.word)).collect()
    };
    let mut specs = Vec::with_capacity(entities.tags.len());
    for tag in entities.tags {
        let spec = EntitySpec::new(tag.scopes, tag.context, &text_and_word(&tag.unless))
            .map(|s| {
                s.with_names(tag.names)
                    .with_words(tag.words)
                    .with_lines(tag.lines)
            })
            .map_err(|e| cx.err(tag.span, format!("entity tag `{}`: {e}", tag.name)))?;
        specs.push((
            spec,
            tag.cues
                .iter()
                .map(|l| (l.text.clone(), l.word, l.start))
                .collect(),
        ));
    }
    let entities = Entities::new(specs).map_err(|e| cx.whole(format!("entity tags: {e}")))?;
    Ok(Automata {
        rules,
        matchers,
        entities,
    })
}

/// One matcher's automata: its literal sets and its groups' regex sets,
/// built side by side (the largest matcher's literal DFA alone is most of
/// the rubric's compile time).
fn matcher(m: MatcherPlan, patterns: &Patterns) -> Result<Matcher, String> {
    let set = |lits: &[String], fold: bool| {
        (!lits.is_empty())
            .then(|| LiteralSet::new(lits, fold))
            .transpose()
    };
    let ((folded_set, exact_set), regex_groups) = rayon::join(
        || rayon::join(|| set(&m.folded, true), || set(&m.exact, false)),
        || {
            m.groups
                .into_par_iter()
                .map(|g| group(g, patterns))
                .collect::<Vec<_>>()
        },
    );
    // A regex set's error before a literal set's.
    let regex_groups = regex_groups.into_iter().collect::<Result<_, String>>()?;
    Ok(Matcher {
        folded: folded_set?,
        folded_owners: m.folded_owners,
        folded_triggers: m.folded_triggers,
        exact: exact_set?,
        exact_owners: m.exact_owners,
        regex_groups,
    })
}

/// One group's regexes as one set.
fn group(g: GroupPlan, patterns: &Patterns) -> Result<RegexGroup, String> {
    let pats: Vec<&str> = g
        .regexes
        .iter()
        .map(|&i| patterns.regexes[i].source.as_str())
        .collect();
    let set = meta::Regex::builder()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::All)
                .nfa_size_limit(Some(AUTOMATON_SIZE_LIMIT))
                .hybrid_cache_capacity(4 << 20),
        )
        .build_many(&pats)
        .map_err(|e| {
            format!(
                "the regex set could not be built: {}",
                first_line(&e.to_string())
            )
        })?;
    Ok(RegexGroup {
        set,
        regexes: g.regexes,
        joined: g.joined,
        patterns: g.patterns,
        gates: g.gates.map(Vec::into_boxed_slice),
        deferred: g.deferred,
        triggered: g.triggered,
        users: g.users.into_boxed_slice(),
    })
}
