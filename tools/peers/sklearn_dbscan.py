#!/usr/bin/env python3
"""Peer for athar's agreement test: scikit-learn DBSCAN with the haversine metric.

    sklearn_dbscan.py POINTS --eps-km 0.5 --min-points 3 [-o labels.json]

POINTS is a GeoJSON FeatureCollection of Points, or a CSV with lon/lat columns (same names as
athar detects). Writes {"labels": [...], "core": [...]} (one entry per input point, in input
order; -1 = noise) as JSON. Earth radius 6,371,008.8 m, as athar.
"""
import argparse
import csv
import json
import sys

import numpy as np
from sklearn.cluster import DBSCAN

R = 6371008.8
LON = ["longitude", "lon", "lng", "long", "x"]
LAT = ["latitude", "lat", "y"]


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        fc = json.loads(text)
        return [f["geometry"]["coordinates"][:2] for f in fc["features"]]
    rows = list(csv.reader(text.splitlines()))
    head = [h.strip().lower() for h in rows[0]]
    lo = next(head.index(n) for n in LON if n in head)
    la = next(head.index(n) for n in LAT if n in head)
    return [[float(r[lo]), float(r[la])] for r in rows[1:] if r]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("points")
    ap.add_argument("--eps-km", type=float, required=True)
    ap.add_argument("--min-points", type=int, required=True)
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    lonlat = np.asarray(read(a.points), dtype=np.float64)
    x = np.radians(lonlat[:, ::-1])  # [lat, lon] in radians, as the haversine metric wants
    db = DBSCAN(eps=a.eps_km * 1000.0 / R, min_samples=a.min_points,
                metric="haversine", algorithm="ball_tree").fit(x)
    core = np.zeros(len(x), dtype=bool)
    core[db.core_sample_indices_] = True
    out = json.dumps({"labels": db.labels_.tolist(), "core": core.tolist()})
    if a.output:
        with open(a.output, "w") as f:
            f.write(out)
    else:
        sys.stdout.write(out)


if __name__ == "__main__":
    main()
