//! Check: the rubric file as written ([`RubricFile`], spans kept) → a
//! validated program whose names are resolved to ids.
//!
//! Every mistake a rubric author can make is found here and points at its
//! span (`file:line:col` and a caret, see [`RubricError`]); the stages after
//! this one ([`plan`](super::plan), [`build`](super::build)) only fail when
//! an automaton exceeds its size limit. Three checked parts, found in this
//! order (so the first mistake reported is the first in that order):
//! [`Patterns`], [`EntityTags`], then [`Program`] (behaviours and rules).

use super::ast::{BehaviourDef, PatternDef, RubricFile, RuleDef, TermDef};
use super::compile::{Behaviour, BehaviourKind, Effect, Rule, Term, Unit};
use super::entities::Context;
use super::error::{RubricError, similar};
use crate::parse::{Scope, ScopeSet};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

/// Behaviours are a bit set per record: at most this many per rubric.
pub const MAX_BEHAVIOURS: usize = 64;
/// Most literals a rubric may define (all patterns together). Compile time
/// and automaton size grow with them; a hand-written rubric has hundreds.
pub const MAX_LITERALS: usize = 100_000;
/// Most bytes of literal text, all literals together.
pub const MAX_LITERAL_BYTES: usize = 8 << 20;
/// Most regexes a rubric may define (all patterns together).
pub const MAX_REGEXES: usize = 1_000;
/// Longest regex source, in bytes.
pub const MAX_REGEX_BYTES: usize = 10_000;

/// Default `negation_window`, in bytes.
const DEFAULT_NEGATION_WINDOW: usize = 40;
/// Default `warning_window`, in bytes.
const DEFAULT_WARNING_WINDOW: usize = 160;
/// Largest `negation_window` or `warning_window`.
const MAX_WINDOW: usize = 10_000;

/// The rubric text and its name, for errors that point at a span.
pub(super) struct Ctx<'s> {
    pub origin: &'s str,
    pub source: &'s str,
}

impl Ctx<'_> {
    /// An error at `span` of the rubric text.
    pub fn err(&self, span: Range<usize>, msg: impl Into<String>) -> RubricError {
        RubricError::new(self.origin, self.source, Some(span), msg)
    }

    /// An error about the rubric as a whole (no span).
    pub fn whole(&self, msg: impl Into<String>) -> RubricError {
        RubricError::new(self.origin, self.source, None, msg)
    }
}

/// One literal as written, and the pattern it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Literal {
    /// The pattern's id (name order).
    pub(super) pattern: u32,
    /// The text, as written.
    pub(super) text: String,
    /// Matched as written, not ASCII case-folded.
    pub(super) case_sensitive: bool,
    /// Must stand at ASCII word boundaries.
    pub(super) word: bool,
    /// Counts only where a clause starts (entity cues only).
    pub(super) start: bool,
}

impl Literal {
    /// The pattern's id.
    #[inline]
    pub(crate) fn pattern(&self) -> u32 {
        self.pattern
    }

    /// The text, as written.
    #[inline]
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Matched as written, not ASCII case-folded.
    #[inline]
    pub(crate) fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Must stand at ASCII word boundaries.
    #[inline]
    pub(crate) fn word(&self) -> bool {
        self.word
    }
}

/// One regex, rewritten for the automata (ASCII `\b`, `(?i:…)` unless
/// case-sensitive), and where it is written.
#[derive(Clone, Debug)]
pub(crate) struct RegexSource {
    /// The pattern's id (name order).
    pub pattern: u32,
    /// The rewritten source; it parses (checked).
    pub source: String,
    /// The regex as written, for errors.
    pub span: Range<usize>,
}

/// The checked `[patterns.NAME]` tables, ids in name order.
pub(super) struct Patterns {
    /// Pattern names; a pattern's id is its index.
    pub names: Vec<String>,
    pub ids: HashMap<String, u32>,
    /// Every literal, pattern by pattern.
    pub literals: Vec<Literal>,
    /// Every regex, pattern by pattern.
    pub regexes: Vec<RegexSource>,
}

/// One checked `[entities.NAME]` table; its automata are built later.
pub(super) struct EntityTag {
    pub name: String,
    /// The table, for errors from building its automaton.
    pub span: Range<usize>,
    pub scopes: ScopeSet,
    pub context: Context,
    /// Whether capitalised names in a context are values too.
    pub names: bool,
    /// Whether every plain word of 4+ letters in a context is a value too.
    pub words: bool,
    /// Whether a line of output naming a value names its other tokens too.
    pub lines: bool,
    /// The literals of its `unless` patterns.
    pub unless: Vec<Literal>,
    /// The literals of its `cues` patterns.
    pub cues: Vec<Literal>,
}

/// The checked entity tags, ids in name order.
pub(super) struct EntityTags {
    pub tags: Vec<EntityTag>,
    pub ids: HashMap<String, u16>,
}

/// One checked rule. Its `negation` is placed by the plan and its
/// `warnings` automaton built by the build stage.
pub(super) struct CheckedRule {
    pub rule: Rule,
    /// The literals of its `warned_by` patterns.
    pub warned_by: Vec<Literal>,
    /// `behaviour/rule`, for errors.
    pub full_name: String,
    /// The rule's name as written, for errors.
    pub span: Range<usize>,
}

/// The checked behaviours and their rules, in rubric order.
pub(super) struct Program {
    pub behaviours: Vec<Behaviour>,
    pub rules: Vec<CheckedRule>,
    /// The scopes some rule reads.
    pub scanned: ScopeSet,
}

/// Parses the TOML and checks its version.
pub(super) fn parse(cx: &Ctx<'_>) -> Result<RubricFile, RubricError> {
    let file: RubricFile = toml::from_str(cx.source).map_err(|e| {
        let msg = e.message().trim().to_string();
        RubricError::new(cx.origin, cx.source, e.span(), msg)
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
    Ok(file)
}

/// `behaviour/rule` names of the rules that use pattern `name`, for errors
/// about a pattern that say which rules it would break.
pub(super) fn rules_using(file: &RubricFile, name: &str) -> String {
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

/// Checks every pattern: names, limits, literals, regex syntax.
pub(super) fn patterns(cx: &Ctx<'_>, file: &RubricFile) -> Result<Patterns, RubricError> {
    let mut out = Patterns {
        names: Vec::new(),
        ids: HashMap::new(),
        literals: Vec::new(),
        regexes: Vec::new(),
    };
    let (mut literal_count, mut literal_bytes, mut regex_count) = (0usize, 0usize, 0usize);
    // Name order (a BTreeMap), so ids are stable.
    for (name, def) in &file.patterns {
        let id =
            u32::try_from(out.names.len()).map_err(|_| cx.err(name.span(), "too many patterns"))?;
        check_name(cx, name)?;
        out.ids.insert(name.get_ref().clone(), id);
        out.names.push(name.get_ref().clone());
        let d: &PatternDef = def.get_ref();
        if d.start && rules_using(file, name.get_ref()) != "no rule uses it" {
            return Err(cx
                .err(
                    def.span(),
                    format!(
                        "pattern `{}` has `start = true`, which only entity cues read, but is {}",
                        name.get_ref(),
                        rules_using(file, name.get_ref())
                    ),
                )
                .help("give the rule a pattern without `start`, or use this one only in an entity tag's `cues`"));
        }
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
                            rules_using(file, name.get_ref())
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
            out.literals.push(Literal {
                pattern: id,
                text: text.clone(),
                case_sensitive: d.case_sensitive,
                word: d.word,
                start: d.start,
            });
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
                            rules_using(file, name.get_ref())
                        ),
                    )
                    .help("split it into several shorter regexes, or use literals"));
            }
            let mut src = ascii_classes(re.get_ref());
            if !d.case_sensitive {
                src = format!("(?i:{src})");
            }
            if let Err(e) = regex_syntax::ParserBuilder::new().build().parse(&src) {
                return Err(cx.err(re.span(), format!("invalid regex in pattern `{}`: {}", name.get_ref(), first_line(&e.to_string())))
                    .help("regexes use the syntax of Rust's `regex` crate; write them in single quotes so backslashes stay literal"));
            }
            out.regexes.push(RegexSource {
                pattern: id,
                source: src,
                span: re.span(),
            });
        }
    }
    Ok(out)
}

/// The literals of the patterns `names`, for the places that take literal
/// patterns only (`what` names them in the error).
fn literal_patterns(
    cx: &Ctx<'_>,
    file: &RubricFile,
    names: &[Spanned<String>],
    what: &str,
) -> Result<Vec<Literal>, RubricError> {
    let mut out = Vec::new();
    for n in names {
        let Some((id, (_, def))) = file
            .patterns
            .iter()
            .enumerate()
            .find(|(_, (k, _))| k.get_ref() == n.get_ref())
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
        out.extend(d.literals.iter().map(|l| Literal {
            // Below u32::MAX: `patterns` gave every pattern a u32 id.
            pattern: id as u32,
            text: l.get_ref().clone(),
            case_sensitive: d.case_sensitive,
            word: d.word,
            start: d.start,
        }));
    }
    Ok(out)
}

/// Checks the `[entities.NAME]` tags: their scopes, context, and the
/// literal patterns of their cues and `unless` (literal patterns only: a
/// context is found by one automaton pass).
pub(super) fn entities(cx: &Ctx<'_>, file: &RubricFile) -> Result<EntityTags, RubricError> {
    let mut out = EntityTags {
        tags: Vec::new(),
        ids: HashMap::new(),
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
                    .help("use `context = \"sentence\"` (the default), `\"sentences\"`, `\"paragraph\"` or `\"field\"`")
            })?,
        };
        let unless = literal_patterns(cx, file, &d.unless, "entity cues")?;
        let id = u16::try_from(out.tags.len())
            .map_err(|_| cx.err(name.span(), "too many entity tags"))?;
        out.ids.insert(name.get_ref().clone(), id);
        let cues = literal_patterns(cx, file, &d.cues, "entity cues")?;
        out.tags.push(EntityTag {
            name: name.get_ref().clone(),
            span: def.span(),
            scopes,
            context,
            names: d.names,
            words: d.words,
            lines: d.lines,
            unless,
            cues,
        });
    }
    Ok(out)
}

/// Checks the behaviours and their rules.
pub(super) fn program(
    cx: &Ctx<'_>,
    file: &RubricFile,
    patterns: &Patterns,
    entities: &EntityTags,
) -> Result<Program, RubricError> {
    let mut behaviours = Vec::new();
    let mut rules = Vec::new();
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    let mut scanned = ScopeSet::default();
    if file.behaviour.is_empty() {
        return Err(RubricError::new(
            cx.origin,
            cx.source,
            Some(0..0),
            "the rubric defines no behaviour",
        )
        .help("add a `[[behaviour]]` table with `name` and at least one `[[behaviour.rule]]`"));
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
        check_name(cx, name)?;
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
                .help("add at least one `[[behaviour.rule]]` with `scope` and `all` or `any`"));
        }
        let mut rule_names: Vec<&str> = Vec::new();
        for r in &bd.rule {
            let rule = check_rule(cx, bi, name.get_ref(), r, patterns, entities, file)?;
            if rule_names.contains(&rule.rule.name.as_str()) {
                return Err(cx.err(
                    r.get_ref().name.span(),
                    format!(
                        "rule `{}` is defined twice in `{}`",
                        rule.rule.name,
                        name.get_ref()
                    ),
                ));
            }
            rule_names.push(r.get_ref().name.get_ref().as_str());
            scanned.0 |= rule.rule.scopes.0;
            rules.push(rule);
        }
        behaviours.push(Behaviour {
            name: name.get_ref().clone(),
            kind,
            description: bd.description.trim().to_string(),
        });
    }
    Ok(Program {
        behaviours,
        rules,
        scanned,
    })
}

/// The last non-blank line of a library's error message (regex-syntax and
/// regex-automata put the gist there).
pub(super) fn first_line(s: &str) -> String {
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

fn check_rule(
    cx: &Ctx<'_>,
    behaviour: usize,
    bname: &str,
    r: &Spanned<RuleDef>,
    patterns: &Patterns,
    entities: &EntityTags,
    file: &RubricFile,
) -> Result<CheckedRule, RubricError> {
    let d = r.get_ref();
    let ids = &patterns.ids;
    let entity_ids = &entities.ids;
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
    let warning_literals = literal_patterns(cx, file, &d.warned_by, "`warned_by`")?;
    let window = |w: &Option<Spanned<i64>>, default: usize, name: &str| match w {
        None => Ok(default),
        Some(w) => usize::try_from(*w.get_ref())
            .ok()
            .filter(|w| *w <= MAX_WINDOW)
            .ok_or_else(|| {
                cx.err(
                    w.span(),
                    format!("`{name}` must be between 0 and {MAX_WINDOW} characters"),
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
        Some(("transcript", _)) => Unit::Transcript,
        Some((other, span)) => {
            return Err(cx.err(span, format!("unknown unit `{other}` in rule `{full}`"))
                .help("use `field` (one text field), `call` (one tool call; the default), `message` or `transcript`"));
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
    Ok(CheckedRule {
        rule: Rule {
            name: d.name.get_ref().clone(),
            behaviour,
            scopes,
            tools: d
                .tools
                .iter()
                .map(|t| t.get_ref().to_ascii_lowercase())
                .collect(),
            tool_bit: 0,
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
            warnings: None,
        },
        warned_by: warning_literals,
        full_name: full,
        span: d.name.span(),
    })
}

fn scope_help() -> String {
    let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
    format!("scopes are: {}", names.join(", "))
}

/// `\b` and `\B` become ASCII-only word boundaries, and the Perl classes
/// `\w`, `\d`, `\s` (and `\W`, `\D`, `\S`) ASCII classes.
///
/// A Unicode `\b` makes the lazy DFA give up on non-ASCII text, which
/// nearly every real transcript holds, and fall back to a far slower
/// engine. A Unicode `\w` is some 700 ranges of code points, so every
/// state that reads one has hundreds of UTF-8 transitions: under a
/// repetition the lazy DFA builds many such states per record. The ASCII
/// classes are written as nested bracket classes (`[[:word:]]`), valid
/// inside a class too (`[\w-]` becomes `[[[:word:]]-]`). Escaped
/// backslashes (`\\b`) are left alone. `\b{start}` and friends are kept as
/// written; `\p{..}` still names a Unicode class.
pub(crate) fn ascii_classes(re: &str) -> String {
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
            Some(p @ ('w' | 'W' | 'd' | 'D' | 's' | 'S')) => {
                out.push_str(if p.is_ascii_uppercase() {
                    "[[:^"
                } else {
                    "[[:"
                });
                out.push_str(match p.to_ascii_lowercase() {
                    'w' => "word",
                    'd' => "digit",
                    _ => "space",
                });
                out.push_str(":]]");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_classes(r"\bkill\b"), r"(?-u:\b)kill(?-u:\b)");
        assert_eq!(ascii_classes(r"a\\b"), r"a\\b");
        assert_eq!(ascii_classes(r"\b{start}x\Bq"), r"\b{start}x(?-u:\B)q");
    }

    #[test]
    fn perl_classes_become_ascii() {
        assert_eq!(ascii_classes(r"\w+\S"), r"[[:word:]]+[[:^space:]]");
        assert_eq!(ascii_classes(r"[\w' -]"), r"[[[:word:]]' -]");
        assert_eq!(ascii_classes(r"a\\d"), r"a\\d");
        // Still valid regexes, inside a class and out, negated or not.
        for re in [r"[\w' -]{1,3}", r"\D[^\s]", r"[\W\d]"] {
            let src = ascii_classes(re);
            regex_automata::meta::Regex::new(&src).unwrap();
        }
        let re = regex_automata::meta::Regex::new(&ascii_classes(r"^\w+$")).unwrap();
        assert!(re.is_match("abc_9"));
        assert!(!re.is_match("café"));
    }
}
