#!/usr/bin/env python3
"""Place finding on real Arabic tweets: athar's places layer (every mention, any role) against
the gold location mentions of IDRISI-LMR (Suwaileh et al., CC BY 4.0; not bundled).

    git clone https://github.com/rsuwaileh/IDRISI   # or any copy of LMR/data/AR/gold-random-json
    python3 tools/eval_places_lmr.py target/release/athar IDRISI/LMR/data/AR/gold-random-json [train|dev|all]

A gold mention is found when a mention in the places layer overlaps its code-point span.
Recall is reported per gold type and for the types a gazetteer can hold (country, province,
city/town, district, neighbourhood; not streets or buildings). Precision is the share of
athar's mentions that overlap a gold mention, in all and outside hashtags (the annotators
mostly leave places inside topic hashtags such as «#امطار_الكويت» unmarked).
Add --errors TYPE (a gold type, or FP) to list misses or mentions with no gold counterpart.
"""
import collections
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile

WANT = {"CTRY", "PROV", "CITY", "DIST", "NBHD"}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, root = sys.argv[1], sys.argv[2]
    split = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else "all"
    show = sys.argv[sys.argv.index("--errors") + 1] if "--errors" in sys.argv else None
    docs = {}
    for f in sorted(glob.glob(os.path.join(root, "*", "*.jsonl"))):
        part = os.path.basename(f)[: -len(".jsonl")]
        if part not in ("train", "dev") or (split != "all" and part != split):
            continue
        event = os.path.basename(os.path.dirname(f))
        with open(f, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                d = json.loads(line)
                day = datetime.datetime.strptime(d["created_at"], "%a %b %d %H:%M:%S %z %Y")
                docs[f"{event}_{part}_{i}"] = (d["text"], day.date().isoformat(), d["location_mentions"])
    if not docs:
        sys.exit(f"no train.jsonl/dev.jsonl under {root}/<event>/")
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "docs.jsonl")
        places = os.path.join(tmp, "places.geojson")
        with open(inp, "w", encoding="utf-8") as o:
            for k, (t, day, _) in docs.items():
                o.write(json.dumps({"id": k, "text": t, "published": day}, ensure_ascii=False) + "\n")
        subprocess.run([binary, "extract", inp, "--places", places],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(places, encoding="utf-8") as fh:
            feats = json.load(fh)["features"]
    pred = collections.defaultdict(list)
    for f in feats:
        pred[f["properties"]["doc"]].append(f["properties"])
    found, total = collections.Counter(), collections.Counter()
    n_pred = n_fp = n_plain = n_plain_fp = 0
    misses, fps = collections.defaultdict(list), []

    def overlaps(p, g):
        return p["mention_start"] < g["endIdx"] and g["startIdx"] < p["mention_end"]

    for k, (text, _, gold) in docs.items():
        ps = pred.get(k, [])
        for g in gold:
            hit = any(overlaps(p, g) for p in ps)
            total[g["type"]] += 1
            found[g["type"]] += hit
            if not hit:
                misses[g["type"]].append((k, g["text"], text))
        for p in ps:
            word_start = text[: p["mention_start"]].rsplit(" ", 1)[-1]
            in_hashtag = word_start.startswith("#") or p["place_mention"].startswith("#")
            hit = any(overlaps(p, g) for g in gold)
            n_pred += 1
            n_fp += not hit
            n_plain += not in_hashtag
            n_plain_fp += not hit and not in_hashtag
            if not hit:
                fps.append((k, p["place_mention"], p["place_name"], p["country"], p["role"], text))
    for ty in sorted(total, key=lambda t: -total[t]):
        print(f"{ty:5} recall {found[ty] / total[ty]:.3f} ({found[ty]}/{total[ty]})")
    w, wt = sum(found[t] for t in WANT), sum(total[t] for t in WANT)
    print(f"texts {len(docs)}; country/province/city/district/neighbourhood recall {w / wt:.3f} ({w}/{wt})")
    print(f"precision {1 - n_fp / max(n_pred, 1):.3f} ({n_pred - n_fp}/{n_pred}); "
          f"outside hashtags {1 - n_plain_fp / max(n_plain, 1):.3f} ({n_plain - n_plain_fp}/{n_plain})")
    if show == "FP":
        for x in fps:
            print("FP", x[0], "|", x[1], "→", x[2], x[3], x[4], "|", x[5].replace("\n", " ")[:200])
    elif show:
        for x in misses[show]:
            print("FN", x[0], "|", x[1], "|", x[2].replace("\n", " ")[:200])


if __name__ == "__main__":
    main()
