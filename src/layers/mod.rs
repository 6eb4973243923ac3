//! layers stage.
pub mod html;
