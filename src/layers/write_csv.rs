//! CSV layers with a `.csvt` sidecar giving GDAL/QGIS the column types.
//!
//! Point layers carry their coordinates as columns (`latitude`/`longitude` or `lat`/`lon`,
//! added when the layer has none); polygon layers get a leading `WKT` column, which GDAL's CSV
//! driver reads as the geometry. Empty cell = null.

use super::{check_layer, FieldType, Geometry, GeometryType, Layer, LayerWriter, Value};
use crate::io::write_atomic_with;
use crate::Result;
use geo::{LineString, Polygon};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `<layer>.csv` and `<layer>.csvt` for each layer.
pub struct CsvWriter;

impl LayerWriter for CsvWriter {
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for l in layers {
            let p = dir.join(format!("{}.csv", l.name));
            out.push(p.clone());
            out.push(write_csv(&p, l)?);
        }
        Ok(out)
    }
}

/// How a layer's geometry goes into columns.
enum GeomCols {
    /// Coordinates are already fields.
    None,
    /// Append `longitude`, `latitude`.
    LonLat,
    /// Prepend a `WKT` column.
    Wkt,
}

fn geom_cols(layer: &Layer) -> GeomCols {
    let has = |a: &str, b: &str| layer.field_index(a).is_some() && layer.field_index(b).is_some();
    match layer.geometry_type {
        GeometryType::Point if has("longitude", "latitude") || has("lon", "lat") => GeomCols::None,
        GeometryType::Point => GeomCols::LonLat,
        _ => GeomCols::Wkt,
    }
}

/// Writes one layer as CSV (header row, RFC 4180 quoting, UTF-8 without BOM) at `path`, and the
/// GDAL column-type sidecar beside it (`.csvt`); returns the sidecar's path.
pub fn write_csv(path: &Path, layer: &Layer) -> Result<PathBuf> {
    check_layer(path, layer)?;
    let cols = geom_cols(layer);
    let mut header: Vec<&str> = Vec::with_capacity(layer.fields.len() + 2);
    let mut types: Vec<&str> = Vec::with_capacity(layer.fields.len() + 2);
    if let GeomCols::Wkt = cols {
        header.push("WKT");
        types.push("WKT");
    }
    for f in &layer.fields {
        header.push(&f.name);
        types.push(match f.ty {
            FieldType::Int => "Integer64",
            FieldType::Real => "Real",
            FieldType::Text => "String",
            FieldType::Date => "Date",
        });
    }
    if let GeomCols::LonLat = cols {
        header.extend(["longitude", "latitude"]);
        types.extend(["Real", "Real"]);
    }
    write_atomic_with(path, |w| {
        let mut cw = csv::Writer::from_writer(w);
        cw.write_record(&header).map_err(io::Error::other)?;
        let mut row: Vec<String> = Vec::with_capacity(header.len());
        for f in &layer.features {
            row.clear();
            if let GeomCols::Wkt = cols {
                row.push(f.geometry.as_ref().map(wkt).unwrap_or_default());
            }
            row.extend(f.values.iter().map(cell));
            if let GeomCols::LonLat = cols {
                match &f.geometry {
                    Some(Geometry::Point(p)) => {
                        row.push(real(p.x()));
                        row.push(real(p.y()));
                    }
                    _ => row.extend([String::new(), String::new()]),
                }
            }
            cw.write_record(&row).map_err(io::Error::other)?;
        }
        cw.flush()
    })?;
    let csvt = path.with_extension("csvt");
    let line = types
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(",");
    write_atomic_with(&csvt, |w| writeln!(w, "{line}"))?;
    Ok(csvt)
}

fn real(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Int(i) => i.to_string(),
        Value::Real(x) => real(*x),
        Value::Text(s) => s.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

fn wkt_ring(s: &mut String, r: &LineString<f64>) {
    s.push('(');
    for (k, c) in r.coords().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{} {}", c.x, c.y);
    }
    s.push(')');
}

fn wkt_polygon(s: &mut String, p: &Polygon<f64>) {
    s.push('(');
    wkt_ring(s, p.exterior());
    for h in p.interiors() {
        s.push_str(", ");
        wkt_ring(s, h);
    }
    s.push(')');
}

/// OGC Well-Known Text of a geometry.
fn wkt(g: &Geometry) -> String {
    let mut s = String::new();
    match g {
        Geometry::Point(p) => {
            let _ = write!(s, "POINT ({} {})", p.x(), p.y());
        }
        Geometry::Polygon(p) => {
            s.push_str("POLYGON ");
            wkt_polygon(&mut s, p);
        }
        Geometry::MultiPolygon(m) => {
            s.push_str("MULTIPOLYGON (");
            for (k, p) in m.0.iter().enumerate() {
                if k > 0 {
                    s.push_str(", ");
                }
                wkt_polygon(&mut s, p);
            }
            s.push(')');
        }
    }
    s
}
