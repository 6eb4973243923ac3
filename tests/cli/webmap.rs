//! `athar html`: the offline web map, checked in a real browser (Debian's chromium driven by
//! playwright-core from tests/browser, no browser download) and from the command line.

use crate::athar;
use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The layers the browser test maps. Synthetic for now; once `athar map` lands, switch this one
/// line to `dev_corpus_layers` (the dev corpus plus one hostile report).
const LAYERS: fn(&Path) -> PathBuf = |dir| synthetic_layers(dir, 1000);

const XSS_IMG: &str = "<img src=x onerror=alert(1)>";
const XSS_SCRIPT: &str = "</script><script>alert(2)</script>";
const SCREENSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/webmap-screenshot.png");
const BROWSER_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");

/// Aleppo neighbourhoods (clustered, with polygons) and towns elsewhere: Arabic, Latin, lon, lat.
/// «صاخور» is written without the article, as OCHA's layer does, so the search must fold it.
const ALEPPO: &[(&str, &str, f64, f64)] = &[
    ("صاخور", "al-Sakhour", 37.1820, 36.2170),
    ("مساكن هنانو", "Masakin Hanano", 37.1790, 36.2270),
    ("الشعار", "al-Sha'ar", 37.1700, 36.2100),
    ("طريق الباب", "Tariq al-Bab", 37.1880, 36.2050),
    ("بستان القصر", "Bustan al-Qasr", 37.1380, 36.1930),
    ("الكلاسة", "al-Kalasa", 37.1420, 36.1890),
    ("الفردوس", "al-Firdous", 37.1510, 36.1850),
    ("الصالحين", "al-Salihin", 37.1530, 36.1770),
    ("المعادي", "al-Ma'adi", 37.1610, 36.1880),
    ("الشيخ سعيد", "Sheikh Said", 37.1600, 36.1640),
    ("الأنصاري", "al-Ansari", 37.1390, 36.1790),
    ("السكري", "al-Sukkari", 37.1450, 36.1730),
    ("باب النيرب", "Bab al-Nayrab", 37.1720, 36.1950),
    ("الحيدرية", "al-Haydariya", 37.1810, 36.2310),
];
const TOWNS: &[(&str, &str, f64, f64)] = &[
    ("حلب", "Aleppo", 37.1610, 36.2021),
    ("إدلب", "Idlib", 36.6349, 35.9306),
    ("خان شيخون", "Khan Shaykhun", 36.6380, 35.4410),
    ("الأتارب", "al-Atarib", 36.8250, 36.1390),
    ("عندان", "Anadan", 37.0560, 36.2930),
    ("منبج", "Manbij", 37.9500, 36.5280),
    ("الرقة", "Raqqa", 39.0100, 35.9500),
    ("دير الزور", "Deir ez-Zor", 40.1400, 35.3300),
    ("حمص", "Homs", 36.7200, 34.7300),
    ("دوما", "Douma", 36.3950, 33.5700),
    ("درعا", "Daraa", 36.1000, 32.6200),
];
const TYPES: &[(&str, &str, &str)] = &[
    ("airstrike", "غارة جوية", "طائرات حربية"),
    ("barrel_bomb", "إلقاء براميل متفجرة", "مروحيات"),
    ("shelling", "قصف مدفعي", "مدفعية"),
    (
        "cluster_munition",
        "قصف بالقنابل العنقودية",
        "قنابل عنقودية",
    ),
    ("rocket", "سقوط صواريخ", "صواريخ"),
    ("car_bomb", "انفجار سيارة مفخخة", "سيارة مفخخة"),
];

/// Deterministic pseudo-random numbers (64-bit LCG), so the synthetic layers never change.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn square(lon: f64, lat: f64, r: f64) -> Value {
    json!({"type": "Polygon", "coordinates": [[
        [lon - r, lat - r], [lon + r, lat - r], [lon + r, lat + r], [lon - r, lat + r], [lon - r, lat - r]
    ]]})
}

/// Write `athar map`-shaped layers with `n` incidents (plus one hostile report) into `dir`.
fn synthetic_layers(dir: &Path, n: usize) -> PathBuf {
    let out = dir.join("layers");
    std::fs::create_dir_all(&out).unwrap();
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let mut rng = Lcg(42);
    let mut incidents = Vec::with_capacity(n + 1);
    // per Aleppo place and half-year: (count, killed, first, last)
    let mut stats: Vec<[(u64, u64, Option<String>, Option<String>); 2]> =
        vec![Default::default(); ALEPPO.len()];
    for i in 0..n {
        let aleppo = rng.next(3) < 2;
        let pi = if aleppo {
            rng.next(ALEPPO.len() as u64) as usize
        } else {
            rng.next(TOWNS.len() as u64) as usize
        };
        let (ar, en, lon, lat) = if aleppo { ALEPPO[pi] } else { TOWNS[pi] };
        let (etype, phrase, weapon) = TYPES[rng.next(TYPES.len() as u64) as usize];
        let day = rng.next(366) as i64;
        let date = (rng.next(25) != 0).then(|| (start + Duration::days(day)).to_string());
        let killed = match rng.next(4) {
            0 => None,
            _ => {
                let top = rng.next(60) + 1;
                Some(rng.next(top))
            }
        };
        let mention = if ar.starts_with("ال") || !aleppo {
            ar.to_string()
        } else {
            format!("ال{ar}")
        };
        let claims = killed.map(|k| {
            json!([
                {"value": k, "qualifier": "at_least", "source": "المرصد السوري لحقوق الإنسان", "text": format!("{k} قتلى على الأقل")},
                {"value": k + 2, "qualifier": "exact", "source": "الدفاع المدني السوري", "text": format!("{} شهيدا", k + 2)}
            ])
            .to_string()
        });
        let cluster = if aleppo {
            let half = usize::from(day >= 182);
            let s = &mut stats[pi][half];
            s.0 += 1;
            s.1 += killed.unwrap_or(0);
            if let Some(d) = &date {
                if s.2.as_ref().is_none_or(|f| d < f) {
                    s.2 = Some(d.clone());
                }
                if s.3.as_ref().is_none_or(|l| d > l) {
                    s.3 = Some(d.clone());
                }
            }
            json!(pi * 2 + half)
        } else {
            json!(-1)
        };
        let snippet = format!(
            "{phrase} على حي {mention} في مدينة حلب أسفرت عن مقتل {} مدنيين وإصابة آخرين.",
            killed.unwrap_or(0)
        );
        incidents.push(json!({"type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": format!("doc{:04}-1", i), "doc": format!("doc{:04}", i), "place_mention": mention,
            "place_name": ar, "place_name_en": en, "place_id": format!("syn:{en}"),
            "place_kind": if aleppo { "neighbourhood" } else { "city" },
            "admin1": "حلب", "admin2": null, "country": "SY", "geo_precision": 1,
            "event_type": etype, "sub_event_type": etype, "weapon": weapon, "target": null,
            "actor1": "الطيران الحربي", "actor1_norm": "Unidentified air force",
            "date": date, "date_text": "أمس", "time_precision": 1,
            "killed": killed, "killed_low": killed, "killed_high": killed.map(|k| k + 2),
            "killed_claims": claims.clone().unwrap_or_else(|| "[]".into()),
            "wounded": null, "wounded_low": null, "wounded_high": null, "wounded_claims": "[]",
            "casualty_scope": if killed.is_some() { "place" } else { "none" },
            "mention_start": 20, "mention_end": 20 + mention.chars().count(),
            "snippet": snippet, "reason": "cue «على حي» before the name", "confidence": 0.9,
            "sources": 1, "cluster_id": cluster
        }}));
    }
    // one hostile report, alone in the desert so that a click finds it
    incidents.push(json!({"type": "Feature",
        "geometry": {"type": "Point", "coordinates": [38.6, 35.2]},
        "properties": {
            "id": "xss-1", "doc": format!("xss{XSS_SCRIPT}"), "place_mention": XSS_IMG,
            "place_name": XSS_IMG, "place_name_en": XSS_SCRIPT, "place_id": "syn:xss",
            "event_type": "airstrike", "date": "2016-07-01", "killed": 3,
            "killed_claims": json!([{"value": 3, "qualifier": "exact", "source": XSS_SCRIPT, "text": XSS_IMG}]).to_string(),
            "snippet": format!("غارة على {XSS_IMG} ثم {XSS_SCRIPT} في التقرير"),
            "reason": XSS_IMG, "cluster_id": -1
        }}));

    let mut clusters = Vec::new();
    let mut hulls = Vec::new();
    let mut hoods = Vec::new();
    for (pi, (ar, en, lon, lat)) in ALEPPO.iter().enumerate() {
        let (mut total_n, mut total_k) = (0, 0);
        for (half, s) in stats[pi].iter().enumerate() {
            total_n += s.0;
            total_k += s.1;
            if s.0 == 0 {
                continue;
            }
            let id = pi * 2 + half;
            let off = if half == 0 { -0.0015 } else { 0.0015 };
            clusters.push(json!({"type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon + off, *lat]},
                "properties": {"cluster_id": id, "incidents": s.0, "killed": s.1, "first_date": s.2,
                    "last_date": s.3, "event_types": "airstrike;shelling", "places": ar, "radius_m": 350.0}}));
            hulls.push(
                json!({"type": "Feature", "geometry": square(lon + off, *lat, 0.0022),
                "properties": {"cluster_id": id}}),
            );
        }
        hoods.push(json!({"type": "Feature", "geometry": square(*lon, *lat, 0.0045),
            "properties": {"place_id": format!("syn:{en}"), "name_ar": ar, "name_en": en,
                "incidents": total_n, "killed": total_k, "first_date": "2016-01-01", "last_date": "2016-12-31"}}));
    }
    let places = vec![json!({"type": "Feature",
        "geometry": {"type": "Point", "coordinates": [36.75, 35.13]},
        "properties": {"place_name": "حماة", "role": "origin_of_fire"}})];
    for (name, feats) in [
        ("incidents.geojson", incidents),
        ("clusters.geojson", clusters),
        ("cluster_hulls.geojson", hulls),
        ("neighbourhoods.geojson", hoods),
        ("places.geojson", places),
    ] {
        let fc = json!({"type": "FeatureCollection", "features": feats});
        std::fs::write(out.join(name), fc.to_string()).unwrap();
    }
    out
}

/// The dev corpus (read from ../shared, never copied) plus one hostile report, through `athar map`.
#[allow(dead_code)]
fn dev_corpus_layers(dir: &Path) -> PathBuf {
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/dev/docs.jsonl"
    );
    let mut docs = std::fs::read_to_string(corpus).expect("dev corpus at ../shared/corpus/dev");
    let hostile = json!({"id": "xss", "published": "2016-09-25",
        "text": format!("غارة جوية على حي الصاخور في مدينة حلب {XSS_IMG} {XSS_SCRIPT} أسفرت عن مقتل 3 مدنيين")});
    docs.push_str(&format!("{hostile}\n"));
    let input = dir.join("docs.jsonl");
    std::fs::write(&input, docs).unwrap();
    let out = dir.join("layers");
    let st = athar()
        .arg("map")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success(), "athar map failed: {st}");
    out
}

fn read_fc(path: &Path) -> Vec<Value> {
    match std::fs::read_to_string(path) {
        Ok(t) => serde_json::from_str::<Value>(&t).unwrap()["features"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Run tests/browser/check_map.mjs on a page; the tools must be there (CI installs them).
fn browser_report(html: &Path, screenshot: Option<&str>, search: &str, quick: bool) -> Value {
    let module = Path::new(BROWSER_DIR).join("node_modules/playwright-core");
    assert!(
        module.is_dir(),
        "playwright-core is not installed in tests/browser: run `bash .ci/install-deps` (npm ci in tests/browser)"
    );
    let chromium = std::env::var("ATHAR_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "no chromium at {chromium}: run `bash .ci/install-deps` (Debian package chromium)"
    );
    let mut cmd = Command::new("node");
    cmd.current_dir(BROWSER_DIR)
        .arg("check_map.mjs")
        .arg("--html")
        .arg(html)
        .arg("--search")
        .arg(search);
    if let Some(s) = screenshot {
        cmd.arg("--screenshot").arg(s);
    }
    if quick {
        cmd.arg("--quick");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (install Node.js >= 20): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stdout.lines().last().unwrap_or("");
    let report: Value = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("no report from check_map.mjs ({e}):\n{stdout}\n{stderr}"));
    assert!(
        out.status.success() && report.get("fatal").is_none(),
        "browser check failed: {}\n{stderr}",
        report["fatal"]
    );
    report
}

fn assert_clean(r: &Value) {
    assert_eq!(r["consoleErrors"], json!([]), "console errors");
    assert_eq!(
        r["blockedRequests"],
        json!([]),
        "the page needed the network"
    );
    assert_eq!(
        r["nonFileRequests"],
        json!([]),
        "the page asked for the network"
    );
}

/// A query for the most frequent Arabic place name, with the article toggled: الصاخور ↔ صاخور.
fn folded_query(incidents: &[Value]) -> (String, String) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for f in incidents {
        if let Some(n) = f["properties"]["place_name"].as_str() {
            if n.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && n.chars().count() > 3 {
                *counts.entry(n.to_string()).or_default() += 1;
            }
        }
    }
    let name = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(n, _)| n.clone())
        .expect("an Arabic place name among the incidents");
    let query = match name.strip_prefix("ال") {
        Some(rest) => rest.to_string(),
        None => format!("ال{name}"),
    };
    (name, query)
}

#[test]
fn web_map_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let layers = LAYERS(dir.path());
    let html = dir.path().join("map.html");
    let st = athar()
        .arg("html")
        .arg(&layers)
        .arg("-o")
        .arg(&html)
        .status()
        .unwrap();
    assert!(st.success(), "athar html failed: {st}");

    let incidents = read_fc(&layers.join("incidents.geojson"));
    let points: Vec<&Value> = incidents
        .iter()
        .filter(|f| f["geometry"]["type"] == "Point")
        .collect();
    let n = points.len();
    let (name, query) = folded_query(&incidents);
    let r = browser_report(&html, Some(SCREENSHOT), &query, false);
    assert_clean(&r);

    // as many markers as incidents, all drawn in the first view
    assert_eq!(r["initial"]["total"], json!(n));
    assert_eq!(r["initial"]["drawn"], json!(n), "{}", r["initial"]);

    // the time slider: what is drawn is exactly the incidents dated on or after the new start
    let from = r["afterSlider"]["fromLabel"].as_str().unwrap().to_string();
    let want = points
        .iter()
        .filter(|f| {
            f["properties"]["date"]
                .as_str()
                .is_some_and(|d| d >= from.as_str())
        })
        .count();
    assert!(want < n, "slider start {from} should drop some incidents");
    assert_eq!(
        r["afterSlider"]["drawn"],
        json!(want),
        "{}",
        r["afterSlider"]
    );
    let clusters = read_fc(&layers.join("clusters.geojson"));
    let want_clusters = clusters
        .iter()
        .filter(|c| {
            let p = &c["properties"];
            p["last_date"]
                .as_str()
                .or(p["first_date"].as_str())
                .is_some_and(|d| d >= from.as_str())
        })
        .count();
    assert_eq!(r["initial"]["clusters"], json!(clusters.len()));
    assert_eq!(r["afterSlider"]["clusters"], json!(want_clusters));
    assert_eq!(r["afterReset"]["drawn"], json!(n));

    // a popup in Arabic, right to left, with its claims and the mention marked in the snippet
    let p = &r["popup"];
    assert_eq!(p["direction"], "rtl", "{p}");
    assert_eq!(p["snippetDirection"], "rtl");
    assert!(p["claims"].as_u64().unwrap_or(0) >= 1, "{p}");
    assert!(p["mark"].as_str().is_some_and(|m| !m.is_empty()), "{p}");
    assert!(p["text"].as_str().unwrap().contains("الوثيقة"));

    // the hostile report shows as text and runs nothing
    let x = &r["xss"];
    let text = x["popupText"].as_str().unwrap_or("");
    assert!(text.contains(XSS_IMG) && text.contains("</script>"), "{x}");
    assert_eq!(x["imgInPopup"], 0);
    assert_eq!(x["imgInPage"], 0);
    assert_eq!(x["scriptsInPage"], 3, "a script element was injected");
    assert_eq!(x["flag"], 0);
    assert!(
        x["searchResults"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains(XSS_IMG)),
        "{x}"
    );
    assert_eq!(x["imgInResults"], 0);
    assert_eq!(x["flagAfterSearch"], 0);
    assert_eq!(r["flagAtEnd"], 0);
    assert_eq!(r["dialogs"], 0);

    // Arabic search folds the article: «صاخور» finds «الصاخور» and the other way round
    let results = r["search"]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|s| s.as_str().unwrap().contains(&name)),
        "search {query:?} did not find {name:?}: {results:?}"
    );

    let png = std::fs::read(SCREENSHOT).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000);
}

/// 50,000 incidents: the page loads, draws every marker and filters by time.
#[test]
fn web_map_with_50k_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let layers = synthetic_layers(dir.path(), 50_000);
    let html = dir.path().join("map.html");
    let st = athar()
        .arg("html")
        .arg(&layers)
        .arg("-o")
        .arg(&html)
        .status()
        .unwrap();
    assert!(st.success());
    let r = browser_report(&html, None, "", true);
    assert_clean(&r);
    assert_eq!(r["initial"]["drawn"], json!(50_001));
    let after = r["afterSlider"]["drawn"].as_u64().unwrap();
    assert!(after > 0 && after < 50_001, "{}", r["afterSlider"]);
    assert_eq!(r["afterReset"]["drawn"], json!(50_001));
    eprintln!(
        "50k incidents: {} bytes, load {} ms, draw {} ms",
        std::fs::metadata(&html).unwrap().len(),
        r["loadMs"],
        r["initial"]["drawMs"]
    );
}

#[test]
fn html_command_defaults_errors_and_determinism() {
    let dir = tempfile::tempdir().unwrap();
    let layers = synthetic_layers(dir.path(), 50);

    // default output inside the folder, byte-identical on a second run, no temp files left
    let st = athar().arg("html").arg(&layers).status().unwrap();
    assert_eq!(st.code(), Some(0));
    let first = std::fs::read(layers.join("map.html")).unwrap();
    let st = athar().arg("html").arg(&layers).status().unwrap();
    assert_eq!(st.code(), Some(0));
    assert_eq!(first, std::fs::read(layers.join("map.html")).unwrap());
    let mut names: Vec<String> = std::fs::read_dir(&layers)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "cluster_hulls.geojson",
            "clusters.geojson",
            "incidents.geojson",
            "map.html",
            "neighbourhoods.geojson",
            "places.geojson"
        ]
    );

    // explicit files: the incidents alone make a map
    let only = dir.path().join("only.html");
    let st = athar()
        .arg("html")
        .arg(layers.join("incidents.geojson"))
        .arg("-o")
        .arg(&only)
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let page = std::fs::read_to_string(&only).unwrap();
    assert!(page.contains("\"clusters\":null"));

    // an empty layer still writes a map, and says nothing was found
    let empty = dir.path().join("empty.geojson");
    std::fs::write(&empty, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    let st = athar()
        .arg("html")
        .arg(&empty)
        .arg("-o")
        .arg(dir.path().join("empty.html"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1));
    assert!(dir.path().join("empty.html").is_file());

    // errors name the file and exit 2
    let bad = dir.path().join("bad.geojson");
    std::fs::write(
        &bad,
        "{\"type\":\"FeatureCollection\",\n\"features\": [oops]}",
    )
    .unwrap();
    let nofolder = dir.path().join("nothing");
    std::fs::create_dir_all(&nofolder).unwrap();
    let rows: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec![nofolder.clone().into()], "no incidents.geojson"),
        (
            vec![bad.clone().into(), "-o".into(), "x.html".into()],
            "bad.geojson:2",
        ),
        (
            vec![
                layers.clone().into(),
                "--tiles".into(),
                "ftp://tiles/{z}/{x}.png".into(),
            ],
            "--tiles",
        ),
        (vec![layers.join("incidents.geojson").into()], "-o FILE"),
    ];
    for (args, want) in rows {
        let out = athar().arg("html").args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}
