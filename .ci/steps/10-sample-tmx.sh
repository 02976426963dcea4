#!/usr/bin/env bash
# The README's main job, word for word, then DTD validation of its TMX.
set -euo pipefail
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cargo run --release -q -- align tests/data/sco/zh.txt tests/data/sco/en.txt -o "$out/sco.tmx"
xmllint --noout --nonet --dtdvalid ../shared/tmx/tmx14.dtd "$out/sco.tmx"
echo "sample TMX: $(grep -c '<tu>' "$out/sco.tmx") units, DTD-valid"
