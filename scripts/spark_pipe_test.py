#!/usr/bin/env python3
"""Run `termalign align --jsonl` under PySpark's RDD.pipe in local[2] mode and
check that Spark returns, line for line, what a local run returns.

Usage: spark_pipe_test.py /abs/path/to/termalign [DATA_DIR]

Everything stays on loopback: SPARK_LOCAL_IP=127.0.0.1, the driver bound to
127.0.0.1, no UI. Exits non-zero on any difference.
"""

import json
import os
import subprocess
import sys

os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"

from pyspark.sql import SparkSession  # noqa: E402  (after SPARK_LOCAL_IP)


def documents(data):
    """The SCO fixture whole, then windows of its gold beads as small docs."""
    read = lambda name: open(os.path.join(data, name), encoding="utf-8").read()
    zh, en = read("zh.txt"), read("en.txt")
    docs = [{"doc": "sco", "zh": zh, "en": en}]
    zs = [l for l in read("zh.sents.txt").splitlines() if l.strip()]
    es = [l for l in read("en.sents.txt").splitlines() if l.strip()]
    beads = []
    for line in read("gold.tsv").splitlines():
        z, e = line.split("\t")
        idx = lambda s: [int(x) for x in s.split(",") if x]
        beads.append((idx(z), idx(e)))
    for d in range(11):
        window = beads[d * 4 : d * 4 + 6]
        docs.append(
            {
                "doc": f"window-{d:02}",
                "zh": "".join(zs[i] for z, _ in window for i in z),
                "en": " ".join(es[i] for _, e in window for i in e),
            }
        )
    return [json.dumps(d, ensure_ascii=False) for d in docs]


def main():
    binary = os.path.abspath(sys.argv[1])
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "tests", "data", "sco"
    )
    lines = documents(data)
    cmd = f"{binary} align --jsonl --quiet -j 1"

    local = subprocess.run(
        cmd.split(), input="\n".join(lines) + "\n", capture_output=True, text=True, check=True
    ).stdout.splitlines()

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("termalign-pipe-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    try:
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        rdd = sc.parallelize(lines, 2)
        # One string split without a shell, an explicit environment, and
        # checkCode=True so a failing termalign fails the job.
        piped = rdd.pipe(cmd, env={"LC_ALL": "C.UTF-8"}, checkCode=True).collect()
    finally:
        spark.stop()

    if piped != local:
        print(f"spark: output differs from the local run ({len(piped)} vs {len(local)} lines)")
        for a, b in zip(piped, local):
            if a != b:
                print("spark:", a[:200])
                print("local:", b[:200])
                break
        sys.exit(1)
    docs = [json.loads(l) for l in piped]
    names = [d["doc"] for d in docs]
    want = [json.loads(l)["doc"] for l in lines]
    if names != want:
        print(f"spark: documents out of order: {names}")
        sys.exit(1)
    beads = sum(len(d["beads"]) for d in docs)
    if any("error" in d for d in docs) or beads == 0:
        print("spark: a document failed or produced no beads")
        sys.exit(1)
    print(f"spark: {len(docs)} documents, {beads} beads through RDD.pipe in local[2], identical to the local run")


if __name__ == "__main__":
    main()
