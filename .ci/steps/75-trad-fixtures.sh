#!/usr/bin/env bash
# The traditional-script fixtures (tests/data/trad) are what OpenCC makes of
# the simplified ones: regenerate them with the opencc tool and diff, and
# validate a traditional-script TMX (zh-HK units) against the DTD.
set -euo pipefail
if ! command -v opencc >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq opencc >/dev/null
fi
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
sh tests/data/trad/make_fixtures.sh "$out"
for f in "$out"/*; do
  cmp "$f" "tests/data/trad/$(basename "$f")"
done
cargo run --release -q -- align tests/data/trad/sco.hk.zh.txt tests/data/sco/en.txt -o "$out/hk.tmx"
xmllint --noout --nonet --dtdvalid ../shared/tmx/tmx14.dtd "$out/hk.tmx"
grep -q 'srclang="zh-HK"' "$out/hk.tmx"
echo "traditional fixtures: regenerated identically; zh-HK TMX DTD-valid"
