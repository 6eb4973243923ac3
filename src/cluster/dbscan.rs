//! DBSCAN / ST-DBSCAN with an R-tree pre-filter and exact haversine neighbourhoods.
//!
//! Three parallel passes over the points, each an R-tree query per point; none depends on the
//! order in which points are visited, so the labels are the same on any number of threads:
//! 1. core flags (a count of neighbours that stops at `min_points`);
//! 2. core points linked to their core neighbours in a lock-free union-find;
//! 3. each border point joins the cluster of its nearest core neighbour (ties: the core point
//!    earliest in the canonical order).
//!
//! Clusters are numbered 0, 1, … by their first member in the canonical order: time (dated
//! points first), then longitude, then latitude. Points equal in all three are interchangeable
//! (same neighbourhood, same label), so the labels do not depend on the input order.

use super::{ClusterPoint, DbscanParams, EARTH_RADIUS_M};
use rayon::prelude::*;
use rstar::{RTree, RTreeObject, AABB};
use std::cmp::Ordering;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};

/// Labels plus core flags, for callers (and agreement tests) that need to tell core from border.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbscanOutput {
    /// Cluster id per input point, -1 for noise (and for points with invalid coordinates).
    pub labels: Vec<i64>,
    /// Whether each input point is a core point (has `min_points` neighbours, itself included).
    pub core: Vec<bool>,
}

/// DBSCAN (or ST-DBSCAN when `params.window_days` is set): a label per input point, -1 = noise.
///
/// Points with non-finite or out-of-range coordinates are labelled noise; a non-finite time
/// counts as no time. Invalid parameters (negative or non-finite eps or window) label every
/// point noise: callers validate them first (the CLI does).
///
/// ```
/// use athar::cluster::{dbscan, ClusterPoint, DbscanParams};
/// let p = |lon, lat| ClusterPoint { lon, lat, t_days: None };
/// // Three strikes within ~100 m of each other and one 5 km away; eps 500 m, 3 points.
/// let pts = [p(37.160, 36.200), p(37.161, 36.2005), p(37.1605, 36.2008), p(37.21, 36.20)];
/// let params = DbscanParams { eps_m: 500.0, min_points: 3, window_days: None };
/// assert_eq!(dbscan(&pts, &params), vec![0, 0, 0, -1]);
/// ```
pub fn dbscan(points: &[ClusterPoint], params: &DbscanParams) -> Vec<i64> {
    dbscan_detailed(points, params).labels
}

/// Time coordinate given in the tree to points without a time (ST-DBSCAN only): far from any
/// real date, so a time window around a dated point never reaches it.
const NO_TIME: f64 = -1.0e12;

/// A point as stored in the tree: position in degrees (plus time for ST-DBSCAN) and what the
/// exact test needs, so a candidate is tested without touching another array.
#[derive(Debug, Clone, Copy)]
struct Node<const D: usize> {
    pos: [f64; D],
    lat_r: f64,
    lon_r: f64,
    cos_lat: f64,
    t: Option<f64>,
    /// Position in the canonical order.
    rank: u32,
}

impl<const D: usize> RTreeObject for Node<D>
where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    type Envelope = AABB<[f64; D]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_point(self.pos)
    }
}

/// Everything a neighbourhood query needs.
struct Index<const D: usize>
where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    tree: RTree<Node<D>>,
    /// Reduced haversine threshold, sin²(eps/2), as scikit-learn compares it.
    thr: f64,
    /// eps as a central angle, degrees, widened a little so the box is conservative.
    eps_deg: f64,
    eps_rad: f64,
    window: Option<f64>,
}

impl<const D: usize> Index<D>
where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    fn corner(lon: f64, lat: f64, t: f64) -> [f64; D] {
        let mut a = [0.0; D];
        a[0] = lon;
        a[1] = lat;
        if D > 2 {
            a[2] = t;
        }
        a
    }

    /// Calls `f(candidate, reduced_distance)` for every neighbour of `q` (itself included),
    /// until `f` breaks.
    fn for_each_neighbour<F>(&self, q: &Node<D>, mut f: F)
    where
        F: FnMut(&Node<D>, f64) -> ControlFlow<()>,
    {
        let lat = q.pos[1];
        let lat_lo = lat - self.eps_deg;
        let lat_hi = lat + self.eps_deg;
        let lon = q.pos[0];
        // Longitude half-width of the cap: asin(sin δ / cos φ), or everything near a pole.
        let dlon =
            if lat_hi >= 90.0 || lat_lo <= -90.0 || self.eps_rad >= std::f64::consts::FRAC_PI_2 {
                360.0
            } else {
                let s = self.eps_rad.sin() / q.cos_lat;
                if s >= 1.0 {
                    360.0
                } else {
                    s.asin().to_degrees() * (1.0 + 1e-9) + 1e-9
                }
            };
        let (t_lo, t_hi) = match (self.window, q.t) {
            (Some(w), Some(t)) => {
                let m = w * 1e-9 + 1e-9;
                (t - w - m, t + w + m)
            }
            (Some(_), None) => (NO_TIME - 1.0, NO_TIME + 1.0),
            (None, _) => (0.0, 0.0),
        };
        let mut boxes: [(f64, f64); 2] = [(0.0, 0.0); 2];
        let nbox = if dlon >= 180.0 {
            boxes[0] = (-180.0, 180.0);
            1
        } else if lon - dlon < -180.0 {
            boxes[0] = (-180.0, lon + dlon);
            boxes[1] = (lon - dlon + 360.0, 180.0);
            2
        } else if lon + dlon > 180.0 {
            boxes[0] = (lon - dlon, 180.0);
            boxes[1] = (-180.0, lon + dlon - 360.0);
            2
        } else {
            boxes[0] = (lon - dlon, lon + dlon);
            1
        };
        for &(lo, hi) in &boxes[..nbox] {
            let env = AABB::from_corners(
                Self::corner(lo, lat_lo, t_lo),
                Self::corner(hi, lat_hi, t_hi),
            );
            let flow = self.tree.locate_in_envelope_int(&env, |c| {
                // The exact test, written as scikit-learn's HaversineDistance.rdist.
                let s0 = (0.5 * (q.lat_r - c.lat_r)).sin();
                let s1 = (0.5 * (q.lon_r - c.lon_r)).sin();
                let a = s0 * s0 + q.cos_lat * c.cos_lat * s1 * s1;
                if a > self.thr || !time_ok(self.window, q.t, c.t) {
                    return ControlFlow::Continue(());
                }
                f(c, a)
            });
            if flow.is_break() {
                return;
            }
        }
    }
}

fn time_ok(window: Option<f64>, a: Option<f64>, b: Option<f64>) -> bool {
    match (window, a, b) {
        (None, _, _) => true,
        (Some(w), Some(a), Some(b)) => (a - b).abs() <= w,
        (Some(_), None, None) => true,
        (Some(_), _, _) => false,
    }
}

/// Canonical order: dated points first by time, then longitude, latitude (total orders), then
/// input index (only ever breaks ties between identical points).
fn canonical_cmp(points: &[ClusterPoint], a: usize, b: usize) -> Ordering {
    let (pa, pb) = (&points[a], &points[b]);
    let ta = pa.t_days.filter(|t| t.is_finite());
    let tb = pb.t_days.filter(|t| t.is_finite());
    let by_t = match (ta, tb) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_t.then(pa.lon.total_cmp(&pb.lon))
        .then(pa.lat.total_cmp(&pb.lat))
        .then(a.cmp(&b))
}

fn valid(p: &ClusterPoint) -> bool {
    p.lon.is_finite()
        && p.lat.is_finite()
        && (-180.0..=180.0).contains(&p.lon)
        && (-90.0..=90.0).contains(&p.lat)
}

/// DBSCAN returning labels and core flags; see [`dbscan`].
pub fn dbscan_detailed(points: &[ClusterPoint], params: &DbscanParams) -> DbscanOutput {
    let n = points.len();
    let mut out = DbscanOutput {
        labels: vec![-1; n],
        core: vec![false; n],
    };
    let eps_ok = params.eps_m.is_finite() && params.eps_m >= 0.0;
    let window_ok = params.window_days.is_none_or(|w| w.is_finite() && w >= 0.0);
    if !eps_ok || !window_ok || n > u32::MAX as usize {
        return out;
    }
    match params.window_days {
        Some(w) => run::<3>(points, params, Some(w), &mut out),
        None => run::<2>(points, params, None, &mut out),
    }
    out
}

fn run<const D: usize>(
    points: &[ClusterPoint],
    params: &DbscanParams,
    window: Option<f64>,
    out: &mut DbscanOutput,
) where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    let mut order: Vec<usize> = (0..points.len()).filter(|&i| valid(&points[i])).collect();
    order.par_sort_unstable_by(|&a, &b| canonical_cmp(points, a, b));
    let nodes: Vec<Node<D>> = order
        .par_iter()
        .enumerate()
        .map(|(rank, &i)| {
            let p = &points[i];
            let t = p.t_days.filter(|t| t.is_finite());
            let lat_r = p.lat.to_radians();
            let tree_t = match (window, t) {
                (Some(_), Some(t)) => t,
                (Some(_), None) => NO_TIME,
                (None, _) => 0.0,
            };
            Node {
                pos: Index::<D>::corner(p.lon, p.lat, tree_t),
                lat_r,
                lon_r: p.lon.to_radians(),
                cos_lat: lat_r.cos(),
                t,
                rank: rank as u32,
            }
        })
        .collect();
    let eps_rad = params.eps_m / EARTH_RADIUS_M;
    let thr = {
        let s = (0.5 * eps_rad).sin();
        s * s
    };
    let index = Index::<D> {
        tree: RTree::bulk_load(nodes.clone()),
        thr,
        eps_deg: eps_rad.to_degrees() * (1.0 + 1e-9) + 1e-9,
        eps_rad,
        window,
    };
    let min_points = params.min_points;

    // Pass 1: core flags.
    let core: Vec<bool> = nodes
        .par_iter()
        .map(|q| {
            let mut count = 0usize;
            if min_points == 0 {
                return true;
            }
            index.for_each_neighbour(q, |_, _| {
                count += 1;
                if count >= min_points {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            count >= min_points
        })
        .collect();

    // Pass 2: link core neighbours.
    let parent: Vec<AtomicU32> = (0..nodes.len() as u32).map(AtomicU32::new).collect();
    nodes
        .par_iter()
        .filter(|q| core[q.rank as usize])
        .for_each(|q| {
            index.for_each_neighbour(q, |c, _| {
                if c.rank > q.rank && core[c.rank as usize] {
                    union(&parent, q.rank, c.rank);
                }
                ControlFlow::Continue(())
            });
        });

    // Pass 3: border points join their nearest core neighbour's cluster.
    let border: Vec<Option<u32>> = nodes
        .par_iter()
        .map(|q| {
            if core[q.rank as usize] {
                return None;
            }
            let mut best: Option<(f64, u32)> = None;
            index.for_each_neighbour(q, |c, a| {
                if core[c.rank as usize] {
                    let better = match best {
                        None => true,
                        Some((ba, br)) => a < ba || (a == ba && c.rank < br),
                    };
                    if better {
                        best = Some((a, c.rank));
                    }
                }
                ControlFlow::Continue(())
            });
            best.map(|(_, r)| r)
        })
        .collect();

    // Number clusters by their first member in the canonical order.
    let mut id_of_root: Vec<i64> = vec![-1; nodes.len()];
    let mut next = 0i64;
    for (rank, &i) in order.iter().enumerate() {
        let anchor = if core[rank] {
            Some(rank as u32)
        } else {
            border[rank]
        };
        if let Some(a) = anchor {
            let root = find(&parent, a) as usize;
            if id_of_root[root] < 0 {
                id_of_root[root] = next;
                next += 1;
            }
            out.labels[i] = id_of_root[root];
        }
        out.core[i] = core[rank];
    }
}

fn find(parent: &[AtomicU32], mut x: u32) -> u32 {
    loop {
        let p = parent[x as usize].load(AtomicOrdering::Acquire);
        if p == x {
            return x;
        }
        let gp = parent[p as usize].load(AtomicOrdering::Acquire);
        if gp != p {
            // Path halving; losing the race is harmless (the link only ever moves rootwards).
            let _ = parent[x as usize].compare_exchange_weak(
                p,
                gp,
                AtomicOrdering::AcqRel,
                AtomicOrdering::Acquire,
            );
        }
        x = p;
    }
}

/// Lock-free union: the root with the larger index is linked under the smaller one.
fn union(parent: &[AtomicU32], a: u32, b: u32) {
    let (mut a, mut b) = (a, b);
    loop {
        a = find(parent, a);
        b = find(parent, b);
        if a == b {
            return;
        }
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        if parent[hi as usize]
            .compare_exchange(hi, lo, AtomicOrdering::AcqRel, AtomicOrdering::Acquire)
            .is_ok()
        {
            return;
        }
        a = hi;
        b = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::haversine_m;
    use proptest::prelude::*;

    fn p(lon: f64, lat: f64) -> ClusterPoint {
        ClusterPoint {
            lon,
            lat,
            t_days: None,
        }
    }
    fn pt(lon: f64, lat: f64, t: f64) -> ClusterPoint {
        ClusterPoint {
            lon,
            lat,
            t_days: Some(t),
        }
    }
    fn params(eps_m: f64, min_points: usize, window_days: Option<f64>) -> DbscanParams {
        DbscanParams {
            eps_m,
            min_points,
            window_days,
        }
    }

    /// Plain O(n²) DBSCAN with the same rules, as the reference.
    fn brute(points: &[ClusterPoint], prm: &DbscanParams) -> Vec<i64> {
        let n = points.len();
        let nb = |i: usize, j: usize| {
            let (a, b) = (&points[i], &points[j]);
            haversine_m(a.lon, a.lat, b.lon, b.lat) <= prm.eps_m
                && time_ok(prm.window_days, a.t_days, b.t_days)
        };
        let core: Vec<bool> = (0..n)
            .map(|i| (0..n).filter(|&j| nb(i, j)).count() >= prm.min_points)
            .collect();
        let mut comp = vec![usize::MAX; n];
        for s in 0..n {
            if !core[s] || comp[s] != usize::MAX {
                continue;
            }
            let mut stack = vec![s];
            comp[s] = s;
            while let Some(i) = stack.pop() {
                for j in 0..n {
                    if core[j] && comp[j] == usize::MAX && nb(i, j) {
                        comp[j] = s;
                        stack.push(j);
                    }
                }
            }
        }
        // Relabel with the module's rules via canonical order and nearest core.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| canonical_cmp(points, a, b));
        let rank: Vec<usize> = {
            let mut r = vec![0; n];
            for (k, &i) in order.iter().enumerate() {
                r[i] = k;
            }
            r
        };
        let anchor: Vec<Option<usize>> = (0..n)
            .map(|i| {
                if core[i] {
                    return Some(comp[i]);
                }
                (0..n)
                    .filter(|&j| core[j] && nb(i, j))
                    .min_by(|&a, &b| {
                        let da =
                            haversine_m(points[i].lon, points[i].lat, points[a].lon, points[a].lat);
                        let db =
                            haversine_m(points[i].lon, points[i].lat, points[b].lon, points[b].lat);
                        da.total_cmp(&db).then(rank[a].cmp(&rank[b]))
                    })
                    .map(|j| comp[j])
            })
            .collect();
        let mut ids = std::collections::BTreeMap::new();
        let mut labels = vec![-1; n];
        for &i in &order {
            if let Some(c) = anchor[i] {
                let next = ids.len() as i64;
                labels[i] = *ids.entry(c).or_insert(next);
            }
        }
        labels
    }

    #[test]
    fn small_cases() {
        // (name, points, params, expected labels)
        let aleppo = |dx_m: f64, dy_m: f64| {
            p(
                37.16 + dx_m / (111_195.0 * 36.2f64.to_radians().cos()),
                36.2 + dy_m / 111_195.0,
            )
        };
        let cases: Vec<(&str, Vec<ClusterPoint>, DbscanParams, Vec<i64>)> = vec![
            (
                "two blobs and noise",
                vec![
                    aleppo(0.0, 0.0),
                    aleppo(100.0, 0.0),
                    aleppo(0.0, 100.0),
                    aleppo(5000.0, 0.0),
                    aleppo(5100.0, 0.0),
                    aleppo(5000.0, 100.0),
                    aleppo(20000.0, 0.0),
                ],
                params(500.0, 3, None),
                vec![0, 0, 0, 1, 1, 1, -1],
            ),
            (
                "eps is great-circle metres, not degrees (0.006° lon ≈ 538 m at 36°N)",
                vec![p(37.0, 36.0), p(37.006, 36.0), p(37.012, 36.0)],
                params(500.0, 2, None),
                vec![-1, -1, -1],
            ),
            (
                "space-time: same place, two weeks apart, split by a 3-day window",
                vec![
                    pt(37.16, 36.2, 100.0),
                    pt(37.1601, 36.2, 101.0),
                    pt(37.1602, 36.2, 102.0),
                    pt(37.16, 36.2, 115.0),
                    pt(37.1601, 36.2, 116.0),
                    pt(37.1602, 36.2, 117.0),
                ],
                params(500.0, 3, Some(3.0)),
                vec![0, 0, 0, 1, 1, 1],
            ),
            (
                "space-time: undated points cluster only with undated ones",
                vec![
                    pt(37.16, 36.2, 100.0),
                    pt(37.1601, 36.2, 100.0),
                    p(37.1602, 36.2),
                    p(37.1603, 36.2),
                ],
                params(500.0, 2, Some(3.0)),
                vec![0, 0, 1, 1],
            ),
            (
                "across the antimeridian",
                vec![
                    p(179.9995, 10.0),
                    p(-179.9995, 10.0),
                    p(-179.9985, 10.0),
                    p(0.0, 10.0),
                ],
                params(300.0, 3, None),
                vec![0, 0, 0, -1],
            ),
            (
                "around the north pole (points 180° of longitude apart are 222 m apart)",
                vec![
                    p(0.0, 89.999),
                    p(180.0, 89.999),
                    p(90.0, 89.999),
                    p(-90.0, 89.999),
                ],
                params(300.0, 4, None),
                vec![0, 0, 0, 0],
            ),
            (
                "around the south pole",
                vec![p(-45.0, -89.9995), p(135.0, -89.9995), p(10.0, -89.0)],
                params(200.0, 2, None),
                vec![0, 0, -1],
            ),
            (
                "identical points",
                vec![p(37.0, 36.0), p(37.0, 36.0), p(37.0, 36.0), p(37.5, 36.0)],
                params(10.0, 3, None),
                vec![0, 0, 0, -1],
            ),
            (
                "min_points 1: every point is its own cluster at least",
                vec![p(37.0, 36.0), p(38.0, 36.0)],
                params(10.0, 1, None),
                vec![0, 1],
            ),
            (
                "numbered by earliest member in time, not by input order",
                vec![
                    pt(40.0, 30.0, 50.0),
                    pt(40.0001, 30.0, 50.0),
                    pt(10.0, 30.0, 60.0),
                    pt(10.0001, 30.0, 60.0),
                ],
                params(100.0, 2, None),
                vec![0, 0, 1, 1],
            ),
            (
                "invalid coordinates are noise",
                vec![
                    p(f64::NAN, 0.0),
                    p(200.0, 0.0),
                    p(0.0, 95.0),
                    p(0.0, 0.0),
                    p(0.0, 0.0),
                ],
                params(10.0, 2, None),
                vec![-1, -1, -1, 0, 0],
            ),
        ];
        for (name, pts, prm, want) in cases {
            assert_eq!(dbscan(&pts, &prm), want, "{name}");
            assert_eq!(brute(&pts, &prm), want, "{name} (reference)");
        }
    }

    #[test]
    fn border_point_goes_to_nearest_core_neighbour() {
        // Core points at -400 m and +300 m, a middle point at 0 within eps (450 m) of both but
        // with too few neighbours (min_points 4) to be core: it joins the nearer, right one.
        let e = |m: f64| p(m / 111_195.0, 0.0);
        let pts = vec![
            e(-800.0),
            e(-600.0),
            e(-400.0),
            e(0.0),
            e(300.0),
            e(500.0),
            e(700.0),
        ];
        let prm = params(450.0, 4, None);
        let out = dbscan_detailed(&pts, &prm);
        assert!(!out.core[3], "the middle point must be border");
        assert!(out.core[2] && out.core[4]);
        assert_eq!(out.labels, vec![0, 0, 0, 1, 1, 1, 1]);
        assert_eq!(brute(&pts, &prm), out.labels);
    }

    fn arb_points() -> impl Strategy<Value = Vec<ClusterPoint>> {
        // A small area (so clusters form), some identical points, some undated.
        let one = (0u32..60, 0u32..60, prop::option::of(0u32..20)).prop_map(|(x, y, t)| {
            let lon = 179.99 + x as f64 * 0.0004;
            ClusterPoint {
                lon: if lon > 180.0 { lon - 360.0 } else { lon },
                lat: 36.0 + y as f64 * 0.0003,
                t_days: t.map(f64::from),
            }
        });
        prop::collection::vec(one, 0..120)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn labels_do_not_depend_on_input_order(
            pts in arb_points(),
            seed in any::<u64>(),
            eps in 30.0f64..200.0,
            minp in 1usize..5,
            st in any::<bool>(),
        ) {
            let prm = params(eps, minp, if st { Some(3.0) } else { None });
            let labels = dbscan(&pts, &prm);
            // Shuffle with a seeded Fisher–Yates.
            let mut perm: Vec<usize> = (0..pts.len()).collect();
            let mut s = seed;
            for i in (1..perm.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                perm.swap(i, (s >> 33) as usize % (i + 1));
            }
            let shuffled: Vec<ClusterPoint> = perm.iter().map(|&i| pts[i]).collect();
            let relabelled = dbscan(&shuffled, &prm);
            for (k, &i) in perm.iter().enumerate() {
                prop_assert_eq!(relabelled[k], labels[i]);
            }
            prop_assert_eq!(&labels, &brute(&pts, &prm));
        }
    }
}
