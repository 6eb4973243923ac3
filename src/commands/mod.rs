//! The command line: argument types (clap) and one function per subcommand.
//!
//! `main` only parses and calls [`run`]; everything a user can get wrong is validated here
//! and reported as an [`Error`](crate::Error) with exit code 2.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub mod cluster;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod map;

/// What a command achieved, mapped to exit codes like ripgrep's: 0 found, 1 nothing found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

#[derive(Debug, Parser)]
#[command(
    name = "athar",
    version,
    about = "athar (أثر): Arabic conflict reporting → incidents → clusters → GIS map layers",
    long_about = "athar reads Arabic reports of attacks, finds the places named (bundled Arabic \
gazetteer: all of Syria down to Aleppo neighbourhoods, world cities), decides where each attack \
landed, and writes incidents with event type, weapon, actor, date and casualty claims, clustered \
in space and time, as GeoJSON, CSV, GeoPackage and an offline HTML map.\n\nExit codes: 0 ok, \
1 nothing found, 2 error.",
    after_help = "Examples:\n  athar map examples/ -o out/\n  athar extract reports.jsonl --format geojson -o incidents.geojson\n  athar gazetteer lookup الصاخور"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract incidents from Arabic reports (one incident per place where an attack landed).
    #[command(
        after_help = "Examples:\n  athar extract reports.jsonl > incidents.geojsons\n  athar extract texts/ --format geojson -o incidents.geojson\n  echo 'غارة جوية على حي الصاخور في حلب' | athar extract - --date 2016-09-24"
    )]
    Extract(extract::ExtractArgs),
    /// Run the whole pipeline and write all map layers into a folder.
    #[command(after_help = "Example:\n  athar map examples/ -o out/ --html")]
    Map(map::MapArgs),
    /// Cluster any point layer (GeoJSON, GeoJSONSeq or CSV) with DBSCAN / ST-DBSCAN.
    #[command(
        after_help = "Example:\n  athar cluster strikes.geojson -o clustered/ --eps-km 0.5 --min-points 4 --time-field date --window-days 7"
    )]
    Cluster(cluster::ClusterArgs),
    /// Look up, summarise or validate gazetteers.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
    /// Write a self-contained offline HTML map from layers written by `athar map`.
    #[command(after_help = "Example:\n  athar html out/ -o map.html")]
    Html(html::HtmlArgs),
}

/// Options shared by every command that uses the gazetteer.
#[derive(Debug, Clone, Args, Default)]
pub struct GazetteerOpts {
    /// Your own places (CSV with header, or GeoJSON points) laid over the bundled gazetteer:
    /// your rows win on the same id, new names are added.
    #[arg(long, value_name = "FILE", global = true)]
    pub gazetteer: Option<PathBuf>,
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> crate::Result<Outcome> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Map(a) => map::run(a),
        Command::Cluster(a) => cluster::run(a),
        Command::Gazetteer(c) => gazetteer::run(c),
        Command::Html(a) => html::run(a),
    }
}
