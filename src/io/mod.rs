//! Input readers and atomic output files.

pub mod atomic;

pub use atomic::{write_atomic, write_atomic_with};
