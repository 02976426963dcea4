#!/usr/bin/env bash
# Bounded-time fuzzing of the input readers (TMX, TBX, glossary CSV/TSV,
# Chinese segmenter): tests/fuzz_inputs.rs with a larger case budget than
# plain `cargo test`. A panic or a case over 20 s (a hang) fails the step.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${FUZZ_CASES:-20000}
started=$(date +%s)
FUZZ_CASES=$cases cargo test -q --test fuzz_inputs
echo "fuzz: $cases cases per target (7 targets) without a finding in $(( $(date +%s) - started )) s"
