//! GeoJSON (RFC 7946) and GeoJSON text sequences (RFC 8142).
//!
//! Written by hand rather than through `geojson::FeatureCollection` so that a million features
//! stream straight to the file, coordinates are rounded to 7 decimals (about 1 cm), and
//! properties keep the layer's field order.

use super::{check_layer, Feature, Geometry, Layer, LayerWriter, Value};
use crate::io::write_atomic_with;
use crate::Result;
use geo::{LineString, Polygon};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `<layer>.geojson` FeatureCollections.
pub struct GeoJsonWriter;
/// Writes `<layer>.geojsons` text sequences: RS, one Feature, LF per record.
pub struct GeoJsonSeqWriter;

impl LayerWriter for GeoJsonWriter {
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>> {
        layers
            .iter()
            .map(|l| {
                let p = dir.join(format!("{}.geojson", l.name));
                write_geojson(&p, l).map(|_| p)
            })
            .collect()
    }
}

impl LayerWriter for GeoJsonSeqWriter {
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>> {
        layers
            .iter()
            .map(|l| {
                let p = dir.join(format!("{}.geojsons", l.name));
                write_geojson_seq(&p, l).map(|_| p)
            })
            .collect()
    }
}

/// Writes one layer as an RFC 7946 FeatureCollection (lon/lat, no `crs`, ≤ 7 decimals). The
/// layer name goes in a `name` foreign member, which GDAL and QGIS use as the layer name.
pub fn write_geojson(path: &Path, layer: &Layer) -> Result<()> {
    check_layer(path, layer)?;
    write_atomic_with(path, |w| {
        w.write_all(b"{\"type\":\"FeatureCollection\",\"name\":")?;
        json_str(w, &layer.name)?;
        w.write_all(b",\"features\":[")?;
        for (k, f) in layer.features.iter().enumerate() {
            w.write_all(if k == 0 { b"\n" } else { b",\n" })?;
            feature(w, layer, f)?;
        }
        w.write_all(b"\n]}\n")
    })
}

/// Writes one layer as an RFC 8142 GeoJSON text sequence: each feature is preceded by the
/// record separator (0x1E) and followed by a line feed.
pub fn write_geojson_seq(path: &Path, layer: &Layer) -> Result<()> {
    check_layer(path, layer)?;
    write_atomic_with(path, |w| {
        for f in &layer.features {
            w.write_all(b"\x1e")?;
            feature(w, layer, f)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

fn json_str(w: &mut dyn Write, s: &str) -> io::Result<()> {
    serde_json::to_writer(w, s).map_err(io::Error::other)
}

fn feature(w: &mut dyn Write, layer: &Layer, f: &Feature) -> io::Result<()> {
    w.write_all(b"{\"type\":\"Feature\",\"geometry\":")?;
    match &f.geometry {
        None => w.write_all(b"null")?,
        Some(g) => geometry(w, g)?,
    }
    w.write_all(b",\"properties\":{")?;
    for (k, (field, v)) in layer.fields.iter().zip(&f.values).enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        json_str(w, &field.name)?;
        w.write_all(b":")?;
        value(w, v)?;
    }
    w.write_all(b"}}")
}

fn value(w: &mut dyn Write, v: &Value) -> io::Result<()> {
    match v {
        Value::Null => w.write_all(b"null"),
        Value::Int(i) => write!(w, "{i}"),
        Value::Real(x) if x.is_finite() => serde_json::to_writer(w, x).map_err(io::Error::other),
        Value::Real(_) => w.write_all(b"null"),
        Value::Text(s) => json_str(w, s),
        Value::Date(d) => write!(w, "\"{}\"", d.format("%Y-%m-%d")),
    }
}

/// A coordinate rounded to 7 decimals, trailing zeros trimmed, never `-0`; formatted on the
/// stack (a million points make two million of these).
fn coord_bytes(v: f64, buf: &mut [u8; 48]) -> &[u8] {
    let mut cur = io::Cursor::new(&mut buf[..]);
    if write!(cur, "{v:.7}").is_err() {
        return b"null";
    }
    let n = cur.position() as usize;
    let mut s = &buf[..n];
    if s.contains(&b'.') {
        while let [rest @ .., b'0'] = s {
            s = rest;
        }
        if let [rest @ .., b'.'] = s {
            s = rest;
        }
    }
    if s == b"-0" {
        s = b"0";
    }
    s
}

#[cfg(test)]
fn coord_str(v: f64) -> String {
    String::from_utf8_lossy(coord_bytes(v, &mut [0; 48])).into_owned()
}

fn position(w: &mut dyn Write, x: f64, y: f64) -> io::Result<()> {
    let mut buf = [0u8; 48];
    w.write_all(b"[")?;
    w.write_all(coord_bytes(x, &mut buf))?;
    w.write_all(b",")?;
    w.write_all(coord_bytes(y, &mut buf))?;
    w.write_all(b"]")
}

fn ring(w: &mut dyn Write, r: &LineString<f64>) -> io::Result<()> {
    w.write_all(b"[")?;
    for (k, c) in r.coords().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        position(w, c.x, c.y)?;
    }
    w.write_all(b"]")
}

fn polygon(w: &mut dyn Write, p: &Polygon<f64>) -> io::Result<()> {
    w.write_all(b"[")?;
    ring(w, p.exterior())?;
    for h in p.interiors() {
        w.write_all(b",")?;
        ring(w, h)?;
    }
    w.write_all(b"]")
}

fn geometry(w: &mut dyn Write, g: &Geometry) -> io::Result<()> {
    match g {
        Geometry::Point(p) => {
            w.write_all(b"{\"type\":\"Point\",\"coordinates\":")?;
            position(w, p.x(), p.y())?;
        }
        Geometry::Polygon(p) => {
            w.write_all(b"{\"type\":\"Polygon\",\"coordinates\":")?;
            polygon(w, p)?;
        }
        Geometry::MultiPolygon(m) => {
            w.write_all(b"{\"type\":\"MultiPolygon\",\"coordinates\":[")?;
            for (k, p) in m.0.iter().enumerate() {
                if k > 0 {
                    w.write_all(b",")?;
                }
                polygon(w, p)?;
            }
            w.write_all(b"]")?;
        }
    }
    w.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::coord_str;

    #[test]
    fn coordinates_have_at_most_seven_decimals() {
        for (v, s) in [
            (37.1234567891, "37.1234568"),
            (37.5, "37.5"),
            (-0.00000001, "0"),
            (36.0, "36"),
            (-179.99999999, "-180"),
        ] {
            assert_eq!(coord_str(v), s, "{v}");
        }
    }
}
