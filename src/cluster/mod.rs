//! cluster stage.
