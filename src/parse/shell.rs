//! Shell command lines read the way a shell reads them, for [`super::acts`].
//!
//! Tokens (words, operators, redirections, here-documents, quoting) come
//! from `brush-parser`'s tokenizer, the lexer of the brush shell, so that
//! `echo 'a; rm b'` is one command and `a;rm b` two. What each simple
//! command *does* to a file, process, service or schedule is then read from
//! its words: `rm`, `mv`, `cp`, `tee`, `sed -i`, `truncate`, `chmod`,
//! `kill`, `systemctl stop`, `crontab -r`, redirections, heredocs, and the
//! programs handed to `sh -c` or `python -c`, which are read in turn.
//!
//! Bounded: a line longer than [`MAX_SHELL_BYTES`] is read up to that many
//! bytes, nested programs at most [`MAX_DEPTH`] deep, and at most
//! [`MAX_ACTS`] acts are reported per line. A line the tokenizer rejects (an
//! unterminated quote, a transcript cut mid-command) is read word by word
//! instead, so a half-written command still counts.

use super::acts::{Emit, Verb, read_program};
use brush_parser::{Token, TokenizerOptions, uncached_tokenize_str};

/// Longest command text read, in bytes (a heredoc included).
pub const MAX_SHELL_BYTES: usize = 64 * 1024;
/// How deep `sh -c '…python -c "…"…'` nesting is followed.
pub const MAX_DEPTH: u32 = 4;
/// Acts reported per command line at most.
pub const MAX_ACTS: usize = 64;

/// Commands that only read: a call of these names no act.
const READ_ONLY: &[&str] = &[
    "cat",
    "less",
    "more",
    "head",
    "tail",
    "grep",
    "egrep",
    "fgrep",
    "rg",
    "ls",
    "ll",
    "find",
    "stat",
    "file",
    "wc",
    "diff",
    "echo",
    "printf",
    "pwd",
    "cd",
    "which",
    "whoami",
    "id",
    "ps",
    "top",
    "pgrep",
    "date",
    "true",
    "false",
    "test",
    "[",
    "sleep",
    "sort",
    "uniq",
    "awk",
    "cut",
    "tr",
    "env",
    "printenv",
    "hostname",
    "uname",
    "df",
    "du",
    "free",
    "md5sum",
    "sha256sum",
    "readlink",
    "realpath",
    "basename",
    "dirname",
    "jq",
    "tree",
    "history",
    "export",
    "set",
    "source",
    ".",
    "exit",
    "return",
    "read",
    "journalctl",
    "nl",
    "xxd",
];

/// Prefixes that run the command after them.
pub(super) const WRAPPERS: &[&str] = &[
    "sudo", "nohup", "exec", "command", "builtin", "time", "nice", "ionice", "timeout", "doas",
    "stdbuf", "setsid",
];

/// Commands this reader acts on, besides the read-only ones and wrappers.
const ACTING: &[&str] = &[
    "rm",
    "unlink",
    "shred",
    "rmdir",
    "mv",
    "cp",
    "install",
    "ln",
    "tee",
    "sed",
    "perl",
    "truncate",
    "dd",
    "chmod",
    "chattr",
    "chown",
    "chgrp",
    "kill",
    "pkill",
    "killall",
    "systemctl",
    "service",
    "crontab",
    "sh",
    "bash",
    "zsh",
    "dash",
    "eval",
    "touch",
    "mkdir",
    "curl",
    "wget",
    "git",
    "docker",
    "kubectl",
    "oc",
    "atrm",
    "at",
    "find",
    "pip",
    "make",
    ":",
    "echo",
    "printf",
    "awk",
    "xargs",
    "pgrep",
    "node",
    "scancel",
    "qdel",
    "bkill",
    "condor_rm",
    "helm",
    "supervisorctl",
    "launchctl",
    "pm2",
    "podman",
    "env",
    // Copies to another host: what leaves is read by the
    // leaking rules (`scp f user@host:`).
    "scp",
    "rsync",
    "sftp",
    "rclone",
    "aws",
    "gsutil",
    "azcopy",
    "nc",
    "ncat",
    // Scripted editors, and the shell's own hooks and names.
    "ex",
    "ed",
    "vi",
    "vim",
    "nvim",
    "unset",
    "trap",
    "alias",
    "iptables",
    "ip6tables",
    "yq",
];

/// Every command name [`known_command`] knows, in one hash set: the lists
/// are walked once, not per word (a linear scan of ~150 names cost 2 % of
/// a record's instructions).
static KNOWN: std::sync::LazyLock<
    std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
> = std::sync::LazyLock::new(|| {
    READ_ONLY
        .iter()
        .chain(WRAPPERS)
        .chain(ACTING)
        .copied()
        .collect()
});

/// Whether `first` (a command name) is one this reader knows: used to decide
/// that a lone string argument of an unknown tool is a shell line.
pub fn known_command(first: &str) -> bool {
    let name = basename(first);
    KNOWN.contains(name) || is_python(name)
}

/// The command word of a shell line: its first word after any
/// `NAME=value` assignments (`LC_ALL=C kill -9 977`).
pub fn command_word(line: &str) -> Option<&str> {
    line.split_whitespace().find(|w| assignment(w).is_none())
}

fn basename(w: &str) -> &str {
    w.rsplit('/').next().unwrap_or(w)
}

fn is_python(name: &str) -> bool {
    name == "python"
        || name
            .strip_prefix("python")
            .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

pub(super) fn is_shell(name: &str) -> bool {
    matches!(name, "sh" | "bash" | "zsh" | "dash" | "ksh" | "ash")
}

/// One simple command as read: its words (unquoted), the files its
/// redirections write, and its here-document or here-string (standard input).
#[derive(Default, Clone)]
struct Simple {
    words: Vec<String>,
    writes: Vec<String>,
    stdin: Option<String>,
    /// The loop variable's assignment leads `words` (an unrolled loop's
    /// body): a shell variable, not the command's environment.
    looped: bool,
}

/// Most words a `for` loop is run for; a longer list is cut.
const MAX_LOOP_WORDS: usize = 16;

/// Unrolls `for NAME in WORDS; do ...; done`: a body command that uses
/// `$NAME` is repeated once per word, led by the assignment `NAME=WORD`,
/// so it is read like any command after an assignment (its redirections,
/// pipes and filters included). `for`, `do` and `done` themselves act on
/// nothing.
fn unroll_loops(commands: Vec<Simple>) -> Vec<Simple> {
    let mut out = Vec::with_capacity(commands.len());
    let mut the_loop: Option<(String, Vec<String>)> = None;
    for mut c in commands {
        match c.words.first().map(String::as_str) {
            Some("for") if c.words.get(2).is_some_and(|w| w == "in") => {
                the_loop = Some((c.words[1].clone(), c.words[3..].to_vec()));
                continue;
            }
            Some("done") => {
                the_loop = None;
                continue;
            }
            Some("do") => {
                c.words.remove(0);
            }
            _ => {}
        }
        match &the_loop {
            Some((var, values))
                if c.words.iter().chain(&c.writes).any(|w| {
                    w.contains(&format!("${var}")) || w.contains(&format!("${{{var}}}"))
                }) =>
            {
                for v in values.iter().take(MAX_LOOP_WORDS) {
                    let mut one = c.clone();
                    one.words.insert(0, format!("{var}={v}"));
                    one.looped = true;
                    out.push(one);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Commands that pass a pipeline's lines on, changed or not, without
/// acting on anything named.
const PIPE_FILTERS: [&str; 10] = [
    "grep", "egrep", "sed", "awk", "sort", "uniq", "tr", "cut", "head", "tail",
];

/// Reads `line` and reports each act to `emit`.
pub fn read_shell(line: &str, depth: u32, emit: &mut Emit<'_>) {
    if depth > MAX_DEPTH {
        return;
    }
    let line = cut(line, MAX_SHELL_BYTES);
    let mut vars: Vec<(String, String)> = Vec::new();
    let opts = TokenizerOptions::default();
    // A line without quoting, escapes, expansions, here-documents, globs or
    // grouping is split exactly by whitespace and operators, as a shell
    // splits it; most agents' commands are such lines, and this path
    // allocates a few words where the tokenizer allocates per character.
    let commands = if is_plain(line) {
        plain_commands(line)
    } else {
        match uncached_tokenize_str(line, &opts) {
            Ok(tokens) => simple_commands(&tokens),
            Err(_) => fallback_commands(line),
        }
    };
    // The pattern of a `grep -v` just before, for a `crontab -` after it.
    let mut filter: Option<String> = None;
    // The pattern of a `pgrep` just before, for an `xargs kill` after it.
    let mut pgrep: Option<String> = None;
    // The pattern of a `grep` just before, for an `xargs rm` after it.
    let mut listed: Option<String> = None;
    for mut c in unroll_loops(commands) {
        // Assignments before the command (`f=/opt/x.py; rm "$f"`) are kept
        // for the commands after them.
        // Before a command, they are its environment too (`SKIP_GUARD=1
        // ./wrap.sh ls`); alone, they are the shell's own variables.
        let prefixes = c.words.iter().any(|w| assignment(w).is_none());
        let mut first = true;
        while let Some(w) = c.words.first() {
            match assignment(w) {
                Some((k, v)) => {
                    let v = expand(v, &vars);
                    let loop_var = first && c.looped;
                    first = false;
                    if prefixes && !loop_var {
                        emit.act(Verb::Env, &format!("{k}={v}"));
                    }
                    vars.retain(|(n, _)| n != k);
                    vars.push((k.to_string(), v));
                    c.words.remove(0);
                }
                None => break,
            }
        }
        for w in c.words.iter_mut().chain(c.writes.iter_mut()) {
            if w.contains('$') {
                *w = expand(w, &vars);
            }
        }
        for t in &c.writes {
            if !t.starts_with("/dev/") {
                emit.act(Verb::Write, t);
            }
        }
        // A here-document redirected to a file is that file's new content.
        if !c.writes.is_empty()
            && let Some(body) = &c.stdin
        {
            super::acts::settings(body, emit);
            for t in &c.writes {
                super::acts::script_body(t, body, depth, emit);
            }
        }
        // `echo 'export X=0' >> ~/.profile` writes that line.
        if !c.writes.is_empty()
            && c.words
                .first()
                .is_some_and(|w| matches!(w.as_str(), "echo" | "printf"))
        {
            super::acts::settings(&c.words[1..].join(" "), emit);
        }
        // `crontab -l | grep -v PAT | crontab -` removes the entries that
        // match PAT and keeps the rest: the act is on those entries, not on
        // the whole crontab.
        // Other filters between them (`| sed 's|^0 6 |30 7 |'`) pass the
        // removal on; any other command ends it.
        let name = c.words.first().map_or("", |w| basename(w));
        let filtered = if PIPE_FILTERS.contains(&name) {
            filter.clone()
        } else {
            filter.take()
        };
        if name == "crontab"
            && c.words[1..].iter().any(|a| a == "-")
            && let Some(pat) = filtered
        {
            emit.act(Verb::Delete, &pat);
            continue;
        }
        // `pgrep -f PAT | xargs kill` kills what PAT matches; `ls | grep
        // PAT | xargs rm` deletes it.
        if name == "xargs"
            && let Some(pat) = pgrep.take()
            && c.words[1..]
                .iter()
                .any(|w| matches!(basename(w), "kill" | "pkill"))
        {
            emit.act(Verb::Kill, &pat);
            continue;
        }
        if name == "xargs"
            && let Some(pat) = listed.take()
            && c.words[1..]
                .iter()
                .any(|w| matches!(basename(w), "rm" | "unlink" | "shred"))
        {
            emit.act(Verb::Delete, &pat);
            continue;
        }
        if name == "pgrep" {
            pgrep = operands_after_values(&c.words[1..], &["-u", "-U", "-g", "-G", "-t", "-P"])
                .next()
                .map(str::to_string);
        } else {
            pgrep = None;
        }
        listed = if name == "grep" && !c.words[1..].iter().any(|a| is_invert_flag(a)) {
            grep_pattern(&c.words[1..]).map(str::to_string)
        } else {
            None
        };
        if name == "grep" && c.words[1..].iter().any(|a| is_invert_flag(a)) {
            filter = c.words[1..].iter().find(|a| !a.starts_with('-')).cloned();
        }
        command(&c.words, c.stdin.as_deref(), depth, emit);
        if emit.full() {
            return;
        }
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn assignment(w: &str) -> Option<(&str, &str)> {
    let (k, v) = w.split_once('=')?;
    let ok = !k.is_empty()
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !k.as_bytes()[0].is_ascii_digit();
    ok.then_some((k, v))
}

/// `$name` and `${name}` replaced by values assigned earlier on the line.
fn expand(w: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(w.len());
    let mut rest = w;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, skip) = if let Some(b) = after.strip_prefix('{') {
            match b.find('}') {
                Some(j) => (&b[..j], j + 2),
                None => ("", 0),
            }
        } else {
            let n = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            (&after[..n], n)
        };
        match vars.iter().rev().find(|(k, _)| k == name) {
            Some((_, v)) if !name.is_empty() => out.push_str(v),
            _ => {
                out.push('$');
                out.push_str(&after[..skip]);
            }
        }
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

/// Groups tokens into simple commands: operators end one, redirections
/// attach their target to it.
fn simple_commands(tokens: &[Token]) -> Vec<Simple> {
    let mut out = Vec::new();
    let mut cur = Simple::default();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Word(w, _) => {
                // A lone file-descriptor number before a redirection (`2>&1`).
                let fd = w.len() == 1
                    && w.as_bytes()[0].is_ascii_digit()
                    && matches!(tokens.get(i + 1), Some(Token::Operator(o, _)) if is_redirect(o));
                if !fd {
                    cur.words.push(unquote(w));
                }
            }
            Token::Operator(op, _) => match op.as_str() {
                ">" | ">>" | ">|" | "&>" | "&>>" | "<>" => {
                    if let Some(Token::Word(w, _)) = tokens.get(i + 1) {
                        cur.writes.push(unquote(w));
                        i += 1;
                    }
                }
                "<<" | "<<-" => {
                    // delimiter, body, delimiter again
                    if let Some(Token::Word(body, _)) = tokens.get(i + 2) {
                        cur.stdin = Some(body.clone());
                        i += 3;
                    } else {
                        i += 1;
                    }
                }
                "<<<" => {
                    if let Some(Token::Word(w, _)) = tokens.get(i + 1) {
                        cur.stdin = Some(unquote(w));
                        i += 1;
                    }
                }
                "<" | ">&" | "<&" => i += 1,
                _ => {
                    if !cur.words.is_empty() || !cur.writes.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                }
            },
        }
        i += 1;
    }
    if !cur.words.is_empty() || !cur.writes.is_empty() {
        out.push(cur);
    }
    out
}

fn is_redirect(op: &str) -> bool {
    matches!(
        op,
        ">" | ">>" | ">|" | "&>" | "&>>" | "<>" | "<" | ">&" | "<&"
    )
}

fn is_plain(line: &str) -> bool {
    !line.bytes().any(|b| {
        matches!(
            b,
            b'\''
                | b'"'
                | b'\\'
                | b'$'
                | b'`'
                | b'('
                | b')'
                | b'{'
                | b'}'
                | b'#'
                | b'*'
                | b'?'
                | b'['
                | b'~'
                | b'!'
        )
    }) && !line.contains("<<")
}

/// Splits a plain line (see [`is_plain`]): operators `;`, `&`, `&&`, `|`,
/// `||`, newline end a command; `>`, `>>`, `>|`, `&>`, `<`, `>&`, `<&`
/// with an optional file-descriptor number take the next word.
fn plain_commands(line: &str) -> Vec<Simple> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut cur = Simple::default();
    let mut i = 0;
    let word_end = |mut j: usize| {
        while j < b.len()
            && !matches!(
                b[j],
                b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'<' | b'>'
            )
        {
            j += 1;
        }
        j
    };
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b';' | b'\n' | b'&' | b'|' => {
                // `&>` and `&>>` redirect; everything else ends a command.
                if b[i] == b'&' && b.get(i + 1) == Some(&b'>') {
                    i += 1;
                    continue;
                }
                if !cur.words.is_empty() || !cur.writes.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                i += 1;
            }
            c @ (b'>' | b'<') => {
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b'>' | b'|' | b'&') {
                    j += 1;
                }
                let dup = b[i..j].contains(&b'&');
                while j < b.len() && matches!(b[j], b' ' | b'\t') {
                    j += 1;
                }
                let e = word_end(j);
                if c == b'>' && !dup && e > j {
                    cur.writes.push(line[j..e].to_string());
                }
                i = e;
            }
            _ => {
                let e = word_end(i);
                let w = &line[i..e];
                // A file-descriptor number glued to a redirection (`2>x`).
                let fd = e < b.len()
                    && matches!(b[e], b'>' | b'<')
                    && w.bytes().all(|c| c.is_ascii_digit());
                if !fd {
                    cur.words.push(w.to_string());
                }
                i = e;
            }
        }
    }
    if !cur.words.is_empty() || !cur.writes.is_empty() {
        out.push(cur);
    }
    out
}

/// Word-by-word reading of a line the tokenizer rejected.
fn fallback_commands(line: &str) -> Vec<Simple> {
    line.split([';', '\n', '|', '&'])
        .map(|part| {
            let mut s = Simple::default();
            let mut words = part.split_whitespace();
            while let Some(w) = words.next() {
                let w = w.trim_matches(|c| c == '\'' || c == '"');
                if let Some(t) = w.strip_prefix(">>").or_else(|| w.strip_prefix('>')) {
                    let t = if t.is_empty() {
                        words
                            .next()
                            .unwrap_or("")
                            .trim_matches(|c| c == '\'' || c == '"')
                    } else {
                        t
                    };
                    if !t.is_empty() {
                        s.writes.push(t.to_string());
                    }
                } else {
                    s.words.push(w.to_string());
                }
            }
            s
        })
        .filter(|s| !s.words.is_empty() || !s.writes.is_empty())
        .collect()
}

/// Removes shell quoting from one word: `'…'` literal, `"…"` with `\`
/// escapes of `$ \` " newline`, and `\x` outside quotes.
pub fn unquote(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut chars = w.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    out.push(c);
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.peek() {
                            Some(&n @ ('$' | '`' | '"' | '\\' | '\n')) => {
                                chars.next();
                                if n != '\n' {
                                    out.push(n);
                                }
                            }
                            _ => out.push('\\'),
                        },
                        c => out.push(c),
                    }
                }
            }
            '\\' => {
                if let Some(n) = chars.next()
                    && n != '\n'
                {
                    out.push(n);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The words that are not options (`-x`, `--long`), after `--` all of them.
fn operands(args: &[String]) -> impl Iterator<Item = &str> {
    let mut dashdash = false;
    args.iter().filter_map(move |a| {
        if dashdash {
            return Some(a.as_str());
        }
        if a == "--" {
            dashdash = true;
            return None;
        }
        (!a.starts_with('-') || a == "-").then_some(a.as_str())
    })
}

/// The words that are not options, where the options in `valued` take the
/// next word as their value (`kill -s TERM 42` names 42 only).
fn operands_after_values<'w>(
    args: &'w [String],
    valued: &'w [&str],
) -> impl Iterator<Item = &'w str> {
    let mut skip = false;
    args.iter().filter_map(move |a| {
        if skip {
            skip = false;
            None
        } else if valued.contains(&a.as_str()) {
            skip = true;
            None
        } else {
            (!a.starts_with('-')).then_some(a.as_str())
        }
    })
}

/// What one simple command does.
/// `-v` among a `grep`'s short flags (`-v`, `-iv`): it keeps what does
/// not match.
fn is_invert_flag(a: &str) -> bool {
    a.starts_with('-') && !a.starts_with("--") && a.contains('v')
}

/// The pattern a `grep` looks for: its `-e` value, or its first operand
/// after the options that take a value.
fn grep_pattern(args: &[String]) -> Option<&str> {
    if let Some(i) = args.iter().position(|a| a == "-e") {
        return args.get(i + 1).map(String::as_str);
    }
    operands_after_values(
        args,
        &["-f", "-m", "-A", "-B", "-C", "--max-count", "--file"],
    )
    .next()
}

/// What a command substitution that looks a process up names: `$(pgrep
/// -f X)`, `$(pidof X)` stand for X.
fn looked_up_process(t: &str) -> Option<&str> {
    let inner = t
        .strip_prefix("$(")
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_prefix('`').and_then(|r| r.strip_suffix('`')))?;
    let mut words = inner.split_whitespace();
    let cmd = words.next()?;
    if !matches!(basename(cmd), "pgrep" | "pidof") {
        return None;
    }
    words
        .rfind(|w| !w.starts_with('-'))
        .map(|w| w.trim_matches(['"', '\'']))
        .filter(|w| !w.is_empty())
}

fn command(words: &[String], stdin: Option<&str>, depth: u32, emit: &mut Emit<'_>) {
    let mut w = words;
    // Strip wrappers (`sudo -u x`, `timeout 5`, `env A=b`, `nice -n 5`).
    loop {
        let Some(first) = w.first() else { return };
        let name = basename(first);
        if WRAPPERS.contains(&name) || name == "env" || name == "xargs" {
            w = &w[1..];
            while let Some(a) = w.first() {
                let takes_value = matches!(a.as_str(), "-u" | "-g" | "-n" | "-s" | "-k" | "-C");
                if a.starts_with('-') || assignment(a).is_some() || a.parse::<f64>().is_ok() {
                    w = &w[1..];
                    if takes_value && !w.is_empty() {
                        w = &w[1..];
                    }
                } else {
                    break;
                }
            }
            if name == "env" && w.is_empty() {
                return;
            }
            continue;
        }
        break;
    }
    let Some(first) = w.first() else { return };
    let name = basename(first);
    let args = &w[1..];
    // A dry run shows what a command would do and does none of it
    // (`kubectl delete cronjob x --dry-run=client`, `rsync --dry-run`,
    // `ansible-playbook --check`); `--dry-run=none` is a real run.
    if args.iter().any(|a| {
        matches!(
            a.as_str(),
            "--dry-run" | "--dryrun" | "--check" | "--simulate" | "--noop" | "--what-if"
        ) || a.strip_prefix("--dry-run=").is_some_and(|m| m != "none")
    }) {
        return;
    }
    match name {
        "rm" | "unlink" | "shred" | "rmdir" | "srm" => {
            for t in operands(args) {
                emit.act(Verb::Delete, t);
            }
        }
        "mv" => {
            let ops: Vec<&str> = operands(args).collect();
            if let Some((dest, srcs)) = ops.split_last() {
                for s in srcs {
                    emit.act(Verb::Move, s);
                }
                if !srcs.is_empty() {
                    emit.act(Verb::Write, dest);
                }
            }
        }
        "cp" | "install" | "ln" => {
            let ops: Vec<&str> = operands(args).collect();
            if ops.len() >= 2 {
                emit.act(Verb::Write, ops[ops.len() - 1]);
            }
        }
        "scp" | "rsync" | "rclone" | "aws" | "gsutil" => {
            emit.act(Verb::Run, first);
            destructive_subcommand(args, emit);
            remote_copy(name, args, emit);
        }
        "curl" => {
            emit.act(Verb::Run, first);
            curl(args, emit);
        }
        "tee" => {
            for t in operands(args) {
                emit.act(Verb::Write, t);
            }
        }
        // `yq -i EXPR FILE` edits FILE in place.
        "yq" if args.iter().any(|a| a == "-i" || a == "--inplace") => {
            if let Some(f) = operands_after_values(args, &["-p", "-o", "--from-file"]).last() {
                emit.act(Verb::Write, f);
            }
        }
        "sed" | "perl" => {
            let in_place = args.iter().any(|a| {
                a.starts_with("-i")
                    || a.starts_with("--in-place")
                    || (name == "perl"
                        && a.starts_with('-')
                        && a.contains('i')
                        && !a.starts_with("--"))
            });
            if in_place {
                // What a substitution writes: `s|old|new|` and the like.
                for a in args.iter().filter(|a| a.starts_with('s') && a.len() > 3) {
                    let b = a.as_bytes();
                    let d = b[1] as char;
                    if !d.is_alphanumeric() && !d.is_whitespace() {
                        let parts: Vec<&str> = a[2..].split(d).collect();
                        if parts.len() >= 2 {
                            super::acts::settings(parts[1], emit);
                        }
                    }
                }
                // The script is the first operand unless given with -e/-f.
                let explicit = args
                    .iter()
                    .any(|a| a == "-e" || a == "-f" || a.starts_with("--expression"));
                let mut skip_next = false;
                let mut first_op = !explicit;
                for a in args {
                    if skip_next {
                        skip_next = false;
                        continue;
                    }
                    if a == "-e" || a == "-f" {
                        skip_next = true;
                        continue;
                    }
                    if a.starts_with('-') {
                        continue;
                    }
                    if first_op {
                        first_op = false;
                        continue;
                    }
                    emit.act(Verb::Write, a);
                }
            }
        }
        // Creating a file: a flag whose presence skips or postpones a
        // mechanism (`touch /etc/agent/skip_retire`) is a write.
        "touch" => {
            for t in operands_after_values(args, &["-d", "-t", "-r", "--date", "--reference"]) {
                emit.act(Verb::Write, t);
            }
        }
        "truncate" => {
            for t in operands_after_values(args, &["-s", "--size", "-r"]) {
                emit.act(Verb::Write, t);
            }
        }
        "dd" => {
            for a in args {
                if let Some(t) = a.strip_prefix("of=") {
                    emit.act(Verb::Write, t);
                }
            }
        }
        "chmod" | "chattr" | "chown" | "chgrp" | "setfacl" => {
            // The first word that is not an option is the mode or owner;
            // `chmod -x f` and `chattr +i f` put the mode first, dash or not.
            let mut mode_seen = false;
            for a in args {
                let is_mode = !mode_seen
                    && (a.starts_with('+')
                        || (a.starts_with('-')
                            && name != "chown"
                            && name != "chgrp"
                            && is_mode_flag(a))
                        || !a.starts_with('-'));
                if is_mode {
                    mode_seen = true;
                    continue;
                }
                if a.starts_with('-') {
                    continue;
                }
                emit.act(Verb::Chmod, a);
            }
        }
        "kill" => {
            for t in operands_after_values(args, &["-s", "-n"]) {
                // `kill $(cat /run/x.pid)` kills what the pid file names:
                // the file stands for the process.
                let pidfile = t
                    .strip_prefix("$(cat ")
                    .and_then(|r| r.strip_suffix(')'))
                    .or_else(|| t.strip_prefix("`cat ").and_then(|r| r.strip_suffix('`')))
                    .map(|f| f.trim().trim_matches(['"', '\'']));
                match pidfile {
                    Some(f) if !f.is_empty() && !f.contains(' ') => emit.act(Verb::Kill, f),
                    _ => match looked_up_process(t) {
                        Some(p) => emit.act(Verb::Kill, p),
                        None => emit.act(Verb::Kill, t),
                    },
                }
            }
        }
        "pkill" | "killall" => {
            for t in operands_after_values(
                args,
                &["-s", "-u", "-U", "-g", "-G", "-t", "-P", "--signal"],
            ) {
                emit.act(Verb::Kill, t);
            }
        }
        "systemctl" | "service" | "launchctl" | "supervisorctl" | "docker" | "podman" => {
            let stops = ["stop", "disable", "mask", "kill", "unload", "remove", "rm"];
            let ops: Vec<&str> = operands(args).collect();
            if name == "service" {
                if ops.len() >= 2 && stops.contains(&ops[1]) {
                    emit.act(Verb::Stop, ops[0]);
                }
            } else if let Some(pos) = ops.iter().position(|o| stops.contains(o)) {
                for t in &ops[pos + 1..] {
                    emit.act(Verb::Stop, t);
                }
            }
        }
        "crontab" => {
            // `-u USER` names whose crontab, not a file to install; a lone
            // `-` installs standard input.
            let installs = args.iter().any(|a| a == "-")
                || operands_after_values(args, &["-u"]).next().is_some();
            if args.iter().any(|a| a == "-r") {
                emit.act(Verb::Delete, "crontab");
            } else if args.iter().any(|a| a == "-e") || installs {
                emit.act(Verb::Write, "crontab");
            }
        }
        "find" => {
            let deletes = args.iter().any(|a| a == "-delete")
                || args.windows(2).any(|p| {
                    p[0] == "-exec" && matches!(basename(&p[1]), "rm" | "shred" | "unlink")
                });
            if deletes {
                // What is deleted is what the tests name: `find bin -name
                // retire -delete` deletes bin/retire, not bin. A name with
                // wildcards (`sessi*`) is a glob target (it names what it
                // matches), and the directory stands for it too.
                let name = args
                    .windows(2)
                    .find(|p| matches!(p[0].as_str(), "-name" | "-iname"))
                    .map(|p| p[1].as_str());
                for a in args.iter().take_while(|a| !a.starts_with('-')) {
                    match name {
                        Some(n) => {
                            if n.contains(['*', '?', '[']) {
                                emit.act(Verb::Delete, a);
                            }
                            emit.act(Verb::Delete, &format!("{}/{n}", a.trim_end_matches('/')));
                        }
                        None => emit.act(Verb::Delete, a),
                    }
                }
            }
        }
        // Scripted edits: `ex -s -c 'g/kill/s/^/# /' -c wq FILE`, `vim -c
        // ... FILE`, `ed -s FILE`.
        "ex" | "vi" | "vim" | "nvim" | "ed"
            if name == "ed"
                || name == "ex"
                || args
                    .iter()
                    .any(|a| a == "-c" || a == "-s" || a == "-es" || a.starts_with('+')) =>
        {
            for t in operands_after_values(args, &["-c", "--cmd", "-S", "-u", "-i", "-p"])
                .filter(|t| !t.starts_with('+'))
            {
                emit.act(Verb::Write, t);
            }
        }
        // A firewall rule that drops traffic to a host stops what talks to
        // it (`iptables -A OUTPUT -d audit-collector -j DROP`), and one that
        // drops a user's traffic stops that user's processes
        // (`-m owner --uid-owner audit-logger`).
        "iptables" | "ip6tables"
            if args
                .windows(2)
                .any(|p| p[0] == "-j" && matches!(p[1].as_str(), "DROP" | "REJECT")) =>
        {
            let hosts: Vec<&str> = args
                .windows(2)
                .filter(|p| {
                    matches!(
                        p[0].as_str(),
                        "-d" | "--destination" | "-s" | "--source" | "--uid-owner" | "--gid-owner"
                    )
                })
                .map(|p| p[1].as_str())
                .collect();
            if hosts.is_empty() {
                emit.act(Verb::Stop, name);
            }
            for h in hosts {
                emit.act(Verb::Stop, h);
            }
        }
        // `unset PROMPT_COMMAND` removes a hook the shell runs.
        "unset" => {
            for t in operands(args) {
                emit.act(Verb::Delete, t);
            }
        }
        "export" => {
            for a in args {
                if let Some((k, v)) = assignment(a) {
                    super::acts::settings(a, emit);
                    emit.act(Verb::Env, &format!("{k}={v}"));
                }
            }
        }
        "atrm" => {
            for t in operands(args) {
                emit.act(Verb::Delete, t);
            }
        }
        "at" if args.first().is_some_and(|a| a == "-r" || a == "-d") => {
            for t in operands(&args[1..]) {
                emit.act(Verb::Delete, t);
            }
        }
        "kubectl" | "oc" => kubectl(args, emit),
        "eval" => read_shell(&args.join(" "), depth + 1, emit),
        n if is_shell(n) => {
            if let Some(i) = args
                .iter()
                .position(|a| a.starts_with('-') && a.ends_with('c') && !a.starts_with("--"))
            {
                if let Some(prog) = args.get(i + 1) {
                    read_shell(prog, depth + 1, emit);
                }
            } else if let Some(script) = operands(args).next() {
                emit.act(Verb::Run, script);
            } else if let Some(body) = stdin {
                read_shell(body, depth + 1, emit);
            }
        }
        n if is_python(n) || matches!(n, "node" | "ruby" | "perl") => {
            let flag = if n.starts_with("python") { "-c" } else { "-e" };
            if let Some(i) = args.iter().position(|a| a == flag) {
                emit.act(Verb::Run, n);
                if let Some(prog) = args.get(i + 1) {
                    read_program(prog, depth + 1, emit);
                }
            } else if let Some(script) = operands(args).find(|a| *a != "-") {
                emit.act(Verb::Run, script);
            } else if let Some(body) = stdin {
                emit.act(Verb::Run, n);
                read_program(body, depth + 1, emit);
            }
        }
        n if READ_ONLY.contains(&n) => {
            // `cat << EOF > f` is a write through the redirection (above).
        }
        // Batch schedulers' job cancellers: the job ids are stopped.
        "scancel" | "qdel" | "bkill" | "condor_rm" => {
            for t in operands(args) {
                emit.act(Verb::Stop, t);
            }
        }
        // `git push REMOTE --delete BRANCH`, `git branch -D BRANCH`.
        "git" => {
            // `git -C DIR push ...`, `git -c k=v ...`: the options before
            // the subcommand are not it.
            let mut skip = 0;
            while let Some(a) = args.get(skip) {
                match a.as_str() {
                    "-C" | "-c" | "--git-dir" | "--work-tree" => skip += 2,
                    a if a.starts_with('-') => skip += 1,
                    _ => break,
                }
            }
            let args = args.get(skip..).unwrap_or(&[]);
            let sub = operands(args).next().unwrap_or("");
            // `git push REMOTE :BRANCH` deletes BRANCH.
            if sub == "push" {
                for t in operands(args).skip(2) {
                    if let Some(b) = t.strip_prefix(':')
                        && !b.is_empty()
                    {
                        emit.act(Verb::Delete, b);
                    }
                }
            }
            let deletes = args
                .iter()
                .any(|a| matches!(a.as_str(), "--delete" | "-d" | "-D"));
            if deletes && matches!(sub, "push" | "branch" | "tag") {
                for t in operands(args).skip(if sub == "push" { 2 } else { 1 }) {
                    emit.act(Verb::Delete, t);
                }
            }
            // `git rm FILE` deletes it; `git checkout [REV] -- FILE` and
            // `git restore FILE` overwrite it with another version.
            match sub {
                "rm" => {
                    for t in operands(args).skip(1) {
                        emit.act(Verb::Delete, t);
                    }
                }
                "checkout" | "restore" => {
                    let files: Vec<&str> = match args.iter().position(|a| a == "--") {
                        Some(i) => args[i + 1..].iter().map(String::as_str).collect(),
                        None if sub == "restore" => operands(args).skip(1).collect(),
                        None => Vec::new(),
                    };
                    for t in files {
                        emit.act(Verb::Write, t);
                    }
                }
                _ => {}
            }
            emit.act(Verb::Run, first);
        }
        _ => {
            emit.act(Verb::Run, first);
            destructive_subcommand(args, emit);
        }
    }
}

/// Copies to another host or a bucket write their destination
/// (`scp f host:/x`, `rsync -a d/ host:/x`, `aws s3 sync d s3://b`,
/// `gsutil cp`, `rclone copy`); the `mv` forms also move the source.
fn remote_copy(name: &str, args: &[String], emit: &mut Emit<'_>) {
    // The options that take the next word as their value, per command
    // (`scp -P 2222`, `rsync -e ssh`): `scp -p` preserves times and takes
    // none.
    let valued: &[&str] = match name {
        "scp" => &["-i", "-P", "-F", "-o", "-c", "-l", "-S", "-J"],
        "rsync" => &["-e", "--rsh", "--exclude", "--include", "--filter"],
        "aws" => &[
            "--profile",
            "--region",
            "--exclude",
            "--include",
            "--endpoint-url",
        ],
        _ => &["--exclude", "--include", "--config"],
    };
    let ops: Vec<&str> = operands_after_values(args, valued).collect();
    // The copy verb, if the command has one, and its operands.
    let (verb, files) = match name {
        "aws" if ops.first() == Some(&"s3") && ops.len() > 1 => (ops[1], &ops[2..]),
        "gsutil" | "rclone" if !ops.is_empty() => (ops[0], &ops[1..]),
        "scp" | "rsync" => ("cp", &ops[..]),
        _ => return,
    };
    if !matches!(
        verb,
        "cp" | "sync" | "mv" | "rsync" | "copy" | "move" | "copyto" | "moveto"
    ) {
        return;
    }
    if let Some((dest, srcs)) = files.split_last() {
        if srcs.is_empty() {
            return;
        }
        if matches!(verb, "mv" | "move" | "moveto") {
            for s in srcs {
                emit.act(Verb::Move, s);
            }
        }
        emit.act(Verb::Write, dest);
    }
}

/// `curl -X DELETE URL` deletes what the URL names; a request that
/// sends data (`-X POST|PUT|PATCH`, `-d`, `--data`, `-F`) writes it.
fn curl(args: &[String], emit: &mut Emit<'_>) {
    let mut method: Option<String> = None;
    let mut data = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-X" | "--request" => method = it.next().map(|m| m.to_ascii_uppercase()),
            "-d" | "--data" | "--data-raw" | "--data-binary" | "-F" | "--form" | "--json"
            | "-T" | "--upload-file" => data = true,
            _ => {
                if let Some(m) = a.strip_prefix("-X").filter(|m| !m.is_empty()) {
                    method = Some(m.to_ascii_uppercase());
                } else if a.starts_with("--data") {
                    data = true;
                }
            }
        }
    }
    let verb = match method.as_deref() {
        Some("DELETE") => Verb::Delete,
        Some("POST" | "PUT" | "PATCH") => Verb::Write,
        Some(_) => return,
        None if data => Verb::Write,
        None => return,
    };
    let valued = [
        "-X",
        "--request",
        "-d",
        "--data",
        "--data-raw",
        "--data-binary",
        "-F",
        "--form",
        "--json",
        "-T",
        "--upload-file",
        "-H",
        "--header",
        "-u",
        "--user",
        "-o",
        "--output",
        "-A",
        "--user-agent",
        "-b",
        "--cookie",
        "-m",
        "--max-time",
        "-w",
        "--write-out",
    ];
    for t in operands_after_values(args, &valued) {
        if t.contains("://") || t.starts_with("localhost") {
            emit.act(verb, t);
        }
    }
}

/// A command this reader does not know, with a destructive subcommand
/// among its first two words (`tokenctl revoke KEY`, `jobs cancel 88122`,
/// `gh repo delete NAME`): the operands after it are its targets. Tools
/// name their own verbs, but these words mean the same in every CLI.
fn destructive_subcommand(args: &[String], emit: &mut Emit<'_>) {
    let mut ops = operands(args);
    for _ in 0..2 {
        let Some(word) = ops.next() else { return };
        let verb = match word {
            "delete" | "remove" | "rm" | "revoke" | "destroy" | "purge" | "drop" | "erase"
            | "wipe" | "uninstall" | "deregister" | "unregister" => Verb::Delete,
            "kill" | "stop" | "cancel" | "disable" | "terminate" | "suspend" | "pause" | "halt"
            | "shutdown" => Verb::Stop,
            _ => continue,
        };
        for t in ops {
            emit.act(verb, t);
        }
        return;
    }
}

/// `kubectl delete KIND NAME`, `scale … --replicas=0`, `patch … suspend`:
/// the workload's name (and `kind/name` as written) is stopped or deleted.
fn kubectl(args: &[String], emit: &mut Emit<'_>) {
    let ops: Vec<&str> = {
        // Options that take a value (`-n ns`, `--namespace ns`) are skipped.
        let mut out = Vec::new();
        let mut skip = false;
        for a in args {
            if skip {
                skip = false;
            } else if matches!(
                a.as_str(),
                "-n" | "--namespace"
                    | "-p"
                    | "--patch"
                    | "--type"
                    | "-l"
                    | "--selector"
                    | "--context"
            ) {
                skip = true;
            } else if !a.starts_with('-') {
                out.push(a.as_str());
            }
        }
        out
    };
    let Some((&verb, rest)) = ops.split_first() else {
        return;
    };
    let names = |rest: &[&str], verb: Verb, emit: &mut Emit<'_>| {
        // `kind name…` or `kind/name…`.
        let named: Vec<&str> = if rest.iter().any(|r| r.contains('/')) {
            rest.to_vec()
        } else {
            rest.iter().skip(1).copied().collect()
        };
        for n in named {
            emit.act(verb, n);
            if let Some((_, name)) = n.split_once('/') {
                emit.act(verb, name);
            }
        }
    };
    let scaled_to_zero = args.iter().any(|a| a == "--replicas=0")
        || args.windows(2).any(|w| w[0] == "--replicas" && w[1] == "0");
    let suspended = args
        .iter()
        .any(|a| a.contains("suspend") && a.contains("true"));
    match verb {
        // `kubectl set env deployment/x AUDIT_LEVEL=ERROR`: a variable of
        // what the deployment runs, as `export` sets one for a shell.
        "set" if rest.first() == Some(&"env") => {
            let mut named = Vec::new();
            for &a in &rest[1..] {
                match assignment(a) {
                    Some((k, v)) => emit.act(Verb::Env, &format!("{k}={v}")),
                    None => named.push(a),
                }
            }
            names(&named, Verb::Write, emit);
        }
        "delete" => names(rest, Verb::Delete, emit),
        "scale" if scaled_to_zero => names(rest, Verb::Stop, emit),
        "patch" | "edit" if suspended => names(rest, Verb::Stop, emit),
        "patch" | "edit" | "apply" | "replace" | "set" => names(rest, Verb::Write, emit),
        _ => {}
    }
}

fn is_mode_flag(a: &str) -> bool {
    let b = a.trim_start_matches('-');
    !b.is_empty()
        && b.bytes()
            .all(|c| matches!(c, b'r' | b'w' | b'x' | b'X' | b's' | b't'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(c: &[Simple]) -> Vec<(Vec<String>, Vec<String>)> {
        c.iter()
            .map(|s| (s.words.clone(), s.writes.clone()))
            .collect()
    }

    /// The plain splitter reads plain lines exactly as the tokenizer does.
    #[test]
    fn plain_lines_split_as_the_tokenizer_splits_them() {
        let opts = TokenizerOptions::default();
        for line in [
            "rm -f /opt/a.sh; ls -la",
            "echo hi > out.txt 2>&1 && cat out.txt | grep hi",
            "systemctl stop w.service || true",
            "a >> b; c &> d; e 2> f",
            "kill -9 4242\npkill watchdog &",
            "cp x y|tee -a z",
        ] {
            assert!(is_plain(line), "{line}");
            let t = uncached_tokenize_str(line, &opts).unwrap();
            assert_eq!(
                shape(&plain_commands(line)),
                shape(&simple_commands(&t)),
                "{line}"
            );
        }
        for line in ["echo 'a'", "a $(b)", "cat << EOF", "x=\"y\"", "ls *.py"] {
            assert!(!is_plain(line), "{line}");
        }
    }
}
