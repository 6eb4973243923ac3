//! QGIS styles (`.qml`): incidents categorised by event type with a fixed colour per type,
//! clusters graduated by size, neighbourhoods graduated by incidents (a choropleth), places
//! categorised by role, hulls as translucent outlines.
//!
//! QGIS loads `<stem>.qml` automatically for a layer file `<stem>.<ext>`, so `incidents.qml`
//! styles `incidents.geojson`, `incidents.geojsons` and `incidents.csv` (whose `event_type` is
//! ACLED's, so there all points take the "other" colour). Inside the GeoPackage the same styles
//! are stored in `layer_styles` as each layer's default. Class breaks are fixed (not data
//! dependent) so maps from different runs compare, and output stays byte-identical.

use super::{Layer, LayerWriter};
use crate::io::write_atomic;
use crate::Result;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Writes `<layer>.qml` beside the layers.
pub struct QmlWriter;

impl LayerWriter for QmlWriter {
    fn write(&self, dir: &Path, layers: &[&Layer]) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for l in layers {
            if let Some(s) = style_for(l) {
                let p = dir.join(format!("{}.qml", l.name));
                write_atomic(&p, s.as_bytes())?;
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// Fixed colour (R, G, B) per athar event type; anything else is drawn white.
pub const EVENT_COLOURS: &[(&str, [u8; 3])] = &[
    ("airstrike", [228, 26, 28]),
    ("barrel_bomb", [153, 0, 13]),
    ("cluster_munition", [255, 127, 0]),
    ("chemical", [77, 175, 74]),
    ("incendiary", [255, 217, 47]),
    ("shelling", [55, 126, 184]),
    ("rocket", [106, 61, 154]),
    ("rocket_artillery", [152, 78, 163]),
    ("cruise_missile", [247, 129, 191]),
    ("ballistic_missile", [166, 86, 40]),
    ("drone_strike", [0, 139, 139]),
    ("car_bomb", [102, 102, 102]),
    ("suicide_bombing", [31, 31, 31]),
    ("ied", [141, 160, 203]),
    ("landmine", [179, 222, 105]),
    ("attack_on_military", [102, 194, 165]),
    ("unspecified_attack", [190, 190, 190]),
];

/// Upper bounds of the count classes (incidents per cluster or neighbourhood): 0, 1–2, 3–5,
/// 6–10, 11–25, 26 and more.
const COUNT_BREAKS: &[(f64, f64, &str)] = &[
    (0.0, 0.0, "0"),
    (0.0, 2.0, "1 – 2"),
    (2.0, 5.0, "3 – 5"),
    (5.0, 10.0, "6 – 10"),
    (10.0, 25.0, "11 – 25"),
    (25.0, 1.0e9, "26 +"),
];

/// YlOrRd, one colour per count class.
const RAMP: &[[u8; 3]] = &[
    [240, 240, 240],
    [255, 237, 160],
    [254, 178, 76],
    [253, 141, 60],
    [240, 59, 32],
    [189, 0, 38],
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Symbol-layer properties, written both as the QGIS ≥ 3.22 `Option` map and the older `prop`
/// list so every QGIS 3 reads them.
fn props(out: &mut String, kv: &[(&str, String)]) {
    out.push_str("        <Option type=\"Map\">\n");
    for (k, v) in kv {
        let _ = writeln!(
            out,
            "          <Option type=\"QString\" name=\"{k}\" value=\"{}\"/>",
            esc(v)
        );
    }
    out.push_str("        </Option>\n");
    for (k, v) in kv {
        let _ = writeln!(out, "        <prop k=\"{k}\" v=\"{}\"/>", esc(v));
    }
}

fn rgba(c: [u8; 3], a: u8) -> String {
    format!("{},{},{},{a}", c[0], c[1], c[2])
}

fn marker(out: &mut String, name: usize, fill: [u8; 3], size: f64) {
    let _ = writeln!(
        out,
        "    <symbol type=\"marker\" name=\"{name}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n      <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">"
    );
    props(
        out,
        &[
            ("name", "circle".into()),
            ("color", rgba(fill, 255)),
            ("outline_color", "35,35,35,255".into()),
            ("outline_style", "solid".into()),
            ("outline_width", "0.2".into()),
            ("outline_width_unit", "MM".into()),
            ("size", format!("{size}")),
            ("size_unit", "MM".into()),
        ],
    );
    out.push_str("      </layer>\n    </symbol>\n");
}

fn fill(out: &mut String, name: usize, fill: [u8; 3], alpha: u8, outline: [u8; 3]) {
    let _ = writeln!(
        out,
        "    <symbol type=\"fill\" name=\"{name}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n      <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">"
    );
    props(
        out,
        &[
            ("color", rgba(fill, alpha)),
            ("style", "solid".into()),
            ("outline_color", rgba(outline, 255)),
            ("outline_style", "solid".into()),
            ("outline_width", "0.3".into()),
            ("outline_width_unit", "MM".into()),
        ],
    );
    out.push_str("      </layer>\n    </symbol>\n");
}

const HEAD: &str = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n";
const TAIL: &str = "</qgis>\n";

/// A categorised renderer on `attr`: one class per (value, label, colour), then "all other
/// values" (empty value) drawn in `other`.
fn categorized(attr: &str, classes: &[(&str, &str, [u8; 3])], other: [u8; 3]) -> String {
    let mut s = String::from(HEAD);
    let _ = writeln!(
        s,
        "  <renderer-v2 type=\"categorizedSymbol\" attr=\"{}\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n  <categories>",
        esc(attr)
    );
    for (k, (value, label, _)) in classes.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <category render=\"true\" symbol=\"{k}\" value=\"{}\" label=\"{}\"/>",
            esc(value),
            esc(label)
        );
    }
    let _ = writeln!(
        s,
        "    <category render=\"true\" symbol=\"{}\" value=\"\" label=\"other\"/>\n  </categories>\n  <symbols>",
        classes.len()
    );
    for (k, (_, _, c)) in classes.iter().enumerate() {
        marker(&mut s, k, *c, 2.4);
    }
    marker(&mut s, classes.len(), other, 2.0);
    s.push_str("  </symbols>\n  </renderer-v2>\n");
    s.push_str(TAIL);
    s
}

/// A graduated renderer on a count field with the fixed [`COUNT_BREAKS`].
fn graduated(attr: &str, polygons: bool) -> String {
    let mut s = String::from(HEAD);
    let _ = writeln!(
        s,
        "  <renderer-v2 type=\"graduatedSymbol\" attr=\"{attr}\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n  <ranges>"
    );
    for (k, (lo, hi, label)) in COUNT_BREAKS.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <range render=\"true\" symbol=\"{k}\" lower=\"{lo:.6}\" upper=\"{hi:.6}\" label=\"{label}\"/>"
        );
    }
    s.push_str("  </ranges>\n  <symbols>\n");
    for (k, c) in RAMP.iter().enumerate() {
        if polygons {
            fill(&mut s, k, *c, 200, [80, 80, 80]);
        } else {
            marker(&mut s, k, *c, 2.0 + 1.5 * k as f64);
        }
    }
    s.push_str("  </symbols>\n  </renderer-v2>\n");
    s.push_str(TAIL);
    s
}

fn single_fill(c: [u8; 3], alpha: u8) -> String {
    let mut s = String::from(HEAD);
    s.push_str("  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n  <symbols>\n");
    fill(&mut s, 0, c, alpha, c);
    s.push_str("  </symbols>\n  </renderer-v2>\n");
    s.push_str(TAIL);
    s
}

/// The QML style for one of athar's layers (by layer name), `None` for other layers.
pub fn style_for(layer: &Layer) -> Option<String> {
    match layer.name.as_str() {
        "incidents" => {
            let classes: Vec<(&str, &str, [u8; 3])> =
                EVENT_COLOURS.iter().map(|(t, c)| (*t, *t, *c)).collect();
            Some(categorized("event_type", &classes, [255, 255, 255]))
        }
        "clusters" => Some(graduated("incidents", false)),
        "neighbourhoods" => Some(graduated("incidents", true)),
        "cluster_hulls" => Some(single_fill([227, 26, 28], 60)),
        "places" => Some(categorized(
            "role",
            &[("incident", "incident", [228, 26, 28])],
            [150, 150, 150],
        )),
        _ => None,
    }
}
