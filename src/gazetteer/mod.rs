//! The bundled Arabic gazetteer: places, their names and variants, lookup.

pub mod place;

pub use place::{Place, PlaceKind};
