//! `athar cluster`.

use super::Outcome;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Input files or folders.
    pub inputs: Vec<PathBuf>,
    /// Output path.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(_args: ClusterArgs) -> crate::Result<Outcome> {
    Err(crate::Error::usage(
        "athar cluster is not available in this build yet",
    ))
}
