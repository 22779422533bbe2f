//! Gives parameters without `x-ms-summary` a label made from their name.

use crate::value::Lookup;
use serde_json::Value;

use super::{location, words_of_id};
use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: parameters without `x-ms-summary` get one in title case from their name.
    ///
    /// ## What
    /// A connector pass. Each non-body parameter without `x-ms-summary` gets one made from its name
    /// in title case (`page_size` → `Page Size`, `userId` → `User Id`).
    ///
    /// ## Why
    /// `x-ms-summary` is the label the designer shows; without it users see the raw name.
    ///
    /// ## Example
    /// `{name: api-version}` gains `x-ms-summary: Api Version`.
    ///
    /// ## Fix
    /// Nothing to do; write better labels by hand where the generated one is poor.
    pub static PARAMETER_SUMMARIES = Pass(run) {
        code: "CCF607",
        name: "fix-parameter-summaries",
    }
}

/// Title case words from a parameter name: `page_size` → `Page Size`, `userId` → `User Id`.
pub fn title_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        for w in words_of_id(part).split(' ') {
            let mut chars = w.chars();
            if let Some(f) = chars.next() {
                words.push(f.to_uppercase().chain(chars).collect());
            }
        }
    }
    words.join(" ")
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_parameter(doc, |p, at, out| {
        if location(p) == "body" || p.has("x-ms-summary") {
            return;
        }
        let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
        let label = title_case(name);
        if label.is_empty() {
            return;
        }
        out.note(
            at,
            format!("parameter `{name}` given `x-ms-summary: {label}`"),
        );
        p.insert("x-ms-summary".into(), Value::String(label));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn title_case_of_names() {
        assert_eq!(title_case("page_size"), "Page Size");
        assert_eq!(title_case("userId"), "User Id");
        assert_eq!(title_case("$filter"), "Filter");
        assert_eq!(title_case("api-version"), "Api Version");
    }

    #[test]
    fn parameters_get_a_label() {
        let found = crate::connector::passes::bad_good(
            &PARAMETER_SUMMARIES,
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "page_size", "in": "query", "type": "integer"},
                {"name": "body", "in": "body", "schema": {}}
            ]}}}}),
            json!({"paths": {"/s": {"get": {"parameters": [
                {"name": "page_size", "in": "query", "type": "integer", "x-ms-summary": "Page Size"},
                {"name": "body", "in": "body", "schema": {}}
            ]}}}}),
        );
        assert_eq!(found.len(), 1);
    }
}
