//! Cluster summaries: centroid, radius, hull and time span per cluster label.

use super::{haversine_m, Cluster, ClusterPoint, EARTH_RADIUS_M};
use geo::{Area, ConvexHull, MultiPoint, Point};
use std::collections::BTreeMap;

/// Radius of the circle drawn for a cluster whose hull is degenerate, at least, metres.
const MIN_CIRCLE_M: f64 = 50.0;
/// Vertices of that circle.
const CIRCLE_VERTICES: usize = 16;

/// One [`Cluster`] per label ≥ 0 (noise, -1, is skipped), in label order.
///
/// The centroid is the normalised mean of the members' unit vectors (correct across the
/// antimeridian and near the poles); the hull is computed in degrees with longitudes unwrapped
/// around the centroid, so a hull across the antimeridian may have longitudes just beyond ±180.
/// `labels` must have one entry per point; extra entries on either side are ignored.
///
/// ```
/// use athar::cluster::{summarise, ClusterPoint};
/// let p = |lon, lat| ClusterPoint { lon, lat, t_days: Some(19000.0) };
/// let c = summarise(&[p(37.0, 36.0), p(37.001, 36.0), p(37.0, 36.001)], &[0, 0, 0]);
/// assert_eq!(c.len(), 1);
/// assert!(c[0].radius_m > 50.0 && c[0].radius_m < 100.0); // metres
/// assert_eq!(c[0].hull.first(), c[0].hull.last()); // closed ring
/// ```
pub fn summarise(points: &[ClusterPoint], labels: &[i64]) -> Vec<Cluster> {
    let mut groups: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, (&l, p)) in labels.iter().zip(points).enumerate() {
        if l >= 0 && p.lon.is_finite() && p.lat.is_finite() {
            groups.entry(l).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .map(|(id, members)| one(points, id, members))
        .collect()
}

fn one(points: &[ClusterPoint], id: i64, members: Vec<usize>) -> Cluster {
    let (mut x, mut y, mut z) = (0.0, 0.0, 0.0);
    for &i in &members {
        let (lon, lat) = (points[i].lon.to_radians(), points[i].lat.to_radians());
        x += lat.cos() * lon.cos();
        y += lat.cos() * lon.sin();
        z += lat.sin();
    }
    let (lon, lat) = if x.hypot(y).hypot(z) < 1e-12 {
        // Members spread evenly round the globe: no meaningful mean; use the first member.
        (points[members[0]].lon, points[members[0]].lat)
    } else {
        (y.atan2(x).to_degrees(), z.atan2(x.hypot(y)).to_degrees())
    };
    let radius_m = members
        .iter()
        .map(|&i| haversine_m(lon, lat, points[i].lon, points[i].lat))
        .fold(0.0, f64::max);
    let times = members
        .iter()
        .filter_map(|&i| points[i].t_days.filter(|t| t.is_finite()));
    let first_t = times.clone().reduce(f64::min);
    let last_t = times.reduce(f64::max);
    let unwrapped: MultiPoint<f64> = members
        .iter()
        .map(|&i| Point::new(lon + wrap180(points[i].lon - lon), points[i].lat))
        .collect();
    let hull = unwrapped.convex_hull();
    let ring: Vec<(f64, f64)> = hull.exterior().coords().map(|c| (c.x, c.y)).collect();
    let hull = if ring.len() < 4 || hull.unsigned_area() <= 1e-12 {
        circle(lon, lat, radius_m.max(MIN_CIRCLE_M))
    } else {
        ring
    };
    Cluster {
        id,
        members,
        lon,
        lat,
        radius_m,
        hull,
        first_t,
        last_t,
    }
}

fn wrap180(d: f64) -> f64 {
    let w = (d + 180.0).rem_euclid(360.0) - 180.0;
    if w == -180.0 && d > 0.0 {
        180.0
    } else {
        w
    }
}

/// Closed counter-clockwise ring of `CIRCLE_VERTICES` points at `r_m` metres around a centre.
fn circle(lon: f64, lat: f64, r_m: f64) -> Vec<(f64, f64)> {
    let d = r_m / EARTH_RADIUS_M;
    let (p1, l1) = (lat.to_radians(), lon.to_radians());
    let mut ring: Vec<(f64, f64)> = (0..CIRCLE_VERTICES)
        .map(|k| {
            // Bearings run clockwise from north; walk them backwards for a CCW ring.
            let b = -2.0 * std::f64::consts::PI * k as f64 / CIRCLE_VERTICES as f64;
            let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos())
                .clamp(-1.0, 1.0)
                .asin();
            let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
            (lon + wrap180(l2.to_degrees() - lon), p2.to_degrees())
        })
        .collect();
    ring.push(ring[0]);
    ring
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lon: f64, lat: f64, t: Option<f64>) -> ClusterPoint {
        ClusterPoint {
            lon,
            lat,
            t_days: t,
        }
    }

    fn signed_area(ring: &[(f64, f64)]) -> f64 {
        ring.windows(2)
            .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
            .sum::<f64>()
            / 2.0
    }

    #[test]
    fn summary_fields() {
        let pts = vec![
            p(37.0, 36.0, Some(10.0)),
            p(37.01, 36.0, Some(12.0)),
            p(37.0, 36.01, None),
            p(37.01, 36.01, Some(11.0)),
            p(37.005, 36.005, Some(30.0)), // inside the square: not on the hull
            p(50.0, 10.0, None),
        ];
        let labels = vec![0, 0, 0, 0, 0, -1];
        let c = summarise(&pts, &labels);
        assert_eq!(c.len(), 1);
        let c = &c[0];
        assert_eq!(c.id, 0);
        assert_eq!(c.members, vec![0, 1, 2, 3, 4]);
        assert!((c.lon - 37.005).abs() < 1e-4 && (c.lat - 36.005).abs() < 1e-4);
        let corner = haversine_m(c.lon, c.lat, 37.0, 36.0);
        assert!(
            (c.radius_m - corner).abs() < 1.0,
            "{} vs {corner}",
            c.radius_m
        );
        assert_eq!(c.hull.len(), 5, "square hull, closed: {:?}", c.hull);
        assert_eq!(c.hull.first(), c.hull.last());
        assert!(signed_area(&c.hull) > 0.0, "counter-clockwise");
        assert_eq!((c.first_t, c.last_t), (Some(10.0), Some(30.0)));
    }

    #[test]
    fn degenerate_hulls_become_circles() {
        // (name, points, expected minimum radius of the circle in metres)
        let cases = vec![
            ("one distinct point", vec![p(37.0, 36.0, None); 3], 50.0),
            (
                "two points",
                vec![p(37.0, 36.0, None), p(37.0, 36.002, None)],
                111.0,
            ),
            (
                "collinear",
                vec![
                    p(37.0, 36.0, None),
                    p(37.001, 36.0, None),
                    p(37.002, 36.0, None),
                ],
                89.0,
            ),
        ];
        for (name, pts, min_r) in cases {
            let labels = vec![3; pts.len()];
            let c = &summarise(&pts, &labels)[0];
            assert_eq!(c.id, 3, "{name}");
            assert_eq!(c.hull.len(), CIRCLE_VERTICES + 1, "{name}");
            assert_eq!(c.hull.first(), c.hull.last(), "{name}");
            assert!(signed_area(&c.hull) > 0.0, "{name}: counter-clockwise");
            for &(x, y) in &c.hull {
                let r = haversine_m(c.lon, c.lat, x, y);
                assert!(
                    r >= min_r - 0.01 && (r - c.radius_m.max(50.0)).abs() < 0.01,
                    "{name}: {r}"
                );
            }
            assert_eq!((c.first_t, c.last_t), (None, None), "{name}");
        }
    }

    #[test]
    fn antimeridian_cluster_has_a_local_centroid_and_hull() {
        let pts = vec![
            p(179.999, 0.0, None),
            p(-179.999, 0.0, None),
            p(179.9995, 0.001, None),
        ];
        let c = &summarise(&pts, &[0, 0, 0])[0];
        assert!(c.lon.abs() > 179.99, "centroid {}", c.lon);
        assert!(c.radius_m < 200.0, "radius {}", c.radius_m);
        let (min, max) = c
            .hull
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.0), b.max(q.0)));
        assert!(max - min < 0.01, "hull spans {min}..{max}");
    }
}
