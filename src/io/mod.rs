//! Input readers and atomic output files.

pub mod atomic;
pub mod input;

pub use atomic::{write_atomic, write_atomic_with};
