#!/usr/bin/env bash
# Interoperability of termalign's TMX with real clients: xmllint (DTD and
# the rules it cannot express), translate-toolkit and OmegaT 3.6 in console
# mode, on the TMX of the sample pair, of a batch (the six MAC-Dev pairs)
# and of a memory full of what breaks clients; then the round trip
# write → read → write through `tm convert`.
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils omegat translate-toolkit unzip >/dev/null
fi

cargo build --release -q
bin=$PWD/target/release/termalign
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
date=2024-07-04T00:00:00Z

# 1. The sample pair, exactly as the README runs it.
"$bin" align tests/data/sco/zh.txt tests/data/sco/en.txt -o "$out/sco.tmx" --date "$date"

# 2. A batch: the MAC-Dev pairs, with the batch mode when this build has it,
#    else aligned one by one and merged with `tm merge`.
mac=../shared/align/mac-dev
if "$bin" align --help | grep -q -- '--zh-dir'; then
  "$bin" align --zh-dir "$mac/zh" --en-dir "$mac/en" -o "$out/batch.tmx" --date "$date"
else
  parts=()
  for zh in "$mac"/zh/*.txt; do
    n=$(basename "$zh" .txt)
    "$bin" align "$zh" "$mac/en/$n.txt" -o "$out/mac-$n.tmx" --date "$date"
    parts+=("$out/mac-$n.tmx")
  done
  "$bin" tm merge "${parts[@]}" -o "$out/batch.tmx" --date "$date"
fi

# 3. A memory holding control characters, ]]>, &, <, padding and an empty side.
printf '%s\n' 'zh,en' \
  "\"控制$(printf '\001')字符。\",\"control$(printf '\007') char.\"" \
  '"a]]>b。","x ]]> y."' \
  '"研发<R&D>。","R&D <lab> & co."' \
  '"空句。",""' \
  '"  前后空格。","  padded.  "' > "$out/dirty.csv"
"$bin" tm convert "$out/dirty.csv" "$out/dirty.tmx" --date "$date"

scripts/interop_tmx.sh "$out/sco.tmx" "$out/batch.tmx" "$out/dirty.tmx"

# 4. Round trip: TMX → CSV → TSV → TMX gives the same bytes.
"$bin" tm convert "$out/sco.tmx" "$out/rt.csv" --date "$date"
"$bin" tm convert "$out/rt.csv" "$out/rt.tsv" --date "$date"
"$bin" tm convert "$out/rt.tsv" "$out/rt.tmx" --date "$date"
cmp "$out/sco.tmx" "$out/rt.tmx"
"$bin" tm stats "$out/batch.tmx"
echo "interop: sample, batch and hygiene TMX accepted by xmllint, translate-toolkit and OmegaT; round trip identical"
