//! `athar gazetteer lookup|stats|check`, the gold places, and the reproducible build.

use crate::athar;
use serde_json::Value;
use std::path::Path;

fn lookup(name: &str) -> (Vec<Value>, i32) {
    let out = athar()
        .args(["gazetteer", "lookup", name, "--json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Array(vec![]));
    (v.as_array().cloned().unwrap_or_default(), code)
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// Aleppo city centre, for "inside Aleppo" checks (15 km).
const ALEPPO: (f64, f64) = (36.2021, 37.1343);

#[test]
fn variants_resolve_inside_aleppo() {
    for q in [
        "حي الصاخور",
        "الصاخور",
        "صاخور",
        "بالصاخور",
        "والصاخور",
        "#صاخور",
        "Sakhour",
        "بستان القصر",
        "هنانو",
        "الأنصاري",
        "حلب",
        "الصَّاخور",
    ] {
        let (c, code) = lookup(q);
        assert_eq!(code, 0, "{q}: no candidate");
        let (lat, lon) = (c[0]["lat"].as_f64().unwrap(), c[0]["lon"].as_f64().unwrap());
        assert!(
            km(lat, lon, ALEPPO.0, ALEPPO.1) < 15.0,
            "{q} → {} is not in Aleppo",
            c[0]["name_ar"]
        );
        for k in [
            "id",
            "name_ar",
            "name_en",
            "kind",
            "country",
            "admin",
            "lat",
            "lon",
            "population",
            "source",
        ] {
            assert!(c[0].get(k).is_some(), "{q}: field {k} missing");
        }
    }
}

#[test]
fn countries_and_absent_names() {
    let (c, code) = lookup("بريطانيا");
    assert_eq!(code, 0);
    assert_eq!(c[0]["country"], "GB");
    assert_eq!(c[0]["kind"], "country");
    let (c, _) = lookup("أمريكا");
    assert_eq!(c[0]["country"], "US");
    let (c, code) = lookup("قريةلاوجودلها");
    assert!(c.is_empty());
    assert_eq!(code, 1);
}

#[test]
fn homonyms_are_kept_and_ranked() {
    let (c, _) = lookup("الحميدية");
    assert!(c.len() >= 2, "homonyms of الحميدية: {}", c.len());
    let (c, _) = lookup("هنانو");
    assert!(c.len() >= 2);
    assert_eq!(c[0]["kind"], "neighbourhood", "Aleppo's Hanano first");
}

/// Fold like ../shared/eval/score.py does, enough to compare a gold surface with a mention.
fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            '_' | '#' => ' ',
            '\u{064B}'..='\u{065F}' | '\u{0640}' => continue,
            c => c,
        };
        out.push(c);
    }
    let w: Vec<&str> = out.split_whitespace().collect();
    w.join(" ")
        .trim_start_matches('و')
        .trim_start_matches("ال")
        .to_string()
}

#[test]
fn gold_incident_places_resolve_within_tolerance() {
    // In context: every gold incident place with coordinates, as athar resolves its mention in
    // the document (any role), lies within the gold tolerance.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = root.join("../shared/corpus/dev/gold");
    let docs = root.join("../shared/corpus/dev/docs.jsonl");
    assert!(
        gold.is_dir() && docs.is_file(),
        "missing ../shared/corpus/dev"
    );
    let dir = tempfile::tempdir().unwrap();
    let places = dir.path().join("places.geojson");
    let st = athar()
        .arg("extract")
        .arg(&docs)
        .arg("--places")
        .arg(&places)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.code() == Some(0));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    let mentions = v["features"].as_array().unwrap();
    let (mut with_coords, mut ok, mut total, mut found) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&gold)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let g: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let doc = g["id"].as_str().unwrap();
        for place in g["incident_places"].as_array().unwrap() {
            if place["level"] == "country" {
                continue;
            }
            total += 1;
            let surface = fold(place["surface"].as_str().unwrap());
            let key = fold(
                place["place_key"]
                    .as_str()
                    .unwrap()
                    .split(" (")
                    .next()
                    .unwrap(),
            );
            let here: Vec<&Value> = mentions
                .iter()
                .filter(|m| m["properties"]["doc"] == doc)
                .filter(|m| {
                    let w = fold(m["properties"]["place_mention"].as_str().unwrap());
                    let n = fold(m["properties"]["place_name"].as_str().unwrap());
                    [w.as_str(), n.as_str()]
                        .iter()
                        .any(|x| *x == surface || *x == key || x.ends_with(&format!(" {surface}")))
                })
                .collect();
            if !here.is_empty() {
                found += 1;
            }
            let (Some(lat), Some(lon)) = (place["lat"].as_f64(), place["lon"].as_f64()) else {
                continue;
            };
            if here.is_empty() {
                continue; // not found at all: counted in `found`, not a geocoding error
            }
            with_coords += 1;
            let tol = place["tolerance_km"].as_f64().unwrap_or(1.0).max(1.0);
            let c = &here[0]["geometry"]["coordinates"];
            let d = km(lat, lon, c[1].as_f64().unwrap(), c[0].as_f64().unwrap());
            if d <= tol {
                ok += 1;
            } else {
                misses.push(format!("{doc}: {surface} {d:.1} km off"));
            }
        }
    }
    eprintln!("gazetteer in context: {found}/{total} gold incident places found; {ok}/{with_coords} found with coordinates within tolerance");
    assert_eq!(ok, with_coords, "misses: {misses:?}");
    assert!(found * 100 >= total * 75, "{found}/{total} found");
}

#[test]
fn check_reports_every_problem_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mine.csv");
    std::fs::write(
        &p,
        "id,name_ar,lat,lon,kind\nu1,حي التجربة,36.2,37.1,neighbourhood\nu2,,36.2,37.1,village\nu3,قرية,137.1,36.2,village\nu1,مكرر,36.2,37.1,village\nu4,قرية ب,36.2,37.1,palace\n",
    )
    .unwrap();
    let out = athar()
        .args(["gazetteer", "check"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        ":3: missing name",
        ":4:",
        ":5: duplicate id",
        ":6: unknown kind",
    ] {
        assert!(err.contains(want), "{want} not in: {err}");
    }
    assert!(!err.contains("panicked"));
    // a good file passes, and overlays the bundled gazetteer
    std::fs::write(
        &p,
        "id,name_ar,lat,lon,kind\nu1,حي التجربة الجديد,36.2,37.1,neighbourhood\n",
    )
    .unwrap();
    let out = athar()
        .args(["gazetteer", "check"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = athar()
        .args(["gazetteer", "lookup", "حي التجربة الجديد", "--gazetteer"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stats_counts_the_required_admin_units() {
    let out = athar().args(["gazetteer", "stats"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    // the number on the line that starts with these fields
    let value = |fields: &str| -> usize {
        s.lines()
            .find(|l| l.starts_with(&format!("{fields}\t")))
            .and_then(|l| l.rsplit('\t').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let count = |k: &str| value(&format!("kind\t{k}"));
    // Syria's administrative units, all of them (regions abroad may be governorates too)
    let admin = |k: &str| value(&format!("admin\tSY\t{k}"));
    assert_eq!(admin("governorate"), 14);
    assert_eq!(admin("district"), 61);
    assert_eq!(admin("subdistrict"), 270);
    assert!(count("governorate") >= 14);
    assert!(count("village") + count("town") + count("city") > 5000);
    assert!(count("country") >= 240);
}

#[test]
fn rebuild_from_sources_is_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = root.join("../shared/gazetteer-sources");
    assert!(sources.is_dir(), "missing {}", sources.display());
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3")
        .arg(root.join("tools/build_gazetteer.py"))
        .arg("--sources")
        .arg(&sources)
        .arg("--out")
        .arg(dir.path())
        .arg("--inputs")
        .arg(root.join("gazetteer"))
        .output()
        .expect("python3 runs the gazetteer build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["places.tsv", "aleppo_neighbourhoods.geojson"] {
        let a = std::fs::read(root.join("gazetteer").join(f)).unwrap();
        let b = std::fs::read(dir.path().join(f)).unwrap();
        assert!(
            a == b,
            "{f} differs from a rebuild: run python3 tools/build_gazetteer.py"
        );
    }
}

#[test]
fn compound_and_disambiguated_names_as_reports_write_them() {
    // (as a report writes it, the OCHA community it must find)
    let rows = [
        // OCHA joins «معرة X»; reports space it
        ("معرة حرمة", "معرتحرمة"),
        ("بمعرة حرمة", "معرتحرمة"),
        // reports join «جسر» to the next word as they join «كفر»
        ("جسرالشغور", "جسر الشغور"),
        // OCHA adds the sub-district to tell namesakes apart; reports write the name alone
        ("كفريا", "كفريا معرتمصرين"),
        ("تل بيدر", "تل بيدر حسكة"),
    ];
    for (q, want) in rows {
        let (c, code) = lookup(q);
        assert_eq!(code, 0, "{q}: no candidate");
        assert!(
            c.iter().any(|x| x["name_ar"] == want),
            "{q}: {want} not among {:?}",
            c.iter().map(|x| x["name_ar"].clone()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn cited_arabic_names_of_cities_abroad() {
    // GeoNames lists these towns without an Arabic name; gazetteer/manual cites one
    for (q, country) in [("ترهونة", "LY"), ("تاجوراء", "LY"), ("الجنينة", "SD")]
    {
        let (c, code) = lookup(q);
        assert_eq!(code, 0, "{q}: no candidate");
        assert!(
            c.iter()
                .any(|x| x["country"] == country && x["kind"] == "city"),
            "{q}: no city in {country}"
        );
    }
    // a cited name that is a frequent word is left out (Le Kram, Tunisia: «الكرم»)
    let (c, _) = lookup("الكرم");
    assert!(c.iter().all(|x| x["country"] != "TN"), "{c:?}");
}

#[test]
fn villages_abroad_from_whos_on_first() {
    // (name, country, lat, lon as the cited record gives them): southern Lebanese, West Bank and
    // Libyan villages that the other sources lack
    for (q, country, lat, lon) in [
        ("دير ميماس", "LB", 33.3025, 35.54583),
        ("كفر رمان", "LB", 33.38944, 35.50167),
        ("ديرج", "LY", 30.167912, 10.456664),
    ] {
        let (c, code) = lookup(q);
        assert_eq!(code, 0, "{q}: no candidate");
        assert!(
            c.iter().any(|x| x["country"] == country
                && km(
                    x["lat"].as_f64().unwrap(),
                    x["lon"].as_f64().unwrap(),
                    lat,
                    lon
                ) < 0.1),
            "{q}: not in {country} at {lat},{lon}: {c:?}"
        );
    }
}
