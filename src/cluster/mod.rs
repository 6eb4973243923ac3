//! Clustering stage: DBSCAN and space-time DBSCAN over an R-tree, with exact great-circle
//! distances in metres, and cluster summaries (centroid, hull, radius, time span).
//!
//! Knows points and times, not Arabic: incidents are turned into [`ClusterPoint`]s by the caller.

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
