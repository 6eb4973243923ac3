//! GeoPackage (OGC 12-128r18, version 1.3): every layer in one SQLite file.
//!
//! Written with rusqlite and the bundled SQLite, so no GDAL is needed at run time. The file has
//! `application_id` 'GPKG', `user_version` 10300, the required `gpkg_spatial_ref_sys` rows
//! (-1, 0) plus EPSG:4326, `gpkg_contents` with each layer's extent, `gpkg_geometry_columns`,
//! one feature table per layer (`fid` primary key, `geom` column holding a GeoPackage binary
//! header + little-endian WKB), and QGIS's `layer_styles` table with each layer's default style so
//! QGIS opens the layers already styled, and an R-tree spatial index per layer (the standard's
//! `gpkg_rtree_index` extension, with its triggers) so QGIS pans a million points smoothly.

use super::{check_layer, qml, FieldType, Geometry, GeometryType, Layer, LayerWriter, Value};
use crate::{Error, Result};
use geo::{LineString, Polygon};
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};

/// The GeoPackage file name `write_layers` uses.
pub const GPKG_FILE_NAME: &str = "athar.gpkg";

/// Fixed `last_change` / `update_time` stamp: the standard wants a timestamp, athar wants
/// byte-identical output for identical input, so the time of writing is not recorded.
const FIXED_TIMESTAMP: &str = "1970-01-01T00:00:00.000Z";

const EPSG_4326_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

/// Writes all layers into `athar.gpkg`.
pub struct GpkgWriter;

impl LayerWriter for GpkgWriter {
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>> {
        let p = dir.join(GPKG_FILE_NAME);
        write_gpkg(&p, layers)?;
        Ok(vec![p])
    }
}

/// Writes `layers` (distinct names) into one GeoPackage at `path` with a spatial index per layer,
/// atomically: the database is built in a temp file beside `path` and renamed over it only when
/// complete.
pub fn write_gpkg(path: &Path, layers: &[&Layer]) -> Result<()> {
    write_gpkg_with(path, layers, true)
}

/// [`write_gpkg`], choosing whether to build the R-tree spatial indexes (about 1 s per 100 k
/// features; QGIS works without them, only slower when panning big layers).
pub fn write_gpkg_with(path: &Path, layers: &[&Layer], spatial_index: bool) -> Result<()> {
    for l in layers {
        check_layer(path, l)?;
        for f in &l.fields {
            if f.name.eq_ignore_ascii_case("fid") || f.name.eq_ignore_ascii_case("geom") {
                return Err(Error::output(
                    path,
                    format!("layer {}: field name {} is reserved", l.name, f.name),
                ));
            }
        }
    }
    // SQLite table names are case-insensitive.
    let mut names: Vec<String> = layers.iter().map(|l| l.name.to_lowercase()).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::output(path, "two layers have the same name"));
    }
    if path.is_dir() {
        return Err(Error::output(path, "it is a directory"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "athar.gpkg".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let res = build(&tmp, layers, spatial_index).and_then(|_| {
        fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        fs::rename(&tmp, path).map_err(|e| e.to_string())
    });
    if let Err(e) = res {
        let _ = fs::remove_file(&tmp);
        return Err(Error::output(path, e));
    }
    Ok(())
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn sql_type(t: FieldType) -> &'static str {
    match t {
        FieldType::Int => "INTEGER",
        FieldType::Real => "REAL",
        FieldType::Text => "TEXT",
        FieldType::Date => "DATE",
    }
}

fn gpkg_geometry_type(t: GeometryType) -> &'static str {
    match t {
        GeometryType::Point => "POINT",
        GeometryType::Polygon => "POLYGON",
        GeometryType::MultiPolygon => "MULTIPOLYGON",
    }
}

const SCHEMA: &str = "
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME
);
";

fn build(tmp: &Path, layers: &[&Layer], spatial_index: bool) -> std::result::Result<(), String> {
    let e = |e: rusqlite::Error| e.to_string();
    let mut conn = Connection::open(tmp).map_err(e)?;
    // The file is a private temp file until renamed: no journal needed.
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;",
    )
    .map_err(e)?;
    let tx = conn.transaction().map_err(e)?;
    tx.execute_batch(SCHEMA).map_err(e)?;
    tx.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            "Undefined cartesian SRS",
            -1,
            "NONE",
            -1,
            "undefined",
            "undefined cartesian coordinate reference system",
        ),
    )
    .map_err(e)?;
    tx.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            "Undefined geographic SRS",
            0,
            "NONE",
            0,
            "undefined",
            "undefined geographic coordinate reference system",
        ),
    )
    .map_err(e)?;
    tx.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            "WGS 84 geodetic",
            4326,
            "EPSG",
            4326,
            EPSG_4326_WKT,
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
        ),
    )
    .map_err(e)?;
    for l in layers {
        write_layer(&tx, l, spatial_index)?;
    }
    tx.commit().map_err(e)?;
    conn.close().map_err(|(_, err)| err.to_string())
}

fn write_layer(
    tx: &rusqlite::Transaction,
    l: &Layer,
    spatial_index: bool,
) -> std::result::Result<(), String> {
    let e = |e: rusqlite::Error| format!("layer {}: {e}", l.name);
    let table = quote(&l.name);
    let mut cols = vec![
        "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_string(),
        format!("geom {}", gpkg_geometry_type(l.geometry_type)),
    ];
    cols.extend(
        l.fields
            .iter()
            .map(|f| format!("{} {}", quote(&f.name), sql_type(f.ty))),
    );
    tx.execute_batch(&format!("CREATE TABLE {table} ({});", cols.join(", ")))
        .map_err(e)?;
    let (min_x, min_y, max_x, max_y) = match l.bbox() {
        Some((a, b, c, d)) => (Some(a), Some(b), Some(c), Some(d)),
        None => (None, None, None, None),
    };
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, \
         min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, ?7, 4326)",
        rusqlite::params![
            l.name,
            format!("athar {} layer", l.name),
            FIXED_TIMESTAMP,
            min_x,
            min_y,
            max_x,
            max_y
        ],
    )
    .map_err(e)?;
    tx.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
        (&l.name, gpkg_geometry_type(l.geometry_type)),
    )
    .map_err(e)?;
    let (rtree_create, rtree_triggers) = rtree_sql(&l.name);
    if spatial_index {
        tx.execute_batch(&rtree_create).map_err(e)?;
        tx.execute(
            "INSERT INTO gpkg_extensions VALUES (?1, 'geom', 'gpkg_rtree_index', \
             'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
            [&l.name],
        )
        .map_err(e)?;
    }
    if let Some(style) = qml::style_for(l) {
        tx.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, \
             f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, \
             ui, update_time) VALUES ('', '', ?1, 'geom', ?1, ?2, '', 1, ?3, '', NULL, ?4)",
            (
                &l.name,
                style,
                format!("athar default style for {}", l.name),
                FIXED_TIMESTAMP,
            ),
        )
        .map_err(e)?;
    }
    let names: Vec<String> = l.fields.iter().map(|f| quote(&f.name)).collect();
    let marks: Vec<String> = (0..=l.fields.len())
        .map(|k| format!("?{}", k + 1))
        .collect();
    let sql = format!(
        "INSERT INTO {table} (geom{}{}) VALUES ({})",
        if names.is_empty() { "" } else { ", " },
        names.join(", "),
        marks.join(", ")
    );
    let mut stmt = tx.prepare(&sql).map_err(e)?;
    let mut blob = Vec::new();
    let mut boxes: Vec<(i64, (f64, f64, f64, f64))> = Vec::with_capacity(l.features.len());
    for f in &l.features {
        match &f.geometry {
            Some(g) => {
                blob.clear();
                gpkg_blob(&mut blob, g);
                stmt.raw_bind_parameter(1, blob.as_slice()).map_err(e)?;
            }
            None => stmt
                .raw_bind_parameter(1, rusqlite::types::Null)
                .map_err(e)?,
        }
        for (k, v) in f.values.iter().enumerate() {
            let idx = k + 2;
            match v {
                Value::Null => stmt.raw_bind_parameter(idx, rusqlite::types::Null),
                Value::Int(i) => stmt.raw_bind_parameter(idx, *i),
                Value::Real(x) if x.is_finite() => stmt.raw_bind_parameter(idx, *x),
                Value::Real(_) => stmt.raw_bind_parameter(idx, rusqlite::types::Null),
                Value::Text(s) => stmt.raw_bind_parameter(idx, &**s),
                Value::Date(d) => stmt.raw_bind_parameter(idx, d.format("%Y-%m-%d").to_string()),
            }
            .map_err(e)?;
        }
        stmt.raw_execute().map_err(e)?;
        if !spatial_index {
            continue;
        }
        if let Some(b) = f.geometry.as_ref().and_then(Geometry::bbox) {
            boxes.push((tx.last_insert_rowid(), b));
        }
    }
    if !spatial_index {
        return Ok(());
    }
    let rtree = format!("rtree_{}_geom", l.name);
    let mut index = tx
        .prepare(&format!(
            "INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)",
            quote(&rtree)
        ))
        .map_err(e)?;
    // Inserting into SQLite's R-tree in space-filling-curve order keeps node splits local:
    // about twice as fast as input order on a million scattered points.
    let extent = l.bbox().unwrap_or((-180.0, -90.0, 180.0, 90.0));
    boxes.sort_by_key(|&(fid, (x0, y0, x1, y1))| {
        (morton((x0 + x1) / 2.0, (y0 + y1) / 2.0, extent), fid)
    });
    for (fid, (x0, y0, x1, y1)) in boxes {
        index.execute((fid, x0, x1, y0, y1)).map_err(e)?;
    }
    // Triggers last: they call GDAL's ST_* functions, which this connection does not have.
    tx.execute_batch(&rtree_triggers).map_err(e)?;
    Ok(())
}

/// Z-order (Morton) key of a point on a 2^16 × 2^16 grid over the extent `(x0, y0, x1, y1)`.
fn morton(x: f64, y: f64, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> u64 {
    let q = |v: f64, lo: f64, hi: f64| {
        let span = hi - lo;
        if span > 0.0 {
            (((v - lo) / span).clamp(0.0, 1.0) * 65535.0) as u64
        } else {
            0
        }
    };
    let spread = |mut v: u64| {
        v &= 0xFFFF;
        v = (v | (v << 8)) & 0x00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333;
        v = (v | (v << 1)) & 0x5555_5555;
        v
    };
    spread(q(x, x0, x1)) | (spread(q(y, y0, y1)) << 1)
}

/// The R-tree index table, its `gpkg_extensions` row and the triggers that keep it in step
/// when GDAL or QGIS later edit the layer (GeoPackage 1.3 `gpkg_rtree_index`; the `ST_*`
/// functions are GDAL's, called only on edits): (create table, create triggers). Filled by
/// [`write_layer`] from the bounding boxes it already has.
fn rtree_sql(table: &str) -> (String, String) {
    let t = quote(table);
    let rt = format!("rtree_{table}_geom");
    let r = quote(&rt);
    let trig = |suffix: &str| quote(&format!("{rt}_{suffix}"));
    let vals =
        "(NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom))";
    let create = format!("CREATE VIRTUAL TABLE {r} USING rtree(id, minx, maxx, miny, maxy);");
    let triggers = format!(
        "CREATE TRIGGER {ins} AFTER INSERT ON {t} WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) \
         BEGIN INSERT OR REPLACE INTO {r} VALUES {vals}; END;\n\
         CREATE TRIGGER {u1} AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) \
         BEGIN INSERT OR REPLACE INTO {r} VALUES {vals}; END;\n\
         CREATE TRIGGER {u2} AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) \
         BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;\n\
         CREATE TRIGGER {u3} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) \
         BEGIN DELETE FROM {r} WHERE id = OLD.fid; INSERT OR REPLACE INTO {r} VALUES {vals}; END;\n\
         CREATE TRIGGER {u4} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) \
         BEGIN DELETE FROM {r} WHERE id IN (OLD.fid, NEW.fid); END;\n\
         CREATE TRIGGER {del} AFTER DELETE ON {t} WHEN old.geom NOT NULL \
         BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;\n",
        ins = trig("insert"),
        u1 = trig("update1"),
        u2 = trig("update2"),
        u3 = trig("update3"),
        u4 = trig("update4"),
        del = trig("delete"),
    );
    (create, triggers)
}

/// GeoPackage binary geometry: magic `GP`, version 0, flags (little-endian, envelope [minx,
/// maxx, miny, maxy] for polygons, none for points), srs_id 4326, then ISO WKB little-endian.
pub(crate) fn gpkg_blob(out: &mut Vec<u8>, g: &Geometry) {
    let envelope = match g {
        Geometry::Point(_) => None,
        _ => g.bbox(),
    };
    out.extend_from_slice(b"GP");
    out.push(0);
    out.push(if envelope.is_some() {
        0b0000_0011
    } else {
        0b0000_0001
    });
    out.extend_from_slice(&4326i32.to_le_bytes());
    if let Some((x0, y0, x1, y1)) = envelope {
        for v in [x0, x1, y0, y1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    match g {
        Geometry::Point(p) => {
            out.push(1);
            out.extend_from_slice(&1u32.to_le_bytes());
            out.extend_from_slice(&p.x().to_le_bytes());
            out.extend_from_slice(&p.y().to_le_bytes());
        }
        Geometry::Polygon(p) => wkb_polygon(out, p),
        Geometry::MultiPolygon(m) => {
            out.push(1);
            out.extend_from_slice(&6u32.to_le_bytes());
            out.extend_from_slice(&(m.0.len() as u32).to_le_bytes());
            for p in &m.0 {
                wkb_polygon(out, p);
            }
        }
    }
}

fn wkb_ring(out: &mut Vec<u8>, r: &LineString<f64>) {
    out.extend_from_slice(&(r.0.len() as u32).to_le_bytes());
    for c in r.coords() {
        out.extend_from_slice(&c.x.to_le_bytes());
        out.extend_from_slice(&c.y.to_le_bytes());
    }
}

fn wkb_polygon(out: &mut Vec<u8>, p: &Polygon<f64>) {
    out.push(1);
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&((1 + p.interiors().len()) as u32).to_le_bytes());
    wkb_ring(out, p.exterior());
    for h in p.interiors() {
        wkb_ring(out, h);
    }
}
