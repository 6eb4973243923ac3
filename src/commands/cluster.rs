//! `athar cluster`: DBSCAN / ST-DBSCAN on any point layer a user already has.
//!
//! Reads GeoJSON (FeatureCollection or RFC 8142 text sequence) or CSV points, clusters them with
//! [`crate::cluster::dbscan`] and writes three GeoJSON layers into a folder, atomically.

use super::Outcome;
use crate::cluster::{dbscan, summarise, Cluster, ClusterPoint, DbscanParams};
use crate::io::write_atomic_with;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use clap::Args;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Largest accepted --eps-km: half the Earth's circumference is ~20,015 km.
const MAX_EPS_KM: f64 = 20_000.0;
/// Times beyond ±100 million days (±270,000 years) are rejected as nonsense.
const MAX_ABS_DAYS: f64 = 1.0e8;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Input: a GeoJSON FeatureCollection of Points, a GeoJSON text sequence (RFC 8142: one Feature per
line, or each prefixed with the RS character), or a CSV whose longitude/latitude columns are found
by name (lon, lng, long, longitude, x / lat, latitude, y, any case) or given with --lon-field and
--lat-field. Coordinates are WGS84 degrees.

Output folder OUT (created if missing):
  points.geojson         every input point with all its properties plus cluster_id (-1 = noise)
  clusters.geojson       one Point per cluster at its centroid: cluster_id, points, radius_m
                         (metres), first_date and last_date (with --time-field)
  cluster_hulls.geojson  the convex hull of each cluster (a 16-sided circle when the members
                         are one, two or collinear points): cluster_id

Defaults: eps 0.5 km and 3 points find strikes on the same few city blocks (an Aleppo
neighbourhood is ~0.5-1 km across, and report locations are rarely more precise than a
street or a square), while 3 is the smallest count that is a pattern and not a pair.
With --window-days, points must also be that close in time (ST-DBSCAN); undated points then
cluster only with other undated points.

Exit codes: 0 clusters found, 1 no cluster found (layers are still written), 2 error.

Examples:
  # HRW/UNOSAT damage sites in Aleppo: within 500 m and 30 days of each other
  athar cluster hrw_aleppo_damage_sites.geojson -o out/ \\
      --time-field SensorDate --window-days 30
  # Dense layers chain into one cluster at 500 m: tighten in space instead
  athar cluster hrw_aleppo_damage_sites.geojson -o out/ --eps-km 0.1 --min-points 5
  # A CSV with columns id,lng,lat,date (lng/lat are detected)
  athar cluster strikes.csv -o out/ --time-field date --window-days 7
")]
pub struct ClusterArgs {
    /// Point layer: GeoJSON, GeoJSON text sequence, or CSV.
    #[arg(value_name = "POINTS")]
    pub input: PathBuf,
    /// Output folder for points.geojson, clusters.geojson and cluster_hulls.geojson.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Neighbourhood radius, km of great-circle distance (default 0.5: a few city blocks).
    #[arg(
        long,
        value_name = "KM",
        default_value_t = 0.5,
        allow_negative_numbers = true
    )]
    pub eps_km: f64,
    /// Points within eps (the point itself counted) that make a core point (default 3: the
    /// smallest group that is more than a coincidence).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_points: usize,
    /// Property or column holding the time: ISO date (2016-09-24, 2016/09/24), ISO datetime,
    /// or a number of days since 1970-01-01. Empty or null means undated.
    #[arg(long, value_name = "NAME")]
    pub time_field: Option<String>,
    /// Space-time DBSCAN: neighbours must also be within this many days (needs --time-field).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    pub window_days: Option<f64>,
    /// CSV column with the longitude (default: detected).
    #[arg(long, value_name = "NAME")]
    pub lon_field: Option<String>,
    /// CSV column with the latitude (default: detected).
    #[arg(long, value_name = "NAME")]
    pub lat_field: Option<String>,
}

/// One input feature: its point, properties and optional GeoJSON id.
struct InFeature {
    point: ClusterPoint,
    props: Map<String, Value>,
    id: Option<Value>,
}

/// Whether times had a time of day (decides how first_date / last_date are written).
#[derive(Default)]
struct TimeKind {
    with_time_of_day: bool,
}

pub fn run(args: ClusterArgs) -> Result<Outcome> {
    let params = validate(&args)?;
    let mut tk = TimeKind::default();
    let features = read_points(&args, &mut tk)?;
    let points: Vec<ClusterPoint> = features.iter().map(|f| f.point).collect();
    let labels = dbscan(&points, &params);
    let clusters = summarise(&points, &labels);

    let out = &args.output;
    if out.exists() && !out.is_dir() {
        return Err(Error::output(out, "it exists and is not a folder"));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::output(out, e))?;
    write_points(&out.join("points.geojson"), &features, &labels)?;
    let timed = args.time_field.is_some();
    write_clusters(&out.join("clusters.geojson"), &clusters, timed, &tk)?;
    write_hulls(&out.join("cluster_hulls.geojson"), &clusters)?;

    let noise = labels.iter().filter(|&&l| l < 0).count();
    eprintln!(
        "athar cluster: {} points, {} clusters, {} noise → {}",
        points.len(),
        clusters.len(),
        noise,
        out.display()
    );
    Ok(if clusters.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn validate(a: &ClusterArgs) -> Result<DbscanParams> {
    if !a.eps_km.is_finite() || a.eps_km <= 0.0 || a.eps_km > MAX_EPS_KM {
        return Err(Error::usage(format!(
            "--eps-km must be a number of km greater than 0 and at most {MAX_EPS_KM} (got {})",
            a.eps_km
        )));
    }
    if a.min_points == 0 {
        return Err(Error::usage(
            "--min-points must be at least 1 (it counts the point itself)",
        ));
    }
    if let Some(w) = a.window_days {
        if !w.is_finite() || w < 0.0 {
            return Err(Error::usage(format!(
                "--window-days must be a number of days, 0 or more (got {w})"
            )));
        }
        if a.time_field.is_none() {
            return Err(Error::usage(
                "--window-days needs --time-field NAME (the property or column with the date)",
            ));
        }
    }
    Ok(DbscanParams {
        eps_m: a.eps_km * 1000.0,
        min_points: a.min_points,
        window_days: a.window_days,
    })
}

// ---------------------------------------------------------------------------------------------
// Reading

fn read_points(a: &ClusterArgs, tk: &mut TimeKind) -> Result<Vec<InFeature>> {
    let path = a.input.as_path();
    let bytes =
        std::fs::read(path).map_err(|e| Error::input(path, None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::input(path, Some(line), "not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match text.trim_start().chars().next() {
        Some('\u{1e}') => read_rs_seq(path, text, a, tk),
        Some('{') => read_json(path, text, a, tk),
        Some(_) => read_csv(path, text, a, tk),
        None => Ok(Vec::new()),
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// A FeatureCollection, a single Feature, or newline-delimited Features.
fn read_json(
    path: &Path,
    text: &str,
    a: &ClusterArgs,
    tk: &mut TimeKind,
) -> Result<Vec<InFeature>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut values: Vec<(usize, Value)> = Vec::new();
    let mut start = 0;
    while let Some(v) = stream.next() {
        let v = v.map_err(|e| Error::input(path, Some(e.line()), format!("invalid JSON: {e}")))?;
        let skipped = text[start..].len() - text[start..].trim_start().len();
        values.push((line_at(text, start + skipped), v));
        start = stream.byte_offset();
    }
    let is_fc = |v: &Value| v.get("type").and_then(Value::as_str) == Some("FeatureCollection");
    if values.len() == 1 && is_fc(&values[0].1) {
        let Some((_, fc)) = values.pop() else {
            return Ok(Vec::new());
        };
        check_crs(path, &fc)?;
        let Some(features) = fc.get("features").and_then(Value::as_array) else {
            return Err(Error::input(
                path,
                None,
                "FeatureCollection has no \"features\" array",
            ));
        };
        return features
            .iter()
            .enumerate()
            .map(|(k, f)| {
                feature(f, a, tk)
                    .map_err(|m| Error::input(path, None, format!("feature {}: {m}", k + 1)))
            })
            .collect();
    }
    values
        .iter()
        .enumerate()
        .map(|(k, (line, v))| {
            if is_fc(v) {
                return Err(Error::input(
                    path,
                    Some(*line),
                    "a FeatureCollection inside a GeoJSON text sequence: expected one Feature per line",
                ));
            }
            feature(v, a, tk).map_err(|m| Error::input(path, Some(*line), format!("feature {}: {m}", k + 1)))
        })
        .collect()
}

/// RFC 8142: each text starts with RS (0x1E) and ends with a line feed.
fn read_rs_seq(
    path: &Path,
    text: &str,
    a: &ClusterArgs,
    tk: &mut TimeKind,
) -> Result<Vec<InFeature>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (k, chunk) in text.split('\u{1e}').enumerate() {
        let here = offset;
        offset += chunk.len() + 1;
        if k == 0 {
            if !chunk.trim().is_empty() {
                return Err(Error::input(
                    path,
                    Some(1),
                    "text before the first RS character",
                ));
            }
            continue;
        }
        let line = line_at(text, here);
        let v: Value = serde_json::from_str(chunk).map_err(|e| {
            Error::input(
                path,
                Some(line + e.line() - 1),
                format!("invalid JSON: {e}"),
            )
        })?;
        out.push(
            feature(&v, a, tk)
                .map_err(|m| Error::input(path, Some(line), format!("feature {}: {m}", k)))?,
        );
    }
    Ok(out)
}

fn check_crs(path: &Path, fc: &Value) -> Result<()> {
    let Some(name) = fc.pointer("/crs/properties/name").and_then(Value::as_str) else {
        return Ok(());
    };
    let n = name.to_ascii_uppercase();
    if n.ends_with("CRS84") || n.ends_with(":4326") || n.ends_with("::4326") {
        return Ok(());
    }
    Err(Error::input(
        path,
        None,
        format!("declares crs {name}; athar cluster needs WGS84 longitude/latitude (reproject with ogr2ogr -t_srs EPSG:4326)"),
    ))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One GeoJSON Feature with a Point geometry; the error is a message without location.
fn feature(
    v: &Value,
    a: &ClusterArgs,
    tk: &mut TimeKind,
) -> std::result::Result<InFeature, String> {
    if v.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err(format!("expected a GeoJSON Feature, found {}", describe(v)));
    }
    let geom = match v.get("geometry") {
        None | Some(Value::Null) => {
            return Err("has no geometry; every feature needs a Point".into())
        }
        Some(g) => g,
    };
    let gtype = geom
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("(no type)");
    if gtype != "Point" {
        return Err(format!(
            "geometry is {gtype}; athar cluster needs Point features"
        ));
    }
    let coords = match geom.get("coordinates") {
        Some(Value::Array(c)) if c.len() >= 2 => c,
        Some(Value::Array(_)) => return Err("Point has fewer than 2 coordinates".into()),
        _ => return Err("Point has no coordinates".into()),
    };
    let num = |i: usize, what: &str| {
        coords[i]
            .as_f64()
            .ok_or_else(|| format!("{what} is {}, expected a number", type_name(&coords[i])))
    };
    let (lon, lat) = (num(0, "longitude")?, num(1, "latitude")?);
    check_lon_lat(lon, lat)?;
    let props = match v.get("properties") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(other) => {
            return Err(format!(
                "properties is {}, expected an object",
                type_name(other)
            ))
        }
    };
    let t_days = match &a.time_field {
        None => None,
        Some(name) => match props.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(days_number(n.as_f64(), name, tk)?),
            Some(Value::String(s)) => time_of(s, name, tk)?,
            Some(other) => {
                return Err(format!(
                    "time field \"{name}\" is {}, expected an ISO date or a number of days",
                    type_name(other)
                ))
            }
        },
    };
    Ok(InFeature {
        point: ClusterPoint { lon, lat, t_days },
        props,
        id: v.get("id").cloned(),
    })
}

fn describe(v: &Value) -> String {
    match v.get("type").and_then(Value::as_str) {
        Some(t) => format!("a {t}"),
        None => type_name(v).to_string(),
    }
}

fn check_lon_lat(lon: f64, lat: f64) -> std::result::Result<(), String> {
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is out of range [-180, 180] (are coordinates in WGS84 degrees, lon first?)"));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} is out of range [-90, 90] (are coordinates in WGS84 degrees, lon first?)"));
    }
    Ok(())
}

fn days_number(n: Option<f64>, name: &str, tk: &mut TimeKind) -> std::result::Result<f64, String> {
    match n {
        Some(d) if d.is_finite() && d.abs() <= MAX_ABS_DAYS => {
            if d.fract() != 0.0 {
                tk.with_time_of_day = true;
            }
            Ok(d)
        }
        _ => Err(format!(
            "time field \"{name}\" is not a usable number of days"
        )),
    }
}

/// A time string: empty = undated; a number = days since 1970-01-01; ISO date or datetime.
fn time_of(s: &str, name: &str, tk: &mut TimeKind) -> std::result::Result<Option<f64>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(d) = s.parse::<f64>() {
        return days_number(Some(d), name, tk).map(Some);
    }
    parse_time(s)
        .map(|(d, tod)| {
            tk.with_time_of_day |= tod;
            Some(d)
        })
        .ok_or_else(|| {
            format!(
                "time field \"{name}\" is \"{s}\", not a date: use ISO 8601 (2016-09-24, 2016-09-24T14:30:00Z) or days since 1970-01-01"
            )
        })
}

/// Days since 1970-01-01 (UTC) and whether the text had a time of day.
fn parse_time(s: &str) -> Option<(f64, bool)> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    for f in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(((d - epoch).num_days() as f64, false));
        }
    }
    let secs = |ndt: NaiveDateTime| {
        let utc = ndt.and_utc();
        utc.timestamp() as f64 + f64::from(utc.timestamp_subsec_nanos()) * 1e-9
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some((secs(dt.naive_utc()) / 86_400.0, true));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S%.f",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some((secs(dt) / 86_400.0, true));
        }
    }
    None
}

const LON_NAMES: [&str; 5] = ["longitude", "lon", "lng", "long", "x"];
const LAT_NAMES: [&str; 3] = ["latitude", "lat", "y"];

fn find_column(
    path: &Path,
    headers: &[String],
    given: Option<&str>,
    names: &[&str],
    what: &str,
    flag: &str,
) -> Result<usize> {
    if let Some(g) = given {
        return headers
            .iter()
            .position(|h| h == g)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(g)))
            .ok_or_else(|| {
                Error::input(
                    path,
                    Some(1),
                    format!(
                        "no column \"{g}\" (given with {flag}); columns: {}",
                        headers.join(", ")
                    ),
                )
            });
    }
    names
        .iter()
        .find_map(|n| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        })
        .ok_or_else(|| {
            Error::input(
                path,
                Some(1),
                format!(
                    "no {what} column (looked for {}); name it with {flag}; columns: {}",
                    names.join(", "),
                    headers.join(", ")
                ),
            )
        })
}

fn read_csv(path: &Path, text: &str, a: &ClusterArgs, tk: &mut TimeKind) -> Result<Vec<InFeature>> {
    let first = text.lines().next().unwrap_or("");
    let delim = if !first.contains(',') && first.contains('\t') {
        b'\t'
    } else if !first.contains(',') && first.contains(';') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::input(path, Some(1), format!("cannot read the CSV header: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let lon_i = find_column(
        path,
        &headers,
        a.lon_field.as_deref(),
        &LON_NAMES,
        "longitude",
        "--lon-field",
    )?;
    let lat_i = find_column(
        path,
        &headers,
        a.lat_field.as_deref(),
        &LAT_NAMES,
        "latitude",
        "--lat-field",
    )?;
    let time_i = match &a.time_field {
        None => None,
        Some(t) => Some(find_column(
            path,
            &headers,
            Some(t),
            &[],
            "time",
            "--time-field",
        )?),
    };
    let mut rows: Vec<(usize, csv::StringRecord)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Error::input(path, line, format!("bad CSV row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        rows.push((line, rec));
    }
    // A column is numeric when every non-empty cell is a finite number.
    let numeric: Vec<bool> = (0..headers.len())
        .map(|c| {
            rows.iter().all(|(_, r)| {
                let v = r.get(c).unwrap_or("").trim();
                v.is_empty() || v.parse::<f64>().is_ok_and(f64::is_finite)
            })
        })
        .collect();
    rows.iter()
        .map(|(line, r)| {
            let at = |m: String| Error::input(path, Some(*line), m);
            let coord = |i: usize, what: &str| -> Result<f64> {
                let v = r.get(i).unwrap_or("").trim();
                if v.is_empty() {
                    return Err(at(format!("missing {what} (column \"{}\")", headers[i])));
                }
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| at(format!("{what} \"{v}\" is not a number")))
            };
            let (lon, lat) = (coord(lon_i, "longitude")?, coord(lat_i, "latitude")?);
            check_lon_lat(lon, lat).map_err(at)?;
            let t_days = match (time_i, &a.time_field) {
                (Some(i), Some(name)) => time_of(r.get(i).unwrap_or(""), name, tk).map_err(at)?,
                _ => None,
            };
            let mut props = Map::new();
            for (c, h) in headers.iter().enumerate() {
                let v = r.get(c).unwrap_or("").trim();
                let value = if v.is_empty() && numeric[c] {
                    Value::Null
                } else if numeric[c] {
                    match v.parse::<i64>() {
                        Ok(i) => Value::from(i),
                        Err(_) => v.parse::<f64>().map(Value::from).unwrap_or(Value::Null),
                    }
                } else {
                    Value::from(r.get(c).unwrap_or(""))
                };
                props.insert(h.clone(), value);
            }
            Ok(InFeature {
                point: ClusterPoint { lon, lat, t_days },
                props,
                id: None,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Degrees rounded to 7 decimals (~1 cm), as RFC 7946 suggests.
fn round7(x: f64) -> f64 {
    let r = (x * 1e7).round() / 1e7;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn write_coord(w: &mut dyn Write, (x, y): (f64, f64)) -> std::io::Result<()> {
    write!(w, "[")?;
    serde_json::to_writer(&mut *w, &round7(x))?;
    write!(w, ",")?;
    serde_json::to_writer(&mut *w, &round7(y))?;
    write!(w, "]")
}

fn write_fc<F>(path: &Path, n: usize, mut each: F) -> Result<()>
where
    F: FnMut(&mut dyn Write, usize) -> std::io::Result<()>,
{
    write_atomic_with(path, |w| {
        write!(w, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
        for i in 0..n {
            w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            each(w, i)?;
        }
        writeln!(w, "\n]}}")
    })
}

fn write_points(path: &Path, features: &[InFeature], labels: &[i64]) -> Result<()> {
    write_fc(path, features.len(), |w, i| {
        let f = &features[i];
        write!(w, "{{\"type\":\"Feature\",")?;
        if let Some(id) = &f.id {
            write!(w, "\"id\":")?;
            serde_json::to_writer(&mut *w, id)?;
            write!(w, ",")?;
        }
        write!(w, "\"geometry\":{{\"type\":\"Point\",\"coordinates\":")?;
        write_coord(w, (f.point.lon, f.point.lat))?;
        let mut props = f.props.clone();
        props.insert("cluster_id".into(), Value::from(labels[i]));
        write!(w, "}},\"properties\":")?;
        serde_json::to_writer(&mut *w, &props)?;
        write!(w, "}}")
    })
}

fn date_string(t: Option<f64>, tk: &TimeKind) -> Value {
    let Some(t) = t else { return Value::Null };
    let secs = (t * 86_400.0).round();
    let Some(dt) = DateTime::from_timestamp(secs as i64, 0) else {
        return Value::Null;
    };
    if tk.with_time_of_day {
        Value::from(dt.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    } else {
        Value::from(dt.format("%Y-%m-%d").to_string())
    }
}

fn write_clusters(path: &Path, clusters: &[Cluster], timed: bool, tk: &TimeKind) -> Result<()> {
    write_fc(path, clusters.len(), |w, i| {
        let c = &clusters[i];
        write!(
            w,
            "{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":"
        )?;
        write_coord(w, (c.lon, c.lat))?;
        write!(
            w,
            "}},\"properties\":{{\"cluster_id\":{},\"points\":{}",
            c.id,
            c.members.len()
        )?;
        if timed {
            write!(w, ",\"first_date\":")?;
            serde_json::to_writer(&mut *w, &date_string(c.first_t, tk))?;
            write!(w, ",\"last_date\":")?;
            serde_json::to_writer(&mut *w, &date_string(c.last_t, tk))?;
        }
        write!(w, ",\"radius_m\":")?;
        serde_json::to_writer(&mut *w, &((c.radius_m * 10.0).round() / 10.0))?;
        write!(w, "}}}}")
    })
}

fn write_hulls(path: &Path, clusters: &[Cluster]) -> Result<()> {
    write_fc(path, clusters.len(), |w, i| {
        let c = &clusters[i];
        write!(
            w,
            "{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[["
        )?;
        for (k, &xy) in c.hull.iter().enumerate() {
            if k > 0 {
                write!(w, ",")?;
            }
            write_coord(w, xy)?;
        }
        write!(w, "]]}},\"properties\":{{\"cluster_id\":{}}}}}", c.id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        // (text, days since 1970-01-01, has time of day)
        let cases = [
            ("1970-01-02", Some((1.0, false))),
            ("2013/10/31", Some((16009.0, false))),
            ("2016-09-24T12:00:00Z", Some((17068.5, true))),
            ("2016-09-24T14:00:00+02:00", Some((17068.5, true))),
            ("2016-09-24 06:00", Some((17068.25, true))),
            ("24/09/2016", None),
            ("yesterday", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_time(s), want, "{s}");
        }
    }

    #[test]
    fn rounding_keeps_seven_decimals() {
        assert_eq!(round7(37.199_353_626_088_82), 37.199_353_6);
        assert_eq!(round7(-0.000_000_01), 0.0);
        assert_eq!(
            serde_json::to_string(&round7(36.217_282_626_844_17))
                .ok()
                .as_deref(),
            Some("36.2172826")
        );
    }
}
