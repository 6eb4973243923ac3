//! Incident stage: event type, weapon, actor, date, casualty claims, dedup.

pub mod dedup;
pub mod types;

pub use types::{Claim, Incident, PlaceRecord, Qualifier};
