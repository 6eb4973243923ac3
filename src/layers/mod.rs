//! Layers stage: plain typed feature tables built from incidents, places, clusters and
//! neighbourhood polygons, and one writer per GIS format behind [`LayerWriter`].
//!
//! A [`Layer`] knows features, not how they were found: a name, one geometry type, ordered typed
//! fields and features (geometry + one value per field). Every writer reads the same `Layer`,
//! so the GeoJSON, GeoJSON text sequence, CSV and GeoPackage outputs carry the same columns with
//! the same types (QGIS then opens each with typed fields). Coordinates are WGS84 lon/lat degrees
//! (EPSG:4326) everywhere.

mod build;
pub mod html;
pub mod qml;
mod write_csv;
mod write_geojson;
mod write_gpkg;

pub use build::{
    cluster_hulls_layer, clusters_layer, incidents_acled_layer, incidents_layer,
    neighbourhoods_layer, places_layer, NeighbourhoodPolygon,
};
pub use write_csv::{write_csv, CsvWriter};
pub use write_geojson::{write_geojson, write_geojson_seq, GeoJsonSeqWriter, GeoJsonWriter};
pub use write_gpkg::{write_gpkg, write_gpkg_with, GpkgWriter, GPKG_FILE_NAME};

use crate::cluster::Cluster;
use crate::incident::{Incident, PlaceRecord};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

/// The one geometry type of a layer (one type per file, as RFC 7946 readers and QGIS expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeometryType {
    Point,
    Polygon,
    MultiPolygon,
}

impl GeometryType {
    /// The name GeoJSON, OGC and GeoPackage use.
    pub fn as_str(self) -> &'static str {
        match self {
            GeometryType::Point => "Point",
            GeometryType::Polygon => "Polygon",
            GeometryType::MultiPolygon => "MultiPolygon",
        }
    }
}

/// A field type every format can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldType {
    /// 64-bit signed integer.
    Int,
    /// 64-bit float.
    Real,
    /// UTF-8 text.
    Text,
    /// Calendar date, written as ISO-8601 `YYYY-MM-DD`.
    Date,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Int => "Int",
            FieldType::Real => "Real",
            FieldType::Text => "Text",
            FieldType::Date => "Date",
        }
    }
}

/// A named, typed column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: FieldType,
}

impl Field {
    pub fn new(name: &str, ty: FieldType) -> Self {
        Field {
            name: name.to_string(),
            ty,
        }
    }
}

/// One cell. `Null` is allowed in any field; otherwise the variant matches the field type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(Box<str>),
    Date(NaiveDate),
}

impl Value {
    /// The field type this value fits, `None` for null.
    pub fn field_type(&self) -> Option<FieldType> {
        match self {
            Value::Null => None,
            Value::Int(_) => Some(FieldType::Int),
            Value::Real(_) => Some(FieldType::Real),
            Value::Text(_) => Some(FieldType::Text),
            Value::Date(_) => Some(FieldType::Date),
        }
    }

    pub fn text(s: &str) -> Self {
        Value::Text(s.into())
    }

    pub fn opt_text(s: Option<&str>) -> Self {
        s.map_or(Value::Null, Value::text)
    }

    /// Unsigned counts; values beyond `i64::MAX` (never real casualty figures) become null.
    pub fn opt_u64(v: Option<u64>) -> Self {
        v.and_then(|v| i64::try_from(v).ok())
            .map_or(Value::Null, Value::Int)
    }

    /// Finite floats only: NaN and infinities become null (JSON and SQL have no such numbers).
    pub fn real(v: f64) -> Self {
        if v.is_finite() {
            Value::Real(v)
        } else {
            Value::Null
        }
    }

    /// An ISO `YYYY-MM-DD` date; anything else becomes null (the raw words stay in `date_text`).
    pub fn iso_date(s: Option<&str>) -> Self {
        s.and_then(parse_iso_date).map_or(Value::Null, Value::Date)
    }
}

/// Parses exactly `YYYY-MM-DD` (surrounding spaces allowed) into a real calendar date; a hand
/// parser because chrono's format parser costs seconds on a million incidents.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// A feature geometry, WGS84 lon/lat degrees.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    Point(geo::Point<f64>),
    Polygon(geo::Polygon<f64>),
    MultiPolygon(geo::MultiPolygon<f64>),
}

impl Geometry {
    pub fn geometry_type(&self) -> GeometryType {
        match self {
            Geometry::Point(_) => GeometryType::Point,
            Geometry::Polygon(_) => GeometryType::Polygon,
            Geometry::MultiPolygon(_) => GeometryType::MultiPolygon,
        }
    }

    /// Bounding box `(min_x, min_y, max_x, max_y)`; `None` when there are no coordinates.
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        let mut b: Option<(f64, f64, f64, f64)> = None;
        let mut add = |x: f64, y: f64| {
            b = Some(match b {
                None => (x, y, x, y),
                Some((a, c, d, e)) => (a.min(x), c.min(y), d.max(x), e.max(y)),
            })
        };
        match self {
            Geometry::Point(p) => add(p.x(), p.y()),
            Geometry::Polygon(p) => {
                for c in p.exterior().coords() {
                    add(c.x, c.y)
                }
            }
            Geometry::MultiPolygon(m) => {
                for p in &m.0 {
                    for c in p.exterior().coords() {
                        add(c.x, c.y)
                    }
                }
            }
        }
        b
    }
}

/// One row: a geometry (or none when unknown) and one value per layer field, in field order.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub geometry: Option<Geometry>,
    pub values: Vec<Value>,
}

/// A named feature table with one geometry type and ordered typed fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub name: String,
    pub geometry_type: GeometryType,
    pub fields: Vec<Field>,
    pub features: Vec<Feature>,
}

impl Layer {
    pub fn new(name: &str, geometry_type: GeometryType, fields: Vec<Field>) -> Self {
        Layer {
            name: name.to_string(),
            geometry_type,
            fields,
            features: Vec::new(),
        }
    }

    /// Index of a field by name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Checks the invariants every writer relies on: unique non-empty field names, one value per
    /// field of the field's type (or null), one geometry type. Writers call it first, so a bad
    /// layer is an error naming the layer, feature and field instead of a file QGIS rejects.
    pub fn check(&self) -> std::result::Result<(), String> {
        let mut names: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("layer {}: field {} twice", self.name, w[0]));
        }
        if names.iter().any(|n| n.is_empty()) {
            return Err(format!("layer {}: a field has an empty name", self.name));
        }
        for (i, f) in self.features.iter().enumerate() {
            if f.values.len() != self.fields.len() {
                return Err(format!(
                    "layer {} feature {i}: {} values for {} fields",
                    self.name,
                    f.values.len(),
                    self.fields.len()
                ));
            }
            for (v, fd) in f.values.iter().zip(&self.fields) {
                if let Some(t) = v.field_type() {
                    if t != fd.ty {
                        return Err(format!(
                            "layer {} feature {i}: field {} is {} but the value is {}",
                            self.name,
                            fd.name,
                            fd.ty.as_str(),
                            t.as_str()
                        ));
                    }
                }
            }
            if let Some(g) = &f.geometry {
                if g.geometry_type() != self.geometry_type {
                    return Err(format!(
                        "layer {} feature {i}: {} geometry in a {} layer",
                        self.name,
                        g.geometry_type().as_str(),
                        self.geometry_type.as_str()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Bounding box of all geometries `(min_x, min_y, max_x, max_y)`.
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        self.features
            .iter()
            .filter_map(|f| f.geometry.as_ref().and_then(Geometry::bbox))
            .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
    }
}

/// The layers `athar map` writes, built once and handed to every writer.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerSet {
    /// Incident properties as the extraction stage names them (GeoJSON, GeoPackage).
    pub incidents: Layer,
    /// The same incidents under ACLED column names (CSV).
    pub incidents_acled: Layer,
    pub clusters: Layer,
    pub cluster_hulls: Layer,
    pub places: Layer,
    pub neighbourhoods: Layer,
}

impl LayerSet {
    /// Builds every layer; fails only when a cluster names an incident that does not exist.
    pub fn build(
        incidents: &[Incident],
        places: &[PlaceRecord],
        clusters: &[Cluster],
        neighbourhoods: &[NeighbourhoodPolygon],
    ) -> Result<LayerSet> {
        Ok(LayerSet {
            incidents: incidents_layer(incidents),
            incidents_acled: incidents_acled_layer(incidents),
            clusters: clusters_layer(incidents, clusters)?,
            cluster_hulls: cluster_hulls_layer(incidents, clusters)?,
            places: places_layer(places),
            neighbourhoods: neighbourhoods_layer(neighbourhoods, incidents),
        })
    }

    /// The layers in writing order, with the incident layer a format wants.
    pub fn layers_for(&self, format: Format) -> Vec<&Layer> {
        let incidents = if format == Format::Csv {
            &self.incidents_acled
        } else {
            &self.incidents
        };
        vec![
            incidents,
            &self.clusters,
            &self.cluster_hulls,
            &self.places,
            &self.neighbourhoods,
        ]
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `<layer>.geojson`, RFC 7946 FeatureCollection.
    GeoJson,
    /// `<layer>.geojsons`, RFC 8142 text sequence (RS + feature + LF), one feature a record.
    GeoJsonSeq,
    /// `<layer>.csv` + `<layer>.csvt` (GDAL column types); incidents under ACLED column names.
    Csv,
    /// `athar.gpkg`, every layer in one GeoPackage, styles embedded.
    Gpkg,
    /// `<layer>.qml` QGIS styles, picked up by QGIS for a layer file of the same stem.
    Qml,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::GeoJson,
        Format::GeoJsonSeq,
        Format::Csv,
        Format::Gpkg,
        Format::Qml,
    ];

    /// Parses the names the CLI accepts: geojson, geojsons (or seq, geojsonseq), csv, gpkg, qml.
    pub fn parse(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "geojson" | "json" => Ok(Format::GeoJson),
            "geojsons" | "geojsonseq" | "seq" | "geojsonl" => Ok(Format::GeoJsonSeq),
            "csv" => Ok(Format::Csv),
            "gpkg" | "geopackage" => Ok(Format::Gpkg),
            "qml" => Ok(Format::Qml),
            other => Err(Error::usage(format!(
                "unknown layer format {other:?}: use geojson, geojsons, csv, gpkg or qml"
            ))),
        }
    }

    pub fn writer(self) -> &'static dyn LayerWriter {
        match self {
            Format::GeoJson => &GeoJsonWriter,
            Format::GeoJsonSeq => &GeoJsonSeqWriter,
            Format::Csv => &CsvWriter,
            Format::Gpkg => &GpkgWriter,
            Format::Qml => &qml::QmlWriter,
        }
    }
}

/// One writer per format: writes the given layers into a folder and returns the files written.
pub trait LayerWriter: Sync {
    /// Writes `layers` into `dir` (which exists), each file atomically; returns the paths.
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>>;
}

/// Writes every layer of `set` in each of `formats` into `outdir` (created if missing) and
/// returns the written paths, sorted.
///
/// All files are first written into a staging folder inside `outdir`; only when every one has
/// been written are they renamed into place. A failed run therefore leaves the previous outputs
/// in `outdir` exactly as they were (and removes its staging folder).
pub fn write_layers(outdir: &Path, set: &LayerSet, formats: &[Format]) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(outdir).map_err(|e| Error::output(outdir, e))?;
    let staging = outdir.join(format!(".athar-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| Error::output(&staging, e))?;
    }
    fs::create_dir(&staging).map_err(|e| Error::output(&staging, e))?;
    let mut formats = formats.to_vec();
    formats.sort_unstable();
    formats.dedup();
    let staged = (|| -> Result<Vec<PathBuf>> {
        let mut all = Vec::new();
        for &f in &formats {
            all.extend(f.writer().write(&staging, &set.layers_for(f))?);
        }
        Ok(all)
    })();
    let staged = match staged {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(staged.len());
    for p in staged {
        let Some(name) = p.file_name() else { continue };
        let target = outdir.join(name);
        if let Err(e) = fs::rename(&p, &target) {
            let _ = fs::remove_dir_all(&staging);
            return Err(Error::output(&target, e));
        }
        out.push(target);
    }
    fs::remove_dir_all(&staging).map_err(|e| Error::output(&staging, e))?;
    out.sort();
    Ok(out)
}

/// Checks a layer before writing it to `path`.
fn check_layer(path: &Path, layer: &Layer) -> Result<()> {
    layer.check().map_err(|m| Error::output(path, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_table() {
        for (s, want) in [
            ("geojson", Some(Format::GeoJson)),
            ("GeoJSON", Some(Format::GeoJson)),
            ("geojsons", Some(Format::GeoJsonSeq)),
            ("seq", Some(Format::GeoJsonSeq)),
            ("csv", Some(Format::Csv)),
            ("gpkg", Some(Format::Gpkg)),
            ("qml", Some(Format::Qml)),
            ("shp", None),
            ("", None),
        ] {
            assert_eq!(Format::parse(s).ok(), want, "{s:?}");
        }
    }

    #[test]
    fn iso_dates_table() {
        for (s, want) in [
            ("2016-09-24", Some((2016, 9, 24))),
            (" 2016-09-24 ", Some((2016, 9, 24))),
            ("2016-02-30", None),
            ("2016-9-24", None),
            ("24/09/2016", None),
            ("2016-09-2x", None),
            ("", None),
            ("٢٠١٦-٠٩-٢٤", None),
        ] {
            let got = parse_iso_date(s);
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn check_reports_type_and_arity_errors() {
        let mut l = Layer::new(
            "t",
            GeometryType::Point,
            vec![
                Field::new("a", FieldType::Int),
                Field::new("b", FieldType::Date),
            ],
        );
        l.features.push(Feature {
            geometry: Some(Geometry::Point(geo::Point::new(1.0, 2.0))),
            values: vec![Value::Int(1), Value::Null],
        });
        assert!(l.check().is_ok());
        let mut bad = l.clone();
        bad.features[0].values[1] = Value::text("2016-09-24");
        assert!(bad
            .check()
            .unwrap_err()
            .contains("field b is Date but the value is Text"));
        let mut bad = l.clone();
        bad.features[0].values.pop();
        assert!(bad.check().unwrap_err().contains("1 values for 2 fields"));
        let mut bad = l.clone();
        bad.fields[1].name = "a".into();
        assert!(bad.check().unwrap_err().contains("field a twice"));
        let mut bad = l;
        bad.geometry_type = GeometryType::Polygon;
        assert!(bad
            .check()
            .unwrap_err()
            .contains("Point geometry in a Polygon layer"));
    }
}
