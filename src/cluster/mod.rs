//! Clustering stage: DBSCAN and space-time DBSCAN over an R-tree, with exact great-circle
//! distances in metres, and cluster summaries (centroid, hull, radius, time span).
//!
//! Knows points and times, not Arabic: incidents are turned into [`ClusterPoint`]s by the caller.
//!
//! The R-tree (rstar) indexes degrees and is only a pre-filter: each query uses a conservative
//! box around the eps-cap (longitude half-width widened by 1/cos(latitude), the whole longitude
//! range when the cap holds a pole, two boxes when it crosses the antimeridian); every candidate
//! is then tested with the exact haversine formula on a sphere of radius [`EARTH_RADIUS_M`],
//! computed exactly as scikit-learn's `haversine` metric does, so the neighbourhoods agree.

mod dbscan;
mod summary;
pub mod synth;

pub use dbscan::{dbscan, dbscan_detailed, DbscanOutput};
pub use summary::summarise;

/// Mean Earth radius in metres (IUGG), the radius scikit-learn users multiply `haversine` by.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A point to cluster: WGS84 degrees and an optional time in days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    pub lon: f64,
    pub lat: f64,
    pub t_days: Option<f64>,
}

/// One cluster found over a set of points.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Stable label, numbered from 0 by the earliest (then westernmost, southernmost) member.
    pub id: i64,
    /// Indices of the member points in the input slice, ascending.
    pub members: Vec<usize>,
    /// Centroid, degrees.
    pub lon: f64,
    pub lat: f64,
    /// Largest great-circle distance from the centroid to a member, metres.
    pub radius_m: f64,
    /// Closed exterior ring (lon, lat) of the convex hull, or of a small circle polygon when the
    /// hull would be degenerate (one or two distinct points, or collinear).
    pub hull: Vec<(f64, f64)>,
    /// Earliest and latest member time, days since 1970-01-01.
    pub first_t: Option<f64>,
    pub last_t: Option<f64>,
}

/// DBSCAN parameters.
///
/// `eps_m` is the neighbourhood radius in metres (great-circle); `min_points` counts the point
/// itself, like scikit-learn's `min_samples`. With `window_days` set this is ST-DBSCAN: a
/// neighbour must also be within `window_days` days in time. Points without a time then
/// neighbour only other points without a time (undated reports cluster among themselves and
/// never join a dated cluster).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbscanParams {
    pub eps_m: f64,
    pub min_points: usize,
    pub window_days: Option<f64>,
}

/// Great-circle distance in metres between two (lon, lat) points in degrees (haversine).
///
/// ```
/// // One degree of longitude at the equator is about 111.2 km.
/// let d = athar::cluster::haversine_m(0.0, 0.0, 1.0, 0.0);
/// assert!((d - 111_195.08).abs() < 0.1);
/// ```
pub fn haversine_m(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let s0 = (0.5 * (p1 - p2)).sin();
    let s1 = (0.5 * (lon1.to_radians() - lon2.to_radians())).sin();
    let a = s0 * s0 + p1.cos() * p2.cos() * s1 * s1;
    2.0 * a.clamp(0.0, 1.0).sqrt().asin() * EARTH_RADIUS_M
}
