#!/usr/bin/env python3
"""Place finding on real Arabic tweets: athar's places layer (every mention, any role) against
the gold location mentions of IDRISI (Suwaileh et al., CC BY 4.0; not bundled).

    git clone https://github.com/rsuwaileh/IDRISI   # or any copy of its Arabic data
    python3 tools/eval_places_lmr.py target/release/athar IDRISI/LMR/data/AR/gold-random-json [train|dev|all]
    python3 tools/eval_places_lmr.py target/release/athar IDRISI/LMD/data/AR [train|dev|all]

The LMD files also give each mention its OpenStreetMap point: then geocoding is scored too, a
found mention being right when athar's point lies within a tolerance of it (country 800 km,
province 150 km, county 60 km, city/town 25 km, district 15 km, neighbourhood 5 km).

A gold mention is found when a mention in the places layer overlaps its code-point span.
Recall is reported per gold type and for the types a gazetteer can hold (country, province,
city/town, district, neighbourhood; not streets or buildings). Precision is the share of
athar's mentions that overlap a gold mention, in all and outside hashtags (the annotators
mostly leave places inside topic hashtags such as «#امطار_الكويت» unmarked).
Add --errors TYPE (a gold type, FP, or GEO) to list misses, wrong points or mentions with no gold counterpart.
"""
import collections
import datetime
import glob
import json
import math
import os
import subprocess
import sys
import tempfile

WANT = {"CTRY", "PROV", "CITY", "DIST", "NBHD"}
# LMD spells the types out
TYPES = {"Country": "CTRY", "Province": "PROV", "State": "PROV", "City/town": "CITY", "District": "DIST",
         "Neighborhood": "NBHD", "County": "CNTY", "Human-made Point-of-Interest": "HPOI",
         "Natural Point-of-Interest": "NPOI", "Road/street": "ST", "Other locations": "OTHR"}
TOLERANCE_KM = {"CTRY": 800, "PROV": 150, "CNTY": 60, "CITY": 25, "DIST": 15, "NBHD": 5}


def km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def gold_mentions(d):
    """(type, start, end, text, (lon, lat) or None) for each gold mention, LMR or LMD form."""
    out = []
    for g in d["location_mentions"]:
        start = g.get("startIdx", g.get("start_offset"))
        end = g.get("endIdx", g.get("end_offset"))
        osm = g.get("osm_json") or {}
        point = (float(osm["lon"]), float(osm["lat"])) if "lat" in osm and "lon" in osm else None
        out.append((TYPES.get(g["type"], g["type"]), start, end, g["text"], point))
    return out


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
                docs[f"{event}_{part}_{i}"] = (d["text"], day.date().isoformat(), gold_mentions(d))
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
        p = f["properties"]
        p["_point"] = f["geometry"]["coordinates"] if f.get("geometry") else None
        pred[p["doc"]].append(p)
    found, total = collections.Counter(), collections.Counter()
    n_pred = n_fp = n_plain = n_plain_fp = 0
    misses, fps = collections.defaultdict(list), []

    def overlaps(p, g):
        return p["mention_start"] < g[2] and g[1] < p["mention_end"]

    geo_ok, geo_n, geo_bad = collections.Counter(), collections.Counter(), []

    for k, (text, _, gold) in docs.items():
        ps = pred.get(k, [])
        for g in gold:
            hits = [p for p in ps if overlaps(p, g)]
            total[g[0]] += 1
            found[g[0]] += bool(hits)
            if not hits:
                misses[g[0]].append((k, g[3], text))
            elif g[4] and g[0] in TOLERANCE_KM and hits[0]["_point"]:
                d = km(*hits[0]["_point"], *g[4])
                geo_n[g[0]] += 1
                geo_ok[g[0]] += d <= TOLERANCE_KM[g[0]]
                if d > TOLERANCE_KM[g[0]]:
                    geo_bad.append((k, g[3], hits[0]["place_name"], hits[0]["country"], round(d)))
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
    if geo_n:
        per = ", ".join(f"{t} {geo_ok[t] / geo_n[t]:.3f} ({geo_n[t]})" for t in TOLERANCE_KM if geo_n[t])
        print(f"geocoded within tolerance {sum(geo_ok.values()) / sum(geo_n.values()):.3f} "
              f"({sum(geo_ok.values())}/{sum(geo_n.values())}): {per}")
    if show == "GEO":
        for x in geo_bad:
            print("GEO", x[0], "|", x[1], "→", x[2], x[3], f"{x[4]} km")
    if show == "FP":
        for x in fps:
            print("FP", x[0], "|", x[1], "→", x[2], x[3], x[4], "|", x[5].replace("\n", " ")[:200])
    elif show:
        for x in misses[show]:
            print("FN", x[0], "|", x[1], "|", x[2].replace("\n", " ")[:200])


if __name__ == "__main__":
    main()
