#!/usr/bin/env bash
# The shipped glossary exported as TBX must be well-formed XML (xmllint,
# never touching the network) and read back to the same CSV, byte for byte;
# the OmegaT export must read back the same way.
set -euo pipefail
command -v xmllint >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
bin=target/release/termalign
[ -x "$bin" ] || cargo build --release -q
"$bin" glossary lint --strict glossary/default.csv
"$bin" glossary convert glossary/default.csv "$out/default.tbx"
xmllint --noout --nonet "$out/default.tbx"
"$bin" glossary convert "$out/default.tbx" "$out/back.csv"
cmp glossary/default.csv "$out/back.csv"
"$bin" glossary convert glossary/default.csv "$out/default.utf8"
"$bin" glossary convert "$out/default.utf8" "$out/back2.csv"
cmp glossary/default.csv "$out/back2.csv"
echo "glossary TBX: $(grep -c '<termEntry' "$out/default.tbx") entries, well-formed, round-trips to CSV and OmegaT"
