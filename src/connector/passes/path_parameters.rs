//! Makes path parameters required and single-encoded.

use serde_json::Value;

use super::location;
use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: path parameters get `required: true` and `x-ms-url-encoding: single`.
    ///
    /// ## What
    /// A connector pass. Every `in: path` parameter is made `required: true` and gets
    /// `x-ms-url-encoding: single` when it has no valid encoding (`single` or `double`).
    ///
    /// ## Why
    /// The importer requires both; without the encoding, values with `/` or spaces are sent
    /// wrongly.
    ///
    /// ## Example
    /// `{name: id, in: path, type: string}` gains `required: true` and `x-ms-url-encoding: single`.
    ///
    /// ## Fix
    /// Nothing to do; use `double` by hand where the API expects double-encoded values.
    pub static PATH_PARAMETERS = Pass(run) {
        code: "CCF605",
        name: "fix-path-parameters",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_parameter(doc, |p, at, out| {
        if location(p) != "path" {
            return;
        }
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if p.get("required") != Some(&Value::Bool(true)) {
            p.insert("required".into(), Value::Bool(true));
            out.note(
                &at.key("required"),
                format!("path parameter `{name}` made required"),
            );
        }
        let enc = p.get("x-ms-url-encoding").and_then(Value::as_str);
        if !matches!(enc, Some("single" | "double")) {
            p.insert("x-ms-url-encoding".into(), Value::String("single".into()));
            out.note(
                &at.key("x-ms-url-encoding"),
                format!("path parameter `{name}` given `x-ms-url-encoding: single`"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_parameters_are_required_and_encoded() {
        let found = crate::connector::passes::bad_good(
            &PATH_PARAMETERS,
            json!({"paths": {"/u/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "type": "string"}
            ]}}}}),
            json!({"paths": {"/u/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "type": "string", "required": true, "x-ms-url-encoding": "single"}
            ]}}}}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "/paths/~1u~1{id}/get/parameters/0/required");
    }
}
