#!/usr/bin/env python3
"""Peer for place finding: the naive matcher the issues describe, with athar's command line, so
that `tools/eval_places_lmr.py` can score it the same way:

    python3 tools/eval_places_lmr.py tools/peers/naive_places.py IDRISI/LMR/data/AR/gold-random-json

Every gazetteer name and variant (folded, article stripped, as `bench_text.py` does) is looked
up for every 1-, 2- and 3-word window of each text (words folded one by one, so that offsets are
the text's own); at each word the longest window that is a name wins, and the next match starts
after it. Only `extract INPUT --places FILE` is implemented (a places layer without points).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_text import fold, names_of  # noqa: E402

WORD = re.compile(r"[\w\u0600-\u06ff]+")
TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "gazetteer", "places.tsv")


def main():
    args = sys.argv[1:]
    if len(args) != 4 or args[0] != "extract" or args[2] != "--places":
        sys.exit("usage: naive_places.py extract INPUT.jsonl --places OUT.geojson")
    names = names_of(TSV)
    feats = []
    with open(args[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            words = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
            i = 0
            while i < len(words):
                hit = None
                for n in (3, 2, 1):
                    g = " ".join(w[2] for w in words[i:i + n])
                    if len(words[i:i + n]) == n and (g in names or (g.startswith("ال") and g[2:] in names)):
                        hit = n
                        break
                if hit:
                    s, e = words[i][0], words[i + hit - 1][1]
                    feats.append({"type": "Feature", "geometry": None, "properties": {
                        "doc": d["id"], "place_mention": text[s:e], "place_name": text[s:e],
                        "country": "", "role": "incident", "mention_start": s, "mention_end": e}})
                    i += hit
                else:
                    i += 1
    with open(args[3], "w", encoding="utf-8") as o:
        json.dump({"type": "FeatureCollection", "features": feats}, o, ensure_ascii=False)


if __name__ == "__main__":
    main()
