//! Postman collections (v1, v2.0, v2.1) to Swagger 2.0.

mod build;
pub mod codes;
pub mod model;

use super::{ImportOptions, Imported};
use crate::source::Source;

/// Converts a Postman collection.
pub fn convert(src: &Source, opts: &ImportOptions) -> Imported {
    let col = model::read(&src.value);
    build::build(col, opts, &src.name)
}
