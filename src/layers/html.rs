//! The self-contained offline web map: one HTML file with Leaflet, the layers and a basemap
//! inlined, so it opens from `file://` with no network and can be mailed to a colleague.
//!
//! Report text is untrusted. It only enters the page inside one `<script type="application/json">`
//! block, with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` escapes so that nothing in a
//! report can close the block; the page script then builds every popup with `textContent`.
//! A Content-Security-Policy allows only the two inline scripts written here (by SHA-256 hash), so
//! even markup that slipped through could not run an event handler.
//!
//! Incidents are stored column-wise with a string table (place names, event types, snippets
//! repeat a lot): 50,000 incidents stay a file of a few tens of MB that a browser parses in a
//! second or two, drawn on one canvas.

use serde_json::{Map, Number, Value};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

const LEAFLET_JS: &str = include_str!("../../vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../vendor/leaflet/leaflet.css");
const LAYERS_PNG: &[u8] = include_bytes!("../../vendor/leaflet/images/layers.png");
const LAYERS_2X_PNG: &[u8] = include_bytes!("../../vendor/leaflet/images/layers-2x.png");
const MAP_JS: &str = include_str!("html/map.js");
const MAP_CSS: &str = include_str!("html/map.css");
/// Syrian governorates (UN OCHA COD-AB), simplified by `tools/basemap.py`.
const BASEMAP_ADMIN1: &str = include_str!("../../assets/basemap/syr_admin1.geojson");
/// Aleppo neighbourhood outlines (Columbia CSR, MIT), simplified by `tools/basemap.py`.
const BASEMAP_ALEPPO: &str = include_str!("../../assets/basemap/aleppo_neighbourhoods.geojson");

/// Everything the page shows. Layers are GeoJSON FeatureCollections as `athar map` writes them;
/// any but `incidents` may be absent.
#[derive(Debug, Clone, Default)]
pub struct HtmlInput {
    pub incidents: Value,
    pub clusters: Option<Value>,
    pub hulls: Option<Value>,
    pub neighbourhoods: Option<Value>,
    pub places: Option<Value>,
    /// Page title (default «خريطة الحوادث»).
    pub title: Option<String>,
    /// Optional XYZ tile URL template (`https://…/{z}/{x}/{y}.png`) for users who are online.
    pub tiles: Option<String>,
    /// Attribution shown for the tiles (plain text).
    pub tiles_attribution: Option<String>,
}

impl HtmlInput {
    /// A map of incidents only.
    pub fn new(incidents: Value) -> Self {
        HtmlInput {
            incidents,
            ..Default::default()
        }
    }
}

/// Render the whole page. Deterministic: the same input gives the same bytes.
pub fn render(input: &HtmlInput) -> String {
    let title = input
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "خريطة الحوادث".to_string());

    let mut meta = Map::new();
    if let Some(t) = &input.tiles {
        meta.insert("tiles".into(), Value::String(t.clone()));
    }
    if let Some(a) = &input.tiles_attribution {
        meta.insert("tiles_attribution".into(), Value::String(a.clone()));
    }
    let mut data = Map::new();
    data.insert("meta".into(), Value::Object(meta));
    data.insert("incidents".into(), compact_incidents(&input.incidents));
    for (key, layer) in [
        ("clusters", &input.clusters),
        ("hulls", &input.hulls),
        ("neighbourhoods", &input.neighbourhoods),
        ("places", &input.places),
    ] {
        data.insert(
            key.into(),
            layer.as_ref().map(round_layer).unwrap_or(Value::Null),
        );
    }
    let data_json = script_json(&Value::Object(data));
    // the bundled basemap is our own JSON: spliced in as text, escaped all the same
    let basemap_json = format!(
        "{{\"admin1\":{},\"aleppo\":{}}}",
        escape_script_json(BASEMAP_ADMIN1.trim()),
        escape_script_json(BASEMAP_ALEPPO.trim())
    );

    let leaflet_css = LEAFLET_CSS
        .replace(
            "url(images/layers.png)",
            &format!("url(data:image/png;base64,{})", base64(LAYERS_PNG)),
        )
        .replace(
            "url(images/layers-2x.png)",
            &format!("url(data:image/png;base64,{})", base64(LAYERS_2X_PNG)),
        );
    let img_src = match input.tiles.as_deref() {
        Some(t) if t.starts_with("http://") => " http:",
        Some(_) => " https:",
        None => "",
    };
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' 'sha256-{}'; style-src 'unsafe-inline'; img-src data:{img_src}; base-uri 'none'; form-action 'none'",
        base64(&sha256(LEAFLET_JS.as_bytes())),
        base64(&sha256(MAP_JS.as_bytes()))
    );

    let mut out = String::with_capacity(data_json.len() + LEAFLET_JS.len() + 200_000);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        escape_html(&csp)
    );
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"athar {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{}</title>", escape_html(&title));
    let _ = writeln!(out, "<style>\n{}\n</style>", leaflet_css.trim_end());
    let _ = writeln!(out, "<style>\n{}\n</style>", MAP_CSS.trim_end());
    out.push_str("</head>\n<body>\n");
    out.push_str("<div id=\"map\" role=\"application\" aria-label=\"خريطة الحوادث\"></div>\n");
    out.push_str("<section id=\"athar-panel\">\n");
    let _ = writeln!(
        out,
        "<h1>{} <span class=\"latin\" dir=\"ltr\">athar</span></h1>",
        escape_html(&title)
    );
    out.push_str(PANEL_HTML);
    out.push_str(
        "</section>\n<section id=\"athar-legend\" aria-label=\"مفتاح الخريطة\"></section>\n",
    );
    out.push_str("<noscript><p id=\"athar-noscript\">تحتاج هذه الخريطة إلى تفعيل JavaScript.</p></noscript>\n");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"athar-data\">{}</script>",
        splice_basemap(&data_json, &basemap_json)
    );
    // the hashes in the CSP are over exactly these bytes: nothing may be added inside the tags
    let _ = writeln!(out, "<script>{LEAFLET_JS}</script>");
    let _ = writeln!(out, "<script>{MAP_JS}</script>");
    out.push_str("</body>\n</html>\n");
    out
}

const PANEL_HTML: &str = r#"<div id="athar-count" aria-live="polite"></div>
<div id="athar-time">
<label><span class="t">من</span><input type="range" id="athar-from" aria-label="من تاريخ"><output id="athar-from-label"></output></label>
<label><span class="t">إلى</span><input type="range" id="athar-to" aria-label="إلى تاريخ"><output id="athar-to-label"></output></label>
<div class="row"><span id="athar-undated"></span><button type="button" id="athar-reset">الفترة كاملة</button></div>
</div>
<input id="athar-search" type="search" placeholder="ابحث عن مكان… مثلاً: الصاخور" aria-label="ابحث عن مكان" autocomplete="off">
<ul id="athar-results"></ul>
"#;

/// Put the basemap object into the data object as key `basemap` (last key, before the closing brace).
fn splice_basemap(data_json: &str, basemap_json: &str) -> String {
    let body = data_json.strip_suffix('}').unwrap_or(data_json);
    let sep = if body.ends_with('{') { "" } else { "," };
    format!("{body}{sep}\"basemap\":{basemap_json}}}")
}

/// Incidents as `{cols, kinds, strings, rows}`: each row is `[lon, lat, value per column]`;
/// columns of strings (`kinds[c] == "s"`) hold indexes into `strings`.
fn compact_incidents(fc: &Value) -> Value {
    let feats: Vec<(f64, f64, Map<String, Value>)> = features(fc)
        .iter()
        .filter_map(|f| {
            let (x, y) = point_of(f)?;
            let mut props = f
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            // casualty claims are written as JSON text for QGIS; the page wants the array
            for v in props.values_mut() {
                if let Value::String(s) = v {
                    let t = s.trim_start();
                    if t.starts_with('[') {
                        if let Ok(arr @ Value::Array(_)) = serde_json::from_str::<Value>(s) {
                            *v = arr;
                        }
                    }
                }
            }
            Some((x, y, props))
        })
        .collect();

    let cols: Vec<String> = feats
        .iter()
        .flat_map(|(_, _, p)| p.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let kinds: Vec<&str> = cols
        .iter()
        .map(|c| {
            let all_strings = feats.iter().all(|(_, _, p)| match p.get(c) {
                None | Some(Value::Null) | Some(Value::String(_)) => true,
                Some(_) => false,
            });
            if all_strings {
                "s"
            } else {
                "v"
            }
        })
        .collect();

    let mut strings: Vec<String> = Vec::new();
    let mut index: HashMap<String, u64> = HashMap::new();
    let rows: Vec<Value> = feats
        .iter()
        .map(|(x, y, p)| {
            let mut row = Vec::with_capacity(cols.len() + 2);
            row.push(coord(*x));
            row.push(coord(*y));
            for (c, kind) in cols.iter().zip(&kinds) {
                let v = match p.get(c) {
                    None | Some(Value::Null) => Value::Null,
                    Some(Value::String(s)) if *kind == "s" => {
                        let next = strings.len() as u64;
                        let i = *index.entry(s.clone()).or_insert_with(|| {
                            strings.push(s.clone());
                            next
                        });
                        Value::from(i)
                    }
                    Some(v) => v.clone(),
                };
                row.push(v);
            }
            Value::Array(row)
        })
        .collect();

    let mut m = Map::new();
    m.insert(
        "cols".into(),
        Value::Array(cols.into_iter().map(Value::String).collect()),
    );
    m.insert(
        "kinds".into(),
        Value::Array(kinds.iter().map(|k| Value::String((*k).into())).collect()),
    );
    m.insert(
        "strings".into(),
        Value::Array(strings.into_iter().map(Value::String).collect()),
    );
    m.insert("rows".into(), Value::Array(rows));
    Value::Object(m)
}

fn features(fc: &Value) -> &[Value] {
    fc.get("features")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Longitude and latitude of a Point feature, if finite and on the globe.
fn point_of(f: &Value) -> Option<(f64, f64)> {
    let g = f.get("geometry")?;
    if g.get("type")?.as_str()? != "Point" {
        return None;
    }
    let c = g.get("coordinates")?.as_array()?;
    let x = c.first()?.as_f64()?;
    let y = c.get(1)?.as_f64()?;
    let ok = x.is_finite()
        && y.is_finite()
        && (-180.0..=180.0).contains(&x)
        && (-90.0..=90.0).contains(&y);
    ok.then_some((x, y))
}

/// Degrees rounded to 1e-6 (about 0.1 m): enough for any point and shorter to store.
fn coord(v: f64) -> Value {
    let r = (v * 1e6).round() / 1e6;
    Number::from_f64(r)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// A layer with its coordinates rounded; features without geometry are dropped.
fn round_layer(fc: &Value) -> Value {
    let feats: Vec<Value> = features(fc)
        .iter()
        .filter(|f| f.get("geometry").is_some_and(|g| !g.is_null()))
        .map(|f| {
            let mut f = f.clone();
            if let Some(c) = f.get_mut("geometry").and_then(|g| g.get_mut("coordinates")) {
                round_coords(c);
            }
            f
        })
        .collect();
    let mut m = Map::new();
    m.insert("type".into(), Value::String("FeatureCollection".into()));
    m.insert("features".into(), Value::Array(feats));
    Value::Object(m)
}

fn round_coords(v: &mut Value) {
    match v {
        Value::Array(a) => a.iter_mut().for_each(round_coords),
        Value::Number(n) => {
            if let Some(f) = n.as_f64() {
                if let Value::Number(r) = coord(f) {
                    *n = r;
                }
            }
        }
        _ => {}
    }
}

/// JSON that is safe inside `<script type="application/json">`.
pub fn script_json(v: &Value) -> String {
    escape_script_json(&v.to_string())
}

/// Escape the characters that could end a script block or confuse an HTML parser. They can only
/// occur inside JSON strings, where `\uXXXX` means the same character.
fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 with padding (for data: URIs and CSP hashes).
fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(T[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// SHA-256 (FIPS 180-4), for the Content-Security-Policy script hashes.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha256_known_vectors() {
        let rows: &[(&[u8], &str)] = &[
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (input, want) in rows {
            assert_eq!(hex(&sha256(input)), *want);
        }
    }

    #[test]
    fn base64_rfc4648_vectors() {
        let rows = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, want) in rows {
            assert_eq!(base64(input.as_bytes()), want, "input {input:?}");
        }
    }

    fn incident(props: Value, lon: f64, lat: f64) -> Value {
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
    }

    #[test]
    fn script_json_cannot_close_the_block() {
        let v = json!({"s": "</script><script>alert(1)</script> <!-- & \u{2028}\u{2029}"});
        let s = script_json(&v);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!s.contains(bad), "{bad:?} left in {s}");
        }
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "escaping must not change the value");
    }

    #[test]
    fn page_embeds_report_text_only_escaped() {
        let payload = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        let fc = json!({"type": "FeatureCollection", "features": [
            incident(json!({"snippet": payload, "place_name": payload, "killed": 3}), 37.16, 36.2)
        ]});
        let mut input = HtmlInput::new(fc);
        input.title = Some("<b>title</b>".into());
        let html = render(&input);
        assert!(
            !html.contains("<img"),
            "raw markup from a report reached the page"
        );
        assert!(!html.contains("alert(2)</script>"));
        assert!(html.contains("&lt;b&gt;title&lt;/b&gt;"));
        // exactly the three script blocks we write
        assert_eq!(html.matches("<script").count(), 3);
        assert_eq!(html.matches("</script>").count(), 3);
    }

    #[test]
    fn vendored_assets_cannot_break_out_of_their_blocks() {
        for (name, text) in [("leaflet.js", LEAFLET_JS), ("map.js", MAP_JS)] {
            let lower = text.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} contains </script");
            assert!(!lower.contains("<!--"), "{name} contains <!--");
        }
        for (name, text) in [("leaflet.css", LEAFLET_CSS), ("map.css", MAP_CSS)] {
            assert!(
                !text.to_ascii_lowercase().contains("</style"),
                "{name} contains </style"
            );
        }
        // the basemap is valid GeoJSON with the governorates
        let admin: Value = serde_json::from_str(BASEMAP_ADMIN1).unwrap();
        assert_eq!(features(&admin).len(), 14);
        let aleppo: Value = serde_json::from_str(BASEMAP_ALEPPO).unwrap();
        assert!(features(&aleppo).len() > 100);
    }

    #[test]
    fn csp_hashes_match_the_inline_scripts() {
        let html = render(&HtmlInput::new(
            json!({"type": "FeatureCollection", "features": []}),
        ));
        for script in [LEAFLET_JS, MAP_JS] {
            let block = format!("<script>{script}</script>");
            assert!(html.contains(&block), "script not inlined byte for byte");
            let h = format!("'sha256-{}'", base64(&sha256(script.as_bytes())));
            assert!(html.contains(&h), "CSP lacks {h}");
        }
        assert!(
            html.contains("img-src data:;"),
            "no remote images without --tiles"
        );
    }

    #[test]
    fn incidents_are_compacted_with_a_string_table() {
        let claims = r#"[{"value":5,"qualifier":"exact","source":"text","text":"5 قتلى"}]"#;
        let fc = json!({"type": "FeatureCollection", "features": [
            incident(json!({"place_name": "الصاخور", "event_type": "airstrike", "killed": 5, "killed_claims": claims}), 37.18, 36.21),
            incident(json!({"place_name": "الصاخور", "event_type": "shelling", "killed": null}), 37.1812345678, 36.2),
            {"type": "Feature", "geometry": null, "properties": {"place_name": "no point"}},
            incident(json!({"place_name": "off the globe"}), 500.0, 0.0),
        ]});
        let c = compact_incidents(&fc);
        assert_eq!(
            c["cols"],
            json!(["event_type", "killed", "killed_claims", "place_name"])
        );
        assert_eq!(c["kinds"], json!(["s", "v", "v", "s"]));
        assert_eq!(c["strings"], json!(["airstrike", "الصاخور", "shelling"]));
        let rows = c["rows"].as_array().unwrap();
        assert_eq!(
            rows.len(),
            2,
            "features without a usable point are left out"
        );
        assert_eq!(rows[0][2], json!(0));
        assert_eq!(
            rows[0][4][0]["value"],
            json!(5),
            "claims JSON text becomes an array"
        );
        assert_eq!(
            rows[1][0],
            json!(37.181235),
            "coordinates rounded to 1e-6 degrees"
        );
        assert_eq!(rows[1][3], Value::Null);
        assert_eq!(
            rows[1][5],
            json!(1),
            "repeated strings share one table entry"
        );
    }

    #[test]
    fn render_is_deterministic_and_keeps_optional_layers() {
        let fc = json!({"type": "FeatureCollection", "features": [
            incident(json!({"place_name": "حلب", "date": "2016-09-24"}), 37.16, 36.2)
        ]});
        let hull = json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"cluster_id": 0},
             "geometry": {"type": "Polygon", "coordinates": [[[37.1, 36.1], [37.2, 36.1], [37.2, 36.2], [37.1, 36.1]]]}}
        ]});
        let mut input = HtmlInput::new(fc);
        input.hulls = Some(hull);
        input.tiles = Some("https://tiles.example/{z}/{x}/{y}.png".into());
        let a = render(&input);
        let b = render(&input);
        assert_eq!(a, b);
        assert!(a.contains("\"hulls\":{\"features\":[{"));
        assert!(a.contains("\"clusters\":null"));
        assert!(a.contains("img-src data: https:"));
        assert!(a.contains("\"basemap\":{\"admin1\":"));
    }
}
