use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The root `tags` list defines a tag twice.
    ///
    /// ## What
    /// Two entries of the document's `tags` list have the same `name`.
    ///
    /// ## Why
    /// Each tag is defined once; Microsoft's validator rejects a repeated one (`TagRedefined`).
    ///
    /// ## Example
    /// ```json
    /// "tags": [{"name": "Contacts"}, {"name": "Deals"}, {"name": "Contacts", "description": "..."}]
    /// ```
    ///
    /// ## Fix
    /// Keep one entry per tag, merging their descriptions.
    pub static RULE = Definition(check) {
        code: "CCF153",
        name: "tag-redefined",
        severity: Error,
        microsoft: ["TagRedefined"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(tags) = cx.doc.field("tags").and_then(Value::as_array) else {
        return;
    };
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(tags.len());
    for (i, tag) in tags.iter().enumerate() {
        let Some(name) = tag.field("name").and_then(Value::as_str) else {
            continue;
        };
        if let Some(j) = first.get(name) {
            out.emit(
                cx.src,
                format!("/tags/{i}/name"),
                format!("tag `{name}` is already defined at `/tags/{j}`"),
            );
        } else {
            first.insert(name, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_repeated_tag_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "tags": [{"name": "Contacts"}, {"name": "Deals"}, {"name": "Contacts"}]}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF153", "/tags/2/name", "tag `Contacts` is already defined at `/tags/0`")]
        );
    }

    #[test]
    fn distinct_tags_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "tags": [{"name": "Contacts"}, {"name": "contacts"}]}"#,
        );
        assert!(found.is_empty());
    }
}
