//! Incident stage: event type, weapon, actor, date, casualty claims, dedup.

pub mod dedup;
pub mod types;

pub use types::{Claim, Incident, PlaceRecord, Qualifier};
pub mod casualties;
pub mod extract;
pub mod lexicon;

pub use extract::{extract, Document, Extraction};

/// Read incidents written by `athar extract` (GeoJSON FeatureCollection or GeoJSON text
/// sequence); every bad feature is reported with its line or feature number.
pub fn read_incidents(path: &std::path::Path) -> crate::Result<Vec<Incident>> {
    use crate::Error;
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::input(path, None, e.to_string()))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let mut feats: Vec<(Option<usize>, serde_json::Value)> = Vec::new();
    let whole: Option<serde_json::Value> =
        if trimmed.starts_with('{') && !trimmed.contains('\u{1e}') {
            serde_json::from_str(trimmed).ok()
        } else {
            None
        };
    match whole {
        Some(v) if v.get("type").and_then(|t| t.as_str()) == Some("FeatureCollection") => {
            let arr = v
                .get("features")
                .and_then(|f| f.as_array())
                .cloned()
                .unwrap_or_default();
            feats.extend(arr.into_iter().map(|f| (None, f)));
        }
        Some(v) if v.get("type").and_then(|t| t.as_str()) == Some("Feature") => {
            feats.push((Some(1), v))
        }
        _ => {
            for (i, line) in text.lines().enumerate() {
                let l = line.trim_matches(|c: char| c == '\u{1e}' || c.is_whitespace());
                if l.is_empty() {
                    continue;
                }
                let v: serde_json::Value = serde_json::from_str(l).map_err(|e| {
                    Error::input(path, Some(i + 1), format!("not a GeoJSON feature: {e}"))
                })?;
                feats.push((Some(i + 1), v));
            }
        }
    }
    feats
        .iter()
        .enumerate()
        .map(|(n, (line, f))| {
            Incident::from_feature(f).map_err(|m| match line {
                Some(l) => Error::input(path, Some(*l), m),
                None => Error::input(path, None, format!("feature {}: {m}", n + 1)),
            })
        })
        .collect()
}
