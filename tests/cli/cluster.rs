//! `athar cluster`: inputs, layers read back, bad inputs, and agreement with scikit-learn.

use crate::athar;
use athar::cluster::synth::{synthetic, Kind};
use athar::cluster::{dbscan_detailed, haversine_m, ClusterPoint, DbscanParams};
use geojson::{FeatureCollection, GeoJson, GeometryValue};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const HRW: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/hrw_aleppo_damage_sites.geojson"
);
const PYTHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.venv/bin/python");
const PEERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/peers");

/// Runs `athar cluster` and returns (exit code, stderr).
fn run(args: &[&str]) -> (i32, String) {
    let out = athar()
        .arg("cluster")
        .args(args)
        .output()
        .expect("run athar");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read_fc(path: &Path) -> FeatureCollection {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw: Value = serde_json::from_str(&text).unwrap();
    assert!(
        raw.get("crs").is_none(),
        "{}: RFC 7946 has no crs",
        path.display()
    );
    match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => fc,
        other => panic!("{}: not a FeatureCollection: {other:?}", path.display()),
    }
}

fn assert_7_decimals(xs: &[f64]) {
    for &x in xs {
        assert_eq!((x * 1e7).round() / 1e7, x, "more than 7 decimals: {x}");
    }
}

/// The three layers, checked for geometry types, property types and consistent counts.
/// Returns the cluster_id of every point, in input order.
fn read_layers(dir: &Path, timed: bool) -> Vec<i64> {
    let points = read_fc(&dir.join("points.geojson"));
    let mut ids = Vec::new();
    for f in &points.features {
        match &f.geometry.as_ref().unwrap().value {
            GeometryValue::Point { coordinates } => {
                assert_7_decimals(coordinates.as_slice());
                let c = coordinates.as_slice();
                assert!(c[0].abs() <= 180.0 && c[1].abs() <= 90.0, "lon/lat order");
            }
            g => panic!("points.geojson: {} instead of Point", g.type_name()),
        }
        let id = f.property("cluster_id").and_then(Value::as_i64);
        ids.push(id.expect("integer cluster_id on every point"));
    }
    let n_clusters = ids.iter().max().map_or(0, |m| m + 1);
    let clusters = read_fc(&dir.join("clusters.geojson"));
    assert_eq!(
        clusters.features.len() as i64,
        n_clusters,
        "one centroid per cluster"
    );
    for (k, f) in clusters.features.iter().enumerate() {
        assert!(matches!(
            f.geometry.as_ref().unwrap().value,
            GeometryValue::Point { .. }
        ));
        assert_eq!(
            f.property("cluster_id").and_then(Value::as_i64),
            Some(k as i64)
        );
        let members = ids.iter().filter(|&&l| l == k as i64).count() as u64;
        assert_eq!(f.property("points").and_then(Value::as_u64), Some(members));
        let r = f.property("radius_m").and_then(Value::as_f64);
        assert!(r.is_some_and(|r| r >= 0.0), "radius_m is a number");
        for key in ["first_date", "last_date"] {
            let v = f.property(key);
            if timed {
                let s = v
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("{key} string"));
                assert!(
                    s.len() >= 10 && &s[4..5] == "-" && &s[7..8] == "-",
                    "{key} ISO date: {s}"
                );
            } else {
                assert!(v.is_none(), "{key} without --time-field");
            }
        }
    }
    let hulls = read_fc(&dir.join("cluster_hulls.geojson"));
    assert_eq!(hulls.features.len() as i64, n_clusters);
    for (k, f) in hulls.features.iter().enumerate() {
        match &f.geometry.as_ref().unwrap().value {
            GeometryValue::Polygon { coordinates } => {
                let ring = &coordinates[0];
                assert!(ring.len() >= 4, "a ring has at least 4 positions");
                assert_eq!(ring.first(), ring.last(), "closed ring");
                for p in ring {
                    assert_7_decimals(p.as_slice());
                }
            }
            g => panic!(
                "cluster_hulls.geojson: {} instead of Polygon",
                g.type_name()
            ),
        }
        assert_eq!(
            f.property("cluster_id").and_then(Value::as_i64),
            Some(k as i64)
        );
    }
    ids
}

/// Two blobs in Aleppo (~100 m across, a week apart in time) and one far point.
/// (name, lon, lat, date)
fn sample() -> Vec<(&'static str, f64, f64, &'static str)> {
    vec![
        ("a1", 37.1600, 36.2000, "2016-09-20"),
        ("a2", 37.1610, 36.2005, "2016-09-21"),
        ("a3", 37.1605, 36.2010, "2016-09-22"),
        ("b1", 37.1300, 36.2300, "2016-09-28"),
        ("b2", 37.1309, 36.2306, "2016-09-28"),
        ("b3", 37.1304, 36.2295, "2016-09-29"),
        ("far", 37.3000, 36.1000, ""),
    ]
}

fn as_csv(rows: &[(&str, f64, f64, &str)]) -> String {
    let mut s = String::from("name,Lng,LAT,date\n");
    for (n, x, y, d) in rows {
        writeln!(s, "{n},{x},{y},{d}").unwrap();
    }
    s
}

fn feature_json(n: &str, x: f64, y: f64, d: &str) -> String {
    let date = if d.is_empty() {
        "null".to_string()
    } else {
        format!("\"{d}\"")
    };
    format!(
        r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{x},{y}]}},"properties":{{"name":"{n}","date":{date},"n":1}}}}"#
    )
}

fn as_geojson(rows: &[(&str, f64, f64, &str)]) -> String {
    let fs: Vec<String> = rows
        .iter()
        .map(|r| feature_json(r.0, r.1, r.2, r.3))
        .collect();
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        fs.join(",\n")
    )
}

fn as_seq(rows: &[(&str, f64, f64, &str)], rs: bool) -> String {
    rows.iter()
        .map(|r| {
            let f = feature_json(r.0, r.1, r.2, r.3);
            if rs {
                format!("\u{1e}{f}\n")
            } else {
                format!("{f}\n")
            }
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn every_input_format_gives_the_same_clusters_and_valid_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = sample();
    // (format, file name, content)
    let inputs = [
        ("CSV", "pts.csv", as_csv(&rows)),
        ("GeoJSON", "pts.geojson", as_geojson(&rows)),
        ("GeoJSONSeq (lines)", "pts.geojsons", as_seq(&rows, false)),
        ("GeoJSONSeq (RS)", "pts.seq", as_seq(&rows, true)),
    ];
    // (args, expected labels per row)
    let cases: [(&[&str], [i64; 7]); 3] = [
        (&["--min-points", "3"], [0, 0, 0, 1, 1, 1, -1]),
        // A 2-day window splits nothing here: each blob spans 2 days at most.
        (&["--window-days", "2"], [0, 0, 0, 1, 1, 1, -1]),
        // Same day only: no three points share a day.
        (&["--window-days", "0"], [-1; 7]),
    ];
    for (fmt, name, text) in &inputs {
        let input = write(tmp.path(), name, text);
        for (k, (args, want)) in cases.iter().enumerate() {
            let out = tmp.path().join(format!("out-{name}-{k}"));
            let mut all = vec![
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--time-field",
                "date",
            ];
            all.extend_from_slice(args);
            let (code, err) = run(&all);
            let found = want.iter().any(|&l| l >= 0);
            assert_eq!(code, if found { 0 } else { 1 }, "{fmt} {args:?}: {err}");
            assert_eq!(read_layers(&out, true), want.to_vec(), "{fmt} {args:?}");
            // Every input property survives.
            let pts = read_fc(&out.join("points.geojson"));
            for (f, row) in pts.features.iter().zip(&rows) {
                assert_eq!(
                    f.property("name").and_then(Value::as_str),
                    Some(row.0),
                    "{fmt}"
                );
            }
        }
    }
    // CSV numbers stay numbers; the time span is written as ISO dates.
    let out = tmp.path().join("out-pts.csv-0");
    let pts = read_fc(&out.join("points.geojson"));
    assert!(pts.features[0].property("Lng").is_some_and(Value::is_f64));
    let cl = read_fc(&out.join("clusters.geojson"));
    assert_eq!(
        cl.features[1]
            .property("first_date")
            .and_then(Value::as_str),
        Some("2016-09-28")
    );
    assert_eq!(
        cl.features[1].property("last_date").and_then(Value::as_str),
        Some("2016-09-29")
    );
}

#[test]
fn space_time_window_splits_the_same_place_at_two_times() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("lon,lat,when\n");
    for (k, day) in [
        "2016-01-01",
        "2016-01-02",
        "2016-01-03",
        "2016-03-01",
        "2016-03-02",
        "2016-03-02T12:00:00Z",
    ]
    .iter()
    .enumerate()
    {
        writeln!(csv, "{},36.2,{day}", 37.16 + k as f64 * 0.0002).unwrap();
    }
    let input = write(tmp.path(), "p.csv", &csv);
    // (args, expected labels)
    let cases: [(&[&str], Vec<i64>); 2] = [
        (&[], vec![0; 6]),
        (&["--window-days", "7"], vec![0, 0, 0, 1, 1, 1]),
    ];
    for (args, want) in cases {
        let out = tmp.path().join(format!("o{}", args.len()));
        let mut all = vec![
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--time-field",
            "when",
        ];
        all.extend_from_slice(args);
        let (code, err) = run(&all);
        assert_eq!(code, 0, "{err}");
        assert_eq!(read_layers(&out, true), want, "{args:?}");
        let cl = read_fc(&out.join("clusters.geojson"));
        let last = cl.features.last().unwrap();
        assert_eq!(
            last.property("last_date").and_then(Value::as_str),
            Some("2016-03-02T12:00:00Z"),
            "a time of day in the input gives datetimes"
        );
    }
}

#[test]
fn labels_do_not_depend_on_row_order_and_output_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rows = sample();
    let a = write(tmp.path(), "a.csv", &as_csv(&rows));
    rows.reverse();
    rows.swap(1, 4);
    let b = write(tmp.path(), "b.csv", &as_csv(&rows));
    let mut by_name: Vec<BTreeMap<String, i64>> = Vec::new();
    for (input, out) in [(&a, "oa"), (&b, "ob"), (&a, "oa2")] {
        let out = tmp.path().join(out);
        let (code, err) = run(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let ids = read_layers(&out, false);
        let pts = read_fc(&out.join("points.geojson"));
        by_name.push(
            pts.features
                .iter()
                .zip(ids)
                .map(|(f, id)| {
                    (
                        f.property("name").unwrap().as_str().unwrap().to_string(),
                        id,
                    )
                })
                .collect(),
        );
    }
    assert_eq!(by_name[0], by_name[1]);
    for layer in [
        "points.geojson",
        "clusters.geojson",
        "cluster_hulls.geojson",
    ] {
        let x = std::fs::read(tmp.path().join("oa").join(layer)).unwrap();
        let y = std::fs::read(tmp.path().join("oa2").join(layer)).unwrap();
        assert_eq!(x, y, "{layer} differs between two runs");
    }
}

#[test]
fn nothing_clustered_exits_1_with_layers_written() {
    let tmp = tempfile::tempdir().unwrap();
    let input = write(tmp.path(), "p.csv", "x,y\n0,0\n10,10\n");
    let out = tmp.path().join("o");
    let (code, err) = run(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(read_layers(&out, false), vec![-1, -1]);
}

#[test]
fn bad_inputs_are_reported_with_place_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let good = write(tmp.path(), "good.csv", "lon,lat\n37,36\n");
    let pt = |c: &str| {
        format!(
            r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":{c}}},"properties":{{"d":"2016-01-01"}}}}"#
        )
    };
    let line = r#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}}"#;
    // (what, file name, content or "" for the good file, extra args, expected stderr parts)
    let cases: Vec<(&str, &str, String, Vec<&str>, Vec<&str>)> = vec![
        ("line string", "l.geojson", format!("{{\"type\":\"FeatureCollection\",\"features\":[{},{line}]}}", pt("[1,2]")), vec![], vec!["feature 2", "LineString", "Point"]),
        ("line string in a sequence", "l.geojsons", format!("{}\n{line}\n", pt("[1,2]")), vec![], vec![":2:", "feature 2", "LineString"]),
        ("no geometry", "n.geojsons", r#"{"type":"Feature","geometry":null,"properties":{}}"#.to_string(), vec![], vec![":1:", "no geometry"]),
        ("missing coordinates", "m.geojsons", r#"{"type":"Feature","geometry":{"type":"Point"},"properties":{}}"#.to_string(), vec![], vec!["no coordinates"]),
        ("text coordinates", "t.geojsons", pt(r#"["a",2]"#), vec![], vec!["longitude is a string"]),
        ("latitude out of range", "r.geojsons", pt("[37,95]"), vec![], vec!["latitude 95 is out of range"]),
        ("longitude out of range (projected metres)", "p.csv", "x,y\n37,36\n4120000,3990000\n".to_string(), vec![], vec![":3:", "longitude 4120000 is out of range"]),
        ("CSV text coordinate", "c.csv", "lon,lat\n37,36\n37,abc\n".to_string(), vec![], vec![":3:", "latitude \"abc\" is not a number"]),
        ("CSV missing coordinate", "e.csv", "lon,lat\n,36\n".to_string(), vec![], vec![":2:", "missing longitude"]),
        ("CSV without coordinate columns", "h.csv", "a,b\n1,2\n".to_string(), vec![], vec![":1:", "no longitude column", "--lon-field"]),
        ("unparseable time", "d.csv", "lon,lat,date\n37,36,2016-01-01\n37,36,last tuesday\n".to_string(), vec!["--time-field", "date"], vec![":3:", "\"last tuesday\", not a date"]),
        ("boolean time", "b.geojsons", r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"d":true}}"#.to_string(), vec!["--time-field", "d"], vec!["time field \"d\" is a boolean"]),
        ("broken JSON", "j.geojsons", format!("{}\n{{\"type\":\"Feature\",\n", pt("[1,2]")), vec![], vec!["invalid JSON"]),
        ("projected crs", "crs.geojson", format!("{{\"type\":\"FeatureCollection\",\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}}}},\"features\":[{}]}}", pt("[1,2]")), vec![], vec!["EPSG::3857", "WGS84"]),
        ("missing file", "does-not-exist.csv", String::new(), vec![], vec!["does-not-exist.csv", "cannot read"]),
        ("eps 0", "", String::new(), vec!["--eps-km", "0"], vec!["--eps-km must be"]),
        ("eps negative", "", String::new(), vec!["--eps-km", "-1"], vec!["--eps-km must be"]),
        ("eps NaN", "", String::new(), vec!["--eps-km", "NaN"], vec!["--eps-km must be"]),
        ("eps absurd", "", String::new(), vec!["--eps-km", "25000"], vec!["at most 20000"]),
        ("min points 0", "", String::new(), vec!["--min-points", "0"], vec!["--min-points must be at least 1"]),
        ("min points negative", "", String::new(), vec!["--min-points", "-3"], vec!["-3"]),
        ("window without time field", "", String::new(), vec!["--window-days", "3"], vec!["needs --time-field"]),
        ("negative window", "", String::new(), vec!["--window-days", "-3", "--time-field", "d"], vec!["--window-days must be"]),
    ];
    for (what, name, content, args, wants) in cases {
        let input = if name.is_empty() {
            good.clone()
        } else if content.is_empty() {
            tmp.path().join(name)
        } else {
            write(tmp.path(), name, &content)
        };
        let out = tmp.path().join("out-bad");
        let mut all = vec![input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        all.extend(args.iter().copied());
        let (code, err) = run(&all);
        assert_eq!(code, 2, "{what}: exit code; stderr: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        for w in wants {
            assert!(err.contains(w), "{what}: expected {w:?} in: {err}");
        }
        assert!(
            !out.join("points.geojson").exists(),
            "{what}: no layer written on error"
        );
    }
}

#[test]
fn help_shows_defaults_and_a_real_example() {
    let out = athar().args(["cluster", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for w in [
        "[default: 0.5]",
        "[default: 3]",
        "athar cluster hrw_aleppo_damage_sites.geojson",
        "--window-days",
    ] {
        assert!(help.contains(w), "{w:?} missing from --help");
    }
}

// ---------------------------------------------------------------------------------------------
// Agreement with scikit-learn

fn python() -> &'static str {
    assert!(
        Path::new(PYTHON).exists(),
        "{PYTHON} is missing: the agreement test needs scikit-learn; run `bash .ci/install-deps`"
    );
    PYTHON
}

/// Our labels (CLI) and scikit-learn's labels and core flags on the same file; checks the
/// DBSCAN guarantees and returns (clusters, core points, border points that differ).
fn agree(
    file: &Path,
    pts: &[ClusterPoint],
    eps_km: f64,
    min_points: usize,
) -> (usize, usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let (eps, minp) = (eps_km.to_string(), min_points.to_string());
    let (code, err) = run(&[
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--eps-km",
        &eps,
        "--min-points",
        &minp,
    ]);
    assert!(code <= 1, "{err}");
    let ours = read_layers(&out, false);
    let sk = Command::new(python())
        .arg(format!("{PEERS}/sklearn_dbscan.py"))
        .args([
            file.to_str().unwrap(),
            "--eps-km",
            &eps,
            "--min-points",
            &minp,
        ])
        .output()
        .unwrap();
    assert!(
        sk.status.success(),
        "sklearn_dbscan.py: {}",
        String::from_utf8_lossy(&sk.stderr)
    );
    let v: Value = serde_json::from_slice(&sk.stdout).unwrap();
    let theirs: Vec<i64> = v["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect();
    let core: Vec<bool> = v["core"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_bool().unwrap())
        .collect();
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(ours.len(), pts.len());
    // Core flags agree with the library's own.
    let prm = DbscanParams {
        eps_m: eps_km * 1000.0,
        min_points,
        window_days: None,
    };
    let untimed: Vec<ClusterPoint> = pts
        .iter()
        .map(|p| ClusterPoint { t_days: None, ..*p })
        .collect();
    let lib = dbscan_detailed(&untimed, &prm);
    let label_diff = (0..pts.len()).filter(|&i| lib.labels[i] != ours[i]).count();
    assert_eq!(
        label_diff, 0,
        "CLI and library labels differ on {label_diff} points"
    );
    let core_diff = (0..pts.len()).filter(|&i| lib.core[i] != core[i]).count();
    assert_eq!(
        core_diff, 0,
        "core flags differ from scikit-learn's on {core_diff} points"
    );
    // Core points: the same partition (a bijection between our ids and theirs).
    let mut fwd: BTreeMap<i64, i64> = BTreeMap::new();
    let mut back: BTreeMap<i64, i64> = BTreeMap::new();
    for i in (0..pts.len()).filter(|&i| core[i]) {
        assert_eq!(
            *fwd.entry(ours[i]).or_insert(theirs[i]),
            theirs[i],
            "core point {i} split differently"
        );
        assert_eq!(
            *back.entry(theirs[i]).or_insert(ours[i]),
            ours[i],
            "core point {i} merged differently"
        );
    }
    // Noise is the same set; border points may differ only when two clusters reach them.
    let mut differ = 0;
    for i in (0..pts.len()).filter(|&i| !core[i]) {
        assert_eq!(
            ours[i] < 0,
            theirs[i] < 0,
            "point {i}: noise in one, border in the other"
        );
        if ours[i] < 0 || fwd.get(&ours[i]) == Some(&theirs[i]) {
            continue;
        }
        differ += 1;
        let reach: BTreeSet<i64> = (0..pts.len())
            .filter(|&j| {
                core[j]
                    && haversine_m(pts[i].lon, pts[i].lat, pts[j].lon, pts[j].lat)
                        <= eps_km * 1000.0 + 1e-6
            })
            .map(|j| theirs[j])
            .collect();
        assert!(
            reach.len() >= 2 && reach.contains(&theirs[i]),
            "border point {i} differs but is reachable only from {reach:?}"
        );
    }
    let clusters = fwd.len();
    let n_core = core.iter().filter(|&&c| c).count();
    eprintln!(
        "agreement {}: eps {eps_km} km, min {min_points}: {} points, {clusters} clusters, {n_core} core (identical), {} border, {differ} border differ (all reachable from two clusters)",
        file.file_name().unwrap().to_string_lossy(),
        pts.len(),
        pts.len() - n_core - ours.iter().filter(|&&l| l < 0).count(),
    );
    (clusters, n_core, differ)
}

#[test]
fn agrees_with_scikit_learn_on_hrw_aleppo_damage_sites() {
    let text =
        std::fs::read_to_string(HRW).unwrap_or_else(|e| panic!("{HRW}: {e} (../shared missing?)"));
    let fc: Value = serde_json::from_str(&text).unwrap();
    let pts: Vec<ClusterPoint> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let c = &f["geometry"]["coordinates"];
            ClusterPoint {
                lon: c[0].as_f64().unwrap(),
                lat: c[1].as_f64().unwrap(),
                t_days: None,
            }
        })
        .collect();
    assert_eq!(pts.len(), 3364);
    for (eps, minp) in [(0.5, 3), (0.1, 5), (0.05, 4)] {
        let (clusters, core, _) = agree(Path::new(HRW), &pts, eps, minp);
        assert!(clusters >= 1 && core > 0, "eps {eps}: nothing to compare");
    }
}

#[test]
fn agrees_with_scikit_learn_on_seeded_synthetic_sets() {
    let tmp = tempfile::tempdir().unwrap();
    // (kind, n, eps km, min points)
    let cases = [
        (Kind::Clustered, 10_000, 0.5, 5),
        (Kind::Uniform, 10_000, 2.0, 4),
    ];
    for (kind, n, eps, minp) in cases {
        let pts = synthetic(n, kind, 42);
        let mut csv = String::from("lon,lat\n");
        for p in &pts {
            writeln!(csv, "{},{}", p.lon, p.lat).unwrap();
        }
        let file = write(tmp.path(), &format!("{kind:?}.csv"), &csv);
        let (clusters, _, _) = agree(&file, &pts, eps, minp);
        assert!(
            clusters >= 10,
            "{kind:?}: only {clusters} clusters, a weak test"
        );
    }
}

#[test]
fn python_generator_matches_the_rust_one_bit_for_bit() {
    for kind in [Kind::Clustered, Kind::Uniform] {
        let name = format!("{kind:?}").to_lowercase();
        let out = Command::new(python())
            .args(["-c", &format!("import sys; sys.path.insert(0, '{PEERS}'); from synth import synthetic\nfor p in synthetic(2000, '{name}', 42): print(*(repr(v) for v in p))")])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let py: Vec<Vec<f64>> = text
            .lines()
            .map(|l| l.split(' ').map(|v| v.parse().unwrap()).collect())
            .collect();
        let rs = synthetic(2000, kind, 42);
        assert_eq!(py.len(), rs.len());
        for (a, b) in py.iter().zip(&rs) {
            assert_eq!(a, &vec![b.lon, b.lat, b.t_days.unwrap()], "{name}");
        }
    }
}
