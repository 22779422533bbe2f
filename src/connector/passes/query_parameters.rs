//! Removes `x-ms-url-encoding` from query parameters.

use crate::value::Lookup;
use serde_json::Value;

use super::location;
use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: query parameters lose `x-ms-url-encoding`.
    ///
    /// ## What
    /// A connector pass. `x-ms-url-encoding` is removed from query parameters.
    ///
    /// ## Why
    /// Microsoft's validator allows the extension only on path parameters.
    ///
    /// ## Example
    /// `{name: q, in: query, x-ms-url-encoding: single}` loses the extension.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static QUERY_PARAMETERS = Pass(run) {
        code: "CCF606",
        name: "fix-query-parameters",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_parameter(doc, |p, at, out| {
        if location(p) == "query" && p.remove("x-ms-url-encoding").is_some() {
            let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
            out.note(
                at,
                format!("removed `x-ms-url-encoding` from query parameter `{name}` (allowed on path parameters only)"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_parameters_lose_the_encoding() {
        let found = crate::connector::passes::bad_good(
            &QUERY_PARAMETERS,
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "q", "in": "query", "type": "string", "x-ms-url-encoding": "single"}
            ]}}}}),
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}),
        );
        assert_eq!(found.len(), 1);
    }
}
