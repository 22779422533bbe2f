//! What several operation rules read: an operation's effective MIME types and its responses.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::swagger::Operation;

/// The operation's `consumes` or `produces` (`list` names which): its own when it has the key,
/// else the root's. The pointer says where the list is written (`None` when neither has it).
pub(super) fn effective_mimes<'a>(
    doc: &'a Value,
    op: &Operation<'a>,
    list: &str,
) -> (Option<&'a Vec<Value>>, Option<String>) {
    if let Some(own) = op.op.get(list) {
        return (own.as_array(), Some(op.pointer_to(list)));
    }
    match doc.get(list) {
        Some(root) => (root.as_array(), Some(format!("/{list}"))),
        None => (None, None),
    }
}

/// The MIME type without its parameters, trimmed: `application/json; charset=utf-8` gives
/// `application/json`.
pub(super) fn essence(mime: &str) -> &str {
    mime.split(';').next().unwrap_or_default().trim()
}

/// Whether a MIME type is one of the form encodings (`multipart/form-data`,
/// `application/x-www-form-urlencoded`), or names form data in some other spelling.
pub(super) fn is_form(mime: &str) -> bool {
    let m = essence(mime).to_ascii_lowercase();
    m.contains("form-data") || m.contains("x-www-form-urlencoded")
}

/// Whether a response key is a status code from 200 to 299.
pub(super) fn is_success_code(key: &str) -> bool {
    key.len() == 3 && key.starts_with('2') && key.bytes().all(|b| b.is_ascii_digit())
}

/// The operation's responses, each with its key and its object, `#/responses/NAME` references
/// resolved (the key then still is the operation's).
pub(super) fn responses<'a>(
    doc: &'a Value,
    op: &Operation<'a>,
) -> impl Iterator<Item = (&'a str, &'a Map<String, Value>)> {
    op.op
        .field("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(move |(k, v)| resolve_response(doc, v).map(|r| (k.as_str(), r)))
}

/// A response object, following a `#/responses/NAME` reference.
pub(super) fn resolve_response<'a>(doc: &'a Value, r: &'a Value) -> Option<&'a Map<String, Value>> {
    let map = r.as_object()?;
    match map.field("$ref").and_then(Value::as_str) {
        Some(target) => {
            let name = target.strip_prefix("#/responses/")?;
            doc.field("responses")?
                .get(crate::diagnostic::unescape_token(name))?
                .as_object()
        }
        None => Some(map),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_helpers() {
        assert_eq!(essence("application/json; charset=utf-8"), "application/json");
        assert!(is_form("multipart/form-data"));
        assert!(is_form("Application/X-WWW-Form-Urlencoded"));
        assert!(!is_form("application/json"));
        assert!(is_success_code("204"));
        assert!(!is_success_code("2XX"));
        assert!(!is_success_code("2000"));
    }
}
