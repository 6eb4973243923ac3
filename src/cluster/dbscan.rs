//! DBSCAN / ST-DBSCAN with an R-tree pre-filter and exact haversine neighbourhoods.
//!
//! Three parallel passes over the points, each an R-tree query per point; none depends on the
//! order in which points are visited, so the labels are the same on any number of threads:
//! 1. core flags (a count of neighbours that stops at `min_points`);
//! 2. core points linked to their core neighbours in a lock-free union-find;
//! 3. each border point joins the cluster of its nearest core neighbour (ties: the core point
//!    earliest in the canonical order; distances within [`TIE`] of the nearest are ties, so
//!    that two equidistant cores are not told apart by rounding).
//!
//! Clusters are numbered 0, 1, … by their first member in the canonical order: time (dated
//! points first), then longitude, then latitude. Points equal in all three are interchangeable
//! (same neighbourhood, same label), so the labels do not depend on the input order.

use super::{ClusterPoint, DbscanParams, EARTH_RADIUS_M};
use rayon::prelude::*;
use rstar::{RStarInsertionStrategy, RTree, RTreeObject, RTreeParams, AABB};
#[cfg(test)]
use std::cmp::Ordering;
use std::f64::consts::FRAC_PI_2;
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

/// A point as stored in the tree: position in degrees (plus time for ST-DBSCAN) and an id.
/// Kept small so bulk loading moves little memory; the rest lives in arrays indexed by `sid`.
#[derive(Debug, Clone, Copy)]
struct Item<const D: usize> {
    pos: [f64; D],
    /// The canonical rank while the tree is built, then the point's `sid`: its position in
    /// the tree's own, spatially coherent order, so queries issued in `sid` order, and the
    /// arrays they read, touch nearby memory.
    id: u32,
}

impl<const D: usize> RTreeObject for Item<D>
where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    type Envelope = AABB<[f64; D]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_point(self.pos)
    }
}

/// What the distance and time tests need about a point, by `sid`.
#[derive(Debug, Clone, Copy)]
struct Pt {
    /// Unit vector, for the cheap chord test.
    xyz: [f64; 3],
    /// Time in days, NaN when the point has none.
    t: f64,
    /// Position in the canonical order (numbering and tie-breaks).
    rank: u32,
}

/// Wider nodes than rstar's default (6): a shallower tree, fewer nodes visited per query.
struct Params;
impl RTreeParams for Params {
    const MIN_SIZE: usize = 8;
    const MAX_SIZE: usize = 24;
    const REINSERTION_COUNT: usize = 6;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

/// Which part of the eps-cap box to search.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Half {
    /// The whole box.
    All,
    /// Only longitudes from the point eastwards (each pair of points is then seen from its
    /// western member, or from both when the cap holds a pole).
    East,
}

/// Everything a neighbourhood query needs.
struct Index<const D: usize>
where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    tree: RTree<Item<D>, Params>,
    /// Tree items by sid (the query positions).
    items: Vec<Item<D>>,
    pts: Vec<Pt>,
    /// (lat, lon, cos lat) in radians by sid, for the exact test near the boundary.
    exact: Vec<[f64; 3]>,
    /// Reduced haversine threshold, sin²(eps/2), as scikit-learn compares it.
    thr: f64,
    /// Band around `thr` where the chord test defers to the exact formula.
    band: f64,
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

    /// scikit-learn's HaversineDistance.rdist, operation for operation.
    fn rdist(&self, q: usize, c: usize) -> f64 {
        let (a, b) = (self.exact[q], self.exact[c]);
        let s0 = (0.5 * (a[0] - b[0])).sin();
        let s1 = (0.5 * (a[1] - b[1])).sin();
        s0 * s0 + a[2] * b[2] * s1 * s1
    }

    /// Calls `f(neighbour sid, reduced distance)` for every neighbour of point `qs` (itself
    /// included) in the chosen half of the box, until `f` breaks.
    fn for_each_neighbour<F>(&self, qs: usize, half: Half, mut f: F)
    where
        F: FnMut(usize, f64) -> ControlFlow<()>,
    {
        let (pos, q) = (self.items[qs].pos, self.pts[qs]);
        let (lon, lat) = (pos[0], pos[1]);
        let lat_lo = lat - self.eps_deg;
        let lat_hi = lat + self.eps_deg;
        // Longitude half-width of the cap: asin(sin δ / cos φ), or everything near a pole.
        let pole = lat_hi >= 90.0 || lat_lo <= -90.0 || self.eps_rad >= FRAC_PI_2;
        let dlon = if pole {
            360.0
        } else {
            let s = self.eps_rad.sin() / self.exact[qs][2];
            if s >= 1.0 {
                360.0
            } else {
                s.asin().to_degrees() * (1.0 + 1e-9) + 1e-9
            }
        };
        let (t_lo, t_hi) = match self.window {
            Some(w) if !q.t.is_nan() => {
                let m = w * 1e-9 + 1e-9;
                (q.t - w - m, q.t + w + m)
            }
            Some(_) => (NO_TIME - 1.0, NO_TIME + 1.0),
            None => (0.0, 0.0),
        };
        let (west, east) = match half {
            Half::All => (dlon, dlon),
            Half::East => (0.0, dlon),
        };
        let mut boxes: [(f64, f64); 2] = [(0.0, 0.0); 2];
        let nbox = if dlon >= 180.0 {
            boxes[0] = (-180.0, 180.0);
            1
        } else if lon - west < -180.0 {
            boxes[0] = (-180.0, lon + east);
            boxes[1] = (lon - west + 360.0, 180.0);
            2
        } else if lon + east > 180.0 {
            boxes[0] = (lon - west, 180.0);
            boxes[1] = (-180.0, lon + east - 360.0);
            2
        } else {
            boxes[0] = (lon - west, lon + east);
            1
        };
        for &(lo, hi) in &boxes[..nbox] {
            let env = AABB::from_corners(
                Self::corner(lo, lat_lo, t_lo),
                Self::corner(hi, lat_hi, t_hi),
            );
            let flow = self.tree.locate_in_envelope_int(&env, |item| {
                let cs = item.id as usize;
                let c = &self.pts[cs];
                // Chord between unit vectors: |u - v|²/4 equals sin²(d/2) exactly in reals;
                // within a hair of the threshold, the exact formula decides.
                let dx = q.xyz[0] - c.xyz[0];
                let dy = q.xyz[1] - c.xyz[1];
                let dz = q.xyz[2] - c.xyz[2];
                let mut a = 0.25 * (dx * dx + dy * dy + dz * dz);
                if a > self.thr + self.band {
                    return ControlFlow::Continue(());
                }
                if a >= self.thr - self.band {
                    a = self.rdist(qs, cs);
                    if a > self.thr {
                        return ControlFlow::Continue(());
                    }
                }
                if let Some(w) = self.window {
                    let ok = if q.t.is_nan() || c.t.is_nan() {
                        q.t.is_nan() && c.t.is_nan()
                    } else {
                        (q.t - c.t).abs() <= w
                    };
                    if !ok {
                        return ControlFlow::Continue(());
                    }
                }
                f(cs, a)
            });
            if flow.is_break() {
                return;
            }
        }
    }
}

#[cfg(test)]
fn time_ok(window: Option<f64>, a: Option<f64>, b: Option<f64>) -> bool {
    match (window, a, b) {
        (None, _, _) => true,
        (Some(w), Some(a), Some(b)) => (a - b).abs() <= w,
        (Some(_), None, None) => true,
        (Some(_), _, _) => false,
    }
}

/// Canonical order: dated points first by time, then longitude, latitude (total orders), then
/// input index (only ever breaks ties between identical points). `run` sorts on the same keys
/// as integers; the tests use this comparator as the reference.
#[cfg(test)]
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

/// Relative difference of reduced distances below which two core neighbours are equally near
/// a border point (1e-9 of the haversine term is about 5e-10 of the distance: 0.05 µm at
/// 100 m).
const TIE: f64 = 1e-9;

/// f64 → u64 with the same order as `f64::total_cmp`.
fn total_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

fn run<const D: usize>(
    points: &[ClusterPoint],
    params: &DbscanParams,
    window: Option<f64>,
    out: &mut DbscanOutput,
) where
    [f64; D]: rstar::Point<Scalar = f64>,
{
    // Canonical order (see `canonical_cmp`), sorted on integer keys.
    let mut keys: Vec<(u64, u64, u64, u32)> = points
        .par_iter()
        .enumerate()
        .filter(|(_, p)| valid(p))
        .map(|(i, p)| {
            let t = p
                .t_days
                .filter(|t| t.is_finite())
                .map_or(u64::MAX, total_key);
            (t, total_key(p.lon), total_key(p.lat), i as u32)
        })
        .collect();
    keys.par_sort_unstable();
    let order: Vec<usize> = keys.into_iter().map(|k| k.3 as usize).collect();

    let items: Vec<Item<D>> = order
        .par_iter()
        .enumerate()
        .map(|(rank, &i)| {
            let p = &points[i];
            let tree_t = match (window, p.t_days.filter(|t| t.is_finite())) {
                (Some(_), Some(t)) => t,
                (Some(_), None) => NO_TIME,
                (None, _) => 0.0,
            };
            Item {
                pos: Index::<D>::corner(p.lon, p.lat, tree_t),
                id: rank as u32,
            }
        })
        .collect();
    let mut tree: RTree<Item<D>, Params> = RTree::bulk_load_with_params(items);
    let mut rank_of_sid: Vec<u32> = Vec::with_capacity(order.len());
    for (sid, item) in tree.iter_mut().enumerate() {
        rank_of_sid.push(item.id);
        item.id = sid as u32;
    }
    let items: Vec<Item<D>> = tree.iter().copied().collect();
    let (pts, exact): (Vec<Pt>, Vec<[f64; 3]>) = rank_of_sid
        .par_iter()
        .map(|&rank| {
            let p = &points[order[rank as usize]];
            let (lat_r, lon_r) = (p.lat.to_radians(), p.lon.to_radians());
            let (sin_lat, cos_lat) = lat_r.sin_cos();
            let (sin_lon, cos_lon) = lon_r.sin_cos();
            let pt = Pt {
                xyz: [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat],
                t: p.t_days.filter(|t| t.is_finite()).unwrap_or(f64::NAN),
                rank,
            };
            // cos via `cos`, not `sin_cos`, to match scikit-learn's bits exactly.
            (pt, [lat_r, lon_r, lat_r.cos()])
        })
        .unzip();
    let mut sid_of_rank = vec![0u32; order.len()];
    for (sid, &rank) in rank_of_sid.iter().enumerate() {
        sid_of_rank[rank as usize] = sid as u32;
    }
    let eps_rad = params.eps_m / EARTH_RADIUS_M;
    let thr = {
        let s = (0.5 * eps_rad).sin();
        s * s
    };
    let n = items.len();
    let index = Index::<D> {
        tree,
        items,
        pts,
        exact,
        thr,
        // The chord's rounding error is ~1e-16 absolute per coordinate: a relative 1e-9 of
        // the threshold plus 1e-15 absolute covers it for any eps above a millimetre.
        band: thr * 1e-9 + 1e-15,
        eps_deg: eps_rad.to_degrees() * (1.0 + 1e-9) + 1e-9,
        eps_rad,
        window,
    };
    let min_points = params.min_points;

    // Pass 1: core flags.
    let core: Vec<bool> = (0..n)
        .into_par_iter()
        .map(|qs| {
            if min_points <= 1 {
                return true;
            }
            let mut count = 0usize;
            index.for_each_neighbour(qs, Half::All, |_, _| {
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

    // Pass 2: link core neighbours; each pair is seen from its western member.
    let parent: Vec<AtomicU32> = (0..n as u32).map(AtomicU32::new).collect();
    (0..n)
        .into_par_iter()
        .filter(|&qs| core[qs])
        .for_each(|qs| {
            index.for_each_neighbour(qs, Half::East, |cs, _| {
                if cs != qs && core[cs] {
                    union(&parent, qs as u32, cs as u32);
                }
                ControlFlow::Continue(())
            });
        });

    // Pass 3: border points join their nearest core neighbour's cluster (ties: the core
    // point earliest in the canonical order).
    let border: Vec<Option<u32>> = (0..n)
        .into_par_iter()
        .map(|qs| {
            if core[qs] {
                return None;
            }
            // the nearest core neighbour's reduced distance, then the earliest core within
            // TIE of it (two passes, so the answer does not depend on the visiting order)
            let mut nearest = f64::INFINITY;
            index.for_each_neighbour(qs, Half::All, |cs, a| {
                if core[cs] {
                    nearest = nearest.min(a);
                }
                ControlFlow::Continue(())
            });
            let mut best: Option<(u32, usize)> = None;
            index.for_each_neighbour(qs, Half::All, |cs, a| {
                if core[cs] && a <= nearest * (1.0 + TIE) {
                    let r = index.pts[cs].rank;
                    if best.is_none_or(|(br, _)| r < br) {
                        best = Some((r, cs));
                    }
                }
                ControlFlow::Continue(())
            });
            best.map(|(_, s)| s as u32)
        })
        .collect();

    // Number clusters by their first member in the canonical order.
    let mut id_of_root: Vec<i64> = vec![-1; n];
    let mut next = 0i64;
    for (rank, &i) in order.iter().enumerate() {
        let sid = sid_of_rank[rank] as usize;
        let anchor = if core[sid] {
            Some(sid as u32)
        } else {
            border[sid]
        };
        if let Some(a) = anchor {
            let root = find(&parent, a) as usize;
            if id_of_root[root] < 0 {
                id_of_root[root] = next;
                next += 1;
            }
            out.labels[i] = id_of_root[root];
        }
        out.core[i] = core[sid];
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
                // the nearest core neighbour; within TIE of it, the earliest in canonical order
                let d = |j: usize| {
                    haversine_m(points[i].lon, points[i].lat, points[j].lon, points[j].lat)
                };
                let cores: Vec<usize> = (0..n).filter(|&j| core[j] && nb(i, j)).collect();
                let nearest = cores.iter().map(|&j| d(j)).fold(f64::INFINITY, f64::min);
                cores
                    .into_iter()
                    // (TIE bounds the reduced distance, about the square of the distance)
                    .filter(|&j| d(j) <= nearest * (1.0 + TIE).sqrt())
                    .min_by_key(|&j| rank[j])
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
