//! athar (أثر, "trace"): Arabic conflict reporting → incidents → clusters → map layers.
//!
//! Data flows one way through plain types, one module per stage:
//! [`text`] (normalise, tokens, numbers, dates) → [`gazetteer`] (bundled places) →
//! [`geoparse`] (mentions, resolution, roles) → [`incident`] (event, actor, date, casualties) →
//! [`cluster`] (DBSCAN / ST-DBSCAN on an R-tree) → [`layers`] (GeoJSON, CSV, GeoPackage, QML, HTML).
#![forbid(unsafe_code)]

pub mod cluster;
pub mod commands;
pub mod error;
pub mod gazetteer;
pub mod geoparse;
pub mod incident;
pub mod io;
pub mod layers;
pub mod pipeline;
pub mod text;

pub use error::{Error, Result};
