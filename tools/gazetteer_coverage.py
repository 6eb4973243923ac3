#!/usr/bin/env python3
"""Coverage of the bundled gazetteer on the dev gold (standard library only).

    python3 tools/gazetteer_coverage.py [--gazetteer gazetteer/places.tsv] [--gold ../shared/corpus/dev/gold]

For every incident place of the gold (levels other than country): is its surface or place_key
(folded, clitics/article stripped as eval/score.py `norm` does) a name or variant of some row?
For gold places with coordinates: does the chosen candidate lie within tolerance_km? The candidate
is chosen simply: same country first, then a candidate whose admin chain contains the gold
`parent` name, then (Syria) the one nearest Aleppo, then population. The best candidate of all
(nearest) is reported too, to separate "missing from the gazetteer" from "resolution picked a
homonym".
"""
import argparse
import json
import math
import re
import unicodedata
from pathlib import Path

DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                      "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي", "_": " ", "#": " "})
PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ف", "ل")
TRIGGERS = ("حي ", "منطقه ", "مدينه ", "بلده ", "قريه ", "مخيم ", "ساحه ", "سوق ")
ALEPPO = (36.2021, 37.1343)


def norm(s):
    """Same as eval/score.py norm."""
    s = unicodedata.normalize("NFKC", s or "")
    s = INVISIBLE.sub("", DIACRITICS.sub("", s)).translate(FOLD)
    s = " ".join(s.split())
    for t in TRIGGERS:
        if s.startswith(t) and len(s) > len(t) + 2:
            s = s[len(t):]
    words = []
    for w in s.split():
        for p in PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        words.append(w)
    return " ".join(words)


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def load(path):
    rows, index = {}, {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[r["id"]] = r
            names = [r["name_ar"]] + [v for v in r["variants_ar"].split("|") if v]
            for n in names:
                k = norm(n)
                if k:
                    index.setdefault(k, set()).add(r["id"])
    return rows, index


def ancestors(rows, pid):
    out, seen = [], set()
    while pid and pid in rows and pid not in seen:
        seen.add(pid)
        out.append(rows[pid])
        pid = rows[pid]["parent"]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gazetteer", default="gazetteer/places.tsv")
    ap.add_argument("--gold", default="../shared/corpus/dev/gold")
    a = ap.parse_args()
    rows, index = load(a.gazetteer)
    total = found = found_country = with_coord = within = best_within = 0
    misses, far = [], []
    for gf in sorted(Path(a.gold).glob("*.json")):
        doc = json.loads(gf.read_text(encoding="utf-8"))
        for pl in doc.get("incident_places", []):
            if pl.get("level") == "country":
                continue
            total += 1
            key = re.sub(r"\s*\(.*?\)", "", pl.get("place_key") or "")
            cands = set()
            for k in {norm(pl.get("surface", "")), norm(key)}:
                cands |= index.get(k, set())
            if cands:
                found += 1
                found_country += any(rows[c]["country"] == pl.get("country") for c in cands)
            else:
                misses.append(f"{doc['id']}\t{pl['level']}\t{pl.get('surface')}\t{pl.get('place_key')}\t{pl.get('country')}")
            if pl.get("lat") is None:
                continue
            with_coord += 1
            if not cands:
                continue
            parent = norm(re.sub(r"^محافظة\s+", "", pl.get("parent") or ""))

            def rank(pid):
                r = rows[pid]
                same = r["country"] == pl.get("country")
                in_parent = bool(parent) and any(
                    parent in {norm(x["name_ar"])} | {norm(v) for v in x["variants_ar"].split("|") if v}
                    for x in ancestors(rows, r["parent"]))
                d_al = haversine_km(ALEPPO[0], ALEPPO[1], float(r["lat"]), float(r["lon"])) if pl.get("country") == "SY" else 0.0
                pop = int(r["population"] or 0)
                return (not same, not in_parent, d_al, -pop, pid)

            chosen = min(cands, key=rank)
            d = haversine_km(pl["lat"], pl["lon"], float(rows[chosen]["lat"]), float(rows[chosen]["lon"]))
            dbest = min(haversine_km(pl["lat"], pl["lon"], float(rows[c]["lat"]), float(rows[c]["lon"])) for c in cands)
            tol = max(1.0, float(pl.get("tolerance_km") or 1.0))
            within += d <= tol
            best_within += dbest <= tol
            if d > tol:
                far.append(f"{doc['id']}\t{pl.get('surface')}\tchosen {chosen} {rows[chosen]['name_ar']} at {d:.2f} km "
                           f"(tol {tol}); best candidate {dbest:.2f} km; {len(cands)} candidates")
    print(f"incident places (non-country): {total}")
    print(f"found in gazetteer: {found}/{total} = {100.0 * found / max(1, total):.1f}%")
    print(f"found with a candidate in the gold country: {found_country}/{total} = {100.0 * found_country / max(1, total):.1f}%")
    print(f"with gold coordinates: {with_coord}; chosen candidate within tolerance: {within}/{with_coord} = "
          f"{100.0 * within / max(1, with_coord):.1f}%; some candidate within tolerance: {best_within}/{with_coord}")
    if misses:
        print("\nnot found:")
        print("\n".join(misses))
    if far:
        print("\noutside tolerance:")
        print("\n".join(far))


if __name__ == "__main__":
    main()
