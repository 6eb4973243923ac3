//! Builders: incidents, places, clusters, hulls and neighbourhoods as typed [`Layer`]s.

use super::{Feature, Field, FieldType, Geometry, GeometryType, Layer, Value};
use crate::cluster::Cluster;
use crate::incident::{Claim, Incident, PlaceRecord};
use crate::{Error, Result};
use chrono::NaiveDate;
use geo::{Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use std::collections::{BTreeMap, BTreeSet};

use FieldType::{Date, Int, Real, Text};

/// A neighbourhood outline from the gazetteer, for the choropleth layer.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourhoodPolygon {
    /// Gazetteer id of the neighbourhood (matched against `Incident::place_id`).
    pub place_id: String,
    pub name_ar: String,
    pub name_en: String,
    /// Outline, WGS84 lon/lat degrees.
    pub polygon: MultiPolygon<f64>,
}

fn fields(spec: &[(&str, FieldType)]) -> Vec<Field> {
    spec.iter().map(|&(n, t)| Field::new(n, t)).collect()
}

fn point(lon: f64, lat: f64) -> Option<Geometry> {
    (lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0)
        .then(|| Geometry::Point(Point::new(lon, lat)))
}

fn claims_json(claims: &[Claim]) -> Value {
    // Serialising plain strings, numbers and enums cannot fail; fall back to an empty list.
    Value::Text(
        serde_json::to_string(claims)
            .unwrap_or_else(|_| "[]".into())
            .into(),
    )
}

const INCIDENT_FIELDS: &[(&str, FieldType)] = &[
    ("id", Text),
    ("doc", Text),
    ("place_mention", Text),
    ("place_name", Text),
    ("place_name_en", Text),
    ("place_id", Text),
    ("place_kind", Text),
    ("admin1", Text),
    ("admin2", Text),
    ("country", Text),
    ("lon", Real),
    ("lat", Real),
    ("geo_precision", Int),
    ("event_type", Text),
    ("sub_event_type", Text),
    ("weapon", Text),
    ("target", Text),
    ("actor1", Text),
    ("actor1_norm", Text),
    ("date", Date),
    ("date_text", Text),
    ("time_precision", Int),
    ("killed", Int),
    ("killed_low", Int),
    ("killed_high", Int),
    ("killed_claims", Text),
    ("wounded", Int),
    ("wounded_low", Int),
    ("wounded_high", Int),
    ("wounded_claims", Text),
    ("casualty_scope", Text),
    ("mention_start", Int),
    ("mention_end", Int),
    ("snippet", Text),
    ("reason", Text),
    ("confidence", Real),
    ("sources", Int),
    ("cluster_id", Int),
];

/// Incidents as Points with every [`Incident`] field as a flat typed property, in declaration
/// order; `date` is a Date, `killed_claims` / `wounded_claims` are JSON text, `cluster_id` an Int
/// (null before clustering, -1 for noise). Incidents with impossible coordinates get a null
/// geometry rather than a point at 0,0.
pub fn incidents_layer(incidents: &[Incident]) -> Layer {
    let mut layer = Layer::new("incidents", GeometryType::Point, fields(INCIDENT_FIELDS));
    layer.features = incidents
        .iter()
        .map(|i| Feature {
            geometry: point(i.lon, i.lat),
            values: vec![
                Value::text(&i.id),
                Value::text(&i.doc),
                Value::text(&i.place_mention),
                Value::text(&i.place_name),
                Value::text(&i.place_name_en),
                Value::text(&i.place_id),
                Value::text(&i.place_kind),
                Value::opt_text(i.admin1.as_deref()),
                Value::opt_text(i.admin2.as_deref()),
                Value::text(&i.country),
                Value::real(i.lon),
                Value::real(i.lat),
                Value::Int(i.geo_precision.into()),
                Value::text(&i.event_type),
                Value::text(&i.sub_event_type),
                Value::opt_text(i.weapon.as_deref()),
                Value::opt_text(i.target.as_deref()),
                Value::opt_text(i.actor1.as_deref()),
                Value::opt_text(i.actor1_norm.as_deref()),
                Value::iso_date(i.date.as_deref()),
                Value::opt_text(i.date_text.as_deref()),
                Value::Int(i.time_precision.into()),
                Value::opt_u64(i.killed),
                Value::opt_u64(i.killed_low),
                Value::opt_u64(i.killed_high),
                claims_json(&i.killed_claims),
                Value::opt_u64(i.wounded),
                Value::opt_u64(i.wounded_low),
                Value::opt_u64(i.wounded_high),
                claims_json(&i.wounded_claims),
                Value::text(&i.casualty_scope),
                Value::opt_u64(Some(i.mention_start as u64)),
                Value::opt_u64(Some(i.mention_end as u64)),
                Value::text(&i.snippet),
                Value::text(&i.reason),
                Value::real(i.confidence),
                Value::Int(i.sources.into()),
                i.cluster_id.map_or(Value::Null, Value::Int),
            ],
        })
        .collect();
    layer
}

/// ACLED's event type for its sub-event type (ACLED codebook), so the CSV can be appended to
/// ACLED tables; unknown sub-event types give an empty event type.
const ACLED_EVENT_TYPES: &[(&str, &str)] = &[
    ("Air/drone strike", "Explosions/Remote violence"),
    (
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
    ),
    (
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
    ),
    ("Suicide bomb", "Explosions/Remote violence"),
    ("Chemical weapon", "Explosions/Remote violence"),
    ("Grenade", "Explosions/Remote violence"),
    ("Armed clash", "Battles"),
    ("Government regains territory", "Battles"),
    ("Non-state actor overtakes territory", "Battles"),
    ("Attack", "Violence against civilians"),
    (
        "Abduction/forced disappearance",
        "Violence against civilians",
    ),
    ("Sexual violence", "Violence against civilians"),
];

/// The ACLED event type for a sub-event type ("" when not in ACLED's list).
pub fn acled_event_type(sub_event_type: &str) -> &'static str {
    ACLED_EVENT_TYPES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(sub_event_type.trim()))
        .map_or("", |(_, e)| e)
}

const ACLED_FIELDS: &[(&str, FieldType)] = &[
    ("event_id_cnty", Text),
    ("event_date", Date),
    ("year", Int),
    ("time_precision", Int),
    ("event_type", Text),
    ("sub_event_type", Text),
    ("actor1", Text),
    ("country", Text),
    ("admin1", Text),
    ("admin2", Text),
    ("location", Text),
    ("latitude", Real),
    ("longitude", Real),
    ("geo_precision", Int),
    ("source", Text),
    ("notes", Text),
    ("fatalities", Int),
    // athar extras
    ("athar_event_type", Text),
    ("doc", Text),
    ("place_mention", Text),
    ("place_name", Text),
    ("place_name_en", Text),
    ("place_id", Text),
    ("place_kind", Text),
    ("weapon", Text),
    ("target", Text),
    ("actor1_norm", Text),
    ("date_text", Text),
    ("killed_low", Int),
    ("killed_high", Int),
    ("killed_claims", Text),
    ("wounded", Int),
    ("wounded_low", Int),
    ("wounded_high", Int),
    ("wounded_claims", Text),
    ("casualty_scope", Text),
    ("mention_start", Int),
    ("mention_end", Int),
    ("reason", Text),
    ("confidence", Real),
    ("sources", Int),
    ("cluster_id", Int),
];

/// Who reported an incident, ACLED-style: the distinct named sources of its casualty claims
/// (sorted, `; `-joined), else the document id.
fn acled_source(i: &Incident) -> String {
    let named: BTreeSet<&str> = i
        .killed_claims
        .iter()
        .chain(&i.wounded_claims)
        .map(|c| c.source.trim())
        .filter(|s| !s.is_empty() && *s != "text")
        .collect();
    if named.is_empty() {
        i.doc.clone()
    } else {
        named.into_iter().collect::<Vec<_>>().join("; ")
    }
}

/// Incidents under ACLED column names (for the CSV): `event_id_cnty` = incident id,
/// `event_date` ISO, `event_type` ACLED's (from `sub_event_type`), `location` the English place
/// name (Arabic when none), `notes` the snippet, `fatalities` the conservative best (empty when
/// no figure was reported: unknown is not zero), then athar's own columns.
pub fn incidents_acled_layer(incidents: &[Incident]) -> Layer {
    let mut layer = Layer::new("incidents", GeometryType::Point, fields(ACLED_FIELDS));
    layer.features = incidents
        .iter()
        .map(|i| {
            let date = Value::iso_date(i.date.as_deref());
            let year = match &date {
                Value::Date(d) => Value::Int(chrono::Datelike::year(d).into()),
                _ => Value::Null,
            };
            let location = if i.place_name_en.trim().is_empty() {
                &i.place_name
            } else {
                &i.place_name_en
            };
            Feature {
                geometry: point(i.lon, i.lat),
                values: vec![
                    Value::text(&i.id),
                    date,
                    year,
                    Value::Int(i.time_precision.into()),
                    Value::text(acled_event_type(&i.sub_event_type)),
                    Value::text(&i.sub_event_type),
                    Value::opt_text(i.actor1_norm.as_deref().or(i.actor1.as_deref())),
                    Value::text(&i.country),
                    Value::opt_text(i.admin1.as_deref()),
                    Value::opt_text(i.admin2.as_deref()),
                    Value::text(location),
                    Value::real(i.lat),
                    Value::real(i.lon),
                    Value::Int(i.geo_precision.into()),
                    Value::text(&acled_source(i)),
                    Value::text(&i.snippet),
                    Value::opt_u64(i.killed),
                    Value::text(&i.event_type),
                    Value::text(&i.doc),
                    Value::text(&i.place_mention),
                    Value::text(&i.place_name),
                    Value::text(&i.place_name_en),
                    Value::text(&i.place_id),
                    Value::text(&i.place_kind),
                    Value::opt_text(i.weapon.as_deref()),
                    Value::opt_text(i.target.as_deref()),
                    Value::opt_text(i.actor1_norm.as_deref()),
                    Value::opt_text(i.date_text.as_deref()),
                    Value::opt_u64(i.killed_low),
                    Value::opt_u64(i.killed_high),
                    claims_json(&i.killed_claims),
                    Value::opt_u64(i.wounded),
                    Value::opt_u64(i.wounded_low),
                    Value::opt_u64(i.wounded_high),
                    claims_json(&i.wounded_claims),
                    Value::text(&i.casualty_scope),
                    Value::opt_u64(Some(i.mention_start as u64)),
                    Value::opt_u64(Some(i.mention_end as u64)),
                    Value::text(&i.reason),
                    Value::real(i.confidence),
                    Value::Int(i.sources.into()),
                    i.cluster_id.map_or(Value::Null, Value::Int),
                ],
            }
        })
        .collect();
    layer
}

const PLACE_FIELDS: &[(&str, FieldType)] = &[
    ("doc", Text),
    ("place_mention", Text),
    ("place_name", Text),
    ("place_name_en", Text),
    ("place_id", Text),
    ("place_kind", Text),
    ("country", Text),
    ("lon", Real),
    ("lat", Real),
    ("role", Text),
    ("reason", Text),
    ("confidence", Real),
    ("mention_start", Int),
    ("mention_end", Int),
    ("snippet", Text),
];

/// Every place mention with its role (Points), for auditing why a place is or is not an incident.
pub fn places_layer(places: &[PlaceRecord]) -> Layer {
    let mut layer = Layer::new("places", GeometryType::Point, fields(PLACE_FIELDS));
    layer.features = places
        .iter()
        .map(|p| Feature {
            geometry: point(p.lon, p.lat),
            values: vec![
                Value::text(&p.doc),
                Value::text(&p.place_mention),
                Value::text(&p.place_name),
                Value::text(&p.place_name_en),
                Value::text(&p.place_id),
                Value::text(&p.place_kind),
                Value::text(&p.country),
                Value::real(p.lon),
                Value::real(p.lat),
                Value::text(&p.role),
                Value::text(&p.reason),
                Value::real(p.confidence),
                Value::opt_u64(Some(p.mention_start as u64)),
                Value::opt_u64(Some(p.mention_end as u64)),
                Value::text(&p.snippet),
            ],
        })
        .collect();
    layer
}

/// Totals over a group of incidents, shared by clusters, hulls and neighbourhoods.
#[derive(Default)]
struct Tally<'a> {
    incidents: i64,
    /// Sum of known conservative bests; `None` when no incident has a figure.
    killed: Option<i64>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    event_types: BTreeSet<&'a str>,
    places: BTreeSet<&'a str>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, i: &'a Incident) {
        self.incidents += 1;
        if let Some(k) = i.killed.and_then(|k| i64::try_from(k).ok()) {
            self.killed = Some(self.killed.unwrap_or(0).saturating_add(k));
        }
        if let Value::Date(d) = Value::iso_date(i.date.as_deref()) {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
        if !i.event_type.is_empty() {
            self.event_types.insert(&i.event_type);
        }
        if !i.place_name.is_empty() {
            self.places.insert(&i.place_name);
        }
    }
    fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Null, Value::Date)
    }
    fn join(s: &BTreeSet<&str>) -> Value {
        Value::Text(s.iter().copied().collect::<Vec<_>>().join("; ").into())
    }
}

fn cluster_tally<'a>(incidents: &'a [Incident], c: &Cluster) -> Result<Tally<'a>> {
    let mut t = Tally::default();
    for &m in &c.members {
        let i = incidents.get(m).ok_or_else(|| {
            Error::usage(format!(
                "cluster {} names incident #{m} but there are only {} incidents",
                c.id,
                incidents.len()
            ))
        })?;
        t.add(i);
    }
    Ok(t)
}

/// Days since 1970-01-01 → date (used when members carry no ISO date).
fn day_to_date(t: Option<f64>) -> Option<NaiveDate> {
    let t = t.filter(|t| t.is_finite())?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_signed(chrono::Duration::try_days(t.floor() as i64)?)
}

const CLUSTER_FIELDS: &[(&str, FieldType)] = &[
    ("cluster_id", Int),
    ("incidents", Int),
    ("killed", Int),
    ("first_date", Date),
    ("last_date", Date),
    ("event_types", Text),
    ("places", Text),
    ("radius_m", Real),
    ("lon", Real),
    ("lat", Real),
];

fn cluster_values(t: &Tally, c: &Cluster) -> Vec<Value> {
    let first = t.first.or_else(|| day_to_date(c.first_t));
    let last = t.last.or_else(|| day_to_date(c.last_t));
    vec![
        Value::Int(c.id),
        Value::Int(t.incidents),
        t.killed.map_or(Value::Null, Value::Int),
        Tally::date(first),
        Tally::date(last),
        Tally::join(&t.event_types),
        Tally::join(&t.places),
        Value::real((c.radius_m * 10.0).round() / 10.0),
        Value::real(c.lon),
        Value::real(c.lat),
    ]
}

/// Clusters as Points at their centroid: `cluster_id`, `incidents`, `killed` (sum of the members'
/// conservative bests, null when none has a figure), `first_date` / `last_date`, `event_types`
/// and `places` (distinct Arabic names, sorted, `; `-joined), `radius_m` (metres, 0.1 m), and the
/// centroid's `lon` / `lat`. Noise (id < 0) is not a cluster and is left out.
pub fn clusters_layer(incidents: &[Incident], clusters: &[Cluster]) -> Result<Layer> {
    let mut layer = Layer::new("clusters", GeometryType::Point, fields(CLUSTER_FIELDS));
    for c in sorted_clusters(clusters) {
        let t = cluster_tally(incidents, c)?;
        layer.features.push(Feature {
            geometry: point(c.lon, c.lat),
            values: cluster_values(&t, c),
        });
    }
    Ok(layer)
}

fn sorted_clusters(clusters: &[Cluster]) -> Vec<&Cluster> {
    let mut v: Vec<&Cluster> = clusters.iter().filter(|c| c.id >= 0).collect();
    v.sort_by_key(|c| c.id);
    v
}

/// Signed area of a ring (shoelace, degrees²): positive when counter-clockwise.
fn signed_area(ring: &[Coord<f64>]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum::<f64>()
        / 2.0
}

/// A closed ring oriented as RFC 7946 asks (exterior counter-clockwise, holes clockwise), or
/// `None` when fewer than three distinct points remain after dropping non-finite and
/// out-of-range (not WGS84 degrees) ones.
fn ring(coords: impl IntoIterator<Item = Coord<f64>>, exterior: bool) -> Option<LineString<f64>> {
    let mut v: Vec<Coord<f64>> = coords
        .into_iter()
        .filter(|c| c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0)
        .collect();
    v.dedup();
    if v.len() > 1 && v.first() == v.last() {
        v.pop();
    }
    if v.len() < 3 {
        return None;
    }
    v.push(v[0]);
    let ccw = signed_area(&v) > 0.0;
    if ccw != exterior {
        v.reverse();
    }
    Some(LineString::new(v))
}

fn polygon(p: &Polygon<f64>) -> Option<Polygon<f64>> {
    let ext = ring(p.exterior().coords().copied(), true)?;
    let holes = p
        .interiors()
        .iter()
        .filter_map(|h| ring(h.coords().copied(), false))
        .collect();
    Some(Polygon::new(ext, holes))
}

/// Cluster hulls as Polygons with the same id and totals as [`clusters_layer`] (the hull ring
/// comes from the clustering stage, which already swaps degenerate hulls for a small circle).
pub fn cluster_hulls_layer(incidents: &[Incident], clusters: &[Cluster]) -> Result<Layer> {
    let mut layer = Layer::new(
        "cluster_hulls",
        GeometryType::Polygon,
        fields(&CLUSTER_FIELDS[..8]),
    );
    for c in sorted_clusters(clusters) {
        let t = cluster_tally(incidents, c)?;
        let mut values = cluster_values(&t, c);
        values.truncate(8);
        let geometry = ring(c.hull.iter().map(|&(x, y)| Coord { x, y }), true)
            .map(|r| Geometry::Polygon(Polygon::new(r, vec![])));
        layer.features.push(Feature { geometry, values });
    }
    Ok(layer)
}

/// Place kinds whose point marks where a strike landed closely enough to place it inside a
/// neighbourhood outline. A city's or district's point is only its centre, so incidents there are
/// not attributed to whichever neighbourhood happens to contain the centre.
const POINT_IN_POLYGON_KINDS: &[&str] = &["neighbourhood", "site", "camp"];

/// Neighbourhood outlines (MultiPolygons) with `incidents`, `killed` (sum of bests, null when
/// none known), `first_date`, `last_date`: a ready choropleth.
///
/// An incident counts for a neighbourhood when its `place_id` is the neighbourhood's
/// `place_id`; otherwise, when its place is a site, camp or neighbourhood without an outline, it
/// counts for the first neighbourhood (by `place_id`) whose outline contains its point. So each
/// incident counts at most once, and a city-wide report is never pinned to one neighbourhood.
pub fn neighbourhoods_layer(polys: &[NeighbourhoodPolygon], incidents: &[Incident]) -> Layer {
    let mut layer = Layer::new(
        "neighbourhoods",
        GeometryType::MultiPolygon,
        fields(&[
            ("place_id", Text),
            ("name_ar", Text),
            ("name_en", Text),
            ("incidents", Int),
            ("killed", Int),
            ("first_date", Date),
            ("last_date", Date),
        ]),
    );
    let mut order: Vec<usize> = (0..polys.len()).collect();
    order.sort_by(|&a, &b| {
        polys[a]
            .place_id
            .cmp(&polys[b].place_id)
            .then(polys[a].name_ar.cmp(&polys[b].name_ar))
    });
    let by_id: BTreeMap<&str, usize> = order
        .iter()
        .rev()
        .map(|&k| (polys[k].place_id.as_str(), k))
        .collect();
    let bboxes: Vec<Option<(f64, f64, f64, f64)>> = polys
        .iter()
        .map(|p| Geometry::MultiPolygon(p.polygon.clone()).bbox())
        .collect();
    let mut tallies: Vec<Tally> = polys.iter().map(|_| Tally::default()).collect();
    for i in incidents {
        let k = by_id.get(i.place_id.as_str()).copied().or_else(|| {
            if !POINT_IN_POLYGON_KINDS.contains(&i.place_kind.as_str()) || !i.lon.is_finite() {
                return None;
            }
            let p = Point::new(i.lon, i.lat);
            order.iter().copied().find(|&k| {
                bboxes[k].is_some_and(|(x0, y0, x1, y1)| {
                    i.lon >= x0 && i.lon <= x1 && i.lat >= y0 && i.lat <= y1
                }) && polys[k].polygon.contains(&p)
            })
        });
        if let Some(k) = k {
            tallies[k].add(i);
        }
    }
    for &k in &order {
        let n = &polys[k];
        let t = &tallies[k];
        let mp: Vec<Polygon<f64>> = n.polygon.0.iter().filter_map(polygon).collect();
        layer.features.push(Feature {
            geometry: (!mp.is_empty()).then(|| Geometry::MultiPolygon(MultiPolygon::new(mp))),
            values: vec![
                Value::text(&n.place_id),
                Value::text(&n.name_ar),
                Value::text(&n.name_en),
                Value::Int(t.incidents),
                t.killed.map_or(Value::Null, Value::Int),
                Tally::date(t.first),
                Tally::date(t.last),
            ],
        });
    }
    layer
}
