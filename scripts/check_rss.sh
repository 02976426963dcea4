#!/usr/bin/env bash
# Peak memory of `termalign check` on a generated TMX (issue 12: at most
# 300 MB on 500 MB). Usage: scripts/check_rss.sh [MEGABYTES]  (default 500)
# Needs python3 and GNU time (/usr/bin/time -v). Not a test: memory is a
# measurement, reported, not asserted in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-500}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cargo build --release -q
bin=target/release/termalign
"$bin" align tests/data/sco/zh.txt tests/data/sco/en.txt -o "$out/sco.tmx" --date 2024-01-01
python3 scripts/gen_big_tmx.py "$out/sco.tmx" "$out/big.tmx" "$mb"
ls -l "$out/big.tmx"
set +e
/usr/bin/time -v "$bin" check "$out/big.tmx" > "$out/report.txt" 2> "$out/time.txt"
rc=$?
set -e
tail -1 "$out/report.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$out/time.txt"
echo "exit status $rc"
