//! A user's own gazetteer: CSV with a header, or GeoJSON points. Read for `--gazetteer`, and
//! validated by `athar gazetteer check`, which reports every problem with its line or feature.

use super::{Place, PlaceKind};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// One problem in a user's gazetteer: where (1-based line, or feature number) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: String,
    pub message: String,
}

fn col(headers: &[String], names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

struct RawRow {
    location: String,
    id: Option<String>,
    name_ar: Option<String>,
    name_en: Option<String>,
    variants_ar: Vec<String>,
    kind: Option<String>,
    country: Option<String>,
    parent: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    population: Option<String>,
}

fn split_variants(s: &str) -> Vec<String> {
    s.split(['|', ';'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn read_csv_rows(path: &Path, text: &str) -> Result<Vec<RawRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::input(path, Some(1), format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let lat_c = col(&headers, &["lat", "latitude", "y"]);
    let lon_c = col(&headers, &["lon", "lng", "long", "longitude", "x"]);
    let name_c = col(&headers, &["name_ar", "name", "arabic", "الاسم"]);
    if lat_c.is_none() || lon_c.is_none() || name_c.is_none() {
        return Err(Error::input(
            path,
            Some(1),
            format!(
                "the header must name at least a name column (name_ar or name), lat and lon; found: {}",
                headers.join(",")
            ),
        ));
    }
    let id_c = col(&headers, &["id"]);
    let en_c = col(&headers, &["name_en", "latin", "english"]);
    let var_c = col(&headers, &["variants_ar", "variants", "aliases"]);
    let kind_c = col(&headers, &["kind", "type"]);
    let country_c = col(&headers, &["country", "country_code", "cc"]);
    let parent_c = col(&headers, &["parent"]);
    let pop_c = col(&headers, &["population", "pop"]);
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Error::input(path, line, format!("malformed CSV: {e}"))
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |c: Option<usize>| {
            c.and_then(|i| rec.get(i))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        rows.push(RawRow {
            location: format!("{}:{line}", path.display()),
            id: get(id_c),
            name_ar: get(name_c),
            name_en: get(en_c),
            variants_ar: get(var_c).map(|v| split_variants(&v)).unwrap_or_default(),
            kind: get(kind_c),
            country: get(country_c),
            parent: get(parent_c),
            lat: get(lat_c),
            lon: get(lon_c),
            population: get(pop_c),
        });
    }
    Ok(rows)
}

fn read_geojson_rows(path: &Path, text: &str) -> Result<Vec<RawRow>> {
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::input(path, Some(e.line()), format!("not valid JSON: {e}")))?;
    let feats = v
        .get("features")
        .and_then(|f| f.as_array())
        .ok_or_else(|| Error::input(path, None, "not a GeoJSON FeatureCollection"))?;
    let mut rows = Vec::new();
    for (i, f) in feats.iter().enumerate() {
        let props = f.get("properties").cloned().unwrap_or_default();
        let s = |k: &[&str]| -> Option<String> {
            k.iter().find_map(|k| {
                props.get(*k).and_then(|x| match x {
                    serde_json::Value::String(s) if !s.trim().is_empty() => {
                        Some(s.trim().to_string())
                    }
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
            })
        };
        let geom = f.get("geometry");
        let gtype = geom.and_then(|g| g.get("type")).and_then(|t| t.as_str());
        let coords = geom
            .and_then(|g| g.get("coordinates"))
            .and_then(|c| c.as_array());
        let (lon, lat) = match (gtype, coords) {
            (Some("Point"), Some(c)) if c.len() >= 2 => (
                c[0].as_f64().map(|x| x.to_string()).or(Some("NaN".into())),
                c[1].as_f64().map(|x| x.to_string()).or(Some("NaN".into())),
            ),
            (Some(t), _) if t != "Point" => (Some(format!("geometry:{t}")), Some(String::new())),
            _ => (None, None),
        };
        rows.push(RawRow {
            location: format!("{}: feature {}", path.display(), i + 1),
            id: s(&["id"]).or_else(|| f.get("id").and_then(|x| x.as_str()).map(String::from)),
            name_ar: s(&["name_ar", "name"]),
            name_en: s(&["name_en"]),
            variants_ar: s(&["variants_ar", "variants"])
                .map(|v| split_variants(&v))
                .unwrap_or_default(),
            kind: s(&["kind", "type"]),
            country: s(&["country"]),
            parent: s(&["parent"]),
            lat,
            lon,
            population: s(&["population"]),
        });
    }
    Ok(rows)
}

fn read_rows(path: &Path) -> Result<Vec<RawRow>> {
    let bytes = std::fs::read(path).map_err(|e| Error::input(path, None, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(path, Some(line), "not valid UTF-8 (save the file as UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(Error::input(path, None, "the file is empty"));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "geojson" || ext == "json" || text.trim_start().starts_with('{') {
        read_geojson_rows(path, &text)
    } else {
        read_csv_rows(path, &text)
    }
}

/// Validate one row; push problems; return the place when it is usable.
fn validate(row: &RawRow, n: usize, problems: &mut Vec<Problem>) -> Option<Place> {
    let mut bad = |m: String| {
        problems.push(Problem {
            location: row.location.clone(),
            message: m,
        })
    };
    let before = n;
    let _ = before;
    let mut ok = true;
    let name = match &row.name_ar {
        Some(n) => n.clone(),
        None => {
            bad("missing name".into());
            ok = false;
            String::new()
        }
    };
    if let Some(g) = row.lon.as_deref().and_then(|l| l.strip_prefix("geometry:")) {
        bad(format!("geometry is {g}, expected Point"));
        return None;
    }
    let lat = row.lat.as_deref().map(|s| s.parse::<f64>());
    let lon = row.lon.as_deref().map(|s| s.parse::<f64>());
    let (lat, lon) = match (lat, lon) {
        (Some(Ok(a)), Some(Ok(o))) if a.is_finite() && o.is_finite() => (a, o),
        (None, _) | (_, None) => {
            bad("missing coordinates (lat and lon)".into());
            return None;
        }
        _ => {
            bad(format!(
                "coordinates are not numbers: lat {:?}, lon {:?}",
                row.lat.as_deref().unwrap_or(""),
                row.lon.as_deref().unwrap_or("")
            ));
            return None;
        }
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
            bad(format!(
                "latitude {lat} is out of range; lat and lon look swapped (lon {lon} would be a valid latitude)"
            ));
        } else {
            bad(format!("coordinates out of range: lat {lat}, lon {lon}"));
        }
        return None;
    }
    // In the Middle East, latitudes are 12–42 and longitudes 25–63: a row with lat in the
    // longitude band and lon in the latitude band is almost surely swapped.
    if (25.0..=63.0).contains(&lat) && (12.0..=42.0).contains(&lon) && lat > lon + 5.0 {
        let country = row.country.as_deref().unwrap_or("");
        if matches!(
            country,
            "SY" | "IQ" | "LB" | "JO" | "PS" | "YE" | "SA" | "" | "IL" | "TR"
        ) && lat > 42.0
        {
            bad(format!(
                "lat {lat} / lon {lon} look swapped for the Middle East (lat should be the smaller number here)"
            ));
            return None;
        }
    }
    let kind = match row.kind.as_deref() {
        None => PlaceKind::Village,
        Some(k) => match k.parse::<PlaceKind>() {
            Ok(k) => k,
            Err(e) => {
                bad(e);
                ok = false;
                PlaceKind::Village
            }
        },
    };
    let population = match row.population.as_deref() {
        None => None,
        Some(p) => match p.parse::<u64>() {
            Ok(v) => Some(v),
            Err(_) => {
                bad(format!("population {p:?} is not a whole number"));
                None
            }
        },
    };
    if !ok {
        return None;
    }
    let id = row.id.clone().unwrap_or_else(|| format!("USER:{}", n + 1));
    Some(Place {
        id: id.into(),
        kind,
        country: row
            .country
            .clone()
            .unwrap_or_default()
            .to_ascii_uppercase()
            .into(),
        parent: row.parent.clone().unwrap_or_default().into(),
        name_ar: name.into(),
        name_en: row.name_en.clone().unwrap_or_default().into(),
        variants_ar: row.variants_ar.iter().map(|v| v.clone().into()).collect(),
        variants_en: vec![],
        lat,
        lon,
        population,
        source: "user".into(),
    })
}

/// Check a user's gazetteer: every problem, with its line or feature number.
pub fn check_file(path: &Path) -> Result<(Vec<Place>, Vec<Problem>)> {
    let rows = read_rows(path)?;
    let mut problems = Vec::new();
    let mut places = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for (n, row) in rows.iter().enumerate() {
        if let Some(id) = &row.id {
            if let Some(first) = ids.get(id) {
                problems.push(Problem {
                    location: row.location.clone(),
                    message: format!("duplicate id {id:?} (first at {first})"),
                });
                continue;
            }
            ids.insert(id.clone(), row.location.clone());
        }
        if let Some(p) = validate(row, n, &mut problems) {
            places.push(p);
        }
    }
    if rows.is_empty() {
        problems.push(Problem {
            location: path.display().to_string(),
            message: "no places in the file".into(),
        });
    }
    Ok((places, problems))
}

/// Read a user's gazetteer for `--gazetteer`: any problem is an error naming every bad line.
pub fn read_user_places(path: &Path) -> Result<Vec<Place>> {
    let (places, problems) = check_file(path)?;
    if problems.is_empty() {
        Ok(places)
    } else {
        Err(Error::Many(
            problems
                .iter()
                .map(|p| format!("{}: {}", p.location, p.message))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::File::create(&p)
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        p
    }

    #[test]
    fn problems_table() {
        let dir = tempfile::tempdir().unwrap();
        let rows: &[(&str, &str)] = &[
            ("id,name_ar,lat,lon\n1,,36.2,37.1\n", "missing name"),
            ("id,name_ar,lat,lon\n1,حي,37.1,200\n", "out of range"),
            ("id,name_ar,lat,lon\n1,حي,137.1,36.2\n", "swapped"),
            ("id,name_ar,lat,lon\n1,حي,x,36.2\n", "not numbers"),
            ("id,name_ar,lat,lon\n1,حي,NaN,36.2\n", "not numbers"),
            (
                "id,name_ar,lat,lon,kind\n1,حي,36.2,37.1,palace\n",
                "unknown kind",
            ),
            (
                "id,name_ar,lat,lon\n1,حي,36.2,37.1\n1,حي2,36.3,37.1\n",
                "duplicate id",
            ),
            ("id,name_ar,lat,lon\n1,حي,,\n", "missing coordinates"),
        ];
        for (i, (body, want)) in rows.iter().enumerate() {
            let p = write(dir.path(), &format!("g{i}.csv"), body);
            let (_, problems) = check_file(&p).unwrap();
            assert!(
                problems.iter().any(|x| x.message.contains(want)),
                "{body:?}: {problems:?}"
            );
            assert!(problems[0].location.contains(":2") || problems[0].location.contains(":3"));
        }
    }

    #[test]
    fn missing_header_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "g.csv", "a,b\n1,2\n");
        let e = check_file(&p).err().unwrap().to_string();
        assert!(e.contains(":1:") && e.contains("header"), "{e}");
    }

    #[test]
    fn geojson_points() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "g.geojson",
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"u1","name":"حي التجربة"},"geometry":{"type":"Point","coordinates":[37.1,36.2]}},
              {"type":"Feature","properties":{"id":"u2","name":"خط"},"geometry":{"type":"LineString","coordinates":[[37.1,36.2],[37.2,36.3]]}}]}"#,
        );
        let (places, problems) = check_file(&p).unwrap();
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].lat, 36.2);
        assert!(problems[0].location.ends_with("feature 2"));
        assert!(problems[0].message.contains("LineString"));
    }
}
