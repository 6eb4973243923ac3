//! One integration-test binary for the whole CLI: one module per area.

/// The `athar` binary built for these tests.
pub fn athar() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_athar"))
}

mod badinput;
mod cluster;
mod extract;
mod gazetteer;
mod layers;
mod props;
mod webmap;
