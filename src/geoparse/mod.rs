//! geoparse stage.
