#!/usr/bin/env python3
"""Regenerate planted.tmx and planted.csv from the SCO fixture's pairs.

    cargo run -q -- align tests/data/sco/zh.txt tests/data/sco/en.txt -o sco.csv
    python3 tests/data/check/make_fixtures.py sco.csv

Each planted unit carries one error (see README.md); run from the repo root.
"""
import csv
import html
import sys

rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["zh"] and r["en"]]
used = []


def pick(zh, en):
    for i, r in enumerate(rows):
        if i not in used and zh in r["zh"] and en in r["en"]:
            used.append(i)
            return dict(r)
    raise SystemExit(f"no pair with {zh} / {en}")


units = []  # (plant, zh, en, props)
u = pick("习近平出席上海合作组织成员国元首理事会", "Xi Jinping attends")
units.append(("clean", u["zh"], u["en"], []))
u = pick("上海精神", "Shanghai Spirit")
units.append(("term-missing", u["zh"], u["en"].replace("Shanghai Spirit", "founding ethos", 1), []))
u = pick("一带一路", "Belt and Road")
units.append(("term-forbidden", u["zh"], u["en"].replace("Belt and Road", "One Belt, One Road", 1), []))
u = pick("上海精神", "Shanghai Spirit")
units.append(("term-case", u["zh"], u["en"].replace("Shanghai Spirit", "Shanghai spirit", 1), []))
u = pick("古特雷斯", "Guterres")
units.append(("term-near-miss", u["zh"], u["en"].replace("Guterres", "Gutteres", 1), []))
u = pick("23年", "23 years")
units.append(("number-mismatch", u["zh"], u["en"].replace("23 years", "25 years", 1), []))
u = pick("小院高墙", "small yard")
units.append(("untranslated", u["zh"], u["zh"], []))
# On a 1:1 tie the alphabetically first text is the reference: plants sort after.
u = pick("集体合影", "posed for")
units.append(("clean", u["zh"], u["en"], []))
units.append(("inconsistent-target", u["zh"], u["en"].replace("posed for", "stood for", 1), []))
u = pick("尚待弥合", "Cold War")
units.append(("clean", u["zh"], u["en"], []))
units.append(("inconsistent-source", u["zh"].replace("尚待弥合", "尚待进一步弥合", 1), u["en"], []))
u = pick("上海精神", "Shanghai Spirit")
units.append(("waived term-missing", u["zh"], u["en"].replace("Shanghai Spirit", "founding ethos", 1),
              [("x-termalign-waive", "term-missing")]))

out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    '  <header creationtool="termalign" creationtoolversion="0.1.0" segtype="sentence" o-tmf="termalign"'
    ' adminlang="en-US" srclang="zh-CN" datatype="plaintext" creationdate="20240704T120000Z"/>',
    "  <body>",
]
for plant, zh, en, props in units:
    out.append("    <tu>")
    out.append(f'      <prop type="x-plant">{plant}</prop>')
    for k, v in props:
        out.append(f'      <prop type="{k}">{html.escape(v, quote=False)}</prop>')
    out.append(f'      <tuv xml:lang="zh-CN"><seg>{html.escape(zh, quote=False)}</seg></tuv>')
    out.append(f'      <tuv xml:lang="en-US"><seg>{html.escape(en, quote=False)}</seg></tuv>')
    out.append("    </tu>")
out += ["  </body>", "</tmx>"]
with open("tests/data/check/planted.tmx", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
with open("tests/data/check/planted.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["zh", "en", "plant", "waive"])
    for plant, zh, en, props in units:
        w.writerow([zh, en, plant, ";".join(v for k, v in props if k == "x-termalign-waive")])
