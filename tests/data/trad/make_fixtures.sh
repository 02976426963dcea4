#!/bin/sh
# Regenerates the traditional-script fixtures from the simplified ones with
# the OpenCC command-line tool (Debian: apt-get install -y opencc).
# Run from the repository root:  sh tests/data/trad/make_fixtures.sh [OUTDIR]
# With OUTDIR (default tests/data/trad) elsewhere, CI diffs against the
# committed files.
set -eu
out=${1:-tests/data/trad}
mkdir -p "$out"
for v in hk tw; do
    for f in sco/zh.txt sco/zh.sents.txt check/planted.tmx check/planted.csv; do
        base=$(basename "$f")
        dir=$(dirname "$f")
        # The TMX then says what its text is (zh-HK, zh-TW), as a tool
        # exporting traditional-script units would.
        opencc -c "s2$v.json" -i "tests/data/$f" |
            sed "s/xml:lang=\"zh-CN\"/xml:lang=\"zh-$(echo $v | tr a-z A-Z)\"/; s/srclang=\"zh-CN\"/srclang=\"zh-$(echo $v | tr a-z A-Z)\"/" \
            > "$out/$dir.$v.$base"
    done
done
