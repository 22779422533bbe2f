//! Postman collections (v1, v2.0, v2.1) to Swagger 2.0.

mod build;
pub mod codes;
pub mod model;

use serde_json::Value;

use super::{ImportOptions, Imported};

/// Converts a Postman collection (`name` is how diagnostics name its file).
pub fn convert(name: &str, value: Value, opts: &ImportOptions) -> Imported {
    let col = model::read(&value);
    // The model holds what is needed; the tree can go before the definition is built.
    drop(value);
    build::build(col, opts, name)
}
