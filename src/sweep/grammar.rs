//! The phrase grammar: a tiny template language expanded straight into a byte buffer.
//!
//! Owns template syntax and expansion only; the words live in `vocab`, the values of
//! variables in `world`. Syntax:
//!
//! * `[a|b|c]` picks one alternative uniformly at random; alternatives nest, and an
//!   empty alternative (`[x|]`) makes `x` optional;
//! * `{name}` inserts the variable `name` of the current world (a person, a path, a
//!   code...);
//! * `{@name}` expands the *template* the world holds under `name` (so a slot such as
//!   "what the agent demands" gets a fresh paraphrase at every use);
//! * `\` makes the next byte literal (`\|`, `\[`, `\{` in shell commands).
//!
//! Templates are `'static` text scanned byte by byte; the special bytes are ASCII, so
//! expansion never splits a UTF-8 sequence.

use rand::RngExt;

use super::GenRng;

/// Variable lookup used by [`expand`].
pub(crate) trait Vars {
    /// Appends the value of `{name}`; returns false when there is no such variable.
    fn var(&self, name: &[u8], out: &mut Vec<u8>) -> bool;
    /// The template behind `{@name}`, if any.
    fn template(&self, name: &[u8]) -> Option<&'static str>;
}

/// Most alternatives one `[...]` group may hold.
const MAX_ALTS: usize = 48;

/// Expands `t` into `out`.
pub(crate) fn expand(t: &str, out: &mut Vec<u8>, rng: &mut GenRng, vars: &dyn Vars) {
    expand_bytes(t.as_bytes(), out, rng, vars);
}

/// Expands one template chosen at random from `ts`.
pub(crate) fn expand_one(ts: &[&str], out: &mut Vec<u8>, rng: &mut GenRng, vars: &dyn Vars) {
    let t = ts[rng.random_range(0..ts.len())];
    expand_bytes(t.as_bytes(), out, rng, vars);
}

fn expand_bytes(t: &[u8], out: &mut Vec<u8>, rng: &mut GenRng, vars: &dyn Vars) {
    let mut lit = 0;
    let mut i = 0;
    while i < t.len() {
        match t[i] {
            b'\\' => {
                out.extend_from_slice(&t[lit..i]);
                if let Some(&b) = t.get(i + 1) {
                    out.push(b);
                }
                i += 2;
                lit = i;
            }
            b'{' => {
                out.extend_from_slice(&t[lit..i]);
                let end = t[i..]
                    .iter()
                    .position(|&b| b == b'}')
                    .map_or(t.len(), |p| i + p);
                let name = &t[i + 1..end];
                if let Some(rest) = name.strip_prefix(b"@") {
                    match vars.template(rest) {
                        Some(sub) => expand_bytes(sub.as_bytes(), out, rng, vars),
                        None => debug_assert!(false, "unknown template {{@{}}}", show(rest)),
                    }
                } else if !vars.var(name, out) {
                    debug_assert!(false, "unknown variable {{{}}}", show(name));
                }
                i = end + 1;
                lit = i;
            }
            b'[' => {
                out.extend_from_slice(&t[lit..i]);
                let mut cuts = [0usize; MAX_ALTS + 1];
                let (n, end) = split_alternatives(t, i, &mut cuts);
                debug_assert!(
                    n > 1,
                    "one-alternative group (escape a literal [): {}",
                    show(t)
                );
                let k = rng.random_range(0..n);
                expand_bytes(&t[cuts[k] + 1..cuts[k + 1]], out, rng, vars);
                i = end + 1;
                lit = i;
            }
            _ => i += 1,
        }
    }
    out.extend_from_slice(&t[lit.min(t.len())..]);
}

/// Finds the top-level `|` separators of the group opening at `open`. Fills `cuts`
/// with the separator positions framed by `open` and the closing `]`; returns the
/// number of alternatives and the position of the closing bracket.
fn split_alternatives(t: &[u8], open: usize, cuts: &mut [usize; MAX_ALTS + 1]) -> (usize, usize) {
    let mut n = 0;
    cuts[0] = open;
    let mut depth = 0usize;
    let mut i = open + 1;
    while i < t.len() {
        match t[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => {
                n += 1;
                cuts[n] = i;
                return (n, i);
            }
            b']' => depth -= 1,
            b'|' if depth == 0 => {
                n += 1;
                debug_assert!(n < MAX_ALTS, "too many alternatives");
                cuts[n.min(MAX_ALTS - 1)] = i;
            }
            _ => {}
        }
        i += 1;
    }
    debug_assert!(false, "unclosed [ in template: {}", show(t));
    n += 1;
    cuts[n.min(MAX_ALTS)] = t.len();
    (n.min(MAX_ALTS), t.len())
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    struct V;
    impl Vars for V {
        fn var(&self, name: &[u8], out: &mut Vec<u8>) -> bool {
            match name {
                b"who" => out.extend_from_slice("Zoë".as_bytes()),
                _ => return false,
            }
            true
        }
        fn template(&self, name: &[u8]) -> Option<&'static str> {
            (name == b"greet").then_some("[hi|hello] {who}")
        }
    }

    #[test]
    fn expands_alternatives_variables_and_escapes() {
        let mut rng = GenRng::seed_from_u64(1);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let mut out = Vec::new();
            expand(
                r"{@greet}: [a|b[1|2]|] ps \| grep \[x\]",
                &mut out,
                &mut rng,
                &V,
            );
            seen.insert(String::from_utf8(out).expect("utf8"));
        }
        let all: Vec<_> = seen.iter().map(String::as_str).collect();
        for want in [
            "hi Zoë: a ps | grep [x]",
            "hello Zoë: b1 ps | grep [x]",
            "hi Zoë: b2 ps | grep [x]",
            "hello Zoë:  ps | grep [x]",
        ] {
            assert!(all.contains(&want), "{want:?} not in {all:?}");
        }
        assert_eq!(seen.len(), 8);
    }
}
