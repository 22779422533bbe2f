//! Reading what an operation consumes.

use serde_json::Value;

use crate::swagger::Operation;

/// The media types an operation consumes: its own `consumes`, else the document's.
pub(super) struct Consumes<'a> {
    pub list: &'a [Value],
    /// Whether the list is the operation's own (else the document's, else none at all).
    own: bool,
    global: bool,
}

impl<'a> Consumes<'a> {
    pub fn of(doc: &'a Value, op: &Operation<'a>) -> Self {
        if let Some(list) = op.op.get("consumes").and_then(Value::as_array) {
            return Consumes {
                list,
                own: true,
                global: false,
            };
        }
        match doc.get("consumes").and_then(Value::as_array) {
            Some(list) => Consumes {
                list,
                own: false,
                global: true,
            },
            None => Consumes {
                list: &[],
                own: false,
                global: false,
            },
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

    /// Pointer of the `consumes` that applies, or of the operation when there is none.
    pub fn pointer(&self, op: &Operation) -> String {
        if self.own {
            op.pointer_to("consumes")
        } else if self.global {
            "/consumes".to_string()
        } else {
            op.pointer()
        }
    }
}

pub(super) const MULTIPART: &str = "multipart/form-data";
pub(super) const URLENCODED: &str = "application/x-www-form-urlencoded";
