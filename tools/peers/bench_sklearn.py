#!/usr/bin/env python3
"""Times scikit-learn DBSCAN(metric="haversine", algorithm="ball_tree") on the same seeded sets
as athar's `cargo bench --bench cluster` (tools/peers/synth.py mirrors src/cluster/synth.rs).

    .venv/bin/python tools/peers/bench_sklearn.py [--sizes 10000,100000,1000000] [--repeat 1]

Prints one line per set: kind, n, best wall time in seconds, clusters, noise. Parameters match
the Rust bench: eps 0.5 km, min_samples 5, seed 42. n_jobs=-1 (all cores, as rayon uses).
"""
import argparse
import os
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth import synthetic  # noqa: E402

R = 6371008.8
SEED = 42
EPS_M = 500.0
MIN_POINTS = 5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--kinds", default="clustered,uniform")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--n-jobs", type=int, default=-1)
    a = ap.parse_args()
    print("kind\tn\tsklearn_s\tclusters\tnoise", flush=True)
    for n in [int(s) for s in a.sizes.split(",")]:
        for kind in a.kinds.split(","):
            pts = np.asarray(synthetic(n, kind, SEED), dtype=np.float64)
            x = np.radians(pts[:, [1, 0]])
            best = float("inf")
            for _ in range(a.repeat):
                t0 = time.perf_counter()
                db = DBSCAN(eps=EPS_M / R, min_samples=MIN_POINTS, metric="haversine",
                            algorithm="ball_tree", n_jobs=a.n_jobs).fit(x)
                best = min(best, time.perf_counter() - t0)
            labels = db.labels_
            print(f"{kind}\t{n}\t{best:.3f}\t{labels.max() + 1}\t{int((labels < 0).sum())}",
                  flush=True)


if __name__ == "__main__":
    main()
