//! `athar gazetteer lookup|stats|check`.

use super::{GazetteerOpts, Outcome};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Candidates for a name, most likely first.
    Lookup {
        name: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        opts: GazetteerOpts,
    },
    /// Counts by kind, country and source.
    Stats {
        #[command(flatten)]
        opts: GazetteerOpts,
    },
    /// Validate your own gazetteer file.
    Check { file: PathBuf },
}

pub fn run(_c: GazetteerCommand) -> crate::Result<Outcome> {
    Err(crate::Error::usage("athar gazetteer is not available in this build yet"))
}
