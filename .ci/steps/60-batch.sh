#!/usr/bin/env bash
# Batch mode end to end on a generated corpus (real sentences from the SCO
# fixture and MAC-Dev): -j1 and -j2 give byte-identical output, peak memory
# is reported; then `align --jsonl` under PySpark's RDD.pipe in local[2]
# mode, all traffic on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/target/release/termalign"
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
cargo build --release -q --bin termalign --example gen_corpus
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

./target/release/examples/gen_corpus 500 "$work/corpus"
for j in 1 2; do
  /usr/bin/time -f "peak RSS %M KiB, %e s (-j $j)" \
    "$bin" align --zh-dir "$work/corpus/zh" --en-dir "$work/corpus/en" -j "$j" -o "$work/out$j.csv"
done
cmp "$work/out1.csv" "$work/out2.csv"
echo "batch: -j1 and -j2 outputs identical ($(wc -l < "$work/out1.csv") lines)"

# PySpark needs Python >= 3.11 and Java 17.
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "NOTICE: Python < 3.11: skipping the Spark test"; exit 0
fi
if ! python3 -c 'import pyspark' 2>/dev/null; then
  python3 -m pip install -q pyspark==4.3.0
fi
export SPARK_LOCAL_IP=127.0.0.1
python3 scripts/spark_pipe_test.py "$bin" tests/data/sco
