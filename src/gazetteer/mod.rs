//! The bundled Arabic gazetteer: places, their names and variants, lookup, user overlays.
//!
//! The reviewable source is `gazetteer/places.tsv` (built by `tools/build_gazetteer.py` from
//! `../shared/gazetteer-sources`); it is compiled into the binary with `include_str!`, so no
//! file is needed at run time.

pub mod keys;
pub mod place;
pub mod user;

pub use keys::name_key;
pub use place::{Place, PlaceKind};

use crate::text::{fold, fold_latin, normalize};
use crate::{Error, Result};
use std::borrow::Cow;
use std::collections::HashMap as StdHashMap;
use std::path::Path;
use std::sync::OnceLock;

/// Hash maps keyed by names and ids: a fast fixed-seed hasher (keys come from our data and the
/// user's gazetteer, not from an adversary; a fixed seed keeps runs reproducible).
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::FixedState>;

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
    by_id: HashMap<Cow<'static, str>, usize>,
    index: NameIndex,
}

/// Name keys → places: prebuilt by `build.rs` for the bundled rows, built at run time once a
/// user's places are laid over them.
#[derive(Debug, Clone)]
enum NameIndex {
    Prebuilt {
        names: StaticIndex<NameRef>,
        latin: StaticIndex<u32>,
    },
    Built {
        /// Folded Arabic key (article removed from the first word) → places.
        names: HashMap<String, Vec<NameRef>>,
        /// Folded Latin key → places.
        latin: HashMap<String, Vec<u32>>,
    },
}

impl Default for NameIndex {
    fn default() -> Self {
        NameIndex::Built {
            names: HashMap::default(),
            latin: HashMap::default(),
        }
    }
}

/// A sorted key table compiled into the binary: keys concatenated in `text`, and per key the
/// end of its text and of its references.
#[derive(Debug, Clone)]
struct StaticIndex<T> {
    text: &'static str,
    ends: Vec<(u32, u32)>,
    refs: Vec<T>,
}

impl<T> StaticIndex<T> {
    /// Decode a table written by `build.rs`; `None` if it does not describe `rows` rows.
    fn decode(
        text: &'static str,
        bin: &[u8],
        rows: usize,
        refs: impl Fn(u32) -> T,
    ) -> Option<StaticIndex<T>> {
        let mut words = bin
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if words.next()? as usize != rows {
            return None;
        }
        let n = words.next()? as usize;
        let ends: Vec<(u32, u32)> = (0..n)
            .map(|_| Some((words.next()?, words.next()?)))
            .collect::<Option<_>>()?;
        let refs: Vec<T> = words.map(refs).collect();
        let ok = ends
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
            && ends
                .last()
                .is_none_or(|&(t, r)| t as usize == text.len() && r as usize == refs.len())
            && ends.iter().all(|&(t, _)| text.is_char_boundary(t as usize));
        ok.then_some(StaticIndex { text, ends, refs })
    }

    fn key(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { self.ends[i - 1].0 };
        &self.text[start as usize..self.ends[i].0 as usize]
    }

    fn refs_of(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1].1 };
        &self.refs[start as usize..self.ends[i].1 as usize]
    }

    fn get(&self, key: &str) -> &[T] {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.refs_of(mid),
            }
        }
        &[]
    }
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

const PREBUILT_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/names.txt"));
const PREBUILT_NAMES_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.bin"));
const PREBUILT_LATIN: &str = include_str!(concat!(env!("OUT_DIR"), "/latin.txt"));
const PREBUILT_LATIN_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/latin.bin"));

/// The rows of a `places.tsv` text; `own` turns a cell into a place string (borrowed for the
/// bundled text, copied otherwise).
fn parse_rows<'a>(
    text: &'a str,
    path: &Path,
    own: impl Fn(&'a str) -> Cow<'static, str>,
) -> Result<Vec<Place>> {
    // split by hand: with cells of a few bytes, one pass over the bytes beats a search per cell
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate();
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
    let mut places = Vec::with_capacity(text.len() / 130);
    for (i, line) in lines {
        if line.is_empty() {
            continue;
        }
        let mut f = [""; TSV_COLUMNS.len()];
        let (mut n, mut start) = (0, 0);
        for (j, &b) in line.as_bytes().iter().enumerate() {
            if b == b'\t' {
                if n < f.len() {
                    f[n] = &line[start..j];
                }
                n += 1;
                start = j + 1;
            }
        }
        if n < f.len() {
            f[n] = &line[start..];
        }
        n += 1;
        let err = |m: String| Error::input(path, Some(i + 1), m);
        if n != TSV_COLUMNS.len() {
            return Err(err(format!(
                "expected {} tab-separated columns, found {n}",
                TSV_COLUMNS.len(),
            )));
        }
        let kind = f[1].parse::<PlaceKind>().map_err(err)?;
        let lat = parse_f64(f[8]).ok_or_else(|| err(format!("bad lat {:?}", f[8])))?;
        let lon = parse_f64(f[9]).ok_or_else(|| err(format!("bad lon {:?}", f[9])))?;
        places.push(Place {
            id: own(f[0]),
            kind,
            country: own(f[2]),
            parent: own(f[3]),
            name_ar: own(f[4]),
            name_en: own(f[5]),
            variants_ar: keys::split_variants(f[6]).map(&own).collect(),
            variants_en: keys::split_variants(f[7]).map(&own).collect(),
            lat,
            lon,
            population: f[10].trim().parse::<u64>().ok(),
            source: own(f[11]),
        });
    }
    Ok(places)
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (parsed once per process).
    pub fn bundled() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::parse_bundled)
    }

    /// Parse the bundled rows afresh (what [`Gazetteer::bundled`] does once): the place strings
    /// are borrowed from the binary and the name index was built at compile time, so this is
    /// splitting rows and decoding tables, not folding names.
    pub fn parse_bundled() -> Gazetteer {
        // The bundled file is checked by tests; a parse error here is a build defect.
        let places = parse_rows(
            BUNDLED_TSV,
            Path::new("gazetteer/places.tsv"),
            Cow::Borrowed,
        )
        .unwrap_or_else(|e| panic!("bundled gazetteer is invalid: {e}"));
        let n = places.len();
        let index = StaticIndex::decode(PREBUILT_NAMES, PREBUILT_NAMES_BIN, n, |v| NameRef {
            place: v >> 2,
            article: v & 2 != 0,
            canonical: v & 1 != 0,
        })
        .zip(StaticIndex::decode(
            PREBUILT_LATIN,
            PREBUILT_LATIN_BIN,
            n,
            |v| v,
        ));
        let mut g = Gazetteer {
            places,
            ..Default::default()
        };
        match index {
            Some((names, latin)) => {
                g.index_ids();
                g.index = NameIndex::Prebuilt { names, latin };
            }
            // cannot happen with a consistent build; stay correct if it does
            None => g.reindex(),
        }
        g
    }

    /// The bundled gazetteer, with a user's file laid over it when given.
    pub fn load(overlay: Option<&Path>) -> Result<Cow<'static, Gazetteer>> {
        match overlay {
            None => Ok(Cow::Borrowed(Gazetteer::bundled())),
            Some(p) => {
                let places = user::read_user_places(p)?;
                let mut g = Gazetteer::bundled().clone();
                g.overlay(places);
                Ok(Cow::Owned(g))
            }
        }
    }

    /// Parse a gazetteer in the `places.tsv` format and index its names.
    pub fn from_tsv(text: &str, path: &Path) -> Result<Gazetteer> {
        let places = parse_rows(text, path, |s| Cow::Owned(s.to_owned()))?;
        let mut g = Gazetteer {
            places,
            ..Default::default()
        };
        g.reindex();
        Ok(g)
    }

    fn index_ids(&mut self) {
        self.by_id.clear();
        self.by_id.reserve(self.places.len());
        for (i, p) in self.places.iter().enumerate() {
            self.by_id.insert(p.id.clone(), i);
        }
    }

    /// Build the name index at run time (same keys as the prebuilt one: `keys.rs`).
    fn reindex(&mut self) {
        self.index_ids();
        let mut names: HashMap<String, Vec<NameRef>> = HashMap::default();
        let mut latin: HashMap<String, Vec<u32>> = HashMap::default();
        let (mut ar, mut la) = (Vec::new(), Vec::new());
        for (i, p) in self.places.iter().enumerate() {
            let i = i as u32;
            keys::arabic_keys(
                std::iter::once(&*p.name_ar).chain(p.variants_ar.iter().map(|v| &**v)),
                &mut ar,
            );
            for (k, article, canonical) in ar.drain(..) {
                names.entry(k).or_default().push(NameRef {
                    place: i,
                    article,
                    canonical,
                });
            }
            keys::latin_keys(
                std::iter::once(&*p.name_en).chain(p.variants_en.iter().map(|v| &**v)),
                &mut la,
            );
            for k in la.drain(..) {
                latin.entry(k).or_default().push(i);
            }
        }
        self.index = NameIndex::Built { names, latin };
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
    pub fn name_keys(&self) -> Vec<(&str, &[NameRef])> {
        match &self.index {
            NameIndex::Prebuilt { names, .. } => (0..names.ends.len())
                .map(|i| (names.key(i), names.refs_of(i)))
                .collect(),
            NameIndex::Built { names, .. } => names
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_slice()))
                .collect(),
        }
    }

    /// Places named by an exact key (see [`name_key`]).
    pub fn by_key(&self, key: &str) -> &[NameRef] {
        match &self.index {
            NameIndex::Prebuilt { names, .. } => names.get(key),
            NameIndex::Built { names, .. } => names.get(key).map(|v| v.as_slice()).unwrap_or(&[]),
        }
    }

    /// Places named by a folded Latin key (see [`fold_latin`]).
    fn by_latin_key(&self, key: &str) -> &[u32] {
        match &self.index {
            NameIndex::Prebuilt { latin, .. } => latin.get(key),
            NameIndex::Built { latin, .. } => latin.get(key).map(|v| v.as_slice()).unwrap_or(&[]),
        }
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
            .map(|j| self.places[j].name_ar.as_ref())
            .collect()
    }

    /// Is `anc` an ancestor of `idx`?
    pub fn is_ancestor(&self, anc: usize, idx: usize) -> bool {
        // walk up without collecting (asked for every pair of places in a report); a chain
        // deeper than any real admin path falls back to the cycle-safe walk
        let mut cur = &self.places[idx].parent;
        for _ in 0..16 {
            match self.by_id.get(cur) {
                None => return false,
                Some(&j) if j == idx => return false,
                Some(&j) if j == anc => return true,
                Some(&j) => cur = &self.places[j].parent,
            }
        }
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
            for &i in self.by_latin_key(&key) {
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

    /// The index `build.rs` compiles in must be the one the library would build itself.
    #[test]
    fn prebuilt_index_matches_a_runtime_build() {
        let pre = Gazetteer::parse_bundled();
        let mut run = pre.clone();
        run.reindex();
        let tables = |g: &Gazetteer| {
            let mut names: Vec<(String, Vec<NameRef>)> = g
                .name_keys()
                .into_iter()
                .map(|(k, r)| (k.to_string(), r.to_vec()))
                .collect();
            names.sort_by(|a, b| a.0.cmp(&b.0));
            let mut latin: Vec<(String, Vec<u32>)> = match &g.index {
                NameIndex::Prebuilt { latin, .. } => (0..latin.ends.len())
                    .map(|i| (latin.key(i).to_string(), latin.refs_of(i).to_vec()))
                    .collect(),
                NameIndex::Built { latin, .. } => {
                    latin.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
                }
            };
            latin.sort();
            (names, latin)
        };
        assert!(matches!(pre.index, NameIndex::Prebuilt { .. }));
        assert!(matches!(run.index, NameIndex::Built { .. }));
        let (a, b) = (tables(&pre), tables(&run));
        assert!(
            a.0.len() > 15_000 && a.1.len() > 15_000,
            "{} {}",
            a.0.len(),
            a.1.len()
        );
        assert_eq!(a, b);
        for q in ["حي الصاخور", "بالصاخور", "Sakhour", "بريطانيا", "كفرناها"]
        {
            let ids = |g: &Gazetteer| g.lookup(q).iter().map(|c| c.index).collect::<Vec<_>>();
            assert_eq!(ids(&pre), ids(&run), "{q}");
            assert!(!ids(&pre).is_empty(), "{q}");
        }
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

/// Member states of the Arab League (ISO alpha-2) and Palestine: where reports in Arabic
/// name places most, so a frequent word that names a town there is likely that town.
pub fn is_arab_country(code: &str) -> bool {
    matches!(
        code,
        "DZ" | "BH"
            | "KM"
            | "DJ"
            | "EG"
            | "IQ"
            | "JO"
            | "KW"
            | "LB"
            | "LY"
            | "MR"
            | "MA"
            | "OM"
            | "PS"
            | "QA"
            | "SA"
            | "SO"
            | "SD"
            | "SY"
            | "TN"
            | "AE"
            | "YE"
    )
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
