//! `athar html`: the offline web map from layers written by `athar map` (or any GeoJSON files).

use super::Outcome;
use crate::layers::html::{render, HtmlInput};
use crate::{Error, Result};
use clap::Args;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// A folder written by `athar map` (incidents.geojson, clusters.geojson, cluster_hulls.geojson,
    /// neighbourhoods.geojson, places.geojson), or GeoJSON / GeoJSONSeq files; a file's kind is
    /// told by its name (…hull…, …cluster…, …neighbourhood…, …place…, anything else = incidents).
    #[arg(required = true, value_name = "LAYERS")]
    pub inputs: Vec<PathBuf>,
    /// Output HTML file [default: map.html inside the LAYERS folder].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// XYZ tile URL template shown under the layers for users who are online,
    /// e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. Without it the page uses no network.
    #[arg(long, value_name = "URL")]
    pub tiles: Option<String>,
    /// Attribution text for --tiles (plain text, e.g. "© OpenStreetMap contributors").
    #[arg(long, value_name = "TEXT", requires = "tiles")]
    pub tiles_attribution: Option<String>,
    /// Page title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Which layer a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Incidents,
    Clusters,
    Hulls,
    Neighbourhoods,
    Places,
}

/// The file names `athar map` writes, in the order they are read.
const FOLDER_FILES: [(&str, Kind); 5] = [
    ("incidents.geojson", Kind::Incidents),
    ("clusters.geojson", Kind::Clusters),
    ("cluster_hulls.geojson", Kind::Hulls),
    ("neighbourhoods.geojson", Kind::Neighbourhoods),
    ("places.geojson", Kind::Places),
];

fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("hull") {
        Kind::Hulls
    } else if name.contains("cluster") {
        Kind::Clusters
    } else if name.contains("neighbourhood") || name.contains("neighborhood") {
        Kind::Neighbourhoods
    } else if name.contains("place") {
        Kind::Places
    } else {
        Kind::Incidents
    }
}

pub fn run(args: HtmlArgs) -> Result<Outcome> {
    if let Some(t) = &args.tiles {
        check_tiles(t)?;
    }
    let mut files: Vec<(PathBuf, Kind)> = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let incidents = input.join(FOLDER_FILES[0].0);
            if !incidents.is_file() {
                return Err(Error::input(
                    input,
                    None,
                    "no incidents.geojson in this folder (write the layers first: athar map REPORTS -o FOLDER)",
                ));
            }
            for (name, kind) in FOLDER_FILES {
                let p = input.join(name);
                if p.is_file() {
                    files.push((p, kind));
                }
            }
        } else if input.is_file() {
            files.push((input.clone(), kind_of(input)));
        } else {
            return Err(Error::input(input, None, "no such file or folder"));
        }
    }
    if !files.iter().any(|(_, k)| *k == Kind::Incidents) {
        return Err(Error::usage(
            "no incidents layer among the inputs (give a folder written by `athar map` or an incidents GeoJSON file)",
        ));
    }
    let output = match &args.output {
        Some(o) => o.clone(),
        None => match args.inputs.as_slice() {
            [one] if one.is_dir() => one.join("map.html"),
            _ => {
                return Err(Error::usage(
                    "give the output file with -o FILE (the default map.html is only for one LAYERS folder)",
                ))
            }
        },
    };

    let mut layers: Vec<(Kind, Vec<Value>)> = Vec::new();
    for (path, kind) in &files {
        let feats = read_features(path)?;
        match layers.iter_mut().find(|(k, _)| k == kind) {
            Some((_, v)) => v.extend(feats),
            None => layers.push((*kind, feats)),
        }
    }
    let take = |kind: Kind| -> Option<Value> {
        layers
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, f)| serde_json::json!({"type": "FeatureCollection", "features": f}))
    };
    let incidents = take(Kind::Incidents).unwrap_or(Value::Null);
    let n_points = incidents
        .get("features")
        .and_then(Value::as_array)
        .map(|f| f.iter().filter(|f| is_point(f)).count())
        .unwrap_or(0);
    let n_all = incidents
        .get("features")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if n_all > n_points {
        eprintln!(
            "athar html: {} incident feature(s) without a Point geometry were left out",
            n_all - n_points
        );
    }
    let input = HtmlInput {
        incidents,
        clusters: take(Kind::Clusters),
        hulls: take(Kind::Hulls),
        neighbourhoods: take(Kind::Neighbourhoods),
        places: take(Kind::Places),
        title: args.title.clone(),
        tiles: args.tiles.clone(),
        tiles_attribution: args.tiles_attribution.clone(),
    };
    let html = render(&input);
    crate::io::write_atomic(&output, html.as_bytes())?;
    eprintln!(
        "athar html: wrote {} ({:.1} MB, {} incidents)",
        output.display(),
        html.len() as f64 / 1e6,
        n_points
    );
    Ok(if n_points == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn is_point(f: &Value) -> bool {
    f.get("geometry")
        .and_then(|g| g.get("type"))
        .and_then(Value::as_str)
        == Some("Point")
}

fn check_tiles(t: &str) -> Result<()> {
    let scheme_ok = t.starts_with("https://") || t.starts_with("http://");
    let has_xyz = ["{z}", "{x}", "{y}"].iter().all(|p| t.contains(p));
    if !scheme_ok || !has_xyz {
        return Err(Error::usage(format!(
            "--tiles {t:?}: expected an http(s) URL template with {{z}}, {{x}} and {{y}}, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png"
        )));
    }
    Ok(())
}

/// Features of a GeoJSON FeatureCollection or Feature, or of GeoJSONSeq (one feature a line).
fn read_features(path: &Path) -> Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::input(path, None, e.to_string()))?;
    let whole: std::result::Result<Value, _> = serde_json::from_str(&text);
    match whole {
        Ok(v) => match v.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") => match v.get("features") {
                Some(Value::Array(f)) => Ok(f.clone()),
                _ => Err(Error::input(
                    path,
                    None,
                    "FeatureCollection without a features array",
                )),
            },
            Some("Feature") => Ok(vec![v]),
            _ => Err(Error::input(
                path,
                None,
                "not GeoJSON: expected a FeatureCollection or a Feature",
            )),
        },
        Err(first) => {
            // GeoJSONSeq: one Feature per line, optionally with the RFC 8142 record separator
            let mut feats = Vec::new();
            for (i, line) in text.lines().enumerate() {
                let line = line.trim_start_matches('\u{1e}').trim();
                if line.is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line).map_err(|e| {
                    if i == 0 {
                        Error::input(path, Some(first.line()), format!("not GeoJSON: {first}"))
                    } else {
                        Error::input(path, Some(i + 1), format!("not a GeoJSON feature: {e}"))
                    }
                })?;
                if v.get("type").and_then(Value::as_str) != Some("Feature") {
                    return Err(Error::input(
                        path,
                        Some(i + 1),
                        "expected a GeoJSON Feature",
                    ));
                }
                feats.push(v);
            }
            Ok(feats)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds_by_name() {
        let rows = [
            ("out/incidents.geojson", Kind::Incidents),
            ("strikes.geojsons", Kind::Incidents),
            ("clusters.geojson", Kind::Clusters),
            ("cluster_hulls.geojson", Kind::Hulls),
            ("Neighbourhoods.geojson", Kind::Neighbourhoods),
            ("aleppo_neighborhoods.json", Kind::Neighbourhoods),
            ("places.geojson", Kind::Places),
        ];
        for (p, k) in rows {
            assert_eq!(kind_of(Path::new(p)), k, "{p}");
        }
    }

    #[test]
    fn tile_templates() {
        assert!(check_tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png").is_ok());
        assert!(check_tiles("http://{s}.example/{z}/{x}/{y}").is_ok());
        assert!(check_tiles("file:///tiles/{z}/{x}/{y}.png").is_err());
        assert!(check_tiles("https://example/tiles.png").is_err());
    }

    #[test]
    fn reads_collections_features_and_sequences() {
        let dir = tempfile::tempdir().unwrap();
        let f =
            r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}"#;
        let rows = [
            (
                format!(r#"{{"type":"FeatureCollection","features":[{f},{f}]}}"#),
                Some(2),
            ),
            (f.to_string(), Some(1)),
            (format!("\u{1e}{f}\n\n{f}\n{f}\n"), Some(3)),
            (format!("{f}\n{{broken\n"), None),
            ("[1,2]".to_string(), None),
        ];
        for (i, (text, want)) in rows.iter().enumerate() {
            let p = dir.path().join(format!("{i}.geojson"));
            std::fs::write(&p, text).unwrap();
            match (read_features(&p), want) {
                (Ok(v), Some(n)) => assert_eq!(v.len(), *n, "row {i}"),
                (Err(e), None) => assert!(e.to_string().contains(&format!("{i}.geojson")), "{e}"),
                (r, w) => panic!("row {i}: got {r:?}, want {w:?}"),
            }
        }
        let e = read_features(&dir.path().join("3.geojson")).unwrap_err();
        assert!(e.to_string().contains(":2:"), "line number in {e}");
    }
}
