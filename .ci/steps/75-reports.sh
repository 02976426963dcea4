#!/usr/bin/env bash
# `check` reports against the schemas CI servers use: JUnit against
# Jenkins' junit-10.xsd (xmllint), SARIF against the OASIS 2.1.0 schema
# (Python jsonschema, Draft 4) and Microsoft's SARIF Multitool (npm; no
# error or warning allowed). Reports of a failing run (the planted TM),
# a clean run, and the sample TM with --base-uri.
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils python3-jsonschema >/dev/null || true
fi
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  # A Debian system Python refuses pip without --break-system-packages (PEP 668).
  python3 -m pip install -q jsonschema 2>/dev/null ||
    python3 -m pip install -q --break-system-packages jsonschema
fi

cargo build --release -q
bin=$PWD/target/release/termalign
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
xsd=../shared/ci/junit-10.xsd
schema=../shared/ci/sarif-schema-2.1.0.json

"$bin" align tests/data/sco/zh.txt tests/data/sco/en.txt -o "$out/sco.tmx" --date 2024-07-04
printf 'zh,en\n上海合作组织成员国领导人出席会议。,Leaders of SCO member states attended the meeting.\n' > "$out/clean.csv"

report() { # NAME FORMAT ARGS… (exit 0 or 1 both fine; 2 is an error)
  local name=$1 format=$2; shift 2
  local rc=0
  "$bin" check --format "$format" -o "$out/$name" "$@" || rc=$?
  [ "$rc" -le 1 ] || { echo "check failed (exit $rc) for $name" >&2; exit 1; }
}
report planted.xml junit tests/data/check/planted.tmx
report planted-never.xml junit tests/data/check/planted.tmx --fail-on never
report clean.xml junit "$out/clean.csv"
report sco.xml junit "$out/sco.tmx" --fail-on warning
report planted.sarif sarif tests/data/check/planted.tmx
report clean.sarif sarif "$out/clean.csv"
report sco.sarif sarif "$out/sco.tmx" --base-uri "$out"
report planted-base.sarif sarif "$PWD/tests/data/check/planted.csv" --base-uri "$PWD"

for f in "$out"/*.xml; do
  xmllint --noout --nonet --schema "$xsd" "$f"
done
echo "JUnit: $(ls "$out"/*.xml | wc -l) reports valid against junit-10.xsd"

python3 - "$schema" "$out"/*.sarif <<'PY'
import json, sys, jsonschema
v = jsonschema.Draft4Validator(json.load(open(sys.argv[1])))
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        bad += 1
        print(f"{f}: {list(e.path)}: {e.message}")
sys.exit(1 if bad else 0)
PY
echo "SARIF: $(ls "$out"/*.sarif | wc -l) reports valid against the OASIS 2.1.0 schema"

# Microsoft's SARIF Multitool (a self-contained .NET build on npm, ~100 MB).
if ! command -v npm >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then echo "npm is required for the SARIF Multitool" >&2; exit 1; fi
  echo "NOTICE: npm absent: skipping the SARIF Multitool"; exit 0
fi
mt=$(mktemp -d); trap 'rm -rf "$out" "$mt"' EXIT
(cd "$mt" && timeout 600 npm install -q --no-audit --no-fund @microsoft/sarif-multitool >/dev/null)
# npm may skip the package's postinstall (chmod u+x); do it here.
chmod u+x "$mt"/node_modules/@microsoft/sarif-multitool-linux*/Sarif.Multitool 2>/dev/null || true
for f in "$out"/*.sarif; do
  log=$("$mt/node_modules/.bin/sarif-multitool" validate "$f" 2>&1) || { echo "$log"; exit 1; }
  if grep -E ': (error|warning) [A-Z]+[0-9]+' <<<"$log"; then
    echo "SARIF Multitool: errors or warnings in $f" >&2; exit 1
  fi
done
echo "SARIF Multitool: no errors or warnings in $(ls "$out"/*.sarif | wc -l) reports"
