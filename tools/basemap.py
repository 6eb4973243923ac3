#!/usr/bin/env python3
"""Derive the web map's offline basemap (assets/basemap/) from ../shared/gazetteer-sources.

Standard library only; deterministic (same sources -> same bytes).

* syr_admin1.geojson: Syrian governorates (OCHA COD-AB) simplified with Douglas-Peucker.
  Vertices where a border meets another governorate are kept as fixed anchors, and each run of a ring between
  anchors is simplified alone, so neighbouring governorates keep one common border (no slivers).
* aleppo_neighbourhoods.geojson: Aleppo city neighbourhood outlines (Columbia CSR, MIT),
  simplified the same way, duplicates (same Id and name) dropped.

Usage: python3 tools/basemap.py [SHARED_DIR]   (default: ../shared next to the repository)
"""
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dp(points, tol):
    """Douglas-Peucker on a list of (x, y); keeps the first and last point."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0.0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, best_i = d, i
        if best > tol and best_i > 0:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(points, keep) if k]


def rings_of(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError("unexpected geometry " + geom["type"])


def key(p):
    return (round(p[0], 9), round(p[1], 9))


def simplify_features(features, tol, digits, min_area):
    """Simplify every ring with shared vertices as anchors; returns new geometries."""
    owners = {}
    for fi, f in enumerate(features):
        for poly in rings_of(f["geometry"]):
            for ring in poly:
                for p in ring:
                    owners.setdefault(key(p), set()).add(fi)
    def frozen(p):
        return frozenset(owners[p])

    out = []
    for f in features:
        polys = []
        for poly in rings_of(f["geometry"]):
            new_poly = []
            for ri, ring in enumerate(poly):
                pts = [key(p) for p in ring]
                if len(pts) > 1 and pts[0] == pts[-1]:
                    pts = pts[:-1]
                n = len(pts)
                # an anchor is where the border changes neighbour (a junction of governorates)
                anchors = [i for i, p in enumerate(pts)
                           if len(owners[p]) > 1
                           and (frozen(p) != frozen(pts[i - 1]) or frozen(p) != frozen(pts[(i + 1) % n]))]
                if not anchors:
                    anchors = [0]
                # rotate so that the ring starts at an anchor
                s = anchors[0]
                pts = pts[s:] + pts[:s]
                anchors = [(i - s) % len(pts) for i in anchors] + [len(pts)]
                closed = pts + [pts[0]]
                res = []
                for a, b in zip(anchors, anchors[1:]):
                    seg = dp(closed[a:b + 1], tol)
                    res.extend(seg[:-1])
                res.append(res[0])
                res = [[round(x, digits), round(y, digits)] for x, y in res]
                dedup = [res[0]]
                for p in res[1:]:
                    if p != dedup[-1]:
                        dedup.append(p)
                if len(dedup) < 4 or abs(area(dedup)) < min_area:
                    if ri == 0:
                        break  # the outer ring vanished: drop the polygon with its holes
                    continue
                new_poly.append(dedup)
            if new_poly:
                polys.append(new_poly)
        out.append(polys)
    return out


def area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def geometry(polys):
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def centroid(polys):
    """Area-weighted centroid of the largest polygon's outer ring (a label point)."""
    ring = max((p[0] for p in polys), key=lambda r: abs(area(r)))
    a = area(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        c = x1 * y2 - x2 * y1
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if a == 0:
        return ring[0]
    return [round(cx / (6 * a), 4), round(cy / (6 * a), 4)]


def dump(path, fc):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
    src = os.path.join(shared, "gazetteer-sources")
    out_dir = os.path.join(ROOT, "assets", "basemap")
    os.makedirs(out_dir, exist_ok=True)

    with open(os.path.join(src, "ocha-cod-ab-syria-2015", "raw", "syr_admin1.geojson"), encoding="utf-8") as fh:
        adm1 = json.load(fh)["features"]
    adm1.sort(key=lambda f: f["properties"]["PCODE"])
    # 0.004 degrees is about 400 m: invisible at the zoom levels where a governorate is seen whole
    geoms = simplify_features(adm1, 0.004, 3, 1e-5)
    feats = []
    for f, polys in zip(adm1, geoms):
        p = f["properties"]
        feats.append({
            "type": "Feature",
            "properties": {"pcode": p["PCODE"], "name_ar": p["NAME_ARA"], "name_en": p["NAME_EN"],
                           "label": centroid(polys)},
            "geometry": geometry(polys),
        })
    dump(os.path.join(out_dir, "syr_admin1.geojson"), {"type": "FeatureCollection", "features": feats})

    with open(os.path.join(src, "csr-columbia-aleppo-neighbourhoods", "Neighborhoods.geojson"), encoding="utf-8") as fh:
        nb = json.load(fh)["features"]
    seen = set()
    uniq = []
    for f in sorted(nb, key=lambda f: (f["properties"]["Id"], f["properties"]["NAME"] or "")):
        k = (f["properties"]["Id"], f["properties"]["NAME"])
        if k in seen:
            continue
        seen.add(k)
        uniq.append(f)
    # 0.00008 degrees is about 8 m: outlines still meet at street level
    geoms = simplify_features(uniq, 0.00008, 5, 1e-9)
    feats = []
    for f, polys in zip(uniq, geoms):
        if not polys:
            continue
        p = f["properties"]
        name_en = (p.get("NAME") or "").replace("-new", "").strip()
        feats.append({
            "type": "Feature",
            "properties": {"name_ar": (p.get("NAME_A") or "").strip(), "name_en": name_en,
                           "label": centroid(polys)},
            "geometry": geometry(polys),
        })
    dump(os.path.join(out_dir, "aleppo_neighbourhoods.geojson"), {"type": "FeatureCollection", "features": feats})


if __name__ == "__main__":
    main()
