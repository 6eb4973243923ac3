//! io stage.
