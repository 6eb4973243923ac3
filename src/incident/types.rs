//! The incident record: what every layer writer and the web map read.

use serde::{Deserialize, Serialize};

/// How sure a casualty figure is, as the text words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    Approx,
    Vague,
}

/// One casualty figure and who gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        v.insert(
            "killed_claims".into(),
            claims_json(&self.killed_claims).into(),
        );
        v.insert(
            "wounded_claims".into(),
            claims_json(&self.wounded_claims).into(),
        );
        v.insert(
            "confidence".into(),
            serde_json::json!((self.confidence * 100.0).round() / 100.0),
        );
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

/// The properties of an incident feature, fields in sorted order: serialises to the same
/// bytes as [`Incident::properties`] without building a JSON tree (the writers' hot path).
#[derive(Serialize)]
struct IncidentProps<'a> {
    actor1: &'a Option<String>,
    actor1_norm: &'a Option<String>,
    admin1: &'a Option<String>,
    admin2: &'a Option<String>,
    casualty_scope: &'a str,
    cluster_id: Option<i64>,
    confidence: f64,
    country: &'a str,
    date: &'a Option<String>,
    date_text: &'a Option<String>,
    doc: &'a str,
    event_type: &'a str,
    geo_precision: u8,
    id: &'a str,
    killed: Option<u64>,
    killed_claims: String,
    killed_high: Option<u64>,
    killed_low: Option<u64>,
    mention_end: usize,
    mention_start: usize,
    place_id: &'a str,
    place_kind: &'a str,
    place_mention: &'a str,
    place_name: &'a str,
    place_name_en: &'a str,
    reason: &'a str,
    snippet: &'a str,
    sources: u32,
    sub_event_type: &'a str,
    target: &'a Option<String>,
    time_precision: u8,
    weapon: &'a Option<String>,
    wounded: Option<u64>,
    wounded_claims: String,
    wounded_high: Option<u64>,
    wounded_low: Option<u64>,
}

#[derive(Serialize)]
struct PointOut {
    coordinates: [f64; 2],
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct FeatureOut<'a, P> {
    geometry: PointOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    properties: P,
    #[serde(rename = "type")]
    kind: &'static str,
}

impl Incident {
    /// Write the feature of [`Incident::to_feature`], byte for byte, straight to `w`.
    pub fn write_feature<W: std::io::Write>(&self, w: W) -> serde_json::Result<()> {
        let i = self;
        let props = IncidentProps {
            actor1: &i.actor1,
            actor1_norm: &i.actor1_norm,
            admin1: &i.admin1,
            admin2: &i.admin2,
            casualty_scope: &i.casualty_scope,
            cluster_id: i.cluster_id,
            confidence: (i.confidence * 100.0).round() / 100.0,
            country: &i.country,
            date: &i.date,
            date_text: &i.date_text,
            doc: &i.doc,
            event_type: &i.event_type,
            geo_precision: i.geo_precision,
            id: &i.id,
            killed: i.killed,
            killed_claims: claims_json(&i.killed_claims),
            killed_high: i.killed_high,
            killed_low: i.killed_low,
            mention_end: i.mention_end,
            mention_start: i.mention_start,
            place_id: &i.place_id,
            place_kind: &i.place_kind,
            place_mention: &i.place_mention,
            place_name: &i.place_name,
            place_name_en: &i.place_name_en,
            reason: &i.reason,
            snippet: &i.snippet,
            sources: i.sources,
            sub_event_type: &i.sub_event_type,
            target: &i.target,
            time_precision: i.time_precision,
            weapon: &i.weapon,
            wounded: i.wounded,
            wounded_claims: claims_json(&i.wounded_claims),
            wounded_high: i.wounded_high,
            wounded_low: i.wounded_low,
        };
        serde_json::to_writer(
            w,
            &FeatureOut {
                geometry: PointOut {
                    coordinates: [round7(i.lon), round7(i.lat)],
                    kind: "Point",
                },
                id: Some(&i.id),
                properties: props,
                kind: "Feature",
            },
        )
    }
}

/// The properties of a place-mention feature, fields in sorted order (see [`IncidentProps`]).
#[derive(Serialize)]
struct PlaceProps<'a> {
    confidence: f64,
    country: &'a str,
    doc: &'a str,
    mention_end: usize,
    mention_start: usize,
    place_id: &'a str,
    place_kind: &'a str,
    place_mention: &'a str,
    place_name: &'a str,
    place_name_en: &'a str,
    reason: &'a str,
    role: &'a str,
    snippet: &'a str,
}

impl PlaceRecord {
    /// Write the feature of [`PlaceRecord::to_feature`], byte for byte, straight to `w`.
    pub fn write_feature<W: std::io::Write>(&self, w: W) -> serde_json::Result<()> {
        let p = self;
        serde_json::to_writer(
            w,
            &FeatureOut {
                geometry: PointOut {
                    coordinates: [round7(p.lon), round7(p.lat)],
                    kind: "Point",
                },
                id: None,
                properties: PlaceProps {
                    confidence: p.confidence,
                    country: &p.country,
                    doc: &p.doc,
                    mention_end: p.mention_end,
                    mention_start: p.mention_start,
                    place_id: &p.place_id,
                    place_kind: &p.place_kind,
                    place_mention: &p.place_mention,
                    place_name: &p.place_name,
                    place_name_en: &p.place_name_en,
                    reason: &p.reason,
                    role: &p.role,
                    snippet: &p.snippet,
                },
                kind: "Feature",
            },
        )
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

fn get_str(p: &serde_json::Map<String, serde_json::Value>, k: &str) -> Option<String> {
    p.get(k).and_then(|v| v.as_str()).map(String::from)
}

fn get_u64(p: &serde_json::Map<String, serde_json::Value>, k: &str) -> Option<u64> {
    p.get(k).and_then(|v| v.as_u64())
}

fn get_claims(
    p: &serde_json::Map<String, serde_json::Value>,
    k: &str,
) -> Result<Vec<Claim>, String> {
    match p.get(k) {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(serde_json::Value::String(s)) => {
            serde_json::from_str(s).map_err(|e| format!("{k} is not a JSON list of claims: {e}"))
        }
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("{k}: {e}")),
    }
}

impl Incident {
    /// Rebuild an incident from a GeoJSON Feature written by athar (for re-clustering merged
    /// shards). Unknown fields are ignored; missing ones are null.
    pub fn from_feature(f: &serde_json::Value) -> Result<Incident, String> {
        let g = f.get("geometry").ok_or("no geometry")?;
        if g.get("type").and_then(|t| t.as_str()) != Some("Point") {
            return Err("geometry is not a Point".into());
        }
        let c = g
            .get("coordinates")
            .and_then(|c| c.as_array())
            .ok_or("Point without coordinates")?;
        let lon = c
            .first()
            .and_then(|x| x.as_f64())
            .ok_or("longitude is not a number")?;
        let lat = c
            .get(1)
            .and_then(|x| x.as_f64())
            .ok_or("latitude is not a number")?;
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("coordinates out of range: [{lon}, {lat}]"));
        }
        let empty = serde_json::Map::new();
        let p = f
            .get("properties")
            .and_then(|p| p.as_object())
            .unwrap_or(&empty);
        let s = |k: &str| get_str(p, k).unwrap_or_default();
        Ok(Incident {
            id: s("id"),
            doc: s("doc"),
            place_mention: s("place_mention"),
            place_name: s("place_name"),
            place_name_en: s("place_name_en"),
            place_id: s("place_id"),
            place_kind: s("place_kind"),
            admin1: get_str(p, "admin1"),
            admin2: get_str(p, "admin2"),
            country: s("country"),
            lon,
            lat,
            geo_precision: get_u64(p, "geo_precision").unwrap_or(1).min(3) as u8,
            event_type: get_str(p, "event_type").unwrap_or_else(|| "unspecified_attack".into()),
            sub_event_type: s("sub_event_type"),
            weapon: get_str(p, "weapon"),
            target: get_str(p, "target"),
            actor1: get_str(p, "actor1"),
            actor1_norm: get_str(p, "actor1_norm"),
            date: get_str(p, "date"),
            date_text: get_str(p, "date_text"),
            time_precision: get_u64(p, "time_precision").unwrap_or(3).min(3) as u8,
            killed: get_u64(p, "killed"),
            killed_low: get_u64(p, "killed_low"),
            killed_high: get_u64(p, "killed_high"),
            killed_claims: get_claims(p, "killed_claims")?,
            wounded: get_u64(p, "wounded"),
            wounded_low: get_u64(p, "wounded_low"),
            wounded_high: get_u64(p, "wounded_high"),
            wounded_claims: get_claims(p, "wounded_claims")?,
            casualty_scope: get_str(p, "casualty_scope").unwrap_or_else(|| "none".into()),
            mention_start: get_u64(p, "mention_start").unwrap_or(0) as usize,
            mention_end: get_u64(p, "mention_end").unwrap_or(0) as usize,
            snippet: s("snippet"),
            reason: s("reason"),
            confidence: p.get("confidence").and_then(|v| v.as_f64()).unwrap_or(0.0),
            sources: get_u64(p, "sources").unwrap_or(1).max(1) as u32,
            cluster_id: None,
        })
    }
}
