//! The thin binary: parse arguments, call the library, map the outcome to an exit code.
#![forbid(unsafe_code)]

use athar::commands::{self, Cli, Outcome};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(athar::Error::Output { ref msg, .. }) if msg.contains("Broken pipe") => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("athar: {e}");
            ExitCode::from(2)
        }
    }
}
