#!/usr/bin/env bash
# The Ray tests (python/tests/test_ray.py): Ray's install is a few hundred MB,
# too heavy for every CI run, so it gets its own virtualenv under target/.
# Usage: scripts/test-ray.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ASSAY_PY_VENV=target/pyvenv-ray ASSAY_PY_DEPS="maturin pytest pyarrow pandas ray[data]" \
  exec scripts/test-python.sh -rs python/tests/test_ray.py
