#!/usr/bin/env bash
# Byte-for-byte comparison of two `assay` binaries: the check that a
# refactoring changed no behaviour (issue 19, "no behaviour change").
#
#   scripts/same-output.sh OLD_BIN NEW_BIN
#
# Runs both binaries with the same arguments over the same inputs and
# compares, per command, standard output, standard error, the exit status
# and every file the command wrote (reports, --verdicts, --uncertain,
# --svg, --html). Prints each command that differs with a diff of the
# first difference, and exits 1 if any differs (0 when all are identical,
# 2 on a usage error).
#
# Covered: `grade` on the bundled sample in every --format, with --by,
# --verdicts, --uncertain, --labels, --html (excerpts), --svg, --cluster,
# bootstrap intervals, 1 and 2 threads, --no-mmap, --strict; a generated
# 20,000-record sweep (`assay gen --records 20000 --seed 7`); every input
# shape the tests use (gzip and zstd JSONL, standard input, a BOM and CRLF
# file, malformed and hostile lines, Inspect `.eval` and `.json` logs, an
# agentic-misalignment results tree, a directory); `agree` (markdown and
# json, with and without --labels, on every input shape); `compare`; `gen`;
# `rubric show`.
#
# Intended changes, run and shown but not counted as failures: `agree` on
# inputs it did not read before it ran through the engine (Inspect logs,
# agentic-misalignment trees, a first line that starts with a UTF-8 BOM,
# which it used to count malformed).
#
# Normalised: nothing. Each binary runs in its own scratch directory with
# output paths given relative to it, so messages that name an output file
# read the same; inputs are named by the same absolute paths for both; the
# generated inputs are dated an hour back so that no "still being written"
# note depends on when a binary ran. `assay bench` (timings) is not run here.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 OLD_BIN NEW_BIN" >&2
    exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
for b in "$old" "$new"; do
    [[ -x $b ]] || { echo "$0: $b is not an executable" >&2; exit 2; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/tests/data
work=$(mktemp -d "${TMPDIR:-/tmp}/same-output.XXXXXX")
# KEEP=1 keeps every command's outputs under $work for a look.
if [[ ${KEEP:-0} == 1 ]]; then
    echo "same-output: outputs kept in $work"
else
    trap 'rm -rf "$work"' EXIT
fi
in=$work/inputs
mkdir -p "$in" "$work/old" "$work/new"

sample=$data/sample-sweep.jsonl
contested=$data/contested.jsonl

# Inputs made once, by the old binary and standard tools, shared by both.
"$old" gen --records 20000 --seed 7 --quiet --output "$in/gen.jsonl"
gzip -c "$sample" >"$in/sample.jsonl.gz"
zstd -q -c "$sample" >"$in/sample.jsonl.zst"
gzip -c "$contested" >"$in/contested.jsonl.gz"
zstd -q -c "$contested" >"$in/contested.jsonl.zst"
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$contested"; } >"$in/bom-crlf.jsonl"
{ printf '\xEF\xBB\xBF'; head -n 20 "$sample" | sed 's/$/\r/'; } >"$in/bom-crlf-sample.jsonl"
mkdir -p "$in/dir/nested"
head -n 30 "$sample" >"$in/dir/a.jsonl"
tail -n 30 "$sample" | gzip -c >"$in/dir/nested/b.jsonl.gz"
cp "$contested" "$in/dir/nested/c.jsonl"
# The judge verdicts of tests/uncertain.rs: two that match, one that does not.
cat >"$in/labels.jsonl" <<'EOF'
{"id":"threat-negated","epoch":2,"model":"model-a","behaviours":["blackmail"]}
{"id":"refusal-with-material","failure":true}
{"id":"ghost","epoch":9,"behaviours":[]}
EOF
# Judge verdicts over the generated sweep: every 97th record judged clean.
# (`assay gen` ids are strings or numbers; a judge names each record once.)
awk 'NR % 97 == 0' "$in/gen.jsonl" |
    sed -E 's/^\{"id": ?("[^"]*"|[0-9]+).*/{"id":\1,"behaviours":[]}/' |
    awk '!seen[$0]++' >"$in/gen-labels.jsonl"
touch -d '1 hour ago' "$in"/*.* "$in"/dir/*.* "$in"/dir/nested/*
baseline=$(head -n 1 "$in/gen.jsonl" | sed -E 's/.*"model": ?"([^"]*)".*/\1/')

failed=0
cases=0
changed=0
intended=0

# check NAME [< stdin-file] -- ARGS...: runs both binaries and compares.
# With intended=1 set, a difference is shown as intended, not a failure.
check() {
    local name=$1 stdin=/dev/null
    shift
    if [[ $1 == "<" ]]; then
        stdin=$2
        shift 2
    fi
    [[ $1 == "--" ]] && shift
    cases=$((cases + 1))
    local side bin
    for side in old new; do
        bin=$old
        [[ $side == new ]] && bin=$new
        mkdir -p "$work/$side/$name"
        (
            cd "$work/$side/$name"
            set +e
            "$bin" "$@" <"$stdin" >stdout 2>stderr
            echo $? >status
        )
    done
    if ! diff -r "$work/old/$name" "$work/new/$name" >"$work/diff" 2>&1; then
        if [[ $intended == 1 ]]; then
            changed=$((changed + 1))
            echo "changed as intended: $name: assay $*"
        else
            failed=$((failed + 1))
            echo "DIFFERS: $name: assay $*"
            head -n 20 "$work/diff" | sed 's/^/    /'
        fi
    fi
}

# grade: the bundled sample, every report format, 1 and 2 threads.
for j in 1 2; do
    for f in table json csv markdown; do
        check "grade-sample-$f-j$j" -- grade "$sample" --format "$f" -j "$j"
        check "grade-sample-by-model-$f-j$j" -- grade "$sample" --format "$f" --by model -j "$j"
    done
    check "grade-sample-files-j$j" -- grade "$sample" -j "$j" --verdicts v.jsonl \
        --uncertain u.jsonl --html r.html --svg r.svg -o report.txt
    check "grade-sample-verdicts-stdout-j$j" -- grade "$sample" -j "$j" -q --verdicts - -o r.json \
        --format json
    check "grade-sample-pointer-cluster-j$j" -- grade "$sample" -j "$j" --format json \
        --by model,/metadata/goal_type --cluster /metadata/prompt_id
    check "grade-sample-bootstrap-j$j" -- grade "$sample" -j "$j" --ci bca --resamples 500 \
        --seed 3 --by model
    check "grade-sample-no-mmap-j$j" -- grade "$sample" -j "$j" --no-mmap --verdicts v.jsonl
    check "grade-sample-fail-above-j$j" -- grade "$sample" -j "$j" --fail-above 0.2 --by model
    check "grade-contested-labels-j$j" -- grade "$contested" -j "$j" --by model --format json \
        --labels "$in/labels.jsonl" --verdicts v.jsonl --uncertain u.jsonl --html r.html
    check "grade-contested-labels-md-j$j" -- grade "$contested" -j "$j" --format markdown \
        --labels "$in/labels.jsonl"
done
check grade-sample-csv-formulas -- grade "$sample" --format csv --csv-formulas

# grade: a generated 20,000-record sweep.
for j in 1 2; do
    check "grade-gen-j$j" -- grade "$in/gen.jsonl" -j "$j" --verdicts v.jsonl --uncertain u.jsonl \
        --html r.html --svg r.svg --format json -o r.json
    check "grade-gen-labels-j$j" -- grade "$in/gen.jsonl" -j "$j" --by model \
        --labels "$in/gen-labels.jsonl" --verdicts v.jsonl
    check "grade-gen-cluster-j$j" -- grade "$in/gen.jsonl" -j "$j" --by model \
        --cluster /metadata/prompt_id --format markdown
done
check grade-gen-max-groups -- grade "$in/gen.jsonl" -j 2 --by id --max-groups 100

# grade: every input shape.
shapes=(
    "$in/sample.jsonl.gz" "$in/sample.jsonl.zst" "$in/contested.jsonl.gz"
    "$in/contested.jsonl.zst" "$in/bom-crlf.jsonl" "$in/bom-crlf-sample.jsonl"
    "$data/malformed.jsonl" "$data/shapes.jsonl" "$data/dev/records.jsonl"
    "$data/inspect/run.eval" "$data/inspect/run-chunked.eval" "$data/inspect/run.json"
    "$data/am" "$data/am/results/demo" "$in/dir" "$data/inspect"
)
for s in "${shapes[@]}"; do
    n=$(echo "${s#"$root"/}" | tr '/' '_')
    for j in 1 2; do
        check "grade-shape-$n-j$j" -- grade "$s" -j "$j" --format json --verdicts v.jsonl \
            --uncertain u.jsonl --html r.html
    done
    check "grade-shape-$n-table" -- grade "$s" --by model
    check "grade-shape-$n-strict" -- grade "$s" --strict -q
done
check grade-shapes-all -- grade "${shapes[@]}" -j 2 --verdicts v.jsonl --format csv
check grade-malformed-short-limit -- grade "$data/malformed.jsonl" "$sample" \
    --max-record-bytes 2000 --verdicts v.jsonl
check grade-stdin "<" "$sample" -- grade - --verdicts v.jsonl --format json
check grade-stdin-gz "<" "$in/sample.jsonl.gz" -- grade - --by model
for fmt in jsonl inspect-eval inspect-json; do
    check "grade-input-format-$fmt" -- grade --input-format "$fmt" "$data/inspect/run.eval" \
        "$data/inspect/run.json" "$sample"
done
check grade-input-format-am -- grade --input-format am-tree "$data/am"
check grade-missing -- grade "$in/no-such-file.jsonl" "$sample"

# agree: markdown and json, with and without a judge, every input shape.
for j in 1 2; do
    check "agree-gen-j$j" -- agree "$in/gen.jsonl" --resamples 200
    check "agree-gen-json-j$j" -- agree "$in/gen.jsonl" --format json --resamples 200 -o a.json
done
check agree-gen-labels -- agree "$in/gen.jsonl" --labels "$in/gen-labels.jsonl" --resamples 200
check agree-gen-show -- agree "$in/gen.jsonl" --show 3 --seed 5 --confidence 0.9 --resamples 300
check agree-contested -- agree "$contested" --resamples 200
check agree-contested-json -- agree "$contested" --format json --resamples 200
check agree-contested-labels -- agree "$contested" --labels "$in/labels.jsonl" --format json \
    --resamples 200
check agree-unlabelled -- agree "$data/shapes.jsonl"
# A flag value out of range is now refused by the shared flag group while
# the command line is parsed (clap's message, same exit status 2).
intended=1
check agree-bad-confidence -- agree "$contested" --confidence 1.5
intended=0
check agree-stdin "<" "$contested" -- agree - --resamples 200
# Every input shape `agree` read before it went through the engine...
for s in "$in/sample.jsonl.gz" "$in/sample.jsonl.zst" "$in/contested.jsonl.gz" \
    "$in/contested.jsonl.zst" "$data/shapes.jsonl" "$data/dev/records.jsonl" "$in/dir"; do
    n=$(echo "${s#"$root"/}" | tr '/' '_')
    check "agree-shape-$n" -- agree "$s" --format json --resamples 100
done
# ... and those it reads only now (see "Intended changes" above).
intended=1
for s in "$in/bom-crlf.jsonl" "$data/malformed.jsonl" "$data/inspect/run.eval" \
    "$data/inspect/run.json" "$data/am"; do
    n=$(echo "${s#"$root"/}" | tr '/' '_')
    check "agree-new-shape-$n" -- agree "$s" --format json --resamples 100
done
intended=0

# compare, gen, rubric.
for f in table json csv markdown; do
    check "compare-gen-$f" -- compare "$in/gen.jsonl" --baseline "$baseline" --format "$f" -j 2
done
check compare-gen-bh -- compare "$in/gen.jsonl" --baseline "$baseline" --by '' \
    --correction bh -j 1
check compare-sample -- compare "$sample" --baseline "$(head -n 1 "$sample" |
    sed -E 's/.*"model": ?"([^"]*)".*/\1/')" --by scenario
check gen-seed-7 -- gen --records 2000 --seed 7 --output g.jsonl
check rubric-show -- rubric show

# How the commands ended (new binary): a run where everything fails the
# same way would pass the comparison, so show it.
echo "same-output: exit statuses: $(cat "$work"/new/*/status | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
if [[ $failed -gt 0 ]]; then
    echo "same-output: $failed of $cases commands differ ($changed more changed as intended)"
    exit 1
fi
echo "same-output: all $((cases - changed)) compared commands identical ($changed changed as intended)"
