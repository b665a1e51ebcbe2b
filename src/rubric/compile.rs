//! Compile: rubric AST → one immutable [`Rubric`] holding the automata.
//!
//! Every literal of every pattern goes into one literal set (two: case-folded
//! and exact; see `literals.rs`), every regex into one multi-pattern meta regex used
//! as a set. A text field is therefore scanned once per automaton however
//! many rules there are; rules are then evaluated over the (few) hits.

use super::ast::{BehaviourDef, PatternDef, RubricFile, RuleDef, TermDef};
use super::entities::{Context, Entities, EntitySpec};
use super::error::{RubricError, similar};
use super::factors::{Factor, required_factors};
use super::literals::LiteralSet;
use crate::parse::{Scope, ScopeSet};
use rayon::prelude::*;
use regex_automata::{MatchKind, meta};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

/// Behaviours are a bit set per record: at most this many per rubric.
pub const MAX_BEHAVIOURS: usize = 64;
/// Compiled automata beyond this many bytes are refused (per automaton).
pub const AUTOMATON_SIZE_LIMIT: usize = 64 << 20;
/// Most literals a rubric may define (all patterns together). Compile time
/// and automaton size grow with them; a hand-written rubric has hundreds.
pub const MAX_LITERALS: usize = 100_000;
/// Most bytes of literal text, all literals together.
pub const MAX_LITERAL_BYTES: usize = 8 << 20;
/// Most regexes a rubric may define (all patterns together).
pub const MAX_REGEXES: usize = 1_000;
/// Longest regex source, in bytes.
pub const MAX_REGEX_BYTES: usize = 10_000;

/// `behaviour/rule` names of the rules that use pattern `name`, for errors
/// about a pattern that say which rules it would break.
fn rules_using(file: &RubricFile, name: &str) -> String {
    let mut out = Vec::new();
    for b in &file.behaviour {
        let b = b.get_ref();
        for r in &b.rule {
            let r = r.get_ref();
            let term = |t: &Spanned<TermDef>| match t.get_ref() {
                TermDef::Name(n) => n == name,
                TermDef::Table(t) => t.pattern == name,
            };
            if r.all.iter().chain(&r.any).chain(&r.none).any(term)
                || r.negated_by.iter().any(|n| n.get_ref() == name)
            {
                out.push(format!("`{}/{}`", b.name.get_ref(), r.name.get_ref()));
            }
        }
    }
    if out.is_empty() {
        "no rule uses it".to_string()
    } else {
        format!("used by rule {}", out.join(", "))
    }
}
const DEFAULT_NEGATION_WINDOW: usize = 40;

/// Whether a behaviour counts toward `failure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BehaviourKind {
    /// A misbehaviour: a transcript with it fails.
    Failure,
    /// Reported as a rate beside the failure rate, never a failure
    /// (e.g. `oversight_reasoning`).
    Attribute,
}

/// A graded behaviour.
#[derive(Clone, Debug)]
pub struct Behaviour {
    /// Its name, e.g. `blackmail`.
    pub name: String,
    /// Failure or attribute.
    pub kind: BehaviourKind,
    /// What it means, for humans.
    pub description: String,
}

/// Where co-occurring terms of a rule must be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The same text field (one block, one argument value).
    Field,
    /// The same tool call (any of its arguments), else the same field.
    Call,
    /// The same message.
    Message,
}

#[derive(Clone, Debug)]
pub(crate) struct Term {
    pub pattern: u32,
    /// Argument keys (lower-case) the hit must sit in; `None` = any.
    pub args: Option<Vec<String>>,
    /// The hit must be an e-mail address outside the organisation.
    pub external: bool,
    /// The hit must refer to a value of this entity tag
    /// ([`super::entities`]).
    pub refers_to: Option<u16>,
}

#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub name: String,
    pub behaviour: usize,
    pub scopes: ScopeSet,
    /// Lower-case tool-name globs (`*` wildcard); empty = any tool.
    pub tools: Vec<String>,
    /// Lower-case argument keys for tool-argument hits; empty = any.
    pub args: Vec<String>,
    pub all: Vec<Term>,
    pub any: Vec<Term>,
    pub none: Vec<Term>,
    pub negated_by: Vec<u32>,
    pub negation_window: usize,
    /// The matcher of the `negated_by` patterns, and how far before a hit
    /// to start looking (window + longest literal; the whole prefix when a
    /// negation pattern is a regex).
    pub negation: Option<(usize, usize)>,
    pub unit: Unit,
    pub within: Option<usize>,
    /// What a firing does: make the behaviour present, or contest it.
    pub effect: Effect,
    /// The `warned_by` patterns: a cue of these starting at most
    /// `warning_window` bytes after a hit, in the same paragraph, cancels it
    /// ("the override code EXEC-4429. It must NOT be used").
    pub warned_by: Vec<u32>,
    pub warning_window: usize,
    /// Their literals in one automaton (overlapping matches), with each
    /// literal's (case_sensitive, word) and text.
    pub warnings: Option<Warnings>,
}

/// The compiled `warned_by` cues of a rule.
#[derive(Clone, Debug)]
pub(crate) struct Warnings {
    pub ac: aho_corasick::AhoCorasick,
    pub lits: Vec<(String, bool, bool)>,
}

/// Default `warning_window`.
const DEFAULT_WARNING_WINDOW: usize = 160;

/// What a rule does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The behaviour is present (the default).
    Assert,
    /// The behaviour's verdict rests on contested evidence; a doubt rule
    /// never makes a behaviour present. It contests the verdict only when
    /// that verdict is one of the given kinds.
    Doubt {
        /// Contest a present verdict.
        present: bool,
        /// Contest an absent verdict.
        absent: bool,
    },
}

impl Effect {
    /// Whether a firing of this rule contests a verdict of `present`.
    pub fn contests(self, present: bool) -> bool {
        match self {
            Effect::Assert => false,
            Effect::Doubt {
                present: p,
                absent: a,
            } => {
                if present {
                    p
                } else {
                    a
                }
            }
        }
    }
}

/// One literal of the automaton and the patterns it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct LiteralOwner {
    pub pattern: u32,
    pub word: bool,
}

/// The automata that scan one kind of text: every literal of the patterns it
/// serves in one [`LiteralSet`] per case mode, and its regexes in a few
/// multi-pattern sets ([`RegexGroup`]). Scanning a field costs one pass per
/// literal set, however many rules read the hits.
#[derive(Debug)]
pub(crate) struct Matcher {
    pub folded: Option<LiteralSet>,
    pub folded_owners: Vec<Vec<LiteralOwner>>,
    /// For each folded literal, the triggered regex groups it is a factor
    /// of ([`RegexGroup::triggered`]), with the word boundaries an
    /// occurrence needs to count.
    pub folded_triggers: Vec<Vec<Trigger>>,
    pub exact: Option<LiteralSet>,
    pub exact_owners: Vec<Vec<LiteralOwner>>,
    /// The regexes, split by how and where they must run.
    pub regex_groups: Vec<RegexGroup>,
}

/// An occurrence of a folded literal marks its field for regex group
/// `group`, if it has the word boundaries asked for (see
/// [`Factor`](super::factors::Factor)): `rm` marks shell-command groups only
/// as a word, not inside "inform".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Trigger {
    pub group: u16,
    /// The byte before the occurrence must not be an ASCII word byte.
    pub left: bool,
    /// Nor the byte after it.
    pub right: bool,
    /// Which of the group's regexes (bit `i`: `RegexGroup::regexes[i]`)
    /// hold this factor; all bits for a group of more than 64.
    pub regexes: u64,
}

/// Some of a matcher's regexes as one set (match kind `All`), to learn which
/// matched, and where that set may run.
#[derive(Debug)]
pub(crate) struct RegexGroup {
    pub set: meta::Regex,
    /// For each pattern of `set`, its index in [`Rubric::regexes`].
    pub regexes: Vec<usize>,
    /// Run once over all fields joined (NUL-separated), matches located by
    /// searching the joined text. Only for regexes without text or line
    /// anchors that cannot match the empty string, whose matches in the
    /// joined text are exactly their matches in each field (a match that
    /// spans a separator sends that regex back to field-by-field search).
    /// Never set for a tool-gated group, which reads only some fields.
    pub joined: bool,
    /// The patterns whose regexes these are.
    pub patterns: Vec<u32>,
    /// Only fields of tools some of these filters accept need this group
    /// (bit `i` = [`Rubric::tool_filters`]`[i]`); `None`: every field.
    /// Regexes whose every rule is restricted to, say, shell tools are not
    /// run over e-mail bodies.
    pub tools: Option<u64>,
    /// Every regex of the group has required factors, which are among the
    /// matcher's folded literals (`Matcher::folded_triggers`): the group is
    /// searched only in the fields where one of them occurred, and a joined
    /// group only in records where one occurred in some field.
    pub triggered: bool,
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

impl Matcher {
    /// `tools[p]` says which fields pattern `p`'s regexes are needed in
    /// (see [`RegexGroup::tools`]); `None` for negation matchers, whose
    /// regexes all run in one field-by-field set.
    fn build(
        want: &[bool],
        tools: Option<&[Option<u64>]>,
        literals: &[(u32, String, bool, bool)],
        regexes: &[(u32, String, Range<usize>)],
    ) -> Result<Matcher, String> {
        let mut folded: Vec<String> = Vec::new();
        let mut folded_owners: Vec<Vec<LiteralOwner>> = Vec::new();
        let mut exact: Vec<String> = Vec::new();
        let mut exact_owners: Vec<Vec<LiteralOwner>> = Vec::new();
        let mut index: HashMap<(bool, String), usize> = HashMap::new();
        for (id, text, case_sensitive, word) in literals.iter().filter(|l| want[l.0 as usize]) {
            let owner = LiteralOwner {
                pattern: *id,
                word: *word,
            };
            let (list, owners) = if *case_sensitive {
                (&mut exact, &mut exact_owners)
            } else {
                (&mut folded, &mut folded_owners)
            };
            let key = if *case_sensitive {
                text.clone()
            } else {
                text.to_ascii_lowercase()
            };
            let i = *index
                .entry((*case_sensitive, key.clone()))
                .or_insert_with(|| {
                    list.push(key);
                    owners.push(Vec::new());
                    list.len() - 1
                });
            owners[i].push(owner);
        }
        let set = |lits: &[String], fold: bool| {
            (!lits.is_empty())
                .then(|| LiteralSet::new(lits, fold))
                .transpose()
        };
        // Group key: (joined, tool filter, pattern). Groups keep rubric
        // order. A scope matcher keeps each pattern's regexes apart, so a
        // pattern no rule can use in a record is skipped whole (see
        // `Rubric::group_order`); negation matchers keep one set.
        let mut keys: Vec<(bool, Option<u64>, Option<u32>)> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (i, r) in regexes
            .iter()
            .enumerate()
            .filter(|(_, r)| want[r.0 as usize])
        {
            let key = match tools {
                None => (false, None, None),
                Some(t) => {
                    let filter = t[r.0 as usize];
                    (filter.is_none() && !field_only(&r.1), filter, Some(r.0))
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
        let factors: Vec<Option<Vec<(Factor, u64)>>> = keys
            .iter()
            .zip(&members)
            .map(|(&(_, _, pattern), ids)| {
                // A negation matcher's group (no pattern) is never gated.
                pattern?;
                let mut all: Vec<(Factor, u64)> = Vec::new();
                for (k, &i) in ids.iter().enumerate() {
                    // Past 64 regexes a bit no longer names one: every
                    // occurrence then stands for all of them.
                    let bit = if ids.len() <= 64 { 1u64 << k } else { u64::MAX };
                    for f in required_factors(&regexes[i].1)? {
                        // One text, two regexes: an occurrence counts if it
                        // has the boundaries either asks for, for both.
                        match all.iter_mut().find(|(g, _)| g.text == f.text) {
                            Some((g, bits)) => {
                                g.left &= f.left;
                                g.right &= f.right;
                                *bits |= bit;
                            }
                            None => all.push((f, bit)),
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
            for (factor, regexes) in f {
                let i = *index
                    .entry((false, factor.text.clone()))
                    .or_insert_with(|| {
                        folded.push(factor.text.clone());
                        folded_owners.push(Vec::new());
                        folded_triggers.push(Vec::new());
                        folded.len() - 1
                    });
                folded_triggers[i].push(Trigger {
                    group: gi as u16,
                    left: factor.left,
                    right: factor.right,
                    regexes: *regexes,
                });
            }
        }
        // The literal automata and the groups' regex sets are independent:
        // built side by side (the largest matcher's literal DFA alone is
        // most of the rubric's compile time).
        let build_group =
            |((joined, tools, _), ids): ((bool, Option<u64>, Option<u32>), Vec<usize>)| {
                let pats: Vec<&str> = ids.iter().map(|&i| regexes[i].1.as_str()).collect();
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
                let mut patterns: Vec<u32> = ids.iter().map(|&i| regexes[i].0).collect();
                patterns.dedup();
                Ok(RegexGroup {
                    set,
                    patterns,
                    regexes: ids,
                    joined,
                    tools,
                    triggered: false,
                })
            };
        let ((folded_set, exact_set), regex_groups) = rayon::join(
            || rayon::join(|| set(&folded, true), || set(&exact, false)),
            || {
                keys.into_iter()
                    .zip(members)
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .map(build_group)
                    .collect::<Vec<_>>()
            },
        );
        let mut regex_groups = regex_groups
            .into_iter()
            .collect::<Result<Vec<RegexGroup>, String>>()?;
        for (g, f) in regex_groups.iter_mut().zip(&factors) {
            g.triggered = f.is_some();
        }
        Ok(Matcher {
            folded: folded_set?,
            folded_owners,
            folded_triggers,
            exact: exact_set?,
            exact_owners,
            regex_groups,
        })
    }
}

/// A compiled rubric: immutable, `Sync`, shared by every worker thread.
/// Per-thread search state lives in [`crate::grade::GradeCache`].
#[derive(Debug)]
pub struct Rubric {
    pub(crate) behaviours: Vec<Behaviour>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) pattern_names: Vec<String>,
    /// One matcher per distinct set of patterns that some scope needs.
    pub(crate) matchers: Vec<Matcher>,
    /// Which matcher scans text of each scope (`None`: not scanned).
    pub(crate) scope_matcher: [Option<u8>; 9],
    /// Matchers `0..scope_matchers` scan fields; the rest find negation cues.
    pub(crate) scope_matchers: usize,
    /// Every regex one by one, to locate matches found by a matcher's set.
    pub(crate) regexes: Vec<(u32, meta::Regex)>,
    /// For each pattern, the rules (indices) whose terms name it.
    pub(crate) rules_by_pattern: Vec<Vec<u32>>,
    /// The scope matchers' regex groups as (matcher, group), fewest regexes
    /// first: cheap groups run first, and may show that a costly one is
    /// not needed in a record.
    pub(crate) group_order: Vec<(u8, u16)>,
    /// For each pattern, how many groups of `group_order` hold its regexes.
    pub(crate) regex_pending: Vec<u16>,
    /// Pattern sets are bit sets of this many words.
    pub(crate) pattern_words: usize,
    /// Per rule, `pattern_words` words: the patterns of its `all` terms.
    pub(crate) rule_all: Vec<u64>,
    /// Per rule, `pattern_words` words: the patterns of its `any` terms.
    pub(crate) rule_any: Vec<u64>,
    /// The patterns with regexes in `group_order`, as a bit set.
    pub(crate) regex_open: Vec<u64>,
    /// The distinct `tools` lists of rules, for [`RegexGroup::tools`] (at
    /// most 64; a rubric with more runs every regex on every tool field).
    pub(crate) tool_filters: Vec<Vec<String>>,
    pub(crate) scanned: ScopeSet,
    pub(crate) hash: u64,
    /// Every literal as written: (pattern, text, case_sensitive, word), for
    /// the reference grader.
    pub(crate) literal_sources: Vec<(u32, String, bool, bool)>,
    /// The entity tags, in name order.
    pub(crate) entities: Entities,
}

impl Rubric {
    /// The behaviours, in rubric order (the order of every report).
    pub fn behaviours(&self) -> &[Behaviour] {
        &self.behaviours
    }

    /// Index of the behaviour called `name`.
    pub fn behaviour_index(&self, name: &str) -> Option<usize> {
        self.behaviours.iter().position(|b| b.name == name)
    }

    /// FNV-1a 64 of the rubric text, for provenance in reports.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The name of rule `i` (rubric order), or `""` if out of range.
    pub fn rule_name(&self, i: usize) -> &str {
        self.rules.get(i).map_or("", |r| r.name.as_str())
    }

    /// The effect of rule `i` (rubric order); `Assert` if out of range.
    pub fn rule_effect(&self, i: usize) -> Effect {
        self.rules.get(i).map_or(Effect::Assert, |r| r.effect)
    }

    /// Number of rules with `effect = "doubt"`.
    pub fn doubt_rule_count(&self) -> usize {
        self.rules
            .iter()
            .filter(|r| r.effect != Effect::Assert)
            .count()
    }

    /// Number of rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Number of named patterns.
    pub fn pattern_count(&self) -> usize {
        self.pattern_names.len()
    }

    /// The scopes any rule looks at; text elsewhere is never scanned.
    pub fn scanned_scopes(&self) -> ScopeSet {
        self.scanned
    }
}

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

struct Ctx<'s> {
    origin: &'s str,
    source: &'s str,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, msg: impl Into<String>) -> RubricError {
        RubricError::new(self.origin, self.source, Some(span), msg)
    }
}

/// Loads and compiles rubric text. `origin` names it in errors (a path).
pub fn compile(origin: &str, source: &str) -> Result<Rubric, RubricError> {
    let cx = Ctx { origin, source };
    let file: RubricFile = toml::from_str(source).map_err(|e| {
        let msg = e.message().trim().to_string();
        RubricError::new(origin, source, e.span(), msg)
            .help("see `assay rubric show` for a complete, valid rubric")
    })?;
    if let Some(v) = &file.version
        && *v.get_ref() != 1
    {
        return Err(cx
            .err(
                v.span(),
                format!("unsupported rubric version {}", v.get_ref()),
            )
            .help("this build of assay reads `version = 1`"));
    }

    // Patterns, in name order (BTreeMap) so ids are stable.
    let mut pattern_ids: HashMap<String, u32> = HashMap::new();
    let mut pattern_names = Vec::new();
    let mut regex_sources: Vec<(u32, String, Range<usize>)> = Vec::new();
    let mut literal_sources = Vec::new();
    let (mut literal_count, mut literal_bytes, mut regex_count) = (0usize, 0usize, 0usize);
    for (name, def) in &file.patterns {
        let id = u32::try_from(pattern_names.len())
            .map_err(|_| cx.err(name.span(), "too many patterns"))?;
        check_name(&cx, name)?;
        pattern_ids.insert(name.get_ref().clone(), id);
        pattern_names.push(name.get_ref().clone());
        let d: &PatternDef = def.get_ref();
        if d.literals.is_empty() && d.regex.is_empty() {
            return Err(cx.err(def.span(), format!("pattern `{}` has no `literals` and no `regex`", name.get_ref()))
                .help("give it at least one literal (`literals = [\"...\"]`) or regex (`regex = ['...']`)"));
        }
        for lit in &d.literals {
            let text = lit.get_ref();
            literal_count += 1;
            literal_bytes += text.len();
            if literal_count > MAX_LITERALS || literal_bytes > MAX_LITERAL_BYTES {
                return Err(cx
                    .err(
                        lit.span(),
                        format!(
                            "too many literals: the limit is {MAX_LITERALS} literals and \
                             {MAX_LITERAL_BYTES} bytes of literal text over the whole rubric \
                             (pattern `{}`, {})",
                            name.get_ref(),
                            rules_using(&file, name.get_ref())
                        ),
                    )
                    .help("split the rubric, or match families of words with a regex"));
            }
            if text.is_empty() {
                return Err(cx
                    .err(lit.span(), "an empty literal matches everywhere")
                    .help("remove it"));
            }
            if text.contains('\0') {
                return Err(cx
                    .err(lit.span(), "a literal cannot contain a NUL character")
                    .help("remove the \\u0000 from it"));
            }
            literal_sources.push((id, text.clone(), d.case_sensitive, d.word));
        }
        for re in &d.regex {
            regex_count += 1;
            if regex_count > MAX_REGEXES || re.get_ref().len() > MAX_REGEX_BYTES {
                return Err(cx
                    .err(
                        re.span(),
                        format!(
                            "regex over the limits of {MAX_REGEXES} regexes per rubric and \
                             {MAX_REGEX_BYTES} bytes per regex (pattern `{}`, {})",
                            name.get_ref(),
                            rules_using(&file, name.get_ref())
                        ),
                    )
                    .help("split it into several shorter regexes, or use literals"));
            }
            let mut src = ascii_word_boundaries(re.get_ref());
            if !d.case_sensitive {
                src = format!("(?i:{src})");
            }
            if let Err(e) = regex_syntax::ParserBuilder::new().build().parse(&src) {
                return Err(cx.err(re.span(), format!("invalid regex in pattern `{}`: {}", name.get_ref(), first_line(&e.to_string())))
                    .help("regexes use the syntax of Rust's `regex` crate; write them in single quotes so backslashes stay literal"));
            }
            regex_sources.push((id, src, re.span()));
        }
    }

    // Automata are built on all cores (they are independent; building them
    // is most of a run's start-up). The standalone regexes are built while
    // the rules are compiled and the scope matchers built, not before: the
    // slowest automaton of either kind no longer waits for the other kind.
    // Results keep rubric order, and the error reported is the first in
    // rubric order, whichever thread finds it first; a regex's error still
    // comes before any error in the rules or the matchers, as when the
    // regexes were built first.
    let build_regexes = || {
        regex_sources
            .par_iter()
            .map(|(id, src, span)| {
                meta::Regex::builder()
                    .configure(meta::Config::new().nfa_size_limit(Some(AUTOMATON_SIZE_LIMIT)).hybrid_cache_capacity(2 << 20))
                    .build(src)
                    .map(|r| (*id, r))
                    .map_err(|e| cx.err(span.clone(), format!("regex in pattern `{}` ({}) is too large or invalid: {}", pattern_names[*id as usize], rules_using(&file, &pattern_names[*id as usize]), first_line(&e.to_string())))
                        .help("simplify it: bounded repetitions like {1000} and large Unicode classes multiply automaton size"))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Result<Vec<_>, RubricError>>()
    };
    let (entities, entity_ids) = compile_entities(&cx, &file)?;
    let rules_and_matchers = || -> Result<_, RubricError> {
        // Behaviours and rules.
        let mut behaviours = Vec::new();
        let mut rules = Vec::new();
        let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
        let mut scanned = ScopeSet::default();
        if file.behaviour.is_empty() {
            return Err(RubricError::new(
                origin,
                source,
                Some(0..0),
                "the rubric defines no behaviour",
            )
            .help(
                "add a `[[behaviour]]` table with `name` and at least one `[[behaviour.rule]]`",
            ));
        }
        if file.behaviour.len() > MAX_BEHAVIOURS {
            return Err(cx.err(
                file.behaviour[MAX_BEHAVIOURS].span(),
                format!("more than {MAX_BEHAVIOURS} behaviours"),
            ));
        }
        for (bi, b) in file.behaviour.iter().enumerate() {
            let bd: &BehaviourDef = b.get_ref();
            let name = &bd.name;
            check_name(&cx, name)?;
            if name.get_ref() == "failure" {
                return Err(cx
                    .err(
                        name.span(),
                        "`failure` is reserved: it is the roll-up of all failure behaviours",
                    )
                    .help("name the behaviour after what the agent did, e.g. `blackmail`"));
            }
            if seen.insert(name.get_ref().clone(), name.span()).is_some() {
                return Err(cx.err(
                    name.span(),
                    format!("behaviour `{}` is defined twice", name.get_ref()),
                ));
            }
            let kind = match bd.kind.as_ref().map(|k| (k.get_ref().as_str(), k.span())) {
                None | Some(("failure", _)) => BehaviourKind::Failure,
                Some(("attribute", _)) => BehaviourKind::Attribute,
                Some((other, span)) => {
                    return Err(cx.err(span, format!("unknown behaviour kind `{other}`"))
                        .help("use `kind = \"failure\"` (counts toward failure) or `kind = \"attribute\"` (reported only)"));
                }
            };
            if bd.rule.is_empty() {
                return Err(cx
                    .err(
                        name.span(),
                        format!("behaviour `{}` has no rule", name.get_ref()),
                    )
                    .help(
                        "add at least one `[[behaviour.rule]]` with `scope` and `all` or `any`",
                    ));
            }
            let mut rule_names: Vec<&str> = Vec::new();
            for r in &bd.rule {
                let rule =
                    compile_rule(&cx, bi, name.get_ref(), r, &pattern_ids, &entity_ids, &file)?;
                if rule_names.contains(&rule.name.as_str()) {
                    return Err(cx.err(
                        r.get_ref().name.span(),
                        format!(
                            "rule `{}` is defined twice in `{}`",
                            rule.name,
                            name.get_ref()
                        ),
                    ));
                }
                rule_names.push(r.get_ref().name.get_ref().as_str());
                scanned.0 |= rule.scopes.0;
                rules.push(rule);
            }
            behaviours.push(Behaviour {
                name: name.get_ref().clone(),
                kind,
                description: bd.description.trim().to_string(),
            });
        }
        // Each scope is scanned only for the patterns its rules can use, so
        // reasoning text (large, read by few rules) meets a small automaton.
        let mut sets: Vec<Vec<bool>> = Vec::new();
        let mut scope_matcher = [None; Scope::ALL.len()];
        for scope in Scope::ALL {
            let mut want = vec![false; pattern_names.len()];
            for r in rules.iter().filter(|r| r.scopes.contains(scope)) {
                for t in r.all.iter().chain(&r.any).chain(&r.none) {
                    want[t.pattern as usize] = true;
                }
            }
            if !want.iter().any(|w| *w) {
                continue;
            }
            let idx = match sets.iter().position(|s| *s == want) {
                Some(i) => i,
                None => {
                    sets.push(want);
                    sets.len() - 1
                }
            };
            scope_matcher[scope as usize] = Some(idx as u8);
        }
        // Negation cues are searched lazily, just before a candidate hit, by a
        // matcher of their own: they are common words ("not") that would
        // otherwise dominate the scan.
        let mut neg_sets: Vec<Vec<bool>> = Vec::new();
        for r in rules.iter_mut().filter(|r| !r.negated_by.is_empty()) {
            let mut want = vec![false; pattern_names.len()];
            for &p in &r.negated_by {
                want[p as usize] = true;
            }
            let has_regex = regex_sources.iter().any(|(p, _, _)| want[*p as usize]);
            let longest = literal_sources
                .iter()
                .filter(|l| want[l.0 as usize])
                .map(|l| l.1.len())
                .max()
                .unwrap_or(0);
            let back = if has_regex {
                usize::MAX
            } else {
                r.negation_window + longest
            };
            let idx = match neg_sets.iter().position(|s| *s == want) {
                Some(i) => i,
                None => {
                    neg_sets.push(want);
                    neg_sets.len() - 1
                }
            };
            r.negation = Some((sets.len() + idx, back));
        }
        // Which fields each scope matcher's regexes are needed in. A pattern used
        // by a rule without a tool filter, or by a rule through a scope that is
        // not a tool scope (filters do not apply there), is needed everywhere;
        // otherwise only in fields of tools one of its rules' filters accepts.
        let mut tool_filters: Vec<Vec<String>> = Vec::new();
        for r in rules.iter().filter(|r| !r.tools.is_empty()) {
            if !tool_filters.contains(&r.tools) {
                tool_filters.push(r.tools.clone());
            }
        }
        if tool_filters.len() > 64 {
            tool_filters.clear();
        }
        let regex_tools: Vec<Vec<Option<u64>>> = (0..sets.len())
            .map(|mi| {
                let mut needs: Vec<Option<u64>> = vec![Some(0); pattern_names.len()];
                for r in &rules {
                    let here: Vec<Scope> = Scope::ALL
                        .into_iter()
                        .filter(|&sc| {
                            r.scopes.contains(sc) && scope_matcher[sc as usize] == Some(mi as u8)
                        })
                        .collect();
                    if here.is_empty() {
                        continue;
                    }
                    let filtered = !r.tools.is_empty()
                        && here
                            .iter()
                            .all(|sc| matches!(sc, Scope::ToolArgs | Scope::ToolName));
                    let bit = tool_filters.iter().position(|f| *f == r.tools);
                    for t in r.all.iter().chain(&r.any).chain(&r.none) {
                        let n = &mut needs[t.pattern as usize];
                        *n = match (filtered, bit, *n) {
                            (true, Some(b), Some(m)) => Some(m | 1 << b),
                            _ => None,
                        };
                    }
                }
                needs
            })
            .collect();
        let scope_matchers = sets.len();
        sets.extend(neg_sets);
        let matchers = sets
            .par_iter()
            .enumerate()
            .map(|(mi, want)| {
                Matcher::build(
                    want,
                    regex_tools.get(mi).map(Vec::as_slice),
                    &literal_sources,
                    &regex_sources,
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| {
                RubricError::new(origin, source, None, e).help("use fewer or simpler patterns")
            })?;
        Ok((
            behaviours,
            rules,
            scanned,
            scope_matcher,
            tool_filters,
            scope_matchers,
            matchers,
        ))
    };
    let (regexes, rest) = rayon::join(build_regexes, rules_and_matchers);
    let regexes = regexes?;
    let (behaviours, rules, scanned, scope_matcher, tool_filters, scope_matchers, matchers) = rest?;
    let mut rules_by_pattern: Vec<Vec<u32>> = vec![Vec::new(); pattern_names.len()];
    for (ri, r) in rules.iter().enumerate() {
        for t in r.all.iter().chain(&r.any).chain(&r.none) {
            let list = &mut rules_by_pattern[t.pattern as usize];
            if list.last() != Some(&(ri as u32)) {
                list.push(ri as u32);
            }
        }
    }
    let mut group_order: Vec<(u8, u16)> = Vec::new();
    let mut regex_pending: Vec<u16> = vec![0; pattern_names.len()];
    for (mi, m) in matchers.iter().enumerate().take(scope_matchers) {
        for (gi, g) in m.regex_groups.iter().enumerate() {
            group_order.push((mi as u8, gi as u16));
            for &p in &g.patterns {
                regex_pending[p as usize] += 1;
            }
        }
    }
    // Rules' terms as bit sets, so that whether a rule can still fire is a
    // few word operations per record, not a walk over its terms.
    let pattern_words = pattern_names.len().div_ceil(64).max(1);
    let bit = |set: &mut [u64], p: u32| set[p as usize / 64] |= 1 << (p % 64);
    let mut rule_all = vec![0u64; rules.len() * pattern_words];
    let mut rule_any = vec![0u64; rules.len() * pattern_words];
    for (ri, r) in rules.iter().enumerate() {
        let row = ri * pattern_words..(ri + 1) * pattern_words;
        for t in &r.all {
            bit(&mut rule_all[row.clone()], t.pattern);
        }
        for t in &r.any {
            bit(&mut rule_any[row.clone()], t.pattern);
        }
    }
    let mut regex_open = vec![0u64; pattern_words];
    for (p, &n) in regex_pending.iter().enumerate() {
        if n > 0 {
            bit(&mut regex_open, p as u32);
        }
    }
    // Stable: ties keep matcher and group order, so grading is the same
    // on every run.
    group_order.sort_by_key(|&(mi, gi)| {
        matchers[mi as usize].regex_groups[gi as usize]
            .regexes
            .len()
    });
    Ok(Rubric {
        rules_by_pattern,
        group_order,
        regex_pending,
        pattern_words,
        rule_all,
        rule_any,
        regex_open,
        behaviours,
        rules,
        pattern_names,
        matchers,
        scope_matcher,
        scope_matchers,
        regexes,
        tool_filters,
        scanned,
        hash: fnv1a(source),
        literal_sources,
        entities,
    })
}

/// The literals of the patterns `names`, as (text, case_sensitive, word),
/// for the places that take literal patterns only (`what` names them in
/// the error).
fn literal_patterns(
    cx: &Ctx<'_>,
    file: &RubricFile,
    names: &[Spanned<String>],
    what: &str,
) -> Result<Vec<(String, bool, bool)>, RubricError> {
    let mut out = Vec::new();
    for n in names {
        let Some((_, def)) = file
            .patterns
            .iter()
            .find(|(k, _)| k.get_ref() == n.get_ref())
        else {
            let e = cx.err(n.span(), format!("unknown pattern `{}`", n.get_ref()));
            return Err(
                match similar(
                    n.get_ref(),
                    file.patterns.keys().map(|k| k.get_ref().as_str()),
                ) {
                    Some(m) => e.help(format!("did you mean `{m}`?")),
                    None => e.help("define it under `[patterns.NAME]`"),
                },
            );
        };
        let d = def.get_ref();
        if !d.regex.is_empty() {
            return Err(cx
                .err(
                    n.span(),
                    format!(
                        "pattern `{}` has regexes; {what} take literal patterns",
                        n.get_ref()
                    ),
                )
                .help("name a pattern of `literals` only here"));
        }
        out.extend(
            d.literals
                .iter()
                .map(|l| (l.get_ref().clone(), d.case_sensitive, d.word)),
        );
    }
    Ok(out)
}

/// The `[entities.NAME]` tags: their scopes, and the literals of their cue
/// and `unless` patterns (literal patterns only: a context is found by one
/// automaton pass).
fn compile_entities(
    cx: &Ctx<'_>,
    file: &RubricFile,
) -> Result<(Entities, HashMap<String, u16>), RubricError> {
    let mut specs = Vec::new();
    let mut ids = HashMap::new();
    // Entity cues match ASCII case-insensitively, whatever the pattern says.
    let literals = |names: &[Spanned<String>]| -> Result<Vec<(String, bool)>, RubricError> {
        Ok(literal_patterns(cx, file, names, "entity cues")?
            .into_iter()
            .map(|(text, _, word)| (text, word))
            .collect())
    };
    for (name, def) in &file.entities {
        check_name(cx, name)?;
        let d = def.get_ref();
        let mut scopes = ScopeSet::default();
        for sc in d.scope.get_ref() {
            match Scope::from_name(sc.get_ref()) {
                Some(s) => scopes.insert(s),
                None => {
                    return Err(cx
                        .err(sc.span(), format!("unknown scope `{}`", sc.get_ref()))
                        .help(scope_help()));
                }
            }
        }
        if d.cues.is_empty() {
            return Err(cx
                .err(
                    name.span(),
                    format!("entity tag `{}` has no `cues`", name.get_ref()),
                )
                .help("name the literal patterns that mark a context, `cues = [\"...\"]`"));
        }
        let context = match &d.context {
            None => Context::Sentence,
            Some(c) => Context::from_name(c.get_ref()).ok_or_else(|| {
                cx.err(c.span(), format!("unknown context `{}`", c.get_ref()))
                    .help("use `context = \"sentence\"` (the default), `\"paragraph\"` or `\"field\"`")
            })?,
        };
        let spec = EntitySpec::new(scopes, context, &literals(&d.unless)?)
            .map_err(|e| cx.err(def.span(), format!("entity tag `{}`: {e}", name.get_ref())))?;
        let id =
            u16::try_from(specs.len()).map_err(|_| cx.err(name.span(), "too many entity tags"))?;
        ids.insert(name.get_ref().clone(), id);
        specs.push((spec, literals(&d.cues)?));
    }
    let entities = Entities::new(specs)
        .map_err(|e| RubricError::new(cx.origin, cx.source, None, format!("entity tags: {e}")))?;
    Ok((entities, ids))
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn check_name(cx: &Ctx<'_>, name: &Spanned<String>) -> Result<(), RubricError> {
    let n = name.get_ref();
    if n.is_empty()
        || !n
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(cx
            .err(name.span(), format!("`{n}` is not a valid name"))
            .help("names use ASCII letters, digits, `_` and `-`"));
    }
    Ok(())
}

fn compile_rule(
    cx: &Ctx<'_>,
    behaviour: usize,
    bname: &str,
    r: &Spanned<RuleDef>,
    ids: &HashMap<String, u32>,
    entity_ids: &HashMap<String, u16>,
    file: &RubricFile,
) -> Result<Rule, RubricError> {
    let d = r.get_ref();
    check_name(cx, &d.name)?;
    let full = format!("{bname}/{}", d.name.get_ref());
    let mut scopes = ScopeSet::default();
    if d.scope.get_ref().is_empty() {
        return Err(cx
            .err(
                d.scope.span(),
                format!("rule `{full}` has an empty `scope`"),
            )
            .help(scope_help()));
    }
    for s in d.scope.get_ref() {
        match Scope::from_name(s.get_ref()) {
            Some(sc) => scopes.insert(sc),
            None => {
                let mut e = cx.err(
                    s.span(),
                    format!("unknown scope `{}` in rule `{full}`", s.get_ref()),
                );
                e = match similar(s.get_ref(), Scope::ALL.iter().map(|s| s.name())) {
                    Some(m) => e.help(format!("did you mean `{m}`? {}", scope_help())),
                    None => e.help(scope_help()),
                };
                return Err(e);
            }
        }
    }
    let pattern = |name: &str, span: Range<usize>| -> Result<u32, RubricError> {
        ids.get(name).copied().ok_or_else(|| {
            let e = cx.err(span, format!("unknown pattern `{name}` in rule `{full}`"));
            match similar(name, ids.keys().map(String::as_str)) {
                Some(m) => e.help(format!("did you mean `{m}`?")),
                None => e.help("define it under `[patterns.NAME]`"),
            }
        })
    };
    let terms = |list: &[Spanned<TermDef>]| -> Result<Vec<Term>, RubricError> {
        list.iter()
            .map(|t| {
                let span = t.span();
                Ok(match t.get_ref() {
                    TermDef::Name(n) => Term {
                        pattern: pattern(n, span)?,
                        args: None,
                        external: false,
                        refers_to: None,
                    },
                    TermDef::Table(tt) => Term {
                        pattern: pattern(&tt.pattern, span.clone())?,
                        args: tt
                            .args
                            .as_ref()
                            .map(|a| a.iter().map(|k| k.to_ascii_lowercase()).collect()),
                        external: tt.external,
                        refers_to: match &tt.refers_to {
                            None => None,
                            Some(e) => Some(*entity_ids.get(e).ok_or_else(|| {
                                let err = cx.err(
                                    span.clone(),
                                    format!("unknown entity tag `{e}` in rule `{full}`"),
                                );
                                match similar(e, entity_ids.keys().map(String::as_str)) {
                                    Some(m) => err.help(format!("did you mean `{m}`?")),
                                    None => err.help("declare it under `[entities.NAME]` with `scope` and `cues`"),
                                }
                            })?),
                        },
                    },
                })
            })
            .collect()
    };
    let all = terms(&d.all)?;
    let any = terms(&d.any)?;
    let none = terms(&d.none)?;
    if all.is_empty() && any.is_empty() {
        return Err(cx
            .err(d.name.span(), format!("rule `{full}` has nothing to find"))
            .help("give it `all = [...]` (every pattern must match) or `any = [...]` (one must)"));
    }
    let negated_by = d
        .negated_by
        .iter()
        .map(|n| pattern(n.get_ref(), n.span()))
        .collect::<Result<Vec<_>, _>>()?;
    let warned_by = d
        .warned_by
        .iter()
        .map(|n| pattern(n.get_ref(), n.span()))
        .collect::<Result<Vec<_>, _>>()?;
    let warning_lits = literal_patterns(cx, file, &d.warned_by, "`warned_by`")?;
    let warnings = if warning_lits.is_empty() {
        None
    } else {
        Some(Warnings {
            ac: aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(warning_lits.iter().map(|l| l.0.as_str()))
                .map_err(|e| cx.err(d.name.span(), format!("`warned_by` of rule `{full}`: {e}")))?,
            lits: warning_lits,
        })
    };
    let window = |w: &Option<Spanned<i64>>, default: usize, name: &str| match w {
        None => Ok(default),
        Some(w) => usize::try_from(*w.get_ref())
            .ok()
            .filter(|w| *w <= 10_000)
            .ok_or_else(|| {
                cx.err(
                    w.span(),
                    format!("`{name}` must be between 0 and 10000 characters"),
                )
            }),
    };
    let warning_window = window(&d.warning_window, DEFAULT_WARNING_WINDOW, "warning_window")?;
    let negation_window = window(
        &d.negation_window,
        DEFAULT_NEGATION_WINDOW,
        "negation_window",
    )?;
    let within = match &d.within {
        None => None,
        Some(w) => Some(
            usize::try_from(*w.get_ref())
                .ok()
                .filter(|w| *w >= 1)
                .ok_or_else(|| {
                    cx.err(w.span(), "`within` must be a positive number of characters")
                })?,
        ),
    };
    let unit = match d.unit.as_ref().map(|u| (u.get_ref().as_str(), u.span())) {
        None | Some(("call", _)) => Unit::Call,
        Some(("field", _)) => Unit::Field,
        Some(("message", _)) => Unit::Message,
        Some((other, span)) => {
            return Err(cx.err(span, format!("unknown unit `{other}` in rule `{full}`"))
                .help("use `field` (one text field), `call` (one tool call; the default) or `message`"));
        }
    };
    let effect = match d.effect.as_ref().map(|e| (e.get_ref().as_str(), e.span())) {
        None | Some(("assert", _)) => Effect::Assert,
        Some(("doubt", _)) => match d
            .contests
            .as_ref()
            .map(|c| (c.get_ref().as_str(), c.span()))
        {
            None | Some(("either", _)) => Effect::Doubt {
                present: true,
                absent: true,
            },
            Some(("present", _)) => Effect::Doubt {
                present: true,
                absent: false,
            },
            Some(("absent", _)) => Effect::Doubt {
                present: false,
                absent: true,
            },
            Some((other, span)) => {
                return Err(cx.err(span, format!("unknown `contests` value `{other}` in rule `{full}`"))
                    .help("use `present` (contest the behaviour when found), `absent` (when not found) or `either` (the default)"));
            }
        },
        Some((other, span)) => {
            return Err(cx.err(span, format!("unknown effect `{other}` in rule `{full}`"))
                .help("use `assert` (the rule makes the behaviour present; the default) or `doubt` (it marks the verdict contested, for `assay grade --uncertain`)"));
        }
    };
    if effect == Effect::Assert
        && let Some(c) = &d.contests
    {
        return Err(cx
            .err(c.span(), format!("`contests` without `effect = \"doubt\"` in rule `{full}`"))
            .help("add `effect = \"doubt\"`, or remove `contests`: only a doubt rule contests a verdict"));
    }
    for t in &d.tools {
        if t.get_ref().is_empty() {
            return Err(cx
                .err(t.span(), "an empty tool name")
                .help("remove it, or use `*` for any tool"));
        }
    }
    Ok(Rule {
        name: d.name.get_ref().clone(),
        behaviour,
        scopes,
        tools: d
            .tools
            .iter()
            .map(|t| t.get_ref().to_ascii_lowercase())
            .collect(),
        args: d
            .args
            .iter()
            .map(|a| a.get_ref().to_ascii_lowercase())
            .collect(),
        all,
        any,
        none,
        negated_by,
        negation_window,
        negation: None,
        unit,
        within,
        effect,
        warned_by,
        warning_window,
        warnings,
    })
}

fn scope_help() -> String {
    let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
    format!("scopes are: {}", names.join(", "))
}

/// `\b` and `\B` become ASCII-only word boundaries.
///
/// Unicode `\b` is orders of magnitude slower on this text: nearly every
/// record holds non-ASCII characters, which make the lazy DFA give up
/// (docs/performance.md).
/// Escaped backslashes (`\\b`) are left alone. `\b{start}` and friends are
/// kept as written.
pub(crate) fn ascii_word_boundaries(re: &str) -> String {
    let mut out = String::with_capacity(re.len() + 16);
    let mut chars = re.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) if chars.peek() != Some(&'{') => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `name` matches the lower-case glob `glob` (`*` = any run).
pub(crate) fn glob_match(glob: &str, name: &str) -> bool {
    let g = glob.as_bytes();
    let n = name.as_bytes();
    let (mut gi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if gi < g.len() && g[gi] == b'*' {
            star = Some(gi);
            mark = ni;
            gi += 1;
        } else if gi < g.len() && g[gi] == n[ni].to_ascii_lowercase() {
            gi += 1;
            ni += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while gi < g.len() && g[gi] == b'*' {
        gi += 1;
    }
    gi == g.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\bkill\b"), r"(?-u:\b)kill(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b"), r"a\\b");
        assert_eq!(
            ascii_word_boundaries(r"\b{start}x\Bq"),
            r"\b{start}x(?-u:\B)q"
        );
    }

    #[test]
    fn globs() {
        assert!(glob_match("send_*", "send_email"));
        assert!(glob_match("*email*", "Send_Email_v2"));
        assert!(glob_match("bash", "BASH"));
        assert!(!glob_match("bash", "bash2"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b", "acbd"));
    }
}
