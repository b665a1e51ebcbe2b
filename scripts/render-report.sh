#!/usr/bin/env bash
# Renders the SVG chart and the HTML report in headless Chromium and saves
# screenshots, to look at what `--svg` and `--html` really draw.
# Installs the Debian package `chromium` if it is missing.
# Usage: scripts/render-report.sh [OUT_DIR] [INPUT...]
#   default OUT_DIR target/render; default inputs: the bundled sample sweep,
#   the Inspect fixture logs and the agentic-misalignment fixture tree.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/render}"
shift || true
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(tests/data/sample-sweep.jsonl tests/data/inspect/run.eval tests/data/am)
fi
if ! command -v chromium >/dev/null; then
  apt-get install -y chromium >/dev/null
fi
mkdir -p "$out"
cargo build --quiet
target/debug/assay grade -q "${inputs[@]}" --svg "$out/chart.svg" --html "$out/report.html" -o "$out/report.md" --format markdown || [ $? -eq 1 ]
shot() { # file width height png
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$2,$3" --screenshot="$4" "file://$(realpath "$1")" 2>/dev/null
}
# The SVG at its own size; the page at a laptop width, tall enough for all.
read -r w h < <(sed -n 's/.*<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1 \2/p' "$out/chart.svg" | head -1)
shot "$out/chart.svg" "$w" "$h" "$out/chart.png"
shot "$out/report.html" 1280 4800 "$out/report.png"
ls -la "$out"
