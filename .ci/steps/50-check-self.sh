#!/usr/bin/env bash
# Self-test: the project's CI runs its own terminology checker on the sample
# TM (tests/data/sco aligned into TMX) with the shipped glossary.
#  1. The sample must have no errors: `check` exits 0 (it exits 1 on an
#     error, and `set -e` fails CI). Its warnings are printed for review.
#  2. The gate must close: a planted forbidden rendering must exit 1 and be
#     reported; a missing file must exit 2.
#  3. A baseline written from the sample accepts all its findings, even
#     under --fail-on warning.
set -euo pipefail
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cargo build --release -q
bin=target/release/termalign

$bin align tests/data/sco/zh.txt tests/data/sco/en.txt -o "$out/sco.tmx"
$bin check "$out/sco.tmx"
$bin check "$out/sco.tmx" --format sarif -o "$out/sco.sarif"
grep -q '"version": "2.1.0"' "$out/sco.sarif"

grep -q 'Belt and Road' "$out/sco.tmx"
sed 's/Belt and Road/One Belt, One Road/' "$out/sco.tmx" > "$out/planted.tmx"
rc=0; $bin check "$out/planted.tmx" --format json -o "$out/planted.json" || rc=$?
[ "$rc" = 1 ] || { echo "check: planted forbidden rendering not caught (exit $rc)" >&2; exit 1; }
grep -q '"rule": "term-forbidden"' "$out/planted.json"
rc=0; $bin check "$out/missing.tmx" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || { echo "check: missing input should exit 2, got $rc" >&2; exit 1; }

$bin check "$out/sco.tmx" --write-baseline "$out/baseline.json"
$bin check "$out/sco.tmx" --baseline "$out/baseline.json" --fail-on warning
echo "check self-test: sample TM clean of errors, planted error caught, baseline round trip ok"
