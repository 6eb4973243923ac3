//! Incident stage: event type, weapon, actor, date, casualty claims, dedup.

pub mod dedup;
pub mod types;

pub use types::{Claim, Incident, PlaceRecord, Qualifier};
pub mod casualties;
pub mod extract;
pub mod lexicon;

pub use extract::{extract, Document, Extraction};
