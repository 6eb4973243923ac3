#!/usr/bin/env python3
"""Peer side of benches/extract.rs: the same stages written the plain Python way.

- normalise: the same folding table (str.translate + one regex for marks), per dev text;
- match_places: the naive matcher the issue describes — every gazetteer name and variant
  (folded, article stripped) looked up for every 1-, 2- and 3-word window of the folded text.
Prints MB/s for each, on the dev corpus, best of 5 runs. Usage:
    python3 tools/peers/bench_text.py [../shared/corpus/dev/docs.jsonl] [gazetteer/places.tsv]
"""
import json
import re
import sys
import time

DOCS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev/docs.jsonl"
TSV = sys.argv[2] if len(sys.argv) > 2 else "gazetteer/places.tsv"
MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي",
                      "ی": "ي", "ک": "ك", "ھ": "ه", "_": " ", **{chr(0x660 + i): str(i) for i in range(10)}})
WORD = re.compile(r"\w+")


def fold(s):
    return " ".join(MARKS.sub("", s).translate(FOLD).split())


def key(name):
    f = fold(name).lstrip("#")
    return f[2:] if f.startswith("ال") and len(f.split(" ")[0]) > 4 else f


def names_of(tsv):
    """Every name and variant of the gazetteer, as `key` gives them."""
    names = set()
    with open(tsv, encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            for n in [c[4]] + [v for v in c[6].split("|") if v]:
                names.add(key(n))
    return names


def main():
    texts = [json.loads(l)["text"] for l in open(DOCS, encoding="utf-8") if l.strip()]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    names = names_of(TSV)

    def best(fn):
        t = []
        for _ in range(5):
            a = time.perf_counter()
            fn()
            t.append(time.perf_counter() - a)
        return min(t)

    t_norm = best(lambda: [fold(t) for t in texts])

    def match():
        out = 0
        for t in texts:
            w = WORD.findall(fold(t))
            for i in range(len(w)):
                for n in (1, 2, 3):
                    g = " ".join(w[i:i + n])
                    if g in names or (g.startswith("ال") and g[2:] in names):
                        out += 1
        return out

    t_match = best(match)
    print(json.dumps({"corpus_mb": round(mb, 4), "normalise_mb_s": round(mb / t_norm, 2),
                      "match_places_mb_s": round(mb / t_match, 2), "names": len(names)}))


if __name__ == "__main__":
    main()
