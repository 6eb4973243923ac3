#!/usr/bin/env python3
"""Derive gazetteer/common_words.tsv: frequent Arabic words (Zipf >= 3.0), folded.

A gazetteer name that is also a frequent word («صور» pictures / Tyre, «بدا» seemed / a village,
«عمار» a person / a village) needs a place cue in the text before athar takes it as a place.

Source: wordfreq 3.1.1 (PyPI), data file wordfreq/data/large_ar.msgpack.gz, data licence
CC BY-SA 4.0 (Robyn Speer, wordfreq). Reproduce:
    pip download --no-deps -d /tmp/wf wordfreq==3.1.1 && pip install msgpack
    (cd /tmp/wf && unzip -o wordfreq-3.1.1-py3-none-any.whl 'wordfreq/data/large_ar.msgpack.gz')
    python3 tools/build_common_words.py /tmp/wf/wordfreq/data/large_ar.msgpack.gz > gazetteer/common_words.tsv
"""
import gzip
import re
import sys
import unicodedata

import msgpack

DIAC = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه",
                      "ى": "ي", "ی": "ي", "ک": "ك", "ھ": "ه", "ە": "ه"})
ARABIC = re.compile(r"^[\u0621-\u064a]+$")


def main():
    bins = msgpack.load(gzip.open(sys.argv[1]), raw=False)[1:]
    best = {}
    for i, words in enumerate(bins):
        zipf = 900 - i  # centi-Zipf
        if zipf < 300:
            break
        for w in words:
            f = DIAC.sub("", unicodedata.normalize("NFC", w)).translate(FOLD)
            if ARABIC.match(f) and len(f) >= 2:
                best[f] = max(best.get(f, 0), zipf)
    print("word\tzipf_x100")
    for w, z in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{w}\t{z}")


if __name__ == "__main__":
    main()
