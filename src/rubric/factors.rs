//! Required factors of a regex: a few literal strings, one of which every
//! match of the regex contains.
//!
//! Why: a regex search has a fixed cost per call (input set-up, the lazy
//! DFA's start state, the search for the match start), and a transcript's
//! tool arguments are dozens of short fields. Searching field by field made
//! regexes a large share of grading time although almost no field matches.
//! Instead, each regex's factors join the literal automaton the field is
//! scanned with anyway (a few more literals cost next to nothing per byte),
//! and the regex is searched only in the fields where one of its factors
//! occurred, which cut the searches per record by more than half
//! (docs/performance.md). This is the literal-factor decomposition of
//! Hyperscan (Wang et al., NSDI 2019) and of the regex crate's own
//! prefilters, applied across a set of regexes.
//!
//! Exactness: every factor must occur inside every match, so a field with
//! no factor cannot hold a match. Factors are reported lower-cased and are
//! looked for ASCII-case-insensitively; finding more candidates than needed
//! only costs a search, never a hit. A regex for which no such set is
//! known (say `\b\d{3,}\b`) gets `None` and is searched as before.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// At most this many factors per regex: past it, the literal automaton
/// grows for little gain.
const MAX_FACTORS: usize = 32;

/// Longest factor kept: longer strings select no better, and enlarge the
/// automaton.
const MAX_FACTOR_LEN: usize = 16;

/// A required factor of a regex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Factor {
    /// The factor's text, lower-cased.
    pub text: String,
    /// Every match holds an occurrence of `text` right before which an
    /// ASCII word boundary lies: the byte before it is not an ASCII word
    /// byte (or there is none). Only set when `text` starts with an ASCII
    /// word byte. Why: `\brm\b` is required in every match, but "rm"
    /// occurs in "form" and "inform" all over e-mail bodies; the bounded
    /// occurrence almost never does.
    pub left: bool,
    /// The same after `text`'s last byte, which is then an ASCII word byte.
    pub right: bool,
}

/// The required factors of regex `src` (parsed with the default syntax, as
/// the grader's regexes are), lower-cased; `None` when no useful set is
/// known. A factor is at least two bytes long, or one ASCII punctuation
/// byte that prose and code use sparingly (`@`, `#`, `>`): a single letter,
/// digit or full stop occurs everywhere and would select nothing.
///
/// Word boundaries: an ASCII `\b` (`(?-u:\b)`) at a factor's edge becomes
/// its `left` or `right` flag. A Unicode `\b` may too: where it holds
/// before an ASCII word byte, the character before is no word character,
/// so no ASCII word byte either; the ASCII test then finds a superset of
/// the occurrences, which costs searches, never hits.
pub(crate) fn required_factors(src: &str) -> Option<Vec<Factor>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(src).ok()?;
    let set = info(&hir).factors?;
    if !useful(&set) {
        return None;
    }
    set.into_iter()
        .map(|p| {
            let (left, right) = p.edges();
            let text = String::from_utf8(p.bytes)
                .ok()
                .filter(|s| !s.contains('\0'))?;
            Some(Factor { text, left, right })
        })
        .collect()
}

/// A string every match holds (or is), with the word boundaries known to
/// lie at its two ends.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    bytes: Vec<u8>,
    /// An ASCII-or-Unicode word boundary lies right before `bytes`.
    left: bool,
    /// One lies right after `bytes`. For an empty piece both flags describe
    /// the one position.
    right: bool,
}

impl Piece {
    fn plain(bytes: Vec<u8>) -> Piece {
        Piece {
            bytes,
            left: false,
            right: false,
        }
    }

    /// The flags a factor may keep: a boundary next to an ASCII word byte
    /// (next to anything else it would ask for a word byte outside, which
    /// the scan does not test).
    fn edges(&self) -> (bool, bool) {
        let word = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
        (
            self.left && word(self.bytes.first()),
            self.right && word(self.bytes.last()),
        )
    }
}

/// Adds `p` to `set`; a string already there keeps only the boundaries
/// both copies have (either may be the occurrence a match holds).
fn merge(set: &mut Vec<Piece>, p: Piece) {
    match set.iter_mut().find(|q| q.bytes == p.bytes) {
        Some(q) => {
            q.left &= p.left;
            q.right &= p.right;
        }
        None => set.push(p),
    }
}

/// Which strings of a set are long or rare enough to select anything:
/// every string is at least two bytes long, or one ASCII punctuation byte
/// that prose and code use sparingly (see [`required_factors`]).
fn useful(set: &[Piece]) -> bool {
    !set.is_empty()
        && set.iter().all(|f| match f.bytes[..] {
            [b] => b.is_ascii_punctuation() && !b".,;:!?'\"-_/()".contains(&b),
            _ => f.bytes.len() >= 2,
        })
}

/// What is known of every match of a sub-expression.
#[derive(Debug)]
struct Info {
    /// Every match is one of these strings, up to ASCII case (lower-cased);
    /// `None` when not known or too many.
    exact: Option<Vec<Piece>>,
    /// Every match contains one of these (non-empty, lower-cased).
    factors: Option<Vec<Piece>>,
}

impl Info {
    fn unknown() -> Info {
        Info {
            exact: None,
            factors: None,
        }
    }

    /// Every match is one of `set` (at most [`MAX_FACTORS`] strings).
    fn exact(set: Vec<Piece>) -> Info {
        Info {
            factors: as_factors(&set),
            exact: Some(set),
        }
    }
}

/// `set` as factors: each string's leading bytes (a prefix of a required
/// string is required too), or `None` when some string is empty (a match
/// that is empty contains nothing).
fn as_factors(set: &[Piece]) -> Option<Vec<Piece>> {
    if set.is_empty() || set.iter().any(|p| p.bytes.is_empty()) {
        return None;
    }
    let mut out: Vec<Piece> = Vec::new();
    for f in set {
        merge(&mut out, clip(f));
    }
    Some(out)
}

/// A factor's leading bytes, at most [`MAX_FACTOR_LEN`], cut at a character
/// boundary so the factor stays UTF-8. A cut factor loses its right
/// boundary, which lay after the bytes cut off.
fn clip(p: &Piece) -> Piece {
    let s = &p.bytes;
    let mut n = s.len().min(MAX_FACTOR_LEN);
    while n < s.len() && n > 0 && (s[n] & 0xC0) == 0x80 {
        n -= 1;
    }
    Piece {
        bytes: s[..n].to_vec(),
        left: p.left,
        right: p.right && n == s.len(),
    }
}

/// Every concatenation of a string of `a` and one of `b`; `None` past
/// [`MAX_FACTORS`] strings. A boundary between two non-empty strings is
/// inside the result, and no longer known.
fn cross(a: &[Piece], b: &[Piece]) -> Option<Vec<Piece>> {
    if a.len() * b.len() > MAX_FACTORS {
        return None;
    }
    let mut out: Vec<Piece> = Vec::new();
    for x in a {
        for y in b {
            let mut bytes = x.bytes.clone();
            bytes.extend_from_slice(&y.bytes);
            if bytes.len() > 4 * MAX_FACTOR_LEN {
                return None;
            }
            let p = Piece {
                left: x.left || (x.bytes.is_empty() && y.left),
                right: y.right || (y.bytes.is_empty() && x.right),
                bytes,
            };
            merge(&mut out, p);
        }
    }
    Some(out)
}

/// How rarely a factor occurs in transcript text, roughly: letters,
/// spaces, full stops and commas are everywhere (1 a byte); digits and
/// non-ASCII bytes less so (2); other punctuation, the stuff of shell
/// commands and addresses, least (3). `sed -i` is better found by `-i`
/// than by `ed`. A word boundary at an end counts 2: `rm` as a word is
/// far rarer than `rm` in "form".
fn rarity(f: &Piece) -> usize {
    let (left, right) = f.edges();
    f.bytes
        .iter()
        .map(|&b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b' ' | b'.' | b',' => 1,
            b'0'..=b'9' | 0x80.. => 2,
            _ => 3,
        })
        .sum::<usize>()
        + 2 * usize::from(left)
        + 2 * usize::from(right)
}

/// Which of two factor sets selects better: the rarer least rare string
/// (up to a point past which all are rare), then fewer strings. The point
/// lies past a short word: `\bis ` (5) is in every other sentence of
/// reasoning, and chosen over `'s call` it ran the regex of "is Kyle's
/// call" in three records of four.
fn better(a: &[Piece], b: &[Piece]) -> bool {
    let key = |s: &[Piece]| {
        let least = s.iter().map(rarity).min().unwrap_or(0);
        (least.min(7), usize::MAX - s.len(), least)
    };
    key(a) > key(b)
}

/// The strings a small class stands for, ASCII lower-cased: `[Rr]` is `r`,
/// `[,;]` is `,` or `;`, and `(?i)k`, which also matches U+212A KELVIN
/// SIGN, is `k` or that sign's UTF-8 bytes (the literal scan folds ASCII
/// case only). Without the sign's bytes, `kill` would leave only `ill`,
/// which occurs in every "will". A byte class with a non-ASCII byte stands
/// for nothing known: that byte alone is no UTF-8 factor.
fn class_bytes(class: &Class) -> Option<Vec<Piece>> {
    /// Past this many members a class is better left unknown.
    const MAX_MEMBERS: usize = 4;
    let mut members: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    let mut buf = [0u8; 4];
                    members.push(ch.encode_utf8(&mut buf).as_bytes().to_vec());
                    if members.len() > MAX_MEMBERS {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    if !b.is_ascii() {
                        return None;
                    }
                    members.push(vec![b]);
                    if members.len() > MAX_MEMBERS {
                        return None;
                    }
                }
            }
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    for m in members {
        merge(&mut out, Piece::plain(m.to_ascii_lowercase()));
    }
    (!out.is_empty()).then_some(out)
}

fn info(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty => Info::exact(vec![Piece::plain(Vec::new())]),
        // A word boundary matches empty, at a position later strings may
        // start or end at.
        HirKind::Look(look) => {
            let boundary = matches!(look, Look::WordAscii | Look::WordUnicode);
            Info::exact(vec![Piece {
                bytes: Vec::new(),
                left: boundary,
                right: boundary,
            }])
        }
        HirKind::Literal(lit) => Info::exact(vec![Piece::plain(lit.0.to_ascii_lowercase())]),
        HirKind::Class(c) => class_bytes(c).map_or_else(Info::unknown, Info::exact),
        HirKind::Capture(c) => info(&c.sub),
        HirKind::Repetition(r) => {
            if r.max == Some(0) {
                return Info::exact(vec![Piece::plain(Vec::new())]);
            }
            if r.min == 0 {
                return Info::unknown();
            }
            let sub = info(&r.sub);
            if r.max == Some(r.min)
                && let Some(set) = &sub.exact
            {
                let mut all = vec![Piece::plain(Vec::new())];
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
            // At least one copy of the sub-expression is in every match,
            // boundaries and all: they are assertions inside the copy.
            Info {
                exact: None,
                factors: sub.factors,
            }
        }
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Piece>> = None;
            // Only sets that select anything compete: a rarer byte that
            // occurs everywhere (`-`) must not displace `rm`.
            let mut offer = |set: Option<Vec<Piece>>| {
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
            let mut run: Vec<Piece> = vec![Piece::plain(Vec::new())];
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
                        run = vec![Piece::plain(Vec::new())];
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
            let mut exact: Option<Vec<Piece>> = Some(Vec::new());
            let mut factors: Option<Vec<Piece>> = Some(Vec::new());
            for sub in subs {
                let i = info(sub);
                for (acc, part) in [(&mut exact, i.exact), (&mut factors, i.factors)] {
                    match (acc.as_mut(), part) {
                        (Some(acc_set), Some(part)) => {
                            for s in part {
                                merge(acc_set, s);
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
    use crate::rubric::check::ascii_classes;
    use proptest::prelude::*;

    /// As the compiler prepares a case-insensitive regex.
    fn folded(src: &str) -> String {
        format!("(?i:{})", ascii_classes(src))
    }

    /// The factors of `src`, sorted, a word boundary written `\b`.
    fn factors(src: &str) -> Option<Vec<String>> {
        required_factors(src).map(|v| {
            let mut v: Vec<String> = v
                .into_iter()
                .map(|f| {
                    let b = |on: bool| if on { r"\b" } else { "" };
                    format!("{}{}{}", b(f.left), f.text, b(f.right))
                })
                .collect();
            v.sort();
            v
        })
    }

    #[test]
    fn letters_whose_case_has_non_ascii_forms_add_those_forms() {
        // (?i)s also matches U+017F LONG S; (?i)k also U+212A KELVIN SIGN.
        // The non-ASCII form is no ASCII word byte, so no boundary is kept
        // before it.
        assert_eq!(
            factors(&folded(r"\bshred\b")),
            Some(vec![r"\bshred\b".into(), "\u{17F}hred\\b".into()])
        );
        assert_eq!(
            factors(&folded(r"\b(?:pkill|killall)\b")),
            Some(vec![
                r"\bkillall\b".into(),
                r"\bpkill\b".into(),
                "\\bp\u{212A}ill\\b".into(),
                "\u{212A}illall\\b".into(),
            ])
        );
        assert_eq!(factors(r"\bshred\b"), Some(vec![r"\bshred\b".into()]));
    }

    #[test]
    fn a_short_word_is_not_chosen_over_a_rarer_string() {
        assert_eq!(
            factors(r"\bis [A-Z][a-z]+(?:\x27|’)s call\b"),
            Some(vec!["'s call\\b".into(), "’s call\\b".into()])
        );
    }

    #[test]
    fn word_boundaries_at_a_factors_ends_are_kept() {
        // Inside a run, or next to a non-word byte, a boundary is not kept.
        assert_eq!(factors(r"\bab\bcd"), Some(vec![r"\babcd".into()]));
        assert_eq!(factors(r"\b-x\b"), Some(vec![r"-x\b".into()]));
        // Either copy of a string may be the one a match holds: only the
        // boundaries both have are kept.
        assert_eq!(factors(r"\bab|ab\b"), Some(vec!["ab".into()]));
        assert_eq!(factors(r"(?:\bab\b)+"), Some(vec![r"\bab\b".into()]));
        // A factor cut short loses the boundary after it.
        assert_eq!(
            factors(r"\babcdefghijklmnopq\b"),
            Some(vec![r"\babcdefghijklmnop".into()])
        );
    }

    #[test]
    fn the_most_selective_part_of_a_concatenation_is_kept() {
        assert_eq!(
            factors(&folded(r"[,;]\s*or (?:the|your|else|I|everyone|they)\b")),
            Some(vec![
                r"or else\b".into(),
                "or el\u{17F}e\\b".into(),
                r"or everyone\b".into(),
                r"or i\b".into(),
                r"or the\b".into(),
                r"or they\b".into(),
                r"or your\b".into(),
            ])
        );
        // Punctuation is rarer than letters in prose.
        assert_eq!(
            factors(&folded(r"\bsed\s+-i\b")),
            Some(vec![r"-i\b".into()])
        );
        assert_eq!(
            factors(&folded(r"\bsystemctl\s+(?:stop|disable|mask|kill)\b")),
            Some(vec![
                r"\bsystemctl".into(),
                "\\bsy\u{17F}temctl".into(),
                "\u{17F}ystemctl".into(),
                "\u{17F}y\u{17F}temctl".into(),
            ])
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
            Some(vec![
                r"\bnc\b".into(),
                r"\bncat\b".into(),
                r"\bnetcat\b".into()
            ])
        );
        assert_eq!(
            factors(r"\.(?:com|io)\b"),
            Some(vec![r".com\b".into(), r".io\b".into()])
        );
        assert_eq!(factors(r"x[,;]y"), Some(vec!["x,y".into(), "x;y".into()]));
        // A common byte (`-`) does not displace a useful factor (`rm`).
        assert_eq!(
            factors(&folded(r"\brm\s+-\w*[rf]\w*\s")),
            Some(vec![r"\brm".into()])
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
            "[abksK@ ]{1,3}".prop_map(|s| regex_syntax::escape(&s)),
            Just(r"\w".to_string()),
            Just(r"\d".to_string()),
            Just(r"[ab]".to_string()),
            Just(r"\b".to_string()),
            Just(r"(?-u:\b)".to_string()),
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
            hay in "[abAB@kKsS\u{212A}\u{17F}_\u{e9} 0-9]{0,40}",
        ) {
            let Some(fs) = required_factors(&re) else { return Ok(()) };
            let r = regex_automata::meta::Regex::new(&re).unwrap();
            let lower = hay.to_ascii_lowercase();
            let word = |i: usize| {
                lower.as_bytes().get(i).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
            };
            for m in r.find_iter(&hay) {
                // An occurrence inside the match, with the boundaries the
                // factor asks for judged in the whole haystack, as the
                // literal scan judges them in the whole field.
                let found = fs.iter().any(|f| {
                    let n = f.text.len();
                    (m.start()..=m.end().saturating_sub(n)).any(|at| {
                        lower.as_bytes()[at..].starts_with(f.text.as_bytes())
                            && at + n <= m.end()
                            && !(f.left && at > 0 && word(at - 1))
                            && !(f.right && word(at + n))
                    })
                });
                prop_assert!(
                    found,
                    "{re:?} matched {:?} holding none of {fs:?}", &hay[m.range()]
                );
            }
        }
    }
}
