#!/usr/bin/env bash
# Runs the library's pure unit tests under Miri (undefined-behaviour checker).
#   rustup +nightly component add miri   # once
#   scripts/miri.sh
#
# Covered: line splitting and the streaming BlockReader (input::split), the
# free-text splitter (parse::freetext) and tallies (tally): the code paths
# that index into byte buffers by hand.
#
# Not covered, and why:
# - input::mmap (the crate's only `unsafe`): Miri cannot run the mmap system
#   call. The map is read-only and never outlives its `Bytes`; the remaining
#   hazard (SIGBUS on truncation) is external, documented, and avoided by
#   --no-mmap.
# - the record parser: simd-json's SIMD intrinsics and runtime CPU detection
#   are not supported by Miri. It is covered instead by the fuzz targets,
#   built with AddressSanitizer by cargo-fuzz (`scripts/fuzz-smoke.sh`),
#   which catches out-of-bounds reads in its unsafe code on real inputs.
# - stats::special: pure, but Miri deliberately perturbs the last bits of
#   ln/exp/erf results, so its tests at 1e-15 tolerance fail under Miri by
#   design, not because of undefined behaviour (checked: the failures are
#   tolerance asserts only).
# - proptest-based and multi-megabyte tests are `#[cfg_attr(miri, ignore)]`:
#   correct under Miri but hours long.
set -euo pipefail
cd "$(dirname "$0")/.."
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-disable-isolation}"
cargo +nightly miri test --lib -- input::split parse::freetext tally
