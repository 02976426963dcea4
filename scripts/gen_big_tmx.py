#!/usr/bin/env python3
"""Write a large TMX for memory measurements of `termalign check`.

    scripts/gen_big_tmx.py SAMPLE.tmx OUT.tmx [MEGABYTES]

Repeats SAMPLE's units until OUT reaches MEGABYTES (default 500). Copy i
appends " i" to both sides, so sources stay distinct; every 97th copy keeps
the sources as they are and gives the targets one of five variants, so the
inconsistent-* rules have real groups to report. scripts/check_rss.sh uses it.
"""
import re
import sys

sample, out = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3] if len(sys.argv) > 3 else 500) * 1024 * 1024
text = open(sample, encoding="utf-8").read()
head = text[: text.index("<body>") + len("<body>")] + "\n"
tus = re.findall(r"<tu>.*?</tu>", text, flags=re.S)
seg = re.compile(r"(<seg>)(.*?)(</seg>)", re.S)

with open(out, "w", encoding="utf-8") as f:
    f.write(head)
    size, i = len(head.encode()), 0
    while size < limit:
        i += 1
        for tu in tus:
            if i % 97 == 0:
                n = [0]

                def variant(m):
                    n[0] += 1
                    extra = "" if n[0] == 1 else f" v{i % 5}"
                    return m.group(1) + m.group(2) + extra + m.group(3)

                tu = seg.sub(variant, tu)
            else:
                tu = seg.sub(lambda m: f"{m.group(1)}{m.group(2)} {i}{m.group(3)}", tu)
            f.write(tu + "\n")
            size += len(tu.encode()) + 1
    f.write("</body>\n</tmx>\n")
print(f"{out}: {i} copies of {len(tus)} units")
