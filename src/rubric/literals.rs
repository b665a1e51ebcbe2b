//! Literal scanning: every occurrence of every literal of a set, overlapping
//! ones included (Aho–Corasick's `MatchKind::Standard` overlapping results).
//!
//! The automaton is aho-corasick's DFA (the same states, in the same order:
//! a test compares them), but built and driven here rather than through its
//! builder and search iterators. Building it directly from a trie over the
//! literals' byte classes skips aho-corasick's NFA and padded DFA, which
//! were most of the built-in rubric's start-up (docs/performance.md). Sets
//! too large for a DFA still use aho-corasick's own automaton.
//!
//! Driven here: a byte-at-a-time DFA is one dependent load per byte, so a
//! single walk is latency-bound (benches/README.md). Longer texts are cut
//! into a few stripes walked in lockstep, each from the start state; the
//! stripes' loads are independent, so they overlap in the CPU. A stripe runs
//! `longest literal - 1` bytes past its end and reports only matches that
//! start inside it, so every occurrence is reported exactly once.
//!
//! The table ([`Compact`]) is laid out for the cache: one column per byte
//! class the literals use (aho-corasick pads rows to a power of two), states
//! in breadth-first order with the states that end a literal last, entries
//! that are the next state's 16-bit index. A step is a multiply-add and a
//! load, and "a literal ends here" is one comparison. The tables are a fraction of
//! aho-corasick's padded ones, which matters because a record's texts are
//! short and each record's parse evicts the automata, so a step was often a
//! cache miss; and the walk keeps its state in a register (the former one
//! reloaded it from the stack every byte). Sizes and the speed-up are in
//! docs/performance.md.

use aho_corasick::{AhoCorasick, MatchKind};

/// Texts shorter than this are walked as one stripe: below it the stripes'
/// overlap and set-up cost more than the parallel walk saves. Chosen by
/// measurement with the register-tight walk (docs/performance.md): most
/// tool-argument and reasoning texts are a few hundred bytes, so a higher
/// threshold leaves them walked alone.
const STRIPE_MIN: usize = 32;

/// Past this much literal text a set is scanned by aho-corasick's NFA, not
/// a DFA. A DFA state per byte of literal text, each a row of the byte
/// classes, makes the DFA hundreds of times the text: fine for the built-in
/// rubric, tens of MB at this limit, but gigabytes and most of a minute of
/// compiling for a rubric at the literal limit (docs/performance.md). The
/// NFA is slower per byte but small.
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
    /// The DFA, built here and laid out for the cache.
    Compact(Box<Compact>),
    /// When the DFA would be too large: aho-corasick's own choice (an NFA).
    Other(AhoCorasick),
}

impl LiteralSet {
    /// Builds the set. `lits` must be non-empty strings without NUL; when
    /// `fold`, they must already be ASCII-lower-cased. Literal `i` is
    /// reported as id `i`.
    pub(crate) fn new(lits: &[String], fold: bool) -> Result<LiteralSet, String> {
        let text: usize = lits.iter().map(String::len).sum();
        let compact = if text <= DFA_MAX_LITERAL_BYTES {
            Compact::build(lits, fold)
        } else {
            None
        };
        let scan = match compact {
            Some(c) => Scan::Compact(Box::new(c)),
            None => Scan::Other(
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
        let c = match &self.scan {
            Scan::Compact(c) => c,
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
        if n >= 4 * STRIPE_MIN + overlap {
            self.walk::<4>(c, hay, from, to, &mut f);
        } else if n >= 2 * STRIPE_MIN + overlap {
            self.walk::<2>(c, hay, from, to, &mut f);
        } else {
            self.walk::<1>(c, hay, from, to, &mut f);
        }
    }

    /// Walks `hay[from..to]` as `N` stripes in lockstep. The table, the
    /// states and the bounds live in locals: a walk that reached them
    /// through `self` kept the state on the stack, a store and a reload in
    /// every byte's dependent chain.
    #[inline(always)]
    fn walk<const N: usize>(
        &self,
        c: &Compact,
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
        let mut limit = [0usize; N];
        for (k, o) in own.iter_mut().enumerate() {
            *o = from + k * step;
        }
        for k in 0..N {
            limit[k] = if k + 1 < N { own[k + 1] } else { to };
            end[k] = (limit[k] + overlap).min(to);
        }
        // `trans` is `mask + 1` long, so indexing with `& mask` needs no
        // bounds check; every real index is below that length anyway.
        let mask = c.mask;
        let trans = &c.trans[..=mask];
        let (classes, base, stride) = (&c.classes, c.match_base, c.stride);
        let mut s = [c.start; N];
        // Lockstep over the length every stripe has; then each stripe's rest.
        let common = (0..N).map(|k| end[k] - own[k]).min().unwrap_or(0);
        let lanes: [&[u8]; N] = std::array::from_fn(|k| &hay[own[k]..own[k] + common]);
        for j in 0..common {
            for k in 0..N {
                s[k] = u32::from(
                    trans[(s[k] as usize * stride
                        + usize::from(classes[usize::from(lanes[k][j])]))
                        & mask],
                );
                if s[k] >= base {
                    self.report(c, s[k], own[k] + j, limit[k], f);
                }
            }
        }
        for k in 0..N {
            let rest = own[k] + common;
            let mut st = s[k];
            for (i, &b) in hay[rest..end[k]].iter().enumerate() {
                st = u32::from(
                    trans[(st as usize * stride + usize::from(classes[usize::from(b)])) & mask],
                );
                if st >= base {
                    self.report(c, st, rest + i, limit[k], f);
                }
            }
        }
    }

    /// The literals ending at byte `at` (the last byte read) in match state
    /// `s` that start before `limit`. Out of line: matches are rare, and
    /// the walk's loop stays small.
    #[inline(never)]
    fn report(&self, c: &Compact, s: u32, at: usize, limit: usize, f: &mut impl FnMut(u32, usize)) {
        let k = (s - c.match_base) as usize;
        for &pid in &c.pats[c.ends[k] as usize..c.ends[k + 1] as usize] {
            let start = at + 1 - self.lens[pid as usize] as usize;
            if start < limit {
                f(pid, start);
            }
        }
    }
}

/// The DFA laid out for the cache: one column per byte class the literals
/// use (not a power of two), states in breadth-first order so the shallow
/// states every byte passes through sit together, except the states that
/// end a literal, which come last: an entry is the next state's index, and
/// a state ends a literal when its index is at least `match_base`. The
/// step is then a multiply-add and a load, with no flag to strip.
#[derive(Clone, Debug)]
pub(crate) struct Compact {
    classes: [u8; 256],
    stride: usize,
    /// Padded to a power of two, `mask + 1` entries: 16-bit state
    /// indices, half the bytes of 32-bit ones. A record's texts are short
    /// and grading one evicts the tables from the cache, so a step is often
    /// a cache miss, and a smaller table misses less (docs/performance.md).
    /// A set under `DFA_MAX_LITERAL_BYTES` has at most one state more than
    /// it has bytes of literals: 16 bits hold all but that one case, which
    /// uses the NFA.
    trans: Vec<u16>,
    mask: usize,
    start: u32,
    match_base: u32,
    /// For match state `k` (counting from the first), its literals are
    /// `pats[ends[k]..ends[k + 1]]`.
    ends: Vec<u32>,
    pats: Vec<u32>,
}

impl Compact {
    /// Builds the table straight from `lits` (ASCII-case-folded when
    /// `fold`): a trie over byte classes, completed breadth first into the
    /// Aho–Corasick DFA (a missing edge is the failure state's edge, whose
    /// row is already complete: it is shallower). `None` only if the
    /// literals used every byte value (UTF-8 text never does) or the
    /// states outgrew 16-bit indices (a set under `DFA_MAX_LITERAL_BYTES`
    /// only if it holds 64 KiB of literals sharing no prefix).
    ///
    /// This is the DFA aho-corasick builds, state for state and in the same
    /// order (a test compares them), without building it first: that build
    /// (its NFA, then a DFA with rows padded to a power of two, then this
    /// copy) was most of the built-in rubric's start-up.
    ///
    /// Classes: a byte no literal holds leads every state where it leads the
    /// start state (no trie edge carries it), so all such bytes are one
    /// class; under folding a letter and its other case are one class; every
    /// other byte a literal holds is a class of its own.
    fn build(lits: &[String], fold: bool) -> Option<Compact> {
        const NONE: u32 = u32::MAX;
        // Bytes no literal holds all behave alike: class 0. Under ASCII case
        // folding a letter and its other case share a class.
        let mut classes = [0u8; 256];
        let mut stride = 1usize;
        for l in lits {
            for &b in l.as_bytes() {
                let b = if fold { b.to_ascii_lowercase() } else { b };
                if classes[usize::from(b)] != 0 {
                    continue;
                }
                let c = u8::try_from(stride).ok()?;
                classes[usize::from(b)] = c;
                if fold {
                    classes[usize::from(b.to_ascii_uppercase())] = c;
                }
                stride += 1;
            }
        }
        // Class 0 needs a byte no literal holds (literals hold no NUL, but
        // look rather than assume).
        (0..=255u8).find(|&b| classes[usize::from(b)] == 0)?;
        // The trie, one row of `stride` entries per state, state 0 the root;
        // `own[s]`: the literals that end at `s`, in input order.
        let mut delta: Vec<u32> = vec![NONE; stride];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (pid, l) in lits.iter().enumerate() {
            let mut s = 0usize;
            for &b in l.as_bytes() {
                let e = s * stride + usize::from(classes[usize::from(b)]);
                if delta[e] == NONE {
                    delta[e] = u32::try_from(own.len()).ok()?;
                    delta.resize(delta.len() + stride, NONE);
                    own.push(Vec::new());
                }
                s = delta[e] as usize;
            }
            own[s].push(u32::try_from(pid).ok()?);
        }
        // Breadth first, children in class order: each state's failure
        // state and full row, and its matches (its own, then its failure
        // state's, as aho-corasick orders them).
        let n = own.len();
        let mut order: Vec<u32> = Vec::with_capacity(n);
        let mut fail = vec![0u32; n];
        let mut matches: Vec<Vec<u32>> = vec![Vec::new(); n];
        order.push(0);
        let mut i = 0;
        while i < order.len() {
            let s = order[i] as usize;
            i += 1;
            let mut m = std::mem::take(&mut own[s]);
            if s != 0 {
                m.extend_from_slice(&matches[fail[s] as usize]);
            }
            matches[s] = m;
            let f = fail[s] as usize;
            for c in 0..stride {
                let e = s * stride + c;
                let via_fail = if s == 0 { 0 } else { delta[f * stride + c] };
                if delta[e] == NONE {
                    delta[e] = via_fail;
                } else {
                    fail[delta[e] as usize] = via_fail;
                    order.push(delta[e]);
                }
            }
        }
        // State indices: states that end no literal first, in that order.
        u16::try_from(n - 1).ok()?;
        let mut offset = vec![0u32; n];
        let mut next = 0u32;
        for matching in [false, true] {
            for &s in order
                .iter()
                .filter(|&&s| matches[s as usize].is_empty() != matching)
            {
                offset[s as usize] = next;
                next += 1;
            }
        }
        let match_base = u32::try_from(
            order
                .iter()
                .filter(|&&s| matches[s as usize].is_empty())
                .count(),
        )
        .ok()?;
        let mut trans = vec![0u32; n * stride];
        let mut ends = vec![0u32];
        let mut pats = Vec::new();
        for matching in [false, true] {
            for &s in order
                .iter()
                .filter(|&&s| matches[s as usize].is_empty() != matching)
            {
                let s = s as usize;
                let row = offset[s] as usize * stride;
                for c in 0..stride {
                    trans[row + c] = offset[delta[s * stride + c] as usize];
                }
                if matching {
                    pats.extend_from_slice(&matches[s]);
                    ends.push(u32::try_from(pats.len()).ok()?);
                }
            }
        }
        let mask = trans.len().next_power_of_two() - 1;
        trans.resize(mask + 1, 0);
        Some(Compact {
            classes,
            stride,
            trans: trans.into_iter().map(|e| e as u16).collect(),
            mask,
            start: offset[0],
            match_base,
            ends,
            pats,
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `\b` semantics at both ends of `text[start..end]`, Unicode-aware: an end
/// that is a word character must not touch another word character.
pub(crate) fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let first_word = m.chars().next().is_some_and(is_word_char);
    let last_word = m.chars().next_back().is_some_and(is_word_char);
    let before = text[..start].chars().next_back().is_some_and(is_word_char);
    let after = text[end..].chars().next().is_some_and(is_word_char);
    !(first_word && before || last_word && after)
}

#[cfg(test)]
mod tests {
    use super::{Compact, LiteralSet, Scan};
    use aho_corasick::automaton::Automaton;
    use aho_corasick::dfa::DFA;
    use aho_corasick::{AhoCorasick, Anchored, MatchKind, StartKind};
    use proptest::prelude::*;

    /// The table as it was built before: aho-corasick's DFA, copied by a
    /// breadth-first walk. The oracle for [`Compact::build`].
    fn from_dfa(dfa: &DFA, lits: &[String], fold: bool) -> Option<Compact> {
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
        let is_match = |sid| dfa.is_special(sid) && Automaton::is_match(dfa, sid);
        // Every state, breadth first; `seen` is indexed by the DFA's ids.
        let mut seen: Vec<bool> = Vec::new();
        let mut order: Vec<StateID> = Vec::new();
        let mut visit = |sid: StateID, order: &mut Vec<StateID>| {
            let k = sid.as_usize();
            if k >= seen.len() {
                seen.resize(k + 1, false);
            }
            if !seen[k] {
                seen[k] = true;
                order.push(sid);
            }
        };
        visit(start, &mut order);
        let mut i = 0;
        while i < order.len() {
            let s = order[i];
            for &b in &reps {
                visit(dfa.next_state(Anchored::No, s, b), &mut order);
            }
            i += 1;
        }
        // State indices: states that end no literal first, in that order.
        u16::try_from(order.len() - 1).ok()?;
        let mut offset: Vec<u32> = vec![u32::MAX; seen.len()];
        let mut next = 0u32;
        for matching in [false, true] {
            for &sid in order.iter().filter(|&&sid| is_match(sid) == matching) {
                offset[sid.as_usize()] = next;
                next += 1;
            }
        }
        let match_base = u32::try_from(order.iter().filter(|&&sid| !is_match(sid)).count()).ok()?;
        let mut trans = vec![0u32; order.len() * stride];
        let mut matching: Vec<StateID> = Vec::new();
        for &sid in &order {
            let row = offset[sid.as_usize()] as usize * stride;
            for (c, &b) in reps.iter().enumerate() {
                trans[row + c] = offset[dfa.next_state(Anchored::No, sid, b).as_usize()];
            }
            if is_match(sid) {
                matching.push(sid);
            }
        }
        let mut ends = vec![0u32];
        let mut pats = Vec::new();
        for &sid in &matching {
            for k in 0..dfa.match_len(sid) {
                pats.push(dfa.match_pattern(sid, k).as_u32());
            }
            ends.push(u32::try_from(pats.len()).ok()?);
        }
        let mask = trans.len().next_power_of_two() - 1;
        trans.resize(mask + 1, 0);
        Some(Compact {
            classes,
            stride,
            trans: trans.into_iter().map(|e| e as u16).collect(),
            mask,
            start: offset[start.as_usize()],
            match_base,
            ends,
            pats,
        })
    }

    /// `Compact::build` equals the copy of aho-corasick's DFA, entry for
    /// entry: the same states in the same order, the same matches.
    fn same_table(lits: &[String], fold: bool) {
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(fold)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(lits)
            .unwrap();
        let want = from_dfa(&dfa, lits, fold).unwrap();
        let got = Compact::build(lits, fold).unwrap();
        assert_eq!(got.classes, want.classes);
        assert_eq!(got.stride, want.stride);
        assert_eq!(got.mask, want.mask);
        assert_eq!(got.start, want.start);
        assert_eq!(got.match_base, want.match_base);
        assert!(
            got.trans == want.trans,
            "transition tables differ for {lits:?}"
        );
        assert_eq!(got.ends, want.ends);
        assert_eq!(got.pats, want.pats);
    }

    #[test]
    fn the_table_is_aho_corasicks_dfa_for_the_built_in_rubric() {
        // Every literal of the built-in rubric in one set per case mode: a
        // superset of each scope's set (~1,000 literals where the largest
        // scope has ~650).
        let r = crate::rubric::builtin();
        for fold in [true, false] {
            let lits: Vec<String> = r
                .literal_sources()
                .iter()
                .filter(|l| l.case_sensitive() != fold)
                .map(|l| {
                    if fold {
                        l.text().to_ascii_lowercase()
                    } else {
                        l.text().to_string()
                    }
                })
                .collect();
            assert!(!lits.is_empty() || !fold);
            if !lits.is_empty() {
                same_table(&lits, fold);
            }
        }
    }

    #[test]
    fn the_built_in_rubrics_sets_are_all_walked_as_dfas() {
        // Its largest scope set has ~12,000 states, well within the
        // 16-bit indices of the table.
        let r = crate::rubric::builtin();
        let mut sets = 0;
        for m in r.matchers() {
            for set in [m.folded(), m.exact()].into_iter().flatten() {
                assert!(matches!(set.scan, Scan::Compact(_)));
                sets += 1;
            }
        }
        assert!(sets >= 6);
    }

    proptest! {
        /// Small alphabets, so literals share prefixes and suffixes and the
        /// failure links are exercised; duplicates and one-byte literals too.
        #[test]
        fn the_table_is_aho_corasicks_dfa(
            lits in proptest::collection::vec("[abAB’c-]{1,6}", 1..40),
            fold in any::<bool>(),
            hay in "[abcABC’ x-]{0,200}",
        ) {
            let lits: Vec<String> = lits
                .into_iter()
                .map(|l| if fold { l.to_ascii_lowercase() } else { l })
                .collect();
            same_table(&lits, fold);
            let refs: Vec<&str> = lits.iter().map(String::as_str).collect();
            same(&refs, fold, &hay);
        }
    }

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
    fn every_text_length_across_the_stripe_thresholds() {
        // One, two and four stripes, with matches cut at every stripe edge.
        let lits = ["kill switch", "switch", "sec", "s", "it s"];
        let unit = "Kill Switch, sec; wipe it s ";
        for len in 0..400 {
            let hay: String = unit.chars().cycle().take(len).collect();
            same(&lits, true, &hay);
            same(&lits, false, &hay);
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
            assert!(LiteralSet::new(&folded, fold).unwrap().is_dfa());
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
    fn a_set_with_tens_of_thousands_of_states_is_walked_the_same() {
        // ~50,000 distinct trie states: indices near the 16-bit limit.
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
        assert!(set.is_dfa());
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
