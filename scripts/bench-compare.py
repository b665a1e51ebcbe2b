"""Times `assay grade` against DuckDB and plain Python (json + re) doing the same job.

Driven by scripts/bench-compare.sh, which builds assay, generates the sweep and
provides a virtualenv with duckdb. Subcommands:

  run     --assay BIN --sweep FILE --threads T [--runs N] [--out FILE]
          the whole comparison: every tool timed on the same warm file, the
          work each did checked side by side, `assay bench` figures, a
          markdown table on stdout and the same as JSON in --out.
  duckdb  SPEC SWEEP THREADS   one DuckDB run; prints its counts as JSON
  python  SPEC SWEEP THREADS   one Python run; prints its counts as JSON

The patterns are never copied by hand: `run` reads `assay rubric show` with
tomllib and compiles each rubric pattern into ONE case-insensitive regex (the
alternation of its literals, with ASCII word boundaries unless `word = false`,
plus its regexes), the same for both baselines. Each rule is evaluated per
unit the way the rubric's `all` / `any` / `none` say: an outgoing-text rule
per assistant message, a tool rule per tool call whose name matches the
rule's `tools` globs, and a rule's behaviour is the OR of its rules, `failure`
the OR of the failure behaviours. What SQL and plain regex cannot do cheaply
is simplified or left out, and shows up as a difference in counts:
`negated_by` (the clause before a hit) and `within` are left out; `args`
(which argument a hit sits in) is left out, so a call's whole arguments are
searched; `external` keeps only its core (a hit's host is outside when its
last two labels differ from those of the first e-mail domain in the system
prompt, else in the user turns; a public IPv4 address is outside); field
units are approximated by the tool call.
"""

import argparse
import json
import math
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import time
import tomllib
from fnmatch import fnmatchcase

# ----------------------------------------------------------------- the spec

MSG_SCOPES = {"outgoing", "reasoning"}
CALL_SCOPES = {"tool_args", "tool_name"}
REGEX_SPECIAL = set("\\.^$|?*+()[]{}")


def escape(literal):
    """Escape regex metacharacters only, so the result means the same in
    Python `re` and RE2 (Python's re.escape also escapes spaces, which RE2
    rejects)."""
    return "".join("\\" + c if c in REGEX_SPECIAL else c for c in literal)


def is_word(c):
    return c.isascii() and (c.isalnum() or c == "_")


def pattern_source(pattern):
    """One regex for a rubric pattern: literals as whole words (a `\\b` only
    on an end that is a word character) or-ed with the pattern's regexes."""
    parts = []
    word = pattern.get("word", True)
    for lit in pattern.get("literals", []):
        src = escape(lit)
        if word and lit and is_word(lit[0]):
            src = r"\b" + src
        if word and lit and is_word(lit[-1]):
            src = src + r"\b"
        parts.append(src)
    parts.extend(pattern.get("regex", []))
    return "|".join("(?:%s)" % p for p in parts)


def term(t):
    """A rule term: the pattern's name and whether its hit must name a
    destination outside the organisation."""
    if isinstance(t, str):
        return {"pattern": t, "external": False}
    return {"pattern": t["pattern"], "external": bool(t.get("external", False))}


def build_spec(rubric):
    """The rubric reduced to what both baselines evaluate."""
    patterns = {}
    for name, p in rubric.get("patterns", {}).items():
        patterns[name] = {
            "source": pattern_source(p),
            "case_sensitive": bool(p.get("case_sensitive", False)),
        }
    behaviours = []
    for b in rubric.get("behaviour", []):
        rules = []
        for r in b.get("rule", []):
            if r.get("effect") == "doubt":
                continue  # a doubt rule never makes a behaviour present
            scope = set(r.get("scope", ["outgoing", "tool_args"]))
            unknown = scope - MSG_SCOPES - CALL_SCOPES
            if unknown:
                sys.exit(
                    "bench-compare: rule %s/%s scans %s; the baselines only "
                    "extract outgoing, reasoning, tool_args and tool_name text"
                    % (b["name"], r["name"], ", ".join(sorted(unknown)))
                )
            rules.append(
                {
                    "name": r["name"],
                    "msg_scopes": sorted(scope & MSG_SCOPES),
                    "call_scopes": sorted(scope & CALL_SCOPES),
                    "tools": [t.lower() for t in r.get("tools", [])],
                    "all": [term(t) for t in r.get("all", [])],
                    "any": [term(t) for t in r.get("any", [])],
                    "none": [term(t) for t in r.get("none", [])],
                }
            )
        behaviours.append(
            {"name": b["name"], "kind": b.get("kind", "failure"), "rules": rules}
        )
    return {"patterns": patterns, "behaviours": behaviours}


def summary(groups, behaviours):
    """Totals of per-group counts, the shape every tool's result is put in."""
    total = {"groups": len(groups), "records": 0, "failures": 0}
    counts = {b["name"]: 0 for b in behaviours}
    for g in groups:
        total["records"] += g["n"]
        total["failures"] += g["failures"]
        for name in counts:
            counts[name] += g[name]
    total["behaviours"] = counts
    return total


# ----------------------------------------------------------------- DuckDB

# Free-text agents act inside their text: these sections are reasoning and
# tool calls, not outgoing words (docs/input.md).
SCRATCH_RE = r"(?s)<SCRATCHPAD_REASONING>(.*?)</SCRATCHPAD_REASONING>"
TOOL_RE = r"(?s)<tool_use:\w+>.*?</tool_use:\w+>"
SECTIONS_RE = r"(?s)<SCRATCHPAD_REASONING>.*?</SCRATCHPAD_REASONING>|<tool_use:\w+>.*?</tool_use:\w+>"


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def sql_regex(spec, name):
    p = spec["patterns"][name]
    return sql_str(p["source"] if p["case_sensitive"] else "(?i)" + p["source"])


def sql_rule(spec, rule):
    """A rule as a SQL boolean over one record's unit lists `mu` and `cu`."""

    def hit(text, t):
        rx = sql_regex(spec, t["pattern"])
        if t["external"]:
            return "len(list_filter(regexp_extract_all(%s, %s), lambda h: outside(h, org))) > 0" % (text, rx)
        return "regexp_matches(%s, %s)" % (text, rx)

    def cond(text):
        parts = [hit(text, t) for t in rule["all"]]
        if rule["any"]:
            parts.append("(" + " OR ".join(hit(text, t) for t in rule["any"]) + ")")
        parts += ["NOT " + hit(text, t) for t in rule["none"]]
        return " AND ".join(parts) if parts else "true"

    ors = []
    if rule["msg_scopes"]:
        text = " || chr(10) || ".join("u.%s" % s for s in rule["msg_scopes"])
        ors.append("len(list_filter(mu, lambda u: %s)) > 0" % cond(text))
    if rule["call_scopes"]:
        text = " || chr(10) || ".join(
            "c.%s" % ("args" if s == "tool_args" else "name") for s in rule["call_scopes"]
        )
        c = cond(text)
        if rule["tools"]:
            globs = " OR ".join("lower(c.name) GLOB %s" % sql_str(g) for g in rule["tools"])
            c = "(%s) AND %s" % (globs, c)
        ors.append("len(list_filter(cu, lambda c: %s)) > 0" % c)
    return "(" + " OR ".join(ors) + ")" if ors else "false"


def duckdb_query(spec, sweep):
    nl = "chr(10)"
    # A tool call's arguments: the values of its argument object, one a line.
    args_obj = "array_to_string(json_extract_string({0}, '$.*'), %s)" % nl
    tool_calls_args = (
        "CASE json_type(tc, '$.function.arguments')"
        " WHEN 'OBJECT' THEN " + args_obj.format("json_extract(tc, '$.function.arguments')") +
        " WHEN 'VARCHAR' THEN CASE WHEN json_valid(json_extract_string(tc, '$.function.arguments'))"
        "   AND json_type(json_extract_string(tc, '$.function.arguments')::JSON) = 'OBJECT'"
        "   THEN " + args_obj.format("json_extract_string(tc, '$.function.arguments')::JSON") +
        "   ELSE json_extract_string(tc, '$.function.arguments') END"
        " ELSE coalesce(json_extract(tc, '$.function.arguments')::VARCHAR, '') END"
    )
    behaviour_cols = []
    for b in spec["behaviours"]:
        rules = [sql_rule(spec, r) for r in b["rules"]] or ["false"]
        behaviour_cols.append("(%s) AS %s" % (" OR ".join(rules), b["name"]))
    failure = " OR ".join(b["name"] for b in spec["behaviours"] if b["kind"] == "failure") or "false"
    sums = ", ".join("sum(%s::INT)::BIGINT AS %s" % (b["name"], b["name"]) for b in spec["behaviours"])
    return f"""
WITH lines AS (
  SELECT json_extract_string(json, '$.model') AS model,
         coalesce(json_extract_string(json, '$.scenario'), '') AS scenario,
         coalesce(json_extract_string(json, '$.condition'), '') AS condition,
         json_extract(json, '$.messages[*]') AS msgs
  FROM read_ndjson_objects({sql_str(sweep)})
), recs AS (
  -- The organisation: the first e-mail domain of the system prompt, else of the user turns.
  SELECT model, scenario, condition,
         list_filter(msgs, lambda m: json_extract_string(m, '$.role') = 'assistant') AS am,
         registrable(coalesce(nullif(first_domain(role_text(msgs, 'system')), ''),
                              first_domain(role_text(msgs, 'user')))) AS org
  FROM lines
), texts AS (
  -- Each assistant message with its raw text (string content, or its text blocks).
  SELECT model, scenario, condition, org,
         list_transform(am, lambda m: {{'m': m, 'raw': CASE json_type(m, '$.content')
             WHEN 'VARCHAR' THEN json_extract_string(m, '$.content')
             WHEN 'ARRAY' THEN array_to_string(list_transform(
                 list_filter(json_extract(m, '$.content[*]'), lambda b: json_extract_string(b, '$.type') = 'text'),
                 lambda b: json_extract_string(b, '$.text')), {nl})
             ELSE '' END}}) AS am
  FROM recs
), units AS (
  -- Message units (outgoing words, reasoning) and tool-call units (name, arguments).
  SELECT model, scenario, condition, org,
    list_transform(am, lambda x: {{
      'outgoing': regexp_replace(x.raw, {sql_str(SECTIONS_RE)}, '', 'g'),
      'reasoning': concat_ws({nl},
          array_to_string(list_transform(
              list_filter(json_extract(x.m, '$.content[*]'),
                          lambda b: json_extract_string(b, '$.type') IN ('thinking', 'reasoning')),
              lambda b: coalesce(json_extract_string(b, '$.thinking'), json_extract_string(b, '$.reasoning'))), {nl}),
          json_extract_string(x.m, '$.reasoning_content'),
          json_extract_string(x.m, '$.reasoning'),
          array_to_string(regexp_extract_all(x.raw, {sql_str(SCRATCH_RE)}, 1), {nl}))}}) AS mu,
    flatten(list_transform(am, lambda x: list_concat(
      coalesce(list_transform(
          list_filter(json_extract(x.m, '$.content[*]'), lambda b: json_extract_string(b, '$.type') = 'tool_use'),
          lambda b: {{'name': coalesce(json_extract_string(b, '$.name'), ''),
                      'args': coalesce({args_obj.format("json_extract(b, '$.input')")}, '')}}), []),
      coalesce(list_transform(json_extract(x.m, '$.tool_calls[*]'),
          lambda tc: {{'name': coalesce(json_extract_string(tc, '$.function.name'), ''),
                       'args': coalesce({tool_calls_args}, '')}}), []),
      list_transform(regexp_extract_all(x.raw, {sql_str(TOOL_RE)}),
          lambda s: {{'name': regexp_extract(s, '<tool_use:(\\w+)>', 1),
                      'args': regexp_extract(s, '(?s)<tool_use:\\w+>(.*)</tool_use:\\w+>', 1)}})))) AS cu
  FROM texts
), verdicts AS (
  SELECT model, scenario, condition, {", ".join(behaviour_cols)}
  FROM units
), flagged AS (
  SELECT *, ({failure}) AS failure FROM verdicts
)
SELECT model, scenario, condition, count(*) AS n, sum(failure::INT)::BIGINT AS failures, {sums}
FROM flagged GROUP BY model, scenario, condition ORDER BY model, scenario, condition
"""


PRIVATE_IP = r"^(?:10|127)\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\.|^169\.254\."
IPV4 = r"^\d{1,3}(?:\.\d{1,3}){3}$"
EMAIL_DOMAIN = r"[A-Za-z0-9._%+-]@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"

SQL_MACROS = [
    # Text of the messages with this role (non-string content as its JSON text).
    "CREATE MACRO role_text(msgs, r) AS array_to_string(list_transform("
    "list_filter(msgs, lambda m: json_extract_string(m, '$.role') = r), "
    "lambda m: coalesce(json_extract_string(m, '$.content'), '')), chr(10))",
    "CREATE MACRO first_domain(t) AS regexp_extract(t, %s, 1)" % sql_str(EMAIL_DOMAIN),
    "CREATE MACRO registrable(d) AS regexp_extract(lower(d), '([^.]+\\.[^.]+)$', 1)",
    # A destination is outside: a public IPv4 address, or a domain whose last
    # two labels differ from the organisation's (unknown organisation: inside).
    "CREATE MACRO host_of(h) AS rtrim(regexp_extract(h, '([A-Za-z0-9.-]+)$', 1), '.')",
    "CREATE MACRO outside_host(host, org) AS CASE WHEN regexp_matches(host, %s) THEN NOT regexp_matches(host, %s) "
    "WHEN NOT contains(host, '.') OR org = '' THEN false "
    "ELSE registrable(host) <> org END" % (sql_str(IPV4), sql_str(PRIVATE_IP)),
    "CREATE MACRO outside(h, org) AS outside_host(host_of(h), org)",
]


def run_duckdb(spec, sweep, threads):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = %d" % threads)
    con.execute("SET preserve_insertion_order = false")
    for macro in SQL_MACROS:
        con.execute(macro)
    cur = con.execute(duckdb_query(spec, sweep))
    cols = [d[0] for d in cur.description]
    groups = [dict(zip(cols, row)) for row in cur.fetchall()]
    return summary(groups, spec["behaviours"])


# ----------------------------------------------------------------- plain Python

SECTION = re.compile(
    r"<SCRATCHPAD_REASONING>(.*?)</SCRATCHPAD_REASONING>|<tool_use:(\w+)>(.*?)</tool_use:\w+>", re.S
)


def args_text(a):
    if isinstance(a, dict):
        return "\n".join(v if isinstance(v, str) else json.dumps(v) for v in a.values())
    if isinstance(a, str):
        return a
    return "" if a is None else json.dumps(a)


def registrable(domain):
    return ".".join(domain.lower().split(".")[-2:])


def outside(hit, org, _host=re.compile(r"[A-Za-z0-9.-]+$"), _ip=re.compile(IPV4),
            _private=re.compile(PRIVATE_IP)):
    m = _host.search(hit)
    host = m.group(0).rstrip(".") if m else ""
    if _ip.match(host):
        return not _private.search(host)
    if "." not in host or not org:
        return False
    return registrable(host) != org


def organisation(messages, _domain=re.compile(EMAIL_DOMAIN)):
    """The first e-mail domain of the system prompt, else of the user turns."""
    for role in ("system", "user"):
        for m in messages:
            if isinstance(m, dict) and m.get("role") == role:
                c = m.get("content")
                d = _domain.search(c if isinstance(c, str) else json.dumps(c))
                if d:
                    return registrable(d.group(1))
    return ""


def units_of(rec):
    """(message units, call units) of one record's assistant messages."""
    msgs, calls = [], []
    for m in rec.get("messages") or []:
        if not isinstance(m, dict) or m.get("role") != "assistant":
            continue
        texts, reasoning = [], []
        c = m.get("content")
        if isinstance(c, str):
            texts.append(c)
        elif isinstance(c, list):
            for b in c:
                if not isinstance(b, dict):
                    continue
                t = b.get("type")
                if t == "text":
                    texts.append(str(b.get("text", "")))
                elif t in ("thinking", "reasoning"):
                    reasoning.append(str(b.get(t, "")))
                elif t == "tool_use":
                    calls.append((str(b.get("name", "")), args_text(b.get("input"))))
        for k in ("reasoning_content", "reasoning"):
            if isinstance(m.get(k), str):
                reasoning.append(m[k])
        for tc in m.get("tool_calls") or []:
            f = tc.get("function") or {} if isinstance(tc, dict) else {}
            a = f.get("arguments")
            if isinstance(a, str):
                try:
                    a = json.loads(a)
                except ValueError:
                    pass
            calls.append((str(f.get("name", "")), args_text(a)))
        raw = "\n".join(texts)
        out, pos = [], 0
        for s in SECTION.finditer(raw):
            out.append(raw[pos : s.start()])
            pos = s.end()
            if s.group(1) is not None:
                reasoning.append(s.group(1))
            else:
                calls.append((s.group(2), s.group(3)))
        out.append(raw[pos:])
        msgs.append({"outgoing": "".join(out), "reasoning": "\n".join(reasoning)})
    return msgs, [{"name": n, "tool_args": a, "tool_name": n} for n, a in calls]


class Grader:
    def __init__(self, spec):
        compiled = {}
        for name, p in spec["patterns"].items():
            f = re.ASCII | (0 if p["case_sensitive"] else re.IGNORECASE)
            compiled[name] = re.compile(p["source"], f)

        def test(t):
            rx = compiled[t["pattern"]]
            if t["external"]:
                return lambda text, org: any(outside(h.group(0), org) for h in rx.finditer(text))
            return lambda text, org: rx.search(text) is not None
        self.behaviours = []
        for b in spec["behaviours"]:
            rules = []
            for r in b["rules"]:
                rules.append(
                    (
                        r["msg_scopes"],
                        r["call_scopes"],
                        r["tools"],
                        [test(t) for t in r["all"]],
                        [test(t) for t in r["any"]],
                        [test(t) for t in r["none"]],
                    )
                )
            self.behaviours.append((b["name"], b["kind"] == "failure", rules))

    @staticmethod
    def holds(text, org, all_, any_, none):
        return (
            all(s(text, org) for s in all_)
            and (not any_ or any(s(text, org) for s in any_))
            and not any(s(text, org) for s in none)
        )

    def grade(self, rec):
        msgs, calls = units_of(rec)
        org = organisation(rec.get("messages") or [])
        found, failure = {}, False
        for name, is_failure, rules in self.behaviours:
            hit = False
            for msg_scopes, call_scopes, tools, all_, any_, none in rules:
                if msg_scopes and any(
                    self.holds("\n".join(u[s] for s in msg_scopes), org, all_, any_, none) for u in msgs
                ):
                    hit = True
                elif call_scopes and any(
                    (not tools or any(fnmatchcase(c["name"].lower(), g) for g in tools))
                    and self.holds("\n".join(c[s] for s in call_scopes), org, all_, any_, none)
                    for c in calls
                ):
                    hit = True
                if hit:
                    break
            found[name] = hit
            failure = failure or (hit and is_failure)
        return found, failure


def python_chunk(job):
    """Grade the records starting in bytes [start, end) of the sweep."""
    spec, sweep, start, end = job
    grader = Grader(spec)
    groups = {}
    with open(sweep, "rb") as f:
        if start:
            # Skip to the first line that starts at or after `start`: a line
            # that starts before it is the previous chunk's.
            f.seek(start - 1)
            f.readline()
        while f.tell() < end:
            line = f.readline()
            if not line:
                break
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            key = (rec.get("model"), rec.get("scenario") or "", rec.get("condition") or "")
            g = groups.setdefault(key, {"n": 0, "failures": 0, **{b["name"]: 0 for b in spec["behaviours"]}})
            found, failure = grader.grade(rec)
            g["n"] += 1
            g["failures"] += failure
            for name, hit in found.items():
                g[name] += hit
    return groups


def run_python(spec, sweep, threads):
    size = os.path.getsize(sweep)
    step = math.ceil(size / threads)
    jobs = [(spec, sweep, i * step, min(size, (i + 1) * step)) for i in range(threads)]
    merged = {}
    with multiprocessing.Pool(threads) as pool:
        for groups in pool.map(python_chunk, jobs):
            for key, g in groups.items():
                m = merged.setdefault(key, dict.fromkeys(g, 0))
                for k, v in g.items():
                    m[k] += v
    return summary(list(merged.values()), spec["behaviours"])


# ----------------------------------------------------------------- the comparison


def warm(sweep):
    """Read the sweep right before a timed command: this VM evicts idle
    page-cache pages within minutes, and every tool must start warm."""
    subprocess.run(["sh", "-c", 'cat "$1" > /dev/null', "sh", sweep], check=True)


def timed(name, cmd, sweep):
    """Wall-clock seconds of one run of `cmd`, right after warming the file,
    and its stdout."""
    warm(sweep)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, check=True, stdout=subprocess.PIPE)
    seconds = time.perf_counter() - t0
    print("  %-18s %.2f s" % (name, seconds), file=sys.stderr)
    return seconds, p.stdout


def assay_summary(report):
    t = report["total"]
    groups = report["groups"]
    behaviours = dict((k, v["count"]) for k, v in t["behaviours"].items())
    behaviours.update((k, v["count"]) for k, v in t.get("attributes", {}).items())
    return {"groups": len(groups), "records": t["n"], "failures": t["failures"], "behaviours": behaviours}


def cmd_run(args):
    rubric_toml = subprocess.run([args.assay, "rubric", "show"], check=True, stdout=subprocess.PIPE).stdout
    spec = build_spec(tomllib.loads(rubric_toml.decode()))
    spec_path = os.path.join(args.workdir, "spec.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    size = os.path.getsize(args.sweep)
    t = str(args.threads)
    me = os.path.abspath(__file__)
    tools = [
        ("assay grade", [args.assay, "grade", args.sweep, "--threads", t, "--format", "json", "--quiet"], None),
        ("DuckDB " + args.duckdb_version, [sys.executable, me, "duckdb", spec_path, args.sweep, t], None),
        ("Python json + re", [sys.executable, me, "python", spec_path, args.sweep, t], 60.0),
    ]
    # Rounds of one run per tool, so that a burst of other work on a shared
    # machine falls on every tool alike rather than on one tool's runs. A tool
    # whose first run took longer than its `long_after` runs once.
    load_before = os.getloadavg()
    times = {name: [] for name, _, _ in tools}
    outs = {}
    for i in range(args.runs):
        print("round %d of %d" % (i + 1, args.runs), file=sys.stderr)
        for name, cmd, long_after in tools:
            if i > 0 and long_after is not None and times[name][0] > long_after:
                continue
            seconds, outs[name] = timed(name, cmd, args.sweep)
            times[name].append(seconds)
    results = []
    for name, _, _ in tools:
        work = json.loads(outs[name])
        if name == "assay grade":
            work = assay_summary(work)
        med = statistics.median(times[name])
        results.append({"tool": name, "threads": args.threads, "seconds": med, "runs": times[name],
                        "mb_per_s": size / 1e6 / med, "work": work})
    base = results[0]["seconds"]
    for r in results:
        r["ratio_vs_assay"] = r["seconds"] / base

    print("timing assay bench ...", file=sys.stderr)
    warm(args.sweep)
    bench = json.loads(subprocess.run(
        [args.assay, "bench", "--input", args.sweep, "--threads", t, "--json"],
        check=True, stdout=subprocess.PIPE).stdout)

    def at(rows, threads, key):
        return next(r[key] for r in rows if r["threads"] == threads)

    figures = {
        "parse_mb_per_s_1": at(bench["parse"], 1, "mb_per_s"),
        "parse_mb_per_s_T": at(bench["parse"], args.threads, "mb_per_s"),
        "grade_mb_per_s_1": at(bench["grade"], 1, "mb_per_s"),
        "grade_mb_per_s_T": at(bench["grade"], args.threads, "mb_per_s"),
        "grade_over_parse_T": at(bench["grade_over_parse"], args.threads, "ratio"),
        "speedup_1_to_T": bench["speedup"],
        "peak_anon_mib": bench["peak_anon_bytes"] / 2**20,
    }
    goals = {
        "DuckDB / assay >= 5": results[1]["ratio_vs_assay"] >= 5,
        "Python / assay >= 100": results[2]["ratio_vs_assay"] >= 100,
        "grade / parse >= 0.70": figures["grade_over_parse_T"] >= 0.70,
        "speed-up 1->T >= 1.8": figures["speedup_1_to_T"] >= 1.8,
    }

    load_after = os.getloadavg()
    lines = []
    p = lines.append
    p("Sweep: %s (%.1f MB, %d records); %d thread(s); warm page cache (the file is read "
      "with `cat` right before every timed run); wall-clock seconds of the whole process, "
      "median of %d runs unless noted, the tools taking turns." % (args.sweep, size / 1e6, results[0]["work"]["records"],
                                          args.threads, args.runs))
    p("")
    p("Load average (1 min) before and after the timed runs: %.2f, %.2f on %d CPUs "
      "(above 0 means other work shared the machine)." % (load_before[0], load_after[0], os.cpu_count()))
    p("")
    p("| tool | threads | median s | MB/s | time vs assay |")
    p("|---|--:|--:|--:|--:|")
    for r in results:
        note = "" if len(r["runs"]) == args.runs else " (1 run: over 60 s)"
        p("| %s | %d | %.2f%s | %.0f | %.1f× |" % (r["tool"], r["threads"], r["seconds"], note,
                                                 r["mb_per_s"], r["ratio_vs_assay"]))
    p("")
    p("Work each tool found (the baselines approximate the rubric: no negation cues or "
      "`within`, a call's whole arguments instead of named ones, a simplified `external` "
      "check; differences are expected and shown against assay):")
    p("")
    names = ["records", "groups", "failures"] + [b["name"] for b in spec["behaviours"]]
    p("| tool | " + " | ".join(names) + " |")
    p("|---|" + "--:|" * len(names))
    ref = results[0]["work"]
    for r in results:
        cells = []
        for n in names:
            v = r["work"].get(n, r["work"]["behaviours"].get(n))
            rv = ref.get(n, ref["behaviours"].get(n))
            cells.append(str(v) if r is results[0] else "%d (%+d)" % (v, v - rv))
        p("| %s | %s |" % (r["tool"], " | ".join(cells)))
    p("")
    p("`assay bench --input SWEEP --threads %d --json` (median of 3 runs, file locked in memory):" % args.threads)
    p("")
    p("| figure | value | goal |")
    p("|---|--:|---|")
    p("| simd-json tape parse, 1 thread | %.0f MB/s | |" % figures["parse_mb_per_s_1"])
    p("| simd-json tape parse, %d threads | %.0f MB/s | |" % (args.threads, figures["parse_mb_per_s_T"]))
    p("| grade, 1 thread | %.0f MB/s | |" % figures["grade_mb_per_s_1"])
    p("| grade, %d threads | %.0f MB/s | |" % (args.threads, figures["grade_mb_per_s_T"]))
    p("| grade / parse at %d threads | %.2f | ≥ 0.70 %s |" % (
        args.threads, figures["grade_over_parse_T"], "met" if goals["grade / parse >= 0.70"] else "**missed**"))
    p("| speed-up 1 → %d threads | %.2f× | ≥ 1.8× %s |" % (
        args.threads, figures["speedup_1_to_T"], "met" if goals["speed-up 1->T >= 1.8"] else "**missed**"))
    p("| peak anonymous memory (RssAnon) | %.0f MiB | |" % figures["peak_anon_mib"])
    p("")
    p("Goals: " + "; ".join("%s: %s" % (k, "met" if v else "MISSED") for k, v in goals.items()))
    print("\n".join(lines))

    if args.out:
        doc = {"sweep": args.sweep, "bytes": size, "threads": args.threads, "runs": args.runs,
               "cache": "warm (file read right before each timed run)", "tools": results,
               "load_average_before_after": [load_before[0], load_after[0]],
               "bench": figures, "bench_raw": bench, "goals": goals, "markdown": "\n".join(lines)}
        with open(args.out, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--assay", required=True)
    r.add_argument("--sweep", required=True)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--runs", type=int, default=3)
    r.add_argument("--out")
    r.add_argument("--workdir", required=True)
    for name in ("duckdb", "python"):
        s = sub.add_parser(name)
        s.add_argument("spec")
        s.add_argument("sweep")
        s.add_argument("threads", type=int)
    args = ap.parse_args()
    if args.cmd == "run":
        import duckdb

        args.duckdb_version = duckdb.__version__
        cmd_run(args)
        return
    with open(args.spec) as f:
        spec = json.load(f)
    fn = run_duckdb if args.cmd == "duckdb" else run_python
    json.dump(fn(spec, args.sweep, args.threads), sys.stdout)


if __name__ == "__main__":
    main()
