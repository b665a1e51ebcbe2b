//! Literal scanning: every occurrence of every literal of a set, overlapping
//! ones included (Aho–Corasick's `MatchKind::Standard` overlapping results).
//!
//! The automaton is aho-corasick's DFA, but driven here rather than through
//! its search iterators: a byte-at-a-time DFA is one dependent load per byte,
//! so a single walk is latency-bound (~200–450 MB/s on transcript text,
//! benches/README.md). Longer texts are cut into a few stripes walked in
//! lockstep, each from the start state; the stripes' loads are independent,
//! so they overlap in the CPU. A stripe runs `longest literal - 1` bytes
//! past its end and reports only matches that start inside it, so every
//! occurrence is reported exactly once.
//!
//! The walk reads a copy of that DFA laid out for the cache ([`Compact`]):
//! 16-bit entries, one column per byte class the literals use, states in
//! breadth-first order. The built-in rubric's tool-argument automaton went
//! from 2.6 MB to 0.46 MB and its outgoing-text one from 1.7 MB to 0.24 MB:
//! both now fit the 1 MB L2 cache together. A record's texts are short
//! (~80 bytes outgoing, ~250 of tool arguments) and the parse of each record
//! evicts the automata, so a byte's step cost a cache miss more often than
//! not: grading −6 % in memory, −3 % end to end (benches/README.md).

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Anchored, MatchKind, StartKind};

/// Texts shorter than this are walked as one stripe: below it the stripes'
/// overlap and set-up cost more than the parallel walk saves.
const STRIPE_MIN: usize = 64;

/// Past this much literal text a set is scanned by aho-corasick's NFA, not
/// a DFA. A DFA state per byte of literal text, each a row of the byte
/// classes (~256 bytes here), makes the DFA ~300× the text: 2 MB for the
/// built-in rubric's 500 tool-argument literals, ~20 MB at this limit, but
/// 2.5 GB and half a minute of compiling for a rubric at the literal limit
/// (8 MiB of text). The NFA is slower per byte but small.
const DFA_MAX_LITERAL_BYTES: usize = 64 << 10;

/// The literals of one case mode, ready to scan.
#[derive(Clone, Debug)]
pub(crate) struct LiteralSet {
    scan: Scan,
    lens: Vec<u32>,
    /// Longest literal, in bytes.
    longest: usize,
}

#[derive(Clone, Debug)]
enum Scan {
    /// The DFA, re-laid (the usual case).
    Compact(Box<Compact>),
    /// The DFA itself, when it has too many states for [`Compact`].
    Dfa(Box<DFA>),
    /// When the DFA would be too large: aho-corasick's own choice (an NFA).
    Other(AhoCorasick),
}

impl LiteralSet {
    /// Builds the set. `lits` must be non-empty strings without NUL; when
    /// `fold`, they must already be ASCII-lower-cased. Literal `i` is
    /// reported as id `i`.
    pub(crate) fn new(lits: &[String], fold: bool) -> Result<LiteralSet, String> {
        let text: usize = lits.iter().map(String::len).sum();
        let dfa = if text <= DFA_MAX_LITERAL_BYTES {
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(fold)
                .start_kind(StartKind::Unanchored)
                .prefilter(false)
                .build(lits)
                .map_err(|_| ())
        } else {
            Err(())
        };
        let scan = match dfa {
            Ok(d) => match Compact::new(&d, lits, fold) {
                Some(c) => Scan::Compact(Box::new(c)),
                None => Scan::Dfa(Box::new(d)),
            },
            Err(_) => Scan::Other(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(fold)
                    .build(lits)
                    .map_err(|e| format!("the literal automaton could not be built: {e}"))?,
            ),
        };
        Ok(LiteralSet {
            scan,
            lens: lits.iter().map(|l| l.len() as u32).collect(),
            longest: lits.iter().map(String::len).max().unwrap_or(0),
        })
    }

    /// Whether the fast, striped DFA walk is used (not the NFA fallback).
    #[cfg(test)]
    pub(crate) fn is_dfa(&self) -> bool {
        matches!(self.scan, Scan::Dfa(_) | Scan::Compact(_))
    }

    /// Whether the walk reads the cache-sized copy of the DFA.
    #[cfg(test)]
    pub(crate) fn is_compact(&self) -> bool {
        matches!(self.scan, Scan::Compact(_))
    }

    /// Length of literal `id`.
    pub(crate) fn lit_len(&self, id: u32) -> usize {
        self.lens[id as usize] as usize
    }

    /// Calls `f(id, start)` for every occurrence of every literal lying
    /// within `hay[from..to]`, in no particular order.
    pub(crate) fn for_each(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        mut f: impl FnMut(u32, usize),
    ) {
        let to = to.min(hay.len());
        if from >= to {
            return;
        }
        match &self.scan {
            Scan::Compact(c) => self.stripes(&**c, hay, from, to, &mut f),
            Scan::Dfa(d) => self.stripes(&**d, hay, from, to, &mut f),
            Scan::Other(ac) => {
                let input = aho_corasick::Input::new(hay).span(from..to);
                for m in ac.find_overlapping_iter(input) {
                    f(m.pattern().as_u32(), m.start());
                }
            }
        }
    }

    /// Walks `hay[from..to]` with `t` in as many stripes as pay.
    fn stripes<T: Table>(
        &self,
        t: &T,
        hay: &[u8],
        from: usize,
        to: usize,
        f: &mut impl FnMut(u32, usize),
    ) {
        let n = to - from;
        let overlap = self.longest.saturating_sub(1);
        let stripes = if n >= 4 * STRIPE_MIN + overlap {
            4
        } else if n >= 2 * STRIPE_MIN + overlap {
            2
        } else {
            1
        };
        match stripes {
            4 => self.walk::<T, 4>(t, hay, from, to, f),
            2 => self.walk::<T, 2>(t, hay, from, to, f),
            _ => self.walk::<T, 1>(t, hay, from, to, f),
        }
    }

    /// Walks `hay[from..to]` as `N` stripes in lockstep.
    #[inline(always)]
    fn walk<T: Table, const N: usize>(
        &self,
        t: &T,
        hay: &[u8],
        from: usize,
        to: usize,
        f: &mut impl FnMut(u32, usize),
    ) {
        let n = to - from;
        let overlap = self.longest.saturating_sub(1);
        // Stripe k owns the starts in [own[k], own[k + 1]) and reads
        // [own[k], own[k + 1] + overlap): all of every match it owns. The
        // last stripe reads no further than it owns, so it owns `overlap`
        // more: every stripe then reads about as much, all in lockstep.
        let step = n.saturating_sub(overlap) / N;
        let mut own = [0usize; N];
        let mut end = [0usize; N];
        for (k, o) in own.iter_mut().enumerate() {
            *o = from + k * step;
        }
        for k in 0..N {
            let next = if k + 1 < N { own[k + 1] } else { to };
            end[k] = (next + overlap).min(to);
        }
        let limit = |k: usize| if k + 1 < N { own[k + 1] } else { to };
        let Some(start) = t.start() else {
            return;
        };
        let mut sid = [start; N];
        let lens = &self.lens;
        let mut report = |k: usize, sid, at: usize| {
            // `at` is the last byte read; a match ends just after it.
            t.matches(sid, |pid| {
                let s = at + 1 - lens[pid as usize] as usize;
                if s < limit(k) {
                    f(pid, s);
                }
            });
        };
        // Lockstep over the length every stripe has; then each stripe's rest.
        let common = (0..N).map(|k| end[k] - own[k]).min().unwrap_or(0);
        for j in 0..common {
            for k in 0..N {
                let at = own[k] + j;
                sid[k] = t.next(sid[k], hay[at]);
                if t.is_match(sid[k]) {
                    report(k, sid[k], at);
                }
            }
        }
        for k in 0..N {
            let rest = own[k] + common;
            for (at, &b) in hay[rest..end[k]].iter().enumerate() {
                sid[k] = t.next(sid[k], b);
                if t.is_match(sid[k]) {
                    report(k, sid[k], rest + at);
                }
            }
        }
    }
}

/// What the striped walk needs of an automaton.
trait Table {
    type State: Copy;
    fn start(&self) -> Option<Self::State>;
    fn next(&self, s: Self::State, b: u8) -> Self::State;
    fn is_match(&self, s: Self::State) -> bool;
    /// Calls `f` with the id of each literal ending at match state `s`.
    fn matches(&self, s: Self::State, f: impl FnMut(u32));
}

impl Table for DFA {
    type State = aho_corasick::automaton::StateID;
    #[inline(always)]
    fn start(&self) -> Option<Self::State> {
        self.start_state(Anchored::No).ok()
    }
    #[inline(always)]
    fn next(&self, s: Self::State, b: u8) -> Self::State {
        self.next_state(Anchored::No, s, b)
    }
    #[inline(always)]
    fn is_match(&self, s: Self::State) -> bool {
        self.is_special(s) && Automaton::is_match(self, s)
    }
    #[inline(always)]
    fn matches(&self, s: Self::State, mut f: impl FnMut(u32)) {
        for i in 0..self.match_len(s) {
            f(self.match_pattern(s, i).as_u32());
        }
    }
}

/// The DFA re-laid for the cache: 16-bit entries, one column per byte
/// class the literals use (not a power of two), states in breadth-first
/// order so the shallow states every byte passes through sit together.
/// An entry is the next state's index, its top bit set when that state
/// ends a literal.
#[derive(Clone, Debug)]
pub(crate) struct Compact {
    classes: [u8; 256],
    stride: usize,
    trans: Vec<u16>,
    start: u16,
    /// For state `i`, its literals are `pats[ends[i]..ends[i + 1]]`.
    ends: Vec<u32>,
    pats: Vec<u32>,
}

/// The top bit of an entry: the state it names ends a literal.
const MATCH_BIT: u16 = 1 << 15;

impl Compact {
    /// Copies `dfa` (built from `lits`, ASCII-case-folded when `fold`) by a
    /// breadth-first walk from its start state, one step per byte class;
    /// `None` when it has more states than 15-bit indices can name
    /// (~30,000 bytes of literal text), or the literals use every byte.
    ///
    /// Classes: a byte no literal holds leads every state where it leads the
    /// start state (no trie edge carries it), so all such bytes are one
    /// class; under folding a letter and its other case are one class; every
    /// other byte a literal holds is a class of its own.
    fn new(dfa: &DFA, lits: &[String], fold: bool) -> Option<Compact> {
        use aho_corasick::automaton::StateID;
        // Bytes no literal holds all behave alike: class 0. Under ASCII case
        // folding a letter and its other case share a class.
        let mut classes = [0u8; 256];
        let mut reps: Vec<u8> = vec![0];
        for l in lits {
            for &b in l.as_bytes() {
                let b = if fold { b.to_ascii_lowercase() } else { b };
                if classes[usize::from(b)] != 0 {
                    continue;
                }
                let c = u8::try_from(reps.len()).ok()?;
                classes[usize::from(b)] = c;
                if fold {
                    classes[usize::from(b.to_ascii_uppercase())] = c;
                }
                reps.push(b);
            }
        }
        // Class 0's representative: a byte no literal holds (literals hold
        // no NUL, but look rather than assume).
        reps[0] = (0..=255u8).find(|&b| classes[usize::from(b)] == 0)?;
        let stride = reps.len();
        let start = dfa.start_state(Anchored::No).ok()?;
        // New index of each DFA state, by its id (`u16::MAX`: not seen yet);
        // one pass: a state's row is filled when the walk reaches it, and
        // the states it leads to are numbered as they are first seen.
        let mut index: Vec<u16> = Vec::new();
        let mut number = |sid: StateID, order: &mut Vec<StateID>| -> Option<u16> {
            let k = sid.as_usize();
            if k >= index.len() {
                index.resize(k + 1, u16::MAX);
            }
            if index[k] == u16::MAX {
                index[k] = u16::try_from(order.len())
                    .ok()
                    .filter(|&id| id < MATCH_BIT)?;
                order.push(sid);
            }
            Some(index[k])
        };
        let mut order: Vec<StateID> = Vec::new();
        number(start, &mut order)?;
        let mut trans: Vec<u16> = Vec::new();
        let mut ends = vec![0u32];
        let mut pats = Vec::new();
        let mut i = 0;
        while i < order.len() {
            let s = order[i];
            for &b in &reps {
                let n = dfa.next_state(Anchored::No, s, b);
                let mut e = number(n, &mut order)?;
                if dfa.is_special(n) && Automaton::is_match(dfa, n) {
                    e |= MATCH_BIT;
                }
                trans.push(e);
            }
            if dfa.is_special(s) && Automaton::is_match(dfa, s) {
                for k in 0..dfa.match_len(s) {
                    pats.push(dfa.match_pattern(s, k).as_u32());
                }
            }
            ends.push(pats.len() as u32);
            i += 1;
        }
        Some(Compact {
            classes,
            stride,
            trans,
            start: 0,
            ends,
            pats,
        })
    }
}

impl Table for Compact {
    type State = u16;
    #[inline(always)]
    fn start(&self) -> Option<u16> {
        Some(self.start)
    }
    #[inline(always)]
    fn next(&self, s: u16, b: u8) -> u16 {
        self.trans
            [usize::from(s & !MATCH_BIT) * self.stride + usize::from(self.classes[usize::from(b)])]
    }
    #[inline(always)]
    fn is_match(&self, s: u16) -> bool {
        s & MATCH_BIT != 0
    }
    #[inline(always)]
    fn matches(&self, s: u16, mut f: impl FnMut(u32)) {
        let i = usize::from(s & !MATCH_BIT);
        for &p in &self.pats[self.ends[i] as usize..self.ends[i + 1] as usize] {
            f(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LiteralSet;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// Every (literal, start) the set reports, sorted.
    fn ours(lits: &[&str], fold: bool, hay: &str, from: usize, to: usize) -> Vec<(u32, usize)> {
        let folded: Vec<String> = lits
            .iter()
            .map(|l| {
                if fold {
                    l.to_ascii_lowercase()
                } else {
                    l.to_string()
                }
            })
            .collect();
        let set = LiteralSet::new(&folded, fold).unwrap();
        assert!(set.is_dfa());
        let mut out = Vec::new();
        set.for_each(hay.as_bytes(), from, to, |id, s| out.push((id, s)));
        out.sort_unstable();
        out
    }

    /// The same from Aho–Corasick's standard overlapping search.
    fn oracle(lits: &[&str], fold: bool, hay: &str, from: usize, to: usize) -> Vec<(u32, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(fold)
            .build(lits)
            .unwrap();
        let input = aho_corasick::Input::new(hay).span(from..to);
        let mut out: Vec<(u32, usize)> = ac
            .find_overlapping_iter(input)
            .map(|m| (m.pattern().as_u32(), m.start()))
            .collect();
        out.sort_unstable();
        out
    }

    fn same(lits: &[&str], fold: bool, hay: &str) {
        let got = ours(lits, fold, hay, 0, hay.len());
        assert_eq!(got, oracle(lits, fold, hay, 0, hay.len()), "{hay:?}");
    }

    #[test]
    fn overlapping_and_nested_literals_are_all_reported() {
        let lits = ["abcd", "bc", "bcde", "abcdef", "cdef", "d"];
        same(&lits, true, "xxabcdefxx abcd bcde");
        let got = ours(&lits, true, "abcdef", 0, 6);
        // Every literal occurs once, the short ones inside the long ones.
        assert_eq!(got.len(), 6, "{got:?}");
    }

    #[test]
    fn a_literal_that_is_a_suffix_or_prefix_of_another() {
        let lits = ["password", "word", "pass", "sword"];
        same(&lits, true, "mypassword passwords sword");
        assert_eq!(
            ours(&lits, true, "password", 0, 8),
            vec![(0, 0), (1, 4), (2, 0), (3, 3)]
        );
    }

    #[test]
    fn literals_at_the_start_and_end_of_the_text() {
        let lits = ["wipe", "sec", "ab", "x"];
        for hay in [
            "wipe", "wipe sec", "sec", "ab", "x", "zzwipe", "a", "", "xsec",
        ] {
            same(&lits, true, hay);
        }
        assert_eq!(ours(&lits, true, "zzwipe", 0, 6), vec![(0, 2)]);
        assert_eq!(ours(&lits, true, "xsec", 0, 4), vec![(1, 1), (3, 0)]);
    }

    #[test]
    fn ascii_case_folding_only_when_asked() {
        let lits = ["Kill Switch", "SEC", "fda"];
        same(&lits, true, "the KILL SWITCH, the sec and FdA");
        same(
            &lits,
            false,
            "the KILL SWITCH, the Kill Switch, SEC sec fda FDA",
        );
        assert_eq!(ours(&lits, false, "SEC sec", 0, 7), vec![(1, 0)]);
        // Folding maps `@` and `` ` `` together in the prefilter only.
        same(&["@home"], true, "`home @HOME @home");
        assert_eq!(ours(&["@home"], true, "`home @HOME", 0, 11), vec![(0, 6)]);
    }

    #[test]
    fn non_ascii_text_around_hits() {
        let lits = ["don’t send", "café", ".pt", "ümlaut", "FCA"];
        same(
            &lits,
            true,
            "I don’t send the café’s .pt file — ÜMLAUT ümlaut fca€",
        );
        same(&lits, false, "ééé.ptéé don’t send FCA");
    }

    /// Past [`DFA_MAX_LITERAL_BYTES`](super::DFA_MAX_LITERAL_BYTES) of
    /// literal text a set is an NFA (a DFA of an 8 MiB rubric would take
    /// gigabytes), and still reports exactly what the oracle does.
    #[test]
    fn large_sets_use_the_nfa_and_find_the_same() {
        let many: Vec<String> = (0..8000).map(|i| format!("word{i:05}x")).collect();
        assert!(many.iter().map(String::len).sum::<usize>() > super::DFA_MAX_LITERAL_BYTES);
        let set = LiteralSet::new(&many, true).unwrap();
        assert!(!set.is_dfa());
        let hay = "say WORD00042x and word07999x, not word8000x; word00001xword00002x";
        let mut got = Vec::new();
        set.for_each(hay.as_bytes(), 0, hay.len(), |id, s| got.push((id, s)));
        got.sort_unstable();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(got, oracle(&refs, true, hay, 0, hay.len()));
        assert_eq!(got.len(), 4);
        // A small set is still the striped DFA.
        assert!(LiteralSet::new(&many[..10], true).unwrap().is_dfa());
    }

    #[test]
    fn a_span_limits_where_matches_may_lie() {
        let lits = ["not", "never", "no"];
        let hay = "I will not, never no";
        for (a, b) in [(0, 10), (7, 10), (8, 20), (0, 8), (11, 16), (5, 5)] {
            assert_eq!(ours(&lits, true, hay, a, b), oracle(&lits, true, hay, a, b));
        }
    }

    #[test]
    fn long_texts_walked_in_stripes_report_each_match_once() {
        // Matches straddle every stripe boundary somewhere in these texts:
        // the filler's length walks through all offsets.
        let lits = [
            "kill switch",
            "switch",
            "sec",
            "wipe the logs",
            "s",
            "the logs",
        ];
        for pad in 0..40 {
            let filler = "x".repeat(pad);
            let hay: String = (0..60)
                .map(|i| {
                    format!(
                        "{filler}Kill Switch{i} wipe THE logs, SEC{}",
                        "é".repeat(i % 3)
                    )
                })
                .collect();
            same(&lits, true, &hay);
            same(&lits, false, &hay);
            let n = hay.len();
            for (a, b) in [(1, n - 1), (pad, n / 2), (n / 3, n)] {
                assert_eq!(
                    ours(&lits, true, &hay, a, b),
                    oracle(&lits, true, &hay, a, b)
                );
            }
        }
    }

    #[test]
    fn many_literals_sharing_prefixes_and_buckets() {
        // Enough literals that hash buckets and table probes collide.
        let owned: Vec<String> = (0..2000)
            .map(|i| format!("k{}x{i}", i % 7))
            .chain(["k", "k1", "k1x", "k1x1"].map(String::from))
            .collect();
        let lits: Vec<&str> = owned.iter().map(String::as_str).collect();
        let hay: String = (0..400).map(|i| format!("K{}X{} ", i % 9, i * 7)).collect();
        same(&lits, true, &hay);
        same(&lits, false, &hay);
    }

    #[test]
    fn the_compact_table_is_used_and_finds_what_the_dfa_finds() {
        // Literals with punctuation, digits, a curly apostrophe and shared
        // prefixes; a text with bytes no literal holds, both cases, and
        // non-ASCII characters next to hits.
        let owned: Vec<String> = [
            "I won't",
            "I won’t",
            "rm -rf",
            "--replicas=0",
            "/etc/passwd",
            "it_9",
            "ab",
            "abc",
            "bca",
            "’",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain((0..300).map(|i| format!("w{}o{}rd", i % 13, i)))
        .collect();
        let lits: Vec<&str> = owned.iter().map(String::as_str).collect();
        for fold in [true, false] {
            let folded: Vec<String> = owned
                .iter()
                .map(|l| {
                    if fold {
                        l.to_ascii_lowercase()
                    } else {
                        l.clone()
                    }
                })
                .collect();
            assert!(LiteralSet::new(&folded, fold).unwrap().is_compact());
        }
        let hay: String = (0..200)
            .map(|i| {
                format!(
                    "I WON'T{{}} i won’t — RM -RF /ETC/passwd \u{0}é W{}O{}RD ABCA it_9\t--Replicas=0 ",
                    i % 13,
                    i * 3
                )
            })
            .collect();
        same(&lits, true, &hay);
        same(&lits, false, &hay);
        same(&lits, true, "ab");
        same(&lits, true, "\u{ff}\u{0}ab’");
    }

    #[test]
    fn a_set_with_more_states_than_16_bits_name_walks_the_dfa_itself() {
        // ~50,000 distinct trie states: above the compact table's 32,767,
        // below the DFA's limit.
        let owned: Vec<String> = (0..2500)
            .map(|i: u32| {
                let mut x = i.wrapping_mul(2_654_435_761);
                (0..20)
                    .map(|_| {
                        x = x.rotate_left(5) ^ 0x9e37_79b9;
                        char::from(b'a' + (x % 26) as u8)
                    })
                    .collect()
            })
            .collect();
        assert!(owned.iter().map(String::len).sum::<usize>() <= super::DFA_MAX_LITERAL_BYTES);
        let set = LiteralSet::new(&owned, true).unwrap();
        assert!(set.is_dfa() && !set.is_compact());
        let lits: Vec<&str> = owned.iter().map(String::as_str).collect();
        let hay = format!(
            "{} and {} x{}",
            owned[7].to_uppercase(),
            owned[2499],
            &owned[42][3..]
        );
        same(&lits, true, &hay);
        assert!(ours(&lits, true, &hay, 0, hay.len()).len() >= 2);
    }
}
