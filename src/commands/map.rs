//! `athar map`.

use super::Outcome;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct MapArgs {
    /// Input files or folders.
    pub inputs: Vec<PathBuf>,
    /// Output path.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(_args: MapArgs) -> crate::Result<Outcome> {
    Err(crate::Error::usage(
        "athar map is not available in this build yet",
    ))
}
