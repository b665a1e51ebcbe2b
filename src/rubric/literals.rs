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
            Ok(d) => Scan::Dfa(Box::new(d)),
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
        matches!(self.scan, Scan::Dfa(_))
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
        let dfa = match &self.scan {
            Scan::Dfa(d) => d,
            Scan::Other(ac) => {
                let input = aho_corasick::Input::new(hay).span(from..to);
                for m in ac.find_overlapping_iter(input) {
                    f(m.pattern().as_u32(), m.start());
                }
                return;
            }
        };
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
            4 => self.walk::<4>(dfa, hay, from, to, &mut f),
            2 => self.walk::<2>(dfa, hay, from, to, &mut f),
            _ => self.walk::<1>(dfa, hay, from, to, &mut f),
        }
    }

    /// Walks `hay[from..to]` as `N` stripes in lockstep.
    #[inline(always)]
    fn walk<const N: usize>(
        &self,
        dfa: &DFA,
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
        let Ok(start) = dfa.start_state(Anchored::No) else {
            return;
        };
        let mut sid = [start; N];
        let mut report = |k: usize, sid, at: usize| {
            // `at` is the last byte read; a match ends just after it.
            for i in 0..dfa.match_len(sid) {
                let pid = dfa.match_pattern(sid, i);
                let s = at + 1 - dfa.pattern_len(pid);
                if s < limit(k) {
                    f(pid.as_u32(), s);
                }
            }
        };
        // Lockstep over the length every stripe has; then each stripe's rest.
        let common = (0..N).map(|k| end[k] - own[k]).min().unwrap_or(0);
        for j in 0..common {
            for k in 0..N {
                let at = own[k] + j;
                sid[k] = dfa.next_state(Anchored::No, sid[k], hay[at]);
                if dfa.is_special(sid[k]) && dfa.is_match(sid[k]) {
                    report(k, sid[k], at);
                }
            }
        }
        for k in 0..N {
            let rest = own[k] + common;
            for (at, &b) in hay[rest..end[k]].iter().enumerate() {
                sid[k] = dfa.next_state(Anchored::No, sid[k], b);
                if dfa.is_special(sid[k]) && dfa.is_match(sid[k]) {
                    report(k, sid[k], rest + at);
                }
            }
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
}
