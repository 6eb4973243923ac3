//! DBSCAN / ST-DBSCAN on seeded synthetic sets of 10 k, 100 k and 1 M points (clustered and
//! uniform over ~180 × 167 km), the same sets `tools/peers/bench_sklearn.py` times scikit-learn on.
//!
//! `cargo bench --bench cluster` (filter e.g. `-- 1000000`). Parameters: eps 0.5 km,
//! min_points 5, window 7 days for ST-DBSCAN.

use athar::cluster::synth::{synthetic, Kind};
use athar::cluster::{dbscan, DbscanParams};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::time::Duration;

const SEED: u64 = 42;
const EPS_M: f64 = 500.0;
const MIN_POINTS: usize = 5;
const WINDOW_DAYS: f64 = 7.0;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("cluster");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000, 1_000_000] {
        for (kind, name) in [(Kind::Clustered, "clustered"), (Kind::Uniform, "uniform")] {
            let pts = synthetic(n, kind, SEED);
            for (algo, window) in [("dbscan", None), ("st_dbscan", Some(WINDOW_DAYS))] {
                let params = DbscanParams {
                    eps_m: EPS_M,
                    min_points: MIN_POINTS,
                    window_days: window,
                };
                // Cluster and noise counts, to check against scikit-learn's on the same set.
                let labels = dbscan(&pts, &params);
                let clusters = labels.iter().max().map_or(0, |m| m + 1);
                let noise = labels.iter().filter(|&&l| l < 0).count();
                eprintln!("{algo} {name} n={n}: clusters={clusters} noise={noise}");
                g.bench_with_input(
                    BenchmarkId::new(format!("{algo}/{name}"), n),
                    &pts,
                    |b, pts| b.iter(|| dbscan(pts, &params)),
                );
            }
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
