//! Reading what an operation consumes.

use crate::value::Lookup;
use serde_json::Value;

use crate::swagger::Operation;

/// The media types an operation consumes: its own `consumes`, else the document's.
pub(super) struct Consumes<'a> {
    pub list: &'a [Value],
}

impl<'a> Consumes<'a> {
    pub fn of(doc: &'a Value, op: &Operation<'a>) -> Self {
        if let Some(list) = op.op.field("consumes").and_then(Value::as_array) {
            return Consumes { list };
        }
        Consumes {
            list: doc
                .field("consumes")
                .and_then(Value::as_array)
                .map_or(&[], Vec::as_slice),
        }
    }

    /// Whether one of the media types is `wanted` (ignoring case and `;` parameters).
    pub fn has(&self, wanted: &str) -> bool {
        self.list.iter().filter_map(Value::as_str).any(|m| {
            m.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(wanted))
        })
    }
}

pub(super) const MULTIPART: &str = "multipart/form-data";
pub(super) const URLENCODED: &str = "application/x-www-form-urlencoded";
