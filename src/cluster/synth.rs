//! Seeded synthetic point sets for benchmarks and agreement tests.
//!
//! The generator uses only SplitMix64, additions and multiplications (no libm), so
//! `tools/peers/synth.py` reproduces the very same points bit for bit in Python.

use super::ClusterPoint;

/// West, south edges and extent of the box the points fall in (degrees): about 180 × 167 km
/// of northern Syria around Aleppo.
pub const LON0: f64 = 36.0;
pub const LAT0: f64 = 35.5;
pub const LON_SPAN: f64 = 2.0;
pub const LAT_SPAN: f64 = 1.5;
/// Times: two years from day 16000 (2013-10-22), days since 1970-01-01.
pub const T0: f64 = 16000.0;
pub const T_SPAN: f64 = 730.0;
/// Spread of a clustered blob: 300 m north–south (degrees), 3 days in time.
pub const SIGMA_LAT: f64 = 300.0 / 111_195.0;
pub const SIGMA_DAYS: f64 = 3.0;
/// Share of clustered-set points that are uniform background noise.
pub const NOISE_SHARE: f64 = 0.1;
/// Average points per blob in a clustered set.
pub const POINTS_PER_BLOB: usize = 100;

/// Which kind of set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Uniform over the box in space and time.
    Uniform,
    /// Gaussian-like blobs (n / 100 of them, 300 m, 3 days) plus 10 % uniform noise.
    Clustered,
}

/// SplitMix64 (Steele, Lea, Flood 2014).
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1), 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
    /// Approximately standard normal: Irwin–Hall sum of four uniforms, scaled to unit variance.
    pub fn normal(&mut self) -> f64 {
        let (a, b, c, d) = (
            self.uniform(),
            self.uniform(),
            self.uniform(),
            self.uniform(),
        );
        (a + b + c + d - 2.0) * 1.732_050_807_568_877_2
    }
    fn uniform_point(&mut self) -> ClusterPoint {
        let lon = LON0 + self.uniform() * LON_SPAN;
        let lat = LAT0 + self.uniform() * LAT_SPAN;
        let t = T0 + self.uniform() * T_SPAN;
        ClusterPoint {
            lon,
            lat,
            t_days: Some(t),
        }
    }
}

/// `n` points of the given kind from `seed`; every point has a time.
///
/// ```
/// use athar::cluster::synth::{synthetic, Kind};
/// let a = synthetic(1000, Kind::Clustered, 7);
/// assert_eq!(a, synthetic(1000, Kind::Clustered, 7));
/// assert_eq!(a.len(), 1000);
/// ```
pub fn synthetic(n: usize, kind: Kind, seed: u64) -> Vec<ClusterPoint> {
    let mut rng = SplitMix64(seed);
    match kind {
        Kind::Uniform => (0..n).map(|_| rng.uniform_point()).collect(),
        Kind::Clustered => {
            let k = (n / POINTS_PER_BLOB).max(1);
            let centres: Vec<ClusterPoint> = (0..k).map(|_| rng.uniform_point()).collect();
            (0..n)
                .map(|_| {
                    if rng.uniform() < NOISE_SHARE {
                        return rng.uniform_point();
                    }
                    let c = centres[((rng.uniform() * k as f64) as usize).min(k - 1)];
                    let lat = c.lat + rng.normal() * SIGMA_LAT;
                    // 0.8 ≈ cos(36.75°): keeps blobs round without calling cos.
                    let lon = c.lon + rng.normal() * SIGMA_LAT / 0.8;
                    let t = c.t_days.unwrap_or(T0) + rng.normal() * SIGMA_DAYS;
                    ClusterPoint {
                        lon,
                        lat,
                        t_days: Some(t),
                    }
                })
                .collect()
        }
    }
}
