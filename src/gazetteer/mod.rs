//! The bundled Arabic gazetteer: places, their names and variants, lookup, user overlays.
//!
//! The reviewable source is `gazetteer/places.tsv` (built by `tools/build_gazetteer.py` from
//! `../shared/gazetteer-sources`); it is compiled into the binary with `include_str!`, so no
//! file is needed at run time.

pub mod place;
pub mod user;

pub use place::{Place, PlaceKind};

use crate::text::{fold, fold_latin};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

const BUNDLED_TSV: &str = include_str!("../../gazetteer/places.tsv");
const BUNDLED_POLYGONS: &str = include_str!("../../gazetteer/aleppo_neighbourhoods.geojson");

/// Columns of `places.tsv`, in order.
pub const TSV_COLUMNS: [&str; 12] = [
    "id",
    "kind",
    "country",
    "parent",
    "name_ar",
    "name_en",
    "variants_ar",
    "variants_en",
    "lat",
    "lon",
    "population",
    "source",
];

/// How a name points at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRef {
    /// Index into [`Gazetteer::places`].
    pub place: u32,
    /// The written name began with the article ال (so a bare form is a shortening).
    pub article: bool,
    /// The canonical name (not a variant).
    pub canonical: bool,
}

/// A candidate answer to a lookup, with the prior used to rank it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub place: &'a Place,
    pub index: usize,
    pub score: f64,
}

/// The place index.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
    /// Folded Arabic key (article removed from the first word) → places.
    names: HashMap<String, Vec<NameRef>>,
    /// Folded Latin key → places.
    latin: HashMap<String, Vec<u32>>,
}

/// The matching key of an Arabic name: folded, with the article of the first word removed.
/// Returns the key and whether an article was removed.
///
/// ```
/// use athar::gazetteer::name_key;
/// assert_eq!(name_key("الصّاخور"), ("صاخور".to_string(), true));
/// assert_eq!(name_key("بستان القصر"), ("بستان القصر".to_string(), false));
/// ```
pub fn name_key(name: &str) -> (String, bool) {
    let f = fold(name);
    let f = f.trim_start_matches('#').trim();
    match f.strip_prefix("ال") {
        // keep names like «الى» or «الف» whole: stripping would leave one or two letters
        Some(rest) if rest.chars().take_while(|c| !c.is_whitespace()).count() >= 2 => {
            (rest.to_string(), true)
        }
        _ => (f.to_string(), false),
    }
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (parsed once per process).
    pub fn bundled() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The bundled file is checked by tests; a parse error here is a build defect.
            Gazetteer::from_tsv(BUNDLED_TSV, Path::new("gazetteer/places.tsv"))
                .unwrap_or_else(|e| panic!("bundled gazetteer is invalid: {e}"))
        })
    }

    /// The bundled gazetteer, with a user's file laid over it when given.
    pub fn load(overlay: Option<&Path>) -> Result<Gazetteer> {
        let mut g = Gazetteer::bundled().clone();
        if let Some(p) = overlay {
            let places = user::read_user_places(p)?;
            g.overlay(places);
        }
        Ok(g)
    }

    /// Parse a gazetteer in the `places.tsv` format.
    pub fn from_tsv(text: &str, path: &Path) -> Result<Gazetteer> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.split('\t').eq(TSV_COLUMNS.iter().copied()) => {}
            _ => {
                return Err(Error::input(
                    path,
                    Some(1),
                    format!("header must be: {}", TSV_COLUMNS.join(" ")),
                ))
            }
        }
        let mut places = Vec::with_capacity(text.len() / 120);
        for (i, line) in lines {
            if line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |m: String| Error::input(path, Some(i + 1), m);
            if f.len() != TSV_COLUMNS.len() {
                return Err(err(format!(
                    "expected {} tab-separated columns, found {}",
                    TSV_COLUMNS.len(),
                    f.len()
                )));
            }
            let kind = f[1].parse::<PlaceKind>().map_err(err)?;
            let lat = parse_f64(f[8]).ok_or_else(|| err(format!("bad lat {:?}", f[8])))?;
            let lon = parse_f64(f[9]).ok_or_else(|| err(format!("bad lon {:?}", f[9])))?;
            let split = |s: &str| -> Vec<String> {
                s.split('|')
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| x.trim().to_string())
                    .collect()
            };
            places.push(Place {
                id: f[0].to_string(),
                kind,
                country: f[2].to_string(),
                parent: f[3].to_string(),
                name_ar: f[4].to_string(),
                name_en: f[5].to_string(),
                variants_ar: split(f[6]),
                variants_en: split(f[7]),
                lat,
                lon,
                population: f[10].trim().parse::<u64>().ok(),
                source: f[11].to_string(),
            });
        }
        let mut g = Gazetteer {
            places,
            ..Default::default()
        };
        g.reindex();
        Ok(g)
    }

    fn reindex(&mut self) {
        self.by_id.clear();
        self.names.clear();
        self.latin.clear();
        for (i, p) in self.places.iter().enumerate() {
            self.by_id.insert(p.id.clone(), i);
        }
        for (i, p) in self.places.iter().enumerate() {
            let i = i as u32;
            let mut seen: Vec<String> = Vec::new();
            for (n, name) in std::iter::once(&p.name_ar)
                .chain(p.variants_ar.iter())
                .enumerate()
            {
                let (key, article) = name_key(name);
                if key.chars().count() < 2 {
                    continue;
                }
                // «كفر ناها» is also written «كفرناها»; «حي المعادي» is also «#المعادي»
                let joined = joined_form(&key).map(|k| (k, article));
                let untriggered = ["حي ", "حاره ", "منطقه "]
                    .iter()
                    .find_map(|t| key.strip_prefix(t))
                    .map(name_key)
                    .filter(|(k, _)| k.chars().count() >= 3);
                for (k, article) in std::iter::once((key, article))
                    .chain(joined)
                    .chain(untriggered)
                {
                    if seen.contains(&k) {
                        continue;
                    }
                    seen.push(k.clone());
                    self.names.entry(k).or_default().push(NameRef {
                        place: i,
                        article,
                        canonical: n == 0,
                    });
                }
            }
            let mut seen_l: Vec<String> = Vec::new();
            for name in std::iter::once(&p.name_en).chain(p.variants_en.iter()) {
                let key = fold_latin(name);
                if key.len() < 2 || seen_l.contains(&key) {
                    continue;
                }
                seen_l.push(key.clone());
                self.latin.entry(key).or_default().push(i);
            }
        }
    }

    /// Lay user places over these: same id replaces, new ids are added.
    pub fn overlay(&mut self, user: Vec<Place>) {
        for p in user {
            match self.by_id.get(&p.id) {
                Some(&i) => self.places[i] = p,
                None => {
                    self.by_id.insert(p.id.clone(), self.places.len());
                    self.places.push(p);
                }
            }
        }
        self.reindex();
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every folded name key and the places it names (for building a text matcher).
    pub fn name_keys(&self) -> impl Iterator<Item = (&String, &Vec<NameRef>)> {
        self.names.iter()
    }

    /// Places named by an exact key (see [`name_key`]).
    pub fn by_key(&self, key: &str) -> &[NameRef] {
        self.names.get(key).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// The chain of enclosing places, from the top (country) down to the parent.
    pub fn ancestors(&self, idx: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = &self.places[idx].parent;
        while let Some(&j) = self.by_id.get(cur) {
            if out.contains(&j) || j == idx {
                break; // a cycle in user data: stop rather than loop
            }
            out.push(j);
            cur = &self.places[j].parent;
        }
        out.reverse();
        out
    }

    /// Arabic admin path from the top, excluding the place itself.
    pub fn admin_path(&self, idx: usize) -> Vec<&str> {
        self.ancestors(idx)
            .into_iter()
            .map(|j| self.places[j].name_ar.as_str())
            .collect()
    }

    /// Is `anc` an ancestor of `idx`?
    pub fn is_ancestor(&self, anc: usize, idx: usize) -> bool {
        self.ancestors(idx).contains(&anc)
    }

    /// Prior likelihood of a place being meant when its name is seen without context:
    /// bigger and better-known places first, Syria (the project's focus) slightly ahead.
    pub fn prior(&self, idx: usize) -> f64 {
        let p = &self.places[idx];
        let kind = match p.kind {
            PlaceKind::Country => 6.0,
            PlaceKind::City => 4.0,
            PlaceKind::Governorate => 3.5,
            PlaceKind::Town => 3.0,
            PlaceKind::Neighbourhood => 2.6,
            PlaceKind::District => 2.0,
            PlaceKind::Camp => 2.0,
            PlaceKind::Subdistrict => 1.5,
            PlaceKind::Site => 1.5,
            PlaceKind::Village => 1.0,
        };
        let pop = p
            .population
            .map(|n| (n as f64 + 1.0).log10() * 0.6)
            .unwrap_or(0.0);
        let syria = if p.country == "SY" { 0.5 } else { 0.0 };
        kind + pop + syria
    }

    /// Candidates for a name as a user types it or a report writes it (Arabic with clitics,
    /// trigger words such as «حي», or Latin), most likely first.
    pub fn lookup(&self, query: &str) -> Vec<Candidate<'_>> {
        let q = query.trim();
        let mut hits: Vec<(usize, f64)> = Vec::new();
        let is_latin = q.chars().any(|c| c.is_ascii_alphabetic())
            && !q.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if is_latin {
            let key = fold_latin(q);
            for &i in self.latin.get(&key).map(|v| v.as_slice()).unwrap_or(&[]) {
                hits.push((i as usize, self.prior(i as usize)));
            }
        } else {
            for (key, bonus) in lookup_keys(q) {
                for r in self.by_key(&key) {
                    let s =
                        self.prior(r.place as usize) + bonus + if r.canonical { 0.3 } else { 0.0 };
                    hits.push((r.place as usize, s));
                }
                if !hits.is_empty() {
                    break;
                }
            }
        }
        hits.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.places[a.0].id.cmp(&self.places[b.0].id))
        });
        hits.dedup_by_key(|h| h.0);
        hits.into_iter()
            .map(|(i, score)| Candidate {
                place: &self.places[i],
                index: i,
                score,
            })
            .collect()
    }

    /// Aleppo neighbourhood polygons bundled with the gazetteer (GeoJSON FeatureCollection).
    pub fn bundled_polygons_geojson() -> &'static str {
        BUNDLED_POLYGONS
    }
}

/// First words of compound names that reports often write joined to the next word.
const JOINABLE: [&str; 12] = [
    "كفر", "دير", "تل", "عين", "بيت", "ابو", "ام", "بني", "بير", "خربه", "عرب", "معره",
];

fn joined_form(key: &str) -> Option<String> {
    let (first, rest) = key.split_once(' ')?;
    (JOINABLE.contains(&first) && !rest.is_empty()).then(|| format!("{first}{rest}"))
}

/// Words that introduce a place name in a query or a report («حي الصاخور»).
pub const TRIGGER_WORDS: [&str; 16] = [
    "حي",
    "احياء",
    "منطقه",
    "مدينه",
    "بلده",
    "بلدات",
    "قريه",
    "مخيم",
    "ساحه",
    "سوق",
    "دوار",
    "محافظه",
    "ناحيه",
    "منطقتي",
    "حيي",
    "ريف",
];

/// Clitic prefixes (folded) that may stand before a name in a single word.
pub const CLITICS: [&str; 12] = [
    "وب", "فب", "ول", "فل", "وك", "لل", "و", "ف", "ب", "ل", "ك", "#",
];

/// Keys to try for a query, most literal first, each with a small bonus.
fn lookup_keys(q: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let f = fold(q).replace('#', " ");
    let mut words: Vec<&str> = f.split_whitespace().collect();
    // drop a leading trigger word («حي الصاخور»)
    if words.len() > 1 && TRIGGER_WORDS.contains(&words[0]) {
        words.remove(0);
    }
    let base = words.join(" ");
    if base.is_empty() {
        return out;
    }
    let (k, _) = name_key(&base);
    out.push((k, 0.2));
    // clitics on the first word: «بالصاخور», «والأنصاري», «للغوطة»
    for c in CLITICS {
        if let Some(rest) = base.strip_prefix(c) {
            if rest.chars().count() >= 3 {
                let rest = if c == "لل" {
                    format!("ال{rest}")
                } else {
                    rest.to_string()
                };
                let (k, _) = name_key(&rest);
                if !out.iter().any(|(x, _)| *x == k) {
                    out.push((k, 0.0));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_keys_strip_clitics_and_triggers() {
        let keys: Vec<String> = lookup_keys("حي الصّاخور").into_iter().map(|k| k.0).collect();
        assert_eq!(keys[0], "صاخور");
        let keys: Vec<String> = lookup_keys("بالصاخور").into_iter().map(|k| k.0).collect();
        assert!(keys.contains(&"صاخور".to_string()), "{keys:?}");
        let keys: Vec<String> = lookup_keys("للغوطة").into_iter().map(|k| k.0).collect();
        assert!(keys.contains(&"غوطه".to_string()), "{keys:?}");
    }

    #[test]
    fn tsv_errors_name_the_line() {
        let bad = format!(
            "{}\nX:1\tvillage\tSY\t\tقرية\tQ\t\t\tabc\t36\t\tm\n",
            TSV_COLUMNS.join("\t")
        );
        let e = Gazetteer::from_tsv(&bad, Path::new("g.tsv"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.tsv:2:"), "{e}");
        assert!(e.contains("bad lat"), "{e}");
    }

    #[test]
    fn bundled_parses_and_parents_exist() {
        let g = Gazetteer::bundled();
        assert!(g.len() > 5000);
        for p in g.places() {
            assert!(
                p.parent.is_empty() || g.get(&p.parent).is_some(),
                "{} has unknown parent {}",
                p.id,
                p.parent
            );
        }
    }
}

/// A neighbourhood outline bundled with the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub place_id: String,
    pub name_ar: String,
    pub name_en: String,
    /// WGS84 lon/lat degrees.
    pub polygon: geo::MultiPolygon<f64>,
}

/// The bundled Aleppo neighbourhood outlines (CSR and OCHA), sorted by place id.
pub fn outlines() -> &'static [Outline] {
    static O: OnceLock<Vec<Outline>> = OnceLock::new();
    O.get_or_init(|| {
        let fc: geojson::FeatureCollection = match BUNDLED_POLYGONS.parse::<geojson::GeoJson>() {
            Ok(geojson::GeoJson::FeatureCollection(fc)) => fc,
            _ => return Vec::new(),
        };
        let mut out: Vec<Outline> = fc
            .features
            .into_iter()
            .filter_map(|f| {
                let prop = |k: &str| {
                    f.property(k)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string()
                };
                let (place_id, name_ar, name_en) =
                    (prop("place_id"), prop("name_ar"), prop("name_en"));
                let g: geo::Geometry<f64> = f.geometry?.try_into().ok()?;
                let polygon = match g {
                    geo::Geometry::Polygon(p) => geo::MultiPolygon(vec![p]),
                    geo::Geometry::MultiPolygon(m) => m,
                    _ => return None,
                };
                Some(Outline {
                    place_id,
                    name_ar,
                    name_en,
                    polygon,
                })
            })
            .collect();
        out.sort_by(|a, b| a.place_id.cmp(&b.place_id));
        out
    })
}
