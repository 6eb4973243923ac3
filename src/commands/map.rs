//! `athar map`: the whole pipeline — reports → incidents → dedup → clusters → layers.

use super::extract::{print_summary, InputArgs};
use super::{GazetteerOpts, Outcome};
use crate::cluster::{self, ClusterPoint, DbscanParams};
use crate::gazetteer::outlines;
use crate::incident::dedup::{dedup, DedupParams};
use crate::incident::{Incident, PlaceRecord};
use crate::layers::{write_layers, Format, LayerSet, NeighbourhoodPolygon};
use crate::pipeline::Extractor;
use crate::{Error, Result};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct MapArgs {
    /// Reports: .txt files, JSONL files ({"id","text","published"} a line), folders, or -.
    #[arg(required_unless_present = "from_incidents")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing). Layers are written atomically: a failed run leaves
    /// the previous ones intact.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Layer formats, comma-separated: geojson, geojsons, csv, gpkg, qml [default: all].
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub format: Vec<String>,
    /// Start from incidents already extracted (GeoJSON or GeoJSON text sequence, e.g. the
    /// merged output of shards run with `athar extract`) instead of reports.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub from_incidents: Vec<PathBuf>,
    /// Cluster radius in kilometres (great-circle). 1 km joins strikes on neighbouring city
    /// neighbourhoods (athar places incidents at neighbourhood centres, about 1 km apart in
    /// Aleppo) without chaining a whole city.
    #[arg(long, default_value_t = 1.0, value_name = "KM")]
    pub eps_km: f64,
    /// Incidents needed within the radius (the incident itself included) to form a cluster.
    /// 2: a repeated strike on the same area is already a pattern worth mapping.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_points: usize,
    /// Time window in days: neighbours must also be this close in time (ST-DBSCAN). 7 days
    /// groups a bombing campaign's week; 0 turns time off (space only).
    #[arg(long, default_value_t = 7.0, value_name = "DAYS")]
    pub window_days: f64,
    /// Keep every report's incident instead of merging reports of the same strike.
    #[arg(long)]
    pub no_dedup: bool,
    /// Reports of one place whose dates differ by at most this many days are one strike.
    #[arg(long, default_value_t = 0, value_name = "DAYS")]
    pub date_tolerance_days: u32,
    /// Also write map.html, a self-contained offline web map of the layers.
    #[arg(long)]
    pub html: bool,
    /// Tile URL template for the web map (only for users who are online).
    #[arg(long, value_name = "URL", requires = "html")]
    pub tiles: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub gaz: GazetteerOpts,
}

/// Days since 1970-01-01 of an ISO date.
fn day_number(d: &str) -> Option<f64> {
    let date = chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    Some((date - epoch).num_days() as f64)
}

/// Validated clustering parameters.
pub(crate) fn dbscan_params(
    eps_km: f64,
    min_points: usize,
    window_days: Option<f64>,
) -> Result<DbscanParams> {
    if !eps_km.is_finite() || eps_km <= 0.0 || eps_km > 20_000.0 {
        return Err(Error::usage(format!(
            "--eps-km {eps_km}: give a radius in kilometres, more than 0 and at most 20000"
        )));
    }
    if min_points == 0 {
        return Err(Error::usage("--min-points 0: give 1 or more"));
    }
    if let Some(w) = window_days {
        if !w.is_finite() || w < 0.0 {
            return Err(Error::usage(format!(
                "--window-days {w}: give 0 or more days"
            )));
        }
    }
    Ok(DbscanParams {
        eps_m: eps_km * 1000.0,
        min_points,
        window_days: window_days.filter(|&w| w > 0.0),
    })
}

/// Cluster incidents in place (sets `cluster_id`) and return the clusters.
pub fn cluster_incidents(
    incidents: &mut [Incident],
    params: &DbscanParams,
) -> Vec<cluster::Cluster> {
    let pts: Vec<ClusterPoint> = incidents
        .iter()
        .map(|i| ClusterPoint {
            lon: i.lon,
            lat: i.lat,
            t_days: i.date.as_deref().and_then(day_number),
        })
        .collect();
    let labels = cluster::dbscan(&pts, params);
    for (i, l) in incidents.iter_mut().zip(&labels) {
        i.cluster_id = Some(*l);
    }
    cluster::summarise(&pts, &labels)
}

fn progress(n: usize, tty: bool) {
    if tty && n % 1000 == 0 && n > 0 {
        eprint!("\rathar: {n} documents…");
    }
}

pub fn run(a: MapArgs) -> Result<Outcome> {
    let opts = a.input.options()?;
    let params = dbscan_params(a.eps_km, a.min_points, Some(a.window_days))?;
    let mut formats: Vec<Format> = if a.format.is_empty() {
        Format::ALL.to_vec()
    } else {
        a.format
            .iter()
            .map(|f| Format::parse(f))
            .collect::<Result<_>>()?
    };
    // the web map is built from the GeoJSON layers
    if a.html && !formats.contains(&Format::GeoJson) {
        formats.push(Format::GeoJson);
    }
    if a.output.is_file() {
        return Err(Error::output(
            &a.output,
            "it is a file; give a folder for the layers",
        ));
    }
    let tty = std::io::stderr().is_terminal();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut places: Vec<PlaceRecord> = Vec::new();
    let summary = if !a.from_incidents.is_empty() {
        for p in &a.from_incidents {
            incidents.extend(crate::incident::read_incidents(p)?);
        }
        None
    } else {
        let ex = Extractor::new(a.gaz.gazetteer.as_deref())?;
        let mut n = 0usize;
        let s = ex.run(&a.inputs, opts, |x| {
            n += 1;
            progress(n, tty);
            incidents.extend(x.incidents);
            places.extend(x.places);
            Ok(())
        })?;
        if tty && n >= 1000 {
            eprintln!();
        }
        if s.documents == 0 {
            return Err(Error::usage("no document could be read; nothing written"));
        }
        Some(s)
    };
    let reports = incidents.len();
    if !a.no_dedup {
        incidents = dedup(
            &incidents,
            DedupParams {
                date_tolerance_days: a.date_tolerance_days,
            },
        );
    }
    let clusters = cluster_incidents(&mut incidents, &params);
    let polys: Vec<NeighbourhoodPolygon> = outlines()
        .iter()
        .map(|o| NeighbourhoodPolygon {
            place_id: o.place_id.clone(),
            name_ar: o.name_ar.clone(),
            name_en: o.name_en.clone(),
            polygon: o.polygon.clone(),
        })
        .collect();
    let set = LayerSet::build(&incidents, &places, &clusters, &polys)?;
    let written = write_layers(&a.output, &set, &formats)?;
    if a.html {
        super::html::run(super::html::HtmlArgs {
            inputs: vec![a.output.clone()],
            output: Some(a.output.join("map.html")),
            tiles: a.tiles.clone(),
            tiles_attribution: None,
            title: None,
        })?;
    }
    if let Some(s) = &summary {
        print_summary(s);
    }
    eprintln!(
        "athar: {} incident(s) from {} report(s) after dedup, {} cluster(s); {} file(s) in {}",
        incidents.len(),
        reports,
        clusters.len(),
        written.len() + usize::from(a.html),
        a.output.display()
    );
    Ok(if incidents.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
