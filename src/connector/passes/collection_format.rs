//! Replaces `collectionFormat: multi` by `csv`.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::connector::PassOut;
use crate::connector::walk::Ptr;

crate::declare_pass! {
    /// Pass: `collectionFormat: multi` becomes `csv`, with a warning.
    ///
    /// ## What
    /// A connector pass. `collectionFormat: multi` (the parameter repeated once per value) is
    /// replaced by `csv` (one comma-separated value), with a warning.
    ///
    /// ## Why
    /// The platform does not support `multi`.
    ///
    /// ## Example
    /// `?tag=a&tag=b` becomes `?tag=a,b`.
    ///
    /// ## Fix
    /// Check that the API accepts comma-separated values; if not, the operation needs a policy or
    /// custom code.
    pub static COLLECTION_FORMAT = Pass(run) {
        code: "CCF608",
        name: "fix-collection-format",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    fn fix(m: &mut Map<String, Value>, at: &Ptr, name: &str, out: &mut PassOut) {
        if m.field("collectionFormat").and_then(Value::as_str) == Some("multi") {
            m.insert("collectionFormat".into(), Value::String("csv".into()));
            out.warn(
                &at.key("collectionFormat"),
                format!("`collectionFormat: multi` on `{name}` is not supported by the platform; changed to `csv` (check that the API accepts comma-separated values)"),
            );
        }
        if let Some(items) = m.field_mut("items").and_then(Value::as_object_mut) {
            fix(items, &at.key("items"), name, out);
        }
    }
    out.each_parameter(doc, |p, at, out| {
        let name = p
            .field("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        fix(p, at, &name, out);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn multi_becomes_csv() {
        let found = crate::connector::passes::bad_good(
            &COLLECTION_FORMAT,
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "tag", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
            ]}}}}),
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "tag", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"}
            ]}}}}),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "/paths/~1s/get/parameters/0/collectionFormat");
    }
}
