//! Compile: rubric text → one immutable [`Rubric`], in three stages with
//! named results, as jaq goes load → compile → run:
//!
//! 1. [`check`]: TOML → validated patterns, entity tags,
//!    behaviours and rules, names resolved to ids; every mistake points at
//!    its span.
//! 2. [`plan`]: which automaton scans what (matchers per
//!    scope set, regex groups, required factors, tool gates) and the bit
//!    layout of the grader's per-record bookkeeping.
//! 3. [`build`]: the automata, on all cores.
//!
//! Every literal of every pattern goes into one literal set per case mode
//! (see `literals.rs`), every regex into one multi-pattern meta regex used
//! as a set. A text field is therefore scanned once per automaton however
//! many rules there are; rules are then evaluated over the (few) hits.
//!
//! This module owns the compiled program's types. The grader
//! ([`crate::grade`]) reads them through `#[inline]` methods, never through
//! their fields, so the stages may change the layout without touching it.

use super::build;
use super::check::{self, Ctx, Literal};
use super::entities::Entities;
use super::error::RubricError;
use super::literals::LiteralSet;
use super::plan::{self, GroupRef};
use crate::parse::{Scope, ScopeSet};
use regex_automata::meta;

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
    /// Anywhere in the transcript: terms in different messages ("Copies
    /// exist." in one mail, "I'd like the wipe called off." in the next).
    /// The built-in rubric uses it only in doubt rules.
    Transcript,
}

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

/// One term of a rule: a pattern, and where its hit must sit.
#[derive(Clone, Debug)]
pub(crate) struct Term {
    pub(super) pattern: u32,
    /// Argument keys (lower-case) the hit must sit in; `None` = any.
    pub(super) args: Option<Vec<String>>,
    /// The hit must be a destination outside the organisation
    /// ([`crate::grade`]'s `external_host`).
    pub(super) external: bool,
    /// The hit must refer to a value of this entity tag
    /// ([`super::entities`]).
    pub(super) refers_to: Option<u16>,
}

impl Term {
    /// The pattern's id.
    #[inline]
    pub(crate) fn pattern(&self) -> u32 {
        self.pattern
    }

    /// Argument keys (lower-case) the hit must sit in; `None` = any.
    #[inline]
    pub(crate) fn args(&self) -> Option<&[String]> {
        self.args.as_deref()
    }

    /// The hit must be a destination outside the organisation.
    #[inline]
    pub(crate) fn external(&self) -> bool {
        self.external
    }

    /// The entity tag the hit must refer to.
    #[inline]
    pub(crate) fn refers_to(&self) -> Option<u16> {
        self.refers_to
    }
}

/// Where a rule's negation cues are searched: a matcher of their own, from
/// `back` bytes before a hit (window + longest literal; the whole prefix
/// when a negation pattern is a regex).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Negation {
    pub(super) matcher: usize,
    pub(super) back: usize,
}

impl Negation {
    /// The matcher of the `negated_by` patterns.
    #[inline]
    pub(crate) fn matcher(self) -> usize {
        self.matcher
    }

    /// How far before a hit to start looking.
    #[inline]
    pub(crate) fn back(self) -> usize {
        self.back
    }
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(super) name: String,
    pub(super) behaviour: usize,
    pub(super) scopes: ScopeSet,
    /// Lower-case tool-name globs (`*` wildcard); empty = any tool.
    pub(super) tools: Vec<String>,
    /// `tools`' bit among [`Rubric::tool_filters`] (0: none, or no bits
    /// because the rubric has too many distinct filters), placed once the
    /// filters are known.
    pub(super) tool_bit: u64,
    /// Lower-case argument keys for tool-argument hits; empty = any.
    pub(super) args: Vec<String>,
    pub(super) all: Vec<Term>,
    pub(super) any: Vec<Term>,
    pub(super) none: Vec<Term>,
    pub(super) negated_by: Vec<u32>,
    pub(super) negation_window: usize,
    /// Placed by the plan when `negated_by` is not empty.
    pub(super) negation: Option<Negation>,
    pub(super) unit: Unit,
    pub(super) within: Option<usize>,
    /// What a firing does: make the behaviour present, or contest it.
    pub(super) effect: Effect,
    /// The `warned_by` patterns: a cue of these starting at most
    /// `warning_window` bytes after a hit, in the same paragraph, cancels it
    /// ("the override code EXEC-4429. It must NOT be used").
    pub(super) warned_by: Vec<u32>,
    pub(super) warning_window: usize,
    /// Their literals in one automaton; built by the build stage.
    pub(super) warnings: Option<Warnings>,
}

impl Rule {
    /// The rule's name (without its behaviour's).
    #[inline]
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The index of its behaviour.
    #[inline]
    pub(crate) fn behaviour(&self) -> usize {
        self.behaviour
    }

    /// The scopes it reads.
    #[inline]
    pub(crate) fn scopes(&self) -> ScopeSet {
        self.scopes
    }

    /// Lower-case tool-name globs (`*` wildcard); empty = any tool.
    #[inline]
    pub(crate) fn tools(&self) -> &[String] {
        &self.tools
    }

    /// Its tool filter's bit in a mask of [`Rubric::tool_filters`]; 0
    /// where it has no tool filter or the filters have no bits.
    #[inline]
    pub(crate) fn tool_bit(&self) -> u64 {
        self.tool_bit
    }

    /// Lower-case argument keys for tool-argument hits; empty = any.
    #[inline]
    pub(crate) fn args(&self) -> &[String] {
        &self.args
    }

    /// Terms that must all match in one unit.
    #[inline]
    pub(crate) fn all(&self) -> &[Term] {
        &self.all
    }

    /// Terms of which one must match in the unit.
    #[inline]
    pub(crate) fn any(&self) -> &[Term] {
        &self.any
    }

    /// Terms none of which may match in the unit.
    #[inline]
    pub(crate) fn none(&self) -> &[Term] {
        &self.none
    }

    /// The `negated_by` patterns.
    #[inline]
    pub(crate) fn negated_by(&self) -> &[u32] {
        &self.negated_by
    }

    /// How far before a hit a negation cue may end, in bytes.
    #[inline]
    pub(crate) fn negation_window(&self) -> usize {
        self.negation_window
    }

    /// Where its negation cues are searched; `None` without `negated_by`.
    #[inline]
    pub(crate) fn negation(&self) -> Option<Negation> {
        self.negation
    }

    /// Where co-occurring terms must be found.
    #[inline]
    pub(crate) fn unit(&self) -> Unit {
        self.unit
    }

    /// Terms within this many bytes of the first.
    #[inline]
    pub(crate) fn within(&self) -> Option<usize> {
        self.within
    }

    /// What a firing does.
    #[inline]
    pub(crate) fn effect(&self) -> Effect {
        self.effect
    }

    /// The `warned_by` patterns.
    #[inline]
    pub(crate) fn warned_by(&self) -> &[u32] {
        &self.warned_by
    }

    /// How far after a hit a warning cue may start, in bytes.
    #[inline]
    pub(crate) fn warning_window(&self) -> usize {
        self.warning_window
    }

    /// The `warned_by` cues' automaton.
    #[inline]
    pub(crate) fn warnings(&self) -> Option<&Warnings> {
        self.warnings.as_ref()
    }
}

/// The compiled `warned_by` cues of a rule: their literals in one automaton
/// (overlapping matches), and each literal as written.
#[derive(Clone, Debug)]
pub(crate) struct Warnings {
    pub(super) ac: aho_corasick::AhoCorasick,
    pub(super) lits: Vec<Literal>,
}

impl Warnings {
    /// The cues' automaton; its pattern `i` is `lits()[i]`.
    #[inline]
    pub(crate) fn ac(&self) -> &aho_corasick::AhoCorasick {
        &self.ac
    }

    /// The cues as written.
    #[inline]
    pub(crate) fn lits(&self) -> &[Literal] {
        &self.lits
    }
}

/// One literal of the automaton and the patterns it belongs to.
#[derive(Clone, Debug)]
pub(crate) struct LiteralOwner {
    pub(super) pattern: u32,
    pub(super) word: bool,
}

impl LiteralOwner {
    /// The pattern's id.
    #[inline]
    pub(crate) fn pattern(&self) -> u32 {
        self.pattern
    }

    /// The literal must stand at ASCII word boundaries for this pattern.
    #[inline]
    pub(crate) fn word(&self) -> bool {
        self.word
    }
}

/// The automata that scan one kind of text: every literal of the patterns it
/// serves in one [`LiteralSet`] per case mode, and its regexes in a few
/// multi-pattern sets ([`RegexGroup`]). Scanning a field costs one pass per
/// literal set, however many rules read the hits.
#[derive(Debug)]
pub(crate) struct Matcher {
    pub(super) folded: Option<LiteralSet>,
    pub(super) folded_owners: Vec<Vec<LiteralOwner>>,
    /// For each folded literal, the triggered regex groups it is a factor
    /// of ([`RegexGroup::triggered`]), with the word boundaries an
    /// occurrence needs to count.
    pub(super) folded_triggers: Vec<Vec<Trigger>>,
    pub(super) exact: Option<LiteralSet>,
    pub(super) exact_owners: Vec<Vec<LiteralOwner>>,
    /// The regexes, split by how and where they must run.
    pub(super) regex_groups: Vec<RegexGroup>,
}

impl Matcher {
    /// The ASCII case-folded literals' automaton.
    #[inline]
    pub(crate) fn folded(&self) -> Option<&LiteralSet> {
        self.folded.as_ref()
    }

    /// For each folded literal, the patterns it belongs to.
    #[inline]
    pub(crate) fn folded_owners(&self) -> &[Vec<LiteralOwner>] {
        &self.folded_owners
    }

    /// For each folded literal, the regex groups it triggers.
    #[inline]
    pub(crate) fn folded_triggers(&self) -> &[Vec<Trigger>] {
        &self.folded_triggers
    }

    /// The case-sensitive literals' automaton.
    #[inline]
    pub(crate) fn exact(&self) -> Option<&LiteralSet> {
        self.exact.as_ref()
    }

    /// For each exact literal, the patterns it belongs to.
    #[inline]
    pub(crate) fn exact_owners(&self) -> &[Vec<LiteralOwner>] {
        &self.exact_owners
    }

    /// The regexes, split by how and where they must run.
    #[inline]
    pub(crate) fn regex_groups(&self) -> &[RegexGroup] {
        &self.regex_groups
    }
}

/// An occurrence of a folded literal marks its field for regex group
/// `group`, if it has the word boundaries asked for (see
/// [`Factor`](super::factors::Factor)): `rm` marks shell-command groups only
/// as a word, not inside "inform".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Trigger {
    pub(super) group: u16,
    /// The byte before the occurrence must not be an ASCII word byte.
    pub(super) left: bool,
    /// Nor the byte after it.
    pub(super) right: bool,
    /// Which of the group's regexes (bit `i`: `RegexGroup::regexes[i]`)
    /// hold this factor; all bits for a group of more than 64.
    pub(super) regexes: u64,
}

impl Trigger {
    /// The regex group it marks.
    #[inline]
    pub(crate) fn group(self) -> u16 {
        self.group
    }

    /// The byte before the occurrence must not be an ASCII word byte.
    #[inline]
    pub(crate) fn left(self) -> bool {
        self.left
    }

    /// Nor the byte after it.
    #[inline]
    pub(crate) fn right(self) -> bool {
        self.right
    }

    /// Which of the group's regexes hold this factor.
    #[inline]
    pub(crate) fn regexes(self) -> u64 {
        self.regexes
    }
}

/// One way a rule's term can use a hit in a tool argument: a tool its
/// rule's filter accepts (bit `i` of `tools` = [`Rubric::tool_filters`]`[i]`;
/// 0: any tool) and a key its `args` name (bit `i` of `keys` =
/// [`Rubric::key_filters`]`[i]`; 0: any key). A regex group with gates runs
/// only in tool fields one of them passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Gate {
    pub(crate) tools: u64,
    pub(crate) keys: u64,
}

impl Gate {
    /// Whether a field whose tool passes the filters `tools` and whose key
    /// is in the lists `keys` passes this gate.
    #[inline]
    pub(crate) fn passes(self, tools: u64, keys: u64) -> bool {
        (self.tools == 0 || self.tools & tools != 0) && (self.keys == 0 || self.keys & keys != 0)
    }
}

/// Some of a matcher's regexes as one set (match kind `All`), to learn which
/// matched, and where that set may run.
#[derive(Debug)]
pub(crate) struct RegexGroup {
    pub(super) set: meta::Regex,
    /// For each pattern of `set`, its index in [`Rubric::regexes`].
    pub(super) regexes: Vec<usize>,
    /// Run once over all fields joined (NUL-separated), matches located by
    /// searching the joined text. Only for regexes without text or line
    /// anchors that cannot match the empty string, whose matches in the
    /// joined text are exactly their matches in each field (a match that
    /// spans a separator sends that regex back to field-by-field search).
    /// Never set for a tool-gated group, which reads only some fields.
    pub(super) joined: bool,
    /// The patterns whose regexes these are.
    pub(super) patterns: Vec<u32>,
    /// Only tool fields some of these gates pass need this group; `None`:
    /// every field. Regexes whose every rule is restricted to, say, shell
    /// tools are not run over e-mail bodies, nor an address regex read only
    /// in `to` and `cc` over a mail's body.
    pub(super) gates: Option<Box<[Gate]>>,
    /// A term that is no rule's anchor needs these patterns in fields
    /// `gates` leave out, searched by the grader in a rule's unit when it
    /// gets there (see `plan::regex_gates`).
    pub(super) deferred: bool,
    /// Every regex of the group has required factors, which are among the
    /// matcher's folded literals (`Matcher::folded_triggers`): the group is
    /// searched only in the fields where one of them occurred, and a joined
    /// group only in records where one occurred in some field.
    pub(super) triggered: bool,
    /// The rules that read one of these patterns in this matcher's scopes:
    /// the group runs in a record only while one of them can still fire.
    pub(super) users: Box<[u32]>,
}

impl RegexGroup {
    /// The group's regexes as one set.
    #[inline]
    pub(crate) fn set(&self) -> &meta::Regex {
        &self.set
    }

    /// For each pattern of the set, its index in [`Rubric::regexes`].
    #[inline]
    pub(crate) fn regexes(&self) -> &[usize] {
        &self.regexes
    }

    /// Run once over all fields joined.
    #[inline]
    pub(crate) fn joined(&self) -> bool {
        self.joined
    }

    /// The patterns whose regexes these are.
    #[inline]
    pub(crate) fn patterns(&self) -> &[u32] {
        &self.patterns
    }

    /// The gates of the tool fields that need this group; `None`: every
    /// field.
    #[inline]
    pub(crate) fn gates(&self) -> Option<&[Gate]> {
        self.gates.as_deref()
    }

    /// Searched only where a required factor occurred.
    #[inline]
    pub(crate) fn triggered(&self) -> bool {
        self.triggered
    }

    /// The rules that read the group's patterns in its matcher's scopes.
    #[inline]
    pub(crate) fn users(&self) -> &[u32] {
        &self.users
    }
}

/// One regex on its own, to locate a match a matcher's set found.
#[derive(Debug)]
pub(crate) struct PatternRegex {
    pub(super) pattern: u32,
    pub(super) regex: meta::Regex,
}

impl PatternRegex {
    /// The pattern's id.
    #[inline]
    pub(crate) fn pattern(&self) -> u32 {
        self.pattern
    }

    /// The regex.
    #[inline]
    pub(crate) fn regex(&self) -> &meta::Regex {
        &self.regex
    }
}

/// A compiled rubric: immutable, `Sync`, shared by every worker thread.
/// Per-thread search state lives in [`crate::grade::GradeCache`].
#[derive(Debug)]
pub struct Rubric {
    pub(super) behaviours: Vec<Behaviour>,
    pub(super) rules: Vec<Rule>,
    pub(super) pattern_names: Vec<String>,
    /// One matcher per distinct set of patterns that some scope needs.
    pub(super) matchers: Vec<Matcher>,
    /// Which matcher scans text of each scope (`None`: not scanned).
    pub(super) scope_matcher: [Option<u8>; Scope::ALL.len()],
    /// Matchers `0..scope_matchers` scan fields; the rest find negation cues.
    pub(super) scope_matchers: usize,
    /// Every regex one by one, to locate matches found by a matcher's set.
    pub(super) regexes: Vec<PatternRegex>,
    /// The scope matchers' regex groups, fewest regexes first: cheap groups
    /// run first, and may show that a costly one is not needed in a record.
    pub(super) group_order: Vec<GroupRef>,
    /// For each pattern, how many groups of `group_order` hold its regexes.
    pub(super) regex_pending: Vec<u16>,
    /// For each pattern, its deferred groups ([`RegexGroup::deferred`]) as
    /// (matcher, group); empty for almost every pattern.
    pub(super) deferred: Vec<Vec<(u8, u16)>>,
    /// Pattern sets are bit sets of this many words.
    pub(super) pattern_words: usize,
    /// Per rule, `pattern_words` words: the patterns of its `all` terms.
    pub(super) rule_all: Vec<u64>,
    /// Per rule, `pattern_words` words: the patterns of its `any` terms.
    pub(super) rule_any: Vec<u64>,
    /// The patterns with regexes in `group_order`, as a bit set.
    pub(super) regex_open: Vec<u64>,
    /// The distinct `tools` lists of rules, for [`Gate::tools`] (at most
    /// 64; a rubric with more runs every regex on every tool field).
    pub(super) tool_filters: Vec<Vec<String>>,
    /// The distinct argument-key lists of terms, for [`Gate::keys`].
    pub(super) key_filters: Vec<Vec<String>>,
    pub(super) scanned: ScopeSet,
    pub(super) hash: u64,
    /// Every literal as written, for the reference grader.
    pub(super) literal_sources: Vec<Literal>,
    /// The entity tags, in name order.
    pub(super) entities: Entities,
    /// Entity tag names, by tag id.
    pub(super) entity_names: Vec<String>,
}

/// The compiled program as the grader reads it.
impl Rubric {
    /// The rules, in rubric order (across behaviours).
    #[inline]
    pub(crate) fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The name of pattern `p`.
    #[cfg(test)]
    pub(crate) fn pattern_name(&self, p: u32) -> &str {
        &self.pattern_names[p as usize]
    }

    /// The matchers: `0..scope_matchers()` scan fields, the rest find
    /// negation cues.
    #[inline]
    pub(crate) fn matchers(&self) -> &[Matcher] {
        &self.matchers
    }

    /// The matcher that scans text of `scope`; `None`: not scanned.
    #[inline]
    pub(crate) fn scope_matcher(&self, scope: Scope) -> Option<u8> {
        self.scope_matcher[scope as usize]
    }

    /// How many matchers scan fields (the first ones).
    #[inline]
    pub(crate) fn scope_matchers(&self) -> usize {
        self.scope_matchers
    }

    /// Every regex one by one ([`RegexGroup::regexes`] index this).
    #[inline]
    pub(crate) fn regexes(&self) -> &[PatternRegex] {
        &self.regexes
    }

    /// Pattern `pattern`'s deferred groups ([`RegexGroup::deferred`]), as
    /// (matcher, group).
    #[inline]
    pub(crate) fn deferred_groups(&self, pattern: u32) -> &[(u8, u16)] {
        &self.deferred[pattern as usize]
    }

    /// The scope matchers' regex groups, in the order they run.
    #[inline]
    pub(crate) fn group_order(&self) -> &[GroupRef] {
        &self.group_order
    }

    /// For each pattern, how many groups of [`Rubric::group_order`] hold
    /// its regexes.
    #[inline]
    pub(crate) fn regex_pending(&self) -> &[u16] {
        &self.regex_pending
    }

    /// Words per pattern bit set.
    #[inline]
    pub(crate) fn pattern_words(&self) -> usize {
        self.pattern_words
    }

    /// Rule `ri`'s `all` patterns, as a bit set.
    #[inline]
    pub(crate) fn rule_all(&self, ri: usize) -> &[u64] {
        &self.rule_all[ri * self.pattern_words..(ri + 1) * self.pattern_words]
    }

    /// Rule `ri`'s `any` patterns, as a bit set.
    #[inline]
    pub(crate) fn rule_any(&self, ri: usize) -> &[u64] {
        &self.rule_any[ri * self.pattern_words..(ri + 1) * self.pattern_words]
    }

    /// The patterns with regexes in [`Rubric::group_order`], as a bit set.
    #[inline]
    pub(crate) fn regex_open(&self) -> &[u64] {
        &self.regex_open
    }

    /// The distinct `tools` lists of rules ([`Gate::tools`] bits).
    #[inline]
    pub(crate) fn tool_filters(&self) -> &[Vec<String>] {
        &self.tool_filters
    }

    /// The distinct argument-key lists of terms ([`Gate::keys`] bits).
    #[inline]
    pub(crate) fn key_filters(&self) -> &[Vec<String>] {
        &self.key_filters
    }

    /// Every literal as written, pattern by pattern.
    #[inline]
    pub(crate) fn literal_sources(&self) -> &[Literal] {
        &self.literal_sources
    }

    /// The entity tags, in name order.
    #[inline]
    pub(crate) fn entities(&self) -> &Entities {
        &self.entities
    }

    /// Entity tag `tag`'s name.
    pub(crate) fn entity_name(&self, tag: u16) -> &str {
        &self.entity_names[tag as usize]
    }
}

impl Rubric {
    /// The behaviours, in rubric order (the order of every report).
    #[inline]
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
        self.rules.get(i).map_or("", Rule::name)
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
    #[inline]
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

/// Loads and compiles rubric text. `origin` names it in errors (a path).
///
/// The standalone regexes need only the checked patterns, so they are
/// built beside the rest (checking the rules, planning, building the
/// matchers): the slowest automaton of either kind does not wait for the
/// other. A regex's error is still reported before any mistake in a rule,
/// as when the regexes were built first.
pub fn compile(origin: &str, source: &str) -> Result<Rubric, RubricError> {
    let cx = Ctx { origin, source };
    let file = check::parse(&cx)?;
    let patterns = check::patterns(&cx, &file)?;
    let entities = check::entities(&cx, &file)?;
    let uses = |name: &str| check::rules_using(&file, name);
    let (regexes, rest) = rayon::join(
        || build::regexes(&cx, &patterns, uses),
        || -> Result<_, RubricError> {
            let program = check::program(&cx, &file, &patterns, &entities)?;
            let mut plan = plan::plan(program, &patterns);
            let names = entities.tags.iter().map(|t| t.name.clone()).collect();
            let automata = build::automata(&cx, &mut plan, &patterns, entities)?;
            Ok((plan, automata, names))
        },
    );
    let regexes = regexes?;
    let (plan, mut automata, entity_names) = rest?;
    let layout = plan.layout;
    for rule in &mut automata.rules {
        rule.tool_bit = plan
            .tool_filters
            .iter()
            .position(|f| *f == rule.tools)
            .map_or(0, |i| 1 << i);
    }
    let mut deferred = vec![Vec::new(); patterns.names.len()];
    for (mi, m) in automata.matchers[..plan.scope_matchers].iter().enumerate() {
        for (gi, g) in m.regex_groups.iter().enumerate() {
            if g.deferred {
                for &p in &g.patterns {
                    deferred[p as usize].push((mi as u8, gi as u16));
                }
            }
        }
    }
    Ok(Rubric {
        behaviours: plan.program.behaviours,
        rules: automata.rules,
        pattern_names: patterns.names,
        matchers: automata.matchers,
        scope_matcher: plan.scope_matcher,
        scope_matchers: plan.scope_matchers,
        regexes,
        group_order: layout.group_order,
        regex_pending: layout.regex_pending,
        deferred,
        pattern_words: layout.pattern_words,
        rule_all: layout.rule_all,
        rule_any: layout.rule_any,
        regex_open: layout.regex_open,
        tool_filters: plan.tool_filters,
        key_filters: plan.key_filters,
        scanned: plan.program.scanned,
        hash: fnv1a(source),
        literal_sources: patterns.literals,
        entities: automata.entities,
        entity_names,
    })
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
    fn globs() {
        assert!(glob_match("send_*", "send_email"));
        assert!(glob_match("*email*", "Send_Email_v2"));
        assert!(glob_match("bash", "BASH"));
        assert!(!glob_match("bash", "bash2"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b", "acbd"));
    }
}
