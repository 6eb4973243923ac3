#!/usr/bin/env python3
"""Times scikit-learn DBSCAN(metric="haversine", algorithm="ball_tree") on the same seeded sets
as athar's `cargo bench --bench cluster` (tools/peers/synth.py mirrors src/cluster/synth.rs),
and, with --athar, checks that athar's labels on the same set are the same.

    .venv/bin/python tools/peers/bench_sklearn.py [--sizes 10000,100000,1000000] \\
        [--athar target/release/athar]

Prints one line per set: kind, n, best wall time in seconds, clusters, noise; with --athar also
athar's CLI wall time (reading CSV and writing the layers included) and the agreement: core
points in the same partition, noise identical, and how many border points differ (each must be
within eps of core points of two clusters). Parameters match the Rust bench: eps 0.5 km,
min_samples 5, seed 42; n_jobs=-1 (all cores, as athar's rayon uses).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.cluster import DBSCAN
from sklearn.neighbors import BallTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth import synthetic  # noqa: E402

R = 6371008.8
SEED = 42
EPS_M = 500.0
MIN_POINTS = 5


def athar_labels(athar, pts, tmp):
    csv = os.path.join(tmp, "pts.csv")
    with open(csv, "w") as f:
        f.write("lon,lat\n")
        f.writelines(f"{lon!r},{lat!r}\n" for lon, lat, _ in pts)
    out = os.path.join(tmp, "out")
    t0 = time.perf_counter()
    subprocess.run([athar, "cluster", csv, "-o", out, "--eps-km", str(EPS_M / 1000),
                    "--min-points", str(MIN_POINTS)], check=True, stderr=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    with open(os.path.join(out, "points.geojson")) as f:
        fc = json.load(f)
    return secs, np.array([ft["properties"]["cluster_id"] for ft in fc["features"]])


def compare(x, ours, theirs, core):
    """(core points, border points that differ); raises if DBSCAN's guarantees break."""
    assert ((ours < 0) == (theirs < 0)).all(), "noise differs"
    pairs = set(zip(ours[core].tolist(), theirs[core].tolist()))
    assert len(pairs) == len(set(ours[core].tolist())) == len(set(theirs[core].tolist())), \
        "core points are partitioned differently"
    mapping = dict(pairs)
    border = (~core) & (theirs >= 0)
    mapped = np.array([mapping[v] for v in ours[border].tolist()], dtype=np.int64)
    differ = np.flatnonzero(border)[mapped != theirs[border]]
    if len(differ):
        tree = BallTree(x[core], metric="haversine")
        core_labels = theirs[core]
        for i, nb in zip(differ, tree.query_radius(x[differ], EPS_M / R)):
            assert len(set(core_labels[nb].tolist())) >= 2, f"border point {i} differs"
    return int(core.sum()), len(differ)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--kinds", default="clustered,uniform")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--n-jobs", type=int, default=-1)
    ap.add_argument("--athar", help="athar binary: also run it and compare labels")
    a = ap.parse_args()
    head = "kind\tn\tsklearn_s\tclusters\tnoise"
    if a.athar:
        head += "\tathar_cli_s\tcore_same\tborder_differ"
    print(head, flush=True)
    for n in [int(s) for s in a.sizes.split(",")]:
        for kind in a.kinds.split(","):
            pts = synthetic(n, kind, SEED)
            arr = np.asarray(pts, dtype=np.float64)
            x = np.radians(arr[:, [1, 0]])
            best = float("inf")
            for _ in range(a.repeat):
                t0 = time.perf_counter()
                db = DBSCAN(eps=EPS_M / R, min_samples=MIN_POINTS, metric="haversine",
                            algorithm="ball_tree", n_jobs=a.n_jobs).fit(x)
                best = min(best, time.perf_counter() - t0)
            labels = db.labels_
            line = f"{kind}\t{n}\t{best:.3f}\t{labels.max() + 1}\t{int((labels < 0).sum())}"
            if a.athar:
                core = np.zeros(n, dtype=bool)
                core[db.core_sample_indices_] = True
                del db
                with tempfile.TemporaryDirectory() as tmp:
                    secs, ours = athar_labels(a.athar, pts, tmp)
                n_core, differ = compare(x, ours, labels, core)
                line += f"\t{secs:.3f}\t{n_core}\t{differ}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
