//! Layer writers through the library API: every written layer is read back (GeoJSON with the
//! geojson crate, the text sequence record by record, CSV with the csv crate, GeoPackage with
//! SQL) and checked for geometry types, property types, counts and Arabic text; then GDAL's
//! `ogrinfo` and headless PyQGIS must open every file (a missing tool fails these tests).

use athar::cluster::Cluster;
use athar::incident::{Claim, Incident, PlaceRecord, Qualifier};
use athar::layers::{
    write_layers, Format, GeometryType, Layer, LayerSet, NeighbourhoodPolygon, Value,
};
use geo::{polygon, MultiPolygon};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const LAYERS: [&str; 5] = [
    "incidents",
    "clusters",
    "cluster_hulls",
    "places",
    "neighbourhoods",
];

fn claim(value: Option<u64>, q: Qualifier, source: &str, text: &str) -> Claim {
    Claim {
        value,
        qualifier: q,
        source: source.into(),
        text: text.into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn incident(
    id: &str,
    place_id: &str,
    kind: &str,
    name: &str,
    lon: f64,
    lat: f64,
    event: &str,
    date: Option<&str>,
    killed: Option<u64>,
    cluster: Option<i64>,
) -> Incident {
    Incident {
        id: id.into(),
        doc: id.split('-').next().unwrap_or(id).into(),
        place_mention: format!("حي {name}"),
        place_name: name.into(),
        place_name_en: format!("en-{place_id}"),
        place_id: place_id.into(),
        place_kind: kind.into(),
        admin1: Some("حلب".into()),
        admin2: None,
        country: "Syria".into(),
        lon,
        lat,
        geo_precision: 1,
        event_type: event.into(),
        sub_event_type: "Air/drone strike".into(),
        weapon: None,
        target: None,
        actor1: None,
        actor1_norm: None,
        date: date.map(Into::into),
        date_text: date.map(|_| "صباح اليوم".into()),
        time_precision: 1,
        killed,
        killed_low: killed,
        killed_high: killed,
        killed_claims: killed
            .map(|k| {
                vec![claim(
                    Some(k),
                    Qualifier::Exact,
                    "المرصد السوري لحقوق الإنسان",
                    &format!("{k} قتلى"),
                )]
            })
            .unwrap_or_default(),
        wounded: None,
        wounded_low: None,
        wounded_high: None,
        wounded_claims: vec![],
        casualty_scope: "place".into(),
        mention_start: 10,
        mention_end: 17,
        snippet: format!("غارة جوية على \"{name}\"، وسقوط ضحايا"),
        reason: "cue:غارة".into(),
        confidence: 0.9,
        sources: 1,
        cluster_id: cluster,
    }
}

/// Six incidents (one without coordinates), three place records, two clusters (plus a noise
/// entry that must not become a cluster) and two neighbourhoods, one a two-part MultiPolygon.
fn fixture() -> (
    Vec<Incident>,
    Vec<PlaceRecord>,
    Vec<Cluster>,
    Vec<NeighbourhoodPolygon>,
) {
    let mut inc = vec![
        incident(
            "d1-1",
            "nb-sakhour",
            "neighbourhood",
            "الصاخور",
            37.185,
            36.215,
            "airstrike",
            Some("2016-09-24"),
            Some(5),
            Some(0),
        ),
        incident(
            "d1-2",
            "site-x",
            "site",
            "مشفى القدس",
            37.195,
            36.215,
            "barrel_bomb",
            Some("2016-09-25"),
            Some(3),
            Some(0),
        ),
        // A city's centre inside a neighbourhood outline: must not be counted there.
        incident(
            "d2-1",
            "city-aleppo",
            "city",
            "حلب",
            37.1953,
            36.2152,
            "shelling",
            None,
            None,
            Some(-1),
        ),
        // Outside every outline but the neighbourhood's own id: counted by id.
        incident(
            "d2-2",
            "nb-hanano",
            "neighbourhood",
            "هنانو",
            37.3,
            36.3,
            "shelling",
            Some("2016-10-01"),
            Some(10),
            Some(1),
        ),
        incident(
            "d3-1",
            "village-y",
            "village",
            "عندان",
            36.9,
            36.5,
            "unspecified_attack",
            Some("2016-10-02"),
            Some(0),
            Some(1),
        ),
        incident(
            "d3-2",
            "nowhere",
            "site",
            "مكان",
            f64::NAN,
            36.5,
            "car_bomb",
            Some("2016-10-03"),
            None,
            None,
        ),
    ];
    // Every field non-null somewhere, so readers can infer every type.
    let i = &mut inc[0];
    i.admin2 = Some("جبل سمعان".into());
    i.weapon = Some("براميل متفجرة".into());
    i.target = Some("residential".into());
    i.actor1 = Some("الطيران الروسي".into());
    i.actor1_norm = Some("Russian aviation".into());
    i.wounded = Some(12);
    i.wounded_low = Some(12);
    i.wounded_high = Some(20);
    i.wounded_claims = vec![
        claim(
            Some(12),
            Qualifier::AtLeast,
            "الدفاع المدني",
            "12 جريحاً على الأقل",
        ),
        claim(None, Qualifier::Vague, "text", "العشرات"),
    ];
    i.sources = 2;
    let place = |doc: &str, name: &str, id: &str, lon: f64, lat: f64, role: &str| PlaceRecord {
        doc: doc.into(),
        place_mention: name.into(),
        place_name: name.into(),
        place_name_en: format!("en-{id}"),
        place_id: id.into(),
        place_kind: "neighbourhood".into(),
        country: "Syria".into(),
        lon,
        lat,
        role: role.into(),
        reason: "cue".into(),
        confidence: 0.75,
        mention_start: 3,
        mention_end: 9,
        snippet: format!("قصف على {name}"),
    };
    let places = vec![
        place("d1", "الصاخور", "nb-sakhour", 37.185, 36.215, "incident"),
        place("d1", "حلب", "city-aleppo", 37.16, 36.2, "region_context"),
        place(
            "d2",
            "الراموسة",
            "nb-ramousa",
            37.13,
            36.17,
            "origin_of_fire",
        ),
    ];
    let clusters = vec![
        Cluster {
            id: 1,
            members: vec![3, 4],
            lon: 37.1,
            lat: 36.4,
            radius_m: 22_345.678,
            hull: vec![(37.3, 36.3), (36.9, 36.5), (37.0, 36.3), (37.3, 36.3)],
            first_t: Some(17075.0),
            last_t: Some(17076.0),
        },
        Cluster {
            id: 0,
            members: vec![0, 1],
            lon: 37.19,
            lat: 36.215,
            radius_m: 448.0,
            // Clockwise on purpose: the writer must orient it counter-clockwise.
            hull: vec![
                (37.185, 36.215),
                (37.19, 36.22),
                (37.195, 36.215),
                (37.19, 36.21),
                (37.185, 36.215),
            ],
            first_t: Some(17068.0),
            last_t: Some(17069.0),
        },
        Cluster {
            id: -1,
            members: vec![2],
            lon: 37.1953,
            lat: 36.2152,
            radius_m: 0.0,
            hull: vec![],
            first_t: None,
            last_t: None,
        },
    ];
    let polys = vec![
        NeighbourhoodPolygon {
            place_id: "nb-sakhour".into(),
            name_ar: "الصاخور".into(),
            name_en: "al-Sakhour".into(),
            polygon: MultiPolygon::new(vec![polygon![
                (x: 37.18, y: 36.21),
                (x: 37.19, y: 36.21),
                (x: 37.19, y: 36.22),
                (x: 37.18, y: 36.22),
                (x: 37.18, y: 36.21),
            ]]),
        },
        NeighbourhoodPolygon {
            place_id: "nb-hanano".into(),
            name_ar: "هنانو".into(),
            name_en: "Hanano".into(),
            polygon: MultiPolygon::new(vec![
                polygon![
                    (x: 37.19, y: 36.21),
                    (x: 37.20, y: 36.21),
                    (x: 37.20, y: 36.22),
                    (x: 37.19, y: 36.22),
                ],
                polygon![
                    (x: 37.21, y: 36.21),
                    (x: 37.22, y: 36.21),
                    (x: 37.22, y: 36.22),
                ],
            ]),
        },
    ];
    (inc, places, clusters, polys)
}

fn layer_set() -> LayerSet {
    let (inc, places, clusters, polys) = fixture();
    match LayerSet::build(&inc, &places, &clusters, &polys) {
        Ok(s) => s,
        Err(e) => panic!("building layers: {e}"),
    }
}

/// Expected features per layer.
fn expected_counts() -> BTreeMap<&'static str, usize> {
    [
        ("incidents", 6),
        ("clusters", 2),
        ("cluster_hulls", 2),
        ("places", 3),
        ("neighbourhoods", 2),
    ]
    .into_iter()
    .collect()
}

fn write_all(dir: &Path) -> (LayerSet, Vec<PathBuf>) {
    let set = layer_set();
    let files = write_layers(dir, &set, &Format::ALL).unwrap_or_else(|e| panic!("{e}"));
    (set, files)
}

fn layer<'a>(set: &'a LayerSet, name: &str) -> &'a Layer {
    match name {
        "incidents" => &set.incidents,
        "clusters" => &set.clusters,
        "cluster_hulls" => &set.cluster_hulls,
        "places" => &set.places,
        _ => &set.neighbourhoods,
    }
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => "int",
        serde_json::Value::Number(_) => "real",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

fn all_coords(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.extend(n.as_f64()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| all_coords(x, out)),
        _ => {}
    }
}

#[test]
fn write_layers_writes_every_layer_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (_, files) = write_all(dir.path());
    let mut names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = LAYERS
        .iter()
        .flat_map(|l| ["geojson", "geojsons", "csv", "csvt", "qml"].map(|e| format!("{l}.{e}")))
        .chain(["athar.gpkg".to_string()])
        .collect();
    want.sort();
    assert_eq!(names, want);
    let mut on_disk: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, want, "staging or temp files left behind");
}

#[test]
fn geojson_round_trip_types_counts_and_arabic() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = write_all(dir.path());
    for (name, n) in expected_counts() {
        let text = fs::read_to_string(dir.path().join(format!("{name}.geojson"))).unwrap();
        let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(raw.get("crs").is_none(), "{name}: RFC 7946 has no crs");
        let fc: geojson::FeatureCollection = text.parse().unwrap();
        assert_eq!(fc.features.len(), n, "{name}");
        let want_geom = layer(&set, name).geometry_type.as_str();
        let mut prop_types: BTreeMap<String, &str> = BTreeMap::new();
        for f in &fc.features {
            if let Some(g) = &f.geometry {
                assert_eq!(g.value.type_name(), want_geom, "{name}: one geometry type");
            }
            let props = f.properties.as_ref().unwrap();
            let keys: Vec<&String> = props.keys().collect();
            let fields: Vec<&String> = layer(&set, name).fields.iter().map(|f| &f.name).collect();
            let mut sorted_fields = fields.clone();
            sorted_fields.sort();
            assert_eq!(keys, sorted_fields, "{name}: every field in every feature");
            for (k, v) in props {
                let t = json_type(v);
                if t == "null" {
                    continue;
                }
                let prev = prop_types.entry(k.clone()).or_insert(t);
                assert_eq!(*prev, t, "{name}.{k}: one JSON type per property");
            }
        }
        // At most 7 decimals in coordinates.
        for f in raw["features"].as_array().unwrap() {
            let mut cs = Vec::new();
            all_coords(&f["geometry"]["coordinates"], &mut cs);
            for c in cs {
                let scaled = c * 1e7;
                assert!((scaled - scaled.round()).abs() < 1e-3, "{name}: {c}");
                assert!((-180.0..=180.0).contains(&c));
            }
        }
    }
    // Typed values and Arabic survive.
    let text = fs::read_to_string(dir.path().join("incidents.geojson")).unwrap();
    let fc: geojson::FeatureCollection = text.parse().unwrap();
    let p0 = fc.features[0].properties.as_ref().unwrap();
    assert_eq!(p0["place_name"], "الصاخور");
    assert_eq!(p0["snippet"], "غارة جوية على \"الصاخور\"، وسقوط ضحايا");
    assert_eq!(p0["date"], "2016-09-24");
    assert_eq!(p0["killed"], 5);
    assert_eq!(p0["cluster_id"], 0);
    assert_eq!(p0["sources"], 2);
    let claims: serde_json::Value =
        serde_json::from_str(p0["wounded_claims"].as_str().unwrap()).unwrap();
    assert_eq!(claims[0]["source"], "الدفاع المدني");
    assert_eq!(claims[0]["qualifier"], "at_least");
    assert!(
        fc.features[5].geometry.is_none(),
        "NaN coordinates → null geometry"
    );
    assert!(
        p0["admin2"].is_string() && fc.features[1].properties.as_ref().unwrap()["admin2"].is_null()
    );
    // The clockwise hull comes out counter-clockwise (RFC 7946 right-hand rule).
    let hulls: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("cluster_hulls.geojson")).unwrap(),
    )
    .unwrap();
    let ring = hulls["features"][0]["geometry"]["coordinates"][0]
        .as_array()
        .unwrap();
    let pts: Vec<(f64, f64)> = ring
        .iter()
        .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
        .collect();
    let area2: f64 = pts
        .windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum();
    assert!(area2 > 0.0, "exterior ring must be counter-clockwise");
    assert_eq!(pts.first(), pts.last(), "ring closed");
}

#[test]
fn geojson_seq_is_rs_json_lf_per_feature() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = write_all(dir.path());
    for (name, n) in expected_counts() {
        let bytes = fs::read(dir.path().join(format!("{name}.geojsons"))).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{1e}'), "{name}: starts with RS");
        let records: Vec<&str> = text.split('\u{1e}').skip(1).collect();
        assert_eq!(records.len(), n, "{name}");
        for r in &records {
            assert!(
                r.ends_with('\n') && !r[..r.len() - 1].contains('\n'),
                "{name}: one LF"
            );
            let f: geojson::Feature = r.trim_end().parse().unwrap();
            if let Some(g) = &f.geometry {
                assert_eq!(
                    g.value.type_name(),
                    layer(&set, name).geometry_type.as_str()
                );
            }
        }
    }
    // Same features as the FeatureCollection, in the same order.
    let seq = fs::read_to_string(dir.path().join("incidents.geojsons")).unwrap();
    let fc: geojson::FeatureCollection = fs::read_to_string(dir.path().join("incidents.geojson"))
        .unwrap()
        .parse()
        .unwrap();
    for (r, f) in seq.split('\u{1e}').skip(1).zip(&fc.features) {
        let g: geojson::Feature = r.trim_end().parse().unwrap();
        assert_eq!(&g, f);
    }
}

#[test]
fn csv_has_acled_columns_types_and_arabic() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = write_all(dir.path());
    let mut rdr = csv::Reader::from_path(dir.path().join("incidents.csv")).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let acled = [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ];
    assert_eq!(&headers[..acled.len()], acled);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let r0 = &rows[0];
    assert_eq!(&r0[col("event_id_cnty")], "d1-1");
    assert_eq!(&r0[col("event_date")], "2016-09-24");
    assert_eq!(&r0[col("year")], "2016");
    assert_eq!(&r0[col("event_type")], "Explosions/Remote violence");
    assert_eq!(&r0[col("athar_event_type")], "airstrike");
    assert_eq!(&r0[col("location")], "en-nb-sakhour");
    assert_eq!(&r0[col("place_name")], "الصاخور");
    assert_eq!(&r0[col("notes")], "غارة جوية على \"الصاخور\"، وسقوط ضحايا");
    assert_eq!(
        &r0[col("source")],
        "الدفاع المدني; المرصد السوري لحقوق الإنسان"
    );
    assert_eq!(&r0[col("fatalities")], "5");
    assert_eq!(&r0[col("actor1")], "Russian aviation");
    assert_eq!(r0[col("latitude")].parse::<f64>().unwrap(), 36.215);
    // Unknown fatalities stay empty (not 0); known zero stays 0.
    assert_eq!(&rows[2][col("fatalities")], "");
    assert_eq!(&rows[4][col("fatalities")], "0");
    // Every Int column parses as an integer wherever it is filled.
    for (k, f) in set.incidents_acled.fields.iter().enumerate() {
        assert_eq!(headers[k], f.name);
        for r in &rows {
            let cell = &r[k];
            if cell.is_empty() {
                continue;
            }
            match f.ty {
                athar::layers::FieldType::Int => assert!(cell.parse::<i64>().is_ok(), "{cell}"),
                athar::layers::FieldType::Real => assert!(cell.parse::<f64>().is_ok(), "{cell}"),
                athar::layers::FieldType::Date => assert_eq!(cell.len(), 10, "{cell}"),
                athar::layers::FieldType::Text => {}
            }
        }
    }
    // .csvt: one GDAL type per column.
    let csvt = fs::read_to_string(dir.path().join("incidents.csvt")).unwrap();
    assert_eq!(csvt.trim().split(',').count(), headers.len());
    assert!(csvt.starts_with("\"String\",\"Date\",\"Integer64\""));
    // Polygon layers carry WKT first; point layers without lon/lat fields get them appended.
    let mut r = csv::Reader::from_path(dir.path().join("neighbourhoods.csv")).unwrap();
    assert_eq!(&r.headers().unwrap()[0], "WKT");
    let first = r.records().next().unwrap().unwrap();
    assert!(first[0].starts_with("MULTIPOLYGON ((("), "{}", &first[0]);
    for name in LAYERS {
        let n = csv::Reader::from_path(dir.path().join(format!("{name}.csv")))
            .unwrap()
            .records()
            .count();
        assert_eq!(n, expected_counts()[name], "{name}.csv");
    }
}

#[test]
fn geopackage_tables_geometry_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = write_all(dir.path());
    let db = rusqlite::Connection::open(dir.path().join("athar.gpkg")).unwrap();
    let app: i64 = db
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, 0x4750_4B47, "application_id 'GPKG'");
    let uv: i64 = db
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(uv, 10300);
    let ok: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 = db
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    let srs: Vec<i64> = db
        .prepare("SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(srs, vec![-1, 0, 4326]);
    let org: (String, i64) = db
        .query_row(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 4326",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(org, ("EPSG".to_string(), 4326));
    for (name, n) in expected_counts() {
        let (dt, srs, minx, maxx): (String, i64, f64, f64) = db
            .query_row(
                "SELECT data_type, srs_id, min_x, max_x FROM gpkg_contents WHERE table_name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!((dt.as_str(), srs), ("features", 4326), "{name}");
        assert!(minx <= maxx && minx >= -180.0 && maxx <= 180.0);
        let (col, gtype, gsrs): (String, String, i64) = db
            .query_row(
                "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let l = layer(&set, name);
        assert_eq!(col, "geom");
        assert_eq!(gtype, l.geometry_type.as_str().to_uppercase());
        assert_eq!(gsrs, 4326);
        let count: i64 = db
            .query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(count as usize, n, "{name}");
        // R-tree spatial index: one entry per located feature, declared as an extension.
        let (indexed, located): (i64, i64) = db
            .query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM \"rtree_{name}_geom\"), \
                     (SELECT count(*) FROM \"{name}\" WHERE geom IS NOT NULL)"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(indexed, located, "{name}: rtree entries");
        let ext: i64 = db
            .query_row(
                "SELECT count(*) FROM gpkg_extensions WHERE table_name = ?1 AND column_name = 'geom' \
                 AND extension_name = 'gpkg_rtree_index' AND scope = 'write-only'",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(ext, 1, "{name}: gpkg_rtree_index extension row");
        // Declared column types follow the layer's field types.
        let cols: BTreeMap<String, String> = db
            .prepare(&format!(
                "SELECT name, type FROM pragma_table_info('{name}')"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for f in &l.fields {
            let want = match f.ty {
                athar::layers::FieldType::Int => "INTEGER",
                athar::layers::FieldType::Real => "REAL",
                athar::layers::FieldType::Text => "TEXT",
                athar::layers::FieldType::Date => "DATE",
            };
            assert_eq!(cols[&f.name], want, "{name}.{}", f.name);
        }
        // Standard GeoPackage binary: 'GP', version 0, srs 4326, then WKB of the layer's type.
        let blobs: Vec<Option<Vec<u8>>> = db
            .prepare(&format!("SELECT geom FROM \"{name}\" ORDER BY fid"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for b in blobs.iter().flatten() {
            assert_eq!(&b[..3], b"GP\0");
            assert_eq!(i32::from_le_bytes(b[4..8].try_into().unwrap()), 4326);
            let env = match (b[3] >> 1) & 0b111 {
                0 => 0,
                1 => 32,
                e => panic!("envelope code {e}"),
            };
            let wkb = &b[8 + env..];
            assert_eq!(wkb[0], 1, "little-endian WKB");
            let t = u32::from_le_bytes(wkb[1..5].try_into().unwrap());
            let want = match l.geometry_type {
                GeometryType::Point => 1,
                GeometryType::Polygon => 3,
                GeometryType::MultiPolygon => 6,
            };
            assert_eq!(t, want, "{name}");
        }
    }
    // Point geometry decodes to the incident's coordinates; Arabic and dates survive.
    let (geom, place, date, killed): (Vec<u8>, String, String, i64) = db
        .query_row(
            "SELECT geom, place_name, date, killed FROM incidents WHERE id = 'd1-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let x = f64::from_le_bytes(geom[13..21].try_into().unwrap());
    let y = f64::from_le_bytes(geom[21..29].try_into().unwrap());
    assert_eq!((x, y), (37.185, 36.215));
    assert_eq!(
        (place.as_str(), date.as_str(), killed),
        ("الصاخور", "2016-09-24", 5)
    );
    let hit: i64 = db
        .query_row(
            "SELECT r.id FROM rtree_incidents_geom r JOIN incidents i ON i.fid = r.id \
             WHERE i.id = 'd1-1' AND r.minx <= 37.185 AND r.maxx >= 37.185 \
             AND r.miny <= 36.215 AND r.maxy >= 36.215",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hit > 0);
    let null_geoms: i64 = db
        .query_row(
            "SELECT count(*) FROM incidents WHERE geom IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(null_geoms, 1);
    // Each layer's default style is embedded for QGIS.
    let styles: Vec<String> = db
        .prepare("SELECT f_table_name FROM layer_styles WHERE useAsDefault ORDER BY f_table_name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut want: Vec<&str> = LAYERS.to_vec();
    want.sort();
    assert_eq!(styles, want);
}

#[test]
fn cluster_and_neighbourhood_totals() {
    let set = layer_set();
    let get = |l: &Layer, row: usize, field: &str| -> Value {
        l.features[row].values[l.field_index(field).unwrap()].clone()
    };
    let d = |s: &str| Value::Date(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    // Clusters ordered by id, noise left out.
    let c = &set.clusters;
    assert_eq!(c.features.len(), 2);
    let rows: Vec<(&str, Vec<Value>)> = vec![
        ("cluster_id", vec![Value::Int(0), Value::Int(1)]),
        ("incidents", vec![Value::Int(2), Value::Int(2)]),
        ("killed", vec![Value::Int(8), Value::Int(10)]),
        ("first_date", vec![d("2016-09-24"), d("2016-10-01")]),
        ("last_date", vec![d("2016-09-25"), d("2016-10-02")]),
        (
            "event_types",
            vec![
                Value::text("airstrike; barrel_bomb"),
                Value::text("shelling; unspecified_attack"),
            ],
        ),
        (
            "places",
            vec![
                Value::text("الصاخور; مشفى القدس"),
                Value::text("عندان; هنانو"),
            ],
        ),
        ("radius_m", vec![Value::Real(448.0), Value::Real(22345.7)]),
    ];
    for (field, want) in &rows {
        for (k, w) in want.iter().enumerate() {
            assert_eq!(&get(c, k, field), w, "clusters[{k}].{field}");
            if field != &"radius_m" || k == 0 {
                assert_eq!(&get(&set.cluster_hulls, k, field), w, "hulls[{k}].{field}");
            }
        }
    }
    // Neighbourhoods sorted by place_id: nb-hanano, nb-sakhour.
    let n = &set.neighbourhoods;
    let table: Vec<(&str, usize, Value)> = vec![
        ("place_id", 0, Value::text("nb-hanano")),
        ("incidents", 0, Value::Int(2)), // the site inside + the id match; not the city centre
        ("killed", 0, Value::Int(13)),
        ("first_date", 0, d("2016-09-25")),
        ("last_date", 0, d("2016-10-01")),
        ("place_id", 1, Value::text("nb-sakhour")),
        ("incidents", 1, Value::Int(1)),
        ("killed", 1, Value::Int(5)),
        ("first_date", 1, d("2016-09-24")),
    ];
    for (field, row, want) in table {
        assert_eq!(get(n, row, field), want, "neighbourhoods[{row}].{field}");
    }
    // A cluster naming a missing incident is an error, not a panic.
    let (inc, places, mut clusters, polys) = fixture();
    clusters[0].members.push(99);
    let err = LayerSet::build(&inc, &places, &clusters, &polys).unwrap_err();
    assert!(err.to_string().contains("#99"), "{err}");
}

#[test]
fn failed_run_keeps_previous_outputs_and_same_input_gives_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, files) = write_all(dir.path());
    let before: Vec<Vec<u8>> = files.iter().map(|p| fs::read(p).unwrap()).collect();
    // A second identical run: byte-identical files (GeoPackage included).
    let again = write_layers(dir.path(), &layer_set(), &Format::ALL).unwrap();
    assert_eq!(again, files);
    for (p, b) in files.iter().zip(&before) {
        assert_eq!(
            &fs::read(p).unwrap(),
            b,
            "{} changed between runs",
            p.display()
        );
    }
    // A run that fails half-way (the clusters layer breaks its own schema after the incidents
    // layer was written) must leave every earlier file as it was.
    let mut bad = layer_set();
    bad.incidents.features.truncate(1);
    bad.clusters.features[0].values[0] = Value::text("not an int");
    let err = write_layers(dir.path(), &bad, &Format::ALL).unwrap_err();
    assert!(err.to_string().contains("cluster_id"), "{err}");
    for (p, b) in files.iter().zip(&before) {
        assert_eq!(
            &fs::read(p).unwrap(),
            b,
            "{} changed by a failed run",
            p.display()
        );
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        files.len(),
        "leftovers"
    );
}

// ---- external readers: GDAL and QGIS (installed by .ci/install-deps; missing = failure) ----

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{what} could not be started ({e}); run .ci/install-deps (Debian packages gdal-bin, python3-qgis)")
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// (layer name, feature count, geometry) for each layer `ogrinfo -al -so` reports.
fn ogr_summary(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let (mut name, mut geom) = (String::new(), String::new());
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("Layer name: ") {
            name = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("Geometry: ") {
            geom = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("Feature Count: ") {
            out.push((
                name.clone(),
                v.trim().parse().unwrap_or(usize::MAX),
                geom.clone(),
            ));
        }
    }
    out
}

#[test]
fn ogrinfo_reads_every_layer_with_expected_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (set, files) = write_all(dir.path());
    let counts = expected_counts();
    let mut checked = 0;
    for f in &files {
        let ext = f.extension().unwrap().to_string_lossy().into_owned();
        if !["geojson", "geojsons", "csv", "gpkg"].contains(&ext.as_str()) {
            continue;
        }
        let text = run(
            Command::new("ogrinfo")
                .arg("-ro")
                .arg("-al")
                .arg("-so")
                .arg(f),
            &format!("ogrinfo -al -so {}", f.display()),
        );
        let layers = ogr_summary(&text);
        if ext == "gpkg" {
            let mut got: Vec<(String, usize)> =
                layers.iter().map(|(n, c, _)| (n.clone(), *c)).collect();
            got.sort();
            let mut want: Vec<(String, usize)> =
                counts.iter().map(|(n, c)| (n.to_string(), *c)).collect();
            want.push(("layer_styles".into(), 5));
            want.sort();
            assert_eq!(got, want, "{}", f.display());
            for (n, _, g) in &layers {
                if n != "layer_styles" {
                    let want = layer(&set, n).geometry_type.as_str();
                    assert!(
                        g.eq_ignore_ascii_case(want)
                            || g.replace(' ', "").eq_ignore_ascii_case(want),
                        "{n}: {g}"
                    );
                }
            }
        } else {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            assert_eq!(layers.len(), 1, "{}:\n{text}", f.display());
            assert_eq!(
                layers[0].1,
                counts[stem.as_str()],
                "{}:\n{text}",
                f.display()
            );
            // CSV declares no geometry type (GDAL says "Unknown (any)" for a WKT column).
            if ext != "csv" {
                let want = layer(&set, &stem).geometry_type.as_str();
                assert!(
                    layers[0].2.replace(' ', "").eq_ignore_ascii_case(want),
                    "{}: geometry {} not {want}",
                    f.display(),
                    layers[0].2
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn gdal_validate_gpkg_accepts_the_geopackage() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path());
    // GDAL's GeoPackage conformance checker (Debian python3-gdal, pulled in by gdal-bin).
    run(
        Command::new("/usr/bin/python3")
            .args(["-m", "osgeo_utils.samples.validate_gpkg"])
            .arg(dir.path().join("athar.gpkg")),
        "/usr/bin/python3 -m osgeo_utils.samples.validate_gpkg (GDAL)",
    );
    // Without the spatial index: no R-tree tables, no extension rows, still valid.
    let set = layer_set();
    let noidx = dir.path().join("noidx.gpkg");
    athar::layers::write_gpkg_with(&noidx, &set.layers_for(Format::Gpkg), false).unwrap();
    let db = rusqlite::Connection::open(&noidx).unwrap();
    let (rtrees, exts): (i64, i64) = db
        .query_row(
            "SELECT (SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree%'), \
             (SELECT count(*) FROM gpkg_extensions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((rtrees, exts), (0, 0));
    run(
        Command::new("/usr/bin/python3")
            .args(["-m", "osgeo_utils.samples.validate_gpkg"])
            .arg(&noidx),
        "validate_gpkg (no spatial index)",
    );
    // ... and it does reject a file that breaks a requirement.
    let db = rusqlite::Connection::open(dir.path().join("athar.gpkg")).unwrap();
    db.execute_batch("PRAGMA application_id = 0").unwrap();
    drop(db);
    let out = Command::new("/usr/bin/python3")
        .args(["-m", "osgeo_utils.samples.validate_gpkg"])
        .arg(dir.path().join("athar.gpkg"))
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "validator accepted a wrong application_id"
    );
}

#[test]
fn gdal_uses_and_maintains_the_spatial_index() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path());
    let gpkg = dir.path().join("athar.gpkg");
    // A spatial filter around al-Sakhour's outline: only d1-1 lies inside.
    let text = run(
        Command::new("ogrinfo")
            .args(["-ro", "-so", "-spat", "37.18", "36.21", "37.19", "36.22"])
            .arg(&gpkg)
            .arg("incidents"),
        "ogrinfo -spat",
    );
    assert_eq!(ogr_summary(&text)[0].1, 1, "{text}");
    // Editing through GDAL fires the index triggers (they need GDAL's ST_* functions).
    run(
        Command::new("ogrinfo")
            .arg(&gpkg)
            .args(["-sql", "UPDATE incidents SET geom = NULL WHERE id = 'd1-1'"]),
        "ogrinfo -sql UPDATE",
    );
    run(
        Command::new("ogrinfo")
            .arg(&gpkg)
            .args(["-sql", "DELETE FROM incidents WHERE id = 'd1-2'"]),
        "ogrinfo -sql DELETE",
    );
    let db = rusqlite::Connection::open(&gpkg).unwrap();
    let n: i64 = db
        .query_row("SELECT count(*) FROM rtree_incidents_geom", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        n, 3,
        "5 located incidents, one un-located and one deleted through GDAL"
    );
}

/// The expectations `tools/qgis_check.py` checks, per layer file (and GeoPackage layer).
fn qgis_manifest(dir: &Path, set: &LayerSet) -> serde_json::Value {
    let renderer = |name: &str| match name {
        "incidents" | "places" => "categorizedSymbol",
        "clusters" | "neighbourhoods" => "graduatedSymbol",
        _ => "singleSymbol",
    };
    let fields = |l: &Layer| -> serde_json::Value {
        l.fields
            .iter()
            .map(|f| (f.name.clone(), serde_json::Value::from(f.ty.as_str())))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let mut entries = Vec::new();
    for name in LAYERS {
        for ext in ["geojson", "geojsons", "csv"] {
            let l = if ext == "csv" && name == "incidents" {
                &set.incidents_acled
            } else {
                layer(set, name)
            };
            // QGIS's delimited-text reader skips rows without coordinates.
            let count = if ext == "csv" {
                l.features.iter().filter(|f| f.geometry.is_some()).count()
            } else {
                l.features.len()
            };
            entries.push(serde_json::json!({
                "path": dir.join(format!("{name}.{ext}")),
                "layer": name,
                "count": count,
                "geometry": l.geometry_type.as_str(),
                "fields": fields(l),
                "qml": dir.join(format!("{name}.qml")),
                "renderer": renderer(name),
            }));
        }
        let l = layer(set, name);
        entries.push(serde_json::json!({
            "path": dir.join("athar.gpkg"),
            "layer": name,
            "count": l.features.len(),
            "geometry": l.geometry_type.as_str(),
            "fields": fields(l),
            "qml": dir.join(format!("{name}.qml")),
            "renderer": renderer(name),
            "default_renderer": renderer(name),
        }));
    }
    serde_json::Value::Array(entries)
}

#[test]
fn pyqgis_loads_every_layer_typed_in_epsg4326_with_styles() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = write_all(dir.path());
    let manifest = dir.path().join("expect.json");
    let runtime = dir.path().join("xdg-runtime");
    fs::create_dir(&runtime).unwrap();
    fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    fs::write(&manifest, qgis_manifest(dir.path(), &set).to_string()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/qgis_check.py");
    let text = run(
        Command::new("/usr/bin/python3")
            .arg(script)
            .arg("--expect")
            .arg(&manifest)
            .env("QT_QPA_PLATFORM", "offscreen")
            .env("XDG_RUNTIME_DIR", &runtime),
        "/usr/bin/python3 tools/qgis_check.py (PyQGIS)",
    );
    assert!(text.contains("qgis_check: 20 layers ok"), "{text}");
    // The check is not vacuous: a broken style and a wrong count are reported.
    fs::write(dir.path().join("incidents.qml"), "<qgis><renderer-v2").unwrap();
    let mut m = qgis_manifest(dir.path(), &set);
    m[1]["count"] = serde_json::json!(99);
    fs::write(&manifest, m.to_string()).unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .arg("--expect")
        .arg(&manifest)
        .env("QT_QPA_PLATFORM", "offscreen")
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("incidents.geojson:incidents: style incidents.qml does not apply"),
        "{err}"
    );
    assert!(
        err.contains("incidents.geojsons:incidents: 6 features, expected 99"),
        "{err}"
    );
}
