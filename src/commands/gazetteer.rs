//! `athar gazetteer lookup|stats|check`.

use super::{GazetteerOpts, Outcome};
use crate::gazetteer::{user, Gazetteer, PlaceKind};
use crate::{Error, Result};
use clap::Subcommand;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Candidates for a name, most likely first (exit 1 when none).
    #[command(
        after_help = "Examples:\n  athar gazetteer lookup 'حي الصاخور'\n  athar gazetteer lookup بالصاخور --json\n  athar gazetteer lookup Sakhour\n  athar gazetteer lookup بريطانيا"
    )]
    Lookup {
        /// A place name as a user would type it or a report would write it (Arabic with
        /// clitics and trigger words, or Latin).
        name: String,
        /// Print a JSON array of candidates.
        #[arg(long)]
        json: bool,
        /// Show at most this many candidates.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        opts: GazetteerOpts,
    },
    /// Counts by kind, country and source.
    #[command(after_help = "Example:\n  athar gazetteer stats")]
    Stats {
        #[command(flatten)]
        opts: GazetteerOpts,
    },
    /// Validate your own gazetteer (CSV with header, or GeoJSON points): every problem is
    /// listed with its line or feature number; exit 2 when there are any.
    #[command(
        after_help = "Example:\n  athar gazetteer check my_places.csv\n\nCSV columns: id,name_ar,name_en,variants_ar,kind,country,parent,lat,lon,population\n(name_ar or name, lat and lon are required; variants separated by |)"
    )]
    Check { file: PathBuf },
}

fn out_err(e: std::io::Error) -> Error {
    Error::output(std::path::Path::new("<stdout>"), e)
}

pub fn run(c: GazetteerCommand) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match c {
        GazetteerCommand::Lookup {
            name,
            json,
            limit,
            opts,
        } => {
            let g = Gazetteer::load(opts.gazetteer.as_deref())?;
            let cands = g.lookup(&name);
            if json {
                let arr: Vec<serde_json::Value> = cands
                    .iter()
                    .take(limit)
                    .map(|c| {
                        let p = c.place;
                        serde_json::json!({
                            "id": p.id, "name_ar": p.name_ar, "name_en": p.name_en,
                            "kind": p.kind.as_str(), "country": p.country,
                            "admin": g.admin_path(c.index), "lat": p.lat, "lon": p.lon,
                            "population": p.population, "source": p.source,
                            "variants_ar": p.variants_ar, "score": (c.score * 1000.0).round() / 1000.0,
                        })
                    })
                    .collect();
                let s =
                    serde_json::to_string_pretty(&arr).map_err(|e| Error::usage(e.to_string()))?;
                writeln!(out, "{s}").map_err(out_err)?;
            } else {
                for c in cands.iter().take(limit) {
                    let p = c.place;
                    let path = g.admin_path(c.index).join(" › ");
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{:.5},{:.5}\t{}",
                        p.id,
                        p.name_ar,
                        p.name_en,
                        p.kind,
                        if path.is_empty() { "-".into() } else { path },
                        p.lat,
                        p.lon,
                        p.population
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| "-".into())
                    )
                    .map_err(out_err)?;
                }
            }
            if cands.is_empty() {
                if !json {
                    eprintln!("athar: no place named {name:?} in the gazetteer");
                }
                return Ok(Outcome::NothingFound);
            }
            Ok(Outcome::Found)
        }
        GazetteerCommand::Stats { opts } => {
            let g = Gazetteer::load(opts.gazetteer.as_deref())?;
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
            let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
            // administrative units per country: Syria's 14/61/270 stay checkable when regions
            // abroad («قطاع غزة») are governorates too
            let mut admin: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            let mut names = 0usize;
            for p in g.places() {
                *kinds.entry(p.kind.as_str()).or_default() += 1;
                if matches!(
                    p.kind,
                    PlaceKind::Governorate | PlaceKind::District | PlaceKind::Subdistrict
                ) {
                    *admin
                        .entry((p.country.as_ref(), p.kind.as_str()))
                        .or_default() += 1;
                }
                *countries.entry(p.country.as_ref()).or_default() += 1;
                for s in p.source.split('+') {
                    *sources.entry(s).or_default() += 1;
                }
                names += 1 + p.variants_ar.len();
            }
            writeln!(out, "places\t{}", g.len()).map_err(out_err)?;
            writeln!(out, "arabic_names\t{names}").map_err(out_err)?;
            for (title, m) in [("kind", &kinds), ("source", &sources)] {
                for (k, v) in m {
                    writeln!(out, "{title}\t{k}\t{v}").map_err(out_err)?;
                }
            }
            for ((c, k), v) in &admin {
                writeln!(out, "admin\t{c}\t{k}\t{v}").map_err(out_err)?;
            }
            let mut cs: Vec<(&&str, &usize)> = countries.iter().collect();
            cs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (k, v) in cs {
                writeln!(out, "country\t{k}\t{v}").map_err(out_err)?;
            }
            Ok(Outcome::Found)
        }
        GazetteerCommand::Check { file } => {
            let (places, problems) = user::check_file(&file)?;
            if problems.is_empty() {
                writeln!(
                    out,
                    "{}: {} places, no problems",
                    file.display(),
                    places.len()
                )
                .map_err(out_err)?;
                Ok(Outcome::Found)
            } else {
                Err(Error::Many(
                    problems
                        .iter()
                        .map(|p| format!("{}: {}", p.location, p.message))
                        .chain(std::iter::once(format!(
                            "{} problem(s) in {}",
                            problems.len(),
                            file.display()
                        )))
                        .collect(),
                ))
            }
        }
    }
}
