#!/usr/bin/env python3
"""Build the news fixture files from each document's authored source.

For every folder NN-name/ holding source.txt, writes (Python 3 stdlib only):

  zh.sents.txt, en.sents.txt  gold sentences, one per line, a blank line
                              between paragraphs
  gold.tsv                    gold beads, ZH<TAB>EN, comma-separated 0-based
                              indices of the non-blank lines of *.sents.txt
  zh.txt                      raw Chinese as scraped: one paragraph per line,
                              a blank line between paragraphs, and a blank
                              line wherever the source has a break mark
  en.txt                      raw English: paragraphs hard-wrapped at 72
                              columns, a blank line between paragraphs

source.txt format (UTF-8, LF):
  `Z text` / `E text`   one Chinese / English gold sentence
  blank line            ends a bead (the Z and E lines since the last one)
  `=`, `=zh`, `=en`     a paragraph break on both sides / one side, before
                        the next sentence of that side
  `#...`                comment
  In a Z line, `¦` marks a scraping break: removed from the gold sentence,
  replaced by a blank line in zh.txt (a paragraph broken mid-sentence,
  even mid-word, as in ../shared/seed/sco-2024-07-04.zh.txt).

Run `python3 make_fixtures.py` to rewrite the files, `--check` to fail
(exit 1) when a committed file differs from what the source gives.
"""

import pathlib
import sys
import textwrap

BREAK = "\u00a6"  # ¦
HERE = pathlib.Path(__file__).resolve().parent


def parse(path):
    """Return (beads, zh_paras, en_paras): beads as (zh_idx, en_idx) lists,
    paragraphs as lists of raw Z texts / E texts."""
    beads, cur = [], ([], [])
    paras = {"zh": [[]], "en": [[]]}
    texts = {"zh": [], "en": []}

    def end_bead():
        nonlocal cur
        if cur[0] or cur[1]:
            beads.append(cur)
        cur = ([], [])

    def new_para(side):
        if paras[side][-1]:
            paras[side].append([])

    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            end_bead()
            continue
        if line in ("=", "=zh", "=en"):
            for side in ("zh", "en"):
                if line in ("=", "=" + side):
                    new_para(side)
            continue
        tag, _, text = line.partition(" ")
        side = {"Z": "zh", "E": "en"}.get(tag)
        if side is None or not text.strip() or text != text.strip():
            sys.exit(f"{path}:{n}: expected `Z text`, `E text`, `=`, `=zh`, `=en` or blank")
        if side == "en" and BREAK in text:
            sys.exit(f"{path}:{n}: break marks only in Chinese lines")
        cur[0 if side == "zh" else 1].append(len(texts[side]))
        texts[side].append(text)
        paras[side][-1].append(text)
    end_bead()
    for side in ("zh", "en"):
        if not paras[side][-1]:
            paras[side].pop()
    return beads, paras


def build(src):
    beads, paras = parse(src)
    gold = lambda s: s.replace(BREAK, "")
    out = {}
    for side in ("zh", "en"):
        out[f"{side}.sents.txt"] = "\n\n".join(
            "\n".join(gold(s) for s in p) for p in paras[side]) + "\n"
    out["gold.tsv"] = "".join(
        ",".join(map(str, z)) + "\t" + ",".join(map(str, e)) + "\n" for z, e in beads)
    # Chinese: sentences of a paragraph run together; a break mark becomes
    # a blank line, as scraped pages break paragraphs.
    out["zh.txt"] = "\n\n".join(
        "".join(p).replace(BREAK, "\n\n") for p in paras["zh"]) + "\n"
    out["en.txt"] = "\n\n".join(
        textwrap.fill(" ".join(p), 72, break_long_words=False, break_on_hyphens=False)
        for p in paras["en"]) + "\n"
    return out


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    docs = sorted(HERE.glob("*/source.txt"))
    if not docs:
        sys.exit("no */source.txt")
    for src in docs:
        for name, text in build(src).items():
            path = src.parent / name
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path))
            else:
                path.write_text(text, encoding="utf-8")
    if stale:
        print("stale (run make_fixtures.py):", *stale, sep="\n  ")
        sys.exit(1)
    print(f"{len(docs)} documents {'checked' if check else 'written'}")


if __name__ == "__main__":
    main()
