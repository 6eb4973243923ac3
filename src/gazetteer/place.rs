//! The place record and its kinds.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// What a place is. Order is from the largest to the smallest unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    Governorate,
    District,
    Subdistrict,
    City,
    Town,
    Village,
    Neighbourhood,
    Camp,
    Site,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 10] = [
        PlaceKind::Country,
        PlaceKind::Governorate,
        PlaceKind::District,
        PlaceKind::Subdistrict,
        PlaceKind::City,
        PlaceKind::Town,
        PlaceKind::Village,
        PlaceKind::Neighbourhood,
        PlaceKind::Camp,
        PlaceKind::Site,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Governorate => "governorate",
            PlaceKind::District => "district",
            PlaceKind::Subdistrict => "subdistrict",
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::Neighbourhood => "neighbourhood",
            PlaceKind::Camp => "camp",
            PlaceKind::Site => "site",
        }
    }

    /// An administrative area rather than a settlement or a spot.
    pub fn is_admin_area(self) -> bool {
        matches!(
            self,
            PlaceKind::Country
                | PlaceKind::Governorate
                | PlaceKind::District
                | PlaceKind::Subdistrict
        )
    }

    /// ACLED geo-precision of a point at this kind: 1 = the place itself (town, neighbourhood,
    /// site), 2 = near a town / a small area, 3 = a large region.
    pub fn geo_precision(self) -> u8 {
        match self {
            PlaceKind::Neighbourhood | PlaceKind::Site | PlaceKind::Camp => 1,
            PlaceKind::Village | PlaceKind::Town | PlaceKind::City => 1,
            PlaceKind::Subdistrict | PlaceKind::District => 2,
            PlaceKind::Governorate | PlaceKind::Country => 3,
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlaceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(k) = PlaceKind::ALL.iter().find(|k| k.as_str() == s) {
            return Ok(*k);
        }
        let k = s.trim().to_ascii_lowercase();
        PlaceKind::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == k)
            .or(match k.as_str() {
                "neighborhood" => Some(PlaceKind::Neighbourhood),
                "admin1" | "province" => Some(PlaceKind::Governorate),
                "admin2" => Some(PlaceKind::District),
                "admin3" => Some(PlaceKind::Subdistrict),
                "locality" => Some(PlaceKind::Site),
                _ => None,
            })
            .ok_or_else(|| {
                format!(
                    "unknown kind {s:?} (expected one of: {})",
                    PlaceKind::ALL.map(|k| k.as_str()).join(", ")
                )
            })
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
///
/// Text fields are `Cow`: the bundled places borrow their strings from the binary (no copy at
/// load), a user's places own theirs.
pub struct Place {
    /// Stable id, prefixed by its source family (`SY:C1007`, `SY:N0119`, `GN:170063`, `ISO:GB`).
    pub id: Cow<'static, str>,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2.
    pub country: Cow<'static, str>,
    /// Id of the enclosing place (empty at the top).
    pub parent: Cow<'static, str>,
    /// Canonical Arabic name.
    pub name_ar: Cow<'static, str>,
    pub name_en: Cow<'static, str>,
    /// Other Arabic spellings found in sources or reports.
    pub variants_ar: Vec<Cow<'static, str>>,
    /// Other Latin spellings.
    pub variants_en: Vec<Cow<'static, str>>,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<u64>,
    /// Source id, explained in `gazetteer/SOURCES.md`.
    pub source: Cow<'static, str>,
}
