#!/usr/bin/env bash
# Runs every fuzz target briefly (default 30 s each) from its committed seeds.
#   scripts/fuzz-smoke.sh            # 30 s per target
#   SECS=600 scripts/fuzz-smoke.sh   # the 10-minute runs recorded in fuzz/README.md
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash leaves its input in fuzz/artifacts/TARGET/; turn it into a test in
# tests/regression.rs before fixing.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECS="${SECS:-30}"
# Only failures found by this run count, not artifacts left by earlier ones.
start=$(mktemp)
trap 'rm -f "$start"' EXIT
for t in parse_record split_records rubric_compile grade_differential compressed_input; do
    echo "== $t (${SECS}s)"
    mkdir -p "corpus/$t"
    cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 |
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|==[0-9]+== ERROR|thread .* panicked)' || true
    if [ -n "$(find "artifacts/$t" -newer "$start" -type f 2>/dev/null)" ]; then
        echo "fuzz-smoke: $t found a failing input in fuzz/artifacts/$t/" >&2
        exit 1
    fi
done
