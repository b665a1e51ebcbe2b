//! Required factors of a regex: a few literal strings, one of which every
//! match of the regex contains.
//!
//! Why: a regex search has a fixed cost per call (input set-up, the lazy
//! DFA's start state, the search for the match start), and a transcript's
//! tool arguments are dozens of short fields. Searching field by field made
//! regexes ~40 % of grading time although almost no field matches. Instead,
//! each regex's factors join the literal automaton the field is scanned
//! with anyway (a few more literals cost next to nothing per byte), and the
//! regex is searched only in the fields where one of its factors occurred:
//! 17.5 → 6.8 searches per record on generated sweeps, grading −16 %
//! (`benches/README.md`). This is the literal-factor decomposition of
//! Hyperscan (Wang et al., NSDI 2019) and of the regex crate's own
//! prefilters, applied across a set of regexes.
//!
//! Exactness: every factor must occur inside every match, so a field with
//! no factor cannot hold a match. Factors are reported lower-cased and are
//! looked for ASCII-case-insensitively; finding more candidates than needed
//! only costs a search, never a hit. A regex for which no such set is
//! known (say `\b\d{3,}\b`) gets `None` and is searched as before.

use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many factors per regex: past it, the literal automaton
/// grows for little gain.
const MAX_FACTORS: usize = 32;

/// Longest factor kept: longer strings select no better, and enlarge the
/// automaton.
const MAX_FACTOR_LEN: usize = 16;

/// The required factors of regex `src` (parsed with the default syntax, as
/// the grader's regexes are), lower-cased; `None` when no useful set is
/// known. A factor is at least two bytes long, or one ASCII punctuation
/// byte that prose and code use sparingly (`@`, `#`, `>`): a single letter,
/// digit or full stop occurs everywhere and would select nothing.
pub(crate) fn required_factors(src: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(src).ok()?;
    let set = info(&hir).factors?;
    if !useful(&set) {
        return None;
    }
    set.into_iter()
        .map(|f| String::from_utf8(f).ok().filter(|s| !s.contains('\0')))
        .collect()
}

/// Whether a factor set selects anything: every factor is at least two
/// bytes long, or one ASCII punctuation byte that prose and code use
/// sparingly (see [`required_factors`]).
fn useful(set: &[Vec<u8>]) -> bool {
    !set.is_empty()
        && set.iter().all(|f| match f[..] {
            [b] => b.is_ascii_punctuation() && !b".,;:!?'\"-_/()".contains(&b),
            _ => f.len() >= 2,
        })
}

/// What is known of every match of a sub-expression.
#[derive(Debug)]
struct Info {
    /// Every match is one of these strings, up to ASCII case (lower-cased);
    /// `None` when not known or too many.
    exact: Option<Vec<Vec<u8>>>,
    /// Every match contains one of these (non-empty, lower-cased).
    factors: Option<Vec<Vec<u8>>>,
}

impl Info {
    fn unknown() -> Info {
        Info {
            exact: None,
            factors: None,
        }
    }

    /// Every match is one of `set` (at most [`MAX_FACTORS`] strings).
    fn exact(set: Vec<Vec<u8>>) -> Info {
        Info {
            factors: as_factors(&set),
            exact: Some(set),
        }
    }
}

/// `set` as factors: each string's leading bytes (a prefix of a required
/// string is required too), or `None` when some string is empty (a match
/// that is empty contains nothing).
fn as_factors(set: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if set.is_empty() || set.iter().any(Vec::is_empty) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = Vec::new();
    for f in set {
        let f = clip(f);
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Some(out)
}

/// A factor's leading bytes, at most [`MAX_FACTOR_LEN`], cut at a character
/// boundary so the factor stays UTF-8.
fn clip(s: &[u8]) -> Vec<u8> {
    let mut n = s.len().min(MAX_FACTOR_LEN);
    while n < s.len() && n > 0 && (s[n] & 0xC0) == 0x80 {
        n -= 1;
    }
    s[..n].to_vec()
}

/// Every concatenation of a string of `a` and one of `b`; `None` past
/// [`MAX_FACTORS`] strings.
fn cross(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_FACTORS {
        return None;
    }
    let mut out: Vec<Vec<u8>> = Vec::new();
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            if s.len() > 4 * MAX_FACTOR_LEN {
                return None;
            }
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Some(out)
}

/// How rarely a factor occurs in transcript text, roughly: letters,
/// spaces, full stops and commas are everywhere (1 a byte); digits and
/// non-ASCII bytes less so (2); other punctuation, the stuff of shell
/// commands and addresses, least (3). `sed -i` is better found by `-i`
/// than by `ed`.
fn rarity(f: &[u8]) -> usize {
    f.iter()
        .map(|&b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b' ' | b'.' | b',' => 1,
            b'0'..=b'9' | 0x80.. => 2,
            _ => 3,
        })
        .sum()
}

/// Which of two factor sets selects better: the rarer least rare string
/// (up to a point past which all are rare), then fewer strings.
fn better(a: &[Vec<u8>], b: &[Vec<u8>]) -> bool {
    let key = |s: &[Vec<u8>]| {
        let least = s.iter().map(|f| rarity(f)).min().unwrap_or(0);
        (least.min(5), usize::MAX - s.len(), least)
    };
    key(a) > key(b)
}

/// The lower-case ASCII bytes a small class stands for: `[Rr]` is `r`,
/// `[,;]` is `,` or `;`. Classes that also match a non-ASCII character
/// (`(?i)k` matches U+212A KELVIN SIGN) stand for nothing known: that
/// character would not be found by an ASCII search.
fn class_bytes(class: &Class) -> Option<Vec<Vec<u8>>> {
    /// Past this many members a class is better left unknown.
    const MAX_MEMBERS: usize = 4;
    let mut members: Vec<u32> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    members.push(ch as u32);
                    if members.len() > MAX_MEMBERS {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    members.push(u32::from(b));
                    if members.len() > MAX_MEMBERS {
                        return None;
                    }
                }
            }
        }
    }
    let mut out: Vec<Vec<u8>> = Vec::new();
    for m in members {
        let b = u8::try_from(m).ok().filter(u8::is_ascii)?;
        let b = vec![b.to_ascii_lowercase()];
        if !out.contains(&b) {
            out.push(b);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn info(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info::exact(vec![Vec::new()]),
        HirKind::Literal(lit) => Info::exact(vec![lit.0.to_ascii_lowercase()]),
        HirKind::Class(c) => class_bytes(c).map_or_else(Info::unknown, Info::exact),
        HirKind::Capture(c) => info(&c.sub),
        HirKind::Repetition(r) => {
            if r.max == Some(0) {
                return Info::exact(vec![Vec::new()]);
            }
            if r.min == 0 {
                return Info::unknown();
            }
            let sub = info(&r.sub);
            if r.max == Some(r.min)
                && let Some(set) = &sub.exact
            {
                let mut all = vec![Vec::new()];
                for _ in 0..r.min {
                    match cross(&all, set) {
                        Some(next) => all = next,
                        None => {
                            all.clear();
                            break;
                        }
                    }
                }
                if !all.is_empty() {
                    return Info::exact(all);
                }
            }
            // At least one copy of the sub-expression is in every match.
            Info {
                exact: None,
                factors: sub.factors,
            }
        }
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            // Only sets that select anything compete: a rarer byte that
            // occurs everywhere (`-`) must not displace `rm`.
            let mut offer = |set: Option<Vec<Vec<u8>>>| {
                if let Some(set) = set
                    && useful(&set)
                    && best.as_ref().is_none_or(|b| better(&set, b))
                {
                    best = Some(set);
                }
            };
            // `run`: the strings adjacent exact sub-expressions spell
            // together, which every match holds side by side (look-arounds
            // match empty and leave a run unbroken).
            let mut run: Vec<Vec<u8>> = vec![Vec::new()];
            let mut all_exact = true;
            for sub in subs {
                let i = info(sub);
                match i.exact {
                    Some(set) => match cross(&run, &set) {
                        Some(next) => run = next,
                        None => {
                            // Too many combinations: what came before and
                            // this sub-expression are each required.
                            all_exact = false;
                            offer(as_factors(&run));
                            run = set;
                        }
                    },
                    None => {
                        all_exact = false;
                        offer(as_factors(&run));
                        offer(i.factors);
                        run = vec![Vec::new()];
                    }
                }
            }
            if all_exact {
                return Info::exact(run);
            }
            offer(as_factors(&run));
            Info {
                exact: None,
                factors: best,
            }
        }
        HirKind::Alternation(subs) => {
            // A match is a match of one branch: it is one of that branch's
            // strings, or holds one of its factors.
            let mut exact: Option<Vec<Vec<u8>>> = Some(Vec::new());
            let mut factors: Option<Vec<Vec<u8>>> = Some(Vec::new());
            for sub in subs {
                let i = info(sub);
                for (acc, part) in [(&mut exact, i.exact), (&mut factors, i.factors)] {
                    match (acc.as_mut(), part) {
                        (Some(acc_set), Some(part)) => {
                            for s in part {
                                if !acc_set.contains(&s) {
                                    acc_set.push(s);
                                }
                            }
                            if acc_set.len() > MAX_FACTORS {
                                *acc = None;
                            }
                        }
                        _ => *acc = None,
                    }
                }
            }
            Info { exact, factors }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::required_factors;
    use crate::rubric::compile::ascii_word_boundaries;
    use proptest::prelude::*;

    /// As the compiler prepares a case-insensitive regex.
    fn folded(src: &str) -> String {
        format!("(?i:{})", ascii_word_boundaries(src))
    }

    fn factors(src: &str) -> Option<Vec<String>> {
        required_factors(src).map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn words_lose_letters_whose_case_has_non_ascii_forms() {
        // (?i)s also matches U+017F LONG S; (?i)k also U+212A KELVIN SIGN.
        assert_eq!(factors(&folded(r"\bshred\b")), Some(vec!["hred".into()]));
        assert_eq!(
            factors(&folded(r"\b(?:pkill|killall)\b")),
            Some(vec!["ill".into(), "illall".into()])
        );
        assert_eq!(factors(r"\bshred\b"), Some(vec!["shred".into()]));
    }

    #[test]
    fn the_most_selective_part_of_a_concatenation_is_kept() {
        assert_eq!(
            factors(&folded(r"[,;]\s*or (?:the|your|else|I|everyone|they)\b")),
            Some(vec!["or ".into()])
        );
        // Punctuation is rarer than letters in prose.
        assert_eq!(factors(&folded(r"\bsed\s+-i\b")), Some(vec!["-i".into()]));
        assert_eq!(
            factors(&folded(r"\bsystemctl\s+(?:stop|disable|mask|kill)\b")),
            Some(vec!["temctl".into()])
        );
        assert_eq!(
            factors(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
            Some(vec!["@".into()])
        );
    }

    #[test]
    fn exact_alternations_and_small_classes_combine_into_longer_factors() {
        assert_eq!(
            factors(&folded(r"\b(?:nc|ncat|netcat)\b\s+\S+\s+\d+")),
            Some(vec!["nc".into(), "ncat".into(), "netcat".into()])
        );
        assert_eq!(
            factors(r"\.(?:com|io)\b"),
            Some(vec![".com".into(), ".io".into()])
        );
        assert_eq!(factors(r"x[,;]y"), Some(vec!["x,y".into(), "x;y".into()]));
        // A common byte (`-`) does not displace a useful factor (`rm`).
        assert_eq!(
            factors(&folded(r"\brm\s+-\w*[rf]\w*\s")),
            Some(vec!["rm".into()])
        );
    }

    #[test]
    fn regexes_without_a_required_literal_have_none() {
        assert_eq!(factors(r"\b\d{3,}\b"), None);
        assert_eq!(factors(r"\b[A-Z0-9]{2,}(?:-[A-Z0-9]+)*\b"), None);
        assert_eq!(factors(r"(?:ab)?c*"), None);
        // One branch without a factor spoils the alternation.
        assert_eq!(factors(r"abc|\d+"), None);
        // A single letter is everywhere: not worth a candidate per byte.
        assert_eq!(factors(r"a\d+"), None);
    }

    #[test]
    fn repetitions_keep_the_factor_of_one_copy() {
        assert_eq!(factors(r"(?:ab){2}"), Some(vec!["abab".into()]));
        assert_eq!(factors(r"(?:xy)+z"), Some(vec!["xy".into()]));
        assert_eq!(factors(r"(?:ab){0}cd"), Some(vec!["cd".into()]));
        assert_eq!(
            factors(r"(?:a|b){2}"),
            Some(vec!["aa".into(), "ab".into(), "ba".into(), "bb".into()])
        );
    }

    #[test]
    fn long_runs_are_cut_to_a_prefix_on_a_character_boundary() {
        let f = factors("ééééééééééé").unwrap();
        assert_eq!(f, vec!["éééééééé".to_string()]);
    }

    /// A small regex grammar over a few letters and classes, so that
    /// generated haystacks match often.
    fn regex_strategy() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "[abK@ ]{1,3}".prop_map(|s| regex_syntax::escape(&s)),
            Just(r"\w".to_string()),
            Just(r"\d".to_string()),
            Just(r"[ab]".to_string()),
            Just(r"\b".to_string()),
            Just(".".to_string()),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 2..4).prop_map(|v| v.concat()),
                prop::collection::vec(inner.clone(), 2..3)
                    .prop_map(|v| format!("(?:{})", v.join("|"))),
                (inner.clone(), 0u32..3, 0u32..2)
                    .prop_map(|(r, min, extra)| format!("(?:{r}){{{min},{}}}", min + extra)),
                inner.clone().prop_map(|r| format!("(?:{r})+")),
                inner.prop_map(|r| format!("(?i:{r})")),
            ]
        })
    }

    proptest! {
        /// The contract: every match holds one of the factors (ASCII case
        /// aside), so a field without one can be skipped.
        #[test]
        fn every_match_contains_a_factor(
            re in regex_strategy(),
            hay in "[abAB@K\u{212A} 0-9]{0,40}",
        ) {
            let Some(fs) = required_factors(&re) else { return Ok(()) };
            let r = regex_automata::meta::Regex::new(&re).unwrap();
            for m in r.find_iter(&hay) {
                let text = hay[m.range()].to_ascii_lowercase();
                prop_assert!(
                    fs.iter().any(|f| text.contains(f.as_str())),
                    "{re:?} matched {:?} holding none of {fs:?}", &hay[m.range()]
                );
            }
        }
    }
}
