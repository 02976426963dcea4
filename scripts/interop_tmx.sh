#!/usr/bin/env bash
# interop_tmx.sh — prove that real TMX clients accept termalign's TMX.
#
# Usage: scripts/interop_tmx.sh [--src zh-CN] [--tgt en-US] [--step STEP]... FILE.tmx...
#
# Steps (all by default, in this order):
#   xmllint   DTD validation (warnings count as errors) plus the rules the
#             DTD cannot express: xml:lang on every tuv, two tuvs per tu, a
#             source tuv in every tu, no empty or padded seg, srclang never
#             *all*, dates YYYYMMDDThhmmssZ.
#   ttk       translate-toolkit (Debian's python3-translate, /usr/bin/python3)
#             reads every unit with both languages.
#   omegat    OmegaT (Debian 3.6) in console mode, the TMX in tm/auto/,
#             pre-translates a source file made of every source segment;
#             its log must be free of load errors, project_stats.txt must
#             show zero remaining segments, and each translated paragraph
#             must be a target the TMX gives for that source.
#
# Needs: apt-get install -y libxml2-utils omegat translate-toolkit unzip
# The DTD is ../shared/tmx/tmx14.dtd when present, else the copy inside
# OmegaT.jar. Exit status: 0 all clients accepted every file, 1 a client
# refused one, 2 usage error or a missing client.
set -euo pipefail

SRC=zh-CN TGT=en-US STEPS=() FILES=()
here=$(cd "$(dirname "$0")/.." && pwd)
usage() { sed -n '2,4p' "$0" | sed 's/^# //' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --src) SRC=$2; shift 2 ;;
    --tgt) TGT=$2; shift 2 ;;
    --step) STEPS+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    -*) echo "interop_tmx: unknown option $1" >&2; usage ;;
    *) FILES+=("$1"); shift ;;
  esac
done
[ ${#FILES[@]} -gt 0 ] || usage
[ ${#STEPS[@]} -gt 0 ] || STEPS=(xmllint ttk omegat)
PY=/usr/bin/python3   # Debian's python, which has the translate module
JAR=/usr/share/omegat/OmegaT.jar

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fail() { echo "interop_tmx: FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "interop_tmx: $1 is not installed ($2)" >&2; exit 2; }; }

dtd() {
  if [ -f "$here/../shared/tmx/tmx14.dtd" ]; then
    echo "$here/../shared/tmx/tmx14.dtd"
  else
    need unzip "apt-get install unzip"
    [ -f "$JAR" ] || { echo "interop_tmx: no DTD: ../shared absent and $JAR missing" >&2; exit 2; }
    unzip -p "$JAR" schemas/tmx14.dtd > "$WORK/tmx14.dtd"
    echo "$WORK/tmx14.dtd"
  fi
}

step_xmllint() {
  local tmx=$1 rc=0
  need xmllint "apt-get install libxml2-utils"
  xmllint --noout --nonet --dtdvalid "$(dtd)" "$tmx" 2> "$WORK/xmllint.err" || rc=$?
  [ "$rc" = 0 ] || { cat "$WORK/xmllint.err" >&2; fail "$tmx: xmllint --dtdvalid exit $rc"; }
  # xmllint only warns (exit 0) on e.g. the deprecated lang= attribute.
  if grep -q . "$WORK/xmllint.err"; then cat "$WORK/xmllint.err" >&2; fail "$tmx: xmllint warnings"; fi
  x() { xmllint --nonet --xpath "$1" "$tmx" 2>/dev/null; }
  local -A rules=(
    ["tuv without xml:lang"]='count(//tuv[not(@xml:lang)])'
    ["tu with fewer than 2 tuv"]='count(//tu[count(tuv)<2])'
    ["tu without a tuv in the header srclang"]='count(//tu[not(tuv[@xml:lang=/tmx/header/@srclang])])'
    ["empty seg"]='count(//seg[normalize-space(.)=""])'
    ["seg with leading or trailing whitespace"]='count(//seg[normalize-space(substring(.,1,1))="" or normalize-space(substring(.,string-length(.)))=""])'
    ['srclang="*all*"']='count(/tmx/header[@srclang="*all*"])'
  )
  local rule n
  for rule in "${!rules[@]}"; do
    n=$(x "${rules[$rule]}")
    [ "$n" = 0 ] || fail "$tmx: $n × $rule"
  done
  local bad
  bad=$(x '//@creationdate|//@changedate' | grep -o '"[^"]*"' | tr -d '"' | grep -vE '^[0-9]{8}T[0-9]{6}Z$' || true)
  [ -z "$bad" ] || fail "$tmx: dates not YYYYMMDDThhmmssZ: $bad"
  echo "xmllint: $tmx: DTD-valid, $(x 'count(//tu)') tu, all rules hold"
}

step_ttk() {
  local tmx=$1
  [ -x "$PY" ] && "$PY" -c 'import translate.storage.tmx' 2>/dev/null \
    || { echo "interop_tmx: translate-toolkit is not installed (apt-get install translate-toolkit)" >&2; exit 2; }
  "$PY" - "$tmx" "$SRC" "$TGT" <<'PY' || fail "$tmx: translate-toolkit"
import re, sys
from translate.storage import tmx
path, src, tgt = sys.argv[1:]
store = tmx.tmxfile.parsefile(path)
units = store.units
both = [u for u in units
        if u.getNodeText(u.getlanguageNode(src)) and u.getNodeText(u.getlanguageNode(tgt))]
raw = len(re.findall(rb"<tu[\s>]", open(path, "rb").read()))
print(f"translate-toolkit: {path}: {len(units)} units, {len(both)} with {src} and {tgt}, {raw} <tu> in the file")
sys.exit(0 if len(both) == len(units) == raw and raw > 0 else 1)
PY
}

step_omegat() {
  local tmx=$1
  need java "apt-get install omegat"
  [ -f "$JAR" ] || { echo "interop_tmx: $JAR missing (apt-get install omegat)" >&2; exit 2; }
  [ -x "$PY" ] && "$PY" -c 'import translate.storage.tmx' 2>/dev/null \
    || { echo "interop_tmx: the omegat step reads the TMX with translate-toolkit (apt-get install translate-toolkit)" >&2; exit 2; }
  local p="$WORK/omegat" cfg="$WORK/omegat-config"
  rm -rf "$p" "$cfg"; mkdir -p "$p"/{source,target,tm/auto,glossary,dictionary,omegat} "$cfg"
  cat > "$p/omegat.project" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>$SRC</source_lang>
    <target_lang>$TGT</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
XML
  cp "$tmx" "$p/tm/auto/termalign.tmx"
  # The source document: every distinct source segment as its own paragraph.
  "$PY" - "$tmx" "$SRC" "$TGT" "$p/source/source.txt" "$WORK/expected.json" <<'PY'
import json, sys
from translate.storage import tmx
path, src, tgt, out, expected = sys.argv[1:]
targets = {}
for u in tmx.tmxfile.parsefile(path).units:
    s = u.getNodeText(u.getlanguageNode(src))
    targets.setdefault(s, []).append(u.getNodeText(u.getlanguageNode(tgt)))
with open(out, "w", encoding="utf-8") as f:
    f.write("\n\n".join(targets) + "\n")
json.dump(targets, open(expected, "w", encoding="utf-8"), ensure_ascii=False)
PY
  local rc=0
  timeout 600 java -Djava.awt.headless=true -jar "$JAR" "$p" --mode=console-translate \
    --config-dir="$cfg" --disable-project-locking --no-team --quiet > "$WORK/omegat.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { cat "$WORK/omegat.log" >&2; fail "$tmx: OmegaT exited $rc"; }
  # OmegaT exits 0 even when it cannot load the TMX: read its log.
  if grep -E 'TF_TM_LOAD_ERROR|TMXR_WARNING|XMLStreamException|SAXParseException|Exception' "$WORK/omegat.log" >&2; then
    fail "$tmx: OmegaT could not use the TMX"
  fi
  local stats="$p/omegat/project_stats.txt"
  [ -f "$stats" ] || { cat "$WORK/omegat.log" >&2; fail "$tmx: OmegaT wrote no project_stats.txt"; }
  local total left
  total=$(awk '$1 == "Total:" {print $2; exit}' "$stats")
  left=$(awk '$1 == "Remaining:" {print $2; exit}' "$stats")
  [ -n "$left" ] && [ "$left" = 0 ] || { cat "$stats" >&2; fail "$tmx: OmegaT left ${left:-?} of ${total:-?} segments untranslated"; }
  [ -f "$p/target/source.txt" ] || fail "$tmx: OmegaT wrote no target document"
  "$PY" - "$WORK/expected.json" "$p/target/source.txt" <<'PY' || fail "$tmx: OmegaT's translations differ from the TMX"
import json, sys
targets = json.load(open(sys.argv[1], encoding="utf-8"))
got = [p for p in open(sys.argv[2], encoding="utf-8").read().split("\n\n")]
got = [p.strip("\n") for p in got if p.strip("\n")]
bad = [(s, g) for (s, ts), g in zip(targets.items(), got) if g not in ts]
if len(got) != len(targets) or bad:
    print(f"{len(got)} translated paragraphs for {len(targets)} sources; first mismatches: {bad[:3]}", file=sys.stderr)
    sys.exit(1)
PY
  echo "omegat: $tmx: $total segments pre-translated from the TMX, 0 remaining, every translation matches"
}

for f in "${FILES[@]}"; do
  [ -f "$f" ] || { echo "interop_tmx: $f: no such file" >&2; exit 2; }
  tmx=$(readlink -f "$f")
  for s in "${STEPS[@]}"; do
    case "$s" in
      xmllint|ttk|omegat) "step_$s" "$tmx" ;;
      *) echo "interop_tmx: unknown step $s (xmllint, ttk, omegat)" >&2; exit 2 ;;
    esac
  done
done
echo "interop_tmx: OK (${STEPS[*]}) on ${#FILES[@]} file(s)"
