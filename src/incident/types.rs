//! The incident record: what every layer writer and the web map read.

use serde::Serialize;

/// How sure a casualty figure is, as the text words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    Approx,
    Vague,
}

/// One casualty figure and who gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The number; `None` for vague figures such as «العشرات» (then `text` holds the words).
    pub value: Option<u64>,
    pub qualifier: Qualifier,
    /// Who said it, as written («المرصد السوري لحقوق الإنسان»), or "text" when unattributed.
    pub source: String,
    /// The words the figure came from.
    pub text: String,
}

/// One place where an attack landed, with what, who, when and how many.
///
/// Every field is flat and has one type in every incident (null when unknown), so that the
/// layers open with typed fields in QGIS. Offsets are Unicode code points into the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Stable id: `{doc}-{n}`.
    pub id: String,
    pub doc: String,
    pub place_mention: String,
    pub place_name: String,
    pub place_name_en: String,
    pub place_id: String,
    pub place_kind: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub country: String,
    pub lon: f64,
    pub lat: f64,
    /// ACLED geo-precision 1–3.
    pub geo_precision: u8,
    pub event_type: String,
    pub sub_event_type: String,
    pub weapon: Option<String>,
    pub target: Option<String>,
    /// Actors as written, `; `-joined when several are suspected.
    pub actor1: Option<String>,
    /// Actors normalised to English labels, `; `-joined.
    pub actor1_norm: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// ACLED time precision 1 (day) – 3 (month or vaguer).
    pub time_precision: u8,
    pub killed: Option<u64>,
    pub killed_low: Option<u64>,
    pub killed_high: Option<u64>,
    pub killed_claims: Vec<Claim>,
    pub wounded: Option<u64>,
    pub wounded_low: Option<u64>,
    pub wounded_high: Option<u64>,
    pub wounded_claims: Vec<Claim>,
    /// `place` (the figure is for this place), `event` (shared by the places of one event),
    /// `document` (a toll for the whole report), or `none`.
    pub casualty_scope: String,
    pub mention_start: usize,
    pub mention_end: usize,
    pub snippet: String,
    pub reason: String,
    pub confidence: f64,
    /// Number of reports merged into this incident.
    pub sources: u32,
    /// Cluster label after clustering (`-1` = noise, `None` before clustering).
    pub cluster_id: Option<i64>,
}

/// A place mention with the role the text gives it: the audit trail behind the incidents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRecord {
    pub doc: String,
    pub place_mention: String,
    pub place_name: String,
    pub place_name_en: String,
    pub place_id: String,
    pub place_kind: String,
    pub country: String,
    pub lon: f64,
    pub lat: f64,
    /// `incident`, `origin_of_fire`, `organisation_seat`, `region_context`, …
    pub role: String,
    pub reason: String,
    pub confidence: f64,
    pub mention_start: usize,
    pub mention_end: usize,
    pub snippet: String,
}

fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

fn claims_json(c: &[Claim]) -> String {
    serde_json::to_string(c).unwrap_or_else(|_| "[]".into())
}

impl Incident {
    /// Flat properties, one JSON type per field (claims as JSON text), keys sorted.
    pub fn properties(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut v = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        v.insert("killed_claims".into(), claims_json(&self.killed_claims).into());
        v.insert("wounded_claims".into(), claims_json(&self.wounded_claims).into());
        v.insert("confidence".into(), serde_json::json!((self.confidence * 100.0).round() / 100.0));
        v.remove("lon");
        v.remove("lat");
        v
    }

    /// A GeoJSON Feature (RFC 7946: lon/lat, at most 7 decimals).
    pub fn to_feature(&self) -> serde_json::Value {
        serde_json::json!({
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [round7(self.lon), round7(self.lat)]},
            "properties": self.properties(),
        })
    }
}

impl PlaceRecord {
    /// A GeoJSON Feature (RFC 7946: lon/lat, at most 7 decimals).
    pub fn to_feature(&self) -> serde_json::Value {
        let mut p = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        p.remove("lon");
        p.remove("lat");
        serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round7(self.lon), round7(self.lat)]},
            "properties": p,
        })
    }
}
